// How good the saved forecasts were: per family and lag, the WAPE, bias, tracking signal and MASE of the demand each saved version was planned on against the actuals, and the forecast value added from naive to consensus.
import { bias, demandBaseline, type BaselineSource, mase, maseScale, seasonalAllowed, trackingSignal, trackingSignalAlarm, wape } from "./forecast";
import type { DemandHistory } from "./demandReview";
import { periodKey, type PlanVersion } from "./versions";

/** One saved forecast met by its actual: the version, the period, its lag and both numbers. */
export interface AccuracyPair {
  version: string;
  period: string;
  /** The actual's period minus the version's first period (0: the version's first period). */
  lag: number;
  actual: number;
  /** The demand the version was planned on. */
  forecast: number;
}

/** The saved forecasts of one lag, pooled over every version that has it. */
export interface LagAccuracy {
  lag: number;
  /** How many (version, period) pairs are pooled. */
  periods: number;
  /** ΣA, ΣF and Σ|A − F| over the pairs: the sums WAPE and bias divide. */
  actual: number;
  forecast: number;
  absoluteError: number;
  /** Σ|A − F| / ΣA, a fraction; null when the actuals sum to 0. */
  wape: number | null;
  /** Σ(F − A) / ΣA, a fraction: positive when the forecast ran high; null when the actuals sum to 0. */
  bias: number | null;
  /** Σ(A − F) / MAD; null when every error is 0. */
  trackingSignal: number | null;
  /** |tracking signal| > 4: the forecast is biased at this lag. */
  trackingAlarm: boolean;
  /** Mean |A − F| over the family's (seasonal) naive in-sample MAE; null when that scale is 0 or unknown. */
  mase: number | null;
}

/** One step of the forecast value added waterfall: its WAPE over the same pairs as every other step, and the change from the step before. */
export interface ValueAddedStep {
  /** `naive`, `statistical`, an input's Source (`Sales`), `consensus`. */
  step: string;
  /** Σ|A − F| and ΣA over the pairs: the sums WAPE divides. */
  absoluteError: number;
  actual: number;
  wape: number | null;
  /** This step's WAPE minus the previous step's (negative: the step made the forecast better); null for the first step. */
  change: number | null;
}

export interface FamilyAccuracy {
  family: string;
  /** Every saved forecast of the family met by an actual, by version then period. */
  pairs: AccuracyPair[];
  /** By lag, from 0 up. */
  lags: LagAccuracy[];
  /** The MASE scale: the in-sample MAE of the seasonal naive forecast (naive without a season) over all the family's actuals. */
  maseScale: number | null;
  /** naive → statistical → each input source → consensus, over `valueAddedPeriods` pairs of the latest VALUE_ADDED_VERSIONS versions where every step is known; empty when there are none. */
  valueAdded: ValueAddedStep[];
  valueAddedPeriods: number;
}

const keyOf = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * The value added covers the latest versions that have actuals, this many: its statistical step
 * refits a baseline at each version's origin (tens of milliseconds a series), so a year of monthly
 * versions over many families would cost more than the review itself. A quarter of monthly meetings.
 */
export const VALUE_ADDED_VERSIONS = 3;

/**
 * The accuracy of every saved version's demand against the actuals, per family (a family's own
 * actuals row, not its products'), for the periods both have (matched by label as the tables'
 * headers are). Each lag pools every version having it. The value added compares, over the same
 * pairs: the naive forecast (the last actual before the version's first period), the statistical
 * baseline refitted on the actuals before that period (the method the review would have chosen
 * then), each team's input the version saved, and the consensus the version was planned on.
 */
export function forecastAccuracy(history: DemandHistory, versions: readonly PlanVersion[], baselineOf: BaselineSource = demandBaseline): FamilyAccuracy[] {
  const index = new Map(history.periods.map((label, i) => [periodKey(label), i]));
  const result: FamilyAccuracy[] = [];
  for (const series of history.series) {
    if (series.product !== null) continue;
    const actuals = series.actuals;
    const pairs: (AccuracyPair & { origin: number; inputs: Map<string, number> })[] = [];
    for (const version of versions) {
      const saved = version.families.find((f) => keyOf(f.family) === keyOf(series.family));
      if (!saved) continue;
      saved.periods.forEach((p, lag) => {
        const at = index.get(periodKey(p.period));
        if (at === undefined) return;
        const inputs = new Map((p.inputs ?? []).map((i) => [i.source, i.units]));
        pairs.push({ version: version.name, period: p.period, lag, actual: actuals[at], forecast: p.demand, origin: at - lag, inputs });
      });
    }
    if (pairs.length === 0) continue;
    const seasonal = seasonalAllowed(actuals.length, history.seasonLength);
    const scale = maseScale(actuals, seasonal ? history.seasonLength : 1);
    const lagNumbers = [...new Set(pairs.map((p) => p.lag))].sort((a, b) => a - b);
    const lags = lagNumbers.map((lag): LagAccuracy => {
      const mine = pairs.filter((p) => p.lag === lag);
      const a = mine.map((p) => p.actual);
      const f = mine.map((p) => p.forecast);
      const signal = trackingSignal(a, f);
      return {
        lag,
        periods: mine.length,
        actual: sum(a),
        forecast: sum(f),
        absoluteError: sum(mine.map((p) => Math.abs(p.actual - p.forecast))),
        wape: wape(a, f),
        bias: bias(a, f),
        trackingSignal: signal,
        trackingAlarm: trackingSignalAlarm(signal),
        mase: mase(a, f, scale),
      };
    });
    const waterfall = valueAdded(pairs, actuals, history.seasonLength, baselineOf);
    result.push({
      family: series.family,
      pairs: pairs.map(({ version, period, lag, actual, forecast }) => ({ version, period, lag, actual, forecast })),
      lags,
      maseScale: scale,
      valueAdded: waterfall.steps,
      valueAddedPeriods: waterfall.periods,
    });
  }
  return result;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * The waterfall over the pairs of the latest VALUE_ADDED_VERSIONS versions (in the order given)
 * where every step has a forecast: naive and statistical need an actual before the version's first period.
 */
function valueAdded(
  allPairs: readonly (AccuracyPair & { origin: number; inputs: Map<string, number> })[],
  actuals: readonly number[],
  seasonLength: number,
  baselineOf: BaselineSource,
): { steps: ValueAddedStep[]; periods: number } {
  const recent = new Set([...new Set(allPairs.map((p) => p.version))].slice(-VALUE_ADDED_VERSIONS));
  const pairs = allPairs.filter((p) => recent.has(p.version));
  // The statistical forecast each version's origin would have had: one baseline per origin, as far as its furthest lag.
  const statistical = new Map<number, number[]>();
  for (const p of pairs) {
    if (p.origin < 1) continue;
    const furthest = Math.max(...pairs.filter((q) => q.origin === p.origin).map((q) => q.lag));
    if (!statistical.has(p.origin)) statistical.set(p.origin, baselineOf(actuals.slice(0, p.origin), { horizon: furthest + 1, seasonLength }).points.map((pt) => pt.forecast));
  }
  const sources: string[] = [];
  for (const p of pairs) for (const source of p.inputs.keys()) if (!sources.includes(source)) sources.push(source);
  const steps: { step: string; of: (p: (typeof pairs)[number]) => number | undefined }[] = [
    { step: "naive", of: (p) => (p.origin >= 1 ? actuals[p.origin - 1] : undefined) },
    { step: "statistical", of: (p) => statistical.get(p.origin)?.[p.lag] },
    ...sources.map((source) => ({ step: source, of: (p: (typeof pairs)[number]) => p.inputs.get(source) })),
    { step: "consensus", of: (p) => p.forecast },
  ];
  // A source a version did not save drops that version's pairs only when it is known somewhere: every step stays comparable.
  const usable = pairs.filter((p) => steps.every((s) => s.of(p) !== undefined));
  if (usable.length === 0) return { steps: [], periods: 0 };
  const a = usable.map((p) => p.actual);
  let previous: number | null = null;
  const out = steps.map((s, i): ValueAddedStep => {
    const f = usable.map((p) => s.of(p) as number);
    const w = wape(a, f);
    const change = i === 0 || w === null || previous === null ? null : w - previous;
    previous = w;
    return { step: s.step, absoluteError: sum(a.map((x, k) => Math.abs(x - f[k]))), actual: sum(a), wape: w, change };
  });
  return { steps: out, periods: usable.length };
}

/** How good last month's forecast was: the lag-0 forecasts of the latest version that has any, pooled over the families. */
export interface LastForecastAccuracy {
  version: string;
  /** The periods (one per family, normally) pooled. */
  periods: number;
  families: number;
  actual: number;
  forecast: number;
  wape: number | null;
  bias: number | null;
}

/**
 * The accuracy of the most recent version's first period (lag 0) against its actual, all
 * families together: Σ|A − F| / ΣA and Σ(F − A) / ΣA. `versions` in the order saved (the latest
 * last, as `latestVersion` reads them); null when no version's first period has an actual.
 */
export function lastForecastAccuracy(accuracy: readonly FamilyAccuracy[], versions: readonly PlanVersion[]): LastForecastAccuracy | null {
  const ordered = versions.map((v, i) => ({ v, i })).sort((a, b) => (a.v.savedAt < b.v.savedAt ? -1 : a.v.savedAt > b.v.savedAt ? 1 : a.i - b.i));
  for (let k = ordered.length - 1; k >= 0; k--) {
    const name = ordered[k].v.name;
    const pairs = accuracy.flatMap((f) => f.pairs.filter((p) => p.version === name && p.lag === 0).map((p) => ({ ...p, family: f.family })));
    if (pairs.length === 0) continue;
    const a = pairs.map((p) => p.actual);
    const f = pairs.map((p) => p.forecast);
    return { version: name, periods: pairs.length, families: new Set(pairs.map((p) => p.family)).size, actual: sum(a), forecast: sum(f), wape: wape(a, f), bias: bias(a, f) };
  }
  return null;
}

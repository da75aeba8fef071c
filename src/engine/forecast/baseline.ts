// The statistical baseline of one series: the candidate methods fitted to its history, compared on a rolling-origin holdout by MASE (WAPE breaks ties), the best one's forecast with 80 % and 95 % intervals.
import { mae, mase, maseScale, wape } from "./accuracy";
import { movingAverageForecast, naiveForecast, seasonalNaiveForecast, type MethodForecast } from "./benchmarks";
import { etsAdvance, etsPointForecasts, fitEtsForm, selectEts, type EtsFit, type EtsSelection } from "./ets";
import { etsForecast } from "./etsForecast";
import { croston, fitIntermittent, intermittentForecast, isIntermittent, tsb, type IntermittentFit, type IntermittentMethod } from "./intermittent";
import { intervalZ } from "./normal";

/** The candidates, in the order that settles an exact tie (the simpler first). `ETS` is the AICc-chosen form. */
export const BASELINE_METHODS = ["naive", "seasonal naive", "moving average", "ETS", "Croston", "SBA", "TSB"] as const;
export type BaselineMethod = (typeof BASELINE_METHODS)[number];

export type PeriodKind = "month" | "week" | "quarter";

/** The season length a period kind implies: 12 months, 52 weeks, 4 quarters. */
export function seasonLengthOf(kind: PeriodKind): number {
  return kind === "month" ? 12 : kind === "week" ? 52 : 4;
}

/** Seasonal methods need two full seasons plus one period of history. */
export function seasonalAllowed(historyLength: number, seasonLength: number): boolean {
  return seasonLength >= 2 && historyLength >= 2 * seasonLength + 1;
}

export interface BaselineOptions {
  /** Periods to forecast. */
  horizon: number;
  /** Periods in a season; 1 (the default) for none. */
  seasonLength?: number;
  /** One method instead of the selection; `ETS` still chooses its form by AICc. */
  method?: BaselineMethod;
  /** Holdout periods (rolling origins); default min(max(season, 6), ⌊n/3⌋). */
  holdout?: number;
  /** Fit Croston's, SBA's and TSB's smoothing parameters (grid 0.05 … 0.5, in-sample MSE) instead of α = β = 0.1. */
  fitIntermittent?: boolean;
}

/** One forecast period: the forecast and its 80 % and 95 % prediction interval, never below 0. */
export interface BaselinePoint {
  forecast: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

/** A candidate's holdout result. */
export interface CandidateScore {
  /** `naive`, `seasonal naive`, `moving average`, `ETS(M,Ad,M)`, `Croston`, `SBA`, `TSB`. */
  method: string;
  parameters: Record<string, number>;
  /** Holdout MASE (null when there is no holdout or the scale is 0). */
  mase: number | null;
  /** Holdout WAPE as a fraction (null when the holdout's actuals sum to 0). */
  wape: number | null;
  /** Holdout mean absolute error. */
  mae: number | null;
}

export interface Baseline extends CandidateScore {
  /** The runner-up of the holdout, null when only one method was compared. */
  runnerUp: CandidateScore | null;
  /** Every candidate compared, best first. */
  candidates: CandidateScore[];
  points: BaselinePoint[];
  /** The season length used (1 when the history is too short for a season, or none was given). */
  seasonLength: number;
  intermittent: boolean;
  holdout: {
    /** Periods at the end of the history that were forecast from rolling origins. */
    periods: number;
    /** The chosen method's one-step-ahead holdout errors (actual − forecast), oldest first. */
    oneStepErrors: number[];
    /** Their root mean square (for a service-level safety stock); null without a holdout. */
    oneStepRmse: number | null;
  };
  /** The AICc of each ETS form tried (when ETS was a candidate). */
  etsForms: { method: string; aicc: number }[];
  /** Why this method: the comparison in a sentence, then what limited the candidates. */
  reasons: string[];
}

/** A candidate fitted to the whole history, able to re-forecast from earlier origins. */
interface Candidate {
  key: BaselineMethod;
  method: string;
  parameters: Record<string, number>;
  forecast(h: number): MethodForecast;
  /** Forecasts from each origin (the history before it), `lead` steps or to the end of the history. */
  fromOrigins(history: readonly number[], origins: readonly number[], lead: number): number[][];
}

function refitEachOrigin(history: readonly number[], origins: readonly number[], lead: number, forecast: (training: readonly number[], h: number) => number[]): number[][] {
  return origins.map((o) => forecast(history.slice(0, o), Math.min(lead, history.length - o)));
}

function etsParameters(fit: EtsFit): Record<string, number> {
  const p: Record<string, number> = { alpha: fit.parameters.alpha };
  if (fit.form.trend !== "N") p.beta = fit.parameters.beta;
  if (fit.form.season !== "N") p.gamma = fit.parameters.gamma;
  if (fit.form.trend === "Ad") p.phi = fit.parameters.phi;
  return p;
}

/**
 * The ETS candidate: the form chosen by AICc on the whole history. On the holdout its parameters
 * are re-estimated once on the history before the first origin (when that is long enough for the
 * form, else the whole history's are kept) and then held fixed while the states roll forward.
 */
function etsCandidate(history: readonly number[], seasonLength: number, seasonal: boolean): { candidate: Candidate; forms: EtsSelection["tried"] } | null {
  const selection = selectEts(history, seasonLength, { seasonal });
  if (!selection) return null;
  const fit = selection.best;
  return {
    forms: selection.tried,
    candidate: {
      key: "ETS",
      method: fit.method,
      parameters: { ...etsParameters(fit), aicc: fit.aicc },
      forecast(h) {
        const f = etsForecast(fit, h);
        return { mean: f.mean, sd: f.variance.map((v) => Math.sqrt(Math.max(0, v))) };
      },
      fromOrigins(y, origins, lead) {
        if (origins.length === 0) return [];
        const first = origins[0];
        const training = y.slice(0, first);
        const refit = fitEtsForm(training, fit.form, fit.seasonLength);
        const model = refit ?? fit;
        let state = refit ? refit.finalState : etsAdvance(fit, fit.initialState, training);
        let at = first;
        return origins.map((o) => {
          if (o > at) {
            state = etsAdvance(model, state, y.slice(at, o));
            at = o;
          }
          return etsPointForecasts(model.form, model.seasonLength, model.parameters.phi, state, Math.min(lead, y.length - o));
        });
      },
    },
  };
}

function intermittentCandidate(history: readonly number[], method: IntermittentMethod, fitted: boolean): Candidate {
  const fit = (y: readonly number[]): IntermittentFit =>
    fitted ? fitIntermittent(y, method) : method === "TSB" ? tsb(y) : croston(y, { variant: method });
  const whole = fit(history);
  const parameters: Record<string, number> = { alpha: whole.alpha };
  if (whole.beta !== undefined) parameters.beta = whole.beta;
  return {
    key: method,
    method,
    parameters,
    forecast: (h) => intermittentForecast(whole, h),
    fromOrigins: (y, origins, lead) => refitEachOrigin(y, origins, lead, (training, h) => intermittentForecast(fit(training), h).mean),
  };
}

function candidatesFor(history: readonly number[], m: number, options: BaselineOptions, reasons: string[]): { candidates: Candidate[]; etsForms: EtsSelection["tried"]; seasonal: boolean; intermittent: boolean } {
  const n = history.length;
  const seasonal = seasonalAllowed(n, m);
  if (m >= 2 && !seasonal) reasons.push(`no seasonal method: ${n} periods of history, fewer than two seasons of ${m} plus one`);
  const wanted = (key: BaselineMethod): boolean => options.method === undefined || options.method === key;
  const candidates: Candidate[] = [];
  if (wanted("naive"))
    candidates.push({
      key: "naive",
      method: "naive",
      parameters: {},
      forecast: (h) => naiveForecast(history, h),
      fromOrigins: (y, origins, lead) => refitEachOrigin(y, origins, lead, (training, h) => naiveForecast(training, h).mean),
    });
  if (wanted("seasonal naive") && seasonal)
    candidates.push({
      key: "seasonal naive",
      method: "seasonal naive",
      parameters: { seasonLength: m },
      forecast: (h) => seasonalNaiveForecast(history, h, m),
      fromOrigins: (y, origins, lead) => refitEachOrigin(y, origins, lead, (training, h) => seasonalNaiveForecast(training, h, m).mean),
    });
  if (wanted("moving average") && n >= 4) {
    const whole = movingAverageForecast(history, 1);
    candidates.push({
      key: "moving average",
      method: "moving average",
      parameters: { order: whole.order },
      forecast: (h) => movingAverageForecast(history, h, whole.order),
      fromOrigins: (y, origins, lead) => refitEachOrigin(y, origins, lead, (training, h) => movingAverageForecast(training, h).mean),
    });
  }
  let etsForms: EtsSelection["tried"] = [];
  if (wanted("ETS")) {
    const constant = history.every((v) => v === history[0]);
    const ets = constant ? null : etsCandidate(history, m, seasonal && m <= 24);
    if (ets) {
      candidates.push(ets.candidate);
      etsForms = ets.forms;
    } else {
      reasons.push(constant ? "no ETS: the history is constant" : "no ETS: the history is too short for any form");
    }
    if (seasonal && m > 24) reasons.push(`ETS without a season: ets() handles seasons of at most 24 periods, not ${m}`);
  }
  const intermittent = isIntermittent(history) && history.every((v) => v >= 0) && history.some((v) => v > 0);
  const forcedIntermittent = options.method === "Croston" || options.method === "SBA" || options.method === "TSB";
  if (intermittent || forcedIntermittent) {
    for (const method of ["Croston", "SBA", "TSB"] as const) {
      if (wanted(method)) candidates.push(intermittentCandidate(history, method, options.fitIntermittent ?? false));
    }
  }
  return { candidates, etsForms, seasonal, intermittent };
}

function defaultHoldout(n: number, m: number): number {
  return Math.min(Math.max(m, 6), Math.floor(n / 3));
}

/** Scores on the holdout: MASE first, WAPE on a tie, then the fixed order of the methods. */
function compareScores(a: CandidateScore & { order: number }, b: CandidateScore & { order: number }): number {
  const close = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
  for (const key of ["mase", "wape", "mae"] as const) {
    const x = a[key] ?? Infinity;
    const y = b[key] ?? Infinity;
    if (x === y || (Number.isFinite(x) && Number.isFinite(y) && close(x, y))) continue;
    return x < y ? -1 : 1;
  }
  return a.order - b.order;
}

function formatted(x: number | null): string {
  return x === null ? "n/a" : x.toFixed(3);
}

/**
 * The statistical baseline of a history (oldest first, blank periods as 0): each candidate
 * (naive; seasonal naive and the seasonal ETS forms with two seasons plus one of history; moving
 * average; the ETS form with the lowest AICc; Croston, SBA and TSB when a third or more of the
 * periods are 0) forecasts the last `holdout` periods from rolling origins, fitted on the history
 * before each origin; the lowest pooled MASE wins, WAPE breaks ties, the runner-up is kept.
 * Forecasts and interval bounds below 0 are reported as 0. Deterministic: no clock, no randomness.
 */
export function demandBaseline(history: readonly number[], options: BaselineOptions): Baseline {
  const n = history.length;
  if (n === 0) throw new RangeError("a baseline needs at least one period of history");
  if (!(options.horizon >= 0) || !Number.isInteger(options.horizon)) throw new RangeError(`horizon ${options.horizon}: a whole number of periods`);
  for (const v of history) if (!Number.isFinite(v)) throw new RangeError("the history holds a value that is not a number");
  const requested = Math.max(1, Math.floor(options.seasonLength ?? 1));
  const reasons: string[] = [];
  const { candidates, etsForms, seasonal, intermittent } = candidatesFor(history, requested, options, reasons);
  if (candidates.length === 0) {
    // A forced method that cannot run on this history falls back to the naive method.
    reasons.push(`${options.method} cannot run on ${n} periods of history: naive instead`);
    candidates.push(...candidatesFor(history, requested, { ...options, method: "naive" }, []).candidates);
  }
  const m = seasonal ? requested : 1;

  // Every origin keeps at least a season (or a period) of history before it.
  const holdout = Math.max(0, Math.min(options.holdout ?? defaultHoldout(n, requested), n - (seasonal ? requested : 1)));
  const origins = Array.from({ length: holdout }, (_, i) => n - holdout + i);
  const lead = Math.max(1, Math.min(holdout, options.horizon || holdout));
  const scale = holdout > 0 ? maseScale(history.slice(0, n - holdout), seasonal ? requested : 1) : null;
  const holdoutActuals = origins.map((o) => history.slice(o, o + Math.min(lead, n - o)));

  const scored = candidates.map((candidate, order) => {
    const paths = holdout > 0 ? candidate.fromOrigins(history, origins, lead).map((path) => path.map((f) => Math.max(0, f))) : [];
    const actual = holdoutActuals.flat();
    const forecast = paths.flat();
    const errors = actual.map((a, i) => a - forecast[i]);
    const oneStepErrors = paths.map((path, i) => holdoutActuals[i][0] - path[0]);
    const score: CandidateScore & { order: number } = {
      method: candidate.method,
      parameters: candidate.parameters,
      mase: holdout > 0 ? mase(actual, forecast, scale) : null,
      wape: holdout > 0 ? wape(actual, forecast) : null,
      mae: holdout > 0 ? mae(errors) : null,
      order,
    };
    return { candidate, score, oneStepErrors };
  });
  scored.sort((a, b) => compareScores(a.score, b.score));
  const best = scored[0];
  const runner = scored[1] ?? null;
  const strip = ({ method, parameters, mase: ms, wape: wp, mae: ma }: CandidateScore): CandidateScore => ({ method, parameters, mase: ms, wape: wp, mae: ma });

  if (holdout === 0) reasons.unshift(`no holdout: ${n} period${n === 1 ? "" : "s"} of history`);
  else if (scored.length === 1) reasons.unshift(`${best.score.method} as asked: holdout MASE ${formatted(best.score.mase)}, WAPE ${formatted(best.score.wape)} over the last ${holdout} periods`);
  else
    reasons.unshift(
      `lowest holdout MASE of ${scored.length} methods over the last ${holdout} periods: ${best.score.method} ${formatted(best.score.mase)}` +
        (runner ? `, runner-up ${runner.score.method} ${formatted(runner.score.mase)}` : ""),
    );
  if (intermittent) reasons.push(`intermittent: ${history.filter((v) => v === 0).length} of ${n} periods without demand`);

  const f = best.candidate.forecast(options.horizon);
  const z80 = intervalZ(0.8);
  const z95 = intervalZ(0.95);
  const points = f.mean.map((mean, i) => {
    const sd = f.sd[i];
    const clip = (x: number): number => Math.max(0, x);
    return { forecast: clip(mean), lo80: clip(mean - z80 * sd), hi80: clip(mean + z80 * sd), lo95: clip(mean - z95 * sd), hi95: clip(mean + z95 * sd) };
  });
  const oneStepErrors = best.oneStepErrors;
  const oneStepRmse = oneStepErrors.length > 0 ? Math.sqrt(oneStepErrors.reduce((s, e) => s + e * e, 0) / oneStepErrors.length) : null;
  return {
    ...strip(best.score),
    runnerUp: runner ? strip(runner.score) : null,
    candidates: scored.map((s) => strip(s.score)),
    points,
    seasonLength: m,
    intermittent,
    holdout: { periods: holdout, oneStepErrors, oneStepRmse },
    etsForms,
    reasons,
  };
}

/** Where a run takes its baselines from: `demandBaseline` itself, or the same calls answered ahead of the run (e.g. on several cores). */
export type BaselineSource = (history: readonly number[], options: BaselineOptions) => Baseline;

/** One call of `demandBaseline`, as data: what a run asks for, to be answered elsewhere. */
export interface BaselineRequest {
  history: number[];
  options: BaselineOptions;
}

/** The identity of a call: the history and every option that changes its answer. */
export function baselineKey(history: readonly number[], options: BaselineOptions): string {
  return JSON.stringify([history, options.horizon, options.seasonLength ?? 1, options.method ?? null, options.holdout ?? null, options.fitIntermittent ?? false]);
}

/**
 * A source answering the requests from their baselines, computed ahead (`baselines[i]` answers
 * `requests[i]`); a call not among them is computed here. demandBaseline is deterministic, so the
 * answers are those it would give.
 */
export function precomputedBaselines(requests: readonly BaselineRequest[], baselines: readonly Baseline[]): BaselineSource {
  const known = new Map(requests.map((r, i) => [baselineKey(r.history, r.options), baselines[i]]));
  return (history, options) => known.get(baselineKey(history, options)) ?? demandBaseline(history, options);
}

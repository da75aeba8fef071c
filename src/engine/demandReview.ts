// The demand review: a statistical baseline per family (and product) from its actuals, the consensus set against it, and what a plan takes from it (Policy `Demand basis` and `Service level`).
import { demandBaseline, normalQuantile, type Baseline, type BaselinePoint, type BaselineSource } from "./forecast";
import type { FamilyInput, PlanningInput, RiskFlag } from "./model";
import type { FamilyForecastInput } from "./versions";
import { amountText } from "./numberText";

/** One row of history: a family's actuals (`product` null) or a product's, oldest first. */
export interface ActualsSeries {
  family: string;
  product: string | null;
  actuals: number[];
}

/** The Actuals table as read: past periods before the plan's, of the same kind. */
export interface DemandHistory {
  /** The past periods, oldest first, as labelled. */
  periods: string[];
  /** Periods in a season (12 months, 52 weeks, 4 quarters); 1 when the periods' kind has none. */
  seasonLength: number;
  /** Periods between the last actual and the plan's first: 0 when the plan starts right after the actuals. */
  gap: number;
  /** Every family with actuals (its row, else the sum of its products), then its products' rows. */
  series: ActualsSeries[];
}

/** A `Forecast inputs` row: one team's forecast (Source: Sales, Marketing, Finance, Key customers…) of a family or product for the plan's periods. */
export interface ForecastInputRow {
  family: string;
  product: string | null;
  source: string;
  demand: number[];
}

/** A Forecast row's `Reason`: why the consensus is what it is. */
export interface ForecastReason {
  family: string;
  product: string | null;
  reason: string;
}

/** What the consensus was built from: the teams' inputs and the Forecast rows' reasons. */
export interface ConsensusInputs {
  inputs: readonly ForecastInputRow[];
  reasons: readonly ForecastReason[];
}

export interface DemandReviewLine {
  family: string;
  product: string | null;
  actuals: number[];
  /** The baseline from the actuals alone: method, runner-up, holdout scores, one-step errors. */
  baseline: Baseline;
  /** The baseline for each plan period, with its 80 % and 95 % intervals. */
  points: BaselinePoint[];
  /** The consensus (Forecast) for each plan period; null when Forecast has no row for it. */
  consensus: number[] | null;
  /** Each team's input for the line (Forecast inputs), in the table's order; empty without one. */
  inputs: { source: string; demand: number[] }[];
  /** The Forecast row's Reason; null when blank or absent. */
  reason: string | null;
}

export interface DemandReview {
  history: DemandHistory;
  /** The plan's periods, which `points` and `consensus` follow. */
  periods: string[];
  /** Each family with actuals, in Forecast's order then the others, each followed by its products. */
  lines: DemandReviewLine[];
  /** Each family period whose consensus lies outside the baseline's 95 % interval, largest first. */
  flags: RiskFlag[];
}

/** A safety stock computed from the baseline's error (Policy `Service level`). */
export interface ComputedSafetyStock {
  family: string;
  units: number;
  serviceLevel: number;
  z: number;
  /** The RMSE of the baseline's one-step holdout errors. */
  rmse: number;
  /** The safety stock the family had before (the Policy's own, in the base plan's pass). */
  typed: number;
  /** The baseline's method and its holdout's length, which the RMSE comes from. */
  method: string;
  holdoutPeriods: number;
  /** The family's Policy `Safety stock periods of cover`, which the service level overrides; null when not given. */
  coverIgnored: number | null;
}

const keyOf = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, " ");

/** A consensus this close to an interval's edge is on it (rounding, not a gap). */
const TOLERANCE = 1e-9;

/**
 * The baselines of every series of `history` for the plan's periods (forecasting through any gap
 * between the last actual and the plan's first period), set against the consensus of `input`, and
 * a `consensus-gap` flag for each family period whose consensus is outside the 95 % interval.
 */
export function reviewDemand(
  history: DemandHistory,
  input: PlanningInput,
  consensus: ConsensusInputs = { inputs: [], reasons: [] },
  baselineOf: BaselineSource = demandBaseline,
): DemandReview {
  const horizon = history.gap + input.periods.length;
  const familyOrder = new Map(input.families.map((f, i) => [keyOf(f.family), i]));
  const order = (s: ActualsSeries): number => familyOrder.get(keyOf(s.family)) ?? input.families.length;
  const series = history.series
    .map((s, i) => ({ s, i }))
    .sort((a, b) => order(a.s) - order(b.s) || a.i - b.i)
    .map(({ s }) => s);
  const lines = series.map((s): DemandReviewLine => {
    const baseline = baselineOf(s.actuals, { horizon, seasonLength: history.seasonLength });
    const same = (row: { family: string; product: string | null }) =>
      keyOf(row.family) === keyOf(s.family) && (row.product === null ? s.product === null : s.product !== null && keyOf(row.product) === keyOf(s.product));
    return {
      family: s.family,
      product: s.product,
      actuals: s.actuals,
      baseline,
      points: baseline.points.slice(history.gap),
      consensus: consensusOf(input, s),
      inputs: consensus.inputs.filter(same).map((row) => ({ source: row.source, demand: row.demand.slice() })),
      reason: consensus.reasons.find(same)?.reason ?? null,
    };
  });
  const flags = lines.filter((line) => line.product === null).flatMap((line) => gapFlags(line, input.periods));
  flags.sort((a, b) => Math.abs(b.value ?? 0) - Math.abs(a.value ?? 0));
  return { history, periods: [...input.periods], lines, flags };
}

function consensusOf(input: PlanningInput, s: ActualsSeries): number[] | null {
  if (s.product === null) {
    const family = input.families.find((f) => keyOf(f.family) === keyOf(s.family));
    return family && !family.noForecast ? family.demand.slice() : null;
  }
  const product = input.products.find((p) => keyOf(p.family) === keyOf(s.family) && keyOf(p.product) === keyOf(s.product as string));
  return product?.demand?.slice() ?? null;
}

/** The family's consensus outside the baseline's 95 % interval, one flag per period. */
function gapFlags(line: DemandReviewLine, periods: readonly string[]): RiskFlag[] {
  if (!line.consensus) return [];
  const flags: RiskFlag[] = [];
  line.points.forEach((point, t) => {
    const consensus = (line.consensus as number[])[t];
    const slack = TOLERANCE * Math.max(1, Math.abs(consensus));
    if (consensus >= point.lo95 - slack && consensus <= point.hi95 + slack) return;
    const gap = consensus - point.forecast;
    const side = consensus > point.hi95 ? "above" : "below";
    flags.push({
      kind: "consensus-gap",
      severity: "warning",
      family: line.family,
      period: periods[t],
      value: gap,
      message:
        `${line.family}, ${periods[t]}: the consensus ${amountText(consensus)} is ${side} the statistical baseline's 95 % interval ` +
        `(${amountText(point.lo95)} – ${amountText(point.hi95)}; baseline ${amountText(point.forecast)} by ${line.baseline.method}): ` +
        `${gap > 0 ? "+" : ""}${amountText(gap)} units; say why in the demand review.`,
    });
  });
  return flags;
}

/** The family's own line of the review (null: no actuals). */
export function familyReviewLine(review: DemandReview, family: string): DemandReviewLine | null {
  return review.lines.find((line) => line.product === null && keyOf(line.family) === keyOf(family)) ?? null;
}

/**
 * What the families are planned on, given the review: a family whose Policy `Demand basis` is
 * `Statistical` plans on its baseline (its products on theirs where they have actuals), and a
 * family with a `Service level` keeps z(service level) × the RMSE of its baseline's one-step
 * holdout errors as its safety stock. A family without actuals keeps its Forecast and its typed
 * safety stock (the parser says so, naming the Policy cell).
 *
 * With `before` (the input as this function returned it for the base plan), only a family whose
 * `Demand basis` differs from `before`'s has its demand swapped: a scenario that changes demand
 * keeps its change on the baseline, one that changes the basis swaps it then.
 */
export function planOnReview(input: PlanningInput, review: DemandReview, before?: PlanningInput): PlannedOnReview {
  const onBaseline: BaselineBasis[] = [];
  const safetyStocks: ComputedSafetyStock[] = [];
  const noHoldout: { family: string; periods: number; safetyStock: number }[] = [];
  let products = input.products;
  const families = input.families.map((family): FamilyInput => {
    const line = familyReviewLine(review, family.family);
    if (!line) return family;
    let planned = family;
    const basisBefore = before?.families.find((f) => f.family === family.family)?.policy.demandBasis ?? "forecast";
    const statistical = family.policy.demandBasis === "statistical";
    if (family.noForecast) {
      // No Forecast row: the baseline is all there is (`before` has it already, perhaps changed by a scenario).
      if (!before) {
        planned = { ...planned, demand: line.points.map((p) => p.forecast) };
        onBaseline.push({ family: family.family, method: line.baseline.method, baseline: sum(planned.demand), consensus: null });
      }
    } else if (statistical && basisBefore !== "statistical") {
      planned = { ...planned, demand: line.points.map((p) => p.forecast) };
      products = productsOnBaseline(products, review, family.family, planned.demand);
      onBaseline.push({ family: family.family, method: line.baseline.method, baseline: sum(planned.demand), consensus: sum(family.demand) });
    } else if (!statistical && basisBefore === "statistical" && line.consensus) {
      planned = { ...planned, demand: line.consensus.slice() };
    }
    const serviceLevel = family.policy.serviceLevel;
    if (serviceLevel !== null) {
      const rmse = line.baseline.holdout.oneStepRmse;
      if (rmse === null) {
        noHoldout.push({ family: family.family, periods: line.actuals.length, safetyStock: family.policy.safetyStock });
      } else {
        const z = normalQuantile(serviceLevel);
        const units = Math.max(0, z * rmse);
        safetyStocks.push({
          family: family.family,
          units,
          serviceLevel,
          z,
          rmse,
          typed: family.policy.safetyStock,
          method: line.baseline.method,
          holdoutPeriods: line.baseline.holdout.periods,
          coverIgnored: family.policy.safetyStockCover,
        });
        planned = { ...planned, policy: { ...planned.policy, safetyStock: units }, safetyStockByPeriod: planned.demand.map(() => units) };
      }
    }
    return planned;
  });
  return { input: { ...input, families, products }, onBaseline, safetyStocks, noHoldout };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** A family planned on its baseline: the method and the units over the horizon, against the consensus' (null: no Forecast row). */
export interface BaselineBasis {
  family: string;
  method: string;
  baseline: number;
  consensus: number | null;
}

/** What `planOnReview` did, for the workbook layer to put into words. */
export interface PlannedOnReview {
  input: PlanningInput;
  /** The families planned on their baseline. */
  onBaseline: BaselineBasis[];
  /** The safety stocks computed from the forecast error. */
  safetyStocks: ComputedSafetyStock[];
  /** Families with a service level whose actuals are too short for a holdout: they keep their safety stock. */
  noHoldout: { family: string; periods: number; safetyStock: number }[];
}

/**
 * A family's product rows planned on its baseline: each period's baseline shared among the
 * products in proportion to their own baselines when every product has actuals, else to their
 * Forecast (equally when that is 0), so the products always add up to the family's baseline.
 */
function productsOnBaseline<P extends { family: string; product: string; demand: number[] | null }>(
  products: readonly P[],
  review: DemandReview,
  family: string,
  baseline: readonly number[],
): P[] {
  const mine = products.filter((p) => keyOf(p.family) === keyOf(family) && p.demand !== null);
  if (mine.length === 0) return [...products];
  const own = mine.map((p) => review.lines.find((l) => l.product !== null && keyOf(l.family) === keyOf(family) && keyOf(l.product) === keyOf(p.product)));
  const weights = mine.map((p, i) => (own.every((l) => l) ? (own[i] as DemandReviewLine).points.map((pt) => pt.forecast) : (p.demand as number[])));
  const shares = new Map(
    mine.map((p, i) => [
      p,
      baseline.map((total, t) => {
        const sum = weights.reduce((a, w) => a + w[t], 0);
        return total * (sum > 0 ? weights[i][t] / sum : 1 / mine.length);
      }),
    ]),
  );
  return products.map((p) => (shares.has(p) ? { ...p, demand: shares.get(p) as number[] } : p));
}

/**
 * Each team's forecast per family, as a version keeps it: the input's family row, else the sum of
 * that team's product rows of the family.
 */
export function familyInputs(inputs: readonly ForecastInputRow[]): FamilyForecastInput[] {
  const out: FamilyForecastInput[] = [];
  for (const row of inputs) {
    const same = out.find((f) => keyOf(f.family) === keyOf(row.family) && keyOf(f.source) === keyOf(row.source));
    if (row.product === null) {
      const own = { family: row.family, source: row.source, demand: row.demand.slice() };
      if (same) out[out.indexOf(same)] = own;
      else out.push(own);
    } else if (!inputs.some((r) => r.product === null && keyOf(r.family) === keyOf(row.family) && keyOf(r.source) === keyOf(row.source))) {
      if (same) same.demand = same.demand.map((d, t) => d + (row.demand[t] ?? 0));
      else out.push({ family: row.family, source: row.source, demand: row.demand.slice() });
    }
  }
  return out;
}

/** A family's consensus over the horizon against its baseline's: the meeting's agenda item. */
export interface ConsensusOverride {
  family: string;
  consensus: number;
  baseline: number;
  /** consensus − baseline, units over the horizon. */
  difference: number;
  /** difference / baseline; null when the baseline is 0. */
  share: number | null;
}

/** The families whose consensus differs most from their baseline over the horizon, largest difference (in units) first; families without a Forecast row are left out. */
export function consensusOverrides(review: DemandReview): ConsensusOverride[] {
  return review.lines
    .filter((line) => line.product === null && line.consensus !== null)
    .map((line) => {
      const consensus = sum(line.consensus as number[]);
      const baseline = sum(line.points.map((p) => p.forecast));
      return { family: line.family, consensus, baseline, difference: consensus - baseline, share: baseline === 0 ? null : (consensus - baseline) / baseline };
    })
    .map((o, i) => ({ o, i }))
    .sort((a, b) => Math.abs(b.o.difference) - Math.abs(a.o.difference) || a.i - b.i)
    .map(({ o }) => o);
}

// The command line's JSON object (`--json`), exactly the shape the input template spec gives.
import type {
  BudgetComparisonLine,
  ComputedSafetyStock,
  DemandReview,
  FamilyAccuracy,
  CoverSafetyStock,
  ScenarioFamilyOutcome,
  ScenarioOutcome,
  VarianceLine,
  VarianceReport,
  FamilyResult,
  PlanMessage,
  PlanPeriod,
  PlanResult,
  ResourceRequirement,
  RiskFlag,
  StrategyName,
} from "../engine";

/** The spec's plan object: the engine's plan without its violations (they travel as messages) and solve details. */
export type JsonPlan = Pick<PlanResult, "strategy" | "feasible" | "totalCost" | "costs" | "revenue" | "margin" | "cogs" | "grossMargin" | "revenueAtRisk" | "lostMargin" | "lostSaleCost"> & {
  periods: (Omit<PlanPeriod, "belowTarget"> & { safetyStock?: number })[];
};

/** A score of the baseline's holdout: MASE and WAPE (a fraction), null when there was no holdout. */
interface JsonScore {
  method: string;
  parameters: Record<string, number>;
  mase: number | null;
  wape: number | null;
}

/** The spec's `demand` element: one per family (product null) and product with actuals. */
export interface JsonDemand extends JsonScore {
  family: string;
  product: string | null;
  runnerUp: JsonScore | null;
  seasonLength: number;
  /** The RMSE of the chosen method's one-step holdout errors (what `Service level` multiplies). */
  oneStepRmse: number | null;
  reasons: string[];
  /** Each plan period: the baseline, its intervals, and the consensus (Forecast; null without a row). */
  baseline: { period: string; forecast: number; lo80: number; hi80: number; lo95: number; hi95: number; consensus: number | null }[];
  /** Each team's input (Forecast inputs) for the plan's periods. */
  inputs: { source: string; demand: number[] }[];
  /** The Forecast row's Reason; null when blank. */
  reason: string | null;
  /** The saved versions' accuracy by lag (a family's line only; empty without saved versions over the actuals). */
  accuracy: { lag: number; periods: number; wape: number | null; bias: number | null; trackingSignal: number | null; mase: number | null }[];
  /** The forecast value added waterfall: naive → statistical → each input → consensus (a family's line only). */
  valueAdded: { step: string; wape: number | null; change: number | null }[];
}

export interface JsonReport {
  families: { family: string; recommended: StrategyName | null; plans: JsonPlan[] }[];
  /** As `resourceRequirements` gives them: the spec's fields per period, `marginalValue` with an optimal plan. */
  resources: ResourceRequirement[];
  /** This plan against the saved version it was compared with (`--compare`, else the latest). */
  variance?: VarianceLine[];
  /** With an Actuals table: the statistical baseline of each family and product. */
  demand?: JsonDemand[];
  /** Each scenario of the Scenarios table: its families' recommended plans. */
  scenarios?: {
    scenario: string;
    /** The engine's scenario outcome per family, with the fields the spec gives. */
    families: Pick<ScenarioFamilyOutcome, "family" | "recommended" | "totalCost" | "revenue" | "margin" | "grossMargin" | "shipped" | "unmet" | "feasible">[];
  }[];
  /** Risks and opportunities, most serious first, as the Risks sheet lists them. */
  risks?: JsonRisk[];
  /** With a Budget table: each budget line beside the recommended plan (family null: all budgeted families), as SOP Variance's SOP Budget section shows it. */
  budget?: JsonBudgetLine[];
  messages: PlanMessage[];
}

/** One measure of one family (or, family null, of all budgeted families): the plan, the budget and plan − budget, per period and over the horizon. */
export interface JsonBudgetLine {
  family: string | null;
  measure: BudgetComparisonLine["measure"];
  planTotal: number;
  budgetTotal: number;
  varianceTotal: number;
  periods: { period: string; plan: number; budget: number; variance: number }[];
}

/** The spec's risk object: what it concerns (the resource, else the product, else the family) and the periods it is about. */
export interface JsonRisk {
  kind: RiskFlag["kind"];
  severity: RiskFlag["severity"];
  subject: string | null;
  periods: string[];
  value: number | null;
  message: string;
}

function jsonRisk(flag: RiskFlag): JsonRisk {
  return {
    kind: flag.kind,
    severity: flag.severity,
    subject: flag.resource ?? flag.product ?? flag.family ?? null,
    periods: flag.periods ?? (flag.period === undefined ? [] : [flag.period]),
    value: flag.value ?? null,
    message: flag.message,
  };
}

function jsonBudgetLine(line: BudgetComparisonLine, periods: readonly string[]): JsonBudgetLine {
  return {
    family: line.family,
    measure: line.measure,
    planTotal: line.planTotal,
    budgetTotal: line.budgetTotal,
    varianceTotal: line.varianceTotal,
    periods: periods.map((period, t) => ({ period, plan: line.plan[t], budget: line.budget[t], variance: line.variance[t] })),
  };
}

/** The parts of the report that appear only when the run has them. */
export interface JsonReportExtras {
  variance?: VarianceReport | null;
  /** The base plan first, as `PlannerRun.scenarios` has it; the JSON lists the scenarios after it. */
  scenarios?: readonly ScenarioOutcome[];
  /** The demand review, with an Actuals table. */
  demand?: DemandReview | null;
  /** Each family's accuracy by lag and value added against the saved versions. */
  accuracy?: readonly FamilyAccuracy[];
  /** Safety stocks computed from Policy `Safety stock periods of cover`: each plan period carries its own. */
  covers?: readonly CoverSafetyStock[];
  /** Safety stocks computed from Policy `Service level`: each plan period of the family carries it. */
  safetyStocks?: readonly ComputedSafetyStock[];
  /** The run's risks and opportunities. */
  risks?: readonly RiskFlag[];
  /** The recommended plans against the Budget table, and the periods they are by. */
  budget?: { periods: readonly string[]; lines: readonly BudgetComparisonLine[] };
}

function jsonScore(score: JsonScore): JsonScore {
  return { method: score.method, parameters: { ...score.parameters }, mase: score.mase, wape: score.wape };
}

function jsonDemand(review: DemandReview, accuracy: readonly FamilyAccuracy[]): JsonDemand[] {
  return review.lines.map((line) => {
    const measured = line.product === null ? accuracy.find((a) => a.family === line.family) : undefined;
    return {
      family: line.family,
      product: line.product,
      ...jsonScore(line.baseline),
      runnerUp: line.baseline.runnerUp && jsonScore(line.baseline.runnerUp),
      seasonLength: line.baseline.seasonLength,
      oneStepRmse: line.baseline.holdout.oneStepRmse,
      reasons: [...line.baseline.reasons],
      baseline: line.points.map((p, t) => ({ period: review.periods[t], ...p, consensus: line.consensus ? line.consensus[t] : null })),
      inputs: line.inputs.map((i) => ({ source: i.source, demand: [...i.demand] })),
      reason: line.reason,
      accuracy: (measured?.lags ?? []).map(({ lag, periods, wape, bias, trackingSignal, mase }) => ({ lag, periods, wape, bias, trackingSignal, mase })),
      valueAdded: (measured?.valueAdded ?? []).map(({ step, wape, change }) => ({ step, wape, change })),
    };
  });
}

/** A plan period as the spec's JSON has it (v3: with shipped and unmet; the marginal cost on an optimal plan). */
function jsonPeriod(period: PlanPeriod): Omit<PlanPeriod, "belowTarget"> {
  const spec: Partial<PlanPeriod> = { ...period };
  delete spec.belowTarget;
  return spec as Omit<PlanPeriod, "belowTarget">;
}

/**
 * Builds the report. A plan's broken constraints are not fields of the spec's plan object, so
 * they travel as warnings in `messages`, each naming the family, the strategy and the period.
 */
export function jsonReport(
  results: readonly FamilyResult[],
  messages: readonly PlanMessage[],
  resources: readonly ResourceRequirement[] = [],
  extras: JsonReportExtras = {},
): JsonReport {
  const violations: PlanMessage[] = results.flatMap((family) =>
    family.plans.flatMap((plan) =>
      plan.violations.map((v) => ({
        severity: "warning" as const,
        message: `${family.family}, ${plan.strategy} plan: ${v.message}`,
      })),
    ),
  );
  const safetyStock = new Map<string, (t: number) => number>([
    ...(extras.safetyStocks ?? []).map((s) => [s.family, () => s.units] as const),
    ...(extras.covers ?? []).map((c) => [c.family, (t: number) => c.units[t]] as const),
  ]);
  return {
    families: results.map((family) => ({
      family: family.family,
      recommended: family.recommended,
      plans: family.plans.map((plan) => ({
        strategy: plan.strategy,
        feasible: plan.feasible,
        totalCost: plan.totalCost,
        costs: { ...plan.costs },
        revenue: plan.revenue,
        margin: plan.margin,
        cogs: plan.cogs,
        grossMargin: plan.grossMargin,
        revenueAtRisk: plan.revenueAtRisk,
        lostMargin: plan.lostMargin,
        lostSaleCost: plan.lostSaleCost,
        periods: plan.periods.map((period, t) => {
          const units = safetyStock.get(family.family);
          return units === undefined ? jsonPeriod(period) : { ...jsonPeriod(period), safetyStock: units(t) };
        }),
      })),
    })),
    // Already the spec's fields (engine/capacity.ts resourceRequirements); a utilisation of no
    // capacity (Infinity) prints as null.
    resources: [...resources],
    ...(extras.demand && { demand: jsonDemand(extras.demand, extras.accuracy ?? []) }),
    ...(extras.risks && { risks: extras.risks.map(jsonRisk) }),
    ...(extras.budget &&
      extras.budget.lines.length > 0 && {
        budget: extras.budget.lines.map((line) => jsonBudgetLine(line, extras.budget!.periods)),
      }),
    ...(extras.variance && { variance: extras.variance.lines.map((line) => ({ ...line })) }),
    ...(extras.scenarios &&
      extras.scenarios.length > 1 && {
        scenarios: extras.scenarios.slice(1).map((outcome) => ({
          scenario: outcome.scenario,
          families: outcome.families.map(({ family, recommended, totalCost, revenue, margin, grossMargin, shipped, unmet, feasible }) => ({
            family,
            recommended,
            totalCost,
            revenue,
            margin,
            grossMargin,
            shipped,
            unmet,
            feasible,
          })),
        })),
      }),
    messages: [...messages, ...violations],
  };
}

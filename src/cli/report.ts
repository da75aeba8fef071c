// The command line's JSON object (`--json`), exactly the shape the input template spec gives.
import type { ScenarioOutcome } from "../engine/scenarios";
import type { VarianceLine, VarianceReport } from "../engine/variance";
import type { FamilyResult, PlanMessage, PlanPeriod, PlanResult, ResourceRequirement, StrategyName } from "../engine/model";

/** The spec's plan object: the engine's plan without its violations (they travel as messages) and solve details. */
export type JsonPlan = Pick<PlanResult, "strategy" | "feasible" | "totalCost" | "costs" | "revenue" | "margin"> & { periods: Omit<PlanPeriod, "belowTarget">[] };

export interface JsonReport {
  families: { family: string; recommended: StrategyName | null; plans: JsonPlan[] }[];
  /** As `resourceRequirements` gives them: the spec's fields per period, `marginalValue` with an optimal plan. */
  resources: ResourceRequirement[];
  /** This plan against the saved version it was compared with (`--compare`, else the latest). */
  variance?: VarianceLine[];
  /** Each scenario of the Scenarios table: its families' recommended plans. */
  scenarios?: {
    scenario: string;
    families: {
      family: string;
      recommended: StrategyName | null;
      totalCost: number | null;
      revenue: number | null;
      margin: number | null;
      shipped: number | null;
      unmet: number | null;
      feasible: boolean | null;
    }[];
  }[];
  messages: PlanMessage[];
}

/** The parts of the report that appear only when the run has them. */
export interface JsonReportExtras {
  variance?: VarianceReport | null;
  /** The base plan first, as `PlannerRun.scenarios` has it; the JSON lists the scenarios after it. */
  scenarios?: readonly ScenarioOutcome[];
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
        periods: plan.periods.map(jsonPeriod),
      })),
    })),
    // Already the spec's fields (engine/capacity.ts resourceRequirements); a utilisation of no
    // capacity (Infinity) prints as null.
    resources: [...resources],
    ...(extras.variance && { variance: extras.variance.lines.map((line) => ({ ...line })) }),
    ...(extras.scenarios &&
      extras.scenarios.length > 1 && {
        scenarios: extras.scenarios.slice(1).map((outcome) => ({
          scenario: outcome.scenario,
          families: outcome.families.map(({ family, recommended, totalCost, revenue, margin, shipped, unmet, feasible }) => ({
            family,
            recommended,
            totalCost,
            revenue,
            margin,
            shipped,
            unmet,
            feasible,
          })),
        })),
      }),
    messages: [...messages, ...violations],
  };
}

// The engine's facade: plans every family of a planning input with the chosen strategies.
import { type FamilyContext } from "./costing";
import type { FamilyInput, FamilyResult, PlanningInput, PlanResult, StrategyName } from "./model";
import { productionRates } from "./policy";
import { chasePlan, levelPlan, manualPlan } from "./strategies";

export * from "./model";
export { POLICY_DEFAULTS, productionRates } from "./policy";
export { costPlan, type FamilyContext, type PlanDecisions } from "./costing";
export { chasePlan, levelPlan, manualPlan } from "./strategies";

/** Raised when the engine is handed input the parser should have refused: a programming error, not a user's. */
export class PlanInputError extends Error {
  override name = "PlanInputError";
}

export function familyContext(family: FamilyInput, periods: readonly string[], workingDays: readonly number[] | null): FamilyContext {
  if (family.demand.length !== periods.length) {
    throw new PlanInputError(`family "${family.family}": ${family.demand.length} demand values for ${periods.length} periods`);
  }
  const resolved = productionRates(family.policy, workingDays, periods.length);
  if (!resolved.ok) throw new PlanInputError(`family "${family.family}": ${resolved.errors.join("; ")}`);
  return { family: family.family, periods, demand: family.demand, policy: family.policy, rates: resolved.rates };
}

/** The cheapest feasible plan; on a tie the strategy asked for first. */
export function recommendedPlan(plans: readonly PlanResult[]): PlanResult | null {
  let best: PlanResult | null = null;
  for (const plan of plans) {
    if (plan.feasible && (best === null || plan.totalCost < best.totalCost - 1e-9 * Math.max(1, Math.abs(best.totalCost)))) {
      best = plan;
    }
  }
  return best;
}

/** The recommended plan and the next cheapest feasible one, with what the recommendation saves over it. */
export interface Recommendation {
  best: PlanResult | null;
  next: PlanResult | null;
  /** next.totalCost − best.totalCost, or null when there is no second feasible plan. */
  savings: number | null;
}

export function recommendation(family: FamilyResult): Recommendation {
  const best = family.plans.find((p) => p.strategy === family.recommended) ?? null;
  const others = family.plans.filter((p) => p.feasible && p !== best);
  const next = others.reduce<PlanResult | null>((a, p) => (a === null || p.totalCost < a.totalCost ? p : a), null);
  return { best, next, savings: best && next ? next.totalCost - best.totalCost : null };
}

export function planFamily(
  family: FamilyInput,
  periods: readonly string[],
  workingDays: readonly number[] | null,
  strategies: readonly StrategyName[],
): FamilyResult {
  const ctx = familyContext(family, periods, workingDays);
  const plans: PlanResult[] = [];
  for (const strategy of strategies) {
    switch (strategy) {
      case "level":
        plans.push(levelPlan(ctx));
        break;
      case "chase":
        plans.push(chasePlan(ctx));
        break;
      case "manual":
        // A family without rows in the Plan table has no manual plan to cost.
        if (family.manualPlan) plans.push(manualPlan(ctx, family.manualPlan));
        break;
      case "optimal":
        throw new PlanInputError("the optimal strategy is not available in this version");
    }
  }
  return { family: family.family, recommended: recommendedPlan(plans)?.strategy ?? null, plans };
}

export function planAll(input: PlanningInput, strategies: readonly StrategyName[]): FamilyResult[] {
  return input.families.map((family) => planFamily(family, input.periods, input.workingDays, strategies));
}

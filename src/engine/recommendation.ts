// Which plan of a family is recommended: the cheapest feasible one, and what it saves over the next.
import type { FamilyResult, PlanResult } from "./model";

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

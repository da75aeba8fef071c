// How the pane words a family's recommendation, from the plans' own numbers: no saving that is not one, no limit kept that is not.
import type { FamilyResult, PlanResult } from "../engine/model";
import { STRATEGY_LABEL } from "./format";

/** Costs closer than half a cent are the same: the pane shows money to the cent at most. */
const SAME_COST = 0.005;

/** The recommended plan against the next cheapest: ", saves 2,000 over Level", ", the same cost as Level", ", 500 more than Chase". */
export function comparisonText(best: PlanResult, next: PlanResult | null, money: (amount: number) => string): string {
  if (!next) return "";
  const savings = next.totalCost - best.totalCost;
  const other = STRATEGY_LABEL[next.strategy];
  if (savings > SAME_COST) return `, saves ${money(savings)} over ${other}`;
  if (savings >= -SAME_COST) return `, the same cost as ${other}`;
  return `, ${money(-savings)} more than ${other}`;
}

/**
 * Why this plan, in one sentence: it does not fit the capacity or is not feasible (said first, and
 * never called the cheapest that meets every constraint); a cheaper plan was passed over for the
 * shared capacity; it is the only feasible plan; or by how much it is the cheapest.
 */
export function reasonText(family: FamilyResult, best: PlanResult, next: PlanResult | null, money: (amount: number) => string): string {
  const name = STRATEGY_LABEL[best.strategy];
  if (family.capacityError) return `${name} plan is recommended, but it does not fit the capacity, so it cannot be carried out as planned.`;
  if (!best.feasible) {
    const broken = best.violations[0]?.message;
    return `${name} plan is recommended, but it is not feasible${broken ? `: ${broken.replace(/\.$/, "")}` : ""}.`;
  }
  if (family.capacityNote) return `${name} plan: ${family.capacityNote}, so the cheapest plan that fits the shared capacity is recommended.`;
  if (!next) return `${name} is the only feasible plan.`;
  const savings = next.totalCost - best.totalCost;
  const other = STRATEGY_LABEL[next.strategy];
  if (savings > SAME_COST) {
    const share = next.totalCost > 0 ? ` (${((savings / next.totalCost) * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })} %)` : "";
    return `${name} is the cheapest plan that meets every constraint: ${money(savings)} less than ${other}${share}.`;
  }
  if (savings >= -SAME_COST) return `${name} meets every constraint, at the same cost as ${other}.`;
  return `${name} is recommended, though it costs ${money(-savings)} more than ${other}.`;
}

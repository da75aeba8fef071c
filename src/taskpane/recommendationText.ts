// How the pane words a family's recommendation, from the plans' own numbers: no saving that is not one, no limit kept that is not.
import { STRATEGY_LABELS } from "../engine/model";
import { planScore, type FamilyResult, type PlanResult } from "../engine";
import { formatAmount } from "./format";

/** Amounts closer than half a cent are the same: the pane shows money to the cent at most. */
const SAME_MONEY = 0.005;
/** Plans that ship within half a unit of each other serve the same demand: they compare by cost. */
const SAME_UNITS = 0.5;

type Money = (amount: number) => string;

/**
 * How much more margin `best` earns than `next` (after lost-sale costs, which the recommendation
 * weighs), with the words for it; null when the two ship the same units and so compare by cost.
 */
function marginGain(best: PlanResult, next: PlanResult): { gain: number; what: string } | null {
  if (Math.abs(best.shipped - next.shipped) < SAME_UNITS) return null;
  const lostSales = best.lostSaleCost > SAME_MONEY || next.lostSaleCost > SAME_MONEY;
  return { gain: planScore(next) - planScore(best), what: lostSales ? "margin after lost-sale costs" : "margin" };
}

/**
 * The recommended plan against the next best, as the Results card's line ends: by cost when they
 * ship the same (", saves 2,000 over Level" only when it is cheaper; ", the same cost as Level";
 * ", 500 more than Chase"), by margin when they do not (", 1,200 more margin than Chase").
 */
export function comparisonText(best: PlanResult, next: PlanResult | null, money: Money): string {
  if (!next) return "";
  const other = STRATEGY_LABELS[next.strategy];
  const margin = marginGain(best, next);
  if (margin) {
    if (margin.gain > SAME_MONEY) return `, ${money(margin.gain)} more ${margin.what} than ${other}`;
    if (margin.gain >= -SAME_MONEY) return `, the same ${margin.what} as ${other}`;
    return `, ${money(-margin.gain)} less ${margin.what} than ${other}`;
  }
  const savings = next.totalCost - best.totalCost;
  if (savings > SAME_MONEY) return `, saves ${money(savings)} over ${other}`;
  if (savings >= -SAME_MONEY) return `, the same cost as ${other}`;
  return `, ${money(-savings)} more than ${other}`;
}

/**
 * Why this plan, in one sentence (two when demand goes unmet): it is not feasible, or does not fit
 * the capacity with the other families' plans (said first, and never called the cheapest or the
 * only feasible plan); a cheaper plan was passed over for the shared capacity; it is the only
 * feasible plan; or by how much it is the cheapest (or earns the most margin, when the plans serve
 * different demand). "Meets every constraint" only for a plan that also serves all its demand.
 */
export function reasonText(family: FamilyResult, best: PlanResult, next: PlanResult | null, money: Money): string {
  const name = STRATEGY_LABELS[best.strategy];
  if (!best.feasible) {
    const broken = best.violations[0]?.message ?? family.capacityError;
    return `${name} plan is recommended, but it is not feasible${broken ? `: ${broken.replace(/\.$/, "")}` : ""}.`;
  }
  if (family.capacityError) return `${name} plan is recommended, but it does not fit the capacity, so it cannot be carried out as planned.`;
  return `${choiceText(family, best, next, money)}${unmetText(best, money)}`;
}

/** Why a feasible plan within the capacity was chosen over the others. */
function choiceText(family: FamilyResult, best: PlanResult, next: PlanResult | null, money: Money): string {
  const name = STRATEGY_LABELS[best.strategy];
  if (family.capacityNote) return `${name} plan: ${family.capacityNote}, so the cheapest plan that fits the shared capacity is recommended.`;
  if (!next) return `${name} is the only feasible plan.`;
  const other = STRATEGY_LABELS[next.strategy];
  const margin = marginGain(best, next);
  if (margin) {
    const units = best.shipped - next.shipped;
    const serving = `serving ${formatAmount(Math.abs(units))} ${units > 0 ? "more" : "fewer"} units`;
    if (margin.gain > SAME_MONEY) return `${name} earns ${money(margin.gain)} more ${margin.what} than ${other}, ${serving}.`;
    if (margin.gain >= -SAME_MONEY) return `${name} earns the same ${margin.what} as ${other}, ${serving}.`;
    return `${name} is recommended, though it earns ${money(-margin.gain)} less ${margin.what} than ${other}.`;
  }
  // A plan that leaves demand unmet breaks no limit, but it does not meet every constraint either.
  const keeps = best.unmet < SAME_UNITS ? "meets every constraint" : "stays within every limit";
  const savings = next.totalCost - best.totalCost;
  if (savings > SAME_MONEY) {
    const share = next.totalCost > 0 ? ` (${((savings / next.totalCost) * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })} %)` : "";
    return `${name} is the cheapest plan that ${keeps}: ${money(savings)} less than ${other}${share}.`;
  }
  if (savings >= -SAME_MONEY) return `${name} ${keeps}, at the same cost as ${other}.`;
  return `${name} is recommended, though it costs ${money(-savings)} more than ${other}.`;
}

/** The demand the plan leaves unserved, and the revenue it does not earn; nothing when it serves all. */
function unmetText(best: PlanResult, money: Money): string {
  if (best.unmet < SAME_UNITS) return "";
  return ` It leaves ${formatAmount(best.unmet)} units of demand unmet (${money(best.revenueAtRisk)} of revenue at risk).`;
}

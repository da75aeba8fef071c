// The plan against the budget: units shipped, revenue and P&L margin of the recommended plans beside the Budget table's, per family and in total.
import type { BudgetMeasure, FamilyResult, PlanningInput, PlanResult } from "./model";
import { amountText, numberText } from "./numberText";
import { recommendedPlanOf } from "./recommendation";

export const BUDGET_MEASURES: readonly BudgetMeasure[] = ["units", "revenue", "margin"];

/** One measure of one family (or all families) by period: the plan's, the budget's and plan − budget. */
export interface BudgetComparisonLine {
  /** null: all families with a budget for the measure. */
  family: string | null;
  measure: BudgetMeasure;
  plan: number[];
  budget: number[];
  /** plan − budget, per period. */
  variance: number[];
  planTotal: number;
  budgetTotal: number;
  varianceTotal: number;
}

/**
 * What the plan's figure for a budget line is: units shipped (what the budget sells), revenue, and
 * the P&L margin (revenue − cost of goods sold − period costs, engine/pnl.ts), the view a budget is
 * drawn up in.
 */
export function planFigure(plan: PlanResult, measure: BudgetMeasure, t: number): number {
  switch (measure) {
    case "units":
      return plan.periods[t].shipped;
    case "revenue":
      return plan.periodRevenue[t];
    case "margin":
      return plan.periodGrossMargin[t];
  }
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function comparisonLine(family: string | null, measure: BudgetMeasure, plan: number[], budget: number[]): BudgetComparisonLine {
  const variance = plan.map((v, t) => v - budget[t]);
  return { family, measure, plan, budget, variance, planTotal: sum(plan), budgetTotal: sum(budget), varianceTotal: sum(variance) };
}

/**
 * Each budget line beside the recommended plan of its family (a family without a recommended plan
 * counts 0), families in the plan's order, lines in the order Units, Revenue, Margin; then per
 * measure the total over the families that budget it. Empty without a Budget table.
 */
export function budgetComparison(input: PlanningInput, results: readonly FamilyResult[]): BudgetComparisonLine[] {
  const budget = input.budget ?? [];
  if (budget.length === 0) return [];
  const T = input.periods.length;
  const families = input.families.map((f) => f.family).filter((family) => budget.some((line) => line.family === family));
  const lines: BudgetComparisonLine[] = [];
  for (const family of families) {
    const plan = recommendedPlanOf(results.find((r) => r.family === family));
    for (const measure of BUDGET_MEASURES) {
      const line = budget.find((b) => b.family === family && b.measure === measure);
      if (!line) continue;
      const planned = Array.from({ length: T }, (_, t) => (plan ? planFigure(plan, measure, t) : 0));
      lines.push(comparisonLine(family, measure, planned, line.values.slice(0, T)));
    }
  }
  for (const measure of BUDGET_MEASURES) {
    const own = lines.filter((l) => l.measure === measure);
    if (own.length === 0) continue;
    const add = (pick: (l: BudgetComparisonLine) => number[]) => Array.from({ length: T }, (_, t) => sum(own.map((l) => pick(l)[t])));
    lines.push(comparisonLine(null, measure, add((l) => l.plan), add((l) => l.budget)));
  }
  return lines;
}

/** The measure in the planner's words. */
export const BUDGET_MEASURE_LABEL: Readonly<Record<BudgetMeasure, string>> = { units: "Units shipped", revenue: "Revenue", margin: "P&L margin" };

/**
 * The all-families total of each budgeted measure in one sentence, from the same totals every output
 * shows: "All families: Units shipped 66,394, 3,742 (6.0 %) above budget; Revenue …". Whole numbers,
 * the share of the budget with one decimal; "on budget" within half a unit. null without a budget.
 */
export function budgetSentence(lines: readonly BudgetComparisonLine[]): string | null {
  const whole = (n: number) => amountText(n, 0);
  const said = BUDGET_MEASURES.flatMap((measure) => {
    const total = lines.find((l) => l.family === null && l.measure === measure);
    if (!total) return [];
    const share = total.budgetTotal !== 0 ? ` (${numberText((Math.abs(total.varianceTotal) / Math.abs(total.budgetTotal)) * 100, 1, 1)} %)` : "";
    const direction = Math.abs(total.varianceTotal) < 0.5 ? "on budget" : `${whole(Math.abs(total.varianceTotal))}${share} ${total.varianceTotal > 0 ? "above" : "below"} budget`;
    return [`${BUDGET_MEASURE_LABEL[measure]} ${whole(total.planTotal)}, ${direction}`];
  });
  return said.length > 0 ? `All families: ${said.join("; ")}.` : null;
}

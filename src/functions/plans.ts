// SOP.LEVEL, SOP.CHASE, the level hybrids and SOP.COST: read the arguments, plan or cost with the engine, hand back the table or the number.
import { STRATEGY_LABELS, type PlanResult } from "../engine/model";
import { chasePlan, hybridPlan, levelPlan, manualPlan } from "../engine/strategies";
import { readCostPart, readFlag, readManualPlan, readPlanningCase, type CostPart } from "./args";
import { refuse, single, spilled, type SingleCell, type Checked, type SpilledCells } from "./errors";
import { planTable } from "./planTable";

/** A plan the policy forbids is no answer: #N/A with the first broken rule, so the user sees what to change. */
export function feasibleOnly<T>(plan: PlanResult, what: string, value: () => T): Checked<T> {
  if (plan.feasible) return { ok: true, value: value() };
  const [first, ...others] = plan.violations;
  const more = others.length > 0 ? ` (and ${others.length} more)` : "";
  const why = first ? first.message : "no plan meets every requirement";
  return refuse(`the ${what} breaks the policy: ${why}${more}`, CustomFunctions.ErrorCode.notAvailable);
}

/** The level, chase or a level hybrid plan of one family as a spilled table. */
export function strategyPlanTable(
  strategy: "level" | "chase" | "hybrid-subcontract" | "hybrid-overtime",
  demand: unknown,
  policy: unknown,
  workingDays: unknown,
  header: unknown,
): SpilledCells {
  return spilled(() => {
    const planningCase = readPlanningCase(demand, policy, workingDays);
    if (!planningCase.ok) return planningCase;
    const withHeader = readFlag("header", header, false);
    if (!withHeader.ok) return withHeader;
    const { context, orientation } = planningCase.value;
    const plan = strategy === "level" ? levelPlan(context) : strategy === "chase" ? chasePlan(context) : hybridPlan(context, strategy);
    const what = strategy === "level" || strategy === "chase" ? `${strategy} plan` : `${STRATEGY_LABELS[strategy]} plan`;
    return feasibleOnly(plan, what, () => planTable(plan, { header: withHeader.value, orientation }));
  });
}

/** One number of a manual plan's costing: the total cost, one kind of cost, revenue or margin. */
export function manualPlanCost(demand: unknown, plan: unknown, policy: unknown, part: unknown, workingDays: unknown): SingleCell {
  return single(() => {
    const planningCase = readPlanningCase(demand, policy, workingDays);
    if (!planningCase.ok) return planningCase;
    const { context, orientation } = planningCase.value;
    const decisions = readManualPlan(plan, context.demand.length, orientation);
    if (!decisions.ok) return decisions;
    const wanted = readCostPart(part);
    if (!wanted.ok) return wanted;
    const costed = manualPlan(context, decisions.value);
    return feasibleOnly(costed, "plan", () => costPart(costed, wanted.value));
  });
}

export function costPart(plan: PlanResult, part: CostPart): number {
  switch (part) {
    case "total":
      return plan.totalCost;
    case "revenue":
      return plan.revenue;
    case "margin":
      return plan.margin;
    default:
      return plan.costs[part];
  }
}

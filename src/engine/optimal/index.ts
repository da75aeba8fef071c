// The optimal strategy: the least-cost plan as a linear program (a MIP for whole workers), solved by an LpSolver and re-costed by costPlan.
// model.ts builds the LP, decode.ts reads a solution back into decisions, explain.ts and why.ts say why in planner's words
// (why.ts from the duals), groupPlanner.ts is the solve strategy; this module is the entry.
import type { FamilyContext, PlanResult, SharedResource } from "../model";
import { coupledGroups } from "../coupling";
import type { LpBasis } from "../lp";
import { DEFAULT_TIME_LIMIT_SECONDS, GroupPlanner, SolveBudget, type OptimalOptions, type PendingSearch } from "./groupPlanner";

export { DECOMPOSE_FROM_COLUMNS, DEFAULT_TIME_LIMIT_SECONDS, EXACT_UP_TO_WORKER_COLUMNS, SolveBudget, type CoupledMethod, type OptimalOptions } from "./groupPlanner";
export { explainFamilyShortfall, solveReportText } from "./explain";
export { assemblePlanningLp, buildPlanningLp, lostMarginPerUnit, withWorkersFixed, type AssembledProblem } from "./model";
export { plateausOf, splitPlateaus, splitsOf, SPLIT_PASSES, type Plateau } from "./splitRounding";
export { lagrangianBound, lagrangianSubproblems, resourcePrices } from "./lagrangian";

/**
 * The optimal plan of every family, in the order given. Families coupled by shared resources are
 * solved as one LP; the others one by one (many small LPs are far faster than one large one). The
 * run's budget (see SolveBudget) goes first to the LP and rounding of every group, then to the
 * search of the plans still above their gap target, the furthest above it first.
 */
export function optimalPlans(
  contexts: readonly FamilyContext[],
  resources: readonly SharedResource[],
  options: OptimalOptions,
): PlanResult[] {
  const budget = new SolveBudget(options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS);
  const results = new Array<PlanResult>(contexts.length);
  const warmStarts = new Map<string, LpBasis>();
  let done = 0;
  const place = (group: readonly number[], plans: readonly PlanResult[]) => {
    group.forEach((familyIndex, k) => (results[familyIndex] = plans[k]));
    done += group.length;
    options.onProgress?.(done, contexts.length);
  };
  const searches: { group: number[]; planner: GroupPlanner; pending: PendingSearch }[] = [];
  for (const group of coupledGroups(contexts, resources)) {
    const planner = new GroupPlanner(
      group.map((i) => contexts[i]),
      resources,
      options,
      warmStarts,
      budget,
    );
    const first = planner.firstPass();
    if (first.kind === "planned") place(group, first.plans);
    else searches.push({ group, planner, pending: first.pending });
  }
  // Worst first; a tie in the order of the groups (sort is stable), so the same input searches alike.
  searches.sort((a, b) => b.pending.excess - a.pending.excess);
  const allowance = budget.searchAllowance();
  const start = budget.spent;
  searches.forEach(({ group, planner, pending }, k) => {
    const left = Math.max(0, allowance - (budget.spent - start));
    place(group, planner.search(pending, left / (searches.length - k)));
  });
  return results;
}

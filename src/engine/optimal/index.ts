// The optimal strategy: the least-cost plan as a linear program (a MIP for whole workers), solved by an LpSolver and re-costed by costPlan.
// model.ts builds the LP, decode.ts reads a solution back into decisions, explain.ts and why.ts say why in planner's words
// (why.ts from the duals), groupPlanner.ts is the solve strategy; this module is the entry.
import type { FamilyContext } from "../costing";
import { coupledGroups } from "../coupling";
import type { LpBasis } from "../lp";
import type { PlanResult, SharedResource } from "../model";
import { GroupPlanner, type OptimalOptions } from "./groupPlanner";

export { DECOMPOSE_FROM_COLUMNS, DEFAULT_RELATIVE_GAP, DEFAULT_TIME_LIMIT_SECONDS, type CoupledMethod, type OptimalOptions } from "./groupPlanner";
export { explainFamilyShortfall } from "./explain";
export { buildPlanningLp, lostMarginPerUnit } from "./model";

/**
 * The optimal plan of every family, in the order given. Families coupled by shared resources are
 * solved as one LP; the others one by one (many small LPs are far faster than one large one).
 */
export function optimalPlans(
  contexts: readonly FamilyContext[],
  resources: readonly SharedResource[],
  options: OptimalOptions,
): PlanResult[] {
  const results = new Array<PlanResult>(contexts.length);
  const warmStarts = new Map<string, LpBasis>();
  let done = 0;
  for (const group of coupledGroups(contexts, resources)) {
    const plans = new GroupPlanner(
      group.map((i) => contexts[i]),
      resources,
      options,
      warmStarts,
    ).plan();
    group.forEach((familyIndex, k) => (results[familyIndex] = plans[k]));
    done += group.length;
    options.onProgress?.(done, contexts.length);
  }
  return results;
}

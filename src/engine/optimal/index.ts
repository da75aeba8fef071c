// The optimal strategy: the least-cost plan as a linear program (a MIP for whole workers), solved by an LpSolver and re-costed by costPlan.
// model.ts builds the LP, decode.ts reads a solution back into decisions, explain.ts and why.ts say why in planner's words
// (why.ts from the duals), groupPlanner.ts is the solve strategy; this module is the entry.
import type { FamilyContext, PlanResult, SharedResource } from "../model";
import { coupledGroups, familiesLoading } from "../coupling";
import type { LpSolver } from "../lp";
import { DEFAULT_TIME_LIMIT_SECONDS, GroupPlanner, SolveBudget, type CoupledMethod, type OptimalOptions, type PendingSearch } from "./groupPlanner";

export { DECOMPOSE_FROM_COLUMNS, DEFAULT_TIME_LIMIT_SECONDS, EXACT_UP_TO_WORKER_COLUMNS, SolveBudget, type CoupledMethod, type OptimalOptions } from "./groupPlanner";
export { explainFamilyShortfall, solveReportText } from "./explain";
export { assemblePlanningLp, buildPlanningLp, lostMarginPerUnit, withWorkersFixed, type AssembledProblem } from "./model";
export { plateausOf, splitPlateaus, splitsOf, SPLIT_PASSES, type Plateau } from "./splitRounding";
export { lagrangianBound, lagrangianSubproblems, resourcePrices } from "./lagrangian";

/**
 * One independent piece of a run's optimal plans: a group of families coupled by shared
 * resources, or one family alone, with the resources it loads and the run's budget. Plain data,
 * so a shell may plan it on another thread (`OptimalWorkPlanner` there) and give back what it made.
 */
export interface OptimalWork {
  contexts: FamilyContext[];
  resources: SharedResource[];
  timeLimitSeconds: number;
  coupledMethod?: CoupledMethod;
}

/** A run's optimal plans as independent work: each item's families (indices of the run's contexts, in order). */
export interface OptimalRun {
  familyCount: number;
  groups: number[][];
  work: OptimalWork[];
}

/** The run's independent work: one item per group of coupled families, in the order of the groups. */
export function optimalRun(
  contexts: readonly FamilyContext[],
  resources: readonly SharedResource[],
  options: { timeLimitSeconds?: number; coupledMethod?: CoupledMethod },
): OptimalRun {
  const groups = coupledGroups(contexts, resources);
  const work = groups.map((group): OptimalWork => {
    const names = new Set(group.map((i) => contexts[i].family));
    return {
      contexts: group.map((i) => contexts[i]),
      resources: resources.filter((r) => familiesLoading(r).some((f) => names.has(f))),
      timeLimitSeconds: options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS,
      ...(options.coupledMethod && { coupledMethod: options.coupledMethod }),
    };
  });
  return { familyCount: contexts.length, groups, work };
}

/**
 * What the first phase made of one work item: its plans, or how far its rounded plan is above its
 * gap target (it waits for the search); and the solver seconds it spent.
 */
export type FirstPhase = { seconds: number; plans: PlanResult[] } | { seconds: number; excess: number };

/**
 * Plans one work item, in two steps a shell may run apart: `firstPhase` (LP and rounding), then,
 * when that left the plan above its gap target, `search` with the share of the run's budget
 * `searchShares` gives it. Each item has a budget of its own for its first phase (a guard: the LP
 * and rounding are never cut short), and warm starts of its own, so an item is planned alike
 * whatever is planned before, after or beside it.
 */
export class OptimalWorkPlanner {
  private readonly planner: GroupPlanner;
  private readonly budget: SolveBudget;
  private pending: PendingSearch | null = null;

  constructor(work: OptimalWork, solver: LpSolver) {
    this.budget = new SolveBudget(work.timeLimitSeconds);
    this.planner = new GroupPlanner(work.contexts, work.resources, { solver, coupledMethod: work.coupledMethod }, new Map(), this.budget);
  }

  firstPhase(): FirstPhase {
    const first = this.planner.firstPass();
    if (first.kind === "planned") return { seconds: this.budget.spent, plans: first.plans };
    this.pending = first.pending;
    return { seconds: this.budget.spent, excess: first.pending.excess };
  }

  /** The search, within `seconds` of solver time (see `searchShares`). */
  search(seconds: number): PlanResult[] {
    if (!this.pending) throw new Error("search before a first phase that left a plan to search");
    return this.planner.search(this.pending, seconds);
  }
}

/**
 * The run's second phase, from what the first made of every item (the pure merge of the two
 * phases): the items still above their gap target, worst first (a tie in the order of the groups),
 * and the solver seconds each may search for: what the first phase left of the run's budget (at
 * least a quarter of it, see SolveBudget.searchAllowance), shared evenly. Even shares do not depend
 * on how long the searches before took, so the searches may run side by side and each still
 * searches as it would alone; the search's limit is work (nodes), its seconds a guard.
 */
export function searchShares(run: OptimalRun, firsts: readonly FirstPhase[]): { order: number[]; seconds: number } {
  const budget = new SolveBudget(run.work[0]?.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS);
  for (const first of firsts) budget.spend(first.seconds);
  const order = firsts
    .map((first, k) => ({ k, excess: "excess" in first ? first.excess : null }))
    .filter((item): item is { k: number; excess: number } => item.excess !== null)
    .sort((a, b) => b.excess - a.excess)
    .map((item) => item.k);
  return { order, seconds: order.length > 0 ? budget.searchAllowance() / order.length : 0 };
}

/** The run's plans, in the order of its contexts, from each work item's plans. */
export function mergeOptimal(run: OptimalRun, plans: readonly (readonly PlanResult[])[]): PlanResult[] {
  const results = new Array<PlanResult>(run.familyCount);
  run.groups.forEach((group, k) => group.forEach((familyIndex, i) => (results[familyIndex] = plans[k][i])));
  return results;
}

/**
 * The optimal plan of every family, in the order given, planned here one item after another.
 * Families coupled by shared resources are solved as one LP; the others one by one (many small
 * LPs are far faster than one large one). The run's budget (see SolveBudget) goes first to the LP
 * and rounding of every group, then to the search of the plans still above their gap target, the
 * furthest above it first. A shell with threads plans the same items side by side
 * (`optimalRun`, `OptimalWorkPlanner`, `searchShares`, `mergeOptimal`) to the same plans.
 */
export function optimalPlans(
  contexts: readonly FamilyContext[],
  resources: readonly SharedResource[],
  options: OptimalOptions,
): PlanResult[] {
  const run = optimalRun(contexts, resources, options);
  const plans = new Array<PlanResult[]>(run.work.length);
  let done = 0;
  const place = (k: number, made: PlanResult[]) => {
    plans[k] = made;
    done += made.length;
    options.onProgress?.(done, contexts.length);
  };
  const planners = run.work.map((work) => new OptimalWorkPlanner(work, options.solver));
  const firsts = planners.map((planner, k) => {
    const first = planner.firstPhase();
    if ("plans" in first) place(k, first.plans);
    return first;
  });
  const { order, seconds } = searchShares(run, firsts);
  for (const k of order) place(k, planners[k].search(seconds));
  return mergeOptimal(run, plans);
}

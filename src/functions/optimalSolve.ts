// The one solve SOP.OPTIMAL runs, in the functions' worker or in process: a family's least-cost plan, held to a cell's time limit.
import { type FamilyContext, type LpSolver, type PlanResult, optimalPlans } from "../engine";

/**
 * A cell waits for its answer: whole workers stop at the best plan found after this long (the plan
 * says it is not proven optimal only through its cost).
 */
export const TIME_LIMIT_SECONDS = 5;

export function solveOptimalPlan(solver: LpSolver, context: FamilyContext): PlanResult {
  const [plan] = optimalPlans([context], [], { solver, timeLimitSeconds: TIME_LIMIT_SECONDS });
  return plan;
}

/** A solve asked of the worker. */
export interface SolveRequest {
  id: number;
  context: FamilyContext;
}

/** The worker's answer: the plan, or why there is none (`unavailable`: the solver did not load). */
export type SolveReply = { id: number; plan: PlanResult } | { id: number; error: string; unavailable: boolean };

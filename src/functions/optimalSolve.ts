// The one solve SOP.OPTIMAL runs, in the functions' worker or in process: a family's least-cost plan, held to a cell's time limit.
import type { FamilyContext } from "../engine/costing";
import type { LpSolver } from "../engine/lp";
import type { PlanResult } from "../engine/model";
import { optimalPlans } from "../engine/optimal";

/**
 * A cell waits for its answer: whole workers stop at the best plan found after this long (the plan
 * says it is not proven optimal only through its cost).
 */
export const TIME_LIMIT_SECONDS = 5;

/**
 * The solver, loaded on the first call and kept; a load that failed is tried again on the next
 * call (a recalculation), not remembered as a failure.
 */
export function solverOnDemand(load: () => Promise<LpSolver>): () => Promise<LpSolver> {
  let solver: Promise<LpSolver> | null = null;
  return async () => {
    solver ??= load();
    try {
      return await solver;
    } catch (error) {
      solver = null;
      throw error;
    }
  };
}

/** An error's words, whatever was thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

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

// The LP solver loaded on first use, for SOP.OPTIMAL in process and in its worker: a module of its own, so functions.js holds it without the LP model.
import type { LpSolver } from "../engine";

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

// SOP.OPTIMAL's Web Worker: loads HiGHS once and solves each cell's LP off Excel's thread, one request after another.
import type { LpSolver, PlanResult } from "../engine";
import { solveOptimalPlan, warmUp, type SolveReply, type SolveRequest } from "./optimalSolve";
import { errorText, solverOnDemand } from "./solverOnDemand";

/** The part of the worker's global scope used here (the DOM typings describe a window, not a worker). */
interface WorkerScope {
  postMessage(message: SolveReply): void;
  onmessage: ((event: { data: SolveRequest }) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
const solver = solverOnDemand(async () => {
  const { loadHighsSolver } = await import(/* webpackChunkName: "highs" */ "../solver/highs");
  return loadHighsSolver();
});

/**
 * The solver loads and warms up as the worker starts (the functions start it as they load), before
 * any cell asks: requests wait in the event loop behind it. A failed load is tried again by the
 * first request (solverOnDemand forgets it).
 */
export const warmed: Promise<PlanResult | null> = solver().then(
  (lp) => {
    try {
      return warmUp(lp);
    } catch {
      return null;
    }
  },
  () => null,
);

async function answer({ id, context }: SolveRequest): Promise<SolveReply> {
  let lp: LpSolver;
  try {
    lp = await solver();
  } catch (error) {
    return { id, error: errorText(error), unavailable: true };
  }
  try {
    return { id, plan: solveOptimalPlan(lp, context) };
  } catch (error) {
    return { id, error: errorText(error), unavailable: false };
  }
}

// Requests queue in the worker's own event loop: each solve runs to its end before the next starts.
scope.onmessage = (event) => {
  void answer(event.data).then((reply) => scope.postMessage(reply));
};

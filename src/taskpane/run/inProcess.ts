// Plans on the calling thread: for tests, and for hosts without Web Workers. Kept apart so the pane's own chunk never holds the planner.
import type { LpSolver } from "../../engine";
import { runPlanner } from "../../workbook/pipeline";
import { inspectWorkbook, RunCancelled, type TaskpanePlanner } from "../planner";
import { plannedBlocks, plannerOptions } from "./options";

/** Cancel is honoured between the stages; the optimal plan needs a solver passed in (the worker loads its own). */
export function inProcessPlanner(solver?: () => Promise<LpSolver>): TaskpanePlanner {
  return {
    inspect: inspectWorkbook,
    async run(blocks, request, hooks) {
      if (hooks.signal.aborted) throw new RunCancelled();
      const loaded = request.strategies.includes("optimal") && solver ? await solver() : undefined;
      const run = runPlanner(plannedBlocks(blocks, request), plannerOptions(request, hooks.onProgress, loaded));
      if (hooks.signal.aborted) throw new RunCancelled();
      return run;
    },
  };
}

// The planning Web Worker: runs the planner off Excel's thread, loads the LP solver only when the optimal plan is asked for.
import type { LpSolver } from "../../engine";
import { runPlanner } from "../../workbook/pipeline";
import { plannedBlocks, plannerOptions } from "./options";
import type { RunMessage, RunProgress, WorkerReply } from "./protocol";
import { loadSolver } from "./solver";

/** The part of the worker's global scope used here (the DOM typings describe a window, not a worker). */
interface WorkerScope {
  postMessage(message: WorkerReply): void;
  onmessage: ((event: MessageEvent<RunMessage>) => void) | null;
}

const scope = self as unknown as WorkerScope;

function post(progress: RunProgress): void {
  scope.postMessage({ type: "progress", progress });
}

async function plan({ blocks, request }: RunMessage): Promise<WorkerReply> {
  let solver: LpSolver | undefined;
  if (request.strategies.includes("optimal")) {
    post({ stage: "solving", fraction: 0.22, detail: "Loading the LP solver" });
    solver = await loadSolver();
  }
  post({ stage: "planning", fraction: 0.25 });
  return { type: "done", run: runPlanner(plannedBlocks(blocks, request), plannerOptions(request, post, solver)) };
}

scope.onmessage = (event) => {
  plan(event.data)
    .then((reply) => scope.postMessage(reply))
    .catch((error: unknown) => scope.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) }));
};

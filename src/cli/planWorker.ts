// A worker thread of the command line's pool: loads HiGHS as it starts, then plans the optimal work it is sent (see workerPool.ts), one item at a time.
import { parentPort } from "worker_threads";
import { OptimalWorkPlanner } from "../engine";
import { loadHighsSolver } from "../solver/highs";
import type { WorkerReply, WorkerRequest } from "./workerPool";

const port = parentPort;
if (!port) throw new Error("planWorker.js runs as a worker thread of sop-plan");
// Warmed up while the main thread reads the workbook.
const solver = loadHighsSolver();
/** The items whose first phase left a plan to search, kept until their search comes. */
const planners = new Map<number, OptimalWorkPlanner>();

port.on("message", (request: WorkerRequest) => {
  void solver
    .then((lp): WorkerReply => {
      if (request.kind === "first") {
        const planner = new OptimalWorkPlanner(request.work, lp);
        const first = planner.firstPhase();
        if ("excess" in first) planners.set(request.id, planner);
        return { id: request.id, first };
      }
      const planner = planners.get(request.id);
      planners.delete(request.id);
      if (!planner) throw new Error(`no planner ${request.id} to search`);
      return { id: request.id, plans: planner.search(request.seconds) };
    })
    .catch((error: unknown): WorkerReply => ({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .then((reply) => port.postMessage(reply));
});

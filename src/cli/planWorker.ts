// A worker thread of the command line's pool: loads HiGHS as it starts (for a run with optimal plans), then plans the optimal work and fits the statistical baselines it is sent (see workerPool.ts), one item at a time.
import { parentPort, workerData } from "worker_threads";
import { demandBaseline, OptimalWorkPlanner, type LpSolver } from "../engine";
import { loadHighsSolver } from "../solver/highs";
import type { WorkerReply, WorkerRequest, WorkerStart } from "./workerPool";

const port = parentPort;
if (!port) throw new Error("planWorker.js runs as a worker thread of sop-plan");
let loading: Promise<LpSolver> | null = null;
const loadSolver = () => (loading ??= loadHighsSolver());
// Warmed up while the main thread reads the workbook, when the run has optimal plans.
if ((workerData as WorkerStart | undefined)?.warmSolver !== false) void loadSolver().catch(() => undefined);
/** The items whose first phase left a plan to search, kept until their search comes. */
const planners = new Map<number, OptimalWorkPlanner>();

port.on("message", (request: WorkerRequest) => {
  if (request.kind === "baselines") {
    let reply: WorkerReply;
    try {
      reply = { id: request.id, baselines: request.requests.map((r) => demandBaseline(r.history, r.options)) };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
    return;
  }
  void loadSolver()
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

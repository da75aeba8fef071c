// The custom functions' side of SOP.OPTIMAL's worker: one worker for the runtime, a promise per cell.
import type { FamilyContext } from "../engine/costing";
import type { PlanResult } from "../engine/model";
import { SolverUnavailable, type SolveOptimalPlan } from "./optimal";
import type { SolveReply, SolveRequest } from "./optimalSolve";

/**
 * Solves in a Web Worker: the runtime's thread (which Excel waits on for every function and the
 * pane) only posts the inputs and lays out the answer. A worker that dies fails the cells waiting on
 * it and is started afresh for the next.
 */
export function workerSolve(): SolveOptimalPlan {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (plan: PlanResult) => void; reject: (error: Error) => void }>();

  const start = (): Worker => {
    const started = new Worker(new URL("./optimal.worker.ts", import.meta.url), { name: "sop-optimal" });
    started.onmessage = (event: MessageEvent<SolveReply>) => {
      const reply = event.data;
      const cell = waiting.get(reply.id);
      if (!cell) return;
      waiting.delete(reply.id);
      if ("plan" in reply) cell.resolve(reply.plan);
      else cell.reject(reply.unavailable ? new SolverUnavailable(reply.error) : new Error(reply.error));
    };
    started.onerror = (event) => {
      started.terminate();
      worker = null;
      const error = new SolverUnavailable(event.message || "the solver's worker stopped");
      for (const cell of waiting.values()) cell.reject(error);
      waiting.clear();
    };
    return started;
  };

  return (context: FamilyContext) =>
    new Promise<PlanResult>((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      const request: SolveRequest = { id, context };
      worker.postMessage(request);
    });
}

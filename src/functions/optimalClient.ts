// The custom functions' side of SOP.OPTIMAL's worker: one worker for the runtime, a promise per cell.
import type { FamilyContext, PlanResult } from "../engine";
import { SolverUnavailable, type SolveOptimalPlan } from "./optimal";
import type { SolveReply, SolveRequest } from "./optimalSolve";

/** The part of a Web Worker used here (declared here: the command line's build has no DOM types). */
interface SolverWorker {
  postMessage(request: SolveRequest): void;
  onmessage: ((event: { data: SolveReply }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}
declare const Worker: new (url: URL, options: { name: string }) => SolverWorker;

/**
 * Solves in a Web Worker, started at once (it loads and warms up the solver as it starts): the
 * runtime's thread (which Excel waits on for every function and the pane) only posts the inputs
 * and lays out the answer. A worker that dies fails the cells waiting on it and is started afresh
 * for the next.
 */
export function workerSolve(): SolveOptimalPlan {
  let worker: SolverWorker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (plan: PlanResult) => void; reject: (error: Error) => void }>();

  const start = (): SolverWorker => {
    // webpack bundles the worker from this pattern. The command line's CommonJS build compiles this
    // module too (it never runs it: Node has no Worker here), and CommonJS has no import.meta.
    // eslint-disable-next-line @typescript-eslint/ban-ts-comment
    // @ts-ignore TS1343 under the CommonJS build only
    const started = new Worker(new URL("./optimal.worker.ts", import.meta.url), { name: "sop-optimal" });
    started.onmessage = (event: { data: SolveReply }) => {
      const reply = event.data;
      const cell = waiting.get(reply.id);
      if (!cell) return;
      waiting.delete(reply.id);
      if ("plan" in reply) cell.resolve(reply.plan);
      else cell.reject(reply.unavailable ? new SolverUnavailable(reply.error) : new Error(reply.error));
    };
    started.onerror = (event: { message?: string }) => {
      started.terminate();
      worker = null;
      const error = new SolverUnavailable(event.message || "the solver's worker stopped");
      for (const cell of waiting.values()) cell.reject(error);
      waiting.clear();
    };
    return started;
  };

  // Started now, so its solver loads and warms up before the first cell asks (a worker that died starts again on the next).
  worker = start();
  return (context: FamilyContext) =>
    new Promise<PlanResult>((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      const request: SolveRequest = { id, context };
      worker.postMessage(request);
    });
}

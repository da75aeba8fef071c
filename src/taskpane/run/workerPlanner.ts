// The task pane's planner in the browser: inspection on the page, planning in a Web Worker that Cancel terminates.
import { type PlannerRun, type RawTable, inspectWorkbook, RunCancelled, type RunHooks, type TaskpanePlanner } from "../planner";
import type { PlanRequest, RunMessage, WorkerReply } from "./protocol";

export class WorkerPlanner implements TaskpanePlanner {
  private worker: Worker | null = null;

  inspect = inspectWorkbook;

  run(blocks: RawTable[], request: PlanRequest, hooks: RunHooks): Promise<PlannerRun> {
    if (hooks.signal.aborted) return Promise.reject(new RunCancelled());
    // Kept between runs (its code is loaded once); a cancelled run's worker is ended and replaced.
    const worker = (this.worker ??= new Worker(new URL("./planner.worker.ts", import.meta.url), { name: "sop-planner" }));
    return new Promise<PlannerRun>((resolve, reject) => {
      const finish = () => {
        worker.onmessage = null;
        worker.onerror = null;
        hooks.signal.removeEventListener("abort", cancel);
      };
      const cancel = () => {
        finish();
        worker.terminate();
        this.worker = null;
        reject(new RunCancelled());
      };
      worker.onmessage = (event: MessageEvent<WorkerReply>) => {
        const reply = event.data;
        if (reply.type === "progress") {
          hooks.onProgress(reply.progress);
          return;
        }
        finish();
        if (reply.type === "done") resolve(reply.run);
        else reject(new Error(reply.message));
      };
      worker.onerror = (event) => {
        finish();
        worker.terminate();
        this.worker = null;
        reject(new Error(event.message || "the planning worker stopped"));
      };
      hooks.signal.addEventListener("abort", cancel, { once: true });
      const message: RunMessage = { type: "run", blocks, request };
      worker.postMessage(message);
    });
  }
}

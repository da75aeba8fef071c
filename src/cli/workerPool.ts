// The command line's worker threads: a run's independent optimal work (groups of coupled families, families alone, the scenarios' runs) planned side by side, to the plans a serial run makes.
import { Worker } from "worker_threads";
import {
  mergeOptimal,
  optimalRun,
  searchShares,
  unsolvedOptimalPlans,
  type FirstPhase,
  type OptimalPlansOf,
  type OptimalRun,
  type OptimalWork,
  type PlanResult,
  type Baseline,
  type BaselineRequest,
} from "../engine";

export type WorkerRequest =
  | { id: number; kind: "first"; work: OptimalWork }
  | { id: number; kind: "search"; seconds: number }
  | { id: number; kind: "baselines"; requests: BaselineRequest[] };
export type WorkerReply = { id: number; first: FirstPhase } | { id: number; plans: PlanResult[] } | { id: number; baselines: Baseline[] } | { id: number; error: string };

/** What a worker needs to know as it starts: whether to load HiGHS at once (a run with optimal plans) or only when an optimal item comes. */
export interface WorkerStart {
  warmSolver: boolean;
}

interface Task {
  request: WorkerRequest;
  /** The worker that must take it (a search goes where its first phase left its planner); undefined: any. */
  pinned?: number;
  /** Larger first among the tasks any worker may take: the long items start early, the short fill in. */
  size: number;
  resolve: (reply: WorkerReply & { worker: number }) => void;
  reject: (error: Error) => void;
}

/**
 * A pool of worker threads, each with HiGHS loaded as it starts (planWorker.js). Which worker
 * takes which item is left to timing; what an item plans to is not (see OptimalWorkPlanner).
 */
export class PlanPool {
  private readonly workers: { worker: Worker; task: Task | null }[];
  private readonly queue: Task[] = [];
  private nextId = 0;
  /** Items (first phases and searches) each worker has planned: what shows they were shared. */
  readonly planned: number[];
  private failure: Error | null = null;

  constructor(size: number, script: string, start: WorkerStart = { warmSolver: true }) {
    this.planned = new Array<number>(size).fill(0);
    this.workers = Array.from({ length: size }, (_, w) => {
      const worker = new Worker(script, { workerData: start });
      worker.on("message", (reply: WorkerReply) => this.done(w, reply));
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => code !== 0 && this.fail(new Error(`a planning worker stopped (exit code ${code})`)));
      return { worker, task: null };
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** An item's first phase; the worker that ran it keeps its planner for the search, if one is needed. */
  first(work: OptimalWork): Promise<{ first: FirstPhase; worker: number; id: number }> {
    const size = work.contexts.reduce((total, ctx) => total + ctx.periods.length, 0);
    return this.submit({ id: this.nextId++, kind: "first", work }, size).then((reply) => {
      if (!("first" in reply)) throw new Error("a planning worker answered out of turn");
      return { first: reply.first, worker: reply.worker, id: reply.id };
    });
  }

  search(worker: number, id: number, seconds: number): Promise<PlanResult[]> {
    return this.submit({ id, kind: "search", seconds }, Infinity, worker).then((reply) => {
      if (!("plans" in reply)) throw new Error("a planning worker answered out of turn");
      return reply.plans;
    });
  }

  /**
   * The statistical baselines of the requests, fitted on the workers (in batches of a few series, so
   * that no worker waits while another has many left), each as `demandBaseline` gives it: the answers
   * are the same whichever worker fits them.
   */
  async baselines(requests: readonly BaselineRequest[]): Promise<Baseline[]> {
    const batch = Math.max(1, Math.ceil(requests.length / (this.size * 8)));
    const batches: BaselineRequest[][] = [];
    for (let i = 0; i < requests.length; i += batch) batches.push(requests.slice(i, i + batch));
    const answered = await Promise.all(
      batches.map((part) =>
        this.submit({ id: this.nextId++, kind: "baselines", requests: part }, part.reduce((n, r) => n + r.history.length, 0)).then((reply) => {
          if (!("baselines" in reply)) throw new Error("a planning worker answered out of turn");
          return reply.baselines;
        }),
      ),
    );
    return answered.flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private submit(request: WorkerRequest, size: number, pinned?: number): Promise<WorkerReply & { worker: number }> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ request, size, pinned, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    this.workers.forEach((slot, w) => {
      if (slot.task) return;
      let best = -1;
      this.queue.forEach((task, k) => {
        if ((task.pinned === undefined || task.pinned === w) && (best < 0 || task.size > this.queue[best].size)) best = k;
      });
      if (best < 0) return;
      const [task] = this.queue.splice(best, 1);
      slot.task = task;
      slot.worker.postMessage(task.request);
    });
  }

  private done(w: number, reply: WorkerReply): void {
    const task = this.workers[w].task;
    this.workers[w].task = null;
    if (!task) return;
    this.planned[w]++;
    if ("error" in reply) task.reject(new Error(reply.error));
    else task.resolve({ ...reply, worker: w });
    this.dispatch();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const slot of this.workers) {
      slot.task?.reject(error);
      slot.task = null;
    }
    for (const task of this.queue.splice(0)) task.reject(error);
  }
}

/** One run's optimal plans on the pool: every item's first phase, then the searches, worst first, each with its share (see searchShares). */
async function planRunOnPool(pool: PlanPool, run: OptimalRun, onPlanned: (families: number) => void): Promise<PlanResult[]> {
  const plans = new Array<PlanResult[]>(run.work.length);
  const firsts = await Promise.all(
    run.work.map((work, k) =>
      pool.first(work).then((started) => {
        if ("plans" in started.first) {
          plans[k] = started.first.plans;
          onPlanned(plans[k].length);
        }
        return started;
      }),
    ),
  );
  const { order, seconds } = searchShares(
    run,
    firsts.map(({ first }) => first),
  );
  await Promise.all(
    order.map((k) =>
      pool.search(firsts[k].worker, firsts[k].id, seconds).then((made) => {
        plans[k] = made;
        onPlanned(made.length);
      }),
    ),
  );
  return mergeOptimal(run, plans);
}

const keyOf = (...parts: Parameters<OptimalPlansOf>) => JSON.stringify(parts);

/**
 * `plan` (a whole planning run, synchronous, given where its optimal plans come from) with its
 * optimal plans made on the pool: a first pass with stand-in plans gathers every optimal run it
 * asks for (the base plan's and each scenario's: what a scenario plans does not depend on the base
 * plan's optimal plans, only on its input), the pool plans them all side by side, and a second
 * pass takes them. Each run is planned as a serial run plans it, so the plans are the same.
 */
export async function planOnPool<T>(
  pool: PlanPool,
  plan: (optimalPlans: OptimalPlansOf) => T,
  onProgress?: (stage: string, done: number, total: number) => void,
): Promise<T> {
  const runs = new Map<string, Promise<PlanResult[]>>();
  let total = 0;
  let done = 0;
  const planned = (families: number) => onProgress?.("optimal", (done += families), total);
  plan((contexts, resources, options) => {
    const key = keyOf(contexts, resources, options);
    if (!runs.has(key)) {
      const run = optimalRun(contexts, resources, options);
      total += run.familyCount;
      // Sent at once: the workers start on the base plan's groups while this pass goes on to the scenarios.
      const plans = planRunOnPool(pool, run, planned);
      // Awaited below; should this pass throw first, the pool's close rejects it, said by that throw instead.
      plans.catch(() => undefined);
      runs.set(key, plans);
    }
    return unsolvedOptimalPlans(contexts);
  });
  const made = new Map(await Promise.all([...runs].map(async ([key, plans]) => [key, await plans] as const)));
  return plan((contexts, resources, options) => {
    const plans = made.get(keyOf(contexts, resources, options));
    if (!plans) throw new Error("an optimal run the first pass did not gather");
    return plans;
  });
}

// SOP.OPTIMAL: the least-cost plan from the LP solver, loaded once on first use, each answer cached by its input.
import type { FamilyContext, LpSolver, PlanResult } from "../engine";
import { readFlag, readPlanningCase } from "./args";
import { cellError, spilled, type SpilledCells } from "./errors";
import { planTable } from "./planTable";
import { errorText, solverOnDemand } from "./solverOnDemand";
import { feasibleOnly } from "./plans";

/** Excel recalculates a cell whenever anything upstream changes; an LP per recalculation would make a sheet of them crawl. */
const CACHED_ANSWERS = 500;

export type OptimalPlanTable = (demand: unknown, policy: unknown, workingDays: unknown, header: unknown) => Promise<SpilledCells>;

/** The least-cost plan of one family, solved wherever the runtime allows (a worker in Excel, in process in Node). */
export type SolveOptimalPlan = (context: FamilyContext) => Promise<PlanResult>;

/** Thrown by a solve whose solver could not be loaded (the cell says so, and a recalculation tries again). */
export class SolverUnavailable extends Error {}

/**
 * The plan, solved on this thread: for Node (tests, the command line's functions) and runtimes
 * without workers. The LP model loads with the first solve, so functions.js (loaded with every
 * workbook, where the solves run in the worker) does not carry it.
 */
export function inProcessSolve(loadSolver: () => Promise<LpSolver>): SolveOptimalPlan {
  const solver = solverOnDemand(loadSolver);
  return async (context) => {
    const lp = await solver().catch((error: unknown) => {
      throw new SolverUnavailable(errorText(error), { cause: error });
    });
    const { solveOptimalPlan } = await import(/* webpackChunkName: "optimal-in-process" */ "./optimalSolve");
    return solveOptimalPlan(lp, context);
  };
}

/**
 * SOP.OPTIMAL's body over a solver loader, solving in process: the solver loads on the first call
 * (and again only when loading failed), identical inputs share one answer, and the oldest answers are
 * dropped beyond `capacity`. The promise never rejects: every failure is an error value in the cell.
 */
export function createOptimalPlanTable(loadSolver: () => Promise<LpSolver>, capacity = CACHED_ANSWERS): OptimalPlanTable {
  return optimalPlanTableOver(inProcessSolve(loadSolver), capacity);
}

/** SOP.OPTIMAL's body over any solve: arguments read here, the LP solved by `solve`, the plan laid out here. */
export function optimalPlanTableOver(solve: SolveOptimalPlan, capacity = CACHED_ANSWERS): OptimalPlanTable {
  const answers = new Map<string, Promise<SpilledCells>>();

  const answer = async (demand: unknown, policy: unknown, workingDays: unknown, header: unknown): Promise<SpilledCells> => {
    const planningCase = readPlanningCase(demand, policy, workingDays);
    const withHeader = readFlag("header", header, false);
    if (!planningCase.ok) return spilled(() => planningCase);
    if (!withHeader.ok) return spilled(() => withHeader);
    const { context, orientation } = planningCase.value;
    let plan: PlanResult;
    try {
      plan = await solve(context);
    } catch (error) {
      if (error instanceof SolverUnavailable) throw error;
      const detail = errorText(error);
      return [[cellError(`the optimal plan could not be solved: ${detail}`, CustomFunctions.ErrorCode.notAvailable)]];
    }
    return spilled(() => feasibleOnly(plan, "optimal plan", () => planTable(plan, { header: withHeader.value, orientation })));
  };

  return (demand, policy, workingDays, header) => {
    const key = inputKey(demand, policy, workingDays, header);
    const known = answers.get(key);
    if (known) return known;
    const pending = answer(demand, policy, workingDays, header).catch((error: unknown) => {
      // Not remembered: the next recalculation tries to load the solver again.
      answers.delete(key);
      const detail = errorText(error);
      return [[cellError(`the LP solver could not be loaded: ${detail}`, CustomFunctions.ErrorCode.notAvailable)]];
    });
    answers.set(key, pending);
    if (answers.size > capacity) answers.delete(answers.keys().next().value as string);
    return pending;
  };
}

/** The arguments as Excel passed them; an omitted argument (undefined) and an empty one (null) are the same input. */
function inputKey(...args: unknown[]): string {
  return JSON.stringify(args.map((a) => a ?? null));
}

/**
 * HiGHS, in a chunk of its own so functions.js (loaded with every workbook) stays small. webpack
 * emits highs.wasm as an asset and hands its URL to the loader; in Node the package finds it itself.
 */
async function loadSolver(): Promise<LpSolver> {
  const { loadHighsSolver } = await import(/* webpackChunkName: "highs" */ "../solver/highs");
  return loadHighsSolver();
}

/**
 * In Excel, the solves run in a Web Worker of the shared runtime, one after another, so a sheet of
 * SOP.OPTIMAL cells never blocks Excel's thread (Office restarts an add-in unresponsive for 5 s);
 * the worker starts, and loads and warms the solver, as the functions load.
 * Where there are no workers (Node), they run in process.
 */
function backgroundSolve(): SolveOptimalPlan {
  if (typeof (globalThis as { Worker?: unknown }).Worker !== "function") return inProcessSolve(loadSolver);
  let client: Promise<SolveOptimalPlan> | null = null;
  const start = () => {
    const started = import(/* webpackChunkName: "optimal-client" */ "./optimalClient").then((m) => m.workerSolve());
    // A chunk that failed to load is loaded again by the next cell (which says why this one failed).
    started.catch(() => client === started && (client = null));
    return started;
  };
  // The worker starts as the functions load, so its solver is loaded and warm before the first cell asks.
  client = start();
  return async (context) => {
    client ??= start();
    return (await client)(context);
  };
}

export const optimalPlanTable: OptimalPlanTable = optimalPlanTableOver(backgroundSolve());

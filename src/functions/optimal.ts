// SOP.OPTIMAL: the least-cost plan from the LP solver, loaded once on first use, each answer cached by its input.
import type { LpSolver } from "../engine/lp";
import { optimalPlans } from "../engine/optimal";
import { readFlag, readPlanningCase } from "./args";
import { cellError, spilled, type SpilledCells } from "./errors";
import { planTable } from "./planTable";
import { feasibleOnly } from "./plans";

/** Excel recalculates a cell whenever anything upstream changes; an LP per recalculation would make a sheet of them crawl. */
const CACHED_ANSWERS = 500;

/**
 * A cell waits for its answer, and Excel's calculation with it: whole workers stop at the best
 * plan found after this long (the plan says it is not proven optimal only through its cost).
 */
const TIME_LIMIT_SECONDS = 5;

export type OptimalPlanTable = (demand: unknown, policy: unknown, workingDays: unknown, header: unknown) => Promise<SpilledCells>;

/**
 * SOP.OPTIMAL's body over a solver loader: the solver loads on the first call (and again only
 * when loading failed), identical inputs share one answer, and the oldest answers are dropped
 * beyond `capacity`. The promise never rejects: every failure is an error value in the cell.
 */
export function createOptimalPlanTable(loadSolver: () => Promise<LpSolver>, capacity = CACHED_ANSWERS): OptimalPlanTable {
  let solver: Promise<LpSolver> | null = null;
  const answers = new Map<string, Promise<SpilledCells>>();

  const answer = async (demand: unknown, policy: unknown, workingDays: unknown, header: unknown): Promise<SpilledCells> => {
    const planningCase = readPlanningCase(demand, policy, workingDays);
    const withHeader = readFlag("header", header, false);
    if (!planningCase.ok) return spilled(() => planningCase);
    if (!withHeader.ok) return spilled(() => withHeader);
    let lp: LpSolver;
    try {
      solver ??= loadSolver();
      lp = await solver;
    } catch (error) {
      solver = null;
      throw error;
    }
    const { context, orientation } = planningCase.value;
    return spilled(() => {
      const [plan] = optimalPlans([context], [], { solver: lp, timeLimitSeconds: TIME_LIMIT_SECONDS });
      return feasibleOnly(plan, "optimal plan", () => planTable(plan, { header: withHeader.value, orientation }));
    });
  };

  return (demand, policy, workingDays, header) => {
    const key = inputKey(demand, policy, workingDays, header);
    const known = answers.get(key);
    if (known) return known;
    const pending = answer(demand, policy, workingDays, header).catch((error: unknown) => {
      // Not remembered: the next recalculation tries to load the solver again.
      answers.delete(key);
      const detail = error instanceof Error ? error.message : String(error);
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

export const optimalPlanTable: OptimalPlanTable = createOptimalPlanTable(loadSolver);

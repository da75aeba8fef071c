// The one solve SOP.OPTIMAL runs, in the functions' worker or in process: a family's least-cost plan, held to a cell's time limit.
import { type FamilyContext, type LpSolver, type PlanResult, familyContext, optimalPlans, POLICY_DEFAULTS } from "../engine";

/**
 * A cell waits for its answer: whole workers stop at the best plan found after this long (the plan
 * says it is not proven optimal only through its cost).
 */
export const TIME_LIMIT_SECONDS = 5;

export function solveOptimalPlan(solver: LpSolver, context: FamilyContext): PlanResult {
  const [plan] = optimalPlans([context], [], { solver, timeLimitSeconds: TIME_LIMIT_SECONDS });
  return plan;
}

/** The periods of the warm-up's family: a whole-worker MIP small enough to be solved exactly (EXACT_UP_TO_WORKER_COLUMNS), so it runs every step. */
const WARM_UP_PERIODS = 24;

/**
 * One solve of a made-up family with whole workers (24 periods: the LP, the rounding and an exact
 * MIP), so that the solver's code is compiled before the first cell asks: in a fresh runtime the
 * first whole-worker cell of 52 weeks took 340–700 ms, the next ones about 100 ms; after this,
 * the first about 110 ms (bench/functions.bench.js). The worker runs it as it starts.
 */
export function warmUp(solver: LpSolver): PlanResult {
  const periods = Array.from({ length: WARM_UP_PERIODS }, (_, t) => `P${t + 1}`);
  const demand = periods.map((_, t) => 1000 + ((t * 101) % 500));
  const policy = { ...POLICY_DEFAULTS, unitsPerWorkerPerPeriod: 40, regularCostPerHour: 20, hoursPerWorkerPerPeriod: 160, hiringCostPerWorker: 1000, layoffCostPerWorker: 1500, holdingCostPerUnit: 2, backorderCostPerUnit: 5, initialWorkers: 30, integerWorkers: true };
  return solveOptimalPlan(solver, familyContext({ family: "warm-up", demand, policy, manualPlan: null }, periods, null));
}

/** A solve asked of the worker. */
export interface SolveRequest {
  id: number;
  context: FamilyContext;
}

/** The worker's answer: the plan, or why there is none (`unavailable`: the solver did not load). */
export type SolveReply = { id: number; plan: PlanResult } | { id: number; error: string; unavailable: boolean };

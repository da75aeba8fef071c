// The optimal plan's solve strategy: how a group of families (one, or several coupled by shared resources) is solved — its LP by the chosen method, whole workers by rounding, the MIP or the decomposition, the constrained plan in tiers — within its gap and time.
import { costPlan, frozenCount, priceAt } from "../costing";
import { familiesLoading } from "../coupling";
import { BASIS_STATUS, type LpBasis, type LpProblem, type LpSolution, type LpSolveOptions, type LpSolver } from "../lp";
import { Decomposition } from "../lp/decomposition";
import type { FamilyContext, PlanResult, SharedResource, SolveReport } from "../model";
import { decisionsOf, emptyDecisions } from "./decode";
import { explainFamilyShortfall, solveFailed } from "./explain";
import {
  assemble,
  constrainedTiers,
  familyBlock,
  fitsSharedRows,
  forEachPlannedColumn,
  forEachWholeWorkerColumn,
  KIND,
  roundWorkersForCapacity,
  saleValued,
  saleValuePerUnit,
  unmetColumn,
  snapWholeWorkers,
  withWorkersFixed,
  type AssembledProblem,
  type ConstrainedTier,
  type FamilyBlock,
} from "./model";
import { lagrangianBound } from "./lagrangian";
import { splitPlateaus } from "./splitRounding";
import { whyOf } from "./why";

/**
 * How the coupled LP (families sharing resources) is solved. `auto` (the default, chosen on the
 * evidence of bench/optimal.bench.js): each family alone first; when their plans fit the shared
 * capacity together they are the coupled optimum, else interior point on the whole LP; with whole
 * workers and an LP of DECOMPOSE_FROM_COLUMNS or more, the relaxation by decomposition instead.
 * `decomposition`: that relaxation whatever the size (fractional workers: as `auto`).
 * `warm-start`: dual simplex on the whole LP from the families' own optimal bases.
 * `simplex`, `ipm`: the whole LP, cold.
 */
export type CoupledMethod = "auto" | "decomposition" | "warm-start" | "simplex" | "ipm";

export interface OptimalOptions {
  solver: LpSolver;
  /** The run's time budget in solver seconds (all groups and families; see SolveBudget); default DEFAULT_TIME_LIMIT_SECONDS. */
  timeLimitSeconds?: number;
  coupledMethod?: CoupledMethod;
  /** Called as families are planned: done of total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The default budget of a run, in solver seconds. The seeded groupings of 20 to 120 families of
 * bench/wholeWorkers.bench.js are planned within their gap by the first phase (LP and rounding, 1–3
 * s of solver time), and the few families alone still above it get a second or so of search; small
 * workforces, whose rounding is far from the bound, are where it binds (README: whole workers).
 */
export const DEFAULT_TIME_LIMIT_SECONDS = 4;

/**
 * A group with at most this many whole-worker columns (two years of months, or a family of a few
 * periods, like the textbook's) is small enough that its MIP is solved exactly (to a gap of 0), its
 * Policy `Optimality gap` notwithstanding: cheap, and the least cost then needs no caveat.
 */
export const EXACT_UP_TO_WORKER_COLUMNS = 24;

/**
 * The time budget of one run of the optimal plans (every group and family of it), counted in the
 * seconds the solver reports for its solves (the engine keeps no clock of its own), spent in two
 * phases: first the LP and rounding of every group (never cut short: they make the plan; each
 * group's steps that stop by their own rule are guarded by a budget of the group's own, so a group
 * is planned alike whatever runs before or beside it), then the search where a whole-worker plan
 * is still above its gap target, worst first, what the first phase left shared evenly among the
 * groups to search (see `searchShares`). The base plan and each scenario are runs of their own,
 * each with the same budget: a scenario's group is planned exactly as the same group in a run by
 * hand (the search's limits are work, the budget a guard).
 */
export class SolveBudget {
  private spentSeconds = 0;

  constructor(readonly seconds: number) {}

  spend(seconds: number): void {
    this.spentSeconds += seconds;
  }

  get spent(): number {
    return this.spentSeconds;
  }

  get left(): number {
    return Math.max(0, this.seconds - this.spentSeconds);
  }

  /**
   * What the search may spend: what is left, and at least a quarter of the budget (a first phase
   * that used it all, on a busy machine, still leaves the worst plans a short search).
   */
  searchAllowance(): number {
    return Math.max(this.left, this.seconds / 4);
  }

  /**
   * The longest a step of the first phase that stops by its own rule (the decomposition's rounds)
   * may run: what is left, and at least half the budget, so that a step late in a run still gives
   * its bound rather than stopping before it has one.
   */
  firstPhaseSeconds(): number {
    return Math.max(this.left, this.seconds / 2);
  }
}

/** The MIP runs only when the time it would have holds at least this many solves of the group's LP (its root costs about one). */
const MIP_ROOTS_NEEDED = 3;
/**
 * The search's branch and bound stops after this many nodes: a limit of work, so the same group
 * ends at the same plan and bound in any run. On the small-workforce groups of
 * bench/wholeWorkers.bench.js the root's cuts give most of the bound (2 families: the LP's 2.06 %
 * gap is 1.11 % after the root and 0.49 %, proven, after 10 nodes).
 */
const SEARCH_NODES = 50;
/**
 * Coupled groups with whole workers whose LP has at least this many columns (about 60 families ×
 * 52 weeks) get their relaxation by decomposition. Below it the whole LP is as fast (40 families ×
 * 52 weeks: 2.8 s either way) and exact, and its MIP can still pay (20 families: 0.03 % by the MIP
 * against 0.14 % rounded).
 */
export const DECOMPOSE_FROM_COLUMNS = 25_000;

/**
 * The decomposition's rounds stop within a quarter of this (or of the gap target, when smaller),
 * whatever the target: a coarser point rounds worse (61 families × 52 weeks of
 * test/unit/decomposition.test.ts: 0.52 % above the LP optimum when stopped at 0.125 %, 0.11 % at 0.025 %).
 */
const DECOMPOSITION_GAP = 0.001;

/**
 * The splitting of the LP's plateaus (splitPlateaus) prices at most this many columns' worth of
 * LPs: 600 splits of a group of 10 families × 52 weeks (4,160 columns, about 7 ms each warm),
 * more for a family alone (its passes end first), 120 for 40 families.
 */
const SPLIT_WORK = 2_500_000;

/**
 * The search of a coupled group of at least this many families (and at most
 * LAGRANGIAN_UP_TO_COLUMNS) starts with the Lagrangian bound (lagrangian.ts): on the seeded small
 * workforces of bench/wholeWorkers.bench.js, a group of 3 from the LP's 0.53 % below the integer
 * optimum to 0.06 %, a group of 10 from 2.3 % to 1.1 % below the best plan known (each family's
 * root; to their ends, 0.8 %); a group of 2 gains only 0.3 % of its 2.07 %, where the group's own
 * MIP does better, so it goes straight to that.
 */
const LAGRANGIAN_FROM_FAMILIES = 3;
/** About 12 families × 52 weeks: one MIP root a family is then a few seconds at most. */
const LAGRANGIAN_UP_TO_COLUMNS = 5_000;
/** Each family's MIP of the Lagrangian bound stops after its root (a limit of work). */
const LAGRANGIAN_NODES = 1;

/** How far a cost is above a bound, relative to the cost. */
export const gapOf = (cost: number, bound: number): number => Math.max(0, cost - bound) / Math.max(1e-9, Math.abs(cost));

/** A solution's values, with its duals when it was an LP solved to optimality. */
type SolvedPoint = Pick<LpSolution, "columnValues" | "rowDuals" | "columnDuals">;

/**
 * A whole-worker plan the first phase left above its gap target, with what the search needs: the
 * problem, the best rounded plan (an LP solution with its duals) and the bound it is measured against.
 */
export interface PendingSearch {
  assembled: AssembledProblem;
  best: LpSolution;
  bound: number;
  gap: number;
  /** The gap beyond the target: the search goes worst first. */
  excess: number;
  /** The LP's row duals (they price the shared resources for the Lagrangian bound), when it has them. */
  rowDuals?: Float64Array;
}

/** What the first phase made of a group: its plans, or a plan still to be searched. */
export type FirstPass = { kind: "planned"; plans: PlanResult[] } | { kind: "search"; pending: PendingSearch };

const planned = (plans: PlanResult[]): FirstPass => ({ kind: "planned", plans });

/**
 * The constrained plan's marginal values of capacity are found by planning again with one unit more
 * (see `capacityWorth`), for at most this many columns × binding resource rows of the group's LP
 * (one family of 2 years of months: 24 re-plans of 240 columns, all of them; 20 families × 52
 * weeks, 10,400 columns: the first 24 binding rows, a few seconds more on the fingerprint's case).
 * The binding rows beyond it, in the order of the resource rows (resource by resource), keep the
 * last LP's duals, as before: they price the cost with the unmet demand held, not the demand one
 * more unit would serve, and where several resources bind together they may give one of them the
 * value of loosening all (on the 20 families over capacity, Press in W01: 468 by the duals, 60 by
 * planning again).
 */
const CAPACITY_WORTH_WORK = 250_000;

/** The constrained LP and its tiers, kept to plan again with one more unit of a resource's capacity. */
interface ConstrainedModel {
  assembled: AssembledProblem;
  tiers: readonly ConstrainedTier[];
  firstTierRow: number;
}

/** Plans a group of families (one, or several coupled by shared resources) in one model. */
export class GroupPlanner {
  private readonly blocks: FamilyBlock[];
  private readonly resources: SharedResource[];
  private readonly wholeWorkers: boolean;
  /** The relative gap a whole-worker plan is accepted within: the families' smallest Policy `Optimality gap`; 0 (exact) for a small group. */
  private readonly gapTarget: number;
  private seconds = 0;
  /** Solver seconds of the group's LP (the relaxation): what the MIP's root costs, about. */
  private lpSeconds = 0;
  private relaxedBasis: LpBasis | undefined;
  /** The relaxation by decomposition (a large coupled group with whole workers), kept to raise its bound. */
  private decomposition: Decomposition | null = null;
  /** What every plan of the group gets on its way out (the constrained plan's notes on unmet demand). */
  private decorate: (plans: PlanResult[]) => PlanResult[] = (plans) => plans;
  /** The constrained plan's LP and tiers (null when every demand could be met). */
  private constrainedModel: ConstrainedModel | null = null;

  /** `warmStarts`: the last optimal basis of each shape of family LP, shared by the groups of one run. */
  constructor(
    private readonly contexts: FamilyContext[],
    resources: readonly SharedResource[],
    private readonly options: OptimalOptions,
    private readonly warmStarts: Map<string, LpBasis>,
    private readonly budget: SolveBudget,
  ) {
    this.blocks = contexts.map((ctx) => familyBlock(ctx, false));
    const names = new Set(contexts.map((c) => c.family));
    this.resources = resources.filter((r) => familiesLoading(r).some((f) => names.has(f)));
    this.wholeWorkers = contexts.some((c) => c.policy.integerWorkers);
    let workerColumns = 0;
    forEachWholeWorkerColumn(this.blocks.map((block) => ({ block, firstColumn: 0 })), () => workerColumns++);
    const gaps = contexts.filter((c) => c.policy.integerWorkers).map((c) => Math.max(0, c.policy.optimalityGapPercent) / 100);
    this.gapTarget = workerColumns <= EXACT_UP_TO_WORKER_COLUMNS ? 0 : Math.min(...gaps);
  }

  private spend(seconds: number): void {
    this.seconds += seconds;
    this.budget.spend(seconds);
  }

  private solve(problem: LpProblem, options: LpSolveOptions): LpSolution {
    const solution = this.options.solver.solve(problem, options);
    this.spend(solution.seconds);
    return solution;
  }

  /** The first phase: the LP and rounding (never cut short by the budget: they make the plan). */
  firstPass(): FirstPass {
    try {
      return this.planGroup();
    } finally {
      // A decomposed group is finished in this phase (its MIP does not pay): its solver sessions go.
      this.decomposition?.dispose();
      this.decomposition = null;
    }
  }

  private planGroup(): FirstPass {
    // A family whose own Policy cannot serve its demand (whatever the capacity) is planned constrained at once.
    if (this.contexts.some((ctx) => explainFamilyShortfall(ctx) !== null)) return this.constrained();

    const assembled = assemble(this.blocks, this.resources, this.wholeWorkers);
    const relaxed = this.solveRelaxation(assembled);
    // Every family can meet its Policy on its own, so only the resources can rule every plan out.
    if (relaxed.status === "infeasible") return this.constrained();
    if (relaxed.status !== "optimal") return planned(this.failed(relaxed));
    if (!this.wholeWorkers) {
      return planned(this.results(assembled, relaxed, { status: "optimal", gap: 0, bound: relaxed.objective, method: "lp" }));
    }
    return this.wholeWorkerPlans(assembled, relaxed);
  }

  /**
   * One family's LP, small: without presolve (it costs more than it saves at this size), starting
   * from the optimal basis of the previous family of the same shape (families look alike, so the
   * simplex needs a fraction of the iterations; measured in bench/optimal.bench.js).
   */
  private solveFamilyLp(problem: LpProblem, basis?: LpBasis): LpSolution {
    const shape = `${problem.columnCount}×${problem.rowCount}`;
    const solution = this.solve(problem, {
      relaxIntegrality: true,
      algorithm: "simplex",
      presolve: false,
      basis: basis ?? this.warmStarts.get(shape),
      wantBasis: true,
    });
    if (solution.basis) this.warmStarts.set(shape, solution.basis);
    return solution;
  }

  /** The LP (relaxation) of the group; coupled families by the chosen method (see CoupledMethod). */
  private solveRelaxation(assembled: AssembledProblem): LpSolution {
    const decomposed = this.decompose(assembled);
    if (decomposed) return decomposed;
    const solution = this.solveLp(assembled, assembled.problem);
    this.relaxedBasis = solution.basis;
    return solution;
  }

  /**
   * Whole workers for many coupled families: the relaxation by decomposition (each family's LP kept
   * loaded, re-priced round by round; see Decomposition), a bound and a point to round in a
   * fraction of the whole LP's time (bench/optimal.bench.js). Its objective is the bound, not a
   * vertex: the plan is the rounded one, re-solved whole with the workforce fixed. Null when the
   * group is small, the solver cannot keep problems loaded, or the decomposition cannot meet the
   * shared rows (the whole LP then says why).
   */
  private decompose(assembled: AssembledProblem): LpSolution | null {
    const { problem, placements } = assembled;
    const method = this.options.coupledMethod ?? "auto";
    const wanted = method === "decomposition" || (method === "auto" && problem.columnCount >= DECOMPOSE_FROM_COLUMNS);
    if (!this.wholeWorkers || this.blocks.length < 2 || !wanted) return null;
    const spans = placements.map(({ block, firstColumn, firstRow }) => ({ firstColumn, columnCount: block.columnCount, firstRow, rowCount: block.rowCount }));
    let decomposition: Decomposition | null;
    try {
      decomposition = Decomposition.open(this.options.solver, problem, spans, assembled.firstResourceRow);
    } catch {
      // The solver refused to keep a problem loaded: the whole LP instead.
      return null;
    }
    if (!decomposition) return null;
    // Owned by the planner from here, so plan() disposes of it whatever happens.
    this.decomposition = decomposition;
    const alone = decomposition.start();
    this.spend(decomposition.state.seconds);
    const fits = alone && this.aloneSolution(assembled, problem, alone);
    if (fits) return this.dropDecomposition(fits);
    if (alone) {
      const before = decomposition.state.seconds;
      // A quarter of the gap wanted leaves the rest to the rounding; the bound is raised later if the rounded plan needs it.
      decomposition.iterate(Math.min(this.gapTarget, DECOMPOSITION_GAP) / 4, this.budget.firstPhaseSeconds());
      this.spend(decomposition.state.seconds - before);
      if (decomposition.state.feasible) {
        const { bound } = decomposition.state;
        return { status: "optimal", hasSolution: true, objective: bound, columnValues: decomposition.point(), bound, gap: null, seconds: 0, iterations: 0 };
      }
    }
    // Not met within the shared rows (or a family failed): the whole LP says why; the families were solved alone already.
    const whole = this.solve(problem, { relaxIntegrality: true, wantBasis: true, algorithm: "ipm" });
    this.relaxedBasis = whole.basis;
    return this.dropDecomposition(whole);
  }

  private dropDecomposition(solution: LpSolution): LpSolution {
    this.decomposition?.dispose();
    this.decomposition = null;
    return solution;
  }

  /**
   * Raises the decomposition's bound until `cost` is within the gap wanted of it, the
   * decomposition converges, or `seconds` of solver time are spent; returns the bound.
   */
  private raiseBound(cost: number, gapWanted: number, seconds: number): number {
    const decomposition = this.decomposition!;
    const deadline = this.seconds + seconds;
    const gapOf = () => Math.max(0, cost - decomposition.state.bound) / Math.max(1e-9, Math.abs(cost));
    // The master's cost is at least the LP optimum: once it is more than the gap below `cost`, no bound can close it.
    const hopeless = () => decomposition.state.feasible && cost - decomposition.state.objective > gapWanted * Math.abs(cost);
    while (gapOf() > gapWanted && !hopeless() && !decomposition.state.converged && this.seconds < deadline) {
      const { rounds, seconds: solverSeconds } = decomposition.state;
      decomposition.iterate(decomposition.state.gap / 2, deadline - this.seconds);
      this.spend(decomposition.state.seconds - solverSeconds);
      if (decomposition.state.rounds === rounds) break;
    }
    return decomposition.state.bound;
  }

  /** The families' own optima as the group's, when together they fit the shared rows (they are then optimal). */
  private aloneSolution(assembled: AssembledProblem, problem: LpProblem, solutions: readonly LpSolution[]): LpSolution | null {
    const alone = new Float64Array(problem.columnCount);
    const rowDuals = new Float64Array(problem.rowCount);
    const columnDuals = new Float64Array(problem.columnCount);
    let dualsKnown = true;
    assembled.placements.forEach(({ firstColumn, firstRow }, i) => {
      const solution = solutions[i];
      alone.set(solution.columnValues, firstColumn);
      if (solution.rowDuals && solution.columnDuals) {
        rowDuals.set(solution.rowDuals, firstRow);
        columnDuals.set(solution.columnDuals, firstColumn);
      } else {
        dualsKnown = false;
      }
    });
    if (!fitsSharedRows(problem, alone, assembled.firstResourceRow)) return null;
    let objective = problem.offset;
    for (let j = 0; j < problem.columnCount; j++) objective += problem.cost[j] * alone[j];
    return {
      status: "optimal",
      hasSolution: true,
      objective,
      columnValues: alone,
      bound: objective,
      gap: 0,
      seconds: 0,
      iterations: 0,
      ...(dualsKnown && { rowDuals, columnDuals }),
    };
  }

  /** `problem` is the assembled one, or the same with the workforce fixed. */
  private solveLp(assembled: AssembledProblem, problem: LpProblem): LpSolution {
    const method = this.options.coupledMethod ?? "auto";
    const lpOptions: LpSolveOptions = { relaxIntegrality: true, wantBasis: true };
    // One family (with or without resources of its own): one small LP.
    if (this.blocks.length === 1) return this.solveFamilyLp(problem);
    if (method === "simplex") return this.solve(problem, { ...lpOptions, algorithm: "simplex" });
    if (method === "ipm") return this.solve(problem, { ...lpOptions, algorithm: "ipm" });

    // Each family alone, with its own rows and bounds taken out of the whole problem.
    const columnStatus = new Int32Array(problem.columnCount);
    const rowStatus = new Int32Array(problem.rowCount).fill(BASIS_STATUS.basic);
    const solutions: LpSolution[] = [];
    for (const { block, firstColumn, firstRow } of assembled.placements) {
      const columns = (values: Float64Array) => values.slice(firstColumn, firstColumn + block.columnCount);
      const rows = (values: Float64Array) => values.slice(firstRow, firstRow + block.rowCount);
      const solution = this.solveFamilyLp({
        ...assemble([block], [], false).problem,
        columnLower: columns(problem.columnLower),
        columnUpper: columns(problem.columnUpper),
        rowLower: rows(problem.rowLower),
        rowUpper: rows(problem.rowUpper),
      });
      // A family infeasible on its own was caught before; should one fail here, solve the whole LP.
      if (solution.status !== "optimal" || !solution.basis) return this.solve(problem, { ...lpOptions, algorithm: "ipm" });
      columnStatus.set(solution.basis.columnStatus, firstColumn);
      rowStatus.set(solution.basis.rowStatus, firstRow);
      solutions.push(solution);
    }
    if (method === "auto" || method === "decomposition") {
      // The families' own optima are a lower bound; when they also fit the shared capacity, they are optimal.
      return this.aloneSolution(assembled, problem, solutions) ?? this.solve(problem, { ...lpOptions, algorithm: "ipm" });
    }
    return this.solve(problem, { ...lpOptions, algorithm: "simplex", presolve: false, basis: { columnStatus, rowStatus } });
  }

  /**
   * Whole workers, from the LP: its workforce rounded to the nearest whole worker and the rest
   * re-solved; when that is infeasible (fewer workers than the LP's may not meet a period that
   * cannot backorder) or not within the gap target, rounded up too (always feasible with idle time:
   * more workers only loosen capacity), and the cheaper kept. When the best of them is within the
   * gap target of the LP bound it is the answer; otherwise it is left for the search (`search`),
   * except in a decomposed group, whose MIP does not improve on the rounding within minutes
   * (bench/optimal.bench.js): its bound is raised instead, and the rounded plan stands.
   */
  private wholeWorkerPlans(assembled: AssembledProblem, relaxed: LpSolution): FirstPass {
    const gapWanted = this.gapTarget;
    let lpBound = relaxed.objective;
    this.lpSeconds = this.seconds;
    let rounded: LpSolution | null = null;
    const tryRounding = (whole: (w: number) => number) => {
      const solution = this.solveWithWorkersFixed(assembled, relaxed.columnValues, whole);
      if (solution.status === "optimal" && (!rounded || solution.objective < rounded.objective)) rounded = solution;
    };
    tryRounding((w) => Math.round(w));
    // A decomposition's bound is raised (cheap rounds) until the nearest plan is within the gap of it, if it can be.
    if (this.decomposition && rounded) {
      lpBound = this.raiseBound((rounded as LpSolution).objective, gapWanted, this.budget.firstPhaseSeconds());
    }
    // Rounding up too, unless the nearest plan is within the gap.
    const nearest = rounded as LpSolution | null;
    if (!nearest || gapOf(nearest.objective, lpBound) > gapWanted) tryRounding((w) => Math.ceil(w - 1e-6));
    let best = rounded as LpSolution | null;
    if (!best) {
      // Without idle time more workers make more, which a resource may not carry: search now, for
      // any plan at all, with what is left of the budget.
      const mip = this.solve(assembled.problem, {
        relativeGap: gapWanted,
        timeLimitSeconds: Math.max(1, this.budget.left),
      });
      if (!mip.hasSolution) return mip.status === "infeasible" && !assembled.placements[0].block.elastic ? this.constrained() : planned(this.failed(mip));
      const bound = Math.max(lpBound, mip.bound ?? -Infinity);
      const fixed = this.solveWithWorkersFixed(assembled, mip.columnValues, (w) => Math.round(w));
      const plan = fixed.status === "optimal" ? fixed : mip;
      return planned(
        this.results(assembled, plan, {
          status: mip.status === "optimal" ? "optimal" : "time-limit",
          gap: gapOf(plan.objective, bound),
          bound,
          method: "mip",
        }),
      );
    }
    const split = this.decomposition ? null : this.splitPlateaus(assembled, relaxed.columnValues, best, lpBound);
    if (split) best = split;
    const roundedGap = gapOf(best.objective, lpBound);
    if (roundedGap <= gapWanted) {
      return planned(this.results(assembled, best, { status: "optimal", gap: roundedGap, bound: lpBound, method: "rounded-lp" }));
    }
    const pending: PendingSearch = { assembled, best, bound: lpBound, gap: roundedGap, excess: roundedGap - gapWanted, ...(relaxed.rowDuals && { rowDuals: relaxed.rowDuals }) };
    if (this.decomposition) return planned(this.stoppedShort(pending));
    return { kind: "search", pending };
  }

  /**
   * A rounded plan still above the gap target, improved where the LP keeps a fractional workforce
   * for a run of periods: part of the run at the level below, part above (see splitPlateaus), each
   * way priced by the LP with the workforce fixed, from the last one's basis. On the seeded books
   * of bench/wholeWorkers.bench.js (seed 2027) this takes the two families alone whose rounding
   * is above 0.5 % in the 50 coupled + 50 alone case from 0.83 % and 0.70 % above the LP bound to
   * 0.24 % and 0.08 % (their integer optima: 0.20 % and 0.07 %), a small-workforce group of 3
   * to its integer optimum, and a group of 10 from 3.5 % to 2.3 %. It does not stop at the gap
   * target: a cheaper plan within the same work is worth having (8 families over capacity: 0.17 %
   * rather than 0.49 %). Its limits are work (SPLIT_PASSES, SPLIT_WORK), so the same group is
   * rounded alike in any run. Null when it finds nothing cheaper.
   */
  private splitPlateaus(assembled: AssembledProblem, lp: Float64Array, rounded: LpSolution, bound: number): LpSolution | null {
    if (gapOf(rounded.objective, bound) <= this.gapTarget) return null;
    let basis = this.relaxedBasis;
    const price = (values: Float64Array): LpSolution | null => {
      const solution = this.solve(withWorkersFixed(assembled, values, (w) => w), { algorithm: "simplex", presolve: false, wantBasis: true, ...(basis && { basis }) });
      if (solution.status !== "optimal") return null;
      basis = solution.basis ?? basis;
      return solution;
    };
    const maxPrices = Math.floor(SPLIT_WORK / Math.max(1, assembled.problem.columnCount));
    const found = splitPlateaus(assembled, lp, rounded.columnValues, rounded.objective, price, (cost) => gapOf(cost, bound) <= 0, maxPrices);
    return found?.priced ?? null;
  }

  /**
   * The Lagrangian bound of a coupled group (see lagrangianBound): the shared resources priced at
   * the LP's marginal values, each family's MIP with those prices solved to the end of its root
   * (its cutting planes; one node, a limit of work), each within its share of `seconds`. Valid
   * whatever each MIP reached (its bound is proven). A family whose MIP has no bound (out of time)
   * counts its LP's optimum instead: at the LP's prices the families' LPs sum to the LP's bound,
   * so the Lagrangian bound is never below it.
   */
  private lagrangian(assembled: AssembledProblem, rowDuals: Float64Array, seconds: number): number {
    const deadline = this.seconds + seconds;
    const families = assembled.placements.length;
    return lagrangianBound(assembled, rowDuals, (problem, i) => {
      const left = deadline - this.seconds;
      const mip = left > 0 ? this.solve(problem, { relativeGap: this.gapTarget / 4, nodeLimit: LAGRANGIAN_NODES, timeLimitSeconds: left / (families - i) }) : null;
      if (mip?.status === "optimal" && mip.hasSolution) return Math.min(mip.objective, mip.bound ?? mip.objective);
      if (mip?.bound !== null && mip?.bound !== undefined && Number.isFinite(mip.bound)) return mip.bound;
      const lp = this.solve(problem, { relaxIntegrality: true, algorithm: "simplex", presolve: false });
      return lp.status === "optimal" ? lp.objective : -Infinity;
    });
  }

  /** The rounded plan as the best found within the budget, its gap to the bound said. */
  private stoppedShort({ assembled, best, bound, gap }: PendingSearch): PlanResult[] {
    return this.results(assembled, best, { status: "time-limit", gap, bound, method: "rounded-lp" });
  }

  /**
   * The second phase, for a plan the first left above its gap target: HiGHS's branch and bound from
   * the rounded plan, for at most SEARCH_NODES nodes (work, not time: the same group is searched
   * alike in any run of the same budget), its cuts and branching raising the bound above the LP's
   * (the gap reported is to the best bound proven), and perhaps finding a cheaper plan. A small
   * group (EXACT_UP_TO_WORKER_COLUMNS) is solved to optimality instead. `seconds` is its share of
   * the budget, a guard: one more LP (the marginal values of the MIP's plan) follows it, so that is
   * kept back, and the MIP runs only when what is left holds its root (about one LP of the group)
   * MIP_ROOTS_NEEDED times; otherwise the rounded plan is the best found.
   */
  search(pending: PendingSearch, seconds: number): PlanResult[] {
    const { assembled, best } = pending;
    let lpBound = pending.bound;
    const started = this.seconds;
    if (this.blocks.length >= LAGRANGIAN_FROM_FAMILIES && pending.rowDuals && assembled.problem.columnCount <= LAGRANGIAN_UP_TO_COLUMNS) {
      lpBound = Math.max(lpBound, this.lagrangian(assembled, pending.rowDuals, seconds));
      const gap = gapOf(best.objective, lpBound);
      if (gap <= this.gapTarget) return this.results(assembled, best, { status: "optimal", gap, bound: lpBound, method: "rounded-lp" });
      pending = { ...pending, bound: lpBound, gap };
    }
    const mipSeconds = seconds - (this.seconds - started) - this.lpSeconds;
    if (mipSeconds <= 0 || mipSeconds < MIP_ROOTS_NEEDED * this.lpSeconds) return this.stoppedShort(pending);
    const mip = this.solve(assembled.problem, {
      relativeGap: this.gapTarget,
      timeLimitSeconds: mipSeconds,
      startingPoint: best.columnValues,
      ...(this.gapTarget > 0 && { nodeLimit: SEARCH_NODES }),
    });
    const bound = Math.max(lpBound, mip.bound ?? -Infinity);
    // Within the target of the bound: optimal as the Policy asks, however the search stopped.
    const status = (gap: number) => (mip.status === "optimal" || gap <= this.gapTarget ? "optimal" : "time-limit");
    if (mip.hasSolution && mip.objective < best.objective) {
      // The MIP's workers are whole within its tolerance. Whole to rounding error (as they usually
      // are), they are made exact in place; otherwise they are fixed and the rest re-solved.
      const snapped = snapWholeWorkers(assembled, mip.columnValues);
      const polished = snapped
        ? { status: "optimal" as const, objective: mip.objective, columnValues: snapped }
        : this.solveWithWorkersFixed(assembled, mip.columnValues, (w) => Math.round(w));
      if (polished.status === "optimal") {
        const gap = gapOf(polished.objective, bound);
        return this.results(assembled, polished, { status: status(gap), gap, bound, method: "mip" });
      }
    }
    const gap = gapOf(best.objective, bound);
    return this.results(assembled, best, { status: status(gap), gap, bound, method: "rounded-lp" });
  }

  private solveWithWorkersFixed(assembled: AssembledProblem, values: Float64Array, whole: (w: number) => number): LpSolution {
    const fixed = withWorkersFixed(assembled, values, whole);
    // One family: from the LP's optimal basis (fixing the workforce leaves it dual feasible, so few
    // dual simplex steps remain). Coupled families: presolve takes the fixed workforce out and the
    // simplex solves what is left from scratch, 4× faster than the warm start on 100 families × 52
    // weeks (1.4 s against 6.5 s; the warm basis is far from the fixed optimum there).
    // Without a basis (coupled families whose own plans fit), the same method as the LP.
    if (this.decomposition) return this.solve(fixed, { algorithm: "simplex" });
    if (!this.relaxedBasis) return this.solveLp(assembled, fixed);
    if (this.blocks.length === 1) return this.solve(fixed, { algorithm: "simplex", basis: this.relaxedBasis, presolve: false });
    return this.solve(fixed, { algorithm: "simplex" });
  }

  /**
   * The plans of a solution, each with why it is what it is: the LP's duals, taken with the
   * workforce fixed when workers are whole (a MIP has none, so its plan's LP is solved once more).
   */
  private results(assembled: AssembledProblem, solution: SolvedPoint, solveReport: SolveReport): PlanResult[] {
    // A whole-worker plan says the gap it was held to, so its report can say whether it met it.
    const report: SolveReport = this.wholeWorkers && solveReport.method !== "lp" ? { ...solveReport, target: this.gapTarget } : solveReport;
    let duals: SolvedPoint = solution;
    if (!solution.rowDuals && this.wholeWorkers) {
      const fixed = this.solveWithWorkersFixed(assembled, solution.columnValues, (w) => Math.round(w));
      if (fixed.status === "optimal") duals = fixed;
    }
    const costed = assembled.placements.map((placement) => costPlan(placement.block.ctx, "optimal", decisionsOf(placement, solution.columnValues)));
    const unmet = costed.some((plan) => plan.unmet > 1e-6 * Math.max(1, plan.shipped));
    const worth = unmet && duals.rowDuals ? this.capacityWorth(solution.columnValues) : undefined;
    const plans = assembled.placements.map((placement, i): PlanResult => {
      const plan = costed[i];
      const why = duals.rowDuals && duals.columnDuals ? whyOf(assembled, placement, duals.rowDuals, duals.columnDuals, worth) : null;
      if (!why) return { ...plan, solve: { ...report, seconds: this.seconds } };
      // One more unit of demand can always be left unmet: in a constrained plan it never costs more than what it would bring.
      const ctx = placement.block.ctx;
      const marginalCost = this.constrainedModel && saleValued(ctx) ? why.marginalCost.map((c, t) => Math.min(c, saleValuePerUnit(ctx, t))) : why.marginalCost;
      const periods = plan.periods.map((p, t) => ({ ...p, marginalCost: marginalCost[t] }));
      return { ...plan, periods, why: { ...why, marginalCost }, solve: { ...report, seconds: this.seconds } };
    });
    return this.decorate(plans);
  }

  /**
   * What one more unit of each binding resource row's capacity is worth to a constrained plan that
   * leaves demand unmet, by resource row. The plan's last LP holds the unmet demand at each tier's
   * limit, so its duals price capacity only by the cost it saves with that demand still unmet (0 in
   * the one-family case below); yet one more unit serves demand now lost. So the tiers are planned
   * again with the row's capacity one unit more (the workforce fixed at the plan's, as the duals are
   * taken; the last step the most margin within the least cost), and the worth is what that takes
   * off the plan's money objective:
   * cost + (price + lost sale cost) × units unmet, i.e. the margin lost (revenue − cost − lost sale
   * cost) with the sign turned. One family, one resource of L hours a unit binding where demand is
   * unmet: (price − variable cost + lost sale cost) ÷ L an hour. Frozen periods and rows with slack
   * are left out; so are the rows beyond CAPACITY_WORTH_WORK. The solver time counts in the
   * group's seconds but not against the run's budget (the plans are made: it must not shorten the
   * search of the groups after it).
   */
  private capacityWorth(values: Float64Array): Map<number, number> | undefined {
    const model = this.constrainedModel;
    if (!model) return undefined;
    const { assembled, tiers, firstTierRow } = model;
    const { firstResourceRow, resourceRows, placements } = assembled;
    const problem = this.wholeWorkers ? withWorkersFixed(assembled, values, (w) => Math.round(w)) : assembled.problem;
    // Each row's load on the plan, to find the binding ones.
    const activity = new Float64Array(resourceRows.length);
    const { starts, rows, values: coefficients } = problem.matrix;
    for (let j = 0; j < problem.columnCount; j++) {
      for (let k = starts[j]; k < starts[j + 1]; k++) {
        const r = rows[k] - firstResourceRow;
        if (r >= 0 && r < resourceRows.length) activity[r] += coefficients[k] * values[j];
      }
    }
    const planned = (t: number) => placements.some(({ block }) => t >= frozenCount(block.ctx));
    const binding = resourceRows.flatMap((row, r) => {
      const upper = problem.rowUpper[firstResourceRow + r];
      return planned(row.t) && Number.isFinite(upper) && activity[r] >= upper - 1e-7 * Math.max(1, Math.abs(upper)) ? [r] : [];
    });
    const count = Math.min(binding.length, Math.max(1, Math.floor(CAPACITY_WORTH_WORK / problem.columnCount)));
    if (count === 0) return undefined;
    // The money objective: the LP's cost, and each unit unmet at its price and lost sale cost. The
    // tiers and the least cost leave it open (plans of one cost may leave different demand unmet
    // for the same lost margin), so it is also the last step's objective: the most margin among them.
    const moneyCost = Float64Array.from(problem.cost);
    for (const { block, firstColumn } of placements) {
      const { ctx } = block;
      const n = ctx.periods.length;
      for (let t = 0; t < n; t++) moneyCost[unmetColumn(n, t, firstColumn)] += priceAt(ctx, t) + ctx.policy.lostSaleCostPerUnit;
    }
    const money = (x: Float64Array) => {
      let total = 0;
      for (let j = 0; j < problem.columnCount; j++) total += moneyCost[j] * x[j];
      return total;
    };
    const budgetSpent = this.budget.spent;
    const base = this.solveTiers(assembled, tiers, firstTierRow, problem, undefined, moneyCost);
    if (base.solution.status !== "optimal") return undefined;
    const baseMoney = money(base.solution.columnValues);
    const worth = new Map<number, number>();
    for (const r of binding.slice(0, count)) {
      const rowUpper = problem.rowUpper.slice();
      rowUpper[firstResourceRow + r] += 1;
      const more = this.solveTiers(assembled, tiers, firstTierRow, { ...problem, rowUpper }, base.bases, moneyCost);
      if (more.solution.status === "optimal") worth.set(r, Math.max(0, baseMoney - money(more.solution.columnValues)));
    }
    // Given back: the budget is for making plans, and these are made.
    this.budget.spend(budgetSpent - this.budget.spent);
    return worth;
  }

  /**
   * The constrained plan: the capacity and the Policy's levers cannot serve every family's demand
   * and meet every stock target (or a frozen period already misses one). The LP gets the columns
   * U (demand left unmet) and S (units below a stock target) and is solved in tiers, each tier's
   * best kept as a limit for the next (see `constrainedTiers`): the least valuable demand unmet
   * first (by Priority, then lost margin per unit of what is scarce), then the targets missed as
   * little and as briefly as possible, then the least cost, then the steadiest workforce.
   */
  private constrained(): FirstPass {
    // Why demand goes unmet whatever the capacity (a family's own levers), said on its plan (now, or after the search).
    const reasons = this.contexts.map(explainFamilyShortfall);
    this.decorate = (plans) =>
      plans.map((plan, i) => {
        const reason = reasons[i];
        return reason && plan.unmet > 0 ? { ...plan, shortfallNotes: [reason.message, ...plan.shortfallNotes] } : plan;
      });
    return this.constrainedPlans();
  }

  private constrainedPlans(): FirstPass {
    const blocks = this.contexts.map((ctx) => familyBlock(ctx, true));
    // Where each family's columns will sit (blocks are stacked in order), for the tiers' rows.
    let firstColumn = 0;
    const placed = blocks.map((block) => ({ block, firstColumn: (firstColumn += block.columnCount) - block.columnCount }));
    const tiers = constrainedTiers(placed);
    // The tiers' rows, then a copy of the cost (its limit holds the least cost while the workforce is steadied).
    const costRow: [number, number][] = [];
    for (const { block, firstColumn: first } of placed) block.cost.forEach((c, j) => c !== 0 && costRow.push([first + j, c]));
    const assembled = assemble(blocks, this.resources, this.wholeWorkers, [...tiers.map((tier) => tier.row), costRow]);
    const firstTierRow = assembled.firstResourceRow + assembled.resourceRowCount;
    this.constrainedModel = { assembled, tiers, firstTierRow };
    const relaxed = this.solveTiers(assembled, tiers, firstTierRow, assembled.problem);
    if (relaxed.solution.status !== "optimal") return planned(this.failed(relaxed.solution));
    if (!this.wholeWorkers) {
      return planned(this.results(assembled, relaxed.solution, { status: "optimal", gap: 0, bound: relaxed.solution.objective, method: "lp" }));
    }
    // Whole workers: the workforce rounded (up where idle time is allowed: more workers only add
    // capacity), the tiers planned again with it fixed; what that serves and misses is the limit the
    // whole-worker search then keeps while it looks for the cheapest such plan.
    const rounded = this.solveTiers(assembled, tiers, firstTierRow, withWorkersFixed(assembled, relaxed.solution.columnValues, roundWorkersForCapacity));
    const limits = rounded.solution.status === "optimal" ? rounded : relaxed;
    // The sales kept: each unmet column's limit (the rounded solve's workforce bounds stay its own).
    const columnUpper = assembled.problem.columnUpper.slice();
    for (const tier of tiers) if (tier.kind === "sales") for (const [column] of tier.row) columnUpper[column] = limits.columnUpper[column];
    const capped: AssembledProblem = { ...assembled, problem: { ...assembled.problem, rowUpper: limits.rowUpper, columnUpper } };
    const lp = this.solve(capped.problem, { relaxIntegrality: true, algorithm: "simplex", wantBasis: true });
    if (lp.status !== "optimal") {
      return planned(rounded.solution.status === "optimal" ? this.results(assembled, rounded.solution, { status: "time-limit", gap: 0, bound: null, method: "rounded-lp" }) : this.failed(lp));
    }
    this.relaxedBasis = lp.basis;
    return this.wholeWorkerPlans(capped, lp);
  }

  /**
   * Solves the tiers in order on `problem` (its bounds may fix the workforce): each tier's
   * objective, then its optimum (with a hair of slack) as the limit of its row, then the least
   * cost within every limit, then the least workforce change within that cost. `starts`: a basis
   * for each solve (the tiers', then the cost's), as the same steps of a like problem left them
   * (`bases`); `tieBreak`: what is minimised within the least cost instead of the workforce's
   * swings.
   */
  private solveTiers(
    assembled: AssembledProblem,
    tiers: readonly ConstrainedTier[],
    firstTierRow: number,
    problem: LpProblem,
    starts?: readonly (LpBasis | undefined)[],
    tieBreak?: Float64Array,
  ): { solution: LpSolution; rowUpper: Float64Array; columnUpper: Float64Array; bases: (LpBasis | undefined)[] } {
    const rowUpper = problem.rowUpper.slice();
    const columnUpper = problem.columnUpper.slice();
    let basis: LpBasis | undefined;
    const bases: (LpBasis | undefined)[] = [];
    const solve = (cost: Float64Array, offset: number): LpSolution => {
      basis = starts?.[bases.length] ?? basis;
      const solution = this.solve({ ...problem, cost, offset, rowUpper, columnUpper, integer: null }, { algorithm: "simplex", wantBasis: true, ...(basis && { basis }) });
      basis = solution.basis ?? basis;
      bases.push(solution.basis);
      return solution;
    };
    const slack = (value: number) => value + 1e-9 * Math.max(1, Math.abs(value));
    for (let k = 0; k < tiers.length; k++) {
      const tier = tiers[k];
      // The sales tier weighs the demand unmet against the plan's cost; the others count their own columns only.
      const cost = tier.kind === "sales" ? Float64Array.from(problem.cost) : new Float64Array(problem.columnCount);
      for (const [column, weight] of tier.row) cost[column] += weight;
      const solution = solve(cost, tier.kind === "sales" ? problem.offset : 0);
      if (solution.status !== "optimal") return { solution, rowUpper, columnUpper, bases };
      if (tier.kind === "sales") {
        // What each period leaves unmet is kept: the tiers after it may serve more, never less.
        for (const [column] of tier.row) columnUpper[column] = Math.min(columnUpper[column], Math.max(0, solution.columnValues[column]));
      } else {
        rowUpper[firstTierRow + k] = slack(Math.max(0, solution.objective));
      }
    }
    const cheapest = solve(problem.cost, problem.offset);
    if (cheapest.status !== "optimal") return { solution: cheapest, rowUpper, columnUpper, bases };
    // Among plans of that cost, the one that hires and lays off least: no swings of the workforce
    // for a tie. The cost is held by a limit on the cost row (a copy of the objective).
    const changes = tieBreak ?? new Float64Array(problem.columnCount);
    if (!tieBreak) for (const kind of [KIND.H, KIND.L]) forEachPlannedColumn(assembled.placements, kind, (j) => (changes[j] = 1));
    const costRow = firstTierRow + tiers.length;
    rowUpper[costRow] = slack(cheapest.objective - problem.offset);
    const steady = solve(changes, 0);
    if (steady.status !== "optimal") {
      rowUpper[costRow] = Infinity;
      return { solution: cheapest, rowUpper, columnUpper, bases };
    }
    // The cost row stays unbounded for whoever solves the problem again with the cost as objective.
    rowUpper[costRow] = Infinity;
    let objective = problem.offset;
    for (let j = 0; j < problem.columnCount; j++) objective += problem.cost[j] * steady.columnValues[j];
    // The duals are the least-cost step's (in money; the steadying step's count hires and layoffs): the
    // steady plan is one of that step's optima, so they price it too.
    return { solution: { ...steady, objective, rowDuals: cheapest.rowDuals, columnDuals: cheapest.columnDuals }, rowUpper, columnUpper, bases };
  }
  private failed(solution: LpSolution): PlanResult[] {
    const plans = this.contexts.map((ctx): PlanResult => {
      const plan = costPlan(ctx, "optimal", emptyDecisions(ctx));
      return {
        ...plan,
        feasible: false,
        violations: [solveFailed(solution), ...plan.violations],
        solve: { status: "infeasible", gap: 0, bound: null, seconds: this.seconds },
      };
    });
    return this.decorate(plans);
  }
}


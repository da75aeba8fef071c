// Dantzig–Wolfe decomposition of a block-angular LP (independent blocks joined by linking rows), over the LP port: a lower bound and a near-optimal point in a fraction of the whole LP's time. A generic algorithm: it knows rows and columns, not what they model.
import type { LpProblem, LpSession, LpSolution, LpSolver, SparseColumns } from "./index";

/** A block of the problem: its own columns and rows; every row from `firstLinkingRow` on links blocks. */
export interface ProblemBlock {
  firstColumn: number;
  columnCount: number;
  firstRow: number;
  rowCount: number;
}

/** Where a round of the decomposition stands. */
export interface DecompositionState {
  /** The best Lagrangian bound: no point of the whole LP costs less. */
  bound: number;
  /** The restricted master's cost: the cost of `point()` while no artificial slack is used. */
  objective: number;
  /** (objective − bound) / objective. */
  gap: number;
  rounds: number;
  /** Solver seconds spent so far. */
  seconds: number;
  /** No block can improve on the master: the bound is the LP's optimum (within tolerance). */
  converged: boolean;
  /** The master's point uses no artificial slack, so it meets every linking row. */
  feasible: boolean;
}

interface BlockState {
  span: ProblemBlock;
  session: LpSession;
  cost: Float64Array;
  /** The block's entries in the linking rows (rows numbered from the first linking row), by local column. */
  linking: SparseColumns;
  /** Local columns with linking entries: the only ones whose pricing cost changes. */
  priced: Int32Array;
  /** The block's proposals (points) the master has had (null once dropped from it). */
  proposals: (Float64Array | null)[];
}

/** Columns on their way into the master. */
interface Pending {
  cost: number[];
  starts: number[];
  rows: number[];
  values: number[];
  columns: [number, number][];
}
const newPending = (): Pending => ({ cost: [], starts: [0], rows: [], values: [], columns: [] });

/** Stabilisation (Wentges smoothing): the duals priced are this share of the best-bound duals plus the rest of the master's. */
const SMOOTHING = 0.7;
/** Master columns far from entering (reduced cost above this share of the objective per block) are dropped every other round. */
const PRUNE_SHARE = 1e-4;
const MAX_ROUNDS = 500;
const CONVERGED_GAP = 1e-9;
const DUAL_TOLERANCE = 1e-7;
/** The artificial slack's price grows a thousandfold up to this before the linking rows are taken as unmeetable. */
const MAX_ARTIFICIAL_PRICE = 1e12;
const PRICE_STEP = 1000;
const ROUNDS_SHORT_BEFORE_RAISE = 3;

/**
 * Column generation over the blocks: each block is a small LP kept loaded in the solver and
 * re-solved warm as the linking rows' prices change; a master LP combines the blocks' proposals so
 * far (a convex combination per block) within the linking rows. Each round gives a valid lower
 * bound (the Lagrangian of the prices priced), so the caller can stop as soon as the bound is
 * good enough: a caller rounding a point for integer columns needs a bound and a point, not the LP's exact vertex.
 * Artificial slack on the linking rows (at a price above any the rows can have, raised when it is still used at
 * the end) keeps the master feasible from the first round.
 */
export class Decomposition {
  private readonly blocks: BlockState[] = [];
  private master: LpSession | null = null;
  private readonly linkCount: number;
  private readonly linkLower: Float64Array;
  private readonly linkUpper: Float64Array;
  /** Master columns: artificial ones first (one per finite side of each linking row), then [block, proposal]. */
  private columns: ([number, number] | null)[] = [];
  private artificialCount = 0;
  private artificialPrice: Float64Array = new Float64Array(0);
  private stability: Float64Array | null = null;
  private pure = false;
  private masterValues: Float64Array = new Float64Array(0);
  private initial: LpSolution[] = [];
  private roundsShort = 0;
  private readonly artificialTolerance: number;
  readonly state: DecompositionState = { bound: -Infinity, objective: Infinity, gap: Infinity, rounds: 0, seconds: 0, converged: false, feasible: false };

  private constructor(
    private readonly solver: LpSolver & { open: NonNullable<LpSolver["open"]> },
    private readonly problem: LpProblem,
    spans: readonly ProblemBlock[],
    private readonly firstLinkingRow: number,
  ) {
    this.linkCount = problem.rowCount - firstLinkingRow;
    this.linkLower = problem.rowLower.slice(firstLinkingRow);
    this.linkUpper = problem.rowUpper.slice(firstLinkingRow);
    try {
      for (const span of spans) this.blocks.push(this.blockState(span));
    } catch (error) {
      this.dispose();
      throw error;
    }
    let largest = 1;
    for (let i = 0; i < this.linkCount; i++) {
      for (const v of [this.linkLower[i], this.linkUpper[i]]) if (Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
    }
    this.artificialTolerance = 1e-7 * largest;
  }

  /** A decomposition of `problem`, or null when the solver cannot keep problems loaded. */
  static open(solver: LpSolver, problem: LpProblem, spans: readonly ProblemBlock[], firstLinkingRow: number): Decomposition | null {
    if (!solver.open) return null;
    return new Decomposition(solver as LpSolver & { open: NonNullable<LpSolver["open"]> }, problem, spans, firstLinkingRow);
  }

  private blockState(span: ProblemBlock): BlockState {
    const { problem, firstLinkingRow } = this;
    const { starts, rows, values } = problem.matrix;
    const own = { starts: new Int32Array(span.columnCount + 1), rows: [] as number[], values: [] as number[] };
    const link = { starts: new Int32Array(span.columnCount + 1), rows: [] as number[], values: [] as number[] };
    const priced: number[] = [];
    for (let c = 0; c < span.columnCount; c++) {
      const j = span.firstColumn + c;
      for (let k = starts[j]; k < starts[j + 1]; k++) {
        if (rows[k] >= firstLinkingRow) {
          link.rows.push(rows[k] - firstLinkingRow);
          link.values.push(values[k]);
        } else {
          own.rows.push(rows[k] - span.firstRow);
          own.values.push(values[k]);
        }
      }
      own.starts[c + 1] = own.rows.length;
      link.starts[c + 1] = link.rows.length;
      if (link.starts[c + 1] > link.starts[c]) priced.push(c);
    }
    const columns = (a: Float64Array) => a.slice(span.firstColumn, span.firstColumn + span.columnCount);
    const blockRows = (a: Float64Array) => a.slice(span.firstRow, span.firstRow + span.rowCount);
    const cost = columns(problem.cost);
    // The problem's offset is the blocks' together; it is counted once, in the bound and the objective.
    const sub: LpProblem = {
      columnCount: span.columnCount,
      rowCount: span.rowCount,
      cost: cost.slice(),
      offset: 0,
      columnLower: columns(problem.columnLower),
      columnUpper: columns(problem.columnUpper),
      rowLower: blockRows(problem.rowLower),
      rowUpper: blockRows(problem.rowUpper),
      matrix: { starts: own.starts, rows: Int32Array.from(own.rows), values: Float64Array.from(own.values) },
      integer: null,
    };
    return {
      span,
      session: this.solver.open(sub),
      cost,
      linking: { starts: link.starts, rows: Int32Array.from(link.rows), values: Float64Array.from(link.values) },
      priced: Int32Array.from(priced),
      proposals: [],
    };
  }

  private spend(solution: LpSolution): LpSolution {
    this.state.seconds += solution.seconds;
    return solution;
  }

  /**
   * Each block alone (the linking rows left out). Returns their solutions, or null when one has no
   * optimum (the caller then solves the whole LP, which says why). A lower bound already.
   */
  start(): LpSolution[] | null {
    const solutions: LpSolution[] = [];
    let bound = this.problem.offset;
    for (const block of this.blocks) {
      const solution = this.spend(block.session.solve());
      if (solution.status !== "optimal") return null;
      solutions.push(solution);
      bound += solution.objective;
    }
    this.state.bound = bound;
    this.stability = new Float64Array(this.linkCount);
    this.initial = solutions;
    return solutions;
  }

  /** The master, with artificial slack priced above anything a unit of a linking row can save. */
  private openMaster(): void {
    const m = this.linkCount;
    const K = this.blocks.length;
    const rowLower = new Float64Array(m + K);
    const rowUpper = new Float64Array(m + K);
    rowLower.set(this.linkLower);
    rowUpper.set(this.linkUpper);
    rowLower.fill(1, m);
    rowUpper.fill(1, m);
    // A row's price is at most what its costliest column costs per unit of the row it uses, so
    // twice that over the smallest coefficient is a safe start; it is raised when still used.
    const rowCost = new Float64Array(m);
    const rowCoefficient = new Float64Array(m).fill(Infinity);
    for (const block of this.blocks) {
      const { starts, rows, values } = block.linking;
      for (let c = 0; c < block.span.columnCount; c++) {
        for (let k = starts[c]; k < starts[c + 1]; k++) {
          rowCost[rows[k]] = Math.max(rowCost[rows[k]], Math.abs(block.cost[c]));
          rowCoefficient[rows[k]] = Math.min(rowCoefficient[rows[k]], Math.abs(values[k]));
        }
      }
    }
    const cost: number[] = [];
    const entryRows: number[] = [];
    const entryValues: number[] = [];
    for (let i = 0; i < m; i++) {
      const price = (2 * (1 + rowCost[i])) / (Number.isFinite(rowCoefficient[i]) && rowCoefficient[i] > 0 ? rowCoefficient[i] : 1);
      for (const side of [-1, 1]) {
        if (side === -1 ? this.linkUpper[i] === Infinity : this.linkLower[i] === -Infinity) continue;
        cost.push(price);
        entryRows.push(i);
        entryValues.push(side);
      }
    }
    this.artificialCount = cost.length;
    this.artificialPrice = Float64Array.from(cost);
    this.columns = cost.map(() => null);
    const n = cost.length;
    this.master = this.solver.open({
      columnCount: n,
      rowCount: m + K,
      cost: Float64Array.from(cost),
      offset: 0,
      columnLower: new Float64Array(n),
      columnUpper: new Float64Array(n).fill(Infinity),
      rowLower,
      rowUpper,
      matrix: { starts: Int32Array.from({ length: n + 1 }, (_, j) => j), rows: Int32Array.from(entryRows), values: Float64Array.from(entryValues) },
      integer: null,
    });
  }

  /** The cost of a block's proposal and the linking rows it uses. */
  private propose(b: number, x: Float64Array, pending: Pending): void {
    const block = this.blocks[b];
    let cost = 0;
    for (let c = 0; c < x.length; c++) cost += block.cost[c] * x[c];
    const use = this.linkUse(block, x);
    for (let i = 0; i < use.length; i++) {
      if (use[i] === 0) continue;
      pending.rows.push(i);
      pending.values.push(use[i]);
    }
    pending.rows.push(this.linkCount + b);
    pending.values.push(1);
    pending.starts.push(pending.rows.length);
    pending.cost.push(cost);
    block.proposals.push(x);
    pending.columns.push([b, block.proposals.length - 1]);
  }

  private linkUse(block: BlockState, x: Float64Array): Float64Array {
    const use = new Float64Array(this.linkCount);
    const { starts, rows, values } = block.linking;
    for (const c of block.priced) for (let k = starts[c]; k < starts[c + 1]; k++) use[rows[k]] += values[k] * x[c];
    return use;
  }

  private addPending(pending: Pending): void {
    const n = pending.cost.length;
    if (n === 0) return;
    this.columns.push(...pending.columns);
    this.master!.addColumns(Float64Array.from(pending.cost), new Float64Array(n), new Float64Array(n).fill(Infinity), {
      starts: Int32Array.from(pending.starts),
      rows: Int32Array.from(pending.rows),
      values: Float64Array.from(pending.values),
    });
  }

  /** Rounds until the gap is at most `gap`, the decomposition converges, or `seconds` more solver time is spent; after start(). */
  iterate(gap: number, seconds: number): void {
    const state = this.state;
    const deadline = state.seconds + seconds;
    if (!this.master) {
      if (this.initial.length !== this.blocks.length) throw new Error("Decomposition.iterate before start");
      this.openMaster();
      const pending = newPending();
      this.initial.forEach((solution, b) => this.propose(b, solution.columnValues, pending));
      this.addPending(pending);
    }
    const m = this.linkCount;
    // The master's cost is an upper bound only while it uses no artificial slack: until then, on.
    while (!state.converged && (state.gap > gap || !state.feasible) && state.seconds < deadline && state.rounds < MAX_ROUNDS) {
      state.rounds++;
      const solution = this.spend(this.master!.solve({ primal: true }));
      if (solution.status !== "optimal" || !solution.rowDuals || !solution.columnDuals) {
        state.converged = true;
        state.feasible = false;
        return;
      }
      this.masterValues = solution.columnValues;
      // The cost of the master's point: without the artificial slack's, which can be priced at 1e12.
      let artificial = 0;
      let artificialCost = 0;
      for (let j = 0; j < this.artificialCount; j++) {
        artificial += this.masterValues[j];
        artificialCost += this.artificialPrice[j] * this.masterValues[j];
      }
      state.objective = solution.objective - artificialCost + this.problem.offset;
      state.feasible = artificial <= this.artificialTolerance;
      // Still short after a few rounds at this price (a feasible master takes two or three,
      // bench/optimal.bench.js): the price is too low or the rows cannot be met; raise it, and at
      // the highest price give up (the caller solves the whole LP, which says which).
      if (state.feasible) this.roundsShort = 0;
      else if (++this.roundsShort > ROUNDS_SHORT_BEFORE_RAISE) {
        this.roundsShort = 0;
        if (!this.raiseArtificialPrice()) {
          state.converged = true;
          return;
        }
        state.gap = Infinity;
        continue;
      }
      // The master's prices, with the signs a bound needs (a row with no lower limit cannot be worth having less of).
      const duals = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        let y = solution.rowDuals[i];
        if (this.linkLower[i] === -Infinity) y = Math.min(0, y);
        if (this.linkUpper[i] === Infinity) y = Math.max(0, y);
        duals[i] = y;
      }
      const convexity = solution.rowDuals.subarray(m);
      const priced = this.pure || !this.stability ? duals : duals.map((y, i) => SMOOTHING * this.stability![i] + (1 - SMOOTHING) * y);
      let bound = this.problem.offset;
      for (let i = 0; i < m; i++) bound += priced[i] * (priced[i] < 0 ? this.linkUpper[i] : priced[i] > 0 ? this.linkLower[i] : 0);
      const pending = newPending();
      let added = 0;
      for (let b = 0; b < this.blocks.length; b++) {
        const block = this.blocks[b];
        const costs = new Float64Array(block.priced.length);
        const { starts, rows, values } = block.linking;
        block.priced.forEach((c, k) => {
          let value = block.cost[c];
          for (let e = starts[c]; e < starts[c + 1]; e++) value -= priced[rows[e]] * values[e];
          costs[k] = value;
        });
        block.session.setCosts(block.priced, costs);
        const priceSolution = this.spend(block.session.solve({ primal: true }));
        if (priceSolution.status !== "optimal") {
          state.converged = true;
          state.feasible = false;
          return;
        }
        bound += priceSolution.objective;
        // Worth adding when it improves on the master at the master's own prices.
        const x = priceSolution.columnValues;
        const use = this.linkUse(block, x);
        let reduced = -convexity[b];
        for (let c = 0; c < x.length; c++) reduced += block.cost[c] * x[c];
        for (let i = 0; i < m; i++) reduced -= duals[i] * use[i];
        // Beyond the solver's own dual tolerance (1e-7), so a proposal the master has is not offered again.
        if (reduced < -DUAL_TOLERANCE * Math.max(1, Math.abs(priceSolution.objective))) {
          this.propose(b, x, pending);
          added++;
        }
      }
      if (bound > state.bound) {
        state.bound = bound;
        this.stability = priced;
      }
      state.gap = (state.objective - state.bound) / Math.max(1e-9, Math.abs(state.objective));
      // Within the solvers' own tolerance, the bound is the master's cost: nothing left to gain.
      if (state.gap <= CONVERGED_GAP && state.feasible) state.converged = true;
      if (added === 0) {
        if (!this.pure && priced !== duals) {
          // Smoothed prices found nothing the master's own would not: price at the master's next round.
          this.pure = true;
          continue;
        }
        if (!state.feasible && this.raiseArtificialPrice()) {
          state.gap = Infinity;
          continue;
        }
        state.converged = true;
        return;
      }
      this.pure = false;
      if (state.rounds % 2 === 0) this.prune(solution.columnDuals);
      this.addPending(pending);
    }
  }

  /** Artificial slack still used: priced a thousandfold, unless it is past any real price. */
  private raiseArtificialPrice(): boolean {
    if (this.artificialPrice.every((p) => p >= MAX_ARTIFICIAL_PRICE)) return false;
    this.artificialPrice = this.artificialPrice.map((p) => Math.max(p, Math.min(MAX_ARTIFICIAL_PRICE, PRICE_STEP * p)));
    this.master!.setCosts(Int32Array.from({ length: this.artificialCount }, (_, j) => j), this.artificialPrice);
    return true;
  }

  /** Drops master columns far from entering; a block's basic columns (its share of the point) always stay. */
  private prune(reducedCosts: Float64Array): void {
    const basic = this.master!.basicColumns();
    const limit = (PRUNE_SHARE * Math.abs(this.state.objective)) / Math.max(1, this.blocks.length);
    const removed: number[] = [];
    for (let j = this.artificialCount; j < this.columns.length; j++) if (!basic[j] && reducedCosts[j] > limit) removed.push(j);
    if (removed.length === 0) return;
    this.master!.removeColumns(Int32Array.from(removed));
    const gone = new Set(removed);
    const kept: ([number, number] | null)[] = [];
    const values: number[] = [];
    this.columns.forEach((column, j) => {
      if (gone.has(j)) {
        if (column) this.blocks[column[0]].proposals[column[1]] = null;
        return;
      }
      kept.push(column);
      values.push(this.masterValues[j] ?? 0);
    });
    this.columns = kept;
    this.masterValues = Float64Array.from(values);
  }

  /** The master's point in the whole problem's columns: each block's proposals combined as the master weighs them. */
  point(): Float64Array {
    const x = new Float64Array(this.problem.columnCount);
    this.columns.forEach((column, j) => {
      if (!column) return;
      const weight = this.masterValues[j] ?? 0;
      if (!(weight > 0)) return;
      const [b, p] = column;
      const { span, proposals } = this.blocks[b];
      const proposal = proposals[p]!;
      for (let c = 0; c < span.columnCount; c++) x[span.firstColumn + c] += weight * proposal[c];
    });
    return x;
  }

  dispose(): void {
    for (const block of this.blocks) block.session.dispose();
    this.master?.dispose();
    this.master = null;
  }
}

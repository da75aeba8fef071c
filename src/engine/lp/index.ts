// The contract between the engine and a linear-programming solver: sparse arrays in, column values out. No solver code here.

/** The constraint matrix by columns (CSC): column j's entries are `rows[k]`, `values[k]` for k in starts[j]..starts[j+1]. */
export interface SparseColumns {
  starts: Int32Array;
  rows: Int32Array;
  values: Float64Array;
}

/**
 * Minimise offset + Σ cost·x subject to rowLower ≤ A·x ≤ rowUpper and columnLower ≤ x ≤ columnUpper.
 * Missing bounds are ±Infinity.
 */
export interface LpProblem {
  columnCount: number;
  rowCount: number;
  cost: Float64Array;
  /** A constant added to the objective (e.g. the holding cost of the initial inventory on the average basis). */
  offset: number;
  columnLower: Float64Array;
  columnUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  matrix: SparseColumns;
  /** 1 for a column that must take a whole value; null for a pure LP. */
  integer: Uint8Array | null;
}

/** Where each column and row sits in a simplex basis; the codes are HiGHS's (and most solvers'). */
export const BASIS_STATUS = { lower: 0, basic: 1, upper: 2, zero: 3, nonbasic: 4 } as const;

export interface LpBasis {
  columnStatus: Int32Array;
  rowStatus: Int32Array;
}

export type LpAlgorithm = "auto" | "simplex" | "ipm";

export interface LpSolveOptions {
  /** Stop a MIP when (best − bound) / best ≤ this; default the solver's own. */
  relativeGap?: number;
  timeLimitSeconds?: number;
  algorithm?: LpAlgorithm;
  /** Ignore `integer` and solve the relaxation. */
  relaxIntegrality?: boolean;
  /** A basis of a related problem to start the simplex from (a warm start). */
  basis?: LpBasis;
  /**
   * A MIP stops after this many branch-and-bound nodes (a limit of work, not of time: the same
   * problem stops at the same point on any machine and under any load); its bound is then proven.
   */
  nodeLimit?: number;
  /** A known feasible point, e.g. a rounded plan, that a MIP may start from. */
  startingPoint?: Float64Array;
  /** Return the final basis, so a related problem can start from it. */
  wantBasis?: boolean;
  /** Simplify the problem before solving (default on); off pays for small problems and warm starts. */
  presolve?: boolean;
}

/**
 * `optimal`: proven optimal (a MIP within its gap); `stopped`: a limit was reached, with or
 * without a point (`hasSolution`); `infeasible`/`unbounded`: proven; `error`: the solver failed.
 */
export type LpStatus = "optimal" | "stopped" | "infeasible" | "unbounded" | "error";

export interface LpSolution {
  status: LpStatus;
  hasSolution: boolean;
  objective: number;
  columnValues: Float64Array;
  /** For a MIP, the best bound proven on the objective; for an LP, the objective when optimal. */
  bound: number | null;
  /** For a MIP, the relative gap reached; 0 for an optimal LP; null when unknown. */
  gap: number | null;
  seconds: number;
  iterations: number;
  basis?: LpBasis;
  /**
   * For an LP solved to optimality: each row's dual value (the change of the objective per unit
   * the row's binding bound moves up) and each column's reduced cost (the same for its bound).
   * Minimisation signs: a binding `≤` row or upper bound has a dual ≤ 0, a binding `≥` one ≥ 0.
   */
  rowDuals?: Float64Array;
  columnDuals?: Float64Array;
  /** The solver's own words when it failed. */
  detail?: string;
}

/**
 * One LP kept loaded in the solver between solves, for a sequence of related problems (column
 * generation): costs changed or columns added and removed, each solve starting from the last basis.
 */
export interface LpSession {
  /** Sets the costs of the given columns. */
  setCosts(columns: Int32Array, costs: Float64Array): void;
  /** Appends columns (their entries by columns, as in SparseColumns), nonbasic at their lower bound. */
  addColumns(cost: Float64Array, lower: Float64Array, upper: Float64Array, matrix: SparseColumns): void;
  /** Removes columns (ascending indices); the columns after them move down. */
  removeColumns(columns: Int32Array): void;
  /**
   * Solves from the last basis. `primal`: the primal simplex, the right one after costs change or
   * columns are added (the basis stays primal feasible); otherwise the solver's choice.
   * Presolve is off: a session's problems are small and warm.
   */
  solve(options?: { primal?: boolean }): LpSolution;
  /** Which columns are basic in the last solve's basis. */
  basicColumns(): Uint8Array;
  dispose(): void;
}

/** A loaded solver. Solving is synchronous: run it in a Web Worker in a browser. */
export interface LpSolver {
  readonly name: string;
  solve(problem: LpProblem, options?: LpSolveOptions): LpSolution;
  /** Loads a problem for a sequence of warm solves (optional: without it the engine solves each problem whole). */
  open?(problem: LpProblem): LpSession;
}

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

/** A loaded solver. Solving is synchronous: run it in a Web Worker in a browser. */
export interface LpSolver {
  readonly name: string;
  solve(problem: LpProblem, options?: LpSolveOptions): LpSolution;
}

// A lower bound for coupled families with whole workers, above the LP's: the shared resources priced at the LP's marginal values, each family then solved alone with whole workers.
import type { LpProblem } from "../lp";
import type { AssembledProblem } from "./model";

/**
 * Each family's own problem (its columns and rows, whole workers and all) with the shared
 * resource rows taken out and priced into its costs at `prices` (one per resource row, ≥ 0: what a
 * unit of the row's capacity is worth); `constant` is what the bound adds to the families' own
 * bounds: the problem's offset less the priced capacity.
 */
export function lagrangianSubproblems(assembled: AssembledProblem, prices: Float64Array): { subproblems: LpProblem[]; constant: number } {
  const { problem, placements, firstResourceRow, resourceRowCount } = assembled;
  const { starts, rows, values } = problem.matrix;
  const price = (row: number) => {
    const r = row - firstResourceRow;
    return r >= 0 && r < resourceRowCount ? prices[r] : 0;
  };
  let constant = problem.offset;
  for (let r = 0; r < resourceRowCount; r++) constant -= prices[r] * problem.rowUpper[firstResourceRow + r];
  const subproblems = placements.map(({ block, firstColumn, firstRow }) => {
    const cost = new Float64Array(block.columnCount);
    const columnStarts = new Int32Array(block.columnCount + 1);
    const entryRows: number[] = [];
    const entryValues: number[] = [];
    for (let j = 0; j < block.columnCount; j++) {
      const J = firstColumn + j;
      cost[j] = problem.cost[J];
      for (let k = starts[J]; k < starts[J + 1]; k++) {
        const row = rows[k];
        if (row >= firstRow && row < firstRow + block.rowCount) {
          entryRows.push(row - firstRow);
          entryValues.push(values[k]);
        } else {
          cost[j] += price(row) * values[k];
        }
      }
      columnStarts[j + 1] = entryRows.length;
    }
    const columns = <T extends Float64Array | Uint8Array>(a: T) => a.slice(firstColumn, firstColumn + block.columnCount) as T;
    const ownRows = (a: Float64Array) => a.slice(firstRow, firstRow + block.rowCount);
    return {
      columnCount: block.columnCount,
      rowCount: block.rowCount,
      cost,
      offset: 0,
      columnLower: columns(problem.columnLower),
      columnUpper: columns(problem.columnUpper),
      rowLower: ownRows(problem.rowLower),
      rowUpper: ownRows(problem.rowUpper),
      matrix: { starts: columnStarts, rows: Int32Array.from(entryRows), values: Float64Array.from(entryValues) },
      integer: problem.integer ? columns(problem.integer) : null,
    };
  });
  return { subproblems, constant };
}

/**
 * The prices of the resource rows from an LP's row duals (minimisation signs: a binding `≤` row
 * has a dual ≤ 0, so its price is the dual with the sign turned). A row with a lower limit too is
 * not priced (0: it is only dropped, which keeps the bound a bound).
 */
export function resourcePrices(assembled: AssembledProblem, rowDuals: Float64Array): Float64Array {
  const { problem, firstResourceRow, resourceRowCount } = assembled;
  const prices = new Float64Array(resourceRowCount);
  for (let r = 0; r < resourceRowCount; r++) {
    const row = firstResourceRow + r;
    if (problem.rowLower[row] === -Infinity && Number.isFinite(problem.rowUpper[row])) prices[r] = Math.max(0, -rowDuals[row]);
  }
  return prices;
}

/**
 * The Lagrangian bound: for every plan that meets the shared rows, its cost is at least its cost
 * with each row's use priced in and the capacity's worth taken off (the priced use never exceeds
 * the capacity), and that is at least the sum of each family's least cost alone at those prices.
 * `familyBound` gives a proven lower bound of a family's problem (a MIP's bound; −Infinity when
 * it has none). With whole workers this is at least the LP's bound at the LP's own prices, and
 * higher by each family's integrality gap. −Infinity when a family has no bound.
 */
export function lagrangianBound(assembled: AssembledProblem, rowDuals: Float64Array, familyBound: (problem: LpProblem, family: number) => number): number {
  const { subproblems, constant } = lagrangianSubproblems(assembled, resourcePrices(assembled, rowDuals));
  let bound = constant;
  for (let i = 0; i < subproblems.length; i++) {
    const own = familyBound(subproblems[i], i);
    if (!Number.isFinite(own)) return -Infinity;
    bound += own;
  }
  return bound;
}

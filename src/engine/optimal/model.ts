// The optimal plan's model: the LP (a MIP for whole workers) of one family or of families coupled by shared resources, its column layout, and the constrained plan's tiers.
import { frozenCount, materialCostAt, positionFloors, priceAt, stockTargets } from "../costing";
import type { LpProblem } from "../lp";
import type { FamilyContext, SharedResource } from "../model";
import { loadsResource, resourceLoadAt, storageLoadOf } from "../coupling";

/**
 * The columns of one period, in this order: W workers, H hired, L laid off, R regular, O overtime,
 * C subcontract, I inventory, B backlog. A column's number is `column(t, kind)` (within its family's
 * block) or `column(t, kind, placement.firstColumn)` (in an assembled problem): nowhere else.
 */
export const KIND = { W: 0, H: 1, L: 2, R: 3, O: 4, C: 5, I: 6, B: 7 } as const;
export type ColumnKind = (typeof KIND)[keyof typeof KIND];
const { W, H, L, R, O, C, I, B } = KIND;
const COLUMNS_PER_PERIOD = 8;

/** The column of `kind` in period t, of the block that starts at `firstColumn` (0: the block's own numbering). */
export const column = (t: number, kind: ColumnKind, firstColumn = 0): number => firstColumn + t * COLUMNS_PER_PERIOD + kind;

/** One family's part of the LP, in local column and row numbers. */
export interface FamilyBlock {
  ctx: FamilyContext;
  columnCount: number;
  rowCount: number;
  cost: number[];
  columnLower: number[];
  columnUpper: number[];
  rowLower: number[];
  rowUpper: number[];
  entryRow: number[];
  entryColumn: number[];
  entryValue: number[];
  offset: number;
  /**
   * With the constrained plan's columns (see `unmetColumn`, `shortfallColumn`): demand may be left
   * unmet and stock targets missed, each weighed by the tiers of `constrainedTiers`, so the LP
   * always has a solution within the capacity.
   */
  elastic: boolean;
  /** Local rows, per period: the stock balance (its dual is the marginal cost of demand), R ≤ u W, and O ≤ overtime per worker × W (−1: none). */
  stockRows: number[];
  regularRows: number[];
  overtimeRows: number[];
}

/** The constrained plan's columns, after the periods' own (n of them): U_t, the units of period t's demand left unmet. */
export const unmetColumn = (n: number, t: number, firstColumn = 0): number => firstColumn + n * COLUMNS_PER_PERIOD + t;
/** S_t, the units period t ends below its stock target (I_t + S_t ≥ target_t). */
export const shortfallColumn = (n: number, t: number, firstColumn = 0): number => firstColumn + n * COLUMNS_PER_PERIOD + n + t;

export function familyBlock(ctx: FamilyContext, elastic: boolean): FamilyBlock {
  const { policy, rates, demand, periods } = ctx;
  const n = periods.length;
  const frozen = frozenCount(ctx);
  const columnCount = n * COLUMNS_PER_PERIOD + (elastic ? 2 * n : 0);
  const block: FamilyBlock = {
    ctx,
    columnCount,
    rowCount: 0,
    cost: new Array<number>(columnCount).fill(0),
    columnLower: new Array<number>(columnCount).fill(0),
    columnUpper: new Array<number>(columnCount).fill(Infinity),
    rowLower: [],
    rowUpper: [],
    entryRow: [],
    entryColumn: [],
    entryValue: [],
    offset: 0,
    elastic,
    stockRows: [],
    regularRows: [],
    overtimeRows: [],
  };
  const col = (t: number, kind: ColumnKind) => column(t, kind);
  // Entries as flat (column, value) pairs: thousands of families build millions of them, so no tuples.
  const addRow = (lower: number, upper: number, entries: number[]) => {
    const row = block.rowCount++;
    block.rowLower.push(lower);
    block.rowUpper.push(upper);
    for (let k = 0; k < entries.length; k += 2) {
      if (entries[k + 1] === 0) continue;
      block.entryRow.push(row);
      block.entryColumn.push(entries[k]);
      block.entryValue.push(entries[k + 1]);
    }
  };

  const holding = policy.holdingCostPerUnit;
  const averageHolding = policy.holdingCostBasis === "average";
  const subcontractAllowed = policy.subcontractCostPerUnit !== null;
  const targets = stockTargets(ctx);
  const floors = positionFloors(ctx);

  for (let t = 0; t < n; t++) {
    const u = rates.unitsPerWorker[t];
    const overtimePerWorker = rates.overtimeUnitsPerWorker[t];
    const hoursPerWorker = rates.hoursPerWorker ? rates.hoursPerWorker[t] : 0;
    const hoursPerUnit = rates.laborHoursPerUnit ? rates.laborHoursPerUnit[t] : 0;

    block.cost[col(t, W)] = policy.regularCostPerHour * hoursPerWorker;
    block.cost[col(t, H)] = policy.hiringCostPerWorker;
    block.cost[col(t, L)] = policy.layoffCostPerWorker;
    // Material at the cost the financial projection uses: the products' own unit costs when given.
    const material = materialCostAt(ctx, t);
    block.cost[col(t, R)] = policy.regularCostPerUnit + material;
    block.cost[col(t, O)] = policy.overtimeCostPerHour * hoursPerUnit + policy.overtimeCostPerUnit + material;
    block.cost[col(t, C)] = policy.subcontractCostPerUnit ?? 0;
    // On the average basis a period's ending inventory is held half in this period and half in the next.
    block.cost[col(t, I)] = averageHolding ? (t < n - 1 ? holding : holding / 2) : holding;
    block.cost[col(t, B)] = policy.backorderCostPerUnit ?? 0;

    // Workforce: W_t = W_{t−1} + H_t − L_t; a blank initial workforce leaves period 1's free.
    if (t === 0 && policy.initialWorkers === null) {
      block.columnUpper[col(t, H)] = 0;
      block.columnUpper[col(t, L)] = 0;
    } else {
      const entries = [col(t, W), 1, col(t, H), -1, col(t, L), 1];
      if (t > 0) entries.push(col(t - 1, W), -1);
      const rhs = t === 0 ? (policy.initialWorkers as number) : 0;
      addRow(rhs, rhs, entries);
    }

    // Capacity: R_t ≤ u_t W_t (= without idle time); O_t ≤ overtime units per worker × W_t when
    // hours per worker cap it, and ≤ the family's overtime cap when that is given.
    block.regularRows.push(block.rowCount);
    addRow(policy.idleTimeAllowed ? -Infinity : 0, 0, [col(t, R), 1, col(t, W), -u]);
    const overtimeCap = policy.maxOvertimeUnitsPerPeriod ?? Infinity;
    if (overtimePerWorker > 0 && overtimeCap > 0) {
      if (Number.isFinite(overtimePerWorker)) {
        block.overtimeRows.push(block.rowCount);
        addRow(-Infinity, 0, [col(t, O), 1, col(t, W), -overtimePerWorker]);
      } else {
        block.overtimeRows.push(-1);
      }
      block.columnUpper[col(t, O)] = overtimeCap;
    } else {
      block.overtimeRows.push(-1);
      block.columnUpper[col(t, O)] = 0;
    }
    block.columnUpper[col(t, C)] = subcontractAllowed ? (policy.maxSubcontractPerPeriod ?? Infinity) : 0;

    // Stock: I_t − B_t = I_{t−1} − B_{t−1} + R_t + O_t + C_t − D_t.
    const entries = [col(t, R), 1, col(t, O), 1, col(t, C), 1, col(t, I), -1, col(t, B), 1];
    if (t > 0) entries.push(col(t - 1, I), 1, col(t - 1, B), -1);
    // Constrained: I_t − B_t = … − (D_t − U_t), with 0 ≤ U_t ≤ D_t.
    if (elastic) {
      entries.push(unmetColumn(n, t), 1);
      block.columnUpper[unmetColumn(n, t)] = Math.max(0, demand[t]);
    }
    const rhs = demand[t] - (t === 0 ? policy.initialInventory - policy.initialBacklog : 0);
    block.stockRows.push(block.rowCount);
    addRow(rhs, rhs, entries);

    if (elastic) {
      // The target is a target, for the demand served: I_t + S_t ≥ target_t × (1 − U_t / D_t). A
      // buffer protects the sales the plan makes; a period whose demand goes unmet keeps that share
      // of it less (none when none is served), so no plan holds stock while it turns customers away.
      block.columnUpper[shortfallColumn(n, t)] = targets[t];
      const perUnmet = demand[t] > 0 ? targets[t] / demand[t] : 0;
      if (targets[t] > 0) addRow(targets[t], Infinity, [col(t, I), 1, shortfallColumn(n, t), 1, ...(perUnmet > 0 ? [unmetColumn(n, t), perUnmet] : [])]);
    }
    // The position floor (positionFloors): I_t − B_t ≥ the target, or backlog allowed (the target is then 0).
    if (!elastic) block.columnLower[col(t, I)] = Math.max(0, floors[t]);
    block.columnUpper[col(t, B)] = floors[t] === -Infinity ? Infinity : 0;

    if (t < frozen && ctx.frozen) {
      // A frozen period keeps the version's workforce and output: those columns are fixed, and the
      // limits only they decide are lifted (costPlan says which one a frozen period breaks), so
      // the rest of the horizon is still planned when the version no longer fits this month's Policy.
      // What the frozen output cannot serve is unmet (or a target missed) in the constrained plan.
      const kept: [ColumnKind, number][] = [
        [W, ctx.frozen.workers[t]],
        [R, ctx.frozen.regular[t]],
        [O, ctx.frozen.overtime[t]],
        [C, ctx.frozen.subcontract[t]],
      ];
      for (const [kind, value] of kept) block.columnLower[col(t, kind)] = block.columnUpper[col(t, kind)] = Math.max(0, value);
      block.rowLower[block.regularRows[t]] = -Infinity;
      block.rowUpper[block.regularRows[t]] = Infinity;
      if (block.overtimeRows[t] >= 0) {
        block.rowLower[block.overtimeRows[t]] = -Infinity;
        block.rowUpper[block.overtimeRows[t]] = Infinity;
      }
    }
  }
  if (averageHolding) block.offset = (holding / 2) * policy.initialInventory;
  return block;
}

/** Where a family's block sits in an assembled problem. */
export interface Placement {
  block: FamilyBlock;
  firstColumn: number;
  firstRow: number;
}

/** A resource row of an assembled problem: which resource, which period, the families it loads. */
export interface ResourceRow {
  resource: string;
  t: number;
  available: number;
  families: string[];
}

export interface AssembledProblem {
  problem: LpProblem;
  placements: Placement[];
  resourceRowCount: number;
  /** The first resource row; the rows after the resource rows, if any, are the constrained plan's tiers. */
  firstResourceRow: number;
  /** The resource rows, in order, from row `firstResourceRow`. */
  resourceRows: ResourceRow[];
}

/**
 * Stacks family blocks (block-diagonal) and adds one row per resource and period: Σ load × (R + O)
 * ≤ available; then the `extraRows` (unbounded until set).
 */
export function assemble(
  blocks: FamilyBlock[],
  resources: readonly SharedResource[],
  withIntegers: boolean,
  extraRows: readonly (readonly [number, number][])[] = [],
): AssembledProblem {
  const placements: Placement[] = [];
  let columnCount = 0;
  let rowCount = 0;
  let entryCount = 0;
  for (const block of blocks) {
    placements.push({ block, firstColumn: columnCount, firstRow: rowCount });
    columnCount += block.columnCount;
    rowCount += block.rowCount;
    entryCount += block.entryValue.length;
  }
  const periodCount = blocks.length > 0 ? blocks[0].ctx.periods.length : 0;
  const resourceRows: { lower: number; upper: number; entries: [number, number][] }[] = [];
  const resourceRowMeta: ResourceRow[] = [];
  for (const resource of resources) {
    const loaded = placements.filter((p) => loadsResource(resource, p.block.ctx.family));
    if (loaded.length === 0) continue;
    for (let t = 0; t < periodCount; t++) {
      const entries: [number, number][] = [];
      // A frozen period's output is fixed: its load is taken off what the others may use (the
      // frozen output is cut to fit the capacity before planning; fitFrozenToCapacity says where).
      let frozenLoad = 0;
      for (const p of loaded) {
        const load = resourceLoadAt(resource, p.block.ctx.family, t);
        // Stock takes room whether the output is frozen or not.
        const storage = storageLoadOf(resource, p.block.ctx.family);
        if (storage > 0) entries.push([column(t, I, p.firstColumn), storage]);
        const { frozen } = p.block.ctx;
        if (frozen && t < frozenCount(p.block.ctx)) {
          frozenLoad += load * (Math.max(0, frozen.regular[t]) + Math.max(0, frozen.overtime[t]));
          continue;
        }
        if (load > 0) entries.push([column(t, R, p.firstColumn), load], [column(t, O, p.firstColumn), load]);
      }
      const available = resource.available[t] ?? 0;
      resourceRows.push({ lower: -Infinity, upper: Math.max(0, available - (resource.splitReserve ?? 0) - frozenLoad), entries });
      resourceRowMeta.push({ resource: resource.resource, t, available, families: loaded.map((p) => p.block.ctx.family) });
      entryCount += entries.length;
    }
  }
  const firstResourceRow = rowCount;
  const resourceRowCount = resourceRowMeta.length;
  for (const entries of extraRows) {
    resourceRows.push({ lower: -Infinity, upper: Infinity, entries: [...entries] });
    entryCount += entries.length;
  }

  const totalRows = rowCount + resourceRows.length;
  const cost = new Float64Array(columnCount);
  const columnLower = new Float64Array(columnCount);
  const columnUpper = new Float64Array(columnCount);
  const rowLower = new Float64Array(totalRows);
  const rowUpper = new Float64Array(totalRows);
  const integer = withIntegers ? new Uint8Array(columnCount) : null;
  const entryRow = new Int32Array(entryCount);
  const entryColumn = new Int32Array(entryCount);
  const entryValue = new Float64Array(entryCount);
  let offset = 0;
  let e = 0;
  for (const { block, firstColumn, firstRow } of placements) {
    cost.set(block.cost, firstColumn);
    columnLower.set(block.columnLower, firstColumn);
    columnUpper.set(block.columnUpper, firstColumn);
    rowLower.set(block.rowLower, firstRow);
    rowUpper.set(block.rowUpper, firstRow);
    offset += block.offset;
    for (let k = 0; k < block.entryValue.length; k++, e++) {
      entryRow[e] = firstRow + block.entryRow[k];
      entryColumn[e] = firstColumn + block.entryColumn[k];
      entryValue[e] = block.entryValue[k];
    }
  }
  resourceRows.forEach((row, i) => {
    rowLower[rowCount + i] = row.lower;
    rowUpper[rowCount + i] = row.upper;
    for (const [column, value] of row.entries) {
      entryRow[e] = rowCount + i;
      entryColumn[e] = column;
      entryValue[e] = value;
      e++;
    }
  });

  if (integer) forEachWholeWorkerColumn(placements, (j) => (integer[j] = 1));

  // Triplets to compressed columns (a counting sort by column).
  const starts = new Int32Array(columnCount + 1);
  for (let k = 0; k < entryCount; k++) starts[entryColumn[k] + 1]++;
  for (let j = 0; j < columnCount; j++) starts[j + 1] += starts[j];
  const next = starts.slice(0, columnCount);
  const rows = new Int32Array(entryCount);
  const values = new Float64Array(entryCount);
  for (let k = 0; k < entryCount; k++) {
    const at = next[entryColumn[k]]++;
    rows[at] = entryRow[k];
    values[at] = entryValue[k];
  }
  return {
    problem: {
      columnCount,
      rowCount: totalRows,
      cost,
      offset,
      columnLower,
      columnUpper,
      rowLower,
      rowUpper,
      matrix: { starts, rows, values },
      integer: integer && integer.some((v) => v === 1) ? integer : null,
    },
    placements,
    resourceRowCount,
    firstResourceRow,
    resourceRows: resourceRowMeta,
  };
}

/** Builds the optimal plan's LP for one family, or for families coupled by shared resources (exported for tests and benchmarks). */
export function buildPlanningLp(
  contexts: readonly FamilyContext[],
  resources: readonly SharedResource[] = [],
  elastic = false,
): LpProblem {
  return assemblePlanningLp(contexts, resources, elastic).problem;
}

/** The same LP with where each family's columns and rows sit (exported for tests of the whole-worker rounding). */
export function assemblePlanningLp(contexts: readonly FamilyContext[], resources: readonly SharedResource[] = [], elastic = false): AssembledProblem {
  return assemble(
    contexts.map((ctx) => familyBlock(ctx, elastic)),
    resources,
    contexts.some((c) => c.policy.integerWorkers),
  );
}
/**
 * Calls `visit` with the column of `kind` in every planned period (the frozen ones are the
 * version's) of the placed families, and the family; `wholeWorkersOnly`: of families with whole
 * workers only.
 */
export function forEachPlannedColumn(
  placements: readonly Pick<Placement, "block" | "firstColumn">[],
  kind: ColumnKind,
  visit: (j: number, ctx: FamilyContext) => void,
  wholeWorkersOnly = false,
): void {
  for (const { block, firstColumn } of placements) {
    if (wholeWorkersOnly && !block.ctx.policy.integerWorkers) continue;
    for (let t = frozenCount(block.ctx); t < block.ctx.periods.length; t++) visit(column(t, kind, firstColumn), block.ctx);
  }
}

/**
 * The one whole-worker loop: each column that must be whole, with its family. Only the workforce
 * is declared whole: hires and layoffs follow from it (whole when the initial workforce is).
 * Declaring them whole too made HiGHS 1.15's MIP presolve return a plan $200 dearer than the
 * optimum as "optimal" (random instance 106 of test/unit/optimal.test.ts).
 */
export function forEachWholeWorkerColumn(placements: readonly Pick<Placement, "block" | "firstColumn">[], visit: (j: number, ctx: FamilyContext) => void): void {
  forEachPlannedColumn(placements, W, visit, true);
}

/** How far from whole a MIP's worker may be and still count as whole (rounding error, not a fraction). */
const WHOLE_TOLERANCE = 1e-9;

/** The values with every whole-worker column made exactly whole, or null when one is further off than rounding error. */
export function snapWholeWorkers(assembled: AssembledProblem, values: Float64Array): Float64Array | null {
  const snapped = values.slice();
  let whole = true;
  forEachWholeWorkerColumn(assembled.placements, (j) => {
    const nearest = Math.round(values[j]);
    if (Math.abs(values[j] - nearest) > WHOLE_TOLERANCE) whole = false;
    snapped[j] = Math.max(0, nearest);
  });
  return whole ? snapped : null;
}

/**
 * The assembled problem with every whole-worker family's workforce fixed at `whole` of its value in
 * `values` (frozen periods keep the version's), as an LP.
 */
export function withWorkersFixed(assembled: AssembledProblem, values: Float64Array, whole: (w: number, ctx: FamilyContext) => number): LpProblem {
  const { problem, placements } = assembled;
  const columnLower = problem.columnLower.slice();
  const columnUpper = problem.columnUpper.slice();
  forEachWholeWorkerColumn(placements, (j, ctx) => (columnLower[j] = columnUpper[j] = Math.max(0, whole(values[j], ctx))));
  return { ...problem, columnLower, columnUpper, integer: null };
}

/** Rounding a constrained plan's workforce: up where idle time is allowed (more workers only add capacity), else to the nearest. */
export const roundWorkersForCapacity = (w: number, ctx: FamilyContext): number => (ctx.policy.idleTimeAllowed ? Math.ceil(w - 1e-6) : Math.round(w));

/**
 * One tier of the constrained plan: its objective as (column, weight) pairs. An `unmet` or `target`
 * tier's optimum is kept as a limit on its row for the tiers after it; the `sales` tier's objective
 * is the plan's cost plus its weights (each unit unmet at what a sale brings), and what it leaves
 * unmet, period by period, is kept as the most each unmet column may take.
 */
export interface ConstrainedTier {
  kind: "unmet" | "sales" | "target";
  row: [number, number][];
}

/**
 * What one unit of a family's demand not served loses in period t: its price (the products' where
 * Products gives them, as the plan's revenue prices it) less the variable
 * cost of making it (material and the regular cost per unit), plus the Policy's lost sale cost.
 */
export function lostMarginPerUnit(ctx: FamilyContext, t: number): number {
  const { policy } = ctx;
  return priceAt(ctx, t) - materialCostAt(ctx, t) - policy.regularCostPerUnit + policy.lostSaleCostPerUnit;
}

/** What serving one unit of period t's demand brings: its price and the lost sale cost it saves. */
export function saleValuePerUnit(ctx: FamilyContext, t: number): number {
  return priceAt(ctx, t) + ctx.policy.lostSaleCostPerUnit;
}

/** A family whose demand has a value (a price or a lost sale cost in some period): the sales tier weighs its demand against cost. */
export const saleValued = (ctx: FamilyContext): boolean => ctx.periods.some((_, t) => saleValuePerUnit(ctx, t) > 0);
const valued = saleValued;

/**
 * The constrained plan's tiers, in order.
 * 1. Service first, one tier per Policy `Priority` (1 first): the demand left unmet, each unit weighed
 *    by its lost margin (relative to the group's largest, and never below a thousandth of it), so the
 *    scarce capacity goes to the demand of most margin per unit of it. Then the families without a
 *    Priority whose demand has no value (no price, no lost sale cost): served whenever they can be.
 * 2. The sales of the families without a Priority whose demand has a value: the plan's cost plus
 *    each unit unmet at what it would bring (price + lost sale cost), i.e. the most margin less lost
 *    sale cost. A unit is served when what it brings covers what serving it costs (the extra workers,
 *    overtime, subcontracting, stock it takes, or the margin of the demand it displaces), so no
 *    plan buys a sale for more than it is worth; what this leaves unmet in each period is kept.
 * 3. The stock targets: every unit below a target, every period, counts one (missed as little and as
 *    briefly as it must be, with the sales already kept: never at the expense of a sale).
 */
export function constrainedTiers(placements: readonly Pick<Placement, "block" | "firstColumn">[]): ConstrainedTier[] {
  let largest = 0;
  for (const { block } of placements) {
    for (let t = 0; t < block.ctx.periods.length; t++) largest = Math.max(largest, lostMarginPerUnit(block.ctx, t));
  }
  const floor = 1e-3 * Math.max(1, largest);
  const scale = Math.max(floor, largest);
  const serviceRow = (members: readonly Pick<Placement, "block" | "firstColumn">[]): [number, number][] =>
    members.flatMap(({ block, firstColumn }) => {
      const n = block.ctx.periods.length;
      return Array.from({ length: n }, (_, t): [number, number] => [unmetColumn(n, t, firstColumn), Math.max(floor, lostMarginPerUnit(block.ctx, t)) / scale]);
    });
  const ranked = placements.filter(({ block }) => block.ctx.policy.priority !== null);
  const levels = [...new Set(ranked.map(({ block }) => block.ctx.policy.priority as number))].sort((a, b) => a - b);
  const tiers: ConstrainedTier[] = levels.map((level) => ({ kind: "unmet", row: serviceRow(ranked.filter(({ block }) => block.ctx.policy.priority === level)) }));
  const unranked = placements.filter(({ block }) => block.ctx.policy.priority === null);
  const withoutValue = unranked.filter(({ block }) => !valued(block.ctx));
  if (withoutValue.length > 0) tiers.push({ kind: "unmet", row: serviceRow(withoutValue) });
  const sales = unranked
    .filter(({ block }) => valued(block.ctx))
    .flatMap(({ block, firstColumn }) => {
      const n = block.ctx.periods.length;
      return Array.from({ length: n }, (_, t): [number, number] => [unmetColumn(n, t, firstColumn), Math.max(0, saleValuePerUnit(block.ctx, t))]);
    });
  if (sales.length > 0) tiers.push({ kind: "sales", row: sales });
  const targetRow: [number, number][] = [];
  for (const { block, firstColumn } of placements) {
    const n = block.ctx.periods.length;
    stockTargets(block.ctx).forEach((target, t) => target > 0 && targetRow.push([shortfallColumn(n, t, firstColumn), 1]));
  }
  if (targetRow.length > 0) tiers.push({ kind: "target", row: targetRow });
  return tiers;
}

/** Whether a point meets every row from `firstRow` on (the shared-capacity rows, all `≤`). */
export function fitsSharedRows(problem: LpProblem, values: Float64Array, firstRow: number): boolean {
  const activity = new Float64Array(problem.rowCount);
  const { starts, rows, values: coefficients } = problem.matrix;
  for (let j = 0; j < problem.columnCount; j++) {
    for (let k = starts[j]; k < starts[j + 1]; k++) if (rows[k] >= firstRow) activity[rows[k]] += coefficients[k] * values[j];
  }
  for (let i = firstRow; i < problem.rowCount; i++) {
    const slack = 1e-9 * Math.max(1, Math.abs(problem.rowUpper[i]));
    if (activity[i] > problem.rowUpper[i] + slack || activity[i] < problem.rowLower[i] - slack) return false;
  }
  return true;
}

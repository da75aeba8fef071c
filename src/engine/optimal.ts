// The optimal strategy: the least-cost plan as a linear program (a MIP for whole workers), solved by an LpSolver and re-costed by costPlan.
import { amountText, moneyText } from "./numberText";
import { backlogAllowedAt, costPlan, frozenCount, materialCostAt, overtimeLimit, priceAt, safetyStockAt, stockTargets, tolerance, type FamilyContext, type PlanDecisions } from "./costing";
import { coupledGroups } from "./coupling";
import { Decomposition } from "./decomposition";
import { BASIS_STATUS, type LpBasis, type LpProblem, type LpSolution, type LpSolveOptions, type LpSolver } from "./lp";
import type { BindingConstraint, PlanResult, PlanWhy, SharedResource, SolveReport, Violation } from "./model";

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
  /** Whole-worker plans stop within this relative gap of the best bound; default 0.1 %. */
  relativeGap?: number;
  /** Longest a group's whole-worker solve (LP, rounding and MIP) may run before the best plan found is kept; default 30 s. */
  timeLimitSeconds?: number;
  coupledMethod?: CoupledMethod;
  /** Called as families are planned: done of total. */
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_RELATIVE_GAP = 0.001;
export const DEFAULT_TIME_LIMIT_SECONDS = 30;

// Columns of one period, in this order: workers, hired, laid off, regular, overtime, subcontract, inventory, backlog.
const W = 0;
const H = 1;
const L = 2;
const R = 3;
const O = 4;
const C = 5;
const I = 6;
const B = 7;
const COLUMNS_PER_PERIOD = 8;

const units = (n: number): string => amountText(n);

/** One family's part of the LP, in local column and row numbers. */
interface FamilyBlock {
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
  /** Local columns that must be whole. */
  integerColumns: number[];
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

/** The constrained plan's columns, after the periods' own: U_t, the units of period t's demand left unmet. */
const unmetColumn = (n: number, t: number): number => n * COLUMNS_PER_PERIOD + t;
/** S_t, the units period t ends below its stock target (I_t + S_t ≥ target_t). */
const shortfallColumn = (n: number, t: number): number => n * COLUMNS_PER_PERIOD + n + t;

function familyBlock(ctx: FamilyContext, elastic: boolean): FamilyBlock {
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
    integerColumns: [],
    elastic,
    stockRows: [],
    regularRows: [],
    overtimeRows: [],
  };
  const col = (t: number, kind: number) => t * COLUMNS_PER_PERIOD + kind;
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

    // Only the workforce is declared whole: hires and layoffs follow from it (whole when the initial
    // workforce is). Declaring them whole too made HiGHS 1.15's MIP presolve return a plan $200
    // dearer than the optimum as "optimal" (random instance 106 of test/unit/optimal.test.ts).
    if (policy.integerWorkers && t >= frozen) block.integerColumns.push(col(t, W));

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
      // The target is a target: I_t + S_t ≥ target_t.
      block.columnUpper[shortfallColumn(n, t)] = targets[t];
      if (targets[t] > 0) addRow(targets[t], Infinity, [col(t, I), 1, shortfallColumn(n, t), 1]);
    } else {
      block.columnLower[col(t, I)] = targets[t];
    }
    block.columnUpper[col(t, B)] = backlogAllowedAt(ctx, t) ? Infinity : 0;

    if (t < frozen && ctx.frozen) {
      // A frozen period keeps the version's workforce and output: those columns are fixed, and the
      // limits only they decide are lifted (costPlan says which one a frozen period breaks), so
      // the rest of the horizon is still planned when the version no longer fits this month's Policy.
      // What the frozen output cannot serve is unmet (or a target missed) in the constrained plan.
      const kept: [number, number][] = [
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
interface Placement {
  block: FamilyBlock;
  firstColumn: number;
  firstRow: number;
}

/** A resource row of an assembled problem: which resource, which period, the families it loads. */
interface ResourceRow {
  resource: string;
  t: number;
  available: number;
  families: string[];
}

interface AssembledProblem {
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
function assemble(
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
    const loaded = placements.filter((p) => (resource.loadPerUnit[p.block.ctx.family] ?? 0) > 0);
    if (loaded.length === 0) continue;
    for (let t = 0; t < periodCount; t++) {
      const entries: [number, number][] = [];
      // A frozen period's output is fixed: its load is taken off what the others may use (the
      // frozen output is cut to fit the capacity before planning; fitFrozenToCapacity says where).
      let frozenLoad = 0;
      for (const p of loaded) {
        const load = resource.loadPerUnit[p.block.ctx.family];
        const { frozen } = p.block.ctx;
        if (frozen && t < frozenCount(p.block.ctx)) {
          frozenLoad += load * (Math.max(0, frozen.regular[t]) + Math.max(0, frozen.overtime[t]));
          continue;
        }
        entries.push([p.firstColumn + t * COLUMNS_PER_PERIOD + R, load], [p.firstColumn + t * COLUMNS_PER_PERIOD + O, load]);
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
    if (integer) for (const c of block.integerColumns) integer[firstColumn + c] = 1;
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
  return assemble(
    contexts.map((ctx) => familyBlock(ctx, elastic)),
    resources,
    contexts.some((c) => c.policy.integerWorkers),
  ).problem;
}

/** A family's decisions from the solution, nudged onto the bounds the solver met only within its tolerance. */
function decisionsOf(placement: Placement, values: Float64Array): PlanDecisions {
  const { block, firstColumn } = placement;
  const { rates, policy, periods } = block.ctx;
  const n = periods.length;
  const decisions: PlanDecisions = { workers: [], regular: [], overtime: [], subcontract: [] };
  const at = (t: number, kind: number) => Math.max(0, values[firstColumn + t * COLUMNS_PER_PERIOD + kind]);
  if (block.elastic) {
    // Unmet to the solver's tolerance is none: a hair of a unit is served, not lost.
    decisions.unmet = periods.map((_, t) => {
      const unmet = Math.max(0, values[firstColumn + unmetColumn(n, t)]);
      return unmet > tolerance(block.ctx.demand[t]) ? unmet : 0;
    });
    decisions.shortfallsMinimised = true;
  }
  const frozen = frozenCount(block.ctx);
  for (let t = 0; t < frozen && block.ctx.frozen; t++) {
    // Frozen: the version's numbers exactly, as every other strategy keeps them.
    decisions.workers.push(block.ctx.frozen.workers[t]);
    decisions.regular.push(block.ctx.frozen.regular[t]);
    decisions.overtime.push(block.ctx.frozen.overtime[t]);
    decisions.subcontract.push(block.ctx.frozen.subcontract[t]);
  }
  for (let t = frozen; t < n; t++) {
    const u = rates.unitsPerWorker[t];
    const overtimePerWorker = rates.overtimeUnitsPerWorker[t];
    const regular = u > 0 ? at(t, R) : 0;
    const overtime = overtimePerWorker > 0 ? at(t, O) : 0;
    let workers = at(t, W);
    if (policy.integerWorkers) {
      workers = Math.round(workers);
    } else {
      // Workers enough for the output exactly, so a solver's 1e-9 excess never reads as a broken capacity.
      if (u > 0) workers = Math.max(workers, regular / u);
      if (overtimePerWorker > 0 && Number.isFinite(overtimePerWorker)) workers = Math.max(workers, overtime / overtimePerWorker);
    }
    decisions.workers.push(workers);
    decisions.regular.push(policy.integerWorkers ? Math.min(regular, u * workers) : regular);
    decisions.overtime.push(policy.integerWorkers ? Math.min(overtime, overtimeLimit(block.ctx, t, workers)) : overtime);
    decisions.subcontract.push(Math.min(at(t, C), policy.maxSubcontractPerPeriod ?? Infinity));
  }
  makeUpSolverShortfalls(block.ctx, decisions);
  return decisions;
}

/**
 * The solver meets each stock balance within its tolerance (1e-7 a row), which over 52 periods can
 * leave a period that may not carry backlog a few millionths of a unit short: a plan "0 units still
 * owed at the end". Such a hair is made up in that period, where the plan has room (regular time
 * within the workforce, else subcontracting, else overtime within its limit). Real shortfalls are
 * far larger and are left for costPlan to report.
 */
function makeUpSolverShortfalls(ctx: FamilyContext, decisions: PlanDecisions): void {
  const { policy, demand, periods, rates } = ctx;
  const n = periods.length;
  const hair = 1e-6 * Math.max(1, demand.reduce((a, b) => a + Math.abs(b), 0));
  let position = policy.initialInventory - policy.initialBacklog;
  const targets = stockTargets(ctx);
  for (let t = 0; t < n; t++) {
    position += decisions.regular[t] + decisions.overtime[t] + decisions.subcontract[t] - demand[t] + (decisions.unmet?.[t] ?? 0);
    if (t < frozenCount(ctx)) continue;
    const floor = backlogAllowedAt(ctx, t) ? -Infinity : decisions.shortfallsMinimised ? 0 : targets[t];
    const short = floor - position;
    // Only what costPlan's check would (nearly) see; anything below that is left as the solver gave it.
    if (!(short > 0.5 * tolerance(floor)) || short > hair) continue;
    const workers = decisions.workers[t];
    const u = rates.unitsPerWorker[t];
    const regularRoom = u * workers - decisions.regular[t];
    const subcontractRoom = policy.subcontractCostPerUnit === null ? 0 : (policy.maxSubcontractPerPeriod ?? Infinity) - decisions.subcontract[t];
    const overtimeRoom = overtimeLimit(ctx, t, workers) - decisions.overtime[t];
    const fractional = !policy.integerWorkers && u > 0;
    if (regularRoom >= short || fractional || !(subcontractRoom >= short || overtimeRoom >= short)) {
      // Regular time; with fractional workers, the workforce that makes it.
      decisions.regular[t] += short;
      if (fractional) decisions.workers[t] = Math.max(workers, decisions.regular[t] / u);
    } else if (subcontractRoom >= short) decisions.subcontract[t] += short;
    else decisions.overtime[t] += short;
    position += short;
  }
}

/** The units a family must have made or bought by the end of each period (cumulative), and whether backlog may cover a gap. */
function cumulativeNeed(ctx: FamilyContext): { need: number[]; mustMeet: boolean[] } {
  const { policy, demand, periods } = ctx;
  const n = periods.length;
  const need: number[] = [];
  const mustMeet: boolean[] = [];
  let cumulativeDemand = 0;
  for (let t = 0; t < n; t++) {
    cumulativeDemand += demand[t];
    const floor = t === n - 1 ? Math.max(safetyStockAt(ctx, t), policy.endingInventory) : safetyStockAt(ctx, t);
    need.push(cumulativeDemand + floor - (policy.initialInventory - policy.initialBacklog));
    // What a frozen period falls short by is the version's doing (costPlan says so), not the plan's.
    mustMeet.push(!backlogAllowedAt(ctx, t) && t >= frozenCount(ctx));
  }
  return { need, mustMeet };
}

/** Why a shortfall cannot be helped, in planner's words. */
function shortfallTail(ctx: FamilyContext, t: number): string {
  const { policy, periods } = ctx;
  if (policy.backorderCostPerUnit === null) return "backorders are not allowed";
  if (t === periods.length - 1) return "everything owed must be delivered by the end of the horizon";
  return `the safety stock of ${units(safetyStockAt(ctx, t))} must be on hand every period`;
}

/**
 * The first period whose cumulative need exceeds the most that can possibly be made or bought by
 * then. The workforce has no upper limit, so only periods without working time or overtime limit
 * output (to overtime and subcontracting caps); this test is exact for a family on its own.
 */
export function explainFamilyShortfall(ctx: FamilyContext): Violation | null {
  const { policy, rates, periods } = ctx;
  const { need, mustMeet } = cumulativeNeed(ctx);
  const overtimeCap = policy.maxOvertimeUnitsPerPeriod ?? Infinity;
  const subcontractCap = policy.subcontractCostPerUnit === null ? 0 : (policy.maxSubcontractPerPeriod ?? Infinity);
  let most = 0;
  const idle: string[] = [];
  const frozen = frozenCount(ctx);
  for (let t = 0; t < frozen && ctx.frozen; t++) most += ctx.frozen.regular[t] + ctx.frozen.overtime[t] + ctx.frozen.subcontract[t];
  for (let t = frozen; t < periods.length; t++) {
    const regularPossible = rates.unitsPerWorker[t] > 0;
    const overtimePossible = rates.overtimeUnitsPerWorker[t] > 0 && overtimeCap > 0;
    if (regularPossible) most = Infinity;
    else most += (overtimePossible ? overtimeCap : 0) + subcontractCap;
    if (!regularPossible) idle.push(periods[t]);
    if (mustMeet[t] && need[t] > most + 1e-7 * Math.max(1, Math.abs(need[t]))) {
      const limits: string[] = [];
      if (idle.length > 0) {
        limits.push(`no regular working time in ${idle.length > 3 ? `${idle.slice(0, 3).join(", ")}, …` : idle.join(", ")}`);
      }
      limits.push(
        policy.subcontractCostPerUnit === null
          ? "no subcontracting"
          : `subcontracting at most ${units(subcontractCap)} a period`,
      );
      if (rates.overtimeUnitsPerWorker.some((v) => v > 0) && Number.isFinite(overtimeCap)) {
        limits.push(`overtime at most ${units(overtimeCap)} a period`);
      }
      return {
        periodIndex: t,
        message:
          `${periods[t]}: ${units(need[t])} units needed by the end of ${periods[t]}, at most ${units(Math.max(0, most))} ` +
          `can be made or bought by then and ${shortfallTail(ctx, t)} (${limits.join("; ")})`,
      };
    }
  }
  return null;
}

function solveFailed(solution: LpSolution): Violation {
  return {
    periodIndex: null,
    message: `the optimal plan could not be solved (${solution.status}${solution.detail ? `: ${solution.detail}` : ""})`,
  };
}

/** Whether a point meets every row from `firstRow` on (the shared-capacity rows, all `≤`). */
function fitsSharedRows(problem: LpProblem, values: Float64Array, firstRow: number): boolean {
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

/** Plans a group of families (one, or several coupled by shared resources) in one model. */
class GroupPlanner {
  private readonly blocks: FamilyBlock[];
  private readonly resources: SharedResource[];
  private readonly wholeWorkers: boolean;
  private seconds = 0;
  private relaxedBasis: LpBasis | undefined;
  /** The relaxation by decomposition (a large coupled group with whole workers), kept to raise its bound. */
  private decomposition: Decomposition | null = null;

  /** `warmStarts`: the last optimal basis of each shape of family LP, shared by the groups of one run. */
  constructor(
    private readonly contexts: FamilyContext[],
    resources: readonly SharedResource[],
    private readonly options: OptimalOptions,
    private readonly warmStarts: Map<string, LpBasis>,
  ) {
    this.blocks = contexts.map((ctx) => familyBlock(ctx, false));
    const names = new Set(contexts.map((c) => c.family));
    this.resources = resources.filter((r) => Object.entries(r.loadPerUnit).some(([f, load]) => load > 0 && names.has(f)));
    this.wholeWorkers = contexts.some((c) => c.policy.integerWorkers);
  }

  private solve(problem: LpProblem, options: LpSolveOptions): LpSolution {
    const solution = this.options.solver.solve(problem, options);
    this.seconds += solution.seconds;
    return solution;
  }

  plan(): PlanResult[] {
    try {
      return this.planGroup();
    } finally {
      this.decomposition?.dispose();
      this.decomposition = null;
    }
  }

  private planGroup(): PlanResult[] {
    // A family whose own Policy cannot serve its demand (whatever the capacity) is planned constrained at once.
    if (this.contexts.some((ctx) => explainFamilyShortfall(ctx) !== null)) return this.constrained();

    const assembled = assemble(this.blocks, this.resources, this.wholeWorkers);
    const relaxed = this.solveRelaxation(assembled);
    // Every family can meet its Policy on its own, so only the resources can rule every plan out.
    if (relaxed.status === "infeasible") return this.constrained();
    if (relaxed.status !== "optimal") return this.failed(relaxed);
    if (!this.wholeWorkers) {
      return this.results(assembled, relaxed, { status: "optimal", gap: 0, bound: relaxed.objective, method: "lp" });
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
    const timeLimit = this.options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
    const alone = decomposition.start();
    this.seconds += decomposition.state.seconds;
    const fits = alone && this.aloneSolution(assembled, problem, alone);
    if (fits) return this.dropDecomposition(fits);
    if (alone) {
      const before = decomposition.state.seconds;
      // A quarter of the gap wanted leaves the rest to the rounding; the bound is raised later if the rounded plan needs it.
      decomposition.iterate((this.options.relativeGap ?? DEFAULT_RELATIVE_GAP) / 4, Math.max(0, timeLimit / 2 - this.seconds));
      this.seconds += decomposition.state.seconds - before;
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
      this.seconds += decomposition.state.seconds - solverSeconds;
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
   * cannot backorder) or not within the gap, rounded up too (always feasible with idle time: more
   * workers only loosen capacity), and the cheaper kept. When the best of them is within the gap
   * of the LP bound it is the answer. Otherwise the MIP runs from it when it pays: when the time
   * left holds the MIP's root solve (about one LP) several times over; a 100-family group's MIP
   * does not improve on the rounding within minutes (bench/optimal.bench.js), a family's own does.
   */
  private wholeWorkerPlans(assembled: AssembledProblem, relaxed: LpSolution): PlanResult[] {
    const gapWanted = this.options.relativeGap ?? DEFAULT_RELATIVE_GAP;
    const timeLimit = this.options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
    let lpBound = relaxed.objective;
    const gapOf = (cost: number, bound: number) => Math.max(0, cost - bound) / Math.max(1e-9, Math.abs(cost));
    const lpSeconds = this.seconds;
    let rounded: LpSolution | null = null;
    const tryRounding = (whole: (w: number) => number) => {
      const solution = this.solveWithWorkersFixed(assembled, relaxed.columnValues, whole);
      if (solution.status === "optimal" && (!rounded || solution.objective < rounded.objective)) rounded = solution;
    };
    const beforeRounding = this.seconds;
    tryRounding((w) => Math.round(w));
    const roundingSeconds = this.seconds - beforeRounding;
    // A decomposition's bound is raised (cheap rounds) until the nearest plan is within the gap of it, if it can be.
    if (this.decomposition && rounded) {
      lpBound = this.raiseBound((rounded as LpSolution).objective, gapWanted, timeLimit - this.seconds - roundingSeconds);
    }
    // Rounding up too, unless the nearest plan is within the gap, or another such LP would pass the limit.
    const nearest = rounded as LpSolution | null;
    if (!nearest || (gapOf(nearest.objective, lpBound) > gapWanted && this.seconds + roundingSeconds <= timeLimit)) {
      tryRounding((w) => Math.ceil(w - 1e-6));
    }
    const best = rounded as LpSolution | null;
    if (!best) {
      // Without idle time more workers make more, which a resource may not carry: search instead.
      const mip = this.solve(assembled.problem, {
        relativeGap: gapWanted,
        timeLimitSeconds: Math.max(1, timeLimit - this.seconds),
      });
      if (!mip.hasSolution) return mip.status === "infeasible" && !assembled.placements[0].block.elastic ? this.constrained() : this.failed(mip);
      const bound = Math.max(lpBound, mip.bound ?? -Infinity);
      const fixed = this.solveWithWorkersFixed(assembled, mip.columnValues, (w) => Math.round(w));
      const plan = fixed.status === "optimal" ? fixed : mip;
      return this.results(assembled, plan, {
        status: mip.status === "optimal" ? "optimal" : "time-limit",
        gap: gapOf(plan.objective, bound),
        bound,
        method: "mip",
      });
    }
    const roundedGap = gapOf(best.objective, lpBound);
    if (roundedGap <= gapWanted) {
      return this.results(assembled, best, { status: "optimal", gap: roundedGap, bound: lpBound, method: "rounded-lp" });
    }
    // The limit is the group's whole solve: the LPs so far used part of it, and one more LP (the
    // marginal values of the MIP's plan) follows it. The MIP pays only when what is left holds its
    // root (about one LP) MIP_ROOTS_NEEDED times; otherwise the rounded plan is the best found within it.
    // A decomposed group is one whose whole LP (the MIP's root) takes longer than the decomposition:
    // its MIP does not improve on the rounding within minutes (bench/optimal.bench.js).
    const mipSeconds = timeLimit - this.seconds - lpSeconds;
    if (this.decomposition || mipSeconds <= 0 || mipSeconds < MIP_ROOTS_NEEDED * lpSeconds) {
      return this.results(assembled, best, { status: "time-limit", gap: roundedGap, bound: lpBound, method: "rounded-lp" });
    }
    const mip = this.solve(assembled.problem, {
      relativeGap: gapWanted,
      timeLimitSeconds: mipSeconds,
      startingPoint: best.columnValues,
    });
    const bound = Math.max(lpBound, mip.bound ?? -Infinity);
    if (mip.hasSolution && mip.objective < best.objective) {
      // The MIP's workers are whole within its tolerance. Whole to rounding error (as they usually
      // are), they are made exact in place; otherwise they are fixed and the rest re-solved.
      const snapped = snapWholeWorkers(assembled, mip.columnValues);
      const polished = snapped
        ? { status: "optimal" as const, objective: mip.objective, columnValues: snapped }
        : this.solveWithWorkersFixed(assembled, mip.columnValues, (w) => Math.round(w));
      const plan = polished.status === "optimal" ? polished : best;
      return this.results(assembled, plan, {
        status: mip.status === "optimal" ? "optimal" : "time-limit",
        gap: gapOf(plan.objective, bound),
        bound,
        method: "mip",
      });
    }
    return this.results(assembled, best, {
      status: mip.status === "optimal" || gapOf(best.objective, bound) <= gapWanted ? "optimal" : "time-limit",
      gap: gapOf(best.objective, bound),
      bound,
      method: "rounded-lp",
    });
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
  private results(assembled: AssembledProblem, solution: SolvedPoint, report: SolveReport): PlanResult[] {
    let duals: SolvedPoint = solution;
    if (!solution.rowDuals && this.wholeWorkers) {
      const fixed = this.solveWithWorkersFixed(assembled, solution.columnValues, (w) => Math.round(w));
      if (fixed.status === "optimal") duals = fixed;
    }
    return assembled.placements.map((placement) => {
      const plan = costPlan(placement.block.ctx, "optimal", decisionsOf(placement, solution.columnValues));
      const why = duals.rowDuals && duals.columnDuals ? whyOf(assembled, placement, duals.rowDuals, duals.columnDuals) : null;
      if (!why) return { ...plan, solve: { ...report, seconds: this.seconds } };
      const periods = plan.periods.map((p, t) => ({ ...p, marginalCost: why.marginalCost[t] }));
      return { ...plan, periods, why, solve: { ...report, seconds: this.seconds } };
    });
  }

  /**
   * The constrained plan: the capacity and the Policy's levers cannot serve every family's demand
   * and meet every stock target (or a frozen period already misses one). The LP gets the columns
   * U (demand left unmet) and S (units below a stock target) and is solved in tiers, each tier's
   * best kept as a limit for the next (see `constrainedTiers`): the least valuable demand unmet
   * first (by Priority, then lost margin per unit of what is scarce), then the targets missed as
   * little and as briefly as possible, then the least cost, then the steadiest workforce.
   */
  private constrained(): PlanResult[] {
    // Why demand goes unmet whatever the capacity (a family's own levers), said on its plan.
    const reasons = this.contexts.map(explainFamilyShortfall);
    return this.constrainedPlans().map((plan, i) => {
      const reason = reasons[i];
      return reason && plan.unmet > 0 ? { ...plan, shortfallNotes: [reason.message, ...plan.shortfallNotes] } : plan;
    });
  }

  private constrainedPlans(): PlanResult[] {
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
    const relaxed = this.solveTiers(assembled, tiers, firstTierRow, assembled.problem);
    if (relaxed.solution.status !== "optimal") return this.failed(relaxed.solution);
    if (!this.wholeWorkers) {
      return this.results(assembled, relaxed.solution, { status: "optimal", gap: 0, bound: relaxed.solution.objective, method: "lp" });
    }
    // Whole workers: the workforce rounded (up where idle time is allowed: more workers only add
    // capacity), the tiers planned again with it fixed; what that serves and misses is the limit the
    // whole-worker search then keeps while it looks for the cheapest such plan.
    const rounded = this.solveTiers(assembled, tiers, firstTierRow, withWorkersFixed(assembled, relaxed.solution.columnValues, roundWorkersForCapacity));
    const limits = rounded.solution.status === "optimal" ? rounded.rowUpper : relaxed.rowUpper;
    const capped: AssembledProblem = { ...assembled, problem: { ...assembled.problem, rowUpper: limits } };
    const lp = this.solve(capped.problem, { relaxIntegrality: true, algorithm: "simplex", wantBasis: true });
    if (lp.status !== "optimal") return rounded.solution.status === "optimal" ? this.results(assembled, rounded.solution, { status: "time-limit", gap: 0, bound: null, method: "rounded-lp" }) : this.failed(lp);
    this.relaxedBasis = lp.basis;
    return this.wholeWorkerPlans(capped, lp);
  }

  /**
   * Solves the tiers in order on `problem` (its bounds may fix the workforce): each tier's
   * objective, then its optimum (with a hair of slack) as the limit of its row, then the least
   * cost within every limit, then the least workforce change within that cost.
   */
  private solveTiers(assembled: AssembledProblem, tiers: readonly ConstrainedTier[], firstTierRow: number, problem: LpProblem): { solution: LpSolution; rowUpper: Float64Array } {
    const rowUpper = problem.rowUpper.slice();
    let basis: LpBasis | undefined;
    const solve = (cost: Float64Array, offset: number): LpSolution => {
      const solution = this.solve({ ...problem, cost, offset, rowUpper, integer: null }, { algorithm: "simplex", wantBasis: true, ...(basis && { basis }) });
      basis = solution.basis ?? basis;
      return solution;
    };
    const slack = (value: number) => value + 1e-9 * Math.max(1, Math.abs(value));
    for (let k = 0; k < tiers.length; k++) {
      const cost = new Float64Array(problem.columnCount);
      for (const [column, weight] of tiers[k].row) cost[column] = weight;
      const solution = solve(cost, 0);
      if (solution.status !== "optimal") return { solution, rowUpper };
      rowUpper[firstTierRow + k] = slack(Math.max(0, solution.objective));
    }
    const cheapest = solve(problem.cost, problem.offset);
    if (cheapest.status !== "optimal") return { solution: cheapest, rowUpper };
    // Among plans of that cost, the one that hires and lays off least: no swings of the workforce
    // for a tie. The cost is held by a limit on the cost row (a copy of the objective).
    const changes = new Float64Array(problem.columnCount);
    for (const { block, firstColumn } of assembled.placements) {
      for (let t = frozenCount(block.ctx); t < block.ctx.periods.length; t++) {
        changes[firstColumn + t * COLUMNS_PER_PERIOD + H] = 1;
        changes[firstColumn + t * COLUMNS_PER_PERIOD + L] = 1;
      }
    }
    const costRow = firstTierRow + tiers.length;
    rowUpper[costRow] = slack(cheapest.objective - problem.offset);
    const steady = solve(changes, 0);
    if (steady.status !== "optimal") {
      rowUpper[costRow] = Infinity;
      return { solution: cheapest, rowUpper };
    }
    // The cost row stays unbounded for whoever solves the problem again with the cost as objective.
    rowUpper[costRow] = Infinity;
    let objective = problem.offset;
    for (let j = 0; j < problem.columnCount; j++) objective += problem.cost[j] * steady.columnValues[j];
    return { solution: { ...steady, objective }, rowUpper };
  }
  private failed(solution: LpSolution): PlanResult[] {
    return this.contexts.map((ctx) => {
      const plan = costPlan(ctx, "optimal", emptyDecisions(ctx));
      return {
        ...plan,
        feasible: false,
        violations: [solveFailed(solution), ...plan.violations],
        solve: { status: "infeasible", gap: 0, bound: null, seconds: this.seconds },
      };
    });
  }
}

/** A solution's values, with its duals when it was an LP solved to optimality. */
type SolvedPoint = Pick<LpSolution, "columnValues" | "rowDuals" | "columnDuals">;

/** Money in the why lines, through the one cached formatter (toLocaleString per number cost 1 s on 100 families × 52 weeks). */
const money = moneyText;

/**
 * Why a family's optimal plan is what it is, from the LP's duals (minimisation signs: a binding
 * `≤` limit has a dual ≤ 0, a binding `≥` one ≥ 0): the marginal cost of demand per period, the
 * value of one more unit of each resource's capacity, and every limit the plan presses against
 * with what loosening it by one unit would save.
 */
function whyOf(assembled: AssembledProblem, placement: Placement, rowDuals: Float64Array, columnDuals: Float64Array): PlanWhy {
  const { block, firstColumn, firstRow } = placement;
  const { ctx } = block;
  const { policy, periods } = ctx;
  const n = periods.length;
  let scale = 1;
  for (const c of block.cost) scale = Math.max(scale, Math.abs(c));
  const noise = 1e-7 * scale;
  const clean = (v: number) => (Math.abs(v) <= noise ? 0 : v);
  const column = (t: number, kind: number) => columnDuals[firstColumn + t * COLUMNS_PER_PERIOD + kind];
  const bindings: BindingConstraint[] = [];
  const bind = (kind: BindingConstraint["kind"], t: number, saving: number, message: string, resource?: string) => {
    if (saving > noise) bindings.push({ kind, periodIndex: t, period: periods[t], ...(resource !== undefined && { resource }), saving, message });
  };

  const marginalCost = block.stockRows.map((row) => clean(rowDuals[firstRow + row]));
  // A frozen period presses against no limit the plan chose: its output is the version's.
  const frozen = frozenCount(ctx);
  const { firstResourceRow } = assembled;
  const resources = new Map<string, number[]>();
  assembled.resourceRows.forEach((row, k) => {
    if (!row.families.includes(ctx.family)) return;
    const value = row.t < frozen ? 0 : Math.max(0, clean(-rowDuals[firstResourceRow + k]));
    if (!resources.has(row.resource)) resources.set(row.resource, new Array<number>(n).fill(0));
    resources.get(row.resource)![row.t] = value;
    bind("capacity", row.t, value, `one more unit of ${row.resource} capacity in ${periods[row.t]} would save ${money(value)}`, row.resource);
  });
  for (let t = frozen; t < n; t++) {
    const overtimeRow = block.overtimeRows[t];
    // Only a cap the Policy gives: with neither cap there is no overtime, not a cap to loosen.
    const overtimeUpper = block.columnUpper[t * COLUMNS_PER_PERIOD + O];
    const overtimeSaving = Math.max(
      Number.isFinite(overtimeUpper) && overtimeUpper > 0 ? -column(t, O) : 0,
      overtimeRow >= 0 ? -rowDuals[firstRow + overtimeRow] : 0,
    );
    bind("overtime cap", t, overtimeSaving, `one more unit of overtime in ${periods[t]} would save ${money(overtimeSaving)}`);
    if (Number.isFinite(block.columnUpper[t * COLUMNS_PER_PERIOD + C]) && block.columnUpper[t * COLUMNS_PER_PERIOD + C] > 0) {
      const saving = -column(t, C);
      bind("subcontract cap", t, saving, `one more unit subcontracted in ${periods[t]} would save ${money(saving)}`);
    }
    if (block.columnLower[t * COLUMNS_PER_PERIOD + I] > 0) {
      const saving = column(t, I);
      const ending = t === n - 1 && policy.endingInventory >= safetyStockAt(ctx, t);
      bind(
        ending ? "ending inventory" : "safety stock",
        t,
        saving,
        ending
          ? `one unit less of ending inventory would save ${money(saving)}`
          : `one unit less of safety stock at the end of ${periods[t]} would save ${money(saving)}`,
      );
    }
    // At the horizon's end nothing may be owed in any case: that "limit" is the demand itself (its marginal cost).
    if (policy.backorderCostPerUnit === null && t < n - 1) {
      const saving = -column(t, B);
      bind("no backorders", t, saving, `one unit of backlog allowed at the end of ${periods[t]} would save ${money(saving)}`);
    }
    if (!policy.idleTimeAllowed) {
      const saving = rowDuals[firstRow + block.regularRows[t]];
      bind("no idle time", t, saving, `one unit of regular time left idle in ${periods[t]} would save ${money(saving)}`);
    }
  }
  bindings.sort((a, b) => b.saving - a.saving || a.periodIndex - b.periodIndex);
  return {
    marginalCost,
    bindings,
    resources: [...resources].map(([resource, marginalValue]) => ({ resource, marginalValue })),
  };
}

/** The MIP runs only when the time it would have holds at least this many solves of the group's LP (its root costs about one). */
const MIP_ROOTS_NEEDED = 3;
/**
 * Coupled groups with whole workers whose LP has at least this many columns (about 60 families ×
 * 52 weeks) get their relaxation by decomposition. Below it the whole LP is as fast (40 families ×
 * 52 weeks: 2.8 s either way) and exact, and its MIP can still pay (20 families: 0.03 % by the MIP
 * against 0.14 % rounded).
 */
export const DECOMPOSE_FROM_COLUMNS = 25_000;

/** How far from whole a MIP's worker may be and still count as whole (rounding error, not a fraction). */
const WHOLE_TOLERANCE = 1e-9;

/** The values with every whole-worker column made exactly whole, or null when one is further off than rounding error. */
function snapWholeWorkers(assembled: AssembledProblem, values: Float64Array): Float64Array | null {
  const snapped = values.slice();
  for (const { block, firstColumn } of assembled.placements) {
    if (!block.ctx.policy.integerWorkers) continue;
    for (let t = frozenCount(block.ctx); t < block.ctx.periods.length; t++) {
      const j = firstColumn + t * COLUMNS_PER_PERIOD + W;
      const whole = Math.round(values[j]);
      if (Math.abs(values[j] - whole) > WHOLE_TOLERANCE) return null;
      snapped[j] = Math.max(0, whole);
    }
  }
  return snapped;
}

/**
 * The assembled problem with every whole-worker family's workforce fixed at `whole` of its value in
 * `values` (frozen periods keep the version's), as an LP.
 */
function withWorkersFixed(assembled: AssembledProblem, values: Float64Array, whole: (w: number, ctx: FamilyContext) => number): LpProblem {
  const { problem, placements } = assembled;
  const columnLower = problem.columnLower.slice();
  const columnUpper = problem.columnUpper.slice();
  for (const { block, firstColumn } of placements) {
    if (!block.ctx.policy.integerWorkers) continue;
    for (let t = frozenCount(block.ctx); t < block.ctx.periods.length; t++) {
      const j = firstColumn + t * COLUMNS_PER_PERIOD + W;
      columnLower[j] = columnUpper[j] = Math.max(0, whole(values[j], block.ctx));
    }
  }
  return { ...problem, columnLower, columnUpper, integer: null };
}

/** Rounding a constrained plan's workforce: up where idle time is allowed (more workers only add capacity), else to the nearest. */
const roundWorkersForCapacity = (w: number, ctx: FamilyContext): number => (ctx.policy.idleTimeAllowed ? Math.ceil(w - 1e-6) : Math.round(w));

/** One tier of the constrained plan: its objective, kept as a row (column, weight) whose optimum limits the tiers after it. */
interface ConstrainedTier {
  kind: "unmet" | "target";
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

/**
 * The constrained plan's tiers, in order. First the demand left unmet, one tier per Priority (1
 * first, blank last), each unit weighed by its lost margin (relative to the group's largest, and
 * never below a thousandth of it: demand without a margin is still served when it can be), so the
 * scarce capacity goes to the demand of most margin per unit of it. Then the stock targets: every
 * unit below a target, every period, counts one (missed as little and as briefly as it must be).
 */
function constrainedTiers(placements: readonly Pick<Placement, "block" | "firstColumn">[]): ConstrainedTier[] {
  let largest = 0;
  for (const { block } of placements) {
    for (let t = 0; t < block.ctx.periods.length; t++) largest = Math.max(largest, lostMarginPerUnit(block.ctx, t));
  }
  const floor = 1e-3 * Math.max(1, largest);
  const scale = Math.max(floor, largest);
  const levels = [...new Set(placements.map(({ block }) => block.ctx.policy.priority))].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  const tiers: ConstrainedTier[] = levels.map((level) => {
    const row: [number, number][] = [];
    for (const { block, firstColumn } of placements) {
      if (block.ctx.policy.priority !== level) continue;
      const n = block.ctx.periods.length;
      for (let t = 0; t < n; t++) row.push([firstColumn + unmetColumn(n, t), Math.max(floor, lostMarginPerUnit(block.ctx, t)) / scale]);
    }
    return { kind: "unmet", row };
  });
  const targetRow: [number, number][] = [];
  for (const { block, firstColumn } of placements) {
    const n = block.ctx.periods.length;
    stockTargets(block.ctx).forEach((target, t) => target > 0 && targetRow.push([firstColumn + shortfallColumn(n, t), 1]));
  }
  if (targetRow.length > 0) tiers.push({ kind: "target", row: targetRow });
  return tiers;
}

function emptyDecisions(ctx: FamilyContext): PlanDecisions {
  const zeros = ctx.periods.map(() => 0);
  return { workers: zeros, regular: zeros, overtime: zeros, subcontract: zeros };
}

/**
 * The optimal plan of every family, in the order given. Families coupled by shared resources are
 * solved as one LP; the others one by one (many small LPs are far faster than one large one).
 */
export function optimalPlans(
  contexts: readonly FamilyContext[],
  resources: readonly SharedResource[],
  options: OptimalOptions,
): PlanResult[] {
  const results = new Array<PlanResult>(contexts.length);
  const warmStarts = new Map<string, LpBasis>();
  let done = 0;
  for (const group of coupledGroups(contexts, resources)) {
    const plans = new GroupPlanner(
      group.map((i) => contexts[i]),
      resources,
      options,
      warmStarts,
    ).plan();
    group.forEach((familyIndex, k) => (results[familyIndex] = plans[k]));
    done += group.length;
    options.onProgress?.(done, contexts.length);
  }
  return results;
}

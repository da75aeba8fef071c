// Reads custom-function arguments (ranges as Excel hands them over) into engine inputs, refusing a bad cell by argument and position.
import type { FamilyContext } from "../engine/costing";
import type { CostBreakdown, FamilyPolicy, ManualPlanInput } from "../engine/model";
import { COST_KINDS } from "../engine/model";
import { productionRates } from "../engine/policy";
import { MessageLog } from "../template/messageLog";
import { isPolicyHeader, policyColumns, readPolicyTable, resolvePolicy } from "../template/policyTable";
import { normalizeName, PLAN_ROW_LIST, PLAN_ROWS, planRowNamed, POLICY_SCHEMA, TABLE_KEYS, type PolicySchema } from "../template/schema";
import type { TableGrid } from "../template/tableGrid";
import { cellMessage, describeCell, rateProblemMessage, type CellRule } from "../template/cellMessages";
import { isBlankCell as isBlank, readAmountCell, readYesNoCell, type Reading } from "../template/cellReading";
import { refuse, type Checked } from "./errors";

/** A range as Excel passes it to a matrix parameter: rows of cells whose types are not yet trusted. */
export type Range = readonly (readonly unknown[])[];

/** Which way a list of periods runs. A plan spills the same way as the demand it answers. */
export type Orientation = "across" | "down";

export interface PeriodList {
  values: number[];
  orientation: Orientation;
}

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });

/** A rectangular, non-empty range; a single value counts as a 1×1 range. */
export function readRange(name: string, arg: unknown): Checked<Range> {
  if (!Array.isArray(arg)) return isBlank(arg) ? refuse(`${name} is missing`) : ok([[arg]]);
  if (arg.length === 0 || !Array.isArray(arg[0]) || arg[0].length === 0) return refuse(`${name} is empty`);
  const width = (arg[0] as unknown[]).length;
  for (let r = 1; r < arg.length; r++) {
    const row: unknown = arg[r];
    if (!Array.isArray(row) || row.length !== width) {
      const cells = (n: number) => `${n} cell${n === 1 ? "" : "s"}`;
      return refuse(`${name} row ${r + 1} has ${Array.isArray(row) ? cells(row.length) : "no cells"} but row 1 has ${cells(width)}`);
    }
  }
  return ok(arg as Range);
}

/** The amount in a cell (a number from 0 to 10¹²; blank = 0), or the message naming it by `at` (`demand[3]`). */
function amount(cell: unknown, at: string, what: string): number | string {
  return valueOrMessage(readAmountCell(cell), 0, at, { what });
}

/** A reading's value (`blank` when blank), or the catalogue's message for the cell at `at`. */
function valueOrMessage<T>(reading: Reading<T>, blank: T, at: string, rule: CellRule): T | string {
  if (reading.kind === "ok") return reading.value;
  if (reading.kind === "blank") return blank;
  return cellMessage(at, reading.reason, reading.cell, rule);
}

/**
 * One row or one column of amounts, e.g. demand per period. Blank cells are 0 (as in the
 * template's Forecast). Positions in messages are 1-based along the list: `demand[3]`.
 */
export function readList(name: string, arg: unknown, what: string): Checked<PeriodList> {
  const range = readRange(name, arg);
  if (!range.ok) return range;
  const grid = range.value;
  const down = grid.length > 1;
  if (down && grid[0].length > 1) {
    return refuse(`${name} is ${grid.length}×${grid[0].length}; give one row or one column`);
  }
  const cells = down ? grid.map((row) => row[0]) : grid[0];
  const values: number[] = new Array<number>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const value = amount(cells[i], `${name}[${i + 1}]`, what);
    if (typeof value === "string") return refuse(value);
    values[i] = value;
  }
  return ok({ values, orientation: down ? "down" : "across" });
}

/** A numeric range of amounts (blank = 0), positions `loads[2,3]` as [row,column] of the range. */
export function readGrid(name: string, arg: unknown, what: string): Checked<number[][]> {
  const range = readRange(name, arg);
  if (!range.ok) return range;
  const grid: number[][] = [];
  for (let r = 0; r < range.value.length; r++) {
    const row: number[] = [];
    for (let c = 0; c < range.value[r].length; c++) {
      const value = amount(range.value[r][c], `${name}[${r + 1},${c + 1}]`, what);
      if (typeof value === "string") return refuse(value);
      row.push(value);
    }
    grid.push(row);
  }
  return ok(grid);
}

/** TRUE/FALSE (or 1/0, Yes/No); blank or omitted = `fallback`. */
export function readFlag(name: string, arg: unknown, fallback: boolean): Checked<boolean> {
  const cell = Array.isArray(arg) ? (arg[0] as unknown[] | undefined)?.[0] : arg;
  const value = valueOrMessage(readYesNoCell(cell), fallback, name, { what: name, accepted: "TRUE or FALSE" });
  return typeof value === "string" ? refuse(value) : ok(value);
}

/** Working days per period, when given: the same count as demand; per-day Policy values multiply by them. */
export function readWorkingDays(arg: unknown, periodCount: number): Checked<number[] | null> {
  if (isBlank(arg) || (Array.isArray(arg) && arg.length === 1 && Array.isArray(arg[0]) && arg[0].length === 1 && isBlank(arg[0][0]))) {
    return ok(null);
  }
  const days = readList("workingDays", arg, "working days");
  if (!days.ok) return days;
  if (days.value.values.length !== periodCount) {
    return refuse(`workingDays has ${plural(days.value.values.length, "period")} but demand has ${periodCount}`);
  }
  return ok(days.value.values);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

// ---------------------------------------------------------------------------------------------
// Policy: the template's two-column Parameter/Value table

/**
 * A Policy from a Parameter/Value range, read by the template's Policy reading (its names, defaults,
 * value rules and words). A first row naming Parameter and Value is the header (in any columns,
 * after a `Notes` column too); without one the range is Parameter, Value. Cells are named within
 * the range, header included: `policy[4,2]`. The first error refuses the range. The parameters are
 * `schema`'s: the template's unless a test adds its own.
 */
export function readPolicy(arg: unknown, schema: PolicySchema = POLICY_SCHEMA): Checked<FamilyPolicy> {
  const range = readRange("policy", arg);
  if (!range.ok) return range;
  const grid = policyGrid(range.value);
  const log = new MessageLog();
  const columns = policyColumns(grid, log);
  if (!columns || range.value[0].length < 2) return refuse("policy has 1 column; give two: Parameter and Value");
  const extra = policyBeyondKeys(grid, Math.max(columns.parameterCol, columns.valueCol));
  if (extra) return refuse(extra);
  const { rows } = readPolicyTable(grid, columns, null, log, schema);
  const error = log.firstError;
  if (error) return refuse(error.message);
  return ok(resolvePolicy(rows, null).policy);
}

/** A policy range as the template's reader sees it: with its header, or with Parameter, Value put above it. */
function policyGrid(range: Range): TableGrid {
  const headed = isPolicyHeader(range[0]);
  const values = headed ? range : [TABLE_KEYS.policy, ...range];
  // Row r of `values` is the range's row r + 1 when the range has its header, row r when it has not.
  const offset = headed ? 1 : 0;
  return { values, sheet: "policy", at: (r, c) => `policy[${r + offset},${c + 1}]`, rowNumber: (r) => r + offset };
}

/** A function plans one family: a value right of Parameter and Value is refused, with the formula that gives one family's column. */
function policyBeyondKeys(grid: TableGrid, lastKey: number): string | null {
  for (let r = 1; r < grid.values.length; r++) {
    const extra = grid.values[r].findIndex((cell, c) => c > lastKey && !isBlank(cell));
    if (extra < 0) continue;
    return (
      `policy has a value in ${grid.at(r, extra)}; give two columns, Parameter and Value ` +
      `(one family's values: HSTACK(Policy[Parameter], IF(Policy[<family>]="", Policy[Value], Policy[<family>])))`
    );
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// A family to plan: demand, policy and working days together

export interface PlanningCase {
  context: FamilyContext;
  orientation: Orientation;
}

/** Period labels for messages ("period 3: short by …"): a function knows positions, not the sheet's headers. */
function periodLabels(count: number): string[] {
  return Array.from({ length: count }, (_, t) => `period ${t + 1}`);
}

/** Demand, policy and working days read and checked together, as the engine's context for one family. */
export function readPlanningCase(demandArg: unknown, policyArg: unknown, workingDaysArg: unknown): Checked<PlanningCase> {
  const demand = readList("demand", demandArg, "demand");
  if (!demand.ok) return demand;
  const policy = readPolicy(policyArg);
  if (!policy.ok) return policy;
  const periodCount = demand.value.values.length;
  const workingDays = readWorkingDays(workingDaysArg, periodCount);
  if (!workingDays.ok) return workingDays;
  const rates = productionRates(policy.value, workingDays.value, periodCount);
  if (!rates.ok) return refuse(`policy: ${rates.problems.map(rateProblemMessage).join("; ")}`);
  return ok({
    context: {
      family: "",
      periods: periodLabels(periodCount),
      demand: demand.value.values,
      policy: policy.value,
      rates: rates.rates,
    },
    orientation: demand.value.orientation,
  });
}

// ---------------------------------------------------------------------------------------------
// A manual plan: rows Workers, Regular, Overtime, Subcontract (or columns, when demand runs down)

const PLAN_ROW_ORDER: readonly (keyof ManualPlanInput)[] = PLAN_ROWS.map((row) => row.field);

/**
 * A manual plan laid out like the template's Plan table: one line per kind with the periods
 * running the same way as demand. The first cell of each line may name its kind (any order, any
 * subset); without names the lines are Workers, Regular, Overtime, Subcontract in that order.
 * Missing kinds are null (the engine's rules: 0, or the smallest workforce for the regular output).
 */
export function readManualPlan(arg: unknown, periodCount: number, orientation: Orientation): Checked<ManualPlanInput> {
  const range = readRange("plan", arg);
  if (!range.ok) return range;
  const grid = range.value;
  const down = orientation === "down";
  // Lines are rows of the range when periods run across, columns when they run down.
  const lineCount = down ? grid[0].length : grid.length;
  const cellCount = down ? grid.length : grid[0].length;
  const cell = (line: number, i: number): unknown => (down ? grid[i][line] : grid[line][i]);
  const at = (line: number, i: number): string => (down ? `plan[${i + 1},${line + 1}]` : `plan[${line + 1},${i + 1}]`);
  const lineName = down ? "column" : "row";

  const labelled = Array.from({ length: lineCount }, (_, l) => cell(l, 0)).some((c) => typeof c === "string" && c.trim() !== "");
  const first = labelled ? 1 : 0;
  if (cellCount - first !== periodCount) {
    const what = labelled ? `${plural(cellCount - first, "period")} after its names` : plural(cellCount, "period");
    return refuse(`plan has ${what} but demand has ${periodCount}`);
  }
  if (!labelled && lineCount > PLAN_ROW_ORDER.length) {
    return refuse(`plan has ${lineCount} ${lineName}s; give at most ${PLAN_ROW_ORDER.length} (${PLAN_ROWS.map((row) => row.name).join(", ")}) or name each ${lineName}`);
  }

  const plan: ManualPlanInput = { workers: null, regular: null, overtime: null, subcontract: null };
  const lineOf = new Map<keyof ManualPlanInput, number>();
  for (let l = 0; l < lineCount; l++) {
    let kind: keyof ManualPlanInput | undefined = PLAN_ROW_ORDER[l];
    if (labelled) {
      const label = cell(l, 0);
      const values = Array.from({ length: periodCount }, (_, i) => cell(l, i + 1));
      if (isBlank(label)) {
        if (values.every(isBlank)) continue;
        return refuse(`plan ${lineName} ${l + 1} has values but no name; name it ${PLAN_ROW_LIST}`);
      }
      kind = typeof label === "string" ? planRowNamed(label) : undefined;
      if (!kind) return refuse(`plan ${lineName} ${l + 1} is named ${describeCell(label)}; name it ${PLAN_ROW_LIST}`);
      const earlier = lineOf.get(kind);
      if (earlier !== undefined) return refuse(`plan ${lineName}s ${earlier + 1} and ${l + 1} are both ${String(label).trim()}; keep one`);
      lineOf.set(kind, l);
    }
    const values: number[] = [];
    for (let i = 0; i < periodCount; i++) {
      const value = amount(cell(l, i + first), at(l, i + first), "a planned quantity");
      if (typeof value === "string") return refuse(value);
      values.push(value);
    }
    plan[kind as keyof ManualPlanInput] = values;
  }
  return ok(plan);
}

// ---------------------------------------------------------------------------------------------
// Which part of a plan's cost

/** Total cost, one cost kind, revenue or margin. */
export type CostPart = "total" | keyof CostBreakdown | "revenue" | "margin";

export const COST_PARTS: readonly CostPart[] = ["total", ...COST_KINDS, "revenue", "margin"];

/** A part by name, case and spaces ignored, with or without "cost" ("Holding cost" = "holding"); blank = total. */
export function readCostPart(arg: unknown): Checked<CostPart> {
  if (isBlank(arg)) return ok("total");
  const key = typeof arg === "string" ? normalizeName(arg).replace(/cost$/, "") : "";
  const part = COST_PARTS.find((p) => p === key);
  if (part) return ok(part);
  const names = COST_PARTS.map((p) => p[0].toUpperCase() + p.slice(1)).join(", ");
  return refuse(`part is ${describeCell(arg)}; give one of ${names}`);
}

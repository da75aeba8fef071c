// Lays out plans and inputs as host-neutral sheets: a summary, one sheet of live formulas per family, input copies.
import {
  ALL_STRATEGIES,
  COST_KINDS,
  type CostBreakdown,
  type FamilyInput,
  type FamilyPolicy,
  type FamilyResult,
  type PlanningInput,
  type PlanResult,
  type StrategyName,
} from "../engine/model";
import { recommendation } from "../engine";
import { productionRates, type ProductionRates } from "../engine/policy";
import { isDateCell, isErrorCell, type RawCell, type RawTable } from "./raw";
import {
  cellAddress,
  columnLetter,
  quoteSheetName,
  type CellSpec,
  type CellStyle,
  type CellValue,
  type ChartSpec,
  type SheetSpec,
  type TableSpec,
  type WorkbookSpec,
} from "./sheet";

export const SUMMARY_SHEET_NAME = "SOP Summary";

export interface LayoutOptions {
  /** When the plans were made, shown under the Summary's title; the layout itself never reads a clock. */
  plannedAt?: Date;
}

export const FORMAT = {
  units: "#,##0",
  money: "#,##0.00",
  rate: "#,##0.00",
  hoursPerUnit: "#,##0.00##",
  wholeWorkers: "#,##0",
  fractionalWorkers: "#,##0.0",
  date: "yyyy-mm-dd",
  dateTime: "yyyy-mm-dd hh:mm",
} as const;

const TAB_COLOR = { summary: "1F4E79", family: "2E75B6" } as const;
const PLAN_TABLE_STYLE = "TableStyleLight1";
const SUMMARY_TABLE_STYLE = "TableStyleLight1";
const INPUT_TABLE_STYLE = "TableStyleMedium2";

const STRATEGY_TITLE: Record<StrategyName, string> = {
  level: "Level",
  chase: "Chase",
  optimal: "Optimal",
  manual: "Manual",
};

export const COST_LABEL: Record<keyof CostBreakdown, string> = {
  regular: "Regular cost",
  overtime: "Overtime cost",
  hiring: "Hiring cost",
  layoff: "Layoff cost",
  holding: "Holding cost",
  backorder: "Backorder cost",
  subcontract: "Subcontract cost",
  material: "Material cost",
};

// ---------------------------------------------------------------------------------------------
// Names Excel accepts

/** Characters Excel refuses in a sheet name (control characters included). */
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\\p{Cc}]/gu;
export const SHEET_NAME_MAX = 31;

/**
 * Hands out names unique under Excel's case-insensitive comparison; a clash gets ` (2)`, ` (3)`…
 * (or `_2` for table names), cut so the whole name stays within the limit.
 */
export class UniqueNames {
  private readonly taken = new Set<string>();

  constructor(
    private readonly maxLength: number,
    private readonly suffix: (n: number) => string,
  ) {}

  claim(base: string): string {
    let name = base.slice(0, this.maxLength).trimEnd();
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) {
      const suffix = this.suffix(n);
      name = base.slice(0, this.maxLength - suffix.length).trimEnd() + suffix;
    }
    this.taken.add(name.toLowerCase());
    return name;
  }
}

/** `SOP <family>` made acceptable to Excel: at most 31 characters, none of []:*?/\, no edge apostrophe. */
export function planSheetBaseName(family: string): string {
  const cleaned = family.replace(SHEET_NAME_FORBIDDEN, "_").replace(/\s+/g, " ").trim();
  return `SOP ${cleaned || "family"}`.slice(0, SHEET_NAME_MAX).replace(/'+$/, "").trimEnd();
}

/** A name Excel accepts for a table as it is (letters in any script, digits, `_`, `.`, `\\`). */
const VALID_TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]{0,254}$/u;

/** A table name Excel accepts: letters, digits and `_`, starting with a letter (our names start `SOP_`). */
export function tableBaseName(...parts: string[]): string {
  const joined = parts.map((p) => p.replace(/[^A-Za-z0-9_]+/g, "_")).join("_");
  const collapsed = joined.replace(/_+/g, "_").replace(/_$/, "");
  return /^[A-Za-z_]/.test(collapsed) ? collapsed : `T_${collapsed}`;
}

// ---------------------------------------------------------------------------------------------
// A sheet under construction

export class SheetGrid {
  readonly cells: (CellSpec | null)[][] = [];

  set(row: number, column: number, cell: CellSpec | null): void {
    while (this.cells.length <= row) this.cells.push([]);
    const line = this.cells[row];
    while (line.length < column) line.push(null);
    line[column] = cell;
  }

  /** Index of the next empty row after everything written so far. */
  get nextRow(): number {
    return this.cells.length;
  }
}

const text = (value: string, style?: CellStyle): CellSpec => (style ? { value, style } : { value });
const constant = (value: number, format: string, style?: CellStyle): CellSpec =>
  style ? { value, format, style } : { value, format };
const formula = (f: string, cached: number, format: string, style?: CellStyle): CellSpec =>
  style ? { formula: f, cached, format, style } : { formula: f, cached, format };

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

const moneyText = (n: number): string =>
  n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Excel's serial number of a local date and time (days since 1899-12-30). */
function excelSerial(date: Date): number {
  const utc = Date.UTC(
    date.getFullYear(),
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
  );
  return utc / 86_400_000 + 25_569;
}

// ---------------------------------------------------------------------------------------------
// Family sheets

/** The Policy values the plan formulas read; each becomes an editable cell of the parameters block. */
type FormulaParameter =
  | "initialInventory"
  | "initialBacklog"
  | "initialWorkers"
  | "regularCostPerHour"
  | "regularCostPerUnit"
  | "overtimeCostPerHour"
  | "overtimeCostPerUnit"
  | "hiringCostPerWorker"
  | "layoffCostPerWorker"
  | "holdingCostPerUnit"
  | "backorderCostPerUnit"
  | "subcontractCostPerUnit"
  | "materialCostPerUnit"
  | "pricePerUnit";

interface ParameterLine {
  label: string;
  value: CellValue;
  format?: string;
  /** Set when a formula reads the cell. */
  key?: FormulaParameter;
  note?: string;
}

/** The lines of the plan block, in the order a planner reads them. */
type PlanRow =
  | "demand"
  | "workingDays"
  | "unitsPerWorker"
  | "hoursPerWorker"
  | "laborHoursPerUnit"
  | "workers"
  | "hired"
  | "laidOff"
  | "regular"
  | "overtime"
  | "subcontract"
  | "inventory"
  | "backlog"
  | "shipped"
  | `${keyof CostBreakdown}Cost`
  | "totalCost"
  | "revenue"
  | "margin";

const PLAN_ROW_LABEL: Record<PlanRow, string> = {
  demand: "Demand",
  workingDays: "Working days",
  unitsPerWorker: "Units per worker",
  hoursPerWorker: "Hours per worker",
  laborHoursPerUnit: "Labor hours per unit",
  workers: "Workers",
  hired: "Hired",
  laidOff: "Laid off",
  regular: "Regular",
  overtime: "Overtime",
  subcontract: "Subcontract",
  inventory: "Inventory",
  backlog: "Backlog",
  shipped: "Shipped",
  regularCost: COST_LABEL.regular,
  overtimeCost: COST_LABEL.overtime,
  hiringCost: COST_LABEL.hiring,
  layoffCost: COST_LABEL.layoff,
  holdingCost: COST_LABEL.holding,
  backorderCost: COST_LABEL.backorder,
  subcontractCost: COST_LABEL.subcontract,
  materialCost: COST_LABEL.material,
  totalCost: "Total cost",
  revenue: "Revenue",
  margin: "Margin",
};

const costRow = (kind: keyof CostBreakdown): PlanRow => `${kind}Cost`;

/** Where a plan's totals sit, so the Summary can point at them. */
interface PlanTotalsAddress {
  strategy: StrategyName;
  totalCost: string;
  costs: Record<keyof CostBreakdown, string>;
  revenue: string;
  margin: string;
}

interface FamilySheetLayout {
  sheet: SheetSpec;
  totals: PlanTotalsAddress[];
}

function parameterLines(policy: FamilyPolicy, rates: ProductionRates | null): { used: ParameterLine[]; reference: ParameterLine[] } {
  const used: ParameterLine[] = [
    { label: "Initial inventory", value: policy.initialInventory, format: FORMAT.units, key: "initialInventory" },
    { label: "Initial backlog", value: policy.initialBacklog, format: FORMAT.units, key: "initialBacklog" },
  ];
  const workersFormat = policy.integerWorkers ? FORMAT.wholeWorkers : FORMAT.fractionalWorkers;
  used.push(
    policy.initialWorkers === null
      ? { label: "Initial workers", value: null, note: "not given: the first period's workforce is set freely (no hiring or layoff in period 1)" }
      : { label: "Initial workers", value: policy.initialWorkers, format: workersFormat, key: "initialWorkers" },
  );
  // An hourly rate with no hours to multiply is refused by the Policy rules, so its cell would change nothing.
  if (rates?.hoursPerWorker) {
    used.push({ label: "Regular cost per hour", value: policy.regularCostPerHour, format: FORMAT.money, key: "regularCostPerHour" });
  }
  used.push({ label: "Regular cost per unit", value: policy.regularCostPerUnit, format: FORMAT.money, key: "regularCostPerUnit" });
  if (rates?.laborHoursPerUnit) {
    used.push({ label: "Overtime cost per hour", value: policy.overtimeCostPerHour, format: FORMAT.money, key: "overtimeCostPerHour" });
  }
  used.push(
    { label: "Overtime cost per unit", value: policy.overtimeCostPerUnit, format: FORMAT.money, key: "overtimeCostPerUnit" },
    { label: "Hiring cost per worker", value: policy.hiringCostPerWorker, format: FORMAT.money, key: "hiringCostPerWorker" },
    { label: "Layoff cost per worker", value: policy.layoffCostPerWorker, format: FORMAT.money, key: "layoffCostPerWorker" },
    {
      label: "Holding cost per unit",
      value: policy.holdingCostPerUnit,
      format: FORMAT.money,
      key: "holdingCostPerUnit",
      note:
        policy.holdingCostBasis === "average"
          ? "on average inventory: (beginning + ending) / 2"
          : "on ending inventory",
    },
  );
  used.push(
    policy.backorderCostPerUnit === null
      ? { label: "Backorder cost per unit", value: null, note: "not given: backorders are not allowed" }
      : { label: "Backorder cost per unit", value: policy.backorderCostPerUnit, format: FORMAT.money, key: "backorderCostPerUnit" },
  );
  used.push(
    policy.subcontractCostPerUnit === null
      ? { label: "Subcontract cost per unit", value: null, note: "not given: no subcontracting" }
      : {
          label: "Subcontract cost per unit",
          value: policy.subcontractCostPerUnit,
          format: FORMAT.money,
          key: "subcontractCostPerUnit",
        },
  );
  used.push(
    { label: "Material cost per unit", value: policy.materialCostPerUnit, format: FORMAT.money, key: "materialCostPerUnit", note: "per unit made in-house (regular + overtime)" },
    { label: "Price per unit", value: policy.pricePerUnit, format: FORMAT.money, key: "pricePerUnit", note: "revenue per unit shipped" },
  );

  const optional = (label: string, value: number | null, format: string, blank: string): ParameterLine =>
    value === null ? { label, value: null, note: blank } : { label, value, format };
  const productivity: [string, number | null, string][] = [
    ["Labor hours per unit", policy.laborHoursPerUnit, FORMAT.hoursPerUnit],
    ["Hours per worker per day", policy.hoursPerWorkerPerDay, FORMAT.rate],
    ["Hours per worker per period", policy.hoursPerWorkerPerPeriod, FORMAT.rate],
    ["Units per worker per day", policy.unitsPerWorkerPerDay, FORMAT.rate],
    ["Units per worker per period", policy.unitsPerWorkerPerPeriod, FORMAT.rate],
  ];
  const reference: ParameterLine[] = [
    { label: "Holding cost basis", value: policy.holdingCostBasis === "average" ? "Average" : "Ending" },
    { label: "Safety stock", value: policy.safetyStock, format: FORMAT.units },
    { label: "Ending inventory", value: policy.endingInventory, format: FORMAT.units },
    // The productivity rule as given; the rows of each plan show the rates it yields per period.
    ...productivity.filter(([, value]) => value !== null).map(([label, value, format]) => ({ label, value, format })),
    { label: "Max overtime hours per worker", value: policy.maxOvertimeHoursPerWorker, format: FORMAT.rate },
    optional("Max overtime units per period", policy.maxOvertimeUnitsPerPeriod, FORMAT.units, "no cap"),
    optional("Max subcontract per period", policy.maxSubcontractPerPeriod, FORMAT.units, "no cap"),
    { label: "Integer workers", value: policy.integerWorkers ? "Yes" : "No" },
  ];
  return { used, reference };
}

/** Period headers made unique and distinct from `Row` and `Total`, as an Excel table's header requires. */
function planTableHeaders(periods: readonly string[]): string[] {
  const names = new UniqueNames(255, (n) => ` (${n})`);
  // `Row` and `Total` are claimed first: a period that happens to be called Total becomes `Total (2)`.
  const row = names.claim("Row");
  const total = names.claim("Total");
  const periodHeaders = periods.map((p, i) => {
    const oneLine = p.replace(/\s+/g, " ").trim();
    return names.claim(oneLine === "" ? `Period ${i + 1}` : oneLine);
  });
  return [row, ...periodHeaders, total];
}

function shippedUnits(plan: PlanResult, initialBacklog: number): number[] {
  // The engine reports revenue, not shipments; shipped units follow from its demand and backlog.
  return plan.periods.map((p, t) => p.demand + (t === 0 ? initialBacklog : plan.periods[t - 1].backlog) - p.backlog);
}

/** The family chart's place: from row FAMILY_CHART_TOP (0-based), column B on; the parameters follow. */
const FAMILY_CHART_TOP = 3;
const FAMILY_CHART_ROWS = 18;
const FAMILY_CHART_COLUMNS = 8;

function layoutFamilySheet(
  family: FamilyInput,
  result: FamilyResult,
  input: PlanningInput,
  sheetName: string,
  tableNames: UniqueNames,
): FamilySheetLayout {
  const policy = family.policy;
  const periodCount = input.periods.length;
  const resolved = productionRates(policy, input.workingDays, periodCount);
  const rates = resolved.ok ? resolved.rates : null;
  const grid = new SheetGrid();
  const tables: TableSpec[] = [];
  const lastColumn = periodCount + 1;

  grid.set(0, 0, text(`S&OP plan: ${family.family}`, "title"));
  grid.set(
    1,
    0,
    text(
      `Every plan for ${family.family}, period by period, and its costs. Blue cells can be edited (parameters and the plan's decisions); every other number is a formula and follows them.`,
      "note",
    ),
  );
  if (!resolved.ok) grid.set(2, 0, text(`The Policy has no usable productivity rule: ${resolved.errors.join("; ")}`, "bad"));

  // The chart of the recommended plan sits above the parameters, where a reviewer looks first.
  const chartRows = periodCount > 0 && result.plans.length > 0 ? FAMILY_CHART_ROWS : 0;

  // Parameters block: label, value, note.
  const { used, reference } = parameterLines(policy, rates);
  const parameterCell: Partial<Record<FormulaParameter, string>> = {};
  let row = FAMILY_CHART_TOP + chartRows + 1;
  grid.set(row++, 0, text("Parameters (used by the formulas below)", "subtitle"));
  grid.set(row, 0, text("Parameter", "header"));
  grid.set(row, 1, text("Value", "header"));
  grid.set(row++, 2, text("Note", "header"));
  for (const line of used) {
    grid.set(row, 0, text(line.label, "label"));
    if (line.value !== null) {
      grid.set(row, 1, { value: line.value, ...(line.format ? { format: line.format } : {}), ...(line.key ? { style: "input" as const } : {}) });
    }
    if (line.note) grid.set(row, 2, text(line.note, "note"));
    if (line.key) parameterCell[line.key] = cellAddress(row, 1, true);
    row++;
  }
  row++;

  const param = (key: FormulaParameter): string => {
    const address = parameterCell[key];
    if (!address) throw new Error(`layout: parameter ${key} has no cell`);
    return address;
  };

  const rowsShown: PlanRow[] = ["demand"];
  if (input.workingDays) rowsShown.push("workingDays");
  if (rates) rowsShown.push("unitsPerWorker");
  if (rates?.hoursPerWorker) rowsShown.push("hoursPerWorker");
  if (rates?.laborHoursPerUnit) rowsShown.push("laborHoursPerUnit");
  rowsShown.push("workers", "hired", "laidOff", "regular", "overtime", "subcontract", "inventory", "backlog", "shipped");
  rowsShown.push(...COST_KINDS.map(costRow), "totalCost", "revenue", "margin");

  const workersFormat = policy.integerWorkers ? FORMAT.wholeWorkers : FORMAT.fractionalWorkers;
  const headers = planTableHeaders(input.periods);
  const totals: PlanTotalsAddress[] = [];
  const planRows = new Map<StrategyName, { header: number; rowOf: Record<PlanRow, number> }>();

  for (const plan of result.plans) {
    grid.set(row++, 0, text(`${STRATEGY_TITLE[plan.strategy]} plan`, "subtitle"));
    grid.set(
      row++,
      0,
      plan.feasible
        ? text(`Feasible. Total cost ${moneyText(plan.totalCost)}, margin ${moneyText(plan.margin)}.`, "good")
        : text(`Not feasible: ${plan.violations.map((v) => v.message).join("; ")}`, "bad"),
    );

    const headerRow = row;
    headers.forEach((h, c) => grid.set(headerRow, c, text(h, "header")));
    const rowOf = {} as Record<PlanRow, number>;
    rowsShown.forEach((r, i) => (rowOf[r] = headerRow + 1 + i));
    planRows.set(plan.strategy, { header: headerRow, rowOf });
    const at = (r: PlanRow, t: number): string => cellAddress(rowOf[r], t + 1);
    /** The cell of the period before, or in period 1 the parameter that stands for "before the horizon". */
    const previous = (r: PlanRow, t: number, initial: FormulaParameter): string => (t === 0 ? param(initial) : at(r, t - 1));
    const firstCost = rowOf[costRow(COST_KINDS[0])];
    const lastCost = rowOf[costRow(COST_KINDS[COST_KINDS.length - 1])];
    const shipped = shippedUnits(plan, policy.initialBacklog);

    for (const r of rowsShown) {
      grid.set(rowOf[r], 0, text(PLAN_ROW_LABEL[r], r === "totalCost" || r === "margin" ? "total" : "label"));
    }

    for (let t = 0; t < periodCount; t++) {
      const p = plan.periods[t];
      const costs = plan.periodCosts[t];
      const set = (r: PlanRow, cell: CellSpec) => grid.set(rowOf[r], t + 1, cell);
      const W = at("workers", t);
      const R = at("regular", t);
      const O = at("overtime", t);
      const C = at("subcontract", t);
      const D = at("demand", t);
      const I = at("inventory", t);
      const B = at("backlog", t);
      const previousInventory = previous("inventory", t, "initialInventory");
      const previousBacklog = previous("backlog", t, "initialBacklog");

      set("demand", constant(p.demand, FORMAT.units));
      if (input.workingDays) set("workingDays", constant(input.workingDays[t], Number.isInteger(input.workingDays[t]) ? "0" : "0.0"));
      if (rates) set("unitsPerWorker", constant(rates.unitsPerWorker[t], FORMAT.rate));
      if (rates?.hoursPerWorker) set("hoursPerWorker", constant(rates.hoursPerWorker[t], FORMAT.rate));
      if (rates?.laborHoursPerUnit) set("laborHoursPerUnit", constant(rates.laborHoursPerUnit[t], FORMAT.hoursPerUnit));

      set("workers", constant(p.workers, workersFormat, "input"));
      if (t === 0 && policy.initialWorkers === null) {
        // No workforce before period 1: the first workforce is chosen, not hired.
        set("hired", constant(p.hired, workersFormat));
        set("laidOff", constant(p.laidOff, workersFormat));
      } else {
        const previousWorkers = previous("workers", t, "initialWorkers");
        set("hired", formula(`MAX(0,${W}-${previousWorkers})`, p.hired, workersFormat));
        set("laidOff", formula(`MAX(0,${previousWorkers}-${W})`, p.laidOff, workersFormat));
      }
      set("regular", constant(p.regular, FORMAT.units, "input"));
      set("overtime", constant(p.overtime, FORMAT.units, "input"));
      set("subcontract", constant(p.subcontract, FORMAT.units, "input"));

      const netPosition = `${previousInventory}-${previousBacklog}+${R}+${O}+${C}-${D}`;
      set("inventory", formula(`MAX(0,${netPosition})`, p.inventory, FORMAT.units));
      set("backlog", formula(`MAX(0,-(${netPosition}))`, p.backlog, FORMAT.units));
      set("shipped", formula(`${D}+${previousBacklog}-${B}`, shipped[t], FORMAT.units));

      const regularTerms = [`${param("regularCostPerUnit")}*${R}`];
      if (rates?.hoursPerWorker) regularTerms.unshift(`${param("regularCostPerHour")}*${at("hoursPerWorker", t)}*${W}`);
      set("regularCost", formula(regularTerms.join("+"), costs.regular, FORMAT.money));
      const overtimeTerms = [`${param("overtimeCostPerUnit")}*${O}`];
      if (rates?.laborHoursPerUnit) overtimeTerms.unshift(`${param("overtimeCostPerHour")}*${at("laborHoursPerUnit", t)}*${O}`);
      set("overtimeCost", formula(overtimeTerms.join("+"), costs.overtime, FORMAT.money));
      set("hiringCost", formula(`${param("hiringCostPerWorker")}*${at("hired", t)}`, costs.hiring, FORMAT.money));
      set("layoffCost", formula(`${param("layoffCostPerWorker")}*${at("laidOff", t)}`, costs.layoff, FORMAT.money));
      const heldUnits = policy.holdingCostBasis === "average" ? `(${previousInventory}+${I})/2` : I;
      set("holdingCost", formula(`${param("holdingCostPerUnit")}*${heldUnits}`, costs.holding, FORMAT.money));
      // Without a cost the engine charges nothing for backlog or subcontracting; the plan says so in its violations.
      set(
        "backorderCost",
        policy.backorderCostPerUnit === null
          ? constant(costs.backorder, FORMAT.money)
          : formula(`${param("backorderCostPerUnit")}*${B}`, costs.backorder, FORMAT.money),
      );
      set(
        "subcontractCost",
        policy.subcontractCostPerUnit === null
          ? constant(costs.subcontract, FORMAT.money)
          : formula(`${param("subcontractCostPerUnit")}*${C}`, costs.subcontract, FORMAT.money),
      );
      set("materialCost", formula(`${param("materialCostPerUnit")}*(${R}+${O})`, costs.material, FORMAT.money));
      const periodTotalCost = sum(COST_KINDS.map((k) => costs[k]));
      const column = columnLetter(t + 1);
      set("totalCost", formula(`SUM(${column}${firstCost + 1}:${column}${lastCost + 1})`, periodTotalCost, FORMAT.money, "total"));
      set("revenue", formula(`${param("pricePerUnit")}*${at("shipped", t)}`, plan.periodRevenue[t], FORMAT.money));
      set("margin", formula(`${at("revenue", t)}-${at("totalCost", t)}`, plan.periodRevenue[t] - periodTotalCost, FORMAT.money, "total"));
    }

    // Total column: sums of flows. Stocks and rates (workers, inventory, rates) have no meaningful sum.
    const flowTotals: Partial<Record<PlanRow, { cached: number; format: string }>> = {
      demand: { cached: sum(plan.periods.map((p) => p.demand)), format: FORMAT.units },
      hired: { cached: sum(plan.periods.map((p) => p.hired)), format: workersFormat },
      laidOff: { cached: sum(plan.periods.map((p) => p.laidOff)), format: workersFormat },
      regular: { cached: sum(plan.periods.map((p) => p.regular)), format: FORMAT.units },
      overtime: { cached: sum(plan.periods.map((p) => p.overtime)), format: FORMAT.units },
      subcontract: { cached: sum(plan.periods.map((p) => p.subcontract)), format: FORMAT.units },
      shipped: { cached: sum(shipped), format: FORMAT.units },
      totalCost: { cached: plan.totalCost, format: FORMAT.money },
      revenue: { cached: plan.revenue, format: FORMAT.money },
      margin: { cached: plan.margin, format: FORMAT.money },
    };
    if (input.workingDays) flowTotals.workingDays = { cached: sum(input.workingDays), format: "0" };
    for (const kind of COST_KINDS) flowTotals[costRow(kind)] = { cached: plan.costs[kind], format: FORMAT.money };
    for (const r of rowsShown) {
      const total = flowTotals[r];
      if (!total) continue;
      const style: CellStyle = r === "totalCost" || r === "margin" ? "total" : "label";
      const cell =
        periodCount === 0
          ? constant(total.cached, total.format, style)
          : formula(`SUM(${cellAddress(rowOf[r], 1)}:${cellAddress(rowOf[r], periodCount)})`, total.cached, total.format, style);
      grid.set(rowOf[r], lastColumn, cell);
    }

    const quoted = quoteSheetName(sheetName);
    const totalAt = (r: PlanRow) => `${quoted}!${cellAddress(rowOf[r], lastColumn, true)}`;
    totals.push({
      strategy: plan.strategy,
      totalCost: totalAt("totalCost"),
      costs: Object.fromEntries(COST_KINDS.map((k) => [k, totalAt(costRow(k))])) as Record<keyof CostBreakdown, string>,
      revenue: totalAt("revenue"),
      margin: totalAt("margin"),
    });
    tables.push({
      name: tableNames.claim(tableBaseName("SOP", family.family, plan.strategy)),
      top: headerRow,
      left: 0,
      rows: rowsShown.length + 1,
      columns: headers.length,
      style: PLAN_TABLE_STYLE,
    });
    row = headerRow + rowsShown.length + 2;
  }

  // Below the plans, so the plans come first on screen; nothing above reads these cells.
  grid.set(row++, 0, text("Rules the planner followed (for reference: the formulas do not read these)", "subtitle"));
  for (const line of reference) {
    grid.set(row, 0, text(line.label, "label"));
    if (line.value !== null) grid.set(row, 1, line.format ? { value: line.value, format: line.format } : { value: line.value });
    if (line.note) grid.set(row, 2, text(line.note, "note"));
    row++;
  }

  const labelWidth = Math.max(24, ...used.concat(reference).map((l) => l.label.length + 2));
  const charted = chartRows > 0 ? (recommendation(result).best ?? result.plans[0]) : null;
  const chartAt = charted ? planRows.get(charted.strategy) : undefined;
  return {
    sheet: {
      name: sheetName,
      cells: grid.cells,
      columnWidths: [labelWidth, ...headers.slice(1, -1).map((h) => Math.min(30, Math.max(12, h.length + 3))), 14],
      tables,
      freeze: { rows: 0, columns: 1 },
      tabColor: TAB_COLOR.family,
      ...(charted && chartAt ? { charts: [familyChart(family.family, charted, chartAt, periodCount, recommendation(result).best === charted)] } : {}),
    },
    totals,
  };
}

/**
 * The classic aggregate-planning picture of one plan: how it makes the units (regular, overtime
 * and subcontracted, stacked) against demand, and the inventory and backlog that absorb the gap.
 * Its series are the plan table's own rows, so the chart follows a reviewer's edits.
 */
function familyChart(
  family: string,
  plan: PlanResult,
  at: { header: number; rowOf: Record<PlanRow, number> },
  periodCount: number,
  recommended: boolean,
): ChartSpec {
  const series = (r: PlanRow, as: "column" | "line"): ChartSpec["series"][number] => ({
    name: PLAN_ROW_LABEL[r],
    label: { row: at.rowOf[r], column: 0 },
    values: { top: at.rowOf[r], left: 1, rows: 1, columns: periodCount },
    as,
  });
  const shown = [series("regular", "column"), series("overtime", "column"), series("subcontract", "column"), series("demand", "line"), series("inventory", "line")];
  if (plan.periods.some((p) => p.backlog > 0)) shown.push(series("backlog", "line"));
  const which = recommended ? "recommended" : "no plan is feasible";
  return {
    name: "Plan chart",
    title: `${family}: ${STRATEGY_TITLE[plan.strategy]} plan (${which}), units per period`,
    categories: { top: at.header, left: 1, rows: 1, columns: periodCount },
    series: shown,
    stacked: true,
    valueFormat: FORMAT.units,
    anchor: { top: FAMILY_CHART_TOP, left: 1, rows: FAMILY_CHART_ROWS - 1, columns: FAMILY_CHART_COLUMNS },
  };
}


// ---------------------------------------------------------------------------------------------
// Summary

const SUMMARY_HEADERS = [
  "Family",
  "Strategy",
  "Feasible",
  "Total cost",
  ...COST_KINDS.map((k) => COST_LABEL[k]),
  "Revenue",
  "Margin",
  "Recommended",
];

function familyVerdict(result: FamilyResult): string[] {
  const lines: string[] = [];
  const { best: recommended, next: runnerUp, savings } = recommendation(result);
  if (!recommended) {
    lines.push(`${result.family}: no feasible plan.`);
  } else if (result.capacityNote) {
    lines.push(`${result.family}: ${STRATEGY_TITLE[recommended.strategy]} is recommended: ${result.capacityNote}.`);
  } else {
    lines.push(
      runnerUp && savings !== null && savings < 0.005
        ? `${result.family}: ${STRATEGY_TITLE[recommended.strategy]} is recommended, the same cost as ${STRATEGY_TITLE[runnerUp.strategy]}.`
        : runnerUp && savings !== null
        ? `${result.family}: ${STRATEGY_TITLE[recommended.strategy]} is recommended, ${moneyText(savings)} cheaper than ${STRATEGY_TITLE[runnerUp.strategy]}, the next feasible plan.`
        : `${result.family}: ${STRATEGY_TITLE[recommended.strategy]} is recommended, the only feasible plan.`,
    );
  }
  for (const plan of result.plans) {
    if (!plan.feasible) {
      const why = plan.violations[0]?.message ?? "a constraint is broken";
      lines.push(`${result.family}: ${STRATEGY_TITLE[plan.strategy]} is not feasible: ${why}.`);
    }
  }
  return lines;
}

function layoutSummary(
  laidOut: { result: FamilyResult; totals: PlanTotalsAddress[] }[],
  tableName: string,
  options: LayoutOptions,
): SheetSpec {
  const grid = new SheetGrid();
  grid.set(0, 0, text("S&OP plan summary", "title"));
  grid.set(
    1,
    0,
    text(
      "Every plan of every family with its costs, revenue and margin. The money columns are formulas that read the family sheets (SOP <family>), where the blue cells can be edited.",
      "note",
    ),
  );
  if (options.plannedAt) {
    grid.set(2, 0, text("Planned", "label"));
    grid.set(2, 1, { value: excelSerial(options.plannedAt), format: FORMAT.dateTime });
  }

  const headerRow = 4;
  SUMMARY_HEADERS.forEach((h, c) => grid.set(headerRow, c, text(h, "header")));
  let row = headerRow + 1;
  /** The Summary row of each family's feasible plans, by strategy: the comparison below reads them. */
  const feasibleRows = laidOut.map(() => new Map<StrategyName, number>());
  for (const [f, { result, totals }] of laidOut.entries()) {
    for (const plan of result.plans) {
      const at = totals.find((t) => t.strategy === plan.strategy);
      if (!at) continue;
      if (plan.feasible) feasibleRows[f].set(plan.strategy, row);
      const isRecommended = plan.strategy === result.recommended;
      const line: (CellSpec | null)[] = [
        text(result.family),
        text(STRATEGY_TITLE[plan.strategy]),
        text(plan.feasible ? "Yes" : "No", plan.feasible ? undefined : "bad"),
        formula(at.totalCost, plan.totalCost, FORMAT.money, "total"),
        ...COST_KINDS.map((kind) => formula(at.costs[kind], plan.costs[kind], FORMAT.money)),
        formula(at.revenue, plan.revenue, FORMAT.money),
        formula(at.margin, plan.margin, FORMAT.money, "total"),
        isRecommended ? text("✓", "good") : null,
      ];
      line.forEach((cell, c) => grid.set(row, c, cell));
      row++;
    }
  }
  const dataRows = row - headerRow - 1;
  const tables: TableSpec[] = [
    {
      name: tableName,
      top: headerRow,
      left: 0,
      // An Excel table needs a data row, even an empty one.
      rows: Math.max(1, dataRows) + 1,
      columns: SUMMARY_HEADERS.length,
      style: SUMMARY_TABLE_STYLE,
    },
  ];

  row = headerRow + Math.max(1, dataRows) + 2;
  grid.set(row++, 0, text("Recommendations", "subtitle"));
  for (const { result } of laidOut) {
    for (const line of familyVerdict(result)) grid.set(row++, 0, text(line));
  }
  if (laidOut.length === 0) grid.set(row, 0, text("No family was planned.", "note"));
  const charts = costComparison(grid, row + 1, laidOut.map(({ result }) => result.family), feasibleRows, { first: headerRow + 1, last: headerRow + dataRows });

  const familyWidth = Math.max(14, ...laidOut.map(({ result }) => Math.min(40, result.family.length + 2)));
  return {
    name: SUMMARY_SHEET_NAME,
    cells: grid.cells,
    // Feasible is wide enough for the money of the cost comparison below the table.
    columnWidths: [familyWidth, 16, 14, ...SUMMARY_HEADERS.slice(3, -1).map((h) => Math.max(14, h.length + 2)), 13],
    tables,
    freeze: { rows: headerRow + 1, columns: 2 },
    tabColor: TAB_COLOR.summary,
    ...(charts.length > 0 ? { charts } : {}),
  };
}

/** Above this many families a chart of their costs side by side would be unreadable: the table stays. */
const COMPARISON_CHART_MAX_FAMILIES = 25;

/**
 * Total cost by family (rows) and strategy (columns), each cell reading the Summary table's own
 * Total cost; blank where a family has no feasible plan of that strategy. Beside it, a chart of the
 * same, so a review sees at a glance which plan is cheapest for each family. Returns the chart.
 */
function costComparison(
  grid: SheetGrid,
  top: number,
  families: string[],
  feasibleRows: Map<StrategyName, number>[],
  tableRows: { first: number; last: number },
): ChartSpec[] {
  const strategies = ALL_STRATEGIES.filter((s) => feasibleRows.some((rows) => rows.has(s)));
  if (families.length === 0 || strategies.length === 0) return [];
  const column = (name: string) => {
    const c = SUMMARY_HEADERS.indexOf(name);
    return `${cellAddress(tableRows.first, c, true)}:${cellAddress(tableRows.last, c, true)}`;
  };
  const totalCostColumn = SUMMARY_HEADERS.indexOf("Total cost");
  grid.set(top, 0, text("Total cost by family and strategy (feasible plans only)", "subtitle"));
  const header = top + 1;
  grid.set(header, 0, text("Family", "header"));
  strategies.forEach((s, i) => grid.set(header, 1 + i, text(STRATEGY_TITLE[s], "header")));
  families.forEach((family, f) => {
    const row = header + 1 + f;
    grid.set(row, 0, text(family, "label"));
    strategies.forEach((s, i) => {
      // Looked up by family, strategy and Feasible, not by address, so sorting the Summary table
      // keeps every figure under its labels. Exact comparisons: a name like `<Tools` or `Drill*`
      // would read as a criterion in COUNTIFS or SUMIFS. Blank (no bar) without a feasible plan.
      const family = `$A${row + 1}`;
      const strategy = `${columnLetter(1 + i)}$${header + 1}`;
      const match = `(${column("Family")}=${family})*(${column("Strategy")}=${strategy})*(${column("Feasible")}="Yes")`;
      const source = feasibleRows[f].get(s);
      const cached = source === undefined ? undefined : grid.cells[source]?.[totalCostColumn]?.cached;
      grid.set(row, 1 + i, {
        formula: `IF(SUMPRODUCT(${match})=0,"",SUMPRODUCT(${match},${column("Total cost")}))`,
        cached: typeof cached === "number" ? cached : "",
        format: FORMAT.money,
      });
    });
  });
  if (families.length > COMPARISON_CHART_MAX_FAMILIES) return [];
  const line = (c: number) => ({ top: header + 1, left: c, rows: families.length, columns: 1 });
  return [
    {
      name: "Cost chart",
      title: "Total cost by family and strategy",
      categories: line(0),
      series: strategies.map((s, i) => ({ name: STRATEGY_TITLE[s], label: { row: header, column: 1 + i }, values: line(1 + i), as: "column" as const })),
      stacked: false,
      valueFormat: "#,##0",
      anchor: { top: header, left: strategies.length + 2, rows: 16, columns: 7 },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * The plan sheets: `SOP Summary` first, then one `SOP <family>` sheet per family in input order.
 * Every computed number is a live formula whose cached value is the engine's, so a spreadsheet
 * that recalculates the file checks the engine.
 */
export function layoutPlanSheets(input: PlanningInput, results: FamilyResult[], options: LayoutOptions = {}): WorkbookSpec {
  const sheetNames = new UniqueNames(SHEET_NAME_MAX, (n) => ` (${n})`);
  const tableNames = new UniqueNames(255, (n) => `_${n}`);
  sheetNames.claim(SUMMARY_SHEET_NAME);
  const summaryTableName = tableNames.claim("SOP_Summary");

  const familySheets: SheetSpec[] = [];
  const laidOut: { result: FamilyResult; totals: PlanTotalsAddress[] }[] = [];
  for (const family of input.families) {
    const result = results.find((r) => r.family === family.family);
    if (!result) continue;
    const sheetName = sheetNames.claim(planSheetBaseName(family.family));
    const { sheet, totals } = layoutFamilySheet(family, result, input, sheetName, tableNames);
    familySheets.push(sheet);
    laidOut.push({ result, totals });
  }
  const summary = layoutSummary(laidOut, summaryTableName, options);
  return { sheets: [summary, ...familySheets] };
}

/** A cell as read, as a constant of the copy: text stays text, dates get a date format, errors show as text. */
function copiedCell(cell: RawCell): CellSpec | null {
  if (cell === null) return null;
  if (isErrorCell(cell)) return { value: cell.error };
  if (isDateCell(cell)) return { value: cell.date, format: Number.isInteger(cell.date) ? FORMAT.date : FORMAT.dateTime };
  return { value: cell };
}

function displayLength(cell: CellSpec | null): number {
  if (!cell || cell.value === null || cell.value === undefined) return 0;
  if (cell.format === FORMAT.date) return 10;
  if (cell.format === FORMAT.dateTime) return 16;
  return String(cell.value).length;
}

/**
 * Copies of the blocks a reader returned, one sheet per worksheet in the order first seen, each
 * block at its place; Excel tables stay tables so the copy can be read back as an input.
 */
export function layoutInputSheets(tables: RawTable[]): SheetSpec[] {
  const bySheet = new Map<string, RawTable[]>();
  for (const block of tables) {
    const blocks = bySheet.get(block.sheet) ?? [];
    blocks.push(block);
    bySheet.set(block.sheet, blocks);
  }
  const tableNames = new UniqueNames(255, (n) => `_${n}`);
  const sheets: SheetSpec[] = [];
  for (const [sheet, blocks] of bySheet) {
    const grid = new SheetGrid();
    const tableSpecs: TableSpec[] = [];
    // Used ranges first, then tables over them: the same cells, so the order only matters for gaps.
    const ordered = [...blocks.filter((b) => !b.isTable), ...blocks.filter((b) => b.isTable)];
    for (const block of ordered) {
      block.values.forEach((line, r) =>
        line.forEach((cell, c) => {
          const copy = copiedCell(cell);
          if (copy || block.isTable) grid.set(block.top + r, block.left + c, copy);
        }),
      );
      const width = Math.max(0, ...block.values.map((line) => line.length));
      if (block.isTable && block.values.length > 0 && width > 0) {
        tableSpecs.push({
          name: tableNames.claim(VALID_TABLE_NAME.test(block.name) ? block.name : tableBaseName(block.name)),
          top: block.top,
          left: block.left,
          rows: Math.max(2, block.values.length),
          columns: width,
          style: INPUT_TABLE_STYLE,
        });
      }
    }
    const columnCount = Math.max(0, ...grid.cells.map((line) => line.length));
    const columnWidths = Array.from({ length: columnCount }, (_, c) =>
      Math.min(40, Math.max(9, ...grid.cells.map((line) => displayLength(line[c] ?? null) + 2))),
    );
    sheets.push({ name: sheet, cells: grid.cells, columnWidths, tables: tableSpecs });
  }
  return sheets;
}

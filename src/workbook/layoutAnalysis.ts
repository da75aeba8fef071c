// Lays out the analysis sheets after the family plans: SOP Capacity, SOP Products, SOP Finance and SOP Risks.
import type { PlanAnalysis } from "../engine/analysis";
import type { CapacityCheck } from "../engine/capacity";
import type { FinanceLine, FinancePeriod } from "../engine/finance";
import { COST_KINDS, type CostBreakdown, type RiskFlag, type RiskKind, type Severity } from "../engine/model";
import { COST_LABEL, FORMAT, SheetGrid, SHEET_NAME_MAX, tableBaseName, UniqueNames } from "./layout";
import { cellAddress, type CellSpec, type CellStyle, type ChartSpec, type ConditionalFormatSpec, type SheetSpec } from "./sheet";

export const CAPACITY_SHEET_NAME = "SOP Capacity";
export const PRODUCTS_SHEET_NAME = "SOP Products";
export const FINANCE_SHEET_NAME = "SOP Finance";
export const RISKS_SHEET_NAME = "SOP Risks";

const TAB_COLOR = "548235";
const PERCENT = "0.0%";
const RISK_TABLE_STYLE = "TableStyleMedium2";

const text = (value: string, style?: CellStyle): CellSpec => (style ? { value, style } : { value });
const constant = (value: number, format: string, style?: CellStyle): CellSpec => (style ? { value, format, style } : { value, format });
/** A formula with the engine's value cached; a value a file cannot hold (infinity) is left for the spreadsheet to compute. */
const formula = (f: string, cached: number, format: string, style?: CellStyle): CellSpec => ({
  formula: f,
  cached: Number.isFinite(cached) ? cached : null,
  format,
  ...(style && { style }),
});
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** `SUM(C5:C9)` over rows first..last of one column. */
const sumRows = (column: number, first: number, last: number): string => `SUM(${cellAddress(first, column)}:${cellAddress(last, column)})`;
/** `SUM(C5:N5)`: a row's periods, from column `first`. */
const sumPeriods = (row: number, first: number, periodCount: number): string =>
  `SUM(${cellAddress(row, first)}:${cellAddress(row, first + periodCount - 1)})`;

export interface AnalysisLayoutOptions {
  /** Sheet and table names already used by the plan sheets (compared without regard to case). */
  takenSheetNames?: readonly string[];
  takenTableNames?: readonly string[];
}

/**
 * The analysis sheets: Capacity when Capacity lists resources, Products when families have
 * products, Finance when a family has a feasible plan, and Risks always. Numbers a reviewer edits
 * (available capacity) are blue constants; the rest of the arithmetic is live formulas whose
 * cached values are the engine's.
 */
export function layoutAnalysisSheets(analysis: PlanAnalysis, options: AnalysisLayoutOptions = {}): SheetSpec[] {
  const sheetNames = new UniqueNames(SHEET_NAME_MAX, (n) => ` (${n})`);
  const tableNames = new UniqueNames(255, (n) => `_${n}`);
  for (const name of options.takenSheetNames ?? []) sheetNames.claim(name);
  for (const name of options.takenTableNames ?? []) tableNames.claim(name);
  const sheets: SheetSpec[] = [];
  if (analysis.capacity.length > 0) sheets.push(layoutCapacity(analysis, sheetNames.claim(CAPACITY_SHEET_NAME)));
  if (analysis.aggregation.products.length > 0) sheets.push(layoutProducts(analysis, sheetNames.claim(PRODUCTS_SHEET_NAME)));
  if (analysis.finance.families.length > 0) sheets.push(layoutFinance(analysis, sheetNames.claim(FINANCE_SHEET_NAME)));
  sheets.push(layoutRisks(analysis.risks, sheetNames.claim(RISKS_SHEET_NAME), tableNames.claim(tableBaseName("SOP", "Risks"))));
  return sheets;
}

/** Header row: the key columns, every period, and Total. */
function headerRow(grid: SheetGrid, row: number, keys: readonly string[], periods: readonly string[]): void {
  [...keys, ...periods, "Total"].forEach((h, c) => grid.set(row, c, text(h, "header")));
}

function approachText(analysis: PlanAnalysis): string {
  return analysis.approach === "top-down"
    ? "Top-down: each family's recommended plan is split to its products by mix, in whole units"
    : "Bottom-up: each product's own forecast, the family plan being planned on their sum";
}

// ---------------------------------------------------------------------------------------------
// SOP Capacity

function layoutCapacity(analysis: PlanAnalysis, name: string): SheetSpec {
  const periods = analysis.aggregation.periods;
  const T = periods.length;
  const totalColumn = T + 2;
  const grid = new SheetGrid();
  const threshold = analysis.utilizationThreshold;
  grid.set(0, 0, text("Rough-cut capacity", "title"));
  const loadedBy =
    analysis.approach === "top-down"
      ? "the recommended plans' in-house output, split to products by mix, × each product's load per unit"
      : "each product's forecast × its load per unit";
  grid.set(
    1,
    0,
    text(
      `Required capacity of each resource per period: ${loadedBy}. Utilisation, overload, units short and idle capacity are formulas: edit the blue Available cells to try more capacity. Red: over 100 %; amber: under ${Math.round(threshold * 1000) / 10} %.`,
      "note",
    ),
  );
  const header = 3;
  headerRow(grid, header, ["Resource", "Line"], periods);
  const conditionalFormats: ConditionalFormatSpec[] = [];
  let row = header + 1;
  const utilizationRows: number[] = [];
  for (const check of analysis.capacity) {
    const block = capacityBlock(grid, check, row, T, totalColumn, conditionalFormats, threshold);
    utilizationRows.push(block.utilization);
    row = block.next + 1;
  }
  const charts: ChartSpec[] = [];
  if (T > 0 && utilizationRows.length > 0) {
    grid.set(row, 0, text("Utilisation by resource", "subtitle"));
    charts.push({
      name: "Utilisation chart",
      title: "Utilisation by resource and period (100 % = all the capacity available)",
      categories: { top: header, left: 2, rows: 1, columns: T },
      series: analysis.capacity.map((check, i) => ({
        name: check.resource,
        label: { row: utilizationRows[i], column: 0 },
        values: { top: utilizationRows[i], left: 2, rows: 1, columns: T },
        as: "line",
      })),
      stacked: false,
      valueFormat: "0%",
      anchor: { top: row + 1, left: 2, rows: ANALYSIS_CHART_ROWS, columns: ANALYSIS_CHART_COLUMNS },
    });
  }
  return {
    name,
    cells: grid.cells,
    columnWidths: [Math.max(14, ...analysis.capacity.map((c) => Math.min(30, c.resource.length + 2))), 26, ...periods.map((p) => Math.max(11, Math.min(30, p.length + 3))), 13],
    freeze: { rows: header + 1, columns: 2 },
    tabColor: TAB_COLOR,
    conditionalFormats,
    ...(charts.length > 0 ? { charts } : {}),
  };
}

/** The size of the Capacity and Finance charts, placed below their tables in the scrolling panes. */
const ANALYSIS_CHART_ROWS = 18;
const ANALYSIS_CHART_COLUMNS = 8;

/** One resource's lines; returns the row of its utilisation and the next free row. */
function capacityBlock(
  grid: SheetGrid,
  check: CapacityCheck,
  top: number,
  T: number,
  totalColumn: number,
  conditionalFormats: ConditionalFormatSpec[],
  threshold: number,
): { utilization: number; next: number } {
  const families = check.byFamily.filter((f) => f.required.some((v) => v !== 0));
  let row = top;
  const familyRows = families.map(() => row++);
  const r = { required: row, available: row + 1, utilization: row + 2, overload: row + 3, units: row + 4, unitsShort: row + 5, idle: row + 6 };
  const label = (at: number, what: string, style: CellStyle = "label") => {
    grid.set(at, 0, text(check.resource, style === "total" ? "total" : "label"));
    grid.set(at, 1, text(what, style));
  };
  families.forEach((f, i) => label(familyRows[i], `Required: ${f.family}`));
  label(r.required, "Required", "total");
  label(r.available, "Available");
  label(r.utilization, "Utilisation", "total");
  label(r.overload, "Overload");
  label(r.units, "Units loading it");
  label(r.unitsShort, "Units short");
  label(r.idle, "Idle");

  const totals = {
    required: sum(check.periods.map((p) => p.required)),
    available: sum(check.periods.map((p) => p.available)),
    overload: sum(check.periods.map((p) => p.overload)),
    units: sum(check.periods.map((p) => p.units)),
    unitsShort: sum(check.periods.map((p) => p.unitsShort)),
    idle: sum(check.periods.map((p) => p.idle)),
  };
  for (let c = 2; c <= totalColumn; c++) {
    const t = c - 2;
    const isTotal = c === totalColumn;
    const p = isTotal ? null : check.periods[t];
    const at = (line: number) => cellAddress(line, c);
    const rowTotal = (line: number, cached: number, format: string, style?: CellStyle) =>
      grid.set(line, c, formula(sumPeriods(line, 2, T), cached, format, style));
    families.forEach((f, i) => {
      if (isTotal) rowTotal(familyRows[i], sum(f.required), FORMAT.money);
      else grid.set(familyRows[i], c, constant(f.required[t], FORMAT.money));
    });
    const required = p ? p.required : totals.required;
    if (families.length > 0) grid.set(r.required, c, formula(sumRows(c, familyRows[0], familyRows[families.length - 1]), required, FORMAT.money, "total"));
    else grid.set(r.required, c, constant(required, FORMAT.money, "total"));
    if (p) grid.set(r.available, c, constant(p.available, FORMAT.money, "input"));
    else rowTotal(r.available, totals.available, FORMAT.money);
    const available = p ? p.available : totals.available;
    const utilization = available > 0 ? required / available : required > 0 ? Infinity : 0;
    // Nothing available: 0 % when nothing is asked, else #N/A (no meaningful share); the overload line has the hours.
    grid.set(r.utilization, c, formula(`IF(${at(r.available)}>0,${at(r.required)}/${at(r.available)},IF(${at(r.required)}>0,NA(),0))`, utilization, PERCENT, "total"));
    if (p) {
      grid.set(r.overload, c, formula(`MAX(0,${at(r.required)}-${at(r.available)})`, p.overload, FORMAT.money));
      grid.set(r.units, c, constant(p.units, FORMAT.units));
      grid.set(r.unitsShort, c, formula(`IF(${at(r.required)}>0,${at(r.overload)}*${at(r.units)}/${at(r.required)},0)`, p.unitsShort, FORMAT.units));
      grid.set(r.idle, c, formula(`MAX(0,${at(r.available)}-${at(r.required)})`, p.idle, FORMAT.money));
    } else {
      rowTotal(r.overload, totals.overload, FORMAT.money);
      rowTotal(r.units, totals.units, FORMAT.units);
      rowTotal(r.unitsShort, totals.unitsShort, FORMAT.units);
      rowTotal(r.idle, totals.idle, FORMAT.money);
    }
  }
  const utilizationCells = { top: r.utilization, left: 2, rows: 1, columns: T + 1 };
  conditionalFormats.push(
    { ...utilizationCells, operator: "greaterThan", value: 1, style: "bad" },
    { ...utilizationCells, operator: "lessThan", value: threshold, style: "warn" },
  );
  return { utilization: r.utilization, next: r.idle + 1 };
}

// ---------------------------------------------------------------------------------------------
// SOP Products

const PRODUCT_LINES = [
  ["Demand", "demand"],
  ["Made", "made"],
  ["Subcontracted", "subcontracted"],
  ["Shipped", "shipped"],
] as const;

function layoutProducts(analysis: PlanAnalysis, name: string): SheetSpec {
  const { aggregation } = analysis;
  const periods = aggregation.periods;
  const T = periods.length;
  const grid = new SheetGrid();
  grid.set(0, 0, text("Products: the plan split per product", "title"));
  const ruleText: Record<string, string> = { given: "the Mix column", forecast: "the products' forecast totals (Mix blank)", equal: "an equal split (no Mix, no forecast)" };
  grid.set(
    1,
    0,
    text(
      `${approachText(analysis)}. Made is in-house output (regular + overtime). Whole units by largest remainder; each family line is the SUM of its products and equals the family plan.`,
      "note",
    ),
  );
  grid.set(2, 0, text(`Mix from: ${aggregation.mixes.filter((m) => m.products.length > 0).map((m) => `${m.family}: ${ruleText[m.rule]}`).join("; ")}.`, "note"));
  const header = 4;
  headerRow(grid, header, ["Line", "Family", "Product", "Mix"], periods);
  const first = 4;
  const totalColumn = first + T;
  let row = header + 1;
  for (const mix of aggregation.mixes) {
    const splits = aggregation.products.filter((p) => p.family === mix.family);
    if (splits.length === 0) continue;
    for (const [label, key] of PRODUCT_LINES) {
      const top = row;
      for (const split of splits) {
        grid.set(row, 0, text(label, "label"));
        grid.set(row, 1, text(mix.family));
        grid.set(row, 2, text(split.product));
        grid.set(row, 3, constant(split.share, PERCENT));
        split[key].forEach((v, t) => grid.set(row, first + t, constant(v, FORMAT.units)));
        grid.set(row, totalColumn, formula(`SUM(${cellAddress(row, first)}:${cellAddress(row, totalColumn - 1)})`, sum(Array.from(split[key])), FORMAT.units));
        row++;
      }
      grid.set(row, 0, text(label, "total"));
      grid.set(row, 1, text(mix.family, "total"));
      grid.set(row, 2, text("All products", "total"));
      grid.set(row, 3, formula(sumRows(3, top, row - 1), sum(splits.map((s) => s.share)), PERCENT, "total"));
      for (let c = first; c <= totalColumn; c++) {
        const t = c - first;
        const cached = sum(splits.map((s) => (c === totalColumn ? sum(Array.from(s[key])) : s[key][t])));
        grid.set(row, c, formula(sumRows(c, top, row - 1), cached, FORMAT.units, "total"));
      }
      row += 2;
    }
  }
  return {
    name,
    cells: grid.cells,
    columnWidths: [14, 18, 18, 8, ...periods.map((p) => Math.max(10, Math.min(30, p.length + 3))), 12],
    freeze: { rows: header + 1, columns: 4 },
    tabColor: TAB_COLOR,
  };
}

// ---------------------------------------------------------------------------------------------
// SOP Finance

type FinanceRow = "revenue" | keyof CostBreakdown | "totalCost" | "margin";
const FINANCE_ROWS: readonly FinanceRow[] = ["revenue", ...COST_KINDS, "totalCost", "margin"];
const FINANCE_LABEL: Record<FinanceRow, string> = { revenue: "Revenue", ...COST_LABEL, totalCost: "Total cost", margin: "Margin" };

const periodValue = (p: FinancePeriod, row: FinanceRow): number =>
  row === "revenue" ? p.revenue : row === "totalCost" ? p.totalCost : row === "margin" ? p.margin : p.costs[row];

/**
 * Line by line within a block: each product's line, then the family's (the SUM of its products),
 * so a family's revenue is one contiguous SUM. Total cost and margin are formulas on every line.
 */
function layoutFinance(analysis: PlanAnalysis, name: string): SheetSpec {
  const { finance } = analysis;
  const periods = finance.total.periods.map((p) => p.period);
  const T = periods.length;
  const totalColumn = T + 3;
  const grid = new SheetGrid();
  grid.set(0, 0, text("Financial projection of the recommended plans", "title"));
  grid.set(
    1,
    0,
    text(
      "Revenue, costs by kind and gross margin per period. A product's revenue is its price × its shipped units and its material its unit cost × its units made (Products Price and Unit cost, else Policy); the family's other costs are shared by units made plus subcontracted. Family and total lines, total cost and margin are formulas.",
      "note",
    ),
  );
  const header = 3;
  headerRow(grid, header, ["Family", "Product", "Line"], periods);

  /** The row of each line of each entry of a block, the entries' rows then the aggregate's. */
  interface Block {
    rowOf: Record<FinanceRow, number[]>;
  }
  const placeBlock = (top: number, entries: number): { block: Block; next: number } => {
    const rowOf = {} as Record<FinanceRow, number[]>;
    let row = top;
    for (const line of FINANCE_ROWS) {
      rowOf[line] = Array.from({ length: entries }, () => row++);
    }
    return { block: { rowOf }, next: row + 1 };
  };

  const cell = (row: number, c: number) => cellAddress(row, c);
  /** Writes one entry's lines: constants from `values` for revenue and costs unless `sources` gives formulas. */
  const writeEntry = (
    block: Block,
    e: number,
    keys: [string, string],
    financeLine: FinanceLine,
    sources: ((line: FinanceRow, c: number) => string) | null,
    style: CellStyle,
  ) => {
    for (const line of FINANCE_ROWS) {
      const row = block.rowOf[line][e];
      const isResult = line === "totalCost" || line === "margin";
      grid.set(row, 0, text(keys[0], style));
      grid.set(row, 1, text(keys[1], style));
      grid.set(row, 2, text(FINANCE_LABEL[line], isResult ? "total" : style));
      for (let c = 3; c <= totalColumn; c++) {
        const t = c - 3;
        const cached = c === totalColumn ? (line === "revenue" ? financeLine.revenue : line === "totalCost" ? financeLine.totalCost : line === "margin" ? financeLine.margin : financeLine.costs[line]) : periodValue(financeLine.periods[t], line);
        const cellStyle = isResult ? "total" : style === "total" ? "total" : undefined;
        if (c === totalColumn) {
          grid.set(row, c, formula(sumPeriods(row, 3, T), cached, FORMAT.money, cellStyle));
        } else if (line === "totalCost") {
          grid.set(row, c, formula(COST_KINDS.map((k) => cell(block.rowOf[k][e], c)).join("+"), cached, FORMAT.money, cellStyle));
        } else if (line === "margin") {
          grid.set(row, c, formula(`${cell(block.rowOf.revenue[e], c)}-${cell(block.rowOf.totalCost[e], c)}`, cached, FORMAT.money, cellStyle));
        } else if (sources) {
          grid.set(row, c, formula(sources(line, c), cached, FORMAT.money, cellStyle));
        } else {
          grid.set(row, c, constant(cached, FORMAT.money, cellStyle));
        }
      }
    }
  };

  // The total block first, where a reviewer looks; its formulas point at the family lines below.
  const { block: totalBlock, next } = placeBlock(header + 1, 1);
  let row = next;
  const familyLines: Block[] = [];
  const familyIndex: number[] = [];
  for (const family of finance.families) {
    const products = finance.products.filter((p) => p.family === family.family);
    const { block, next: after } = placeBlock(row, products.length + 1);
    products.forEach((p, i) => writeEntry(block, i, [family.family, p.product], p, null, "label"));
    const aggregate = products.length;
    writeEntry(
      block,
      aggregate,
      [family.family, products.length > 0 ? "All products" : ""],
      family,
      products.length > 0 ? (line, c) => sumRows(c, block.rowOf[line][0], block.rowOf[line][aggregate - 1]) : null,
      "total",
    );
    familyLines.push(block);
    familyIndex.push(aggregate);
    row = after;
  }
  writeEntry(
    totalBlock,
    0,
    ["All families", ""],
    finance.total,
    (line, c) => familyLines.map((b, f) => cell(b.rowOf[line][familyIndex[f]], c)).join("+"),
    "total",
  );
  const charts: ChartSpec[] = [];
  if (T > 0) {
    grid.set(row, 0, text("Revenue, cost and margin of all families", "subtitle"));
    const line = (r: FinanceRow, as: "column" | "line") => ({
      name: FINANCE_LABEL[r],
      label: { row: totalBlock.rowOf[r][0], column: 2 },
      values: { top: totalBlock.rowOf[r][0], left: 3, rows: 1, columns: T },
      as,
    });
    charts.push({
      name: "Finance chart",
      title: "Revenue, total cost and margin per period, all families",
      categories: { top: header, left: 3, rows: 1, columns: T },
      series: [line("revenue", "column"), line("totalCost", "column"), line("margin", "line")],
      stacked: false,
      valueFormat: "#,##0",
      anchor: { top: row + 1, left: 3, rows: ANALYSIS_CHART_ROWS, columns: ANALYSIS_CHART_COLUMNS },
    });
  }
  return {
    name,
    cells: grid.cells,
    columnWidths: [18, 18, 18, ...periods.map((p) => Math.max(12, Math.min(30, p.length + 3))), 14],
    freeze: { rows: header + 1, columns: 3 },
    tabColor: TAB_COLOR,
    ...(charts.length > 0 ? { charts } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// SOP Risks

const KIND_LABEL: Record<RiskKind, string> = {
  overload: "Overload",
  underutilization: "Under-utilisation",
  backlog: "Backlog",
  shortage: "Shortage",
  loss: "Loss",
  "forecast-gap": "Forecast gap",
  opportunity: "Opportunity",
};
/** Numbered, so sorting the table by severity keeps the most serious first. */
const SEVERITY_LABEL: Record<Severity, string> = { error: "1 High", warning: "2 Medium", info: "3 Info" };
const RISK_HEADERS = ["Kind", "Severity", "Family", "Product", "Resource", "Period", "Value", "Message"];

function layoutRisks(risks: readonly RiskFlag[], name: string, tableName: string): SheetSpec {
  const grid = new SheetGrid();
  grid.set(0, 0, text("Risks and opportunities", "title"));
  grid.set(
    1,
    0,
    text(
      risks.length > 0
        ? "Most serious first. Sort or filter the table by any column; the Value is in the unit the message gives (capacity units, product units or money)."
        : "No risk found: no overload, no under-used resource, no backlog or shortage, no loss, no forecast gap.",
      "note",
    ),
  );
  const header = 3;
  RISK_HEADERS.forEach((h, c) => grid.set(header, c, text(h, "header")));
  risks.forEach((flag, i) => {
    const row = header + 1 + i;
    const style: CellStyle | undefined = flag.severity === "error" ? "bad" : flag.kind === "opportunity" ? "good" : undefined;
    grid.set(row, 0, text(KIND_LABEL[flag.kind], style));
    grid.set(row, 1, text(SEVERITY_LABEL[flag.severity]));
    [flag.family, flag.product, flag.resource, flag.period].forEach((v, c) => grid.set(row, 2 + c, v === undefined ? null : text(v)));
    grid.set(row, 6, flag.value === undefined ? null : constant(flag.value, FORMAT.money));
    grid.set(row, 7, text(flag.message));
  });
  return {
    name,
    cells: grid.cells,
    columnWidths: [18, 11, 18, 18, 16, 12, 14, 100],
    // An Excel table needs a data row, even an empty one.
    tables: [{ name: tableName, top: header, left: 0, rows: Math.max(1, risks.length) + 1, columns: RISK_HEADERS.length, style: RISK_TABLE_STYLE }],
    freeze: { rows: header + 1, columns: 0 },
    tabColor: TAB_COLOR,
  };
}

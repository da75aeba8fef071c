// Lays out the SOP Summary: every plan of every family with its costs, the recommendations and a cost comparison.
import { COST_LABEL } from "../../template/schema";
import { serialOfLocalDate } from "../../template/dates";
import { ALL_STRATEGIES, COST_KINDS, type FamilyResult, STRATEGY_LABELS, type StrategyName, recommendation, recommendationSentence } from "../../engine";
import { cellAddress, cellReference, columnLetter, type CellLocation, type CellSpec, type ChartSpec, type SheetSpec, type TableSpec } from "../sheet";
import type { PlanCells, PlanTotalsAddress } from "./familySheet";
import { FORMAT, formula, SheetGrid, sum, sumRows, SUMMARY_TABLE_STYLE, TAB_COLOR, text } from "./kit";

export const SUMMARY_SHEET_NAME = "SOP Summary";

export interface LayoutOptions {
  /** When the plans were made, shown under the Summary's title; the layout itself never reads a clock. */
  plannedAt?: Date;
  /** Sheet names other layouts need unchanged (`SOP Versions`): a family never takes them. */
  reservedSheetNames?: readonly string[];
}

const SUMMARY_HEADERS = [
  "Family",
  "Strategy",
  "Feasible",
  "Total cost",
  ...COST_KINDS.map((k) => COST_LABEL[k]),
  "Revenue",
  "Margin",
  "Cost of goods sold",
  "P&L margin",
  "Shipped",
  "Unmet demand",
  "Revenue at risk",
  "Recommended",
];

function familyVerdict(result: FamilyResult): string[] {
  const lines: string[] = [];
  const { best: recommended } = recommendation(result);
  const sentence = `${result.family}: ${recommendationSentence(result, { label: (s) => STRATEGY_LABELS[s] })}`;
  lines.push(recommended && result.capacityError ? `Error: ${sentence}` : sentence);
  for (const note of recommended?.shortfallNotes ?? []) lines.push(`${result.family}: ${note}`);
  for (const plan of result.plans) {
    if (!plan.feasible) {
      const why = plan.violations[0]?.message ?? "a constraint is broken";
      lines.push(`${result.family}: ${STRATEGY_LABELS[plan.strategy]} is not feasible: ${why}.`);
    }
  }
  return lines;
}

/**
 * Where the Summary totals the recommended plans by period: all families' revenue and total cost
 * in period t (0-based). Other sheets read these cells instead of adding up one cell per family,
 * which would make a formula grow with the families past Excel's 8,192 characters.
 */
export interface PeriodTotalCells {
  revenue(periodIndex: number): CellLocation;
  totalCost(periodIndex: number): CellLocation;
  /** All families' P&L margin in period t (revenue − cost of goods sold − period costs). */
  grossMargin(periodIndex: number): CellLocation;
  /** All families' inventory value at the end of period t. */
  inventoryValue(periodIndex: number): CellLocation;
  /** All families' units (workers for the workforce lines) of a volume line in period t. */
  volume(line: VolumeLine, periodIndex: number): CellLocation;
}

/** The volumes of the review, in the order it reads them: units, except the workforce's. */
export const VOLUME_LINES = ["demand", "shipped", "unmet", "regular", "overtime", "subcontract", "inventory", "workers", "hired", "laidOff"] as const;
export type VolumeLine = (typeof VOLUME_LINES)[number];
export const VOLUME_LABEL: Record<VolumeLine, string> = {
  demand: "Demand",
  shipped: "Shipped",
  unmet: "Unmet demand",
  regular: "Regular",
  overtime: "Overtime",
  subcontract: "Subcontract",
  inventory: "Ending inventory",
  workers: "Workers",
  hired: "Hired",
  laidOff: "Laid off",
};
/** Workforce lines: whole workers unless some family plans fractional ones. */
export const WORKFORCE_LINES: ReadonlySet<VolumeLine> = new Set(["workers", "hired", "laidOff"]);

/** What the Summary needs to total the recommended plans by period: the periods and the family sheets' cells. */
export interface SummaryPeriods {
  periods: readonly string[];
  planCells: PlanCells;
}

export function layoutSummary(
  laidOut: { result: FamilyResult; totals: PlanTotalsAddress[] }[],
  tableName: string,
  options: LayoutOptions,
  byPeriod?: SummaryPeriods,
): SheetSpec & { periodTotals?: PeriodTotalCells } {
  const grid = new SheetGrid();
  grid.setTitle("S&OP plan summary");
  grid.setNote(
    "Every plan of every family with its costs, revenue and margin: Margin is the cash view (every cost in the period it is spent); P&L margin charges production when the units ship (cost of goods sold) and the period costs (hiring, layoffs, holding, backorders) in their period. The money columns are formulas that read the family sheets (SOP <family>), where the blue cells can be edited.",
  );
  if (options.plannedAt) {
    grid.set(2, 0, text("Planned", "label"));
    grid.set(2, 1, { value: serialOfLocalDate(options.plannedAt), format: FORMAT.dateTime });
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
        text(STRATEGY_LABELS[plan.strategy]),
        text(plan.feasible ? "Yes" : "No", plan.feasible ? undefined : "bad"),
        formula(at.totalCost, plan.totalCost, FORMAT.money, "total"),
        ...COST_KINDS.map((kind) => formula(at.costs[kind], plan.costs[kind], FORMAT.money)),
        formula(at.revenue, plan.revenue, FORMAT.money),
        formula(at.margin, plan.margin, FORMAT.money),
        formula(at.cogs, plan.cogs, FORMAT.money),
        formula(at.grossMargin, plan.grossMargin, FORMAT.money, "total"),
        formula(at.shipped, plan.shipped, FORMAT.units),
        // No unmet demand on the family sheet: none in any of its plans.
        at.unmet ? formula(at.unmet, plan.unmet, FORMAT.units) : { value: 0, format: FORMAT.units },
        at.revenueAtRisk ? formula(at.revenueAtRisk, plan.revenueAtRisk, FORMAT.money) : { value: 0, format: FORMAT.money },
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
    for (const line of familyVerdict(result)) grid.set(row++, 0, text(line, line.startsWith("Error: ") ? "bad" : undefined));
  }
  if (laidOut.length === 0) grid.set(row, 0, text("No family was planned.", "note"));
  const charts = costComparison(grid, row + 1, laidOut.map(({ result }) => result.family), feasibleRows, { first: headerRow + 1, last: headerRow + dataRows });
  const chartBottom = Math.max(0, ...charts.map((c) => c.anchor.top + c.anchor.rows));
  const periodTotals = byPeriod && recommendedByPeriod(grid, Math.max(grid.nextRow, chartBottom) + 1, laidOut, byPeriod);

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
    ...(periodTotals && { periodTotals }),
  };
}

/**
 * The recommended plan of each family by period, revenue then total cost, each cell reading its
 * family sheet, with a total over all families below each (one SUM of a column) and the margin;
 * then the volumes the same way (demand, shipped, unmet, production, ending inventory, workforce).
 * Nothing when no family has a recommended plan or there are no periods.
 */
function recommendedByPeriod(
  grid: SheetGrid,
  top: number,
  laidOut: { result: FamilyResult }[],
  { periods, planCells }: SummaryPeriods,
): PeriodTotalCells | undefined {
  const planned = laidOut.map(({ result }) => result).filter((r) => r.recommended !== null);
  const T = periods.length;
  if (T === 0 || planned.length === 0) return undefined;
  const planOf = (r: FamilyResult) => r.plans.find((p) => p.strategy === r.recommended)!;
  const periodCost = (r: FamilyResult, t: number) => sum(COST_KINDS.map((k) => planOf(r).periodCosts[t][k]));
  grid.set(top, 0, text("Recommended plans by period (the executive summary's totals)", "subtitle"));
  const header = top + 1;
  ["Family", "Line", ...periods].forEach((h, c) => grid.set(header, c, text(h, "header")));
  let row = header + 1;
  const totalRows = {} as Record<"revenue" | "totalCost" | "grossMargin" | "inventoryValue" | VolumeLine, number>;
  const workersFormat = planned.every((r) => planOf(r).periods.every((p) => Number.isInteger(p.workers))) ? FORMAT.wholeWorkers : FORMAT.fractionalWorkers;
  const lineRows = (line: "revenue" | "totalCost" | "grossMargin" | "inventoryValue" | VolumeLine, label: string, cachedOf: (r: FamilyResult, t: number) => number, format: string) => {
    const first = row;
    for (const result of planned) {
      grid.set(row, 0, text(result.family, "label"));
      grid.set(row, 1, text(label));
      for (let t = 0; t < T; t++) {
        const cell = planCells.location(result.family, result.recommended!, line, t);
        const cached = cachedOf(result, t);
        // A family sheet without an Unmet demand row has none to read: every plan serves all its demand.
        grid.set(row, 2 + t, cell ? formula(cellReference(cell), cached, format) : { value: cached, format });
      }
      row++;
    }
    grid.set(row, 0, text("All families", "total"));
    grid.set(row, 1, text(label, "total"));
    for (let t = 0; t < T; t++) {
      grid.set(row, 2 + t, formula(sumRows(2 + t, first, row - 1), sum(planned.map((r) => cachedOf(r, t))), format, "total"));
    }
    totalRows[line] = row++;
  };
  lineRows("revenue", "Revenue", (r, t) => planOf(r).periodRevenue[t], FORMAT.money);
  lineRows("totalCost", "Total cost", periodCost, FORMAT.money);
  grid.set(row, 0, text("All families", "total"));
  grid.set(row, 1, text("Margin (cash)", "total"));
  for (let t = 0; t < T; t++) {
    const margin = sum(planned.map((r) => planOf(r).periodRevenue[t] - periodCost(r, t)));
    grid.set(row, 2 + t, formula(`${cellAddress(totalRows.revenue, 2 + t)}-${cellAddress(totalRows.totalCost, 2 + t)}`, margin, FORMAT.money, "total"));
  }
  row++;
  lineRows("grossMargin", "P&L margin", (r, t) => planOf(r).periodGrossMargin[t], FORMAT.money);
  lineRows("inventoryValue", "Inventory value", (r, t) => planOf(r).periods[t].inventoryValue, FORMAT.money);
  for (const line of VOLUME_LINES) {
    lineRows(line, VOLUME_LABEL[line], (r, t) => planOf(r).periods[t][line], WORKFORCE_LINES.has(line) ? workersFormat : FORMAT.units);
  }
  const at = (r: number) => (t: number): CellLocation => ({ sheet: SUMMARY_SHEET_NAME, row: r, column: 2 + t });
  return {
    revenue: at(totalRows.revenue),
    totalCost: at(totalRows.totalCost),
    grossMargin: at(totalRows.grossMargin),
    inventoryValue: at(totalRows.inventoryValue),
    volume: (line, t) => at(totalRows[line])(t),
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
  strategies.forEach((s, i) => grid.set(header, 1 + i, text(STRATEGY_LABELS[s], "header")));
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
      series: strategies.map((s, i) => ({ name: STRATEGY_LABELS[s], label: { row: header, column: 1 + i }, values: line(1 + i), as: "column" as const })),
      stacked: false,
      valueFormat: "#,##0",
      anchor: { top: header, left: strategies.length + 2, rows: 16, columns: 7 },
    },
  ];
}

// Lays out SOP Finance: revenue, costs by kind and margin of the recommended plans, per product, family and in total.
import { COST_LABEL } from "../../template/schema";
import { type PlanAnalysis, type FinanceLine, type FinancePeriod, COST_KINDS, type CostBreakdown, PERIOD_COST_KINDS } from "../../engine";
import { cellAddress, type CellStyle, type ChartSpec, type SheetSpec } from "../sheet";
import { analysisChart, constant, FORMAT, formula, periodColumnWidths, SheetGrid, sumPeriods, sumRows, TAB_COLOR, text, type PeriodSeries } from "./kit";
import { headerRow } from "./periodHeader";

export const FINANCE_SHEET_NAME = "SOP Finance";


type FinanceRow = "revenue" | keyof CostBreakdown | "totalCost" | "margin" | "cogs" | "grossMargin" | "inventoryValue";
/** The cash view (every cost in its period), then the P&L view (engine/pnl.ts). */
const FINANCE_ROWS: readonly FinanceRow[] = ["revenue", ...COST_KINDS, "totalCost", "margin", "cogs", "grossMargin", "inventoryValue"];
const FINANCE_LABEL: Record<FinanceRow, string> = {
  revenue: "Revenue",
  ...COST_LABEL,
  totalCost: "Total cost",
  margin: "Margin (cash)",
  cogs: "Cost of goods sold",
  grossMargin: "P&L margin",
  inventoryValue: "Inventory value (end)",
};
/** Lines that are formulas of the entry's other lines on every entry. */
const RESULT_ROWS: ReadonlySet<FinanceRow> = new Set(["totalCost", "margin", "grossMargin"]);

const periodValue = (p: FinancePeriod, row: FinanceRow): number =>
  row === "revenue" ? p.revenue
  : row === "totalCost" ? p.totalCost
  : row === "margin" ? p.margin
  : row === "cogs" ? p.cogs
  : row === "grossMargin" ? p.grossMargin
  : row === "inventoryValue" ? p.inventoryValue
  : p.costs[row];

const lineValue = (l: FinanceLine, row: FinanceRow): number =>
  row === "revenue" ? l.revenue
  : row === "totalCost" ? l.totalCost
  : row === "margin" ? l.margin
  : row === "cogs" ? l.cogs
  : row === "grossMargin" ? l.grossMargin
  : row === "inventoryValue" ? (l.periods[l.periods.length - 1]?.inventoryValue ?? 0)
  : l.costs[row];

/**
 * Line by line within a block: all families first, then each family's line (the SUM of its
 * products), then each family's products, so every total is one SUM of a column range however
 * many families and products there are. Total cost and margin are formulas on every line.
 */
export function layoutFinance(analysis: PlanAnalysis, name: string): SheetSpec {
  const { finance } = analysis;
  const periods = finance.total.periods.map((p) => p.period);
  const T = periods.length;
  const totalColumn = T + 3;
  const grid = new SheetGrid();
  grid.setTitle("Financial projection of the recommended plans");
  grid.setNote(
    "Revenue, costs by kind and margin per period, two ways. Cash: Margin (cash) = revenue − every cost spent in the period. P&L: production and subcontract costs wait in stock at weighted average cost until the units ship (Cost of goods sold); P&L margin = revenue − cost of goods sold − hiring, layoff, holding and backorder costs; Inventory value is the stock at the end of the period at that cost. A product's revenue is its price × its share of the family's units shipped and its material its unit cost × its share of the units made (Products Price and Unit cost, else Policy; the share is its Mix, bottom-up its part of the period's product forecasts); the family's other costs are shared the same way. Each family line is its plan's revenue, cost and margin, as on its SOP sheet. Family and total lines, total cost and margin are formulas.",
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
      const isResult = RESULT_ROWS.has(line);
      grid.set(row, 0, text(keys[0], style));
      grid.set(row, 1, text(keys[1], style));
      grid.set(row, 2, text(FINANCE_LABEL[line], isResult ? "total" : style));
      for (let c = 3; c <= totalColumn; c++) {
        const t = c - 3;
        const cached = c === totalColumn ? lineValue(financeLine, line) : periodValue(financeLine.periods[t], line);
        const cellStyle = isResult ? "total" : style === "total" ? "total" : undefined;
        if (c === totalColumn && line === "inventoryValue") {
          // A stock: the value at the end of the horizon, not a sum.
          grid.set(row, c, T === 0 ? constant(cached, FORMAT.money, cellStyle) : formula(cell(row, c - 1), cached, FORMAT.money, cellStyle));
        } else if (c === totalColumn) {
          grid.set(row, c, formula(sumPeriods(row, 3, T), cached, FORMAT.money, cellStyle));
        } else if (line === "totalCost") {
          grid.set(row, c, formula(COST_KINDS.map((k) => cell(block.rowOf[k][e], c)).join("+"), cached, FORMAT.money, cellStyle));
        } else if (line === "margin") {
          grid.set(row, c, formula(`${cell(block.rowOf.revenue[e], c)}-${cell(block.rowOf.totalCost[e], c)}`, cached, FORMAT.money, cellStyle));
        } else if (line === "grossMargin") {
          const periodCosts = PERIOD_COST_KINDS.map((k) => cell(block.rowOf[k][e], c)).join("-");
          grid.set(row, c, formula(`${cell(block.rowOf.revenue[e], c)}-${cell(block.rowOf.cogs[e], c)}-${periodCosts}`, cached, FORMAT.money, cellStyle));
        } else if (sources) {
          grid.set(row, c, formula(sources(line, c), cached, FORMAT.money, cellStyle));
        } else {
          grid.set(row, c, constant(cached, FORMAT.money, cellStyle));
        }
      }
    }
  };

  // The total block first, where a reviewer looks; then every family's line, one under the other,
  // so a total over the families is one SUM of a column however many there are; then each family's
  // products, which its line adds up.
  const { block: totalBlock, next } = placeBlock(header + 1, 1);
  const families = finance.families;
  const { block: familyBlock, next: afterFamilies } = placeBlock(next, families.length);
  let row = afterFamilies;
  families.forEach((family, f) => {
    const products = finance.products.filter((p) => p.family === family.family);
    let sources: ((line: FinanceRow, c: number) => string) | null = null;
    if (products.length > 0) {
      const { block, next: after } = placeBlock(row, products.length);
      products.forEach((p, i) => writeEntry(block, i, [family.family, p.product], p, null, "label"));
      sources = (line, c) => sumRows(c, block.rowOf[line][0], block.rowOf[line][products.length - 1]);
      row = after;
    }
    writeEntry(familyBlock, f, [family.family, products.length > 0 ? "All products" : ""], family, sources, "total");
  });
  writeEntry(
    totalBlock,
    0,
    ["All families", ""],
    finance.total,
    families.length > 0 ? (line, c) => sumRows(c, familyBlock.rowOf[line][0], familyBlock.rowOf[line][families.length - 1]) : null,
    "total",
  );
  const charts: ChartSpec[] = [];
  if (T > 0) {
    grid.set(row, 0, text("Revenue, cost and margin of all families", "subtitle"));
    const line = (r: FinanceRow, as: "column" | "line"): PeriodSeries => ({ name: FINANCE_LABEL[r], label: { row: totalBlock.rowOf[r][0], column: 2 }, row: totalBlock.rowOf[r][0], as });
    charts.push(
      analysisChart({
        name: "Finance chart",
        title: "Revenue, total cost and margin (cash and P&L) per period, all families",
        header,
        firstPeriodColumn: 3,
        periodCount: T,
        series: [line("revenue", "column"), line("totalCost", "column"), line("margin", "line"), line("grossMargin", "line")],
        valueFormat: "#,##0",
        below: row,
      }),
    );
  }
  return {
    name,
    cells: grid.cells,
    columnWidths: [18, 18, 18, ...periodColumnWidths(periods, 12), 14],
    freeze: { rows: header + 1, columns: 3 },
    tabColor: TAB_COLOR.analysis,
    ...(charts.length > 0 ? { charts } : {}),
  };
}

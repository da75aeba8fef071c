// Lays out the SOP Budget section of SOP Variance: units shipped, revenue and P&L margin of the recommended plans against the Budget table, live.
import { BUDGET_MEASURE_LABEL, BUDGET_MEASURES, type BudgetComparisonLine, type BudgetLine, type BudgetMeasure, type FamilyResult } from "../../engine";
import { cellAddress, cellReference, type CellLocation, type CellSpec, type SheetSpec } from "../sheet";
import type { PlanCellRow, PlanCells } from "./familySheet";
import { FORMAT, SheetGrid } from "./kit";

/** The section's title: where the executive summary points a reader. */
export const BUDGET_SECTION_TITLE = "SOP Budget";

/** The family sheet's line each budget measure is compared with. */
const PLAN_ROW: Record<BudgetMeasure, PlanCellRow> = { units: "shipped", revenue: "revenue", margin: "grossMargin" };

export interface BudgetSectionInput {
  periods: readonly string[];
  /** The engine's comparison (budgetComparison): the cached values. */
  lines: readonly BudgetComparisonLine[];
  /** The Budget table's rows, with the cells they were read from. */
  budget: readonly BudgetLine[];
  results: readonly FamilyResult[];
  planCells: PlanCells;
}

/** Where the section keeps each family's (null: all families') horizon totals. */
export interface BudgetTotalCells {
  total(family: string | null, measure: BudgetMeasure, side: "plan" | "budget"): CellLocation | undefined;
}

const formula = (f: string, cached: number, format: string, style?: CellSpec["style"]): CellSpec => ({ formula: f, cached, format, ...(style && { style }) });

/**
 * Per measure (units shipped, revenue, P&L margin): each family's plan by period (its family
 * sheet's cells), all families' (a SUM of the rows above), then the budget the same way (the Budget
 * table's cells), then plan − budget. Money and units are whole numbers. Returns the next free row.
 */
export function layoutBudgetSection(grid: SheetGrid, top: number, sheetName: string, input: BudgetSectionInput): { next: number; cells: BudgetTotalCells } {
  const { periods, lines, budget, results, planCells } = input;
  const T = periods.length;
  const totalColumn = 2 + T;
  const totals = new Map<string, CellLocation>();
  const key = (family: string | null, measure: BudgetMeasure, side: "plan" | "budget") => `${family ?? "\u0000all"}\u0000${measure}\u0000${side}`;
  let row = top;
  grid.set(row++, 0, { value: `${BUDGET_SECTION_TITLE}: the recommended plans against the Budget table (units shipped, revenue, and P&L margin: revenue − cost of goods sold − period costs)`, style: "subtitle" });
  for (const measure of BUDGET_MEASURES) {
    const own = lines.filter((l) => l.measure === measure);
    const families = own.filter((l): l is BudgetComparisonLine & { family: string } => l.family !== null);
    const all = own.find((l) => l.family === null);
    if (families.length === 0 || !all) continue;
    const format = FORMAT.units;
    grid.set(row++, 0, { value: BUDGET_MEASURE_LABEL[measure], style: "subtitle" });
    const header = row++;
    ["Family", "Line", ...periods, "Total"].forEach((h, c) => grid.set(header, c, { value: h, style: "header" }));
    const block = (side: "plan" | "budget", label: string, cellOf: (family: string, t: number) => CellLocation | undefined, cached: (l: BudgetComparisonLine) => number[]) => {
      const first = row;
      for (const line of families) {
        grid.set(row, 0, { value: line.family, style: "label" });
        grid.set(row, 1, { value: label });
        for (let t = 0; t < T; t++) {
          const cell = cellOf(line.family, t);
          grid.set(row, 2 + t, cell ? formula(cellReference(cell), cached(line)[t], format) : { value: cached(line)[t], format });
        }
        grid.set(row, totalColumn, formula(`SUM(${cellAddress(row, 2)}:${cellAddress(row, 1 + T)})`, cached(line).reduce((a, b) => a + b, 0), format, "total"));
        totals.set(key(line.family, measure, side), { sheet: sheetName, row, column: totalColumn });
        row++;
      }
      grid.set(row, 0, { value: "All families", style: "total" });
      grid.set(row, 1, { value: label, style: "total" });
      for (let c = 2; c <= totalColumn; c++) {
        const cachedValue = c === totalColumn ? cached(all).reduce((a, b) => a + b, 0) : cached(all)[c - 2];
        grid.set(row, c, formula(`SUM(${cellAddress(first, c)}:${cellAddress(row - 1, c)})`, cachedValue, format, "total"));
      }
      totals.set(key(null, measure, side), { sheet: sheetName, row, column: totalColumn });
      return { first, last: row++ };
    };
    const plan = block(
      "plan",
      "Plan",
      (family, t) => {
        const result = results.find((r) => r.family === family);
        return result?.recommended ? planCells.location(family, result.recommended, PLAN_ROW[measure], t) : undefined;
      },
      (l) => l.plan,
    );
    const budgeted = block(
      "budget",
      "Budget",
      (family, t) => {
        const cell = budget.find((b) => b.family === family && b.measure === measure)?.cells?.[t];
        return cell && { sheet: cell.sheet, row: cell.row, column: cell.column };
      },
      (l) => l.budget,
    );
    // Plan − budget, row for row of the two blocks above.
    [...families, all].forEach((line, i) => {
      grid.set(row, 0, { value: line.family ?? "All families", style: line.family === null ? "total" : "label" });
      grid.set(row, 1, { value: "Plan − budget", style: "total" });
      for (let c = 2; c <= totalColumn; c++) {
        const cached = c === totalColumn ? line.varianceTotal : line.variance[c - 2];
        const style = cached < -0.5 ? "warn" : "total";
        grid.set(row, c, formula(`${cellAddress(plan.first + i, c)}-${cellAddress(budgeted.first + i, c)}`, cached, format, style));
      }
      row++;
    });
    row++;
  }
  return { next: row, cells: { total: (family, measure, side) => totals.get(key(family, measure, side)) } };
}

/** SOP Variance when no version is compared but the workbook has a Budget table: the SOP Budget section alone. */
export function layoutBudgetOnlyVarianceSheet(input: BudgetSectionInput, sheetName: string): { sheet: SheetSpec; cells: BudgetTotalCells } {
  const grid = new SheetGrid();
  grid.set(0, 0, { value: "Variance to budget", style: "title" });
  grid.set(1, 0, {
    value: "This plan against the Budget table. No saved version is compared (save one to see the change since it here too). Plan cells read the family sheets' recommended plans, budget cells the Budget table; every difference is a live formula.",
    style: "note",
  });
  const { cells } = layoutBudgetSection(grid, 3, sheetName, input);
  return {
    sheet: {
      name: sheetName,
      cells: grid.cells,
      columnWidths: [Math.max(18, ...input.lines.map((l) => Math.min(30, (l.family ?? "").length + 2))), 16, ...input.periods.map(() => 14), 14],
      freeze: { rows: 0, columns: 2 },
      tabColor: "7F6000",
    },
    cells,
  };
}

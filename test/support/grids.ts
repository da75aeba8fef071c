// Hand-built blocks of cells for the parser tests: rows typed as they would appear in Excel.
import type { DateCell, ErrorCell, RawCell, RawTable } from "../../src/workbook/raw";
import type { SheetSpec } from "../../src/workbook/sheet";
import type { TemplateTables } from "../../src/workbook/tables";

export type Grid = RawCell[][];

/** A worksheet's used range: `sheet` named like the sheet, its first cell at (top, left), 0-based. */
export function sheetBlock(sheet: string, values: Grid, top = 0, left = 0): RawTable {
  return { name: sheet, sheet, top, left, values, isTable: false };
}

/** A planner sheet as a host reads it back: its used range from A1, dates as date cells. */
export function readBackSheet(sheet: SheetSpec): RawTable {
  const values: RawCell[][] = sheet.cells.map((line) =>
    line.map((cell) => {
      if (!cell || cell.value === undefined) return null;
      if (cell.format?.startsWith("yyyy") && typeof cell.value === "number") return { date: cell.value };
      return cell.value;
    }),
  );
  return sheetBlock(sheet.name, values);
}

/** An Excel table (ListObject) named `name` on `sheet`; its first row is the header. */
export function excelTable(name: string, sheet: string, values: Grid, top = 0, left = 0): RawTable {
  return { name, sheet, top, left, values, isTable: true };
}

/** An Excel date serial (days since 1899-12-30) for a calendar date; month is 1-12. */
export function date(year: number, month: number, day: number): DateCell {
  return { date: (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000 };
}

export function errorValue(code: string): ErrorCell {
  return { error: code };
}

export const PERIODS = ["Jan 2027", "Feb 2027", "Mar 2027"];

/**
 * A complete, valid workbook, every table on a sheet of its own name from A1:
 * - Tools has a family row (300, 100, 200) and products Drill and Saw that sum to it;
 *   Garden has only products (Hose, Rake), so its demand is their sum (60, 90, 120).
 * - Forecast's period headers are dates; the other tables type them as text.
 */
export function happyGrids(): Record<"forecast" | "products" | "capacity" | "policy" | "plan", Grid> {
  return {
    forecast: [
      ["Family", "Product", date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1)],
      ["Tools", null, 300, 100, 200],
      ["Tools", "Drill", 200, 60, 120],
      ["Tools", "Saw", 100, 40, 80],
      ["Garden", "Hose", 50, 70, 90],
      ["Garden", "Rake", 10, 20, 30],
    ],
    products: [
      ["Product", "Family", "Mix", "Price ($)", "unit_cost", "Line 1 (h)"],
      ["Drill", "Tools", 0.6, 80, 30, 0.5],
      ["Saw", "Tools", 0.4, 120, 45, null],
      ["Hose", "Garden", null, 25, null, 0.1],
    ],
    capacity: [
      ["Resource", ...PERIODS],
      ["Working days", 20, 19, 21],
      ["Line 1", 160, 152, 168],
    ],
    policy: [
      ["Parameter", "Value", "Garden"],
      ["Labor hours per unit", 2, null],
      ["Hours per worker per day", 8, null],
      ["Initial workers", 10, 4],
      ["Holding cost per unit", 1.5, null],
      ["Holding cost basis", "Average", null],
      ["Backorder cost per unit", null, 5],
      ["Integer workers", "Yes", "No"],
      ["Price per unit ($)", 100, 30],
    ],
    plan: [
      ["Family", "Row", ...PERIODS],
      ["Tools", "Workers", 10, 10, 10],
      ["Tools", "Regular", 280, 120, 200],
    ],
  };
}

/** Template tables from grids, each a worksheet of the table's title from A1. */
export function tablesFrom(grids: Partial<Record<keyof TemplateTables, Grid>>): TemplateTables {
  const titles = { forecast: "Forecast", products: "Products", capacity: "Capacity", policy: "Policy", plan: "Plan", actuals: "Actuals", forecastinputs: "Forecast inputs", budget: "Budget" };
  const tables: TemplateTables = {};
  for (const key of Object.keys(titles) as (keyof TemplateTables)[]) {
    const grid = grids[key];
    if (grid) tables[key] = sheetBlock(titles[key], grid);
  }
  return tables;
}

/** The smallest plannable workbook: one family, the given demand, 50 units per worker per period. */
export function minimalGrids(demand: RawCell[] = [100, 200]): { forecast: Grid; policy: Grid } {
  const periods = demand.map((_, i) => `P${i + 1}`);
  return {
    forecast: [
      ["Family", "Product", ...periods],
      ["Tools", null, ...demand],
    ],
    policy: [
      ["Parameter", "Value"],
      ["Units per worker per period", 50],
    ],
  };
}

// How the planner names the cells it talks about (names typed by people compare as src/template/schema.ts says).
import type { TableGrid } from "../template/tableGrid";
import type { RawTable } from "./raw";
import { cellAddress, quoteSheetName } from "./sheet";

/**
 * The address of a cell of a block, with its sheet, as Excel writes it: `Forecast!D7`,
 * `'My Sheet'!D7`. `row` and `col` are 0-based indices into `table.values`.
 */
export function cellRef(table: RawTable, row: number, col: number): string {
  return `${quoteSheetName(table.sheet)}!${cellAddress(table.top + row, table.left + col)}`;
}

/** A block as the template's readers see it: its cells, named as Excel names them, rows as Excel numbers them. */
export function gridOf(table: RawTable): TableGrid {
  return { values: table.values, sheet: table.sheet, at: (row, col) => cellRef(table, row, col), rowNumber: (row) => table.top + row + 1 };
}

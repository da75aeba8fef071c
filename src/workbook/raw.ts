// Cells as a host hands them over: the one shape both Office.js and ExcelJS readers produce.

/** An error value in a cell, such as `#N/A` or `#DIV/0!`. */
export interface ErrorCell {
  error: string;
}

/** A date in a cell, as an Excel serial number (days since 1899-12-30, fractional for time). */
export interface DateCell {
  date: number;
}

export type RawCell = string | number | boolean | null | ErrorCell | DateCell;

/**
 * A block of cells read from a workbook: an Excel table (header row included) or a worksheet's
 * used range. `top` and `left` are the 0-based row and column of `values[0][0]` on `sheet`,
 * so any cell can be named (`Forecast!D7`).
 */
export interface RawTable {
  /** Name of the Excel table, or of the worksheet when read from a sheet's used range. */
  name: string;
  sheet: string;
  top: number;
  left: number;
  values: RawCell[][];
  /** True when the block is an Excel table (its first row is the header by definition). */
  isTable: boolean;
  /**
   * The merged areas that touch the block, in sheet coordinates (0-based, inclusive), when the
   * host reports them; a merged area's value is in its top-left cell, the others read as blank.
   */
  merges?: readonly CellArea[];
}

/** A rectangle of cells on a sheet: 0-based, inclusive bounds. */
export interface CellArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function isErrorCell(cell: RawCell): cell is ErrorCell {
  return typeof cell === "object" && cell !== null && "error" in cell;
}

export function isDateCell(cell: RawCell): cell is DateCell {
  return typeof cell === "object" && cell !== null && "date" in cell;
}

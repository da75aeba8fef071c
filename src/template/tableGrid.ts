// A template table as every front end hands it over (a workbook block, a function's range): its cells, how its cells and rows are named, its header layout, and the words for a row's problems.
import { cellMessage, describeCell, quote, type CellRule } from "./cellMessages";
import { isBlankCell, type Reading } from "./cellReading";
import type { MessageLog } from "./messageLog";
import { normalizeName, TEMPLATE_TABLE_INFO, type TemplateTableName } from "./schema";

export interface TableGrid {
  /** The rows of cells, the header row first. */
  values: readonly (readonly unknown[])[];
  /** Where the rows are, as a message names it: the sheet `Policy`, the argument `policy`. */
  sheet: string;
  /** A cell's address for messages (0-based row and column of `values`): `Policy!B5`, `policy[5,2]`. */
  at(row: number, col: number): string;
  /** A row's number as its user counts rows: the sheet's row, or the range's. */
  rowNumber(row: number): number;
}

/** Only the cells, for what needs no names. */
type Cells = Pick<TableGrid, "values">;

export function cellAt(grid: Cells, row: number, col: number): unknown {
  return grid.values[row]?.[col] ?? null;
}

/** A header cell for a message: its text quoted, or what it holds. */
export function headerText(cell: unknown): string {
  return typeof cell === "string" ? quote(cell) : describeCell(cell);
}

export function isHeaderNamed(cell: unknown, key: string): boolean {
  return typeof cell === "string" && normalizeName(cell) === normalizeName(key);
}

/** The column of each key in a header row, found by name (-1 when missing), in the order asked. */
export function findKeyColumns(header: readonly unknown[], keys: readonly string[]): number[] {
  return keys.map((key) => header.findIndex((cell) => isHeaderNamed(cell, key)));
}

/** The number of columns up to the last non-blank header cell. */
export function headerWidth(grid: Cells): number {
  const header = grid.values[0] ?? [];
  for (let c = header.length - 1; c >= 0; c--) if (!isBlankCell(header[c])) return c + 1;
  return 0;
}

/** Row indices below the header that hold anything within the table's columns. */
export function dataRows(grid: Cells, width: number): number[] {
  const rows: number[] = [];
  for (let r = 1; r < grid.values.length; r++) {
    if (grid.values[r].slice(0, width).some((cell) => !isBlankCell(cell))) rows.push(r);
  }
  return rows;
}

export function columnHasData(grid: Cells, col: number): boolean {
  return grid.values.slice(1).some((row) => !isBlankCell(row[col]));
}

export function tableTitle(name: TemplateTableName): string {
  return TEMPLATE_TABLE_INFO[name].title;
}

/** Where a table's columns are: its key columns, then the columns after them up to the last header. */
export interface TableColumns {
  /** Column of each key, in the order the keys were asked for. */
  keyColumns: number[];
  /** Columns after the last key column: periods, or Policy's family columns. */
  dataColumns: number[];
  /** Columns from here on have no header and are ignored. */
  width: number;
}

/**
 * The columns of a table whose key columns were found: a warning for a header left of the last key
 * that is none of the table's, and one for the first cell with data right of the last header.
 */
export function tableColumns(grid: TableGrid, name: TemplateTableName, keyColumns: number[], log: MessageLog): TableColumns {
  const lastKey = Math.max(...keyColumns);
  const width = Math.max(headerWidth(grid), lastKey + 1);
  const header = grid.values[0];
  for (let c = 0; c < lastKey; c++) {
    if (keyColumns.includes(c) || isBlankCell(header[c])) continue;
    const ref = grid.at(0, c);
    log.warning(ref, `${ref} ${headerText(header[c])} is not a ${tableTitle(name)} column, so the column is ignored.`);
  }
  warnBeyondHeader(grid, name, width, log);
  const dataColumns = Array.from({ length: width - lastKey - 1 }, (_, i) => lastKey + 1 + i);
  return { keyColumns, dataColumns, width };
}

/** A warning for the first cell with data right of the last header: a forgotten header hides data. */
export function warnBeyondHeader(grid: TableGrid, name: TemplateTableName, width: number, log: MessageLog): void {
  for (let r = 1; r < grid.values.length; r++) {
    const c = grid.values[r].findIndex((cell, i) => i >= width && !isBlankCell(cell));
    if (c < 0) continue;
    const ref = grid.at(r, c);
    const where = `right of the last column with a header in ${tableTitle(name)}`;
    log.warning(ref, `${ref} is ${where}, so it is ignored; give its column a header.`);
    return;
  }
}

/** An error for a row that repeats an earlier one (`what`, e.g. `"Line 1"`), naming both rows. */
export function reportDuplicateRow(log: MessageLog, grid: TableGrid, col: number, rows: [number, number], what: string): void {
  const [first, second] = rows;
  const ref = grid.at(second, col);
  const numbers = `${grid.rowNumber(first)} and ${grid.rowNumber(second)}`;
  const refs = `${grid.at(first, col)} and ${ref}`;
  log.error(ref, `${grid.sheet} rows ${numbers} are both ${what} (${refs}); keep one row.`);
}

/** An error for a row with data whose key cell (`what`, e.g. `Family`) is blank. */
export function reportMissingKey(log: MessageLog, grid: TableGrid, row: number, col: number, what: string, advice = ""): void {
  const ref = grid.at(row, col);
  log.error(ref, `${ref} has no ${what}, but row ${grid.rowNumber(row)} of ${grid.sheet} has data.${advice}`);
}

/** Logs the message for a cell the kernel could not read; `rule` says what the cell is for. */
export function reportCell<T>(reading: Reading<T>, grid: TableGrid, row: number, col: number, rule: CellRule, log: MessageLog): Reading<T> {
  if (reading.kind === "bad") {
    const ref = grid.at(row, col);
    log.error(ref, cellMessage(ref, reading.reason, reading.cell, rule));
  }
  return reading;
}

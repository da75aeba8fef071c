// The host-neutral description of output sheets: one layout, written by the Office.js and ExcelJS writers.

/** A constant cell value. Strings are always text, never parsed as formulas by a writer. */
export type CellValue = string | number | boolean | null;

/** Named cell styles; each writer maps them to its host's fonts, fills and borders. */
export type CellStyle =
  | "title"
  | "subtitle"
  | "header"
  | "label"
  | "input"
  | "total"
  | "note"
  | "good"
  | "bad"
  | "warn";

export interface CellSpec {
  /** A constant. Ignored when `formula` is set. */
  value?: CellValue;
  /** An A1-style formula without the leading `=`, e.g. `MAX(0,C12-B12)`. */
  formula?: string;
  /** The value the engine computed for `formula`; file writers store it as the cached result. */
  cached?: CellValue;
  /** Excel number format, e.g. `#,##0` or `0.0%`. */
  format?: string;
  style?: CellStyle;
}

/** An Excel table over a rectangle of the sheet; its first row is the header row. */
export interface TableSpec {
  /** Workbook-unique table name (letters, digits, `_`). */
  name: string;
  /** 0-based top-left cell and size (rows include the header row). */
  top: number;
  left: number;
  rows: number;
  columns: number;
  /** Built-in table style, e.g. `TableStyleMedium2`. */
  style: string;
  showTotalsRow?: false;
}

export interface SheetSpec {
  name: string;
  /** Row-major from A1; `null` or a missing entry is an empty cell. */
  cells: (CellSpec | null)[][];
  /** Column widths in characters, from column A. */
  columnWidths?: number[];
  tables?: TableSpec[];
  /** Frozen panes: rows above and columns left of the split. */
  freeze?: { rows: number; columns: number };
  tabColor?: string;
  /** Rules that colour cells by their value, re-evaluated by the spreadsheet as the values change. */
  conditionalFormats?: ConditionalFormatSpec[];
  /** Charts over this sheet's own cells: they follow the cells as a reviewer edits them. */
  charts?: ChartSpec[];
  /** How the sheet prints; absent: the host's defaults. Both writers set every field given. */
  pageSetup?: PageSetupSpec;
}

/** How a sheet prints: orientation, scaling to fit, the rows every page repeats, the print area and page breaks. */
export interface PageSetupSpec {
  orientation: "landscape" | "portrait";
  /** Scale so the print area is at most this many pages wide (1: never a page to the right). */
  fitToPagesWide: number;
  /** …and this many pages tall; 0: as many as the rows need. */
  fitToPagesTall: number;
  /** Rows printed at the top of every page (0-based, inclusive). */
  repeatRows?: { first: number; last: number };
  /** What prints (0-based); absent: the used range. */
  printArea?: RangeSpec;
  /** 0-based rows that start a new page (manual breaks, e.g. so a chart is not cut). */
  rowBreaks?: number[];
}

/** A rectangle of cells on the chart's own sheet, 0-based. */
export interface RangeSpec {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

/** One series: a one-row or one-column range of values, drawn as columns or as a line. */
export interface ChartSeriesSpec {
  /** The legend entry (the row's label, as text). */
  name: string;
  /**
   * The cell holding `name` (the row's label), when there is one: the legend links to it, so a
   * renamed row renames the series. Every viewer reads a linked name the same way, whatever it holds.
   */
  label?: { row: number; column: number };
  values: RangeSpec;
  /** `column` series of one chart stack when the chart is `stacked`; `line` series draw over them. */
  as: "column" | "line";
  /**
   * The columns' colour as `RRGGBB`, or `none`: drawn invisible and left out of the legend (the base
   * a waterfall's steps stand on). Absent: the chart's palette.
   */
  fill?: string;
  /** false: no legend entry (the second part of a series the legend already names). */
  legend?: boolean;
}

/**
 * A chart of the periods across: columns (stacked or side by side) and lines on one value axis,
 * the categories (period headers) along the bottom. Placed over empty cells the layout reserves.
 */
export interface ChartSpec {
  /** Unique within the sheet (letters, digits, spaces). */
  name: string;
  title: string;
  /** The category labels: a range of the same length as every series. */
  categories: RangeSpec;
  series: ChartSeriesSpec[];
  /** Column series stacked on each other (true) or side by side (false). */
  stacked: boolean;
  /** Number format of the value axis, e.g. `#,##0` or `0%`. */
  valueFormat: string;
  /** The cells the chart covers: its top-left cell and its size in whole rows and columns. */
  anchor: RangeSpec;
}

/**
 * A cell-value rule over a rectangle: cells whose value compares so with `value` take the font
 * colour and fill of `style`. Text, blank and error cells never match.
 */
export interface ConditionalFormatSpec {
  /** 0-based top-left cell and size. */
  top: number;
  left: number;
  rows: number;
  columns: number;
  operator: "greaterThan" | "lessThan";
  value: number;
  style: CellStyle;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
}

/**
 * A sheet as a layout hands it over one at a time, so a writer can write it and let it go
 * before the next is made. It goes after the sheets handed over before it, or at position `at`
 * among them (0: first; the summary is laid out last but comes first).
 */
export interface PlacedSheet {
  sheet: SheetSpec;
  at?: number;
}

/** The sheets of placed sheets in their final order. */
export function placeSheets(placed: Iterable<PlacedSheet>): SheetSpec[] {
  const sheets: SheetSpec[] = [];
  for (const { sheet, at } of placed) {
    if (at === undefined || at >= sheets.length) sheets.push(sheet);
    else sheets.splice(Math.max(0, at), 0, sheet);
  }
  return sheets;
}

/** A cell of a sheet, 0-based: how one layout points another at the cells it reads. */
export interface CellLocation {
  sheet: string;
  row: number;
  column: number;
}

/**
 * A formula's sum of cells, as short as it can be: cells next to each other on one sheet become
 * one range (`'SOP Versions'!$F$5:$F$16`), the rest are listed; `0` when there are none.
 */
export function sumOfCells(cells: readonly CellLocation[]): string {
  if (cells.length === 0) return "0";
  const runs: string[] = [];
  let start = 0;
  const address = (c: CellLocation) => cellAddress(c.row, c.column, true);
  for (let i = 1; i <= cells.length; i++) {
    const prev = cells[i - 1];
    const next = cells[i];
    const continues =
      next !== undefined &&
      next.sheet === prev.sheet &&
      ((next.column === prev.column && next.row === prev.row + 1 && cells[start].column === prev.column) ||
        (next.row === prev.row && next.column === prev.column + 1 && cells[start].row === prev.row));
    if (continues) continue;
    const first = cells[start];
    const sheet = quoteSheetName(first.sheet);
    runs.push(start === i - 1 ? `${sheet}!${address(first)}` : `${sheet}!${address(first)}:${address(prev)}`);
    start = i;
  }
  // Excel's SUM takes at most 255 arguments; more runs are summed in groups.
  const groups: string[] = [];
  for (let i = 0; i < runs.length; i += 200) groups.push(`SUM(${runs.slice(i, i + 200).join(",")})`);
  return groups.length === 1 ? groups[0] : groups.join("+");
}

/** A reference to one cell from another sheet: `'SOP Drills'!$C$40`. */
export function cellReference(cell: CellLocation): string {
  return `${quoteSheetName(cell.sheet)}!${cellAddress(cell.row, cell.column, true)}`;
}

/** Column letters for a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A1 address of a 0-based row and column, optionally absolute (`$C$5`). */
export function cellAddress(row: number, column: number, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${columnLetter(column)}${d}${row + 1}`;
}

// Excel's rule for a sheet name, once: the layout makes names that keep it, the .xlsx writer refuses one that breaks it.

export const SHEET_NAME_MAX = 31;

/** Characters Excel refuses in a sheet name: [ ] : * ? / \ and control characters. */
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\\p{Cc}]/gu;

/** Why Excel would refuse (or repair a file with) a sheet name; null when it accepts it. */
export function sheetNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > SHEET_NAME_MAX) return `sheet name "${name}" must have 1 to ${SHEET_NAME_MAX} characters`;
  if (name.search(SHEET_NAME_FORBIDDEN) >= 0) return `sheet name "${name}" holds one of [ ] : * ? / \\ or a control character`;
  if (name.startsWith("'") || name.endsWith("'")) return `sheet name "${name}" starts or ends with an apostrophe`;
  if (name.toLowerCase() === "history") return '"History" is reserved by Excel and cannot name a sheet';
  return null;
}

/** Text with every character Excel refuses in a sheet name replaced by `_`. */
export function withSheetNameCharacters(text: string): string {
  return text.replace(SHEET_NAME_FORBIDDEN, "_");
}

/** A sheet name quoted for use in a formula or an address: `'SOP Summary'!B3`. */
export function quoteSheetName(sheet: string): string {
  // Names that read as a cell (`Q1`, `R1C1`) must be quoted too, or Excel takes them as references.
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet) && !/^R\d*C\d*$/i.test(sheet);
  return plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** Splits `'My Sheet'!D7` into the sheet name (quotes removed) and the cell; `D7` has no sheet. */
export function splitSheetAddress(address: string): { sheet: string | null; cell: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, cell: address.trim() };
  const rawSheet = address.slice(0, bang).trim();
  const sheet = rawSheet.startsWith("'") && rawSheet.endsWith("'") ? rawSheet.slice(1, -1).replace(/''/g, "'") : rawSheet;
  return { sheet, cell: address.slice(bang + 1).trim() };
}

/** The 0-based row and column of an A1 reference, or of the first cell of `B3:F10`. */
export function parseCellReference(reference: string): { row: number; column: number } {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)/.exec(reference);
  if (!match) throw new Error(`Not a cell address: '${reference}'.`);
  let column = 0;
  for (const letter of match[1].toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, column: column - 1 };
}

// The shared kit of every sheet layout: number formats, colours, names Excel accepts, a grid under construction and cell makers.
import { cellAddress, SHEET_NAME_MAX, withSheetNameCharacters, type CellSpec, type CellStyle, type ChartSpec } from "../sheet";

export const FORMAT = {
  units: "#,##0",
  money: "#,##0.00",
  rate: "#,##0.00",
  hoursPerUnit: "#,##0.00##",
  wholeWorkers: "#,##0",
  fractionalWorkers: "#,##0.0",
  date: "yyyy-mm-dd",
  dateTime: "yyyy-mm-dd hh:mm",
  share: "0.0%",
} as const;

export const PERCENT = "0.0%";

export const TAB_COLOR = { summary: "1F4E79", family: "2E75B6", analysis: "548235" } as const;
export const PLAN_TABLE_STYLE = "TableStyleLight1";
export const SUMMARY_TABLE_STYLE = "TableStyleLight1";
export const INPUT_TABLE_STYLE = "TableStyleMedium2";
export const RISK_TABLE_STYLE = "TableStyleMedium2";


// ---------------------------------------------------------------------------------------------
// Names Excel accepts

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
  const cleaned = withSheetNameCharacters(family).replace(/\s+/g, " ").trim();
  return `SOP ${cleaned || "family"}`.slice(0, SHEET_NAME_MAX).replace(/'+$/, "").trimEnd();
}

/** A name Excel accepts for a table as it is (letters in any script, digits, `_`, `.`, `\\`). */
export const VALID_TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]{0,254}$/u;

/** A table name Excel accepts: letters, digits and `_`, starting with a letter (our names start `SOP_`). */
export function tableBaseName(...parts: string[]): string {
  const joined = parts.map((p) => p.replace(/[^A-Za-z0-9_]+/g, "_")).join("_");
  const collapsed = joined.replace(/_+/g, "_").replace(/_$/, "");
  return /^[A-Za-z_]/.test(collapsed) ? collapsed : `T_${collapsed}`;
}

// ---------------------------------------------------------------------------------------------
// A sheet under construction

/** Below this, a figure is the arithmetic's residue (1.1368683772161603e-13), not a quantity: written as 0. */
const RESIDUE = 1e-9;

/** A cell whose number (or a formula's cached number) is a residue or −0, written as 0. */
function withoutResidue(cell: CellSpec): CellSpec {
  const clean = (n: unknown) => typeof n === "number" && Math.abs(n) < RESIDUE && !Object.is(n, 0);
  if (!clean(cell.value) && !clean(cell.cached)) return cell;
  return { ...cell, ...(clean(cell.value) && { value: 0 }), ...(clean(cell.cached) && { cached: 0 }) };
}

export class SheetGrid {
  readonly cells: (CellSpec | null)[][] = [];

  set(row: number, column: number, cell: CellSpec | null): void {
    while (this.cells.length <= row) this.cells.push([]);
    const line = this.cells[row];
    while (line.length < column) line.push(null);
    line[column] = cell && withoutResidue(cell);
  }

  /** The sheet's title, in A1. */
  setTitle(title: string): void {
    this.set(0, 0, text(title, "title"));
  }

  /** What the sheet shows and how, under the title (A2). */
  setNote(note: string): void {
    this.set(1, 0, text(note, "note"));
  }

  /** Index of the next empty row after everything written so far. */
  get nextRow(): number {
    return this.cells.length;
  }
}

/** Widths of period columns: the label's length and a little, from `least` to 30 characters. */
export const periodColumnWidths = (periods: readonly string[], least: number): number[] => periods.map((p) => Math.max(least, Math.min(30, p.length + 3)));

export const text = (value: string, style?: CellStyle): CellSpec => (style ? { value, style } : { value });
export const constant = (value: number, format: string, style?: CellStyle): CellSpec => (style ? { value, format, style } : { value, format });
/** A formula with the engine's value cached; a value a file cannot hold (infinity) is left for the spreadsheet to compute. */
export const formula = (f: string, cached: number, format: string, style?: CellStyle): CellSpec => ({
  formula: f,
  cached: Number.isFinite(cached) ? cached : null,
  format,
  ...(style && { style }),
});
export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** `SUM(C5:C9)` over rows first..last of one column. */
export const sumRows = (column: number, first: number, last: number): string => `SUM(${cellAddress(first, column)}:${cellAddress(last, column)})`;
/** `SUM(C5:N5)`: a row's periods, from column `first`. */
export const sumPeriods = (row: number, first: number, periodCount: number): string =>
  `SUM(${cellAddress(row, first)}:${cellAddress(row, first + periodCount - 1)})`;



/** The size of the Capacity and Finance charts, placed below their tables in the scrolling panes. */
export const ANALYSIS_CHART_ROWS = 18;
export const ANALYSIS_CHART_COLUMNS = 8;

/** One line of an analysis chart: a row of the table, its periods from the table's first period column. */
export interface PeriodSeries {
  name: string;
  /** The cell that names the series. */
  label: { row: number; column: number };
  row: number;
  as: "line" | "column";
}

/**
 * A chart under an analysis table (Capacity, Finance): the header row's periods are its categories,
 * each series a row of the same periods, and the chart sits below row `below`, as wide as the
 * analysis charts are.
 */
export function analysisChart(chart: {
  name: string;
  title: string;
  header: number;
  firstPeriodColumn: number;
  periodCount: number;
  series: readonly PeriodSeries[];
  valueFormat: string;
  below: number;
}): ChartSpec {
  const left = chart.firstPeriodColumn;
  const columns = chart.periodCount;
  return {
    name: chart.name,
    title: chart.title,
    categories: { top: chart.header, left, rows: 1, columns },
    series: chart.series.map((s) => ({ name: s.name, label: s.label, values: { top: s.row, left, rows: 1, columns }, as: s.as })),
    stacked: false,
    valueFormat: chart.valueFormat,
    anchor: { top: chart.below + 1, left, rows: ANALYSIS_CHART_ROWS, columns: ANALYSIS_CHART_COLUMNS },
  };
}

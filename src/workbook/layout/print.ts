// How the planner's sheets print: landscape, one page wide, the title rows repeated, and each chart on a page of its own start so none is cut.
import type { PageSetupSpec, SheetSpec } from "../sheet";

/**
 * A chart this close to the top is on the first page already. Every chart of the layouts is at
 * most 18 rows tall, well under a landscape page at any fit-to-width scale, so a chart that starts
 * a page always ends on it.
 */
const FIRST_PAGE_ROWS = 6;

/** The rows and columns a sheet uses: its cells, tables and charts. */
export function usedExtent(sheet: SheetSpec): { rows: number; columns: number } {
  let rows = sheet.cells.length;
  let columns = 0;
  for (const line of sheet.cells) columns = Math.max(columns, line.length);
  for (const t of sheet.tables ?? []) {
    rows = Math.max(rows, t.top + Math.max(2, t.rows));
    columns = Math.max(columns, t.left + t.columns);
  }
  for (const chart of sheet.charts ?? []) {
    rows = Math.max(rows, chart.anchor.top + chart.anchor.rows);
    columns = Math.max(columns, chart.anchor.left + chart.anchor.columns);
  }
  return { rows, columns: Math.max(1, columns) };
}

export interface PrintOptions {
  /** Rows repeated at the top of every page (0-based, inclusive), e.g. the title and a table header. */
  repeatRows?: { first: number; last: number };
  /** Fit the whole sheet on one page (the executive summary), not only one page wide. */
  onePage?: boolean;
}

/**
 * The sheet's page setup: landscape, scaled to one page wide (or to one page), its used range as
 * the print area, and a page break before each chart below the first rows. Where the spreadsheet
 * breaks pages on its own depends on the paper and the printer; a chart that starts a page does
 * not depend on either.
 */
export function printSetup(sheet: SheetSpec, options: PrintOptions = {}): PageSetupSpec {
  const extent = usedExtent(sheet);
  const setup: PageSetupSpec = {
    orientation: "landscape",
    fitToPagesWide: 1,
    fitToPagesTall: options.onePage ? 1 : 0,
    printArea: { top: 0, left: 0, rows: extent.rows, columns: extent.columns },
    ...(options.repeatRows && { repeatRows: options.repeatRows }),
  };
  if (options.onePage) return setup;
  // The page starts a row above the chart when that row is blank or the chart's heading: the
  // heading goes with its chart, and the chart's edge does not sit on the break (LibreOffice then
  // draws it on both pages).
  const above = (top: number) => sheet.cells[top - 1] ?? [];
  const headed = (top: number) =>
    above(top).every((cell) => !cell || cell.value === null || cell.value === undefined) || above(top).some((cell) => cell?.style === "subtitle") ? top - 1 : top;
  const breaks = [...new Set((sheet.charts ?? []).map((c) => headed(c.anchor.top)).filter((top) => top > FIRST_PAGE_ROWS))].sort((a, b) => a - b);
  if (breaks.length > 0) setup.rowBreaks = breaks;
  return setup;
}

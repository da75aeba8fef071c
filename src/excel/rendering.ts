// Rendering: one SheetSpec as Office.js commands, each small enough to share a request with others.
import { cellAddress, type CellSpec, type ChartSpec, type PageSetupSpec, type RangeSpec, type SheetSpec } from "../workbook/sheet";
import { STYLE_LOOKS, type StyleLook } from "../workbook/styles";
import type { CellBefore } from "../workbook/host";
import { jsonBytes, OPERATION_BYTES, type Command } from "./payload";

/** Cells go in bands of rows of about this many request bytes, so no band comes near a request's limit. */
export const CELL_BAND_BYTES = 500_000;

// Excel rejects very long multi-area addresses; a few thousand characters per RangeAreas is safe.
const MAX_AREAS_ADDRESS_LENGTH = 2000;

interface Rectangle {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

/**
 * The sheet's cells: formulas and constants in bands of rows, then each number format over the
 * rectangles that use it, then each style over multi-area ranges. Cells without a format or a style
 * are not sent a format at all (a new or cleared sheet is `General`, unstyled).
 */
export function cellCommands(sheet: SheetSpec): Command[] {
  return [...contentCommands(sheet), ...numberFormatCommands(sheet), ...styleCommands(sheet)];
}

function contentCommands(sheet: SheetSpec): Command[] {
  const commands: Command[] = [];
  let top = 0;
  while (top < sheet.cells.length) {
    let bytes = 0;
    let bottom = top;
    let width = 0;
    // A loop, not Math.max(...rows): spreading a hundred thousand rows overflows the call stack.
    while (bottom < sheet.cells.length && (bottom === top || bytes < CELL_BAND_BYTES)) {
      const line = sheet.cells[bottom];
      width = Math.max(width, line.length);
      bytes += jsonBytes(line.map(formulaInput)) + 2;
      bottom++;
    }
    const bandTop = top;
    const rows = bottom - top;
    const columns = width;
    top = bottom;
    if (columns === 0) continue;
    // Blank lines and short lines are padded with "" (the cell stays empty): a range takes a rectangle.
    const grid = () =>
      sheet.cells.slice(bandTop, bandTop + rows).map((line) => Array.from({ length: columns }, (_, c) => formulaInput(line[c] ?? null)));
    commands.push({
      bytes: bytes + rows * 3 * columns + OPERATION_BYTES,
      queue: (worksheet) => {
        worksheet.getRangeByIndexes(bandTop, 0, rows, columns).formulas = grid();
      },
    });
  }
  return commands;
}

/** One assignment per rectangle of cells sharing a number format: a single format applies to every cell of a range. */
function numberFormatCommands(sheet: SheetSpec): Command[] {
  const commands: Command[] = [];
  for (const [format, rectangles] of rectanglesBy(sheet.cells, (cell) => cell.format)) {
    for (const r of rectangles) {
      commands.push({
        bytes: jsonBytes(format) + OPERATION_BYTES,
        queue: (worksheet) => {
          // Office.js takes one value for a whole range (as Microsoft's samples set `formulas`).
          (worksheet.getRangeByIndexes(r.top, r.left, r.rows, r.columns) as unknown as { numberFormat: string }).numberFormat = format;
        },
      });
    }
  }
  return commands;
}

function styleCommands(sheet: SheetSpec): Command[] {
  const commands: Command[] = [];
  for (const [style, rectangles] of rectanglesBy(sheet.cells, (cell) => cell.style)) {
    const look = STYLE_LOOKS[style];
    const properties = lookOperations(look);
    if (properties === 0) continue;
    for (const address of joinAddresses(rectangles)) {
      commands.push({
        bytes: properties * (address.length + OPERATION_BYTES),
        queue: (worksheet) => applyLook(worksheet.getRanges(address).format, look),
      });
    }
  }
  return commands;
}

/**
 * What goes on a sheet beside its cells: tables, conditional formats, column widths, frozen panes,
 * the tab colour and charts. Queued on the sheet that keeps the plan (never on a staging copy: none of
 * these travel with copied cells). A table named in `keptTables` is there already (resized over its
 * cells): it only takes its style, so it stays the table a reviewer's formulas point at.
 */
export function furnishingCommands(sheet: SheetSpec, keptTables: ReadonlySet<string> = new Set()): Command[] {
  const commands: Command[] = [];
  for (const table of sheet.tables ?? []) {
    if (keptTables.has(table.name)) {
      commands.push({
        bytes: 3 * OPERATION_BYTES + jsonBytes(table.name),
        queue: (worksheet) => {
          const kept = worksheet.tables.getItem(table.name);
          kept.style = table.style;
          kept.showTotals = false;
        },
      });
      continue;
    }
    commands.push({
      bytes: 4 * OPERATION_BYTES + jsonBytes(table),
      queue: (worksheet) => {
        // A Range, not an address: an address without a sheet name means the active sheet, even here.
        const added = worksheet.tables.add(worksheet.getRangeByIndexes(table.top, table.left, table.rows, table.columns), true);
        added.name = table.name;
        added.style = table.style;
        added.showTotals = false;
      },
    });
  }

  for (const rule of sheet.conditionalFormats ?? []) {
    commands.push({
      bytes: 5 * OPERATION_BYTES,
      queue: (worksheet) => {
        const look = STYLE_LOOKS[rule.style];
        const added = worksheet.getRangeByIndexes(rule.top, rule.left, rule.rows, rule.columns).conditionalFormats.add("CellValue");
        added.cellValue.rule = { formula1: `=${rule.value}`, operator: rule.operator === "greaterThan" ? "GreaterThan" : "LessThan" };
        if (look.fontColor) added.cellValue.format.font.color = look.fontColor;
        if (look.fill) added.cellValue.format.fill.color = look.fill;
      },
    });
  }

  // Neighbouring columns of the same width share one assignment.
  const widths = sheet.columnWidths ?? [];
  for (let start = 0; start < widths.length; ) {
    let end = start;
    while (end + 1 < widths.length && widths[end + 1] === widths[start]) end++;
    const [from, count, points] = [start, end - start + 1, columnWidthPoints(widths[start])];
    commands.push({
      bytes: OPERATION_BYTES,
      queue: (worksheet) => {
        worksheet.getRangeByIndexes(0, from, 1, count).getEntireColumn().format.columnWidth = points;
      },
    });
    start = end + 1;
  }

  const freeze = sheet.freeze;
  if (freeze && (freeze.rows > 0 || freeze.columns > 0)) {
    commands.push({
      bytes: OPERATION_BYTES,
      queue: (worksheet) => {
        if (freeze.rows > 0 && freeze.columns > 0) worksheet.freezePanes.freezeAt(worksheet.getRangeByIndexes(0, 0, freeze.rows, freeze.columns));
        else if (freeze.rows > 0) worksheet.freezePanes.freezeRows(freeze.rows);
        else worksheet.freezePanes.freezeColumns(freeze.columns);
      },
    });
  }

  const tabColor = sheet.tabColor;
  if (tabColor) {
    commands.push({
      bytes: OPERATION_BYTES,
      queue: (worksheet) => {
        worksheet.tabColor = /^[0-9A-Fa-f]{6}$/.test(tabColor) ? `#${tabColor}` : tabColor;
      },
    });
  }

  for (const chart of sheet.charts ?? []) {
    commands.push({ bytes: (8 + 5 * chart.series.length) * OPERATION_BYTES + jsonBytes(chart), queue: (worksheet) => addChart(worksheet, chart) });
  }

  const setup = sheet.pageSetup;
  if (setup) {
    const breaks = rowBreaks(setup);
    commands.push({ bytes: (5 + breaks.length) * OPERATION_BYTES, queue: (worksheet) => setPageLayout(worksheet, setup, breaks) });
  }
  return commands;
}

/** The rows that start a page, once each, in order; a break above the first row is no break. */
function rowBreaks(setup: PageSetupSpec): number[] {
  return [...new Set(setup.rowBreaks ?? [])].filter((r) => r > 0).sort((a, b) => a - b);
}

/**
 * How the sheet prints (ExcelApi 1.9): orientation, fit to pages, print area, repeated rows, page
 * breaks. The earlier run's breaks go first, as a sheet rewritten in place keeps its page layout.
 */
function setPageLayout(worksheet: Excel.Worksheet, setup: PageSetupSpec, breaks: readonly number[]): void {
  const layout = worksheet.pageLayout;
  layout.orientation = setup.orientation === "landscape" ? "Landscape" : "Portrait";
  // Pages tall left out lets the rows take as many pages as they need.
  layout.zoom = { horizontalFitToPages: setup.fitToPagesWide, ...(setup.fitToPagesTall > 0 && { verticalFitToPages: setup.fitToPagesTall }) };
  const area = setup.printArea;
  if (area && area.rows > 0 && area.columns > 0) layout.setPrintArea(worksheet.getRangeByIndexes(area.top, area.left, area.rows, area.columns));
  if (setup.repeatRows) layout.setPrintTitleRows(`$${setup.repeatRows.first + 1}:$${setup.repeatRows.last + 1}`);
  worksheet.horizontalPageBreaks.removePageBreaks();
  for (const row of breaks) worksheet.horizontalPageBreaks.add(worksheet.getRangeByIndexes(row, 0, 1, 1));
}

/**
 * A chart over the sheet's own ranges, queued with the rest of the sheet (no sync of its own). The
 * first series makes the chart; the others are added by range, so each takes exactly its row.
 */
function addChart(worksheet: Excel.Worksheet, spec: ChartSpec): void {
  const range = (r: RangeSpec) => worksheet.getRangeByIndexes(r.top, r.left, r.rows, r.columns);
  const hasColumns = spec.series.some((s) => s.as === "column");
  const type = !hasColumns ? "Line" : spec.stacked ? "ColumnStacked" : "ColumnClustered";
  const [first, ...rest] = spec.series;
  if (!first) return;
  const chart = worksheet.charts.add(type, range(first.values), first.values.rows === 1 ? "Rows" : "Columns");
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.legend.position = "Bottom";
  chart.axes.valueAxis.numberFormat = spec.valueFormat;
  const describeSeries = (series: Excel.ChartSeries, s: ChartSpec["series"][number]) => {
    series.name = s.name;
    series.setXAxisValues(range(spec.categories));
    if (hasColumns && s.as === "line") series.chartType = "Line";
    // A waterfall's base is drawn invisible; a series' own colour where the layout gives one.
    if (s.fill === "none") {
      series.format.fill.clear();
      series.format.line.clear();
    } else if (s.fill) series.format.fill.setSolidColor(`#${s.fill}`);
  };
  // Set, not left to Excel's guess at the source: a blank first cell could be taken for a header.
  const firstSeries = chart.series.getItemAt(0);
  firstSeries.setValues(range(first.values));
  describeSeries(firstSeries, first);
  for (const s of rest) {
    const series = chart.series.add(s.name);
    series.setValues(range(s.values));
    describeSeries(series, s);
  }
  const { top, left, rows, columns } = spec.anchor;
  chart.setPosition(worksheet.getRangeByIndexes(top, left, 1, 1), worksheet.getRangeByIndexes(top + rows - 1, left + columns - 1, 1, 1));
}

/** What `range.formulas` gets for a cell: a formula with its `=`, else the constant, text kept text. */
export function formulaInput(cell: CellSpec | null): string | number | boolean {
  if (!cell) return "";
  if (cell.formula !== undefined && cell.formula !== "") return cell.formula.startsWith("=") ? cell.formula : `=${cell.formula}`;
  const value = cell.value ?? null;
  if (value === null) return "";
  // JSON has no NaN or infinity (they would arrive as null and leave the cell alone): show Excel's own error.
  if (typeof value === "number" && !Number.isFinite(value)) return "#NUM!";
  return typeof value === "string" ? quoteText(value) : value;
}

/**
 * A cell as loaded (`values`, `formulas`, `valueTypes`, `numberFormat` entries), kept to be put
 * back. A formula's `formulas` entry differs from its result; text that looks like a formula
 * (`=HYPERLINK(…)` entered as text) reads the same in both, so it is kept as text.
 */
export function cellBefore(value: unknown, formula: unknown, valueType: string, numberFormat: unknown): CellBefore {
  const format = typeof numberFormat === "string" ? numberFormat : "General";
  if (typeof formula === "string" && formula.startsWith("=") && formula !== value) return { value: null, formula, numberFormat: format };
  if (valueType === "Error") return { value: null, error: String(value), numberFormat: format };
  if (valueType === "Empty" || value === "" || value === null || value === undefined) return { value: null, numberFormat: format };
  return { value: typeof value === "number" || typeof value === "boolean" ? value : String(value), numberFormat: format };
}

/** What `range.formulas` gets to put a kept cell back: its formula, its error code, or its constant (text kept text). */
export function restoringInput(cell: CellBefore): string | number | boolean {
  if (cell.formula !== undefined) return cell.formula;
  if (cell.error !== undefined) return cell.error;
  return formulaInput({ value: cell.value });
}

/**
 * A string as Excel input that stays that exact text: Excel reads what is typed into a cell, so
 * text that could be a formula, number, date, boolean or error gets the invisible apostrophe.
 */
export function quoteText(text: string): string {
  return needsQuotePrefix(text) ? `'${text}` : text;
}

/**
 * Every text but blank space. What Excel reads as a number, date, time, boolean or error depends on
 * the user's locale (`mars 2027` is a date in French Excel, `WAHR` a boolean in German, `1.234` a
 * thousand in Germany), so no list of patterns is safe everywhere; the apostrophe is invisible and
 * the cell's value is the same text, so the planner writes it before all text.
 */
export function needsQuotePrefix(text: string): boolean {
  return text.trim() !== "";
}

/** Each key's cells as few rectangles: runs along a row, stacked where rows repeat the same run. */
function rectanglesBy<K extends string>(cells: (CellSpec | null)[][], keyOf: (cell: CellSpec) => K | undefined): Map<K, Rectangle[]> {
  const byKey = new Map<K, Rectangle[]>();
  // The rectangle each key's run [left, right] reached in the previous row, to extend downwards.
  const open = new Map<string, Rectangle>();
  cells.forEach((line, r) => {
    let c = 0;
    while (c < line.length) {
      const cell = line[c];
      const value = cell ? keyOf(cell) : undefined;
      if (value === undefined) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < line.length && line[end + 1] && keyOf(line[end + 1] as CellSpec) === value) end++;
      const runKey = `${value}\u0000${c}:${end}`;
      const above = open.get(runKey);
      if (above && above.top + above.rows === r) {
        above.rows++;
      } else {
        const rectangle = { top: r, left: c, rows: 1, columns: end - c + 1 };
        open.set(runKey, rectangle);
        const list = byKey.get(value) ?? [];
        list.push(rectangle);
        byKey.set(value, list);
      }
      c = end + 1;
    }
  });
  return byKey;
}

function joinAddresses(rectangles: Rectangle[]): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const { top, left, rows, columns } of rectangles) {
    const address =
      rows === 1 && columns === 1 ? cellAddress(top, left) : `${cellAddress(top, left)}:${cellAddress(top + rows - 1, left + columns - 1)}`;
    if (current && current.length + address.length + 1 > MAX_AREAS_ADDRESS_LENGTH) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current},${address}` : address;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** How many Office.js property assignments `applyLook` makes for a look. */
function lookOperations(style: StyleLook): number {
  const simple = [style.bold, style.italic, style.fontSize, style.fontColor, style.fill].filter((v) => v !== undefined).length;
  const edges = (style.borderTop ? 1 : 0) + (style.borderBottom ? 1 : 0) + (style.borderTop ?? style.borderBottom ? 1 : 0);
  return simple + 3 * edges;
}

function applyLook(format: Excel.RangeFormat, style: StyleLook): void {
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.fontSize !== undefined) format.font.size = style.fontSize;
  if (style.fontColor !== undefined) format.font.color = style.fontColor;
  if (style.fill !== undefined) format.fill.color = style.fill;
  if (style.borderTop) setEdge(format, "EdgeTop", style.borderTop);
  if (style.borderBottom) setEdge(format, "EdgeBottom", style.borderBottom);
  // A style's border belongs to every cell; the rectangles span rows, so draw the lines between them too.
  const between = style.borderTop ?? style.borderBottom;
  if (between) setEdge(format, "InsideHorizontal", between);
}

function setEdge(format: Excel.RangeFormat, edge: "EdgeTop" | "EdgeBottom" | "InsideHorizontal", color: string): void {
  const border = format.borders.getItem(edge);
  border.style = "Continuous";
  border.weight = "Thin";
  border.color = color;
}

/** Excel's width unit is one `0` of the default font (7 px) plus 5 px of padding; Office.js wants points. */
function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

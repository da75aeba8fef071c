// Reading: only the ranges that may hold template tables (or that the user picked), in chunks under a response's limit.
import { normalizeName } from "../template/schema";
import type { CellArea, RawCell, RawTable } from "../workbook/raw";
import { parseCellReference, splitSheetAddress } from "../workbook/sheet";
import { TEMPLATE_TABLE_NAMES } from "../template/schema";
import { SCENARIOS_TABLE_TITLE, VERSIONS_SHEET_NAME, VERSIONS_TABLE_NAME } from "../workbook/reviewNames";
import { jsonBytes, RESPONSE_BUDGET_BYTES } from "./payload";

/** Rows `rows` from `top` (0-based, within the range) of the range `read`; loaded once sent. */
interface Band {
  read: number;
  top: number;
  rows: number;
  values?: Excel.Range;
  header?: Excel.Range;
}

/** Rows from a block's top whose merged cells are asked for: a header below a title is looked for this far down (see tables.ts). */
const MERGE_ROWS = 6;

/** What a read may ask beyond values: the merged areas near the header, where the host has them. */
export interface ReadOptions {
  mergedAreas?: boolean;
}

/** Cells the first chunk of a range reads, before the sizes of the values received so far tune the next. */
export const FIRST_CHUNK_CELLS = 50_000;

/** A range to read: where it is, and how the block it becomes is named. */
export interface RangeToRead {
  name: string;
  isTable: boolean;
  /** The range, or a null object (a blank sheet's used range) that reads as nothing. */
  range: Excel.Range;
}

/**
 * The names, as `normalizeName` makes them, of the blocks a run reads: the template tables, the
 * optional Scenarios table, and the planner's saved versions (`SOP Versions`), which the next run
 * compares with and carries forward.
 */
const NAMES_READ = new Set<string>([
  ...TEMPLATE_TABLE_NAMES,
  normalizeName(SCENARIOS_TABLE_TITLE),
  normalizeName(VERSIONS_SHEET_NAME),
  normalizeName(VERSIONS_TABLE_NAME),
]);

/** True for a name that may be a template table's (`Forecast`, `policy`, `Capacity (h)`) or the saved versions'. */
function isTemplateName(name: string): boolean {
  return NAMES_READ.has(normalizeName(name));
}

/**
 * The blocks that could hold a template table, as `findTemplateTables` chooses them: each Excel
 * table named like one, each table on a sheet named like one, and the used range of each sheet named
 * like one that holds no table; and the saved versions. Nothing else is read: not the planner's plan
 * sheets, not a large data sheet beside the template. One sync for the names, one for the sizes, then the cells in chunks.
 */
export async function readTemplateBlocks(context: Excel.RequestContext, options: ReadOptions = {}): Promise<RawTable[]> {
  const worksheets = context.workbook.worksheets.load("items/name");
  const tables = context.workbook.tables.load("items/name,items/showTotals,items/worksheet/name");
  await context.sync();

  const sheetsWithTables = new Set(tables.items.map((t) => t.worksheet.name));
  const reads: (RangeToRead & { sheet: string })[] = [];
  for (const table of tables.items) {
    if (!isTemplateName(table.name) && !isTemplateName(table.worksheet.name)) continue;
    // A totals row is not data: it would read as one more product or period.
    const range = table.showTotals ? table.getRange().getResizedRange(-1, 0) : table.getRange();
    reads.push({ name: table.name, sheet: table.worksheet.name, isTable: true, range });
  }
  for (const sheet of worksheets.items) {
    if (sheetsWithTables.has(sheet.name) || !isTemplateName(sheet.name)) continue;
    reads.push({ name: sheet.name, sheet: sheet.name, isTable: false, range: sheet.getUsedRangeOrNullObject(true) });
  }
  return readRangesInChunks(context, reads, options);
}

/**
 * Reads each range's values, value types and first-row number formats (dates), splitting a large
 * range into bands of rows so that no response nears Excel's 5 MB limit (nor its five million cells
 * per read). One sync learns the sizes; the bands then share syncs up to the response budget.
 */
export async function readRangesInChunks(context: Excel.RequestContext, reads: RangeToRead[], options: ReadOptions = {}): Promise<RawTable[]> {
  if (reads.length === 0) return [];
  const shapes = reads.map((read) => read.range.load("address,rowCount,columnCount,rowIndex,columnIndex"));
  await context.sync();

  const blocks: (RawTable | null)[] = reads.map((read, i) => {
    const shape = shapes[i];
    if (shape.isNullObject) return null;
    const sheet = splitSheetAddress(shape.address).sheet ?? "";
    return { name: read.isTable ? read.name : sheet, sheet, top: shape.rowIndex, left: shape.columnIndex, values: [], isTable: read.isTable };
  });
  const headerFormats: unknown[][][] = reads.map(() => [[]]);

  let bytesPerCell = 0; // unknown until a band comes back
  const bands: Band[] = blocks.flatMap((block, i) => (block ? [{ read: i, top: 0, rows: shapes[i].rowCount }] : []));

  // Bands are cut as they are sent: each sync takes what fits the response budget by the sizes seen so far.
  let queue = bands;
  while (queue.length > 0) {
    const cellBudget = bytesPerCell > 0 ? Math.floor(RESPONSE_BUDGET_BYTES / bytesPerCell) : FIRST_CHUNK_CELLS;
    let cells = 0;
    const sent: Band[] = [];
    const rest: Band[] = [];
    for (const band of queue) {
      const columns = shapes[band.read].columnCount;
      const room = cellBudget - cells;
      if (sent.length > 0 && room < columns) {
        rest.push(band);
        continue;
      }
      const rows = Math.max(1, Math.min(band.rows, Math.floor(room / columns)));
      const piece = { ...band, rows };
      const range = shapes[band.read].getCell(band.top, 0).getResizedRange(rows - 1, columns - 1);
      piece.values = range.load("values,valueTypes");
      if (band.top === 0) piece.header = range.getRow(0).load("numberFormat");
      sent.push(piece);
      cells += rows * columns;
      if (rows < band.rows) rest.push({ read: band.read, top: band.top + rows, rows: band.rows - rows });
    }
    await context.sync();
    let received = 0;
    for (const piece of sent) {
      const range = piece.values as Excel.Range;
      const block = blocks[piece.read] as RawTable;
      if (piece.header) headerFormats[piece.read] = piece.header.numberFormat;
      received += jsonBytes(range.values) + jsonBytes(range.valueTypes);
      const cellsRead = toRawCells(range.values, range.valueTypes, piece.top === 0 ? headerFormats[piece.read] : null);
      for (const line of cellsRead) block.values.push(line);
    }
    bytesPerCell = Math.max(bytesPerCell, received / Math.max(1, cells));
    queue = rest;
  }
  if (options.mergedAreas) await readMergedAreas(context, blocks, shapes);
  return blocks.filter((b): b is RawTable => b !== null);
}

/**
 * The merged areas of each block's first rows, where the header is looked for (ExcelApi 1.13), in
 * a request of their own after the values: Excel fails `getMergedAreasOrNullObject` over more than
 * 512 areas, and such a failure takes its whole request with it. When the request for all blocks
 * fails, each block is asked alone; a block whose areas Excel will not give is read without them
 * (its messages then cannot say which header cells are merged), never failing the read.
 */
async function readMergedAreas(context: Excel.RequestContext, blocks: (RawTable | null)[], shapes: Excel.Range[]): Promise<void> {
  const ask = (i: number) => {
    const shape = shapes[i];
    const near = shape.getRow(0).getResizedRange(Math.min(MERGE_ROWS, shape.rowCount) - 1, 0);
    return near.getMergedAreasOrNullObject().load("address");
  };
  const take = (i: number, merged: Excel.RangeAreas) => {
    const block = blocks[i];
    if (block && !merged.isNullObject) block.merges = mergedAreas(merged.address);
  };
  const wanted = blocks.flatMap((block, i) => (block ? [i] : []));
  if (wanted.length === 0) return;
  const all = wanted.map((i) => ({ i, merged: ask(i) }));
  try {
    await context.sync();
    for (const { i, merged } of all) take(i, merged);
    return;
  } catch {
    // One block's areas failed the request: ask for each alone.
  }
  for (const i of wanted) {
    const merged = ask(i);
    try {
      await context.sync();
      take(i, merged);
    } catch {
      // Over Excel's limit of merged areas: this block is read without them.
    }
  }
}

/** `'My sheet'!A1:B1,'My sheet'!D2:E3` as areas (0-based, inclusive); a quoted sheet name may hold a comma. */
export function mergedAreas(address: string): CellArea[] {
  const parts = address.match(/(?:'(?:[^']|'')*'|[^,'])+/g) ?? [];
  return parts.map((part) => {
    const [first, last = first] = splitSheetAddress(part).cell.split(":");
    const start = parseCellReference(first);
    const end = parseCellReference(last);
    return { top: start.row, left: start.column, bottom: end.row, right: end.column };
  });
}

/**
 * Excel's values as RawCells. Dates are numbers in Excel, so only the number format tells them
 * apart; the template has dates only as period headers, so the header row's formats are enough.
 */
export function toRawCells(values: unknown[][], valueTypes: string[][], headerFormats: unknown[][] | null): RawCell[][] {
  return values.map((line, r) =>
    line.map((value, c): RawCell => {
      switch (valueTypes[r][c]) {
        case "Empty":
          return null;
        case "Error":
          return { error: String(value) };
        case "Double":
          if (r === 0 && headerFormats && typeof value === "number" && isDateNumberFormat(String(headerFormats[0]?.[c] ?? ""))) {
            return { date: value };
          }
          return value as number;
        case "Boolean":
          return value as boolean;
        default:
          return value === "" ? null : String(value);
      }
    }),
  );
}

/** True for a number format that shows a date or a time (`d-mmm-yy`, `[$-409]mmm yyyy`, `h:mm`). */
export function isDateNumberFormat(format: string): boolean {
  const bare = format
    .replace(/"[^"]*"/g, "") // literal text
    .replace(/\\./g, "") // escaped characters
    .replace(/_./g, "") // padding the width of a character
    .replace(/\*./g, "") // fill characters
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, ""); // colours, conditions and locales, not [h] [mm] [ss]
  return /[dmyhs]/i.test(bare);
}


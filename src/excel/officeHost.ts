// The Office.js adapter: the only code that calls Excel. Reading, safe replacement, rendering and settings live in their own modules.
import type { CellsBefore, InsertedSheets, WorkbookHost } from "../workbook/host";
import type { RawTable } from "../workbook/raw";
import { parseCellReference, splitSheetAddress, type CellValue, type WorkbookSpec } from "../workbook/sheet";
import { jsonBytes, OPERATION_BYTES, REQUEST_BUDGET_BYTES, RequestBatch } from "./payload";
import { readRangesInChunks, readTemplateBlocks, type ReadOptions } from "./reading";
import { cellBefore, formulaInput, restoringInput } from "./rendering";
import { insertUserSheets, writePlanSheets } from "./replacement";
import { documentSettings, readPaneState, writePaneState, type DocumentSettings } from "./settings";

export { isDateNumberFormat } from "./reading";
export { needsQuotePrefix, quoteText } from "./rendering";
export { PLANNER_MARKER_KEY, PLANNER_OUTPUT_VERSION, PLANNER_SHEET_NAME_KEY, PLANNER_STAGING_KEY, STAGING_SHEET_PREFIX } from "./replacement";
export { PANE_STATE_SETTING, type DocumentSettings } from "./settings";

/** `Excel.run(options, batch)`, or a stand-in that hands the batch a fake context in tests. */
export type ExcelRun = <T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * Every batch waits while the user is typing in a cell (ExcelApi 1.11) instead of failing: a
 * keystroke during the 25 syncs of a large write must not split it.
 */
export const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

/** Whether the host supports an API set (`Office.context.requirements.isSetSupported`), or a stand-in in tests. */
export type ApiSupport = (set: string, version: string) => boolean;

// Looked up when called, not when imported, so the module loads where `Excel` is not defined (tests, node).
const excelRun: ExcelRun = (options, batch) => Excel.run(options, batch);
const officeSupport: ApiSupport = (set, version) => {
  try {
    return Office.context.requirements.isSetSupported(set, version);
  } catch {
    return false;
  }
};

/** A range's merged areas (`getMergedAreasOrNullObject`) came with ExcelApi 1.13, above the manifest's minimum. */
export const MERGED_AREAS_API: [string, string] = ["ExcelApi", "1.13"];

/** `Table.resize` came with ExcelApi 1.13; without it a table keeps its identity only when its size is unchanged. */
export const TABLE_RESIZE_API: [string, string] = ["ExcelApi", "1.13"];

/** Table column filters (`TableColumn.filter`, `Table.clearFilters`) came with ExcelApi 1.2. */
export const TABLE_FILTER_API: [string, string] = ["ExcelApi", "1.2"];

export class OfficeWorkbookHost implements WorkbookHost {
  constructor(
    private readonly run: ExcelRun = excelRun,
    private readonly settings: () => DocumentSettings = documentSettings,
    /** Request bytes (by the adapter's estimate) each write sync may carry; tests make it small to see many syncs. */
    private readonly requestBudgetBytes = REQUEST_BUDGET_BYTES,
    private readonly supports: ApiSupport = officeSupport,
  ) {}

  /** Only what may be a template table, in chunks: a large data sheet or the planner's own sheets are never read. */
  async readBlocks(): Promise<RawTable[]> {
    return this.run(RUN_OPTIONS, (context) => readTemplateBlocks(context, this.readOptions()));
  }

  /** Merged header cells are named in messages where Excel can say which cells are merged. */
  private readOptions(): ReadOptions {
    return { mergedAreas: this.supports(...MERGED_AREAS_API) };
  }

  /** In place: references into the planner's sheets survive a rerun (see `writePlanSheets`). */
  async writeSheets(spec: WorkbookSpec): Promise<void> {
    // Writing nothing must not delete the earlier output: a run with input errors has no sheets.
    if (spec.sheets.length === 0) return;
    const canResizeTables = this.supports(...TABLE_RESIZE_API);
    await this.run(RUN_OPTIONS, (context) => writePlanSheets(context, spec, { budget: this.requestBudgetBytes, canResizeTables }));
  }

  /**
   * The selected range, clipped to its sheet's used range (a whole column `A:A` is the column's
   * filled cells), read in chunks. A selection of several areas is refused with a message.
   */
  async readSelection(): Promise<RawTable> {
    return this.run(RUN_OPTIONS, async (context) => {
      const selected = context.workbook.getSelectedRanges().load("address,areaCount");
      await context.sync();
      if (selected.areaCount !== 1) {
        throw new Error(
          `The selection has ${selected.areaCount} separate areas (${selected.address}): select one block of cells, ` +
            `the table's header row and its rows, then try again.`,
        );
      }
      const { sheet, cell } = splitSheetAddress(selected.address);
      const worksheets = context.workbook.worksheets;
      const worksheet = sheet === null ? worksheets.getActiveWorksheet() : worksheets.getItem(sheet);
      const clipped = worksheet.getRange(cell).getIntersectionOrNullObject(worksheet.getUsedRange(true));
      const [block] = await readRangesInChunks(context, [{ name: sheet ?? "", isTable: false, range: clipped }], this.readOptions());
      if (block) return block;
      // Nothing filled in the selection: an empty block where it starts.
      const { row, column } = rangeOrigin(cell);
      return { name: sheet ?? "", sheet: sheet ?? "", top: row, left: column, values: [], isTable: false };
    });
  }

  /** The picked ranges, in order, in chunks; a picked range whose sheet is gone is said so. */
  async readRanges(addresses: string[]): Promise<RawTable[]> {
    if (addresses.length === 0) return [];
    return this.run(RUN_OPTIONS, async (context) => {
      const reads = addresses.map((address) => {
        const { sheet, cell } = splitSheetAddress(address);
        const worksheets = context.workbook.worksheets;
        const worksheet = sheet === null ? worksheets.getActiveWorksheet() : worksheets.getItem(sheet);
        return { name: sheet ?? "", isTable: false, range: worksheet.getRange(cell) };
      });
      try {
        return await readRangesInChunks(context, reads, this.readOptions());
      } catch (error) {
        if ((error as { code?: string }).code === "ItemNotFound") {
          throw new Error(`A range picked for a table is gone (${addresses.join(", ")}): pick it again.`, { cause: error });
        }
        throw error;
      }
    });
  }

  /** The sample template beside the user's sheets, never over them; all or nothing. */
  async insertSheets(spec: WorkbookSpec): Promise<InsertedSheets> {
    if (spec.sheets.length === 0) return { inserted: [], skipped: [] };
    return this.run(RUN_OPTIONS, (context) => insertUserSheets(context, spec, this.requestBudgetBytes));
  }

  /** One sync: constants from the top-left cell `address`; text stays text. What the cells held is loaded first, in the same sync. */
  async writeValues(address: string, values: CellValue[][]): Promise<CellsBefore> {
    const rows = values.length;
    const columns = values.reduce((widest, line) => Math.max(widest, line.length), 0);
    const { sheet, cell } = splitSheetAddress(address);
    const { row, column } = parseCellReference(cell);
    return this.run(RUN_OPTIONS, async (context) => {
      const worksheets = context.workbook.worksheets;
      const worksheet = (sheet === null ? worksheets.getActiveWorksheet() : worksheets.getItem(sheet)).load("id");
      if (rows === 0 || columns === 0) {
        await syncNaming(context, sheet);
        return { address, sheetId: worksheet.id, cells: [] };
      }
      // Queued first, so answered with the cells as they were; its own proxy, so the write below cannot shadow what it loads.
      const was = worksheet.getRangeByIndexes(row, column, rows, columns).load("values,formulas,valueTypes,numberFormat");
      worksheet.getRangeByIndexes(row, column, rows, columns).formulas = values.map((line) =>
        Array.from({ length: columns }, (_, c) => formulaInput({ value: line[c] ?? null })),
      );
      await syncNaming(context, sheet);
      const cells = was.values.map((line, r) => line.map((value, c) => cellBefore(value, was.formulas[r][c], was.valueTypes[r][c], was.numberFormat[r][c])));
      return { address, sheetId: worksheet.id, cells };
    });
  }

  /** The last write first, found by sheet id; as few syncs as the request budget allows (a Policy's edits take one). */
  async restoreCells(writes: readonly CellsBefore[]): Promise<void> {
    const kept = writes.filter((write) => write.cells.length > 0);
    if (kept.length === 0) return;
    await this.run(RUN_OPTIONS, async (context) => {
      const batch = new RequestBatch(context, this.requestBudgetBytes);
      try {
        for (const write of [...kept].reverse()) {
          const { row, column } = parseCellReference(splitSheetAddress(write.address).cell);
          const formulas = write.cells.map((line) => line.map(restoringInput));
          const formats = write.cells.map((line) => line.map((c) => c.numberFormat));
          await batch.reserve(jsonBytes(formulas) + jsonBytes(formats) + 3 * OPERATION_BYTES);
          const range = context.workbook.worksheets.getItem(write.sheetId).getRangeByIndexes(row, column, formulas.length, formulas[0].length);
          range.formulas = formulas;
          range.numberFormat = formats;
        }
        await batch.flush();
      } catch (error) {
        if ((error as { code?: string }).code === "ItemNotFound") {
          const sheets = [...new Set(kept.map((write) => splitSheetAddress(write.address).sheet ?? "the active sheet"))];
          throw new Error(`The sheet ${sheets.map((name) => `'${name}'`).join(", ")} is gone.`, { cause: error });
        }
        throw error;
      }
    });
  }

  /** One sync: shows the cell's sheet and selects the cell (`Forecast!D7`, `'My Sheet'!D7`, or `D7` on the active sheet). */
  async selectCell(address: string): Promise<void> {
    const { sheet, cell } = splitSheetAddress(address);
    await this.run(RUN_OPTIONS, async (context) => {
      const worksheets = context.workbook.worksheets;
      const worksheet = sheet === null ? worksheets.getActiveWorksheet() : worksheets.getItem(sheet);
      worksheet.activate();
      worksheet.getRange(cell).select();
      await syncNaming(context, sheet);
    });
  }

  /** One sync. */
  async showSheet(name: string): Promise<void> {
    await this.run(RUN_OPTIONS, async (context) => {
      context.workbook.worksheets.getItem(name).activate();
      await syncNaming(context, name);
    });
  }

  /**
   * One sync: the table's sheet shown, its filters cleared and the values filter set on `column`
   * (ExcelApi 1.2). Where table filters are not supported, or Excel refuses the filter (a table
   * whose column was renamed by hand), the sheet is shown unfiltered with the table's first cell
   * selected, and false says so.
   */
  async showFilteredTable(sheet: string, table: string, column: string, values: string[]): Promise<boolean> {
    const filtered = this.supports(...TABLE_FILTER_API)
      ? await this.run(RUN_OPTIONS, async (context) => {
          const worksheet = context.workbook.worksheets.getItem(sheet);
          worksheet.activate();
          const found = worksheet.tables.getItem(table);
          found.clearFilters();
          found.columns.getItem(column).filter.applyValuesFilter(values);
          found.getHeaderRowRange().getCell(0, 0).select();
          await context.sync();
          return true;
        }).catch(() => false) // A filter Excel refuses falls back to the sheet; a sheet that is gone is said there.
      : false;
    if (filtered) return true;
    await this.run(RUN_OPTIONS, async (context) => {
      const worksheet = context.workbook.worksheets.getItem(sheet);
      worksheet.activate();
      worksheet.tables.getItem(table).getHeaderRowRange().getCell(0, 0).select();
      await syncNaming(context, sheet);
    });
    return false;
  }

  /** One sync for all the cells; when one cannot be read (its sheet renamed meanwhile), every format is `General`, not a failure. */
  async readNumberFormats(addresses: string[]): Promise<string[]> {
    if (addresses.length === 0) return [];
    return this.run(RUN_OPTIONS, async (context) => {
      const ranges = addresses.map((address) => {
        const { sheet, cell } = splitSheetAddress(address);
        const worksheets = context.workbook.worksheets;
        const worksheet = sheet === null ? worksheets.getActiveWorksheet() : worksheets.getItem(sheet);
        return worksheet.getRange(cell.split(":")[0]).load("numberFormat");
      });
      try {
        await context.sync();
      } catch {
        return addresses.map(() => "General");
      }
      return ranges.map((range) => String(range.numberFormat[0]?.[0] ?? "General"));
    });
  }

  async readPaneState(): Promise<unknown> {
    return readPaneState(this.settings());
  }

  async writePaneState(state: unknown): Promise<void> {
    await writePaneState(this.settings(), state);
  }
}

/** The first cell of `B3:F10`, of whole columns `C:E` (row 0) or of whole rows `4:6` (column 0). */
function rangeOrigin(reference: string): { row: number; column: number } {
  const first = reference.split(":")[0].replace(/\$/g, "");
  if (/^\d+$/.test(first)) return { row: Number(first) - 1, column: 0 };
  if (/^[A-Za-z]{1,3}$/.test(first)) return parseCellReference(`${first}1`);
  return parseCellReference(first);
}

/** Syncs, turning Excel's ItemNotFound into a message that names the sheet. */
async function syncNaming(context: Excel.RequestContext, sheet: string | null): Promise<void> {
  try {
    await context.sync();
  } catch (error) {
    if (sheet !== null && (error as { code?: string }).code === "ItemNotFound") {
      throw new Error(`There is no sheet named '${sheet}'.`, { cause: error });
    }
    throw error;
  }
}

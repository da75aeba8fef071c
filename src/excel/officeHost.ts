// The Office.js adapter: the only code that calls Excel; it translates RawTable and WorkbookSpec, nothing more.
import type { InsertedSheets, WorkbookHost } from "../workbook/host";
import type { RawCell, RawTable } from "../workbook/raw";
import { cellAddress, type CellSpec, type CellStyle, type CellValue, type ChartSpec, type PageSetupSpec, type RangeSpec, type SheetSpec, type WorkbookSpec } from "../workbook/sheet";
import { STYLE_LOOKS, type StyleLook } from "../workbook/styles";

/** `Excel.run`, or a stand-in that hands the batch a fake context in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Worksheet custom property (ExcelApi 1.12) that marks a sheet as the planner's output. */
export const PLANNER_MARKER_KEY = "sop-planner";
/** Stored as the marker's value: the version of the output layout that wrote the sheet. */
export const PLANNER_OUTPUT_VERSION = "1";
/**
 * The name the planner gave the sheet. A marked sheet under another name was renamed or copied by
 * the user to keep it (a copy may carry the marker along), so it is the user's and stays.
 */
export const PLANNER_SHEET_NAME_KEY = "sop-planner-sheet";

// Looked up when called, not when imported, so the module loads where `Excel` is not defined (tests, node).
const excelRun: ExcelRun = (batch) => Excel.run(batch);

/** The part of Office's per-document add-in settings the pane uses. */
export type DocumentSettings = Pick<Office.Settings, "get" | "set" | "saveAsync">;
const documentSettings = (): DocumentSettings => Office.context.document.settings;

/** The add-in setting that holds the task pane's saved choices. */
export const PANE_STATE_SETTING = "sopPlanner.pane";

export class OfficeWorkbookHost implements WorkbookHost {
  constructor(
    private readonly run: ExcelRun = excelRun,
    private readonly settings: () => DocumentSettings = documentSettings,
  ) {}

  /** Two syncs whatever the workbook's size: the collections, then every block at once. */
  async readBlocks(): Promise<RawTable[]> {
    return this.run(async (context) => {
      const worksheets = context.workbook.worksheets.load("items/name");
      const tables = context.workbook.tables.load("items/name,items/showTotals,items/worksheet/name");
      await context.sync();

      const sheetsWithTables = new Set(tables.items.map((t) => t.worksheet.name));
      const reads: BlockRead[] = tables.items.map((table) => ({
        name: table.name,
        sheet: table.worksheet.name,
        isTable: true,
        // A totals row is not data: it would read as one more product or period.
        range: (table.showTotals ? table.getRange().getResizedRange(-1, 0) : table.getRange()).load("address,values,valueTypes"),
        header: table.getHeaderRowRange().load("numberFormat"),
      }));
      for (const sheet of worksheets.items) {
        if (sheetsWithTables.has(sheet.name)) continue;
        reads.push({
          name: sheet.name,
          sheet: sheet.name,
          isTable: false,
          range: sheet.getUsedRangeOrNullObject(true).load("address,values,valueTypes"),
          // getUsedRange returns A1 on a blank sheet instead of a null object, so this read cannot
          // fail; its first row is the header row of the block read just above.
          header: sheet.getUsedRange(true).getRow(0).load("numberFormat"),
        });
      }
      await context.sync();

      const blocks: RawTable[] = [];
      for (const read of reads) {
        if (read.range.isNullObject) continue;
        const { row, column } = parseCellReference(splitSheetAddress(read.range.address).cell);
        blocks.push({
          name: read.name,
          sheet: read.sheet,
          top: row,
          left: column,
          values: toRawCells(read.range.values, read.range.valueTypes, read.header.numberFormat),
          isTable: read.isTable,
        });
      }
      return blocks;
    });
  }

  /**
   * Four syncs whatever the size: (1) names, (2) ownership markers, (3) the new sheets, built in
   * full, (4) the old output deleted. A failure before (4) leaves the workbook as it was.
   */
  async writeSheets(spec: WorkbookSpec): Promise<void> {
    // Writing nothing must not delete the earlier output: a run with input errors has no sheets.
    if (spec.sheets.length === 0) return;
    await this.run(async (context) => {
      const before = await readOwnership(context);
      const plan = planReplacement(before, spec);

      for (const { proxy, aside } of plan.sheetsAside) proxy.name = aside;
      for (const { proxy, aside } of plan.tablesAside) proxy.name = aside;
      // Every sheet exists under its final name before any formula is written, so references
      // between the new sheets (`'SOP Family A'!C5`) bind to the new sheets, not the old ones.
      const added = spec.sheets.map((sheet) => context.workbook.worksheets.add(sheet.name));
      spec.sheets.forEach((sheet, i) => fillSheet(added[i], sheet, true));
      try {
        await context.sync();
      } catch (error) {
        try {
          await restore(context, before);
        } catch (restoreError) {
          throw new Error(
            `Writing the plan sheets failed (${describe(error)}), and so did putting the workbook back ` +
              `(${describe(restoreError)}): check the sheets whose names start with '${ASIDE_SHEET_PREFIX}'.`,
            { cause: restoreError },
          );
        }
        throw new Error(`Writing the plan sheets failed, and the workbook was left as it was: ${describe(error)}`, {
          cause: error,
        });
      }

      added[0].activate();
      for (const old of plan.oldSheets) old.delete();
      try {
        await context.sync();
      } catch (error) {
        throw new Error(
          `The plan sheets were written, but removing the planner's previous sheets failed: ${describe(error)}. ` +
            `They are still in the workbook (those replaced are named '${ASIDE_SHEET_PREFIX} …'): delete them by hand.`,
          { cause: error },
        );
      }
    });
  }

  /** One sync: the selected range, its sheet's name in its address, and its first row's formats (dates). */
  async readSelection(): Promise<RawTable> {
    return this.run(async (context) => {
      const range = context.workbook.getSelectedRange().load("address,values,valueTypes");
      const header = context.workbook.getSelectedRange().getRow(0).load("numberFormat");
      await context.sync();
      const { sheet, cell } = splitSheetAddress(range.address);
      const { row, column } = parseCellReference(cell);
      const sheetName = sheet ?? "";
      return {
        name: sheetName,
        sheet: sheetName,
        top: row,
        left: column,
        values: toRawCells(range.values, range.valueTypes, header.numberFormat),
        isTable: false,
      };
    });
  }

  /** One sync for any number of ranges. */
  async readRanges(addresses: string[]): Promise<RawTable[]> {
    if (addresses.length === 0) return [];
    return this.run(async (context) => {
      const reads = addresses.map((address) => {
        const { sheet, cell } = splitSheetAddress(address);
        const worksheets = context.workbook.worksheets;
        const worksheet = sheet === null ? worksheets.getActiveWorksheet() : worksheets.getItem(sheet);
        const range = worksheet.getRange(cell);
        return {
          sheet,
          range: range.load("address,values,valueTypes"),
          header: range.getRow(0).load("numberFormat"),
        };
      });
      try {
        await context.sync();
      } catch (error) {
        if ((error as { code?: string }).code === "ItemNotFound") {
          throw new Error(`A range picked for a table is gone (${addresses.join(", ")}): pick it again.`, { cause: error });
        }
        throw error;
      }
      return reads.map(({ range, header }) => {
        const { sheet, cell } = splitSheetAddress(range.address);
        const { row, column } = parseCellReference(cell);
        const sheetName = sheet ?? "";
        return {
          name: sheetName,
          sheet: sheetName,
          top: row,
          left: column,
          values: toRawCells(range.values, range.valueTypes, header.numberFormat),
          isTable: false,
        };
      });
    });
  }

  /**
   * Two syncs whatever the size: (1) the sheet and table names, (2) the free sheets built in full.
   * If (2) fails, a third removes what it added, so the workbook is left as it was.
   */
  async insertSheets(spec: WorkbookSpec): Promise<InsertedSheets> {
    if (spec.sheets.length === 0) return { inserted: [], skipped: [] };
    return this.run(async (context) => {
      const worksheets = context.workbook.worksheets.load("items/name");
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      const takenSheets = new Set(worksheets.items.map((s) => s.name.toLowerCase()));
      const takenTables = new Set(tables.items.map((t) => t.name.toLowerCase()));
      const inserted: SheetSpec[] = [];
      const skipped: string[] = [];
      for (const sheet of spec.sheets) {
        const tableNames = (sheet.tables ?? []).map((t) => t.name.toLowerCase());
        if (takenSheets.has(sheet.name.toLowerCase()) || tableNames.some((t) => takenTables.has(t))) {
          skipped.push(sheet.name);
          continue;
        }
        takenSheets.add(sheet.name.toLowerCase());
        for (const t of tableNames) takenTables.add(t);
        inserted.push(sheet);
      }
      if (inserted.length === 0) return { inserted: [], skipped };

      const added = inserted.map((sheet) => context.workbook.worksheets.add(sheet.name));
      // The user's sheets, not planner output: no marker, so the next run never deletes them.
      inserted.forEach((sheet, i) => fillSheet(added[i], sheet, false));
      added[0].activate();
      try {
        await context.sync();
      } catch (error) {
        // Excel applies a batch up to the failing command: remove whichever new sheets exist.
        try {
          const now = context.workbook.worksheets.load("items/name");
          await context.sync();
          const ours = new Set(inserted.map((s) => s.name.toLowerCase()));
          const leftovers = now.items.filter((s) => ours.has(s.name.toLowerCase()));
          for (const sheet of leftovers) sheet.delete();
          if (leftovers.length > 0) await context.sync();
        } catch (cleanupError) {
          throw new Error(
            `Inserting the sample sheets failed (${describe(error)}), and so did removing the half-made sheets ` +
              `(${describe(cleanupError)}): delete them by hand.`,
            { cause: cleanupError },
          );
        }
        throw new Error(`Inserting the sample sheets failed, and the workbook was left as it was: ${describe(error)}`, {
          cause: error,
        });
      }
      return { inserted: inserted.map((s) => s.name), skipped };
    });
  }

  /** One sync: constants from the top-left cell `address`; text that looks like a number stays text. */
  async writeValues(address: string, values: CellValue[][]): Promise<void> {
    const rows = values.length;
    const columns = values.reduce((widest, line) => Math.max(widest, line.length), 0);
    if (rows === 0 || columns === 0) return;
    const { sheet, cell } = splitSheetAddress(address);
    const { row, column } = parseCellReference(cell);
    await this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      const worksheet = sheet === null ? worksheets.getActiveWorksheet() : worksheets.getItem(sheet);
      worksheet.getRangeByIndexes(row, column, rows, columns).formulas = values.map((line) =>
        Array.from({ length: columns }, (_, c) => formulaInput({ value: line[c] ?? null })),
      );
      await syncNaming(context, sheet);
    });
  }

  /** One sync: shows the cell's sheet and selects the cell (`Forecast!D7`, `'My Sheet'!D7`, or `D7` on the active sheet). */
  async selectCell(address: string): Promise<void> {
    const { sheet, cell } = splitSheetAddress(address);
    await this.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      const worksheet = sheet === null ? worksheets.getActiveWorksheet() : worksheets.getItem(sheet);
      worksheet.activate();
      worksheet.getRange(cell).select();
      await syncNaming(context, sheet);
    });
  }

  /** One sync. */
  async showSheet(name: string): Promise<void> {
    await this.run(async (context) => {
      context.workbook.worksheets.getItem(name).activate();
      await syncNaming(context, name);
    });
  }

  /** Add-in settings travel inside the workbook file, so the choices follow the workbook to any machine. */
  async readPaneState(): Promise<unknown> {
    return (this.settings().get(PANE_STATE_SETTING) as unknown) ?? null;
  }

  async writePaneState(state: unknown): Promise<void> {
    const settings = this.settings();
    settings.set(PANE_STATE_SETTING, state);
    await new Promise<void>((resolve, reject) =>
      settings.saveAsync((result) =>
        // "succeeded" is Office.AsyncResultStatus.Succeeded, compared by value so tests need no Office global.
        String(result.status) === "succeeded" ? resolve() : reject(new Error(result.error?.message ?? "the settings were not saved")),
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

interface BlockRead {
  name: string;
  sheet: string;
  isTable: boolean;
  range: Excel.Range;
  header: Excel.Range;
}

/**
 * Excel's values as RawCells. Dates are numbers in Excel, so only the number format tells them
 * apart; the template has dates only as period headers, so the header row's formats are enough.
 */
function toRawCells(values: unknown[][], valueTypes: string[][], headerFormats: unknown[][]): RawCell[][] {
  return values.map((line, r) =>
    line.map((value, c): RawCell => {
      switch (valueTypes[r][c]) {
        case "Empty":
          return null;
        case "Error":
          return { error: String(value) };
        case "Double":
          if (r === 0 && typeof value === "number" && isDateNumberFormat(String(headerFormats[0]?.[c] ?? ""))) {
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

// ---------------------------------------------------------------------------------------------
// Writing: ownership and replacement

const ASIDE_SHEET_PREFIX = "~SOP old";
const ASIDE_TABLE_PREFIX = "SOP_old_";

interface WorkbookOwnership {
  sheets: { proxy: Excel.Worksheet; id: string; name: string; isPlanner: boolean }[];
  tables: { proxy: Excel.Table; id: string; name: string; sheetId: string }[];
}

/** Two syncs: sheet and table names, then each sheet's markers (custom properties load per sheet). */
async function readOwnership(context: Excel.RequestContext): Promise<WorkbookOwnership> {
  const worksheets = context.workbook.worksheets.load("items/id,items/name");
  const tables = context.workbook.tables.load("items/id,items/name,items/worksheet/id");
  await context.sync();
  const markers = worksheets.items.map((sheet) => ({
    version: sheet.customProperties.getItemOrNullObject(PLANNER_MARKER_KEY).load("value"),
    name: sheet.customProperties.getItemOrNullObject(PLANNER_SHEET_NAME_KEY).load("value"),
  }));
  await context.sync();
  const isPlanner = (sheet: Excel.Worksheet, { version, name }: (typeof markers)[number]) =>
    !version.isNullObject && !name.isNullObject && name.value.toLowerCase() === sheet.name.toLowerCase();
  return {
    sheets: worksheets.items.map((proxy, i) => ({
      proxy,
      id: proxy.id,
      name: proxy.name,
      isPlanner: isPlanner(proxy, markers[i]),
    })),
    tables: tables.items.map((proxy) => ({ proxy, id: proxy.id, name: proxy.name, sheetId: proxy.worksheet.id })),
  };
}

interface Replacement {
  /** The planner's earlier sheets, deleted once the new ones are written. */
  oldSheets: Excel.Worksheet[];
  /** Earlier sheets and tables whose names the new output takes: renamed aside while it is built. */
  sheetsAside: { proxy: Excel.Worksheet; aside: string }[];
  tablesAside: { proxy: Excel.Table; aside: string }[];
}

/** Checks that every name the output takes is free or the planner's, before anything changes. */
function planReplacement(before: WorkbookOwnership, spec: WorkbookSpec): Replacement {
  const key = (name: string) => name.toLowerCase();
  const sheetByName = new Map(before.sheets.map((s) => [key(s.name), s]));
  const sheetById = new Map(before.sheets.map((s) => [s.id, s]));
  const tableByName = new Map(before.tables.map((t) => [key(t.name), t]));

  const newSheetNames = new Set(spec.sheets.map((s) => key(s.name)));
  const newTableNames = new Set(spec.sheets.flatMap((s) => (s.tables ?? []).map((t) => key(t.name))));
  for (const sheet of spec.sheets) {
    const existing = sheetByName.get(key(sheet.name));
    if (existing && !existing.isPlanner) {
      throw new Error(
        `Sheet '${existing.name}' exists and was not created by the planner: rename or delete it, then run again.`,
      );
    }
    for (const table of sheet.tables ?? []) {
      const existingTable = tableByName.get(key(table.name));
      const owner = existingTable && sheetById.get(existingTable.sheetId);
      if (existingTable && !owner?.isPlanner) {
        throw new Error(
          `Table '${existingTable.name}' on sheet '${owner?.name ?? "?"}' exists and was not created by the planner: ` +
            `rename it, then run again.`,
        );
      }
    }
  }

  const takenSheetNames = new Set([...sheetByName.keys(), ...newSheetNames]);
  const takenTableNames = new Set([...tableByName.keys(), ...newTableNames]);
  const oldSheets = before.sheets.filter((s) => s.isPlanner);
  return {
    oldSheets: oldSheets.map((s) => s.proxy),
    sheetsAside: oldSheets
      .filter((s) => newSheetNames.has(key(s.name)))
      .map((s) => ({ proxy: s.proxy, aside: freeName(ASIDE_SHEET_PREFIX + " ", takenSheetNames) })),
    tablesAside: before.tables
      .filter((t) => newTableNames.has(key(t.name)))
      .map((t) => ({ proxy: t.proxy, aside: freeName(ASIDE_TABLE_PREFIX, takenTableNames) })),
  };
}

function freeName(prefix: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const name = `${prefix}${n}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/**
 * Puts the workbook back after a failed build: Excel applies a batch up to the failing command,
 * so what to undo is read afresh. Two syncs: the current names, then deletes and renames.
 */
async function restore(context: Excel.RequestContext, before: WorkbookOwnership): Promise<void> {
  const worksheets = context.workbook.worksheets.load("items/id,items/name");
  const tables = context.workbook.tables.load("items/id,items/name");
  await context.sync();
  const sheetNames = new Map(before.sheets.map((s) => [s.id, s.name]));
  const tableNames = new Map(before.tables.map((t) => [t.id, t.name]));
  let changes = 0;
  // Deletes first: they free the names the renames give back.
  for (const sheet of worksheets.items) {
    if (!sheetNames.has(sheet.id)) {
      sheet.delete();
      changes++;
    }
  }
  for (const sheet of worksheets.items) {
    const name = sheetNames.get(sheet.id);
    if (name !== undefined && name !== sheet.name) {
      sheet.name = name;
      changes++;
    }
  }
  for (const table of tables.items) {
    const name = tableNames.get(table.id);
    if (name !== undefined && name !== table.name) {
      table.name = name;
      changes++;
    }
  }
  if (changes > 0) await context.sync();
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Writing: one sheet

// Excel rejects very long multi-area addresses; a few thousand characters per RangeAreas is safe.
const MAX_AREAS_ADDRESS_LENGTH = 2000;

/** `plannerOutput` marks the sheet as the planner's, to be replaced by the next run. */
function fillSheet(worksheet: Excel.Worksheet, sheet: SheetSpec, plannerOutput: boolean): void {
  if (plannerOutput) {
    worksheet.customProperties.add(PLANNER_MARKER_KEY, PLANNER_OUTPUT_VERSION);
    worksheet.customProperties.add(PLANNER_SHEET_NAME_KEY, sheet.name);
  }
  const rows = sheet.cells.length;
  // A loop, not Math.max(...rows): spreading a hundred thousand rows overflows the call stack.
  const columns = sheet.cells.reduce((widest, line) => Math.max(widest, line.length), 0);

  if (rows > 0 && columns > 0) {
    worksheet.getRangeByIndexes(0, 0, rows, columns).formulas = sheet.cells.map((line) =>
      Array.from({ length: columns }, (_, c) => formulaInput(line[c] ?? null)),
    );
  }

  const formatted = boundingBox(sheet.cells, (cell) => cell.format !== undefined);
  if (formatted) {
    worksheet.getRangeByIndexes(formatted.top, formatted.left, formatted.rows, formatted.columns).numberFormat =
      Array.from({ length: formatted.rows }, (_, r) =>
        Array.from(
          { length: formatted.columns },
          (_, c) => sheet.cells[formatted.top + r]?.[formatted.left + c]?.format ?? "General",
        ),
      );
  }

  for (const [style, rectangles] of styleRectangles(sheet.cells)) {
    if (Object.keys(STYLE_LOOKS[style]).length === 0) continue;
    for (const address of joinAddresses(rectangles)) applyFormat(worksheet.getRanges(address).format, STYLE_LOOKS[style]);
  }

  for (const table of sheet.tables ?? []) {
    // A Range, not an address: an address without a sheet name means the active sheet, even here.
    const added = worksheet.tables.add(worksheet.getRangeByIndexes(table.top, table.left, table.rows, table.columns), true);
    added.name = table.name;
    added.style = table.style;
    added.showTotals = false;
  }

  for (const rule of sheet.conditionalFormats ?? []) {
    const look = STYLE_LOOKS[rule.style];
    const added = worksheet.getRangeByIndexes(rule.top, rule.left, rule.rows, rule.columns).conditionalFormats.add("CellValue");
    added.cellValue.rule = { formula1: `=${rule.value}`, operator: rule.operator === "greaterThan" ? "GreaterThan" : "LessThan" };
    if (look.fontColor) added.cellValue.format.font.color = look.fontColor;
    if (look.fill) added.cellValue.format.fill.color = look.fill;
  }

  // Neighbouring columns of the same width share one assignment.
  const widths = sheet.columnWidths ?? [];
  for (let start = 0; start < widths.length; ) {
    let end = start;
    while (end + 1 < widths.length && widths[end + 1] === widths[start]) end++;
    worksheet.getRangeByIndexes(0, start, 1, end - start + 1).getEntireColumn().format.columnWidth =
      columnWidthPoints(widths[start]);
    start = end + 1;
  }

  const freeze = sheet.freeze;
  if (freeze && freeze.rows > 0 && freeze.columns > 0) {
    worksheet.freezePanes.freezeAt(worksheet.getRangeByIndexes(0, 0, freeze.rows, freeze.columns));
  } else if (freeze && freeze.rows > 0) {
    worksheet.freezePanes.freezeRows(freeze.rows);
  } else if (freeze && freeze.columns > 0) {
    worksheet.freezePanes.freezeColumns(freeze.columns);
  }

  if (sheet.tabColor) worksheet.tabColor = /^[0-9A-Fa-f]{6}$/.test(sheet.tabColor) ? `#${sheet.tabColor}` : sheet.tabColor;

  for (const chart of sheet.charts ?? []) addChart(worksheet, chart);
  if (sheet.pageSetup) setPageLayout(worksheet, sheet.pageSetup);
}

/** How the sheet prints (ExcelApi 1.9): orientation, fit to pages, print area, repeated rows, page breaks. */
function setPageLayout(worksheet: Excel.Worksheet, setup: PageSetupSpec): void {
  const layout = worksheet.pageLayout;
  layout.orientation = setup.orientation === "landscape" ? "Landscape" : "Portrait";
  // Pages tall left out (null) lets the rows take as many pages as they need.
  layout.zoom = { horizontalFitToPages: setup.fitToPagesWide, ...(setup.fitToPagesTall > 0 && { verticalFitToPages: setup.fitToPagesTall }) };
  const area = setup.printArea;
  if (area && area.rows > 0 && area.columns > 0) layout.setPrintArea(worksheet.getRangeByIndexes(area.top, area.left, area.rows, area.columns));
  if (setup.repeatRows) layout.setPrintTitleRows(`$${setup.repeatRows.first + 1}:$${setup.repeatRows.last + 1}`);
  for (const row of [...new Set(setup.rowBreaks ?? [])].filter((r) => r > 0).sort((a, b) => a - b)) {
    worksheet.horizontalPageBreaks.add(worksheet.getRangeByIndexes(row, 0, 1, 1));
  }
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
function formulaInput(cell: CellSpec | null): string | number | boolean {
  if (!cell) return "";
  if (cell.formula !== undefined && cell.formula !== "") return cell.formula.startsWith("=") ? cell.formula : `=${cell.formula}`;
  const value = cell.value ?? null;
  if (value === null) return "";
  // JSON has no NaN or infinity (they would arrive as null and leave the cell alone): show Excel's own error.
  if (typeof value === "number" && !Number.isFinite(value)) return "#NUM!";
  return typeof value === "string" ? quoteText(value) : value;
}

/**
 * A string as Excel input that stays that exact text: Excel reads what is typed into a cell, so
 * text that looks like a formula, number, date, boolean or error gets the invisible apostrophe.
 */
export function quoteText(text: string): string {
  return needsQuotePrefix(text) ? `'${text}` : text;
}

const MONTH_NAMES = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?|am|pm)\b/gi;

/** Errs on the side of quoting: an apostrophe is invisible, a text turned into a number is not. */
export function needsQuotePrefix(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === "") return false;
  if (/^[=+\-@'#]/.test(trimmed)) return true;
  if (/^(true|false)$/i.test(trimmed)) return true;
  // Numbers, currencies, percentages, fractions, dates and times: digits with no other word left
  // once month names and AM/PM are set aside (`Jan 2027`, `1/2`, `$1,000`, `12:30 pm`, `1E5`).
  return /\d/.test(trimmed) && !/(?![eE])[\p{L}_]/u.test(trimmed.replace(MONTH_NAMES, ""));
}

interface Rectangle {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

function boundingBox(cells: (CellSpec | null)[][], keep: (cell: CellSpec) => boolean): Rectangle | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  cells.forEach((line, r) =>
    line.forEach((cell, c) => {
      if (!cell || !keep(cell)) return;
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }),
  );
  return bottom < 0 ? null : { top, left, rows: bottom - top + 1, columns: right - left + 1 };
}

/** Each style's cells as few rectangles: runs along a row, stacked where rows repeat the same run. */
function styleRectangles(cells: (CellSpec | null)[][]): Map<CellStyle, Rectangle[]> {
  const byStyle = new Map<CellStyle, Rectangle[]>();
  // The rectangle each style's run [left, right] reached in the previous row, to extend downwards.
  const open = new Map<string, Rectangle>();
  cells.forEach((line, r) => {
    let c = 0;
    while (c < line.length) {
      const style = line[c]?.style;
      if (!style) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < line.length && line[end + 1]?.style === style) end++;
      const runKey = `${style}:${c}:${end}`;
      const above = open.get(runKey);
      if (above && above.top + above.rows === r) {
        above.rows++;
      } else {
        const rectangle = { top: r, left: c, rows: 1, columns: end - c + 1 };
        open.set(runKey, rectangle);
        const list = byStyle.get(style) ?? [];
        list.push(rectangle);
        byStyle.set(style, list);
      }
      c = end + 1;
    }
  });
  return byStyle;
}

function joinAddresses(rectangles: Rectangle[]): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const { top, left, rows, columns } of rectangles) {
    const address =
      rows === 1 && columns === 1
        ? cellAddress(top, left)
        : `${cellAddress(top, left)}:${cellAddress(top + rows - 1, left + columns - 1)}`;
    if (current && current.length + address.length + 1 > MAX_AREAS_ADDRESS_LENGTH) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current},${address}` : address;
  }
  if (current) chunks.push(current);
  return chunks;
}

function applyFormat(format: Excel.RangeFormat, style: StyleLook): void {
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

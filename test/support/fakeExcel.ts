// An in-memory Excel for tests: the parts of Office.js the adapter uses, queued until sync() as the real API does.
import { cellAddress, columnLetter, quoteSheetName } from "../../src/workbook/sheet";

// ---------------------------------------------------------------------------------------------
// Errors, shaped like OfficeExtension.Error (a code and a message)

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

const notLoaded = (property: string) =>
  new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
const notFound = (what: string) =>
  new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist. (${what})`);
const invalidArgument = (why: string) =>
  new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (${why})`);
const invalidOperation = (why: string) =>
  new FakeOfficeError("InvalidOperation", `This operation is not allowed. (${why})`);

// ---------------------------------------------------------------------------------------------
// Workbook state

type Scalar = string | number | boolean;

export interface FakeBorder {
  style?: string;
  weight?: string;
  color?: string;
}

export interface FakeCellFormat {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  borders?: Record<string, FakeBorder>;
}

/** One cell as Excel keeps it: a constant, a formula or an error, plus its number format and format. */
export interface FakeCell {
  row: number;
  column: number;
  /** The constant; null when empty, for errors, and for formulas (the fake does not calculate). */
  value: Scalar | null;
  formula?: string;
  error?: string;
  /** Set when the text was entered with a leading apostrophe (Excel's "quote prefix"). */
  quotePrefix?: boolean;
  numberFormat: string;
  format: FakeCellFormat;
}

interface SheetState {
  id: string;
  name: string;
  cells: Map<string, FakeCell>;
  /** Keyed by the lower-cased key, as Excel matches custom property keys ignoring case. */
  customProperties: Map<string, { key: string; value: string }>;
  tabColor: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  frozen: { rows: number; columns: number };
  columnWidths: Map<number, number>;
  conditionalFormats: FakeConditionalFormatState[];
  charts: FakeChartState[];
  pageLayout: FakePageLayoutState;
  /** Merged areas: their value is in the top-left cell, the other cells are blank. */
  merges: Rect[];
  /** Protected (Review ▸ Protect Sheet): Excel refuses to change its cells, tables, charts and layout. */
  protected: boolean;
  deleted: boolean;
  /** Cells whose formula names a sheet (`'SOP Summary'!D6`): the ones a rename or delete rewrites. */
  crossSheet: Set<FakeCell>;
}

/** Notes a cell whose formula may refer to another sheet, or to a table (`SOP_Summary[Margin]`). */
function noteFormula(sheet: SheetState, cell: FakeCell): void {
  if (cell.formula?.includes("!") || cell.formula?.includes("[")) sheet.crossSheet.add(cell);
}

/** Excel keeps a formula to at most 8,192 characters (its `=` included); a longer write fails the request. */
export const FORMULA_LIMIT_CHARACTERS = 8192;

/** Above this many merged areas `getMergedAreasOrNullObject` fails (and with it the whole request). */
export const MERGED_AREAS_LIMIT = 512;

/** How a sheet prints, as Excel keeps it (ExcelApi 1.9 `pageLayout`, `horizontalPageBreaks`). */
export interface FakePageLayoutState {
  orientation: "Portrait" | "Landscape";
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printArea: string | null;
  printTitleRows: string | null;
  /** Rows (0-based) that start a page, in the order added. */
  rowBreaks: number[];
}

/** A chart as Excel keeps it: its type, title, legend, axis format, series and the cells it covers. */
export interface FakeChartState {
  name: string;
  type: string;
  title?: string;
  legend?: string;
  valueFormat?: string;
  /** `fill`: `none` once cleared (invisible), else the solid colour set (`#RRGGBB`); `line`: `none` once cleared. */
  series: { name: string; values: string; categories?: string; chartType?: string; fill?: string; line?: string }[];
  /** Top-left and bottom-right cells, e.g. B4:I20. */
  position?: string;
}

const CHART_TYPES = ["Line", "ColumnStacked", "ColumnClustered"];

/** A conditional format as Excel keeps it: the range it covers, its type, rule and look. */
export interface FakeConditionalFormatState {
  address: string;
  type: string;
  rule?: { formula1: string; formula2?: string; operator: string };
  fontColor?: string;
  fill?: string;
}

interface TableState {
  id: string;
  name: string;
  sheet: SheetState;
  top: number;
  left: number;
  rows: number;
  columns: number;
  style: string;
  showTotals: boolean;
  deleted: boolean;
  /** The values filter on each filtered column, by the column's header text (`Table.columns.getItem(name).filter`). */
  filters?: Map<string, string[]>;
}

interface Rect {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

interface RangeTarget extends Rect {
  sheet: SheetState;
}

const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;
/** Only column widths may be set on whole columns: per-cell formats over a million rows would be silly in a fake. */
const WHOLE_COLUMN = MAX_ROWS;

export type SeedCell = Scalar | null | { error: string } | { formula: string };

export interface SyncRecord {
  /** 1-based across the FakeExcel's life. */
  index: number;
  operations: number;
  /** The batch asked Excel not to recalculate after it (`suspendApiCalculationUntilNextSync`). */
  calculationSuspended: boolean;
  /** The user was typing in a cell: the batch waited (delayForCellEdit) or was refused. */
  cellEdit?: "waited" | "refused";
  /** JSON bytes of the queued operations: what Office.js would send to Excel. */
  requestBytes: number;
  /** JSON bytes of the loaded values: what Excel would send back. */
  responseBytes: number;
  failed: boolean;
}

interface Operation {
  path: string;
  action: string;
  args?: unknown;
  /** Runs against the workbook; may return a load result to deliver once the whole batch succeeds. */
  apply(): { response: unknown; commit: () => void } | void;
}

/** UTF-8 length of the JSON, counted by hand: jsdom test environments have no TextEncoder. */
function bytes(value: unknown): number {
  const json = JSON.stringify(value) ?? "";
  let length = 0;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      length += 4; // a surrogate pair: one 4-byte character
      i++;
    } else length += 3;
  }
  return length;
}
/**
 * Excel on the web refuses a request (or a response) over 5 MB with RequestPayloadSizeLimitExceeded
 * (learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization).
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** Excel's limit on the cells of one range a get operation reads. */
export const READ_CELL_LIMIT = 5_000_000;

/**
 * The request as Office.js sends it: an action per operation and an object path for the object it
 * acts on (the real wire format shares parent paths; the fake writes each path out whole, so it
 * overcounts a little, on the safe side).
 */
function requestPayloadBytes(operations: { path: string; action: string; args?: unknown }[]): number {
  return bytes({
    Actions: operations.map(({ action, args }, i) => ({
      Id: 2 * i + 1,
      ActionType: action === "load" ? 2 : 4,
      Name: action,
      ObjectPathId: 2 * i + 2,
      ArgumentInfo: args === undefined ? {} : { Arguments: [args] },
    })),
    ObjectPaths: Object.fromEntries(
      operations.map(({ path }, i) => [String(2 * i + 2), { Id: 2 * i + 2, ObjectPathType: 4, Name: path, ParentObjectPathId: 0, ArgumentInfo: {} }]),
    ),
  });
}

const key = (row: number, column: number) => `${row},${column}`;
const lower = (s: string) => s.toLowerCase();

/**
 * The workbook and the `Excel.run` entry point. Seeding and inspection methods act at once (they
 * are the test's hands on the file); everything through a context is queued until `sync()`.
 */
/** A batch for `Excel.run`, as the adapter writes it. */
type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

/** A cell the user types into while a sync is on its way: Excel is in cell-edit mode until they press Enter. */
interface CellEdit {
  sheet: string;
  address: string;
  value: Scalar;
}

export class FakeExcel {
  private sheets: SheetState[] = [];
  private tables: TableState[] = [];
  /** Workbook-scoped defined names (Formulas ▸ Name Manager), by lower-cased name. */
  private names = new Map<string, { name: string; formula: string }>();
  private nextId = 1;
  private failures = new Map<number, number>();
  private cellEdits = new Map<number, CellEdit>();
  activeSheetId: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  /** The workbook's structure is protected (Review ▸ Protect Workbook): no sheet may be added, deleted, renamed, hidden or shown. */
  structureProtected = false;
  /** Each recalculation asked for (`application.calculate`), by its type. */
  readonly calculations: string[] = [];
  readonly syncLog: SyncRecord[] = [];

  get syncCount(): number {
    return this.syncLog.length;
  }

  /** Makes the `n`th sync from now (1 = the next) fail after applying `afterOperations` of its operations, as Excel stops at a failing command. */
  failSync(n: number, afterOperations = 0): void {
    this.failures.set(this.syncCount + n, afterOperations);
  }

  /**
   * The user starts typing `value` into a cell just before the `n`th sync from now. Excel refuses
   * that batch (InvalidOperationInCellEditMode) unless `Excel.run` was given `delayForCellEdit`;
   * then the batch waits until the user presses Enter (their value goes in first) and runs.
   */
  editCellDuringSync(n: number, sheet: string, address: string, value: Scalar): void {
    this.cellEdits.set(this.syncCount + n, { sheet, address, value });
  }

  /** `Excel.run([options,] batch)`: a fresh context for the batch, then a last sync of whatever it left queued. */
  run = async <T>(first: Excel.RunOptions | Batch<T>, second?: Batch<T>): Promise<T> => {
    const options = typeof first === "function" ? {} : first;
    const batch = typeof first === "function" ? first : second;
    if (!batch) throw new Error("fake: Excel.run without a batch");
    const context = new FakeRequestContext(this, options.delayForCellEdit === true);
    // The fake covers only the members the adapter uses; the cast is the seam between the two.
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.pending > 0) await context.sync();
    return result;
  };

  /** A context to drive by hand in tests of the fake itself. */
  newContext(options: Excel.RunOptions = {}): FakeRequestContext {
    return new FakeRequestContext(this, options.delayForCellEdit === true);
  }

  // --- seeding -------------------------------------------------------------------------------

  addSheet(name: string, at = "A1", rows: SeedCell[][] = []): this {
    this.createSheet(name);
    if (rows.length > 0) this.setCells(name, at, rows);
    return this;
  }

  setCells(sheetName: string, at: string, rows: SeedCell[][]): this {
    const sheet = this.sheetNamed(sheetName);
    const { top, left } = parseAddress(at);
    rows.forEach((line, r) =>
      line.forEach((seed, c) => {
        const cell = this.cellAt(sheet, top + r, left + c);
        clearContent(cell);
        if (seed === null) return;
        if (typeof seed === "object" && "error" in seed) cell.error = seed.error;
        else if (typeof seed === "object") {
          cell.formula = `=${seed.formula.replace(/^=/, "")}`;
          noteFormula(sheet, cell);
        }
        else cell.value = seed;
      }),
    );
    return this;
  }

  setNumberFormat(sheetName: string, address: string, format: string): this {
    const sheet = this.sheetNamed(sheetName);
    forEachCell(parseAddress(address), (r, c) => {
      this.cellAt(sheet, r, c).numberFormat = format;
    });
    return this;
  }

  /**
   * Merges `address` as Excel's Merge does: only the top-left value stays. Like Excel it refuses an
   * area that overlaps another merged area or a table (a table cannot hold merged cells).
   */
  mergeCells(sheetName: string, address: string): this {
    const sheet = this.sheetNamed(sheetName);
    const rect = parseAddress(address);
    if (sheet.merges.some((m) => overlaps(m, rect))) throw invalidOperation(`${address} overlaps a merged area`);
    if (this.liveTables().some((t) => t.sheet === sheet && overlaps(t, rect))) throw invalidOperation(`${address} overlaps a table`);
    forEachCell(rect, (r, c) => {
      if (r !== rect.top || c !== rect.left) clearContent(this.cellAt(sheet, r, c));
    });
    sheet.merges.push(rect);
    return this;
  }

  /** With `showTotals`, the last row of `address` is the table's totals row. */
  addTable(sheetName: string, name: string, address: string, options: { showTotals?: boolean } = {}): this {
    const rect = parseAddress(address);
    const table = this.createTable(this.sheetNamed(sheetName), options.showTotals ? { ...rect, rows: rect.rows - 1 } : rect);
    this.renameTable(table, name);
    if (options.showTotals) {
      table.rows++;
      table.showTotals = true;
    }
    return this;
  }

  /** A workbook-scoped defined name, e.g. `Margins` for `=SOP_Summary[Margin]`. */
  addDefinedName(name: string, formula: string): this {
    if (this.tables.some((t) => lower(t.name) === lower(name))) throw invalidArgument(`a table named '${name}' already exists`);
    this.names.set(lower(name), { name, formula: formula.startsWith("=") ? formula : `=${formula}` });
    return this;
  }

  protectSheet(sheetName: string): this {
    this.sheetNamed(sheetName).protected = true;
    return this;
  }

  setVisibility(sheetName: string, visibility: SheetState["visibility"]): this {
    this.sheetNamed(sheetName).visibility = visibility;
    return this;
  }

  setCustomProperty(sheetName: string, propertyKey: string, value: string): this {
    this.sheetNamed(sheetName).customProperties.set(lower(propertyKey), { key: propertyKey, value });
    return this;
  }

  // --- inspection ----------------------------------------------------------------------------

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  get activeSheet(): string | null {
    return this.sheets.find((s) => s.id === this.activeSheetId)?.name ?? null;
  }

  cell(sheetName: string, address: string): FakeCell | undefined {
    const { top, left } = parseAddress(address);
    return this.sheetNamed(sheetName).cells.get(key(top, left));
  }

  /** What the cell holds: its constant, `=formula`, or `#error`; null when empty. */
  content(sheetName: string, address: string): Scalar | null {
    const cell = this.cell(sheetName, address);
    if (!cell) return null;
    return cell.formula ?? cell.error ?? cell.value;
  }

  sheetInfo(sheetName: string) {
    const sheet = this.sheetNamed(sheetName);
    return {
      id: sheet.id,
      tabColor: sheet.tabColor,
      frozen: { ...sheet.frozen },
      columnWidths: Object.fromEntries(sheet.columnWidths),
      conditionalFormats: sheet.conditionalFormats.map((f) => ({ ...f })),
      charts: sheet.charts.map((c) => ({ ...c, series: c.series.map((x) => ({ ...x })) })),
      pageLayout: { ...sheet.pageLayout, zoom: { ...sheet.pageLayout.zoom }, rowBreaks: [...sheet.pageLayout.rowBreaks] },
      customProperties: Object.fromEntries([...sheet.customProperties.values()].map((p) => [p.key, p.value])),
      visibility: sheet.visibility,
      cellCount: sheet.cells.size,
    };
  }

  tableNames(): string[] {
    return this.tables.map((t) => t.name);
  }

  /** The table's id: the same id across reruns means the same table, the one a reviewer's formulas point at. */
  tableId(name: string): string | undefined {
    return this.tables.find((t) => lower(t.name) === lower(name))?.id;
  }

  /** A defined name's formula (`=SOP_Summary[Margin]`, or `=#REF!` once its table was deleted). */
  definedName(name: string): string | undefined {
    return this.names.get(lower(name))?.formula;
  }

  /**
   * What a structured reference reads now: `SOP_Summary[Margin]` is the column's data cells (as
   * `content` gives them), `SOP_Summary` the whole data body. Throws when there is no such table or
   * column, which is what `#REF!` means in a formula.
   */
  structuredReference(reference: string): { sheet: string; address: string; cells: (Scalar | null)[] } {
    const m = /^([A-Za-z_\\][\w.\\]*)(?:\[([^\]]+)\])?$/.exec(reference.trim());
    const table = m && this.tables.find((t) => lower(t.name) === lower(m[1]));
    if (!m || !table) throw new Error(`fake: ${reference} is #REF! (no table '${m?.[1] ?? reference}')`);
    const headers = this.tableHeaders(table);
    const column = m[2] === undefined ? -1 : headers.findIndex((h) => lower(h) === lower(m[2]));
    if (m[2] !== undefined && column < 0) throw new Error(`fake: ${reference} is #REF! (no column '${m[2]}' in ${table.name})`);
    const rect = { top: table.top + 1, left: column < 0 ? table.left : table.left + column, rows: table.rows - 1 - (table.showTotals ? 1 : 0), columns: column < 0 ? table.columns : 1 };
    const cells: (Scalar | null)[] = [];
    forEachCell(rect, (r, c) => {
      const cell = table.sheet.cells.get(key(r, c));
      cells.push(cell ? (cell.formula ?? cell.error ?? cell.value) : null);
    });
    return { sheet: table.sheet.name, address: rectAddress(rect), cells };
  }

  tableInfo(name: string) {
    const table = this.tables.find((t) => lower(t.name) === lower(name));
    if (!table) return undefined;
    return {
      name: table.name,
      sheet: table.sheet.name,
      address: rectAddress(table),
      style: table.style,
      showTotals: table.showTotals,
      headers: Array.from({ length: table.columns }, (_, c) => table.sheet.cells.get(key(table.top, table.left + c))?.value ?? null),
    };
  }

  /** Everything observable, as plain data, to compare a workbook before and after. */
  snapshot(): unknown {
    return {
      active: this.activeSheetId,
      selection: this.selection,
      sheets: this.sheets.map((s) => ({
        id: s.id,
        name: s.name,
        tabColor: s.tabColor,
        frozen: s.frozen,
        columnWidths: [...s.columnWidths].sort((a, b) => a[0] - b[0]),
        visibility: s.visibility,
        customProperties: [...s.customProperties.values()].map((p) => [p.key, p.value]).sort(),
        cells: [...s.cells.values()].sort((a, b) => a.row - b.row || a.column - b.column),
      })),
      tables: this.tables.map((t) => ({ ...t, sheet: t.sheet.id })),
      names: [...this.names.values()],
    };
  }

  // --- internals used by the proxies -------------------------------------------------------

  /** @internal */
  recordSync(record: Omit<SyncRecord, "index">): number {
    this.syncLog.push({ index: this.syncLog.length + 1, ...record });
    return this.syncLog.length;
  }

  /** @internal The cell the user is typing into when the given sync arrives, if any; taken once. */
  cellEditAt(syncIndex: number): CellEdit | undefined {
    const edit = this.cellEdits.get(syncIndex);
    this.cellEdits.delete(syncIndex);
    return edit;
  }

  /** @internal The user presses Enter: their value goes into the cell. */
  commitCellEdit(edit: CellEdit): void {
    this.setCells(edit.sheet, edit.address, [[edit.value]]);
  }

  /** @internal */
  definedNames(): { name: string; formula: string }[] {
    return [...this.names.values()];
  }

  /** @internal The number of operations to apply before the given sync fails, if it should. */
  failureFor(syncIndex: number): number | undefined {
    return this.failures.get(syncIndex);
  }

  /** @internal */
  liveSheets(): SheetState[] {
    return this.sheets;
  }

  /**
   * @internal A table is gone: every formula and defined name that referred to it (`SOP_Summary[Margin]`)
   * turns into `#REF!`, and stays so when a table of the same name comes back, as in Excel.
   */
  dropDeletedTables(): void {
    const gone = this.tables.filter((t) => t.deleted);
    if (gone.length === 0) return;
    this.tables = this.tables.filter((t) => !t.deleted);
    const reference = new RegExp(`(?<![\\w.\\\\'])(${gone.map((t) => t.name.replace(/[.\\]/g, "\\$&")).join("|")})(\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\])?(?![\\w.(!'\\\\])`, "gi");
    for (const sheet of this.sheets) {
      for (const cell of sheet.crossSheet) {
        if (cell.formula) cell.formula = cell.formula.replace(reference, "#REF!");
      }
    }
    for (const name of this.names.values()) name.formula = name.formula.replace(reference, "#REF!");
  }

  /** @internal */
  liveTables(): TableState[] {
    return this.tables;
  }

  /** A table's values filters, by column header, as the add-in left them: what a test asserts on. */
  tableFilters(name: string): Record<string, string[]> {
    const table = this.tables.find((t) => lower(t.name) === lower(name));
    if (!table) throw new Error(`fake: no table '${name}'`);
    return Object.fromEntries(table.filters ?? []);
  }

  /** @internal The header texts of a table, as its columns are named. */
  tableHeaders(table: TableState): string[] {
    return Array.from({ length: table.columns }, (_, c) => {
      const cell = table.sheet.cells.get(key(table.top, table.left + c));
      return cell?.value === null || cell?.value === undefined ? "" : String(cell.value);
    });
  }

  /** @internal */
  findSheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => lower(s.name) === lower(name));
  }

  private sheetNamed(name: string): SheetState {
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`fake: no sheet '${name}'`);
    return sheet;
  }

  /** @internal */
  createSheet(name: string): SheetState {
    validateSheetName(name);
    if (this.findSheet(name)) throw invalidArgument(`a sheet named '${name}' already exists`);
    const sheet: SheetState = {
      id: `{sheet-${this.nextId++}}`,
      name,
      cells: new Map(),
      customProperties: new Map(),
      tabColor: "",
      visibility: "Visible",
      frozen: { rows: 0, columns: 0 },
      columnWidths: new Map(),
      conditionalFormats: [],
      charts: [],
      pageLayout: { orientation: "Portrait", zoom: { scale: 100 }, printArea: null, printTitleRows: null, rowBreaks: [] },
      merges: [],
      protected: false,
      deleted: false,
      crossSheet: new Set(),
    };
    this.sheets.push(sheet);
    if (this.activeSheetId === null) this.activeSheetId = sheet.id;
    return sheet;
  }

  /** @internal */
  renameSheet(sheet: SheetState, name: string): void {
    validateSheetName(name);
    const other = this.findSheet(name);
    if (other && other !== sheet) throw invalidArgument(`a sheet named '${name}' already exists`);
    const before = sheet.name;
    sheet.name = name;
    // Excel rewrites every formula that refers to the sheet: a reference follows the sheet, not its name.
    this.rewriteReferences(before, (cellRef) => `${quoteSheetName(name)}!${cellRef}`);
  }

  /** Every formula's references to `sheetName` (`'SOP Summary'!D6`, `Data!A:A`), rewritten by `replace`. */
  private rewriteReferences(sheetName: string, replace: (cellRef: string) => string): void {
    const reference = /('(?:[^']|'')+'|(?<![\w.])[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!(\$?[A-Za-z]{0,3}\$?\d*(?::\$?[A-Za-z]{0,3}\$?\d*)?)/g;
    const unquote = (name: string) => (name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name);
    for (const sheet of this.sheets) {
      for (const cell of sheet.crossSheet) {
        if (sheet.cells.get(key(cell.row, cell.column)) !== cell || !cell.formula) {
          sheet.crossSheet.delete(cell);
          continue;
        }
        cell.formula = cell.formula.replace(reference, (whole, name: string, cellRef: string) =>
          lower(unquote(name)) === lower(sheetName) ? replace(cellRef) : whole,
        );
      }
    }
  }

  /** @internal */
  deleteSheet(sheet: SheetState): void {
    if (this.structureProtected) throw invalidOperation("the workbook's structure is protected");
    if (sheet.visibility === "VeryHidden") throw invalidOperation(`sheet '${sheet.name}' is very hidden and cannot be deleted`);
    if (this.sheets.every((s) => s === sheet || s.visibility !== "Visible")) {
      throw invalidOperation("a workbook must contain at least one visible worksheet");
    }
    const index = this.sheets.indexOf(sheet);
    this.sheets.splice(index, 1);
    sheet.deleted = true;
    // What referred to the deleted sheet is lost for good, as in Excel.
    this.rewriteReferences(sheet.name, () => "#REF!");
    for (const table of this.tables.filter((t) => t.sheet === sheet)) table.deleted = true;
    this.dropDeletedTables();
    if (this.activeSheetId === sheet.id) {
      const visible = this.sheets.filter((s) => s.visibility === "Visible");
      this.activeSheetId = (visible.find((s) => this.sheets.indexOf(s) >= index - 1) ?? visible[0]).id;
    }
    if (this.selection && this.selection.sheet === sheet.name) this.selection = null;
  }

  /** @internal */
  cellAt(sheet: SheetState, row: number, column: number): FakeCell {
    const k = key(row, column);
    let cell = sheet.cells.get(k);
    if (!cell) {
      cell = { row, column, value: null, numberFormat: "General", format: {} };
      sheet.cells.set(k, cell);
    }
    return cell;
  }

  /** @internal Excel turns a table's header row into unique text labels. */
  createTable(sheet: SheetState, rect: Rect): TableState {
    if (rect.rows < 1 || rect.rows >= WHOLE_COLUMN) throw invalidArgument("table range");
    for (const other of this.tables) {
      if (other.sheet === sheet && overlaps(other, rect)) throw invalidArgument(`overlaps table '${other.name}'`);
    }
    this.labelHeaders({ sheet, ...rect });
    let n = this.tables.length + 1;
    while (this.tables.some((t) => lower(t.name) === lower(`Table${n}`))) n++;
    const table: TableState = {
      id: `{table-${this.nextId++}}`,
      name: `Table${n}`,
      sheet,
      top: rect.top,
      left: rect.left,
      rows: rect.rows,
      columns: rect.columns,
      style: "TableStyleMedium2",
      showTotals: false,
      deleted: false,
    };
    this.tables.push(table);
    return table;
  }

  /** @internal Excel keeps a table's header cells unique text labels: blank is `ColumnN`, a repeat gets a number. */
  labelHeaders(table: RangeTarget): void {
    const seen = new Set<string>();
    for (let c = 0; c < table.columns; c++) {
      const cell = this.cellAt(table.sheet, table.top, table.left + c);
      let label = cell.formula || cell.error ? "" : cell.value === null ? "" : String(cell.value);
      if (label === "") label = `Column${c + 1}`;
      let unique = label;
      for (let n = 2; seen.has(lower(unique)); n++) unique = `${label}${n}`;
      seen.add(lower(unique));
      // A label already in place stays as it was typed (with its apostrophe, if any).
      if (cell.value === unique && !cell.formula && !cell.error) continue;
      clearContent(cell);
      cell.value = unique;
    }
  }

  /** @internal */
  renameTable(table: TableState, name: string): void {
    const looksLikeReference = /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name);
    if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || name.length > 255 || looksLikeReference) {
      throw invalidArgument(`'${name}' is not a valid table name`);
    }
    const other = this.tables.find((t) => lower(t.name) === lower(name));
    if (other && other !== table) throw invalidArgument(`a table named '${name}' already exists`);
    // Tables and defined names share one namespace.
    if (this.names.has(lower(name))) throw invalidArgument(`a defined name '${name}' already exists`);
    table.name = name;
  }

  /** @internal Excel refuses to change a protected sheet. */
  editable(sheet: SheetState): SheetState {
    if (sheet.protected) throw invalidOperation(`the cell or chart you're trying to change is on protected sheet '${sheet.name}'`);
    return sheet;
  }

  /** @internal Excel refuses to add, delete, rename, hide or show a sheet of a workbook whose structure is protected. */
  structureEditable(): void {
    if (this.structureProtected) throw invalidOperation("the workbook's structure is protected");
  }
}

function validateSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[\\/?*[\]:]/.test(name) || /^'|'$/.test(name) || lower(name) === "history") {
    throw invalidArgument(`'${name}' is not a valid sheet name`);
  }
}

function clearContent(cell: FakeCell): void {
  cell.value = null;
  delete cell.formula;
  delete cell.error;
  delete cell.quotePrefix;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.top < b.top + b.rows && b.top < a.top + a.rows && a.left < b.left + b.columns && b.left < a.left + a.columns;
}

function inside(rect: Rect, row: number, column: number): boolean {
  return row >= rect.top && row < rect.top + rect.rows && column >= rect.left && column < rect.left + rect.columns;
}

function containsRect(outer: Rect, inner: Rect): boolean {
  return inside(outer, inner.top, inner.left) && inside(outer, inner.top + inner.rows - 1, inner.left + inner.columns - 1);
}

function structuredCloneCell(cell: FakeCell): FakeCell {
  const borders = cell.format.borders && Object.fromEntries(Object.entries(cell.format.borders).map(([edge, b]) => [edge, { ...b }]));
  return { ...cell, format: { ...cell.format, ...(borders && { borders }) } };
}

function forEachCell(rect: Rect, visit: (row: number, column: number) => void): void {
  for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.columns; c++) visit(rect.top + r, rect.left + c);
}

// ---------------------------------------------------------------------------------------------
// Addresses

/** `B3`, `$B$3`, `B3:F10`, `A:C` (whole columns), optionally after `Sheet!`. */
export function parseAddress(address: string): Rect {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [first, second = first] = bare.replace(/\$/g, "").trim().toUpperCase().split(":");
  const columnsOnly = /^[A-Z]{1,3}$/;
  const rowsOnly = /^\d+$/;
  if (rowsOnly.test(first) && rowsOnly.test(second)) {
    const top = Number(first) - 1;
    const rows = Number(second) - top;
    if (top < 0 || rows < 1 || top + rows > MAX_ROWS) throw invalidArgument(`'${address}' is not a range address`);
    return { top, left: 0, rows, columns: MAX_COLUMNS };
  }
  if (columnsOnly.test(first) && columnsOnly.test(second)) {
    const left = columnIndex(first);
    return { top: 0, left, rows: MAX_ROWS, columns: columnIndex(second) - left + 1 };
  }
  const a = /^([A-Z]{1,3})(\d+)$/.exec(first);
  const b = /^([A-Z]{1,3})(\d+)$/.exec(second);
  if (!a || !b) throw invalidArgument(`'${address}' is not a range address`);
  const top = Number(a[2]) - 1;
  const left = columnIndex(a[1]);
  const rows = Number(b[2]) - 1 - top + 1;
  const columns = columnIndex(b[1]) - left + 1;
  if (top < 0 || rows < 1 || columns < 1 || top + rows > MAX_ROWS || left + columns > MAX_COLUMNS) {
    throw invalidArgument(`'${address}' is not a range address`);
  }
  return { top, left, rows, columns };
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n - 1;
}

function rectAddress(rect: Rect): string {
  if (rect.columns === MAX_COLUMNS && rect.left === 0) return `${rect.top + 1}:${rect.top + rect.rows}`;
  if (rect.rows === MAX_ROWS) return `${columnLetter(rect.left)}:${columnLetter(rect.left + rect.columns - 1)}`;
  const start = cellAddress(rect.top, rect.left);
  return rect.rows === 1 && rect.columns === 1 ? start : `${start}:${cellAddress(rect.top + rect.rows - 1, rect.left + rect.columns - 1)}`;
}

// ---------------------------------------------------------------------------------------------
// What Excel makes of typed input (values and formulas assignments read strings like typing does)

const ERROR_LITERAL = /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

function serial(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86400000;
}

const monthNumber = (name: string) => MONTHS.indexOf(lower(name).slice(0, 3)) + 1;
const fullYear = (y: string) => (y.length <= 2 ? 2000 + Number(y) : Number(y));

/** A number, if Excel would read the text as one (numbers, currency, percentages, dates, times). */
function typedNumber(text: string): { value: number; format?: string } | null {
  const t = text.trim();
  let m = /^([-+])?\(?([$€£])?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:e([-+]?\d+))?\)?\s*(%)?$/i.exec(t);
  if (m && (!t.includes("(") || (t.startsWith("(") && t.endsWith(")")))) {
    let value = Number(m[3].replace(/,/g, "")) * (m[4] ? 10 ** Number(m[4]) : 1);
    if (m[1] === "-" || t.startsWith("(")) value = -value;
    if (m[5]) return { value: value / 100, format: "0%" };
    return { value, format: m[2] ? `${m[2]}#,##0.00` : undefined };
  }
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) return { value: serial(+m[1], +m[2], +m[3]), format: "yyyy-mm-dd" };
  if ((m = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2}|\d{4}))?$/.exec(t))) {
    return { value: serial(m[3] ? fullYear(m[3]) : 2026, +m[1], +m[2]), format: "m/d/yyyy" };
  }
  if ((m = new RegExp(`^${MONTH}[\\s,-]+(\\d{4}|\\d{1,2})$`, "i").exec(t))) {
    const n = Number(m[2]);
    return m[2].length === 4 || n > 31
      ? { value: serial(fullYear(m[2]), monthNumber(m[1]), 1), format: "mmm-yy" }
      : { value: serial(2026, monthNumber(m[1]), n), format: "d-mmm" };
  }
  if ((m = new RegExp(`^(\\d{1,2})[\\s-]+${MONTH}(?:[\\s,-]+(\\d{2}|\\d{4}))?$`, "i").exec(t))) {
    return { value: serial(m[3] ? fullYear(m[3]) : 2026, monthNumber(m[2]), +m[1]), format: "d-mmm-yy" };
  }
  if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(t))) {
    const hours = (+m[1] % 12) + (m[4] && lower(m[4]) === "pm" ? 12 : m[4] ? 0 : +m[1] >= 12 ? 12 : 0);
    return { value: (hours * 3600 + +m[2] * 60 + +(m[3] ?? 0)) / 86400, format: "h:mm" };
  }
  return null;
}

/** Writes one entry of a `values` or `formulas` assignment the way Excel would take it; null leaves the cell alone. */
function enter(cell: FakeCell, input: unknown): void {
  if (input === null || input === undefined) return;
  clearContent(cell);
  if (typeof input === "number" || typeof input === "boolean") {
    cell.value = input;
    return;
  }
  const text = String(input);
  if (text === "") return;
  if (text.startsWith("'")) {
    cell.value = text.slice(1);
    cell.quotePrefix = true;
    return;
  }
  if (text.startsWith("=") && text.length > 1) {
    if (text.length > FORMULA_LIMIT_CHARACTERS) {
      // office-js#3256: Excel fails such a write with an internal error, not a clear message.
      throw new FakeOfficeError("GeneralException", `An internal error has occurred. (a formula of ${text.length} characters, over ${FORMULA_LIMIT_CHARACTERS})`);
    }
    cell.formula = text;
    return;
  }
  const number = typedNumber(text);
  if (number) {
    cell.value = number.value;
    if (number.format && cell.numberFormat === "General") cell.numberFormat = number.format;
    return;
  }
  if (/^[+\-@]/.test(text)) {
    // Excel starts a formula on + - @ as well; what follows is then a (probably broken) formula.
    cell.formula = `=${text.startsWith("@") ? text.slice(1) : text}`;
    return;
  }
  if (/^(true|false)$/i.test(text.trim())) {
    cell.value = lower(text.trim()) === "true";
    return;
  }
  if (ERROR_LITERAL.test(text.trim())) {
    cell.error = text.trim().toUpperCase();
    return;
  }
  cell.value = text;
}

/** Excel's `values` entry: formulas show a result (the fake does not calculate: 0), errors their code. */
function shownValue(cell: FakeCell | undefined): Scalar {
  if (!cell) return "";
  if (cell.error) return cell.error;
  if (cell.formula) return 0;
  return cell.value ?? "";
}

/** Excel.RangeValueType names, as the strings Office.js returns. */
function valueType(cell: FakeCell | undefined): string {
  if (!cell) return "Empty";
  if (cell.error) return "Error";
  if (cell.formula) return "Double";
  if (cell.value === null) return "Empty";
  if (typeof cell.value === "number") return "Double";
  if (typeof cell.value === "boolean") return "Boolean";
  return "String";
}

// ---------------------------------------------------------------------------------------------
// The request context and proxies

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  private queue: Operation[] = [];
  /** Set by `suspendApiCalculationUntilNextSync` for the batch being queued. */
  calculationSuspended = false;

  constructor(
    readonly excel: FakeExcel,
    /** `Excel.run({ delayForCellEdit: true }, …)`: a batch waits for the user to leave a cell instead of failing. */
    private readonly delayForCellEdit = false,
  ) {
    this.workbook = new FakeWorkbook(this);
  }

  /** `context.application`, the same object as `workbook.application`. */
  get application(): FakeApplication {
    return this.workbook.application;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** @internal */
  enqueue(operation: Operation): void {
    this.queue.push(operation);
  }

  /**
   * Sends the queue: operations run in order; a failing one stops the batch with the earlier
   * ones applied (Excel does not roll back) and no loaded value is delivered.
   */
  async sync(): Promise<void> {
    const operations = this.queue;
    this.queue = [];
    const calculationSuspended = this.calculationSuspended;
    this.calculationSuspended = false;
    const requestBytes = requestPayloadBytes(operations);
    const index = this.excel.syncCount + 1;
    const failAfter = this.excel.failureFor(index);
    const commits: (() => void)[] = [];
    let responseBytes = 0;
    const edit = this.excel.cellEditAt(index);
    if (edit && !this.delayForCellEdit) {
      this.excel.recordSync({ operations: operations.length, requestBytes, responseBytes: 0, failed: true, calculationSuspended, cellEdit: "refused" });
      throw new FakeOfficeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.");
    }
    // Delayed until the user leaves the cell: what they typed is in before the batch runs.
    if (edit) this.excel.commitCellEdit(edit);
    try {
      if (requestBytes > PAYLOAD_LIMIT_BYTES) {
        throw new FakeOfficeError(
          "RequestPayloadSizeLimitExceeded",
          `The request payload size has exceeded the limit (${requestBytes} bytes, at most ${PAYLOAD_LIMIT_BYTES}).`,
        );
      }
      operations.forEach((operation, i) => {
        if (failAfter === i) throw new FakeOfficeError("GeneralException", `Injected failure of sync ${index} at operation ${i}.`);
        const result = operation.apply();
        if (result) {
          responseBytes += bytes(result.response);
          commits.push(result.commit);
        }
      });
      if (failAfter !== undefined && failAfter >= operations.length) {
        throw new FakeOfficeError("GeneralException", `Injected failure of sync ${index}.`);
      }
      if (responseBytes > PAYLOAD_LIMIT_BYTES) {
        throw new FakeOfficeError(
          "ResponsePayloadSizeLimitExceeded",
          `The response payload size has exceeded the limit (${responseBytes} bytes, at most ${PAYLOAD_LIMIT_BYTES}).`,
        );
      }
    } catch (error) {
      this.excel.recordSync({ operations: operations.length, requestBytes, responseBytes: 0, failed: true, calculationSuspended, ...(edit && { cellEdit: "waited" as const }) });
      throw error;
    }
    this.excel.recordSync({ operations: operations.length, requestBytes, responseBytes, failed: false, calculationSuspended, ...(edit && { cellEdit: "waited" as const }) });
    for (const commit of commits) commit();
  }
}

/** Property names from `load("a,b/c")` or `load(["a", "b/c"])`; `items/` is implied on collections. */
function parseLoad(arg: string | string[] | undefined): { scalars: string[]; navigations: Map<string, string[]> } {
  if (arg === undefined) throw new Error("fake: load() without property names is not supported (and loads too much)");
  if (typeof arg !== "string" && !Array.isArray(arg)) throw new Error("fake: only string load options are supported");
  const names = (Array.isArray(arg) ? arg : arg.split(","))
    .map((s) => s.trim().replace(/^items\//, ""))
    .filter((s) => s !== "");
  const scalars: string[] = [];
  const navigations = new Map<string, string[]>();
  for (const name of names) {
    const slash = name.indexOf("/");
    if (slash < 0) scalars.push(name);
    else navigations.set(name.slice(0, slash), [...(navigations.get(name.slice(0, slash)) ?? []), name.slice(slash + 1)]);
  }
  return { scalars, navigations };
}

type Captured = Record<string, unknown>;

/** A proxy to one object: bound to it on first use, loaded values readable only after a sync. */
abstract class FakeObject<Target> {
  protected loaded = new Map<string, unknown>();
  private bound: Target | null | undefined;

  constructor(
    protected readonly context: FakeRequestContext,
    readonly path: string,
    private readonly resolver: () => Target | null,
    private readonly nullable = false,
  ) {}

  get isNullObject(): boolean {
    return this.read("isNullObject") as boolean;
  }

  /** @internal The object, resolved when the first operation on it runs. */
  target(): Target {
    const target = this.resolveOrNull();
    if (target === null) throw notFound(this.path);
    return target;
  }

  /** @internal */
  bind(target: Target): void {
    this.bound = target;
  }

  protected resolveOrNull(): Target | null {
    if (this.bound === undefined) this.bound = this.resolver();
    if (this.bound !== null && this.isGone(this.bound)) throw notFound(`${this.path} was deleted`);
    return this.bound;
  }

  protected isGone(_target: Target): boolean {
    return false;
  }

  protected read(property: string): unknown {
    if (!this.loaded.has(property)) throw notLoaded(property);
    return this.loaded.get(property);
  }

  protected enqueue(action: string, args: unknown, apply: () => void): void {
    this.context.enqueue({ path: this.path, action, args, apply: () => apply() });
  }

  load(propertyNames?: string | string[]): this {
    const wanted = parseLoad(propertyNames);
    for (const name of [...wanted.scalars, ...wanted.navigations.keys()]) this.checkLoadable(name);
    this.context.enqueue({
      path: this.path,
      action: "load",
      args: propertyNames,
      apply: () => {
        const captured = this.capture(wanted);
        return { response: captured, commit: () => this.accept(captured) };
      },
    });
    return this;
  }

  /** @internal Reads the wanted properties from the workbook now. */
  capture(wanted: ReturnType<typeof parseLoad>): Captured {
    const target = this.nullable ? this.resolveOrNull() : this.target();
    if (target === null) return { isNullObject: true };
    const captured: Captured = { isNullObject: false };
    for (const name of wanted.scalars) {
      this.checkLoadable(name);
      captured[name] = this.scalar(target, name);
    }
    for (const [name, inner] of wanted.navigations) {
      this.checkLoadable(name);
      captured[name] = this.navigation(name).capture(parseLoad(inner));
    }
    return captured;
  }

  /** @internal Makes captured values readable (after the sync that captured them succeeded). */
  accept(captured: Captured): void {
    for (const [name, value] of Object.entries(captured)) {
      if (value !== null && typeof value === "object" && !Array.isArray(value)) this.navigation(name).accept(value as Captured);
      else this.loaded.set(name, value);
    }
  }

  protected checkLoadable(name: string): void {
    if (!this.loadable().includes(name) && !this.navigable().includes(name)) {
      throw new Error(`fake: '${name}' cannot be loaded on ${this.constructor.name}`);
    }
  }

  protected abstract loadable(): string[];
  protected navigable(): string[] {
    return [];
  }
  protected abstract scalar(target: Target, name: string): unknown;
  protected navigation(name: string): FakeObject<unknown> {
    throw new Error(`fake: no navigation property '${name}'`);
  }
}

/** A proxy to a collection: `items` after a load, one item proxy per object. */
abstract class FakeCollection<Item extends FakeObject<Target>, Target> {
  private itemsLoaded: Item[] | null = null;

  constructor(
    protected readonly context: FakeRequestContext,
    readonly path: string,
  ) {}

  get items(): Item[] {
    if (this.itemsLoaded === null) throw notLoaded("items");
    return this.itemsLoaded;
  }

  load(propertyNames?: string | string[]): this {
    const wanted = parseLoad(propertyNames);
    this.context.enqueue({
      path: this.path,
      action: "load",
      args: propertyNames,
      apply: () => {
        const targets = this.targets();
        const items = targets.map((t, i) => this.itemProxy(t, `${this.path}.items[${i}]`));
        const captured = items.map((item) => item.capture(wanted));
        return {
          response: captured,
          commit: () => {
            items.forEach((item, i) => item.accept(captured[i]));
            this.itemsLoaded = items;
          },
        };
      },
    });
    return this;
  }

  protected abstract targets(): Target[];
  protected abstract itemProxy(target: Target, path: string): Item;
}

/** `workbook.application`: calculation, as far as the adapter drives it. */
export class FakeApplication {
  constructor(private readonly context: FakeRequestContext) {}

  /** ExcelApi 1.6: the batch this is queued in is not followed by a recalculation. */
  suspendApiCalculationUntilNextSync(): void {
    this.context.enqueue({ path: "workbook.application", action: "suspendApiCalculationUntilNextSync", apply: () => undefined });
    this.context.calculationSuspended = true;
  }

  /** ExcelApi 1.1: recalculates (the fake only records that it was asked). */
  calculate(calculationType: string): void {
    this.context.enqueue({
      path: "workbook.application",
      action: "calculate",
      args: calculationType,
      apply: () => {
        if (!["Recalculate", "Full", "FullRebuild"].includes(calculationType)) throw invalidArgument(`calculation type '${calculationType}'`);
        this.context.excel.calculations.push(calculationType);
      },
    });
  }
}

/** `workbook.protection`: whether the structure is protected (ExcelApi 1.7). */
export class FakeWorkbookProtection extends FakeObject<FakeExcel> {
  protected loadable(): string[] {
    return ["protected"];
  }

  protected scalar(target: FakeExcel): unknown {
    return target.structureProtected;
  }

  get protected(): boolean {
    return this.read("protected") as boolean;
  }
}

/** `workbook.names`: the workbook-scoped defined names (ExcelApi 1.1), read only. */
export class FakeNamedItemCollection extends FakeCollection<FakeNamedItem, { name: string; formula: string }> {
  protected targets(): { name: string; formula: string }[] {
    return this.context.excel.definedNames();
  }

  protected itemProxy(target: { name: string; formula: string }, path: string): FakeNamedItem {
    const proxy = new FakeNamedItem(this.context, path, () => target);
    proxy.bind(target);
    return proxy;
  }
}

export class FakeNamedItem extends FakeObject<{ name: string; formula: string }> {
  protected loadable(): string[] {
    return ["name", "formula"];
  }

  protected scalar(target: { name: string; formula: string }, name: string): unknown {
    return name === "name" ? target.name : target.formula;
  }

  get name(): string {
    return this.read("name") as string;
  }

  get formula(): string {
    return this.read("formula") as string;
  }
}

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;
  readonly application: FakeApplication;
  readonly protection: FakeWorkbookProtection;

  constructor(private readonly context: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(context, "workbook.worksheets");
    this.tables = new FakeTableCollection(context, "workbook.tables", null);
    this.names = new FakeNamedItemCollection(context, "workbook.names");
    this.application = new FakeApplication(context);
    this.protection = new FakeWorkbookProtection(context, "workbook.protection", () => context.excel);
  }

  /** Every area of the selection (ExcelApi 1.9): `A1:B3,D5` when the user picked two. */
  getSelectedRanges(): FakeRangeAreas {
    return new FakeRangeAreas(this.context, "workbook.getSelectedRanges()", () => {
      const excel = this.context.excel;
      const selected = excel.selection;
      const sheet = selected ? excel.findSheet(selected.sheet) : excel.liveSheets().find((s) => s.id === excel.activeSheetId);
      if (!sheet) throw notFound("selection");
      return (selected?.address ?? "A1").split(",").map((part) => ({ sheet, ...parseAddress(part) }));
    });
  }

  /** The selection, or A1 of the active sheet when nothing was selected (Excel always has one). */
  getSelectedRange(): FakeRange {
    return new FakeRange(this.context, "workbook.getSelectedRange()", () => {
      const excel = this.context.excel;
      const selected = excel.selection;
      const sheet = selected ? excel.findSheet(selected.sheet) : excel.liveSheets().find((s) => s.id === excel.activeSheetId);
      if (!sheet) throw notFound("selection");
      return { sheet, ...(selected ? parseAddress(selected.address) : { top: 0, left: 0, rows: 1, columns: 1 }) };
    });
  }
}

export class FakeWorksheetCollection extends FakeCollection<FakeWorksheet, SheetState> {
  protected targets(): SheetState[] {
    return [...this.context.excel.liveSheets()];
  }

  protected itemProxy(target: SheetState, path: string): FakeWorksheet {
    const proxy = new FakeWorksheet(this.context, path, () => target);
    proxy.bind(target);
    return proxy;
  }

  add(name: string): FakeWorksheet {
    const proxy = new FakeWorksheet(this.context, `${this.path}.add(${JSON.stringify(name)})`, () => null);
    this.context.enqueue({
      path: this.path,
      action: "add",
      args: name,
      apply: () => {
        this.context.excel.structureEditable();
        proxy.bind(this.context.excel.createSheet(name));
      },
    });
    return proxy;
  }

  /** By name (any case) or by id, as Excel's `getItem(key)`: a deleted sheet's id finds nothing, even when a new sheet took its name. */
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, `${this.path}.getItem(${JSON.stringify(key)})`, () => {
      const sheet = this.sheetByKey(key);
      if (!sheet) throw notFound(`sheet '${key}'`);
      return sheet;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(
      this.context,
      `${this.path}.getItemOrNullObject(${JSON.stringify(key)})`,
      () => this.sheetByKey(key) ?? null,
      true,
    );
  }

  private sheetByKey(key: string): SheetState | undefined {
    const excel = this.context.excel;
    return excel.findSheet(key) ?? excel.liveSheets().find((s) => s.id === key);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, `${this.path}.getActiveWorksheet()`, () => {
      const sheet = this.context.excel.liveSheets().find((s) => s.id === this.context.excel.activeSheetId);
      if (!sheet) throw notFound("active sheet");
      return sheet;
    });
  }
}

export class FakeWorksheet extends FakeObject<SheetState> {
  private tablesProxy?: FakeTableCollection;
  private propertiesProxy?: FakeCustomPropertyCollection;
  private freezeProxy?: FakeFreezePanes;

  protected override isGone(target: SheetState): boolean {
    return target.deleted;
  }

  protected loadable(): string[] {
    return ["id", "name", "position", "tabColor", "visibility"];
  }

  protected override navigable(): string[] {
    return ["protection"];
  }

  protected override navigation(name: string): FakeObject<unknown> {
    if (name !== "protection") return super.navigation(name);
    return this.protection as unknown as FakeObject<unknown>;
  }

  private protectionProxy?: FakeWorksheetProtection;

  /** Whether the sheet is protected (ExcelApi 1.2). */
  get protection(): FakeWorksheetProtection {
    this.protectionProxy ??= new FakeWorksheetProtection(this.context, `${this.path}.protection`, () => this.target());
    return this.protectionProxy;
  }

  protected scalar(target: SheetState, name: string): unknown {
    switch (name) {
      case "id":
        return target.id;
      case "name":
        return target.name;
      case "position":
        return this.context.excel.liveSheets().indexOf(target);
      case "tabColor":
        return target.tabColor;
      default:
        return target.visibility;
    }
  }

  get id(): string {
    return this.read("id") as string;
  }

  get name(): string {
    return this.read("name") as string;
  }

  set name(name: string) {
    this.enqueue("set name", name, () => {
      this.context.excel.structureEditable();
      this.context.excel.renameSheet(this.target(), name);
    });
  }

  get tabColor(): string {
    return this.read("tabColor") as string;
  }

  set tabColor(color: string) {
    this.enqueue("set tabColor", color, () => {
      if (color !== "" && !/^#[0-9A-Fa-f]{6}$/.test(color)) throw invalidArgument(`tab colour '${color}'`);
      this.target().tabColor = color;
    });
  }

  get visibility(): string {
    return this.read("visibility") as string;
  }

  set visibility(visibility: string) {
    this.enqueue("set visibility", visibility, () => {
      if (visibility !== "Visible" && visibility !== "Hidden" && visibility !== "VeryHidden") throw invalidArgument(`visibility '${visibility}'`);
      this.context.excel.structureEditable();
      const target = this.target();
      const excel = this.context.excel;
      if (visibility !== "Visible" && excel.liveSheets().every((s) => s === target || s.visibility !== "Visible")) {
        throw invalidOperation("a workbook must contain at least one visible worksheet");
      }
      // Excel will not hide the active sheet; the adapter hides its staging sheets as it adds them, before any activate.
      if (visibility !== "Visible" && excel.activeSheetId === target.id) throw invalidOperation("the active sheet cannot be hidden");
      target.visibility = visibility;
    });
  }

  get tables(): FakeTableCollection {
    this.tablesProxy ??= new FakeTableCollection(this.context, `${this.path}.tables`, this);
    return this.tablesProxy;
  }

  get customProperties(): FakeCustomPropertyCollection {
    this.propertiesProxy ??= new FakeCustomPropertyCollection(this.context, `${this.path}.customProperties`, this);
    return this.propertiesProxy;
  }

  get freezePanes(): FakeFreezePanes {
    this.freezeProxy ??= new FakeFreezePanes(this.context, `${this.path}.freezePanes`, this);
    return this.freezeProxy;
  }

  get pageLayout(): FakePageLayout {
    return new FakePageLayout(this.context, `${this.path}.pageLayout`, this);
  }

  get horizontalPageBreaks(): FakePageBreakCollection {
    return new FakePageBreakCollection(this.context, `${this.path}.horizontalPageBreaks`, this);
  }

  get charts(): FakeChartCollection {
    return new FakeChartCollection(this.context, `${this.path}.charts`, () => this.target());
  }

  activate(): void {
    this.enqueue("activate", undefined, () => {
      const target = this.target();
      if (target.visibility !== "Visible") throw invalidOperation(`sheet '${target.name}' is hidden and cannot be activated`);
      this.context.excel.activeSheetId = target.id;
    });
  }

  delete(): void {
    this.enqueue("delete", undefined, () => this.context.excel.deleteSheet(this.target()));
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, `${this.path}.getRange(${JSON.stringify(address ?? "")})`, () => {
      const sheet = this.target();
      return { sheet, ...(address ? parseAddress(address) : { top: 0, left: 0, rows: MAX_ROWS, columns: MAX_COLUMNS }) };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(
      this.context,
      `${this.path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`,
      () => {
        if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1) throw invalidArgument("range indexes");
        return { sheet: this.target(), top: startRow, left: startColumn, rows: rowCount, columns: columnCount };
      },
    );
  }

  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.context, `${this.path}.getRanges(${JSON.stringify(address)})`, () => {
      const sheet = this.target();
      return address.split(/[,;]/).map((part) => ({ sheet, ...parseAddress(part) }));
    });
  }

  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, `${this.path}.getUsedRange(${valuesOnly})`, () => {
      const sheet = this.target();
      // A blank sheet's used range is A1, not an error (ExcelApi documents this).
      return usedRange(sheet, valuesOnly) ?? { sheet, top: 0, left: 0, rows: 1, columns: 1 };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.context,
      `${this.path}.getUsedRangeOrNullObject(${valuesOnly})`,
      () => usedRange(this.target(), valuesOnly),
      true,
    );
  }
}

function usedRange(sheet: SheetState, valuesOnly: boolean): RangeTarget | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const cell of sheet.cells.values()) {
    const hasValue = cell.value !== null || cell.formula !== undefined || cell.error !== undefined;
    const hasFormat = cell.numberFormat !== "General" || Object.keys(cell.format).length > 0;
    if (!hasValue && (valuesOnly || !hasFormat)) continue;
    top = Math.min(top, cell.row);
    left = Math.min(left, cell.column);
    bottom = Math.max(bottom, cell.row);
    right = Math.max(right, cell.column);
  }
  return bottom < 0 ? null : { sheet, top, left, rows: bottom - top + 1, columns: right - left + 1 };
}

function grid2D(range: RangeTarget, input: unknown, what: string): unknown[][] {
  if (!Array.isArray(input)) return Array.from({ length: range.rows }, () => Array.from({ length: range.columns }, () => input));
  if (input.length !== range.rows || input.some((line) => !Array.isArray(line) || line.length !== range.columns)) {
    throw invalidArgument(`${what}: the array is not ${range.rows} x ${range.columns}, the size of the range`);
  }
  return input as unknown[][];
}

export class FakeRange extends FakeObject<RangeTarget> {
  private formatProxy?: FakeRangeFormat;

  protected override isGone(target: RangeTarget): boolean {
    return target.sheet.deleted;
  }

  protected loadable(): string[] {
    return ["address", "values", "valueTypes", "formulas", "numberFormat", "rowIndex", "columnIndex", "rowCount", "columnCount"];
  }

  protected scalar(target: RangeTarget, name: string): unknown {
    const cells = (read: (cell: FakeCell | undefined) => unknown) => {
      if (target.rows * target.columns > READ_CELL_LIMIT) {
        throw new FakeOfficeError("InvalidOperation", `This operation is not allowed. (a get of more than ${READ_CELL_LIMIT} cells)`);
      }
      return Array.from({ length: target.rows }, (_, r) =>
        Array.from({ length: target.columns }, (_, c) => read(target.sheet.cells.get(key(target.top + r, target.left + c)))),
      );
    };
    switch (name) {
      case "address":
        return `${quoteSheetName(target.sheet.name)}!${rectAddress(target)}`;
      case "values":
        return cells(shownValue);
      case "valueTypes":
        return cells(valueType);
      case "formulas":
        return cells((cell) => (cell?.formula ? cell.formula : shownValue(cell)));
      case "numberFormat":
        return cells((cell) => cell?.numberFormat ?? "General");
      case "rowIndex":
        return target.top;
      case "columnIndex":
        return target.left;
      case "rowCount":
        return target.rows;
      default:
        return target.columns;
    }
  }

  get address(): string {
    return this.read("address") as string;
  }
  get values(): unknown[][] {
    return this.read("values") as unknown[][];
  }
  set values(values: unknown[][]) {
    this.write("values", values);
  }
  get formulas(): unknown[][] {
    return this.read("formulas") as unknown[][];
  }
  set formulas(formulas: unknown[][]) {
    this.write("formulas", formulas);
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes") as string[][];
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat") as unknown[][];
  }
  set numberFormat(formats: unknown[][]) {
    this.enqueue("set numberFormat", formats, () => {
      const target = this.target();
      this.context.excel.editable(target.sheet);
      const grid = grid2D(target, formats, "numberFormat");
      forEachCell(target, (r, c) => {
        const format = grid[r - target.top][c - target.left];
        if (format !== null && format !== undefined) this.context.excel.cellAt(target.sheet, r, c).numberFormat = String(format);
      });
    });
  }
  get rowIndex(): number {
    return this.read("rowIndex") as number;
  }
  get columnIndex(): number {
    return this.read("columnIndex") as number;
  }
  get rowCount(): number {
    return this.read("rowCount") as number;
  }
  get columnCount(): number {
    return this.read("columnCount") as number;
  }

  /** The cell at a 0-based row and column of the range (it may lie beyond the range, as in Excel). */
  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.context, `${this.path}.getCell(${row},${column})`, () => {
      const target = this.target();
      if (target.top + row >= MAX_ROWS || target.left + column >= MAX_COLUMNS || row < 0 || column < 0) throw invalidArgument("cell index");
      return { sheet: target.sheet, top: target.top + row, left: target.left + column, rows: 1, columns: 1 };
    });
  }

  private write(what: string, input: unknown[][]): void {
    this.enqueue(`set ${what}`, input, () => {
      const target = this.target();
      this.context.excel.editable(target.sheet);
      if (target.rows >= WHOLE_COLUMN) throw new Error("fake: writing whole columns is not supported");
      const grid = grid2D(target, input, what);
      forEachCell(target, (r, c) => {
        const entry = grid[r - target.top][c - target.left];
        if (entry === null || entry === undefined) return;
        const cell = this.context.excel.cellAt(target.sheet, r, c);
        enter(cell, entry);
        noteFormula(target.sheet, cell);
      });
    });
  }

  get format(): FakeRangeFormat {
    this.formatProxy ??= new FakeRangeFormat(this.context, `${this.path}.format`, () => [this.target()]);
    return this.formatProxy;
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this.context, `${this.path}.conditionalFormats`, () => this.target());
  }

  /** The merged areas that touch the range, whole (ExcelApi 1.13); a null object when there are none. */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(
      this.context,
      `${this.path}.getMergedAreasOrNullObject()`,
      () => {
        const target = this.target();
        const touching = target.sheet.merges.filter((m) => overlaps(m, target)).map((m) => ({ ...m, sheet: target.sheet }));
        if (touching.length > MERGED_AREAS_LIMIT) {
          throw new FakeOfficeError("InvalidOperation", `This operation is not allowed. (more than ${MERGED_AREAS_LIMIT} merged areas)`);
        }
        return touching.length > 0 ? touching : null;
      },
      true,
    );
  }

  getRow(row: number): FakeRange {
    return new FakeRange(this.context, `${this.path}.getRow(${row})`, () => {
      const target = this.target();
      if (row < 0 || row >= target.rows) throw invalidArgument(`row ${row}`);
      return { ...target, top: target.top + row, rows: 1 };
    });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return new FakeRange(this.context, `${this.path}.getResizedRange(${deltaRows},${deltaColumns})`, () => {
      const target = this.target();
      const resized = { ...target, rows: target.rows + deltaRows, columns: target.columns + deltaColumns };
      if (resized.rows < 1 || resized.columns < 1) throw invalidArgument("the resized range would be empty");
      return resized;
    });
  }

  getEntireColumn(): FakeRange {
    return new FakeRange(this.context, `${this.path}.getEntireColumn()`, () => ({ ...this.target(), top: 0, rows: MAX_ROWS }));
  }

  /** The cells both ranges cover, or a null object when they do not meet (ExcelApi 1.4). */
  getIntersectionOrNullObject(other: FakeRange): FakeRange {
    return new FakeRange(
      this.context,
      `${this.path}.getIntersectionOrNullObject(${other.path})`,
      () => {
        const a = this.target();
        const b = other.target();
        if (a.sheet !== b.sheet) throw invalidArgument("the ranges are on different sheets");
        const top = Math.max(a.top, b.top);
        const left = Math.max(a.left, b.left);
        const bottom = Math.min(a.top + a.rows, b.top + b.rows);
        const right = Math.min(a.left + a.columns, b.left + b.columns);
        return bottom <= top || right <= left ? null : { sheet: a.sheet, top, left, rows: bottom - top, columns: right - left };
      },
      true,
    );
  }

  /** Clears contents, number formats, formats and the conditional formats inside the range (`All`, the default). */
  clear(applyTo = "All"): void {
    this.enqueue("clear", applyTo, () => {
      if (applyTo !== "All") throw new Error(`fake: clear('${applyTo}') is not supported`);
      const target = this.target();
      const excel = this.context.excel;
      excel.editable(target.sheet);
      // Clearing every cell of a table deletes the table, and what referred to it turns into #REF!.
      const cleared = excel.liveTables().filter((t) => t.sheet === target.sheet && containsRect(target, t));
      for (const table of cleared) table.deleted = true;
      excel.dropDeletedTables();
      for (const [k, cell] of target.sheet.cells) {
        if (inside(target, cell.row, cell.column)) target.sheet.cells.delete(k);
      }
      target.sheet.conditionalFormats = target.sheet.conditionalFormats.filter((f) => !containsRect(target, parseAddress(f.address)));
    });
  }

  /**
   * Copies cells from `source` (ExcelApi 1.9): `All` takes contents, number formats, formats and the
   * conditional formats inside it; tables, charts and column widths are not cells and stay behind.
   * The fake copies formulas only to the same cells of another sheet, where Excel keeps them as written.
   */
  copyFrom(source: FakeRange, copyType = "All", skipBlanks = false, transpose = false): void {
    this.enqueue("copyFrom", [source.path, copyType, skipBlanks, transpose], () => {
      if (copyType !== "All" || skipBlanks || transpose) throw new Error("fake: only copyFrom(source, 'All') is supported");
      const to = this.target();
      const from = source.target();
      if (to.top !== from.top || to.left !== from.left || to.rows !== from.rows || to.columns !== from.columns) {
        throw new Error("fake: copyFrom supports only the same cells of another sheet");
      }
      if (to.sheet === from.sheet) throw new Error("fake: copyFrom onto its own cells");
      this.context.excel.editable(to.sheet);
      for (const [k, cell] of [...to.sheet.cells]) if (inside(to, cell.row, cell.column)) to.sheet.cells.delete(k);
      for (const cell of from.sheet.cells.values()) {
        if (!inside(from, cell.row, cell.column)) continue;
        const copy = structuredCloneCell(cell);
        to.sheet.cells.set(key(cell.row, cell.column), copy);
        noteFormula(to.sheet, copy);
      }
      // A table's header cells stay labels, whatever was pasted over them.
      for (const table of this.context.excel.liveTables()) if (table.sheet === to.sheet && overlaps(table, to)) this.context.excel.labelHeaders(table);
      to.sheet.conditionalFormats = to.sheet.conditionalFormats.filter((f) => !containsRect(to, parseAddress(f.address)));
      for (const rule of from.sheet.conditionalFormats) {
        if (containsRect(from, parseAddress(rule.address))) to.sheet.conditionalFormats.push({ ...rule, rule: rule.rule && { ...rule.rule } });
      }
    });
  }

  select(): void {
    this.enqueue("select", undefined, () => {
      const target = this.target();
      // Strict on purpose: the adapter activates the sheet before selecting on it.
      if (this.context.excel.activeSheetId !== target.sheet.id) throw invalidOperation("the range is not on the active sheet");
      this.context.excel.selection = { sheet: target.sheet.name, address: rectAddress(target) };
    });
  }
}

export class FakeRangeAreas extends FakeObject<RangeTarget[]> {
  private formatProxy?: FakeRangeFormat;

  protected loadable(): string[] {
    return ["address", "areaCount"];
  }

  protected scalar(target: RangeTarget[], name: string): unknown {
    if (name === "areaCount") return target.length;
    return target.map((t) => `${quoteSheetName(t.sheet.name)}!${rectAddress(t)}`).join(",");
  }

  get address(): string {
    return this.read("address") as string;
  }

  get areaCount(): number {
    return this.read("areaCount") as number;
  }

  get format(): FakeRangeFormat {
    this.formatProxy ??= new FakeRangeFormat(this.context, `${this.path}.format`, () => this.target());
    return this.formatProxy;
  }
}

/** Formats of one or more rectangles (a Range or RangeAreas); setting a property formats every cell. */
export class FakeRangeFormat {
  readonly font: FakeFormatPart;
  readonly fill: FakeFormatPart;
  readonly borders: FakeBorders;

  constructor(
    private readonly context: FakeRequestContext,
    readonly path: string,
    private readonly targets: () => RangeTarget[],
  ) {
    const style = (apply: (format: FakeCellFormat, value: unknown) => void) => (property: string, value: unknown) =>
      this.formatCells(`${property}`, value, (format) => apply(format, value));
    this.font = new FakeFormatPart({
      bold: style((f, v) => (f.bold = Boolean(v))),
      italic: style((f, v) => (f.italic = Boolean(v))),
      size: style((f, v) => (f.fontSize = Number(v))),
      color: style((f, v) => (f.fontColor = String(v))),
    });
    this.fill = new FakeFormatPart({ color: style((f, v) => (f.fill = String(v))) });
    this.borders = new FakeBorders((edge, property, value) =>
      this.formatCells(`borders.${edge}.${property}`, value, (format, row, column, rect) => {
        // Kept per cell as the edge it draws: an inside line is the top (or left) edge of the cells below (or right of) it.
        const cellEdge =
          edge === "InsideHorizontal" ? (row > rect.top ? "EdgeTop" : null)
          : edge === "InsideVertical" ? (column > rect.left ? "EdgeLeft" : null)
          : edge === "EdgeTop" ? (row === rect.top ? edge : null)
          : edge === "EdgeBottom" ? (row === rect.top + rect.rows - 1 ? edge : null)
          : edge === "EdgeLeft" ? (column === rect.left ? edge : null)
          : edge === "EdgeRight" ? (column === rect.left + rect.columns - 1 ? edge : null)
          : edge;
        if (cellEdge === null) return;
        format.borders ??= {};
        format.borders[cellEdge] = { ...format.borders[cellEdge], [property]: value };
      }),
    );
  }

  set columnWidth(points: number) {
    this.context.enqueue({
      path: this.path,
      action: "set columnWidth",
      args: points,
      apply: () => {
        if (!(points >= 0 && points <= 255 * 7.5)) throw invalidArgument(`column width ${points}`);
        for (const target of this.targets()) {
          for (let c = 0; c < target.columns; c++) target.sheet.columnWidths.set(target.left + c, points);
        }
      },
    });
  }

  private formatCells(
    property: string,
    value: unknown,
    apply: (format: FakeCellFormat, row: number, column: number, rect: RangeTarget) => void,
  ): void {
    this.context.enqueue({
      path: this.path,
      action: `set ${property}`,
      args: value,
      apply: () => {
        for (const target of this.targets()) {
          if (target.sheet.deleted) throw notFound(this.path);
          this.context.excel.editable(target.sheet);
          if (target.rows >= WHOLE_COLUMN) throw new Error("fake: formatting whole columns is not supported");
          forEachCell(target, (r, c) => apply(this.context.excel.cellAt(target.sheet, r, c).format, r, c, target));
        }
      },
    });
  }
}

/** `format.font` or `format.fill`: write-only properties in the fake (the adapter never reads formats back). */
export class FakeFormatPart {
  [property: string]: unknown;

  constructor(setters: Record<string, (property: string, value: unknown) => void>) {
    for (const [property, set] of Object.entries(setters)) {
      Object.defineProperty(this, property, {
        set: (value: unknown) => set(property, value),
        get: () => {
          throw notLoaded(property);
        },
      });
    }
  }
}

/**
 * `worksheet.charts`: `add` and the write-only chart and series properties the planner sets. Ranges
 * given to a chart must be on the chart's own sheet, like the planner's; a series' values are one row
 * or column as long as its categories.
 */
export class FakeChartCollection {
  constructor(
    private readonly context: FakeRequestContext,
    readonly path: string,
    private readonly sheet: () => SheetState,
  ) {}

  private loadedNames: string[] | null = null;

  /** `load("items/name")`: the charts' names, for deleting them by name. */
  load(propertyNames: string): this {
    if (propertyNames.replace(/^items\//, "") !== "name") throw new Error("fake: charts load only items/name");
    this.context.enqueue({
      path: this.path,
      action: "load",
      args: propertyNames,
      apply: () => {
        const names = this.sheet().charts.map((c) => c.name);
        return { response: names.map((name) => ({ name })), commit: () => (this.loadedNames = names) };
      },
    });
    return this;
  }

  get items(): { name: string }[] {
    if (this.loadedNames === null) throw notLoaded("items");
    return this.loadedNames.map((name) => ({ name }));
  }

  getItem(name: string): { delete(): void } {
    const path = `${this.path}.getItem(${JSON.stringify(name)})`;
    return {
      delete: () =>
        this.context.enqueue({
          path,
          action: "delete",
          apply: () => {
            const sheet = this.context.excel.editable(this.sheet());
            const index = sheet.charts.findIndex((c) => lower(c.name) === lower(name));
            if (index < 0) throw notFound(`chart '${name}'`);
            sheet.charts.splice(index, 1);
          },
        }),
    };
  }

  add(type: string, source: FakeRange, seriesBy: string) {
    let state: FakeChartState | null = null;
    const path = `${this.path}.add(${JSON.stringify(type)})`;
    const change = (action: string, value: unknown, apply: (c: FakeChartState) => void) =>
      this.context.enqueue({
        path,
        action,
        args: value,
        apply: () => {
          if (!state) throw invalidArgument("the chart was not added");
          apply(state);
        },
      });
    const onSheet = (range: FakeRange): string => {
      const target = range.target();
      if (state && target.sheet !== this.sheet()) throw invalidArgument("a chart's range is on another sheet");
      if (target.rows !== 1 && target.columns !== 1) throw invalidArgument("a series is one row or one column");
      return rectAddress(target);
    };
    this.context.enqueue({
      path,
      action: "add",
      args: [type, seriesBy],
      apply: () => {
        if (!CHART_TYPES.includes(type)) throw invalidArgument(`chart type '${type}'`);
        const shape = source.target();
        // One series from one line of cells, as the planner adds its first series.
        if (seriesBy !== (shape.rows === 1 ? "Rows" : "Columns")) throw invalidArgument(`a ${shape.rows}×${shape.columns} range by ${seriesBy} is not one series`);
        const sheet = this.context.excel.editable(this.sheet());
        state = { name: `Chart ${sheet.charts.length + 1}`, type, series: [] };
        state.series.push({ name: `Series1`, values: onSheet(source) });
        sheet.charts.push(state);
      },
    });
    const setter = <T>(target: object, property: string, apply: (c: FakeChartState, value: T) => void) =>
      Object.defineProperty(target, property, {
        set: (value: T) => change(`set ${property}`, value, (c) => apply(c, value)),
        get: () => {
          throw notLoaded(property);
        },
      });
    const seriesAt = (index: () => number) => {
      const series = {
        setValues: (range: FakeRange) =>
          change("series.setValues", range.path, (c) => {
            c.series[index()].values = onSheet(range);
          }),
        setXAxisValues: (range: FakeRange) =>
          change("series.setXAxisValues", range.path, (c) => {
            c.series[index()].categories = onSheet(range);
          }),
        format: {
          fill: {
            clear: () => change("series.format.fill.clear", null, (c) => (c.series[index()].fill = "none")),
            setSolidColor: (color: string) =>
              change("series.format.fill.setSolidColor", color, (c) => {
                if (!/^#[0-9A-Fa-f]{6}$/.test(color)) throw invalidArgument(`colour '${color}'`);
                c.series[index()].fill = color;
              }),
          },
          line: { clear: () => change("series.format.line.clear", null, (c) => (c.series[index()].line = "none")) },
        },
      };
      setter<string>(series, "name", (c, v) => (c.series[index()].name = v));
      setter<string>(series, "chartType", (c, v) => {
        if (!CHART_TYPES.includes(v)) throw invalidArgument(`chart type '${v}'`);
        c.series[index()].chartType = v;
      });
      return series;
    };
    const chart = {
      title: {},
      legend: {},
      axes: { valueAxis: {} },
      series: {
        getItemAt: (i: number) => seriesAt(() => i),
        add: (name: string) => {
          let at = -1;
          change("series.add", name, (c) => {
            c.series.push({ name, values: "" });
            at = c.series.length - 1;
          });
          return seriesAt(() => at);
        },
      },
      setPosition: (start: FakeRange, end: FakeRange) =>
        change("setPosition", [start.path, end.path], (c) => {
          const a = start.target();
          const b = end.target();
          c.position = `${rectAddress({ ...a, rows: 1, columns: 1 })}:${rectAddress({ ...b, rows: 1, columns: 1 })}`;
        }),
    };
    setter<string>(chart, "name", (c, v) => (c.name = v));
    setter<string>(chart.title, "text", (c, v) => (c.title = v));
    setter<string>(chart.legend, "position", (c, v) => (c.legend = v));
    setter<string>(chart.axes.valueAxis, "numberFormat", (c, v) => (c.valueFormat = v));
    return chart;
  }
}

/** `range.conditionalFormats`: only `add` of a cell-value rule, write-only like the other formats. */
export class FakeConditionalFormatCollection {
  constructor(
    private readonly context: FakeRequestContext,
    readonly path: string,
    private readonly range: () => RangeTarget,
  ) {}

  /** Removes the conditional formats inside the range (ExcelApi 1.6). */
  clearAll(): void {
    this.context.enqueue({
      path: this.path,
      action: "clearAll",
      apply: () => {
        const target = this.range();
        this.context.excel.editable(target.sheet);
        target.sheet.conditionalFormats = target.sheet.conditionalFormats.filter((f) => !overlaps(target, parseAddress(f.address)));
      },
    });
  }

  add(type: string): { cellValue: { rule: unknown; format: { font: FakeFormatPart; fill: FakeFormatPart } } } {
    let state: FakeConditionalFormatState | null = null;
    const path = `${this.path}.add(${JSON.stringify(type)})`;
    this.context.enqueue({
      path,
      action: "add",
      args: type,
      apply: () => {
        const target = this.range();
        this.context.excel.editable(target.sheet);
        if (type !== "CellValue") throw invalidArgument(`the fake supports CellValue conditional formats, not '${type}'`);
        state = { address: rectAddress(target), type };
        target.sheet.conditionalFormats.push(state);
      },
    });
    const change = (action: string, value: unknown, apply: (s: FakeConditionalFormatState) => void) =>
      this.context.enqueue({
        path,
        action,
        args: value,
        apply: () => {
          if (!state) throw invalidArgument("the conditional format was not added");
          apply(state);
        },
      });
    const cellValue = {
      format: {
        font: new FakeFormatPart({ color: (_, value) => change("set font.color", value, (s) => (s.fontColor = String(value))) }),
        fill: new FakeFormatPart({ color: (_, value) => change("set fill.color", value, (s) => (s.fill = String(value))) }),
      },
    } as { rule: unknown; format: { font: FakeFormatPart; fill: FakeFormatPart } };
    Object.defineProperty(cellValue, "rule", {
      set: (rule: FakeConditionalFormatState["rule"]) => change("set rule", rule, (s) => (s.rule = rule && { ...rule })),
      get: () => {
        throw notLoaded("rule");
      },
    });
    return { cellValue };
  }
}

export class FakeBorders {
  constructor(private readonly set: (edge: string, property: string, value: unknown) => void) {}

  getItem(edge: string): FakeFormatPart {
    const valid = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];
    if (!valid.includes(edge)) throw invalidArgument(`border '${edge}'`);
    const part = (property: string) => (_: string, value: unknown) => this.set(edge, property, value);
    return new FakeFormatPart({ style: part("style"), weight: part("weight"), color: part("color") });
  }
}

/**
 * `worksheet.pageLayout` as strict as Excel documents it: orientation is `Landscape` or
 * `Portrait`; a zoom is a scale from 10 to 400 or whole numbers of pages to fit; the print area
 * and title rows are addresses on the sheet (title rows whole rows, `$1:$4`).
 */
export class FakePageLayout {
  constructor(
    private readonly context: FakeRequestContext,
    readonly path: string,
    private readonly sheet: FakeWorksheet,
  ) {}

  private change(action: string, args: unknown, apply: (layout: FakePageLayoutState) => void): void {
    this.context.enqueue({
      path: this.path,
      action,
      args,
      apply: () => {
        apply(this.sheet.target().pageLayout);
      },
    });
  }

  set orientation(value: string) {
    if (value !== "Landscape" && value !== "Portrait") throw invalidArgument(`orientation '${value}' is not Landscape or Portrait`);
    this.change("set orientation", value, (layout) => (layout.orientation = value));
  }

  set zoom(value: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    const pages = [value.horizontalFitToPages, value.verticalFitToPages].filter((n) => n !== undefined && n !== null) as number[];
    if (value.scale !== undefined && value.scale !== null) {
      if (pages.length > 0) throw invalidArgument("a zoom is a scale or pages to fit, not both");
      if (!(value.scale >= 10 && value.scale <= 400)) throw invalidArgument(`zoom scale ${value.scale} is not from 10 to 400`);
    } else if (pages.length === 0 || pages.some((n) => !Number.isInteger(n) || n < 1 || n > 32767)) {
      throw invalidArgument(`zoom ${JSON.stringify(value)} needs whole numbers of pages from 1 to 32767`);
    }
    this.change("set zoom", value, (layout) => (layout.zoom = { ...value }));
  }

  setPrintArea(area: string | FakeRange): void {
    const address = typeof area === "string" ? area : area.path;
    if (typeof area === "string") parseAddress(area);
    this.change("setPrintArea", address, (layout) => {
      const rect = typeof area === "string" ? parseAddress(area) : area.target();
      layout.printArea = rectAddress(rect);
    });
  }

  setPrintTitleRows(rows: string): void {
    const m = /^\$?(\d+):\$?(\d+)$/.exec(rows.trim());
    if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) throw invalidArgument(`'${rows}' is not whole rows such as $1:$4`);
    this.change("setPrintTitleRows", rows, (layout) => (layout.printTitleRows = `$${m[1]}:$${m[2]}`));
  }
}

/** `worksheet.horizontalPageBreaks`: `add` takes the first cell of the row that starts a page. */
export class FakePageBreakCollection {
  constructor(
    private readonly context: FakeRequestContext,
    readonly path: string,
    private readonly sheet: FakeWorksheet,
  ) {}

  add(pageBreakRange: string | FakeRange): void {
    const rect = typeof pageBreakRange === "string" ? parseAddress(pageBreakRange) : null;
    if (rect && rect.top === 0) throw invalidArgument("a page break cannot be above the first row");
    this.context.enqueue({
      path: this.path,
      action: "add",
      args: typeof pageBreakRange === "string" ? pageBreakRange : pageBreakRange.path,
      apply: () => {
        const at = rect ?? (pageBreakRange as FakeRange).target();
        this.sheet.target().pageLayout.rowBreaks.push(at.top);
      },
    });
  }

  /** Removes every manual break of the sheet. */
  removePageBreaks(): void {
    this.context.enqueue({
      path: this.path,
      action: "removePageBreaks",
      args: [],
      apply: () => {
        this.sheet.target().pageLayout.rowBreaks = [];
      },
    });
  }
}

export class FakeFreezePanes {
  constructor(
    private readonly context: FakeRequestContext,
    readonly path: string,
    private readonly sheet: FakeWorksheet,
  ) {}

  private set(action: string, args: unknown, frozen: () => { rows: number; columns: number }): void {
    this.context.enqueue({
      path: this.path,
      action,
      args,
      apply: () => {
        this.context.excel.editable(this.sheet.target()).frozen = frozen();
      },
    });
  }

  freezeRows(count = 1): void {
    this.set("freezeRows", count, () => ({ rows: count, columns: 0 }));
  }

  freezeColumns(count = 1): void {
    this.set("freezeColumns", count, () => ({ rows: 0, columns: count }));
  }

  freezeAt(frozenRange: FakeRange | string): void {
    const path = typeof frozenRange === "string" ? frozenRange : frozenRange.path;
    this.set("freezeAt", path, () => {
      const rect = typeof frozenRange === "string" ? parseAddress(frozenRange) : frozenRange.target();
      return { rows: rect.top + rect.rows, columns: rect.left + rect.columns };
    });
  }

  unfreeze(): void {
    this.set("unfreeze", undefined, () => ({ rows: 0, columns: 0 }));
  }
}

export class FakeTableCollection extends FakeCollection<FakeTable, TableState> {
  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly sheet: FakeWorksheet | null,
  ) {
    super(context, path);
  }

  protected targets(): TableState[] {
    const sheet = this.sheet?.target();
    return this.context.excel.liveTables().filter((t) => !sheet || t.sheet === sheet);
  }

  protected itemProxy(target: TableState, path: string): FakeTable {
    const proxy = new FakeTable(this.context, path, () => target);
    proxy.bind(target);
    return proxy;
  }

  /** As documented: a string address without a sheet name means the active sheet, whichever collection is used. */
  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    const described = typeof address === "string" ? address : address.path;
    const proxy = new FakeTable(this.context, `${this.path}.add(${JSON.stringify(described)})`, () => null);
    this.context.enqueue({
      path: this.path,
      action: "add",
      args: [described, hasHeaders],
      apply: () => {
        if (!hasHeaders) throw new Error("fake: tables without a header row are not supported");
        const excel = this.context.excel;
        let target: RangeTarget | undefined;
        if (typeof address !== "string") {
          target = address.target();
        } else {
          const bang = address.lastIndexOf("!");
          const sheet =
            bang < 0
              ? excel.liveSheets().find((s) => s.id === excel.activeSheetId)
              : excel.findSheet(address.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'"));
          if (sheet) target = { sheet, ...parseAddress(address) };
        }
        if (!target) throw invalidArgument(`table address '${described}'`);
        excel.editable(target.sheet);
        proxy.bind(excel.createTable(target.sheet, target));
      },
    });
    return proxy;
  }

  getItem(name: string): FakeTable {
    return new FakeTable(this.context, `${this.path}.getItem(${JSON.stringify(name)})`, () => {
      const table = this.targets().find((t) => lower(t.name) === lower(name));
      if (!table) throw notFound(`table '${name}'`);
      return table;
    });
  }
}

export class FakeTable extends FakeObject<TableState> {
  private worksheetProxy?: FakeWorksheet;

  protected override isGone(target: TableState): boolean {
    return target.deleted;
  }

  protected loadable(): string[] {
    return ["id", "name", "style", "showTotals", "showHeaders"];
  }

  protected override navigable(): string[] {
    return ["worksheet"];
  }

  protected scalar(target: TableState, name: string): unknown {
    switch (name) {
      case "id":
        return target.id;
      case "name":
        return target.name;
      case "style":
        return target.style;
      case "showTotals":
        return target.showTotals;
      default:
        return true;
    }
  }

  protected override navigation(name: string): FakeObject<unknown> {
    if (name !== "worksheet") return super.navigation(name);
    return this.worksheet as unknown as FakeObject<unknown>;
  }

  get id(): string {
    return this.read("id") as string;
  }
  get name(): string {
    return this.read("name") as string;
  }
  set name(name: string) {
    this.enqueue("set name", name, () => this.context.excel.renameTable(this.target(), name));
  }
  get style(): string {
    return this.read("style") as string;
  }
  set style(style: string) {
    this.enqueue("set style", style, () => {
      if (!/^TableStyle(Light|Medium|Dark)\d+$/.test(style)) throw invalidArgument(`table style '${style}'`);
      this.target().style = style;
    });
  }
  get showTotals(): boolean {
    return this.read("showTotals") as boolean;
  }
  set showTotals(show: boolean) {
    this.enqueue("set showTotals", show, () => {
      const table = this.target();
      if (show && !table.showTotals) table.rows++;
      if (!show && table.showTotals) table.rows--;
      table.showTotals = show;
    });
  }

  /**
   * Resizes the table over `newRange` (ExcelApi 1.13): as Excel documents, its header stays in the
   * same row and the new range overlaps the old; no other table may be in it. The cells stay as they
   * are; a header cell that is blank or repeats another is named as Excel names it.
   */
  resize(newRange: FakeRange | string): void {
    this.enqueue("resize", typeof newRange === "string" ? newRange : newRange.path, () => {
      const table = this.target();
      const excel = this.context.excel;
      excel.editable(table.sheet);
      const rect = typeof newRange === "string" ? { sheet: table.sheet, ...parseAddress(newRange) } : newRange.target();
      if (rect.sheet !== table.sheet) throw invalidArgument("the new range is on another sheet");
      if (rect.top !== table.top) throw invalidArgument(`the header of table '${table.name}' must stay in row ${table.top + 1}`);
      if (!overlaps(rect, table)) throw invalidArgument(`the new range of table '${table.name}' does not overlap it`);
      if (rect.rows < 2) throw invalidArgument("a table needs a header and a data row");
      const other = excel.liveTables().find((t) => t !== table && t.sheet === table.sheet && overlaps(t, rect));
      if (other) throw invalidArgument(`overlaps table '${other.name}'`);
      Object.assign(table, { left: rect.left, rows: rect.rows, columns: rect.columns, showTotals: false });
      excel.labelHeaders(table);
    });
  }

  /** Deletes the table and what its cells hold. */
  delete(): void {
    this.enqueue("delete", undefined, () => {
      const table = this.target();
      this.context.excel.editable(table.sheet);
      forEachCell(table, (r, c) => {
        const cell = table.sheet.cells.get(key(r, c));
        if (cell) clearContent(cell);
      });
      table.deleted = true;
      this.context.excel.dropDeletedTables();
    });
  }

  get worksheet(): FakeWorksheet {
    this.worksheetProxy ??= new FakeWorksheet(this.context, `${this.path}.worksheet`, () => this.target().sheet);
    return this.worksheetProxy;
  }

  getRange(): FakeRange {
    return new FakeRange(this.context, `${this.path}.getRange()`, () => tableRange(this.target(), this.target().rows));
  }

  getHeaderRowRange(): FakeRange {
    return new FakeRange(this.context, `${this.path}.getHeaderRowRange()`, () => tableRange(this.target(), 1));
  }

  /** Clears every column's filter (ExcelApi 1.2). */
  clearFilters(): void {
    this.enqueue("clearFilters", undefined, () => this.target().filters?.clear());
  }

  get columns(): FakeTableColumnCollection {
    return new FakeTableColumnCollection(this.context, `${this.path}.columns`, () => this.target());
  }
}

/** A table's columns, as far as the add-in uses them: one by its header text, for its filter. */
export class FakeTableColumnCollection {
  constructor(
    private readonly context: FakeRequestContext,
    readonly path: string,
    private readonly table: () => TableState,
  ) {}

  getItem(name: string): FakeTableColumn {
    return new FakeTableColumn(this.context, `${this.path}.getItem(${JSON.stringify(name)})`, () => {
      const table = this.table();
      const header = this.context.excel.tableHeaders(table).find((h) => lower(h) === lower(name));
      if (header === undefined) throw notFound(`column '${name}' of table '${table.name}'`);
      return { table, header };
    });
  }
}

export class FakeTableColumn {
  constructor(
    private readonly context: FakeRequestContext,
    readonly path: string,
    private readonly column: () => { table: TableState; header: string },
  ) {}

  get filter(): FakeFilter {
    return new FakeFilter(this.context, `${this.path}.filter`, this.column);
  }
}

/** A column's filter: the values filter, as Excel documents it (an array of the texts to show). */
export class FakeFilter {
  constructor(
    private readonly context: FakeRequestContext,
    readonly path: string,
    private readonly column: () => { table: TableState; header: string },
  ) {}

  applyValuesFilter(values: unknown[]): void {
    this.context.enqueue({
      path: this.path,
      action: "applyValuesFilter",
      args: values,
      apply: () => {
        if (!Array.isArray(values) || values.some((v) => typeof v !== "string")) throw invalidArgument("values filter: an array of texts");
        const { table, header } = this.column();
        table.filters ??= new Map();
        table.filters.set(header, [...(values as string[])]);
      },
    });
  }

  clear(): void {
    this.context.enqueue({
      path: this.path,
      action: "clear",
      args: undefined,
      apply: () => {
        const { table, header } = this.column();
        table.filters?.delete(header);
      },
    });
  }
}

function tableRange({ sheet, top, left, columns }: TableState, rows: number): RangeTarget {
  return { sheet, top, left, rows, columns };
}

export class FakeCustomPropertyCollection extends FakeCollection<FakeCustomProperty, [SheetState, string]> {
  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly sheet: FakeWorksheet,
  ) {
    super(context, path);
  }

  protected targets(): [SheetState, string][] {
    const sheet = this.sheet.target();
    return [...sheet.customProperties.values()].map((p) => [sheet, p.key]);
  }

  protected itemProxy(target: [SheetState, string], path: string): FakeCustomProperty {
    const proxy = new FakeCustomProperty(this.context, path, () => target);
    proxy.bind(target);
    return proxy;
  }

  add(propertyKey: string, value: string): FakeCustomProperty {
    this.context.enqueue({
      path: this.path,
      action: "add",
      args: [propertyKey, value],
      apply: () => {
        if (propertyKey.length === 0 || propertyKey.length > 255) throw invalidArgument("custom property key");
        // Adding an existing key overwrites it, as Office.js documents.
        // Keys match ignoring case: adding `SOP-Planner` over `sop-planner` replaces it, keeping the first spelling.
        const properties = this.sheet.target().customProperties;
        const existing = properties.get(lower(propertyKey));
        properties.set(lower(propertyKey), { key: existing?.key ?? propertyKey, value: String(value) });
      },
    });
    return this.getItem(propertyKey);
  }

  getItem(propertyKey: string): FakeCustomProperty {
    return new FakeCustomProperty(this.context, `${this.path}.getItem(${JSON.stringify(propertyKey)})`, () => {
      const sheet = this.sheet.target();
      if (!sheet.customProperties.has(lower(propertyKey))) throw notFound(`custom property '${propertyKey}'`);
      return [sheet, propertyKey];
    });
  }

  getItemOrNullObject(propertyKey: string): FakeCustomProperty {
    return new FakeCustomProperty(
      this.context,
      `${this.path}.getItemOrNullObject(${JSON.stringify(propertyKey)})`,
      () => {
        const sheet = this.sheet.target();
        return sheet.customProperties.has(lower(propertyKey)) ? [sheet, propertyKey] : null;
      },
      true,
    );
  }
}

export class FakeCustomProperty extends FakeObject<[SheetState, string]> {
  protected override isGone([sheet]: [SheetState, string]): boolean {
    return sheet.deleted;
  }

  protected loadable(): string[] {
    return ["key", "value"];
  }

  protected scalar([sheet, propertyKey]: [SheetState, string], name: string): unknown {
    const property = sheet.customProperties.get(lower(propertyKey));
    return name === "key" ? property?.key : property?.value;
  }

  get key(): string {
    return this.read("key") as string;
  }
  get value(): string {
    return this.read("value") as string;
  }

  delete(): void {
    this.enqueue("delete", undefined, () => {
      const [sheet, propertyKey] = this.target();
      sheet.customProperties.delete(lower(propertyKey));
    });
  }
}

/** `worksheet.protection`: whether the sheet is protected (ExcelApi 1.2), read only in the fake. */
export class FakeWorksheetProtection extends FakeObject<SheetState> {
  protected override isGone(target: SheetState): boolean {
    return target.deleted;
  }

  protected loadable(): string[] {
    return ["protected"];
  }

  protected scalar(target: SheetState): unknown {
    return target.protected;
  }

  get protected(): boolean {
    return this.read("protected") as boolean;
  }
}

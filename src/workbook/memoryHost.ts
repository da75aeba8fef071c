// An in-memory workbook behind the WorkbookHost interface: the task pane's browser tests and demos run on it instead of Excel.
import type { CellBefore, CellsBefore, InsertedSheets, WorkbookHost } from "./host";
import type { RawCell, RawTable } from "./raw";
import { cellAddress, parseCellReference, quoteSheetName, splitSheetAddress, type CellSpec, type CellValue, type TableSpec, type WorkbookSpec } from "./sheet";

/** One sheet: its cells as Excel would show them (a formula shows its cached result), and its tables. */
export interface MemorySheet {
  /** Stays with the sheet through a rename; a new sheet of the same name gets another. */
  id: string;
  name: string;
  cells: RawCell[][];
  /** Formulas by `row,column`, kept so a test can see what was written. */
  formulas: Map<string, string>;
  tables: TableSpec[];
  /** Number formats by `row,column`, as the sheet was given them (or a test set them). */
  formats: Map<string, string>;
  /** Values filters by table name, then by column header, as `showFilteredTable` left them. */
  filters: Map<string, Record<string, string[]>>;
  /** True for sheets written by `writeSheets` (planner output, replaced by the next run). */
  isPlannerOutput: boolean;
}

const lower = (name: string) => name.toLowerCase();

function cellValue(cell: CellSpec | null | undefined): RawCell {
  if (!cell) return null;
  if (cell.formula !== undefined && cell.formula !== "") return cell.cached ?? null;
  const value: CellValue | undefined = cell.value;
  return value === undefined || value === "" ? null : value;
}

/** `Forecast!D7` or `'My sheet'!D7` → sheet, 0-based row and column (the first cell of a range). */
export function parseAddress(address: string): { sheet: string | null; row: number; column: number } {
  const { sheet, cell } = splitSheetAddress(address);
  return { sheet, ...parseCellReference(cell) };
}

/** The rectangle of an A1 range (`B2:D9`, or one cell). */
function parseRange(range: string): { top: number; left: number; rows: number; columns: number } {
  const [first, last = first] = range.split(":");
  const a = parseAddress(first);
  const b = parseAddress(last);
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.column, b.column),
    rows: Math.abs(b.row - a.row) + 1,
    columns: Math.abs(b.column - a.column) + 1,
  };
}

export class MemoryWorkbookHost implements WorkbookHost {
  readonly sheets: MemorySheet[] = [];
  activeSheet: string | null = null;
  /** The selected range, e.g. `{ sheet: "Forecast", range: "A1:N7" }`. */
  selection: { sheet: string; range: string } | null = null;
  /** Every call the pane made, in order: what a test asserts on. */
  readonly calls: string[] = [];
  /** The pane's saved choices, as JSON (a workbook keeps add-in settings as text). */
  paneState: string | null = null;
  private nextSheetId = 1;
  /** The cells each `writeValues` replaced, exactly as shown (dates stay dates), for `restoreCells`. */
  private readonly shownBefore = new WeakMap<CellsBefore, RawCell[][]>();

  constructor(spec: WorkbookSpec = { sheets: [] }) {
    for (const sheet of spec.sheets) this.addSheet(sheet, false);
    this.activeSheet = this.sheets[0]?.name ?? null;
  }

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => lower(s.name) === lower(name));
  }

  /** The value of one cell, e.g. `value("Policy!B3")`. */
  value(address: string): RawCell {
    const { sheet, row, column } = parseAddress(address);
    return this.requireSheet(sheet ?? this.activeSheet ?? "").cells[row]?.[column] ?? null;
  }

  async readBlocks(): Promise<RawTable[]> {
    this.calls.push("readBlocks");
    const blocks: RawTable[] = [];
    for (const sheet of this.sheets) {
      for (const table of sheet.tables) {
        blocks.push({
          name: table.name,
          sheet: sheet.name,
          top: table.top,
          left: table.left,
          values: this.cellsOf(sheet, table),
          isTable: true,
        });
      }
      if (sheet.tables.length === 0 && sheet.cells.some((line) => line.some((cell) => cell !== null))) {
        const columns = sheet.cells.reduce((widest, line) => Math.max(widest, line.length), 0);
        blocks.push({
          name: sheet.name,
          sheet: sheet.name,
          top: 0,
          left: 0,
          values: this.cellsOf(sheet, { top: 0, left: 0, rows: sheet.cells.length, columns }),
          isTable: false,
        });
      }
    }
    return blocks;
  }

  async readSelection(): Promise<RawTable> {
    this.calls.push("readSelection");
    if (!this.selection) throw new Error("Nothing is selected.");
    const sheet = this.requireSheet(this.selection.sheet);
    const rect = parseRange(this.selection.range);
    return { name: sheet.name, sheet: sheet.name, top: rect.top, left: rect.left, values: this.cellsOf(sheet, rect), isTable: false };
  }

  async readRanges(addresses: string[]): Promise<RawTable[]> {
    this.calls.push(`readRanges ${addresses.join(", ")}`);
    return addresses.map((address) => {
      const bang = address.lastIndexOf("!");
      const { sheet: name } = parseAddress(address);
      const sheet = this.requireSheet(name ?? this.activeSheet ?? "");
      const rect = parseRange(address.slice(bang + 1));
      return { name: sheet.name, sheet: sheet.name, top: rect.top, left: rect.left, values: this.cellsOf(sheet, rect), isTable: false };
    });
  }

  async readPaneState(): Promise<unknown> {
    this.calls.push("readPaneState");
    return this.paneState === null ? null : (JSON.parse(this.paneState) as unknown);
  }

  async writePaneState(state: unknown): Promise<void> {
    this.calls.push("writePaneState");
    this.paneState = JSON.stringify(state);
  }

  async writeSheets(spec: WorkbookSpec): Promise<void> {
    this.calls.push(`writeSheets ${spec.sheets.map((s) => s.name).join(", ")}`);
    if (spec.sheets.length === 0) return;
    for (const sheet of spec.sheets) {
      const existing = this.sheet(sheet.name);
      if (existing && !existing.isPlannerOutput) {
        throw new Error(`Sheet '${existing.name}' exists and was not created by the planner: rename or delete it, then run again.`);
      }
    }
    const kept = this.sheets.filter((s) => !s.isPlannerOutput);
    this.sheets.splice(0, this.sheets.length, ...kept);
    for (const sheet of spec.sheets) this.addSheet(sheet, true);
    this.activeSheet = spec.sheets[0].name;
  }

  async insertSheets(spec: WorkbookSpec): Promise<InsertedSheets> {
    this.calls.push(`insertSheets ${spec.sheets.map((s) => s.name).join(", ")}`);
    const tableNames = new Set(this.sheets.flatMap((s) => s.tables.map((t) => lower(t.name))));
    const inserted: string[] = [];
    const skipped: string[] = [];
    for (const sheet of spec.sheets) {
      const clash = this.sheet(sheet.name) || (sheet.tables ?? []).some((t) => tableNames.has(lower(t.name)));
      if (clash) {
        skipped.push(sheet.name);
        continue;
      }
      this.addSheet(sheet, false);
      for (const table of sheet.tables ?? []) tableNames.add(lower(table.name));
      inserted.push(sheet.name);
    }
    if (inserted.length > 0) this.activeSheet = inserted[0];
    return { inserted, skipped };
  }

  async writeValues(address: string, values: CellValue[][]): Promise<CellsBefore> {
    this.calls.push(`writeValues ${address}`);
    const { sheet: name, row, column } = parseAddress(address);
    const sheet = this.requireSheet(name ?? this.activeSheet ?? "");
    const columns = values.reduce((widest, line) => Math.max(widest, line.length), 0);
    const rect = { top: row, left: column, rows: columns === 0 ? 0 : values.length, columns };
    const shown = this.cellsOf(sheet, rect);
    const before: CellsBefore = {
      address,
      sheetId: sheet.id,
      cells: shown.map((line, r) =>
        line.map((cell, c): CellBefore => {
          const at = `${row + r},${column + c}`;
          const formula = sheet.formulas.get(at);
          const numberFormat = sheet.formats.get(at) ?? "General";
          if (formula !== undefined) return { value: null, formula: formula.startsWith("=") ? formula : `=${formula}`, numberFormat };
          if (cell !== null && typeof cell === "object") return "error" in cell ? { value: null, error: cell.error, numberFormat } : { value: cell.date, numberFormat };
          return { value: cell, numberFormat };
        }),
      ),
    };
    this.shownBefore.set(before, shown);
    values.forEach((line, r) => line.forEach((value, c) => this.setCell(sheet, row + r, column + c, value === "" ? null : value)));
    return before;
  }

  async restoreCells(writes: readonly CellsBefore[]): Promise<void> {
    this.calls.push(`restoreCells ${writes.map((w) => w.address).join(", ")}`);
    const sheets = writes.map((write) => {
      const sheet = this.sheets.find((s) => s.id === write.sheetId);
      if (!sheet) throw new Error(`The sheet '${parseAddress(write.address).sheet ?? ""}' is gone.`);
      return sheet;
    });
    [...writes].reverse().forEach((write, i) => {
      const sheet = sheets[writes.length - 1 - i];
      const { row, column } = parseAddress(write.address);
      const shown = this.shownBefore.get(write);
      write.cells.forEach((line, r) =>
        line.forEach((cell, c) => {
          const at = `${row + r},${column + c}`;
          this.setCell(sheet, row + r, column + c, shown?.[r]?.[c] ?? cell.value);
          if (cell.formula !== undefined) sheet.formulas.set(at, cell.formula.replace(/^=/, ""));
          if (cell.numberFormat === "General") sheet.formats.delete(at);
          else sheet.formats.set(at, cell.numberFormat);
        }),
      );
    });
  }

  private setCell(sheet: MemorySheet, row: number, column: number, value: RawCell): void {
    while (sheet.cells.length <= row) sheet.cells.push([]);
    const cells = sheet.cells[row];
    while (cells.length <= column) cells.push(null);
    cells[column] = value;
    sheet.formulas.delete(`${row},${column}`);
  }

  async showFilteredTable(sheet: string, table: string, column: string, values: string[]): Promise<boolean> {
    this.calls.push(`showFilteredTable ${sheet} ${table} ${column}=${values.join("|")}`);
    const target = this.requireSheet(sheet);
    const found = target.tables.find((t) => lower(t.name) === lower(table));
    if (!found) throw new Error(`There is no table named '${table}' on '${target.name}'.`);
    target.filters.set(found.name, { [column]: [...values] });
    this.activeSheet = target.name;
    this.selection = { sheet: target.name, range: cellAddress(found.top, found.left) };
    return true;
  }

  async readNumberFormats(addresses: string[]): Promise<string[]> {
    this.calls.push(`readNumberFormats ${addresses.join(", ")}`);
    return addresses.map((address) => {
      const { sheet: name, row, column } = parseAddress(address);
      return this.sheet(name ?? this.activeSheet ?? "")?.formats.get(`${row},${column}`) ?? "General";
    });
  }

  /** Sets a cell's number format, as a user would in Excel (`Policy!B12`, `"$"#,##0.00`). */
  setNumberFormat(address: string, format: string): void {
    const { sheet: name, row, column } = parseAddress(address);
    this.requireSheet(name ?? this.activeSheet ?? "").formats.set(`${row},${column}`, format);
  }

  async selectCell(address: string): Promise<void> {
    this.calls.push(`selectCell ${address}`);
    const { sheet: name, row, column } = parseAddress(address);
    const sheet = this.requireSheet(name ?? this.activeSheet ?? "");
    this.activeSheet = sheet.name;
    this.selection = { sheet: sheet.name, range: cellAddress(row, column) };
  }

  async showSheet(name: string): Promise<void> {
    this.calls.push(`showSheet ${name}`);
    this.activeSheet = this.requireSheet(name).name;
  }

  private requireSheet(name: string): MemorySheet {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`There is no sheet named '${name}'.`);
    return sheet;
  }

  private addSheet(spec: WorkbookSpec["sheets"][number], isPlannerOutput: boolean): void {
    const formulas = new Map<string, string>();
    const formats = new Map<string, string>();
    spec.cells.forEach((line, r) =>
      line.forEach((cell, c) => {
        if (cell?.formula) formulas.set(`${r},${c}`, cell.formula);
        if (cell?.format) formats.set(`${r},${c}`, cell.format);
      }),
    );
    this.sheets.push({
      id: `sheet-${this.nextSheetId++}`,
      name: spec.name,
      cells: spec.cells.map((line) => line.map(cellValue)),
      formulas,
      formats,
      filters: new Map(),
      tables: (spec.tables ?? []).map((t) => ({ ...t })),
      isPlannerOutput,
    });
  }

  private cellsOf(sheet: MemorySheet, rect: { top: number; left: number; rows: number; columns: number }): RawCell[][] {
    return Array.from({ length: rect.rows }, (_, r) =>
      Array.from({ length: rect.columns }, (_, c) => sheet.cells[rect.top + r]?.[rect.left + c] ?? null),
    );
  }
}

/** A cell's full name on a memory sheet, for tests: `address("My sheet", 2, 3)` → `'My sheet'!D3`. */
export function address(sheet: string, row: number, column: number): string {
  return `${quoteSheetName(sheet)}!${cellAddress(row, column)}`;
}

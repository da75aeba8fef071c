// The interface a spreadsheet host implements for the front ends (Office.js in Excel, in-memory in tests).
import type { RawTable } from "./raw";
import type { CellValue, WorkbookSpec } from "./sheet";

/** What `insertSheets` did: the sheets it created, and those it left alone because the name was taken. */
export interface InsertedSheets {
  inserted: string[];
  skipped: string[];
}

/** One cell as it was before `writeValues` changed it: enough to put it back. */
export interface CellBefore {
  /** The constant; null when blank, and for a formula or an error. */
  value: CellValue;
  /** The formula with its `=`, when the cell held one. */
  formula?: string;
  /** The error code (`#N/A`), when the cell held an error constant. */
  error?: string;
  numberFormat: string;
}

/** What a `writeValues` call replaced: the cells from `address` rightwards and downwards, as they were. */
export interface CellsBefore {
  /** The top-left cell as the write named it (`Policy!B5`). */
  address: string;
  /** The sheet as the host knows it, so a sheet renamed since is still found and a new sheet of the old name is not taken for it. */
  sheetId: string;
  cells: CellBefore[][];
}

export interface WorkbookHost {
  /**
   * Every block that may hold a template table: each Excel table, and the used range of each
   * worksheet that has no table. Finding the template tables among them is pure code
   * (`findTemplateTables`), shared by every host.
   */
  readBlocks(): Promise<RawTable[]>;
  /**
   * The range the user has selected, as a block (`isTable` false, named after its sheet), so a
   * table the planner cannot find by name can be pointed at.
   */
  readSelection(): Promise<RawTable>;
  /**
   * The ranges at the given addresses (`'My data'!B2:F9`), in order, each as a block like
   * `readSelection`'s: how a table picked by selection is read afresh on every read.
   */
  readRanges(addresses: string[]): Promise<RawTable[]>;
  /**
   * Writes the planner's sheets, replacing the planner's earlier output and nothing else.
   * All or nothing: on failure the workbook is left as it was.
   */
  writeSheets(spec: WorkbookSpec): Promise<void>;
  /**
   * Adds the user's own sheets (the sample template): each sheet whose name is free is created
   * as given; a sheet whose name, or one of whose table names, is taken is skipped, never
   * overwritten. The sheets are not planner output, so a later run leaves them alone.
   */
  insertSheets(spec: WorkbookSpec): Promise<InsertedSheets>;
  /**
   * Writes constants into the cells from `address` (`Policy!C5`, the top-left cell) rightwards
   * and downwards; text stays text. How an edit in the task pane reaches the workbook, which
   * stays the single source of truth. Returns what the cells held, so a run that then fails can
   * put them back (`restoreCells`).
   */
  writeValues(address: string, values: CellValue[][]): Promise<CellsBefore>;
  /**
   * Puts cells back as `writeValues` found them (contents and number formats), the last write
   * first, so a cell written twice ends as it was before the first. Fails, naming the sheet, when
   * a sheet is gone.
   */
  restoreCells(writes: readonly CellsBefore[]): Promise<void>;
  /** Selects a cell named like `Forecast!D7` and shows its sheet. */
  selectCell(address: string): Promise<void>;
  /** Activates a sheet by name. */
  showSheet(name: string): Promise<void>;
  /**
   * Shows the sheet of `table` with the table filtered to the rows whose `column` (a header)
   * holds one of `values`, every other filter of the table cleared. False when the host cannot
   * filter a table: the sheet is then shown unfiltered, with the table's first cell selected.
   */
  showFilteredTable(sheet: string, table: string, column: string, values: string[]): Promise<boolean>;
  /**
   * The number formats of the cells at `addresses` (`Policy!B12`), in order: `General` for a cell
   * without one. How the pane learns the workbook's currency from the Policy's money cells.
   */
  readNumberFormats(addresses: string[]): Promise<string[]>;
  /**
   * The task pane's choices saved with this workbook (settings, tables picked by selection), as
   * `writePaneState` stored them; null when none were saved. What it holds is checked by the pane.
   */
  readPaneState(): Promise<unknown>;
  /** Saves the task pane's choices with the workbook (add-in settings: not a cell, not a sheet). */
  writePaneState(state: unknown): Promise<void>;
}

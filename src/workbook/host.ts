// The interface a spreadsheet host implements for the front ends (Office.js in Excel, in-memory in tests).
import type { RawTable } from "./raw";
import type { WorkbookSpec } from "./sheet";

export interface WorkbookHost {
  /**
   * Every block that may hold a template table: each Excel table, and the used range of each
   * worksheet that has no table. Finding the template tables among them is pure code
   * (`findTemplateTables`), shared by every host.
   */
  readBlocks(): Promise<RawTable[]>;
  /**
   * Writes the planner's sheets, replacing the planner's earlier output and nothing else.
   * All or nothing: on failure the workbook is left as it was.
   */
  writeSheets(spec: WorkbookSpec): Promise<void>;
  /** Selects a cell named like `Forecast!D7` and shows its sheet. */
  selectCell(address: string): Promise<void>;
  /** Activates a sheet by name. */
  showSheet(name: string): Promise<void>;
}

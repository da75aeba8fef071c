// What the task pane needs from the planning code: a look at the workbook, a planning run, and tables picked by selection.
import type { PlanMessage, PlanningInput } from "../engine";
import { normalizeName, TEMPLATE_TABLE_INFO, TEMPLATE_TABLE_NAMES, type TemplateTableName } from "../template/schema";
import { cellRef } from "../workbook/names";
import { parseInputs } from "../workbook/parse";
import type { PlannerRun } from "../workbook/pipeline";
import type { RawTable } from "../workbook/raw";
import { cellAddress, quoteSheetName } from "../workbook/sheet";
import { findTemplateTables, trimBlock, type TemplateTables } from "../workbook/tables";
import type { PlanRequest, RunProgress } from "./run/protocol";

export interface FoundTable {
  name: TemplateTableName;
  title: string;
  required: boolean;
  /** Where the table was found, e.g. `table "Forecast" at Forecast!A1`; null when it is missing. */
  source: string | null;
}

/** What the task pane shows about the workbook before (and after) planning. */
export interface WorkbookSummary {
  tables: FoundTable[];
  families: string[];
  products: string[];
  resources: string[];
  periods: string[];
  /** False when errors kept the tables from being read (the counts are then unknown, not zero). */
  readable: boolean;
  messages: PlanMessage[];
  /** The Policy table as found, for the Policy view (null when there is none). */
  policy: RawTable | null;
  /** The input as parsed (null with errors): what the Scenarios table's targets are checked against. */
  input: PlanningInput | null;
  /** Every block read, for the saved versions and the Scenarios table, which the review-cycle card reads (loaded when shown). */
  blocks: RawTable[];
}

/** The sample workbook's module, loaded when asked for (its data is not part of the pane). */
export const loadSample = () => import("../workbook/sample");

/** A run's end when the user pressed Cancel: not a failure to report. */
export class RunCancelled extends Error {
  override name = "RunCancelled";
  constructor() {
    super("The run was cancelled.");
  }
}

export interface RunHooks {
  signal: AbortSignal;
  onProgress(progress: RunProgress): void;
}

/** The planning code behind the task pane: in a Web Worker in the browser, in process in tests. */
export interface TaskpanePlanner {
  inspect(blocks: RawTable[]): WorkbookSummary;
  run(blocks: RawTable[], request: PlanRequest, hooks: RunHooks): Promise<PlannerRun>;
}

export function summarize(tables: TemplateTables, input: PlanningInput | null, messages: PlanMessage[], blocks: RawTable[]): WorkbookSummary {
  return {
    tables: TEMPLATE_TABLE_NAMES.map((name) => {
      const block = tables[name];
      const { title, required } = TEMPLATE_TABLE_INFO[name];
      // The table's own name only when it is not the template's (a `Table1` found on its sheet).
      const kind = !block?.isTable ? "sheet" : block.name === title ? "table" : `table ${block.name}`;
      return { name, title, required, source: block ? `${cellRef(block, 0, 0)} (${kind})` : null };
    }),
    families: input?.families.map((f) => f.family) ?? [],
    products: input?.products.map((p) => p.product) ?? [],
    resources: input?.resources.map((r) => r.resource) ?? [],
    periods: input?.periods ?? [],
    readable: input !== null,
    messages,
    policy: tables.policy ?? null,
    input,
    blocks,
  };
}

/** Finds and parses the template tables without planning: what the pane shows on load. */
export function inspectWorkbook(blocks: RawTable[]): WorkbookSummary {
  const found = findTemplateTables(blocks);
  const parsed = parseInputs(found.tables);
  return summarize(found.tables, parsed.input, [...found.messages, ...parsed.messages], blocks);
}

// ---------------------------------------------------------------------------------------------
// "Use selection": a range the user picked stands for a template table

/** A range picked for a table: the block as read, trimmed of blank rows and columns. */
export type TableSelections = Partial<Record<TemplateTableName, RawTable>>;

/** `Sheet1!B2:F9` for a block. */
export function blockAddress(block: RawTable): string {
  const rows = Math.max(1, block.values.length);
  const columns = Math.max(1, block.values.reduce((widest, line) => Math.max(widest, line.length), 0));
  const first = cellAddress(block.top, block.left);
  const last = cellAddress(block.top + rows - 1, block.left + columns - 1);
  return `${quoteSheetName(block.sheet)}!${first === last ? first : `${first}:${last}`}`;
}

/**
 * The blocks with each selected range standing in for its table: the range becomes an Excel
 * table of the template's name (which the finder takes first), and the blocks that would have
 * competed for that name are set aside, so no ambiguity warning is raised about the user's choice.
 */
export function applySelections(blocks: RawTable[], selections: TableSelections): RawTable[] {
  const chosen = TEMPLATE_TABLE_NAMES.filter((name) => selections[name]);
  if (chosen.length === 0) return blocks;
  const isTemplateName = (text: string) => (TEMPLATE_TABLE_NAMES as readonly string[]).includes(normalizeName(text));
  // The finder's own order of preference: a table of that name, a stray table on a sheet of that name, the sheet.
  const competes = (block: RawTable, name: TemplateTableName) =>
    block.isTable
      ? normalizeName(block.name) === name || (normalizeName(block.sheet) === name && !isTemplateName(block.name))
      : normalizeName(block.sheet) === name;
  const kept = blocks.filter((block) => !chosen.some((name) => competes(block, name)));
  const stand = chosen.map((name): RawTable => {
    const picked = trimBlock(selections[name] as RawTable);
    return { ...picked, name: TEMPLATE_TABLE_INFO[name].title, isTable: true };
  });
  return [...stand, ...kept];
}

// ---- The workbook layer as the rest of the pane imports it (scripts/rewrite-imports.js keeps this list) ----
export type { CellsBefore, WorkbookHost } from "../workbook/host";
export { DEMAND_REVIEW_SHEET_NAME } from "../workbook/layout/demandReview";
export { cellRef, gridOf } from "../workbook/names";
export type { PlannerOptions, PlannerRun } from "../workbook/pipeline";
export type { RawCell, RawTable } from "../workbook/raw";
export { SCENARIOS_SHEET_NAME, VARIANCE_SHEET_NAME, VERSIONS_SHEET_NAME } from "../workbook/reviewNames";
export { describeChange, findScenariosBlock, parseScenarios } from "../workbook/scenarios";
export { cellAddress, parseCellReference, quoteSheetName, splitSheetAddress } from "../workbook/sheet";
export type { CellValue, SheetSpec, WorkbookSpec } from "../workbook/sheet";
export { findVersionsBlock, parseVersions } from "../workbook/versions";
// ---- end of the list ----

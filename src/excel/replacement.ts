// Safe replacement: the planner's sheets rewritten in place (references into them survive), built first where no one sees them.
import type { InsertedSheets } from "../workbook/host";
import { checkFormulaLimits } from "../workbook/formulaLimits";
import { usedExtent } from "../workbook/layout/print";
import type { SheetSpec, TableSpec, WorkbookSpec } from "../workbook/sheet";
import { OPERATION_BYTES, REQUEST_BUDGET_BYTES, RequestBatch } from "./payload";
import { cellCommands, furnishingCommands } from "./rendering";

/** Worksheet custom property (ExcelApi 1.12) that marks a sheet as the planner's output. */
export const PLANNER_MARKER_KEY = "sop-planner";
/** Stored as the marker's value: the version of the output layout that wrote the sheet. */
export const PLANNER_OUTPUT_VERSION = "1";
/**
 * The name the planner gave the sheet. A marked sheet under another name was renamed or copied by
 * the user to keep it (a copy may carry the marker along), so it is the user's and stays.
 */
export const PLANNER_SHEET_NAME_KEY = "sop-planner-sheet";
/** Marks a hidden sheet the planner builds a new plan sheet on before copying it in place. */
export const PLANNER_STAGING_KEY = "sop-planner-staging";
/** Hidden staging sheets are named this and a number; one left by an interrupted run is removed by the next. */
export const STAGING_SHEET_PREFIX = "~SOP new";

/** Roll-forward attempts once the new plan is built: a passing fault must not leave half a plan. */
const COMMIT_ATTEMPTS = 3;

/** Excel's last row and column (0-based counts): what lies beyond a sheet's new extent is cleared. */
const SHEET_ROWS = 1_048_576;
const SHEET_COLUMNS = 16_384;

interface SheetState {
  proxy: Excel.Worksheet;
  id: string;
  name: string;
  visibility: string;
  isProtected: boolean;
  isPlanner: boolean;
  isStaging: boolean;
}

/** A table as the workbook has it: where it is, 0-based, its header row included. */
interface TableState {
  id: string;
  name: string;
  sheetId: string;
  top: number;
  left: number;
  rows: number;
  columns: number;
}

interface WorkbookState {
  sheets: SheetState[];
  tables: TableState[];
  /** Workbook-scoped defined names: a table may not take one (they share a namespace). */
  names: string[];
  structureProtected: boolean;
}

/** How the plan is written: the request budget, and whether Excel can resize a table (ExcelApi 1.13). */
export interface WriteOptions {
  budget?: number;
  canResizeTables?: boolean;
}

/**
 * The preflight, in two syncs before anything is written: sheets (visibility, protection), tables,
 * defined names and the workbook's protection, then each sheet's markers and each table's range.
 */
async function readWorkbookState(context: Excel.RequestContext): Promise<WorkbookState> {
  const worksheets = context.workbook.worksheets.load("items/id,items/name,items/visibility,items/protection/protected");
  const tables = context.workbook.tables.load("items/id,items/name,items/worksheet/id");
  const names = context.workbook.names.load("items/name");
  const protection = context.workbook.protection.load("protected");
  await context.sync();
  const markers = worksheets.items.map((sheet) => ({
    version: sheet.customProperties.getItemOrNullObject(PLANNER_MARKER_KEY).load("value"),
    name: sheet.customProperties.getItemOrNullObject(PLANNER_SHEET_NAME_KEY).load("value"),
    staging: sheet.customProperties.getItemOrNullObject(PLANNER_STAGING_KEY).load("value"),
  }));
  const ranges = tables.items.map((t) => t.getRange().load("rowIndex,columnIndex,rowCount,columnCount"));
  await context.sync();
  return {
    sheets: worksheets.items.map((proxy, i) => {
      const { version, name, staging } = markers[i];
      return {
        proxy,
        id: proxy.id,
        name: proxy.name,
        visibility: proxy.visibility,
        isProtected: proxy.protection.protected,
        isPlanner: !version.isNullObject && !name.isNullObject && name.value.toLowerCase() === proxy.name.toLowerCase(),
        isStaging: !staging.isNullObject,
      };
    }),
    tables: tableStatesOf(tables, ranges),
    names: names.items.map((n) => n.name),
    structureProtected: protection.protected,
  };
}

/** One sheet of the new plan: where it is built, and the sheet that keeps it. */
interface Target {
  spec: SheetSpec;
  /** The planner's sheet of that name from an earlier run, rewritten in place; absent for a new sheet. */
  existing?: SheetState;
  /** The sheet the cells are built on: a hidden staging sheet for an existing one, else the new sheet itself. */
  build?: Excel.Worksheet;
  /** The sheet that holds the plan when done. */
  final?: Excel.Worksheet;
}

interface Replacement {
  targets: Target[];
  /** The planner's earlier sheets that the new plan does not write: deleted. */
  dropped: SheetState[];
  /** Staging sheets an interrupted run left behind: deleted. */
  leftovers: SheetState[];
}

/**
 * Checks, before anything changes, that every name the output takes is free or the planner's and
 * that Excel will let the planner do its work: the workbook's structure and the plan sheets it
 * rewrites unprotected, no defined name under a table's name. Stops with what to change.
 */
function planReplacement(before: WorkbookState, spec: WorkbookSpec): Replacement {
  const key = (name: string) => name.toLowerCase();
  if (before.structureProtected) {
    throw new Error("The workbook's structure is protected (Review ▸ Protect Workbook), and the planner adds and removes its sheets: unprotect it, then run again.");
  }
  const sheetByName = new Map(before.sheets.map((s) => [key(s.name), s]));
  const sheetById = new Map(before.sheets.map((s) => [s.id, s]));
  const definedNames = new Map(before.names.map((n) => [key(n), n]));
  const targets: Target[] = [];
  for (const sheet of spec.sheets) {
    const existing = sheetByName.get(key(sheet.name));
    if (existing && !existing.isPlanner) {
      throw new Error(`Sheet '${existing.name}' exists and was not created by the planner: rename or delete it, then run again.`);
    }
    if (existing?.isProtected) {
      throw new Error(`Sheet '${existing.name}' is protected (Review ▸ Unprotect Sheet), and the planner rewrites it: unprotect it, then run again.`);
    }
    for (const table of sheet.tables ?? []) {
      const existingTable = before.tables.find((t) => key(t.name) === key(table.name));
      const owner = existingTable && sheetById.get(existingTable.sheetId);
      if (existingTable && !owner?.isPlanner) {
        throw new Error(
          `Table '${existingTable.name}' on sheet '${owner?.name ?? "?"}' exists and was not created by the planner: ` +
            `rename it, then run again.`,
        );
      }
      const name = definedNames.get(key(table.name));
      if (name !== undefined) {
        throw new Error(
          `The workbook has a defined name '${name}' (Formulas ▸ Name Manager), and the planner names a table so on sheet '${sheet.name}': ` +
            `rename or delete the name, then run again.`,
        );
      }
    }
    checkFormulaLimits(sheet);
    targets.push({ spec: sheet, existing });
  }
  const written = new Set(spec.sheets.map((s) => key(s.name)));
  return {
    targets,
    dropped: before.sheets.filter((s) => s.isPlanner && !s.isStaging && !written.has(key(s.name))),
    leftovers: before.sheets.filter((s) => s.isStaging),
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

/** Deletes a sheet; Excel will not delete a very hidden one, so it is made only hidden first. */
function deleteSheet(sheet: SheetState): void {
  if (sheet.visibility === "VeryHidden") sheet.proxy.visibility = "Hidden";
  sheet.proxy.delete();
}

/**
 * Writes the plan in as many syncs as its size needs, each request under the budget, with Excel's
 * recalculation suspended for each (the workbook is recalculated once at the end, or after a failure).
 *
 * 0. Preflight (2 syncs): what is there, and whether Excel will let the plan in (`planReplacement`):
 *    a refusal stops the run here, with nothing written.
 * 1. Build (syncs 3…): each new sheet is added under its name; each sheet the planner wrote before
 *    gets a hidden staging sheet. The cells go there. A failure removes what was added: the
 *    workbook is as it was, earlier output included.
 * 2. Commit: each earlier sheet takes the staged cells by copy, in place, so it is the same sheet and
 *    every reference into it stays valid; each of its tables the new plan has again (same name, same
 *    header row) is kept, resized over its new rows, so a reviewer's `SOP_Summary[Margin]` keeps
 *    working; the rest of the tables, conditional formats, widths, panes and charts go on. A fault
 *    here is rolled forward (the work is redone from a fresh read), so the workbook ends with the
 *    whole new plan.
 * 3. Finish: staging sheets removed, the first plan sheet shown, the workbook recalculated.
 */
export async function writePlanSheets(context: Excel.RequestContext, spec: WorkbookSpec, options: WriteOptions = {}): Promise<void> {
  const budget = options.budget ?? REQUEST_BUDGET_BYTES;
  let before: WorkbookState;
  try {
    before = await readWorkbookState(context);
  } catch (error) {
    throw new Error(`Writing the plan sheets failed, and the workbook was left as it was: ${describe(error)}`, { cause: error });
  }
  const plan = planReplacement(before, spec);

  try {
    await build(context, before, plan, budget);
  } catch (error) {
    try {
      await removeAdded(context, before);
    } catch (restoreError) {
      throw new Error(
        `Writing the plan sheets failed (${describe(error)}), and so did putting the workbook back ` +
          `(${describe(restoreError)}): delete the sheets the planner added by hand (hidden ones are named '${STAGING_SHEET_PREFIX} …').`,
        { cause: restoreError },
      );
    }
    throw new Error(`Writing the plan sheets failed, and the workbook was left as it was: ${describe(error)}`, { cause: error });
  }

  let lastError: unknown;
  let pending = plan.targets;
  const dropped = plan.dropped;
  for (let attempt = 0; attempt < COMMIT_ATTEMPTS && pending.length > 0; attempt++) {
    try {
      // The first attempt knows the tables from the preflight (building touched none of them); a retry reads them afresh.
      const known = attempt === 0 ? before.tables : null;
      pending = await commit(context, pending, dropped, plan.targets, budget, known, options.canResizeTables ?? false);
    } catch (error) {
      lastError = error;
      pending = (error as CommitFailure).pending ?? pending;
    }
  }
  if (pending.length > 0) {
    await recalculate(context).catch(() => undefined);
    throw new Error(
      `The new plan was built, but putting it into the plan sheets failed (${describe(lastError)}): ` +
        `${pending.map((t) => `'${t.spec.name}'`).join(", ")} still hold the previous plan. Run again.`,
      { cause: lastError },
    );
  }

  await finish(context, plan);
}

/** One recalculation of the workbook, after writes that suspended it (`suspendApiCalculationUntilNextSync`, ExcelApi 1.6). */
async function recalculate(context: Excel.RequestContext): Promise<void> {
  context.workbook.application.calculate("Full");
  await context.sync();
}

/** Adds the sheets and writes every cell. */
async function build(context: Excel.RequestContext, before: WorkbookState, plan: Replacement, budget: number): Promise<void> {
  const batch = new RequestBatch(context, budget, { suspendCalculation: true });
  const taken = new Set(before.sheets.map((s) => s.name.toLowerCase()));
  for (const t of plan.targets) taken.add(t.spec.name.toLowerCase());
  for (const leftover of plan.leftovers) {
    await batch.reserve(2 * OPERATION_BYTES);
    deleteSheet(leftover);
  }
  // Every sheet exists under its final name before any formula is written, so references between the
  // new sheets (`'SOP Family A'!C5`) bind to the plan sheets, and the staged cells' references with them.
  for (const t of plan.targets) {
    await batch.reserve(4 * OPERATION_BYTES);
    if (t.existing) {
      t.final = t.existing.proxy;
      t.build = context.workbook.worksheets.add(freeName(`${STAGING_SHEET_PREFIX} `, taken));
      t.build.visibility = "Hidden";
      t.build.customProperties.add(PLANNER_STAGING_KEY, t.spec.name);
    } else {
      t.final = t.build = context.workbook.worksheets.add(t.spec.name);
      t.build.customProperties.add(PLANNER_MARKER_KEY, PLANNER_OUTPUT_VERSION);
      t.build.customProperties.add(PLANNER_SHEET_NAME_KEY, t.spec.name);
    }
  }
  for (const t of plan.targets) {
    for (const command of cellCommands(t.spec)) await batch.add(command, t.build as Excel.Worksheet);
  }
  await batch.flush();
}

/** Excel applies a batch up to its failing command, so what to undo is read afresh: every sheet that was not there before goes. */
async function removeAdded(context: Excel.RequestContext, before: { sheets: { id: string }[] }): Promise<void> {
  const worksheets = context.workbook.worksheets.load("items/id");
  await context.sync();
  const ids = new Set(before.sheets.map((s) => s.id));
  const added = worksheets.items.filter((s) => !ids.has(s.id));
  for (const sheet of added) sheet.delete();
  // Calculation was suspended while the cells went in: the workbook as it was is recalculated.
  context.workbook.application.calculate("Full");
  await context.sync();
}

interface CommitFailure extends Error {
  pending?: Target[];
}

/**
 * The tables of a sheet that the new plan keeps: same name (any case), same sheet and the same
 * header row (Excel resizes a table only over its own header row), and either the same size or a
 * host that can resize (ExcelApi 1.13). By the name in the new plan.
 */
function keptTables(existing: readonly TableState[], spec: SheetSpec, canResize: boolean): Map<string, { old: TableState; table: TableSpec }> {
  const kept = new Map<string, { old: TableState; table: TableSpec }>();
  for (const table of spec.tables ?? []) {
    const old = existing.find((t) => t.name.toLowerCase() === table.name.toLowerCase());
    if (!old || old.top !== table.top) continue;
    const sameSize = old.left === table.left && old.rows === table.rows && old.columns === table.columns;
    const overlaps = old.left < table.left + table.columns && table.left < old.left + old.columns;
    if (sameSize || (canResize && overlaps)) kept.set(table.name, { old, table });
  }
  return kept;
}

/**
 * Puts the built plan into its sheets; returns the targets still to do (none when all went in).
 * One sync reads what the sheets hold now (charts; on a retry the tables too, and a second sync
 * their ranges), so a retry starts from the truth.
 */
/** The workbook's tables as loaded (id, name, worksheet id) with where each sits (`ranges[i]` is table i's range). */
function tableStatesOf(tables: Excel.TableCollection, ranges: readonly Excel.Range[]): TableState[] {
  return tables.items.map((t, i) => ({
    id: t.id,
    name: t.name,
    sheetId: t.worksheet.id,
    top: ranges[i].rowIndex,
    left: ranges[i].columnIndex,
    rows: ranges[i].rowCount,
    columns: ranges[i].columnCount,
  }));
}

async function commit(
  context: Excel.RequestContext,
  pending: Target[],
  dropped: SheetState[],
  all: Target[],
  budget: number,
  knownTables: TableState[] | null,
  canResize: boolean,
): Promise<Target[]> {
  const retry = knownTables === null;
  const tables = retry ? context.workbook.tables.load("items/id,items/name,items/worksheet/id") : null;
  const present = context.workbook.worksheets.load("items/id,items/visibility");
  const sheetIds = pending.map((t) => (t.final as Excel.Worksheet).load("id"));
  const charts = pending.map((t) => (t.final as Excel.Worksheet).charts.load("items/name"));
  await context.sync();
  let tableStates = knownTables ?? [];
  if (tables) {
    const ranges = tables.items.map((t) => t.getRange().load("rowIndex,columnIndex,rowCount,columnCount"));
    await context.sync();
    tableStates = tableStatesOf(tables, ranges);
  }

  const visibility = new Map(present.items.map((s) => [s.id, s.visibility]));
  dropped = dropped.filter((s) => visibility.has(s.id)).map((s) => ({ ...s, visibility: visibility.get(s.id) ?? s.visibility }));
  const batch = new RequestBatch(context, budget, { suspendCalculation: true });
  const confirmed = new Set<Target>();
  let queued: Target[] = [];
  const add = async (bytes: number, queue: () => void) => {
    const syncs = batch.syncs;
    await batch.reserve(bytes);
    if (batch.syncs > syncs) {
      for (const t of queued) confirmed.add(t);
      queued = [];
    }
    queue();
  };
  try {
    for (const sheet of dropped) await add(2 * OPERATION_BYTES, () => deleteSheet(sheet));
    // The tables each sheet keeps; the others go first, every one of them: a new table may take the
    // name an old one had on another sheet.
    const droppedIds = new Set(dropped.map((s) => s.id));
    const kept = pending.map((t, i) => keptTables(tableStates.filter((table) => table.sheetId === sheetIds[i].id), t.spec, canResize));
    const keptIds = new Set(kept.flatMap((k) => [...k.values()].map(({ old }) => old.id)));
    const pendingIds = new Set(sheetIds.map((s) => s.id));
    for (const table of tableStates) {
      if (pendingIds.has(table.sheetId) && !droppedIds.has(table.sheetId) && !keptIds.has(table.id)) {
        await add(OPERATION_BYTES, () => context.workbook.tables.getItem(table.name).delete());
      }
    }
    for (const [i, t] of pending.entries()) {
      const final = t.final as Excel.Worksheet;
      for (const chart of charts[i].items) await add(OPERATION_BYTES, () => final.charts.getItem(chart.name).delete());
      await add(3 * OPERATION_BYTES, () => {
        final.getRange().conditionalFormats.clearAll();
        final.freezePanes.unfreeze();
      });
      // A kept table takes its new rows before the cells go in: it stays the same table.
      for (const { old, table } of kept[i].values()) {
        if (old.left === table.left && old.rows === table.rows && old.columns === table.columns) continue;
        await add(2 * OPERATION_BYTES, () => final.tables.getItem(old.name).resize(final.getRangeByIndexes(table.top, table.left, table.rows, table.columns)));
      }
      // What lies beyond the new plan's cells, tables and charts is cleared; within them the new
      // cells go over the old, blanks included, so no table is ever cleared whole (that deletes it).
      const { rows, columns } = usedExtent(t.spec);
      await add(3 * OPERATION_BYTES, () => {
        final.getRangeByIndexes(rows, 0, SHEET_ROWS - rows, SHEET_COLUMNS).clear("All");
        if (rows > 0) final.getRangeByIndexes(0, columns, rows, SHEET_COLUMNS - columns).clear("All");
      });
      if (!t.existing && retry) {
        // A new sheet a failed attempt reached is written again.
        for (const command of cellCommands(t.spec)) await add(command.bytes, () => command.queue(final));
      }
      if (t.existing) {
        await add(2 * OPERATION_BYTES, () => {
          if (rows > 0) final.getRangeByIndexes(0, 0, rows, columns).copyFrom((t.build as Excel.Worksheet).getRangeByIndexes(0, 0, rows, columns), "All");
          final.customProperties.add(PLANNER_MARKER_KEY, PLANNER_OUTPUT_VERSION);
        });
      }
      const keptNames = new Set([...kept[i].keys()]);
      for (const command of furnishingCommands(t.spec, keptNames)) await add(command.bytes, () => command.queue(final));
      queued.push(t);
    }
    await batch.flush();
  } catch (error) {
    const failure = (error instanceof Error ? error : new Error(String(error))) as CommitFailure;
    failure.pending = all.filter((t) => pending.includes(t) && !confirmed.has(t));
    throw failure;
  }
  return [];
}

/**
 * Removes the staging sheets, shows the first plan sheet that is not hidden (Excel cannot show a
 * hidden one) and recalculates the workbook. Staging sheets a fault leaves here go with the next run.
 */
async function finish(context: Excel.RequestContext, plan: Replacement): Promise<void> {
  const shown = plan.targets.find((t) => !t.existing || t.existing.visibility === "Visible");
  try {
    (shown?.final as Excel.Worksheet | undefined)?.activate();
    for (const t of plan.targets) if (t.existing) (t.build as Excel.Worksheet).delete();
    context.workbook.application.calculate("Full");
    await context.sync();
  } catch (error) {
    // Excel stops at the failing command: delete the staging sheets still there, found by their marker.
    try {
      const now = await readWorkbookState(context);
      (shown?.final as Excel.Worksheet | undefined)?.activate();
      for (const sheet of now.sheets) if (sheet.isStaging) deleteSheet(sheet);
      context.workbook.application.calculate("Full");
      await context.sync();
    } catch (retryError) {
      throw new Error(
        `The plan sheets were written, but removing the planner's hidden staging sheets failed: ${describe(retryError)}. ` +
          `The next run removes them (they are named '${STAGING_SHEET_PREFIX} …'; first failure: ${describe(error)}).`,
        { cause: retryError },
      );
    }
  }
}

/**
 * Adds the user's own sheets (the sample template): each sheet whose name, and whose tables' names,
 * are free. Not planner output: no marker, so no run replaces them. On a failure the sheets it
 * added are removed, so the workbook is left as it was.
 */
export async function insertUserSheets(context: Excel.RequestContext, spec: WorkbookSpec, budget = REQUEST_BUDGET_BYTES): Promise<InsertedSheets> {
  const worksheets = context.workbook.worksheets.load("items/id,items/name");
  const tables = context.workbook.tables.load("items/name");
  const names = context.workbook.names.load("items/name");
  await context.sync();
  const takenSheets = new Set(worksheets.items.map((s) => s.name.toLowerCase()));
  // A table may not take a defined name's name either: they share one namespace.
  const takenTables = new Set([...tables.items, ...names.items].map((t) => t.name.toLowerCase()));
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

  const before = { sheets: worksheets.items.map((proxy) => ({ id: proxy.id })) };
  try {
    const batch = new RequestBatch(context, budget);
    const added: Excel.Worksheet[] = [];
    for (const sheet of inserted) {
      await batch.reserve(OPERATION_BYTES);
      added.push(context.workbook.worksheets.add(sheet.name));
    }
    for (const [i, sheet] of inserted.entries()) {
      for (const command of [...cellCommands(sheet), ...furnishingCommands(sheet)]) await batch.add(command, added[i]);
    }
    await batch.reserve(OPERATION_BYTES);
    added[0].activate();
    await batch.flush();
  } catch (error) {
    try {
      await removeAdded(context, before);
    } catch (cleanupError) {
      throw new Error(
        `Inserting the sample sheets failed (${describe(error)}), and so did removing the half-made sheets ` +
          `(${describe(cleanupError)}): delete them by hand.`,
        { cause: cleanupError },
      );
    }
    throw new Error(`Inserting the sample sheets failed, and the workbook was left as it was: ${describe(error)}`, { cause: error });
  }
  return { inserted: inserted.map((s) => s.name), skipped };
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

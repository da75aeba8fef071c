// Safe replacement: the planner's sheets rewritten in place (references into them survive), built first where no one sees them.
import type { InsertedSheets } from "../workbook/host";
import type { SheetSpec, WorkbookSpec } from "../workbook/sheet";
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

interface SheetState {
  proxy: Excel.Worksheet;
  id: string;
  name: string;
  isPlanner: boolean;
  isStaging: boolean;
}

interface WorkbookState {
  sheets: SheetState[];
  tables: { id: string; name: string; sheetId: string }[];
}

/** Two syncs: sheet and table names, then each sheet's markers (custom properties load per sheet). */
async function readWorkbookState(context: Excel.RequestContext): Promise<WorkbookState> {
  const worksheets = context.workbook.worksheets.load("items/id,items/name");
  const tables = context.workbook.tables.load("items/id,items/name,items/worksheet/id");
  await context.sync();
  const markers = worksheets.items.map((sheet) => ({
    version: sheet.customProperties.getItemOrNullObject(PLANNER_MARKER_KEY).load("value"),
    name: sheet.customProperties.getItemOrNullObject(PLANNER_SHEET_NAME_KEY).load("value"),
    staging: sheet.customProperties.getItemOrNullObject(PLANNER_STAGING_KEY).load("value"),
  }));
  await context.sync();
  return {
    sheets: worksheets.items.map((proxy, i) => {
      const { version, name, staging } = markers[i];
      return {
        proxy,
        id: proxy.id,
        name: proxy.name,
        isPlanner: !version.isNullObject && !name.isNullObject && name.value.toLowerCase() === proxy.name.toLowerCase(),
        isStaging: !staging.isNullObject,
      };
    }),
    tables: tables.items.map((t) => ({ id: t.id, name: t.name, sheetId: t.worksheet.id })),
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

/** Checks that every name the output takes is free or the planner's, before anything changes. */
function planReplacement(before: WorkbookState, spec: WorkbookSpec): Replacement {
  const key = (name: string) => name.toLowerCase();
  const sheetByName = new Map(before.sheets.map((s) => [key(s.name), s]));
  const sheetById = new Map(before.sheets.map((s) => [s.id, s]));
  const targets: Target[] = [];
  for (const sheet of spec.sheets) {
    const existing = sheetByName.get(key(sheet.name));
    if (existing && !existing.isPlanner) {
      throw new Error(`Sheet '${existing.name}' exists and was not created by the planner: rename or delete it, then run again.`);
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
    }
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

/**
 * Writes the plan in as many syncs as its size needs, each request under the budget.
 *
 * 1. Build (syncs 3…): each new sheet is added under its name; each sheet the planner wrote before
 *    gets a hidden staging sheet. The cells go there. A failure removes what was added: the
 *    workbook is as it was, earlier output included.
 * 2. Commit: each earlier sheet is cleared and takes the staged cells by copy, in place, so it is
 *    the same sheet and every reference into it stays valid; tables, conditional formats, widths,
 *    panes and charts go on. A fault here is rolled forward (the work is redone from a fresh read),
 *    so the workbook ends with the whole new plan.
 * 3. Finish: staging sheets removed, the first plan sheet shown.
 */
export async function writePlanSheets(context: Excel.RequestContext, spec: WorkbookSpec, budget = REQUEST_BUDGET_BYTES): Promise<void> {
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
      pending = await commit(context, pending, dropped, plan.targets, budget, attempt > 0);
    } catch (error) {
      lastError = error;
      pending = (error as CommitFailure).pending ?? pending;
    }
  }
  if (pending.length > 0) {
    throw new Error(
      `The new plan was built, but putting it into the plan sheets failed (${describe(lastError)}): ` +
        `${pending.map((t) => `'${t.spec.name}'`).join(", ")} still hold the previous plan. Run again.`,
      { cause: lastError },
    );
  }

  await finish(context, plan);
}

/** Adds the sheets and writes every cell. */
async function build(context: Excel.RequestContext, before: WorkbookState, plan: Replacement, budget: number): Promise<void> {
  const batch = new RequestBatch(context, budget);
  const taken = new Set(before.sheets.map((s) => s.name.toLowerCase()));
  for (const t of plan.targets) taken.add(t.spec.name.toLowerCase());
  for (const leftover of plan.leftovers) {
    await batch.reserve(OPERATION_BYTES);
    leftover.proxy.delete();
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
async function removeAdded(context: Excel.RequestContext, before: WorkbookState): Promise<void> {
  const worksheets = context.workbook.worksheets.load("items/id");
  await context.sync();
  const ids = new Set(before.sheets.map((s) => s.id));
  const added = worksheets.items.filter((s) => !ids.has(s.id));
  for (const sheet of added) sheet.delete();
  if (added.length > 0) await context.sync();
}

interface CommitFailure extends Error {
  pending?: Target[];
}

/**
 * Puts the built plan into its sheets; returns the targets still to do (none when all went in).
 * One sync reads what the sheets hold now (tables, charts), so a retry starts from the truth.
 */
async function commit(
  context: Excel.RequestContext,
  pending: Target[],
  dropped: SheetState[],
  all: Target[],
  budget: number,
  retry: boolean,
): Promise<Target[]> {
  const tables = context.workbook.tables.load("items/name,items/worksheet/id");
  const present = context.workbook.worksheets.load("items/id");
  const sheetIds = pending.map((t) => (t.final as Excel.Worksheet).load("id"));
  const charts = pending.map((t) => (t.final as Excel.Worksheet).charts.load("items/name"));
  await context.sync();

  const alive = new Set(present.items.map((s) => s.id));
  dropped = dropped.filter((s) => alive.has(s.id));
  const batch = new RequestBatch(context, budget);
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
    for (const sheet of dropped) await add(OPERATION_BYTES, () => sheet.proxy.delete());
    // Old tables go first, every one of them: a new table may take the name an old one had on another sheet.
    const pendingIds = new Set(sheetIds.map((s) => s.id));
    const droppedIds = new Set(dropped.map((s) => s.id));
    for (const table of tables.items) {
      if (pendingIds.has(table.worksheet.id) && !droppedIds.has(table.worksheet.id)) {
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
      if (!t.existing && retry) {
        // Deleting a table deletes what its cells hold: a new sheet a failed attempt reached is written again.
        await add(OPERATION_BYTES, () => final.getRange().clear("All"));
        for (const command of cellCommands(t.spec)) await add(command.bytes, () => command.queue(final));
      }
      if (t.existing) {
        const rows = t.spec.cells.length;
        const columns = t.spec.cells.reduce((widest, line) => Math.max(widest, line.length), 0);
        await add(3 * OPERATION_BYTES, () => {
          final.getRange().clear("All");
          if (rows > 0 && columns > 0) {
            final.getRangeByIndexes(0, 0, rows, columns).copyFrom((t.build as Excel.Worksheet).getRangeByIndexes(0, 0, rows, columns), "All");
          }
          final.customProperties.add(PLANNER_MARKER_KEY, PLANNER_OUTPUT_VERSION);
        });
      }
      for (const command of furnishingCommands(t.spec)) await add(command.bytes, () => command.queue(final));
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

/** Removes the staging sheets and shows the first plan sheet. Staging sheets a fault leaves here go with the next run. */
async function finish(context: Excel.RequestContext, plan: Replacement): Promise<void> {
  const first = plan.targets[0].final as Excel.Worksheet;
  try {
    first.activate();
    for (const t of plan.targets) if (t.existing) (t.build as Excel.Worksheet).delete();
    await context.sync();
  } catch (error) {
    // Excel stops at the failing command: delete the staging sheets still there, found by their marker.
    try {
      const now = await readWorkbookState(context);
      first.activate();
      for (const sheet of now.sheets) if (sheet.isStaging) sheet.proxy.delete();
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

  const before: WorkbookState = {
    sheets: worksheets.items.map((proxy) => ({ proxy, id: proxy.id, name: proxy.name, isPlanner: false, isStaging: false })),
    tables: [],
  };
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

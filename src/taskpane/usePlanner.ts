// The task pane's state: what the workbook holds, tables picked by selection, and a run going reading → planning → writing.
import { useCallback, useEffect, useRef, useState } from "react";
import type { CellsBefore, WorkbookHost } from "../workbook/host";
import type { PlannerRun } from "../workbook/pipeline";
import type { RawTable } from "../workbook/raw";
import { TEMPLATE_TABLE_INFO, type TemplateTableName } from "../workbook/tables";
import {
  applySelections,
  blockAddress,
  RunCancelled,
  summarize,
  type TableSelections,
  type TaskpanePlanner,
  type WorkbookSummary,
} from "./planner";
import { STAGE_END, STAGE_START, type PlanRequest, type RunProgress, type Stage } from "./run/protocol";
import { plural, type Currency } from "./format";
import { addPolicyEdit, policyView, withoutPolicyEdit, withPolicyEdits, type PolicyEdit } from "./policy";
import type { RunChoices } from "./reviewStatus";
import { DEFAULT_SETTINGS, restoredState, savedForm, type RunSettings } from "./settings";

/** How long the choices must stay put before they are saved with the workbook. */
const SAVE_DELAY_MS = 500;

const STAGE_FAILURE: Record<Stage, string> = {
  reading: "Could not read the workbook",
  planning: "Planning failed",
  solving: "Solving failed",
  writing: "Could not write the plan sheets",
};

export interface PlannerState {
  /** What the template tables hold; null until the first read finishes. */
  summary: WorkbookSummary | null;
  /** True while the workbook is read to show what it holds (not during a run). */
  inspecting: boolean;
  /** Tables the user pointed at by selecting a range, by the range's address. */
  selections: Partial<Record<TemplateTableName, string>>;
  /** The run settings, as saved with the workbook (the defaults until they are read). */
  settings: RunSettings;
  /** Where the run in progress is, or null when idle. */
  progress: RunProgress | null;
  /** The last finished run. */
  run: PlannerRun | null;
  /** The choices `run` was made with: its review cards are marked when the pane's choices move on. */
  runChoices: RunChoices | null;
  /** True when the last run's sheets are in the workbook, so they can be opened. */
  sheetsWritten: boolean;
  /** True from Cancel until the run has stopped. */
  cancelling: boolean;
  /** The outcome of the last action, for the status line ("Plan ready: 7 sheets written", a failure). */
  status: Status | null;
  /** Policy cells changed in the pane, written when Run starts (or discarded); `summary` reads as if they were in. */
  policyEdits: PolicyEdit[];
  /** What the next run does to the saved versions: save it under a name (blank: not saved), delete some. */
  versionChanges: VersionChanges;
  /** The currency the Policy's money cells are formatted with, if any. */
  workbookCurrency: Currency | null;
}

export interface VersionChanges {
  saveAs: string;
  deleting: string[];
}

/** How an outcome reads: its tone picks the icon and colour of the status line. */
export type StatusTone = "success" | "error" | "warning" | "info";

/** What the status line can offer next to the outcome: the cell or the sheet it is about. */
export type StatusAction = { kind: "cell"; address: string } | { kind: "sheet"; name: string };

export interface Status {
  tone: StatusTone;
  text: string;
  action?: StatusAction;
  /** Counts outcomes: a new one takes focus even when its words are the same as the last. */
  serial: number;
}

export interface PlannerActions {
  refresh(): Promise<void>;
  run(request: Omit<PlanRequest, "plannedAt">): Promise<void>;
  cancel(): void;
  insertSample(): Promise<void>;
  pickSelection(table: TemplateTableName): Promise<void>;
  clearSelection(table: TemplateTableName): Promise<void>;
  /** New run settings, saved with the workbook. */
  changeSettings(settings: RunSettings): void;
  /** Holds a Policy edit until Run (a cell edited back to what it held is no edit). */
  editPolicy(edit: PolicyEdit): void;
  /** Drops the held edit of one cell, or every held edit. */
  discardPolicyEdits(address?: string): void;
  /** What the next run saves or deletes among the versions. */
  changeVersions(changes: VersionChanges): void;
  selectCell(address: string): Promise<void>;
  showSheet(name: string): Promise<void>;
  /** Opens a table's sheet filtered to the rows whose `column` holds one of `values` (unfiltered, and said, where Excel cannot filter). */
  showFilteredTable(sheet: string, table: string, column: string, values: string[]): Promise<void>;
}

const INITIAL_STATE: PlannerState = {
  summary: null,
  inspecting: true,
  selections: {},
  settings: DEFAULT_SETTINGS,
  progress: null,
  run: null,
  runChoices: null,
  sheetsWritten: false,
  cancelling: false,
  status: null,
  policyEdits: [],
  versionChanges: { saveAs: "", deleting: [] },
  workbookCurrency: null,
};

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A held Policy edit that could not be written: the run stops before reading the workbook. */
class PolicyNotWritten extends Error {
  constructor(
    readonly address: string,
    cause: unknown,
  ) {
    super(`Could not change ${address}: ${reason(cause)}`, { cause });
  }
}

/** Text ending as a sentence, so another can follow it. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function listNames(names: string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** A run that found errors in the input: how many, and the first cell to fix. */
function cannotRunStatus(run: PlannerRun): [StatusTone, string, StatusAction?] {
  const errors = run.messages.filter((m) => m.severity === "error");
  if (errors.length === 0) return ["warning", "Nothing to plan: the workbook has no family to plan."];
  const first = errors.find((m) => m.cell);
  const count = plural(errors.length, "error");
  return first?.cell
    ? ["error", `Can't run: ${count}, the first at ${first.cell}.`, { kind: "cell", address: first.cell }]
    : ["error", `Can't run: ${count}. ${errors[0].message}`];
}

/** A run whose sheets are written: how many, and the families left without a feasible plan. */
function planReadyStatus(run: PlannerRun, saved: string, deleted: readonly string[]): [StatusTone, string, StatusAction?] {
  const sheets = run.sheets.sheets;
  const without = run.results.filter((f) => f.recommended === null).map((f) => f.family);
  const summary: StatusAction | undefined = sheets[0] ? { kind: "sheet", name: sheets[0].name } : undefined;
  const versions = [
    ...(saved !== "" ? [`saved as version "${saved}"`] : []),
    ...(deleted.length > 0 ? [`deleted ${deleted.length === 1 ? `version "${deleted[0]}"` : plural(deleted.length, "version")}`] : []),
  ];
  const written = `${plural(sheets.length, "sheet")} written${versions.length > 0 ? `, ${versions.join(", ")}` : ""}`;
  if (without.length > 0) return ["warning", `Plan ready, ${written}; no feasible plan for ${listNames(without)}.`, summary];
  return ["success", `Plan ready: ${written}.`, summary];
}

export function usePlanner(host: WorkbookHost, planner: TaskpanePlanner): [PlannerState, PlannerActions] {
  const [state, setState] = useState<PlannerState>(INITIAL_STATE);
  // A host call can outlive the pane (Excel closes it mid-run); later updates are then dropped.
  const mounted = useRef(true);
  const busy = useRef(false);
  const abort = useRef<AbortController | null>(null);
  // Read by the callbacks without making them change on every pick.
  const selections = useRef<Partial<Record<TemplateTableName, string>>>({});
  const settings = useRef<RunSettings>(DEFAULT_SETTINGS);
  // The blocks as last read, and the edits held over them: the summary is always the two together.
  const workbookBlocks = useRef<RawTable[] | null>(null);
  const policyEdits = useRef<PolicyEdit[]>([]);
  const versionChanges = useRef<VersionChanges>(INITIAL_STATE.versionChanges);

  const update = useCallback((patch: Partial<PlannerState>) => {
    if (mounted.current) setState((previous) => ({ ...previous, ...patch }));
  }, []);
  const serial = useRef(0);
  /** A new outcome for the status line (null clears it). */
  const say = useCallback(
    (tone: StatusTone, text: string, action?: StatusAction, patch: Partial<PlannerState> = {}) =>
      update({ ...patch, status: { tone, text, serial: ++serial.current, ...(action && { action }) } }),
    [update],
  );

  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Saves the choices with the workbook now. Best effort: a workbook that cannot save them still plans. */
  const saveNow = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = null;
    host.writePaneState(savedForm({ settings: settings.current, selections: selections.current })).catch(() => undefined);
  }, [host]);
  /** Saves once the choices settle: typing a threshold is one save, not one per keystroke. */
  const save = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(saveNow, SAVE_DELAY_MS);
  }, [saveNow]);

  /**
   * Every block, with the picked ranges read afresh standing in for their tables. A pick that can
   * no longer be read (its sheet renamed or deleted, maybe since it was saved) is forgotten, and
   * the pane says so, rather than failing every read from then on.
   */
  const readAll = useCallback(async () => {
    const picked = Object.entries(selections.current) as [TemplateTableName, string][];
    const [blocks, ranges] = await Promise.all([
      host.readBlocks(),
      host.readRanges(picked.map(([, address]) => address)).catch(() =>
        Promise.all(picked.map(([, address]) => host.readRanges([address]).then(([range]) => range, (error: unknown) => reason(error)))),
      ),
    ]);
    const chosen: TableSelections = {};
    const forgotten: string[] = [];
    picked.forEach(([table, address], i) => {
      const range = ranges[i];
      if (typeof range !== "string") chosen[table] = range;
      else forgotten.push(`${TEMPLATE_TABLE_INFO[table].title} (${address}: ${range})`);
    });
    if (forgotten.length > 0) {
      selections.current = Object.fromEntries(picked.filter(([table]) => chosen[table])) as Partial<Record<TemplateTableName, string>>;
      update({ selections: selections.current });
      say("warning", `Forgot the selection for ${listNames(forgotten)}: the tables are looked for by name again.`);
      save();
    }
    return applySelections(blocks, chosen);
  }, [host, save, say, update]);

  /** The Policy's money cells' number formats: the currency the pane shows. Best effort: without it money has no mark. */
  const readCurrency = useCallback(
    async (summary: WorkbookSummary) => {
      const view = policyView(summary.policy);
      const cells = (view?.rows ?? []).filter((row) => row.known?.format === "money" && row.cells[0]).map((row) => row.cells[0].address);
      if (cells.length === 0) return update({ workbookCurrency: null });
      try {
        // The format reader is its own chunk: a workbook without a Policy never loads it.
        const [formats, { currencyOfFormat }] = await Promise.all([host.readNumberFormats(cells), import("./currency")]);
        update({ workbookCurrency: formats.map(currencyOfFormat).find((c) => c !== null) ?? null });
      } catch {
        // The pane shows money without a mark, as before the read.
      }
    },
    [host, update],
  );

  /** The summary of the blocks last read with the held Policy edits in. */
  const inspectHeld = useCallback(() => {
    const blocks = workbookBlocks.current;
    return blocks ? planner.inspect(withPolicyEdits(blocks, policyEdits.current)) : null;
  }, [planner]);

  const refresh = useCallback(async () => {
    // A failure said before is over once the workbook reads again; other outcomes stay said.
    if (mounted.current) setState((previous) => ({ ...previous, inspecting: true, status: previous.status?.tone === "error" ? null : previous.status }));
    try {
      workbookBlocks.current = await readAll();
      const summary = inspectHeld();
      update({ summary, inspecting: false });
      if (summary) await readCurrency(summary);
    } catch (error) {
      say("error", `${STAGE_FAILURE.reading}: ${reason(error)}`, undefined, { inspecting: false });
    }
  }, [readAll, inspectHeld, readCurrency, say, update]);

  /**
   * Writes the held Policy edits, in the order made, each into `written` with what its cells held
   * (an edit written leaves the held ones). Throws, naming the cell, when one cannot be written.
   */
  const writePolicyEdits = useCallback(
    async (written: { edit: PolicyEdit; before: CellsBefore }[]): Promise<void> => {
      for (const edit of policyEdits.current) {
        try {
          written.push({ edit, before: await host.writeValues(edit.address, [edit.values]) });
        } catch (error) {
          throw new PolicyNotWritten(edit.address, error);
        }
        policyEdits.current = policyEdits.current.filter((e) => e !== edit);
        update({ policyEdits: policyEdits.current });
      }
    },
    [host, update],
  );

  /**
   * A run that did not complete puts back the Policy cells it wrote and holds those edits again,
   * so the workbook is as it was and the user can fix and run again, or undo them. What to add to
   * the run's outcome ("" when it wrote no edit), and whether putting back failed.
   */
  const putPolicyBack = useCallback(
    async (written: { edit: PolicyEdit; before: CellsBefore }[], before: RawTable[] | null, planned: boolean): Promise<{ text: string; failed: boolean }> => {
      if (written.length === 0) return { text: "", failed: false };
      const edits = written.map((w) => w.edit);
      const held = `${plural(edits.length, "edit")} still held.`;
      let outcome: { text: string; failed: boolean };
      try {
        await host.restoreCells(written.map((w) => w.before));
        outcome = { text: ` The Policy was left as it was: ${held}`, failed: false };
      } catch (error) {
        outcome = { text: ` Could not put back what ${listNames(edits.map((e) => e.address))} held before the run: ${sentence(reason(error))} ${held}`, failed: true };
      }
      policyEdits.current = [...edits, ...policyEdits.current];
      try {
        workbookBlocks.current = await readAll();
      } catch {
        // The last read before the run stands for the workbook until the next read.
        workbookBlocks.current = before;
      }
      // A run that planned shows its own summary, which already reads as if the edits were in.
      update(planned ? { policyEdits: policyEdits.current } : { policyEdits: policyEdits.current, summary: inspectHeld() });
      return outcome;
    },
    [host, readAll, inspectHeld, update],
  );

  const run = useCallback(
    async (request: Omit<PlanRequest, "plannedAt">) => {
      if (busy.current) return;
      busy.current = true;
      const controller = new AbortController();
      abort.current = controller;
      let stage: Stage = "reading";
      // The Policy edits this run wrote, to put back unless it completes.
      const written: { edit: PolicyEdit; before: CellsBefore }[] = [];
      const blocksBefore = workbookBlocks.current;
      let planned = false;
      update({ progress: { stage, fraction: STAGE_START.reading }, cancelling: false, sheetsWritten: false });
      try {
        // The Policy edits held in the pane go to the workbook first: the run plans what the workbook says.
        await writePolicyEdits(written);
        const blocks = await readAll();
        workbookBlocks.current = blocks;
        const changes = versionChanges.current;
        const saveVersion = changes.saveAs.trim();
        if (controller.signal.aborted) throw new RunCancelled();
        stage = "planning";
        update({ progress: { stage, fraction: STAGE_END.reading } });
        // The engine reads no clock; the front end stamps the run for the Summary sheet.
        const result = await planner.run(
          blocks,
          {
            ...request,
            plannedAt: Date.now(),
            ...(saveVersion !== "" && { saveVersion }),
            ...(changes.deleting.length > 0 && { deleteVersions: changes.deleting }),
          },
          {
            signal: controller.signal,
            onProgress: (progress) => {
              stage = progress.stage;
              update({ progress });
            },
          },
        );
        // The plans are worth showing even if writing them fails below.
        planned = true;
        update({
          run: result,
          runChoices: { compareWith: request.compareWith ?? null },
          summary: summarize(result.tables, result.input, result.messages, blocks),
        });
        if (result.sheets.sheets.length === 0) {
          const [tone, text, action] = cannotRunStatus(result);
          const policy = await putPolicyBack(written, blocksBefore, planned);
          say(policy.failed ? "error" : tone, policy.text === "" ? text : sentence(text) + policy.text, action, { progress: null, cancelling: false });
          return;
        }
        stage = "writing";
        // Past this point Cancel is off: Excel writes the sheets all or nothing.
        abort.current = null;
        update({ progress: { stage, fraction: STAGE_START.writing }, cancelling: false });
        await host.writeSheets(result.sheets);
        // The run completed: the edits it wrote stay written.
        written.length = 0;
        const [tone, text, action] = planReadyStatus(result, saveVersion, changes.deleting);
        if (saveVersion !== "" || changes.deleting.length > 0) {
          // Done: the versions the pane lists are the workbook's again.
          versionChanges.current = INITIAL_STATE.versionChanges;
          update({ versionChanges: versionChanges.current });
          try {
            workbookBlocks.current = await readAll();
            const summary = inspectHeld();
            if (summary) update({ summary: { ...summary, messages: result.messages } });
          } catch {
            // The plan is written; the list catches up at the next read.
          }
        }
        say(tone, text, action, { progress: null, sheetsWritten: true });
      } catch (error) {
        const [tone, text, action]: [StatusTone, string, StatusAction?] =
          error instanceof RunCancelled
            ? ["info", "Run cancelled. Nothing was written."]
            : error instanceof PolicyNotWritten
              ? ["error", error.message, { kind: "cell", address: error.address }]
              : ["error", `${STAGE_FAILURE[stage]}: ${reason(error)}`];
        const policy = await putPolicyBack(written, blocksBefore, planned);
        say(policy.failed ? "error" : tone, policy.text === "" ? text : sentence(text) + policy.text, action, { progress: null, cancelling: false });
      } finally {
        abort.current = null;
        busy.current = false;
      }
    },
    [host, planner, readAll, inspectHeld, writePolicyEdits, putPolicyBack, say, update],
  );

  const cancel = useCallback(() => {
    if (!abort.current || abort.current.signal.aborted) return;
    abort.current.abort();
    update({ cancelling: true });
  }, [update]);

  const insertSample = useCallback(async () => {
    let outcome: [StatusTone, string];
    try {
      // The sample's data loads when asked for, not with the pane.
      const { sampleTemplate } = await import("../workbook/sample");
      const { inserted, skipped } = await host.insertSheets(sampleTemplate());
      const parts = [];
      if (inserted.length > 0) parts.push(`Inserted ${listNames(inserted)}.`);
      if (skipped.length > 0) parts.push(`Kept your ${listNames(skipped)}: a sheet or table of that name exists.`);
      outcome = [inserted.length > 0 ? "success" : "info", parts.join(" ")];
    } catch (error) {
      outcome = ["error", `Could not insert the sample: ${reason(error)}`];
    }
    await refresh();
    say(...outcome);
  }, [host, refresh, say]);

  const pickSelection = useCallback(
    async (table: TemplateTableName) => {
      try {
        const picked = await host.readSelection();
        const address = blockAddress(picked);
        selections.current = { ...selections.current, [table]: address };
        update({ selections: selections.current });
        save();
      } catch (error) {
        say("error", `Could not read the selection: ${reason(error)}`);
        return;
      }
      await refresh();
      say("success", `${TEMPLATE_TABLE_INFO[table].title}: using the selection ${selections.current[table]}.`);
    },
    [host, refresh, save, say, update],
  );

  const clearSelection = useCallback(
    async (table: TemplateTableName) => {
      const rest = { ...selections.current };
      delete rest[table];
      selections.current = rest;
      update({ selections: rest });
      save();
      await refresh();
      say("info", `${TEMPLATE_TABLE_INFO[table].title}: looked for by name again.`);
    },
    [refresh, save, say, update],
  );

  const changeSettings = useCallback(
    (next: RunSettings) => {
      settings.current = next;
      update({ settings: next });
      save();
    },
    [save, update],
  );

  const editPolicy = useCallback(
    (edit: PolicyEdit) => {
      policyEdits.current = addPolicyEdit(policyEdits.current, edit);
      update({ policyEdits: policyEdits.current, summary: inspectHeld() });
    },
    [inspectHeld, update],
  );

  const discardPolicyEdits = useCallback(
    (address?: string) => {
      policyEdits.current = address === undefined ? [] : withoutPolicyEdit(policyEdits.current, address);
      update({ policyEdits: policyEdits.current, summary: inspectHeld() });
    },
    [inspectHeld, update],
  );

  const changeVersions = useCallback(
    (changes: VersionChanges) => {
      versionChanges.current = changes;
      update({ versionChanges: changes });
    },
    [update],
  );

  const selectCell = useCallback(
    async (address: string) => {
      try {
        await host.selectCell(address);
      } catch (error) {
        say("error", `Could not go to ${address}: ${reason(error)}`);
      }
    },
    [host, say],
  );

  const showSheet = useCallback(
    async (name: string) => {
      try {
        await host.showSheet(name);
      } catch (error) {
        say("error", `Could not open the sheet "${name}": ${reason(error)}`);
      }
    },
    [host, say],
  );

  const showFilteredTable = useCallback(
    async (sheet: string, table: string, column: string, values: string[]) => {
      try {
        const filtered = await host.showFilteredTable(sheet, table, column, values);
        if (!filtered) say("info", `${sheet} is open, unfiltered: this version of Excel cannot filter a table from an add-in. Filter the ${column} column by hand.`, { kind: "sheet", name: sheet });
      } catch (error) {
        say("error", `Could not open the sheet "${sheet}": ${reason(error)}`);
      }
    },
    [host, say],
  );

  useEffect(() => {
    mounted.current = true;
    // The choices saved with the workbook first: a picked table changes what the first read finds.
    void (async () => {
      try {
        const restored = restoredState(await host.readPaneState());
        settings.current = restored.settings;
        selections.current = restored.selections;
        update({ settings: restored.settings, selections: restored.selections });
      } catch {
        // Nothing saved can be read: the pane starts from its defaults.
      }
      await refresh();
    })();
    return () => {
      mounted.current = false;
      abort.current?.abort();
      // The pane is closing: what is waiting to be saved is saved now.
      if (saveTimer.current) saveNow();
    };
  }, [host, refresh, saveNow, update]);

  return [
    state,
    {
      refresh,
      run,
      cancel,
      insertSample,
      pickSelection,
      clearSelection,
      changeSettings,
      editPolicy,
      discardPolicyEdits,
      changeVersions,
      selectCell,
      showSheet,
      showFilteredTable,
    },
  ];
}

// The task pane's state: what the workbook holds, tables picked by selection, and a run going reading → planning → writing.
import { useCallback, useEffect, useRef, useState } from "react";
import type { WorkbookHost } from "../workbook/host";
import type { PlannerRun } from "../workbook/pipeline";
import type { CellValue } from "../workbook/sheet";
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
import { plural } from "./format";
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
  /** True when the last run's sheets are in the workbook, so they can be opened. */
  sheetsWritten: boolean;
  /** True from Cancel until the run has stopped. */
  cancelling: boolean;
  /** The outcome of the last action, for the status line ("Plan ready: 7 sheets written", a failure). */
  status: Status | null;
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
  /** Writes cells from `address` (a Policy edit), then reads the workbook again so the pane shows what Excel holds. */
  writeCells(address: string, values: CellValue[][]): Promise<void>;
  selectCell(address: string): Promise<void>;
  showSheet(name: string): Promise<void>;
}

const INITIAL_STATE: PlannerState = {
  summary: null,
  inspecting: true,
  selections: {},
  settings: DEFAULT_SETTINGS,
  progress: null,
  run: null,
  sheetsWritten: false,
  cancelling: false,
  status: null,
};

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
function planReadyStatus(run: PlannerRun): [StatusTone, string, StatusAction?] {
  const sheets = run.sheets.sheets;
  const without = run.results.filter((f) => f.recommended === null).map((f) => f.family);
  const summary: StatusAction | undefined = sheets[0] ? { kind: "sheet", name: sheets[0].name } : undefined;
  const written = `${plural(sheets.length, "sheet")} written`;
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

  const refresh = useCallback(async () => {
    // A failure said before is over once the workbook reads again; other outcomes stay said.
    if (mounted.current) setState((previous) => ({ ...previous, inspecting: true, status: previous.status?.tone === "error" ? null : previous.status }));
    try {
      const blocks = await readAll();
      update({ summary: planner.inspect(blocks), inspecting: false });
    } catch (error) {
      say("error", `${STAGE_FAILURE.reading}: ${reason(error)}`, undefined, { inspecting: false });
    }
  }, [readAll, planner, say, update]);

  const run = useCallback(
    async (request: Omit<PlanRequest, "plannedAt">) => {
      if (busy.current) return;
      busy.current = true;
      const controller = new AbortController();
      abort.current = controller;
      let stage: Stage = "reading";
      update({ progress: { stage, fraction: STAGE_START.reading }, cancelling: false, sheetsWritten: false });
      try {
        const blocks = await readAll();
        if (controller.signal.aborted) throw new RunCancelled();
        stage = "planning";
        update({ progress: { stage, fraction: STAGE_END.reading } });
        // The engine reads no clock; the front end stamps the run for the Summary sheet.
        const result = await planner.run(
          blocks,
          { ...request, plannedAt: Date.now() },
          {
            signal: controller.signal,
            onProgress: (progress) => {
              stage = progress.stage;
              update({ progress });
            },
          },
        );
        // The plans are worth showing even if writing them fails below.
        update({ run: result, summary: summarize(result.tables, result.input, result.messages) });
        if (result.sheets.sheets.length === 0) {
          const [tone, text, action] = cannotRunStatus(result);
          say(tone, text, action, { progress: null, cancelling: false });
          return;
        }
        stage = "writing";
        // Past this point Cancel is off: Excel writes the sheets all or nothing.
        abort.current = null;
        update({ progress: { stage, fraction: STAGE_START.writing }, cancelling: false });
        await host.writeSheets(result.sheets);
        const [tone, text, action] = planReadyStatus(result);
        say(tone, text, action, { progress: null, sheetsWritten: true });
      } catch (error) {
        if (error instanceof RunCancelled) say("info", "Run cancelled. Nothing was written.", undefined, { progress: null, cancelling: false });
        else say("error", `${STAGE_FAILURE[stage]}: ${reason(error)}`, undefined, { progress: null, cancelling: false });
      } finally {
        abort.current = null;
        busy.current = false;
      }
    },
    [host, planner, readAll, say, update],
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

  const writeCells = useCallback(
    async (address: string, values: CellValue[][]) => {
      try {
        await host.writeValues(address, values);
      } catch (error) {
        say("error", `Could not change ${address}: ${reason(error)}`);
        return;
      }
      await refresh();
    },
    [host, refresh, say],
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
    { refresh, run, cancel, insertSample, pickSelection, clearSelection, changeSettings, writeCells, selectCell, showSheet },
  ];
}

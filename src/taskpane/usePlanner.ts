// The task pane's state: what the workbook holds, tables picked by selection, and a run going reading → planning → writing.
import { useCallback, useEffect, useRef, useState } from "react";
import type { WorkbookHost } from "../workbook/host";
import type { PlannerRun } from "../workbook/pipeline";
import { sampleTemplate } from "../workbook/sample";
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
  /** A failure of the host or of the code (not a message about the workbook's contents). */
  failure: string | null;
  /** A short report of the last action that is not an error ("Inserted 5 sheets", "Run cancelled"). */
  notice: string | null;
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
  failure: null,
  notice: null,
};

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function listNames(names: string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
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
      update({ selections: selections.current, notice: `Forgot the selection for ${listNames(forgotten)}: the tables are looked for by name again.` });
      save();
    }
    return applySelections(blocks, chosen);
  }, [host, save, update]);

  const refresh = useCallback(async () => {
    update({ inspecting: true, failure: null });
    try {
      const blocks = await readAll();
      update({ summary: planner.inspect(blocks), inspecting: false });
    } catch (error) {
      update({ inspecting: false, failure: `${STAGE_FAILURE.reading}: ${reason(error)}` });
    }
  }, [readAll, planner, update]);

  const run = useCallback(
    async (request: Omit<PlanRequest, "plannedAt">) => {
      if (busy.current) return;
      busy.current = true;
      const controller = new AbortController();
      abort.current = controller;
      let stage: Stage = "reading";
      update({ progress: { stage, fraction: STAGE_START.reading }, failure: null, notice: null, sheetsWritten: false });
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
        if (result.sheets.sheets.length > 0) {
          stage = "writing";
          // Past this point Cancel is off: Excel writes the sheets all or nothing.
          abort.current = null;
          update({ progress: { stage, fraction: STAGE_START.writing } });
          await host.writeSheets(result.sheets);
          update({ sheetsWritten: true });
        }
        update({ progress: null });
      } catch (error) {
        if (error instanceof RunCancelled) update({ progress: null, notice: "Run cancelled. Nothing was written." });
        else update({ progress: null, failure: `${STAGE_FAILURE[stage]}: ${reason(error)}` });
      } finally {
        abort.current = null;
        busy.current = false;
      }
    },
    [host, planner, readAll, update],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);

  const insertSample = useCallback(async () => {
    update({ failure: null, notice: null });
    try {
      const { inserted, skipped } = await host.insertSheets(sampleTemplate());
      const parts = [];
      if (inserted.length > 0) parts.push(`Inserted ${listNames(inserted)}.`);
      if (skipped.length > 0) parts.push(`Kept your ${listNames(skipped)}: a sheet or table of that name exists.`);
      update({ notice: parts.join(" ") });
    } catch (error) {
      update({ failure: `Could not insert the sample: ${reason(error)}` });
    }
    await refresh();
  }, [host, refresh, update]);

  const pickSelection = useCallback(
    async (table: TemplateTableName) => {
      update({ failure: null, notice: null });
      try {
        const picked = await host.readSelection();
        const address = blockAddress(picked);
        selections.current = { ...selections.current, [table]: address };
        update({ selections: selections.current });
        save();
      } catch (error) {
        update({ failure: `Could not read the selection: ${reason(error)}` });
        return;
      }
      await refresh();
    },
    [host, refresh, save, update],
  );

  const clearSelection = useCallback(
    async (table: TemplateTableName) => {
      const rest = { ...selections.current };
      delete rest[table];
      selections.current = rest;
      update({ selections: rest });
      save();
      await refresh();
    },
    [refresh, save, update],
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
        update({ failure: `Could not change ${address}: ${reason(error)}` });
        return;
      }
      await refresh();
    },
    [host, refresh, update],
  );

  const selectCell = useCallback(
    async (address: string) => {
      try {
        await host.selectCell(address);
      } catch (error) {
        update({ failure: `Could not go to ${address}: ${reason(error)}` });
      }
    },
    [host, update],
  );

  const showSheet = useCallback(
    async (name: string) => {
      try {
        await host.showSheet(name);
      } catch (error) {
        update({ failure: `Could not open the sheet "${name}": ${reason(error)}` });
      }
    },
    [host, update],
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

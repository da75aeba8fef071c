// The task pane's state and actions without React: what the workbook holds, tables picked by selection, the saved choices, and each run as a state machine.
import {
  type WorkbookHost,
  type PlannerRun,
  type RawTable,
  applySelections,
  blockAddress,
  loadSample,
  RunCancelled,
  summarize,
  type TableSelections,
  type TaskpanePlanner,
  type WorkbookSummary,
} from "../planner";
import { TEMPLATE_TABLE_INFO, type TemplateTableName } from "../../template/schema";
import type { Currency } from "../format";
import { addPolicyEdit, policyView, withoutPolicyEdit, withPolicyEdits, type PolicyEdit } from "../policy";
import type { RunChoices } from "../reviewStatus";
import { STAGE_END, STAGE_START, type PlanRequest, type RunProgress, type Stage } from "../run/protocol";
import { DEFAULT_SETTINGS, restoredState, savedForm, type RunSettings } from "../settings";
import { PolicyNotWritten, PolicyWrite } from "./policyWrite";
import { isCancellable, isRunning, nextPhase, type RunPhase } from "./runPhase";
import {
  cellNotReached,
  notPlanned,
  planReady,
  policyNotWritten,
  reasonOf,
  RUN_CANCELLED,
  sampleInserted,
  sampleNotInserted,
  selectionCleared,
  selectionNotRead,
  selectionsForgotten,
  selectionUsed,
  sheetNotOpened,
  stageFailed,
  tableNotFiltered,
  withPolicyRollback,
  type PolicyRollback,
  type StatusWords,
} from "./statusText";

export interface PlannerState {
  /** What the template tables hold; null until the first read finishes. */
  summary: WorkbookSummary | null;
  /** True while the workbook is read to show what it holds (not during a run). */
  inspecting: boolean;
  /** Tables the user pointed at by selecting a range, by the range's address. */
  selections: Partial<Record<TemplateTableName, string>>;
  /** The run settings, as saved with the workbook (the defaults until they are read). */
  settings: RunSettings;
  /** Where the latest run is in its state machine (`idle` before the first). */
  phase: RunPhase;
  /** Where the run in progress is on the progress bar, or null when none is going. */
  progress: RunProgress | null;
  /** The last run that planned. */
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

/** An outcome on the status line. */
export interface Status extends StatusWords {
  /** Counts outcomes: a new one takes focus even when its words are the same as the last. */
  serial: number;
}

export interface PlannerActions {
  refresh(): Promise<void>;
  /** Plans the workbook; does nothing while a run is going. */
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

const NO_VERSION_CHANGES: VersionChanges = { saveAs: "", deleting: [] };

export const INITIAL_STATE: PlannerState = {
  summary: null,
  inspecting: true,
  selections: {},
  settings: DEFAULT_SETTINGS,
  phase: "idle",
  progress: null,
  run: null,
  runChoices: null,
  sheetsWritten: false,
  cancelling: false,
  status: null,
  policyEdits: [],
  versionChanges: NO_VERSION_CHANGES,
  workbookCurrency: null,
};

export interface SessionOptions {
  /** How long the choices must stay put before they are saved with the workbook: typing a threshold is one save, not one per keystroke. */
  saveDelayMs?: number;
}

/**
 * One pane's session with one workbook. Its state is a plain object, replaced on every change and
 * announced to subscribers (React reads it with `useSyncExternalStore`); its actions are bound,
 * so they can be handed to components as they are.
 */
export class PlannerSession implements PlannerActions {
  private state: PlannerState = INITIAL_STATE;
  private readonly listeners = new Set<() => void>();
  /** The blocks as last read: the summary is them with the held Policy edits in. */
  private blocks: RawTable[] | null = null;
  /** Stops the run in progress; null when none is going or Cancel is past (Excel writing). */
  private abort: AbortController | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private serial = 0;
  private readonly saveDelayMs: number;

  constructor(
    private readonly host: WorkbookHost,
    private readonly planner: TaskpanePlanner,
    options: SessionOptions = {},
  ) {
    this.saveDelayMs = options.saveDelayMs ?? 500;
  }

  readonly getState = (): PlannerState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts the session: the choices saved with the workbook first (a picked table changes what the read finds), then the first read. */
  readonly open = async (): Promise<void> => {
    try {
      const restored = restoredState(await this.host.readPaneState());
      this.update({ settings: restored.settings, selections: restored.selections });
    } catch {
      // Nothing saved can be read: the pane starts from its defaults.
    }
    await this.refresh();
  };

  /** The pane is closing: the run in progress is cancelled, and what is waiting to be saved is saved now. */
  readonly close = (): void => {
    this.abort?.abort();
    if (this.saveTimer) this.saveNow();
  };

  // ---- State and outcomes ----

  private update(patch: Partial<PlannerState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** A new outcome for the status line. */
  private say(words: StatusWords, patch: Partial<PlannerState> = {}): void {
    this.update({ ...patch, status: { ...words, serial: ++this.serial } });
  }

  /** The run moves to `phase`, if the state machine allows it (it throws otherwise). */
  private enter(phase: RunPhase, patch: Partial<PlannerState> = {}): void {
    this.update({ ...patch, phase: nextPhase(this.state.phase, phase) });
  }

  // ---- Saved choices ----

  /** Saves the choices with the workbook now. Best effort: a workbook that cannot save them still plans. */
  private saveNow(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.host.writePaneState(savedForm({ settings: this.state.settings, selections: this.state.selections })).catch(() => undefined);
  }

  /** Saves once the choices settle. */
  private save(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), this.saveDelayMs);
  }

  // ---- Reading the workbook ----

  /**
   * Every block, with the picked ranges read afresh standing in for their tables. A pick that can
   * no longer be read (its sheet renamed or deleted, maybe since it was saved) is forgotten, and
   * the pane says so, rather than failing every read from then on.
   */
  private async readAll(): Promise<RawTable[]> {
    const picked = Object.entries(this.state.selections) as [TemplateTableName, string][];
    const [blocks, ranges] = await Promise.all([
      this.host.readBlocks(),
      this.host.readRanges(picked.map(([, address]) => address)).catch(() =>
        Promise.all(picked.map(([, address]) => this.host.readRanges([address]).then(([range]) => range, reasonOf))),
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
      this.update({ selections: Object.fromEntries(picked.filter(([table]) => chosen[table])) as Partial<Record<TemplateTableName, string>> });
      this.say(selectionsForgotten(forgotten));
      this.save();
    }
    return applySelections(blocks, chosen);
  }

  /** The Policy's money cells' number formats: the currency the pane shows. Best effort: without it money has no mark. */
  private async readCurrency(summary: WorkbookSummary): Promise<void> {
    const view = policyView(summary.policy);
    const cells = (view?.rows ?? []).filter((row) => row.known?.format === "money" && row.cells[0]).map((row) => row.cells[0].address);
    if (cells.length === 0) return this.update({ workbookCurrency: null });
    try {
      // The format reader is its own chunk: a workbook without a Policy never loads it.
      const [formats, { currencyOfFormat }] = await Promise.all([this.host.readNumberFormats(cells), import("../currency")]);
      this.update({ workbookCurrency: formats.map(currencyOfFormat).find((c) => c !== null) ?? null });
    } catch {
      // The pane shows money without a mark, as before the read.
    }
  }

  /** The summary of the blocks last read with the held Policy edits (or `edits`) in. */
  private inspectHeld(edits: readonly PolicyEdit[] = this.state.policyEdits): WorkbookSummary | null {
    return this.blocks ? this.planner.inspect(withPolicyEdits(this.blocks, edits)) : null;
  }

  readonly refresh = async (): Promise<void> => {
    // A failure said before is over once the workbook reads again; other outcomes stay said.
    const status = this.state.status;
    this.update({ inspecting: true, status: status?.tone === "error" ? null : status });
    try {
      this.blocks = await this.readAll();
      const summary = this.inspectHeld();
      this.update({ summary, inspecting: false });
      if (summary) await this.readCurrency(summary);
    } catch (error) {
      this.say(stageFailed("reading", reasonOf(error)), { inspecting: false });
    }
  };

  // ---- A run: reading → planning → writing → done, or (rolling back →) failed ----

  readonly run = async (request: Omit<PlanRequest, "plannedAt">): Promise<void> => {
    if (isRunning(this.state.phase)) return;
    const controller = new AbortController();
    this.abort = controller;
    // The Policy edits this run writes, kept only if it completes.
    const policy = new PolicyWrite(this.host);
    const blocksBefore = this.blocks;
    let stage: Stage = "reading";
    let planned = false;
    this.enter("reading", { progress: { stage, fraction: STAGE_START.reading }, cancelling: false, sheetsWritten: false });
    try {
      // The Policy edits held in the pane go to the workbook first: the run plans what the workbook says.
      await this.writeHeldEdits(policy);
      const blocks = await this.readAll();
      this.blocks = blocks;
      const changes = this.state.versionChanges;
      const saveVersion = changes.saveAs.trim();
      if (controller.signal.aborted) throw new RunCancelled();
      stage = "planning";
      this.enter("planning", { progress: { stage, fraction: STAGE_END.reading } });
      // The engine reads no clock; the front end stamps the run for the Summary sheet.
      const result = await this.planner.run(
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
            this.update({ progress });
          },
        },
      );
      // The plans are worth showing even if writing them fails below.
      planned = true;
      this.update({
        run: result,
        runChoices: { compareWith: request.compareWith ?? null },
        summary: summarize(result.tables, result.input, result.messages, blocks),
      });
      if (result.sheets.sheets.length === 0) {
        await this.fail(notPlanned(result), policy, blocksBefore, planned);
        return;
      }
      stage = "writing";
      // Past this point Cancel is off: Excel writes the sheets all or nothing.
      this.abort = null;
      this.enter("writing", { progress: { stage, fraction: STAGE_START.writing }, cancelling: false });
      await this.host.writeSheets(result.sheets);
      // The run completed: the edits it wrote stay written.
      policy.commit();
      if (saveVersion !== "" || changes.deleting.length > 0) await this.versionsChanged(result);
      this.finish("done", planReady(result, saveVersion, changes.deleting), { sheetsWritten: true });
    } catch (error) {
      const outcome =
        error instanceof RunCancelled
          ? RUN_CANCELLED
          : error instanceof PolicyNotWritten
            ? policyNotWritten(error.address, error.reason)
            : stageFailed(stage, reasonOf(error));
      await this.fail(outcome, policy, blocksBefore, planned);
    } finally {
      this.abort = null;
    }
  };

  /** Writes the held Policy edits in the order made; each written leaves the held ones. Throws, naming the cell, when one is refused. */
  private async writeHeldEdits(policy: PolicyWrite): Promise<void> {
    for (const edit of this.state.policyEdits) {
      await policy.write(edit);
      this.update({ policyEdits: this.state.policyEdits.filter((e) => e !== edit) });
    }
  }

  /** Versions were saved or deleted: the versions the pane lists are the workbook's again. */
  private async versionsChanged(result: PlannerRun): Promise<void> {
    this.update({ versionChanges: NO_VERSION_CHANGES });
    try {
      this.blocks = await this.readAll();
      const summary = this.inspectHeld();
      if (summary) this.update({ summary: { ...summary, messages: result.messages } });
    } catch {
      // The plan is written; the list catches up at the next read.
    }
  }

  /** The run ends in `phase` with `outcome` on the status line. */
  private finish(phase: "done" | "failed", outcome: StatusWords, patch: Partial<PlannerState> = {}): void {
    this.say(outcome, { ...patch, progress: null, cancelling: false, phase: nextPhase(this.state.phase, phase) });
  }

  /** A run that did not complete: the Policy cells it wrote are put back (rolling back), then it has failed. */
  private async fail(outcome: StatusWords, policy: PolicyWrite, blocksBefore: RawTable[] | null, planned: boolean): Promise<void> {
    const rollback = await this.rollBack(policy, blocksBefore, planned);
    this.finish("failed", withPolicyRollback(outcome, rollback));
  }

  /**
   * Puts back the Policy cells the run wrote and holds those edits again, so the workbook is as it
   * was and the user can fix and run again, or undo them. Null when the run wrote none.
   */
  private async rollBack(policy: PolicyWrite, blocksBefore: RawTable[] | null, planned: boolean): Promise<PolicyRollback | null> {
    if (policy.edits.length === 0) return null;
    this.enter("rollingBack");
    const { edits, failure } = await policy.rollBack();
    const policyEdits = [...edits, ...this.state.policyEdits];
    try {
      this.blocks = await this.readAll();
    } catch {
      // The last read before the run stands for the workbook until the next read.
      this.blocks = blocksBefore;
    }
    // A run that planned shows its own summary, which already reads as if the edits were in.
    this.update(planned ? { policyEdits } : { policyEdits, summary: this.inspectHeld(policyEdits) });
    return { addresses: edits.map((e) => e.address), failure, held: policyEdits.length };
  }

  readonly cancel = (): void => {
    if (!isCancellable(this.state.phase) || !this.abort || this.abort.signal.aborted) return;
    this.abort.abort();
    this.update({ cancelling: true });
  };

  // ---- Inputs: the sample, tables picked by selection ----

  readonly insertSample = async (): Promise<void> => {
    let outcome: StatusWords;
    try {
      // The sample's data loads when asked for, not with the pane.
      const { sampleTemplate } = await loadSample();
      const { inserted, skipped } = await this.host.insertSheets(sampleTemplate());
      outcome = sampleInserted(inserted, skipped);
    } catch (error) {
      outcome = sampleNotInserted(reasonOf(error));
    }
    await this.refresh();
    this.say(outcome);
  };

  readonly pickSelection = async (table: TemplateTableName): Promise<void> => {
    let address: string;
    try {
      address = blockAddress(await this.host.readSelection());
    } catch (error) {
      this.say(selectionNotRead(reasonOf(error)));
      return;
    }
    this.update({ selections: { ...this.state.selections, [table]: address } });
    this.save();
    await this.refresh();
    this.say(selectionUsed(TEMPLATE_TABLE_INFO[table].title, address));
  };

  readonly clearSelection = async (table: TemplateTableName): Promise<void> => {
    const rest = { ...this.state.selections };
    delete rest[table];
    this.update({ selections: rest });
    this.save();
    await this.refresh();
    this.say(selectionCleared(TEMPLATE_TABLE_INFO[table].title));
  };

  // ---- Choices held in the pane ----

  readonly changeSettings = (settings: RunSettings): void => {
    this.update({ settings });
    this.save();
  };

  readonly editPolicy = (edit: PolicyEdit): void => {
    const policyEdits = addPolicyEdit(this.state.policyEdits, edit);
    this.update({ policyEdits, summary: this.inspectHeld(policyEdits) });
  };

  readonly discardPolicyEdits = (address?: string): void => {
    const policyEdits = address === undefined ? [] : withoutPolicyEdit(this.state.policyEdits, address);
    this.update({ policyEdits, summary: this.inspectHeld(policyEdits) });
  };

  readonly changeVersions = (changes: VersionChanges): void => {
    this.update({ versionChanges: changes });
  };

  // ---- Going to what the pane points at ----

  readonly selectCell = async (address: string): Promise<void> => {
    try {
      await this.host.selectCell(address);
    } catch (error) {
      this.say(cellNotReached(address, reasonOf(error)));
    }
  };

  readonly showSheet = async (name: string): Promise<void> => {
    try {
      await this.host.showSheet(name);
    } catch (error) {
      this.say(sheetNotOpened(name, reasonOf(error)));
    }
  };

  readonly showFilteredTable = async (sheet: string, table: string, column: string, values: string[]): Promise<void> => {
    try {
      if (!(await this.host.showFilteredTable(sheet, table, column, values))) this.say(tableNotFiltered(sheet, column));
    } catch (error) {
      this.say(sheetNotOpened(sheet, reasonOf(error)));
    }
  };
}

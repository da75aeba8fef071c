// The task pane's state: what the workbook holds, and a planning run going reading → planning → writing.
import { useCallback, useEffect, useRef, useState } from "react";
import type { StrategyName } from "../engine/model";
import type { WorkbookHost } from "../workbook/host";
import type { PlannerRun } from "../workbook/pipeline";
import { summarize, type TaskpanePlanner, type WorkbookSummary } from "./planner";

export type Stage = "reading" | "planning" | "writing";

export const STAGE_TEXT: Record<Stage, string> = {
  reading: "Reading the workbook…",
  planning: "Planning…",
  writing: "Writing the plan sheets…",
};

/** How far the progress bar is when a stage starts; planning usually dominates. */
export const STAGE_PROGRESS: Record<Stage, number> = { reading: 0.1, planning: 0.35, writing: 0.8 };

const STAGE_FAILURE: Record<Stage, string> = {
  reading: "Could not read the workbook",
  planning: "Planning failed",
  writing: "Could not write the plan sheets",
};

export interface PlannerState {
  /** What the template tables hold; null until the first read finishes. */
  summary: WorkbookSummary | null;
  /** True while the workbook is read to show what it holds (not during a run). */
  inspecting: boolean;
  /** The stage of the run in progress, or null when idle. */
  stage: Stage | null;
  /** The last finished run. */
  run: PlannerRun | null;
  /** True when the last run's sheets are in the workbook, so they can be opened. */
  sheetsWritten: boolean;
  /** A failure of the host or of the code (not a message about the workbook's contents). */
  failure: string | null;
}

export interface PlannerActions {
  refresh(): Promise<void>;
  run(strategies: StrategyName[]): Promise<void>;
  selectCell(address: string): Promise<void>;
  showSheet(name: string): Promise<void>;
}

const INITIAL_STATE: PlannerState = {
  summary: null,
  inspecting: true,
  stage: null,
  run: null,
  sheetsWritten: false,
  failure: null,
};

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Gives the browser a turn so the new stage text paints before planning keeps the thread busy. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function usePlanner(host: WorkbookHost, planner: TaskpanePlanner): [PlannerState, PlannerActions] {
  const [state, setState] = useState<PlannerState>(INITIAL_STATE);
  // A host call can outlive the pane (Excel closes it mid-run); later updates are then dropped.
  const mounted = useRef(true);
  const busy = useRef(false);

  const update = useCallback((patch: Partial<PlannerState>) => {
    if (mounted.current) setState((previous) => ({ ...previous, ...patch }));
  }, []);

  const refresh = useCallback(async () => {
    update({ inspecting: true, failure: null });
    try {
      const blocks = await host.readBlocks();
      update({ summary: planner.inspect(blocks), inspecting: false });
    } catch (error) {
      update({ inspecting: false, failure: `${STAGE_FAILURE.reading}: ${reason(error)}` });
    }
  }, [host, planner, update]);

  const run = useCallback(
    async (strategies: StrategyName[]) => {
      if (busy.current) return;
      busy.current = true;
      let stage: Stage = "reading";
      update({ stage, failure: null, sheetsWritten: false });
      try {
        const blocks = await host.readBlocks();
        stage = "planning";
        update({ stage });
        await nextTurn();
        // The engine reads no clock; the front end stamps the run for the Summary sheet.
        const result = await planner.run(blocks, { strategies, plannedAt: new Date() });
        // The plans are worth showing even if writing them fails below.
        update({ run: result, summary: summarize(result.tables, result.input, result.messages) });
        if (result.sheets.sheets.length > 0) {
          stage = "writing";
          update({ stage });
          await host.writeSheets(result.sheets);
          update({ sheetsWritten: true });
        }
        update({ stage: null });
      } catch (error) {
        update({ stage: null, failure: `${STAGE_FAILURE[stage]}: ${reason(error)}` });
      } finally {
        busy.current = false;
      }
    },
    [host, planner, update],
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
    void refresh();
    return () => {
      mounted.current = false;
    };
  }, [refresh]);

  return [state, { refresh, run, selectCell, showSheet }];
}

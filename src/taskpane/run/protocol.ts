// The messages between the task pane and its planning Web Worker, and the run's stages on the progress bar.
import type { Approach } from "../../engine/aggregate";
import type { StrategyName } from "../../engine/model";
import type { PlannerRun } from "../../workbook/pipeline";
import type { RawTable } from "../../workbook/raw";

export type Stage = "reading" | "planning" | "solving" | "writing";

/** Where a run is: its stage, what it is working on (a family), and how far along the bar is (0–1). */
export interface RunProgress {
  stage: Stage;
  detail?: string;
  fraction: number;
}

/** What the pane asks the planner for; the settings a user chose, as plain data a worker can receive. */
export interface PlanRequest {
  strategies: StrategyName[];
  /** Absent: chosen by the data (top-down when Forecast has family rows), as on the command line. */
  approach?: Approach;
  /** Below this share of capacity a resource is flagged as under-used (0–1). */
  utilizationThreshold: number;
  /** Milliseconds since 1970: the run's stamp on the Summary sheet (the engine reads no clock). */
  plannedAt: number;
  /** Save the run's recommended plans as a version of this name (in `SOP Versions`). */
  saveVersion?: string;
  /** Compare with the version of this name; absent: the latest saved. */
  compareWith?: string;
  /** Versions to delete from `SOP Versions`, by name, before comparing and saving. */
  deleteVersions?: string[];
  /** False: the workbook's Scenarios table is left out of the run (the plan alone). */
  planScenarios?: boolean;
}

export interface RunMessage {
  type: "run";
  blocks: RawTable[];
  request: PlanRequest;
}

export type WorkerReply =
  | { type: "progress"; progress: RunProgress }
  | { type: "done"; run: PlannerRun }
  | { type: "failed"; message: string };

/** Where each stage starts on the progress bar; planning and solving share the middle. */
export const STAGE_START: Record<Stage, number> = { reading: 0.05, planning: 0.2, solving: 0.3, writing: 0.9 };
/** Where each stage ends: planning's share is split between families as they finish. */
export const STAGE_END: Record<Stage, number> = { reading: 0.2, planning: 0.9, solving: 0.9, writing: 1 };

/**
 * The pipeline's progress (`onProgress(stage, done, total)`, e.g. ("optimal", 2, 5) as families
 * are solved) as the pane's: the stage, "2 of 5 families", and where the bar is.
 */
export function toRunProgress(stageName: string, done: number, total: number): RunProgress {
  const stage: Stage = stageName === "optimal" || stageName === "solving" ? "solving" : stageName === "writing" ? "writing" : "planning";
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const start = STAGE_START[stage];
  return {
    stage,
    fraction: start + (STAGE_END[stage] - start) * share,
    detail: total > 0 ? `${Math.min(done, total)} of ${total} ${total === 1 ? "family" : "families"}` : undefined,
  };
}

// The pipeline's options from the pane's request: the one translation the worker and the in-process planner share.
import type { LpSolver } from "../../engine/lp";
import type { PlannerOptions } from "../../workbook/pipeline";
import type { RawTable } from "../../workbook/raw";
import { findScenariosBlock } from "../../workbook/scenarios";
import { PANE_RUN_HINTS } from "../session/statusText";
import { toRunProgress, type PlanRequest, type RunProgress } from "./protocol";

export function plannerOptions(request: PlanRequest, onProgress: (progress: RunProgress) => void, solver?: LpSolver): PlannerOptions {
  return {
    strategies: request.strategies,
    plannedAt: new Date(request.plannedAt),
    approach: request.approach,
    utilizationThreshold: request.utilizationThreshold,
    solver,
    ...(request.saveVersion !== undefined && { saveVersion: request.saveVersion }),
    ...(request.compareWith !== undefined && { compareWith: request.compareWith }),
    ...(request.deleteVersions && request.deleteVersions.length > 0 && { deleteVersions: request.deleteVersions }),
    onProgress: (stage, done, total) => onProgress(toRunProgress(stage, done, total)),
    hints: PANE_RUN_HINTS,
  };
}

/** The blocks the run plans: all of them, or without the Scenarios table when the pane leaves the scenarios out. */
export function plannedBlocks(blocks: RawTable[], request: PlanRequest): RawTable[] {
  if (request.planScenarios !== false) return blocks;
  const scenarios = findScenariosBlock(blocks);
  // The finder may hand back a trimmed copy of a sheet's block: the block left out is the one on that sheet.
  return scenarios ? blocks.filter((b) => b !== scenarios && !(b.sheet === scenarios.sheet && !b.isTable && !scenarios.isTable)) : blocks;
}

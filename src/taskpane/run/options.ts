// The pipeline's options from the pane's request: the one translation the worker and the in-process planner share.
import type { LpSolver } from "../../engine/lp";
import type { PlannerOptions } from "../../workbook/pipeline";
import { toRunProgress, type PlanRequest, type RunProgress } from "./protocol";

export function plannerOptions(request: PlanRequest, onProgress: (progress: RunProgress) => void, solver?: LpSolver): PlannerOptions {
  return {
    strategies: request.strategies,
    plannedAt: new Date(request.plannedAt),
    approach: request.approach,
    utilizationThreshold: request.utilizationThreshold,
    solver,
    onProgress: (stage, done, total) => onProgress(toRunProgress(stage, done, total)),
  };
}

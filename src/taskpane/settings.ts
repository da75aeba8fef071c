// The run settings a user chooses in the pane, with the defaults a first run uses.
import { ALL_STRATEGIES, type StrategyName } from "../engine/model";
import type { Approach } from "./run/protocol";

export interface RunSettings {
  approach: Approach;
  strategies: StrategyName[];
  /** Percent, as the user types it; the request carries it as a fraction. */
  utilizationThresholdPercent: number;
}

/** Column order of the results: the planner's own, so columns do not move with the order of clicks. */
export const OFFERED_STRATEGIES = ALL_STRATEGIES;

export const DEFAULT_SETTINGS: RunSettings = {
  approach: "top-down",
  // All four, as on the command line, so the pane recommends the same plan; the solver loads with
  // the first run that asks for the optimal plan, and a run without it never loads it.
  strategies: [...ALL_STRATEGIES],
  utilizationThresholdPercent: 70,
};

// The run settings a user chooses in the pane, with the defaults a first run uses.
import type { StrategyName } from "../engine/model";
import type { Approach } from "./run/protocol";

export interface RunSettings {
  approach: Approach;
  strategies: StrategyName[];
  /** Percent, as the user types it; the request carries it as a fraction. */
  utilizationThresholdPercent: number;
}

/** Column order of the results: the planner's own, so columns do not move with the order of clicks. */
export const OFFERED_STRATEGIES: readonly StrategyName[] = ["level", "chase", "manual", "optimal"];

export const DEFAULT_SETTINGS: RunSettings = {
  approach: "top-down",
  // The optimal plan loads a solver and takes longer: asked for, not assumed.
  strategies: ["level", "chase", "manual"],
  utilizationThresholdPercent: 70,
};

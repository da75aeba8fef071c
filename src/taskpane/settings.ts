// The run settings a user chooses in the pane, the defaults a first run uses, and how they are saved with the workbook.
import { DEFAULT_UTILIZATION_THRESHOLD } from "../engine/riskDefaults";
import { ALL_STRATEGIES, type StrategyName } from "../engine/model";
import { DEFAULT_STRATEGIES, TEMPLATE_TABLE_NAMES, type TemplateTableName } from "../template/schema";
import type { Approach } from "../engine/aggregate";

/** `by-data`: top-down when Forecast has family rows, else bottom-up, as on the command line. */
export type ApproachChoice = "by-data" | Approach;
const APPROACH_CHOICES: readonly ApproachChoice[] = ["by-data", "top-down", "bottom-up"];

export interface RunSettings {
  approach: ApproachChoice;
  strategies: StrategyName[];
  /** Percent, as the user types it; the request carries it as a fraction. */
  utilizationThresholdPercent: number;
  /** The saved version to compare with, by name; null: the latest saved. */
  compareWith: string | null;
  /** False: the Scenarios table is left out of the run (the plan alone, faster). */
  planScenarios: boolean;
  /** The currency mark the pane shows money with (`€`, `USD`); blank: the one the workbook's Policy cells show, if any. */
  currency: string;
}

export const DEFAULT_SETTINGS: RunSettings = {
  approach: "by-data",
  // The template's defaults but the level hybrids, offered unchecked: the optimal plan is never dearer
  // than a level hybrid that fits, so the pane recommends what the command line does, and four columns
  // fit a 320 px pane. The solver loads with the first run that asks for the optimal plan.
  strategies: DEFAULT_STRATEGIES.filter((s) => s !== "hybrid-subcontract" && s !== "hybrid-overtime"),
  utilizationThresholdPercent: DEFAULT_UTILIZATION_THRESHOLD * 100,
  compareWith: null,
  planScenarios: true,
  currency: "",
};

/** The longest currency mark the settings keep (`US$`, `CHF`, `EUR`). */
export const CURRENCY_MAX = 5;

/** What the pane saves with the workbook: its settings and the tables picked by selection. */
export interface PaneState {
  settings: RunSettings;
  selections: Partial<Record<TemplateTableName, string>>;
}

/** The saved form; `version` lets a later pane read what an earlier one saved. */
export function savedForm(state: PaneState): unknown {
  return { version: 1, ...state.settings, selections: state.selections };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The pane's state from what the workbook saved. The setting can be edited by hand, or saved by
 * another version: each part that is not as expected falls back to its default, and unknown
 * strategies or tables are dropped, so a damaged setting never stops the pane.
 */
export function restoredState(saved: unknown): PaneState {
  const fallback: PaneState = { settings: DEFAULT_SETTINGS, selections: {} };
  if (!isRecord(saved)) return fallback;
  const approach = APPROACH_CHOICES.find((choice) => choice === saved.approach) ?? DEFAULT_SETTINGS.approach;
  const strategies = Array.isArray(saved.strategies)
    ? ALL_STRATEGIES.filter((s) => (saved.strategies as unknown[]).includes(s))
    : DEFAULT_SETTINGS.strategies;
  const percent = saved.utilizationThresholdPercent;
  const utilizationThresholdPercent =
    typeof percent === "number" && Number.isFinite(percent) && percent >= 0 && percent <= 100 ? percent : DEFAULT_SETTINGS.utilizationThresholdPercent;
  const selections: Partial<Record<TemplateTableName, string>> = {};
  if (isRecord(saved.selections)) {
    for (const table of TEMPLATE_TABLE_NAMES) {
      const address = saved.selections[table];
      if (typeof address === "string" && address.includes("!")) selections[table] = address;
    }
  }
  const compareWith = typeof saved.compareWith === "string" && saved.compareWith.trim() !== "" ? saved.compareWith : null;
  const planScenarios = typeof saved.planScenarios === "boolean" ? saved.planScenarios : DEFAULT_SETTINGS.planScenarios;
  const currency = typeof saved.currency === "string" && saved.currency.trim().length <= CURRENCY_MAX ? saved.currency.trim() : DEFAULT_SETTINGS.currency;
  return { settings: { approach, strategies, utilizationThresholdPercent, compareWith, planScenarios, currency }, selections };
}

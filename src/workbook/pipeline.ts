// One planning run, host-neutral: blocks of cells in, plans, messages and the sheets to write out.
import { planAll } from "../engine";
import type { FamilyResult, PlanMessage, PlanningInput, ResourceRequirement, RiskFlag, StrategyName } from "../engine/model";
import { layoutPlanSheets } from "./layout";
import { parseInputs } from "./parse";
import type { RawTable } from "./raw";
import type { WorkbookSpec } from "./sheet";
import { findTemplateTables, type TemplateTables } from "./tables";

export interface PlannerOptions {
  strategies: StrategyName[];
  /** When the run happened, shown on the Summary; the front end reads the clock, not this module. */
  plannedAt?: Date;
}

export interface PlannerRun {
  tables: TemplateTables;
  /** null when the input has errors (see `messages`). */
  input: PlanningInput | null;
  results: FamilyResult[];
  messages: PlanMessage[];
  /** Rough-cut capacity per resource and period (empty until products and resources are planned). */
  resources: ResourceRequirement[];
  /** Risks and opportunities for the review, most serious first. */
  risks: RiskFlag[];
  /** The plan sheets to write; empty when there is nothing to write. */
  sheets: WorkbookSpec;
}

export const DEFAULT_STRATEGIES: StrategyName[] = ["level", "chase", "manual"];

export function runPlanner(blocks: RawTable[], options: PlannerOptions = { strategies: DEFAULT_STRATEGIES }): PlannerRun {
  const found = findTemplateTables(blocks);
  const parsed = parseInputs(found.tables);
  const messages = [...found.messages, ...parsed.messages];
  if (!parsed.input || messages.some((m) => m.severity === "error")) {
    return { tables: found.tables, input: null, results: [], messages, resources: [], risks: [], sheets: { sheets: [] } };
  }
  const results = planAll(parsed.input, options.strategies);
  return {
    tables: found.tables,
    input: parsed.input,
    results,
    messages,
    resources: [],
    risks: [],
    sheets: layoutPlanSheets(parsed.input, results, { plannedAt: options.plannedAt }),
  };
}

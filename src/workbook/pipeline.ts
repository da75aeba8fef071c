// One planning run, host-neutral: blocks of cells in, plans, messages and the sheets to write out.
import { planAll } from "../engine";
import { bottomUpInput, defaultApproach, familyResourceLoads, type Approach } from "../engine/aggregate";
import { analysePlans } from "../engine/analysis";
import { resourceRequirements } from "../engine/capacity";
import type { LpSolver } from "../engine/lp";
import type { FamilyResult, PlanMessage, PlanningInput, ResourceRequirement, RiskFlag, StrategyName } from "../engine/model";
import { layoutAnalysisSheets, layoutPlanSheets } from "./layout";
import { parseInputs } from "./parse";
import type { RawTable } from "./raw";
import type { WorkbookSpec } from "./sheet";
import { findTemplateTables, type TemplateTables } from "./tables";

export interface PlannerOptions {
  strategies: StrategyName[];
  /** When the run happened, shown on the Summary; the front end reads the clock, not this module. */
  plannedAt?: Date;
  /** The LP solver the optimal strategy needs (`loadHighsSolver()`); without it `optimal` is an error. */
  solver?: LpSolver;
  /** Progress of long runs, e.g. ("optimal", families planned, families). */
  onProgress?: (stage: string, done: number, total: number) => void;
  /** top-down (the default when Forecast has family rows) or bottom-up (the default when it has only product rows). */
  approach?: Approach;
  /** Utilisation below which a resource is flagged as under-used; 0.7 when not given. */
  utilizationThreshold?: number;
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
  const approach = options.approach ?? defaultApproach(parsed.input);
  // Bottom-up plans each family on the sum of its product rows.
  const input = approach === "bottom-up" ? bottomUpInput(parsed.input) : parsed.input;
  // The optimal plans keep within the resources two or more families share (sum of loads × output ≤ capacity),
  // which couples those families. A resource one family uses alone is checked after planning (rough-cut).
  const sharedResources = options.strategies.includes("optimal")
    ? familyResourceLoads(input).filter((r) => Object.keys(r.loadPerUnit).length >= 2)
    : [];
  const results = planAll(input, options.strategies, {
    solver: options.solver,
    onProgress: options.onProgress,
    ...(sharedResources.length > 0 && { sharedResources }),
  });
  const analysis = analysePlans(parsed.input, input, results, approach, options.utilizationThreshold);
  const mixNotes: PlanMessage[] = analysis.aggregation.mixes.flatMap((m) => m.notes.map((message) => ({ severity: "info" as const, message })));
  const planSheets = layoutPlanSheets(input, results, { plannedAt: options.plannedAt });
  const analysisSheets = layoutAnalysisSheets(analysis, {
    takenSheetNames: planSheets.sheets.map((s) => s.name),
    takenTableNames: planSheets.sheets.flatMap((s) => (s.tables ?? []).map((t) => t.name)),
  });
  return {
    tables: found.tables,
    input,
    results,
    messages: [...messages, ...mixNotes],
    resources: resourceRequirements(analysis.capacity),
    risks: analysis.risks,
    sheets: { sheets: [...planSheets.sheets, ...analysisSheets] },
  };
}

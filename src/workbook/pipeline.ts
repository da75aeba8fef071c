// One planning run, host-neutral: blocks of cells in, plans, messages and the sheets to write out (read in run/inputs.ts, planned in run/plan.ts, laid out in run/layout.ts).
import type {
  Approach,
  LpSolver,
  OptimalPlansOf,
  FamilyResult,
  PlanMessage,
  PlanningInput,
  ResourceRequirement,
  RiskFlag,
  StrategyName,
  VarianceReport,
  ComputedSafetyStock,
  DemandReview,
  FamilyAccuracy,
  CoverSafetyStock,
  BudgetComparisonLine,
  BaselineRequest,
  BaselineSource,
  PlanVersion,
  ScenarioOutcome,
} from "../engine";
import { demandBaselineRequests } from "../engine";
import type { RunHints } from "../template/runMessages";
import type { RawTable } from "./raw";
import { placeSheets, type PlacedSheet, type WorkbookSpec } from "./sheet";
import type { TemplateTables } from "./tables";
import { readRunInputs, type FailedReading } from "./run/inputs";
import { layOutRun } from "./run/layout";
import { planRun } from "./run/plan";

export interface PlannerOptions {
  /** The template's default strategies when not given (`optimal` among them only when there is a solver). */
  strategies?: readonly StrategyName[];
  /** When the run happened, shown on the Summary; the front end reads the clock, not this module. */
  plannedAt?: Date;
  /** The LP solver the optimal strategy needs (`loadHighsSolver()`); without it `optimal` is an error. */
  solver?: LpSolver;
  /** Progress of long runs, e.g. ("optimal", families planned, families). */
  onProgress?: (stage: string, done: number, total: number) => void;
  /** The optimal plans made elsewhere instead of by `solver` (the command line's worker threads; see OptimalPlansOf). */
  optimalPlans?: OptimalPlansOf;
  /** The optimal plans' time budget of the base plan's run and of each scenario's, in solver seconds (the engine's default when not given). */
  timeLimitSeconds?: number;
  /** top-down (the default when Forecast has family rows) or bottom-up (the default when it has only product rows). */
  approach?: Approach;
  /** Utilisation below which a resource is flagged as under-used; 0.7 when not given. */
  utilizationThreshold?: number;
  /**
   * Save this run's recommended plans as a version of this name (kept in `SOP Versions`, dated
   * `plannedAt`). A name already saved is an error: versions are never changed.
   */
  saveVersion?: string;
  /** Compare with the version of this name; by default the latest saved before this run. */
  compareWith?: string;
  /** Versions to delete from `SOP Versions` (by name) before comparing and saving: how the pane deletes one. */
  deleteVersions?: readonly string[];
  /** How this front end lets its user do what a message advises (the command line's flag, the pane's field). */
  hints?: RunHints;
  /**
   * Where the run's statistical baselines come from: by default fitted here, one after another; a
   * front end with several cores passes them computed ahead (`baselineRequests`, `precomputedBaselines`).
   */
  baselines?: BaselineSource;
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
  /** Every saved version after this run, oldest first (the workbook's, then this run's when saved). */
  versions: PlanVersion[];
  /** The version this run was compared with, or null when there is none. */
  baseline: PlanVersion | null;
  /** This plan against `baseline`; null without a baseline. */
  variance: VarianceReport | null;
  /** With a Scenarios table: the base plan first, then each scenario in the table's order; else empty. */
  scenarios: ScenarioOutcome[];
  /** With an Actuals table: each family's (and product's) statistical baseline against the consensus; else null. */
  demand?: DemandReview | null;
  /** The safety stocks computed from Policy `Service level` (the plans use them). */
  safetyStocks?: ComputedSafetyStock[];
  /** With Actuals and saved versions: each family's accuracy by lag and value added; else empty. */
  accuracy?: FamilyAccuracy[];
  /** The safety stocks computed from Policy `Safety stock periods of cover`, per period (the plans use them). */
  covers?: CoverSafetyStock[];
  /** With a Budget table: the recommended plans against it per family and measure, then the totals; else empty. */
  budget?: BudgetComparisonLine[];
}

export function runPlanner(blocks: RawTable[], options: PlannerOptions = {}): PlannerRun {
  const planned = planWorkbook(blocks, options);
  return { ...planned.run, sheets: { sheets: placeSheets(planned.layOutSheets()) } };
}

/** A planning run whose sheets are laid out later, one at a time. */
export interface PlannedWorkbook {
  /** The run, its `sheets` still empty. */
  run: PlannerRun;
  /**
   * The sheets `runPlanner` gives, each made when it is asked for, with its place among them
   * (`placeSheets` gives their order): a writer that writes each before asking for the next holds
   * one sheet at a time. Each call lays them out afresh.
   */
  layOutSheets(): Generator<PlacedSheet>;
}

/**
 * `runPlanner` without the layout: how the command line writes a large workbook with the memory of
 * one sheet. The run's three steps: read its inputs, plan them, lay the plan out.
 */
export function planWorkbook(blocks: RawTable[], options: PlannerOptions = {}): PlannedWorkbook {
  const inputs = readRunInputs(blocks, options);
  if ("failed" in inputs) return notLaidOut(failedRun(inputs));
  const planned = planRun(inputs, options);
  return { run: planned.run, layOutSheets: () => layOutRun(planned, options.plannedAt) };
}

/**
 * The statistical baselines a run of these blocks will fit (none without Actuals or with input
 * errors): a front end with several cores computes them ahead and passes them as
 * `PlannerOptions.baselines` (engine `precomputedBaselines`), so the run fits none itself.
 */
export function baselineRequests(blocks: RawTable[], options: PlannerOptions = {}): BaselineRequest[] {
  const inputs = readRunInputs(blocks, options);
  if ("failed" in inputs || !inputs.history) return [];
  return demandBaselineRequests(inputs.history, inputs.input, inputs.consensus, inputs.savedVersions);
}

/** A run with nothing to lay out. */
function notLaidOut(run: PlannerRun): PlannedWorkbook {
  return { run, layOutSheets: function* () {} };
}

/** A run that stops at the input's errors: nothing planned, nothing to write. */
function failedRun({ tables, messages, versions }: FailedReading): PlannerRun {
  return { tables, input: null, results: [], messages, resources: [], risks: [], sheets: { sheets: [] }, versions, baseline: null, variance: null, scenarios: [], demand: null, safetyStocks: [], accuracy: [], covers: [], budget: [] };
}

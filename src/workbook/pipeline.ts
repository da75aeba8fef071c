// One planning run, host-neutral: blocks of cells in, plans, messages and the sheets to write out.
import { budgetComparison, planAll, type PlanOptions } from "../engine";
import { bottomUpInput, defaultApproach, familyResourceLoads, priceNotes, withProductMoney, type Approach } from "../engine/aggregate";
import { fitFrozenToCapacity, freezePeriods } from "../engine/frozen";
import { analysePlans } from "../engine/analysis";
import { resourceRequirements } from "../engine/capacity";
import type { LpSolver } from "../engine/lp";
import type { FamilyResult, PlanMessage, PlanningInput, ResourceRequirement, RiskFlag, StrategyName } from "../engine/model";
import { compareVersions, type VarianceReport } from "../engine/variance";
import { planOnReview, reviewDemand, type ComputedSafetyStock, type DemandReview, type PlannedOnReview } from "../engine/demandReview";
import { demandReviewMessages } from "./demandMessages";
import { sortRiskFlags } from "../engine/risk";
import { DEMAND_REVIEW_SHEET_NAME, layoutDemandReview } from "./layout/demandReview";
import { findVersion, latestVersion, versionNameProblem, versionOfPlans, versionTimestamp, withoutVersion, type PlanVersion } from "../engine/versions";
import { analysisSheetsOneByOne, planSheetsOneByOne } from "./layout";
import { layoutVarianceSheet, VARIANCE_SHEET_NAME } from "./layout/variance";
import { layoutBudgetOnlyVarianceSheet, type BudgetTotalCells } from "./layout/budget";
import { applyScenario, fillRate, scenarioOutcome, type ScenarioOutcome } from "../engine/scenarios";
import { SUMMARY_SHEET_NAME, UniqueNames } from "./layout";
import { EXECUTIVE_SHEET_NAME, layoutExecutiveSummary } from "./layout/executive";
import { printSetup } from "./layout/print";
import { layoutScenariosSheet, SCENARIOS_SHEET_NAME } from "./layout/scenarios";
import { describeChange, findScenariosBlock, parseScenarios } from "./scenarios";
import { findVersionsBlock, layoutVersionsSheet, parseVersions, VERSIONS_SHEET_NAME } from "./versions";
import { checkFormulaLimits } from "./formulaLimits";
import { parseInputs } from "./parse";
import type { RawTable } from "./raw";
import { placeSheets, type PlacedSheet, type SheetSpec, type WorkbookSpec } from "./sheet";
import { findTemplateTables, type TemplateTables } from "./tables";
import { DEFAULT_STRATEGIES, PLAN_ROW_LIST, policyParameter, TEMPLATE_TABLE_INFO } from "../template/schema";
import { cellRef } from "./names";

export interface PlannerOptions {
  /** The template's default strategies when not given (`optimal` among them only when there is a solver). */
  strategies?: readonly StrategyName[];
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
  /**
   * Save this run's recommended plans as a version of this name (kept in `SOP Versions`, dated
   * `plannedAt`). A name already saved is an error: versions are never changed.
   */
  saveVersion?: string;
  /** Compare with the version of this name; by default the latest saved before this run. */
  compareWith?: string;
  /** Versions to delete from `SOP Versions` (by name) before comparing and saving: how the pane deletes one. */
  deleteVersions?: readonly string[];
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

/** `runPlanner` without the layout: how the command line writes a large workbook with the memory of one sheet. */
export function planWorkbook(blocks: RawTable[], options: PlannerOptions = {}): PlannedWorkbook {
  const strategies = options.strategies ?? DEFAULT_STRATEGIES.filter((s) => s !== "optimal" || options.solver);
  const found = findTemplateTables(blocks);
  const parsed = parseInputs(found.tables);
  const versionsBlock = findVersionsBlock(blocks);
  const read = parseVersions(versionsBlock);
  const missingDeletions = (options.deleteVersions ?? []).filter((name) => !findVersion(read.versions, name));
  const saved = { versions: (options.deleteVersions ?? []).reduce(withoutVersion, read.versions), messages: read.messages };
  const deletionErrors: PlanMessage[] = missingDeletions.map((name) => ({ severity: "error", message: `No version named "${name.trim()}" to delete.` }));
  const messages = [
    ...found.messages,
    ...parsed.messages,
    ...saved.messages,
    ...deletionErrors,
    ...versionChoiceErrors(saved.versions, options),
    ...(parsed.input ? manualOnlyErrors(strategies, found.tables, parsed.input) : []),
  ];
  if (!parsed.input || messages.some((m) => m.severity === "error")) return notLaidOut(failedRun(found.tables, messages, read.versions));
  const scenarioTable = parseScenarios(findScenariosBlock(blocks), parsed.input);
  if (scenarioTable.messages.length > 0) return notLaidOut(failedRun(found.tables, [...messages, ...scenarioTable.messages], read.versions));
  // The version this run compares with (the one asked for, else the latest saved before this run):
  // the variance is against it, and frozen periods keep its plans.
  const baseline = options.compareWith ? findVersion(saved.versions, options.compareWith) : latestVersion(saved.versions);
  // The demand review: baselines from Actuals; a family may be planned on its baseline (Demand basis)
  // and keep a safety stock from its forecast error (Service level).
  const review = parsed.history ? reviewDemand(parsed.history, parsed.input) : null;
  const reviewed: PlannedOnReview = review ? planOnReview(parsed.input, review) : { input: parsed.input, onBaseline: [], safetyStocks: [], noHoldout: [] };
  const { approach, input, results, analysis: planAnalysis, frozenMessages } = planInput(reviewed.input, { ...options, strategies }, options.onProgress, baseline);
  const analysis = review ? { ...planAnalysis, risks: sortRiskFlags([...planAnalysis.risks, ...review.flags], input.periods) } : planAnalysis;
  const resources = resourceRequirements(analysis.capacity);
  // Each scenario is the workbook with its changes made, planned the same way.
  const scenarios: ScenarioOutcome[] = scenarioTable.scenarios.length > 0 ? [scenarioOutcome("Base plan", [], results, resources)] : [];
  for (const scenario of scenarioTable.scenarios) {
    const progress = options.onProgress && ((stage: string, done: number, total: number) => options.onProgress?.(`${scenario.name}: ${stage}`, done, total));
    const changed = applyScenario(reviewed.input, scenario);
    // A group of families the scenario leaves as it was keeps the base plan's results (the same plan, not a re-solve).
    const reuse = { input, results, resources: familyResourceLoads(input) };
    const planned = planInput(review ? planOnReview(changed, review, reviewed.input).input : changed, { ...options, strategies, approach }, progress, baseline, reuse);
    scenarios.push(scenarioOutcome(scenario.name, scenario.changes.map(describeChange), planned.results, resourceRequirements(planned.analysis.capacity)));
  }
  const mixNotes: PlanMessage[] = [
    ...analysis.aggregation.mixes.flatMap((m) => m.notes.map((message) => ({ severity: "info" as const, message }))),
    ...priceNotes(parsed.input, approach, policyParameter("pricePerUnit").name),
  ];
  // Versions: compare with the baseline, then add this run's.
  const savedAt = options.plannedAt ? versionTimestamp(options.plannedAt) : "";
  const current = versionOfPlans(options.saveVersion ?? "this plan", savedAt, input, results);
  const variance = baseline ? compareVersions(baseline, current.version) : null;
  const versions = options.saveVersion ? [...saved.versions, current.version] : saved.versions;
  const versionMessages: PlanMessage[] = [];
  if (options.saveVersion) {
    const families = current.version.families.length;
    versionMessages.push({ severity: "info", message: `Saved version "${current.version.name}": the recommended plans of ${families} ${families === 1 ? "family" : "families"}.` });
    for (const family of current.skipped) {
      versionMessages.push({ severity: "info", message: `${family}: no feasible plan, not saved in version "${current.version.name}".` });
    }
  }
  if (variance) {
    versionMessages.push({ severity: "info", message: `Compared with version "${variance.baseline.name}" (see ${VARIANCE_SHEET_NAME}).` });
    for (const note of variance.notes) versionMessages.push({ severity: "info", message: `Variance: ${note}` });
  }
  // The base plan as the scenarios see it: the executive summary's money, backlog and utilisation.
  const base = scenarios[0] ?? scenarioOutcome("Base plan", [], results, resources);
  function* laidOutSheets(): Generator<PlacedSheet> {
    const plan = planSheetsOneByOne(input, results, { plannedAt: options.plannedAt, reservedSheetNames: OWN_SHEET_NAMES });
    const sheetNames: string[] = [];
    const tableNames: string[] = [];
    const laidOut = (sheet: SheetSpec) => {
      sheetNames.push(sheet.name);
      for (const table of sheet.tables ?? []) tableNames.push(table.name);
    };
    for (const placed of plan.sheets) {
      laidOut(placed.sheet);
      yield placed;
    }
    if (review) {
      const taken = new UniqueNames(255, (n) => `_${n}`);
      for (const name of tableNames) taken.claim(name);
      const sheet = layoutDemandReview(review, reviewed.safetyStocks, DEMAND_REVIEW_SHEET_NAME, taken.claim("SOP_Demand_review"));
      laidOut(sheet);
      yield { sheet };
    }
    const analysisSheets = analysisSheetsOneByOne(analysis, { takenSheetNames: [...sheetNames, ...OWN_SHEET_NAMES], takenTableNames: [...tableNames] });
    for (const sheet of analysisSheets) {
      laidOut(sheet);
      yield { sheet };
    }
    if (scenarios.length > 0) {
      const taken = new UniqueNames(255, (n) => `_${n}`);
      for (const name of tableNames) taken.claim(name);
      yield { sheet: layoutScenariosSheet(scenarios, { comparison: taken.claim("SOP_Scenarios"), families: taken.claim("SOP_Scenario_families") }) };
    }
    // The plan against the Budget table: a section of SOP Variance (the sheet alone when no version is compared).
    const budgetTable = parsed.input?.budget ?? [];
    const budgetLines = budgetComparison({ ...input, budget: budgetTable }, results);
    const budget = budgetLines.length > 0 ? { periods: input.periods, lines: budgetLines, budget: budgetTable, results, planCells: plan.planCells } : undefined;
    let budgetCells: BudgetTotalCells | undefined;
    if (variance && baseline) {
      const versionCells = layoutVersionsSheet(saved.versions).cells;
      const sheet = layoutVarianceSheet({ report: variance, baseline, versionCells, planCells: plan.planCells, ...(budget && { budget }) });
      budgetCells = sheet.budgetCells;
      yield { sheet };
    } else if (budget) {
      const laid = layoutBudgetOnlyVarianceSheet(budget, VARIANCE_SHEET_NAME);
      budgetCells = laid.cells;
      yield { sheet: laid.sheet };
    }
    // The sheet is written whenever the workbook had it, so a run never drops it.
    if (versions.length > 0 || versionsBlock) yield { sheet: layoutVersionsSheet(versions).sheet };
    // Last made (it links to the plan cells and names the sheets laid out), first placed.
    const executive = layoutExecutiveSummary({
      input,
      results,
      outcome: base,
      fillRate: fillRate(input, results),
      risks: analysis.risks,
      variance,
      ...(budget && budgetCells && { budget: { lines: budgetLines, cells: budgetCells } }),
      planCells: plan.planCells,
      periodTotals: plan.periodTotals(),
      ...(options.plannedAt && { plannedAt: options.plannedAt }),
      sheetNames: {
        summary: SUMMARY_SHEET_NAME,
        risks: sheetNames.find((name) => name.startsWith("SOP Risks")) ?? "SOP Risks",
        ...((variance || budget) && { variance: VARIANCE_SHEET_NAME }),
        ...(scenarios.length > 0 && { scenarios: SCENARIOS_SHEET_NAME }),
      },
      scenarios: scenarios.slice(1),
      resources,
    });
    yield { sheet: executive, at: 0 };
  }
  function* layOutSheets(): Generator<PlacedSheet> {
    for (const placed of laidOutSheets()) {
      // Every sheet leaves the layout here: a formula Excel would refuse is the layout's bug, stopped before any writer.
      checkFormulaLimits(placed.sheet);
      yield { ...placed, sheet: printReady(placed.sheet) };
    }
  }

  return {
    run: {
      tables: found.tables,
      input,
      results,
      messages: [...messages, ...demandReviewMessages(reviewed, input.periods.length), ...mixNotes, ...frozenMessages, ...versionMessages, ...capacityMessages(results)],
      resources,
      risks: analysis.risks,
      sheets: { sheets: [] },
      versions,
      baseline,
      variance,
      scenarios,
      demand: review,
      safetyStocks: reviewed.safetyStocks,
    },
    layOutSheets,
  };
}

/** A run with nothing to lay out. */
function notLaidOut(run: PlannerRun): PlannedWorkbook {
  return { run, layOutSheets: function* () {} };
}

/** A run that stops at the input's errors: nothing planned, nothing to write. */
function failedRun(tables: TemplateTables, messages: PlanMessage[], versions: PlanVersion[]): PlannerRun {
  return { tables, input: null, results: [], messages, resources: [], risks: [], sheets: { sheets: [] }, versions, baseline: null, variance: null, scenarios: [], demand: null, safetyStocks: [] };
}

/** Sheets whose names stay as they are (later runs find SOP Versions by name): no family sheet takes them. */
const OWN_SHEET_NAMES = [EXECUTIVE_SHEET_NAME, VERSIONS_SHEET_NAME, VARIANCE_SHEET_NAME, SCENARIOS_SHEET_NAME, DEMAND_REVIEW_SHEET_NAME];

/**
 * Every planner sheet prints landscape and one page wide, its title (and a table header near the
 * top) on every page; the executive summary fits one page.
 */
function printReady(sheet: SheetSpec): SheetSpec {
  if (sheet.name === EXECUTIVE_SHEET_NAME) return { ...sheet, pageSetup: printSetup(sheet, { onePage: true }) };
  const headerNearTop = (sheet.tables ?? []).map((t) => t.top).filter((top) => top <= 5).sort((a, b) => a - b)[0];
  return { ...sheet, pageSetup: printSetup(sheet, { repeatRows: { first: 0, last: headerNearTop ?? 1 } }) };
}

/**
 * One planning of a parsed input: the approach, what the families are planned on (with the
 * periods frozen from `baseline`), their plans, the analysis and what the freezing says.
 */
function planInput(
  parsedInput: PlanningInput,
  options: PlannerOptions & { strategies: readonly StrategyName[] },
  onProgress: PlannerOptions["onProgress"],
  baseline: PlanVersion | null,
  reuse?: PlanOptions["reuse"],
) {
  const approach = options.approach ?? defaultApproach(parsedInput);
  // Bottom-up plans each family on the sum of its product rows; the products' prices and unit costs
  // are the revenue and material cost every plan is costed and optimised with.
  const frozen = freezePeriods(withProductMoney(approach === "bottom-up" ? bottomUpInput(parsedInput) : parsedInput), baseline);
  // No plan loads a resource beyond its capacity, frozen periods included: their output is cut to fit.
  const fitted = fitFrozenToCapacity(frozen.input, familyResourceLoads(frozen.input));
  const input = fitted.input;
  // Every Capacity resource constrains the optimal plans (sum of loads × output ≤ capacity), and the
  // recommended plans fit every resource whenever plans that do exist (planAll derives the loads).
  const results = planAll(input, options.strategies, { solver: options.solver, onProgress, ...(reuse && { reuse }) });
  const analysis = analysePlans(parsedInput, input, results, approach, options.utilizationThreshold);
  const frozenMessages = [...frozen.messages, ...fitted.messages];
  return { approach, input, results, analysis, frozenMessages };
}

/**
 * When the manual plan is the only strategy asked for, a run without a Plan table (or without a
 * family's rows in it) would plan nothing: an error saying so, not an empty comparison.
 */
function manualOnlyErrors(strategies: readonly StrategyName[], tables: TemplateTables, input: PlanningInput): PlanMessage[] {
  if (strategies.length === 0 || strategies.some((s) => s !== "manual")) return [];
  const { title, header } = TEMPLATE_TABLE_INFO.plan;
  const others = "or plan with other strategies too";
  if (!tables.plan) {
    const message = `Only the manual plan was asked for, but there is no ${title} table: add a worksheet named "${title}" whose first row is the header ${header}, ${others}.`;
    return [{ severity: "error", message }];
  }
  const cell = cellRef(tables.plan, 0, 0);
  return input.families
    .filter((family) => !family.manualPlan)
    .map((family) => ({
      severity: "error" as const,
      cell,
      message: `Only the manual plan was asked for, but the ${title} table (${cell}) has no rows for family "${family.family}": add its ${PLAN_ROW_LIST} rows, ${others}.`,
    }));
}

/** A version name to save that is taken or blank, or a version to compare with that is not saved. */
function versionChoiceErrors(versions: readonly PlanVersion[], options: PlannerOptions): PlanMessage[] {
  const errors: PlanMessage[] = [];
  if (options.saveVersion !== undefined) {
    const problem = versionNameProblem(versions, options.saveVersion);
    if (problem) errors.push({ severity: "error", message: `Cannot save the version: ${problem}.` });
  }
  if (options.compareWith !== undefined && !findVersion(versions, options.compareWith)) {
    const names = versions.map((v) => `"${v.name}"`);
    errors.push({
      severity: "error",
      message: `No version named "${options.compareWith.trim()}" to compare with: ${names.length > 0 ? `the workbook's ${VERSIONS_SHEET_NAME} has ${names.join(", ")}` : `the workbook has no saved versions (save one with --save-version NAME)`}.`,
    });
  }
  return errors;
}

/**
 * Recommended plans that are not feasible (none compared is, or none fits the shared capacity
 * together) are said as errors, once per finding with the families it concerns: the plans are
 * still written and counted, but no front end may show them without the reason.
 */
function capacityMessages(results: readonly FamilyResult[]): PlanMessage[] {
  const families = new Map<string, string[]>();
  for (const r of results) if (r.capacityError) families.set(r.capacityError, [...(families.get(r.capacityError) ?? []), r.family]);
  return [...families].map(([error, names]) => ({ severity: "error" as const, message: `${names.join(", ")}: ${error}.` }));
}

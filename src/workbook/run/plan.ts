// A run's planning, host-neutral: the read inputs planned (the demand review, frozen periods, every strategy, the scenarios), compared with the baseline version and said in the run's messages.
import {
  planAll,
  type PlanOptions,
  bottomUpInput,
  defaultApproach,
  familyResourceLoads,
  mixNotUsedNotes,
  priceNotes,
  withProductMoney,
  analysePlans,
  type PlanAnalysis,
  resourceRequirements,
  familyInputs,
  planOnReview,
  reviewDemand,
  budgetComparison,
  type PlannedOnReview,
  forecastAccuracy,
  withCoverSafetyStock,
  fitFrozenToCapacity,
  freezePeriods,
  type FamilyResult,
  type PlanMessage,
  type PlanningInput,
  type StrategyName,
  sortRiskFlags,
  applyScenario,
  scenarioOutcome,
  type ScenarioOutcome,
  compareVersions,
  findVersion,
  latestVersion,
  versionOfPlans,
  versionTimestamp,
  type PlanVersion,
} from "../../engine";
import { runMessages } from "../../template/runMessages";
import { policyParameter } from "../../template/schema";
import { coverMessages, demandReviewMessages } from "../../template/demandMessages";
import { VARIANCE_SHEET_NAME } from "../reviewNames";
import type { PlannerOptions, PlannerRun } from "../pipeline";
import { describeChange } from "../scenarios";
import type { RunInputs } from "./inputs";

/** A planned run: what the front ends get, and what laying it out needs beyond that. */
export interface PlannedRun {
  /** The run, its `sheets` still empty. */
  run: PlannerRun;
  /** The input the families were planned on (bottom-up summed, frozen periods fitted). */
  input: PlanningInput;
  analysis: PlanAnalysis;
  /** The versions saved before this run (less those deleted): the variance sheet links to their cells. */
  savedVersions: PlanVersion[];
  /** Whether the workbook had a SOP Versions sheet (it is then written again, even empty). */
  hasVersionsSheet: boolean;
  /** The base plan as the scenarios see it: the executive summary's money, backlog and utilisation. */
  base: ScenarioOutcome;
}

export function planRun(inputs: RunInputs, options: PlannerOptions = {}): PlannedRun {
  const { strategies, savedVersions } = inputs;
  // The version this run compares with (the one asked for, else the latest saved before this run):
  // the variance is against it, and frozen periods keep its plans.
  const baseline = options.compareWith ? findVersion(savedVersions, options.compareWith) : latestVersion(savedVersions);
  // The demand review: baselines from Actuals; a family may be planned on its baseline (Demand basis)
  // and keep a safety stock from its forecast error (Service level).
  const review = inputs.history ? reviewDemand(inputs.history, inputs.input, inputs.consensus, options.baselines) : null;
  const reviewed: PlannedOnReview = review ? planOnReview(inputs.input, review) : { input: inputs.input, onBaseline: [], safetyStocks: [], noHoldout: [] };
  const { approach, input, results, analysis: planAnalysis, frozenMessages, covers } = planInput(reviewed.input, { ...options, strategies }, options.onProgress, baseline);
  const analysis = review ? { ...planAnalysis, risks: sortRiskFlags([...planAnalysis.risks, ...review.flags], input.periods) } : planAnalysis;
  const resources = resourceRequirements(analysis.capacity);
  // Each scenario is the workbook with its changes made, planned the same way.
  const scenarios: ScenarioOutcome[] = inputs.scenarios.length > 0 ? [scenarioOutcome("Base plan", [], results, resources)] : [];
  for (const scenario of inputs.scenarios) {
    const progress = options.onProgress && ((stage: string, done: number, total: number) => options.onProgress?.(`${scenario.name}: ${stage}`, done, total));
    const changed = applyScenario(reviewed.input, scenario);
    // A group of families the scenario leaves as it was keeps the base plan's results (the same plan, not a re-solve).
    const reuse = { input, results, resources: familyResourceLoads(input) };
    const planned = planInput(review ? planOnReview(changed, review, reviewed.input).input : changed, { ...options, strategies, approach }, progress, baseline, reuse);
    scenarios.push(scenarioOutcome(scenario.name, scenario.changes.map(describeChange), planned.results, resourceRequirements(planned.analysis.capacity)));
  }
  const mixNotes: PlanMessage[] = [
    ...analysis.aggregation.mixes.flatMap((m) => m.notes.map((message) => ({ severity: "info" as const, message }))),
    ...mixNotUsedNotes(inputs.input),
    ...priceNotes(inputs.input, policyParameter("pricePerUnit").name),
  ];
  // Versions: compare with the baseline, then add this run's.
  const savedAt = options.plannedAt ? versionTimestamp(options.plannedAt) : "";
  const current = versionOfPlans(options.saveVersion ?? "this plan", savedAt, input, results, familyInputs(inputs.consensus.inputs));
  // How good the saved versions' demand was, against the actuals they overlap.
  const accuracy = inputs.history ? forecastAccuracy(inputs.history, savedVersions, options.baselines) : [];
  const variance = baseline ? compareVersions(baseline, current.version) : null;
  const versions = options.saveVersion ? [...savedVersions, current.version] : savedVersions;
  const versionMessages: PlanMessage[] = [];
  if (options.saveVersion) {
    versionMessages.push(runMessages.versionSaved(current.version.name, current.version.families.length));
    for (const family of current.skipped) versionMessages.push(runMessages.familyNotSaved(family, current.version.name));
  }
  if (variance) {
    versionMessages.push(runMessages.comparedWith(variance.baseline.name, VARIANCE_SHEET_NAME));
    for (const note of variance.notes) versionMessages.push(runMessages.varianceNote(note));
  }
  return {
    run: {
      tables: inputs.tables,
      input,
      results,
      messages: [...inputs.messages, ...demandReviewMessages(reviewed, input.periods.length), ...coverMessages(covers), ...mixNotes, ...frozenMessages, ...versionMessages, ...capacityMessages(results)],
      resources,
      risks: analysis.risks,
      sheets: { sheets: [] },
      versions,
      baseline,
      variance,
      scenarios,
      demand: review,
      safetyStocks: reviewed.safetyStocks,
      accuracy,
      covers,
      budget: budgetComparison(input, results),
    },
    input,
    analysis,
    savedVersions,
    hasVersionsSheet: inputs.hasVersionsSheet,
    base: scenarios[0] ?? scenarioOutcome("Base plan", [], results, resources),
  };
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
  // A safety stock in periods of cover follows the demand the families are planned on.
  const covered = withCoverSafetyStock(withProductMoney(approach === "bottom-up" ? bottomUpInput(parsedInput) : parsedInput));
  const frozen = freezePeriods(covered.input, baseline);
  // No plan loads a resource beyond its capacity, frozen periods included: their output is cut to fit.
  const fitted = fitFrozenToCapacity(frozen.input, familyResourceLoads(frozen.input));
  const input = fitted.input;
  // Every Capacity resource constrains the optimal plans (sum of loads × output ≤ capacity), and the
  // recommended plans fit every resource whenever plans that do exist (planAll derives the loads).
  const results = planAll(input, options.strategies, { solver: options.solver, optimalPlans: options.optimalPlans, onProgress, timeLimitSeconds: options.timeLimitSeconds, ...(reuse && { reuse }) });
  const analysis = analysePlans(parsedInput, input, results, approach, options.utilizationThreshold);
  const frozenMessages = [...frozen.messages, ...fitted.messages];
  return { approach, input, results, analysis, frozenMessages, covers: covered.covers };
}

/**
 * Recommended plans that are not feasible (none compared is, or none fits the shared capacity
 * together) are said as errors, once per finding with the families it concerns: the plans are
 * still written and counted, but no front end may show them without the reason.
 */
function capacityMessages(results: readonly FamilyResult[]): PlanMessage[] {
  const families = new Map<string, string[]>();
  for (const r of results) if (r.capacityError) families.set(r.capacityError, [...(families.get(r.capacityError) ?? []), r.family]);
  return [...families].map(([finding, names]) => runMessages.capacityFinding(names, finding));
}

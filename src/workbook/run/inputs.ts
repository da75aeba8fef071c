// A run's inputs read from the workbook's blocks: the template tables parsed, the saved versions, the Scenarios table, and every error that stops the run before planning.
import type { ConsensusInputs, DemandHistory } from "../../engine/demandReview";
import type { PlanMessage, PlanningInput, StrategyName } from "../../engine/model";
import type { Scenario } from "../../engine/scenarios";
import { findVersion, versionNameProblem, withoutVersion, type PlanVersion } from "../../engine/versions";
import { runMessages } from "../../template/runMessages";
import { DEFAULT_STRATEGIES } from "../../template/schema";
import { cellRef } from "../names";
import { parseInputs } from "../parse";
import type { RawTable } from "../raw";
import { findScenariosBlock, parseScenarios } from "../scenarios";
import { findTemplateTables, type TemplateTables } from "../tables";
import { VERSIONS_SHEET_NAME } from "../reviewNames";
import { findVersionsBlock, parseVersions } from "../versions";
import type { PlannerOptions } from "../pipeline";

/** What a run plans: the workbook's tables read without errors. */
export interface RunInputs {
  tables: TemplateTables;
  input: PlanningInput;
  /** The Actuals, when the workbook has them. */
  history: DemandHistory | null;
  /** The teams' inputs (Forecast inputs) and the Forecast rows' reasons. */
  consensus: ConsensusInputs;
  /** The strategies to plan: the options', else the template's defaults (`optimal` only with a solver). */
  strategies: readonly StrategyName[];
  scenarios: Scenario[];
  /** The versions saved in the workbook, less those the run deletes. */
  savedVersions: PlanVersion[];
  /** Whether the workbook has a SOP Versions sheet (a run then always writes it again). */
  hasVersionsSheet: boolean;
  /** What the reading said (warnings and infos: no errors). */
  messages: PlanMessage[];
}

/** A reading that stopped at errors: nothing to plan. */
export interface FailedReading {
  failed: true;
  tables: TemplateTables;
  messages: PlanMessage[];
  /** The versions as the workbook has them (before any deletion). */
  versions: PlanVersion[];
}

export function readRunInputs(blocks: RawTable[], options: PlannerOptions = {}): RunInputs | FailedReading {
  const strategies = options.strategies ?? DEFAULT_STRATEGIES.filter((s) => s !== "optimal" || options.solver);
  const found = findTemplateTables(blocks);
  const parsed = parseInputs(found.tables);
  const versionsBlock = findVersionsBlock(blocks);
  const read = parseVersions(versionsBlock);
  const deletions = options.deleteVersions ?? [];
  const savedVersions = deletions.reduce(withoutVersion, read.versions);
  const messages = [
    ...found.messages,
    ...parsed.messages,
    ...read.messages,
    ...deletions.filter((name) => !findVersion(read.versions, name)).map(runMessages.noVersionToDelete),
    ...versionChoiceErrors(savedVersions, options),
    ...(parsed.input ? manualOnlyErrors(strategies, found.tables, parsed.input) : []),
  ];
  const failed = (messages: PlanMessage[]): FailedReading => ({ failed: true, tables: found.tables, messages, versions: read.versions });
  if (!parsed.input || messages.some((m) => m.severity === "error")) return failed(messages);
  const scenarioTable = parseScenarios(findScenariosBlock(blocks), parsed.input);
  if (scenarioTable.messages.length > 0) return failed([...messages, ...scenarioTable.messages]);
  return {
    tables: found.tables,
    input: parsed.input,
    history: parsed.history,
    consensus: { inputs: parsed.inputs, reasons: parsed.reasons },
    strategies,
    scenarios: scenarioTable.scenarios,
    savedVersions,
    hasVersionsSheet: versionsBlock !== null,
    messages,
  };
}

/**
 * When the manual plan is the only strategy asked for, a run without a Plan table (or without a
 * family's rows in it) would plan nothing: an error saying so, not an empty comparison.
 */
function manualOnlyErrors(strategies: readonly StrategyName[], tables: TemplateTables, input: PlanningInput): PlanMessage[] {
  if (strategies.length === 0 || strategies.some((s) => s !== "manual")) return [];
  if (!tables.plan) return [runMessages.manualOnlyWithoutPlanTable()];
  const cell = cellRef(tables.plan, 0, 0);
  return input.families.filter((family) => !family.manualPlan).map((family) => runMessages.manualOnlyWithoutRows(family.family, cell));
}

/** A version name to save that is taken or blank, or a version to compare with that is not saved. */
function versionChoiceErrors(versions: readonly PlanVersion[], options: PlannerOptions): PlanMessage[] {
  const errors: PlanMessage[] = [];
  if (options.saveVersion !== undefined) {
    const problem = versionNameProblem(versions, options.saveVersion);
    if (problem) errors.push(runMessages.cannotSaveVersion(problem));
  }
  if (options.compareWith !== undefined && !findVersion(versions, options.compareWith)) {
    errors.push(runMessages.noVersionToCompare(options.compareWith, versions.map((v) => v.name), VERSIONS_SHEET_NAME, options.hints));
  }
  return errors;
}

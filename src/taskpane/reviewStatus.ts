// Whether the review cards of the last run (the variance against a version, the scenarios) still show what a run with
// the pane's choices now would: current, out of date (the choices behind them changed), or gone (their subject is).
import { latestVersion, versionKey, type PlanVersion, type ScenarioOutcome, type PlanningInput } from "../engine";
import { type RawTable, describeChange, findScenariosBlock, parseScenarios, findVersionsBlock, parseVersions } from "./planner";
import type { RunSettings } from "./settings";
import type { VersionChanges } from "./session/plannerSession";

/**
 * A review card against the pane as it is now. `outOfDate` keeps the card, marked, with what the
 * next run would do; `gone` removes it. Both say why, for the card and for screen readers.
 */
export type CardStatus = { kind: "current" } | { kind: "outOfDate"; reason: string } | { kind: "gone"; reason: string };

/** The choices a finished run was made with, as the pane asked for them. */
export interface RunChoices {
  /** The version asked for by name; null: the latest saved (as the run found it). */
  compareWith: string | null;
}

export const CURRENT: CardStatus = { kind: "current" };
const sameVersion = (a: string, b: string) => versionKey(a) === versionKey(b);

/** The saved versions as the workbook holds them now, or null when the versions sheet cannot be read. */
export function savedVersions(blocks: readonly RawTable[]): PlanVersion[] | null {
  const saved = parseVersions(findVersionsBlock(blocks));
  return saved.messages.some((m) => m.severity === "error") ? null : saved.versions;
}

/**
 * The variance card of a run compared with version `baseline`. Gone when that version is marked for
 * deletion or no longer in the workbook; out of date when the compared-with choice changed since the
 * run and the next run would compare with another version. The run's own saved version becoming the
 * latest is no change of choice: right after saving, the card is current.
 */
export function varianceStatus(
  baseline: string,
  ran: RunChoices,
  versions: readonly PlanVersion[] | null,
  settings: RunSettings,
  changes: VersionChanges,
): CardStatus {
  // A versions sheet the pane cannot read now says nothing either way: the card stays as it was.
  if (!versions) return CURRENT;
  const deleting = (name: string) => changes.deleting.some((d) => sameVersion(d, name));
  if (!versions.some((v) => sameVersion(v.name, baseline))) {
    return { kind: "gone", reason: `The comparison with version ${baseline} is hidden: that version is no longer in the workbook.` };
  }
  if (deleting(baseline)) return { kind: "gone", reason: `The comparison with version ${baseline} is hidden: that version is deleted on Run.` };
  // What the next run compares with, as Run asks for it: the chosen version unless it is deleted, else the latest kept.
  const kept = versions.filter((v) => !deleting(v.name));
  const chosen = settings.compareWith === null ? null : (kept.find((v) => sameVersion(v.name, settings.compareWith as string)) ?? null);
  const next = chosen ?? latestVersion(kept);
  const choiceChanged = chosen === null ? ran.compareWith !== null : ran.compareWith === null || !sameVersion(chosen.name, ran.compareWith);
  if (!choiceChanged || !next || sameVersion(next.name, baseline)) return CURRENT;
  return { kind: "outOfDate", reason: `From the last run: compared with version ${baseline}. Run again to compare with version ${next.name}.` };
}

/**
 * The scenarios card of a run. Gone when the scenarios are switched off or the workbook has no
 * Scenarios table now; out of date when the table's scenarios (names or changes) differ from those run.
 */
export function scenariosStatus(
  ran: readonly ScenarioOutcome[],
  blocks: readonly RawTable[],
  input: PlanningInput | null,
  settings: RunSettings,
): CardStatus {
  if (!settings.planScenarios) return { kind: "gone", reason: "The scenarios of the last run are hidden: scenarios are off for the next run." };
  const block = findScenariosBlock(blocks);
  if (!block) return { kind: "gone", reason: "The scenarios of the last run are hidden: the workbook has no Scenarios table now." };
  // Without readable inputs the table cannot be read as the run would: nothing to tell.
  if (!input) return CURRENT;
  const table = parseScenarios(block, input);
  const now = table.scenarios.map((s) => [s.name, ...s.changes.map(describeChange)].join("\n"));
  // The base plan comes first in the run's outcomes; the table holds the others.
  const then = ran.slice(1).map((s) => [s.scenario, ...s.changes].join("\n"));
  const same = table.messages.length === 0 && now.length === then.length && now.every((s, i) => s === then[i]);
  return same ? CURRENT : { kind: "outOfDate", reason: "From the last run: the Scenarios table has changed since. Run again to plan the scenarios as they are now." };
}

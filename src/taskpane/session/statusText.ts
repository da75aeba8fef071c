// Every sentence of the pane's status line, each computed from the counts and names it reports, with its tone and links.
import type { PlanMessage } from "../../engine/model";
import type { PlannerRun } from "../../workbook/pipeline";
import type { RunHints } from "../../template/runMessages";
import { plural } from "../format";
import type { Stage } from "../run/protocol";

/** How an outcome reads: its tone picks the icon and colour of the status line (`success` is the green one). */
export type StatusTone = "success" | "error" | "warning" | "info";

/** What the status line offers beside its words: the cell or sheet it is about, or the list of the run's problems. */
export type StatusAction = { kind: "cell"; address: string } | { kind: "sheet"; name: string } | { kind: "problems"; count: number };

/** One status sentence: its words, its tone, and the links beside it (first the one most worth following). */
export interface StatusWords {
  tone: StatusTone;
  text: string;
  actions: StatusAction[];
}

/** The review card's field that saves a run as a version: its label, and what a run's message advises using. */
export const SAVE_VERSION_FIELD = "Save this run as a version";

/** How the pane's user does what a run's message advises. */
export const PANE_RUN_HINTS: RunHints = { saveVersion: `the "${SAVE_VERSION_FIELD}" field` };

const words = (tone: StatusTone, text: string, ...actions: StatusAction[]): StatusWords => ({ tone, text, actions });

/** "A", "A and B", "A, B and C". */
export function listNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The words of a failure: an error's message, or the thrown value as text. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Text ending as a sentence, so another can follow it. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

// ---------------------------------------------------------------------------------------------
// While a run goes

/** The stage in progress, as the status line shows it (with "…"). */
export const STAGE_TEXT: Record<Stage, string> = {
  reading: "Reading the workbook",
  planning: "Planning",
  solving: "Solving the optimal plan",
  writing: "Writing the plan sheets",
};

export const CANCELLING = "Cancelling…";

const STAGE_FAILURE: Record<Stage, string> = {
  reading: "Could not read the workbook",
  planning: "Planning failed",
  solving: "Solving failed",
  writing: "Could not write the plan sheets",
};

// ---------------------------------------------------------------------------------------------
// Before a run: what it would plan, or why it cannot start

/** "Ready to plan 2 families over 3 periods. 1 Policy edit goes in on Run." */
export function readyToPlan(families: number, periods: number, heldEdits: number): string {
  const ready = periods > 0 ? `Ready to plan ${plural(families, "family", "families")} over ${plural(periods, "period")}.` : "Ready to plan.";
  return heldEdits > 0 ? `${ready} ${plural(heldEdits, "Policy edit")} ${heldEdits === 1 ? "goes" : "go"} in on Run.` : ready;
}

export const READING_WORKBOOK = words("info", "Reading the workbook…");
export const WORKBOOK_NOT_READ = words("error", "Can't run: the workbook could not be read.");
export const NO_STRATEGY = words("warning", "Can't run: choose at least one strategy.");

/** Required tables not found: a to-do on first open, not an error. */
export function tablesMissing(titles: readonly string[]): StatusWords {
  return words("info", `Can't run yet: add ${listNames(titles.map((t) => `a ${t}`))} table, or try the sample data.`);
}

/** Errors in the input: how many, and the first cell to fix (or the first error's words when none names a cell). */
export function inputErrors(errors: readonly PlanMessage[]): StatusWords {
  const first = errors.find((m) => m.cell);
  const count = plural(errors.length, "error");
  return first?.cell
    ? words("error", `Can't run: ${count}, the first at ${first.cell}.`, { kind: "cell", address: first.cell })
    : words("error", `Can't run: ${count}. ${errors[0]?.message ?? ""}`.trim());
}

// ---------------------------------------------------------------------------------------------
// A run's outcome

/** A run that planned nothing: its input errors, or no family to plan. */
export function notPlanned(run: PlannerRun): StatusWords {
  const errors = run.messages.filter((m) => m.severity === "error");
  return errors.length > 0 ? inputErrors(errors) : words("warning", "Nothing to plan: the workbook has no family to plan.");
}

/**
 * A run whose sheets are written. Green only when the run has no error: otherwise "Plan ready with
 * 2 problems", a warning whose first link is the list of those errors. It also says the versions
 * saved or deleted, and the families left without a feasible plan.
 */
export function planReady(run: PlannerRun, savedAs: string, deleted: readonly string[]): StatusWords {
  const sheets = run.sheets.sheets;
  const problems = run.messages.filter((m) => m.severity === "error").length;
  const withoutPlan = run.results.filter((f) => f.recommended === null).map((f) => f.family);
  const versions = [
    ...(savedAs !== "" ? [`saved as version "${savedAs}"`] : []),
    ...(deleted.length > 0 ? [`deleted ${deleted.length === 1 ? `version "${deleted[0]}"` : plural(deleted.length, "version")}`] : []),
  ];
  const written = `${plural(sheets.length, "sheet")} written${versions.length > 0 ? `, ${versions.join(", ")}` : ""}`;
  const missing = withoutPlan.length > 0 ? `; no feasible plan for ${listNames(withoutPlan)}` : "";
  const summary: StatusAction[] = sheets[0] ? [{ kind: "sheet", name: sheets[0].name }] : [];
  if (problems > 0) return words("warning", `Plan ready with ${plural(problems, "problem")}: ${written}${missing}.`, { kind: "problems", count: problems }, ...summary);
  if (withoutPlan.length > 0) return words("warning", `Plan ready, ${written}${missing}.`, ...summary);
  return words("success", `Plan ready: ${written}.`, ...summary);
}

export const RUN_CANCELLED = words("info", "Run cancelled. Nothing was written.");

/** A stage that failed, and the host's or planner's reason. */
export function stageFailed(stage: Stage, reason: string): StatusWords {
  return words("error", `${STAGE_FAILURE[stage]}: ${reason}`);
}

/** A held Policy edit the workbook refused: the run stops before it reads. */
export function policyNotWritten(address: string, reason: string): StatusWords {
  return words("error", `Could not change ${address}: ${reason}`, { kind: "cell", address });
}

/** What a run that did not complete did with the Policy cells it wrote: put back (or not), the edits held again. */
export interface PolicyRollback {
  /** The cells the run wrote, in the order written. */
  addresses: string[];
  /** Why putting them back failed; null when they are as they were. */
  failure: string | null;
  /** The edits held in the pane now: those put back, and any the run had not written yet. */
  held: number;
}

/** The outcome of a run that did not complete, with what became of the Policy edits it wrote (none: the outcome as it is). */
export function withPolicyRollback(outcome: StatusWords, rollback: PolicyRollback | null): StatusWords {
  if (!rollback || rollback.addresses.length === 0) return outcome;
  const held = `${plural(rollback.held, "edit")} still held.`;
  const said =
    rollback.failure === null
      ? `The Policy was left as it was: ${held}`
      : `Could not put back what ${listNames(rollback.addresses)} held before the run: ${sentence(rollback.failure)} ${held}`;
  return { ...outcome, tone: rollback.failure === null ? outcome.tone : "error", text: `${sentence(outcome.text)} ${said}` };
}

// ---------------------------------------------------------------------------------------------
// The other actions of the pane

/** Picked ranges that could no longer be read, each as "Products (Gone!A1:F5: why)". */
export function selectionsForgotten(picks: readonly string[]): StatusWords {
  return words("warning", `Forgot the selection for ${listNames(picks)}: the tables are looked for by name again.`);
}

export function sampleInserted(inserted: readonly string[], skipped: readonly string[]): StatusWords {
  const parts = [];
  if (inserted.length > 0) parts.push(`Inserted ${listNames(inserted)}.`);
  if (skipped.length > 0) parts.push(`Kept your ${listNames(skipped)}: a sheet or table of that name exists.`);
  return words(inserted.length > 0 ? "success" : "info", parts.join(" "));
}

export const sampleNotInserted = (reason: string): StatusWords => words("error", `Could not insert the sample: ${reason}`);
export const selectionUsed = (table: string, address: string): StatusWords => words("success", `${table}: using the selection ${address}.`);
export const selectionNotRead = (reason: string): StatusWords => words("error", `Could not read the selection: ${reason}`);
export const selectionCleared = (table: string): StatusWords => words("info", `${table}: looked for by name again.`);
export const cellNotReached = (address: string, reason: string): StatusWords => words("error", `Could not go to ${address}: ${reason}`);
export const sheetNotOpened = (name: string, reason: string): StatusWords => words("error", `Could not open the sheet "${name}": ${reason}`);

/** Excel cannot filter a table from an add-in: the sheet is open, unfiltered, and the user filters by hand. */
export function tableNotFiltered(sheet: string, column: string): StatusWords {
  return words("info", `${sheet} is open, unfiltered: this version of Excel cannot filter a table from an add-in. Filter the ${column} column by hand.`, {
    kind: "sheet",
    name: sheet,
  });
}

// ---------------------------------------------------------------------------------------------
// The status line's links

/** A link's words, and its accessible name where the words need their context. */
export function actionLabel(action: StatusAction): { text: string; label: string } {
  switch (action.kind) {
    case "cell":
      return { text: "Go to cell", label: `Go to cell ${action.address} (first error)` };
    case "sheet":
      return { text: `Open ${action.name}`, label: `Open ${action.name}` };
    case "problems": {
      const text = action.count === 1 ? "Show the problem" : `Show the ${action.count} problems`;
      return { text, label: text };
    }
  }
}

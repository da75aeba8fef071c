// Whether a run can start, and if not why, in the words the status line shows next to the disabled Run button.
import type { WorkbookSummary } from "./planner";
import { plural } from "./format";
import type { RunSettings } from "./settings";

/** Why Run is off, and the cell to go to when one error is the reason. */
export interface RunBlocker {
  /** Missing tables are a to-do on first open, not an error. */
  tone: "info" | "warning" | "error";
  text: string;
  cell?: string;
}

function listNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The tables the planner needs and has not found. */
export function missingTables(summary: WorkbookSummary): string[] {
  return summary.tables.filter((t) => t.required && !t.source).map((t) => t.title);
}

/** A message that only says a required table is missing: the Inputs checklist shows it, not the error list. */
export function isMissingTableMessage(message: { message: string; cell?: string }, summary: WorkbookSummary): boolean {
  return !message.cell && missingTables(summary).some((title) => message.message.startsWith(`No ${title} table found.`));
}

/**
 * Null when a run can start; otherwise the reason, most basic first: the workbook not read yet,
 * tables missing, errors in the input (the first one's cell), no strategy chosen.
 */
export function runBlocker(summary: WorkbookSummary | null, settings: RunSettings, inspecting: boolean): RunBlocker | null {
  if (!summary) return inspecting ? { tone: "info", text: "Reading the workbook…" } : { tone: "error", text: "Can't run: the workbook could not be read." };
  const missing = missingTables(summary);
  if (missing.length > 0) return { tone: "info", text: `Can't run yet: add ${listNames(missing.map((t) => `a ${t}`))} table, or try the sample data.` };
  // Errors in the input block a run: they name their cell, or kept the tables from being read. An
  // error of the last run's plans (a shared resource no plan can fit) does not: the next run may fit.
  const errors = summary.messages.filter((m) => m.severity === "error" && (m.cell !== undefined || !summary.readable));
  if (errors.length > 0) {
    const first = errors.find((m) => m.cell);
    const count = plural(errors.length, "error");
    return first?.cell
      ? { tone: "error", text: `Can't run: ${count}, the first at ${first.cell}.`, cell: first.cell }
      : { tone: "error", text: `Can't run: ${count}. ${errors[0].message}` };
  }
  if (settings.strategies.length === 0) return { tone: "warning", text: "Can't run: choose at least one strategy." };
  return null;
}

// Whether a run can start, and if not why, in the words the status line shows next to the disabled Run button.
import type { WorkbookSummary } from "./planner";
import { inputErrors, NO_STRATEGY, READING_WORKBOOK, tablesMissing, WORKBOOK_NOT_READ, type StatusWords } from "./session/statusText";
import type { RunSettings } from "./settings";

/** The tables the planner needs and has not found. */
export function missingTables(summary: WorkbookSummary): string[] {
  return summary.tables.filter((t) => t.required && !t.source).map((t) => t.title);
}

/** A message that only says a required table is missing: the Inputs checklist shows it, not the error list. */
export function isMissingTableMessage(message: { message: string; cell?: string }, summary: WorkbookSummary): boolean {
  return !message.cell && missingTables(summary).some((title) => message.message.startsWith(`No ${title} table found.`));
}

/**
 * Null when a run can start; otherwise the reason as the status line says it, most basic first: the
 * workbook not read yet, tables missing, errors in the input (the first one's cell), no strategy chosen.
 */
export function runBlocker(summary: WorkbookSummary | null, settings: RunSettings, inspecting: boolean): StatusWords | null {
  if (!summary) return inspecting ? READING_WORKBOOK : WORKBOOK_NOT_READ;
  const missing = missingTables(summary);
  if (missing.length > 0) return tablesMissing(missing);
  // Errors in the input block a run: they name their cell, or kept the tables from being read. An
  // error of the last run's plans (a shared resource no plan can fit) does not: the next run may fit.
  const errors = summary.messages.filter((m) => m.severity === "error" && (m.cell !== undefined || !summary.readable));
  if (errors.length > 0) return inputErrors(errors);
  if (settings.strategies.length === 0) return NO_STRATEGY;
  return null;
}

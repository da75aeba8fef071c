// The names of the monthly review's own tables and sheet, in a module of their own: the Office adapter reads them at
// first paint, and importing them from the readers (versions.ts, scenarios.ts) would load the whole layout with them.

/** The optional what-if table: `| Scenario | Change | Target | Value |`. */
export const SCENARIOS_TABLE_TITLE = "Scenarios";

/** The planner-owned sheet of saved versions, and its Excel table. */
export const VERSIONS_SHEET_NAME = "SOP Versions";
export const VERSIONS_TABLE_NAME = "SOP_Versions";

/** The sheets that compare: this plan against a saved version, and the scenarios against the base plan. */
export const VARIANCE_SHEET_NAME = "SOP Variance";
export const SCENARIOS_SHEET_NAME = "SOP Scenarios";

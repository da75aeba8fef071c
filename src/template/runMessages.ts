// The run's message catalogue: what a planning run says about versions, the manual plan asked for alone and capacity, in the words every front end shows.
import type { PlanMessage } from "../engine/model";
import { PLAN_ROW_LIST, TEMPLATE_TABLE_INFO } from "./schema";

/**
 * How the front end running the plan lets its user do what a message advises, in its own words:
 * the command line's flag, the pane's field. Without one the message states the fact alone.
 */
export interface RunHints {
  /** How to save a version, after "save one with": `--save-version NAME`. */
  saveVersion?: string;
}

const info = (message: string): PlanMessage => ({ severity: "info", message });
const error = (message: string): PlanMessage => ({ severity: "error", message });

export const runMessages = {
  /** A version the run was asked to delete is not saved. */
  noVersionToDelete: (name: string) => error(`No version named "${name.trim()}" to delete.`),

  /** The name to save the run as is blank or taken (`problem` from `versionNameProblem`). */
  cannotSaveVersion: (problem: string) => error(`Cannot save the version: ${problem}.`),

  /** The version to compare with is not saved: the names there are, or how to save one. */
  noVersionToCompare(name: string, saved: readonly string[], versionsSheet: string, hints: RunHints = {}): PlanMessage {
    const names = saved.map((v) => `"${v}"`);
    const none = `the workbook has no saved versions${hints.saveVersion ? ` (save one with ${hints.saveVersion})` : ""}`;
    return error(`No version named "${name.trim()}" to compare with: ${names.length > 0 ? `the workbook's ${versionsSheet} has ${names.join(", ")}` : none}.`);
  },

  versionSaved: (name: string, families: number) => info(`Saved version "${name}": the recommended plans of ${families} ${families === 1 ? "family" : "families"}.`),

  familyNotSaved: (family: string, version: string) => info(`${family}: no feasible plan, not saved in version "${version}".`),

  comparedWith: (version: string, varianceSheet: string) => info(`Compared with version "${version}" (see ${varianceSheet}).`),

  varianceNote: (note: string) => info(`Variance: ${note}`),

  /** Only the manual plan was asked for and there is no Plan table. */
  manualOnlyWithoutPlanTable(): PlanMessage {
    const { title, header } = TEMPLATE_TABLE_INFO.plan;
    return error(`Only the manual plan was asked for, but there is no ${title} table: add a worksheet named "${title}" whose first row is the header ${header}, ${OTHER_STRATEGIES}.`);
  },

  /** Only the manual plan was asked for and the Plan table (at `cell`) has no rows for `family`. */
  manualOnlyWithoutRows(family: string, cell: string): PlanMessage {
    const { title } = TEMPLATE_TABLE_INFO.plan;
    return {
      severity: "error",
      cell,
      message: `Only the manual plan was asked for, but the ${title} table (${cell}) has no rows for family "${family}": add its ${PLAN_ROW_LIST} rows, ${OTHER_STRATEGIES}.`,
    };
  },

  /** A capacity finding about recommended plans, once with the families it concerns. */
  capacityFinding: (families: readonly string[], finding: string) => error(`${families.join(", ")}: ${finding}.`),
};

const OTHER_STRATEGIES = "or plan with other strategies too";

// What the task pane needs from the planning code: a look at the workbook, and a planning run.
import type { PlanMessage, PlanningInput } from "../engine/model";
import { runPlanner, type PlannerOptions, type PlannerRun } from "../workbook/pipeline";
import { cellRef } from "../workbook/names";
import { parseInputs } from "../workbook/parse";
import type { RawTable } from "../workbook/raw";
import {
  findTemplateTables,
  TEMPLATE_TABLE_INFO,
  TEMPLATE_TABLE_NAMES,
  type TemplateTableName,
  type TemplateTables,
} from "../workbook/tables";

export interface FoundTable {
  name: TemplateTableName;
  title: string;
  required: boolean;
  /** Where the table was found, e.g. `table "Forecast" at Forecast!A1`; null when it is missing. */
  source: string | null;
}

/** What the task pane shows about the workbook before (and after) planning. */
export interface WorkbookSummary {
  tables: FoundTable[];
  families: string[];
  periods: string[];
  messages: PlanMessage[];
}

/**
 * The planning code behind the task pane. `run` may return a promise so that planning can
 * move to a Web Worker without changing the UI.
 */
export interface TaskpanePlanner {
  inspect(blocks: RawTable[]): WorkbookSummary;
  run(blocks: RawTable[], options: PlannerOptions): PlannerRun | Promise<PlannerRun>;
}

export function summarize(tables: TemplateTables, input: PlanningInput | null, messages: PlanMessage[]): WorkbookSummary {
  return {
    tables: TEMPLATE_TABLE_NAMES.map((name) => {
      const block = tables[name];
      const { title, required } = TEMPLATE_TABLE_INFO[name];
      const kind = block?.isTable ? `table "${block.name}"` : `sheet "${block?.sheet}"`;
      return { name, title, required, source: block ? `${kind} at ${cellRef(block, 0, 0)}` : null };
    }),
    families: input?.families.map((f) => f.family) ?? [],
    periods: input?.periods ?? [],
    messages,
  };
}

/** Finds and parses the template tables without planning: what the pane shows on load. */
export function inspectWorkbook(blocks: RawTable[]): WorkbookSummary {
  const found = findTemplateTables(blocks);
  const parsed = parseInputs(found.tables);
  return summarize(found.tables, parsed.input, [...found.messages, ...parsed.messages]);
}

export const defaultPlanner: TaskpanePlanner = { inspect: inspectWorkbook, run: runPlanner };

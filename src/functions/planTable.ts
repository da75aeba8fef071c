// The plan table a plan function spills: one line per quantity, one cell per period, laid out the way demand runs.
import { sumCosts, type PlanPeriod, type PlanResult } from "../engine";
import type { Orientation } from "./args";

/** The lines of the table, in the order the README documents (the first column when `header` is TRUE). */
export const PLAN_TABLE_LINES: readonly { label: string; value: (period: PlanPeriod) => number }[] = [
  { label: "Regular", value: (p) => p.regular },
  { label: "Overtime", value: (p) => p.overtime },
  { label: "Subcontract", value: (p) => p.subcontract },
  { label: "Workers", value: (p) => p.workers },
  { label: "Hired", value: (p) => p.hired },
  { label: "Laid off", value: (p) => p.laidOff },
  { label: "Inventory", value: (p) => p.inventory },
  { label: "Backlog", value: (p) => p.backlog },
];

export const COST_LINE_LABEL = "Cost";

export interface PlanTableOptions {
  /** Lead each line with its name: a first column (periods across) or a first row (periods down). */
  header: boolean;
  /** The way demand runs; periods run the same way in the table so it lines up under (or beside) it. */
  orientation: Orientation;
}

/** Regular … Backlog and the period's total cost, across the periods; transposed when periods run down. */
export function planTable(plan: PlanResult, options: PlanTableOptions): (number | string)[][] {
  const lines: (number | string)[][] = PLAN_TABLE_LINES.map(({ label, value }) => {
    const cells: (number | string)[] = plan.periods.map(value);
    return options.header ? [label, ...cells] : cells;
  });
  const costs: (number | string)[] = plan.periodCosts.map(sumCosts);
  lines.push(options.header ? [COST_LINE_LABEL, ...costs] : costs);
  return options.orientation === "across" ? lines : transpose(lines);
}

function transpose<T>(rows: readonly (readonly T[])[]): T[][] {
  return rows[0].map((_, c) => rows.map((row) => row[c]));
}

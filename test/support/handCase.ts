// The hand-checked case shared by the CLI, custom-function and bundle tests: one family, three periods.
// Level 34,400; chase 23,300; manual 26,950 (see test/integration/cli.test.ts for the arithmetic).
import type { Grid } from "./xlsxFiles";

export const HAND_FORECAST: Grid = [
  ["Family", "Product", "Jan", "Feb", "Mar"],
  ["Tools", null, 300, 100, 200],
];

/** Whole workers, an initial workforce, hourly pay, ending-basis holding, no backorders. */
export const HAND_POLICY: Grid = [
  ["Parameter", "Value"],
  ["Units per worker per period", 50],
  ["Hours per worker per period", 160],
  ["Regular cost per hour", 10],
  ["Overtime cost per hour", 15],
  ["Max overtime hours per worker", 40],
  ["Hiring cost per worker", 100],
  ["Layoff cost per worker", 200],
  ["Holding cost per unit", 2],
  ["Subcontract cost per unit", 30],
  ["Material cost per unit", 5],
  ["Price per unit", 60],
  ["Initial workers", 5],
  ["Integer workers", "Yes"],
];

export const HAND_PLAN: Grid = [
  ["Family", "Row", "Jan", "Feb", "Mar"],
  ["Tools", "Workers", 4, 4, 4],
  ["Tools", "Regular", 200, 200, 200],
  ["Tools", "Overtime", 50, 0, 0],
  ["Tools", "Subcontract", 50, 0, 0],
];

// Excel custom functions (namespace SOP): JSDoc and types for Excel's metadata (inline: the generator reads no aliases), each body one delegation.
import { capacityUtilization, disaggregateTotals, requiredCapacity } from "./aggregation";
import { accuracyColumn, forecastColumn } from "./forecasting";
import { optimalPlanTable } from "./optimal";
import { manualPlanCost, strategyPlanTable } from "./plans";

/**
 * The level plan: one constant workforce on regular time, inventory (or backlog) absorbing demand.
 * Spills Regular, Overtime, Subcontract, Workers, Hired, Laid off, Inventory, Backlog and Cost, one cell per period.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#sop-level
 * @param demand Demand per period: one row (the plan spills across) or one column (it spills down). Blank cells are 0.
 * @param policy The two-column Parameter/Value range of the Policy table, header row optional.
 * @param [workingDays] Working days per period, as many as demand; needed for per-day Policy values.
 * @param [header] TRUE to lead each line with its name; FALSE (default) for numbers only.
 * @returns The plan, or #VALUE! naming the argument that is wrong, or #N/A when the plan breaks the policy.
 */
export function level(
  demand: unknown[][],
  policy: unknown[][],
  workingDays?: unknown[][],
  header?: boolean,
): Array<Array<number | string | CustomFunctions.Error>> {
  return strategyPlanTable("level", demand, policy, workingDays, header);
}

/**
 * The chase plan: each period's output is that period's net need; the workforce follows by hiring and layoffs.
 * Spills the same lines as SOP.LEVEL.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#sop-chase
 * @param demand Demand per period: one row (the plan spills across) or one column (it spills down). Blank cells are 0.
 * @param policy The two-column Parameter/Value range of the Policy table, header row optional.
 * @param [workingDays] Working days per period, as many as demand; needed for per-day Policy values.
 * @param [header] TRUE to lead each line with its name; FALSE (default) for numbers only.
 * @returns The plan, or #VALUE! naming the argument that is wrong, or #N/A when the plan breaks the policy.
 */
export function chase(
  demand: unknown[][],
  policy: unknown[][],
  workingDays?: unknown[][],
  header?: boolean,
): Array<Array<number | string | CustomFunctions.Error>> {
  return strategyPlanTable("chase", demand, policy, workingDays, header);
}

/**
 * Level + subcontract: a constant workforce sized to make the lowest period's demand on regular time, the rest of each period's need subcontracted.
 * Spills the same lines as SOP.LEVEL.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#sop-levelsubcontract
 * @param demand Demand per period: one row (the plan spills across) or one column (it spills down). Blank cells are 0.
 * @param policy The two-column Parameter/Value range of the Policy table, header row optional.
 * @param [workingDays] Working days per period, as many as demand; needed for per-day Policy values.
 * @param [header] TRUE to lead each line with its name; FALSE (default) for numbers only.
 * @returns The plan, or #VALUE! naming the argument that is wrong, or #N/A when the plan breaks the policy.
 */
export function levelSubcontract(
  demand: unknown[][],
  policy: unknown[][],
  workingDays?: unknown[][],
  header?: boolean,
): Array<Array<number | string | CustomFunctions.Error>> {
  return strategyPlanTable("hybrid-subcontract", demand, policy, workingDays, header);
}

/**
 * Level + overtime: the same constant workforce, the rest made on overtime up to its caps, then subcontracted when allowed.
 * Spills the same lines as SOP.LEVEL.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#sop-levelovertime
 * @param demand Demand per period: one row (the plan spills across) or one column (it spills down). Blank cells are 0.
 * @param policy The two-column Parameter/Value range of the Policy table, header row optional.
 * @param [workingDays] Working days per period, as many as demand; needed for per-day Policy values.
 * @param [header] TRUE to lead each line with its name; FALSE (default) for numbers only.
 * @returns The plan, or #VALUE! naming the argument that is wrong, or #N/A when the plan breaks the policy.
 */
export function levelOvertime(
  demand: unknown[][],
  policy: unknown[][],
  workingDays?: unknown[][],
  header?: boolean,
): Array<Array<number | string | CustomFunctions.Error>> {
  return strategyPlanTable("hybrid-overtime", demand, policy, workingDays, header);
}

/**
 * The optimal plan: the least-cost mix of workforce, overtime, subcontracting, inventory and backlog (a linear program).
 * Spills the same lines as SOP.LEVEL. The solver loads on first use; identical inputs are answered from memory.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#sop-optimal
 * @param demand Demand per period: one row (the plan spills across) or one column (it spills down). Blank cells are 0.
 * @param policy The two-column Parameter/Value range of the Policy table, header row optional.
 * @param [workingDays] Working days per period, as many as demand; needed for per-day Policy values.
 * @param [header] TRUE to lead each line with its name; FALSE (default) for numbers only.
 * @returns The plan, or #VALUE! naming the argument that is wrong, or #N/A when no plan meets the policy.
 */
export async function optimal(
  demand: unknown[][],
  policy: unknown[][],
  workingDays?: unknown[][],
  header?: boolean,
): Promise<Array<Array<number | string | CustomFunctions.Error>>> {
  return optimalPlanTable(demand, policy, workingDays, header);
}

/**
 * The cost of a manual plan (rows Workers, Regular, Overtime, Subcontract) under the policy: the total, one kind, revenue or margin.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#sop-cost
 * @param demand Demand per period: one row or one column. Blank cells are 0.
 * @param plan The plan: a line per kind (Workers, Regular, Overtime, Subcontract), periods running the way demand runs; names in the first cell optional.
 * @param policy The two-column Parameter/Value range of the Policy table, header row optional.
 * @param [part] Total (default), Regular, Overtime, Hiring, Layoff, Holding, Backorder, Subcontract, Material, Revenue or Margin.
 * @param [workingDays] Working days per period, as many as demand; needed for per-day Policy values.
 * @returns The cost, or #VALUE! naming the argument that is wrong, or #N/A when the plan breaks the policy.
 */
export function cost(
  demand: unknown[][],
  plan: unknown[][],
  policy: unknown[][],
  part?: string,
  workingDays?: unknown[][],
): number | CustomFunctions.Error {
  return manualPlanCost(demand, plan, policy, part, workingDays);
}

/**
 * Top-down disaggregation: each total split by the mix in whole units (largest remainder), the parts adding up exactly.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#sop-disaggregate
 * @param total Units to split: one cell, or one per period (a row when the mix is a column, and the other way round).
 * @param mix Each product's share: fractions, percentages or volumes, normalised; all blank or 0 splits equally.
 * @returns Units per product and period: products down and periods across when the mix is a column.
 */
export function disaggregate(total: unknown[][], mix: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return disaggregateTotals(total, mix);
}

/**
 * Resource requirements: capacity each resource needs per period for the units planned.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#sop-load
 * @param units Units per product (rows) and period (columns). Blank cells are 0.
 * @param loads Capacity used per unit, per product (rows, the same order) and resource (columns), like the Products table's resource columns.
 * @returns Capacity required per resource (rows) and period (columns), the layout of the Capacity table.
 */
export function load(units: unknown[][], loads: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return requiredCapacity(units, loads);
}

/**
 * Share of available capacity each cell requires: required ÷ available, element by element.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#sop-utilization
 * @param required Capacity required, e.g. hours per resource and period. Blank cells require nothing.
 * @param available Capacity available, the same shape as required; every cell greater than 0.
 * @returns A range the shape of the inputs: 1 is 100 % of capacity.
 */
export function utilization(required: unknown[][], available: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return capacityUtilization(required, available);
}

/**
 * The statistical baseline of a history: the method with the lowest holdout error (or the one asked for), its forecasts spilled down a column.
 * The same baseline as the SOP Demand review sheet for the same actuals and horizon. The forecasting code loads on first use.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#sop-forecast
 * @param actuals Past demand, oldest first: one row or one column. Blank cells are 0; blank cells after the last value are left out.
 * @param horizon Periods to forecast: a whole number from 1 to 1000.
 * @param [season] Periods in a season: 12 (default) for months, 52 for weeks, 4 for quarters, 1 for none.
 * @param [method] naive, seasonal naive, moving average, ETS, Croston, SBA or TSB; blank for the lowest holdout error.
 * @param [intervals] TRUE to add four columns: the 80 % and 95 % prediction intervals (Lo 80, Hi 80, Lo 95, Hi 95).
 * @param [header] TRUE to put the column names on top.
 * @returns The forecasts, or #VALUE! naming the argument that is wrong, or #N/A when the method asked for cannot run on the history.
 */
export async function forecast(
  actuals: unknown[][],
  horizon: number,
  season?: number,
  method?: string,
  intervals?: boolean,
  header?: boolean,
): Promise<Array<Array<number | string | CustomFunctions.Error>>> {
  return forecastColumn(actuals, horizon, season, method, intervals, header);
}

/**
 * Forecast accuracy: WAPE, bias and tracking signal, spilled down a column in that order.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#sop-accuracy
 * @param actuals Actual demand per period: one row or one column. A blank cell leaves its period out.
 * @param forecast The forecast of the same periods, as many cells as actuals. A blank cell leaves its period out.
 * @param [header] TRUE to put the names (WAPE, Bias, Tracking signal) in a first column.
 * @returns WAPE and bias as fractions, the tracking signal in mean absolute deviations (beyond ±4: biased); #DIV/0! where a measure is undefined.
 */
export async function accuracy(actuals: unknown[][], forecast: unknown[][], header?: boolean): Promise<Array<Array<number | string | CustomFunctions.Error>>> {
  return accuracyColumn(actuals, forecast, header);
}

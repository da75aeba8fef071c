// SOP.FORECAST and SOP.ACCURACY: read a history (and forecasts), let the forecasting engine choose the baseline or score it, spill the figures down a column.
// The engine loads on the first call (a chunk of its own): functions.js loads with every workbook, before the pane is interactive.
import type { BaselineMethod, BaselinePoint } from "../engine/forecast";
import { cellMessage, describeCell } from "../template/cellMessages";
import { isBlankCell, readAmountCell } from "../template/cellReading";
import { readFlag, readRange } from "./args";
import { cellError, refuse, spilled, type Checked, type SpilledCells } from "./errors";
import { errorText } from "./solverOnDemand";

type ForecastEngine = typeof import("../engine/forecast");

/** The forecasting engine, loaded on first use; a load that failed is tried again on the next call. */
let engineLoad: Promise<ForecastEngine> | null = null;
async function forecastEngine(): Promise<ForecastEngine> {
  engineLoad ??= import(/* webpackChunkName: "forecast" */ "../engine/forecast");
  try {
    return await engineLoad;
  } catch (error) {
    engineLoad = null;
    throw error;
  }
}

/** The cells a function answers with, once the engine is loaded; #N/A saying so when it cannot be (recalculate to retry). */
async function withEngine(body: (engine: ForecastEngine) => SpilledCells): Promise<SpilledCells> {
  let engine: ForecastEngine;
  try {
    engine = await forecastEngine();
  } catch (error) {
    return [[cellError(`the forecasting code could not be loaded (${errorText(error)}); recalculate to try again`, CustomFunctions.ErrorCode.notAvailable)]];
  }
  return body(engine);
}

/** The longest horizon a cell spills: 1,000 periods (83 years of months, 19 of weeks). */
export const MAX_FORECAST_HORIZON = 1000;

/** The season when none is given: months. */
export const DEFAULT_SEASON = 12;

/** The lines SOP.FORECAST spills with `intervals`, in order; the names head them with `header`. */
export const FORECAST_COLUMNS = ["Forecast", "Lo 80", "Hi 80", "Lo 95", "Hi 95"] as const;

/** SOP.ACCURACY's lines, in order. */
export const ACCURACY_LINES = ["WAPE", "Bias", "Tracking signal"] as const;

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });

/**
 * The cells of one row or one column, oldest first, as they are (blank cells kept as blank);
 * `name[3]` names the third. A range of several rows and columns is refused.
 */
function readLine(name: string, arg: unknown): Checked<unknown[]> {
  const range = readRange(name, arg);
  if (!range.ok) return range;
  const grid = range.value;
  if (grid.length > 1 && grid[0].length > 1) return refuse(`${name} is ${grid.length}×${grid[0].length}; give one row or one column`);
  return ok(grid.length > 1 ? grid.map((row) => row[0]) : [...grid[0]]);
}

/** An amount of demand (0 or more), or the message naming the cell. */
function demandAmount(cell: unknown, at: string, what: string): number | string {
  const reading = readAmountCell(cell);
  if (reading.kind === "bad") return cellMessage(at, reading.reason, reading.cell, { what });
  return reading.kind === "ok" ? reading.value : 0;
}

/**
 * The history: one row or one column, oldest first, read as the Actuals table is read (blank = 0;
 * text, a negative number or an error value is refused, naming its cell). Blank cells after the last
 * value are left out, so a range reaching below the history (A2:A100 for 36 months) reads 36 months.
 */
export function readHistory(arg: unknown): Checked<number[]> {
  const line = readLine("actuals", arg);
  if (!line.ok) return line;
  let end = line.value.length;
  while (end > 0 && isBlankCell(line.value[end - 1])) end--;
  if (end === 0) return refuse("actuals has no values; give the past demand, oldest first, as one row or one column");
  const history: number[] = [];
  for (let i = 0; i < end; i++) {
    const value = demandAmount(line.value[i], `actuals[${i + 1}]`, "actual demand");
    if (typeof value === "string") return refuse(value);
    history.push(value);
  }
  return ok(history);
}

/** A whole number from `min` to `max`; blank = `fallback` (null: required). */
function readWhole(name: string, arg: unknown, min: number, max: number, fallback: number | null, why: string): Checked<number> {
  const cell = Array.isArray(arg) ? (arg[0] as unknown[] | undefined)?.[0] : arg;
  if (isBlankCell(cell)) return fallback === null ? refuse(`${name} is missing; ${why}`) : ok(fallback);
  if (typeof cell !== "number" || !Number.isFinite(cell)) return refuse(`${name} holds ${describeCell(cell)}, not a number; ${why}`);
  if (!Number.isInteger(cell) || cell < min || cell > max) return refuse(`${name} is ${describeCell(cell)}; ${why}`);
  return ok(cell);
}

/** A method name without case, spaces or underscores (not the template's name matching: it drops a bracket, and `ETS(M,Ad,M)` is not `ETS`). */
const methodKey = (name: string): string => name.toLowerCase().replace(/[\s_]+/g, "");

/** The method names a cell may give, matched ignoring case and spaces; blank or `auto` = the holdout chooses. */
export function readMethod(arg: unknown, methods: readonly BaselineMethod[]): Checked<BaselineMethod | undefined> {
  const cell = Array.isArray(arg) ? (arg[0] as unknown[] | undefined)?.[0] : arg;
  if (isBlankCell(cell)) return ok(undefined);
  const key = typeof cell === "string" ? methodKey(cell) : "";
  if (key === "auto") return ok(undefined);
  const method = methods.find((m) => methodKey(m) === key);
  if (method) return ok(method);
  const form = typeof cell === "string" && /^\s*ETS\s*\(/i.test(cell) ? "; an ETS form is chosen by AICc: give ETS" : "";
  return refuse(`method is ${describeCell(cell)}${form}; give one of ${methods.join(", ")}, or leave it blank for the method with the lowest holdout error`);
}

/** Whether the baseline ran the method asked for (the engine falls back to naive when it cannot). */
function ranAsAsked(method: BaselineMethod, ran: string): boolean {
  return method === "ETS" ? ran.startsWith("ETS(") : ran === method;
}

function pointCells(point: BaselinePoint, intervals: boolean): number[] {
  return intervals ? [point.forecast, point.lo80, point.hi80, point.lo95, point.hi95] : [point.forecast];
}

/**
 * SOP.FORECAST: the statistical baseline of a history (the engine's demandBaseline, the call the
 * Demand review sheet makes for the same history and horizon), its forecasts spilled down a column,
 * with the 80 % and 95 % bounds as four more columns when `intervals` is TRUE and the column names
 * on top when `header` is TRUE. A method asked for that cannot run on the history is #N/A saying why.
 */
export function forecastColumn(actualsArg: unknown, horizonArg: unknown, seasonArg: unknown, methodArg: unknown, intervalsArg: unknown, headerArg: unknown): Promise<SpilledCells> {
  return withEngine(({ BASELINE_METHODS, demandBaseline }) => spilled(() => {
    const history = readHistory(actualsArg);
    if (!history.ok) return history;
    const horizon = readWhole("horizon", horizonArg, 1, MAX_FORECAST_HORIZON, null, `give the periods to forecast, a whole number from 1 to ${MAX_FORECAST_HORIZON}`);
    if (!horizon.ok) return horizon;
    const season = readWhole("season", seasonArg, 1, MAX_FORECAST_HORIZON, DEFAULT_SEASON, "give the periods in a season, a whole number (12 for months, 52 for weeks, 4 for quarters, 1 for none)");
    if (!season.ok) return season;
    const method = readMethod(methodArg, BASELINE_METHODS);
    if (!method.ok) return method;
    const intervals = readFlag("intervals", intervalsArg, false);
    if (!intervals.ok) return intervals;
    const header = readFlag("header", headerArg, false);
    if (!header.ok) return header;

    const baseline = demandBaseline(history.value, { horizon: horizon.value, seasonLength: season.value, method: method.value });
    if (method.value && !ranAsAsked(method.value, baseline.method)) {
      const why = baseline.reasons.filter((r) => !r.startsWith("naive as asked") && !r.includes("naive instead")).join("; ");
      return refuse(`${method.value} cannot run on ${history.value.length} periods of actuals${why ? ` (${why})` : ""}; leave method blank to let the holdout choose`, CustomFunctions.ErrorCode.notAvailable);
    }
    const rows: (number | string)[][] = baseline.points.map((point) => pointCells(point, intervals.value));
    if (header.value) rows.unshift(intervals.value ? [...FORECAST_COLUMNS] : [FORECAST_COLUMNS[0]]);
    return ok(rows);
  }));
}

/** A list of amounts where blank means "not known" (kept as null). */
function readKnown(name: string, arg: unknown, what: string): Checked<(number | null)[]> {
  const line = readLine(name, arg);
  if (!line.ok) return line;
  const values: (number | null)[] = [];
  for (let i = 0; i < line.value.length; i++) {
    const cell = line.value[i];
    if (isBlankCell(cell)) {
      values.push(null);
      continue;
    }
    const value = demandAmount(cell, `${name}[${i + 1}]`, what);
    if (typeof value === "string") return refuse(value);
    values.push(value);
  }
  return ok(values);
}

/**
 * SOP.ACCURACY: WAPE Σ|A − F| / ΣA, bias Σ(F − A) / ΣA (fractions) and the tracking signal
 * Σ(A − F) / MAD, over the periods that have both an actual and a forecast (a blank cell in either
 * leaves its period out), spilled down a column in that order; `header` TRUE puts the names in a
 * first column. A measure that is undefined (the actuals add up to 0; every forecast exact) is
 * #DIV/0! saying why, in its own cell.
 */
export function accuracyColumn(actualsArg: unknown, forecastArg: unknown, headerArg: unknown): Promise<SpilledCells> {
  return withEngine(({ bias, trackingSignal, wape }) => spilled(() => {
    const actuals = readKnown("actuals", actualsArg, "actual demand");
    if (!actuals.ok) return actuals;
    const forecast = readKnown("forecast", forecastArg, "a forecast");
    if (!forecast.ok) return forecast;
    const header = readFlag("header", headerArg, false);
    if (!header.ok) return header;
    const a = actuals.value;
    const f = forecast.value;
    if (a.length !== f.length) return refuse(`actuals has ${a.length} periods but forecast has ${f.length}; give one forecast per actual, in the same order`);
    const actual: number[] = [];
    const predicted: number[] = [];
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const y = f[i];
      if (x === null || y === null) continue;
      actual.push(x);
      predicted.push(y);
    }
    if (actual.length === 0) return refuse("no period has both an actual and a forecast; a blank cell leaves its period out", CustomFunctions.ErrorCode.notAvailable);
    const zeroActuals = "the actuals add up to 0, so there is nothing to weigh the errors by";
    const measures: (number | CustomFunctions.Error)[] = [
      wape(actual, predicted) ?? cellError(`WAPE: ${zeroActuals}`, CustomFunctions.ErrorCode.divisionByZero),
      bias(actual, predicted) ?? cellError(`Bias: ${zeroActuals}`, CustomFunctions.ErrorCode.divisionByZero),
      trackingSignal(actual, predicted) ?? cellError("Tracking signal: every forecast equals its actual, so the mean absolute deviation is 0", CustomFunctions.ErrorCode.divisionByZero),
    ];
    return ok(measures.map((value, i) => (header.value ? [ACCURACY_LINES[i], value] : [value])));
  }));
}

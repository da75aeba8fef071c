// Reads the template tables into the engine's PlanningInput, collecting every problem with its cell.
import {
  type BudgetLine,
  type FamilyInput,
  type FamilyPolicy,
  type ManualPlanInput,
  type PlanMessage,
  type PlanningInput,
  type ProductInput,
  type ResourceCapacity,
  type ActualsSeries,
  type DemandHistory,
  type ForecastInputRow,
  type ForecastReason,
  plainNumber,
  POLICY_DEFAULTS,
  productionRates,
} from "../engine";
import { seasonLengthOf } from "../engine/forecast";
import { blankCapacityMessage, describeCell, openingStockValueMessage, quote, rateProblemMessage } from "../template/cellMessages";
import { isBlankCell, readAmountCell, readCeilingShareCell, readLabelCell, readNameCell, readNumberCell, valueOr, type Reading } from "../template/cellReading";
import { MessageLog } from "../template/messageLog";
import { policyColumnsOf, readPolicyTable, resolvePolicy, type PolicyColumns, type PolicyRow } from "../template/policyTable";
import {
  BUDGET_LINE_LIST,
  BUDGET_LINES,
  budgetLineNamed,
  entityKey,
  FORECAST_REASON_COLUMN,
  matchHeaderToName,
  normalizeName,
  PLAN_ROW_LIST,
  planRowName,
  POLICY_SCHEMA,
  planRowNamed,
  PRODUCT_COLUMNS,
  TABLE_KEYS,
  TEMPLATE_TABLE_INFO,
  WORKING_DAYS_ROW,
  MAX_UTILISATION_ROW,
  type PolicySchema,
  type ProductField,
  type TemplateTableName,
} from "../template/schema";
import {
  cellAt,
  columnHasData,
  dataRows,
  findKeyColumns,
  headerText,
  headerWidth,
  isHeaderNamed,
  reportCell,
  reportDuplicateRow,
  reportMissingKey,
  tableColumns,
  tableTitle,
  warnBeyondHeader,
  type TableColumns,
  type TableGrid,
} from "../template/tableGrid";
import { cellRef, gridOf } from "./names";
import { cellAddress, quoteSheetName } from "./sheet";
import type { RawCell, RawTable } from "./raw";
import type { TemplateTables } from "./tables";
import { PERIODS_PER_YEAR, periodTime } from "./periodKinds";

/**
 * Parses the template tables. Never throws: every problem becomes a message naming its cell,
 * and `input` is null when any message is an error. Missing Forecast or Policy tables are
 * reported by `findTemplateTables` (or `missingTableMessages`), not again here. The Policy is read
 * by `schema`'s parameters: the template's unless a test adds its own.
 */
export function parseInputs(tables: TemplateTables, schema: PolicySchema = POLICY_SCHEMA): ParsedInputs {
  const log = new MessageLog();
  const forecastTable = tables.forecast && readPeriodTable(tables.forecast, "forecast", TABLE_KEYS.forecast, log, [FORECAST_REASON_COLUMN]);
  const capacityTable = tables.capacity && readPeriodTable(tables.capacity, "capacity", TABLE_KEYS.capacity, log);
  const planTable = tables.plan && readPeriodTable(tables.plan, "plan", TABLE_KEYS.plan, log);
  const inputsTable = tables.forecastinputs && readPeriodTable(tables.forecastinputs, "forecastinputs", TABLE_KEYS.forecastinputs, log);
  const budgetTable = tables.budget && readPeriodTable(tables.budget, "budget", TABLE_KEYS.budget, log);
  checkSamePeriods([forecastTable, capacityTable, planTable, inputsTable, budgetTable], log);
  // Actuals has periods of its own: past ones, before the plan's.
  const actualsTable = tables.actuals && readPeriodTable(tables.actuals, "actuals", TABLE_KEYS.actuals, log);

  const forecast = forecastTable ? parseForecast(forecastTable, log) : null;
  const capacity: Capacity = capacityTable ? parseCapacity(capacityTable, log) : { workingDays: null, maxUtilization: null, resources: [] };
  // A Capacity table given but not read (its header's error is said): its rows and resources are
  // unknown, not absent, so what needs them raises no errors of its own.
  const capacityUnread = Boolean(tables.capacity) && !capacityTable;
  const periodCount = forecastTable ? forecastTable.labels.length : 0;
  const history = actualsTable && forecastTable && forecast ? parseActuals(actualsTable, forecastTable, forecast, log) : null;
  const withActuals = history && new Set(history.series.filter((s) => s.product === null).map((s) => entityKey(s.family)));
  // A family with actuals but no Forecast row is planned on its baseline (the demand review sets its demand).
  const actualsOnly = (history?.series ?? []).filter((s) => s.product === null && !forecast?.families.some((f) => entityKey(f.name) === entityKey(s.family))).map((s) => s.family);
  const products = tables.products ? parseProducts(tables.products, forecast, actualsOnly, capacity.resources, log, capacityUnread) : [];
  const familyNames = forecast ? [...forecast.families.map((f) => f.name), ...actualsOnly] : null;
  const inputs = inputsTable && familyNames ? parseForecastInputs(inputsTable, familyNames, log) : [];
  const policies = tables.policy && parsePolicy(tables.policy, familyNames, capacity.workingDays, periodCount, log, withActuals ?? new Set(), schema, capacity.resources, capacityUnread);
  const manualPlans = planTable ? parsePlan(planTable, familyNames, log) : new Map<string, ManualPlanInput>();
  const budget = budgetTable ? parseBudget(budgetTable, familyNames, log) : [];

  if (log.hasErrors || !forecastTable || !forecast || !policies) return { input: null, messages: log.messages, history: null, inputs: [], reasons: [] };
  const families: FamilyInput[] = forecast.families.map((f) => ({
    family: f.name,
    demand: f.demand,
    // Only said when false: absent means the family has its own row.
    ...(f.familyRow === null && { hasFamilyRow: false }),
    policy: policies.get(entityKey(f.name)) ?? { ...POLICY_DEFAULTS },
    manualPlan: manualPlans.get(entityKey(f.name)) ?? null,
  }));
  for (const name of actualsOnly) {
    families.push({
      family: name,
      demand: forecastTable.labels.map(() => 0),
      noForecast: true,
      policy: policies.get(entityKey(name)) ?? { ...POLICY_DEFAULTS },
      manualPlan: manualPlans.get(entityKey(name)) ?? null,
    });
  }
  const reasons: ForecastReason[] = forecast.families.flatMap((f) =>
    [f.familyRow, ...f.productRows].flatMap((row) => (row?.reason ? [{ family: f.name, product: row.product, reason: row.reason }] : [])),
  );
  return {
    input: {
      periods: forecastTable.labels,
      workingDays: capacity.workingDays,
      ...(capacity.maxUtilization && { maxUtilization: capacity.maxUtilization }),
      families,
      products: [...products, ...forecastOnlyProducts(forecast, products)],
      resources: capacity.resources,
      ...(budget.length > 0 && { budget }),
    },
    messages: log.messages,
    history,
    inputs,
    reasons,
  };
}

/** What the template tables say: the plan's input, the history, the consensus' inputs and reasons, and every problem with its cell. */
export interface ParsedInputs {
  /** null when any message is an error. */
  input: PlanningInput | null;
  messages: PlanMessage[];
  /** The Actuals table, when there is one. */
  history: DemandHistory | null;
  /** The Forecast inputs table's rows (each team's forecast), in its order. */
  inputs: ForecastInputRow[];
  /** The Forecast rows' `Reason` cells that are not blank. */
  reasons: ForecastReason[];
}

// ---------------------------------------------------------------------------------------------
// Cells

/** A name in a key column; numbers read as their text, as codes often are (`10045`). */
function readName(grid: TableGrid, row: number, col: number, what: string, log: MessageLog): Reading<string> {
  return reportCell(readNameCell(cellAt(grid, row, col)), grid, row, col, { what }, log);
}

/** A quantity that must be a number from 0 to MAX_AMOUNT (demand, capacity, costs, …). */
function readAmount(grid: TableGrid, row: number, col: number, what: string, log: MessageLog): Reading<number> {
  return reportCell(readAmountCell(cellAt(grid, row, col)), grid, row, col, { what }, log);
}

// ---------------------------------------------------------------------------------------------
// Header rows and periods

/** Where a table's columns are (the template's reading of its header), with the block and its grid. */
interface TableLayout extends TableColumns {
  table: RawTable;
  grid: TableGrid;
  name: TemplateTableName;
}

interface PeriodTable extends TableLayout {
  labels: string[];
  /** The column of each text column found among the periods' (Forecast's `Reason`). */
  textColumns: ReadonlyMap<string, number>;
}

/** Finds the key columns by name; an error naming the header row when one is missing. */
function keyColumnsOrReport(table: RawTable, name: TemplateTableName, keys: readonly string[], log: MessageLog): number[] | null {
  const keyColumns = findKeyColumns(table.values[0] ?? [], keys);
  const missing = keys.filter((_, i) => keyColumns[i] < 0);
  if (missing.length === 0) return keyColumns;
  const ref = cellRef(table, 0, 0);
  const columns = missing.map((k) => `"${k}"`).join(" and ");
  const why = mergedHeaderNote(table) ?? titleRowNote(table, keys);
  log.error(
    ref,
    `The ${tableTitle(name)} header row (row ${table.top + 1}, starting at ${ref}) has no ${columns} column${why}; ` +
      `it must read ${TEMPLATE_TABLE_INFO[name].header}.`,
  );
  return null;
}

/** `: A1:B1 is one merged cell ("Family"), …` when a merged cell spans columns of the header row. */
function mergedHeaderNote(table: RawTable): string | null {
  const width = table.values[0]?.length ?? 0;
  const headerRow = table.top;
  const merged = (table.merges ?? []).find(
    (area) => area.top <= headerRow && area.bottom >= headerRow && area.right > area.left && area.right >= table.left && area.left < table.left + width,
  );
  if (!merged) return null;
  const range = `${quoteSheetName(table.sheet)}!${cellAddress(merged.top, merged.left)}:${cellAddress(merged.bottom, merged.right)}`;
  const value = cellAt(table, 0, merged.left - table.left);
  const holding = isBlankCell(value) ? "" : ` (${headerText(value)})`;
  return `: ${range} is one merged cell${holding}; unmerge it so that each column has its own header`;
}

/**
 * `: row 1 holds only "Demand 2027", which looks like a title, …` when the first row has a single
 * text cell: the header was looked for below it too (see findTemplateTables) and not found.
 */
function titleRowNote(table: RawTable, keys: readonly string[]): string {
  const filled = (table.values[0] ?? []).filter((cell) => !isBlankCell(cell));
  if (filled.length !== 1 || typeof filled[0] !== "string") return "";
  const named = keys.map((k) => `"${k}"`).join(" and ");
  return `: row ${table.top + 1} holds only ${quote(filled[0])}, a title, and no row below it has ${named} either`;
}

function readLayout(table: RawTable, name: TemplateTableName, keys: readonly string[], log: MessageLog): TableLayout | null {
  const keyColumns = keyColumnsOrReport(table, name, keys, log);
  if (!keyColumns) return null;
  const grid = gridOf(table);
  return { table, grid, name, ...tableColumns(grid, name, keyColumns, log) };
}

/** The label of a period header: text, a date or a number; undefined when the cell cannot be one. */
function periodLabel(cell: RawCell): string | undefined {
  return valueOr(readLabelCell(cell), undefined);
}

/** Period labels compare ignoring case and spaces, so a `Jan 2027` date matches the text `jan 2027`. */
function periodKey(label: string): string {
  return label.toLowerCase().replace(/\s+/g, "");
}

/**
 * A table with periods: its key columns, then one column per period. `textColumns` (e.g. Forecast's
 * `Reason`) are named columns among the periods' that hold text and are no period.
 */
function readPeriodTable(table: RawTable, name: TemplateTableName, keys: readonly string[], log: MessageLog, textColumns: readonly string[] = []): PeriodTable | null {
  const found = readLayout(table, name, keys, log);
  if (!found) return null;
  const header = table.values[0];
  const named = new Map<string, number>();
  for (const c of found.dataColumns) {
    const title = textColumns.find((t) => isHeaderNamed(header[c], t));
    if (title !== undefined && !named.has(title)) named.set(title, c);
  }
  const layout = { ...found, dataColumns: found.dataColumns.filter((c) => ![...named.values()].includes(c)), textColumns: named };
  const labels: string[] = [];
  const firstColumnOf = new Map<string, number>();
  let valid = true;
  for (const c of layout.dataColumns) {
    const ref = cellRef(table, 0, c);
    const label = isBlankCell(header[c]) ? "" : periodLabel(header[c]);
    const rule = 'a label such as "Jan 2027", or a date';
    if (label === "") {
      log.error(ref, `${ref} has no period header, but columns right of it do; give every period column a header (${rule}).`);
    } else if (label === undefined) {
      log.error(ref, `${ref} holds ${describeCell(header[c])}; a period header must be ${rule}.`);
    } else if (firstColumnOf.has(periodKey(label))) {
      const first = cellRef(table, 0, firstColumnOf.get(periodKey(label)) as number);
      log.error(ref, `${ref} repeats the period ${quote(label)} of ${first}; each period must appear once.`);
    } else {
      firstColumnOf.set(periodKey(label), c);
      labels.push(label);
      continue;
    }
    valid = false;
  }
  if (valid && labels.length === 0 && (name === "forecast" || name === "actuals")) {
    const ref = cellRef(table, 0, layout.width);
    const what = name === "forecast" ? "period" : "past period";
    log.error(ref, `${tableTitle(name)} has no period columns; add one column per ${what} after "Product", starting at ${ref}.`);
    valid = false;
  }
  return valid ? { ...layout, labels } : null;
}

/** Every table with periods must have the first one's periods, in the same order. */
function checkSamePeriods(tables: (PeriodTable | null | undefined)[], log: MessageLog): void {
  const present = tables.filter((t): t is PeriodTable => !!t);
  const [reference, ...others] = present;
  for (const other of others) checkPeriodsMatch(reference, other, log);
}

function checkPeriodsMatch(reference: PeriodTable, other: PeriodTable, log: MessageLog): void {
  const n = Math.max(reference.labels.length, other.labels.length);
  const ours = tableTitle(other.name);
  const theirs = tableTitle(reference.name);
  const rule = "every table must have the same periods in the same order.";
  for (let i = 0; i < n; i++) {
    const expected = reference.labels[i];
    const found = other.labels[i];
    if (expected !== undefined && found !== undefined && periodKey(expected) === periodKey(found)) continue;
    const expectedRef = expected === undefined ? "" : cellRef(reference.table, 0, reference.dataColumns[i]);
    if (found === undefined) {
      const ref = cellRef(other.table, 0, other.width);
      const counts = `${ours} has ${other.labels.length} periods but ${theirs} has ${reference.labels.length}`;
      log.error(ref, `${counts}: ${ref} should be ${quote(expected)} like ${expectedRef}; ${rule}`);
    } else {
      const ref = cellRef(other.table, 0, other.dataColumns[i]);
      const instead =
        expected === undefined
          ? `but ${theirs} has only ${reference.labels.length} periods`
          : `but period ${i + 1} of ${theirs} is ${quote(expected)} (${expectedRef})`;
      log.error(ref, `${ref} is the period ${quote(found)}, ${instead}; ${rule}`);
    }
    return;
  }
}

// ---------------------------------------------------------------------------------------------
// Forecast

interface ForecastRow {
  row: number;
  product: string | null;
  demand: number[];
  /** The row's Reason, null when blank or the table has no Reason column. */
  reason: string | null;
}

interface ForecastFamily {
  name: string;
  familyRow: ForecastRow | null;
  productRows: ForecastRow[];
  /** The family row, else the sum of the product rows. */
  demand: number[];
}

interface Forecast {
  table: PeriodTable;
  families: ForecastFamily[];
}

function parseForecast(table: PeriodTable, log: MessageLog): Forecast {
  const byKey = new Map<string, ForecastFamily>();
  const rowOfPair = new Map<string, number>();
  for (const r of dataRows(table.grid, table.width)) {
    const parsed = readForecastRow(table, r, log);
    if (!parsed) continue;
    const pair = `${entityKey(parsed.family)}\u0000${parsed.row.product === null ? "" : entityKey(parsed.row.product)}`;
    const earlier = rowOfPair.get(pair);
    if (earlier !== undefined) {
      const { product } = parsed.row;
      const family = quote(parsed.family);
      const what = product === null ? `the family row of ${family}` : `Family ${family}, Product ${quote(product)}`;
      reportDuplicateRow(log, table.grid, table.keyColumns[0], [earlier, r], what);
      continue;
    }
    rowOfPair.set(pair, r);
    const family = byKey.get(entityKey(parsed.family)) ?? newFamily(byKey, parsed.family);
    if (parsed.row.product === null) family.familyRow = parsed.row;
    else family.productRows.push(parsed.row);
  }
  const families = [...byKey.values()];
  for (const family of families) family.demand = familyDemand(table, family, log);
  if (families.length === 0) {
    const ref = table.grid.at(1, table.keyColumns[0]);
    log.error(ref, `Forecast has no rows; add one row per family (blank Product) or per product, starting at ${ref}.`);
  }
  return { table, families };
}

function newFamily(byKey: Map<string, ForecastFamily>, name: string): ForecastFamily {
  const family: ForecastFamily = { name, familyRow: null, productRows: [], demand: [] };
  byKey.set(entityKey(name), family);
  return family;
}

function readForecastRow(table: PeriodTable, r: number, log: MessageLog): { family: string; row: ForecastRow } | null {
  const [familyCol, productCol] = table.keyColumns;
  const family = readName(table.grid, r, familyCol, "a family name", log);
  const product = readName(table.grid, r, productCol, "a product name", log);
  const demand = table.dataColumns.map((c) => valueOr(readAmount(table.grid, r, c, "demand", log), 0));
  const reasonCol = table.textColumns.get(FORECAST_REASON_COLUMN);
  const reason = reasonCol === undefined ? null : valueOr(readName(table.grid, r, reasonCol, "a reason (text)", log), null);
  if (family.kind === "blank") {
    reportMissingKey(log, table.grid, r, familyCol, "Family", " Every forecast row needs its family.");
  }
  if (family.kind !== "ok" || product.kind === "bad") return null;
  return { family: family.value, row: { row: r, product: valueOr(product, null), demand, reason } };
}

function sumRows(rows: ForecastRow[], periodCount: number): number[] {
  return Array.from({ length: periodCount }, (_, t) => rows.reduce((sum, row) => sum + row.demand[t], 0));
}

function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The family's top-down demand: its family row, else the sum of its products (said in an info). */
function familyDemand(table: PeriodTable, family: ForecastFamily, log: MessageLog): number[] {
  const productSum = sumRows(family.productRows, table.labels.length);
  if (!family.familyRow) {
    const ref = table.grid.at(family.productRows[0].row, table.keyColumns[0]);
    log.info(
      ref,
      `Family ${quote(family.name)} has no family row in Forecast (a row with a blank Product); ` +
        `its demand is the sum of its ${family.productRows.length} product rows (first at ${ref}).`,
    );
    return productSum;
  }
  const familyRow = family.familyRow;
  const t = familyRow.demand.findIndex((d, i) => family.productRows.length > 0 && !nearlyEqual(d, productSum[i]));
  if (t >= 0) {
    const ref = table.grid.at(familyRow.row, table.dataColumns[t]);
    const what = `the family forecast of ${quote(family.name)} for ${table.labels[t]}`;
    log.warning(
      ref,
      `${ref}: ${what} is ${plainNumber(familyRow.demand[t])}, but its products sum to ${plainNumber(productSum[t])}. ` +
        "Top-down planning uses the family row, bottom-up the products.",
    );
  }
  return familyRow.demand;
}

// ---------------------------------------------------------------------------------------------
// Actuals

/** The Actuals table: its periods checked against the plan's, its rows as families' and products' histories. */
function parseActuals(table: PeriodTable, plan: PeriodTable, forecast: Forecast, log: MessageLog): DemandHistory | null {
  const timing = actualsTiming(table, plan, log);
  const series = readActualsRows(table, forecast, log);
  if (!timing) return null;
  return { periods: table.labels, seasonLength: timing.seasonLength, gap: timing.gap, series };
}

const KIND_WORDS: Record<string, [string, string]> = {
  month: ["a month", "months"],
  week: ["a week", "weeks"],
  quarter: ["a quarter", "quarters"],
  date: ["a date", "dates"],
  unknown: ["neither a month, a week, a quarter nor a date", "neither months, weeks, quarters nor dates"],
};

const modulo = (a: number, n: number): number => ((a % n) + n) % n;

/**
 * The season length the periods' kind implies and how many periods lie between the last actual and
 * the plan's first. Errors (naming the header cell) for a period of another kind than the plan's,
 * one the plan has too or one not before it, and a gap or a step back between Actuals' periods.
 */
function actualsTiming(actuals: PeriodTable, plan: PeriodTable, log: MessageLog): { seasonLength: number; gap: number } | null {
  const planRef = (i: number) => cellRef(plan.table, 0, plan.dataColumns[i]);
  const pastRef = (i: number) => cellRef(actuals.table, 0, actuals.dataColumns[i]);
  const first = `the plan's first period ${quote(plan.labels[0])} (${planRef(0)})`;
  const planIndex = new Map(plan.labels.map((label, i) => [periodKey(label), i]));
  const repeated = actuals.labels.findIndex((label) => planIndex.has(periodKey(label)));
  if (repeated >= 0) {
    const label = actuals.labels[repeated];
    const at = planRef(planIndex.get(periodKey(label)) as number);
    log.error(pastRef(repeated), `${pastRef(repeated)} is the period ${quote(label)}, which the plan has too (${at}); Actuals holds only periods before ${first}.`);
    return null;
  }
  const planTimes = plan.labels.map(periodTime);
  const pastTimes = actuals.labels.map(periodTime);
  const planKind = planTimes.every((t) => t.kind === planTimes[0].kind) ? planTimes[0].kind : "unknown";
  if (planKind === "unknown") {
    log.info(
      pastRef(0),
      `The plan's periods (${quote(plan.labels[0])}, …) are not all months, weeks, quarters or dates, so the statistical baseline has no season ` +
        `and Actuals (${pastRef(0)} on) are taken to end right before ${quote(plan.labels[0])}.`,
    );
    return { seasonLength: 1, gap: 0 };
  }
  const other = pastTimes.findIndex((t) => t.kind !== planKind);
  if (other >= 0) {
    const [a] = KIND_WORDS[pastTimes[other].kind];
    const [, plural] = KIND_WORDS[planKind];
    log.error(
      pastRef(other),
      `${pastRef(other)} ${quote(actuals.labels[other])} is ${a}, but the plan's periods are ${plural} (${planRef(0)} ${quote(plan.labels[0])}); ` +
        "Actuals needs past periods of the same kind.",
    );
    return null;
  }
  const ordinals = pastTimes.map((t) => (t as { ordinal: number }).ordinal);
  const planFirst = (planTimes[0] as { ordinal: number }).ordinal;
  // Dates: the plan's spacing (a week apart: weeks); other kinds count their own periods.
  const dateStep = planTimes.length > 1 ? (planTimes[1] as { ordinal: number }).ordinal - planFirst : ordinals.length > 1 ? ordinals[1] - ordinals[0] : 7;
  const step = planKind === "date" ? dateStep : 1;
  const kind = planKind === "date" ? (dateStep === 7 ? "week" : null) : planKind;
  const yearless = [...planTimes, ...pastTimes].some((t) => t.kind !== "unknown" && t.yearless);
  const cycle = yearless && kind ? PERIODS_PER_YEAR[kind] : null;
  const follows = (a: number, b: number): boolean => (cycle ? modulo(b - a, cycle) === 1 : b - a === step);
  const word = kind ?? "period";
  for (let i = 1; i < ordinals.length; i++) {
    if (follows(ordinals[i - 1], ordinals[i])) continue;
    log.error(
      pastRef(i),
      `${pastRef(i)} ${quote(actuals.labels[i])} is not the ${word} after ${quote(actuals.labels[i - 1])} (${pastRef(i - 1)}); ` +
        "Actuals' periods must run oldest first, one after another.",
    );
    return null;
  }
  const last = ordinals.length - 1;
  const seasonLength = kind ? seasonLengthOf(kind) : 1;
  if (cycle) {
    if (follows(ordinals[last], planFirst)) return { seasonLength, gap: 0 };
    log.error(
      pastRef(last),
      `${pastRef(last)} ${quote(actuals.labels[last])} is not the ${word} before ${first}; ` +
        "without a year in the period headers, Actuals must end right before the plan (or give the years, e.g. \"Dec 2026\").",
    );
    return null;
  }
  const after = ordinals.findIndex((o) => o >= planFirst);
  if (after >= 0) {
    log.error(pastRef(after), `${pastRef(after)} ${quote(actuals.labels[after])} is not before ${first}; Actuals holds past periods only.`);
    return null;
  }
  const gap = (planFirst - ordinals[last]) / step - 1;
  if (!Number.isInteger(gap)) {
    log.error(pastRef(last), `${pastRef(last)} ${quote(actuals.labels[last])} is not a whole number of periods (${step} days each) before ${first}.`);
    return null;
  }
  if (gap > 0) {
    log.info(
      pastRef(last),
      `Actuals end with ${quote(actuals.labels[last])} (${pastRef(last)}), ${gap} ${gap === 1 ? word : `${word}s`} before ${first}: ` +
        "the statistical baseline forecasts through the periods between.",
    );
  }
  return { seasonLength, gap };
}

interface ActualsRow {
  row: number;
  actuals: number[];
}

interface ActualsFamily {
  name: string;
  /** The Family cell of its first row, for messages. */
  firstRow: number;
  familyRow: ActualsRow | null;
  productRows: (ActualsRow & { product: string })[];
}

/**
 * Each family's history (its row with a blank Product, else the sum of its product rows), then
 * its products'. Blank = 0; negative numbers, text and errors are errors naming the cell; a
 * repeated (Family, Product) pair names both rows.
 */
function readActualsRows(table: PeriodTable, forecast: Forecast, log: MessageLog): ActualsSeries[] {
  const [familyCol, productCol] = table.keyColumns;
  const byKey = new Map<string, ActualsFamily>();
  const rowOfPair = new Map<string, number>();
  for (const r of dataRows(table.grid, table.width)) {
    const family = readName(table.grid, r, familyCol, "a family name", log);
    const product = readName(table.grid, r, productCol, "a product name", log);
    const actuals = table.dataColumns.map((c) => valueOr(readAmount(table.grid, r, c, "actual demand", log), 0));
    if (family.kind === "blank") reportMissingKey(log, table.grid, r, familyCol, "Family", " Every Actuals row needs its family.");
    if (family.kind !== "ok" || product.kind === "bad") continue;
    const productName = valueOr(product, null);
    const pair = `${entityKey(family.value)}\u0000${productName === null ? "" : entityKey(productName)}`;
    const earlier = rowOfPair.get(pair);
    if (earlier !== undefined) {
      const what = productName === null ? `the family row of ${quote(family.value)}` : `Family ${quote(family.value)}, Product ${quote(productName)}`;
      reportDuplicateRow(log, table.grid, familyCol, [earlier, r], what);
      continue;
    }
    rowOfPair.set(pair, r);
    const key = entityKey(family.value);
    const known = forecast.families.find((f) => entityKey(f.name) === key);
    const entry = byKey.get(key) ?? { name: known?.name ?? family.value, firstRow: r, familyRow: null, productRows: [] };
    byKey.set(key, entry);
    if (productName === null) entry.familyRow = { row: r, actuals };
    else entry.productRows.push({ row: r, product: productName, actuals });
  }
  const series: ActualsSeries[] = [];
  for (const [key, family] of byKey) {
    const ref = table.grid.at(family.firstRow, familyCol);
    if (!forecast.families.some((f) => entityKey(f.name) === key)) {
      log.info(ref, `${ref}: family ${quote(family.name)} is in Actuals but not in Forecast, so it is planned on its statistical baseline (see the demand review).`);
    }
    series.push({ family: family.name, product: null, actuals: familyActuals(table, family, log) });
    for (const row of family.productRows) series.push({ family: family.name, product: row.product, actuals: row.actuals });
  }
  return series;
}

/** A family's actuals: its own row, else the sum of its products (said in an info); a family row unlike its products' sum is a warning. */
function familyActuals(table: PeriodTable, family: ActualsFamily, log: MessageLog): number[] {
  const sum = table.labels.map((_, t) => family.productRows.reduce((total, row) => total + row.actuals[t], 0));
  if (!family.familyRow) {
    const ref = table.grid.at(family.productRows[0].row, table.keyColumns[0]);
    log.info(ref, `Family ${quote(family.name)} has no family row in Actuals; its actuals are the sum of its ${family.productRows.length} product rows (first at ${ref}).`);
    return sum;
  }
  const own = family.familyRow;
  const t = own.actuals.findIndex((a, i) => family.productRows.length > 0 && !nearlyEqual(a, sum[i]));
  if (t >= 0) {
    const ref = table.grid.at(own.row, table.dataColumns[t]);
    log.warning(
      ref,
      `${ref}: the actuals of family ${quote(family.name)} for ${table.labels[t]} are ${plainNumber(own.actuals[t])}, but its products sum to ${plainNumber(sum[t])}. ` +
        "The family's baseline uses the family row.",
    );
  }
  return own.actuals;
}

// ---------------------------------------------------------------------------------------------
// Forecast inputs

/**
 * The Forecast inputs table: each team's forecast of a family (blank Product) or a product for the
 * plan's periods. Blank = 0; a row needs its Family and Source; a repeated (Family, Product, Source)
 * names both rows; a family that is neither in Forecast nor in Actuals is a warning (nothing to compare it with).
 */
function parseForecastInputs(table: PeriodTable, families: readonly string[], log: MessageLog): ForecastInputRow[] {
  const [familyCol, productCol, sourceCol] = table.keyColumns;
  const rows: ForecastInputRow[] = [];
  const rowOfKey = new Map<string, number>();
  for (const r of dataRows(table.grid, table.width)) {
    const family = readName(table.grid, r, familyCol, "a family name", log);
    const product = readName(table.grid, r, productCol, "a product name", log);
    const source = readName(table.grid, r, sourceCol, "a source (the team: Sales, Marketing…)", log);
    const demand = table.dataColumns.map((c) => valueOr(readAmount(table.grid, r, c, "forecast demand", log), 0));
    if (family.kind === "blank") reportMissingKey(log, table.grid, r, familyCol, "Family", " Every Forecast inputs row needs its family.");
    if (source.kind === "blank") reportMissingKey(log, table.grid, r, sourceCol, "Source", " Say whose forecast it is (Sales, Marketing, Finance, Key customers…).");
    if (family.kind !== "ok" || source.kind !== "ok" || product.kind === "bad") continue;
    const productName = valueOr(product, null);
    const key = [family.value, productName ?? "", source.value].map(entityKey).join("\u0000");
    const earlier = rowOfKey.get(key);
    if (earlier !== undefined) {
      const what = `${quote(source.value)}'s input for ${productName === null ? `family ${quote(family.value)}` : `Family ${quote(family.value)}, Product ${quote(productName)}`}`;
      reportDuplicateRow(log, table.grid, sourceCol, [earlier, r], what);
      continue;
    }
    rowOfKey.set(key, r);
    const known = families.find((f) => entityKey(f) === entityKey(family.value));
    if (!known) {
      const ref = table.grid.at(r, familyCol);
      log.warning(ref, `${ref}: family ${quote(family.value)} is neither in Forecast nor in Actuals, so its input is not compared with anything.`);
      continue;
    }
    rows.push({ family: known, product: productName, source: source.value, demand });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Capacity

interface Capacity {
  workingDays: number[] | null;
  /** `Max utilisation` per period (1 = 100 %), null without the row. */
  maxUtilization: number[] | null;
  resources: ResourceCapacity[];
}

function isWorkingDays(name: string): boolean {
  return normalizeName(name) === normalizeName(WORKING_DAYS_ROW);
}

/** `Max utilisation`, also spelt `Max utilization`. */
function isMaxUtilisation(name: string): boolean {
  return normalizeName(name).replace(/z/g, "s") === normalizeName(MAX_UTILISATION_ROW);
}

function parseCapacity(table: PeriodTable, log: MessageLog): Capacity {
  const capacity: Capacity = { workingDays: null, maxUtilization: null, resources: [] };
  const rowOfName = new Map<string, number>();
  const col = table.keyColumns[0];
  for (const r of dataRows(table.grid, table.width)) {
    const name = readName(table.grid, r, col, "a resource name", log);
    const ceiling = name.kind === "ok" && isMaxUtilisation(name.value);
    const what = name.kind === "ok" && isWorkingDays(name.value) ? "working days" : "capacity";
    // Max utilisation is a share per period, blank = 100 %; every other row an amount, blank = 0.
    const values = ceiling
      ? table.dataColumns.map((c) => valueOr(reportCell(readCeilingShareCell(cellAt(table.grid, r, c)), table.grid, r, c, { what: MAX_UTILISATION_ROW }, log), 1))
      : table.dataColumns.map((c) => valueOr(readAmount(table.grid, r, c, what, log), 0));
    if (name.kind === "blank") {
      reportMissingKey(log, table.grid, r, col, "Resource", ` Name the resource, or "${WORKING_DAYS_ROW}" or "${MAX_UTILISATION_ROW}".`);
    }
    if (name.kind !== "ok") continue;
    const key = isWorkingDays(name.value) ? "working days" : ceiling ? "max utilisation" : entityKey(name.value);
    const earlier = rowOfName.get(key);
    if (earlier !== undefined) {
      reportDuplicateRow(log, table.grid, col, [earlier, r], quote(name.value));
      continue;
    }
    rowOfName.set(key, r);
    if (!ceiling) {
      // A blank is read as 0, which a plan takes at its word: said, so a cell left empty by mistake is seen.
      const blanks = table.dataColumns.flatMap((c, t) => (isBlankCell(cellAt(table.grid, r, c)) ? [{ at: table.grid.at(r, c), period: table.labels[t] }] : []));
      if (blanks.length > 0) log.warning(blanks[0].at, blankCapacityMessage(blanks, isWorkingDays(name.value) ? null : name.value));
    }
    if (isWorkingDays(name.value)) capacity.workingDays = values;
    else if (ceiling) capacity.maxUtilization = values;
    else capacity.resources.push({ resource: name.value, available: values });
  }
  // The plans may use the available capacity × Max utilisation: one figure from here on.
  const shares = capacity.maxUtilization;
  if (shares && shares.some((share) => share < 1)) {
    capacity.resources = capacity.resources.map((r) => ({ resource: r.resource, available: r.available.map((a, t) => a * shares[t]), stated: r.available }));
  }
  return capacity;
}

// ---------------------------------------------------------------------------------------------
// Products

/** Products headers, normalized. */
const PRODUCT_HEADERS: ReadonlyMap<string, ProductField> = new Map(
  PRODUCT_COLUMNS.flatMap((column) => [column.name, ...column.aliases].map((name) => [normalizeName(name), column.field] as const)),
);

interface ProductColumns {
  fields: Map<ProductField, number>;
  /** Column of each resource's load per unit, by the resource's name in Capacity. */
  loads: Map<string, number>;
  width: number;
}

type ProductColumn = { field: ProductField } | { resource: string };

/** What a Products header means: one of its own columns, else a Capacity resource's load. */
function productColumnOf(text: string | undefined, resourceNames: string[]): ProductColumn | null {
  if (text === undefined) return null;
  const field = PRODUCT_HEADERS.get(normalizeName(text));
  if (field) return { field };
  const index = matchHeaderToName(text, resourceNames);
  return index >= 0 ? { resource: resourceNames[index] } : null;
}

function readProductColumns(table: RawTable, resources: ResourceCapacity[], log: MessageLog, capacityUnread = false): ProductColumns | null {
  const keyColumns = keyColumnsOrReport(table, "products", TABLE_KEYS.products, log);
  const width = headerWidth(table);
  const columns: ProductColumns = { fields: new Map(), loads: new Map(), width };
  const resourceNames = resources.map((r) => r.resource);
  const header = table.values[0] ?? [];
  for (let c = 0; c < width; c++) {
    const ref = cellRef(table, 0, c);
    if (isBlankCell(header[c])) {
      if (columnHasData(table, c)) {
        log.warning(ref, `${ref} is blank, so the Products column under it is ignored; give it a header.`);
      }
      continue;
    }
    const meaning = productColumnOf(periodLabel(header[c]), resourceNames);
    if (!meaning) {
      // A resource of a Capacity table that could not be read: not knowable, not wrong.
      if (capacityUnread) continue;
      const known = PRODUCT_COLUMNS.map((c) => c.name).join(", ");
      const where = resources.length > 0 ? "a resource in Capacity" : "a resource (there is no Capacity table)";
      const name = headerText(header[c]);
      log.warning(ref, `${ref} ${name} is neither a Products column (${known}) nor ${where}, so the column is ignored.`);
      continue;
    }
    const first = "field" in meaning ? columns.fields.get(meaning.field) : columns.loads.get(meaning.resource);
    if (first !== undefined) {
      const firstRef = cellRef(table, 0, first);
      log.error(ref, `${ref} ${headerText(header[c])} repeats the Products column ${firstRef}; keep one.`);
    } else if ("field" in meaning) {
      columns.fields.set(meaning.field, c);
    } else {
      columns.loads.set(meaning.resource, c);
    }
  }
  if (!keyColumns) return null;
  warnBeyondHeader(gridOf(table), "products", width, log);
  return columns;
}

function parseProducts(
  table: RawTable,
  forecast: Forecast | null,
  /** Families planned on their baseline (in Actuals, not in Forecast): their products are planned too. */
  actualsOnly: readonly string[],
  resources: ResourceCapacity[],
  log: MessageLog,
  capacityUnread = false,
): ProductInput[] {
  const columns = readProductColumns(table, resources, log, capacityUnread);
  if (!columns) return [];
  const grid = gridOf(table);
  const products: ProductInput[] = [];
  const rowOfProduct = new Map<string, number>();
  const productCol = columns.fields.get("product") as number;
  for (const r of dataRows(table, columns.width)) {
    const product = readProductRow(grid, r, columns, forecast, actualsOnly, log);
    if (!product) continue;
    const earlier = rowOfProduct.get(entityKey(product.product));
    if (earlier !== undefined) {
      reportDuplicateRow(log, grid, productCol, [earlier, r], quote(product.product));
      continue;
    }
    rowOfProduct.set(entityKey(product.product), r);
    products.push(product);
  }
  return products;
}

function readProductRow(
  grid: TableGrid,
  r: number,
  columns: ProductColumns,
  forecast: Forecast | null,
  actualsOnly: readonly string[],
  log: MessageLog,
): ProductInput | null {
  const column = (field: ProductField) => columns.fields.get(field);
  const amount = (field: ProductField, what: string): number | null => {
    const c = column(field);
    return c === undefined ? null : valueOr(readAmount(grid, r, c, what, log), null);
  };
  const productCol = column("product") as number;
  const familyCol = column("family") as number;
  const product = readName(grid, r, productCol, "a product name", log);
  const family = readName(grid, r, familyCol, "a family name", log);
  const mix = amount("mix", "Mix");
  const price = amount("price", "Price");
  const unitCost = amount("unitCost", "Unit cost");
  const storagePerUnit = amount("storagePerUnit", "Storage per unit");
  const loads = [...columns.loads].map(([resource, c]): [string, number] => [
    resource,
    valueOr(readAmount(grid, r, c, `the load on ${quote(resource)}`, log), 0),
  ]);
  if (product.kind === "blank") reportMissingKey(log, grid, r, productCol, "Product");
  if (family.kind === "blank") reportMissingKey(log, grid, r, familyCol, "Family");
  if (product.kind !== "ok" || family.kind !== "ok") return null;
  const forecastFamily = forecast?.families.find((f) => entityKey(f.name) === entityKey(family.value));
  const baselineFamily = actualsOnly.find((name) => entityKey(name) === entityKey(family.value));
  if (forecast && !forecastFamily && !baselineFamily) {
    const ref = grid.at(r, familyCol);
    const what = `the family ${quote(family.value)} of product ${quote(product.value)}`;
    log.warning(ref, `${ref}: ${what} is not in Forecast, so the product is not planned.`);
  }
  const productKey = entityKey(product.value);
  const forecastRow = forecastFamily?.productRows.find((row) => entityKey(row.product ?? "") === productKey);
  return {
    product: product.value,
    family: forecastFamily?.name ?? baselineFamily ?? family.value,
    demand: forecastRow ? [...forecastRow.demand] : null,
    mix,
    ...(mix !== null && { mixCell: grid.at(r, column("mix") as number) }),
    price,
    unitCost,
    // fromEntries defines own properties, so a resource called `__proto__` stays a resource.
    loads: Object.fromEntries(loads),
    ...(storagePerUnit !== null && { storagePerUnit }),
  };
}

/** Forecast product rows without a Products row still take part in bottom-up planning. */
function forecastOnlyProducts(forecast: Forecast, listed: ProductInput[]): ProductInput[] {
  const known = new Set(listed.map((p) => `${entityKey(p.family)}\u0000${entityKey(p.product)}`));
  return forecast.families.flatMap((family) =>
    family.productRows
      .filter((row) => !known.has(`${entityKey(family.name)}\u0000${entityKey(row.product ?? "")}`))
      .map((row) => ({
        product: row.product ?? "",
        family: family.name,
        demand: [...row.demand],
        mix: null,
        price: null,
        unitCost: null,
        loads: {},
      })),
  );
}

// ---------------------------------------------------------------------------------------------
// Policy

function parsePolicy(
  table: RawTable,
  families: string[] | null,
  workingDays: number[] | null,
  periodCount: number,
  log: MessageLog,
  withActuals: ReadonlySet<string>,
  schema: PolicySchema,
  resources: readonly ResourceCapacity[],
  capacityUnread = false,
): Map<string, FamilyPolicy> | null {
  const layout = readLayout(table, "policy", TABLE_KEYS.policy, log);
  if (!layout) return null;
  const { grid } = layout;
  const { columns, familyColumns, rows } = readPolicyTable(grid, policyColumnsOf(layout), families, log, schema);
  if (!families) return null;
  const policies = new Map<string, FamilyPolicy>();
  const unvaluedStock: { family: string; at: string }[] = [];
  for (const family of families) {
    const { policy, valid } = resolvePolicy(rows, family);
    policies.set(entityKey(family), policy);
    const column = familyColumns.find((fc) => fc.family === family);
    const cellOf = policyCellOf(grid, columns, rows, family, column?.col);
    if (policy.initialInventory > 0 && policy.openingStockValuePerUnit === null) unvaluedStock.push({ family, at: cellOf(["openingStockValuePerUnit"]) });
    if (valid) checkProductionRates(family, policy, workingDays, periodCount, cellOf, log, capacityUnread);
    if (!withActuals.has(entityKey(family))) checkNeedsActuals(family, policy, cellOf, log);
    if (policy.storageResource !== null && !capacityUnread) {
      // The storage resource is a Capacity resource, spelt as Capacity spells it from here on.
      const resource = resources.find((r) => entityKey(r.resource) === entityKey(policy.storageResource as string));
      if (resource) policy.storageResource = resource.resource;
      else {
        const at = cellOf(["storageResource"]);
        const listed = resources.length > 0 ? resources.map((r) => quote(r.resource)).join(", ") : "Capacity lists none";
        log.error(at, `${at}: the storage resource ${quote(policy.storageResource)} is not a resource in Capacity (${listed}).`);
      }
    }
  }
  if (unvaluedStock.length > 0) log.info(unvaluedStock[0].at, openingStockValueMessage(unvaluedStock[0].at, unvaluedStock.map((u) => u.family)));
  return policies;
}

/**
 * Where a family's problem with some Policy fields is to be fixed: the family's own cell of the
 * first field given there, else the Value cell of the first field given, else (no field has a
 * value) the first cell under the Parameter column, where the missing row would go.
 */
function policyCellOf(grid: TableGrid, columns: PolicyColumns, rows: PolicyRow[], family: string, familyCol: number | undefined) {
  const { parameterCol, valueCol } = columns;
  return (fields: readonly (keyof FamilyPolicy)[]): string => {
    const given = fields.flatMap((field) => rows.filter((row) => row.parameter.field === field));
    const own = familyCol === undefined ? undefined : given.find((row) => row.byFamily.get(family)?.kind === "ok");
    if (own) return grid.at(own.row, familyCol as number);
    const fromValue = given.find((row) => row.value.kind === "ok");
    return fromValue ? grid.at(fromValue.row, valueCol) : grid.at(grid.values.length, parameterCol);
  };
}

/**
 * `Demand basis` Statistical and `Service level` need the family's actuals: without them the family
 * keeps its Forecast and its typed safety stock, with a warning naming the Policy cell.
 */
function checkNeedsActuals(family: string, policy: FamilyPolicy, cellOf: (fields: readonly (keyof FamilyPolicy)[]) => string, log: MessageLog): void {
  if (policy.demandBasis === "statistical") {
    const ref = cellOf(["demandBasis"]);
    log.warning(ref, `${ref}: family ${quote(family)} has "Demand basis" Statistical but no rows in Actuals, so it is planned on its Forecast.`);
  }
  if (policy.serviceLevel !== null) {
    const ref = cellOf(["serviceLevel"]);
    log.warning(
      ref,
      `${ref}: family ${quote(family)} has a "Service level" but no rows in Actuals to measure the forecast error, so its safety stock stays ${plainNumber(policy.safetyStock)} ("Safety stock").`,
    );
  }
}

function checkProductionRates(
  family: string,
  policy: FamilyPolicy,
  workingDays: number[] | null,
  periodCount: number,
  cellOf: (fields: readonly (keyof FamilyPolicy)[]) => string,
  log: MessageLog,
  /** The Capacity table could not be read: its Working days row is unknown, not missing. */
  capacityUnread = false,
): void {
  const rates = productionRates(policy, workingDays, periodCount);
  if (rates.ok) return;
  for (const problem of rates.problems) {
    if (capacityUnread && problem.code === "per-day-needs-working-days") continue;
    const ref = cellOf(problem.fields);
    log.error(ref, `Policy for family ${quote(family)}: ${rateProblemMessage(problem)} (${ref}).`);
  }
}

// ---------------------------------------------------------------------------------------------
// Plan

// ---------------------------------------------------------------------------------------------
// Budget

/**
 * The Budget table: one row per family and line (Units, Revenue, Margin), a number per period (a
 * margin may be negative; a blank is 0). An unknown family or line, or a line twice, is an error
 * naming its cell.
 */
function parseBudget(table: PeriodTable, families: string[] | null, log: MessageLog): BudgetLine[] {
  const lines: BudgetLine[] = [];
  const rowOf = new Map<string, number>();
  const [familyCol, lineCol] = table.keyColumns;
  for (const r of dataRows(table.grid, table.width)) {
    const family = readName(table.grid, r, familyCol, "a family name", log);
    const lineName = readName(table.grid, r, lineCol, "a Budget line", log);
    const familyRef = table.grid.at(r, familyCol);
    const lineRef = table.grid.at(r, lineCol);
    if (family.kind === "blank") reportMissingKey(log, table.grid, r, familyCol, "Family", " Every Budget row needs its family.");
    if (lineName.kind === "blank") log.error(lineRef, `${lineRef} has no Line; it must be ${BUDGET_LINE_LIST}.`);
    const measure = lineName.kind === "ok" ? budgetLineNamed(lineName.value) : undefined;
    if (lineName.kind === "ok" && !measure) log.error(lineRef, `${lineRef} ${quote(lineName.value)} is not a Budget line; it must be ${BUDGET_LINE_LIST}.`);
    const known = family.kind === "ok" ? families?.find((f) => entityKey(f) === entityKey(family.value)) : undefined;
    if (family.kind === "ok" && families && !known) {
      log.error(familyRef, `${familyRef}: the family ${quote(family.value)} is not in Forecast, so its budget cannot be compared with a plan.`);
    }
    const values = table.dataColumns.map((c) => {
      const what = measure === "units" ? "budgeted units" : "a budgeted amount";
      // Units and revenue are amounts; a budgeted margin may be a loss.
      const reading = measure === "margin" ? reportCell(readNumberCell(cellAt(table.grid, r, c)), table.grid, r, c, { what }, log) : readAmount(table.grid, r, c, what, log);
      return valueOr(reading, 0);
    });
    if (!known || !measure) continue;
    const pairKey = `${entityKey(known)}\u0000${measure}`;
    const earlier = rowOf.get(pairKey);
    if (earlier !== undefined) {
      reportDuplicateRow(log, table.grid, lineCol, [earlier, r], `the ${BUDGET_LINES.find((l) => l.measure === measure)!.name} line of ${quote(known)}`);
      continue;
    }
    rowOf.set(pairKey, r);
    const cells = table.dataColumns.map((c) => ({ sheet: table.table.sheet, row: table.table.top + r, column: table.table.left + c }));
    lines.push({ family: known, measure, values, cells });
  }
  return lines;
}

function parsePlan(table: PeriodTable, families: string[] | null, log: MessageLog): Map<string, ManualPlanInput> {
  const plans = new Map<string, ManualPlanInput>();
  const rowOf = new Map<string, number>();
  const rowCol = table.keyColumns[1];
  for (const r of dataRows(table.grid, table.width)) {
    const target = readPlanKeys(table, r, families, log);
    const values = table.dataColumns.map((c) => valueOr(readAmount(table.grid, r, c, "a planned quantity", log), 0));
    if (!target) continue;
    const pairKey = `${entityKey(target.family)}\u0000${target.row}`;
    const earlier = rowOf.get(pairKey);
    if (earlier !== undefined) {
      const what = `the ${planRowName(target.row)} row of ${quote(target.family)}`;
      reportDuplicateRow(log, table.grid, rowCol, [earlier, r], what);
      continue;
    }
    rowOf.set(pairKey, r);
    const key = entityKey(target.family);
    const plan = plans.get(key) ?? { workers: null, regular: null, overtime: null, subcontract: null };
    plan[target.row] = values;
    plans.set(key, plan);
  }
  return plans;
}

function readPlanKeys(
  table: PeriodTable,
  r: number,
  families: string[] | null,
  log: MessageLog,
): { family: string; row: keyof ManualPlanInput } | null {
  const [familyCol, rowCol] = table.keyColumns;
  const family = readName(table.grid, r, familyCol, "a family name", log);
  const rowName = readName(table.grid, r, rowCol, "a Plan row name", log);
  const familyRef = table.grid.at(r, familyCol);
  const rowRef = table.grid.at(r, rowCol);
  if (family.kind === "blank") reportMissingKey(log, table.grid, r, familyCol, "Family");
  if (rowName.kind === "blank") log.error(rowRef, `${rowRef} has no Row name; it must be ${PLAN_ROW_LIST}.`);
  const row = rowName.kind === "ok" ? planRowNamed(rowName.value) : undefined;
  if (rowName.kind === "ok" && !row) {
    log.error(rowRef, `${rowRef} ${quote(rowName.value)} is not a Plan row; it must be ${PLAN_ROW_LIST}.`);
  }
  const familyKey = family.kind === "ok" ? entityKey(family.value) : "";
  const known = families?.find((f) => entityKey(f) === familyKey);
  if (family.kind === "ok" && families && !known) {
    const what = `the family ${quote(family.value)}`;
    log.error(familyRef, `${familyRef}: ${what} is not in Forecast, so its manual plan cannot be costed.`);
  }
  if (family.kind !== "ok" || !row) return null;
  return { family: known ?? family.value, row };
}

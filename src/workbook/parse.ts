// Reads the template tables into the engine's PlanningInput, collecting every problem with its cell.
import type {
  FamilyInput,
  FamilyPolicy,
  HoldingCostBasis,
  ManualPlanInput,
  PlanMessage,
  PlanningInput,
  ProductInput,
  ResourceCapacity,
  Severity,
} from "../engine/model";
import { POLICY_DEFAULTS, productionRates } from "../engine/policy";
import { cellRef, entityKey, matchHeaderToName, normalizeName } from "./names";
import { isDateCell, isErrorCell, type RawCell, type RawTable } from "./raw";
import { isBlankCell, TEMPLATE_TABLE_INFO, type TemplateTableName, type TemplateTables } from "./tables";

/**
 * Parses the template tables. Never throws: every problem becomes a message naming its cell,
 * and `input` is null when any message is an error. Missing Forecast or Policy tables are
 * reported by `findTemplateTables` (or `missingTableMessages`), not again here.
 */
export function parseInputs(tables: TemplateTables): { input: PlanningInput | null; messages: PlanMessage[] } {
  const log = new MessageLog();
  const forecastTable = tables.forecast && readPeriodTable(tables.forecast, "forecast", ["Family", "Product"], log);
  const capacityTable = tables.capacity && readPeriodTable(tables.capacity, "capacity", ["Resource"], log);
  const planTable = tables.plan && readPeriodTable(tables.plan, "plan", ["Family", "Row"], log);
  checkSamePeriods([forecastTable, capacityTable, planTable], log);

  const forecast = forecastTable ? parseForecast(forecastTable, log) : null;
  const capacity = capacityTable ? parseCapacity(capacityTable, log) : { workingDays: null, resources: [] };
  const products = tables.products ? parseProducts(tables.products, forecast, capacity.resources, log) : [];
  const familyNames = forecast ? forecast.families.map((f) => f.name) : null;
  const periodCount = forecastTable ? forecastTable.labels.length : 0;
  const policies = tables.policy && parsePolicy(tables.policy, familyNames, capacity.workingDays, periodCount, log);
  const manualPlans = planTable ? parsePlan(planTable, familyNames, log) : new Map<string, ManualPlanInput>();

  if (log.hasErrors || !forecastTable || !forecast || !policies) return { input: null, messages: log.messages };
  const families: FamilyInput[] = forecast.families.map((f) => ({
    family: f.name,
    demand: f.demand,
    // Only said when false: absent means the family has its own row.
    ...(f.familyRow === null && { hasFamilyRow: false }),
    policy: policies.get(entityKey(f.name)) ?? { ...POLICY_DEFAULTS },
    manualPlan: manualPlans.get(entityKey(f.name)) ?? null,
  }));
  return {
    input: {
      periods: forecastTable.labels,
      workingDays: capacity.workingDays,
      families,
      products: [...products, ...forecastOnlyProducts(forecast, products)],
      resources: capacity.resources,
    },
    messages: log.messages,
  };
}

// ---------------------------------------------------------------------------------------------
// Messages

class MessageLog {
  readonly messages: PlanMessage[] = [];

  error(cell: string | undefined, message: string): void {
    this.add("error", cell, message);
  }

  warning(cell: string | undefined, message: string): void {
    this.add("warning", cell, message);
  }

  info(cell: string | undefined, message: string): void {
    this.add("info", cell, message);
  }

  get hasErrors(): boolean {
    return this.messages.some((m) => m.severity === "error");
  }

  private add(severity: Severity, cell: string | undefined, message: string): void {
    this.messages.push(cell ? { severity, message, cell } : { severity, message });
  }
}

/** Workbook text quoted for a message, cut short so a pasted paragraph cannot flood the list. */
function quote(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, " ");
  return `"${trimmed.length > 40 ? `${trimmed.slice(0, 39)}…` : trimmed}"`;
}

/** A number as a planner would type it, without binary noise such as 0.30000000000000004. */
function formatNumber(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/** What a cell holds, in words: `the text "abc"`, `the error #N/A`, `TRUE`, `a date`. */
function describeCell(cell: RawCell): string {
  if (cell === null) return "nothing";
  if (typeof cell === "string") return `the text ${quote(cell)}`;
  if (typeof cell === "number") return formatNumber(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (isErrorCell(cell)) return `the error ${cell.error}`;
  return "a date";
}

/** A header cell for a message: its text quoted, or what it holds. */
function headerText(cell: RawCell): string {
  return typeof cell === "string" ? quote(cell) : describeCell(cell);
}

/** The Excel row number of a row of a block, for messages like "rows 3 and 7". */
function rowNumber(table: RawTable, row: number): number {
  return table.top + row + 1;
}

/** An error for a row that repeats an earlier one (`what`, e.g. `"Line 1"`), naming both rows. */
function reportDuplicateRow(log: MessageLog, table: RawTable, col: number, rows: [number, number], what: string): void {
  const [first, second] = rows;
  const ref = cellRef(table, second, col);
  const numbers = `${rowNumber(table, first)} and ${rowNumber(table, second)}`;
  const refs = `${cellRef(table, first, col)} and ${ref}`;
  log.error(ref, `${table.sheet} rows ${numbers} are both ${what} (${refs}); keep one row.`);
}

/** An error for a row with data whose key cell (`what`, e.g. `Family`) is blank. */
function reportMissingKey(log: MessageLog, table: RawTable, row: number, col: number, what: string, advice = ""): void {
  const ref = cellRef(table, row, col);
  log.error(ref, `${ref} has no ${what}, but row ${rowNumber(table, row)} of ${table.sheet} has data.${advice}`);
}

// ---------------------------------------------------------------------------------------------
// Cells

type Reading<T> = { kind: "blank" } | { kind: "ok"; value: T } | { kind: "bad" };
const BLANK = { kind: "blank" } as const;
const BAD = { kind: "bad" } as const;
const ok = <T>(value: T): Reading<T> => ({ kind: "ok", value });
const valueOr = <T, F>(reading: Reading<T>, fallback: F): T | F => (reading.kind === "ok" ? reading.value : fallback);

function cellAt(table: RawTable, row: number, col: number): RawCell {
  return table.values[row]?.[col] ?? null;
}

/** A name in a key column; numbers read as their text, as codes often are (`10045`). */
function readName(table: RawTable, row: number, col: number, what: string, log: MessageLog): Reading<string> {
  const cell = cellAt(table, row, col);
  if (isBlankCell(cell)) return BLANK;
  if (typeof cell === "string") return ok(cell.trim());
  if (typeof cell === "number") return ok(String(cell));
  const ref = cellRef(table, row, col);
  log.error(ref, `${ref} holds ${describeCell(cell)}; ${what} must be text.`);
  return BAD;
}

/**
 * The largest amount the planner accepts: far above any real demand, cost or capacity, and small
 * enough that products of a few amounts (cost × hours × workers) stay exact-ish doubles, far from
 * overflowing to infinity.
 */
const MAX_AMOUNT = 1e12;

/** A quantity that must be a number from 0 to MAX_AMOUNT (demand, capacity, costs, …). */
function readAmount(table: RawTable, row: number, col: number, what: string, log: MessageLog): Reading<number> {
  const cell = cellAt(table, row, col);
  if (isBlankCell(cell)) return BLANK;
  const ref = cellRef(table, row, col);
  if (typeof cell === "number" && Number.isFinite(cell)) {
    if (cell > MAX_AMOUNT) {
      log.error(ref, `${ref} is ${formatNumber(cell)}; ${what} must be at most ${formatNumber(MAX_AMOUNT)}. A number this large is most likely a pasted code.`);
      return BAD;
    }
    if (cell >= 0) return ok(cell);
    log.error(ref, `${ref} is ${formatNumber(cell)}; ${what} must be 0 or more.`);
    return BAD;
  }
  log.error(ref, notANumber(ref, cell, what));
  return BAD;
}

function notANumber(ref: string, cell: RawCell, what: string): string {
  if (typeof cell !== "string") return `${ref} holds ${describeCell(cell)}, not a number; ${what} must be a number.`;
  const numeric = cell.trim() !== "" && Number.isFinite(Number(cell.trim().replace(/,/g, "")));
  const why = numeric ? " Excel leaves text out of sums even when it looks like a number; enter it as a number." : "";
  return `${ref} is text, not a number (${quote(cell)}); ${what} must be a number.${why}`;
}

/** Row indices below the header that hold anything within the table's columns. */
function dataRows(table: RawTable, width: number): number[] {
  const rows: number[] = [];
  for (let r = 1; r < table.values.length; r++) {
    if (table.values[r].slice(0, width).some((cell) => !isBlankCell(cell))) rows.push(r);
  }
  return rows;
}

function columnHasData(table: RawTable, col: number): boolean {
  return table.values.slice(1).some((row) => !isBlankCell(row[col]));
}

// ---------------------------------------------------------------------------------------------
// Header rows and periods

/** Where a table's columns are: its key columns, then the columns after them up to the last header. */
interface TableLayout {
  table: RawTable;
  name: TemplateTableName;
  /** Column of each key, in the order the keys were asked for. */
  keyColumns: number[];
  /** Columns after the last key column: periods, or Policy's family columns. */
  dataColumns: number[];
  /** Columns from here on have no header and are ignored. */
  width: number;
}

interface PeriodTable extends TableLayout {
  labels: string[];
}

function title(name: TemplateTableName): string {
  return TEMPLATE_TABLE_INFO[name].title;
}

/** The number of columns up to the last non-blank header cell. */
function headerWidth(table: RawTable): number {
  const header = table.values[0] ?? [];
  for (let c = header.length - 1; c >= 0; c--) if (!isBlankCell(header[c])) return c + 1;
  return 0;
}

/** Finds the key columns by name; an error naming the header row when one is missing. */
function findKeyColumns(table: RawTable, name: TemplateTableName, keys: string[], log: MessageLog): number[] | null {
  const header = table.values[0] ?? [];
  const keyColumns = keys.map((key) =>
    header.findIndex((cell) => typeof cell === "string" && normalizeName(cell) === normalizeName(key)),
  );
  const missing = keys.filter((_, i) => keyColumns[i] < 0);
  if (missing.length === 0) return keyColumns;
  const ref = cellRef(table, 0, 0);
  const columns = missing.map((k) => `"${k}"`).join(" and ");
  log.error(
    ref,
    `The ${title(name)} header row (row ${rowNumber(table, 0)}, starting at ${ref}) has no ${columns} column; ` +
      `it must read ${TEMPLATE_TABLE_INFO[name].header}.`,
  );
  return null;
}

/** A warning for the first cell with data right of the last header: a forgotten header hides data. */
function warnBeyondHeader(table: RawTable, name: TemplateTableName, width: number, log: MessageLog): void {
  for (let r = 1; r < table.values.length; r++) {
    const c = table.values[r].findIndex((cell, i) => i >= width && !isBlankCell(cell));
    if (c < 0) continue;
    const ref = cellRef(table, r, c);
    const where = `right of the last column with a header in ${title(name)}`;
    log.warning(ref, `${ref} is ${where}, so it is ignored; give its column a header.`);
    return;
  }
}

function readLayout(table: RawTable, name: TemplateTableName, keys: string[], log: MessageLog): TableLayout | null {
  const keyColumns = findKeyColumns(table, name, keys, log);
  if (!keyColumns) return null;
  const lastKey = Math.max(...keyColumns);
  const width = Math.max(headerWidth(table), lastKey + 1);
  const header = table.values[0];
  for (let c = 0; c < lastKey; c++) {
    if (keyColumns.includes(c) || isBlankCell(header[c])) continue;
    const ref = cellRef(table, 0, c);
    log.warning(ref, `${ref} ${headerText(header[c])} is not a ${title(name)} column, so the column is ignored.`);
  }
  warnBeyondHeader(table, name, width, log);
  const dataColumns = Array.from({ length: width - lastKey - 1 }, (_, i) => lastKey + 1 + i);
  return { table, name, keyColumns, dataColumns, width };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** A date header as a planner reads it: `Jan 2027` for the first of a month, else `2027-01-15`. */
export function dateLabel(serial: number): string {
  const date = new Date(EXCEL_EPOCH_MS + Math.floor(serial + 1e-9) * DAY_MS);
  if (date.getUTCDate() === 1) return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  return date.toISOString().slice(0, 10);
}

/** The label of a period header: text, a date or a number; undefined when the cell cannot be one. */
function periodLabel(cell: RawCell): string | undefined {
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return String(cell);
  if (cell !== null && isDateCell(cell)) return dateLabel(cell.date);
  return undefined;
}

/** Period labels compare ignoring case and spaces, so a `Jan 2027` date matches the text `jan 2027`. */
function periodKey(label: string): string {
  return label.toLowerCase().replace(/\s+/g, "");
}

function readPeriodTable(table: RawTable, name: TemplateTableName, keys: string[], log: MessageLog): PeriodTable | null {
  const layout = readLayout(table, name, keys, log);
  if (!layout) return null;
  const header = table.values[0];
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
  if (valid && labels.length === 0 && name === "forecast") {
    const ref = cellRef(table, 0, layout.width);
    log.error(ref, `Forecast has no period columns; add one column per period after "Product", starting at ${ref}.`);
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
  const ours = title(other.name);
  const theirs = title(reference.name);
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
  for (const r of dataRows(table.table, table.width)) {
    const parsed = readForecastRow(table, r, log);
    if (!parsed) continue;
    const pair = `${entityKey(parsed.family)}\u0000${parsed.row.product === null ? "" : entityKey(parsed.row.product)}`;
    const earlier = rowOfPair.get(pair);
    if (earlier !== undefined) {
      const { product } = parsed.row;
      const family = quote(parsed.family);
      const what = product === null ? `the family row of ${family}` : `Family ${family}, Product ${quote(product)}`;
      reportDuplicateRow(log, table.table, table.keyColumns[0], [earlier, r], what);
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
    const ref = cellRef(table.table, 1, table.keyColumns[0]);
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
  const family = readName(table.table, r, familyCol, "a family name", log);
  const product = readName(table.table, r, productCol, "a product name", log);
  const demand = table.dataColumns.map((c) => valueOr(readAmount(table.table, r, c, "demand", log), 0));
  if (family.kind === "blank") {
    reportMissingKey(log, table.table, r, familyCol, "Family", " Every forecast row needs its family.");
  }
  if (family.kind !== "ok" || product.kind === "bad") return null;
  return { family: family.value, row: { row: r, product: valueOr(product, null), demand } };
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
    const ref = cellRef(table.table, family.productRows[0].row, table.keyColumns[0]);
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
    const ref = cellRef(table.table, familyRow.row, table.dataColumns[t]);
    const what = `the family forecast of ${quote(family.name)} for ${table.labels[t]}`;
    log.warning(
      ref,
      `${ref}: ${what} is ${formatNumber(familyRow.demand[t])}, but its products sum to ${formatNumber(productSum[t])}. ` +
        "Top-down planning uses the family row, bottom-up the products.",
    );
  }
  return familyRow.demand;
}

// ---------------------------------------------------------------------------------------------
// Capacity

interface Capacity {
  workingDays: number[] | null;
  resources: ResourceCapacity[];
}

function isWorkingDays(name: string): boolean {
  return normalizeName(name) === "workingdays";
}

function parseCapacity(table: PeriodTable, log: MessageLog): Capacity {
  const capacity: Capacity = { workingDays: null, resources: [] };
  const rowOfName = new Map<string, number>();
  const col = table.keyColumns[0];
  for (const r of dataRows(table.table, table.width)) {
    const name = readName(table.table, r, col, "a resource name", log);
    const what = name.kind === "ok" && isWorkingDays(name.value) ? "working days" : "capacity";
    const values = table.dataColumns.map((c) => valueOr(readAmount(table.table, r, c, what, log), 0));
    if (name.kind === "blank") {
      reportMissingKey(log, table.table, r, col, "Resource", ' Name the resource, or "Working days".');
    }
    if (name.kind !== "ok") continue;
    const key = isWorkingDays(name.value) ? "working days" : entityKey(name.value);
    const earlier = rowOfName.get(key);
    if (earlier !== undefined) {
      reportDuplicateRow(log, table.table, col, [earlier, r], quote(name.value));
      continue;
    }
    rowOfName.set(key, r);
    if (isWorkingDays(name.value)) capacity.workingDays = values;
    else capacity.resources.push({ resource: name.value, available: values });
  }
  return capacity;
}

// ---------------------------------------------------------------------------------------------
// Products

type ProductField = "product" | "family" | "mix" | "price" | "unitCost";

/** Products headers, normalized; `Price per unit` is accepted because Policy calls it that. */
const PRODUCT_HEADERS: ReadonlyMap<string, ProductField> = new Map([
  ["product", "product"],
  ["family", "family"],
  ["mix", "mix"],
  ["price", "price"],
  ["priceperunit", "price"],
  ["unitcost", "unitCost"],
]);

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

function readProductColumns(table: RawTable, resources: ResourceCapacity[], log: MessageLog): ProductColumns | null {
  const keyColumns = findKeyColumns(table, "products", ["Product", "Family"], log);
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
      const known = "Product, Family, Mix, Price, Unit cost";
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
  warnBeyondHeader(table, "products", width, log);
  return columns;
}

function parseProducts(
  table: RawTable,
  forecast: Forecast | null,
  resources: ResourceCapacity[],
  log: MessageLog,
): ProductInput[] {
  const columns = readProductColumns(table, resources, log);
  if (!columns) return [];
  const products: ProductInput[] = [];
  const rowOfProduct = new Map<string, number>();
  const productCol = columns.fields.get("product") as number;
  for (const r of dataRows(table, columns.width)) {
    const product = readProductRow(table, r, columns, forecast, log);
    if (!product) continue;
    const earlier = rowOfProduct.get(entityKey(product.product));
    if (earlier !== undefined) {
      reportDuplicateRow(log, table, productCol, [earlier, r], quote(product.product));
      continue;
    }
    rowOfProduct.set(entityKey(product.product), r);
    products.push(product);
  }
  return products;
}

function readProductRow(
  table: RawTable,
  r: number,
  columns: ProductColumns,
  forecast: Forecast | null,
  log: MessageLog,
): ProductInput | null {
  const column = (field: ProductField) => columns.fields.get(field);
  const amount = (field: ProductField, what: string): number | null => {
    const c = column(field);
    return c === undefined ? null : valueOr(readAmount(table, r, c, what, log), null);
  };
  const productCol = column("product") as number;
  const familyCol = column("family") as number;
  const product = readName(table, r, productCol, "a product name", log);
  const family = readName(table, r, familyCol, "a family name", log);
  const mix = amount("mix", "Mix");
  const price = amount("price", "Price");
  const unitCost = amount("unitCost", "Unit cost");
  const loads = [...columns.loads].map(([resource, c]): [string, number] => [
    resource,
    valueOr(readAmount(table, r, c, `the load on ${quote(resource)}`, log), 0),
  ]);
  if (product.kind === "blank") reportMissingKey(log, table, r, productCol, "Product");
  if (family.kind === "blank") reportMissingKey(log, table, r, familyCol, "Family");
  if (product.kind !== "ok" || family.kind !== "ok") return null;
  const forecastFamily = forecast?.families.find((f) => entityKey(f.name) === entityKey(family.value));
  if (forecast && !forecastFamily) {
    const ref = cellRef(table, r, familyCol);
    const what = `the family ${quote(family.value)} of product ${quote(product.value)}`;
    log.warning(ref, `${ref}: ${what} is not in Forecast, so the product is not planned.`);
  }
  const productKey = entityKey(product.value);
  const forecastRow = forecastFamily?.productRows.find((row) => entityKey(row.product ?? "") === productKey);
  return {
    product: product.value,
    family: forecastFamily?.name ?? family.value,
    demand: forecastRow ? [...forecastRow.demand] : null,
    mix,
    price,
    unitCost,
    // fromEntries defines own properties, so a resource called `__proto__` stays a resource.
    loads: Object.fromEntries(loads),
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

type NumericField = Exclude<keyof FamilyPolicy, "holdingCostBasis" | "integerWorkers" | "idleTimeAllowed">;

type PolicySetting =
  | { field: NumericField; value: number }
  | { field: "holdingCostBasis"; value: HoldingCostBasis }
  | { field: "integerWorkers"; value: boolean }
  | { field: "idleTimeAllowed"; value: boolean };

/** The spec's Policy parameters, by name as a planner types them. */
const POLICY_PARAMETERS: readonly (readonly [string, keyof FamilyPolicy])[] = [
  ["Initial inventory", "initialInventory"],
  ["Initial backlog", "initialBacklog"],
  ["Ending inventory", "endingInventory"],
  ["Safety stock", "safetyStock"],
  ["Initial workers", "initialWorkers"],
  ["Labor hours per unit", "laborHoursPerUnit"],
  ["Labour hours per unit", "laborHoursPerUnit"],
  ["Hours per worker per day", "hoursPerWorkerPerDay"],
  ["Hours per worker per period", "hoursPerWorkerPerPeriod"],
  ["Units per worker per day", "unitsPerWorkerPerDay"],
  ["Units per worker per period", "unitsPerWorkerPerPeriod"],
  ["Regular cost per hour", "regularCostPerHour"],
  ["Regular cost per unit", "regularCostPerUnit"],
  ["Overtime cost per hour", "overtimeCostPerHour"],
  ["Overtime cost per unit", "overtimeCostPerUnit"],
  ["Max overtime hours per worker", "maxOvertimeHoursPerWorker"],
  ["Max overtime units per period", "maxOvertimeUnitsPerPeriod"],
  ["Hiring cost per worker", "hiringCostPerWorker"],
  ["Layoff cost per worker", "layoffCostPerWorker"],
  ["Holding cost per unit", "holdingCostPerUnit"],
  ["Holding cost basis", "holdingCostBasis"],
  ["Backorder cost per unit", "backorderCostPerUnit"],
  ["Subcontract cost per unit", "subcontractCostPerUnit"],
  ["Max subcontract per period", "maxSubcontractPerPeriod"],
  ["Material cost per unit", "materialCostPerUnit"],
  ["Price per unit", "pricePerUnit"],
  ["Integer workers", "integerWorkers"],
  ["Idle time", "idleTimeAllowed"],
];

export const POLICY_FIELD_BY_NAME: ReadonlyMap<string, keyof FamilyPolicy> = new Map(
  POLICY_PARAMETERS.map(([label, field]) => [normalizeName(label), field]),
);

/** One Policy row: its parameter and what its Value cell and each family's cell hold. */
interface PolicyRow {
  field: keyof FamilyPolicy;
  value: Reading<PolicySetting>;
  byFamily: Map<string, Reading<PolicySetting>>;
}

interface FamilyColumn {
  col: number;
  family: string;
}

function parsePolicy(
  table: RawTable,
  families: string[] | null,
  workingDays: number[] | null,
  periodCount: number,
  log: MessageLog,
): Map<string, FamilyPolicy> | null {
  const layout = readLayout(table, "policy", ["Parameter", "Value"], log);
  if (!layout) return null;
  const familyColumns = families ? readFamilyColumns(layout, families, log) : [];
  const rows = readPolicyRows(layout, familyColumns, log);
  if (!families) return null;
  const policies = new Map<string, FamilyPolicy>();
  for (const family of families) {
    const { policy, valid } = resolvePolicy(rows, family);
    policies.set(entityKey(family), policy);
    const column = familyColumns.find((fc) => fc.family === family);
    const ref = cellRef(table, 0, column?.col ?? layout.keyColumns[1]);
    if (valid) checkProductionRates(family, policy, workingDays, periodCount, ref, log);
  }
  return policies;
}

function readFamilyColumns(layout: TableLayout, families: string[], log: MessageLog): FamilyColumn[] {
  const { table } = layout;
  const header = table.values[0];
  const columns: FamilyColumn[] = [];
  for (const col of layout.dataColumns) {
    const ref = cellRef(table, 0, col);
    const text = isBlankCell(header[col]) ? "" : periodLabel(header[col]);
    if (text === "") {
      if (columnHasData(table, col)) {
        log.warning(ref, `${ref} is blank, so the Policy column under it is ignored; name the family it is for.`);
      }
      continue;
    }
    const index = text === undefined ? -1 : matchHeaderToName(text, families);
    if (index < 0) {
      const name = headerText(header[col]);
      log.warning(ref, `${ref} ${name} is not a family in Forecast, so the Policy column under it is ignored.`);
      continue;
    }
    const earlier = columns.find((fc) => fc.family === families[index]);
    if (earlier) {
      const first = cellRef(table, 0, earlier.col);
      log.error(ref, `${ref} is a second Policy column for family ${quote(families[index])} (first at ${first}); keep one.`);
      continue;
    }
    columns.push({ col, family: families[index] });
  }
  return columns;
}

function readPolicyRows(layout: TableLayout, familyColumns: FamilyColumn[], log: MessageLog): PolicyRow[] {
  const { table } = layout;
  const [parameterCol, valueCol] = layout.keyColumns;
  const rows: PolicyRow[] = [];
  const rowOfField = new Map<keyof FamilyPolicy, number>();
  for (const r of dataRows(table, layout.width)) {
    const field = readParameterName(table, r, parameterCol, log);
    if (!field) continue;
    const earlier = rowOfField.get(field);
    if (earlier !== undefined) {
      reportDuplicateRow(log, table, parameterCol, [earlier, r], headerText(cellAt(table, r, parameterCol)));
      continue;
    }
    rowOfField.set(field, r);
    const byFamily = new Map(familyColumns.map((fc) => [fc.family, readPolicyValue(table, r, fc.col, field, log)]));
    rows.push({ field, value: readPolicyValue(table, r, valueCol, field, log), byFamily });
  }
  return rows;
}

/** The FamilyPolicy field a Parameter cell names; an error for a blank or unknown name. */
function readParameterName(table: RawTable, r: number, col: number, log: MessageLog): keyof FamilyPolicy | null {
  const name = readName(table, r, col, "a parameter name", log);
  if (name.kind === "blank") reportMissingKey(log, table, r, col, "Parameter");
  if (name.kind !== "ok") return null;
  const field = POLICY_FIELD_BY_NAME.get(normalizeName(name.value));
  if (field) return field;
  const ref = cellRef(table, r, col);
  const guess = closestParameter(name.value);
  const hint = guess ? ` Did you mean "${guess}"?` : " The parameters are listed in the README.";
  log.error(ref, `${ref} ${quote(name.value)} is not a Policy parameter, so its values would be lost.${hint}`);
  return null;
}

/** The parameter a misspelt name most likely means, when it is a few letters away. */
export function closestParameter(name: string): string | null {
  const typed = normalizeName(name);
  let best: { label: string; distance: number } | null = null;
  for (const [label] of POLICY_PARAMETERS) {
    const distance = editDistance(typed, normalizeName(label));
    if (!best || distance < best.distance) best = { label, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(typed.length / 5)) ? best.label : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function readPolicyValue(
  table: RawTable,
  r: number,
  col: number,
  field: keyof FamilyPolicy,
  log: MessageLog,
): Reading<PolicySetting> {
  const label = POLICY_PARAMETERS.find(([, f]) => f === field)?.[0] ?? field;
  if (field === "holdingCostBasis") return readHoldingCostBasis(table, r, col, log);
  if (field === "integerWorkers") return readYesNo(table, r, col, label, log);
  if (field === "idleTimeAllowed") return readIdleTime(table, r, col, log);
  const amount = readAmount(table, r, col, `"${label}"`, log);
  return amount.kind === "ok" ? ok({ field, value: amount.value }) : amount;
}

/**
 * A Policy parameter's value in any cell, read by the Policy table's rules (how a Scenarios row
 * sets one): blank, the value, or the errors naming the cell.
 */
export function readPolicyParameterCell(
  table: RawTable,
  r: number,
  col: number,
  field: keyof FamilyPolicy,
): { kind: "blank" } | { kind: "ok"; value: FamilyPolicy[keyof FamilyPolicy] } | { kind: "bad"; messages: PlanMessage[] } {
  const log = new MessageLog();
  const reading = readPolicyValue(table, r, col, field, log);
  if (reading.kind === "ok") return { kind: "ok", value: reading.value.value };
  if (reading.kind === "blank") return { kind: "blank" };
  return { kind: "bad", messages: log.messages };
}

/** The name a planner types for a Policy field (`Price per unit`). */
export function policyParameterLabel(field: keyof FamilyPolicy): string {
  return POLICY_PARAMETERS.find(([, f]) => f === field)?.[0] ?? field;
}

function readHoldingCostBasis(table: RawTable, r: number, col: number, log: MessageLog): Reading<PolicySetting> {
  const cell = cellAt(table, r, col);
  if (isBlankCell(cell)) return BLANK;
  const basis = typeof cell === "string" ? cell.trim().toLowerCase() : "";
  if (basis === "ending" || basis === "average") return ok({ field: "holdingCostBasis", value: basis });
  const ref = cellRef(table, r, col);
  log.error(ref, `${ref} holds ${describeCell(cell)}; "Holding cost basis" must be Ending or Average.`);
  return BAD;
}

export const YES_NO: ReadonlyMap<string | number | boolean, boolean> = new Map<string | number | boolean, boolean>([
  ["yes", true],
  ["no", false],
  ["true", true],
  ["false", false],
  [true, true],
  [false, false],
  [1, true],
  [0, false],
]);

function readYesNo(table: RawTable, r: number, col: number, label: string, log: MessageLog): Reading<PolicySetting> {
  const cell = cellAt(table, r, col);
  if (isBlankCell(cell)) return BLANK;
  const key = typeof cell === "string" ? cell.trim().toLowerCase() : cell;
  const value = typeof key === "object" ? undefined : YES_NO.get(key);
  if (value !== undefined) return ok({ field: "integerWorkers", value });
  const ref = cellRef(table, r, col);
  log.error(ref, `${ref} holds ${describeCell(cell)}; "${label}" must be Yes or No.`);
  return BAD;
}

/** `Idle time`: Allowed or Not allowed (as a planner may type it: `not_allowed`, `NOT ALLOWED`). */
export const IDLE_TIME: ReadonlyMap<string, boolean> = new Map([
  ["allowed", true],
  ["notallowed", false],
]);

function readIdleTime(table: RawTable, r: number, col: number, log: MessageLog): Reading<PolicySetting> {
  const cell = cellAt(table, r, col);
  if (isBlankCell(cell)) return BLANK;
  const value = typeof cell === "string" ? IDLE_TIME.get(normalizeName(cell)) : undefined;
  if (value !== undefined) return ok({ field: "idleTimeAllowed", value });
  const ref = cellRef(table, r, col);
  log.error(ref, `${ref} holds ${describeCell(cell)}; "Idle time" must be Allowed or Not allowed.`);
  return BAD;
}

/** A family's policy: its own cell, else the Value cell, else the default. Invalid cells taint it. */
function resolvePolicy(rows: PolicyRow[], family: string): { policy: FamilyPolicy; valid: boolean } {
  const policy: FamilyPolicy = { ...POLICY_DEFAULTS };
  let valid = true;
  for (const row of rows) {
    const own = row.byFamily.get(family);
    const chosen = own && own.kind !== "blank" ? own : row.value;
    if (chosen.kind === "bad") valid = false;
    if (chosen.kind === "ok") applySetting(policy, chosen.value);
  }
  return { policy, valid };
}

function applySetting(policy: FamilyPolicy, setting: PolicySetting): void {
  switch (setting.field) {
    case "holdingCostBasis":
      policy.holdingCostBasis = setting.value;
      return;
    case "integerWorkers":
      policy.integerWorkers = setting.value;
      return;
    case "idleTimeAllowed":
      policy.idleTimeAllowed = setting.value;
      return;
    default:
      policy[setting.field] = setting.value;
  }
}

function checkProductionRates(
  family: string,
  policy: FamilyPolicy,
  workingDays: number[] | null,
  periodCount: number,
  ref: string,
  log: MessageLog,
): void {
  const rates = productionRates(policy, workingDays, periodCount);
  if (rates.ok) return;
  for (const problem of rates.errors) log.error(ref, `Policy for family ${quote(family)}: ${problem} (${ref}).`);
}

// ---------------------------------------------------------------------------------------------
// Plan

const PLAN_ROW_TITLES: Record<keyof ManualPlanInput, string> = {
  workers: "Workers",
  regular: "Regular",
  overtime: "Overtime",
  subcontract: "Subcontract",
};

export const PLAN_ROWS: ReadonlyMap<string, keyof ManualPlanInput> = new Map(
  (Object.keys(PLAN_ROW_TITLES) as (keyof ManualPlanInput)[]).map((row) => [normalizeName(row), row]),
);

function parsePlan(table: PeriodTable, families: string[] | null, log: MessageLog): Map<string, ManualPlanInput> {
  const plans = new Map<string, ManualPlanInput>();
  const rowOf = new Map<string, number>();
  const rowCol = table.keyColumns[1];
  for (const r of dataRows(table.table, table.width)) {
    const target = readPlanKeys(table, r, families, log);
    const values = table.dataColumns.map((c) => valueOr(readAmount(table.table, r, c, "a planned quantity", log), 0));
    if (!target) continue;
    const pairKey = `${entityKey(target.family)}\u0000${target.row}`;
    const earlier = rowOf.get(pairKey);
    if (earlier !== undefined) {
      const what = `the ${PLAN_ROW_TITLES[target.row]} row of ${quote(target.family)}`;
      reportDuplicateRow(log, table.table, rowCol, [earlier, r], what);
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
  const family = readName(table.table, r, familyCol, "a family name", log);
  const rowName = readName(table.table, r, rowCol, "a Plan row name", log);
  const familyRef = cellRef(table.table, r, familyCol);
  const rowRef = cellRef(table.table, r, rowCol);
  const rowList = "Workers, Regular, Overtime or Subcontract";
  if (family.kind === "blank") reportMissingKey(log, table.table, r, familyCol, "Family");
  if (rowName.kind === "blank") log.error(rowRef, `${rowRef} has no Row name; it must be ${rowList}.`);
  const row = rowName.kind === "ok" ? PLAN_ROWS.get(normalizeName(rowName.value)) : undefined;
  if (rowName.kind === "ok" && !row) {
    log.error(rowRef, `${rowRef} ${quote(rowName.value)} is not a Plan row; it must be ${rowList}.`);
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

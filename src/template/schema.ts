// The input template's vocabulary, as data: its tables and headers, every Policy parameter, the Plan rows, the labels and the defaults.
//
// Every front end reads the template through src/template: this module's vocabulary, the cell-reading
// kernel (cellReading.ts) and its words (cellMessages.ts), and the Policy table's reading
// (policyTable.ts) that the parser (src/workbook/parse.ts), the custom functions' argument reader
// (src/functions/args.ts) and the task pane's Policy view (src/taskpane/policy.ts) all call. The
// family sheet's parameter block (src/workbook/layout/familySheet.ts) and the README's Policy table
// (`policyTableMarkdown`; test/unit/schema.test.ts checks the README holds it) come from here too.
// It imports nothing but the engine, whose model it names.
//
// Adding a Policy parameter:
//   1. the engine: its field in `FamilyPolicy` (src/engine/model.ts), its default in `POLICY_DEFAULTS`
//      (src/engine/policy.ts) and the rule that uses it (costing, strategies, optimal);
//   2. here: one entry in `POLICY_PARAMETERS` (name, aliases, kind, unit, what blank means, format, note);
//      its cells are read by its kind for its own field (policyTable.ts: no list of fields to edit).
//   Then the README's Policy table gets the entry's row (`policyTableMarkdown()`; test/unit/schema.test.ts
//   fails until it is there). The parser, the functions, the
//   pane and the family sheet's reference block pick the entry up; a formula that reads the value on
//   the family sheet is the layout's own business (FORMULA_PARAMETERS in familySheet.ts).
import {
  ALL_STRATEGIES,
  type BudgetMeasure,
  type CostBreakdown,
  type DemandBasis,
  type FamilyPolicy,
  type HoldingCostBasis,
  type ManualPlanInput,
  type RiskKind,
  type Severity,
  type StrategyName,
  POLICY_DEFAULTS,
} from "../engine";

// ---------------------------------------------------------------------------------------------
// Names as people type them

/** A trailing unit in parentheses, e.g. ` ($)` in `Price ($)`; at least one character must precede it. */
const TRAILING_UNIT = /(\S)\s*\([^()]*\)$/;

/**
 * The form in which table, sheet, header and parameter names are compared: lower case, without
 * spaces or `_`, and without a trailing unit in parentheses. `Price ($)`, `price` and `PRICE`
 * are the same name; so are `Unit cost`, `unit_cost` and `UnitCost (EUR)`.
 */
export function normalizeName(s: string): string {
  return s.trim().replace(TRAILING_UNIT, "$1").toLowerCase().replace(/[\s_]+/g, "");
}

/**
 * The form in which names of things the planner plans (families, products, resources) are
 * compared: case-insensitive and ignoring surrounding and repeated spaces, like Excel's lookups.
 * Units are not stripped here: `Tools (EU)` and `Tools (US)` are two families.
 */
export function entityKey(s: string): string {
  return s.trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * Finds which of `names` a header means: the same name as an entity first, else the only one
 * with the same normalized form (so a `Line_1 (h)` column finds the resource `Line 1`).
 * Returns the index into `names`, or -1.
 */
export function matchHeaderToName(header: string, names: readonly string[]): number {
  const key = entityKey(header);
  const exact = names.findIndex((n) => entityKey(n) === key);
  if (exact >= 0) return exact;
  const normalized = normalizeName(header);
  const loose = names.flatMap((n, i) => (normalizeName(n) === normalized ? [i] : []));
  return loose.length === 1 ? loose[0] : -1;
}

// ---------------------------------------------------------------------------------------------
// Tables

/** Each table's key is its name as `normalizeName` reads it (`Forecast inputs` → `forecastinputs`). */
export type TemplateTableName = "forecast" | "products" | "capacity" | "policy" | "plan" | "actuals" | "forecastinputs" | "budget";

export const TEMPLATE_TABLE_NAMES: readonly TemplateTableName[] = ["forecast", "products", "capacity", "policy", "plan", "actuals", "forecastinputs", "budget"];

/** The Capacity table's name, on its own: the working days' messages name it where nothing else of the tables is needed. */
export const CAPACITY_TABLE_TITLE = "Capacity";

/** How each table is called in messages, what its header row looks like, and whether a run needs it. */
export const TEMPLATE_TABLE_INFO: Record<TemplateTableName, { title: string; header: string; required: boolean }> = {
  forecast: { title: "Forecast", header: "Family | Product | <one column per period>", required: true },
  products: { title: "Products", header: "Product | Family | Mix | Price | Unit cost | <resources>", required: false },
  capacity: { title: CAPACITY_TABLE_TITLE, header: "Resource | <one column per period>", required: false },
  policy: { title: "Policy", header: "Parameter | Value | <one column per family, optional>", required: true },
  plan: { title: "Plan", header: "Family | Row | <one column per period>", required: false },
  actuals: { title: "Actuals", header: "Family | Product | <one column per past period>", required: false },
  forecastinputs: { title: "Forecast inputs", header: "Family | Product | Source | <one column per period>", required: false },
  budget: { title: "Budget", header: "Family | Line | <one column per period>", required: false },
};

/** The key columns each table's header must have, in the order they are looked for. */
export const TABLE_KEYS = {
  forecast: ["Family", "Product"],
  capacity: ["Resource"],
  plan: ["Family", "Row"],
  policy: ["Parameter", "Value"],
  products: ["Product", "Family"],
  actuals: ["Family", "Product"],
  forecastinputs: ["Family", "Product", "Source"],
  budget: ["Family", "Line"],
} as const satisfies Record<TemplateTableName, readonly string[]>;

/** The optional Forecast column that says why the consensus is what it is: text, never a period. */
export const FORECAST_REASON_COLUMN = "Reason";

/** The Capacity row that gives working days instead of a resource's capacity. */
export const WORKING_DAYS_ROW = "Working days";

/**
 * The Capacity row that caps every resource's use per period (a share, 90 %): the plans are checked
 * and optimised against the available capacity × this share. Blank: 100 %.
 */
export const MAX_UTILISATION_ROW = "Max utilisation";

export type ProductField = "product" | "family" | "mix" | "price" | "unitCost" | "storagePerUnit";

/** Products columns by header; `Price per unit` is accepted because Policy calls it that. Other headers are resources. */
export const PRODUCT_COLUMNS: readonly { field: ProductField; name: string; aliases: readonly string[] }[] = [
  { field: "product", name: "Product", aliases: [] },
  { field: "family", name: "Family", aliases: [] },
  { field: "mix", name: "Mix", aliases: [] },
  { field: "price", name: "Price", aliases: ["Price per unit"] },
  { field: "unitCost", name: "Unit cost", aliases: [] },
  { field: "storagePerUnit", name: "Storage per unit", aliases: [] },
];

// ---------------------------------------------------------------------------------------------
// Policy parameters

/**
 * How a Policy cell is read: an amount (a number from 0 to 10¹²), a count (a whole amount), a share
 * (below 100 %: `95 %`, `0.95` or `95`), Yes/No, or one of a few words.
 */
export type ParameterKind = "amount" | "count" | "share" | "yes-no" | "choice" | "name";

/** The number format of a value on the family sheet (the layout maps each to Excel's format). */
export type ValueFormat = "units" | "money" | "rate" | "hoursPerUnit" | "workers" | "share";

export interface Choice<T> {
  /** As typed and shown: `Ending`. */
  label: string;
  value: T;
  /** What it means, for the family sheet's note: `on ending inventory`. */
  meaning: string;
}

export interface PolicyParameter {
  field: keyof FamilyPolicy;
  /** The name as the template writes it. */
  name: string;
  /** Other names accepted for it (compared as `normalizeName` says). */
  aliases: readonly string[];
  kind: ParameterKind;
  /** What a value counts, for the README: `units`, `money per unit`. */
  unit: string;
  /** What the parameter means, for the README and the pane. */
  note: string;
  /** What a blank cell means when the default is "not given" (`null`): `no cap`. */
  blank?: string;
  /** The number format on the family sheet (amounts only). */
  format?: ValueFormat;
  /** A note beside the value on the family sheet, when there is something to say. */
  sheetNote?: string;
  /** The words a choice accepts. */
  choices?: readonly Choice<string | boolean>[];
}

export const HOLDING_COST_BASES: readonly Choice<HoldingCostBasis>[] = [
  { label: "Ending", value: "ending", meaning: "on ending inventory" },
  { label: "Average", value: "average", meaning: "on average inventory: (beginning + ending) / 2" },
];

export const DEMAND_BASIS_CHOICES: readonly Choice<DemandBasis>[] = [
  { label: "Forecast", value: "forecast", meaning: "planned on the Forecast table (the consensus)" },
  { label: "Statistical", value: "statistical", meaning: "planned on the statistical baseline from Actuals (see SOP Demand review)" },
];

export const IDLE_TIME_CHOICES: readonly Choice<boolean>[] = [
  { label: "Allowed", value: true, meaning: "regular output may be below what the workforce can make" },
  { label: "Not allowed", value: false, meaning: "every period's regular output is what the workforce makes (production proportional to the workforce)" },
];

/**
 * Every Policy parameter, in the template's order. The default of each is the engine's
 * (`POLICY_DEFAULTS`): a blank cell keeps it.
 */
export const POLICY_PARAMETERS: readonly PolicyParameter[] = [
  { field: "initialInventory", name: "Initial inventory", aliases: [], kind: "amount", unit: "units", format: "units", note: "units on hand at the start" },
  { field: "initialBacklog", name: "Initial backlog", aliases: [], kind: "amount", unit: "units", format: "units", note: "units owed to customers at the start" },
  { field: "endingInventory", name: "Ending inventory", aliases: [], kind: "amount", unit: "units", format: "units", note: "minimum units on hand at the end of the horizon" },
  { field: "safetyStock", name: "Safety stock", aliases: [], kind: "amount", unit: "units", format: "units", note: "minimum units on hand at the end of every period" },
  {
    field: "initialWorkers",
    name: "Initial workers",
    aliases: [],
    kind: "amount",
    unit: "workers",
    format: "workers",
    note: "workforce before period 1",
    blank: "the first period's workforce is set freely (no hiring or layoff in period 1)",
  },
  { field: "laborHoursPerUnit", name: "Labor hours per unit", aliases: ["Labour hours per unit"], kind: "amount", unit: "hours", format: "hoursPerUnit", note: "hours to make one unit (regular or overtime); productivity rule 1, with hours per worker" },
  { field: "hoursPerWorkerPerDay", name: "Hours per worker per day", aliases: [], kind: "amount", unit: "hours", format: "rate", note: "regular hours of one worker per working day (× the Capacity row `Working days`)" },
  { field: "hoursPerWorkerPerPeriod", name: "Hours per worker per period", aliases: [], kind: "amount", unit: "hours", format: "rate", note: "regular hours of one worker per period" },
  { field: "unitsPerWorkerPerDay", name: "Units per worker per day", aliases: [], kind: "amount", unit: "units", format: "rate", note: "productivity rule 2: units one worker makes on regular time per working day" },
  { field: "unitsPerWorkerPerPeriod", name: "Units per worker per period", aliases: [], kind: "amount", unit: "units", format: "rate", note: "productivity rule 2: units one worker makes on regular time per period" },
  { field: "regularCostPerHour", name: "Regular cost per hour", aliases: [], kind: "amount", unit: "money per hour", format: "money", note: "payroll: every worker's regular hours are paid, used or not" },
  { field: "regularCostPerUnit", name: "Regular cost per unit", aliases: [], kind: "amount", unit: "money per unit", format: "money", note: "per unit made on regular time" },
  { field: "overtimeCostPerHour", name: "Overtime cost per hour", aliases: [], kind: "amount", unit: "money per hour", format: "money", note: "per overtime hour worked" },
  { field: "overtimeCostPerUnit", name: "Overtime cost per unit", aliases: [], kind: "amount", unit: "money per unit", format: "money", note: "per unit made on overtime" },
  { field: "maxOvertimeHoursPerWorker", name: "Max overtime hours per worker", aliases: [], kind: "amount", unit: "hours", format: "rate", note: "per period (times the workforce, ÷ labor hours per unit)", blank: "no overtime unless the units cap is given" },
  { field: "maxOvertimeUnitsPerPeriod", name: "Max overtime units per period", aliases: [], kind: "amount", unit: "units", format: "units", note: "cap on the family's overtime output per period", blank: "no cap on the units (the hours cap alone)" },
  { field: "hiringCostPerWorker", name: "Hiring cost per worker", aliases: [], kind: "amount", unit: "money per worker", format: "money", note: "charged in the period of the change" },
  { field: "layoffCostPerWorker", name: "Layoff cost per worker", aliases: [], kind: "amount", unit: "money per worker", format: "money", note: "charged in the period of the change" },
  { field: "holdingCostPerUnit", name: "Holding cost per unit", aliases: [], kind: "amount", unit: "money per unit", format: "money", note: "per unit held per period" },
  {
    field: "holdingCostBasis",
    name: "Holding cost basis",
    aliases: [],
    kind: "choice",
    unit: "",
    note: "`Ending` (end-of-period inventory) or `Average` ((beginning + ending) / 2)",
    choices: HOLDING_COST_BASES,
  },
  { field: "backorderCostPerUnit", name: "Backorder cost per unit", aliases: [], kind: "amount", unit: "money per unit", format: "money", note: "per period on end-of-period backlog", blank: "backorders are not allowed" },
  { field: "subcontractCostPerUnit", name: "Subcontract cost per unit", aliases: [], kind: "amount", unit: "money per unit", format: "money", note: "all-in price per unit bought", blank: "no subcontracting" },
  { field: "maxSubcontractPerPeriod", name: "Max subcontract per period", aliases: [], kind: "amount", unit: "units", format: "units", note: "cap on the units bought per period", blank: "no cap" },
  { field: "materialCostPerUnit", name: "Material cost per unit", aliases: [], kind: "amount", unit: "money per unit", format: "money", note: "per unit made in-house", sheetNote: "per unit made in-house (regular + overtime)" },
  { field: "pricePerUnit", name: "Price per unit", aliases: [], kind: "amount", unit: "money per unit", format: "money", note: "revenue per unit shipped; products' `Price` override it", sheetNote: "revenue per unit shipped" },
  { field: "integerWorkers", name: "Integer workers", aliases: [], kind: "yes-no", unit: "", note: "`Yes`/`No`: whole workers only" },
  {
    field: "optimalityGapPercent",
    name: "Optimality gap",
    aliases: [],
    kind: "amount",
    unit: "%",
    format: "rate",
    note: "with whole workers: the optimal plan is accepted at most this far above the least possible cost (a proven bound); farther, it is searched for a better one within the run's time budget (0.5 = 0.5 %)",
  },
  {
    field: "idleTimeAllowed",
    name: "Idle time",
    aliases: [],
    kind: "choice",
    unit: "",
    note: "`Allowed`: regular output may be below what the workforce makes; `Not allowed`: every period's regular output is what the workforce makes (production proportional to the workforce)",
    choices: IDLE_TIME_CHOICES,
  },
  {
    field: "frozenPeriods",
    name: "Frozen periods",
    aliases: [],
    kind: "count",
    unit: "periods",
    note: "the first periods every plan keeps as the compared version has them (production and workforce, by period label)",
  },
  {
    field: "lostSaleCostPerUnit",
    name: "Lost sale cost per unit",
    aliases: [],
    kind: "amount",
    unit: "money per unit",
    format: "money",
    note: "goodwill a unit of demand not served costs on top of its lost margin (reported beside the cost, not in it)",
  },
  {
    field: "priority",
    name: "Priority",
    aliases: [],
    kind: "count",
    unit: "rank",
    note: "1 = served first when the capacity cannot serve every family's demand, whatever it costs",
    blank: "after the families with a priority: a unit is served when its price + lost sale cost covers what serving it costs (without a price: whenever it can be)",
  },
  {
    field: "demandBasis",
    name: "Demand basis",
    aliases: [],
    kind: "choice",
    unit: "",
    note: "`Forecast`: plan on the Forecast table (the consensus); `Statistical`: plan on the statistical baseline from the family's Actuals",
    choices: DEMAND_BASIS_CHOICES,
  },
  {
    field: "safetyStockCover",
    name: "Safety stock periods of cover",
    aliases: [],
    kind: "amount",
    unit: "periods",
    note: "safety stock = this many periods of the following demand (1.5: the next period's and half the one after), instead of `Safety stock`",
    blank: "the safety stock is `Safety stock`",
  },
  {
    field: "serviceLevel",
    name: "Service level",
    aliases: [],
    kind: "share",
    unit: "share, e.g. 95 %",
    format: "share",
    note: "safety stock = z(service level) × the RMSE of the statistical baseline's one-step holdout errors, instead of `Safety stock` (needs Actuals)",
    blank: "the safety stock is `Safety stock`",
  },
  {
    field: "upsideLimit",
    name: "Upside limit",
    aliases: [],
    kind: "share",
    unit: "share, e.g. 20 %",
    format: "share",
    note: "the extra demand an opportunity may assume, as a share of the product's forecast in the period",
  },
  {
    field: "storageResource",
    name: "Storage resource",
    aliases: [],
    kind: "name",
    unit: "a Capacity resource",
    note: "the Capacity resource the family's stock takes room on: its products' `Storage per unit` × end-of-period inventory, within capacity in every plan",
    blank: "stock takes no capacity",
  },
  {
    field: "openingStockValuePerUnit",
    name: "Opening stock value per unit",
    aliases: [],
    kind: "amount",
    unit: "money per unit",
    format: "money",
    note: "what a unit of the initial inventory is worth in the P&L view (cost of goods sold, inventory value)",
    blank: "the unit cost of the first period that makes anything; in a plan that makes nothing, the family's material + regular cost per unit (an info names the cell)",
  },
];

/** A list of Policy parameters with its lookups by name: the template's own (`POLICY_SCHEMA`), or a test's. */
export interface PolicySchema {
  parameters: readonly PolicyParameter[];
  /** The parameter a Parameter cell names (`Integer workers`, `integer_workers`, `Labour hours per unit`), or undefined. */
  named(name: string): PolicyParameter | undefined;
  /** The parameter a misspelt name most likely means, when it is a few letters away. */
  closest(name: string): string | null;
}

export function policySchema(parameters: readonly PolicyParameter[]): PolicySchema {
  const byName: ReadonlyMap<string, PolicyParameter> = new Map(
    parameters.flatMap((p) => [p.name, ...p.aliases].map((name) => [normalizeName(name), p] as const)),
  );
  return { parameters, named: (name) => byName.get(normalizeName(name)), closest: (name) => closestName(name, parameters) };
}

export const POLICY_SCHEMA: PolicySchema = policySchema(POLICY_PARAMETERS);

const PARAMETER_BY_FIELD: ReadonlyMap<keyof FamilyPolicy, PolicyParameter> = new Map(POLICY_PARAMETERS.map((p) => [p.field, p]));

/** The template's parameter a Parameter cell names, or undefined. */
export function policyParameterNamed(name: string): PolicyParameter | undefined {
  return POLICY_SCHEMA.named(name);
}

export function policyParameter(field: keyof FamilyPolicy): PolicyParameter {
  const parameter = PARAMETER_BY_FIELD.get(field);
  if (!parameter) throw new Error(`schema: no Policy parameter for field ${field}`);
  return parameter;
}

/** The default of a parameter as the README writes it: `0`, `No`, `Ending`, `no cap`. */
export function defaultText(parameter: PolicyParameter): string {
  const value = POLICY_DEFAULTS[parameter.field];
  if (value === null) return parameter.blank ? `blank = ${parameter.blank}` : "blank";
  if (parameter.kind === "share" && typeof value === "number") return `${value * 100} %`;
  const choice = parameter.choices?.find((c) => c.value === value);
  if (choice) return choice.label;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

/** The README's Policy table, row by row (header included), as Markdown: one row per parameter. */
export function policyTableMarkdown(): string[] {
  const rows = POLICY_PARAMETERS.map((p) => {
    const name = p.aliases.length > 0 ? `${p.name} (or ${p.aliases.join(", ")})` : p.name;
    const meaning = p.unit ? `${p.note} (${p.unit})` : p.note;
    return `| ${name} | ${meaning} | ${defaultText(p)} |`;
  });
  return ["| Parameter | Meaning | Default |", "|---|---|---|", ...rows];
}

/** The template's parameter a misspelt name most likely means, when it is a few letters away. */
export function closestParameter(name: string): string | null {
  return POLICY_SCHEMA.closest(name);
}

function closestName(name: string, parameters: readonly PolicyParameter[]): string | null {
  const typed = normalizeName(name);
  let best: { label: string; distance: number } | null = null;
  for (const parameter of parameters) {
    for (const label of [parameter.name, ...parameter.aliases]) {
      const distance = editDistance(typed, normalizeName(label));
      if (!best || distance < best.distance) best = { label, distance };
    }
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

/** The words a Yes/No cell accepts (case ignored), and the numbers and booleans Excel may hold instead. */
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

// ---------------------------------------------------------------------------------------------
// Plan rows

/** The rows of the Plan table, in the order a manual plan lists them. */
export const PLAN_ROWS: readonly { field: keyof ManualPlanInput; name: string }[] = [
  { field: "workers", name: "Workers" },
  { field: "regular", name: "Regular" },
  { field: "overtime", name: "Overtime" },
  { field: "subcontract", name: "Subcontract" },
];

export const PLAN_ROW_LIST = "Workers, Regular, Overtime or Subcontract";

export function planRowNamed(name: string): keyof ManualPlanInput | undefined {
  return PLAN_ROWS.find((row) => normalizeName(row.name) === normalizeName(name))?.field;
}

export function planRowName(field: keyof ManualPlanInput): string {
  return PLAN_ROWS.find((row) => row.field === field)?.name ?? field;
}

// ---------------------------------------------------------------------------------------------
// Budget lines

/** The lines of the Budget table, in the order a comparison lists them. */
export const BUDGET_LINES: readonly { measure: BudgetMeasure; name: string }[] = [
  { measure: "units", name: "Units" },
  { measure: "revenue", name: "Revenue" },
  { measure: "margin", name: "Margin" },
];

export const BUDGET_LINE_LIST = "Units, Revenue or Margin";

export function budgetLineNamed(name: string): BudgetMeasure | undefined {
  return BUDGET_LINES.find((line) => normalizeName(line.name) === normalizeName(name))?.measure;
}

// ---------------------------------------------------------------------------------------------
// Labels of the outputs

export const COST_LABEL: Record<keyof CostBreakdown, string> = {
  regular: "Regular cost",
  overtime: "Overtime cost",
  hiring: "Hiring cost",
  layoff: "Layoff cost",
  holding: "Holding cost",
  backorder: "Backorder cost",
  subcontract: "Subcontract cost",
  material: "Material cost",
};

export const RISK_KIND_LABEL: Record<RiskKind, string> = {
  unmet: "Demand not served",
  overload: "Overload",
  underutilization: "Under-utilisation",
  backlog: "Backlog",
  shortage: "Shortage",
  loss: "Loss",
  "forecast-gap": "Forecast gap",
  "consensus-gap": "Consensus vs baseline",
  "high-load": "Sustained high load",
  "at-cap": "Lever at its cap",
  "stock-target": "Stock target missed",
  opportunity: "Opportunity",
};

/** Numbered, so sorting by severity keeps the most serious first. */
export const SEVERITY_LABEL: Record<Severity, string> = { error: "1 High", warning: "2 Medium", info: "3 Info" };

// ---------------------------------------------------------------------------------------------
// Defaults of a run

/** What a run plans when not told: every strategy (the optimal one needs the LP solver, which every front end loads). */
export const DEFAULT_STRATEGIES: readonly StrategyName[] = ALL_STRATEGIES;

// Lays out one family's sheet: its parameters, every plan period by period as live formulas, its chart and the rules followed.
import { COST_LABEL, POLICY_PARAMETERS, policyParameter, type ValueFormat } from "../../template/schema";
import {
  amountText,
  moneyText,
  COST_KINDS,
  type CostBreakdown,
  type FamilyInput,
  type FamilyPolicy,
  type FamilyResult,
  type PlanningInput,
  type PlanResult,
  STRATEGY_LABELS,
  type StrategyName,
  recommendation,
  productionRates,
  type ProductionRates,
  firstMakingPeriod,
  PERIOD_COST_KINDS,
  PRODUCT_COST_KINDS,
  profitAndLoss,
} from "../../engine";
import { rateProblemMessage } from "../../template/cellMessages";
import { cellAddress, columnLetter, quoteSheetName, type CellLocation, type CellSpec, type CellStyle, type CellValue, type ChartSpec, type SheetSpec, type TableSpec } from "../sheet";
import { constant, FORMAT, formula, PLAN_TABLE_STYLE, SheetGrid, sum, TAB_COLOR, tableBaseName, text, UniqueNames } from "./kit";

/**
 * The Policy values the plan formulas read, in the order the parameters block shows them; each
 * becomes an editable cell. The schema words them; which ones a formula reads is this layout's
 * business.
 */
const FORMULA_PARAMETERS = [
  "initialInventory",
  "initialBacklog",
  "initialWorkers",
  "regularCostPerHour",
  "regularCostPerUnit",
  "overtimeCostPerHour",
  "overtimeCostPerUnit",
  "hiringCostPerWorker",
  "layoffCostPerWorker",
  "holdingCostPerUnit",
  "backorderCostPerUnit",
  "subcontractCostPerUnit",
  "materialCostPerUnit",
  "pricePerUnit",
  "openingStockValuePerUnit",
] as const satisfies readonly (keyof FamilyPolicy)[];

type FormulaParameter = (typeof FORMULA_PARAMETERS)[number];

/** The productivity rule's parameters: shown among the rules only when given. */
const PRODUCTIVITY = ["laborHoursPerUnit", "hoursPerWorkerPerDay", "hoursPerWorkerPerPeriod", "unitsPerWorkerPerDay", "unitsPerWorkerPerPeriod"] as const satisfies readonly (keyof FamilyPolicy)[];

interface ParameterLine {
  label: string;
  value: CellValue;
  format?: string;
  /** Set when a formula reads the cell. */
  key?: FormulaParameter;
  note?: string;
}

/** The lines of the plan block, in the order a planner reads them. */
type PlanRow =
  | "demand"
  | "workingDays"
  | "unitsPerWorker"
  | "hoursPerWorker"
  | "laborHoursPerUnit"
  | "materialCostPerUnit"
  | "pricePerUnit"
  | "workers"
  | "hired"
  | "laidOff"
  | "regular"
  | "overtime"
  | "subcontract"
  | "unmet"
  | "inventory"
  | "safetyStock"
  | "backlog"
  | "shipped"
  | `${keyof CostBreakdown}Cost`
  | "totalCost"
  | "revenue"
  | "margin"
  | "stockUnitCost"
  | "cogs"
  | "grossMargin"
  | "inventoryValue"
  | "revenueAtRisk";

const PLAN_ROW_LABEL: Record<PlanRow, string> = {
  demand: "Demand",
  workingDays: "Working days",
  unitsPerWorker: "Units per worker",
  hoursPerWorker: "Hours per worker",
  laborHoursPerUnit: "Labor hours per unit",
  materialCostPerUnit: "Material cost per unit",
  pricePerUnit: "Price per unit",
  workers: "Workers",
  hired: "Hired",
  laidOff: "Laid off",
  regular: "Regular",
  overtime: "Overtime",
  subcontract: "Subcontract",
  unmet: "Unmet demand",
  inventory: "Inventory",
  safetyStock: "Safety stock (computed)",
  backlog: "Backlog",
  shipped: "Shipped",
  regularCost: COST_LABEL.regular,
  overtimeCost: COST_LABEL.overtime,
  hiringCost: COST_LABEL.hiring,
  layoffCost: COST_LABEL.layoff,
  holdingCost: COST_LABEL.holding,
  backorderCost: COST_LABEL.backorder,
  subcontractCost: COST_LABEL.subcontract,
  materialCost: COST_LABEL.material,
  totalCost: "Total cost",
  revenue: "Revenue",
  margin: "Margin",
  stockUnitCost: "Unit cost (weighted average)",
  cogs: "Cost of goods sold",
  grossMargin: "P&L margin",
  inventoryValue: "Inventory value",
  revenueAtRisk: "Revenue at risk",
};

const costRow = (kind: keyof CostBreakdown): PlanRow => `${kind}Cost`;

/** Where a plan's totals sit, so the Summary can point at them. */
export interface PlanTotalsAddress {
  strategy: StrategyName;
  totalCost: string;
  costs: Record<keyof CostBreakdown, string>;
  revenue: string;
  margin: string;
  cogs: string;
  grossMargin: string;
  shipped: string;
  /** Absent when no plan of the family leaves demand unmet (the sheet has no such rows). */
  unmet?: string;
  revenueAtRisk?: string;
}

interface FamilySheetLayout {
  sheet: SheetSpec;
  totals: PlanTotalsAddress[];
  /** Each plan's rows, so other sheets can read its cells. */
  planRows: Map<StrategyName, Record<PlanRow, number>>;
}

/** The plan lines other sheets read from a family sheet (the variance reads the recommended plan). */
export type PlanCellRow = Exclude<PlanRow, "workingDays" | "unitsPerWorker" | "hoursPerWorker" | "laborHoursPerUnit">;

/** Where a family's plans sit: the cell of a plan line in a period (0-based), or undefined. */
export interface PlanCells {
  location(family: string, strategy: StrategyName, row: PlanCellRow, periodIndex: number): CellLocation | undefined;
}

/**
 * Money per unit the plans were costed with (the material cost, the price): the Policy's, or the
 * products' own (`constant`: one value, mix-weighted; `perPeriod`: a row of its own, bottom-up by
 * each period's product forecasts).
 */
type PerUnitMoney = { kind: "policy" } | { kind: "constant"; value: number } | { kind: "perPeriod"; values: readonly number[] };

function perUnitMoneyOf(values: readonly number[] | undefined, policyValue: number): PerUnitMoney {
  if (!values) return { kind: "policy" };
  return values.every((v) => v === values[0]) ? { kind: "constant", value: values[0] ?? policyValue } : { kind: "perPeriod", values };
}

/** The products' value in a parameter's line: the weighted value, or a pointer to the plan's row of it. */
const PRODUCT_MONEY_NOTE = {
  materialCostPerUnit: {
    constant: "per unit made in-house: the products' Unit cost (else the Policy's) weighted by mix, as the Finance sheet costs it",
    perPeriod: "per period, on each plan's Material cost per unit row: the products' Unit cost weighted by that period's product forecasts",
  },
  pricePerUnit: {
    constant: "revenue per unit shipped: the products' Price (else the Policy's) weighted by mix, as the Finance sheet prices it",
    perPeriod: "per period, on each plan's Price per unit row: the products' Price (else the Policy's) weighted by that period's product forecasts",
  },
} as const;

/** The mark above a plan's frozen columns: which periods, and the version they are kept from. */
function frozenMarkText(span: string | null, version: string | undefined): string {
  return `${span ?? ""} frozen (version "${version ?? ""}")`;
}

/** `W01–W02` or `W01`: the frozen periods of a family, or null when none are. */
function frozenSpan(family: FamilyInput, periods: readonly string[]): string | null {
  const count = Math.min(family.frozen?.workers.length ?? 0, periods.length);
  if (count === 0) return null;
  return count === 1 ? periods[0] : `${periods[0]}–${periods[count - 1]}`;
}

/** The Excel format of a schema value format; a workforce shows whole or fractional workers as the Policy says. */
function formatOf(format: ValueFormat | undefined, policy: FamilyPolicy): string | undefined {
  if (format === "workers") return policy.integerWorkers ? FORMAT.wholeWorkers : FORMAT.fractionalWorkers;
  return format && FORMAT[format];
}

/** A Policy parameter's line as the schema words it: its name, its value (a choice by its label), the sheet's note or what blank means. */
function schemaLine(policy: FamilyPolicy, field: keyof FamilyPolicy): ParameterLine {
  const parameter = policyParameter(field);
  const value = policy[field];
  const label = parameter.name;
  if (value === null) return { label, value: null, note: `not given: ${parameter.blank ?? "blank"}` };
  const choice = parameter.choices?.find((c) => c.value === value);
  if (choice) return { label, value: choice.label, note: choice.meaning };
  if (typeof value === "boolean") return { label, value: value ? "Yes" : "No" };
  const format = formatOf(parameter.format, policy);
  const key = (FORMULA_PARAMETERS as readonly string[]).includes(field) ? (field as FormulaParameter) : undefined;
  return { label, value, ...(format && { format }), ...(key && { key }), ...(parameter.sheetNote && { note: parameter.sheetNote }) };
}

/**
 * The parameters block (`used`: the cells the plan formulas read, in the order a planner reads
 * them) and the rules block (`reference`: every other Policy parameter the plans followed, in the
 * schema's order), both worded by the schema. A parameter that cannot apply is left out: an hourly
 * rate with no hours to multiply (the Policy rules refuse it, so its cell would change nothing), a
 * productivity parameter not given.
 */
function parameterLines(
  policy: FamilyPolicy,
  rates: ProductionRates | null,
  money: Record<keyof typeof PRODUCT_MONEY_NOTE, PerUnitMoney> = { materialCostPerUnit: { kind: "policy" }, pricePerUnit: { kind: "policy" } },
  frozen: { span: string | null; version: string | null } = { span: null, version: null },
): { used: ParameterLine[]; reference: ParameterLine[] } {
  const shown = FORMULA_PARAMETERS.filter(
    (field) => (field !== "regularCostPerHour" || rates?.hoursPerWorker) && (field !== "overtimeCostPerHour" || rates?.laborHoursPerUnit),
  );
  const used = shown.map((field): ParameterLine => {
    const line = schemaLine(policy, field);
    if (field === "holdingCostPerUnit") return { ...line, note: schemaLine(policy, "holdingCostBasis").note };
    if (field !== "materialCostPerUnit" && field !== "pricePerUnit") return line;
    const own = money[field];
    if (own.kind === "policy") return line;
    return own.kind === "constant"
      ? { ...line, value: own.value, note: PRODUCT_MONEY_NOTE[field].constant }
      : { label: line.label, value: null, note: PRODUCT_MONEY_NOTE[field].perPeriod };
  });
  const left = new Set<keyof FamilyPolicy>([...FORMULA_PARAMETERS, ...PRODUCTIVITY.filter((field) => policy[field] === null)]);
  const reference = POLICY_PARAMETERS.filter((p) => !left.has(p.field)).map((p) => {
    const line = schemaLine(policy, p.field);
    // What is frozen is this run's: which periods, and the version they come from.
    if (p.field === "frozenPeriods") {
      const note =
        frozen.span && frozen.version
          ? `${frozen.span} frozen: production and workforce as in version "${frozen.version}"`
          : policy.frozenPeriods > 0
            ? "none frozen: no compared version has these periods (see the run's messages)"
            : "none: every period is planned";
      return { ...line, format: "0", note };
    }
    // Without the hours cap, whether overtime is allowed at all depends on the units cap.
    if (p.field === "maxOvertimeHoursPerWorker" && line.value === null && policy.maxOvertimeUnitsPerPeriod === null) {
      return { ...line, note: "not given: no overtime (neither overtime cap is given)" };
    }
    return line;
  });
  return { used, reference };
}

/** Period headers made unique and distinct from `Row` and `Total`, as an Excel table's header requires. */
function planTableHeaders(periods: readonly string[]): string[] {
  const names = new UniqueNames(255, (n) => ` (${n})`);
  // `Row` and `Total` are claimed first: a period that happens to be called Total becomes `Total (2)`.
  const row = names.claim("Row");
  const total = names.claim("Total");
  const periodHeaders = periods.map((p, i) => {
    const oneLine = p.replace(/\s+/g, " ").trim();
    return names.claim(oneLine === "" ? `Period ${i + 1}` : oneLine);
  });
  return [row, ...periodHeaders, total];
}

/** The family chart's place: from row FAMILY_CHART_TOP (0-based), column B on; the parameters follow. */
const FAMILY_CHART_TOP = 3;
const FAMILY_CHART_ROWS = 18;
const FAMILY_CHART_COLUMNS = 8;

export function layoutFamilySheet(
  family: FamilyInput,
  result: FamilyResult,
  input: PlanningInput,
  sheetName: string,
  tableNames: UniqueNames,
): FamilySheetLayout {
  const policy = family.policy;
  const periodCount = input.periods.length;
  const resolved = productionRates(policy, input.workingDays, periodCount);
  const rates = resolved.ok ? resolved.rates : null;
  const grid = new SheetGrid();
  const tables: TableSpec[] = [];
  const lastColumn = periodCount + 1;

  grid.setTitle(`S&OP plan: ${family.family}`);
  grid.setNote(
    `Every plan for ${family.family}, period by period, and its costs. Blue cells can be edited (parameters and the plan's decisions); every other number is a formula and follows them.`,
  );
  if (!resolved.ok) grid.set(2, 0, text(`The Policy has no usable productivity rule: ${resolved.problems.map(rateProblemMessage).join("; ")}`, "bad"));

  // The chart of the recommended plan sits above the parameters, where a reviewer looks first.
  const chartRows = periodCount > 0 && result.plans.length > 0 ? FAMILY_CHART_ROWS : 0;

  // Parameters block: label, value, note.
  const material = perUnitMoneyOf(family.materialCostPerUnit, policy.materialCostPerUnit);
  const price = perUnitMoneyOf(family.pricePerUnit, policy.pricePerUnit);
  const frozenPeriods = frozenSpan(family, input.periods);
  const frozenCount = frozenPeriods ? Math.min(family.frozen?.workers.length ?? 0, periodCount) : 0;
  const lines = parameterLines(policy, rates, { materialCostPerUnit: material, pricePerUnit: price }, { span: frozenPeriods, version: family.frozen?.version ?? null });
  const { used } = lines;
  // A computed safety stock (periods of cover, service level) replaces the typed one: the rules say where it is.
  const safetyStockLabel = policyParameter("safetyStock").name;
  const reference = family.safetyStockByPeriod
    ? lines.reference.map((line) =>
        line.label === safetyStockLabel ? { ...line, value: null, note: `computed per period: the "${PLAN_ROW_LABEL.safetyStock}" row of each plan` } : line,
      )
    : lines.reference;
  const parameterCell: Partial<Record<FormulaParameter, string>> = {};
  let row = FAMILY_CHART_TOP + chartRows + 1;
  grid.set(row++, 0, text("Parameters (used by the formulas below)", "subtitle"));
  grid.set(row, 0, text("Parameter", "header"));
  grid.set(row, 1, text("Value", "header"));
  grid.set(row++, 2, text("Note", "header"));
  for (const line of used) {
    grid.set(row, 0, text(line.label, "label"));
    if (line.value !== null) {
      grid.set(row, 1, { value: line.value, ...(line.format ? { format: line.format } : {}), ...(line.key ? { style: "input" as const } : {}) });
    }
    if (line.note) grid.set(row, 2, text(line.note, "note"));
    if (line.key) parameterCell[line.key] = cellAddress(row, 1, true);
    row++;
  }
  row++;

  const param = (key: FormulaParameter): string => {
    const address = parameterCell[key];
    if (!address) throw new Error(`layout: parameter ${key} has no cell`);
    return address;
  };

  const rowsShown: PlanRow[] = ["demand"];
  if (input.workingDays) rowsShown.push("workingDays");
  if (rates) rowsShown.push("unitsPerWorker");
  if (rates?.hoursPerWorker) rowsShown.push("hoursPerWorker");
  if (rates?.laborHoursPerUnit) rowsShown.push("laborHoursPerUnit");
  if (material.kind === "perPeriod") rowsShown.push("materialCostPerUnit");
  if (price.kind === "perPeriod") rowsShown.push("pricePerUnit");
  rowsShown.push("workers", "hired", "laidOff", "regular", "overtime", "subcontract");
  // Demand left unmet (the capacity could not serve it, or a frozen period could not): shown when a plan has some.
  const withUnmet = result.plans.some((plan) => plan.unmet > 0);
  if (withUnmet) rowsShown.push("unmet");
  rowsShown.push("inventory");
  // A safety stock computed from the forecast error or periods of cover: the target each period's inventory keeps.
  const safetyStock = family.safetyStockByPeriod;
  if (safetyStock) rowsShown.push("safetyStock");
  rowsShown.push("backlog", "shipped");
  rowsShown.push(...COST_KINDS.map(costRow), "totalCost", "revenue", "margin");
  // The P&L view: production carried in stock at weighted average cost until it ships (engine/pnl.ts).
  rowsShown.push("stockUnitCost", "cogs", "grossMargin", "inventoryValue");
  // What the unmet demand would have earned: price × unmet units, beside the margin, not in it.
  if (withUnmet) rowsShown.push("revenueAtRisk");

  const workersFormat = policy.integerWorkers ? FORMAT.wholeWorkers : FORMAT.fractionalWorkers;
  const headers = planTableHeaders(input.periods);
  const totals: PlanTotalsAddress[] = [];
  const planRows = new Map<StrategyName, { header: number; rowOf: Record<PlanRow, number> }>();
  const rowsByStrategy = new Map<StrategyName, Record<PlanRow, number>>();

  for (const plan of result.plans) {
    grid.set(row++, 0, text(`${STRATEGY_LABELS[plan.strategy]} plan`, "subtitle"));
    grid.set(
      row++,
      0,
      plan.feasible
        ? text(`Feasible. Total cost ${moneyText(plan.totalCost)}, margin ${moneyText(plan.margin)} (P&L margin ${moneyText(plan.grossMargin)}).`, "good")
        : text(`Not feasible: ${plan.violations.map((v) => v.message).join("; ")}`, "bad"),
    );
    if (frozenCount > 0) {
      // Above each frozen period's column: the plan keeps the compared version's numbers there.
      grid.set(row, 0, text(frozenMarkText(frozenPeriods, family.frozen?.version), "warn"));
      for (let t = 0; t < frozenCount; t++) grid.set(row, t + 1, text("frozen", "warn"));
      row++;
    }

    const headerRow = row;
    headers.forEach((h, c) => grid.set(headerRow, c, text(h, "header")));
    const rowOf = {} as Record<PlanRow, number>;
    rowsShown.forEach((r, i) => (rowOf[r] = headerRow + 1 + i));
    planRows.set(plan.strategy, { header: headerRow, rowOf });
    rowsByStrategy.set(plan.strategy, rowOf);
    const at = (r: PlanRow, t: number): string => cellAddress(rowOf[r], t + 1);
    /** The cell of the period before, or in period 1 the parameter that stands for "before the horizon". */
    const previous = (r: PlanRow, t: number, initial: FormulaParameter): string => (t === 0 ? param(initial) : at(r, t - 1));
    const firstCost = rowOf[costRow(COST_KINDS[0])];
    const lastCost = rowOf[costRow(COST_KINDS[COST_KINDS.length - 1])];
    const shipped = plan.periods.map((p) => p.shipped);

    for (const r of rowsShown) {
      grid.set(rowOf[r], 0, text(PLAN_ROW_LABEL[r], r === "totalCost" || r === "margin" || r === "grossMargin" ? "total" : "label"));
    }

    const pnl = profitAndLoss(
      plan.periods.map((p) => ({ made: p.regular + p.overtime + p.subcontract, shipped: p.shipped, inventory: p.inventory })),
      plan.periodCosts,
      plan.periodRevenue,
      policy.openingStockValuePerUnit,
    );
    // The opening stock's value per unit: the Policy's, else the unit cost of the first period that makes anything.
    const firstMaking = firstMakingPeriod(plan.periods.map((p) => ({ made: p.regular + p.overtime + p.subcontract, shipped: p.shipped, inventory: p.inventory })));
    const openingValuePerUnit =
      policy.openingStockValuePerUnit !== null
        ? param("openingStockValuePerUnit")
        : firstMaking < 0
          ? "0"
          : (() => {
              const k = firstMaking;
              const madeK = `(${at("regular", k)}+${at("overtime", k)}+${at("subcontract", k)})`;
              return `IF(${madeK}>0,(${PRODUCT_COST_KINDS.map((kind) => at(costRow(kind), k)).join("+")})/${madeK},0)`;
            })();

    for (let t = 0; t < periodCount; t++) {
      const p = plan.periods[t];
      const costs = plan.periodCosts[t];
      const set = (r: PlanRow, cell: CellSpec) => grid.set(rowOf[r], t + 1, cell);
      const W = at("workers", t);
      const R = at("regular", t);
      const O = at("overtime", t);
      const C = at("subcontract", t);
      const D = at("demand", t);
      const I = at("inventory", t);
      const B = at("backlog", t);
      const previousInventory = previous("inventory", t, "initialInventory");
      const previousBacklog = previous("backlog", t, "initialBacklog");

      set("demand", constant(p.demand, FORMAT.units));
      if (input.workingDays) set("workingDays", constant(input.workingDays[t], Number.isInteger(input.workingDays[t]) ? "0" : "0.0"));
      if (rates) set("unitsPerWorker", constant(rates.unitsPerWorker[t], FORMAT.rate));
      if (rates?.hoursPerWorker) set("hoursPerWorker", constant(rates.hoursPerWorker[t], FORMAT.rate));
      if (rates?.laborHoursPerUnit) set("laborHoursPerUnit", constant(rates.laborHoursPerUnit[t], FORMAT.hoursPerUnit));

      set("workers", constant(p.workers, workersFormat, "input"));
      if (t === 0 && policy.initialWorkers === null) {
        // No workforce before period 1: the first workforce is chosen, not hired.
        set("hired", constant(p.hired, workersFormat));
        set("laidOff", constant(p.laidOff, workersFormat));
      } else {
        const previousWorkers = previous("workers", t, "initialWorkers");
        set("hired", formula(`MAX(0,${W}-${previousWorkers})`, p.hired, workersFormat));
        set("laidOff", formula(`MAX(0,${previousWorkers}-${W})`, p.laidOff, workersFormat));
      }
      set("regular", constant(p.regular, FORMAT.units, "input"));
      set("overtime", constant(p.overtime, FORMAT.units, "input"));
      set("subcontract", constant(p.subcontract, FORMAT.units, "input"));
      if (withUnmet) set("unmet", constant(p.unmet, FORMAT.units, "input"));
      // Demand served: the demand less what is left unmet.
      const served = withUnmet ? `(${D}-${at("unmet", t)})` : D;

      const netPosition = `${previousInventory}-${previousBacklog}+${R}+${O}+${C}-${served}`;
      set("inventory", formula(`MAX(0,${netPosition})`, p.inventory, FORMAT.units));
      if (safetyStock) set("safetyStock", constant(safetyStock[t], FORMAT.units));
      set("backlog", formula(`MAX(0,-(${netPosition}))`, p.backlog, FORMAT.units));
      set("shipped", formula(`${served}+${previousBacklog}-${B}`, shipped[t], FORMAT.units));

      const regularTerms = [`${param("regularCostPerUnit")}*${R}`];
      if (rates?.hoursPerWorker) regularTerms.unshift(`${param("regularCostPerHour")}*${at("hoursPerWorker", t)}*${W}`);
      set("regularCost", formula(regularTerms.join("+"), costs.regular, FORMAT.money));
      const overtimeTerms = [`${param("overtimeCostPerUnit")}*${O}`];
      if (rates?.laborHoursPerUnit) overtimeTerms.unshift(`${param("overtimeCostPerHour")}*${at("laborHoursPerUnit", t)}*${O}`);
      set("overtimeCost", formula(overtimeTerms.join("+"), costs.overtime, FORMAT.money));
      set("hiringCost", formula(`${param("hiringCostPerWorker")}*${at("hired", t)}`, costs.hiring, FORMAT.money));
      set("layoffCost", formula(`${param("layoffCostPerWorker")}*${at("laidOff", t)}`, costs.layoff, FORMAT.money));
      const heldUnits = policy.holdingCostBasis === "average" ? `(${previousInventory}+${I})/2` : I;
      set("holdingCost", formula(`${param("holdingCostPerUnit")}*${heldUnits}`, costs.holding, FORMAT.money));
      // Without a cost the engine charges nothing for backlog or subcontracting; the plan says so in its violations.
      set(
        "backorderCost",
        policy.backorderCostPerUnit === null
          ? constant(costs.backorder, FORMAT.money)
          : formula(`${param("backorderCostPerUnit")}*${B}`, costs.backorder, FORMAT.money),
      );
      set(
        "subcontractCost",
        policy.subcontractCostPerUnit === null
          ? constant(costs.subcontract, FORMAT.money)
          : formula(`${param("subcontractCostPerUnit")}*${C}`, costs.subcontract, FORMAT.money),
      );
      const materialCell = material.kind === "perPeriod" ? at("materialCostPerUnit", t) : param("materialCostPerUnit");
      if (material.kind === "perPeriod") set("materialCostPerUnit", constant(material.values[t], FORMAT.money));
      set("materialCost", formula(`${materialCell}*(${R}+${O})`, costs.material, FORMAT.money));
      const periodTotalCost = sum(COST_KINDS.map((k) => costs[k]));
      const column = columnLetter(t + 1);
      set("totalCost", formula(`SUM(${column}${firstCost + 1}:${column}${lastCost + 1})`, periodTotalCost, FORMAT.money, "total"));
      const priceCell = price.kind === "perPeriod" ? at("pricePerUnit", t) : param("pricePerUnit");
      if (price.kind === "perPeriod") set("pricePerUnit", constant(price.values[t], FORMAT.money));
      set("revenue", formula(`${priceCell}*${at("shipped", t)}`, plan.periodRevenue[t], FORMAT.money));
      set("margin", formula(`${at("revenue", t)}-${at("totalCost", t)}`, plan.periodRevenue[t] - periodTotalCost, FORMAT.money, "total"));
      // The P&L view, as engine/pnl.ts defines it: one weighted-average pool of the stock on hand and the units made.
      const made = `(${R}+${O}+${C})`;
      const productCost = `(${PRODUCT_COST_KINDS.map((k) => at(costRow(k), t)).join("+")})`;
      const previousValue = t === 0 ? `${param("initialInventory")}*${openingValuePerUnit}` : at("inventoryValue", t - 1);
      const unitCost = at("stockUnitCost", t);
      set("stockUnitCost", formula(`IF(${previousInventory}+${made}=0,0,(${previousValue}+IF(${made}>0,${productCost},0))/(${previousInventory}+${made}))`, pnl.periods[t].unitCost, FORMAT.money));
      set("cogs", formula(`${unitCost}*${at("shipped", t)}+IF(${made}>0,0,${productCost})`, plan.periodCogs[t], FORMAT.money));
      set("grossMargin", formula(`${at("revenue", t)}-${at("cogs", t)}-(${PERIOD_COST_KINDS.map((k) => at(costRow(k), t)).join("+")})`, plan.periodGrossMargin[t], FORMAT.money, "total"));
      set("inventoryValue", formula(`${unitCost}*${I}`, p.inventoryValue, FORMAT.money));
      if (withUnmet) {
        const unitPrice = price.kind === "perPeriod" ? price.values[t] : price.kind === "constant" ? price.value : policy.pricePerUnit;
        set("revenueAtRisk", formula(`${priceCell}*${at("unmet", t)}`, unitPrice * p.unmet, FORMAT.money));
      }
    }

    // Total column: sums of flows. Stocks and rates (workers, inventory, rates) have no meaningful sum.
    const flowTotals: Partial<Record<PlanRow, { cached: number; format: string }>> = {
      demand: { cached: sum(plan.periods.map((p) => p.demand)), format: FORMAT.units },
      hired: { cached: sum(plan.periods.map((p) => p.hired)), format: workersFormat },
      laidOff: { cached: sum(plan.periods.map((p) => p.laidOff)), format: workersFormat },
      regular: { cached: sum(plan.periods.map((p) => p.regular)), format: FORMAT.units },
      overtime: { cached: sum(plan.periods.map((p) => p.overtime)), format: FORMAT.units },
      subcontract: { cached: sum(plan.periods.map((p) => p.subcontract)), format: FORMAT.units },
      unmet: { cached: plan.unmet, format: FORMAT.units },
      shipped: { cached: sum(shipped), format: FORMAT.units },
      totalCost: { cached: plan.totalCost, format: FORMAT.money },
      revenue: { cached: plan.revenue, format: FORMAT.money },
      margin: { cached: plan.margin, format: FORMAT.money },
      cogs: { cached: plan.cogs, format: FORMAT.money },
      grossMargin: { cached: plan.grossMargin, format: FORMAT.money },
      revenueAtRisk: { cached: plan.revenueAtRisk, format: FORMAT.money },
    };
    if (input.workingDays) flowTotals.workingDays = { cached: sum(input.workingDays), format: "0" };
    for (const kind of COST_KINDS) flowTotals[costRow(kind)] = { cached: plan.costs[kind], format: FORMAT.money };
    for (const r of rowsShown) {
      const total = flowTotals[r];
      if (!total) continue;
      const style: CellStyle = r === "totalCost" || r === "margin" || r === "grossMargin" ? "total" : "label";
      const cell =
        periodCount === 0
          ? constant(total.cached, total.format, style)
          : formula(`SUM(${cellAddress(rowOf[r], 1)}:${cellAddress(rowOf[r], periodCount)})`, total.cached, total.format, style);
      grid.set(rowOf[r], lastColumn, cell);
    }

    const quoted = quoteSheetName(sheetName);
    const totalAt = (r: PlanRow) => `${quoted}!${cellAddress(rowOf[r], lastColumn, true)}`;
    totals.push({
      strategy: plan.strategy,
      totalCost: totalAt("totalCost"),
      costs: Object.fromEntries(COST_KINDS.map((k) => [k, totalAt(costRow(k))])) as Record<keyof CostBreakdown, string>,
      revenue: totalAt("revenue"),
      margin: totalAt("margin"),
      cogs: totalAt("cogs"),
      grossMargin: totalAt("grossMargin"),
      shipped: totalAt("shipped"),
      ...(withUnmet && { unmet: totalAt("unmet"), revenueAtRisk: totalAt("revenueAtRisk") }),
    });
    tables.push({
      name: tableNames.claim(tableBaseName("SOP", family.family, plan.strategy)),
      top: headerRow,
      left: 0,
      rows: rowsShown.length + 1,
      columns: headers.length,
      style: PLAN_TABLE_STYLE,
    });
    row = headerRow + rowsShown.length + 2;
  }

  row = whyBlock(grid, row, result, input.periods);

  // Below the plans, so the plans come first on screen; nothing above reads these cells.
  grid.set(row++, 0, text("Rules the planner followed (for reference: the formulas do not read these)", "subtitle"));
  for (const line of reference) {
    grid.set(row, 0, text(line.label, "label"));
    if (line.value !== null) grid.set(row, 1, line.format ? { value: line.value, format: line.format } : { value: line.value });
    if (line.note) grid.set(row, 2, text(line.note, "note"));
    row++;
  }

  // The frozen mark (`Jan–Feb frozen (version "Nov 2026")`) sits in this column beside the first
  // marked period: the column fits it, so it does not run into the `frozen` cells.
  const frozenMark = frozenCount > 0 ? frozenMarkText(frozenPeriods, family.frozen?.version).length + 2 : 0;
  const labelWidth = Math.max(24, frozenMark, ...used.concat(reference).map((l) => l.label.length + 2));
  const charted = chartRows > 0 ? (recommendation(result).best ?? result.plans[0]) : null;
  const chartAt = charted ? planRows.get(charted.strategy) : undefined;
  return {
    sheet: {
      name: sheetName,
      cells: grid.cells,
      columnWidths: [labelWidth, ...headers.slice(1, -1).map((h) => Math.min(30, Math.max(12, h.length + 3))), 14],
      tables,
      freeze: { rows: 0, columns: 1 },
      tabColor: TAB_COLOR.family,
      ...(charted && chartAt ? { charts: [familyChart(family.family, charted, chartAt, periodCount, recommendation(result).best === charted)] } : {}),
    },
    totals,
    planRows: rowsByStrategy,
  };
}

/** What a plan leaves unserved, in one sentence computed from its numbers. */
function unmetSentence(plan: PlanResult): string {
  const runs: string[] = [];
  let t = 0;
  const periods = plan.periods;
  while (t < periods.length) {
    if (!(periods[t].unmet > 0)) {
      t++;
      continue;
    }
    const from = t;
    let units = 0;
    while (t < periods.length && periods[t].unmet > 0) units += periods[t++].unmet;
    runs.push(`${from === t - 1 ? periods[from].period : `${periods[from].period}–${periods[t - 1].period}`} (${amountText(units)})`);
  }
  return (
    `${STRATEGY_LABELS[plan.strategy]} leaves ${amountText(plan.unmet)} units of demand unserved: ${runs.join(", ")}; ` +
    `${moneyText(plan.revenueAtRisk)} of revenue at risk, ${moneyText(plan.lostMargin)} of margin lost over its variable cost` +
    `${plan.lostSaleCost > 0 ? ` and ${moneyText(plan.lostSaleCost)} of lost sale cost` : ""}.`
  );
}

/** Binding limits listed in the Why block; the rest are counted. */
const WHY_LINES = 12;

/**
 * "Why": what the optimal plan's LP knows about it, in the planner's words: the resources no plan
 * can fit (when so), the limits it presses against with what one unit more would save, and what one
 * more unit of demand would cost each period. Constants, not formulas: they are the solver's
 * answer for the plan as planned, not for edits made on the sheet. Returns the next free row.
 */
function whyBlock(grid: SheetGrid, row: number, result: FamilyResult, periods: readonly string[]): number {
  const optimal = result.plans.find((p) => p.strategy === "optimal");
  const planned = recommendation(result).best;
  const notes = planned ? [...(planned.unmet > 0 ? [unmetSentence(planned)] : []), ...planned.shortfallNotes] : [];
  if (!optimal || (!optimal.why && notes.length === 0 && !result.capacityError && !result.capacityNote)) return row;
  grid.set(row++, 0, text("Why the plan is what it is", "subtitle"));
  if (result.capacityError) grid.set(row++, 0, text(`${result.family}: ${result.capacityError}`, "bad"));
  for (const note of notes) grid.set(row++, 0, text(note, "bad"));
  if (result.capacityNote) grid.set(row++, 0, text(`${STRATEGY_LABELS[recommendation(result).best?.strategy ?? "optimal"]} is recommended: ${result.capacityNote}.`, "note"));
  const why = optimal.why;
  if (why) {
    if (why.bindings.length === 0) {
      grid.set(row++, 0, text("The optimal plan presses against no limit: every capacity and cap has slack.", "note"));
    }
    for (const binding of why.bindings.slice(0, WHY_LINES)) {
      const what = binding.kind === "capacity" ? `capacity of ${binding.resource}` : binding.kind;
      grid.set(row++, 0, text(`${binding.period}, ${what}: ${binding.message}.`, "note"));
    }
    if (why.bindings.length > WHY_LINES) grid.set(row++, 0, text(`… and ${why.bindings.length - WHY_LINES} more limits the plan presses against.`, "note"));
    grid.set(row, 0, text("One more unit of demand would cost", "label"));
    periods.forEach((_, t) => grid.set(row, t + 1, constant(why.marginalCost[t], FORMAT.money)));
    row++;
  }
  return row + 1;
}

/**
 * The classic aggregate-planning picture of one plan: how it makes the units (regular, overtime
 * and subcontracted, stacked) against demand, and the inventory and backlog that absorb the gap.
 * Its series are the plan table's own rows, so the chart follows a reviewer's edits.
 */
function familyChart(
  family: string,
  plan: PlanResult,
  at: { header: number; rowOf: Record<PlanRow, number> },
  periodCount: number,
  recommended: boolean,
): ChartSpec {
  const series = (r: PlanRow, as: "column" | "line"): ChartSpec["series"][number] => ({
    name: PLAN_ROW_LABEL[r],
    label: { row: at.rowOf[r], column: 0 },
    values: { top: at.rowOf[r], left: 1, rows: 1, columns: periodCount },
    as,
  });
  const shown = [series("regular", "column"), series("overtime", "column"), series("subcontract", "column"), series("demand", "line"), series("inventory", "line")];
  if (plan.periods.some((p) => p.backlog > 0)) shown.push(series("backlog", "line"));
  const which = recommended ? "recommended" : "no plan is feasible";
  return {
    name: "Plan chart",
    title: `${family}: ${STRATEGY_LABELS[plan.strategy]} plan (${which}), units per period`,
    categories: { top: at.header, left: 1, rows: 1, columns: periodCount },
    series: shown,
    stacked: true,
    valueFormat: FORMAT.units,
    anchor: { top: FAMILY_CHART_TOP, left: 1, rows: FAMILY_CHART_ROWS - 1, columns: FAMILY_CHART_COLUMNS },
  };
}

// The sample template workbook: two families over 12 months with 36 months of actuals before them and a budget, in the input template's shape (demo, tests, task pane); and the demo's month before and month after.
import type { CellSpec, SheetSpec, WorkbookSpec } from "./sheet";

export const SAMPLE_PERIODS = [
  "Jan 2027",
  "Feb 2027",
  "Mar 2027",
  "Apr 2027",
  "May 2027",
  "Jun 2027",
  "Jul 2027",
  "Aug 2027",
  "Sep 2027",
  "Oct 2027",
  "Nov 2027",
  "Dec 2027",
];

/**
 * The 36 months of actuals before the plan (Jan 2024 – Dec 2026): seasonal methods need two full
 * seasons plus a period (25 months), and the holdout takes the last 12.
 */
export const SAMPLE_ACTUAL_PERIODS = ["2024", "2025", "2026"].flatMap((year) => SAMPLE_PERIODS.map((p) => `${p.slice(0, 3)} ${year}`));

const WORKING_DAYS = [20, 20, 23, 21, 21, 22, 21, 22, 22, 21, 21, 21];

/** Family demand: drills peak before the holidays, garden tools in spring. */
const FAMILY_DEMAND: Record<string, number[]> = {
  "Cordless Drills": [2200, 2000, 2300, 2500, 2600, 2400, 2300, 2500, 2800, 3200, 3800, 4000],
  "Garden Tools": [1200, 1500, 2600, 3400, 3800, 3500, 2800, 2200, 1600, 1200, 900, 800],
};

interface SampleProduct {
  product: string;
  family: string;
  mix: number;
  price: number;
  unitCost: number;
  loads: Record<string, number>;
}

const PRODUCTS: SampleProduct[] = [
  { product: "Drill 12V", family: "Cordless Drills", mix: 0.4, price: 69, unitCost: 22, loads: { Assembly: 0.5, Test: 0.1 } },
  { product: "Drill 18V", family: "Cordless Drills", mix: 0.6, price: 105, unitCost: 32, loads: { Assembly: 0.7, Test: 0.15 } },
  { product: "Hedge Trimmer", family: "Garden Tools", mix: 0.55, price: 99, unitCost: 31, loads: { Assembly: 0.9, Paint: 0.3 } },
  { product: "Leaf Blower", family: "Garden Tools", mix: 0.45, price: 125, unitCost: 40, loads: { Assembly: 1.1, Paint: 0.2 } },
];

const RESOURCES: Record<string, number> = { Assembly: 4200, Test: 380, Paint: 1000 };

/**
 * Last autumn's annual budget: units a little below this forecast (5 % for the drills, 3 % for
 * garden tools, to the nearest 10), priced at 90 and 110 a unit, and a P&L margin of 35 % and 38 %
 * of that revenue (to the nearest 100).
 */
const BUDGET: Record<string, { volume: number; price: number; margin: number }> = {
  "Cordless Drills": { volume: 0.95, price: 90, margin: 0.35 },
  "Garden Tools": { volume: 0.97, price: 110, margin: 0.38 },
};

function budgetRows(family: string): [string, number[]][] {
  const { volume, price, margin } = BUDGET[family];
  const units = FAMILY_DEMAND[family].map((d) => Math.round((d * volume) / 10) * 10);
  const revenue = units.map((u) => u * price);
  return [
    ["Units", units],
    ["Revenue", revenue],
    ["Margin", revenue.map((r) => Math.round((r * margin) / 100) * 100)],
  ];
}

/** Policy rows: parameter, value for every family, then per-family overrides (blank = use Value). */
const POLICY: [string, number | string | null, number | string | null, number | string | null][] = [
  ["Initial inventory", null, 400, 200],
  ["Initial backlog", 0, null, null],
  ["Ending inventory", null, 300, 150],
  ["Safety stock", null, 200, 100],
  ["Initial workers", null, 17, 20],
  ["Labor hours per unit", null, 1.2, 1.5],
  ["Hours per worker per day", 8, null, null],
  ["Regular cost per hour", 22, null, null],
  ["Overtime cost per hour", 33, null, null],
  ["Max overtime hours per worker", 20, null, null],
  ["Hiring cost per worker", 1500, null, null],
  ["Layoff cost per worker", 2200, null, null],
  ["Holding cost per unit", null, 2.5, 1.8],
  ["Holding cost basis", "Average", null, null],
  ["Backorder cost per unit", null, 8, null],
  ["Subcontract cost per unit", 45, null, null],
  ["Max subcontract per period", 500, null, null],
  ["Material cost per unit", null, 28, 35],
  ["Price per unit", null, 89, 110],
  ["Integer workers", "Yes", null, null],
];

/**
 * Three years of actual demand: the drills grew into this year's forecast (78 %, 85 %, then 93 % of
 * its months), the garden tools shrank (100 %, 92 %, then 84 % of this year's forecast, a decline
 * the consensus does not follow: the demand review flags it). A fixed noise, the same every run.
 */
const ACTUAL_LEVELS: Record<string, number[]> = { "Cordless Drills": [0.78, 0.85, 0.93], "Garden Tools": [1, 0.92, 0.84] };

function sampleActuals(family: string): number[] {
  let seed = family.length * 7919;
  const noise = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed / 2147483648 - 0.5) * 0.08;
  };
  return ACTUAL_LEVELS[family].flatMap((level) => FAMILY_DEMAND[family].map((d) => Math.round(d * level * (1 + noise()))));
}

/** A manual plan for the drills: 18 workers all year, overtime and subcontracting for the peak. */
const MANUAL_WORKERS = 18;
const MANUAL_OVERTIME = [0, 0, 0, 0, 0, 0, 0, 0, 250, 300, 300, 300];
const MANUAL_SUBCONTRACT = [0, 0, 0, 0, 0, 0, 0, 0, 0, 200, 500, 500];

const text = (value: string): CellSpec => ({ value });
const header = (value: string): CellSpec => ({ value, style: "header" });
const num = (value: number | null, format = "#,##0"): CellSpec | null =>
  value === null ? null : { value, format, style: "input" };

function tableSheet(name: string, headers: string[], rows: (CellSpec | null)[][], widths: number[]): SheetSpec {
  return {
    name,
    cells: [headers.map(header), ...rows],
    columnWidths: widths,
    tables: [{ name, top: 0, left: 0, rows: rows.length + 1, columns: headers.length, style: "TableStyleMedium2" }],
    freeze: { rows: 1, columns: 0 },
  };
}

/** Whole units per product: the family demand (or `totals`) split by mix, the last product taking the remainder. */
function productDemand(product: SampleProduct, totals: readonly number[] = FAMILY_DEMAND[product.family]): number[] {
  const siblings = PRODUCTS.filter((p) => p.family === product.family);
  const isLast = siblings[siblings.length - 1] === product;
  return totals.map((total) => {
    if (!isLast) return Math.round(total * product.mix);
    const others = siblings.slice(0, -1).reduce((sum, p) => sum + Math.round(total * p.mix), 0);
    return total - others;
  });
}

export function sampleTemplate(): WorkbookSpec {
  const periodWidths = SAMPLE_PERIODS.map(() => 10);
  const forecastRows: (CellSpec | null)[][] = [];
  for (const family of Object.keys(FAMILY_DEMAND)) {
    forecastRows.push([text(family), null, ...FAMILY_DEMAND[family].map((d) => num(d))]);
    for (const product of PRODUCTS.filter((p) => p.family === family)) {
      forecastRows.push([text(family), text(product.product), ...productDemand(product).map((d) => num(d))]);
    }
  }
  const resourceNames = Object.keys(RESOURCES);
  const families = Object.keys(FAMILY_DEMAND);
  // Actuals: each family's row, then its products' (split by mix, so they add up to it).
  const actualRows: (CellSpec | null)[][] = families.flatMap((family) => {
    const actuals = sampleActuals(family);
    return [
      [text(family), null, ...actuals.map((a) => num(a))],
      ...PRODUCTS.filter((p) => p.family === family).map((p) => [text(family), text(p.product), ...productDemand(p, actuals).map((a) => num(a))]),
    ];
  });
  const drillsUnitsPerWorker = WORKING_DAYS.map((days) => (8 * days) / 1.2);

  return {
    sheets: [
      tableSheet("Forecast", ["Family", "Product", ...SAMPLE_PERIODS], forecastRows, [18, 16, ...periodWidths]),
      tableSheet(
        "Products",
        ["Product", "Family", "Mix", "Price", "Unit cost", ...resourceNames],
        PRODUCTS.map((p) => [
          text(p.product),
          text(p.family),
          num(p.mix, "0%"),
          num(p.price, "#,##0.00"),
          num(p.unitCost, "#,##0.00"),
          ...resourceNames.map((r) => num(p.loads[r] ?? null, "0.00")),
        ]),
        [16, 18, 8, 10, 10, ...resourceNames.map(() => 11)],
      ),
      tableSheet(
        "Capacity",
        ["Resource", ...SAMPLE_PERIODS],
        [
          [text("Working days"), ...WORKING_DAYS.map((d) => num(d))],
          ...resourceNames.map((r) => [text(r), ...SAMPLE_PERIODS.map(() => num(RESOURCES[r]))]),
        ],
        [16, ...periodWidths],
      ),
      tableSheet(
        "Policy",
        ["Parameter", "Value", ...families],
        POLICY.map(([parameter, ...values]) => [
          text(parameter),
          ...values.map((v) => (typeof v === "string" ? { value: v, style: "input" as const } : num(v, "#,##0.##"))),
        ]),
        [30, 10, ...families.map(() => 16)],
      ),
      tableSheet(
        "Plan",
        ["Family", "Row", ...SAMPLE_PERIODS],
        [
          [text("Cordless Drills"), text("Workers"), ...SAMPLE_PERIODS.map(() => num(MANUAL_WORKERS))],
          [text("Cordless Drills"), text("Regular"), ...drillsUnitsPerWorker.map((u) => num(Math.floor(u * MANUAL_WORKERS)))],
          [text("Cordless Drills"), text("Overtime"), ...MANUAL_OVERTIME.map((o) => num(o))],
          [text("Cordless Drills"), text("Subcontract"), ...MANUAL_SUBCONTRACT.map((c) => num(c))],
        ],
        [18, 12, ...periodWidths],
      ),
      tableSheet("Actuals", ["Family", "Product", ...SAMPLE_ACTUAL_PERIODS], actualRows, [18, 16, ...SAMPLE_ACTUAL_PERIODS.map(() => 10)]),
      tableSheet(
        "Budget",
        ["Family", "Line", ...SAMPLE_PERIODS],
        families.flatMap((family) => budgetRows(family).map(([line, values]) => [text(family), text(line), ...values.map((v) => num(v))])),
        [18, 12, ...SAMPLE_PERIODS.map(() => 11)],
      ),
    ],
  };
}

/** A `Forecast inputs` table: each team's forecast of each family for `periods`. */
function inputsSheet(periods: readonly string[], rows: { family: string; source: string; demand: readonly number[] }[]): SheetSpec {
  return tableSheet(
    "Forecast inputs",
    ["Family", "Product", "Source", ...periods],
    rows.map((r) => [text(r.family), null, text(r.source), ...r.demand.map((d) => num(Math.round(d)))]),
    [18, 12, 14, ...periods.map(() => 10)],
  );
}

/** The periods of the plan made `monthsBefore` months earlier: one month before, December 2026 to November 2027. */
export function sampleEarlierPeriods(monthsBefore = 1): string[] {
  const n = SAMPLE_PERIODS.length;
  return [...SAMPLE_PERIODS.slice(n - monthsBefore).map((p) => `${p.slice(0, 3)} 2026`), ...SAMPLE_PERIODS.slice(0, n - monthsBefore)];
}

/**
 * The sample workbook as it stood `monthsBefore` months earlier (1: when December 2026 was still to
 * come): every table's periods start that much earlier (the months of 2026 take the sample's
 * forecast, working days and capacity of the same months), Actuals end before the first of them,
 * and the teams' inputs (Sales 5 % above the consensus, Marketing 3 % below) are in a Forecast
 * inputs table. Planned and saved as versions, they are what this month's run measures against.
 */
export function sampleEarlierMonth(monthsBefore = 1): WorkbookSpec {
  const template = sampleTemplate();
  const n = SAMPLE_PERIODS.length;
  const k = Math.max(1, Math.min(n - 1, Math.floor(monthsBefore)));
  const periods = sampleEarlierPeriods(k);
  const rotate = <T>(values: readonly T[]): T[] => [...values.slice(n - k), ...values.slice(0, n - k)];
  const sheets = template.sheets.map((sheet): SheetSpec => {
    const header = sheet.cells[0];
    const first = header.findIndex((c) => c?.value === SAMPLE_PERIODS[0]);
    if (sheet.name === "Actuals") {
      // Drop the months not yet happened.
      const cells = sheet.cells.map((line) => line.slice(0, -k));
      return { ...sheet, cells, columnWidths: sheet.columnWidths?.slice(0, -k), tables: sheet.tables?.map((t) => ({ ...t, columns: t.columns - k })) };
    }
    if (first < 0) return sheet;
    const cells = sheet.cells.map((line, r) => {
      const rotated = r === 0 ? periods.map((p) => header[first] && { ...(header[first] as CellSpec), value: p }) : rotate(line.slice(first, first + n));
      return [...line.slice(0, first), ...rotated, ...line.slice(first + n)];
    });
    return { ...sheet, cells };
  });
  const consensus = (family: string) => rotate(FAMILY_DEMAND[family]);
  const inputs = Object.keys(FAMILY_DEMAND).flatMap((family) => [
    { family, source: "Sales", demand: consensus(family).map((d) => d * 1.05) },
    { family, source: "Marketing", demand: consensus(family).map((d) => d * 0.97) },
  ]);
  return { sheets: [...sheets, inputsSheet(periods, inputs)] };
}

/** The month in which the drills' Sales input departs most from the consensus (a retailer promotion the consensus leaves out), and by how much. */
export const SAMPLE_SALES_OVERRIDE = { family: "Cordless Drills", period: 10, factor: 1.5 } as const;

/**
 * Next month's forecast revision in the demo's two-month story: the drills' peak season comes in
 * 15 % stronger from September, garden tools' spring 10 % weaker (April to June).
 */
const REVISION: { family: string; from: number; to: number; factor: number }[] = [
  { family: "Cordless Drills", from: 8, to: 11, factor: 1.15 },
  { family: "Garden Tools", from: 3, to: 5, factor: 0.9 },
];

/** This month's Policy `Frozen periods` in the demo: January and February keep last month's plan. */
export const SAMPLE_FROZEN_PERIODS = 2;

/**
 * The two what-ifs the demo plans beside this month's plan: more demand everywhere, an assembly line
 * down. The upside reopens the frozen months: drills cannot backorder, so 15 % more in January and
 * February cannot be met with what was agreed for them.
 */
const SAMPLE_SCENARIOS: [string, string, string | null, number][] = [
  ["Demand upside", "Demand ×", null, 1.15],
  ["Demand upside", "Frozen periods", null, 0],
  ["Assembly line down", "Capacity ×", "Assembly", 0.7],
];

/**
 * The sample workbook a month later: the forecast revised (products rounded to whole units, each
 * family row their sum), a Scenarios table, and `extraSheets` (last month's SOP Versions) kept.
 */
export function sampleNextMonth(extraSheets: SheetSpec[] = []): WorkbookSpec {
  const template = sampleTemplate();
  const forecast = template.sheets.find((s) => s.name === "Forecast")!;
  for (const { family, from, to, factor } of REVISION) {
    const rows = forecast.cells.filter((line) => line[0]?.value === family);
    const familyRow = rows.find((line) => !line[1]);
    const productRows = rows.filter((line) => line[1]);
    for (let t = from; t <= to; t++) {
      let total = 0;
      for (const line of productRows) {
        const cell = line[2 + t]!;
        const revised = Math.round((cell.value as number) * factor);
        line[2 + t] = { ...cell, value: revised };
        total += revised;
      }
      if (familyRow) familyRow[2 + t] = { ...familyRow[2 + t]!, value: total };
    }
  }
  // The first two months were agreed last month: they stay as last month's version has them.
  const policy = template.sheets.find((s) => s.name === "Policy")!;
  const width = policy.cells[0].length;
  policy.cells.push([text("Frozen periods"), num(SAMPLE_FROZEN_PERIODS, "0"), ...new Array<CellSpec | null>(width - 2).fill(null)]);
  policy.tables = policy.tables?.map((t) => ({ ...t, rows: t.rows + 1 }));
  // The teams' inputs: Sales with the revision and one large override, Marketing still on last month's plan; the Forecast rows say why.
  const familyRows = Object.keys(FAMILY_DEMAND).map((family) => forecast.cells.find((line) => line[0]?.value === family && !line[1])!);
  const inputs = familyRows.flatMap((line) => {
    const family = line[0]!.value as string;
    const revised = line.slice(2, 2 + SAMPLE_PERIODS.length).map((c) => c!.value as number);
    const sales = revised.map((d, t) => (family === SAMPLE_SALES_OVERRIDE.family && t === SAMPLE_SALES_OVERRIDE.period ? d * SAMPLE_SALES_OVERRIDE.factor : d));
    return [
      { family, source: "Sales", demand: sales },
      { family, source: "Marketing", demand: FAMILY_DEMAND[family] },
    ];
  });
  const reasons: Record<string, string> = {
    "Cordless Drills": "Peak season 15 % stronger from September (Sales); the November retailer promotion in Sales' input is not confirmed",
    "Garden Tools": "Spring 10 % weaker (Sales); Marketing still has last month's plan",
  };
  forecast.cells[0] = [...forecast.cells[0], { value: "Reason", style: "header" }];
  for (const line of forecast.cells.slice(1)) line.push(!line[1] && typeof line[0]?.value === "string" && reasons[line[0].value] ? text(reasons[line[0].value]) : null);
  forecast.columnWidths = [...(forecast.columnWidths ?? []), 40];
  forecast.tables = forecast.tables?.map((t) => ({ ...t, columns: t.columns + 1 }));
  const scenarios = tableSheet(
    "Scenarios",
    ["Scenario", "Change", "Target", "Value"],
    SAMPLE_SCENARIOS.map(([scenario, change, target, value]) => [text(scenario), text(change), target === null ? null : text(target), num(value, "0.00")]),
    [22, 14, 14, 10],
  );
  return { sheets: [...template.sheets, scenarios, inputsSheet(SAMPLE_PERIODS, inputs), ...extraSheets] };
}

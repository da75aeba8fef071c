// LibreOffice recalculates every formula of the plan sheets; each result must equal the engine's number cached in the cell.
import ExcelJS from "exceljs";
import { rmSync, writeFileSync } from "fs";
import * as path from "path";
import { analysePlans, bottomUpInput, planAll, type FamilyPolicy, type PlanningInput, type PlanResult, type StrategyName } from "../../src/engine";
import { layoutAnalysisSheets } from "../../src/workbook/layout";
import { runPlanner } from "../../src/workbook/pipeline";
import { sampleEarlierMonth, sampleNextMonth, sampleTemplate } from "../../src/workbook/sample";
import { layoutVersionsSheet } from "../../src/workbook/versions";
import { loadHighsSolver } from "../../src/solver/highs";
import { layoutPlanSheets } from "../../src/workbook/layout";
import { readWorkbookBlocks } from "../../src/xlsx/reader";
import { cellAddress, type CellSpec, type WorkbookSpec } from "../../src/workbook/sheet";
import { writeWorkbook } from "../../src/xlsx/writer";
import { libreOfficeAvailable, recalculateWithLibreOffice } from "../support/libreoffice";
import { toolsInput } from "../support/aggregationInputs";
import { excelTable, type Grid } from "../support/grids";
import { longFamilyNames, manyFamilyBlocks } from "../support/manyFamilies";
import { longHorizonInput, perPeriodInput, workingDaysInput } from "../support/planInputs";
import { tempDir } from "../support/xlsxFiles";

const RELATIVE_TOLERANCE = 1e-9;

/** Equal within a relative 1e-9; below magnitude 1 the bound is absolute, so 0 and 1e-14 agree. */
function agrees(a: number, b: number): boolean {
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

interface FormulaCell {
  sheet: string;
  row: number;
  column: number;
  formula: string;
  /** The engine's number, or "" for a cell the formula leaves blank. */
  cached: number | "";
}

function formulaCells(spec: WorkbookSpec): FormulaCell[] {
  return spec.sheets.flatMap((sheet) =>
    sheet.cells.flatMap((line, row) =>
      line.flatMap((cell, column) =>
        cell?.formula ? [{ sheet: sheet.name, row, column, formula: cell.formula, cached: cell.cached as number | "" }] : [],
      ),
    ),
  );
}

interface Mismatch {
  cell: string;
  formula: string;
  engine: number | "";
  libreOffice: unknown;
}

/** Every formula cell of `spec`, looked up in LibreOffice's recalculated copy and compared with the engine's value. */
async function compareWithRecalculated(spec: WorkbookSpec, recalculatedFile: string): Promise<{ checked: number; mismatches: Mismatch[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(recalculatedFile);
  const mismatches: Mismatch[] = [];
  const cells = formulaCells(spec);
  for (const f of cells) {
    const address = `${f.sheet}!${cellAddress(f.row, f.column)}`;
    const cell = workbook.getWorksheet(f.sheet)?.getCell(f.row + 1, f.column + 1);
    const isFormula = cell?.type === ExcelJS.ValueType.Formula;
    // `cell.value` of a formula drops a result of 0; `cell.result` keeps it.
    const result: unknown = isFormula ? cell.result : cell?.value;
    // An empty-text result (a blank by formula) is stored without a value: ExcelJS reads it as undefined.
    const blankAgrees = f.cached === "" && (result === "" || result === undefined || result === null);
    if (!isFormula || (!blankAgrees && (typeof result !== "number" || typeof f.cached !== "number" || !agrees(result, f.cached)))) {
      mismatches.push({ cell: address, formula: f.formula, engine: f.cached, libreOffice: result });
    }
  }
  return { checked: cells.length, mismatches };
}

/** A copy of a workbook description with one cell replaced. */
function withCell(spec: WorkbookSpec, sheetName: string, row: number, column: number, change: (cell: CellSpec) => CellSpec): WorkbookSpec {
  const copy: WorkbookSpec = JSON.parse(JSON.stringify(spec));
  const sheet = copy.sheets.find((s) => s.name === sheetName)!;
  sheet.cells[row][column] = change(sheet.cells[row][column]!);
  return copy;
}

/** The row index of a plan row's label in the n-th plan block of a family sheet. */
function planRowIndex(spec: WorkbookSpec, sheetName: string, label: string, block: number): number {
  const sheet = spec.sheets.find((s) => s.name === sheetName)!;
  const rows = sheet.cells.flatMap((line, r) => (line[0]?.value === label ? [r] : []));
  return rows[block];
}

const ALL: StrategyName[] = ["level", "chase", "manual"];
const plans = (input: PlanningInput, strategies = ALL) => layoutPlanSheets(input, planAll(input, strategies));

// CI installs LibreOffice, so there a missing one fails the suite instead of skipping it.
const describeWithLibreOffice = libreOfficeAvailable() || process.env.CI ? describe : describe.skip;

/** The analysis sheets alone (Capacity, Products, Finance, Risks) of the Tools input, planned one way or the other. */
function analysisSheets(bottomUp: boolean): WorkbookSpec {
  const input = toolsInput();
  const planned = bottomUp ? bottomUpInput(input) : input;
  const analysis = analysePlans(input, planned, planAll(planned, ["level", "chase"]), bottomUp ? "bottom-up" : "top-down");
  return { sheets: layoutAnalysisSheets(analysis) };
}

/**
 * The sample template's blocks, with each capacity row scaled by `assembly` for the Assembly line;
 * `policyPrice: false` drops the Policy's Price per unit row (the products' prices stay).
 */
function sampleBlocks(assembly = 1, { policyPrice = true } = {}) {
  return sampleTemplate().sheets.map((s) =>
    excelTable(
      s.tables![0].name,
      s.name,
      s.cells
        .filter((line) => policyPrice || !(s.name === "Policy" && line[0]?.value === "Price per unit"))
        .map((line) => line.map((c, column) => (s.name === "Capacity" && line[0]?.value === "Assembly" && column > 0 && typeof c?.value === "number" ? c.value * assembly : (c?.value ?? null)))) as Grid,
    ),
  );
}

/** Revenue and P&L margin of the recommended plans as each sheet of a recalculated workbook shows them (and the cash margin where a sheet shows it). */
async function revenueAndMarginByView(file: string): Promise<Record<string, { revenue: number; margin: number; cashMargin?: number }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const value = (cell: ExcelJS.Cell): number => (cell.type === ExcelJS.ValueType.Formula ? (cell.result as number) : (cell.value as number));
  const rowsOf = (sheet: string) => {
    const rows: (string | number)[][] = [];
    workbook.getWorksheet(sheet)!.eachRow((row) => {
      const values: (string | number)[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => (values[column - 1] = typeof cell.value === "string" ? cell.value : value(cell)));
      rows.push(values);
    });
    return rows;
  };
  const numbers = (line: (string | number)[]) => line.filter((v): v is number => typeof v === "number");
  const executive = workbook.getWorksheet("SOP Executive summary")!;
  const finance = rowsOf("SOP Finance");
  const financeTotal = (label: string) => numbers(finance.find((l) => l[0] === "All families" && l[2] === label)!).at(-1)!;
  const summary = rowsOf("SOP Summary");
  const summaryTotal = (label: string) => numbers(summary.find((l) => l[0] === "All families" && l[1] === label)!).reduce((a, b) => a + b, 0);
  return {
    executive: { revenue: value(executive.getCell(5, 1)), margin: value(executive.getCell(5, 3)) },
    finance: { revenue: financeTotal("Revenue"), margin: financeTotal("P&L margin"), cashMargin: financeTotal("Margin (cash)") },
    summary: { revenue: summaryTotal("Revenue"), margin: summaryTotal("P&L margin"), cashMargin: summaryTotal("Margin (cash)") },
  };
}

/** A workbook's sheets as the blocks a host reads: each sheet's Excel table from its header row. */
function blocksOf(spec: WorkbookSpec) {
  return spec.sheets.map((s) => {
    const table = s.tables![0];
    return excelTable(table.name, s.name, s.cells.slice(table.top).map((line) => line.map((c) => c?.value ?? null)) as Grid, table.top);
  });
}

/**
 * The demo's month: the workbooks of two months ago and last month (from Nov and Dec 2026, with the
 * teams' inputs) planned and saved as versions, then this month's measured against them. Its SOP
 * Demand review has the accuracy at lags 0 and 1, the value added and the inputs.
 */
function demandMonth(): WorkbookSpec {
  const october = runPlanner(blocksOf(sampleEarlierMonth(2)), { strategies: ["level", "chase"], saveVersion: "Oct 2026", plannedAt: new Date(2026, 9, 28) });
  const november = runPlanner(blocksOf({ sheets: [...sampleEarlierMonth(1).sheets, layoutVersionsSheet(october.versions).sheet] }), {
    strategies: ["level", "chase"],
    saveVersion: "Nov 2026",
    plannedAt: new Date(2026, 10, 28),
  });
  const thisMonth = runPlanner(blocksOf(sampleNextMonth([layoutVersionsSheet(november.versions).sheet])), { strategies: ["level", "chase"] });
  expect(thisMonth.accuracy?.map((a) => a.lags.length)).toEqual([2, 2]);
  return { sheets: thisMonth.sheets.sheets.filter((s) => s.name === "SOP Demand review") };
}

/** The sample template run through the pipeline: every plan sheet and every analysis sheet. */
function samplePlanned(): WorkbookSpec {
  return withBudgetSheet(runPlanner(sampleBlocks(), { strategies: ALL }).sheets);
}

/** The plan sheets with the sample's Budget sheet, as a run's output keeps its inputs: SOP Variance and the executive summary read the Budget cells. */
function withBudgetSheet(spec: WorkbookSpec): WorkbookSpec {
  return { sheets: [...spec.sheets, sampleTemplate().sheets.find((s) => s.name === "Budget")!] };
}

describe("the workbooks checked cover the cost conventions", () => {
  interface Case {
    workingDays: boolean;
    policy: FamilyPolicy;
    plans: PlanResult[];
  }
  const cases: Case[] = [perPeriodInput(), workingDaysInput(), longHorizonInput()].flatMap((input) =>
    planAll(input, ALL).map((result) => ({
      workingDays: input.workingDays !== null,
      policy: input.families.find((f) => f.family === result.family)!.policy,
      plans: result.plans,
    })),
  );
  const anyPeriod = (c: Case, test: (p: PlanResult["periods"][number], t: number) => boolean) =>
    c.plans.some((plan) => plan.periods.some(test));

  it.each<[string, (c: Case) => boolean]>([
    ["holding on ending inventory", (c) => c.policy.holdingCostBasis === "ending" && anyPeriod(c, (p) => p.inventory > 0)],
    ["holding on average inventory", (c) => c.policy.holdingCostBasis === "average" && anyPeriod(c, (p) => p.inventory > 0)],
    ["backorders allowed, with a backlog", (c) => c.policy.backorderCostPerUnit !== null && anyPeriod(c, (p) => p.backlog > 0)],
    ["backorders not allowed", (c) => c.policy.backorderCostPerUnit === null],
    ["initial workers given, hiring or layoffs in period 1", (c) => c.policy.initialWorkers !== null && anyPeriod(c, (p, t) => t === 0 && p.hired + p.laidOff > 0)],
    ["initial workers blank, hiring and layoffs later", (c) => c.policy.initialWorkers === null && anyPeriod(c, (p) => p.hired > 0) && anyPeriod(c, (p) => p.laidOff > 0)],
    ["working days", (c) => c.workingDays],
    ["per-period rates", (c) => !c.workingDays],
    ["overtime and subcontracting in a feasible plan", (c) => c.plans.some((plan) => plan.feasible && plan.periods.some((p) => p.overtime > 0) && plan.periods.some((p) => p.subcontract > 0))],
    ["whole workers", (c) => c.policy.integerWorkers],
    ["fractional workers", (c) => anyPeriod(c, (p) => !Number.isInteger(p.workers))],
    ["an infeasible plan", (c) => c.plans.some((plan) => !plan.feasible)],
  ])("%s", (_title, covered) => {
    expect(cases.some(covered)).toBe(true);
  });
});

describeWithLibreOffice("every formula recomputes to the engine's value (LibreOffice)", () => {
  const specs: Record<string, WorkbookSpec> = {};
  const recalculated: Record<string, string> = {};
  let seconds = 0;
  let dir = "";
  // Tools' manual plan: Jan regular output and the Total cell of its total cost.
  let toolsManualRegular = 0;
  let toolsManualInventory = 0;
  let capacityAvailableRow = 0;

  beforeAll(async () => {
    specs.perPeriod = plans(perPeriodInput());
    specs.workingDays = plans(workingDaysInput());
    specs.longHorizon = plans(longHorizonInput(), ["level", "chase"]);
    specs.analysisTopDown = analysisSheets(false);
    specs.analysisBottomUp = analysisSheets(true);
    specs.sample = samplePlanned();
    specs.demandMonth = demandMonth();
    // Assembly at 60 %: the optimal plans leave demand unmet; the Unmet demand row feeds inventory, shipped and revenue.
    const constrained = runPlanner(sampleBlocks(0.6), { strategies: [...ALL, "optimal"], solver: await loadHighsSolver() });
    expect(constrained.results.some((r) => r.plans.some((p) => p.unmet > 0))).toBe(true);
    specs.sampleConstrained = withBudgetSheet(constrained.sheets);
    // The products' prices and no Policy price: revenue is the products', on every sheet.
    specs.sampleNoPolicyPrice = withBudgetSheet(runPlanner(sampleBlocks(1, { policyPrice: false }), { strategies: ALL }).sheets);
    // Bottom-up with products of different prices and forecasts: a price per period on the family sheet.
    const bottomUp = bottomUpInput(toolsInput());
    specs.bottomUpPrices = plans(bottomUp, ["level", "chase"]);
    expect(planRowIndex(specs.bottomUpPrices, "SOP Tools", "Price per unit", 1)).toBeGreaterThan(0);
    // 300 families named with 31 characters: the totals over families that used to outgrow Excel's 8,192 characters.
    specs.manyFamilies = runPlanner(manyFamilyBlocks(longFamilyNames(300), ["P1", "P2", "P3"]), { strategies: ["level", "chase"] }).sheets;
    // A reviewer adds 30 hours of Line in January: utilisation and overload follow.
    capacityAvailableRow = planRowIndex(specs.analysisTopDown, "SOP Capacity", "Line", 0) + 2;
    specs.capacityEdit = withCell(specs.analysisTopDown, "SOP Capacity", capacityAvailableRow, 2, (cell) => ({
      ...cell,
      value: (cell.value as number) + 30,
    }));

    // A wrong cached value: recalculation must replace it, or the check is vacuous.
    const totalCostRow = planRowIndex(specs.perPeriod, "SOP Tools", "Total cost", 2);
    specs.wrongCache = withCell(specs.perPeriod, "SOP Tools", totalCostRow, 4, (cell) => ({
      ...cell,
      cached: (cell.cached as number) + 1,
    }));
    // A reviewer's edit: 50 more units on regular time in January must flow into the inventory.
    toolsManualRegular = planRowIndex(specs.perPeriod, "SOP Tools", "Regular", 2);
    toolsManualInventory = planRowIndex(specs.perPeriod, "SOP Tools", "Inventory", 2);
    specs.reviewerEdit = withCell(specs.perPeriod, "SOP Tools", toolsManualRegular, 1, (cell) => ({
      ...cell,
      value: (cell.value as number) + 50,
    }));

    dir = tempDir("sop-formula-truth-");
    const files = await Promise.all(
      Object.entries(specs).map(async ([name, spec]) => {
        const file = path.join(dir, `${name}.xlsx`);
        writeFileSync(file, await writeWorkbook(spec));
        return file;
      }),
    );
    const started = Date.now();
    // One LibreOffice run converts 14 workbooks (300 families among them): minutes on a busy 2-core machine.
    const outputs = await recalculateWithLibreOffice(files, path.join(dir, "recalculated"), 480_000);
    seconds = (Date.now() - started) / 1000;
    Object.keys(specs).forEach((name, i) => (recalculated[name] = outputs[i]));
  }, 540_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("converts every workbook in one LibreOffice run", () => {
    console.log(`LibreOffice recalculated ${Object.keys(specs).length} workbooks in ${seconds.toFixed(1)} s`);
    expect(Object.keys(recalculated)).toHaveLength(Object.keys(specs).length);
  });

  describe.each([
    ["per-period rates: ending and average holding, backorders and none, initial workers and none", "perPeriod"],
    ["working days: hours per day, overtime and subcontracting, an infeasible manual plan", "workingDays"],
    ["30 periods, past column Z", "longHorizon"],
    ["capacity, products, finance and risks, top-down", "analysisTopDown"],
    ["capacity, products, finance and risks, bottom-up", "analysisBottomUp"],
    ["the sample template through the pipeline, analysis sheets included", "sample"],
    ["the demo's month: SOP Demand review with accuracy at lags 0 and 1, value added and the teams' inputs", "demandMonth"],
    ["the sample with Assembly at 60 %: optimal plans with demand unmet", "sampleConstrained"],
    ["the sample priced by its products alone (no Policy price)", "sampleNoPolicyPrice"],
    ["bottom-up prices per period: a Price per unit row the revenue reads", "bottomUpPrices"],
    ["300 families with 31-character names: the executive summary, Summary and Finance totals", "manyFamilies"],
  ])("%s", (_title, name) => {
    it("matches the engine in every formula cell", async () => {
      const { checked, mismatches } = await compareWithRecalculated(specs[name], recalculated[name]);
      expect(mismatches).toEqual([]);
      expect(checked).toBeGreaterThan(100);
    });
  });

  it("gives one revenue and one margin for the same plans: executive summary, Summary and Finance, with or without a Policy price", async () => {
    const withPolicyPrice = await revenueAndMarginByView(recalculated.sample);
    const productsOnly = await revenueAndMarginByView(recalculated.sampleNoPolicyPrice);
    const { revenue, margin } = withPolicyPrice.executive;
    const cashMargin = withPolicyPrice.finance.cashMargin!;
    // Every product has a price, so the Policy's (89 and 110) changes nothing.
    expect(revenue).toBeGreaterThan(5_000_000);
    for (const view of [withPolicyPrice, productsOnly]) {
      for (const figures of Object.values(view)) {
        expect(figures.revenue).toBeCloseTo(revenue, 6);
        expect(figures.margin).toBeCloseTo(margin, 6);
        if (figures.cashMargin !== undefined) expect(figures.cashMargin).toBeCloseTo(cashMargin, 6);
      }
    }
  });

  it("reads LibreOffice's file back as blocks, its tables included", async () => {
    const blocks = await readWorkbookBlocks(recalculated.perPeriod);
    const expectedTables = specs.perPeriod.sheets.flatMap((s) => (s.tables ?? []).map((t) => t.name));
    expect(blocks.filter((b) => b.isTable).map((b) => b.name).sort()).toEqual([...expectedTables].sort());
    const summary = blocks.find((b) => b.name === "SOP_Summary")!;
    expect(summary.values[1].slice(0, 3)).toEqual(["Tools", "Level", "Yes"]);
  });

  it("lets a reviewer's edit of available capacity flow into utilisation, overload and idle", async () => {
    const { mismatches } = await compareWithRecalculated(specs.capacityEdit, recalculated.capacityEdit);
    const row = (offset: number) => `SOP Capacity!${cellAddress(capacityAvailableRow + offset, 2)}`;
    const byCell = new Map(mismatches.map((m) => [m.cell, m]));
    // Jan's 100 split by the product forecasts' shares (Drill 80, Saw 30 of 110): Drill 73, Saw 27, so Line
    // needs 73 × 0.5 + 27 × 1 = 63.5 h; of 90: 70.6 %, no overload, 26.5 idle (was 105.8 % of 60, 3.5 h over, none idle).
    expect(byCell.get(row(1))?.libreOffice).toBeCloseTo(63.5 / 90, 12);
    expect(byCell.get(row(2))?.libreOffice).toBe(0);
    expect(byCell.get(row(5))?.libreOffice).toBe(26.5);
  });

  it("catches a wrong cached value, so recalculation really happened", async () => {
    const { mismatches } = await compareWithRecalculated(specs.wrongCache, recalculated.wrongCache);
    const totalCostRow = planRowIndex(specs.perPeriod, "SOP Tools", "Total cost", 2);
    expect(mismatches.map((m) => m.cell)).toEqual([`SOP Tools!${cellAddress(totalCostRow, 4)}`]);
    const [wrong] = mismatches;
    expect(wrong.libreOffice).toBeCloseTo((wrong.engine as number) - 1, 6);
  });

  it("lets a reviewer's edit of a decision flow into inventory, costs and the summary", async () => {
    const { mismatches } = await compareWithRecalculated(specs.reviewerEdit, recalculated.reviewerEdit);
    const changed = new Set(mismatches.map((m) => m.cell));
    expect(changed).toContain(`SOP Tools!${cellAddress(toolsManualInventory, 1)}`);
    expect([...changed].some((c) => c.startsWith("SOP Summary!"))).toBe(true);
    const inventory = mismatches.find((m) => m.cell === `SOP Tools!${cellAddress(toolsManualInventory, 1)}`)!;
    expect(inventory.libreOffice).toBeCloseTo((inventory.engine as number) + 50, 9);
  });
});

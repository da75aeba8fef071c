// One set of money figures: the demo's second month and a product-priced workbook, every output giving each family's revenue and margins as the engine has them.
import { ALL_STRATEGIES, STRATEGY_LABELS, recommendedPlanOf, type FamilyResult, type LpSolver } from "../../src/engine";
import { jsonReport } from "../../src/cli/report";
import { budgetText } from "../../src/cli/summary";
import { loadHighsSolver } from "../../src/solver/highs";
import { runPlanner, type PlannerRun } from "../../src/workbook/pipeline";
import { sampleNextMonth, sampleTemplate } from "../../src/workbook/sample";
import type { CellSpec, SheetSpec, WorkbookSpec } from "../../src/workbook/sheet";
import { layoutVersionsSheet } from "../../src/workbook/versions";
import { excelTable, type Grid } from "../support/grids";

const blocksOf = (workbook: WorkbookSpec) =>
  workbook.sheets.map((s) => excelTable(s.tables![0].name, s.name, s.cells.map((line) => line.map((c) => c?.value ?? null)) as Grid));

/** The demo's two months: last month planned and saved, this month planned against it, with its scenarios and budget. */
function demo(solver: LpSolver, change: (workbook: WorkbookSpec) => void = () => {}): PlannerRun {
  const first = sampleTemplate();
  change(first);
  const lastMonth = runPlanner(blocksOf(first), { strategies: ALL_STRATEGIES, solver, saveVersion: "Nov 2026" });
  const next = sampleNextMonth([layoutVersionsSheet(lastMonth.versions).sheet]);
  change(next);
  return runPlanner(blocksOf(next), { strategies: ALL_STRATEGIES, solver, saveVersion: "Dec 2026" });
}

/** Products priced 30 % above the sample's, and no Policy price: revenue can only come from the products. */
function productPriced(workbook: WorkbookSpec): void {
  const products = workbook.sheets.find((s) => s.name === "Products")!;
  const price = products.cells[0].findIndex((c) => c?.value === "Price");
  for (const line of products.cells.slice(1)) line[price] = { ...line[price]!, value: Math.round((line[price]!.value as number) * 1.3) };
  const policy = workbook.sheets.find((s) => s.name === "Policy")!;
  policy.cells = policy.cells.filter((line) => line[0]?.value !== "Price per unit");
  policy.tables = policy.tables!.map((t) => ({ ...t, rows: policy.cells.length }));
}

interface Figures {
  revenue: number;
  /** P&L: revenue − cost of goods sold − period costs. */
  grossMargin: number;
  /** Cash: revenue − every cost of the period. */
  margin?: number;
}

const sheet = (run: PlannerRun, name: string): SheetSpec => run.sheets.sheets.find((s) => s.name === name)!;
const value = (cell: CellSpec | null | undefined): number => (cell?.cached ?? cell?.value) as number;
const rowWith = (s: SheetSpec, from: number, test: (line: (CellSpec | null)[]) => boolean) => s.cells.slice(from).find(test)!;
const startsWith = (line: (CellSpec | null)[], prefix: string) => typeof line[0]?.value === "string" && (line[0].value as string).startsWith(prefix);

/** Each output's figures for one family (null: all families). */
function figuresByOutput(run: PlannerRun, family: string | null): Record<string, Figures> {
  const planned = run.results.filter((r) => r.recommended !== null);
  const plans = (family === null ? planned : planned.filter((r) => r.family === family)).map((r) => ({ result: r, plan: recommendedPlanOf(r)! }));
  const add = (pick: (p: (typeof plans)[number]) => number) => plans.reduce((sum, p) => sum + pick(p), 0);
  const out: Record<string, Figures> = {};
  out.engine = { revenue: add((p) => p.plan.revenue), grossMargin: add((p) => p.plan.grossMargin), margin: add((p) => p.plan.margin) };

  // The executive summary: the KPIs for all families, the decision table per family.
  const executive = sheet(run, "SOP Executive summary");
  if (family === null) {
    out.executive = { revenue: value(executive.cells[4][0]), grossMargin: value(executive.cells[4][2]) };
  } else {
    const top = executive.cells.findIndex((line) => startsWith(line, "Decision per family"));
    const line = rowWith(executive, top, (l) => l[0]?.value === family);
    out.executive = { revenue: value(line[3]), grossMargin: value(line[4]) };
  }

  // The Summary: the table's recommended rows (Revenue, Margin, P&L margin columns).
  const summary = sheet(run, "SOP Summary");
  const header = summary.cells[4].map((c) => c?.value);
  const column = (name: string) => header.indexOf(name);
  const recommendedRows = plans.map(({ result, plan }) => rowWith(summary, 5, (l) => l[0]?.value === result.family && l[1]?.value === STRATEGY_LABELS[plan.strategy]));
  const summed = (c: number) => recommendedRows.reduce((sum, line) => sum + value(line[c]), 0);
  out.summary = { revenue: summed(column("Revenue")), grossMargin: summed(column("P&L margin")), margin: summed(column("Margin")) };

  // The family sheets: the recommended plan's Total column.
  let revenue = 0;
  let grossMargin = 0;
  let margin = 0;
  for (const { result, plan } of plans) {
    const familySheet = sheet(run, `SOP ${result.family}`);
    const top = familySheet.cells.findIndex((line) => line[0]?.value === `${STRATEGY_LABELS[plan.strategy]} plan`);
    const total = (label: string) => {
      const line = rowWith(familySheet, top, (l) => l[0]?.value === label);
      return value(line[line.length - 1]);
    };
    revenue += total("Revenue");
    grossMargin += total("P&L margin");
    margin += total("Margin");
  }
  out.familySheets = { revenue, grossMargin, margin };

  // Finance: the family's line (or all families'), its Total column.
  const finance = sheet(run, "SOP Finance");
  const financeTotal = (label: string) => {
    const line = finance.cells.find((l) => l[0]?.value === (family ?? "All families") && (family === null || l[1]?.value === "All products" || l[1]?.value === "") && l[2]?.value === label)!;
    return value(line[line.length - 1]);
  };
  out.finance = { revenue: financeTotal("Revenue"), grossMargin: financeTotal("P&L margin"), margin: financeTotal("Margin (cash)") };

  // Variance: the bridge's current P&L margin (every period is compared: the horizon did not roll).
  const variance = sheet(run, "SOP Variance");
  const bridgeHeader = variance.cells.findIndex((line) => line[0]?.value === "Family" && line[1]?.value === "Baseline P&L margin");
  const bridge = rowWith(variance, bridgeHeader, (l) => l[0]?.value === (family ?? "All families"));
  const bridgeRevenue = run.variance!.lines.filter((l) => (family === null || l.family === family) && l.measure === "revenue").reduce((sum, l) => sum + l.current, 0);
  out.variance = { revenue: bridgeRevenue, grossMargin: value(bridge[variance.cells[bridgeHeader].length - 1]) };

  // Scenarios: the base plan's rows.
  const scenarios = sheet(run, "SOP Scenarios");
  if (family === null) {
    const base = scenarios.cells[4];
    out.scenarios = { revenue: value(base[3]), grossMargin: value(base[4]) };
  } else {
    const familyHeader = scenarios.cells.findIndex((line) => line[0]?.value === "Scenario" && line[1]?.value === "Family");
    const line = rowWith(scenarios, familyHeader, (l) => l[0]?.value === "Base plan" && l[1]?.value === family);
    out.scenarios = { revenue: value(line[5]), grossMargin: value(line[6]) };
  }

  // Versions: this month's saved rows.
  const versions = sheet(run, "SOP Versions");
  const versionHeader = versions.cells[3].map((c) => c?.value);
  const saved = versions.cells.filter((l) => l[0]?.value === "Dec 2026" && (family === null || l[2]?.value === family));
  const savedSum = (name: string) => saved.reduce((sum, l) => sum + value(l[versionHeader.indexOf(name)]), 0);
  out.versions = { revenue: savedSum("Revenue"), grossMargin: savedSum("P&L margin"), margin: savedSum("Margin") };

  // The command line's JSON: each family's recommended plan.
  const json = jsonReport(run.results, run.messages, run.resources, { variance: run.variance, scenarios: run.scenarios });
  const jsonPlans = json.families.filter((f) => f.recommended && (family === null || f.family === family)).map((f) => f.plans.find((p) => p.strategy === f.recommended)!);
  out.json = {
    revenue: jsonPlans.reduce((sum, p) => sum + p.revenue, 0),
    grossMargin: jsonPlans.reduce((sum, p) => sum + p.grossMargin, 0),
    margin: jsonPlans.reduce((sum, p) => sum + p.margin, 0),
  };
  return out;
}

function expectOneSet(run: PlannerRun): void {
  const families = run.results.map((r: FamilyResult) => r.family);
  for (const family of [...families, null]) {
    const byOutput = figuresByOutput(run, family);
    const { engine } = byOutput;
    for (const [output, figures] of Object.entries(byOutput)) {
      const where = `${output}, ${family ?? "all families"}`;
      expect([where, figures.revenue]).toEqual([where, expect.closeTo(engine.revenue, 4)]);
      expect([where, figures.grossMargin]).toEqual([where, expect.closeTo(engine.grossMargin, 4)]);
      if (figures.margin !== undefined) expect([where, figures.margin]).toEqual([where, expect.closeTo(engine.margin!, 4)]);
    }
  }
}

describe("one revenue, one P&L margin and one cash margin per family, whichever output shows them", () => {
  let solver: LpSolver;
  let run: PlannerRun;
  beforeAll(async () => {
    solver = await loadHighsSolver();
    run = demo(solver);
  });

  it("the demo (Policy prices 89 and 110 beside product prices): executive summary, Summary, family sheets, Finance, Variance, Scenarios, Versions and JSON", () => {
    expect(run.results.every((r) => r.recommended === "optimal")).toBe(true);
    expectOneSet(run);
    // The P&L view differs from the cash view where stock is built or drawn down: the two are not the same number by accident.
    const total = figuresByOutput(run, null).engine;
    expect(Math.abs(total.grossMargin - total.margin!)).toBeGreaterThan(1);
  });

  it("a product-priced workbook (prices 30 % above the sample's, no Policy price): the same outputs agree, and revenue is the products'", () => {
    const priced = demo(solver, productPriced);
    expectOneSet(priced);
    const drills = recommendedPlanOf(priced.results.find((r) => r.family === "Cordless Drills"))!;
    // Mix 40 % at 90 (69 × 1.3) and 60 % at 137 (105 × 1.3): 118.2 a unit shipped.
    expect(drills.revenue).toBeCloseTo(drills.shipped * (0.4 * 90 + 0.6 * 137), 4);
  });

  it("the executive summary's decisions to take: hires, layoffs, overtime and subcontracting per family as the plans have them, and the capacity worth buying at its marginal value", () => {
    const executive = sheet(run, "SOP Executive summary");
    const top = executive.cells.findIndex((line) => startsWith(line, "Decisions to take"));
    expect(top).toBeGreaterThan(0);
    const decisions = executive.cells.slice(top + 2).filter((line) => line[0]?.style === "label" && typeof line[1]?.value === "string");
    for (const result of run.results) {
      const plan = recommendedPlanOf(result)!;
      for (const [decision, line] of [["Hire", "hired"], ["Lay off", "laidOff"], ["Commit overtime (units)", "overtime"], ["Subcontract (units)", "subcontract"]] as const) {
        const total = plan.periods.reduce((sum, p) => sum + p[line], 0);
        const shown = decisions.find((l) => l[0]?.value === decision && l[1]?.value === result.family);
        if (total < 0.5) expect(shown).toBeUndefined();
        else expect([decision, result.family, value(shown?.[2])]).toEqual([decision, result.family, expect.closeTo(total, 6)]);
      }
    }
    const worth = run.resources.filter((r) => r.periods.some((p) => (p.marginalValue ?? 0) >= 0.5));
    expect(worth.length).toBeGreaterThan(0);
    for (const resource of worth) {
      const shown = decisions.find((l) => l[0]?.value === "Buy capacity" && l[1]?.value === resource.resource)!;
      const most = Math.max(...resource.periods.map((p) => p.marginalValue ?? 0));
      expect(value(shown[2])).toBeCloseTo(most, 9);
      expect(shown[3]?.value).toContain(`would save up to ${Math.round(most).toLocaleString("en-US")}`);
    }
  });

  it("the plan against budget: the executive summary, the command line's table and JSON give the engine's totals per family and measure, and the same sentence", () => {
    const lines = run.budget!;
    expect(lines.length).toBeGreaterThan(0);
    const json = jsonReport(run.results, run.messages, run.resources, { budget: { periods: run.input!.periods, lines } }).budget!;
    const executive = sheet(run, "SOP Executive summary");
    const top = executive.cells.findIndex((line) => startsWith(line, "Plan against budget"));
    const header = executive.cells[top + 1].map((c) => c?.value);
    const terminal = budgetText(lines).split("\n");
    for (const line of lines) {
      const name = line.family ?? "All families";
      // The recommended plans' own figures: units shipped, revenue, P&L margin.
      const plans = run.results.filter((r) => line.family === null || r.family === line.family).map((r) => recommendedPlanOf(r)!);
      const own = plans.reduce((sum, p) => sum + (line.measure === "units" ? p.shipped : line.measure === "revenue" ? p.revenue : p.grossMargin), 0);
      expect([name, line.measure, line.planTotal]).toEqual([name, line.measure, expect.closeTo(own, 4)]);
      const fromJson = json.find((j) => j.family === line.family && j.measure === line.measure)!;
      expect([fromJson.planTotal, fromJson.budgetTotal, fromJson.varianceTotal]).toEqual([line.planTotal, line.budgetTotal, line.varianceTotal]);
      expect(fromJson.periods.map((p) => p.period)).toEqual(run.input!.periods);
      expect(fromJson.periods.reduce((sum, p) => sum + p.variance, 0)).toBeCloseTo(line.varianceTotal, 6);
      const row = rowWith(executive, top + 2, (l) => l[0]?.value === name);
      const c = header.indexOf(["Units shipped", "Revenue", "P&L margin"][["units", "revenue", "margin"].indexOf(line.measure)]);
      expect([name, line.measure, value(row[c]), value(row[c + 1]), value(row[c + 2])]).toEqual([
        name,
        line.measure,
        expect.closeTo(line.planTotal, 6),
        expect.closeTo(line.budgetTotal, 6),
        expect.closeTo(line.varianceTotal, 6),
      ]);
      const shown = terminal.find((t) => t.startsWith(`${name} `))!;
      expect(shown).toContain(Math.round(line.planTotal).toLocaleString("en-US"));
    }
    const sentence = executive.cells.map((l) => l[0]?.value).find((v) => typeof v === "string" && v.startsWith("All families: Units shipped"));
    expect(terminal[terminal.length - 1]).toBe(sentence);
    expect(sentence).toMatch(/above budget|below budget|on budget/);
  });
});

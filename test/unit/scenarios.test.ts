// Scenarios: each one's numbers equal a separate run on the workbook with the change made by hand; a bad row is an error naming its cell.
import type { LpSolver } from "../../src/engine/lp";
import type { StrategyName } from "../../src/engine/model";
import { loadHighsSolver } from "../../src/solver/highs";
import { runPlanner, type PlannerRun } from "../../src/workbook/pipeline";
import type { RawCell } from "../../src/workbook/raw";
import { sampleTemplate } from "../../src/workbook/sample";
import { excelTable, sheetBlock, type Grid } from "../support/grids";

const STRATEGIES: StrategyName[] = ["level", "chase", "manual", "optimal"];
let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/** The sample workbook's tables as grids, to change by hand. */
function sampleGrids(): Record<string, Grid> {
  return Object.fromEntries(sampleTemplate().sheets.map((s) => [s.name, s.cells.map((line) => line.map((c) => (c?.value ?? null) as RawCell))]));
}

function blocksOf(grids: Record<string, Grid>) {
  return Object.entries(grids).map(([name, values]) => excelTable(name, name, values));
}

const run = (grids: Record<string, Grid>): PlannerRun => runPlanner(blocksOf(grids), { strategies: STRATEGIES, solver });

/** Each family's recommended plan as the scenario comparison reports it. */
function recommendedOf(planned: PlannerRun) {
  return planned.results.map((family) => {
    const plan = family.plans.find((p) => p.strategy === family.recommended)!;
    return { family: family.family, recommended: family.recommended, totalCost: plan.totalCost, revenue: plan.revenue, margin: plan.margin };
  });
}

const row = (grid: Grid, first: RawCell, second?: RawCell) => grid.find((line) => line[0] === first && (second === undefined || line[1] === second))!;
const times = (line: RawCell[], from: number, factor: number) => line.forEach((v, i) => i >= from && typeof v === "number" && (line[i] = v * factor));

describe("a scenario equals the workbook with its change made by hand", () => {
  const SCENARIOS: Grid = [
    ["Scenario", "Change", "Target", "Value"],
    ["Upside", "Demand ×", "Cordless Drills", 1.2],
    ["Assembly loss", "Capacity x", "Assembly", 0.8],
    ["Dearer overtime", "Overtime cost per hour", "garden tools", 40],
    ["Dearer overtime", "Demand *", null, 1.1],
    ["Big drills", "Demand ×", "Drill 18V", 1.5],
    ["Assembly line down", "Capacity ×", "Assembly", 0.6],
    ["Paint as it is", "Capacity ×", "Paint", 1],
  ];
  let planned: PlannerRun;
  beforeAll(() => {
    planned = run({ ...sampleGrids(), Scenarios: SCENARIOS });
  });
  const outcome = (name: string) => planned.scenarios.find((s) => s.scenario === name)!;
  const families = (name: string) => outcome(name).families.map(({ family, recommended, totalCost, revenue, margin }) => ({ family, recommended, totalCost, revenue, margin }));

  it("lists the base plan first, then the scenarios in the table's order, rows of one scenario together", () => {
    expect(planned.messages.filter((m) => m.severity === "error")).toEqual([]);
    expect(planned.scenarios.map((s) => s.scenario)).toEqual(["Base plan", "Upside", "Assembly loss", "Dearer overtime", "Big drills", "Assembly line down", "Paint as it is"]);
    expect(outcome("Dearer overtime").changes).toEqual(["Overtime cost per hour = 40 (Garden Tools)", "Demand × 1.1 (all)"]);
    expect(families("Base plan")).toEqual(recommendedOf(planned));
  });

  it("Capacity × 0.6: within capacity everywhere, the demand it cannot serve unmet, revenue lower by exactly its price", () => {
    const grids = sampleGrids();
    times(row(grids.Capacity, "Assembly"), 1, 0.6);
    const byHand = run(grids);
    const down = outcome("Assembly line down");
    const base = outcome("Base plan");
    // The same as the change made by hand, family by family.
    expect(families("Assembly line down")).toEqual(recommendedOf(byHand));
    // Every recommended resource-period at or below 100 %, and every family feasible and counted.
    expect(Math.max(...byHand.resources.flatMap((r) => r.periods.map((p) => p.utilization)))).toBeLessThanOrEqual(1 + 1e-6);
    expect(down.peakUtilization!.utilization).toBeLessThanOrEqual(1 + 1e-6);
    expect(down.infeasible).toEqual([]);
    expect(down.families.every((f) => f.recommended !== null)).toBe(true);
    expect(down.unmet).toBeGreaterThan(0);
    // Everything ships by the end when served, so revenue falls by exactly price × the units not served,
    // at the products' prices weighted by mix: drills 0.4 × 69 + 0.6 × 105, garden tools 0.55 × 99 + 0.45 × 125.
    expect(base.unmet).toBe(0);
    const price = (family: string) => ({ "Cordless Drills": 90.6, "Garden Tools": 110.7 })[family]!;
    for (const family of byHand.input!.families) expect(family.pricePerUnit!.every((p) => Math.abs(p - price(family.family)) < 1e-9)).toBe(true);
    const lost = down.families.reduce((sum, f) => sum + price(f.family) * f.unmet!, 0);
    expect(base.revenue - down.revenue).toBeCloseTo(lost, 4);
    expect(down.revenueAtRisk).toBeCloseTo(lost, 4);
    expect(down.shipped + down.unmet).toBeCloseTo(base.shipped, 4);
    // The risks say it first, as a warning naming the families, and no error is raised for it.
    expect(byHand.risks[0]).toMatchObject({ kind: "unmet", severity: "warning" });
    expect(byHand.risks[0].message).toMatch(/^Demand not served in .+; at full capacity: Assembly/);
    expect(byHand.messages.filter((m) => m.severity === "error")).toEqual([]);
  });

  it("a scenario that changes nothing a family depends on keeps the base plan exactly: no material change", () => {
    const same = outcome("Paint as it is");
    expect(families("Paint as it is")).toEqual(families("Base plan"));
    expect(same.margin).toBe(outcome("Base plan").margin);
    const sheet = planned.sheets.sheets.find((s) => s.name === "SOP Scenarios")!;
    const row = sheet.cells.findIndex((line) => line[0]?.value === "Paint as it is");
    expect(sheet.cells[row][5]?.value).toBe("no material change");
  });

  it("Demand × a family: its Forecast row and its products' rows multiplied", () => {
    const grids = sampleGrids();
    for (const line of grids.Forecast) if (line[0] === "Cordless Drills") times(line, 2, 1.2);
    expect(families("Upside")).toEqual(recommendedOf(run(grids)));
    expect(outcome("Upside").revenue).toBeGreaterThan(outcome("Base plan").revenue);
  });

  it("Capacity × a resource: its row multiplied", () => {
    const grids = sampleGrids();
    times(row(grids.Capacity, "Assembly"), 1, 0.8);
    const byHand = run(grids);
    expect(families("Assembly loss")).toEqual(recommendedOf(byHand));
    const busiest = Math.max(...byHand.resources.flatMap((r) => r.periods.map((p) => p.utilization)));
    expect(outcome("Assembly loss").peakUtilization?.utilization).toBe(busiest);
  });

  it("a Policy parameter for a family, with Demand × for all: the family's Policy cell set, every Forecast row multiplied", () => {
    const grids = sampleGrids();
    const policy = grids.Policy;
    const gardenColumn = policy[0].indexOf("Garden Tools");
    row(policy, "Overtime cost per hour")[gardenColumn] = 40;
    for (const line of grids.Forecast.slice(1)) times(line, 2, 1.1);
    expect(families("Dearer overtime")).toEqual(recommendedOf(run(grids)));
  });

  it("Demand × a product: its row multiplied, and its family's row grows by the same units", () => {
    const grids = sampleGrids();
    const product = row(grids.Forecast, "Cordless Drills", "Drill 18V");
    const family = row(grids.Forecast, "Cordless Drills", null);
    product.forEach((v, i) => {
      if (i < 2 || typeof v !== "number") return;
      family[i] = (family[i] as number) + (v * 1.5 - v);
      product[i] = v * 1.5;
    });
    expect(families("Big drills")).toEqual(recommendedOf(run(grids)));
  });

  it("lays out SOP Scenarios in the P&L view with a chart, and P&L margin vs base as a formula", () => {
    const sheet = planned.sheets.sheets.find((s) => s.name === "SOP Scenarios")!;
    expect(sheet.cells[3].map((c) => c?.value)).toEqual([
      "Scenario",
      "Changes",
      "P&L cost",
      "Revenue",
      "P&L margin",
      "P&L margin vs base",
      "Shipped",
      "Unmet demand",
      "Revenue at risk",
      "Peak backlog",
      "Peak utilisation",
      "Busiest resource",
      "Every family feasible",
    ]);
    expect(sheet.cells[5][5]).toMatchObject({ formula: "E6-$E$5", cached: outcome("Upside").grossMargin - outcome("Base plan").grossMargin });
    expect(sheet.cells[5][4]?.value).toBe(outcome("Upside").grossMargin);
    expect(sheet.cells[5][2]?.value).toBeCloseTo(outcome("Upside").revenue - outcome("Upside").grossMargin, 6);
    expect(sheet.charts?.[0].series.map((s) => s.name)).toEqual(["P&L cost", "Revenue", "P&L margin"]);
    expect(sheet.tables?.map((t) => t.name)).toEqual(["SOP_Scenarios", "SOP_Scenario_families"]);
  });
});

describe("a Scenarios row the planner cannot read is an error naming its cell, and nothing is planned", () => {
  const HAND = {
    Forecast: [["Family", "Product", "Jan", "Feb"], ["Tools", null, 300, 100]],
    Policy: [["Parameter", "Value"], ["Units per worker per period", 50], ["Price per unit", 60]],
    Capacity: [["Resource", "Jan", "Feb"], ["Line", 500, 500]],
  } as Record<string, Grid>;
  const errorsOf = (rows: Grid) => {
    const planned = runPlanner([...blocksOf(HAND), sheetBlock("Scenarios", [["Scenario", "Change", "Target", "Value"], ...rows])], { strategies: ["level", "chase"] });
    expect(planned.input).toBeNull();
    return planned.messages.filter((m) => m.severity === "error").map((m) => [m.cell, m.message]);
  };

  it("an unknown change, with the parameter it most likely means", () => {
    expect(errorsOf([["Up", "Price per unt", null, 70]])).toEqual([["Scenarios!B2", `Scenarios!B2: "Price per unt" is not a change the planner knows: write Demand ×, Capacity × or a Policy parameter. Did you mean "Price per unit"?`]]);
  });

  it("a target that is not a family, product or resource", () => {
    expect(errorsOf([["Up", "Demand ×", "Toolz", 1.2], ["Down", "Capacity ×", "Press", 0.5], ["Cut", "Capacity ×", null, 0.5]])).toEqual([
      ["Scenarios!C2", `Scenarios!C2: "Toolz" is not a family or a product in Forecast.`],
      ["Scenarios!C3", `Scenarios!C3: "Press" is not a resource in Capacity (Line).`],
      ["Scenarios!C4", `Scenarios!C4: Capacity × needs a resource in Target (Line).`],
    ]);
  });

  it("a factor that is blank or text, a Policy value of the wrong kind, a missing name", () => {
    expect(errorsOf([["Up", "Demand ×", null, null], ["Up", "Demand ×", null, "20%"], ["Odd", "Integer workers", null, "maybe"], [null, "Demand ×", null, 2]])).toEqual([
      ["Scenarios!D2", "Scenarios!D2: Value is blank; a Demand × or Capacity × change needs the factor (1.2 for 20 % more)."],
      ["Scenarios!D3", `Scenarios!D3: holds the text "20%"; the factor must be a number from 0 to 1,000,000 (1.2 for 20 % more).`],
      ["Scenarios!D4", `Scenarios!D4 holds the text "maybe"; "Integer workers" must be Yes or No.`],
      ["Scenarios!A5", "Scenarios!A5: row 5 of Scenarios has a change but no Scenario name."],
    ]);
  });

  it("a Policy change that leaves a family without a productivity rule", () => {
    const [[cell, message]] = errorsOf([["No rule", "Units per worker per period", null, null]]);
    expect(cell).toBe("Scenarios!D2");
    expect(message).toMatch(/in scenario "No rule", Tools has no usable productivity rule/);
  });

  it("a header without the four columns", () => {
    const planned = runPlanner([...blocksOf(HAND), sheetBlock("Scenarios", [["Scenario", "Change", "Value"], ["Up", "Demand ×", 1.2]])], { strategies: ["level"] });
    expect(planned.messages).toContainEqual(expect.objectContaining({ cell: "Scenarios!A1", message: expect.stringMatching(/no column "Target"; its header must be Scenario \| Change \| Target \| Value/) }));
  });
});

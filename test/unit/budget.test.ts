// The Budget table: read like the other tables (cell-named errors), and the plan against it per family and in total.
import { budgetComparison, planAll } from "../../src/engine";
import { parseInputs } from "../../src/workbook/parse";
import { runPlanner } from "../../src/workbook/pipeline";
import { sampleTemplate } from "../../src/workbook/sample";
import { excelTable, minimalGrids, tablesFrom, type Grid } from "../support/grids";

/** Tools: demand 100 and 200, chase (50 units a worker), price 10, 4 per unit made. */
function grids(budget: Grid) {
  const base = minimalGrids([100, 200]);
  return { ...base, policy: [...base.policy, ["Price per unit", 10], ["Regular cost per unit", 4]] as Grid, budget };
}

describe("the Budget table", () => {
  it("reads Units, Revenue and Margin per family and period; a budgeted margin may be negative; a blank is 0", () => {
    const { input, messages } = parseInputs(
      tablesFrom(
        grids([
          ["Family", "Line", "P1", "P2"],
          ["tools", "units", 120, 180],
          ["Tools", "Revenue", 1200, null],
          ["Tools", "Margin", -50, 1000],
        ]),
      ),
    );
    expect(messages.filter((m) => m.severity === "error")).toEqual([]);
    expect(input!.budget!.map(({ family, measure, values }) => ({ family, measure, values }))).toEqual([
      { family: "Tools", measure: "units", values: [120, 180] },
      { family: "Tools", measure: "revenue", values: [1200, 0] },
      { family: "Tools", measure: "margin", values: [-50, 1000] },
    ]);
    // Where each value sits, for the output sheets' live formulas: Budget!C2 and D2 for the units.
    expect(input!.budget![0].cells).toEqual([
      { sheet: "Budget", row: 1, column: 2 },
      { sheet: "Budget", row: 1, column: 3 },
    ]);
  });

  it("an unknown line, an unknown family, a line twice, text for a number and other periods are errors naming the cell", () => {
    const errors = (budget: Grid) =>
      parseInputs(tablesFrom(grids(budget)))
        .messages.filter((m) => m.severity === "error")
        .map((m) => [m.cell, m.message]);
    expect(errors([["Family", "Line", "P1", "P2"], ["Tools", "Profit", 1, 2]])).toEqual([
      ["Budget!B2", `Budget!B2 "Profit" is not a Budget line; it must be Units, Revenue or Margin.`],
    ]);
    expect(errors([["Family", "Line", "P1", "P2"], ["Drills", "Units", 1, 2]])).toEqual([
      ["Budget!A2", `Budget!A2: the family "Drills" is not in Forecast, so its budget cannot be compared with a plan.`],
    ]);
    expect(errors([["Family", "Line", "P1", "P2"], ["Tools", "Units", 1, 2], ["Tools", "units", 3, 4]]).map(([cell]) => cell)).toEqual(["Budget!B3"]);
    const [[cell, message]] = errors([["Family", "Line", "P1", "P2"], ["Tools", "Revenue", "lots", 2]]);
    expect(cell).toBe("Budget!C2");
    expect(message).toContain("lots");
    expect(errors([["Family", "Line", "P1", "P3"], ["Tools", "Units", 1, 2]]).map(([cell]) => cell)).toEqual(["Budget!D1"]);
  });

  it("negative units are an error: only a margin may be negative", () => {
    const { messages } = parseInputs(tablesFrom(grids([["Family", "Line", "P1", "P2"], ["Tools", "Units", -1, 2]])));
    expect(messages.filter((m) => m.severity === "error").map((m) => m.cell)).toEqual(["Budget!C2"]);
  });
});

describe("the plan against the budget", () => {
  const { input } = parseInputs(
    tablesFrom(
      grids([
        ["Family", "Line", "P1", "P2"],
        ["Tools", "Units", 120, 180],
        ["Tools", "Revenue", 1200, 1800],
        ["Tools", "Margin", 700, 1000],
      ]),
    ),
  );
  const results = planAll(input!, ["chase"]);
  const lines = budgetComparison(input!, results);

  it("units shipped 100 and 200 against 120 and 180; revenue 1,000 and 2,000; P&L margin 600 and 1,200 (10 − 4 a unit)", () => {
    const tools = (measure: string) => lines.find((l) => l.family === "Tools" && l.measure === measure)!;
    expect(tools("units")).toMatchObject({ plan: [100, 200], budget: [120, 180], variance: [-20, 20], varianceTotal: 0 });
    expect(tools("revenue")).toMatchObject({ plan: [1000, 2000], variance: [-200, 200], planTotal: 3000, budgetTotal: 3000 });
    expect(tools("margin").plan.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([600, 1200]);
    expect(tools("margin").varianceTotal).toBeCloseTo(100, 9);
  });

  it("totals each line over the families that budget it, after the families", () => {
    expect(lines.map((l) => [l.family, l.measure])).toEqual([
      ["Tools", "units"],
      ["Tools", "revenue"],
      ["Tools", "margin"],
      [null, "units"],
      [null, "revenue"],
      [null, "margin"],
    ]);
    expect(lines[5].planTotal).toBeCloseTo(1800, 9);
  });

  it("no Budget table: nothing to compare", () => {
    const { input: without } = parseInputs(tablesFrom(minimalGrids()));
    expect(without!.budget).toBeUndefined();
    expect(budgetComparison(without!, planAll(without!, ["chase"]))).toEqual([]);
  });
});

describe("the sample's Budget through the pipeline: SOP Variance's SOP Budget section and the executive summary", () => {
  const blocks = sampleTemplate().sheets.map((s) => excelTable(s.tables![0].name, s.name, s.cells.map((line) => line.map((c) => c?.value ?? null)) as Grid));
  const run = runPlanner(blocks, { strategies: ["level", "chase", "manual"] });
  const sheet = (name: string) => run.sheets.sheets.find((s) => s.name === name)!;
  const lines = budgetComparison(run.input!, run.results);
  const revenue = lines.find((l) => l.family === null && l.measure === "revenue")!;

  it("the budget is the Budget table's: 95 % of the drills' forecast at 90 a unit, 97 % of garden tools' at 110", () => {
    const drillsUnits = lines.find((l) => l.family === "Cordless Drills" && l.measure === "units")!;
    expect(drillsUnits.budget[0]).toBe(2090);
    expect(revenue.budgetTotal).toBe(lines.filter((l) => l.family !== null && l.measure === "units").reduce((sum, l) => sum + l.budgetTotal * (l.family === "Cordless Drills" ? 90 : 110), 0));
  });

  it("SOP Variance reads the plan from the family sheets and the budget from the Budget table, live", () => {
    const variance = sheet("SOP Variance");
    const title = variance.cells.findIndex((line) => typeof line[0]?.value === "string" && (line[0].value as string).startsWith("SOP Budget"));
    expect(title).toBeGreaterThan(0);
    const rows = variance.cells.slice(title);
    const drillsBudget = rows.find((line) => line[0]?.value === "Cordless Drills" && line[1]?.value === "Budget")!;
    expect(drillsBudget[2]).toMatchObject({ formula: "Budget!$C$2", cached: 2090 });
    const drillsPlan = rows.find((line) => line[0]?.value === "Cordless Drills" && line[1]?.value === "Plan")!;
    expect(drillsPlan[2]!.formula).toMatch(/^'SOP Cordless Drills'!\$[A-Z]+\$\d+$/);
    const revenueRows = rows.slice(rows.findIndex((line) => line[0]?.value === "Revenue"));
    const allPlan = revenueRows.find((line) => line[0]?.value === "All families" && line[1]?.value === "Plan")!;
    expect(allPlan[14]!.cached).toBeCloseTo(revenue.planTotal, 6);
    const allGap = revenueRows.find((line) => line[0]?.value === "All families" && line[1]?.value === "Plan − budget")!;
    expect(allGap[14]!.cached).toBeCloseTo(revenue.planTotal - revenue.budgetTotal, 6);
  });

  it("the executive summary shows plan, budget and the gap per family and in total, reading SOP Variance, and says it in a sentence from the same numbers", () => {
    const executive = sheet("SOP Executive summary");
    const top = executive.cells.findIndex((line) => typeof line[0]?.value === "string" && (line[0].value as string).startsWith("Plan against budget"));
    expect(executive.cells[top + 1].map((c) => c?.value)).toEqual(["Family", "Units shipped", "Budget", "vs budget", "Revenue", "Budget", "vs budget", "P&L margin", "Budget", "vs budget"]);
    const all = executive.cells.slice(top).find((line) => line[0]?.value === "All families")!;
    expect(all[4]).toMatchObject({ cached: revenue.planTotal });
    expect(all[4]!.formula).toMatch(/^'SOP Variance'!\$O\$\d+$/);
    expect(all[6]!.cached).toBeCloseTo(revenue.varianceTotal, 6);
    const sentence = executive.cells.slice(top).find((line) => typeof line[0]?.value === "string" && (line[0].value as string).startsWith("All families: "))![0]!.value as string;
    const gap = Math.round(Math.abs(revenue.varianceTotal)).toLocaleString("en-US");
    expect(sentence).toContain(`Revenue ${Math.round(revenue.planTotal).toLocaleString("en-US")}, ${gap}`);
    expect(sentence).toContain(revenue.varianceTotal > 0 ? "above budget" : "below budget");
    // The share of the budget with one decimal, as every percentage on the page.
    expect(sentence).toContain(`(${((Math.abs(revenue.varianceTotal) / revenue.budgetTotal) * 100).toFixed(1)} %)`);
  });
});

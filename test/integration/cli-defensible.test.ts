// The command line on the hand-checked cases of plans a planner can defend: a resource one family loads, the products' unit costs, overtime under the units rule, capacity no plan can fit.
import * as path from "path";
import type { JsonReport } from "../../src/cli/report";
import { runCli } from "../support/cli";
import { fiveFamilyGrids, fiveFamilyPriceAt } from "../support/fiveFamilies";
import { tempDir, writeGridWorkbook, type Grid } from "../support/xlsxFiles";

const dir = tempDir("sop-defensible-");

async function plan(name: string, sheets: Record<string, Grid>, strategies = "chase,optimal"): Promise<{ status: number; report: JsonReport; stderr: string }> {
  const input = await writeGridWorkbook(path.join(dir, `${name}.xlsx`), sheets);
  const { status, stdout, stderr } = await runCli([input, "--json", "-q", "--strategies", strategies, "-o", path.join(dir, `${name}-plan.xlsx`)]);
  return { status, report: JSON.parse(stdout) as JsonReport, stderr };
}

const planOf = (report: JsonReport, family: string, strategy: string) =>
  report.families.find((f) => f.family === family)!.plans.find((p) => p.strategy === strategy)!;

/** Tools: 100 then 300; 1 h of Line a unit; Line 250 h in Jan, 200 h in Feb; 12.50 a unit, 1 to hold a unit a month. */
const LINE: Record<string, Grid> = {
  Forecast: [
    ["Family", "Product", "Jan", "Feb"],
    ["Tools", null, 100, 300],
  ],
  Products: [
    ["Product", "Family", "Mix", "Price", "Unit cost", "Line"],
    ["Drill", "Tools", 1, null, null, 1],
  ],
  Capacity: [
    ["Resource", "Jan", "Feb"],
    ["Line", 250, 200],
  ],
  Policy: [
    ["Parameter", "Value"],
    ["Units per worker per period", 300],
    ["Regular cost per unit", 12.5],
    ["Holding cost per unit", 1],
  ],
};

describe("sop-plan: every Capacity resource constrains the optimal plan", () => {
  it("a resource only Tools loads: the optimal plan costs 5,100 and fits Line (chase, 5,000, would load it at 150 %)", async () => {
    const { status, report } = await plan("line", LINE);
    expect(status).toBe(0);
    expect(planOf(report, "Tools", "chase").totalCost).toBeCloseTo(5000, 6);
    expect(planOf(report, "Tools", "optimal").totalCost).toBeCloseTo(5100, 6);
    expect(report.families[0].recommended).toBe("optimal");
    const line = report.resources.find((r) => r.resource === "Line")!;
    expect(line.periods.map((p) => p.required)).toEqual([200, 200]);
    expect(Math.max(...line.periods.map((p) => p.utilization))).toBeLessThanOrEqual(1);
    // Why: one more Line hour in Feb saves the 1 of holding; one more unit of Feb demand costs 13.50.
    expect(line.periods.map((p) => p.marginalValue)).toEqual([0, expect.closeTo(1, 9)]);
    expect(planOf(report, "Tools", "optimal").periods.map((p) => p.marginalCost)).toEqual([expect.closeTo(12.5, 9), expect.closeTo(13.5, 9)]);
  });

  it("a second family with no demand loading Line leaves Tools' plan at 5,100", async () => {
    const { report } = await plan("line-neighbour", {
      ...LINE,
      Forecast: [...LINE.Forecast, ["Benches", null, 0, 0]],
      Products: [...LINE.Products, ["Bench", "Benches", 1, null, null, 2]],
    });
    expect(planOf(report, "Tools", "optimal").totalCost).toBeCloseTo(5100, 6);
  });
});

describe("sop-plan: the products' unit costs are what the optimum minimises", () => {
  it("material 5 in Policy, products 50/50 at 10 and 30, subcontract 15: everything bought, 4,500", async () => {
    const { report } = await plan("unit-cost", {
      Forecast: [
        ["Family", "Product", "Jan", "Feb"],
        ["Tools", null, 100, 200],
      ],
      Products: [
        ["Product", "Family", "Mix", "Price", "Unit cost"],
        ["Small", "Tools", 0.5, null, 10],
        ["Large", "Tools", 0.5, null, 30],
      ],
      Policy: [
        ["Parameter", "Value"],
        ["Units per worker per period", 1000],
        ["Material cost per unit", 5],
        ["Subcontract cost per unit", 15],
      ],
    });
    const optimal = planOf(report, "Tools", "optimal");
    expect(optimal.totalCost).toBeCloseTo(4500, 6);
    expect(optimal.costs.material).toBeCloseTo(0, 6);
    // Chase makes all 300 in house at the products' mix-weighted 20 a unit: 6,000, as the Finance sheet costs it.
    expect(planOf(report, "Tools", "chase").costs.material).toBeCloseTo(6000, 6);
    expect(report.families[0].recommended).toBe("optimal");
  });
});

describe("sop-plan: overtime under the units rule", () => {
  it("Max overtime units per period 40 and no hours per worker: 40 units on overtime are feasible", async () => {
    const { report } = await plan(
      "overtime",
      {
        Forecast: [
          ["Family", "Product", "P1"],
          ["Boards", null, 240],
        ],
        Policy: [
          ["Parameter", "Value"],
          ["Units per worker per period", 20],
          ["Regular cost per unit", 2],
          ["Overtime cost per unit", 3],
          ["Max overtime units per period", 40],
        ],
        Plan: [
          ["Family", "Row", "P1"],
          ["Boards", "Workers", 10],
          ["Boards", "Regular", 200],
          ["Boards", "Overtime", 40],
        ],
      },
      "manual",
    );
    const manual = planOf(report, "Boards", "manual");
    expect(manual.feasible).toBe(true);
    expect(manual.costs.overtime).toBe(120);
    expect(report.messages.filter((m) => m.severity !== "info")).toEqual([]);
  });
});

describe("sop-plan: capacity no plan can fit is planned within it, the demand it cannot serve named and measured", () => {
  it("Press 100 h a month cannot carry Drills and Saws: 200 units unmet, the Press at 100 %, said in the JSON and the summary", async () => {
    const { status, report, stderr } = await plan("press", {
      Forecast: [
        ["Family", "Product", "Jan", "Feb"],
        ["Drills", null, 100, 100],
        ["Saws", null, 100, 100],
      ],
      Products: [
        ["Product", "Family", "Mix", "Price", "Unit cost", "Press"],
        ["Drill", "Drills", 1, null, null, 1],
        ["Saw", "Saws", 1, null, null, 1],
      ],
      Capacity: [
        ["Resource", "Jan", "Feb"],
        ["Press", 100, 100],
      ],
      Policy: [
        ["Parameter", "Value"],
        ["Units per worker per period", 50],
        ["Regular cost per unit", 10],
      ],
    });
    // Planned and written, with no error: the plan is feasible, the demand it cannot serve is a warning.
    expect(status).toBe(0);
    expect(report.messages.filter((m) => m.severity === "error")).toEqual([]);
    expect(report.families.map((f) => f.recommended)).toEqual(["optimal", "optimal"]);
    // 100 press-hours a month make 100 of the 200 units due: 100 unmet each month, the Press at exactly 100 %.
    const optimal = report.families.map((f) => f.plans.find((p) => p.strategy === "optimal")!);
    const unmet = (t: number) => optimal.reduce((sum, p) => sum + p.periods[t].unmet, 0);
    expect(unmet(0)).toBeCloseTo(100, 4);
    expect(unmet(1)).toBeCloseTo(100, 4);
    for (const p of optimal) {
      expect(p.feasible).toBe(true);
      p.periods.forEach((period) => expect(period.shipped).toBeCloseTo(period.demand - period.unmet, 6));
    }
    const press = report.resources.find((r) => r.resource === "Press")!;
    expect(press.periods.map((p) => p.utilization)).toEqual([expect.closeTo(1, 6), expect.closeTo(1, 6)]);
    expect(stderr).not.toContain("error:");
  });
});

describe("sop-plan on five families, 18 months and Assembly at 60 % of what they need", () => {
  // The hard case: long family names, product prices unlike the Policy's, safety stocks,
  // backorders for some families, whole workers; Assembly at 60 % cannot make every family's demand.
  let report: JsonReport;
  let status: number;
  beforeAll(async () => {
    ({ status, report } = await plan("five-60", fiveFamilyGrids(0.6), "level,chase,optimal"));
  }, 120_000);

  it("plans every family within capacity, with no error: every resource period at or below 100 %", () => {
    expect(status).toBe(0);
    expect(report.messages.filter((m) => m.severity === "error")).toEqual([]);
    expect(report.families).toHaveLength(5);
    expect(report.families.map((f) => f.recommended)).toEqual(["optimal", "optimal", "optimal", "optimal", "optimal"]);
    for (const resource of report.resources) for (const p of resource.periods) expect(p.utilization).toBeLessThanOrEqual(1 + 1e-6);
  });

  it("says what it cannot serve: unmet units, and revenue is price × shipped in every period of every family", () => {
    let unmet = 0;
    for (const family of report.families) {
      const plan = family.plans.find((p) => p.strategy === family.recommended)!;
      expect(plan.feasible).toBe(true);
      let revenue = 0;
      plan.periods.forEach((p, t) => {
        unmet += p.unmet;
        // The products' prices weighted by the period's product forecasts, not the Policy's 100: one revenue.
        revenue += fiveFamilyPriceAt(family.family, t) * p.shipped;
      });
      // Every family ships all it owes by the end: shipped = demand − unmet over the horizon.
      const demand = plan.periods.reduce((sum, p) => sum + p.demand - p.unmet, 0);
      expect(plan.periods.reduce((sum, p) => sum + p.shipped, 0)).toBeCloseTo(demand, 4);
      expect(plan.revenue).toBeCloseTo(revenue, 4);
    }
    expect(unmet).toBeGreaterThan(1000);
    // The JSON's risks say it, in the spec's shape, as a warning: first of the warnings (a family losing money on the
    // P&L view over the horizon is an error and comes before it).
    // One flag for the run of periods with demand unmet, every period of it listed (read from the plans themselves).
    const warnings = report.risks!.filter((r) => r.severity === "warning");
    const flag = warnings[0];
    const periods = report.families[0].plans[0].periods.map((p) => p.period);
    const isShort = periods.map((_, t) => report.families.some((f) => f.plans.find((p) => p.strategy === f.recommended)!.periods[t].unmet > 0.5));
    // The first run of periods short of demand: one flag each run.
    const first = isShort.indexOf(true);
    const end = isShort.indexOf(false, first);
    const short = periods.slice(first, end < 0 ? periods.length : end);
    expect(short.length).toBeGreaterThan(6);
    expect(flag).toMatchObject({ kind: "unmet", severity: "warning", periods: short });
    expect(flag.message.startsWith(`Demand not served in ${short[0]}–${short[short.length - 1]}: `)).toBe(true);
    expect(Object.keys(flag)).toEqual(["kind", "severity", "subject", "periods", "value", "message"]);
  });

  it("is deterministic: the same workbook planned again gives the same plans to the last digit", async () => {
    const again = await plan("five-60-again", fiveFamilyGrids(0.6), "level,chase,optimal");
    expect(again.report.families).toEqual(report.families);
  }, 120_000);
});

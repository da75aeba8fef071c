// Frozen periods (Policy `Frozen periods`): every plan keeps the compared version's first periods, the optimal plan optimises the rest.
import solver from "javascript-lp-solver";
import type { LpSolver } from "../../src/engine/lp";
import type { PlanResult, StrategyName } from "../../src/engine/model";
import { loadHighsSolver } from "../../src/solver/highs";
import { runPlanner, type PlannerRun } from "../../src/workbook/pipeline";
import type { RawCell, RawTable } from "../../src/workbook/raw";
import { readBackSheet, sheetBlock } from "../support/grids";
import { HAND_POLICY } from "../support/handCase";

let highs: LpSolver;
beforeAll(async () => {
  highs = await loadHighsSolver();
});

/** The hand case (test/support/handCase.ts) with fractional workers: 50 units a worker, $1,600 a worker a period, hiring $100, layoff $200, holding $2, material $5, no backorders. */
const policy = (extra: [string, RawCell][] = []): RawTable =>
  sheetBlock("Policy", [...(HAND_POLICY.filter(([name]) => name !== "Integer workers") as RawCell[][]), ...extra]);
const forecast = (demand: number[], periods = ["Jan", "Feb", "Mar"]) =>
  sheetBlock("Forecast", [["Family", "Product", ...periods], ["Tools", null, ...demand]]);

const strategies: StrategyName[] = ["level", "chase", "optimal"];
const at = new Date(2026, 10, 2, 9, 0, 0);
const versionsSheet = (run: PlannerRun) => readBackSheet(run.sheets.sheets.find((s) => s.name === "SOP Versions")!);
const planOf = (run: PlannerRun, strategy: StrategyName): PlanResult => run.results[0].plans.find((p) => p.strategy === strategy)!;
const decisions = (plan: PlanResult, t: number) => {
  const p = plan.periods[t];
  return { workers: p.workers, regular: p.regular, overtime: p.overtime, subcontract: p.subcontract };
};

/** Last month's run (chase recommended: Jan 6 workers making 300) saved as "Nov". */
function november(integerWorkers: "Yes" | "No" = "Yes"): RawTable {
  const run = runPlanner([forecast([300, 100, 200]), policy([["Integer workers", integerWorkers]])], {
    strategies: ["level", "chase"],
    plannedAt: at,
    saveVersion: "Nov",
  });
  expect(run.results[0].recommended).toBe("chase");
  return versionsSheet(run);
}

describe("Frozen periods", () => {
  it("keeps the version's production and workforce in the frozen period; level and chase continue from it (hand-checked)", () => {
    // This month Feb demand rose 100 → 160; Jan is frozen at last month's 6 workers making 300.
    const run = runPlanner([forecast([300, 160, 200]), policy([["Integer workers", "Yes"], ["Frozen periods", 1]]), november()], {
      strategies,
      solver: highs,
      plannedAt: at,
    });
    expect(run.messages.filter((m) => m.severity === "error")).toEqual([]);
    for (const strategy of strategies) expect(decisions(planOf(run, strategy), 0)).toEqual({ workers: 6, regular: 300, overtime: 0, subcontract: 0 });
    // Level from Feb: 360 units over Feb–Mar from 6 workers and no stock → 3.6 → 4 whole workers,
    // 200 a period. Jan 9,600 + 100 hiring + 1,500 material; Feb 6,400 + 400 layoff + 80 holding
    // + 1,000; Mar 6,400 + 80 + 1,000.
    const level = planOf(run, "level");
    expect(level.periods.map((p) => [p.workers, p.regular, p.inventory])).toEqual([[6, 300, 0], [4, 200, 40], [4, 200, 40]]);
    expect(level.totalCost).toBe(11200 + 7880 + 7480);
    // Chase from Feb: 160 → 4 workers (idle time allowed, so 160 made); Mar 200 → 4.
    const chase = planOf(run, "chase");
    expect(chase.periods.map((p) => [p.workers, p.regular])).toEqual([[6, 300], [4, 160], [4, 200]]);
    expect(chase.totalCost).toBe(11200 + 7600 + 7400);
    expect(run.messages).toContainEqual({ severity: "info", message: 'Tools: Jan frozen: production and workforce as in version "Nov".' });
  });

  it("optimises only the periods after the frozen ones: the LP objective equals an independent formulation with the fixings", () => {
    const demand = [300, 160, 200];
    const run = runPlanner([forecast(demand), policy([["Integer workers", "No"], ["Frozen periods", 1]]), november("No")], {
      strategies: ["optimal"],
      solver: highs,
      plannedAt: at,
    });
    const optimal = planOf(run, "optimal");
    expect(optimal.feasible).toBe(true);
    expect(decisions(optimal, 0)).toEqual({ workers: 6, regular: 300, overtime: 0, subcontract: 0 });

    // The same model written out by hand for javascript-lp-solver: per period workers W, hires H,
    // layoffs L, regular R, overtime O, subcontract C and inventory I (no backorders), Jan fixed.
    const constraints: Record<string, { equal?: number; max?: number; min?: number }> = {};
    const variables: Record<string, Record<string, number>> = {};
    const v = (name: string, cost: number, entries: Record<string, number>) => (variables[name] = { cost, ...entries });
    for (let t = 0; t < 3; t++) {
      const entries = (kind: string): Record<string, number> => {
        const e: Record<string, number> = {};
        if (kind === "W") Object.assign(e, { [`workforce${t}`]: 1, [`regularCap${t}`]: -50, [`overtimeCap${t}`]: -12.5 });
        if (kind === "W" && t < 2) e[`workforce${t + 1}`] = -1;
        if (kind === "H") e[`workforce${t}`] = -1;
        if (kind === "L") e[`workforce${t}`] = 1;
        if (kind === "R") Object.assign(e, { [`stock${t}`]: 1, [`regularCap${t}`]: 1 });
        if (kind === "O") Object.assign(e, { [`stock${t}`]: 1, [`overtimeCap${t}`]: 1 });
        if (kind === "C") e[`stock${t}`] = 1;
        if (kind === "I") {
          e[`stock${t}`] = -1;
          if (t < 2) e[`stock${t + 1}`] = 1;
        }
        return e;
      };
      v(`W${t}`, 1600, entries("W"));
      v(`H${t}`, 100, entries("H"));
      v(`L${t}`, 200, entries("L"));
      v(`R${t}`, 5, entries("R"));
      v(`O${t}`, 15 * 3.2 + 5, entries("O"));
      v(`C${t}`, 30, entries("C"));
      v(`I${t}`, 2, entries("I"));
      constraints[`workforce${t}`] = { equal: t === 0 ? 5 : 0 };
      constraints[`regularCap${t}`] = { max: 0 };
      constraints[`overtimeCap${t}`] = { max: 0 };
      constraints[`stock${t}`] = { equal: demand[t] };
    }
    // The fixings: Jan keeps 6 workers making 300 on regular time, nothing else.
    for (const [name, value] of [["W0", 6], ["R0", 300], ["O0", 0], ["C0", 0]] as const) {
      variables[name][`fix${name}`] = 1;
      constraints[`fix${name}`] = { equal: value };
    }
    const independent = solver.Solve({ optimize: "cost", opType: "min", constraints, variables }) as { feasible: boolean; result: number };
    expect(independent.feasible).toBe(true);
    expect(optimal.totalCost).toBeCloseTo(independent.result, 6);
    // And it is cheaper than the plans that only continue by rule from the same frozen start.
    const rules = runPlanner([forecast(demand), policy([["Integer workers", "No"], ["Frozen periods", 1]]), november("No")], { strategies: ["level", "chase"], plannedAt: at });
    for (const plan of rules.results[0].plans) expect(optimal.totalCost).toBeLessThanOrEqual(plan.totalCost + 1e-6);
    // Without the fixing the optimum is lower still: the freezing costs something and is honoured, not ignored.
    const free = runPlanner([forecast(demand), policy([["Integer workers", "No"]])], { strategies: ["optimal"], solver: highs });
    expect(free.results[0].plans[0].totalCost).toBeLessThan(optimal.totalCost - 1);
  });

  it("each missed stock target is named with its own figures, in the notes and among the risks", () => {
    // Every month frozen at last month's chase (made = demand) with 20 on hand: every month ends with 20,
    // 30 below the safety stock of 50, and March 480 below the ending inventory of 500.
    const run = runPlanner(
      [forecast([300, 100, 200]), policy([["Integer workers", "Yes"], ["Frozen periods", 3], ["Safety stock", 50], ["Ending inventory", 500], ["Initial inventory", 20]]), november()],
      { strategies, solver: highs, plannedAt: at },
    );
    const plan = planOf(run, run.results[0].recommended!);
    expect(plan.periods.map((p) => p.inventory)).toEqual([20, 20, 20]);
    expect(plan.shortfallNotes).toEqual([
      "The safety stock of 50 is not reached in Jan–Mar (frozen): up to 30 short; not reached again by the end of the horizon.",
      "The ending inventory of 500 is not reached in Mar (frozen): 480 short.",
    ]);
    const targets = run.risks.filter((r) => r.kind === "stock-target");
    expect(targets.map((r) => [r.severity, r.message, r.value])).toEqual([
      ["warning", `Tools: the recommended ${plan.strategy} plan does not reach the ending inventory of 500 in Mar (480 short).`, 480],
      ["warning", `Tools: the recommended ${plan.strategy} plan does not reach the safety stock of 50 in Jan–Mar (up to 30 short).`, 30],
    ]);
    expect(targets[1].periods).toEqual(["Jan", "Feb", "Mar"]);
  });

  it("opening stock below the safety stock in a frozen month: the target is recovered after it, the family planned and counted", () => {
    // Safety stock 50 but 20 on hand and Jan frozen at 300 made for a demand of 300: Jan ends with
    // 20, 30 below the target, whatever is planned. Feb makes the 30 back; every plan is feasible.
    const run = runPlanner(
      [forecast([300, 100, 200]), policy([["Integer workers", "Yes"], ["Frozen periods", 1], ["Safety stock", 50], ["Initial inventory", 20]]), november()],
      { strategies, solver: highs, plannedAt: at },
    );
    expect(run.messages.filter((m) => m.severity === "error")).toEqual([]);
    const optimal = planOf(run, "optimal");
    expect(optimal.feasible).toBe(true);
    expect(optimal.periods.map((p) => p.belowTarget)).toEqual([30, 0, 0]);
    expect(optimal.periods.slice(1).every((p) => p.inventory >= 50 - 1e-6)).toBe(true);
    expect(optimal.shortfallNotes).toEqual(["The safety stock of 50 is not reached in Jan (frozen): up to 30 short; reached again in Feb."]);
    // Recommended and counted: the scenario totals (the base plan) include the family.
    expect(run.results[0].recommended).not.toBeNull();
    expect(planOf(run, run.results[0].recommended!).feasible).toBe(true);
    for (const strategy of ["level", "chase"] as const) expect(planOf(run, strategy).violations.filter((v) => v.message.startsWith("Jan"))).toEqual([]);
  });

  it("what a frozen period cannot serve is unmet there, and every plan still plans the rest", () => {
    // Jan demand rose to 360 but Jan is frozen at 300 made, and backorders are not allowed: 60 units are lost in Jan.
    const run = runPlanner([forecast([360, 100, 200]), policy([["Integer workers", "Yes"], ["Frozen periods", 1]]), november()], {
      strategies: ["level", "chase", "optimal"],
      solver: highs,
      plannedAt: at,
    });
    for (const plan of run.results[0].plans) {
      expect(plan.periods[0].unmet).toBeCloseTo(60, 9);
      expect(plan.periods[0].shipped).toBeCloseTo(300, 9);
      expect(plan.unmet).toBeCloseTo(60, 9);
      expect(plan.violations.filter((v) => v.message.startsWith("Jan"))).toEqual([]);
    }
    // The family is planned and counted: a recommended plan that serves Feb and Mar in full.
    const recommended = run.results[0].plans.find((p) => p.strategy === run.results[0].recommended)!;
    expect(recommended.feasible).toBe(true);
    expect(recommended.periods.slice(1).map((p) => p.unmet)).toEqual([0, 0]);
  });

  it("freezes only the periods the version has, from the start, and says so", () => {
    // A rolled horizon: Feb–Apr now; the version has Feb and Mar but not Apr.
    const run = runPlanner([forecast([100, 200, 250], ["Feb", "Mar", "Apr"]), policy([["Integer workers", "Yes"], ["Frozen periods", 3]]), november()], {
      strategies: ["level", "chase"],
      plannedAt: at,
    });
    expect(run.messages).toContainEqual({
      severity: "info",
      message: 'Tools: version "Nov" has no Apr, so Apr is not frozen (frozen periods run from the start of the horizon); Feb–Mar frozen.',
    });
    // Nov's chase plan: Feb 2 workers making 100, Mar 4 making 200.
    for (const plan of run.results[0].plans) {
      expect(decisions(plan, 0)).toEqual({ workers: 2, regular: 100, overtime: 0, subcontract: 0 });
      expect(decisions(plan, 1)).toEqual({ workers: 4, regular: 200, overtime: 0, subcontract: 0 });
      expect(plan.periods[2].regular).toBe(250);
    }
    // The family sheet marks them.
    const sheet = run.sheets.sheets.find((s) => s.name === "SOP Tools")!;
    const frozenRow = sheet.cells.find((line) => line[0]?.value === 'Feb–Mar frozen (version "Nov")')!;
    expect(frozenRow.map((c) => c?.value ?? null)).toEqual(['Feb–Mar frozen (version "Nov")', "frozen", "frozen"]);
    // The mark fits its column: it does not run into the first `frozen` cell beside it.
    expect(sheet.columnWidths![0]).toBeGreaterThanOrEqual('Feb–Mar frozen (version "Nov")'.length);
    const parameter = sheet.cells.find((line) => line[0]?.value === "Frozen periods")!;
    expect(parameter.slice(1, 3).map((c) => c?.value)).toEqual([3, 'Feb–Mar frozen: production and workforce as in version "Nov"']);
  });

  it("is ignored, with a message, when there is no version or the family is not in it", () => {
    const none = runPlanner([forecast([300, 160, 200]), policy([["Frozen periods", 2]])], { strategies: ["level"] });
    expect(none.messages).toContainEqual({
      severity: "info",
      message: "No periods frozen (Tools): no saved version to keep them from.",
    });
    // Nothing frozen: the level plan is the plain one.
    expect(planOf(none, "level").periods.map((p) => p.workers)).toEqual([6, 6, 6]);
    const otherFamily = sheetBlock("Forecast", [["Family", "Product", "Jan", "Feb", "Mar"], ["Pumps", null, 300, 160, 200]]);
    const missing = runPlanner([otherFamily, policy([["Frozen periods", 2]]), november()], { strategies: ["level"] });
    expect(missing.messages).toContainEqual({ severity: "info", message: 'Pumps: not in version "Nov", no periods frozen.' });
  });

  it("fixes the frozen periods of families that share a resource and warns when the frozen plans alone overload it", () => {
    const twoFamilies = (later: number) =>
      sheetBlock("Forecast", [["Family", "Product", "Jan", "Feb", "Mar"], ["Drills", "D1", 300, later, later], ["Saws", "S1", 300, later, later]]);
    const products = sheetBlock("Products", [["Product", "Family", "Mix", "Line"], ["D1", "Drills", 1, 1], ["S1", "Saws", 1, 1]]);
    const capacity = (hours: number) => sheetBlock("Capacity", [["Resource", "Jan", "Feb", "Mar"], ["Line", hours, hours, hours]]);
    // No subcontracting here: every unit is made on the line.
    const wholePolicy = (extra: [string, RawCell][] = []) => {
      const block = policy([["Integer workers", "Yes"], ...extra]);
      return { ...block, values: block.values.filter((line) => line[0] !== "Subcontract cost per unit") };
    };
    const last = runPlanner([twoFamilies(300), products, capacity(600), wholePolicy()], { strategies: ["chase", "optimal"], solver: highs, plannedAt: at, saveVersion: "Nov" });
    expect(last.results.map((r) => r.plans.find((p) => p.strategy === r.recommended)!.periods[0].regular)).toEqual([300, 300]);
    // This month the line has 500 hours a month and Feb and Mar need 200 each; Jan is frozen at last month's 600.
    const run = runPlanner([twoFamilies(200), products, capacity(500), wholePolicy([["Frozen periods", 1]]), versionsSheet(last)], {
      strategies: ["chase", "optimal"],
      solver: highs,
      plannedAt: at,
    });
    expect(run.messages).toContainEqual({
      severity: "warning",
      message: "Jan (frozen): the frozen plans of Drills, Saws load Line with 600 of 500 available; their output there is cut to 83.3 % to fit.",
    });
    for (const family of run.results) {
      const optimal = family.plans.find((p) => p.strategy === "optimal")!;
      // Jan's frozen output is cut to fit the 500 hours: 250 each; the workforce is kept.
      expect(decisions(optimal, 0).regular).toBeCloseTo(250, 9);
      expect(decisions(optimal, 0).workers).toBe(6);
      // After Jan the optimal plans fit the 500 hours together.
      expect(optimal.feasible).toBe(true);
    }
    const feb = run.results.reduce((sum, r) => sum + r.plans.find((p) => p.strategy === "optimal")!.periods[1].regular, 0);
    expect(feb).toBeLessThanOrEqual(500 + 1e-6);
  });

  it("is read as a whole number of periods, with an error naming the cell", () => {
    const run = runPlanner([forecast([300, 160, 200]), policy([["Frozen periods", 1.5]])], { strategies: ["level"] });
    expect(run.messages).toContainEqual({ severity: "error", cell: "Policy!B14", message: 'Policy!B14 is 1.5; "Frozen periods" must be a whole number.' });
    const negative = runPlanner([forecast([300, 160, 200]), policy([["Frozen periods", -1]])], { strategies: ["level"] });
    expect(negative.messages).toContainEqual({ severity: "error", cell: "Policy!B14", message: 'Policy!B14 is -1; "Frozen periods" must be 0 or more.' });
  });
});

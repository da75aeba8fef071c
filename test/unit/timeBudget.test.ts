// Whole-worker plans: Policy `Optimality gap` is the acceptance test, and one time budget serves each run (every group and family; the base plan and each scenario alike), the LP and rounding first, then the search worst first.
import { DEFAULT_TIME_LIMIT_SECONDS, planAll, POLICY_DEFAULTS, SolveBudget, solveReportText, type FamilyInput, type LpSolver, type PlanResult } from "../../src/engine";
import { loadHighsSolver } from "../../src/solver/highs";
import { parseCommandLine } from "../../src/cli/main";
import { runPlanner, type PlannerRun } from "../../src/workbook/pipeline";
import type { RawCell } from "../../src/workbook/raw";
import { sampleTemplate } from "../../src/workbook/sample";
import { excelTable, type Grid } from "../support/grids";
import { families, planningInput } from "../support/coupledFamilies";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const optimalOf = (plans: readonly PlanResult[]) => plans.find((p) => p.strategy === "optimal") as PlanResult;
const isMip = (problem: { integer: Uint8Array | null }, options: { relaxIntegrality?: boolean }) => problem.integer !== null && !options.relaxIntegrality;

/**
 * One family of 52 weeks with whole workers, its Policy gap given. Seed 3: its LP rounded to the
 * nearest is 0.488 % above the LP bound, 0.198 % once its plateaus are split; seed 6: 0.32 %, then 0.064 %.
 */
function family(seed: number, gapPercent: number, name = `S${seed}`): FamilyInput {
  const [f] = families(POLICY_DEFAULTS, 1, { integerWorkers: true, seed });
  return { ...f, family: name, policy: { ...f.policy, optimalityGapPercent: gapPercent } };
}

/**
 * The real solver counting its MIPs, each with the time limit it was given and the family's pay
 * rate (the first cost of its LP: 40 h × its rate). `relaxationSeconds`: what each relaxation (the
 * LP of a group) reports taking; the LPs with the workforce fixed (the roundings) report none.
 */
function recording(relaxationSeconds?: number) {
  const mips: { seconds: number | undefined; payPerWorker: number }[] = [];
  const wrapped: LpSolver = {
    ...solver,
    solve: (problem, options = {}) => {
      const solution = solver.solve(problem, options);
      if (isMip(problem, options)) {
        mips.push({ seconds: options.timeLimitSeconds, payPerWorker: problem.cost[0] });
        return solution;
      }
      if (relaxationSeconds === undefined) return solution;
      return { ...solution, seconds: options.relaxIntegrality ? relaxationSeconds : 0 };
    },
  };
  return { solver: wrapped, mips };
}

describe("Policy `Optimality gap` is the acceptance test of a whole-worker plan", () => {
  it("by default (0.5 %) the rounded LP plan 0.488 % above the bound is accepted as it is, with no search", () => {
    const { solver: counted, mips } = recording();
    const [result] = planAll(planningInput([family(3, POLICY_DEFAULTS.optimalityGapPercent)]), ["optimal"], { solver: counted });
    const solve = optimalOf(result.plans).solve!;
    expect(POLICY_DEFAULTS.optimalityGapPercent).toBe(0.5);
    expect(solve).toMatchObject({ status: "optimal", method: "rounded-lp" });
    expect(solve.gap).toBeGreaterThan(0.004);
    expect(solve.gap).toBeLessThanOrEqual(0.005);
    expect(mips).toEqual([]);
  });

  it("a gap of 0.1 % asks for more: the plateaus split (0.198 %), then the MIP searches from that plan and the plan reached is no dearer", () => {
    const { solver: counted, mips } = recording();
    const [loose] = planAll(planningInput([family(3, 0.5)]), ["optimal"], { solver });
    const [tight] = planAll(planningInput([family(3, 0.1)]), ["optimal"], { solver: counted, timeLimitSeconds: 60 });
    expect(mips).toHaveLength(1);
    const plan = optimalOf(tight.plans);
    expect(plan.totalCost).toBeLessThanOrEqual(optimalOf(loose.plans).totalCost + 1e-6);
    expect(plan.periods.every((p) => Number.isInteger(p.workers))).toBe(true);
    // Within the gap asked, or said to have stopped short of it; either way to a proven bound.
    const solve = plan.solve!;
    expect(solve.status === "optimal" ? solve.gap <= 0.001 + 1e-9 : solve.status === "time-limit").toBe(true);
    expect(solve.bound!).toBeLessThanOrEqual(plan.totalCost);
    expect(solve.gap).toBeCloseTo((plan.totalCost - solve.bound!) / plan.totalCost, 9);
  });

  it("families planned together are held to the smallest of their gaps", () => {
    const { solver: counted, mips } = recording();
    const input = (tightGap: number) => planningInput([family(3, 0.5, "Loose"), family(6, tightGap, "Tight")]);
    // Planned apart (no shared resource), the 0.5 % family is accepted rounded; the 0.01 % one (0.064 % split) is searched.
    planAll(input(0.01), ["optimal"], { solver: counted, timeLimitSeconds: 60 });
    expect(mips).toHaveLength(1);
    expect(mips[0].payPerWorker).toBeCloseTo(40 * family(6, 0.01).policy.regularCostPerHour, 9);
    // Sharing a press (with room to spare), one plan of both: within 0.5 % rounded, so accepted when both ask 0.5 %…
    const press = { resource: "Press", available: input(0.5).periods.map(() => 1e9), loadPerUnit: { Loose: 1, Tight: 1 } };
    mips.length = 0;
    const [both] = planAll(input(0.5), ["optimal"], { solver: counted, sharedResources: [press] });
    expect(mips).toEqual([]);
    expect(optimalOf(both.plans).solve!.gap).toBeGreaterThan(0.001);
    // …and searched when one of them asks 0.01 %: the smallest gap holds the group.
    const results = planAll(input(0.01), ["optimal"], { solver: counted, sharedResources: [press], timeLimitSeconds: 60 });
    expect(mips).toHaveLength(1);
    const solve = optimalOf(results[0].plans).solve!;
    expect(solve.target).toBeCloseTo(0.0001, 12);
    expect(solve.status === "optimal" ? solve.gap <= 0.0001 + 1e-9 : solve.status === "time-limit").toBe(true);
  });
});

describe("one time budget for the run", () => {
  it("the search comes after the LP and rounding of every group, the plan furthest above its gap first, each getting an even share of what the first phase left", () => {
    // Each family's relaxation reports 1 s (its roundings none): 2 s for both.
    const { solver: slow, mips } = recording(1);
    const worse = family(3, 0.01, "Worse"); // rounded and split 0.198 % above its bound
    const better = family(6, 0.01, "Better"); // 0.064 % above
    const input = planningInput([better, worse]);
    const results = planAll(input, ["optimal"], { solver: slow, timeLimitSeconds: 22 });
    expect(mips).toHaveLength(2);
    // The worse first (though listed second), with half of the 20 s left, less one LP (its plan's marginal values after).
    expect(mips[0].payPerWorker).toBeCloseTo(40 * worse.policy.regularCostPerHour, 9);
    expect(mips[0].seconds).toBeCloseTo(20 / 2 - 1, 9);
    // The other gets the same share, however soon the first stopped: the searches do not wait on each
    // other, so worker threads may run them side by side to the same plans (sop-plan --workers).
    expect(mips[1].payPerWorker).toBeCloseTo(40 * better.policy.regularCostPerHour, 9);
    expect(mips[1].seconds).toBeCloseTo(20 / 2 - 1, 9);
    for (const result of results) expect(optimalOf(result.plans).periods.every((p) => Number.isInteger(p.workers))).toBe(true);
  });

  it("a search that would not have three LPs' time does not run: the rounded plan stands, marked as stopped short, its gap said", () => {
    const { solver: slow, mips } = recording(1);
    // 2 s of LPs, 3 s left: each search's even share, 1.5 s, leaves 0.5 s of MIP once one LP is
    // kept back: under three LPs' worth.
    const results = planAll(planningInput([family(3, 0.01), family(6, 0.01)]), ["optimal"], { solver: slow, timeLimitSeconds: 5 });
    expect(mips).toEqual([]);
    for (const result of results) {
      const solve = optimalOf(result.plans).solve!;
      expect(solve).toMatchObject({ status: "time-limit", method: "rounded-lp" });
      expect(solve.gap).toBeGreaterThan(0.0001);
    }
  });

  it("every run gets the same budget (the base plan, then each scenario): the same input is searched alike whatever ran before", () => {
    const { solver: slow, mips } = recording(1);
    const input = planningInput([family(3, 0.01)]);
    planAll(input, ["optimal"], { solver: slow, timeLimitSeconds: 40 });
    planAll(input, ["optimal"], { solver: slow, timeLimitSeconds: 40 });
    // 1 s of LPs, 39 s left for the one search, less one LP; the second run no different.
    expect(mips.map((m) => m.seconds)).toEqual([39 - 1, 39 - 1]);
  });

  it("a first phase that used the whole budget still leaves the search a quarter of it", () => {
    const budget = new SolveBudget(4);
    budget.spend(5);
    expect(budget.left).toBe(0);
    expect(budget.searchAllowance()).toBe(1);
    budget.spend(-4);
    expect(budget.searchAllowance()).toBe(3);
  });

  it("the search is limited by work (branch-and-bound nodes), the budget only a guard; a small group is solved exactly, without that limit", () => {
    const limits: (number | undefined)[] = [];
    const counting: LpSolver = {
      ...solver,
      solve: (problem, options = {}) => {
        if (isMip(problem, options)) limits.push(options.nodeLimit);
        return solver.solve(problem, options);
      },
    };
    planAll(planningInput([family(3, 0.1)]), ["optimal"], { solver: counting, timeLimitSeconds: 60 });
    expect(limits).toHaveLength(1);
    expect(limits[0]).toBeGreaterThan(0);
    // Four periods: 4 whole-worker columns, within EXACT_UP_TO_WORKER_COLUMNS.
    const short = family(3, 0.1, "Short");
    const fourWeeks = { ...short, demand: short.demand.slice(0, 4), manualPlan: null };
    const input = planningInput([fourWeeks]);
    input.periods = input.periods.slice(0, 4);
    input.workingDays = input.workingDays ? input.workingDays.slice(0, 4) : null;
    limits.length = 0;
    const [result] = planAll(input, ["optimal"], { solver: counting, timeLimitSeconds: 60 });
    for (const limit of limits) expect(limit).toBeUndefined();
    expect(optimalOf(result.plans).solve).toMatchObject({ status: "optimal", target: 0 });
  });

  it("the default budget is a few seconds, and the command line sets it with --time-limit", () => {
    expect(DEFAULT_TIME_LIMIT_SECONDS).toBeGreaterThan(0);
    expect(DEFAULT_TIME_LIMIT_SECONDS).toBeLessThanOrEqual(5);
    expect(parseCommandLine(["in.xlsx", "--time-limit", "2.5"])).toMatchObject({ timeLimitSeconds: 2.5 });
    expect(parseCommandLine(["in.xlsx"])).not.toHaveProperty("timeLimitSeconds");
    for (const bad of ["--time-limit=0", "--time-limit=-1", "--time-limit=soon", "--time-limit="]) {
      expect(() => parseCommandLine(["in.xlsx", bad])).toThrow(/--time-limit needs a number of seconds above 0/);
    }
  });
});

describe("the same input gives the same plan", () => {
  it("twice planned, with a search, the plans and their reports are the same (the budget not reached)", () => {
    const input = planningInput([family(3, 0.1, "A"), family(6, 0.5, "B"), family(4, 0.05, "C")]);
    const plan = () =>
      planAll(input, ["optimal"], { solver, timeLimitSeconds: 120 }).map((r) => {
        const plan = optimalOf(r.plans);
        // Solver seconds are the clock's; everything else must be the same.
        return { ...plan, solve: { ...plan.solve!, seconds: 0 } };
      });
    expect(plan()).toEqual(plan());
  });
});

describe("the constrained plan (demand beyond what can be made) with whole workers", () => {
  it("is searched in the second phase like any other, and keeps its note on why demand goes unmet", () => {
    const { solver: counted, mips } = recording();
    const base = family(3, 0.01, "Short");
    const input = planningInput([{ ...base, policy: { ...base.policy, initialInventory: 0, backorderCostPerUnit: null, subcontractCostPerUnit: null, maxOvertimeHoursPerWorker: null } }]);
    // No working time in the first week: its demand cannot be made, whatever the capacity.
    input.workingDays = input.workingDays!.map((d, t) => (t === 0 ? 0 : d));
    const [result] = planAll(input, ["optimal"], { solver: counted, timeLimitSeconds: 60 });
    const plan = optimalOf(result.plans);
    expect(plan.unmet).toBeCloseTo(base.demand[0], 6);
    expect(plan.shortfallNotes[0]).toMatch(/^W01: .* units needed by the end of W01/);
    // 51 whole-worker columns and a gap of 0.01 %: the rounded plan is searched.
    expect(mips).toHaveLength(1);
    expect(plan.periods.every((p) => Number.isInteger(p.workers))).toBe(true);
    const solve = plan.solve!;
    expect(solve.status === "optimal" ? solve.gap <= 0.0001 + 1e-9 : solve.status === "time-limit").toBe(true);
  });
});

describe("the solve report's sentence (the command line's and the pane's)", () => {
  it("rounds the gap up, and above the target says the target and that the budget ran out", () => {
    expect(solveReportText({ status: "optimal", gap: 0, bound: 1 })).toBe("optimal: the least possible cost");
    expect(solveReportText({ status: "optimal", gap: 0.0012341, bound: 1, target: 0.005 })).toBe("optimal within the gap, at most 0.124 % above the least possible cost");
    expect(solveReportText({ status: "time-limit", gap: 0.0206489, bound: 1, target: 0.005 })).toBe(
      "best plan found within the time budget, at most 2.065 % above the least possible cost; the Optimality gap asks for 0.5 %, not reached within the time budget",
    );
  });

  it("a plan the budget stops above its gap gets that sentence, from its own report", () => {
    const { solver: slow } = recording(1);
    const [result] = planAll(planningInput([family(3, 0.1)]), ["optimal"], { solver: slow, timeLimitSeconds: 4 });
    const solve = optimalOf(result.plans).solve!;
    expect(solve).toMatchObject({ status: "time-limit", target: 0.001 });
    expect(solveReportText(solve)).toContain(`at most ${(Math.ceil(solve.gap * 1e5 - 1e-9) / 1e3).toFixed(3)} % above the least possible cost; the Optimality gap asks for 0.1 %`);
  });
});

describe("a scenario whose whole-worker plan is searched equals its run by hand, under the default budget", () => {
  const grids = (): Record<string, Grid> =>
    Object.fromEntries(sampleTemplate().sheets.map((s) => [s.name, s.cells.map((line) => line.map((c) => (c?.value ?? null) as RawCell))]));
  const blocks = (g: Record<string, Grid>) => Object.entries(g).map(([name, values]) => excelTable(name, name, values));
  const optimalPlans = (run: PlannerRun) => run.results.map((r) => optimalOf(r.plans));

  it("the sample's drills 20 % up: the same plans, costs and reports, each found by the search (the group solved exactly)", () => {
    const scenarios: Grid = [["Scenario", "Change", "Target", "Value"], ["Upside", "Demand ×", "Cordless Drills", 1.2]];
    const planned = runPlanner(blocks({ ...grids(), Scenarios: scenarios }), { strategies: ["optimal"], solver });
    const byHandGrids = grids();
    for (const line of byHandGrids.Forecast) if (line[0] === "Cordless Drills") line.forEach((v, i) => i >= 2 && typeof v === "number" && (line[i] = v * 1.2));
    const byHand = runPlanner(blocks(byHandGrids), { strategies: ["optimal"], solver });
    const upside = planned.scenarios.find((s) => s.scenario === "Upside")!;
    const plans = optimalPlans(byHand);
    expect(upside.families.map(({ family, totalCost, revenue, margin }) => ({ family, totalCost, revenue, margin }))).toEqual(
      byHand.results.map((r, i) => ({ family: r.family, totalCost: plans[i].totalCost, revenue: plans[i].revenue, margin: plans[i].margin })),
    );
    // The path that matters: the rounded plan was above its target (0: a small group), and the search found the plan.
    for (const plan of plans) expect(plan.solve).toMatchObject({ status: "optimal", method: "mip", target: 0, gap: 0 });
  });
});

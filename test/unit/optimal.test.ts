// The optimal strategy: textbook optima, every plan re-costed and checked constraint by constraint, never worse than the heuristics, shared capacity, infeasibility in words.
import {
  buildPlanningLp,
  costPlan,
  familyContext,
  planAll,
  planFamily,
  type FamilyContext,
  type FamilyInput,
  type FamilyPolicy,
  type LpSolver,
  type PlanningInput,
  type PlanResult,
  type SharedResource,
} from "../../src/engine";
import { loadHighsSolver } from "../../src/solver/highs";
import { family } from "../support/planInputs";
import { prng } from "../support/prng";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

function input(periods: string[], families: FamilyInput[], workingDays: number[] | null = null): PlanningInput {
  return { periods, workingDays, families, products: [], resources: [] };
}

const closeTo = (a: number, b: number, relative = 1e-6) => Math.abs(a - b) <= relative * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Checks a plan against the period model itself (not through costPlan's own checks): capacity,
 * caps, stock balance, workforce balance, safety stock, ending inventory, backlog rules, whole
 * workers; and that costPlan re-costs its decisions to the same result.
 */
function expectPlanMeetsEveryRule(ctx: FamilyContext, plan: PlanResult): void {
  const { policy, rates, demand } = ctx;
  const recosted = costPlan(ctx, plan.strategy, {
    workers: plan.periods.map((p) => p.workers),
    regular: plan.periods.map((p) => p.regular),
    overtime: plan.periods.map((p) => p.overtime),
    subcontract: plan.periods.map((p) => p.subcontract),
  });
  expect(recosted.totalCost).toBe(plan.totalCost);
  expect(plan.violations).toEqual([]);
  expect(plan.feasible).toBe(true);
  const slack = (x: number) => 1e-6 * Math.max(1, Math.abs(x));
  let previousWorkers = policy.initialWorkers;
  let net = policy.initialInventory - policy.initialBacklog;
  plan.periods.forEach((p, t) => {
    for (const v of [p.workers, p.regular, p.overtime, p.subcontract, p.inventory, p.backlog, p.hired, p.laidOff]) {
      expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(p.regular).toBeLessThanOrEqual(rates.unitsPerWorker[t] * p.workers + slack(p.regular));
    expect(p.overtime).toBeLessThanOrEqual(rates.overtimeUnitsPerWorker[t] * p.workers + slack(p.overtime));
    expect(p.overtime).toBeLessThanOrEqual((policy.maxOvertimeUnitsPerPeriod ?? Infinity) + slack(p.overtime));
    if (policy.subcontractCostPerUnit === null) expect(p.subcontract).toBe(0);
    expect(p.subcontract).toBeLessThanOrEqual((policy.maxSubcontractPerPeriod ?? Infinity) + slack(p.subcontract));
    net += p.regular + p.overtime + p.subcontract - demand[t];
    expect(closeTo(p.inventory - p.backlog, net, 1e-9)).toBe(true);
    expect(Math.min(p.inventory, p.backlog)).toBe(0);
    expect(p.inventory).toBeGreaterThanOrEqual(policy.safetyStock - slack(policy.safetyStock));
    if (policy.backorderCostPerUnit === null) expect(p.backlog).toBeLessThanOrEqual(1e-6);
    if (previousWorkers !== null) expect(closeTo(p.hired - p.laidOff, p.workers - previousWorkers, 1e-9)).toBe(true);
    else expect(p.hired + p.laidOff).toBe(0);
    if (policy.integerWorkers) expect(Number.isInteger(p.workers)).toBe(true);
    previousWorkers = p.workers;
  });
  const last = plan.periods[plan.periods.length - 1];
  expect(last.backlog).toBeLessThanOrEqual(1e-6);
  expect(last.inventory).toBeGreaterThanOrEqual(policy.endingInventory - slack(policy.endingInventory));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"];

/**
 * Red Tomato Tools, the aggregate-planning LP of Chopra & Meindl, "Supply Chain Management:
 * Strategy, Planning, and Operation", ch. 8 (Aggregate Planning in a Supply Chain): 6 months,
 * 80 workers and 1,000 tools at the start, ≥ 500 at the end, 20 days × 8 h at $4/h, 4 h per tool,
 * ≤ 10 h overtime per worker at $6/h, hiring $300, layoff $500, holding $2, backlog $5,
 * subcontracting $30, material $10, price $40. The book's LP optimum is $422,275 (Table 8-3) and
 * the plan with whole workers $422,660 (Table 8-4); the data as restated in the course notes of
 * github.com/bryce-bowles/Red-Tomato-gardening-tools (README).
 */
function redTomato(integerWorkers: boolean): PlanningInput {
  return input(MONTHS, [
    family("Tools", [1600, 3000, 3200, 3800, 2200, 2200], {
      initialInventory: 1000,
      initialWorkers: 80,
      endingInventory: 500,
      laborHoursPerUnit: 4,
      hoursPerWorkerPerPeriod: 160,
      regularCostPerHour: 4,
      overtimeCostPerHour: 6,
      maxOvertimeHoursPerWorker: 10,
      hiringCostPerWorker: 300,
      layoffCostPerWorker: 500,
      holdingCostPerUnit: 2,
      backorderCostPerUnit: 5,
      subcontractCostPerUnit: 30,
      materialCostPerUnit: 10,
      pricePerUnit: 40,
      integerWorkers,
    }),
  ]);
}

const contextOf = (data: PlanningInput, i = 0) => familyContext(data.families[i], data.periods, data.workingDays);
const optimalOf = (plans: PlanResult[]) => plans.find((p) => p.strategy === "optimal") as PlanResult;

describe("textbook optima (Chopra & Meindl, Red Tomato Tools)", () => {
  it("the LP optimum costs $422,275: 15 laid off in January, 64.58 workers, no overtime or subcontracting", () => {
    const data = redTomato(false);
    const [result] = planAll(data, ["optimal"], { solver });
    const plan = optimalOf(result.plans);
    expect(plan.totalCost).toBeCloseTo(422275, 4);
    expect(plan.revenue).toBeCloseTo(640000, 6);
    expect(plan.periods[0].laidOff).toBeCloseTo(15.4167, 3);
    expect(plan.periods.every((p) => p.overtime === 0 && p.subcontract === 0)).toBe(true);
    expect(plan.solve).toMatchObject({ status: "optimal", gap: 0, method: "lp" });
    expectPlanMeetsEveryRule(contextOf(data), plan);
  });

  it("with whole workers the optimum costs $422,660, proven: a problem this small is solved exactly whatever the Policy's gap", () => {
    const data = redTomato(true);
    const [result] = planAll(data, ["level", "chase", "optimal"], { solver });
    const plan = optimalOf(result.plans);
    expect(plan.totalCost).toBeCloseTo(422660, 4);
    // Several whole-worker plans reach this cost (e.g. 65 workers until March, then 64): any is optimal.
    expect(plan.periods.every((p) => p.workers === 64 || p.workers === 65)).toBe(true);
    // Six whole-worker columns: solved exactly, so the MIP runs and proves 422,660. Rounding the LP's
    // 64.58 workers up to 65 costs $424,900, 0.6 % over the LP bound; splitting them, 65 for some
    // months and 64 for the rest, finds the optimum, which the MIP then proves (a gap of 0).
    expect(plan.solve).toMatchObject({ status: "optimal", method: "rounded-lp" });
    expect(plan.solve?.bound).toBeGreaterThanOrEqual(422275 - 1e-6);
    expect(plan.solve?.gap).toBeLessThanOrEqual(1e-9);
    expect(result.recommended).toBe("optimal");
    expectPlanMeetsEveryRule(contextOf(data), plan);
  });

  it("the LP the engine hands the solver is the textbook's size: 8 columns and 4 rows a month", () => {
    const lp = buildPlanningLp([contextOf(redTomato(false))]);
    expect(lp.columnCount).toBe(48);
    expect(lp.rowCount).toBe(24);
    expect(lp.integer).toBeNull();
    expect(buildPlanningLp([contextOf(redTomato(true))]).integer).not.toBeNull();
  });
});


function randomInstance(random: () => number, index: number): PlanningInput {
  const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)];
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  const n = between(3, 8);
  const periods = Array.from({ length: n }, (_, t) => `P${t + 1}`);
  const workingDays = random() < 0.5 ? periods.map(() => between(15, 22)) : null;
  const demand = periods.map(() => between(0, 600));
  const hoursRule = random() < 0.6;
  const policy: Partial<FamilyPolicy> = {
    ...(hoursRule
      ? workingDays
        ? { laborHoursPerUnit: pick([0.5, 1.25, 2, 4]), hoursPerWorkerPerDay: 8 }
        : { laborHoursPerUnit: pick([0.5, 1.25, 2, 4]), hoursPerWorkerPerPeriod: pick([120, 160]) }
      : workingDays
        ? { unitsPerWorkerPerDay: pick([2, 3.5, 5]) }
        : { unitsPerWorkerPerPeriod: pick([40, 55, 80]) }),
    regularCostPerHour: hoursRule ? pick([0, 4, 12.5, 20]) : 0,
    regularCostPerUnit: pick([0, 1, 7.25]),
    overtimeCostPerHour: hoursRule ? pick([0, 6, 30]) : 0,
    overtimeCostPerUnit: pick([0, 2]),
    maxOvertimeHoursPerWorker: hoursRule ? pick([0, 10, 20]) : 0,
    maxOvertimeUnitsPerPeriod: pick([null, null, 50]),
    hiringCostPerWorker: pick([0, 100, 450, 1000]),
    layoffCostPerWorker: pick([0, 200, 600, 1500]),
    holdingCostPerUnit: pick([0.4, 2, 5]),
    holdingCostBasis: pick(["ending", "average"] as const),
    backorderCostPerUnit: pick([null, 3, 8]),
    subcontractCostPerUnit: pick([null, 25, 41]),
    maxSubcontractPerPeriod: pick([null, 100]),
    materialCostPerUnit: pick([0, 10]),
    pricePerUnit: pick([0, 40]),
    initialInventory: pick([0, 0, 60, 250]),
    initialBacklog: pick([0, 0, 30]),
    endingInventory: pick([0, 0, 100]),
    safetyStock: pick([0, 0, 0, 40]),
    initialWorkers: pick([null, 3, 8]),
    integerWorkers: random() < 0.3,
  };
  const manual =
    random() < 0.5
      ? { workers: null, regular: demand.map((d) => Math.round(d * (0.8 + random() * 0.5))), overtime: null, subcontract: null }
      : null;
  return input(periods, [family(`Random ${index}`, demand, policy, manual)], workingDays);
}

describe("the optimum is never worse than level, chase or manual (200 seeded random instances)", () => {
  it("holds for every instance, each optimal plan meeting every rule", () => {
    const random = prng(20270101);
    let integerInstances = 0;
    for (let i = 0; i < 200; i++) {
      const data = randomInstance(random, i);
      // At most 8 periods: small enough to be solved exactly, so never worse than a whole-worker heuristic.
      const [result] = planAll(data, ["level", "chase", "manual", "optimal"], { solver });
      const optimal = optimalOf(result.plans);
      const ctx = contextOf(data);
      expectPlanMeetsEveryRule(ctx, optimal);
      if (ctx.policy.integerWorkers) integerInstances++;
      for (const other of result.plans) {
        if (other === optimal || !other.feasible) continue;
        expect(optimal.totalCost).toBeLessThanOrEqual(other.totalCost + 1e-6 * Math.max(1, other.totalCost));
      }
      // Recommended is the cheapest feasible plan (on a tie, the strategy asked for first).
      const recommended = result.plans.find((p) => p.strategy === result.recommended) as PlanResult;
      expect(closeTo(recommended.totalCost, optimal.totalCost)).toBe(true);
      // The LP bound is a true lower bound, and without whole workers it is the cost itself.
      expect(optimal.solve?.bound ?? -Infinity).toBeLessThanOrEqual(optimal.totalCost + 1e-6 * Math.max(1, optimal.totalCost));
      if (!ctx.policy.integerWorkers) expect(closeTo(optimal.solve?.bound ?? NaN, optimal.totalCost)).toBe(true);
    }
    expect(integerInstances).toBeGreaterThan(30);
  });
});

describe("whole workers", () => {
  it("every period's workforce is whole, hires and layoffs follow, and the gap is reported", () => {
    const data = input(
      ["W1", "W2", "W3", "W4", "W5", "W6"],
      [
        family("Valves", [410, 250, 520, 380, 610, 90], {
          unitsPerWorkerPerPeriod: 37,
          regularCostPerUnit: 2,
          hiringCostPerWorker: 350,
          layoffCostPerWorker: 420,
          holdingCostPerUnit: 1.3,
          backorderCostPerUnit: 4,
          initialWorkers: 9,
          integerWorkers: true,
        }),
      ],
    );
    const [result] = planAll(data, ["optimal"], { solver });
    const plan = optimalOf(result.plans);
    expectPlanMeetsEveryRule(contextOf(data), plan);
    expect(plan.solve?.gap).toBeLessThanOrEqual(0.001);
    expect(plan.solve?.status).toBe("optimal");
  });

  it("the time budget holds the whole solve: the MIP gets what the LPs left, less one more LP, and runs only when that pays", () => {
    // The real solver, but the relaxation reports taking 4 s (the LPs with the workforce fixed, the
    // roundings, none): a problem this small is solved exactly, so no rounding is within its gap.
    const asked: (number | undefined)[] = [];
    const slow: LpSolver = {
      ...solver,
      solve: (problem, options = {}) => {
        const solution = solver.solve(problem, options);
        const mip = problem.integer !== null && !options.relaxIntegrality;
        if (mip) asked.push(options.timeLimitSeconds);
        return mip ? solution : { ...solution, seconds: options.relaxIntegrality ? 4 : 0 };
      },
    };
    const data = redTomato(true);
    const [result] = planAll(data, ["optimal"], { solver: slow, timeLimitSeconds: 24 });
    expect(asked).toHaveLength(1);
    // 24 − 4 used − 4 kept for the LP of the MIP's plan = 16 s: more than three LPs' worth, so the MIP runs.
    expect(asked[0]).toBeCloseTo(24 - 4 - 4, 1);
    // The split rounding found the optimum; the MIP proves it.
    const plan = optimalOf(result.plans);
    expect(plan.totalCost).toBeCloseTo(422660, 4);
    expect(plan.periods.every((p) => Number.isInteger(p.workers))).toBe(true);
    expect(plan.solve).toMatchObject({ status: "optimal", gap: 0 });
    expect(plan.solve!.seconds).toBeLessThan(4 + 4 + 1);
    expect(plan.why?.marginalCost).toHaveLength(6);

    // With 12 s the MIP would get 4 s, one LP's worth: it does not pay, so it does not run, and the
    // best rounded plan stands, marked as stopped by the limit, its gap to the LP bound said.
    for (const limit of [12, 10]) {
      asked.length = 0;
      const [late] = planAll(data, ["optimal"], { solver: slow, timeLimitSeconds: limit });
      expect(asked).toEqual([]);
      const rounded = optimalOf(late.plans);
      expect(rounded.solve).toMatchObject({ status: "time-limit", method: "rounded-lp" });
      expect(rounded.totalCost).toBeGreaterThanOrEqual(422660 - 1e-6);
      expect(rounded.periods.every((p) => Number.isInteger(p.workers))).toBe(true);
      expect(rounded.solve!.gap).toBeCloseTo((rounded.totalCost - 422275) / rounded.totalCost, 6);
    }
  });
});

describe("shared resources couple families", () => {
  const periods = ["Jan", "Feb", "Mar", "Apr"];
  const policy: Partial<FamilyPolicy> = {
    unitsPerWorkerPerPeriod: 50,
    regularCostPerUnit: 10,
    hiringCostPerWorker: 200,
    layoffCostPerWorker: 200,
    holdingCostPerUnit: 1,
    subcontractCostPerUnit: 40,
  };
  const data = input(periods, [
    family("Drills", [100, 300, 500, 200], policy),
    family("Saws", [200, 200, 400, 100], policy),
    family("Sanders", [50, 50, 50, 50], policy),
  ]);
  // The press makes drills and saws: 1.5 and 1 press-hours a unit, 700 hours a month.
  const press: SharedResource = { resource: "Press", available: [700, 700, 700, 700], loadPerUnit: { Drills: 1.5, Saws: 1 } };

  it("the plans respect the shared capacity every period, and cost no less than the families planned apart", () => {
    const apart = planAll(data, ["optimal"], { solver });
    const together = planAll(data, ["optimal"], { solver, sharedResources: [press] });
    const output = (r: PlanResult, t: number) => r.periods[t].regular + r.periods[t].overtime;
    const [drills, saws, sanders] = together.map((f) => optimalOf(f.plans));
    periods.forEach((_, t) => {
      expect(1.5 * output(drills, t) + output(saws, t)).toBeLessThanOrEqual(700 + 1e-6);
    });
    // Apart, March needs 1.5 × 500 + 400 = 1,150 press-hours: the press binds.
    const [drillsApart, sawsApart] = apart.map((f) => optimalOf(f.plans));
    expect(1.5 * output(drillsApart, 2) + output(sawsApart, 2)).toBeGreaterThan(700);
    const cost = (rs: PlanResult[]) => rs.reduce((sum, p) => sum + p.totalCost, 0);
    expect(cost([drills, saws])).toBeGreaterThan(cost([drillsApart, sawsApart]));
    // Sanders share nothing: the same plan either way.
    expect(sanders.totalCost).toBeCloseTo(optimalOf(apart[2].plans).totalCost, 6);
    together.forEach((f, i) => expectPlanMeetsEveryRule(contextOf(data, i), optimalOf(f.plans)));
  });

  it("auto, warm start, simplex and interior point reach the same coupled optimum", () => {
    const costs = (["auto", "warm-start", "simplex", "ipm"] as const).map((coupledMethod) =>
      planAll(data, ["optimal"], { solver, sharedResources: [press], coupledMethod }).reduce(
        (sum, f) => sum + optimalOf(f.plans).totalCost,
        0,
      ),
    );
    expect(costs[1]).toBeCloseTo(costs[0], 4);
    expect(costs[2]).toBeCloseTo(costs[0], 4);
    expect(costs[3]).toBeCloseTo(costs[0], 4);
  });

  it("when no plan fits the shared capacity, the optimal plans keep within it and leave the least valuable demand unmet", () => {
    const tight: SharedResource = { ...press, available: [100, 100, 100, 100] };
    const noSubcontracting = input(periods, [
      family("Drills", [100, 300, 500, 200], { ...policy, subcontractCostPerUnit: null }),
      family("Saws", [200, 200, 400, 100], { ...policy, subcontractCostPerUnit: null }),
    ]);
    const results = planAll(noSubcontracting, ["level", "optimal"], { solver, sharedResources: [tight] });
    const [drills, saws] = results.map((r) => optimalOf(r.plans));
    const output = (p: PlanResult, t: number) => p.periods[t].regular + p.periods[t].overtime;
    // Never beyond the 100 press-hours of any month.
    periods.forEach((_, t) => expect(1.5 * output(drills, t) + output(saws, t)).toBeLessThanOrEqual(100 + 1e-6));
    // No prices: every unit is worth the same, so the press makes saws (1 h each), 100 a month, and
    // serves 400 of their 900; the 1,100 drills (1.5 h each) go unmet. By hand: 500 + 1,100 = 1,600 unmet.
    expect(saws.unmet).toBeCloseTo(500, 4);
    expect(drills.unmet).toBeCloseTo(1100, 4);
    for (const plan of [drills, saws]) {
      expect(plan.feasible).toBe(true);
      plan.periods.forEach((p) => expect(p.shipped).toBeCloseTo(p.demand - p.unmet, 4));
    }
    expect(results.map((r) => r.recommended)).toEqual(["optimal", "optimal"]);
    expect(results.map((r) => r.capacityError)).toEqual([undefined, undefined]);
  });

  it("a higher lost margin per press-hour is served first, and Priority 1 overrides it", () => {
    const tight: SharedResource = { ...press, available: [100, 100, 100, 100] };
    // Drills sell for 100 (margin 90 a unit, 60 a press-hour), saws for 30 (margin 20 a unit and a press-hour).
    const priced = (drillsPriority: number | null) =>
      input(periods, [
        family("Drills", [100, 300, 500, 200], { ...policy, subcontractCostPerUnit: null, pricePerUnit: 100, priority: drillsPriority }),
        family("Saws", [200, 200, 400, 100], { ...policy, subcontractCostPerUnit: null, pricePerUnit: 30, priority: drillsPriority === null ? null : 1 }),
      ]);
    const [drills, saws] = planAll(priced(null), ["optimal"], { solver, sharedResources: [tight] }).map((r) => optimalOf(r.plans));
    // 400 press-hours make 266.67 drills; the saws get none.
    expect(drills.shipped).toBeCloseTo(400 / 1.5, 4);
    expect(saws.shipped).toBeCloseTo(0, 4);
    expect(drills.revenue).toBeCloseTo(100 * (400 / 1.5), 2);
    expect(drills.revenueAtRisk).toBeCloseTo(100 * (1100 - 400 / 1.5), 2);
    // Saws first (Priority 1, drills 2): the saws take the press.
    const [drills2, saws2] = planAll(priced(2), ["optimal"], { solver, sharedResources: [tight] }).map((r) => optimalOf(r.plans));
    expect(saws2.shipped).toBeCloseTo(400, 4);
    expect(drills2.shipped).toBeCloseTo(0, 4);
  });
});

describe("demand a family's own levers cannot make is unmet, and the plan says why", () => {
  it("names the period, what is needed, the most that can be made, and why", () => {
    // No working days in Jan–Mar (a shutdown), subcontracting capped at 775 a month, no backorders.
    const data = input(
      ["Jan", "Feb", "Mar", "Apr"],
      [
        family("Tools", [900, 1000, 1000, 900], {
          laborHoursPerUnit: 2,
          hoursPerWorkerPerDay: 8,
          regularCostPerHour: 10,
          subcontractCostPerUnit: 30,
          maxSubcontractPerPeriod: 775,
          initialInventory: 100,
        }),
      ],
      [0, 0, 0, 20],
    );
    const result = planFamily(data.families[0], data.periods, data.workingDays, ["level", "optimal"], { solver });
    const plan = optimalOf(result.plans);
    expect(plan.feasible).toBe(true);
    expect(plan.shortfallNotes[0]).toBe(
      "Jan: 800 units needed by the end of Jan, at most 775 can be made or bought by then and backorders are not allowed " +
        "(no regular working time in Jan; subcontracting at most 775 a period)",
    );
    // As much as can be bought, the rest lost: Jan 25, Feb 225, Mar 225 unmet; Apr served.
    expect(plan.periods.map((p) => p.subcontract)).toEqual([775, 775, 775, expect.any(Number)].map((v) => (typeof v === "number" ? expect.closeTo(v, 6) : v)));
    expect(plan.periods.slice(0, 3).map((p) => p.unmet)).toEqual([expect.closeTo(25, 6), expect.closeTo(225, 6), expect.closeTo(225, 6)]);
    expect(plan.periods[3].unmet).toBeCloseTo(0, 6);
    expect(result.recommended).toBe("optimal");
  });

  it("with backorders allowed, what cannot be delivered by the end of the horizon is unmet", () => {
    const data = input(
      ["Q1", "Q2"],
      [family("Pumps", [500, 500], { unitsPerWorkerPerPeriod: 50, backorderCostPerUnit: 5, subcontractCostPerUnit: null })],
      [10, 0],
    );
    data.families[0].policy.unitsPerWorkerPerDay = 0;
    data.families[0].policy.unitsPerWorkerPerPeriod = null;
    const [result] = planAll(data, ["optimal"], { solver });
    const plan = optimalOf(result.plans);
    expect(plan.shortfallNotes[0]).toBe(
      "Q2: 1,000 units needed by the end of Q2, at most 0 can be made or bought by then and everything owed must be " +
        "delivered by the end of the horizon (no regular working time in Q1, Q2; no subcontracting)",
    );
    expect(plan.unmet).toBeCloseTo(1000, 6);
    expect(plan.periods.map((p) => p.backlog)).toEqual([0, 0]);
  });
});

describe("the engine's options", () => {
  it("asking for the optimal plan without a solver is a clear error", () => {
    expect(() => planAll(redTomato(false), ["level", "optimal"])).toThrow(/optimal strategy needs an LP solver/);
  });

  it("reports progress as families are planned", () => {
    const calls: [string, number, number][] = [];
    const data = input(MONTHS, [redTomato(false).families[0], { ...redTomato(false).families[0], family: "Tools 2" }]);
    planAll(data, ["optimal"], { solver, onProgress: (stage, done, total) => calls.push([stage, done, total]) });
    expect(calls).toEqual([
      ["optimal", 1, 2],
      ["optimal", 2, 2],
    ]);
  });

  it("leaves the other strategies' plans without a solve report", () => {
    const [result] = planAll(redTomato(false), ["level", "chase", "optimal"], { solver });
    expect(result.plans.map((p) => p.solve === undefined)).toEqual([true, true, false]);
  });
});

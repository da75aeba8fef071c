// Engine rules, one describe per convention of the spec, with numbers checkable by hand.
import {
  POLICY_DEFAULTS,
  chasePlan,
  costPlan,
  familyContext,
  levelPlan,
  manualPlan,
  planAll,
  productionRates,
  type FamilyPolicy,
  type PlanResult,
} from "../../src/engine";

const PERIODS = ["Jan", "Feb", "Mar"];

function context(policy: Partial<FamilyPolicy>, demand = [300, 100, 200], workingDays: number[] | null = null) {
  return familyContext(
    { family: "Tools", demand, policy: { ...POLICY_DEFAULTS, ...policy }, manualPlan: null },
    PERIODS.slice(0, demand.length),
    workingDays,
  );
}

/** 50 units per worker per period, 160 paid hours per worker per period (3.2 hours per unit). */
const BASE: Partial<FamilyPolicy> = {
  unitsPerWorkerPerPeriod: 50,
  hoursPerWorkerPerPeriod: 160,
  integerWorkers: true,
};

const column = (plan: PlanResult, key: keyof PlanResult["periods"][number]) => plan.periods.map((p) => p[key]);

describe("productivity rules", () => {
  it("labor hours per unit with hours per worker per day times working days", () => {
    const r = productionRates(
      { ...POLICY_DEFAULTS, laborHoursPerUnit: 2, hoursPerWorkerPerDay: 8 },
      [20, 19, 21],
      3,
    );
    expect(r.ok && r.rates.unitsPerWorker).toEqual([80, 76, 84]);
    expect(r.ok && r.rates.hoursPerWorker).toEqual([160, 152, 168]);
  });
  it("per-period hours are used when there are no working days", () => {
    const r = productionRates({ ...POLICY_DEFAULTS, laborHoursPerUnit: 4, hoursPerWorkerPerPeriod: 160 }, null, 2);
    expect(r.ok && r.rates.unitsPerWorker).toEqual([40, 40]);
  });
  it("per-day values win over per-period values when working days are known", () => {
    const r = productionRates(
      { ...POLICY_DEFAULTS, unitsPerWorkerPerDay: 3, unitsPerWorkerPerPeriod: 100 },
      [20, 10],
      2,
    );
    expect(r.ok && r.rates.unitsPerWorker).toEqual([60, 30]);
  });
  it("overtime hours per worker convert to units through hours per unit", () => {
    const r = productionRates({ ...POLICY_DEFAULTS, ...BASE, maxOvertimeHoursPerWorker: 16 }, null, 1);
    expect(r.ok && r.rates.overtimeUnitsPerWorker).toEqual([5]);
  });
  it("refuses no rule, two rules, per-day without working days, and hourly pay without hours, each with its fields", () => {
    const problems = (policy: Partial<FamilyPolicy>, workingDays: number[] | null = null) => {
      const r = productionRates({ ...POLICY_DEFAULTS, ...policy }, workingDays, 1);
      return r.ok ? [] : r.problems;
    };
    expect(problems({})).toEqual([{ code: "no-rule", fields: [] }]);
    expect(problems({ laborHoursPerUnit: 2, hoursPerWorkerPerPeriod: 8, unitsPerWorkerPerPeriod: 4 })).toEqual([
      { code: "two-rules", fields: ["unitsPerWorkerPerPeriod", "laborHoursPerUnit"] },
    ]);
    expect(problems({ unitsPerWorkerPerDay: 4 })).toEqual([{ code: "per-day-needs-working-days", fields: ["unitsPerWorkerPerDay", "unitsPerWorkerPerPeriod"] }]);
    expect(problems({ unitsPerWorkerPerPeriod: 4, regularCostPerHour: 10 })).toEqual([
      { code: "needs-hours-per-worker", fields: ["regularCostPerHour", "hoursPerWorkerPerDay", "hoursPerWorkerPerPeriod"] },
    ]);
    expect(problems({ unitsPerWorkerPerPeriod: 4, maxOvertimeHoursPerWorker: 10 })).toEqual([
      { code: "needs-hours-per-worker", fields: ["maxOvertimeHoursPerWorker", "hoursPerWorkerPerDay", "hoursPerWorkerPerPeriod"] },
    ]);
    expect(problems({ laborHoursPerUnit: 0, hoursPerWorkerPerPeriod: 8 })).toEqual([{ code: "not-positive", fields: ["laborHoursPerUnit"] }]);
  });
  it("hours per worker given per day without working days are one problem, not also missing hours for pay or overtime", () => {
    const r = productionRates({ ...POLICY_DEFAULTS, laborHoursPerUnit: 2, hoursPerWorkerPerDay: 8, regularCostPerHour: 20, overtimeCostPerHour: 30 }, null, 1);
    expect(!r.ok && r.problems).toEqual([{ code: "per-day-needs-working-days", fields: ["hoursPerWorkerPerDay", "hoursPerWorkerPerPeriod"] }]);
    const units = productionRates({ ...POLICY_DEFAULTS, unitsPerWorkerPerPeriod: 4, hoursPerWorkerPerDay: 8, regularCostPerHour: 20, maxOvertimeHoursPerWorker: 5 }, null, 1);
    expect(!units.ok && units.problems.map((p) => p.code)).toEqual(["per-day-needs-working-days"]);
  });
});

describe("level strategy", () => {
  it("without backorders: the smallest constant workforce that never runs short", () => {
    // Cumulative demand 300, 400, 600 over cumulative capacity per worker 50, 100, 150 → 6, 4, 4 workers.
    const plan = levelPlan(context({ ...BASE, holdingCostPerUnit: 2 }));
    expect(column(plan, "workers")).toEqual([6, 6, 6]);
    expect(column(plan, "regular")).toEqual([300, 300, 300]);
    expect(column(plan, "inventory")).toEqual([0, 200, 300]);
    expect(plan.costs.holding).toBe(1000);
    expect(plan.feasible).toBe(true);
  });
  it("with backorders: sized on total need, shortfalls become backlog", () => {
    const plan = levelPlan(context({ ...BASE, backorderCostPerUnit: 3, pricePerUnit: 10 }));
    expect(column(plan, "workers")).toEqual([4, 4, 4]);
    expect(column(plan, "backlog")).toEqual([100, 0, 0]);
    expect(plan.costs.backorder).toBe(300);
    // Shipped: 300 + 0 − 100 = 200, then 100 + 100 − 0 = 200, then 200.
    expect(plan.periodRevenue).toEqual([2000, 2000, 2000]);
    expect(plan.feasible).toBe(true);
  });
  it("total need counts ending inventory, initial backlog and initial inventory", () => {
    // Need = 600 + 60 ending + 30 backlog − 90 on hand = 600 → 600 / 150 = 4 workers.
    const plan = levelPlan(
      context({ ...BASE, backorderCostPerUnit: 1, endingInventory: 60, initialBacklog: 30, initialInventory: 90 }),
    );
    expect(plan.periods[0].workers).toBe(4);
    expect(plan.periods[2].inventory).toBe(60);
  });
  it("fractional workers when whole workers are not required", () => {
    const plan = levelPlan(context({ ...BASE, integerWorkers: false, backorderCostPerUnit: 1 }, [100, 100, 120]));
    expect(plan.periods[0].workers).toBeCloseTo(320 / 150, 12);
    expect(plan.periods[2].inventory).toBeCloseTo(0, 9);
    expect(plan.feasible).toBe(true);
  });
  it("whole workers round up", () => {
    const plan = levelPlan(context({ ...BASE, backorderCostPerUnit: 1 }, [100, 100, 120]));
    expect(plan.periods[0].workers).toBe(3);
  });
  it("hires or lays off in period 1 from the initial workforce only", () => {
    const plan = levelPlan(context({ ...BASE, initialWorkers: 2, hiringCostPerWorker: 100 }));
    expect(column(plan, "hired")).toEqual([4, 0, 0]);
    expect(plan.costs.hiring).toBe(400);
  });
  it("safety stock is a floor on every period", () => {
    // Floors 50 each period: 350/50, 450/100, 650/150 → 7 workers.
    const plan = levelPlan(context({ ...BASE, safetyStock: 50, backorderCostPerUnit: 5 }));
    expect(plan.periods[0].workers).toBe(7);
    expect(column(plan, "inventory")).toEqual([50, 300, 450]);
  });
});

describe("chase strategy", () => {
  it("output follows demand, workforce follows output, hiring and layoffs costed", () => {
    const plan = chasePlan(
      context({ ...BASE, initialWorkers: 5, hiringCostPerWorker: 100, layoffCostPerWorker: 200 }),
    );
    expect(column(plan, "regular")).toEqual([300, 100, 200]);
    expect(column(plan, "workers")).toEqual([6, 2, 4]);
    expect(column(plan, "hired")).toEqual([1, 0, 2]);
    expect(column(plan, "laidOff")).toEqual([0, 4, 0]);
    expect(plan.costs.hiring).toBe(300);
    expect(plan.costs.layoff).toBe(800);
    expect(column(plan, "inventory")).toEqual([0, 0, 0]);
  });
  it("a free initial workforce: no hiring or layoff cost in period 1", () => {
    const plan = chasePlan(context({ ...BASE, hiringCostPerWorker: 100, layoffCostPerWorker: 200 }));
    expect(column(plan, "hired")).toEqual([0, 0, 2]);
    expect(column(plan, "laidOff")).toEqual([0, 4, 0]);
  });
  it("uses inventory on hand, keeps safety stock and builds the ending inventory", () => {
    // Need: 20 + 300 − 50 = 270, then 100, then 200 + 30 (ending 30 over safety stock 20).
    const plan = chasePlan(context({ ...BASE, integerWorkers: false, initialInventory: 50, safetyStock: 20, endingInventory: 30 }));
    expect(column(plan, "regular")).toEqual([270, 100, 210]);
    expect(column(plan, "inventory")).toEqual([20, 20, 30]);
    expect(plan.feasible).toBe(true);
  });
  it("whole workers carry spare regular capacity, still paid", () => {
    const plan = chasePlan(context({ ...BASE, regularCostPerHour: 10 }, [120, 100, 100]));
    expect(column(plan, "workers")).toEqual([3, 2, 2]);
    // 7 worker-periods × 160 h × 10 = 11,200.
    expect(plan.costs.regular).toBe(11200);
  });
  it("keeps the workforce in a period with no working days", () => {
    const plan = chasePlan(context({ unitsPerWorkerPerDay: 10 }, [200, 0, 100], [20, 0, 10]));
    expect(column(plan, "workers")).toEqual([1, 1, 1]);
  });
});

describe("costs by kind", () => {
  const policy: Partial<FamilyPolicy> = {
    ...BASE,
    regularCostPerHour: 10,
    regularCostPerUnit: 1,
    overtimeCostPerHour: 15,
    overtimeCostPerUnit: 2,
    maxOvertimeHoursPerWorker: 40,
    subcontractCostPerUnit: 30,
    materialCostPerUnit: 5,
    holdingCostPerUnit: 2,
    pricePerUnit: 60,
  };
  const plan = manualPlan(context(policy), {
    workers: [4, 4, 4],
    regular: [200, 200, 200],
    overtime: [50, 0, 0],
    subcontract: [50, 0, 0],
  });
  it("regular: every worker's hours paid plus a per-unit cost", () => {
    // 3 × (4 × 160 × 10) + 600 × 1
    expect(plan.costs.regular).toBe(19800);
  });
  it("overtime: hours at the overtime rate plus a per-unit cost", () => {
    // 50 units × 3.2 h × 15 + 50 × 2
    expect(plan.costs.overtime).toBeCloseTo(2500, 9);
  });
  it("subcontract, material on in-house units, holding on ending inventory", () => {
    expect(plan.costs.subcontract).toBe(1500);
    expect(plan.costs.material).toBe(3250);
    // Positions: 0, 100, 100 → holding 2 × 200.
    expect(plan.costs.holding).toBe(400);
  });
  it("total cost is the sum of costs, margin is revenue less cost", () => {
    const sum = Object.values(plan.costs).reduce((a, b) => a + b, 0);
    expect(plan.totalCost).toBeCloseTo(sum, 9);
    expect(plan.revenue).toBe(36000);
    expect(plan.margin).toBeCloseTo(36000 - sum, 9);
    expect(plan.feasible).toBe(true);
  });
  it("average holding basis: (beginning + ending) / 2, a backlog period ends with 0", () => {
    const avg = manualPlan(context({ ...BASE, holdingCostPerUnit: 2, holdingCostBasis: "average", initialInventory: 40, backorderCostPerUnit: 1 }), {
      workers: null,
      regular: [200, 300, 160],
      overtime: null,
      subcontract: null,
    });
    // Positions: 40 → −60 → 140 → 100. Held: (40+0)/2, (0+140)/2, (140+100)/2 = 20, 70, 120.
    expect(column(avg, "inventory")).toEqual([0, 140, 100]);
    expect(avg.periodCosts.map((c) => c.holding)).toEqual([40, 140, 240]);
  });
});

describe("manual plans and constraint checks", () => {
  it("missing Workers: the smallest workforce for the regular output", () => {
    const plan = manualPlan(context(BASE), { workers: null, regular: [300, 120, 180], overtime: null, subcontract: null });
    expect(column(plan, "workers")).toEqual([6, 3, 4]);
  });
  it("reports each broken constraint in planner's words", () => {
    const plan = manualPlan(context({ ...BASE, maxOvertimeHoursPerWorker: 16 }), {
      workers: [4, 4, 4],
      regular: [250, 200, 100],
      overtime: [30, 0, 0],
      subcontract: [0, 10, 0],
    });
    const messages = plan.violations.map((v) => v.message);
    expect(plan.feasible).toBe(false);
    expect(messages).toContain("Jan: regular output 250 exceeds what 4 workers make on regular time (200)");
    expect(messages).toContain("Jan: overtime output 30 exceeds the overtime limit of 20 units");
    expect(messages).toContain("Jan: short by 20 units and backorders are not allowed");
    expect(messages).toContain("Feb: 10 units subcontracted but subcontracting is not allowed (no subcontract cost)");
    expect(messages).toContain("Mar: 10 units still owed to customers at the end of the horizon");
  });
  it("overtime per period cap and subcontract cap", () => {
    const plan = manualPlan(
      context({ ...BASE, maxOvertimeHoursPerWorker: 160, maxOvertimeUnitsPerPeriod: 10, subcontractCostPerUnit: 9, maxSubcontractPerPeriod: 5 }),
      { workers: [6, 2, 4], regular: [280, 100, 200], overtime: [12, 0, 0], subcontract: [8, 0, 0] },
    );
    expect(plan.violations.map((v) => v.message)).toEqual([
      "Jan: overtime output 12 exceeds the overtime limit of 10 units",
      "Jan: 8 units subcontracted, above the limit of 5",
    ]);
  });
  it("whole workers are enforced on a manual plan", () => {
    const plan = manualPlan(context(BASE), { workers: [6.5, 2, 4], regular: [300, 100, 200], overtime: null, subcontract: null });
    expect(plan.violations[0].message).toMatch(/not a whole number/);
  });
});

describe("recommended plan", () => {
  it("is the cheapest feasible plan of each family", () => {
    const policy = { ...POLICY_DEFAULTS, ...BASE, holdingCostPerUnit: 5, hiringCostPerWorker: 1, layoffCostPerWorker: 1 };
    const [result] = planAll(
      {
        periods: PERIODS,
        workingDays: null,
        families: [{ family: "Tools", demand: [300, 100, 200], policy, manualPlan: null }],
        products: [],
        resources: [],
      },
      ["level", "chase", "manual"],
    );
    expect(result.plans.map((p) => p.strategy)).toEqual(["level", "chase"]);
    // Level holds 500 units (2,500); chase changes the workforce by 4 + 2 (6).
    expect(result.recommended).toBe("chase");
  });
  it("is null when no plan is feasible", () => {
    const ctx = context(BASE);
    const infeasible = costPlan(ctx, "manual", { workers: [0, 0, 0], regular: [0, 0, 0], overtime: [0, 0, 0], subcontract: [0, 0, 0] });
    expect(infeasible.feasible).toBe(false);
  });
});

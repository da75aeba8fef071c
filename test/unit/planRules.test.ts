// Plans a planner can defend: every resource honoured, the products' unit costs minimised, the overtime rule, Idle time, the level hybrids and the marginal values, each hand-checked.
import {
  costPlan,
  familyContext,
  planAll,
  type FamilyInput,
  type FamilyPolicy,
  type LpSolver,
  type PlanningInput,
  type PlanResult,
  type ProductInput,
  type ResourceCapacity,
  type StrategyName,
} from "../../src/engine";
import { loadHighsSolver } from "../../src/solver/highs";
import { family } from "../support/planInputs";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

function product(name: string, familyName: string, mix: number, loads: Record<string, number>, unitCost: number | null = null): ProductInput {
  return { product: name, family: familyName, demand: null, mix, price: null, unitCost, loads };
}

function input(
  periods: string[],
  families: FamilyInput[],
  extra: { products?: ProductInput[]; resources?: ResourceCapacity[]; workingDays?: number[] } = {},
): PlanningInput {
  return { periods, workingDays: extra.workingDays ?? null, families, products: extra.products ?? [], resources: extra.resources ?? [] };
}

const planOf = (plans: PlanResult[], strategy: StrategyName) => plans.find((p) => p.strategy === strategy) as PlanResult;
const output = (plan: PlanResult, t: number) => plan.periods[t].regular + plan.periods[t].overtime;

describe("every Capacity resource constrains the optimal plan, whoever loads it", () => {
  // Tools: demand 100 then 300; one product loading 1 h of Line a unit; Line has 250 h in Jan and 200 h in Feb.
  // Planned apart from Line: make 100 and 300 at 12.50 = 5,000 (Feb at 150 %). Within Line: 200 in Feb
  // and 100 made early in Jan, held one month at 1: 5,100.
  const periods = ["Jan", "Feb"];
  const tools = family("Tools", [100, 300], { unitsPerWorkerPerPeriod: 300, regularCostPerUnit: 12.5, holdingCostPerUnit: 1 });
  const line: ResourceCapacity = { resource: "Line", available: [250, 200] };
  const drill = product("Drill", "Tools", 1, { Line: 1 });

  it("one family's own resource: 5,100 within Line, not 5,000 at 150 % of it", () => {
    const [free] = planAll(input(periods, [tools]), ["optimal"], { solver });
    expect(planOf(free.plans, "optimal").totalCost).toBeCloseTo(5000, 6);
    const [bound] = planAll(input(periods, [tools], { products: [drill], resources: [line] }), ["chase", "optimal"], { solver });
    const optimal = planOf(bound.plans, "optimal");
    expect(optimal.totalCost).toBeCloseTo(5100, 6);
    expect(output(optimal, 0)).toBeCloseTo(200, 6);
    expect(output(optimal, 1)).toBeCloseTo(200, 6);
    // Chase costs 5,000 but overloads Line in Feb: the optimal plan is recommended, and the note says why.
    expect(bound.recommended).toBe("optimal");
    expect(bound.capacityNote).toBe("the cheaper chase plan overloads Line in Feb (300 of 200)");
  });

  it("a second family with no demand on the same resource changes nothing: 5,100 either way", () => {
    const idle = family("Idle", [0, 0], { unitsPerWorkerPerPeriod: 300, regularCostPerUnit: 12.5 });
    const data = input(periods, [tools, idle], { products: [drill, product("Bench", "Idle", 1, { Line: 2 })], resources: [line] });
    const [withNeighbour] = planAll(data, ["optimal"], { solver });
    expect(planOf(withNeighbour.plans, "optimal").totalCost).toBeCloseTo(5100, 6);
  });

  it("why: one more Line hour in Feb saves the 1 of holding, Jan has slack; one more unit of demand costs 12.50 in Jan, 13.50 in Feb", () => {
    const [result] = planAll(input(periods, [tools], { products: [drill], resources: [line] }), ["optimal"], { solver });
    const why = planOf(result.plans, "optimal").why!;
    expect(why.resources).toEqual([{ resource: "Line", marginalValue: [0, expect.closeTo(1, 9)] }]);
    expect(why.marginalCost[0]).toBeCloseTo(12.5, 9);
    expect(why.marginalCost[1]).toBeCloseTo(13.5, 9);
    expect(why.bindings[0]).toMatchObject({ kind: "capacity", resource: "Line", period: "Feb", message: "one more unit of Line capacity in Feb would save 1.00" });
    // The same number as the plan's periods carry.
    expect(planOf(result.plans, "optimal").periods.map((p) => p.marginalCost)).toEqual(why.marginalCost);
  });
});

describe("a binding resource-period: planning with one unit more and one unit less brackets its marginal value", () => {
  // Two families share a Press (1.5 and 1 h a unit, 700 h a month); March binds.
  const periods = ["Jan", "Feb", "Mar", "Apr"];
  const policy: Partial<FamilyPolicy> = {
    unitsPerWorkerPerPeriod: 50,
    regularCostPerUnit: 10,
    hiringCostPerWorker: 200,
    layoffCostPerWorker: 200,
    holdingCostPerUnit: 1,
    subcontractCostPerUnit: 40,
  };
  const families = [family("Drills", [100, 300, 500, 200], policy), family("Saws", [200, 200, 400, 100], policy)];
  const products = [product("Drill", "Drills", 1, { Press: 1.5 }), product("Saw", "Saws", 1, { Press: 1 })];
  const totalWith = (available: number[]) =>
    planAll(input(periods, families, { products, resources: [{ resource: "Press", available }] }), ["optimal"], { solver }).reduce(
      (sum, f) => sum + planOf(f.plans, "optimal").totalCost,
      0,
    );

  it("cost(capacity − 1) − cost ≥ marginal value ≥ cost − cost(capacity + 1)", () => {
    const base = [700, 700, 700, 700];
    const [drills] = planAll(input(periods, families, { products, resources: [{ resource: "Press", available: base }] }), ["optimal"], { solver });
    const values = planOf(drills.plans, "optimal").why!.resources[0].marginalValue;
    const binding = values.findIndex((v) => v > 0);
    expect(binding).toBeGreaterThanOrEqual(0);
    const at = (delta: number) => base.map((v, t) => (t === binding ? v + delta : v));
    const cost = totalWith(base);
    const less = totalWith(at(-1));
    const more = totalWith(at(+1));
    expect(less - cost).toBeGreaterThanOrEqual(values[binding] - 1e-6);
    expect(values[binding]).toBeGreaterThanOrEqual(cost - more - 1e-6);
    expect(values[binding]).toBeGreaterThan(0);
  });
});

describe("the products' unit costs are what the optimum minimises", () => {
  // Policy material 5, subcontract 15; two products 50/50 with unit costs 10 and 30: a unit made in
  // house costs 20 of material by the Finance sheet's numbers, a unit bought 15. Subcontract all 300: 4,500.
  const periods = ["Jan", "Feb"];
  const tools = family("Tools", [100, 200], { unitsPerWorkerPerPeriod: 1000, materialCostPerUnit: 5, subcontractCostPerUnit: 15 });
  const products = [product("Small", "Tools", 0.5, {}, 10), product("Large", "Tools", 0.5, {}, 30)];

  it("top-down: mix-weighted 20 a unit in house, so everything is bought: 4,500", () => {
    const [result] = planAll(input(periods, [tools], { products }), ["optimal"], { solver });
    const optimal = planOf(result.plans, "optimal");
    expect(optimal.totalCost).toBeCloseTo(4500, 6);
    expect(optimal.costs.subcontract).toBeCloseTo(4500, 6);
    expect(optimal.costs.material).toBeCloseTo(0, 6);
    // The same rule costs every strategy: chase makes 300 in house at 20 a unit.
    const [chase] = planAll(input(periods, [tools], { products }), ["chase"]);
    expect(chase.plans[0].costs.material).toBeCloseTo(6000, 9);
  });
});

describe("overtime is allowed when either cap is given", () => {
  // Units rule without hours per worker (Stevenson's skateboards): 10 workers make 200 on regular
  // time; 40 more on overtime at 3 a unit, capped at 40 units.
  const periods = ["P1"];
  const policy: Partial<FamilyPolicy> = { unitsPerWorkerPerPeriod: 20, regularCostPerUnit: 2, overtimeCostPerUnit: 3 };
  const ctxOf = (extra: Partial<FamilyPolicy>) => familyContext(family("Boards", [240], { ...policy, ...extra }), periods, null);
  const plan = { workers: [10], regular: [200], overtime: [40], subcontract: [0] };

  it("Max overtime units per period alone: 40 units on overtime are allowed, cost 120", () => {
    const result = costPlan(ctxOf({ maxOvertimeUnitsPerPeriod: 40 }), "manual", plan);
    expect(result.violations).toEqual([]);
    expect(result.costs.overtime).toBe(120);
  });

  it("neither cap given: no overtime, said so", () => {
    expect(costPlan(ctxOf({}), "manual", plan).violations.map((v) => v.message)).toEqual([
      "P1: overtime output 40 but overtime is not allowed (the Policy caps it neither in hours per worker nor in units per period)",
    ]);
  });

  it("both given, both apply: 10 workers × 8 h ÷ 4 h a unit = 20 units, under the 40-unit cap", () => {
    const both = ctxOf({ hoursPerWorkerPerPeriod: 80, maxOvertimeHoursPerWorker: 8, maxOvertimeUnitsPerPeriod: 40 });
    expect(costPlan(both, "manual", plan).violations.map((v) => v.message)).toEqual(["P1: overtime output 40 exceeds the overtime limit of 20 units"]);
  });

  it("the optimal plan uses overtime under the units cap alone", async () => {
    const [result] = planAll(input(periods, [family("Boards", [240], { ...policy, maxOvertimeUnitsPerPeriod: 40, initialWorkers: 10, hiringCostPerWorker: 1000 })]), ["optimal"], { solver });
    const optimal = planOf(result.plans, "optimal");
    expect(optimal.periods[0].overtime).toBeCloseTo(40, 6);
    expect(optimal.totalCost).toBeCloseTo(200 * 2 + 40 * 3, 6);
  });
});

/**
 * Densepack, Nahmias, "Production and Operations Analysis", ch. 3 (aggregate planning by linear
 * programming): production proportional to the workforce (K = 0.14653 units a worker a day, no
 * idle time), 300 workers and 500 units at the start, 600 at the end, hiring 500, firing 1,000,
 * holding 80 a unit a month. The book's optimum: fire 27 workers in January, hire 465 in May, cost $379,292.
 */
describe("Idle time = Not allowed: the textbook model where production is proportional to the workforce", () => {
  const densepack = (idleTimeAllowed: boolean) =>
    input(
      ["Jan", "Feb", "Mar", "Apr", "May", "Jun"],
      [
        family("Densepack", [1280, 640, 900, 1200, 2000, 1400], {
          unitsPerWorkerPerDay: 0.14653,
          hiringCostPerWorker: 500,
          layoffCostPerWorker: 1000,
          holdingCostPerUnit: 80,
          initialWorkers: 300,
          initialInventory: 500,
          endingInventory: 600,
          idleTimeAllowed,
        }),
      ],
      { workingDays: [20, 24, 18, 26, 22, 15] },
    );

  it("reproduces Nahmias's Densepack optimum: $379,292, 27 fired in January, 465 hired in May", () => {
    const data = densepack(false);
    const [result] = planAll(data, ["optimal"], { solver });
    const optimal = planOf(result.plans, "optimal");
    expect(Math.round(optimal.totalCost)).toBe(379292);
    expect(optimal.periods[0].laidOff).toBeCloseTo(27.02, 2);
    expect(optimal.periods[4].hired).toBeCloseTo(464.81, 2);
    // Every period makes exactly what its workforce makes.
    const ctx = familyContext(data.families[0], data.periods, data.workingDays);
    optimal.periods.forEach((p, t) => expect(p.regular).toBeCloseTo(ctx.rates.unitsPerWorker[t] * p.workers, 6));
    expect(optimal.feasible).toBe(true);
  });

  it("with idle time allowed the same workforce may make less: the optimum is cheaper", () => {
    const [result] = planAll(densepack(true), ["optimal"], { solver });
    expect(planOf(result.plans, "optimal").totalCost).toBeLessThan(379292 - 1000);
  });

  it("a manual plan that leaves regular time idle breaks the rule, in words", () => {
    const ctx = familyContext(family("Tools", [100], { unitsPerWorkerPerPeriod: 50, idleTimeAllowed: false }), ["Jan"], null);
    const plan = costPlan(ctx, "manual", { workers: [3], regular: [100], overtime: [0], subcontract: [0] });
    expect(plan.violations.map((v) => v.message)).toEqual([
      "Jan: regular output 100 is below what 3 workers make on regular time (150) and idle time is not allowed",
    ]);
  });
});

/**
 * Heizer & Render, "Operations Management", ch. 13 (aggregate planning), plan 2: a constant
 * workforce sized for the lowest month's demand per day (March, 800 units in 21 days) and the rest
 * subcontracted. Demand 900, 700, 800, 1,200, 1,500, 1,100 in 22, 18, 21, 21, 22, 20 days; 1.6
 * labor hours a unit, 8 hours a day at $10 an hour, subcontracting $20 a unit. The book rounds
 * March to 38 units a day: 7.6 workers, 4,712 units made, 1,488 bought, $75,392 + $29,760 = $105,152.
 */
describe("the level hybrids", () => {
  const periods = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"];
  const workingDays = [22, 18, 21, 21, 22, 20];
  const policy: Partial<FamilyPolicy> = {
    laborHoursPerUnit: 1.6,
    hoursPerWorkerPerDay: 8,
    regularCostPerHour: 10,
    subcontractCostPerUnit: 20,
    holdingCostPerUnit: 5,
  };
  const heizer = (manualPlan: FamilyInput["manualPlan"] = null) =>
    input(periods, [family("Roofing", [900, 700, 800, 1200, 1500, 1100], policy, manualPlan)], { workingDays });

  it("Level + subcontract: March's 38.1 units a day on regular time, the rest bought", () => {
    const [result] = planAll(heizer(), ["hybrid-subcontract"]);
    const plan = planOf(result.plans, "hybrid-subcontract");
    const workers = 800 / 21 / 5; // 5 units a worker a day
    plan.periods.forEach((p, t) => {
      expect(p.workers).toBeCloseTo(workers, 9);
      expect(p.regular).toBeCloseTo(5 * workingDays[t] * workers, 9);
      expect(p.regular + p.subcontract).toBeCloseTo(p.demand, 9);
      expect(p.inventory).toBeCloseTo(0, 9);
    });
    expect(plan.costs.regular).toBeCloseTo(80 * 124 * workers, 6); // 75,580.95
    expect(plan.costs.subcontract).toBeCloseTo(20 * (6200 - 5 * 124 * workers), 6); // 1,476.19 units
    expect(plan.totalCost).toBeCloseTo(105104.76, 2);
  });

  it("with the book's rounded rate (7.6 workers, 38 units a day) the same costing gives the book's $105,152", () => {
    const regular = workingDays.map((d) => 38 * d);
    const demand = [900, 700, 800, 1200, 1500, 1100];
    const [result] = planAll(
      heizer({ workers: periods.map(() => 7.6), regular, overtime: null, subcontract: demand.map((d, t) => d - regular[t]) }),
      ["manual"],
    );
    const plan = planOf(result.plans, "manual");
    expect(plan.periods.reduce((sum, p) => sum + p.subcontract, 0)).toBe(1488);
    expect(plan.costs.regular).toBeCloseTo(75392, 6);
    expect(plan.costs.subcontract).toBeCloseTo(29760, 6);
    expect(plan.totalCost).toBeCloseTo(105152, 6);
  });

  it("Level + overtime: overtime up to its cap first, then subcontracting", () => {
    const data = input(["P1", "P2"], [
      family("Boards", [200, 300], { unitsPerWorkerPerPeriod: 20, regularCostPerUnit: 2, overtimeCostPerUnit: 3, maxOvertimeUnitsPerPeriod: 40, subcontractCostPerUnit: 6 }),
    ]);
    const [result] = planAll(data, ["hybrid-overtime", "hybrid-subcontract"]);
    const overtime = planOf(result.plans, "hybrid-overtime");
    // 10 workers make 200 a period; P2 needs 100 more: 40 on overtime, 60 bought.
    expect(overtime.periods.map((p) => [p.workers, p.regular, p.overtime, p.subcontract])).toEqual([
      [10, 200, 0, 0],
      [10, 200, 40, 60],
    ]);
    expect(overtime.totalCost).toBe(400 * 2 + 40 * 3 + 60 * 6);
    expect(planOf(result.plans, "hybrid-subcontract").periods[1].subcontract).toBe(100);
  });

  it("what cannot be bought becomes backlog when allowed, else the plan is infeasible with the reason", () => {
    const capped: Partial<FamilyPolicy> = { unitsPerWorkerPerPeriod: 20, subcontractCostPerUnit: 6, maxSubcontractPerPeriod: 50 };
    const [strict] = planAll(input(["P1", "P2"], [family("Boards", [200, 300], capped)]), ["hybrid-subcontract"]);
    expect(strict.plans[0].feasible).toBe(false);
    expect(strict.plans[0].violations[0].message).toBe("P2: short by 50 units and backorders are not allowed");
    const [lenient] = planAll(input(["P1", "P2", "P3"], [family("Boards", [200, 300, 200], { ...capped, backorderCostPerUnit: 1 })]), ["hybrid-subcontract"]);
    // 10 workers make 200 a period; P2 ends 50 short; P3 buys 50 to clear it.
    expect(lenient.plans[0].periods.map((p) => [p.subcontract, p.backlog])).toEqual([
      [0, 0],
      [50, 50],
      [50, 0],
    ]);
    expect(lenient.plans[0].feasible).toBe(true);
  });
});

describe("the recommendation fits every resource when plans that do exist", () => {
  it("without the optimal plan: the cheapest compared plan that fits, with why the cheaper one was passed over", () => {
    // Chase loads Line with 300 in Feb (of 200); level makes 200 a month and fits.
    const data = input(["Jan", "Feb"], [family("Tools", [100, 300], { unitsPerWorkerPerPeriod: 100, regularCostPerUnit: 1, holdingCostPerUnit: 1, hiringCostPerWorker: 0 })], {
      products: [product("Drill", "Tools", 1, { Line: 1 })],
      resources: [{ resource: "Line", available: [250, 200] }],
    });
    const [result] = planAll(data, ["level", "chase"]);
    expect(planOf(result.plans, "chase").totalCost).toBeLessThan(planOf(result.plans, "level").totalCost);
    expect(result.recommended).toBe("level");
    expect(result.capacityNote).toBe("the cheaper chase plan overloads Line in Feb (300 of 200)");
    expect(result.capacityError).toBeUndefined();
  });
});

describe("when no plan can fit, the optimal plan serves what the capacity can make and leaves the rest unmet", () => {
  // Demand 0 then 100, no backorders; each unit made loads 1 h of Bench (40 h in Jan) and 1 h of Line
  // (20 h in Feb); both are plentiful in the other month. At most 40 can be made in Jan (Bench) and
  // 20 in Feb (Line): 60 of the 100 are served, 40 are unmet, and no resource is loaded beyond what it has.
  const periods = ["Jan", "Feb"];
  const tools = family("Tools", [0, 100], { unitsPerWorkerPerPeriod: 1000, regularCostPerUnit: 10, holdingCostPerUnit: 1 });
  const drill = product("Drill", "Tools", 1, { Bench: 1, Line: 1 });
  const resources: ResourceCapacity[] = [
    { resource: "Bench", available: [40, 1000] },
    { resource: "Line", available: [1000, 20] },
  ];

  it("makes 40 in Jan and 20 in Feb: 40 units unmet in Feb, a feasible plan", () => {
    const [result] = planAll(input(periods, [tools], { products: [drill], resources }), ["optimal"], { solver });
    const optimal = planOf(result.plans, "optimal");
    expect(output(optimal, 0)).toBeCloseTo(40, 6);
    expect(output(optimal, 1)).toBeCloseTo(20, 6);
    expect(optimal.periods.map((p) => p.unmet)).toEqual([0, expect.closeTo(40, 6)]);
    expect(optimal.feasible).toBe(true);
    expect(result.recommended).toBe("optimal");
    // Cost: 60 made at 10 and 40 held one month at 1.
    expect(optimal.totalCost).toBeCloseTo(640, 6);
  });
});

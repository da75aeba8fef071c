// Risk flags: each kind with the numbers behind it, hand-checked, and the order a review reads them in.
import { analysePlans, bottomUpInput, planAll, riskFlags, type PlanningInput, type RiskFlag, type StrategyName } from "../../src/engine";
import type { LpSolver } from "../../src/engine/lp";
import { loadHighsSolver } from "../../src/solver/highs";
import { toolsInput, toolsMixInput } from "../support/aggregationInputs";
import { family } from "../support/planInputs";

function risks(input: PlanningInput, strategies: StrategyName[], threshold?: number): RiskFlag[] {
  return analysePlans(input, input, planAll(input, strategies), "top-down", threshold).risks;
}

const only = (flags: RiskFlag[], kind: RiskFlag["kind"]) => flags.filter((f) => f.kind === kind);

describe("capacity flags (top-down Tools: Line 70 h of 60 in Jan, 35 h in Feb; Paint 8 h and 4 h of 100)", () => {
  const flags = risks(toolsMixInput(), ["chase"]);

  it("overload: Line in Jan, 10 h short, naming the family", () => {
    const roughCut = only(flags, "overload").filter((f) => f.resource);
    const [plansOverload] = only(flags, "overload").filter((f) => !f.resource);
    // Chase is the only plan compared and it overloads Line: the recommendation says so as an error.
    expect(plansOverload).toMatchObject({ kind: "overload", severity: "error", family: "Tools", period: "Jan" });
    expect(plansOverload.message).toBe(
      "Tools: the recommended chase plan is not feasible: no plan compared is feasible; chase is shown, closest to feasible: Jan: loads Line at 116.7 % (70 of 60 available). " +
        "The optimal strategy plans what the capacity and the Policy can serve and says what they cannot.",
    );
    expect(roughCut).toEqual([
      {
        kind: "overload",
        severity: "error",
        resource: "Line",
        period: "Jan",
        family: "Tools",
        value: 10,
        message: "Line, Jan: 70 required of 60 available (116.7 %), 10 short, about 14.29 units (mostly Tools).",
      },
    ]);
  });

  it("under-utilisation below 70 %: the idle hours of Line in Feb and Paint in both months", () => {
    const under = only(flags, "underutilization");
    expect(under.map((f) => [f.resource, f.period, f.value])).toEqual([
      ["Paint", "Feb", 96],
      ["Paint", "Jan", 92],
      ["Line", "Feb", 25],
    ]);
    expect(under[2].message).toBe("Line, Feb: 58.3 % used (below 70 %); 25 of 60 idle.");
  });

  it("the threshold is a setting: at 50 % Line in Feb (58.3 %) is not flagged", () => {
    const under = only(risks(toolsMixInput(), ["chase"], 0.5), "underutilization");
    expect(under.map((f) => f.resource)).toEqual(["Paint", "Paint"]);
  });

});

/** Tools with overtime to spare (up to `cap` units a period at 3 a unit): the chase plan makes its demand on regular time, so overtime is the workforce's only room. */
function withOvertimeRoom(cap = 100, input: PlanningInput = toolsMixInput()): PlanningInput {
  Object.assign(input.families[0].policy, { maxOvertimeUnitsPerPeriod: cap, overtimeCostPerUnit: 3 });
  return input;
}

describe("opportunities valued honestly: price − the marginal cost, no more than the resources, the workforce and the market allow", () => {
  it("the chase plan's workforce makes its demand and no more: without overtime there is nothing to sell the idle hours as", () => {
    expect(only(risks(toolsMixInput(), ["chase"]), "opportunity")).toEqual([]);
  });

  it("on overtime: Saw earns 112 a unit (120 − material 5 − overtime 3), 112 per Line hour (Drill 94); the upside of 20 % of its Feb forecast of 20 caps it at 4 Saws: 448", () => {
    const opportunities = only(risks(withOvertimeRoom(), ["chase"]), "opportunity");
    expect(opportunities.map((f) => [f.resource, f.period, f.product, f.value])).toEqual([
      ["Line", "Feb", "Saw", 448],
      ["Paint", "Feb", "Saw", 448],
    ]);
    expect(opportunities[1].message).toBe(
      "Paint, Feb: 96 idle. Saw earns the most per unit of it (560.00; 112.00 a unit over its variable cost); selling 4 more units would add 448.00 of margin (the upside limit of 20 % of its forecast of 20 is the limit).",
    );
    // Paint is idle in Jan, but Line has no hour left: no opportunity there.
    expect(opportunities.some((f) => f.period === "Jan")).toBe(false);
  });

  it("the workforce is a limit: 10 overtime units a period, room in the market (upside 1,000 %) and 25 Line hours idle: 10 Saws, 1,120", () => {
    const input = withOvertimeRoom(10);
    input.families[0].policy.upsideLimit = 10;
    const [line] = only(risks(input, ["chase"]), "opportunity");
    expect(line).toMatchObject({ resource: "Line", period: "Feb", product: "Saw", value: 1120 });
    expect(line.message).toBe(
      "Line, Feb: 25 idle. Saw earns the most per unit of it (112.00; 112.00 a unit over its variable cost); selling 10 more units would add 1,120.00 of margin (what the plan's workforce can make besides, on regular time and overtime, is the limit).",
    );
  });

  it("regular time the plan leaves first, at the regular rate (120 − 5 − 2 − 10 an hour × 2 h = 93), then overtime (120 − 5 − 3 − 4 an hour × 2 h = 104): 10 + 15 Saws fill Line's 25 idle hours, 2,490", () => {
    const input = withOvertimeRoom();
    Object.assign(input.families[0].policy, { regularCostPerHour: 10, hoursPerWorkerPerPeriod: 20, overtimeCostPerHour: 4, upsideLimit: 10 });
    // Feb: 6 workers make 50 of the 60 they could: 10 units of regular time to spare.
    input.families[0].manualPlan = { workers: [10, 6], regular: [100, 50], overtime: null, subcontract: null };
    const opportunities = only(risks(input, ["manual"]), "opportunity");
    expect(opportunities.map((f) => [f.resource, f.period, f.product, f.value])).toEqual([
      ["Line", "Feb", "Saw", 10 * 93 + 15 * 104],
      // Paint is idle in Feb too, but Line's 25 idle hours limit the Saws to 25.
      ["Paint", "Feb", "Saw", 10 * 93 + 15 * 104],
    ]);
    expect(opportunities[1].message).toBe(
      "Paint, Feb: 96 idle. Saw earns the most per unit of it (465.00; 93.00 a unit over its variable cost); selling 25 more units would add 2,490.00 of margin (Line's idle capacity is the limit).",
    );
  });
});

/**
 * Demand above capacity for months: Assembly makes 1,000 Leaf Blowers a month (0.5 h each of 500 h),
 * demand is 1,000, 1,100, 1,300, 1,200 and 700, and subcontracting is capped at 150 a month. The
 * 600 units beyond Assembly in May–Jul are bought, 150 a month from Apr (the only way: Apr has no
 * spare hour to build ahead), so Assembly runs at 100 % Apr–Jul and subcontracting at its cap.
 */
function atTheLimit(): PlanningInput {
  return {
    periods: ["Apr", "May", "Jun", "Jul", "Aug"],
    workingDays: null,
    families: [
      family("Garden Leaf Blowers and Outdoor Power", [1000, 1100, 1300, 1200, 700], {
        unitsPerWorkerPerPeriod: 100,
        initialWorkers: 10,
        regularCostPerUnit: 10,
        materialCostPerUnit: 20,
        pricePerUnit: 85,
        holdingCostPerUnit: 1,
        hiringCostPerWorker: 50,
        layoffCostPerWorker: 50,
        subcontractCostPerUnit: 40,
        maxSubcontractPerPeriod: 150,
      }),
    ],
    products: [{ product: "Leaf Blower 40V Cordless", family: "Garden Leaf Blowers and Outdoor Power", demand: null, mix: 1, price: null, unitCost: null, loads: { Assembly: 0.5 } }],
    resources: [{ resource: "Assembly", available: [500, 500, 500, 500, 500] }],
  };
}

describe("risks that matter: a resource at its limit for months, a lever at its cap", () => {
  let solver: LpSolver;
  beforeAll(async () => {
    solver = await loadHighsSolver();
  });
  const planned = () => {
    const input = atTheLimit();
    const results = planAll(input, ["optimal"], { solver });
    return { input, results, analysis: analysePlans(input, input, results, "top-down") };
  };

  it("Assembly at 100 % Apr–Jul is one flag over the run (95 % or more two periods in a row), with its peak and what capacity is worth", () => {
    const { analysis } = planned();
    expect(analysis.capacity[0].periods.map((p) => p.utilization)).toEqual([1, 1, 1, 1, 0.7].map((u) => expect.closeTo(u, 9)));
    const [high, ...others] = only(analysis.risks, "high-load");
    expect(others).toEqual([]);
    expect(high).toMatchObject({ severity: "warning", resource: "Assembly", period: "Apr", periods: ["Apr", "May", "Jun", "Jul"], family: "Garden Leaf Blowers and Outdoor Power" });
    expect(high.value).toBeCloseTo(1, 9);
    expect(high.message).toMatch(/^Assembly: at or above 95 % of its capacity for 4 periods in a row, Apr–Jul \(peak 100 % in Apr, mostly Garden Leaf Blowers and Outdoor Power\): no room for more demand or a breakdown; one more unit of its capacity would save up to [\d,.]+ a period\.$/);
  });

  it("a share of 101 % flags nothing; one period at the share is not a run", () => {
    const { input, results, analysis } = planned();
    expect(only(riskFlags(input, results, analysis.aggregation, analysis.capacity, analysis.finance, { highLoadShare: 1.01 }), "high-load")).toEqual([]);
    const single = atTheLimit();
    single.families[0].demand = [1000, 800, 800, 800, 700];
    const alone = planAll(single, ["optimal"], { solver });
    expect(only(analysePlans(single, single, alone, "top-down").risks, "high-load")).toEqual([]);
  });

  it("subcontracting at its cap of 150 Apr–Jul: one flag naming the run and the 600 units bought", () => {
    const { results, analysis } = planned();
    expect(results[0].plans[0].periods.map((p) => p.subcontract)).toEqual([150, 150, 150, 150, 0].map((u) => expect.closeTo(u, 6)));
    const capped = only(analysis.risks, "at-cap");
    expect(capped).toHaveLength(1);
    expect(capped[0]).toMatchObject({ severity: "warning", family: "Garden Leaf Blowers and Outdoor Power", periods: ["Apr", "May", "Jun", "Jul"] });
    expect(capped[0].value).toBeCloseTo(600, 6);
    expect(capped[0].message).toBe(
      "Garden Leaf Blowers and Outdoor Power: subcontracting at its cap of 150 units a period in Apr–Jul (4 periods, 600 units): nothing left of it if demand rises.",
    );
  });

  it("overtime at its cap: 20 hours a worker, 2 hours a unit, 10 workers make at most 100 overtime units", () => {
    const input = plain([family("Valves", [60, 60], { unitsPerWorkerPerPeriod: 5, hoursPerWorkerPerPeriod: 10, maxOvertimeHoursPerWorker: 20, overtimeCostPerUnit: 1, initialWorkers: 10 })]);
    // Level + overtime: the workforce of 10 makes 50 on regular time; 10 more are overtime, under the cap of 100.
    expect(only(risks(input, ["hybrid-overtime"]), "at-cap")).toEqual([]);
    const tight = plain([family("Valves", [150, 150], { unitsPerWorkerPerPeriod: 5, hoursPerWorkerPerPeriod: 10, maxOvertimeHoursPerWorker: 20, overtimeCostPerUnit: 1, initialWorkers: 10, backorderCostPerUnit: null })]);
    const manual = { workers: [10, 10], regular: [50, 50], overtime: [100, 100], subcontract: null };
    tight.families[0].manualPlan = manual;
    const [flag] = only(risks(tight, ["manual"]), "at-cap");
    expect(flag).toMatchObject({ family: "Valves", periods: ["Jan", "Feb"], value: 200 });
    expect(flag.message).toBe("Valves: overtime at its cap of 100 units a period in Jan–Feb (2 periods, 200 units): nothing left of it if demand rises.");
  });
});

describe("an opportunity on the optimal plan: price − the LP's marginal cost of demand, capped by the forecast share", () => {
  let solver: LpSolver;
  beforeAll(async () => {
    solver = await loadHighsSolver();
  });

  /**
   * Widgets at 300 (unit cost 5), 100 a month, made by 12 workers who could make 10 each (a 160-hour
   * month at 10 an hour, 2 a unit), kept because a layoff costs 5,000 (more than two idle workers'
   * pay over the horizon, 6,400); Line (1 h a unit of 500) at 20 %. Their pay is due anyway, so one
   * more Widget costs the LP 2 a unit and the unit cost 5: 7, and earns 300 − 7 = 293; the market
   * takes at most 20 % of the forecast of 100: 20 Widgets, 5,860.
   */
  it("Line in Feb: 20 more Widgets at 293 each (300 − 7), 5,860", () => {
    const input: PlanningInput = {
      periods: ["Jan", "Feb"],
      workingDays: null,
      families: [
        family("Widgets", [100, 100], {
          unitsPerWorkerPerPeriod: 10,
          hoursPerWorkerPerPeriod: 160,
          regularCostPerHour: 10,
          regularCostPerUnit: 2,
          materialCostPerUnit: 5,
          pricePerUnit: 300,
          initialWorkers: 12,
          layoffCostPerWorker: 5000,
        }),
      ],
      products: [{ product: "Widget", family: "Widgets", demand: null, mix: 1, price: 300, unitCost: 5, loads: { Line: 1 } }],
      resources: [{ resource: "Line", available: [500, 500] }],
    };
    const results = planAll(input, ["optimal"], { solver });
    const plan = results[0].plans[0];
    expect(plan.periods.map((p) => p.workers)).toEqual([12, 12]);
    expect(plan.periods.map((p) => p.marginalCost)).toEqual([expect.closeTo(7, 6), expect.closeTo(7, 6)]);
    const opportunities = only(analysePlans(input, input, results, "top-down").risks, "opportunity");
    expect(opportunities.map((f) => [f.resource, f.period, f.product])).toEqual([
      ["Line", "Jan", "Widget"],
      ["Line", "Feb", "Widget"],
    ]);
    for (const flag of opportunities) expect(flag.value).toBeCloseTo(20 * (300 - 7), 6);
    expect(opportunities[1].message).toBe(
      "Line, Feb: 400 idle. Widget earns the most per unit of it (293.00; 293.00 a unit over its marginal cost in the optimal plan); selling 20 more units would add 5,860.00 of margin (the upside limit of 20 % of its forecast of 100 is the limit).",
    );
  });
});

describe("forecast gap: the family row against the sum of its products", () => {
  it("flags Jan (100 vs 110) and Feb (50 vs 60), in either approach", () => {
    const input = toolsInput();
    const expected = [
      ["Jan", -10, "Tools, Jan: the family forecast is 100 but its products add up to 110 (−10)."],
      ["Feb", -10, "Tools, Feb: the family forecast is 50 but its products add up to 60 (−10)."],
    ];
    expect(only(risks(input, ["chase"]), "forecast-gap").map((f) => [f.period, f.value, f.message])).toEqual(expected);
    const planned = bottomUpInput(input);
    const bottomUp = analysePlans(input, planned, planAll(planned, ["chase"]), "bottom-up").risks;
    expect(only(bottomUp, "forecast-gap").map((f) => [f.period, f.value, f.message])).toEqual(expected);
  });

  it("is silent for a family that has no row of its own", () => {
    const input = toolsInput();
    input.families[0].hasFamilyRow = false;
    expect(only(risks(input, ["chase"]), "forecast-gap")).toEqual([]);
  });
});

const plain = (families: PlanningInput["families"]): PlanningInput => ({ periods: ["Jan", "Feb"], workingDays: null, families, products: [], resources: [] });

describe("plan flags", () => {
  it("backlog: the level plan (2 workers × 10 units) ends Jan 10 units short of demand 30", () => {
    const input = plain([family("Valves", [30, 10], { unitsPerWorkerPerPeriod: 10, backorderCostPerUnit: 1 })]);
    expect(only(risks(input, ["level"]), "backlog")).toEqual([
      {
        kind: "backlog",
        severity: "warning",
        family: "Valves",
        period: "Jan",
        value: 10,
        message: "Valves, Jan: the recommended level plan ends the period with 10 units of backlog (demand 30).",
      },
    ]);
  });

  it("shortage: no feasible plan compared, the closest shown and counted, naming the first broken rule's period", () => {
    const input = plain([
      family("Valves", [30, 10], { unitsPerWorkerPerPeriod: 10 }, { workers: [1, 1], regular: [10, 10], overtime: null, subcontract: null }),
    ]);
    const [shortage] = only(risks(input, ["manual"]), "shortage");
    expect(shortage).toMatchObject({ severity: "error", family: "Valves", period: "Jan" });
    expect(shortage.message).toMatch(/^Valves: the recommended manual plan is not feasible: no plan compared is feasible; manual is shown, closest to feasible: Jan: short by 20 units/);
  });

  it("loss: every period at price 1 and cost 2 per unit, and the family over the horizon", () => {
    const input = plain([family("Pumps", [10, 20], { unitsPerWorkerPerPeriod: 10, regularCostPerUnit: 2, pricePerUnit: 1 })]);
    const losses = only(risks(input, ["chase"]), "loss");
    expect(losses.map((f) => [f.severity, f.period ?? null, f.value])).toEqual([
      ["error", null, -30],
      ["warning", "Feb", -20],
      ["warning", "Jan", -10],
    ]);
    expect(losses[0].message).toBe("Pumps loses money over the horizon: revenue 30.00, cost of goods sold 60.00, P&L margin −30.00.");
  });

  it("loss: a product that loses money at its own price", () => {
    const input = toolsMixInput();
    input.products[0].price = 1;
    const [drill] = only(risks(input, ["chase"]), "loss").filter((f) => f.product);
    expect(drill).toMatchObject({ severity: "warning", family: "Tools", product: "Drill" });
    // Drill: revenue 90, material 30 × 90 = 2,700, regular 60 % of 200 + 60 % of 100 = 180; chase keeps no
    // stock, so its cost of goods sold is what it costs to make.
    expect(drill.value).toBeCloseTo(90 - 2700 - 180, 9);
  });
});

describe("order: most serious first", () => {
  it("errors, then warnings, then information; by kind, then size", () => {
    // Tools with its product rows: Line over in Jan (63.5 of 60 h), the family row off its products in both months.
    const flags = risks(withOvertimeRoom(100, toolsInput()), ["chase"]);
    expect(flags.map((f) => f.kind)).toEqual([
      "overload",
      "overload",
      "forecast-gap",
      "forecast-gap",
      "underutilization",
      "underutilization",
      "underutilization",
      "opportunity",
      "opportunity",
    ]);
  });
});

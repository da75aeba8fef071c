// Risk flags: each kind with the numbers behind it, hand-checked, and the order a review reads them in.
import { analysePlans, bottomUpInput, planAll, riskFlags, type PlanningInput, type RiskFlag, type StrategyName } from "../../src/engine";
import { toolsInput } from "../support/aggregationInputs";
import { family } from "../support/planInputs";

function risks(input: PlanningInput, strategies: StrategyName[], threshold?: number): RiskFlag[] {
  return analysePlans(input, input, planAll(input, strategies), "top-down", threshold).risks;
}

const only = (flags: RiskFlag[], kind: RiskFlag["kind"]) => flags.filter((f) => f.kind === kind);

describe("capacity flags (top-down Tools: Line 70 h of 60 in Jan, 35 h in Feb; Paint 8 h and 4 h of 100)", () => {
  const flags = risks(toolsInput(), ["chase"]);

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
    const under = only(risks(toolsInput(), ["chase"], 0.5), "underutilization");
    expect(under.map((f) => f.resource)).toEqual(["Paint", "Paint"]);
  });

  it("opportunity: Saw earns 113 a unit (120 − material 5 − regular 2), 113 per Line hour (Drill 96); the upside of 20 % of its Feb forecast of 20 caps it at 4 Saws: 452 of margin", () => {
    const opportunities = only(flags, "opportunity");
    expect(opportunities.map((f) => [f.resource, f.period, f.product, f.value])).toEqual([
      ["Line", "Feb", "Saw", 452],
      ["Paint", "Feb", "Saw", 452],
    ]);
    expect(opportunities[1].message).toBe(
      "Paint, Feb: 96 idle. Saw earns the most per unit of it (565.00); selling 4 more units would add 452.00 of margin (the upside limit of 20 % of its forecast of 20 is the limit).",
    );
    // Paint is idle in Jan, but Line has no hour left: no opportunity there.
    expect(opportunities.some((f) => f.period === "Jan")).toBe(false);
  });

  it("opportunity with paid hours and room in the market: Saw 120 − 5 − 2 − 10 an hour × 2 hours = 93 a unit, 25 fit Line's idle hours: 2,325", () => {
    const input = toolsInput();
    // Policy `Upside limit` 1,000 %: room in the market, so the idle hours are the limit.
    Object.assign(input.families[0].policy, { regularCostPerHour: 10, hoursPerWorkerPerPeriod: 20, upsideLimit: 10 });
    const analysis = analysePlans(input, input, planAll(input, ["chase"]), "top-down");
    const opportunities = only(riskFlags(input, planAll(input, ["chase"]), analysis.aggregation, analysis.capacity, analysis.finance), "opportunity");
    expect(opportunities.map((f) => [f.resource, f.period, f.product, f.value])).toEqual([
      ["Line", "Feb", "Saw", 25 * 93],
      // Paint is idle in Feb too, but Line's 25 idle hours limit the Saws to 25.
      ["Paint", "Feb", "Saw", 25 * 93],
    ]);
    expect(opportunities[1].message).toBe(
      "Paint, Feb: 96 idle. Saw earns the most per unit of it (465.00); selling 25 more units would add 2,325.00 of margin (Line's idle capacity is the limit).",
    );
  });
});

describe("forecast gap: the family row against the sum of its products", () => {
  it("flags Jan (100 vs 110) and Feb (50 vs 60), in either approach", () => {
    const input = toolsInput();
    const expected = [
      ["Jan", -10, "Tools, Jan: the family forecast is 100 but its products add up to 110 (-10)."],
      ["Feb", -10, "Tools, Feb: the family forecast is 50 but its products add up to 60 (-10)."],
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
    expect(losses[0].message).toBe("Pumps loses money over the horizon: revenue 30.00, cost of goods sold 60.00, P&L margin -30.00.");
  });

  it("loss: a product that loses money at its own price", () => {
    const input = toolsInput();
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
    const flags = risks(toolsInput(), ["chase"]);
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

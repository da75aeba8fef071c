// When capacity cannot serve every unit, the plan serves the demand worth serving: a unit is served when what it
// brings (price + lost sale cost) covers what serving it costs, so no plan buys a sale for more than it brings; demand
// without a value (no price) is still served whenever it can be; a buffer is kept for the demand served only.
import { analysePlans, planAll, type LpSolver, type PlanningInput, type FamilyPolicy } from "../../src/engine";
import { loadHighsSolver } from "../../src/solver/highs";
import { family } from "../support/planInputs";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/**
 * Gadgets: demand 80 a period; the Line makes at most 50 (1 h a unit, 50 h), made at 10 a unit; up
 * to 20 more can be bought in at 30 a unit (they do not use the Line). 70 < 80: some demand is lost
 * whatever the plan, so the plan is the constrained one. Price 20.
 */
function gadgets(policy: Partial<FamilyPolicy> = {}): PlanningInput {
  return {
    periods: ["Jan", "Feb"],
    workingDays: null,
    families: [
      family("Gadgets", [80, 80], {
        unitsPerWorkerPerPeriod: 1000,
        initialWorkers: 1,
        regularCostPerUnit: 10,
        subcontractCostPerUnit: 30,
        maxSubcontractPerPeriod: 20,
        pricePerUnit: 20,
        holdingCostPerUnit: 1,
        ...policy,
      }),
    ],
    products: [{ product: "Gadget", family: "Gadgets", demand: null, mix: 1, price: null, unitCost: null, loads: { Line: 1 } }],
    resources: [{ resource: "Line", available: [50, 50] }],
  };
}

const optimal = (input: PlanningInput) => planAll(input, ["optimal"], { solver })[0].plans.find((p) => p.strategy === "optimal")!;

describe("the constrained plan serves the demand worth serving", () => {
  it("a unit bought in at 30 to sell at 20 is not bought: 50 made and sold a period, 30 unmet, no loss", () => {
    const plan = optimal(gadgets());
    expect(plan.periods.map((p) => [p.regular, p.subcontract, p.unmet])).toEqual([
      [expect.closeTo(50, 6), expect.closeTo(0, 6), expect.closeTo(30, 6)],
      [expect.closeTo(50, 6), expect.closeTo(0, 6), expect.closeTo(30, 6)],
    ]);
    // 100 sold at 20, 100 made at 10: the margin the plan can make, not less.
    expect(plan.revenue).toBeCloseTo(2000, 4);
    expect(plan.margin).toBeCloseTo(1000, 4);
    // What the 60 unmet units would have brought, and earned over their variable cost (20 − 10 each).
    expect(plan.revenueAtRisk).toBeCloseTo(1200, 4);
    expect(plan.lostMargin).toBeCloseTo(600, 4);
  });

  it.each([
    ["with a lost sale cost of 15 a unit brings 35, more than the 30 it costs bought in", { lostSaleCostPerUnit: 15 }],
    ["demand without a price is served whenever it can be", { pricePerUnit: 0 }],
    ["a Priority puts service first, whatever it costs (bought in at 30 to sell at 20)", { priority: 1 }],
  ] as [string, Partial<FamilyPolicy>][])("%s: 20 bought in a period, 10 unmet", (_, policy) => {
    const plan = optimal(gadgets(policy));
    expect(plan.periods.map((p) => [p.subcontract, p.unmet])).toEqual([
      [expect.closeTo(20, 6), expect.closeTo(10, 6)],
      [expect.closeTo(20, 6), expect.closeTo(10, 6)],
    ]);
  });

  it("a buffer protects the demand served: at a price of 5 nothing is worth making, so no safety stock is built either", () => {
    const plan = optimal(gadgets({ pricePerUnit: 5, safetyStock: 20 }));
    expect(plan.periods.map((p) => [p.regular, p.inventory, p.unmet])).toEqual([
      [expect.closeTo(0, 6), expect.closeTo(0, 6), expect.closeTo(80, 6)],
      [expect.closeTo(0, 6), expect.closeTo(0, 6), expect.closeTo(80, 6)],
    ]);
  });

  it("the safety stock is kept for the share of demand served: 10 after Jan (all served), 5 after Feb (half served)", () => {
    // Demand 40 in Jan (all served from 50 made), 120 in Feb (50 made and Jan's 10 sold, 60 unmet); a safety stock of 10.
    // Feb serves half its demand, so its buffer is half the target, 5: bought in at 30 (a target is met at what it
    // costs, as in a plan within capacity), and never made by turning a customer away.
    const input = gadgets({ safetyStock: 10 });
    input.families[0].demand = [40, 120];
    const plan = optimal(input);
    expect(plan.periods.map((p) => [p.regular, p.subcontract, p.shipped, p.inventory, p.unmet])).toEqual([
      [expect.closeTo(50, 6), expect.closeTo(0, 6), expect.closeTo(40, 6), expect.closeTo(10, 6), expect.closeTo(0, 6)],
      [expect.closeTo(50, 6), expect.closeTo(5, 6), expect.closeTo(60, 6), expect.closeTo(5, 6), expect.closeTo(60, 6)],
    ]);
    // The note says the buffer is short, and why: the demand that goes unmet there.
    expect(plan.shortfallNotes).toEqual([
      "The safety stock of 10 is not reached in Feb: up to 5 short; not reached again by the end of the horizon. Demand goes unmet in that period too: the plan keeps a buffer only for the demand it serves.",
    ]);
    const results = planAll(input, ["optimal"], { solver });
    const risk = analysePlans(input, input, results, "top-down").risks.find((r) => r.kind === "stock-target");
    expect(risk?.message).toBe(
      "Gadgets: the recommended optimal plan does not reach the safety stock of 10 in Feb (5 short). Demand goes unmet there too: the plan keeps a buffer only for the demand it serves.",
    );
  });
});

// The financial projection: revenue, costs by kind and margin per period, per product, family and in total; hand-checked.
import { aggregate, COST_KINDS, financialProjection, planAll, type PlanningInput } from "../../src/engine";
import { toolsInput } from "../support/aggregationInputs";
import { family } from "../support/planInputs";

/**
 * Tools, chase, top-down: Drill makes and ships 60 then 30, Saw 40 then 20. Policy: 2 per unit
 * regular, 5 material, price 100. Drill's own price 80 and unit cost 30 override; Saw has price
 * 120 and the Policy's material cost.
 */
function projection(input: PlanningInput = toolsInput()) {
  const results = planAll(input, ["chase"]);
  return financialProjection(input, results, aggregate(input, results, "top-down"));
}

describe("per product: own price and unit cost, other costs shared by units", () => {
  const { products } = projection();
  const [drill, saw] = products;

  it("Drill, Jan: revenue 80 × 60, material 30 × 60, 60 % of the 200 regular cost", () => {
    expect(drill.periods[0].revenue).toBe(4800);
    expect(drill.periods[0].costs.material).toBe(1800);
    expect(drill.periods[0].costs.regular).toBeCloseTo(120, 9);
    expect(drill.periods[0].margin).toBeCloseTo(2880, 9);
  });

  it("Saw, Jan: revenue 120 × 40, Policy material 5 × 40, 40 % of the regular cost", () => {
    expect(saw.periods[0]).toMatchObject({ revenue: 4800 });
    expect(saw.periods[0].costs.material).toBe(200);
    expect(saw.periods[0].costs.regular).toBeCloseTo(80, 9);
    expect(saw.price).toBe(120);
    expect(saw.unitCost).toBe(5);
  });

  it("adds up the horizon: Drill margin 2,880 + 1,440", () => {
    expect(drill.margin).toBeCloseTo(4320, 9);
    expect(drill.totalCost).toBeCloseTo(COST_KINDS.reduce((s, k) => s + drill.costs[k], 0), 9);
  });
});

describe("per family and in total", () => {
  it("a family with products is the sum of its products (overrides included)", () => {
    const { families, total } = projection();
    const [tools] = families;
    expect(tools.strategy).toBe("chase");
    expect(tools.periods[0].revenue).toBe(9600);
    expect(tools.periods[0].costs.regular).toBeCloseTo(200, 9);
    expect(tools.periods[0].costs.material).toBe(2000);
    expect(tools.periods[0].margin).toBeCloseTo(7400, 9);
    expect(tools.periods[1].margin).toBeCloseTo(3700, 9);
    expect(total.margin).toBeCloseTo(11100, 9);
    expect(total.family).toBeNull();
  });

  it("a family without products is its recommended plan's own figures", () => {
    const input = toolsInput();
    input.families.push(family("Pumps", [10, 20], { unitsPerWorkerPerPeriod: 10, materialCostPerUnit: 3, pricePerUnit: 7 }));
    const { families, total } = projection(input);
    const pumps = families[1];
    expect(pumps.periods.map((p) => p.revenue)).toEqual([70, 140]);
    expect(pumps.costs.material).toBe(90);
    expect(total.revenue).toBe(9600 + 4800 + 210);
  });

  it("without Products prices the family lines are exactly the plan's", () => {
    const input = toolsInput();
    input.products = input.products.map((p) => ({ ...p, price: null, unitCost: null }));
    const results = planAll(input, ["chase"]);
    const [tools] = financialProjection(input, results, aggregate(input, results, "top-down")).families;
    const plan = results[0].plans[0];
    expect(tools.revenue).toBeCloseTo(plan.revenue, 9);
    expect(tools.totalCost).toBeCloseTo(plan.totalCost, 9);
  });

  it("counts a family with no feasible plan at the plan shown for it: nothing made, nothing shipped", () => {
    const input = toolsInput();
    input.families[0].manualPlan = { workers: [0, 0], regular: [0, 0], overtime: null, subcontract: null };
    const results = planAll(input, ["manual"]);
    const finance = financialProjection(input, results, aggregate(input, results, "top-down"));
    expect(finance.families.map((f) => f.family)).toEqual(["Tools"]);
    expect(finance.total.revenue).toBe(0);
  });
});

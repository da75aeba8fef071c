// The financial projection: revenue, costs by kind and margin per period, per product, family and in total; hand-checked.
import { aggregate, bottomUpInput, COST_KINDS, costPlan, familyContext, financialProjection, lostMarginPerUnit, planAll, priceNotes, withProductMoney, type FinancialProjection, type PlanningInput } from "../../src/engine";
import { toolsInput, toolsMixInput } from "../support/aggregationInputs";
import { family } from "../support/planInputs";

/**
 * Tools with its Mix only (no product forecast rows), chase, top-down: Drill makes and ships 60 then 30, Saw 40 then 20. Policy: 2 per unit
 * regular, 5 material, price 100. Drill's own price 80 and unit cost 30 override; Saw has price
 * 120 and the Policy's material cost.
 */
function projection(input: PlanningInput = toolsMixInput()) {
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
    const input = toolsMixInput();
    input.families.push(family("Pumps", [10, 20], { unitsPerWorkerPerPeriod: 10, materialCostPerUnit: 3, pricePerUnit: 7 }));
    const { families, total } = projection(input);
    const pumps = families[1];
    expect(pumps.periods.map((p) => p.revenue)).toEqual([70, 140]);
    expect(pumps.costs.material).toBe(90);
    expect(total.revenue).toBe(9600 + 4800 + 210);
  });

  it("without Products prices the family lines are exactly the plan's", () => {
    const input = toolsMixInput();
    input.products = input.products.map((p) => ({ ...p, price: null, unitCost: null }));
    const results = planAll(input, ["chase"]);
    const [tools] = financialProjection(input, results, aggregate(input, results, "top-down")).families;
    const plan = results[0].plans[0];
    expect(tools.revenue).toBeCloseTo(plan.revenue, 9);
    expect(tools.totalCost).toBeCloseTo(plan.totalCost, 9);
  });

  it("counts a family with no feasible plan at the plan shown for it: nothing made, nothing shipped", () => {
    const input = toolsMixInput();
    input.families[0].manualPlan = { workers: [0, 0], regular: [0, 0], overtime: null, subcontract: null };
    const results = planAll(input, ["manual"]);
    const finance = financialProjection(input, results, aggregate(input, results, "top-down"));
    expect(finance.families.map((f) => f.family)).toEqual(["Tools"]);
    expect(finance.total.revenue).toBe(0);
  });
});

/**
 * One revenue for one plan. Tools top-down: a unit of output is 60 % Drill (price 80, unit cost 30)
 * and 40 % Saw (price 120, the Policy's material 5): price 96, material 20 a unit, not the Policy's
 * 100 and 5. Bottom-up, each period weighs the products' forecasts: Jan 80 Drill + 30 Saw, price
 * (80 × 80 + 30 × 120) / 110; Feb 20 + 40, (20 × 80 + 40 × 120) / 60.
 */
describe("one revenue for one plan: the plan's is the Finance sheet's", () => {
  const financeOf = (input: PlanningInput, approach: "top-down" | "bottom-up") => {
    const results = planAll(input, ["chase"]);
    return { plan: results[0].plans[0], finance: financialProjection(input, results, aggregate(input, results, approach)) };
  };
  const sameLines = (plan: { periodRevenue: number[]; periodCosts: { material: number }[]; revenue: number; totalCost: number; margin: number }, line: FinancialProjection["families"][number]) => {
    line.periods.forEach((p, t) => {
      expect(p.revenue).toBeCloseTo(plan.periodRevenue[t], 9);
      expect(p.costs.material).toBeCloseTo(plan.periodCosts[t].material, 9);
    });
    expect(line.revenue).toBeCloseTo(plan.revenue, 9);
    expect(line.totalCost).toBeCloseTo(plan.totalCost, 9);
    expect(line.margin).toBeCloseTo(plan.margin, 9);
  };

  it("top-down: the plan prices a unit at 96 and costs its material at 20, as Finance adds them up", () => {
    const { plan, finance } = financeOf(toolsMixInput(), "top-down");
    expect(plan.periodRevenue).toEqual([9600, 4800]);
    expect(plan.costs.material).toBe(20 * 150);
    sameLines(plan, finance.families[0]);
  });

  it("bottom-up: each period's price and material follow that period's product forecasts", () => {
    const input = bottomUpInput(toolsInput());
    expect(input.families[0].pricePerUnit![0]).toBeCloseTo(10000 / 110, 9);
    expect(input.families[0].pricePerUnit![1]).toBeCloseTo(6400 / 60, 9);
    expect(input.families[0].materialCostPerUnit![0]).toBeCloseTo((80 * 30 + 30 * 5) / 110, 9);
    const { plan, finance } = financeOf(input, "bottom-up");
    expect(plan.periodRevenue[0]).toBeCloseTo(10000, 9);
    expect(plan.periodRevenue[1]).toBeCloseTo(6400, 9);
    sameLines(plan, finance.families[0]);
    // Drill's line: its price × its own forecast, shipped as forecast.
    expect(finance.products[0].periods[0].revenue).toBeCloseTo(80 * 80, 9);
  });

  it("top-down with product forecast rows: each period's price follows the products' own shares, not the Mix", () => {
    // Jan: Drill 80 and Saw 30 of 110 → (80 × 80 + 30 × 120) / 110 = 10,000 / 110 a unit; × 100 units = 9,090.91.
    // Feb: Drill 20 and Saw 40 of 60 → (20 × 80 + 40 × 120) / 60 = 6,400 / 60 a unit; × 50 units = 5,333.33.
    const { plan, finance } = financeOf(toolsInput(), "top-down");
    expect(plan.periodRevenue[0]).toBeCloseTo((100 * 10000) / 110, 9);
    expect(plan.periodRevenue[1]).toBeCloseTo((50 * 6400) / 60, 9);
    sameLines(plan, finance.families[0]);
  });

  it("with product prices and no Policy price, revenue is the products'", () => {
    const input = toolsMixInput();
    input.families[0].policy.pricePerUnit = 0;
    const { plan, finance } = financeOf(input, "top-down");
    expect(plan.revenue).toBe(96 * 150);
    sameLines(plan, finance.families[0]);
  });

  it("revenue at risk and the lost margin the optimal plan weighs are at the products' price", () => {
    const [tools] = withProductMoney(toolsMixInput()).families;
    const ctx = familyContext(tools, ["Jan", "Feb"], null);
    const plan = costPlan(ctx, "manual", { workers: [9, 5], regular: [90, 50], overtime: [0, 0], subcontract: [0, 0], unmet: [10, 0] });
    expect(plan.revenueAtRisk).toBe(96 * 10);
    expect(plan.revenue).toBe(96 * 140);
    // 96 − material 20 − regular cost 2 a unit.
    expect(lostMarginPerUnit(ctx, 0)).toBe(74);
  });
});

describe("which price is used, said once per family", () => {
  it("the products' prices where they differ from the Policy's", () => {
    expect(priceNotes(toolsMixInput(), "Price per unit")).toEqual([
      { severity: "info", message: "Tools: revenue uses the products' Price (Drill 80, Saw 120; weighted by mix), not the Policy's Price per unit of 100." },
    ]);
  });

  it("a product with no price and no Policy price earns nothing: a warning naming what to fill", () => {
    const input = toolsMixInput();
    input.families[0].policy.pricePerUnit = 0;
    input.products[1].price = null;
    expect(priceNotes(input, "Price per unit")).toEqual([
      { severity: "warning", message: "Tools: Saw has no price, so it earns no revenue: fill its Price in Products or the Policy's Price per unit for Tools." },
    ]);
  });

  it("nothing to say when every price agrees, or when nothing is priced at all", () => {
    const agreeing = toolsMixInput();
    agreeing.products.forEach((p) => (p.price = 100));
    expect(priceNotes(agreeing, "Price per unit")).toEqual([]);
    const costOnly = toolsMixInput();
    costOnly.families[0].policy.pricePerUnit = 0;
    costOnly.products.forEach((p) => (p.price = null));
    expect(priceNotes(costOnly, "Price per unit")).toEqual([]);
  });
});

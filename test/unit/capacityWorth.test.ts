// What one more unit of a binding resource is worth when the plan leaves demand unmet: the margin
// the demand it would serve earns, not the 0 of the constrained plan's last (cost) LP.
import { analysePlans, planAll, resourceRequirements, type LpSolver, type PlanningInput } from "../../src/engine";
import { loadHighsSolver } from "../../src/solver/highs";
import { family } from "../support/planInputs";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/**
 * One family, one resource: the Line has 200 hours a period and a Widget takes L = 2 of them, so at
 * most 100 Widgets a period. Demand 100, 150, 100: Feb is 50 short (no subcontracting, no
 * backorders, and Jan's hours all go to Jan). Price P = 50, variable cost V = material 6 + regular
 * 4 = 10, lost sale cost 5: a Widget unmet loses P − V + 5 = 45. Workers cost nothing (no wages,
 * hires or layoffs), so the Line is the only limit; holding costs 1 a unit a period.
 */
function overTheLine(): PlanningInput {
  return {
    periods: ["Jan", "Feb", "Mar"],
    workingDays: null,
    families: [
      family("Widgets", [100, 150, 100], {
        unitsPerWorkerPerPeriod: 1000,
        initialWorkers: 1,
        regularCostPerUnit: 4,
        materialCostPerUnit: 6,
        pricePerUnit: 50,
        lostSaleCostPerUnit: 5,
        holdingCostPerUnit: 1,
      }),
    ],
    products: [{ product: "Widget", family: "Widgets", demand: null, mix: 1, price: null, unitCost: null, loads: { Line: 2 } }],
    resources: [{ resource: "Line", available: [200, 200, 200] }],
  };
}

describe("capacity worth buying when demand goes unmet", () => {
  it("one more Line hour is worth the lost margin of the half Widget it serves, where that demand is", () => {
    const input = overTheLine();
    const results = planAll(input, ["optimal"], { solver });
    const plan = results[0].plans.find((p) => p.strategy === "optimal")!;
    // 300 Widgets made (100 a period, the Line full every period), 50 of Feb's lost.
    expect(plan.periods.map((p) => p.unmet)).toEqual([0, 50, 0].map((u) => expect.closeTo(u, 6)));
    const analysis = analysePlans(input, input, results, "top-down");
    const [line] = resourceRequirements(analysis.capacity);
    expect(line.periods.map((p) => p.utilization)).toEqual([1, 1, 1].map((u) => expect.closeTo(u, 9)));
    // By hand, an hour more makes 1/L = 0.5 Widget:
    //   Feb: serves 0.5 of Feb's unmet demand: 0.5 × (50 − 10 + 5) = 22.50.
    //   Jan: made in Jan, held to Feb (1 a unit), then served: 0.5 × (45 − 1) = 22.00.
    //   Mar: Mar's demand is all served and nothing after it: 0.
    expect(line.periods.map((p) => p.marginalValue)).toEqual([22, 22.5, 0].map((v) => expect.closeTo(v, 6)));
    // The plan's own why says the same.
    expect(plan.why?.resources).toEqual([{ resource: "Line", marginalValue: [22, 22.5, 0].map((v) => expect.closeTo(v, 6)) }]);
    expect(plan.why?.bindings.find((b) => b.kind === "capacity")?.message).toBe("one more unit of Line capacity in Feb would save 22.50");
    // The risk names the most a period: Feb's 22.50.
    const high = analysis.risks.find((r) => r.kind === "high-load");
    expect(high?.message).toMatch(/; one more unit of its capacity would save up to 22\.50 a period\.$/);
  });

  it("with demand all served, the value is still the cost one more hour saves (the duals')", () => {
    // Feb's 50 extra Widgets bought at 30 each (V = 10 made): an hour more makes 0.5 Widget in Feb
    // instead of buying it: 0.5 × (30 − 10) = 10.00 in Feb; Jan: made in Jan and held, 0.5 × (30 − 10 − 1) = 9.50.
    const input = overTheLine();
    input.families[0].policy.subcontractCostPerUnit = 30;
    const results = planAll(input, ["optimal"], { solver });
    expect(results[0].plans[0].unmet).toBeCloseTo(0, 6);
    const [line] = resourceRequirements(analysePlans(input, input, results, "top-down").capacity);
    expect(line.periods.map((p) => p.marginalValue)).toEqual([9.5, 10, 0].map((v) => expect.closeTo(v, 6)));
  });
});

// Why a family's better plan was passed over for shared capacity: said per family, from its own plans' loads.
import { COST_KINDS, recommendWithinCapacity, type CostBreakdown, type FamilyContext, type FamilyResult, type PlanResult, type SharedResource, type StrategyName } from "../../src/engine";

/** A feasible plan making `made` units a period (1 h of Line each), costing `totalCost`, shipping 100 a period at 10 each. */
function plan(strategy: StrategyName, made: number[], totalCost: number): PlanResult {
  const costs = Object.fromEntries(COST_KINDS.map((k) => [k, 0])) as unknown as CostBreakdown;
  costs.regular = totalCost;
  return {
    strategy,
    feasible: true,
    totalCost,
    costs,
    revenue: 2000,
    margin: 2000 - totalCost,
    periods: made.map((regular) => ({ regular, overtime: 0, inventory: 0 })) as unknown as PlanResult["periods"],
    periodCosts: [],
    periodRevenue: [],
    cogs: totalCost,
    grossMargin: 2000 - totalCost,
    periodCogs: [],
    periodGrossMargin: [],
    shipped: 200,
    unmet: 0,
    revenueAtRisk: 0,
    lostMargin: 0,
    lostSaleCost: 0,
    violations: [],
    shortfallNotes: [],
  };
}

const periods = ["P1", "P2"];
const context = (family: string) => ({ family, periods }) as unknown as FamilyContext;
const line: SharedResource = { resource: "Line", available: [100, 100], loadPerUnit: { A: 1, B: 1 } };

test("each family's note names where its own better plan overloads, with its load there; never a period where it loads less", () => {
  // Both chase plans together load P1 with 90 + 20 = 110 of 100. B's chase loads P1 with only 20 (its
  // optimal plan 30), so P1 is not B's reason: with A's optimal plan, B's chase loads P2 with 50 + 90 = 140.
  const results: FamilyResult[] = [
    { family: "A", recommended: "chase", plans: [plan("chase", [90, 0], 1000), plan("optimal", [50, 50], 1200)] },
    { family: "B", recommended: "chase", plans: [plan("chase", [20, 90], 1000), plan("optimal", [30, 30], 1100)] },
  ];
  recommendWithinCapacity([context("A"), context("B")], results, [line]);
  expect(results.map((r) => r.recommended)).toEqual(["optimal", "optimal"]);
  expect(results[0].capacityNote).toBe("the cheaper chase plan, with the other families' plans, overloads Line in P1 (120 of 100; chase needs 90 of it there, optimal 50)");
  expect(results[1].capacityNote).toBe("the cheaper chase plan, with the other families' plans, overloads Line in P2 (140 of 100; chase needs 90 of it there, optimal 30)");
});

test("a passed-over plan that ships more is named by the margin it adds, never as cheaper", () => {
  const more = { ...plan("chase", [90, 0], 1500), revenue: 3000, margin: 1500, grossMargin: 1500 };
  const results: FamilyResult[] = [
    { family: "A", recommended: "chase", plans: [more, plan("optimal", [50, 50], 1200)] },
    { family: "B", recommended: "optimal", plans: [plan("optimal", [30, 30], 1100)] },
  ];
  recommendWithinCapacity([context("A"), context("B")], results, [line]);
  // Chase costs 300 more but earns 1,000 more: 700 more cash margin.
  expect(results[0].capacityNote).toBe("the chase plan (700 more cash margin), with the other families' plans, overloads Line in P1 (120 of 100; chase needs 90 of it there, optimal 50)");
});

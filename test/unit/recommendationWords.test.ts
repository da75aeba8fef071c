// Why a plan is recommended, in the engine's one wording (the command line, the Summary sheet and the pane say it alike): no saving that is not one, no plan that does not fit called the cheapest.
import { COST_KINDS, recommendationReason, recommendationSentence, STRATEGY_LABELS, unmetDemandText, type CostBreakdown, type FamilyResult, type PlanResult, type StrategyName } from "../../src/engine";

/** A plan costing `totalCost` that ships `shipped` units at 100 each, leaving `unmet` unserved with `lostSaleCostPerUnit` of goodwill each. */
function plan(strategy: StrategyName, totalCost: number, { shipped = 0, unmet = 0, lostSaleCostPerUnit = 0, feasible = true } = {}): PlanResult {
  const costs = Object.fromEntries(COST_KINDS.map((k) => [k, 0])) as unknown as CostBreakdown;
  costs.regular = totalCost;
  return {
    strategy,
    feasible,
    totalCost,
    costs,
    revenue: 100 * shipped,
    margin: 100 * shipped - totalCost,
    periods: [],
    periodCosts: [],
    periodRevenue: [],
    cogs: totalCost,
    grossMargin: 100 * shipped - totalCost,
    periodCogs: [],
    periodGrossMargin: [],
    shipped,
    unmet,
    revenueAtRisk: 100 * unmet,
    lostMargin: 100 * unmet,
    lostSaleCost: lostSaleCostPerUnit * unmet,
    violations: feasible ? [] : [{ periodIndex: 1, message: "backlog in P2 but backorders are not allowed" }],
    shortfallNotes: [],
  };
}

const words = { label: (s: StrategyName) => STRATEGY_LABELS[s] };
const tools = (recommended: StrategyName, plans: PlanResult[], extra: Partial<FamilyResult> = {}): FamilyResult => ({ family: "Tools", recommended, plans, ...extra });
const sentence = (result: FamilyResult) => recommendationSentence(result, words);
const together =
  "the plans compared overload Assembly in P2 (450 of 400) together and no combination of them fits the capacity; the optimal strategy plans what the capacity can serve and says what it cannot";

describe("plans that ship the same units compare by cost", () => {
  test("cheaper by the difference; the same cost within half a cent; the only feasible plan", () => {
    expect(sentence(tools("chase", [plan("level", 10000), plan("chase", 8000)]))).toBe("Chase is recommended, 2,000.00 cheaper than Level, the next feasible plan.");
    expect(sentence(tools("chase", [plan("level", 8000.004), plan("chase", 8000)]))).toBe("Chase is recommended, the same cost as Level.");
    expect(sentence(tools("chase", [plan("chase", 8000), plan("manual", 7000, { feasible: false })]))).toBe("Chase is recommended, the only feasible plan.");
  });

  test("a recommended plan dearer than the next is never called cheaper", () => {
    expect(sentence(tools("optimal", [plan("chase", 10000), plan("optimal", 10500)]))).toBe("Optimal is recommended, 500.00 dearer than Chase, the next feasible plan.");
  });
});

describe("plans that earn different revenue compare by margin", () => {
  // Optimal ships 300 units for 12,000 (margin 18,000); chase ships 200 for 10,000 (margin 10,000).
  test("more margin by the difference, after lost-sale costs where either plan has any", () => {
    expect(sentence(tools("optimal", [plan("optimal", 12000, { shipped: 300 }), plan("chase", 10000, { shipped: 200 })]))).toBe(
      "Optimal is recommended, 8,000.00 more margin than Chase, the next feasible plan.",
    );
    // 50 a unit of goodwill on chase's 100 unmet units: 8,000 + 5,000.
    expect(sentence(tools("optimal", [plan("optimal", 12000, { shipped: 300 }), plan("chase", 10000, { shipped: 200, unmet: 100, lostSaleCostPerUnit: 50 })]))).toBe(
      "Optimal is recommended, 13,000.00 more margin after lost-sale costs than Chase, the next feasible plan.",
    );
  });

  test("less margin, said as less", () => {
    expect(sentence(tools("chase", [plan("chase", 10000, { shipped: 200, unmet: 100 }), plan("optimal", 12000, { shipped: 300 })]))).toBe(
      "Chase is recommended, 8,000.00 less margin than Optimal, the next feasible plan.",
    );
  });
});

describe("capacity", () => {
  test("a plan passed over for the shared capacity: the note", () => {
    const noted = tools("level", [plan("level", 10000), plan("chase", 8000)], { capacityNote: "the cheaper Chase plan overloads Test in P2" });
    expect(sentence(noted)).toBe("Level is recommended: the cheaper Chase plan overloads Test in P2.");
  });

  test("plans that do not fit together: the error, never the cheapest or the only feasible plan", () => {
    const overloaded = tools("optimal", [plan("chase", 10000), plan("optimal", 9000)], { capacityError: together });
    expect(sentence(overloaded)).toBe(`Optimal is recommended, but ${together}.`);
    expect(recommendationReason(overloaded, words)).toBe(together);
    expect(recommendationReason(tools("optimal", [plan("optimal", 9000)], { capacityError: together }), words)).not.toMatch(/only feasible|cheaper/);
  });

  test("no plan compared is feasible: what the one shown breaks", () => {
    const noneFeasible = tools("manual", [plan("manual", 7000, { feasible: false })], { capacityError: "no plan compared is feasible; manual is shown, closest to feasible" });
    expect(recommendationReason(noneFeasible, words)).toBe("not feasible: no plan compared is feasible; manual is shown, closest to feasible");
    expect(recommendationReason(tools("manual", [plan("manual", 7000, { feasible: false })]), words)).toBe("not feasible: backlog in P2 but backorders are not allowed");
  });

  test("no plans: nothing to recommend", () => {
    expect(sentence(tools("chase", []))).toBe("no plan to recommend.");
  });
});

describe("the demand a plan leaves unmet", () => {
  test("units and revenue at risk; nothing below half a unit", () => {
    expect(unmetDemandText(plan("chase", 8000, { shipped: 200, unmet: 40 }))).toBe("40 units of demand unmet (4,000.00 of revenue at risk)");
    expect(unmetDemandText(plan("chase", 8000, { shipped: 200, unmet: 0.3 }))).toBeNull();
  });
});

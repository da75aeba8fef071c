// Product mix that moves (issue 24 item 6): top-down splits each period by the product forecasts' own shares, the optimal plan loads the resources so, and bottom-up and top-down give the same capacity figures for the same plan.
import { analysePlans, bottomUpInput, mixNotUsedNotes, planAll, type PlanningInput } from "../../src/engine";
import type { LpSolver } from "../../src/engine/lp";
import { loadHighsSolver } from "../../src/solver/highs";
import { product } from "../support/aggregationInputs";
import { family } from "../support/planInputs";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const FAMILY = "Tower Fans and Air Circulators";
const TOWER = "Tower Fan 42in Oscillating";
const DESK = "Desk Circulator 9in";

/**
 * The summer peak moves the mix: Tower Fans (0.5 h of Assembly) are 20 % of March but 63 % of May
 * (9,500 of 15,000); Desk Circulators take 0.1 h. The Mix column is blank, so the split follows the
 * forecasts; the old static split by the horizon's totals (50 / 50 %: 22,500 of 45,000) would load
 * May with 15,000 × 0.3 = 4,500 h; the forecasts' own mix needs 4,750 + 550 = 5,300 h. A given
 * `mix` splits the plan only where there are no product rows (or they add up to 0 in a period).
 */
function summerPeak(familyRow?: number[], mix: [number | null, number | null] = [null, null]): PlanningInput {
  const tower = [2000, 5000, 9500, 6000];
  const desk = [8000, 7000, 5500, 6000];
  return {
    periods: ["Mar", "Apr", "May", "Jun"],
    workingDays: null,
    families: [
      family(FAMILY, familyRow ?? tower.map((v, t) => v + desk[t]), {
        unitsPerWorkerPerPeriod: 1000,
        initialWorkers: 10,
        regularCostPerUnit: 5,
        materialCostPerUnit: 20,
        pricePerUnit: 100,
        holdingCostPerUnit: 1,
        hiringCostPerWorker: 10,
        layoffCostPerWorker: 10,
      }),
    ],
    products: [
      product(TOWER, mix[0], tower, { Assembly: 0.5 }, { family: FAMILY }),
      product(DESK, mix[1], desk, { Assembly: 0.1 }, { family: FAMILY }),
    ],
    resources: [{ resource: "Assembly", available: [3000, 3500, 3500, 3500] }],
  };
}

describe("product mix that moves", () => {
  it("top-down splits each period by the product forecasts' own shares, not the horizon's: Tower Fans' demand in May is their 9,500", () => {
    const input = summerPeak();
    const analysis = analysePlans(input, input, planAll(input, ["chase"]), "top-down");
    const tower = analysis.aggregation.products.find((p) => p.product === TOWER)!;
    expect([...tower.demand]).toEqual([2000, 5000, 9500, 6000]);
    // Chase makes each period's demand: May's output loads Assembly with 5,300 h, over its 3,500, and the check says so.
    const may = analysis.capacity[0].periods[2];
    expect(may.required).toBeCloseTo(9500 * 0.5 + 5500 * 0.1, 6);
    expect(may.overload).toBeCloseTo(1800, 6);
  });

  it("the optimal plan keeps Assembly within capacity at each period's own mix (a static split would have planned more in May than fits)", () => {
    const input = summerPeak();
    const results = planAll(input, ["optimal"], { solver });
    const analysis = analysePlans(input, input, results, "top-down");
    for (const p of analysis.capacity[0].periods) expect(p.required).toBeLessThanOrEqual(p.available + 1e-6);
    // May's own demand cannot all be made in May: the plan builds ahead or leaves some unmet, and every period's load is the split plan's.
    const plan = results[0].plans[0];
    expect(plan.periods[2].regular + plan.periods[2].overtime).toBeLessThan(15000);
  });

  it("bottom-up and top-down give the same capacity figures for the same plan (a family row that is its products' sum)", () => {
    const input = summerPeak();
    const topDown = analysePlans(input, input, planAll(input, ["optimal"], { solver }), "top-down");
    const planned = bottomUpInput(input);
    const bottomUp = analysePlans(input, planned, planAll(planned, ["optimal"], { solver }), "bottom-up");
    const figures = (a: typeof topDown) => a.capacity[0].periods.map((p) => [p.required, p.available, p.utilization]);
    const expected = figures(topDown).map((row) => row.map((v) => expect.closeTo(v, 6)));
    expect(figures(bottomUp)).toEqual(expected);
  });

  it("a given Mix (30 / 70 %) does not hold the split static while product rows exist: both approaches follow the forecasts, and an info says so", () => {
    const input = summerPeak(undefined, [0.3, 0.7]);
    const topDown = analysePlans(input, input, planAll(input, ["chase"]), "top-down");
    const tower = topDown.aggregation.products.find((p) => p.product === TOWER)!;
    // Not 0.3 × 15,000 = 4,500 in May: the Tower Fans' own 9,500, and Assembly carries 9,500 × 0.5 + 5,500 × 0.1 = 5,300 h.
    expect([...tower.demand]).toEqual([2000, 5000, 9500, 6000]);
    expect(topDown.capacity[0].periods[2].required).toBeCloseTo(5300, 6);
    const planned = bottomUpInput(input);
    const bottomUp = analysePlans(input, planned, planAll(planned, ["chase"]), "bottom-up");
    expect([...bottomUp.aggregation.products.find((p) => p.product === TOWER)!.demand]).toEqual([2000, 5000, 9500, 6000]);
    // Tower Fans' shares: 2,000/10,000 = 0.2 (Mar) … 9,500/15,000 = 0.63 (May); Desk's 5,500/15,000 = 0.37 … 8,000/10,000 = 0.8.
    expect(mixNotUsedNotes(input).map((m) => m.message)).toEqual([
      `${FAMILY}: the Mix (${TOWER} 0.3, ${DESK} 0.7) is not used: the product forecasts' own shares (${TOWER} 0.2–0.63, ${DESK} 0.37–0.8 by period) split the family plan.`,
    ]);
  });

  it("without product forecast rows the given Mix splits every period: Tower Fans 0.3 of 10,000, 12,000, 15,000, 12,000", () => {
    const withRows = summerPeak(undefined, [0.3, 0.7]);
    const input = { ...withRows, products: withRows.products.map((p) => ({ ...p, demand: null })) };
    const topDown = analysePlans(input, input, planAll(input, ["chase"]), "top-down");
    const tower = topDown.aggregation.products.find((p) => p.product === TOWER)!;
    // 0.3 × 10,000 = 3,000; × 12,000 = 3,600; × 15,000 = 4,500; × 12,000 = 3,600.
    expect([...tower.demand]).toEqual([3000, 3600, 4500, 3600]);
    expect(mixNotUsedNotes(input)).toEqual([]);
  });

  it("a family row that differs from its products is a warning per period, and top-down plans the family row split by the products' shares", () => {
    const input = summerPeak([10000, 12000, 14000, 12000]);
    const analysis = analysePlans(input, input, planAll(input, ["chase"]), "top-down");
    const gaps = analysis.risks.filter((r) => r.kind === "forecast-gap");
    expect(gaps.map((g) => [g.severity, g.period, g.value])).toEqual([["warning", "May", -1000]]);
    expect(gaps[0].message).toBe(`${FAMILY}, May: the family forecast is 14,000 but its products add up to 15,000 (−1,000).`);
    // May's 14,000 split 9,500 : 5,500 in whole units.
    const tower = analysis.aggregation.products.find((p) => p.product === TOWER)!;
    expect(tower.demand[2]).toBe(Math.round((14000 * 9500) / 15000));
  });
});

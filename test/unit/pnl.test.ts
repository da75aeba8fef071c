// The P&L view: cost of goods sold on shipments at weighted average cost, inventory value, period costs in the period; hand-checked.
import { analysePlans, COST_KINDS, planAll, profitAndLoss, type CostBreakdown, type PlanningInput } from "../../src/engine";
import { family } from "../support/planInputs";

const costs = (c: Partial<CostBreakdown>): CostBreakdown => ({ ...(Object.fromEntries(COST_KINDS.map((k) => [k, 0])) as unknown as CostBreakdown), ...c });

// 10 units on hand at the start. P1 makes 20 for 1,000 (50 each), ships 25, keeps 5 (holding 5).
// P2 makes 10 for 700 (70 each), ships 12, keeps 3 (hiring 100). P3 makes nothing but pays 300 of
// payroll, ships the last 3. Price 100.
const units = [
  { made: 20, shipped: 25, inventory: 5 },
  { made: 10, shipped: 12, inventory: 3 },
  { made: 0, shipped: 3, inventory: 0 },
];
const periodCosts = [costs({ material: 1000, holding: 5 }), costs({ regular: 300, subcontract: 400, hiring: 100 }), costs({ regular: 300 })];
const revenue = [2500, 1200, 300];

describe("profitAndLoss (weighted average cost)", () => {
  const pnl = profitAndLoss(units, periodCosts, revenue, null);

  it("values the opening stock at the first making period's unit cost: 10 × 50", () => {
    expect(pnl.openingValuePerUnit).toBe(50);
    expect(pnl.openingValue).toBe(500);
  });

  it("P1: pool of 30 units worth 1,500 (50 each); 25 shipped cost 1,250; 5 kept worth 250; margin 2,500 − 1,250 − 5", () => {
    expect(pnl.periods[0]).toEqual({ unitCost: 50, cogs: 1250, periodCosts: 5, grossMargin: 1245, inventoryValue: 250 });
  });

  it("P2: pool of 15 units worth 250 + 700 = 950; 12 shipped cost 760; 3 kept worth 190; hiring charged in the period", () => {
    const p = pnl.periods[1];
    expect(p.unitCost).toBeCloseTo(950 / 15, 12);
    expect(p.cogs).toBeCloseTo(760, 9);
    expect(p.inventoryValue).toBeCloseTo(190, 9);
    expect(p.grossMargin).toBeCloseTo(1200 - 760 - 100, 9);
  });

  it("P3 makes nothing: the idle payroll is charged to the period's cost of goods sold beside the last 3 units' 190", () => {
    const p = pnl.periods[2];
    expect(p.cogs).toBeCloseTo(190 + 300, 9);
    expect(p.inventoryValue).toBe(0);
    expect(p.grossMargin).toBeCloseTo(300 - 490, 9);
  });

  it("over the horizon, P&L margin = cash margin + closing inventory value − opening inventory value", () => {
    const cash = revenue.reduce((a, b) => a + b, 0) - periodCosts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
    expect(cash).toBe(1895);
    expect(pnl.grossMargin).toBeCloseTo(cash + 0 - 500, 9);
    expect(pnl.cogs).toBeCloseTo(1250 + 760 + 490, 9);
  });

  it("a Policy `Opening stock value per unit` of 40 values the opening stock instead: P1's pool is 1,400 for 30 units", () => {
    const given = profitAndLoss(units, periodCosts, revenue, 40);
    expect(given.openingValue).toBe(400);
    expect(given.periods[0].unitCost).toBeCloseTo(1400 / 30, 12);
    expect(given.periods[0].cogs).toBeCloseTo((1400 / 30) * 25, 9);
  });
});

describe("the P&L view of a seasonal pre-build (level plan: 87.5 units a month for demand 50, 50, 50, 200)", () => {
  // 10 units per worker, 6 per unit made, price 10, holding 0.5 per unit per month.
  const input: PlanningInput = {
    periods: ["Jan", "Feb", "Mar", "Apr"],
    workingDays: null,
    products: [],
    resources: [],
    families: [family("Fans", [50, 50, 50, 200], { unitsPerWorkerPerPeriod: 10, regularCostPerUnit: 6, pricePerUnit: 10, holdingCostPerUnit: 0.5 })],
  };
  const results = planAll(input, ["level"]);
  const plan = results[0].plans[0];

  it("in cash the build-ahead months lose money: Jan spends 525 + 18.75 against revenue 500", () => {
    expect(plan.periods.map((p) => p.regular)).toEqual([87.5, 87.5, 87.5, 87.5]);
    expect(plan.periodRevenue[0] - plan.periodCosts[0].regular - plan.periodCosts[0].holding).toBeCloseTo(500 - 525 - 18.75, 9);
  });

  it("in the P&L Jan earns 500 − 50 × 6 − 18.75; the stock is worth 6 a unit; the horizon's margins agree (no stock at either end)", () => {
    expect(plan.periodCogs[0]).toBeCloseTo(300, 9);
    expect(plan.periodGrossMargin[0]).toBeCloseTo(181.25, 9);
    expect(plan.periods.map((p) => p.inventoryValue)).toEqual(plan.periods.map((p) => p.inventory * 6).map((v) => expect.closeTo(v, 9)));
    expect(plan.grossMargin).toBeCloseTo(plan.margin, 9);
  });

  it("raises no loss risk: the build-ahead months are not losses", () => {
    const risks = analysePlans(input, input, results, "top-down").risks;
    expect(risks.filter((r) => r.kind === "loss")).toEqual([]);
  });
});

// Warehouse space as a resource: Products `Storage per unit` × end-of-period stock loads Policy `Storage resource`, which every plan keeps within capacity.
import type { LpSolver } from "../../src/engine/lp";
import { loadHighsSolver } from "../../src/solver/highs";
import { runPlanner } from "../../src/workbook/pipeline";
import type { RawCell } from "../../src/workbook/raw";
import { sheetBlock } from "../support/grids";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/**
 * March needs 400 Drills, the Press makes 200 a month (1 h each of 200 h): 200 must be built ahead,
 * but a Drill takes 1 place in a warehouse of 150. So at most 150 are carried into March, and 50 of
 * its demand go unmet (lost, no backorders) — without the warehouse the plan would carry 200.
 */
function workbook(storageResource: RawCell = "Warehouse", warehouse = 150) {
  return [
    sheetBlock("Forecast", [["Family", "Product", "Jan", "Feb", "Mar"], ["Tools", null, 100, 100, 400]]),
    sheetBlock("Products", [["Product", "Family", "Mix", "Press", "Storage per unit"], ["Drill", "Tools", 1, 1, 1]]),
    sheetBlock("Capacity", [["Resource", "Jan", "Feb", "Mar"], ["Press", 200, 200, 200], ["Warehouse", warehouse, warehouse, warehouse]]),
    sheetBlock("Policy", [
      ["Parameter", "Value"],
      ["Units per worker per period", 1000],
      ["Initial workers", 1],
      ["Regular cost per unit", 10],
      ["Material cost per unit", 5],
      ["Price per unit", 100],
      ["Holding cost per unit", 1],
      ["Storage resource", storageResource],
    ]),
  ];
}

describe("warehouse space as a resource", () => {
  it("the optimal plan carries at most 150 Drills into March (the warehouse), and leaves 50 of March unmet", () => {
    const run = runPlanner(workbook(), { strategies: ["optimal"], solver });
    expect(run.messages.filter((m) => m.severity === "error")).toEqual([]);
    const plan = run.results[0].plans[0];
    plan.periods.forEach((p) => expect(p.inventory).toBeLessThanOrEqual(150 + 1e-6));
    expect(plan.periods[1].inventory).toBeCloseTo(150, 6);
    expect(plan.periods[2].unmet).toBeCloseTo(50, 6);
    // The Capacity sheet's and the JSON's Warehouse is the stock: 50 in Jan at least, 150 at the end of Feb.
    const warehouse = run.resources.find((r) => r.resource === "Warehouse")!;
    expect(warehouse.periods.map((p) => p.required)).toEqual(plan.periods.map((p) => expect.closeTo(p.inventory, 6)));
    expect(warehouse.periods[1].utilization).toBeCloseTo(1, 6);
  });

  it("with subcontracting at 60 the 50 are bought instead, and one more place in February is worth 60 − (15 made in Jan + 1 + 1 held) = 43", () => {
    const [forecast, products, capacity, policy] = workbook();
    const withSubcontract = sheetBlock("Policy", [...(policy.values as RawCell[][]), ["Subcontract cost per unit", 60]]);
    const run = runPlanner([forecast, products, capacity, withSubcontract], { strategies: ["optimal"], solver });
    const plan = run.results[0].plans[0];
    expect(plan.unmet).toBeCloseTo(0, 6);
    expect(plan.periods[2].subcontract).toBeCloseTo(50, 6);
    const warehouse = run.resources.find((r) => r.resource === "Warehouse")!;
    expect(warehouse.periods[1].marginalValue).toBeCloseTo(43, 6);
  });

  it("a bigger warehouse (250) carries the 200 March needs: nothing unmet", () => {
    const run = runPlanner(workbook("warehouse", 250), { strategies: ["optimal"], solver });
    const plan = run.results[0].plans[0];
    expect(plan.unmet).toBeCloseTo(0, 6);
    expect(plan.periods[1].inventory).toBeCloseTo(200, 6);
  });

  it("a rule-based plan that stocks more than the warehouse holds is not feasible, and says where", () => {
    // Level: one workforce making 200 a month builds 100 + 100 ahead: 200 in stock at the end of Feb.
    const run = runPlanner(workbook(), { strategies: ["level"] });
    const level = run.results[0].plans[0];
    expect(level.feasible).toBe(false);
    expect(level.violations.map((v) => v.message)).toContainEqual(expect.stringMatching(/^Feb: loads Warehouse at 133\.3 % \(200 of 150 available\)$/));
  });

  it("a storage resource that is not in Capacity is an error naming its cell", () => {
    const run = runPlanner(workbook("Warehose"), { strategies: ["level"] });
    expect(run.input).toBeNull();
    expect(run.messages).toContainEqual({
      severity: "error",
      cell: "Policy!B8",
      message: 'Policy!B8: the storage resource "Warehose" is not a resource in Capacity ("Press", "Warehouse").',
    });
  });
});

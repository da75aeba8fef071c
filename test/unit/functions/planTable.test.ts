// The spilled plan table: nine lines in the documented order, the optional header, and periods running the way demand runs.
import { costPlan, POLICY_DEFAULTS, productionRates, type PlanResult } from "../../../src/engine";
import { planTable } from "../../../src/functions/planTable";

/** A two-period plan with a number in every line: 2 units per worker, payroll 10 per worker, holding 1, backorders 3. */
function twoPeriodPlan(): PlanResult {
  const policy = { ...POLICY_DEFAULTS, unitsPerWorkerPerPeriod: 2, hoursPerWorkerPerPeriod: 1, regularCostPerHour: 10, holdingCostPerUnit: 1, backorderCostPerUnit: 3, subcontractCostPerUnit: 5, overtimeCostPerUnit: 4, maxOvertimeHoursPerWorker: 1, initialWorkers: 1, hiringCostPerWorker: 7, layoffCostPerWorker: 8 };
  const rates = productionRates(policy, null, 2);
  if (!rates.ok) throw new Error(rates.problems.map((p) => p.code).join("; "));
  const ctx = { family: "", periods: ["period 1", "period 2"], demand: [10, 2], policy, rates: rates.rates };
  // Period 1: 3 workers make 6 + 1 overtime + 1 bought = 8 of 10: 2 short. Period 2: 1 worker makes 2 + 2 bought, clears the 2 and holds 0.
  return costPlan(ctx, "manual", { workers: [3, 1], regular: [6, 2], overtime: [1, 0], subcontract: [1, 2] });
}

describe("a plan table has nine lines across the periods", () => {
  test("Regular, Overtime, Subcontract, Workers, Hired, Laid off, Inventory, Backlog, Cost", () => {
    expect(planTable(twoPeriodPlan(), { header: true, orientation: "across" })).toEqual([
      ["Regular", 6, 2],
      ["Overtime", 1, 0],
      ["Subcontract", 1, 2],
      ["Workers", 3, 1],
      ["Hired", 2, 0],
      ["Laid off", 0, 2],
      ["Inventory", 0, 0],
      ["Backlog", 2, 0],
      // Period 1: payroll 30 + overtime 4 + hire 14 + backorder 6 + bought 5 = 59. Period 2: payroll 10 + layoff 16 + bought 10 = 36.
      ["Cost", 59, 36],
    ]);
  });

  test("without the header the table is numbers only", () => {
    const table = planTable(twoPeriodPlan(), { header: false, orientation: "across" });
    expect(table).toHaveLength(9);
    expect(table.every((line) => line.length === 2 && line.every((cell) => typeof cell === "number"))).toBe(true);
  });

  test("periods down: one row per period, the header is the first row", () => {
    const table = planTable(twoPeriodPlan(), { header: true, orientation: "down" });
    expect(table[0]).toEqual(["Regular", "Overtime", "Subcontract", "Workers", "Hired", "Laid off", "Inventory", "Backlog", "Cost"]);
    expect(table[1]).toEqual([6, 1, 1, 3, 2, 0, 0, 2, 59]);
    expect(table[2]).toEqual([2, 0, 2, 1, 0, 2, 0, 0, 36]);
  });
});

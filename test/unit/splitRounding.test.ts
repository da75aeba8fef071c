// Whole workers by splitting the LP's plateaus: the plateaus and splits on a hand case, coordinate descent against brute force, and the split plan of a tiny family against every whole workforce near the LP's.
import {
  assemblePlanningLp,
  familyContext,
  plateausOf,
  splitPlateaus,
  splitsOf,
  withWorkersFixed,
  type AssembledProblem,
  type LpSolver,
  type PlanningInput,
} from "../../src/engine";
import { loadHighsSolver } from "../../src/solver/highs";
import { family } from "../support/planInputs";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/**
 * One family of `weeks` periods, whole workers: 100 units a period at 40 a worker (2.5 workers'
 * worth), 2 workers to start, hiring and layoffs dear enough that the LP keeps one level, stock
 * cheap to hold and backorders dearer, no overtime or subcontracting.
 */
function tinyFamily(weeks: number): AssembledProblem {
  const periods = Array.from({ length: weeks }, (_, t) => `W${t + 1}`);
  const data: PlanningInput = {
    periods,
    workingDays: null,
    products: [],
    resources: [],
    families: [
      family(
        "Tiny",
        periods.map(() => 100),
        {
          unitsPerWorkerPerPeriod: 40,
          regularCostPerUnit: 0,
          hoursPerWorkerPerPeriod: 160,
          regularCostPerHour: 20,
          hiringCostPerWorker: 900,
          layoffCostPerWorker: 1200,
          holdingCostPerUnit: 2,
          backorderCostPerUnit: 9,
          subcontractCostPerUnit: null,
          maxOvertimeHoursPerWorker: 0,
          initialWorkers: 2,
          initialInventory: 0,
          integerWorkers: true,
        },
      ),
    ],
  };
  return assemblePlanningLp([familyContext(data.families[0], data.periods, data.workingDays)]);
}

/** The LP's cost with the workforce fixed at the values' (null when no plan meets it). */
const pricer = (assembled: AssembledProblem) => (values: Float64Array) => {
  const solution = solver.solve(withWorkersFixed(assembled, values, (w) => w), { algorithm: "simplex" });
  return solution.status === "optimal" ? solution : null;
};

/** The whole-worker columns of a one-family problem (column W of each period: the first of 8). */
const workerColumns = (assembled: AssembledProblem) => Array.from({ length: assembled.problem.columnCount / 8 }, (_, t) => t * 8);

describe("the plateaus and their splits", () => {
  it("a run of periods at one fractional level is a plateau; a whole level is none", () => {
    const assembled = tinyFamily(6);
    const lp = new Float64Array(assembled.problem.columnCount);
    [2.5, 2.5, 2.5, 3, 3.25, 3.25].forEach((w, t) => (lp[t * 8] = w));
    expect(plateausOf(assembled, lp)).toEqual([
      { columns: [0, 8, 16], low: 2, high: 3 },
      { columns: [32, 40], low: 3, high: 4 },
    ]);
  });

  it("a plateau of 4 at 2.5 is split 2 and 2 either way round, 1 and 3, 3 and 1, and kept whole at either level", () => {
    const splits = splitsOf({ columns: [0, 8, 16, 24], low: 2, high: 3 }, 2.5);
    expect(splits.slice(0, 2)).toEqual([
      [3, 3, 2, 2],
      [2, 2, 3, 3],
    ]);
    const key = (levels: number[]) => levels.join("");
    expect(new Set(splits.map(key))).toEqual(new Set(["3322", "2233", "3222", "2223", "3332", "2333", "2222", "3333"]));
  });
});

describe("coordinate descent over the plateaus", () => {
  it("with a cost that adds up plateau by plateau, it reaches the cheapest of every combination of splits", () => {
    const assembled = tinyFamily(7);
    const lp = new Float64Array(assembled.problem.columnCount);
    [2.5, 2.5, 2.5, 2.5, 1.4, 1.4, 1.4].forEach((w, t) => (lp[t * 8] = w));
    const plateaus = plateausOf(assembled, lp);
    expect(plateaus).toHaveLength(2);
    // A made-up cost: each period's workforce away from a target path, weighed by period.
    const target = [3, 2, 3, 2, 1, 2, 2];
    const cost = (values: Float64Array) => target.reduce((sum, w, t) => sum + (t + 1) * Math.abs(values[t * 8] - w), 0);
    const start = lp.map((v, j) => (j % 8 === 0 ? Math.round(v) : v));
    const found = splitPlateaus(assembled, lp, start, cost(start), (values) => ({ objective: cost(values) }), () => false);
    // Brute force: every split of the first plateau with every split of the second.
    let best = Infinity;
    for (const a of splitsOf(plateaus[0], 2.5)) {
      for (const b of splitsOf(plateaus[1], 1.4)) {
        const values = start.slice();
        a.forEach((w, i) => (values[plateaus[0].columns[i]] = w));
        b.forEach((w, i) => (values[plateaus[1].columns[i]] = w));
        best = Math.min(best, cost(values));
      }
    }
    expect(best).toBeLessThan(cost(start));
    expect(found?.priced.objective).toBe(best);
  });

  it("stops at the first plan it is told is good enough, and after the prices it may spend", () => {
    const assembled = tinyFamily(4);
    const lp = new Float64Array(assembled.problem.columnCount);
    [2.5, 2.5, 2.5, 2.5].forEach((w, t) => (lp[t * 8] = w));
    const start = lp.map((v, j) => (j % 8 === 0 ? 3 : v));
    let prices = 0;
    const price = (values: Float64Array) => {
      prices++;
      return { objective: workerColumns(assembled).reduce((sum, j) => sum + values[j], 0) };
    };
    // Every split below 12 workers' worth is cheaper; the first priced (3, 3, 2, 2) is good enough.
    const found = splitPlateaus(assembled, lp, start, 12, price, (cost) => cost < 12);
    expect(prices).toBe(1);
    expect(Array.from(workerColumns(assembled), (j) => found!.values[j])).toEqual([3, 3, 2, 2]);
    prices = 0;
    expect(splitPlateaus(assembled, lp, start, 12, price, () => false, 3)).not.toBeNull();
    expect(prices).toBe(3);
  });
});

describe("on a tiny family, by the LP with the workforce fixed", () => {
  it("the split plan is whole, no dearer than the LP rounded, and as cheap as the best of every whole workforce within a worker of the LP's", () => {
    const assembled = tinyFamily(5);
    const price = pricer(assembled);
    const lp = solver.solve(assembled.problem, { relaxIntegrality: true });
    expect(lp.status).toBe("optimal");
    const columns = workerColumns(assembled);
    // The LP keeps 2.5 workers all five weeks (one plateau).
    expect(plateausOf(assembled, lp.columnValues)).toEqual([{ columns, low: 2, high: 3 }]);
    const nearest = lp.columnValues.map((v, j) => (columns.includes(j) ? Math.round(v) : v));
    const rounded = price(nearest)!;
    const found = splitPlateaus(assembled, lp.columnValues, rounded.columnValues, rounded.objective, price, () => false);
    expect(found).not.toBeNull();
    const split = found!.priced;
    expect(columns.every((j) => Number.isInteger(split.columnValues[j]))).toBe(true);
    expect(split.objective).toBeLessThan(rounded.objective);
    // Brute force: every workforce of 1 to 4 workers a week (4^5 plans), each priced by the LP.
    let best = Infinity;
    for (let code = 0; code < 4 ** columns.length; code++) {
      const values = lp.columnValues.slice();
      columns.forEach((j, t) => (values[j] = 1 + (Math.floor(code / 4 ** t) % 4)));
      best = Math.min(best, price(values)?.objective ?? Infinity);
    }
    // The integer optimum (the MIP, exactly) is that best, and no plan is cheaper than the LP.
    const mip = solver.solve(assembled.problem, { relativeGap: 0 });
    expect(mip.objective).toBeCloseTo(best, 6);
    expect(split.objective).toBeGreaterThanOrEqual(best - 1e-6);
    expect(split.objective).toBeCloseTo(best, 6);
    expect(lp.objective).toBeLessThan(best);
  });
});

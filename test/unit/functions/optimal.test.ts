// SOP.OPTIMAL's body: the solver loads once, identical inputs are answered from memory, a failed load is retried.
import type { LpSolver } from "../../../src/engine/lp";
import { createOptimalPlanTable } from "../../../src/functions/optimal";
import { loadHighsSolver } from "../../../src/solver/highs";
import { ExcelError, installCustomFunctions } from "../../support/customFunctions";

beforeAll(() => installCustomFunctions());

const POLICY = [
  ["Units per worker per period", 50],
  ["Hours per worker per period", 160],
  ["Regular cost per hour", 10],
  ["Hiring cost per worker", 100],
  ["Layoff cost per worker", 200],
  ["Holding cost per unit", 2],
];

/** The real solver, counting loads and solves. */
function countingLoader() {
  const counts = { loads: 0, solves: 0 };
  const load = async (): Promise<LpSolver> => {
    counts.loads++;
    const solver = await loadHighsSolver();
    return { name: solver.name, solve: (problem, options) => (counts.solves++, solver.solve(problem, options)) };
  };
  return { counts, load };
}

describe("the solver is loaded lazily, once", () => {
  test("nothing loads until a valid call; then one load serves every call", async () => {
    const { counts, load } = countingLoader();
    const optimal = createOptimalPlanTable(load);
    await optimal([[-1]], POLICY, null, null);
    expect(counts.loads).toBe(0);
    await Promise.all([optimal([[300, 100, 200]], POLICY, null, null), optimal([[100, 100]], POLICY, null, null)]);
    expect(counts.loads).toBe(1);
  });

  test("a failed load is an #N/A cell, and the next call tries again", async () => {
    let attempts = 0;
    const optimal = createOptimalPlanTable(async () => {
      attempts++;
      if (attempts === 1) throw new Error("offline");
      return loadHighsSolver();
    });
    const [[first]] = await optimal([[300, 100, 200]], POLICY, null, null);
    expect(first).toEqual(new ExcelError("#N/A", "the LP solver could not be loaded: offline"));
    const table = await optimal([[300, 100, 200]], POLICY, null, null);
    expect(table).toHaveLength(9);
    expect(attempts).toBe(2);
  });
});

describe("answers are cached by input", () => {
  test("the same arguments are solved once; an omitted argument and a blank one are the same input", async () => {
    const { counts, load } = countingLoader();
    const optimal = createOptimalPlanTable(load);
    const first = await optimal([[300, 100, 200]], POLICY, null, null);
    const solves = counts.solves;
    expect(await optimal([[300, 100, 200]], POLICY, undefined, undefined)).toBe(first);
    expect(counts.solves).toBe(solves);
    await optimal([[300, 100, 201]], POLICY, null, null);
    expect(counts.solves).toBeGreaterThan(solves);
  });

  test("beyond its capacity the oldest answer is dropped", async () => {
    const { counts, load } = countingLoader();
    const optimal = createOptimalPlanTable(load, 2);
    await optimal([[1]], POLICY, null, null);
    await optimal([[2]], POLICY, null, null);
    await optimal([[3]], POLICY, null, null);
    const solves = counts.solves;
    await optimal([[3]], POLICY, null, null);
    expect(counts.solves).toBe(solves);
    await optimal([[1]], POLICY, null, null);
    expect(counts.solves).toBeGreaterThan(solves);
  });
});

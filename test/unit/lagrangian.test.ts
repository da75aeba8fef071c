// The Lagrangian bound of coupled families with whole workers: its subproblems by hand, and on tiny families sharing a press it lies between the LP's bound and the integer optimum found by brute force.
import {
  assemblePlanningLp,
  familyContext,
  lagrangianBound,
  lagrangianSubproblems,
  resourcePrices,
  withWorkersFixed,
  type AssembledProblem,
  type FamilyInput,
  type LpProblem,
  type LpSolver,
  type SharedResource,
} from "../../src/engine";
import { loadHighsSolver } from "../../src/solver/highs";
import { family } from "../support/planInputs";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const PERIODS = ["W1", "W2", "W3"];

/** A small family with whole workers: 40 units a worker, no overtime or subcontracting, dear hiring and layoffs, backorders allowed. */
function tiny(name: string, demand: number[], initialWorkers: number): FamilyInput {
  return family(name, demand, {
    unitsPerWorkerPerPeriod: 40,
    regularCostPerUnit: 3,
    hoursPerWorkerPerPeriod: 160,
    regularCostPerHour: 20,
    hiringCostPerWorker: 900,
    layoffCostPerWorker: 1200,
    holdingCostPerUnit: 2,
    backorderCostPerUnit: 30,
    subcontractCostPerUnit: null,
    maxOvertimeHoursPerWorker: 0,
    initialWorkers,
    initialInventory: 0,
    integerWorkers: true,
  });
}

/** Two tiny families on one press of `available` hours a period (1 and 2 hours a unit). */
function pressed(available: number): AssembledProblem {
  const families = [tiny("A", [90, 130, 70], 2), tiny("B", [50, 60, 45], 1)];
  const press: SharedResource = { resource: "Press", available: PERIODS.map(() => available), loadPerUnit: { A: 1, B: 2 } };
  return assemblePlanningLp(
    families.map((f) => familyContext(f, PERIODS, null)),
    [press],
  );
}

/** A family's least cost alone with whole workers, solved exactly. */
const exactly = (problem: LpProblem) => {
  const mip = solver.solve(problem, { relativeGap: 0 });
  expect(mip.status).toBe("optimal");
  return mip.objective;
};

/**
 * The integer optimum by brute force: every workforce of 1 to 4 workers a period for A and 0 to 3
 * for B (4^6 plans; the LP's are 2.25–3.25 and 1.25–1.5), the rest by the LP.
 */
function bruteForce(assembled: AssembledProblem): number {
  const workerColumns = assembled.placements.flatMap(({ firstColumn }, i) => PERIODS.map((_, t) => ({ j: firstColumn + t * 8, low: i === 0 ? 1 : 0 })));
  let best = Infinity;
  const values = new Float64Array(assembled.problem.columnCount);
  for (let code = 0; code < 4 ** workerColumns.length; code++) {
    workerColumns.forEach(({ j, low }, k) => (values[j] = low + (Math.floor(code / 4 ** k) % 4)));
    const solution = solver.solve(withWorkersFixed(assembled, values, (w) => w), { algorithm: "simplex" });
    if (solution.status === "optimal") best = Math.min(best, solution.objective);
  }
  return best;
}

describe("the Lagrangian subproblems", () => {
  it("each family keeps its own rows; the press's use is priced into its costs and the press's worth taken off once", () => {
    const assembled = pressed(200);
    const prices = Float64Array.from([4, 0, 7]);
    const { subproblems, constant } = lagrangianSubproblems(assembled, prices);
    expect(subproblems).toHaveLength(2);
    const [a, b] = assembled.placements;
    expect(subproblems[0].rowCount).toBe(a.block.rowCount);
    expect(subproblems[1].columnCount).toBe(b.block.columnCount);
    expect(constant).toBeCloseTo(assembled.problem.offset - (4 + 7) * 200, 9);
    // Regular output (column R, the 4th of 8) of W1 and W3: A's at 1 h a unit, B's at 2 h.
    const R = 3;
    expect(subproblems[0].cost[R]).toBeCloseTo(assembled.problem.cost[a.firstColumn + R] + 4 * 1, 9);
    expect(subproblems[1].cost[16 + R]).toBeCloseTo(assembled.problem.cost[b.firstColumn + 16 + R] + 7 * 2, 9);
    expect(subproblems[1].cost[8 + R]).toBeCloseTo(assembled.problem.cost[b.firstColumn + 8 + R], 9);
    // No entry of a subproblem is in another's rows or the press's.
    for (const sub of subproblems) for (const row of sub.matrix.rows) expect(row).toBeLessThan(sub.rowCount);
  });

  it("prices a binding row at its marginal value with the sign turned, and a row with a lower limit not at all", () => {
    const assembled = pressed(200);
    const duals = new Float64Array(assembled.problem.rowCount);
    duals[assembled.firstResourceRow] = -5;
    duals[assembled.firstResourceRow + 1] = 3;
    expect(Array.from(resourcePrices(assembled, duals))).toEqual([5, 0, 0]);
    const rowLower = assembled.problem.rowLower.slice();
    rowLower[assembled.firstResourceRow] = 10;
    expect(Array.from(resourcePrices({ ...assembled, problem: { ...assembled.problem, rowLower } }, duals))).toEqual([0, 0, 0]);
  });
});

describe("the Lagrangian bound at the LP's prices", () => {
  it("a tight press: at least the LP's bound, at most the integer optimum found by brute force", () => {
    const assembled = pressed(200);
    const lp = solver.solve(assembled.problem, { relaxIntegrality: true });
    expect(lp.status).toBe("optimal");
    // The press binds: the LP prices it.
    expect(resourcePrices(assembled, lp.rowDuals!).some((p) => p > 0)).toBe(true);
    const bound = lagrangianBound(assembled, lp.rowDuals!, exactly);
    const optimum = bruteForce(assembled);
    expect(solver.solve(assembled.problem, { relativeGap: 0 }).objective).toBeCloseTo(optimum, 6);
    expect(bound).toBeGreaterThan(lp.objective + 1);
    expect(bound).toBeLessThanOrEqual(optimum + 1e-6);
  });

  it("a press with room to spare: no price, and the bound is each family's optimum alone, their sum the optimum", () => {
    const assembled = pressed(1e6);
    const lp = solver.solve(assembled.problem, { relaxIntegrality: true });
    expect(Array.from(resourcePrices(assembled, lp.rowDuals!))).toEqual([0, 0, 0]);
    const bound = lagrangianBound(assembled, lp.rowDuals!, exactly);
    expect(bound).toBeCloseTo(solver.solve(assembled.problem, { relativeGap: 0 }).objective, 6);
  });

  it("with each family's LP instead of its MIP it is the LP's bound (strong duality): a family without a MIP bound costs the bound nothing below the LP's", () => {
    const assembled = pressed(200);
    const lp = solver.solve(assembled.problem, { relaxIntegrality: true });
    const bound = lagrangianBound(assembled, lp.rowDuals!, (problem) => solver.solve(problem, { relaxIntegrality: true }).objective);
    expect(bound).toBeCloseTo(lp.objective, 6);
  });

  it("is no bound when a family has none", () => {
    const assembled = pressed(200);
    const lp = solver.solve(assembled.problem, { relaxIntegrality: true });
    expect(lagrangianBound(assembled, lp.rowDuals!, (problem, i) => (i === 1 ? -Infinity : exactly(problem)))).toBe(-Infinity);
  });
});

// Whatever a worksheet passes, every SOP.* function answers with values or an Excel error that says
// what is wrong: 300 seeded random calls per function, through what functions.ts registers, and not
// one "internal error" (an exception the planner did not foresee).
import { HAND_POLICY } from "../../support/handCase";
import { ExcelError, registerFunctions, type CustomFunction } from "../../support/customFunctions";
import { prng } from "../../support/prng";

let byId: Map<string, CustomFunction>;
beforeAll(async () => {
  byId = (await registerFunctions()).byId;
});


/** What Excel passes in a range: numbers, text, booleans, blanks ("" as Excel sends them), errors. */
const CELLS: unknown[] = [0, 1, 2.5, 50, 300, -1, 1e13, 1e308, "", " ", "n/a", "100", "=SUM(A1)", "Total", true, false, null, new ExcelError("#N/A")];

function grid(random: () => number): unknown[][] {
  const rows = Math.floor(random() * 4);
  const columns = Math.floor(random() * 5);
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => CELLS[Math.floor(random() * CELLS.length)]));
}

/** Mostly a real Policy range with one cell changed, sometimes a random grid, sometimes nothing. */
function policy(random: () => number): unknown[][] | null {
  const roll = random();
  if (roll < 0.1) return null;
  if (roll < 0.3) return grid(random);
  const copy: unknown[][] = HAND_POLICY.map((line) => [...line]);
  const r = Math.floor(random() * copy.length);
  copy[r][Math.floor(random() * 2)] = CELLS[Math.floor(random() * CELLS.length)];
  return copy;
}

const ARGUMENTS: Record<string, (random: () => number) => unknown[]> = {
  LEVEL: (r) => [grid(r), policy(r), r() < 0.5 ? null : grid(r), r() < 0.5 ? null : r() < 0.5],
  CHASE: (r) => [grid(r), policy(r), r() < 0.5 ? null : grid(r), r() < 0.5 ? null : r() < 0.5],
  COST: (r) => [grid(r), grid(r), policy(r), r() < 0.5 ? null : ["Total", "Margin", "Holdng", 3, ""][Math.floor(r() * 5)], r() < 0.5 ? null : grid(r)],
  DISAGGREGATE: (r) => [grid(r), grid(r)],
  LOAD: (r) => [grid(r), grid(r)],
  UTILIZATION: (r) => [grid(r), grid(r)],
  OPTIMAL: (r) => [grid(r), policy(r), r() < 0.5 ? null : grid(r), r() < 0.5 ? null : r() < 0.5],
  FORECAST: (r) => [
    grid(r),
    CELLS[Math.floor(r() * CELLS.length)],
    r() < 0.5 ? null : [1, 4, 12, 0, 2.5, "x"][Math.floor(r() * 6)],
    r() < 0.5 ? null : ["ETS", "naive", "Croston", "seasonal naive", "Holt", 3][Math.floor(r() * 6)],
    r() < 0.5 ? null : r() < 0.5,
    r() < 0.5 ? null : r() < 0.5,
  ],
  ACCURACY: (r) => [grid(r), grid(r), r() < 0.5 ? null : r() < 0.5],
};

/** Every error cell in a result, spilled or single. */
function errorsIn(result: unknown): ExcelError[] {
  const cells = Array.isArray(result) ? (result as unknown[][]).flat() : [result];
  return cells.filter((c): c is ExcelError => c instanceof ExcelError);
}

describe.each(Object.keys(ARGUMENTS))("SOP.%s with 300 random argument sets", (id) => {
  test("answers every call with values or an error that names the problem, never an internal error", async () => {
    const fn = byId.get(id)!;
    expect(fn).toBeDefined();
    let refused = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const random = prng(seed * 7919 + id.length);
      const args = ARGUMENTS[id](random);
      const result = await Promise.resolve(fn(...args));
      for (const error of errorsIn(result)) {
        expect({ seed, message: error.message ?? "" }).not.toEqual({ seed, message: expect.stringContaining("internal error") });
        // An error cell carries its reason, for the cell's tooltip.
        expect({ seed, hasMessage: (error.message ?? "").length > 0 }).toEqual({ seed, hasMessage: true });
      }
      // No NaN or infinity reaches a cell (Excel would show #NUM! without a reason).
      const numbers = (Array.isArray(result) ? (result as unknown[][]).flat() : [result]).filter((c): c is number => typeof c === "number");
      expect({ seed, finite: numbers.every(Number.isFinite) }).toEqual({ seed, finite: true });
      if (errorsIn(result).length > 0) refused++;
      else expect({ seed, shape: Array.isArray(result) || typeof result === "number" }).toEqual({ seed, shape: true });
    }
    // Random arguments are mostly wrong: most calls are refused, with reasons.
    expect(refused).toBeGreaterThan(100);
  }, 60_000);
});

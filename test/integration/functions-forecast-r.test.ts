// SOP.FORECAST against R's forecast package, run live (test/support/forecastReference.R): the cells a planner gets for
// R's UKgas (quarters) and USAccDeaths (months) are ets()'s forecasts and 80/95 % intervals, and forced seasonal naive
// and Croston are snaive()'s and croston()'s. Tolerances as in forecast-r.test.ts: 1e-5 relative for ETS, 1e-9 for the
// closed forms.
import { registerFunctions, type CustomFunction } from "../support/customFunctions";
import { forecastReferences, type Intervals, type Reference } from "../support/rReference";

const SERIES: [name: string, seasonLength: number, horizon: number, values: string][] = [
  ["UKgas", 4, 8, "dataset:UKgas"],
  ["USAccDeaths", 12, 18, "dataset:USAccDeaths"],
  ["sparse", 1, 4, "0,2,0,0,5,0,1,0,0,0,3,0,0,4,0,0,2,0,0,0,6,0,1,0"],
];

let references: Reference[] = [];
let byId: Map<string, CustomFunction>;

beforeAll(async () => {
  byId = (await registerFunctions()).byId;
  references = forecastReferences(SERIES);
}, 300_000);

async function forecastCells(...args: unknown[]): Promise<number[][]> {
  const cells = (await byId.get("FORECAST")!(...args)) as unknown[][];
  expect(cells.flat().every((c) => typeof c === "number")).toBe(true);
  return cells as number[][];
}

function expectIntervals(cells: number[][], r: Intervals, tolerance: number): void {
  expect(cells).toHaveLength(r.mean.length);
  cells.forEach(([f, lo80, hi80, lo95, hi95], h) => {
    const scale = Math.max(1, Math.abs(r.mean[h]));
    const off = [f - r.mean[h], lo80 - r.lo80[h], hi80 - r.hi80[h], lo95 - r.lo95[h], hi95 - r.hi95[h]].map((d) => Math.abs(d) / scale);
    expect([h, Math.max(...off) <= tolerance]).toEqual([h, true]);
  });
}

describe("SOP.FORECAST(actuals, horizon, season, \"ETS\", TRUE) is ets() and forecast()", () => {
  test.each([["UKgas"], ["USAccDeaths"]])("%s", async (name) => {
    const r = references.find((x) => x.name === name)!;
    // A column of actuals, as a planner's history sits in a sheet.
    const cells = await forecastCells(
      r.y.map((v) => [v]),
      r.horizon,
      r.seasonLength,
      "ETS",
      true,
      null,
    );
    // Agreement to 1e-5 at every step and bound means the same form and fit as ets()'s (r.method).
    expectIntervals(cells, r.forecast, 1e-5);
  });
});

describe("forced methods: snaive() and croston()", () => {
  test("USAccDeaths, seasonal naive with intervals", async () => {
    const r = references.find((x) => x.name === "USAccDeaths")!;
    expectIntervals(await forecastCells([r.y], r.horizon, 12, "seasonal naive", true, null), r.snaive!, 1e-9);
  });

  test("an intermittent series, Croston (α = 0.1)", async () => {
    const r = references.find((x) => x.name === "sparse")!;
    const cells = await forecastCells([r.y], r.horizon, 1, "Croston", null, null);
    for (const [f] of cells) expect(Math.abs(f - r.croston![0])).toBeLessThanOrEqual(1e-9 * Math.max(1, r.croston![0]));
  });
});

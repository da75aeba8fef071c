// SOP.FORECAST and SOP.ACCURACY as Excel calls them: the engine's baseline spilled down a column, the hard histories
// (intermittent, short, blanks and text, negatives, horizons of 0 and 1,000), and accuracy measures a reader can check by hand.
import { demandBaseline } from "../../../src/engine/forecast";
import { ExcelError, registerFunctions, type CustomFunction } from "../../support/customFunctions";
import { intermittent, multiplicativeSeasonal } from "../../support/demandSeries";

let byId: Map<string, CustomFunction>;
beforeAll(async () => {
  byId = (await registerFunctions()).byId;
});

/** Calls SOP.<id> with the arguments Excel would pass (omitted optional arguments arrive as null); both functions answer asynchronously (the engine loads on first use). */
async function call(id: string, ...args: unknown[]): Promise<unknown[][]> {
  const fn = byId.get(id);
  if (!fn) throw new Error(`SOP.${id} is not registered`);
  return (await fn(...args)) as unknown[][];
}

function errorOf(value: unknown[][], code = "#VALUE!"): string {
  expect(value).toHaveLength(1);
  const cell = value[0][0];
  if (!(cell instanceof ExcelError)) throw new Error(`expected an error value, got ${JSON.stringify(value).slice(0, 200)}`);
  expect(cell.code).toBe(code);
  return cell.message ?? "";
}

const column = (values: readonly unknown[]): unknown[][] => values.map((v) => [v]);

describe("SOP.FORECAST: the engine's baseline, down a column", () => {
  const history = multiplicativeSeasonal(11, 36, { level: 400, trend: 3, amplitude: 0.3, noise: 0.05 });

  test("36 months down a column: 12 forecasts, the Demand review's baseline for the same history and horizon", async () => {
    const cells = await call("FORECAST", column(history), 12, null, null, null, null);
    const baseline = demandBaseline(history, { horizon: 12, seasonLength: 12 });
    expect(cells).toEqual(baseline.points.map((p) => [p.forecast]));
    expect(baseline.method).toMatch(/^ETS\(|seasonal naive/);
    // A seasonal series: the forecast peaks where the history's season does (t mod 12 = 3).
    const peak = (cells as number[][]).map((r) => r[0]).indexOf(Math.max(...(cells as number[][]).map((r) => r[0])));
    expect((36 + peak) % 12).toBe(3);
  });

  test("a row of actuals forecasts the same, still down a column; intervals add four columns, header names them", async () => {
    const down = await call("FORECAST", column(history), 6, 12, null, null, null);
    const across = await call("FORECAST", [history], 6, 12, null, null, null);
    expect(across).toEqual(down);
    const full = await call("FORECAST", [history], 6, 12, null, true, true);
    expect(full[0]).toEqual(["Forecast", "Lo 80", "Hi 80", "Lo 95", "Hi 95"]);
    expect(full).toHaveLength(7);
    full.slice(1).forEach((row, h) => {
      const [f, lo80, hi80, lo95, hi95] = row as number[];
      expect(f).toBe((down[h] as number[])[0]);
      expect(lo95).toBeLessThanOrEqual(lo80);
      expect(lo80).toBeLessThanOrEqual(f);
      expect(f).toBeLessThanOrEqual(hi80);
      expect(hi80).toBeLessThanOrEqual(hi95);
    });
    // The 95 % interval is wider than the 80 % one by z95 / z80 when nothing is cut at 0.
    const [f, lo80, , lo95] = full[1] as number[];
    expect((f - lo95) / (f - lo80)).toBeCloseTo(1.959963984540054 / 1.2815515655446004, 9);
  });

  test("season 1: no seasonal method, and the reason is the engine's", async () => {
    const cells = await call("FORECAST", column(history), 12, 1, "seasonal naive", null, null);
    expect(errorOf(cells, "#N/A")).toMatch(/^seasonal naive cannot run on 36 periods of actuals/);
    const plain = await call("FORECAST", column(history), 3, 1, null, null, null);
    expect(plain).toEqual(demandBaseline(history, { horizon: 3, seasonLength: 1 }).points.map((p) => [p.forecast]));
  });

  test("a method asked for by name, in any case: seasonal naive repeats the last season, naive the last value", async () => {
    const seasonal = await call("FORECAST", column(history), 14, 12, "Seasonal Naive", null, null);
    expect(seasonal.map((r) => r[0])).toEqual([...history.slice(24, 36), ...history.slice(24, 26)]);
    expect(await call("FORECAST", column(history), 2, 12, "NAIVE", null, null)).toEqual([[history[35]], [history[35]]]);
  });

  test("an intermittent history: Croston with α = 0.1 forecasts R's croston() figure, flat", async () => {
    // croston()'s own test vector: R gives 0.948145 (SBA 0.900738).
    const y = [0, 0, 3, 0, 0, 0, 2, 0, 5, 0, 0, 1, 0, 0, 0, 0, 4, 0, 0, 3];
    expect(await call("FORECAST", column(y), 3, 1, "Croston", null, null)).toEqual([[expect.closeTo(0.948145, 6)], [expect.closeTo(0.948145, 6)], [expect.closeTo(0.948145, 6)]]);
    expect(((await call("FORECAST", column(y), 1, 1, "SBA", null, null))[0][0] as number)).toBeCloseTo(0.900738, 6);
    // Left to choose, a third or more zeros brings the Croston family in; the answer is the engine's.
    const sparse = intermittent(4, 36, 0.35, 3);
    expect(await call("FORECAST", column(sparse), 6, 12, null, null, null)).toEqual(demandBaseline(sparse, { horizon: 6, seasonLength: 12 }).points.map((p) => [p.forecast]));
  });

  test("short history: one value forecasts itself; three values have no holdout to choose by", async () => {
    expect(await call("FORECAST", [[42]], 3, null, null, null, null)).toEqual([[42], [42], [42]]);
    const three = await call("FORECAST", [[10, 12, 11]], 2, null, null, null, null);
    expect(three).toEqual(demandBaseline([10, 12, 11], { horizon: 2, seasonLength: 12 }).points.map((p) => [p.forecast]));
    expect(three.flat().every((v) => typeof v === "number" && Number.isFinite(v))).toBe(true);
  });

  test("blanks inside the history are 0, blanks after the last value are left out (a range longer than the history)", async () => {
    const withBlanks = [5, null, 7, "", 6, 8, null, null, null];
    expect(await call("FORECAST", column(withBlanks), 4, 1, null, null, null)).toEqual(await call("FORECAST", column([5, 0, 7, 0, 6, 8]), 4, 1, null, null, null));
  });

  test("text, negatives, errors and an empty range are #VALUE! naming the cell", async () => {
    expect(errorOf(await call("FORECAST", column([5, 6, "n/a", 7]), 3, null, null, null, null))).toBe('actuals[3] is text, not a number ("n/a"); actual demand must be a number.');
    expect(errorOf(await call("FORECAST", column([5, 6, "7"]), 3, null, null, null, null))).toMatch(/^actuals\[3\] is text, not a number \("7"\).*enter it as a number/);
    expect(errorOf(await call("FORECAST", [[5, -2, 7]], 3, null, null, null, null))).toBe("actuals[2] is -2; actual demand must be 0 or more.");
    expect(errorOf(await call("FORECAST", column([5, new ExcelError("#N/A"), 7]), 3, null, null, null, null))).toMatch(/^actuals\[2\] holds/);
    expect(errorOf(await call("FORECAST", column([null, "", null]), 3, null, null, null, null))).toMatch(/^actuals has no values/);
    expect(errorOf(await call("FORECAST", [[1, 2], [3, 4]], 3, null, null, null, null))).toBe("actuals is 2×2; give one row or one column");
  });

  test("horizon 0, a fraction, text or beyond 1,000 is #VALUE!; 1,000 spills 1,000 finite forecasts", async () => {
    for (const horizon of [0, 2.5, -3, "twelve", 1001]) expect(errorOf(await call("FORECAST", column(history), horizon, null, null, null, null))).toMatch(/^horizon (is|holds) .*a whole number from 1 to 1000/);
    expect(errorOf(await call("FORECAST", column(history), null, null, null, null, null))).toMatch(/^horizon is missing/);
    const long = await call("FORECAST", column(history), 1000, null, null, true, null);
    expect(long).toHaveLength(1000);
    expect(long.flat().every((v) => typeof v === "number" && Number.isFinite(v) && v >= 0)).toBe(true);
    expect(long.slice(0, 12)).toEqual(await call("FORECAST", column(history), 12, null, null, true, null));
  });

  test("a wrong season or method says what to give", async () => {
    expect(errorOf(await call("FORECAST", column(history), 3, 0, null, null, null))).toMatch(/^season is 0; give the periods in a season/);
    expect(errorOf(await call("FORECAST", column(history), 3, null, "Holt", null, null))).toMatch(/^method is the text "Holt"; give one of naive, seasonal naive, moving average, ETS, Croston, SBA, TSB/);
    expect(errorOf(await call("FORECAST", column(history), 3, null, "ETS(M,Ad,M)", null, null))).toMatch(/an ETS form is chosen by AICc: give ETS/);
    expect(errorOf(await call("FORECAST", column(history), 3, null, null, "maybe", null))).toMatch(/^intervals/);
  });

  test("ETS on a constant history cannot run: #N/A with the engine's reason", async () => {
    expect(errorOf(await call("FORECAST", column(new Array(30).fill(8)), 3, 12, "ETS", null, null), "#N/A")).toMatch(/ETS cannot run on 30 periods of actuals \(.*the history is constant/);
  });
});

describe("SOP.ACCURACY: WAPE, bias and tracking signal, by hand", () => {
  // Actuals 100, 120, 80, 100; forecast 110, 100, 90, 100: errors A − F = −10, 20, −10, 0.
  // WAPE = 40 / 400 = 0.1; bias = (400 − 400) / 400 = 0; MAD = 40 / 4 = 10, tracking signal = 0 / 10 = 0.
  test("errors that cancel: WAPE 10 %, no bias, tracking signal 0", async () => {
    expect(await call("ACCURACY", [[100, 120, 80, 100]], [[110, 100, 90, 100]], null)).toEqual([[0.1], [0], [0]]);
  });

  test("a forecast that runs high: bias +10 %, tracking signal −4 (at the alarm's edge); header names the lines", async () => {
    // Errors −10 each: WAPE 40 / 400; bias 40 / 400; Σ(A − F) = −40, MAD 10 → −4.
    expect(await call("ACCURACY", column([100, 100, 100, 100]), column([110, 110, 110, 110]), true)).toEqual([
      ["WAPE", 0.1],
      ["Bias", 0.1],
      ["Tracking signal", -4],
    ]);
  });

  test("a blank actual or forecast leaves its period out (the months not yet happened)", async () => {
    expect(await call("ACCURACY", column([100, 120, null, ""]), column([110, 100, 90, 95]), null)).toEqual(await call("ACCURACY", [[100, 120]], [[110, 100]], null));
  });

  test("actuals adding up to 0: WAPE and bias are #DIV/0! in their cells, the tracking signal still counts", async () => {
    const cells = await call("ACCURACY", [[0, 0, 0]], [[1, 0, 2]], null);
    expect(cells).toHaveLength(3);
    expect((cells[0][0] as ExcelError).code).toBe("#DIV/0!");
    expect((cells[0][0] as ExcelError).message).toMatch(/actuals add up to 0/);
    expect((cells[1][0] as ExcelError).code).toBe("#DIV/0!");
    expect(cells[2][0]).toBe(-3 / 1);
  });

  test("a perfect forecast: WAPE 0, bias 0, and no tracking signal (#DIV/0!: the deviation is 0)", async () => {
    const cells = await call("ACCURACY", [[5, 6]], [[5, 6]], null);
    expect(cells.slice(0, 2)).toEqual([[0], [0]]);
    expect((cells[2][0] as ExcelError).code).toBe("#DIV/0!");
  });

  test("the baseline's own holdout: SOP.ACCURACY of its one-step forecasts gives the engine's WAPE", async () => {
    const y = multiplicativeSeasonal(12, 36, { level: 300, trend: 2, amplitude: 0.2, noise: 0.05 });
    const b = demandBaseline(y, { horizon: 1, seasonLength: 12 });
    const actual = y.slice(36 - b.holdout.periods);
    const oneStep = actual.map((a, i) => a - b.holdout.oneStepErrors[i]);
    expect((await call("ACCURACY", [actual], [oneStep], null))[0][0]).toBeCloseTo(b.wape!, 12);
  });

  test("different lengths, text, negatives and no common period are refused with the reason", async () => {
    expect(errorOf(await call("ACCURACY", [[1, 2, 3]], [[1, 2]], null))).toBe("actuals has 3 periods but forecast has 2; give one forecast per actual, in the same order");
    expect(errorOf(await call("ACCURACY", [[1, "x", 3]], [[1, 2, 3]], null))).toMatch(/^actuals\[2\] is text/);
    expect(errorOf(await call("ACCURACY", [[1, 2, 3]], [[1, -2, 3]], null))).toBe("forecast[2] is -2; a forecast must be 0 or more.");
    expect(errorOf(await call("ACCURACY", [[1, null]], [[null, 2]], null), "#N/A")).toMatch(/^no period has both an actual and a forecast/);
  });
});

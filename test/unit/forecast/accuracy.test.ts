// Accuracy measures on numbers a reader can check by hand.
import { bias, mae, mase, maseScale, rmse, trackingSignal, trackingSignalAlarm, wape } from "../../../src/engine/forecast";

const actual = [100, 120, 80];

describe("WAPE: Σ|A − F| / ΣA", () => {
  test("errors 10, 20, 10 on 300 units of demand are 40/300", () => {
    expect(wape(actual, [110, 100, 90])).toBeCloseTo(40 / 300, 12);
  });
  test("undefined (null) when there was no demand", () => {
    expect(wape([0, 0], [5, 0])).toBeNull();
  });
  test("pairs must match", () => {
    expect(() => wape([1, 2], [1])).toThrow(/2 actuals but 1 forecasts/);
  });
});

describe("bias: Σ(F − A) / ΣA", () => {
  test("over-forecasting by 30 units of 300 is +10 %", () => {
    expect(bias(actual, [110, 130, 90])).toBeCloseTo(0.1, 12);
  });
  test("errors that cancel have no bias", () => {
    expect(bias(actual, [110, 100, 90])).toBeCloseTo(0, 12);
  });
});

describe("tracking signal: Σ(A − F) / MAD, alarm beyond ±4", () => {
  test("a forecast 30 units high in total with MAD 10 signals −3", () => {
    expect(trackingSignal(actual, [110, 130, 90])).toBeCloseTo(-3, 12);
  });
  test("five periods each 10 under: +5, an alarm", () => {
    const signal = trackingSignal([10, 10, 10, 10, 10], [0, 0, 0, 0, 0]);
    expect(signal).toBeCloseTo(5, 12);
    expect(trackingSignalAlarm(signal)).toBe(true);
    expect(trackingSignalAlarm(-4)).toBe(false);
    expect(trackingSignalAlarm(null)).toBe(false);
  });
  test("no error, no signal", () => {
    expect(trackingSignal([5, 6], [5, 6])).toBeNull();
  });
});

describe("MASE: MAE over the naive method's in-sample MAE", () => {
  test("the scale of 10, 12, 11, 15 is (2 + 1 + 4)/3; a seasonal scale compares a season back", () => {
    expect(maseScale([10, 12, 11, 15])).toBeCloseTo(7 / 3, 12);
    expect(maseScale([10, 12, 11, 15], 2)).toBeCloseTo((1 + 3) / 2, 12);
    expect(maseScale([10, 12], 2)).toBeNull();
  });
  test("errors 1 and 3 against scale 2 are a MASE of 1", () => {
    expect(mase([11, 13], [10, 10], 2)).toBeCloseTo(1, 12);
    expect(mase([11, 13], [10, 10], 0)).toBeNull();
  });
});

describe("RMSE and MAE of errors", () => {
  test("errors 3 and 4: RMSE √12.5, MAE 3.5", () => {
    expect(rmse([3, -4])).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(mae([3, -4])).toBeCloseTo(3.5, 12);
    expect(rmse([])).toBeNull();
  });
});

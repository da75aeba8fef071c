// The benchmark and intermittent methods, the normal quantile, the optimiser and the polynomial test, on cases a reader can check.
import {
  croston,
  fitIntermittent,
  intermittentForecast,
  intervalZ,
  isIntermittent,
  movingAverageForecast,
  naiveForecast,
  nelderMead,
  normalQuantile,
  seasonalNaiveForecast,
  tsb,
} from "../../../src/engine/forecast";
import { largestRootModulus, leastSquares, lineFit, rootsWithinRadius } from "../../../src/engine/forecast/linearAlgebra";
import { prng } from "../../support/prng";

describe("naive: the last value; error sd σ√h with σ² the mean squared change", () => {
  test("10, 12, 11, 15: forecast 15; σ² = (4 + 1 + 16)/3 = 7", () => {
    const f = naiveForecast([10, 12, 11, 15], 3);
    expect(f.mean).toEqual([15, 15, 15]);
    expect(f.sd[0]).toBeCloseTo(Math.sqrt(7), 12);
    expect(f.sd[2]).toBeCloseTo(Math.sqrt(7 * 3), 12);
  });
});

describe("seasonal naive: the value a season back; error sd grows per whole season", () => {
  test("season 2 over 1, 5, 2, 6, 3, 7: forecasts 3, 7, 3; σ² = 1", () => {
    const f = seasonalNaiveForecast([1, 5, 2, 6, 3, 7], 3, 2);
    expect(f.mean).toEqual([3, 7, 3]);
    expect(f.sd[0]).toBeCloseTo(1, 12);
    expect(f.sd[1]).toBeCloseTo(1, 12);
    expect(f.sd[2]).toBeCloseTo(Math.sqrt(2), 12);
  });
  test("needs a season of history", () => {
    expect(() => seasonalNaiveForecast([1, 2], 1, 3)).toThrow(/fewer than the season/);
  });
});

describe("moving average: the mean of the last k; k by in-sample one-step MSE", () => {
  test("a given order: the mean of the last 3 of 2, 4, 6, 8 is 6", () => {
    expect(movingAverageForecast([2, 4, 6, 8], 2, 3).mean).toEqual([6, 6]);
  });
  test("an alternating series is best averaged over 2 (its one-step errors are 0 at even orders only in part)", () => {
    const f = movingAverageForecast([10, 20, 10, 20, 10, 20, 10, 20, 10, 20], 1);
    expect(f.order).toBe(2);
    expect(f.mean[0]).toBe(15);
    expect(f.sd[0]).toBeCloseTo(5, 12);
  });
});

describe("intermittent: a third or more of the periods zero", () => {
  test("2 zeros of 6 is intermittent, 1 of 6 is not", () => {
    expect(isIntermittent([0, 1, 0, 2, 3, 4])).toBe(true);
    expect(isIntermittent([0, 1, 5, 2, 3, 4])).toBe(false);
  });
});

describe("Croston and SBA (R's croston(), α = 0.1)", () => {
  const rVector = [0, 0, 3, 0, 0, 0, 2, 0, 5, 0, 0, 1, 0, 0, 0, 0, 4, 0, 0, 3];
  test("by hand: demands 4 after 2 periods then 2 after 3 → sizes 4, 3.8; intervals 2, 2.1", () => {
    const fit = croston([0, 4, 0, 0, 2]);
    expect(fit.forecast).toBeCloseTo(3.8 / 2.1, 12);
    expect(croston([0, 4, 0, 0, 2], { variant: "SBA" }).forecast).toBeCloseTo((0.95 * 3.8) / 2.1, 12);
  });
  test("R's test vector: 0.948145 and SBA 0.900738 (issue 22's figures)", () => {
    expect(croston(rVector).forecast).toBeCloseTo(0.948145, 6);
    expect(croston(rVector, { variant: "SBA" }).forecast).toBeCloseTo(0.900738, 6);
  });
  test("no demand at all forecasts 0", () => {
    expect(croston([0, 0, 0]).forecast).toBe(0);
  });
  test("fitted α comes from the grid 0.05 … 0.5 and fits no worse than 0.1 in-sample", () => {
    const fitted = fitIntermittent(rVector, "Croston");
    const mse = (e: number[]): number => e.reduce((s, x) => s + x * x, 0) / e.length;
    expect(fitted.alpha * 20).toBeCloseTo(Math.round(fitted.alpha * 20), 12);
    expect(mse(fitted.oneStepErrors)).toBeLessThanOrEqual(mse(croston(rVector).oneStepErrors) + 1e-12);
  });
});

describe("TSB: probability smoothed every period, size on demand", () => {
  test("by hand: 0, 4, 0, 2 → size 4 then 3.8; probability ½ → 0.45 → 0.505", () => {
    const fit = tsb([0, 4, 0, 2]);
    expect(fit.forecast).toBeCloseTo(0.505 * 3.8, 12);
    expect(intermittentForecast(fit, 2).mean).toEqual([fit.forecast, fit.forecast]);
  });
});

describe("normal quantile (AS 241, as R's qnorm)", () => {
  test("80 % and 95 % interval multipliers and a service level", () => {
    expect(intervalZ(0.8)).toBeCloseTo(1.2815515655446004, 14);
    expect(intervalZ(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(Number.isNaN(normalQuantile(1.5))).toBe(true);
  });
});

describe("Nelder–Mead", () => {
  test("finds the minimum of Rosenbrock's valley from (−1.2, 1), as optim() does", () => {
    const rosenbrock = (p: Float64Array): number => 100 * (p[1] - p[0] * p[0]) ** 2 + (1 - p[0]) ** 2;
    const found = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 500 });
    expect(found.value).toBeLessThan(1e-6);
    expect(found.point[0]).toBeCloseTo(1, 2);
    expect(found.point[1]).toBeCloseTo(1, 2);
  });
  test("treats Infinity as a wall and stays inside", () => {
    let outside = 0;
    const bowl = (p: Float64Array): number => {
      if (p[0] > 1) {
        outside++;
        return Infinity;
      }
      return (p[0] - 2) ** 2 + (p[1] - 1) ** 2;
    };
    const found = nelderMead(bowl, [0.5, 0.5]);
    expect(outside).toBeGreaterThan(0);
    expect(found.point[0]).toBeLessThanOrEqual(1);
    expect(found.point[0]).toBeCloseTo(1, 2);
    expect(found.point[1]).toBeCloseTo(1, 2);
  });
  test("an objective undefined at the start is an error", () => {
    expect(() => nelderMead(() => NaN, [1])).toThrow(/starting point/);
  });
});

describe("least squares and the polynomial test", () => {
  test("an exact line and harmonic are recovered", () => {
    const rows = Array.from({ length: 12 }, (_, i) => [1, i + 1, Math.cos((2 * Math.PI * (i + 1)) / 12)]);
    const y = rows.map((r) => 3 + 2 * r[1] + 5 * r[2]);
    const [a, b, c] = leastSquares(rows, y);
    expect(a).toBeCloseTo(3, 10);
    expect(b).toBeCloseTo(2, 10);
    expect(c).toBeCloseTo(5, 10);
    expect(lineFit([5, 7, 9])).toEqual({ intercept: 3, slope: 2 });
  });
  test("(z − 0.5)(z + 2) has its largest root at 2; (z − 1)(z − 0.5) is within radius 1 + 1e-10", () => {
    expect(largestRootModulus([-1, 1.5, 1])).toBeCloseTo(2, 12);
    expect(rootsWithinRadius([0.5, -1.5, 1])).toBe(true);
    expect(rootsWithinRadius([-1, 1.5, 1])).toBe(false);
  });
  test("the fast test decides as the root finder on 20,000 random polynomials of degree 2 … 25", () => {
    const random = prng(11);
    for (let i = 0; i < 20_000; i++) {
      const degree = 2 + (i % 24);
      const c = Array.from({ length: degree }, () => (random() - 0.5) * 2 * random());
      c.push(1);
      expect([i, rootsWithinRadius(c)]).toEqual([i, largestRootModulus(c) <= 1 + 1e-10]);
    }
  });
});

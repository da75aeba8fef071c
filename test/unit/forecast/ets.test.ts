// The ETS family: which forms are searched, the admissible region, fits on series whose answer is known, and the forecast classes.
import { etsForecast, etsForms, etsMethodName, fitEtsForm, selectEts } from "../../../src/engine/forecast";
import { etsAdmissible, etsPointForecasts } from "../../../src/engine/forecast/ets";
import { additiveSeasonal, multiplicativeSeasonal } from "../../support/demandSeries";

describe("the forms searched, as ets() searches them", () => {
  test("positive seasonal data: 15 forms, no multiplicative trend, no additive error with a multiplicative season", () => {
    const names = etsForms({ seasonal: true, positive: true }).map(etsMethodName);
    expect(names).toHaveLength(15);
    expect(names).toContain("ETS(M,Ad,M)");
    expect(names).not.toContain("ETS(A,N,M)");
    expect(names.some((n) => /,M[d]?,/.test(n.replace("ETS(", "")) && !n.endsWith(",M)") && n.split(",")[1].startsWith("M"))).toBe(false);
  });
  test("data with zeros: additive errors only; no season: the 3 trend forms per error", () => {
    expect(etsForms({ seasonal: true, positive: false }).map(etsMethodName)).toEqual([
      "ETS(A,N,N)",
      "ETS(A,N,A)",
      "ETS(A,Ad,N)",
      "ETS(A,A,N)",
      "ETS(A,Ad,A)",
      "ETS(A,A,A)",
    ]);
    expect(etsForms({ seasonal: false, positive: true })).toHaveLength(6);
  });
});

describe("the admissible region (Hyndman et al. 2008, ch. 10)", () => {
  test("non-seasonal: 0 < α < 2 without damping; β within (α(φ − 1), (1 + φ)(2 − α))", () => {
    expect(etsAdmissible({ alpha: 1.5, beta: 0, gamma: 0, phi: 1 }, false, 1)).toBe(true);
    expect(etsAdmissible({ alpha: 2.1, beta: 0, gamma: 0, phi: 1 }, false, 1)).toBe(false);
    expect(etsAdmissible({ alpha: 0.5, beta: 3.1, gamma: 0, phi: 1 }, false, 1)).toBe(false);
  });
  test("seasonal: usual values pass; γ above 1 + 1/φ − α fails; the characteristic roots decide the rest", () => {
    expect(etsAdmissible({ alpha: 0.3, beta: 0.05, gamma: 0.1, phi: 0.95 }, true, 12)).toBe(true);
    expect(etsAdmissible({ alpha: 0.3, beta: 0, gamma: 0.1, phi: 1 }, true, 12)).toBe(true);
    expect(etsAdmissible({ alpha: 0.5, beta: 0, gamma: 1.6, phi: 1 }, true, 12)).toBe(false);
    // Within the easy bounds but a characteristic root outside the unit circle.
    expect(etsAdmissible({ alpha: 1.5, beta: 1.2, gamma: 0.4, phi: 1 }, true, 4)).toBe(false);
  });
});

describe("fits whose answer is known", () => {
  test("a straight line is an additive trend fitted to within rounding, and forecast on the line", () => {
    const y = Array.from({ length: 24 }, (_, t) => 100 + 5 * t);
    const fit = fitEtsForm(y, { error: "A", trend: "A", season: "N" }, 1);
    expect(fit).not.toBeNull();
    const f = etsForecast(fit!, 3).mean;
    expect(f[0]).toBeCloseTo(220, 3);
    expect(f[2]).toBeCloseTo(230, 3);
  });
  test("a clean multiplicative season is found multiplicative, and its forecast repeats the pattern", () => {
    const y = multiplicativeSeasonal(21, 60, { level: 400, trend: 2, amplitude: 0.35, noise: 0.01 });
    const best = selectEts(y, 12)!.best;
    expect(best.form.season).toBe("M");
    const f = etsForecast(best, 12).mean;
    const peak = f.indexOf(Math.max(...f));
    // sin peaks at a quarter of the season: period 60 + peak ≡ 3 (mod 12).
    expect((60 + peak) % 12).toBe(3);
  });
  test("too little history for a form gives no fit (smoothing + states ≥ n − 1), as in ets()", () => {
    expect(fitEtsForm([1, 2, 3, 4, 5, 6], { error: "A", trend: "Ad", season: "N" }, 1)).toBeNull();
    expect(fitEtsForm(additiveSeasonal(1, 12, { level: 10, trend: 0, amplitude: 2, noise: 1 }), { error: "A", trend: "N", season: "A" }, 12)).toBeNull();
  });
  test("multiplicative errors need positive data", () => {
    expect(fitEtsForm([3, 0, 4, 5, 6, 7, 8, 9], { error: "M", trend: "N", season: "N" }, 1)).toBeNull();
  });
  test("the same history gives the same fit, to the last bit", () => {
    const y = additiveSeasonal(3, 40, { level: 200, trend: 1, amplitude: 30, noise: 10 });
    expect(selectEts(y, 12)).toEqual(selectEts(y, 12));
  });
});

describe("forecast classes", () => {
  const y = multiplicativeSeasonal(5, 48, { level: 300, trend: 3, amplitude: 0.25, noise: 0.04 });
  test("class 1 (additive): the mean is the point forecast and the variance grows with the horizon", () => {
    const fit = fitEtsForm(y, { error: "A", trend: "A", season: "A" }, 12)!;
    const f = etsForecast(fit, 13);
    expect(f.mean).toEqual(etsPointForecasts(fit.form, 12, fit.parameters.phi, fit.finalState, 13));
    expect(f.variance[0]).toBeCloseTo(fit.sigma2, 10);
    for (let h = 1; h < 13; h++) expect(f.variance[h]).toBeGreaterThanOrEqual(f.variance[h - 1]);
  });
  test("class 3 (multiplicative season): the mean sits a second-order term above the point forecast", () => {
    const fit = fitEtsForm(y, { error: "M", trend: "A", season: "M" }, 12)!;
    const f = etsForecast(fit, 12);
    const point = etsPointForecasts(fit.form, 12, fit.parameters.phi, fit.finalState, 12);
    expect(f.mean[0]).toBeCloseTo(point[0], 8);
    for (let h = 1; h < 12; h++) expect(f.mean[h]).toBeGreaterThanOrEqual(point[h] - 1e-9);
    expect(f.variance.every((v) => v > 0)).toBe(true);
  });
});

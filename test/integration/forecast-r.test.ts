// The forecast engine against R's forecast package, run live: ets()'s chosen form, parameters, AICc of every form,
// forecasts with 80/95 % intervals; croston(); naive() and snaive(); the admissible region. Needs Rscript with the
// forecast package (Debian: r-cran-forecast), which CI installs.
//
// Tolerances. The engine runs ets()'s algorithm step for step (starting values, Nelder–Mead with optim()'s
// coefficients and stopping rule, the same likelihood and bounds), so the fits agree to about 1e-9 in AICc and
// 1e-11 relative in the forecasts on this machine; the only differences are floating-point (order of sums, the
// log of a product). The tolerances leave four orders of magnitude for another platform's maths library and
// stay far below anything a plan could notice:
//   chosen form: identical; AICc of every form: 1e-4 absolute; smoothing parameters: 1e-4 absolute;
//   forecast means and interval bounds: 1e-5 relative to the forecast (of 1 unit when the forecast is below 1);
//   Croston/SBA, naive, seasonal naive: 1e-9 so (closed forms); admissibility: the same verdict on every
//   sampled parameter set.
import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { croston, demandBaseline, etsForecast, fitEtsForm, naiveForecast, seasonalNaiveForecast, selectEts, type EtsForm } from "../../src/engine/forecast";
import { etsAdmissible } from "../../src/engine/forecast/ets";
import { additiveSeasonal, intermittent, multiplicativeSeasonal } from "../support/demandSeries";
import { prng } from "../support/prng";
import { forecastReferences, runR, type Reference } from "../support/rReference";

const Z80 = 1.2815515655446004;
const Z95 = 1.959963984540054;

/** The series compared: R's own data sets and generated ones of each shape the planner meets. */
const SERIES: [name: string, seasonLength: number, horizon: number, values: string][] = [
  ["AirPassengers (multiplicative season, trend)", 12, 12, "dataset:AirPassengers"],
  ["USAccDeaths (additive season)", 12, 12, "dataset:USAccDeaths"],
  ["UKgas (quarterly, multiplicative)", 4, 8, "dataset:UKgas"],
  ["WWWusage (trend, no season)", 1, 10, "dataset:WWWusage"],
  ["48 months, additive season and trend", 12, 12, additiveSeasonal(1, 48, { level: 500, trend: 3, amplitude: 80, noise: 25 }).join(",")],
  ["30 months (under three seasons: harmonic start)", 12, 12, additiveSeasonal(2, 30, { level: 300, trend: 0, amplitude: 60, noise: 20 }).join(",")],
  ["36 months, multiplicative season", 12, 12, multiplicativeSeasonal(3, 36, { level: 200, trend: 4, amplitude: 0.3, noise: 0.05 }).join(",")],
  ["24 periods, trended", 1, 6, additiveSeasonal(4, 24, { level: 100, trend: 5, amplitude: 0, noise: 8 }).join(",")],
  ["10 periods, short", 1, 6, additiveSeasonal(5, 10, { level: 50, trend: 0, amplitude: 0, noise: 6 }).join(",")],
  ["36 months, intermittent", 12, 6, intermittent(6, 36, 0.4, 4).join(",")],
  ["croston()'s test vector", 1, 3, "0,0,3,0,0,0,2,0,5,0,0,1,0,0,0,0,4,0,0,3"],
];

/** Forms asked for by name, so that every forecast class is compared (class 2, and class 3 without a trend). */
const FORMS: [name: string, seasonLength: number, horizon: number, values: string, form: string][] = [
  ["AirPassengers as ETS(M,N,M)", 12, 24, "dataset:AirPassengers", "MNM"],
  ["AirPassengers as ETS(M,A,A)", 12, 24, "dataset:AirPassengers", "MAA"],
  ["AirPassengers as ETS(M,Ad,A)", 12, 24, "dataset:AirPassengers", "MAdA"],
  ["USAccDeaths as ETS(M,N,A)", 12, 24, "dataset:USAccDeaths", "MNA"],
  ["USAccDeaths as ETS(A,N,A), two seasons ahead", 12, 24, "dataset:USAccDeaths", "ANA"],
  ["UKgas as ETS(A,Ad,A)", 4, 8, "dataset:UKgas", "AAdA"],
  ["WWWusage as ETS(M,Ad,N)", 1, 10, "dataset:WWWusage", "MAdN"],
];

let references: Reference[] = [];
let admissibleInR: boolean[] = [];
const PARAMETER_SETS: { alpha: number; beta: number | null; gamma: number | null; phi: number | null; m: number }[] = [];

beforeAll(() => {
  references = forecastReferences([...SERIES, ...FORMS], (dir) => {
    const random = prng(2026);
    for (let i = 0; i < 3000; i++) {
      const m = [4, 12, 7][i % 3];
      const trended = random() < 0.6;
      const damped = trended && random() < 0.5;
      const alpha = random() * 1.4;
      PARAMETER_SETS.push({ alpha, beta: trended ? (random() - 0.2) * alpha * 1.5 : null, gamma: random() * 1.3 - 0.1, phi: damped ? 0.5 + random() * 0.6 : null, m });
    }
    const lines = PARAMETER_SETS.map((p) => [p.alpha, p.beta ?? "NA", p.gamma ?? "NA", p.phi ?? "NA", p.m].join(","));
    writeFileSync(path.join(dir, "parameters.csv"), lines.join("\n") + "\n");
    const script =
      "suppressMessages(library(forecast)); p <- read.csv(commandArgs(TRUE)[1], header = FALSE); " +
      "nz <- function(x) if (is.na(x)) NULL else x; " +
      "ok <- sapply(seq_len(nrow(p)), function(i) forecast:::admissible(p[i, 1], nz(p[i, 2]), p[i, 3], nz(p[i, 4]), p[i, 5])); " +
      "writeLines(as.character(as.integer(ok)), commandArgs(TRUE)[2])";
    runR(["-e", script, path.join(dir, "parameters.csv"), path.join(dir, "admissible.txt")]);
    admissibleInR = readFileSync(path.join(dir, "admissible.txt"), "utf8").trim().split("\n").map((v) => v === "1");
  });
}, 300_000);

function closeRelative(actual: number, expected: number, scale: number, tolerance: number): boolean {
  return Math.abs(actual - expected) <= tolerance * Math.max(Math.abs(scale), 1);
}

describe("ets(): the chosen form, its parameters, every form's AICc and the forecasts", () => {
  test.each(SERIES.map((s) => [s[0]]))("%s", (name) => {
    const r = references.find((x) => x.name === name)!;
    expect(r).toBeDefined();
    const selection = selectEts(r.y, r.seasonLength)!;
    const fit = selection.best;
    expect(fit.method).toBe(r.method);
    expect(Math.abs(fit.aicc - r.aicc[0])).toBeLessThan(1e-4);
    for (const key of ["alpha", "beta", "gamma", "phi"] as const) {
      const expected = r.parameters[key][0];
      if (expected === null) continue;
      expect([key, Math.abs(fit.parameters[key] - expected) < 1e-4]).toEqual([key, true]);
    }
    expect(selection.tried.map((t) => t.method)).toEqual(r.forms.map((f) => f.method));
    for (const form of r.forms) {
      const mine = selection.tried.find((t) => t.method === form.method)!;
      const expected = form.aicc[0] ?? Infinity;
      expect([form.method, Number.isFinite(expected) ? Math.abs(mine.aicc - expected) < 1e-4 : mine.aicc === Infinity]).toEqual([form.method, true]);
    }
    const f = etsForecast(fit, r.horizon);
    f.mean.forEach((mean, h) => {
      const sd = Math.sqrt(f.variance[h]);
      const scale = r.forecast.mean[h];
      expect([h, closeRelative(mean, r.forecast.mean[h], scale, 1e-5)]).toEqual([h, true]);
      expect([h, closeRelative(mean - Z80 * sd, r.forecast.lo80[h], scale, 1e-5)]).toEqual([h, true]);
      expect([h, closeRelative(mean + Z80 * sd, r.forecast.hi80[h], scale, 1e-5)]).toEqual([h, true]);
      expect([h, closeRelative(mean - Z95 * sd, r.forecast.lo95[h], scale, 1e-5)]).toEqual([h, true]);
      expect([h, closeRelative(mean + Z95 * sd, r.forecast.hi95[h], scale, 1e-5)]).toEqual([h, true]);
    });
  });

  test.each(FORMS.map((s) => [s[0], s[4]]))("%s", (name, code) => {
    const r = references.find((x) => x.name === name)!;
    const form = { error: code[0], trend: code.includes("d") ? "Ad" : code[1], season: code[code.length - 1] } as EtsForm;
    const fit = fitEtsForm(r.y, form, r.seasonLength)!;
    expect(fit.method).toBe(r.method);
    expect(Math.abs(fit.aicc - r.aicc[0])).toBeLessThan(1e-4);
    const f = etsForecast(fit, r.horizon);
    f.mean.forEach((mean, h) => {
      const sd = Math.sqrt(f.variance[h]);
      const scale = r.forecast.mean[h];
      expect([h, closeRelative(mean, r.forecast.mean[h], scale, 1e-5)]).toEqual([h, true]);
      expect([h, closeRelative(mean - Z95 * sd, r.forecast.lo95[h], scale, 1e-5)]).toEqual([h, true]);
      expect([h, closeRelative(mean + Z80 * sd, r.forecast.hi80[h], scale, 1e-5)]).toEqual([h, true]);
    });
  });

  test("issue 22's figures: AirPassengers is ETS(M,Ad,M), AICc 1400.64, Jan 1961 at 441.80, also through the baseline", () => {
    const r = references[0];
    const b = demandBaseline(r.y, { horizon: 12, seasonLength: 12 });
    expect(b.method).toBe("ETS(M,Ad,M)");
    expect(b.parameters.aicc).toBeCloseTo(1400.64, 2);
    expect(b.points[0].forecast).toBeCloseTo(441.8, 2);
    b.points.forEach((p, h) => {
      expect(closeRelative(p.forecast, r.forecast.mean[h], r.forecast.mean[h], 1e-5)).toBe(true);
      expect(closeRelative(p.lo95, r.forecast.lo95[h], r.forecast.mean[h], 1e-5)).toBe(true);
    });
  });
});

describe("croston(), naive() and snaive()", () => {
  test.each(SERIES.map((s) => [s[0]]))("%s", (name) => {
    const r = references.find((x) => x.name === name)!;
    if (r.croston) {
      expect(closeRelative(croston(r.y, { alpha: 0.1 }).forecast, r.croston[0], r.croston[0], 1e-9)).toBe(true);
      expect(closeRelative(croston(r.y, { alpha: 0.2 }).forecast, r.croston2![0], r.croston2![0], 1e-9)).toBe(true);
      // SBA is Croston × (1 − α/2).
      expect(closeRelative(croston(r.y, { variant: "SBA" }).forecast, r.croston[0] * 0.95, r.croston[0], 1e-9)).toBe(true);
    }
    const naive = naiveForecast(r.y, r.horizon);
    naive.mean.forEach((mean, h) => {
      expect(closeRelative(mean, r.naive.mean[h], r.naive.mean[h], 1e-9)).toBe(true);
      expect(closeRelative(mean - Z95 * naive.sd[h], r.naive.lo95[h], r.naive.mean[h], 1e-9)).toBe(true);
    });
    if (r.snaive) {
      const seasonal = seasonalNaiveForecast(r.y, r.horizon, r.seasonLength);
      seasonal.mean.forEach((mean, h) => {
        expect(closeRelative(mean, r.snaive!.mean[h], r.snaive!.mean[h], 1e-9)).toBe(true);
        expect(closeRelative(mean + Z80 * seasonal.sd[h], r.snaive!.hi80[h], r.snaive!.mean[h], 1e-9)).toBe(true);
      });
    }
  });
});

describe("the admissible region", () => {
  test("the same verdict as forecast:::admissible() on 3,000 random parameter sets", () => {
    expect(admissibleInR).toHaveLength(PARAMETER_SETS.length);
    const disagreements = PARAMETER_SETS.filter((p, i) => {
      const mine = etsAdmissible({ alpha: p.alpha, beta: p.beta ?? 0, gamma: p.gamma ?? 0, phi: p.phi ?? 1 }, true, p.m);
      return mine !== admissibleInR[i];
    });
    expect(disagreements).toEqual([]);
    // Both verdicts occur, so the comparison means something.
    expect(admissibleInR.filter(Boolean).length).toBeGreaterThan(300);
    expect(admissibleInR.filter((v) => !v).length).toBeGreaterThan(300);
  });
});

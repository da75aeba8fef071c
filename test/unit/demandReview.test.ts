// The demand review's rules: period labels read as time, the consensus against the baseline's 95 % interval, and what Demand basis and Service level change in the plan's input.
import { coverSafetyStock, defaultApproach, demandBaseline, familyInputs, forecastAccuracy, planOnReview, withCoverSafetyStock, POLICY_DEFAULTS, reviewDemand, type DemandHistory, type PlanningInput, type VersionPeriod } from "../../src/engine";
import { periodTime } from "../../src/workbook/periodKinds";
import { layoutDemandReview } from "../../src/workbook/layout/demandReview";

describe("period labels as time", () => {
  it.each([
    ["Jan 2027", "month", 2027 * 12, false],
    ["January 2027", "month", 2027 * 12, false],
    ["Dec-26", "month", 2026 * 12 + 11, false],
    ["2027-03", "month", 2027 * 12 + 2, false],
    ["Mar", "month", 2, true],
    ["Q3 2027", "quarter", 2027 * 4 + 2, false],
    ["2027 Q1", "quarter", 2027 * 4, false],
    ["Q2", "quarter", 1, true],
    ["W05", "week", 4, true],
  ] as const)("%s is a %s", (label, kind, ordinal, yearless) => {
    expect(periodTime(label)).toEqual({ kind, ordinal, yearless });
  });

  it("ISO weeks follow each other across a year of 53 weeks: W53 2026 is followed by W01 2027", () => {
    const w52 = periodTime("W52 2026");
    const w53 = periodTime("2026-W53");
    const w01 = periodTime("W01 2027");
    expect(w52.kind).toBe("week");
    expect([w53, w01].map((t) => (t as { ordinal: number }).ordinal - (w52 as { ordinal: number }).ordinal)).toEqual([1, 2]);
  });

  it("a date counts days; anything else is unknown", () => {
    expect(periodTime("2027-01-04")).toEqual({ kind: "date", ordinal: Date.UTC(2027, 0, 4) / 86_400_000, yearless: false });
    expect(periodTime("P1").kind).toBe("unknown");
    expect(periodTime("Week 60").kind).toBe("unknown");
  });
});

/** Tools, 24 months of about 100, and a product split A (75 %) / B (25 %) in the Forecast. */
const HISTORY = [96, 104, 99, 101, 97, 108, 95, 102, 100, 103, 98, 105, 94, 101, 106, 99, 100, 97, 104, 102, 96, 103, 99, 101];

function input(consensus: number[], policy = {}): PlanningInput {
  return {
    periods: ["Jan", "Feb", "Mar"],
    workingDays: null,
    families: [{ family: "Tools", demand: consensus, policy: { ...POLICY_DEFAULTS, unitsPerWorkerPerPeriod: 50, safetyStock: 7, ...policy }, manualPlan: null }],
    products: [
      { product: "A", family: "Tools", demand: consensus.map((c) => c * 0.75), mix: null, price: null, unitCost: null, loads: {} },
      { product: "B", family: "Tools", demand: consensus.map((c) => c * 0.25), mix: null, price: null, unitCost: null, loads: {} },
    ],
    resources: [],
  };
}

const history: DemandHistory = { periods: HISTORY.map((_, i) => `M${i + 1}`), seasonLength: 12, gap: 0, series: [{ family: "Tools", product: null, actuals: HISTORY }] };

describe("the consensus against the baseline", () => {
  const baseline = demandBaseline(HISTORY, { horizon: 3, seasonLength: 12 });

  it("flags each period whose consensus is outside the 95 % interval, with the difference", () => {
    const inside = baseline.points.map((p) => p.forecast);
    const consensus = [inside[0], baseline.points[1].hi95 + 1, baseline.points[2].lo95];
    const review = reviewDemand(history, input(consensus));
    expect(review.flags).toEqual([
      expect.objectContaining({ kind: "consensus-gap", severity: "warning", family: "Tools", period: "Feb", value: consensus[1] - inside[1] }),
    ]);
    expect(review.lines[0].consensus).toEqual(consensus);
  });
});

describe("what the plan takes from the review", () => {
  it("Demand basis Statistical: the family plans on its baseline, its products shared in proportion to their forecast", () => {
    const review = reviewDemand(history, input([300, 300, 300], { demandBasis: "statistical" }));
    const planned = planOnReview(input([300, 300, 300], { demandBasis: "statistical" }), review);
    const forecast = review.lines[0].points.map((p) => p.forecast);
    expect(planned.input.families[0].demand).toEqual(forecast);
    expect(planned.input.products.map((p) => p.demand)).toEqual([forecast.map((f) => f * 0.75), forecast.map((f) => f * 0.25)]);
    expect(planned.onBaseline).toEqual([{ family: "Tools", method: review.lines[0].baseline.method, baseline: forecast.reduce((a, b) => a + b, 0), consensus: 900 }]);
  });

  it("a scenario's demand change on a family already on its baseline stays: only a change of basis swaps the demand", () => {
    const base = input([300, 300, 300], { demandBasis: "statistical" });
    const review = reviewDemand(history, base);
    const reviewed = planOnReview(base, review).input;
    const doubled = { ...reviewed, families: reviewed.families.map((f) => ({ ...f, demand: f.demand.map((d) => 2 * d) })) };
    expect(planOnReview(doubled, review, reviewed).input.families[0].demand).toEqual(doubled.families[0].demand);
    const backToForecast = { ...reviewed, families: reviewed.families.map((f) => ({ ...f, policy: { ...f.policy, demandBasis: "forecast" as const } })) };
    expect(planOnReview(backToForecast, review, reviewed).input.families[0].demand).toEqual([300, 300, 300]);
  });

  it("Service level: safety stock = z × the RMSE of the one-step holdout errors; without a holdout the typed one stays", () => {
    const review = reviewDemand(history, input([100, 100, 100], { serviceLevel: 0.9 }));
    const planned = planOnReview(input([100, 100, 100], { serviceLevel: 0.9 }), review);
    const errors = review.lines[0].baseline.holdout.oneStepErrors;
    const rmse = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length);
    // z(90 %) = 1.2815515655446004, as a normal table gives 1.2816.
    expect(planned.input.families[0].policy.safetyStock).toBeCloseTo(1.2815515655446004 * rmse, 10);
    expect(planned.safetyStocks[0]).toMatchObject({ family: "Tools", serviceLevel: 0.9, typed: 7 });

    const short: DemandHistory = { ...history, periods: ["M1"], series: [{ family: "Tools", product: null, actuals: [100] }] };
    const none = planOnReview(input([100, 100, 100], { serviceLevel: 0.9 }), reviewDemand(short, input([100, 100, 100])));
    expect(none.input.families[0].policy.safetyStock).toBe(7);
    expect(none.noHoldout).toEqual([{ family: "Tools", periods: 1, safetyStock: 7 }]);
  });
});

describe("accuracy of saved versions by lag", () => {
  const version = (name: string, period: string, demand: number) => ({
    name,
    savedAt: "",
    families: [{ family: "Tools", strategy: "chase" as const, periods: [{ period, demand } as unknown as VersionPeriod] }],
  });

  it("flags a tracking signal beyond ±4: five versions that each forecast 10 under the actual at lag 0 sum to 5 MADs", () => {
    const months = HISTORY.map((_, i) => `M${i + 1}`);
    const versions = [19, 20, 21, 22, 23].map((i) => version(`V${i}`, months[i], HISTORY[i] - 10));
    const [tools] = forecastAccuracy(history, versions);
    expect(tools.lags).toEqual([expect.objectContaining({ lag: 0, periods: 5, trackingSignal: 50 / 10, trackingAlarm: true })]);
    const sumA = [19, 20, 21, 22, 23].reduce((s, i) => s + HISTORY[i], 0);
    expect(tools.lags[0].bias).toBeCloseTo(-50 / sumA, 12);
    expect(tools.lags[0].wape).toBeCloseTo(50 / sumA, 12);
    // Four such versions stay within the limit (a signal of exactly 4 is no alarm).
    expect(forecastAccuracy(history, versions.slice(1))[0].lags[0]).toMatchObject({ trackingSignal: 4, trackingAlarm: false });
  });

  it("a version over no period of the actuals gives no accuracy", () => {
    expect(forecastAccuracy(history, [version("Later", "M99", 100)])).toEqual([]);
  });
});

describe("safety stock as periods of cover", () => {
  it("sums the following periods' demand, a fraction of the last one, the last period's demand continuing past the horizon", () => {
    expect(coverSafetyStock([100, 200, 300, 400], 1)).toEqual([200, 300, 400, 400]);
    expect(coverSafetyStock([100, 200, 300, 400], 2.5)).toEqual([200 + 300 + 200, 300 + 400 + 200, 400 + 400 + 200, 400 + 400 + 200]);
    expect(coverSafetyStock([100, 200], 0)).toEqual([0, 0]);
  });

  it("a family with a Service level keeps the forecast error's safety stock; only the others take the cover", () => {
    const base = input([100, 100, 100], { serviceLevel: 0.9, safetyStockCover: 2 });
    const reviewed = planOnReview(base, reviewDemand(history, base));
    const covered = withCoverSafetyStock(reviewed.input);
    expect(covered.covers).toEqual([]);
    expect(covered.input.families[0].safetyStockByPeriod).toEqual([0, 1, 2].map(() => reviewed.safetyStocks[0].units));
    expect(reviewed.safetyStocks[0].coverIgnored).toBe(2);
    const onlyCover = withCoverSafetyStock(input([100, 120, 140], { safetyStockCover: 2 }));
    expect(onlyCover.input.families[0].safetyStockByPeriod).toEqual([260, 280, 280]);
    expect(onlyCover.covers).toEqual([{ family: "Tools", cover: 2, units: [260, 280, 280], typed: 7 }]);
  });
});

describe("accuracy on intermittent demand and the teams' inputs kept in a version", () => {
  it("a lag whose actuals sum to 0 has no WAPE or bias, and the demand review writes no formula for them", () => {
    // Spares: 0 in M3 and M4; a version forecast 2 and 0 for them.
    const spares: DemandHistory = { periods: ["M1", "M2", "M3", "M4"], seasonLength: 1, gap: 0, series: [{ family: "Spares", product: null, actuals: [3, 0, 0, 0] }] };
    const version = {
      name: "V",
      savedAt: "",
      families: [{ family: "Spares", strategy: "chase" as const, periods: [{ period: "M3", demand: 2 }, { period: "M4", demand: 0 }] as unknown as VersionPeriod[] }],
    };
    const [acc] = forecastAccuracy(spares, [version]);
    expect(acc.lags.map((l) => [l.lag, l.wape, l.bias, l.trackingSignal])).toEqual([
      [0, null, null, -1], // Σ(A − F) = −2 over MAD 2
      [1, null, null, null], // no error at all
    ]);
    // Naive (M2's 0) is right; the version's 2 is not; WAPE over actuals summing to 0 is none.
    expect(acc.valueAdded.map((s) => [s.step, s.wape, s.absoluteError])).toEqual([
      ["naive", null, 0],
      ["statistical", null, expect.any(Number)],
      ["consensus", null, 2],
    ]);
    const review = reviewDemand(spares, { ...input([1, 1, 1]), families: [] });
    const sheet = layoutDemandReview(review, [], "SOP Demand review", "SOP_Demand_review", [acc]);
    const lagRows = sheet.cells.filter((line) => line[0]?.value === "Spares" && typeof line[1]?.value === "number");
    expect(lagRows).toHaveLength(2);
    for (const line of lagRows) expect(line.slice(6, 8).every((cell) => !cell)).toBe(true);
  });

  it("a team's family input is its family row, else the sum of its product rows", () => {
    expect(
      familyInputs([
        { family: "Tools", product: "A", source: "Sales", demand: [1, 2] },
        { family: "Tools", product: "B", source: "Sales", demand: [10, 20] },
        { family: "Tools", product: "A", source: "Marketing", demand: [5, 5] },
        { family: "Tools", product: null, source: "Marketing", demand: [7, 7] },
      ]),
    ).toEqual([
      { family: "Tools", source: "Sales", demand: [11, 22] },
      { family: "Tools", source: "Marketing", demand: [7, 7] },
    ]);
  });
});

describe("the value added's versions", () => {
  it("covers the latest three versions with actuals; accuracy by lag pools them all", () => {
    const months = HISTORY.map((_, i) => `M${i + 1}`);
    const versions = [18, 19, 20, 21].map((i) => ({
      name: `V${i}`,
      savedAt: "",
      families: [{ family: "Tools", strategy: "chase" as const, periods: [{ period: months[i], demand: 100 }] as unknown as VersionPeriod[] }],
    }));
    const [tools] = forecastAccuracy(history, versions);
    expect(tools.lags[0].periods).toBe(4);
    expect(tools.valueAddedPeriods).toBe(3);
    const consensus = tools.valueAdded.find((s) => s.step === "consensus")!;
    const a = [19, 20, 21].map((i) => HISTORY[i]);
    expect(consensus.wape).toBeCloseTo(a.reduce((s, x) => s + Math.abs(x - 100), 0) / a.reduce((s, x) => s + x, 0), 12);
  });
});

describe("a family planned on its baseline for want of a Forecast row", () => {
  it("does not decide the default approach: a Forecast of product rows only stays bottom-up", () => {
    const products = { ...input([100, 100, 100]).families[0], hasFamilyRow: false };
    const pumps = { ...input([0, 0, 0]).families[0], family: "Pumps", noForecast: true };
    expect(defaultApproach({ ...input([100, 100, 100]), families: [products, pumps] })).toBe("bottom-up");
    expect(defaultApproach({ ...input([100, 100, 100]), families: [{ ...products, hasFamilyRow: true }, pumps] })).toBe("top-down");
  });
});

// Mix normalisation, whole-unit splits, top-down and bottom-up aggregation, and the loads the optimal plan couples on: hand-checked.
import {
  aggregate,
  bottomUpInput,
  defaultApproach,
  familyResourceLoads,
  mixNotUsedNotes,
  normaliseMix,
  planAll,
  resourceLoad,
  splitByMix,
  type PlanningInput,
} from "../../src/engine";
import { product, toolsInput, toolsMixInput } from "../support/aggregationInputs";
import { family } from "../support/planInputs";

describe("splitByMix: whole units by largest remainder, adding up exactly", () => {
  it.each<[number, number[], number[]]>([
    // 3.5, 2.1, 1.4 → 3, 2, 1 and the unit left goes to the largest remainder (0.5).
    [7, [0.5, 0.3, 0.2], [4, 2, 1]],
    // Three equal remainders of 1/3: the one unit left goes to the earliest.
    [10, [1, 1, 1], [4, 3, 3]],
    // Percentages and fractions are the same mix.
    [100, [40, 60], [40, 60]],
    [100, [0.4, 0.6], [40, 60]],
    // 0.7 + 0.2 + 0.1 is 0.9999999999999999 in floating point; still 7, 2, 1.
    [10, [0.7, 0.2, 0.1], [7, 2, 1]],
    // No weights: an equal split, the odd unit to the first.
    [5, [0, 0], [3, 2]],
    [0, [1, 2], [0, 0]],
    // A total that is not whole: 5.25 each, the 0.5 left stays on the first.
    [10.5, [1, 1], [5.5, 5]],
  ])("%d by %j is %j", (total, mix, parts) => {
    expect(splitByMix(total, mix)).toEqual(parts);
  });

  it("always adds up to the total and gives every share its quota within one unit", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let k = 0; k < 300; k++) {
      const mix = Array.from({ length: 1 + Math.floor(random() * 12) }, () => Math.floor(random() * 100) / 7);
      const total = Math.floor(random() * 10_000);
      const parts = splitByMix(total, mix);
      const weight = mix.reduce((a, b) => a + b, 0);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      parts.forEach((part, i) => {
        expect(Number.isInteger(part)).toBe(true);
        const quota = weight > 0 ? (total * mix[i]) / weight : total / mix.length;
        expect(Math.abs(part - quota)).toBeLessThan(1);
      });
    }
  });

  it("agrees with a plain sort of the remainders, ties to the earlier share, on every kind of mix", () => {
    /** The rule as written: floors, then one unit each to the largest remainders (earlier first on a tie), the fraction to the next. */
    const reference = (total: number, mix: number[]): number[] => {
      const weight = mix.reduce((a, b) => a + b, 0);
      const quotas = mix.map((m) => (weight > 0 ? (total * m) / weight : total / mix.length));
      const parts = quotas.map((q) => Math.floor(q + 1e-9));
      let left = total - parts.reduce((a, b) => a + b, 0);
      const order = quotas
        .map((q, i) => ({ i, remainder: Math.round((q - parts[i]) * 2 ** 30) }))
        .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
      for (const { i } of order) {
        if (left <= 1e-9) break;
        const unit = Math.min(1, left);
        parts[i] += left >= 1 - 1e-9 ? 1 : unit;
        left -= left >= 1 - 1e-9 ? 1 : unit;
      }
      return parts;
    };
    let seed = 11;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let k = 0; k < 500; k++) {
      const length = 1 + Math.floor(random() * 40);
      // Few distinct weights: many ties. Totals whole or not.
      const mix = Array.from({ length }, () => Math.floor(random() * 4));
      const total = k % 3 === 0 ? Math.floor(random() * 1000) + 0.25 : Math.floor(random() * 1000);
      const parts = splitByMix(total, mix);
      const expected = reference(total, mix);
      parts.forEach((part, i) => expect(part).toBeCloseTo(expected[i], 9));
    }
  });

  it("refuses a negative or non-finite total, an empty mix and a negative share", () => {
    expect(() => splitByMix(-1, [1])).toThrow(RangeError);
    expect(() => splitByMix(Number.NaN, [1])).toThrow(/give a number ≥ 0/);
    expect(() => splitByMix(5, [])).toThrow(/mix is empty/);
    expect(() => splitByMix(5, [1, -2])).toThrow(/share 2 of the mix is -2/);
  });
});

describe("normaliseMix: the family's shares", () => {
  it("divides a given Mix by its sum, so fractions and percentages agree", () => {
    expect(normaliseMix("Tools", [product("A", 0.6, null), product("B", 0.4, null)])).toMatchObject({ shares: [0.6, 0.4], rule: "given", notes: [] });
    expect(normaliseMix("Tools", [product("A", 60, null), product("B", 40, null)]).shares).toEqual([0.6, 0.4]);
  });

  it("says when the Mix does not add up to 1 or 100 %, and normalises it", () => {
    const mix = normaliseMix("Tools", [product("A", 1, null), product("B", 3, null)]);
    expect(mix.shares).toEqual([0.25, 0.75]);
    expect(mix.notes).toEqual(["Tools: the Mix adds up to 4, not 1 or 100 %; each product's share is its Mix divided by 4."]);
  });

  it("gives a blank Mix beside given ones no share, and says so (no product forecast rows: the Mix splits the plan)", () => {
    const mix = normaliseMix("Tools", [product("A", 50, null), product("B", null, null)]);
    expect(mix.shares).toEqual([1, 0]);
    expect(mix.notes[0]).toMatch(/B has no Mix while other products of the family do/);
  });

  it("blank for the whole family: proportional to the forecast totals; no forecast, no share", () => {
    const mix = normaliseMix("Tools", [product("A", null, [100, 50]), product("B", null, [30, 20]), product("C", null, null)]);
    expect(mix.rule).toBe("forecast");
    expect(mix.shares).toEqual([0.75, 0.25, 0]);
  });

  it("blank with no forecast at all: an equal split", () => {
    expect(normaliseMix("Tools", [product("A", null, null), product("B", null, [0, 0])])).toMatchObject({ shares: [0.5, 0.5], rule: "equal" });
  });
});

describe("top-down: the recommended plan split to products by mix", () => {
  // No product forecast rows: the Mix (60 / 40) splits the family plan.
  const input = toolsMixInput();
  const results = planAll(input, ["chase"]);
  const aggregation = aggregate(input, results, "top-down");

  it("splits demand, output and shipments 60/40 in whole units", () => {
    const [drill, saw] = aggregation.products;
    expect(Array.from(drill.demand)).toEqual([60, 30]);
    expect(Array.from(saw.demand)).toEqual([40, 20]);
    expect(Array.from(drill.made)).toEqual([60, 30]);
    expect(Array.from(saw.made)).toEqual([40, 20]);
    expect(Array.from(drill.shipped)).toEqual([60, 30]);
    expect(Array.from(saw.subcontracted)).toEqual([0, 0]);
  });

  it("loads the resources with the split output: Line 60 × 0.5 + 40 × 1 = 70 h in Jan", () => {
    // [Line Jan, Line Feb, Paint Jan, Paint Feb]
    expect(Array.from(aggregation.required)).toEqual([70, 35, 8, 4]);
    expect(Array.from(aggregation.unitsOnResource)).toEqual([100, 50, 40, 20]);
    expect(Array.from(aggregation.requiredByFamily)).toEqual([70, 35, 8, 4]);
  });
});

describe("top-down with product forecast rows: each period split by the products' own shares, whatever the Mix", () => {
  // Tools 100, 50 (family row); Drill 80, 20 and Saw 30, 40; Mix 60 / 40 is not used.
  const input = toolsInput();
  const results = planAll(input, ["chase"]);
  const aggregation = aggregate(input, results, "top-down");

  it("splits Jan 100 as 80 : 30 and Feb 50 as 20 : 40, in whole units", () => {
    // Jan: Drill 100 × 80/110 = 72.73, Saw 27.27 → 72 + 27, the unit left to the larger remainder (Drill): 73, 27.
    // Feb: Drill 50 × 20/60 = 16.67, Saw 33.33 → 16 + 33, the unit left to Drill (0.67 > 0.33): 17, 33.
    const [drill, saw] = aggregation.products;
    expect(Array.from(drill.demand)).toEqual([73, 17]);
    expect(Array.from(saw.demand)).toEqual([27, 33]);
    expect(Array.from(drill.made)).toEqual([73, 17]);
    expect(Array.from(saw.shipped)).toEqual([27, 33]);
  });

  it("loads Line with that split: 73 × 0.5 + 27 × 1 = 63.5 h in Jan, 17 × 0.5 + 33 = 41.5 h in Feb", () => {
    // [Line Jan, Line Feb, Paint Jan, Paint Feb]; Paint is Saw's 0.2 h: 27 × 0.2 = 5.4, 33 × 0.2 = 6.6.
    const required = Array.from(aggregation.required);
    expect(required.slice(0, 2)).toEqual([63.5, 41.5]);
    expect(required[2]).toBeCloseTo(5.4, 12);
    expect(required[3]).toBeCloseTo(6.6, 12);
  });

  it("the optimal plan's load per unit follows each period's shares: Line (80 × 0.5 + 30) / 110 in Jan, (20 × 0.5 + 40) / 60 in Feb", () => {
    const [line] = familyResourceLoads(input);
    expect(line.loadPerUnitByPeriod?.Tools[0]).toBeCloseTo(70 / 110, 12);
    expect(line.loadPerUnitByPeriod?.Tools[1]).toBeCloseTo(50 / 60, 12);
  });

  it("says once that the Mix is not used, naming its cells and the shares that split the plan", () => {
    // Drill's share: 80/110 = 0.73 in Jan, 20/60 = 0.33 in Feb; Saw's 30/110 = 0.27, 40/60 = 0.67.
    const named = { ...input, products: input.products.map((p, i) => ({ ...p, mixCell: `Products!C${i + 2}` })) };
    expect(mixNotUsedNotes(named)).toEqual([
      {
        severity: "info",
        message: "Tools: the Mix (Drill 0.6 (Products!C2), Saw 0.4 (Products!C3)) is not used: the product forecasts' own shares (Drill 0.33–0.73, Saw 0.27–0.67 by period) split the family plan.",
      },
    ]);
  });

  it("one product with a Mix: 0.3 against shares of 0.41 and 0.55 (the issue's Tower Fan)", () => {
    // Fan 41 of 100 in Jan and 55 of 100 in Feb; Heater has no Mix.
    const fans: PlanningInput = {
      ...input,
      families: [family("Fans", [100, 100], { unitsPerWorkerPerPeriod: 10 })],
      products: [
        { ...product("Tower Fan", 0.3, [41, 55]), family: "Fans", mixCell: "Products!C5" },
        { ...product("Heater", null, [59, 45]), family: "Fans" },
      ],
    };
    expect(mixNotUsedNotes(fans).map((m) => m.message)).toEqual([
      "Fans: Products!C5 Tower Fan Mix 0.3 is not used: the product forecasts' own shares (0.41–0.55 by period) split the family plan.",
    ]);
  });

  it("is silent when the shares are the Mix (to two decimals), or there are no product rows", () => {
    const agreeing: PlanningInput = { ...input, products: [product("Drill", 0.6, [60, 30]), product("Saw", 0.4, [40, 20])] };
    expect(mixNotUsedNotes(agreeing)).toEqual([]);
    // Rows split from the Mix in whole units: Drill 61 of 101 = 0.604 is 0.6 at the two decimals shown.
    const rounded: PlanningInput = { ...input, products: [product("Drill", 0.6, [61, 30]), product("Saw", 0.4, [40, 20])] };
    expect(mixNotUsedNotes(rounded)).toEqual([]);
    expect(mixNotUsedNotes(toolsMixInput())).toEqual([]);
  });

  it("a period whose product forecasts add up to 0 falls back to the Mix", () => {
    // Feb: Drill 0, Saw 0 → the Mix 60 / 40 splits 50: 30, 20. Jan: 80 : 30 as above, 73, 27.
    const zeroFeb: PlanningInput = { ...input, products: input.products.map((p) => ({ ...p, demand: [p.demand![0], 0] })) };
    const split = aggregate(zeroFeb, planAll(zeroFeb, ["chase"]), "top-down");
    expect(split.products.map((p) => Array.from(p.demand))).toEqual([
      [73, 30],
      [27, 20],
    ]);
  });
});

describe("bottom-up: product forecasts × loads, the family planned on their sum", () => {
  const raw = toolsInput();
  const input = bottomUpInput(raw);
  const results = planAll(input, ["chase"]);
  const aggregation = aggregate(input, results, "bottom-up");

  it("plans the family on the sum of its product rows (110, 60), not its own row", () => {
    expect(input.families[0].demand).toEqual([110, 60]);
    expect(raw.families[0].demand).toEqual([100, 50]);
  });

  it("keeps each product's forecast and splits the output by that period's forecasts", () => {
    const [drill, saw] = aggregation.products;
    expect(Array.from(drill.demand)).toEqual([80, 20]);
    expect(Array.from(saw.demand)).toEqual([30, 40]);
    expect(Array.from(drill.made)).toEqual([80, 20]);
    expect(Array.from(saw.shipped)).toEqual([30, 40]);
  });

  it("requires Line 80 × 0.5 + 30 × 1 = 70 h in Jan and 20 × 0.5 + 40 = 50 h in Feb", () => {
    expect(Array.from(aggregation.required)).toEqual([70, 50, 6, 8]);
  });

  it("is the default only when no family has its own Forecast row", () => {
    expect(defaultApproach(raw)).toBe("top-down");
    expect(defaultApproach({ ...raw, families: raw.families.map((f) => ({ ...f, hasFamilyRow: false })) })).toBe("bottom-up");
  });
});

describe("a family without a feasible plan is still planned and counted", () => {
  it("its closest plan is recommended (not feasible) and loads the resources with what it makes", () => {
    const input = toolsInput();
    input.families[0].manualPlan = { workers: [0, 0], regular: [0, 0], overtime: null, subcontract: null };
    const results = planAll(input, ["manual"]);
    expect(results[0].recommended).toBe("manual");
    expect(results[0].plans[0].feasible).toBe(false);
    expect(results[0].capacityError).toMatch(/^no plan compared is feasible; manual is shown/);
    const aggregation = aggregate(input, results, "top-down");
    expect(Array.from(aggregation.products[0].made)).toEqual([0, 0]);
  });
});

describe("resourceLoad: the hot path", () => {
  it("adds units × load per family and in total", () => {
    // Two products in two families, one resource, two periods.
    const units = new Float64Array([1, 2, 10, 20]);
    const loads = new Float64Array([0.5, 2]);
    const { required, requiredByFamily, unitsOnResource } = resourceLoad(units, loads, new Int32Array([0, 1]), 2, 2, 1);
    expect(Array.from(requiredByFamily)).toEqual([0.5, 1, 20, 40]);
    expect(Array.from(required)).toEqual([20.5, 41]);
    expect(Array.from(unitsOnResource)).toEqual([11, 22]);
  });
});

describe("familyResourceLoads: capacity per unit of family output for the optimal plan", () => {
  it("weights the products' loads by mix: Line 0.6 × 0.5 + 0.4 × 1 = 0.7 h per unit of Tools", () => {
    // Tools without product forecast rows, so the Mix weighs the loads.
    const input = toolsMixInput();
    input.families.push(family("Garden", [10, 10], { unitsPerWorkerPerPeriod: 10 }));
    input.products.push({ ...product("Hose", null, [5, 5], { Line: 0.25 }), family: "Garden" });
    const shared = familyResourceLoads(input);
    expect(shared).toHaveLength(2);
    expect(shared[0].resource).toBe("Line");
    expect(shared[0].available).toEqual([60, 60]);
    expect(shared[0].loadPerUnit.Tools).toBeCloseTo(0.7, 12);
    expect(shared[0].loadPerUnit.Garden).toBe(0.25);
    expect(shared[1]).toEqual({ resource: "Paint", available: [100, 100], loadPerUnit: { Tools: expect.closeTo(0.08, 12) }, splitReserve: 0.2 });
  });

  it("holds back what the whole-unit split can add: a unit more of the heaviest product, a unit less of the lightest", () => {
    // Line: Drill 0.5 h, Saw 1 h, so a split off by one unit loads up to 0.5 h more than 0.7 h a unit; Garden's one product, nothing.
    const input = toolsInput();
    input.families.push(family("Garden", [10, 10], { unitsPerWorkerPerPeriod: 10 }));
    input.products.push({ ...product("Hose", null, [5, 5], { Line: 0.25 }), family: "Garden" });
    expect(familyResourceLoads(input).map((r) => [r.resource, r.splitReserve])).toEqual([
      ["Line", 0.5],
      ["Paint", 0.2],
    ]);
  });
});

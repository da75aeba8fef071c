// Versions and variance, pure: a run saved as a version, compared with the next, and the margin bridge that explains the change.
import { COST_KINDS, planAll, type CostBreakdown, type PlanningInput } from "../../src/engine";
import { bridgeStory, compareVersions, totalBridgeLabel, VARIANCE_MEASURES, type MarginBridge } from "../../src/engine/variance";
import {
  findVersion,
  latestVersion,
  versionNameProblem,
  versionOfPlans,
  versionTimestamp,
  withoutVersion,
  type PlanVersion,
  type VersionPeriod,
} from "../../src/engine/versions";
import { zeroCosts } from "../../src/engine/costing";
import { POLICY_DEFAULTS } from "../../src/engine/policy";

/** The hand case: demand 300, 100, 200; 50 units per worker; chase is the cheapest of level and chase (23,300). */
function handInput(demand = [300, 100, 200]): PlanningInput {
  return {
    periods: ["Jan", "Feb", "Mar"],
    workingDays: null,
    families: [
      {
        family: "Tools",
        demand,
        policy: {
          ...POLICY_DEFAULTS,
          unitsPerWorkerPerPeriod: 50,
          hoursPerWorkerPerPeriod: 160,
          regularCostPerHour: 10,
          hiringCostPerWorker: 100,
          layoffCostPerWorker: 200,
          holdingCostPerUnit: 2,
          materialCostPerUnit: 5,
          pricePerUnit: 60,
          initialWorkers: 5,
          integerWorkers: true,
        },
        manualPlan: null,
      },
    ],
    products: [],
    resources: [],
  };
}

function period(name: string, fields: Partial<Omit<VersionPeriod, "costs">> & { costs?: Partial<CostBreakdown> }): VersionPeriod {
  const costs = { ...zeroCosts(), ...fields.costs };
  const totalCost = COST_KINDS.reduce((s, k) => s + costs[k], 0);
  const revenue = fields.revenue ?? 0;
  return {
    period: name,
    demand: 0,
    shipped: 0,
    regular: 0,
    overtime: 0,
    subcontract: 0,
    workers: 0,
    hired: 0,
    laidOff: 0,
    inventory: 0,
    backlog: 0,
    inventoryValue: 0,
    ...fields,
    costs,
    totalCost,
    revenue,
    margin: revenue - totalCost,
    grossMargin: fields.grossMargin ?? revenue - totalCost,
  };
}

describe("a run saved as a version", () => {
  it("keeps each family's recommended plan per period: decisions, stock, shipped units and money", () => {
    const input = handInput();
    const results = planAll(input, ["level", "chase"]);
    expect(results[0].recommended).toBe("chase");
    const { version, skipped } = versionOfPlans(" Nov plan ", "2026-11-02T09:30:00", input, results);
    expect(skipped).toEqual([]);
    expect(version.name).toBe("Nov plan");
    expect(version.savedAt).toBe("2026-11-02T09:30:00");
    const [tools] = version.families;
    expect(tools.strategy).toBe("chase");
    // Chase: workers 6, 2, 4 make exactly the demand.
    expect(tools.periods.map((p) => [p.period, p.demand, p.regular, p.workers, p.hired, p.laidOff, p.shipped])).toEqual([
      ["Jan", 300, 300, 6, 1, 0, 300],
      ["Feb", 100, 100, 2, 0, 4, 100],
      ["Mar", 200, 200, 4, 2, 0, 200],
    ]);
    // Jan: 6 × 1,600 payroll + 100 hiring + 5 × 300 material = 11,200; revenue 60 × 300.
    expect(tools.periods[0].totalCost).toBe(11200);
    expect(tools.periods[0].revenue).toBe(18000);
    expect(tools.periods[0].margin).toBe(6800);
    expect(tools.periods.reduce((s, p) => s + p.totalCost, 0)).toBe(23300);
  });

  it("leaves out a family with no feasible plan and says which", () => {
    const input = handInput();
    input.families.push({ ...input.families[0], family: "Pumps", policy: { ...input.families[0].policy, unitsPerWorkerPerPeriod: 50 } });
    const results = planAll(input, ["level", "chase"]);
    results[1].recommended = null;
    const { version, skipped } = versionOfPlans("Nov", "", input, results);
    expect(version.families.map((f) => f.family)).toEqual(["Tools"]);
    expect(skipped).toEqual(["Pumps"]);
  });

  it("records local time to the second", () => {
    expect(versionTimestamp(new Date(2026, 10, 2, 9, 5, 7))).toBe("2026-11-02T09:05:07");
  });
});

describe("choosing and naming versions", () => {
  const versions: PlanVersion[] = [
    { name: "Oct", savedAt: "2026-10-01T09:00:00", families: [] },
    { name: "Nov", savedAt: "2026-11-02T09:00:00", families: [] },
    { name: "Nov rerun", savedAt: "2026-11-02T09:00:00", families: [] },
  ];

  it("the latest is the last saved; on the same time, the one listed last", () => {
    expect(latestVersion(versions)?.name).toBe("Nov rerun");
    expect(latestVersion(versions.slice(0, 2))?.name).toBe("Nov");
    expect(latestVersion([])).toBeNull();
  });

  it("finds a version by name ignoring case and spacing", () => {
    expect(findVersion(versions, "  nov   RERUN ")?.name).toBe("Nov rerun");
    expect(findVersion(versions, "Dec")).toBeNull();
  });

  it("refuses a blank, overlong or taken name: saved versions are never changed", () => {
    expect(versionNameProblem(versions, "Dec")).toBeNull();
    expect(versionNameProblem(versions, "  ")).toBe("a version needs a name");
    expect(versionNameProblem(versions, "x".repeat(61))).toMatch(/at most 60 characters/);
    expect(versionNameProblem(versions, "oct")).toBe('a version named "Oct" exists, saved 2026-10-01 09:00; saved versions are never changed: choose another name');
  });

  it("deletes a version by name and keeps the others in order", () => {
    expect(withoutVersion(versions, "NOV").map((v) => v.name)).toEqual(["Oct", "Nov rerun"]);
  });
});

describe("variance to a saved version", () => {
  const baseline: PlanVersion = {
    name: "Nov",
    savedAt: "2026-11-02T09:00:00",
    families: [
      {
        family: "Tools",
        strategy: "chase",
        periods: [
          period("Jan", { demand: 300, shipped: 300, regular: 300, workers: 6, revenue: 18000, costs: { regular: 9600, material: 1500 } }),
          period("Feb", { demand: 100, shipped: 100, regular: 100, workers: 2, revenue: 6000, costs: { regular: 3200, layoff: 800, material: 500 } }),
          period("Mar", { demand: 200, shipped: 200, regular: 150, subcontract: 50, workers: 3, inventory: 0, revenue: 12000, costs: { regular: 4800, subcontract: 1500, material: 750 } }),
        ],
      },
      { family: "Pumps", strategy: "level", periods: [period("Feb", { demand: 10 })] },
    ],
  };
  // December's plan: the horizon rolled on a month (Feb–Apr), more demand at a higher price in Feb.
  const current: PlanVersion = {
    name: "this plan",
    savedAt: "",
    families: [
      {
        family: " tools ",
        strategy: "optimal",
        periods: [
          period("feb", { demand: 130, shipped: 130, regular: 100, overtime: 30, workers: 2, inventory: 5, revenue: 8450, costs: { regular: 3200, overtime: 900, material: 650 } }),
          period("Mar", { demand: 200, shipped: 200, regular: 200, workers: 4, revenue: 13000, costs: { regular: 6400, hiring: 200, material: 1000 } }),
          period("Apr", { demand: 250, shipped: 250, regular: 250, workers: 5, revenue: 16250, costs: { regular: 8000, material: 1250 } }),
        ],
      },
      { family: "Valves", strategy: "chase", periods: [period("Feb", { demand: 1 })] },
    ],
  };
  const report = compareVersions(baseline, current);

  it("matches families by name and periods by label, comparing the periods both plans have", () => {
    expect(report.families).toHaveLength(1);
    const [tools] = report.families;
    expect(tools).toMatchObject({ family: " tools ", baselineFamily: "Tools", baselineStrategy: "chase", currentStrategy: "optimal", periods: ["feb", "Mar"], baselineIndex: [1, 2], currentIndex: [0, 1] });
    expect(report.notes).toEqual([
      'Jan: in version "Nov" only, not compared.',
      'Apr: not in version "Nov", not compared.',
      'Valves: not in version "Nov", not compared.',
      'Pumps: in version "Nov" but has no recommended plan now, not compared.',
    ]);
  });

  it("gives baseline, current and change for every measure of every compared period", () => {
    expect(report.lines).toHaveLength(2 * VARIANCE_MEASURES.length);
    const line = (period: string, measure: string) => report.lines.find((l) => l.period === period && l.measure === measure);
    expect(line("feb", "demand")).toEqual({ family: " tools ", period: "feb", measure: "demand", baseline: 100, current: 130, change: 30 });
    // Production is regular + overtime + subcontract: 150 + 50 then, 200 now.
    expect(line("Mar", "production")).toMatchObject({ baseline: 200, current: 200, change: 0 });
    expect(line("feb", "inventory")).toMatchObject({ baseline: 0, current: 5, change: 5 });
    expect(line("Mar", "workers")).toMatchObject({ baseline: 3, current: 4, change: 1 });
    // Feb cost: 4,500 then (3,200 + 800 + 500), 4,750 now.
    expect(line("feb", "cost")).toMatchObject({ baseline: 4500, current: 4750, change: 250 });
    expect(line("feb", "margin")).toMatchObject({ baseline: 1500, current: 3700, change: 2200 });
  });

  it("bridges the margin: volume at the old price, the rest of the revenue as price, then each cost", () => {
    const [tools, total] = report.bridges;
    // Feb + Mar: shipped 300 → 330 at 60 a unit then (18,000 / 300): volume 1,800; revenue 18,000 → 21,450: price 1,650.
    expect(tools.volume).toBeCloseTo(1800, 9);
    expect(tools.price).toBeCloseTo(1650, 9);
    // Costs then: regular 8,000, layoff 800, subcontract 1,500, material 1,250; now regular 9,600, overtime 900, hiring 200, material 1,650.
    expect(tools.costs).toEqual({ regular: -1600, overtime: -900, hiring: -200, layoff: 800, holding: 0, backorder: 0, subcontract: 1500, material: -400 });
    expect(tools.baselineMargin).toBe(18000 - 11550);
    expect(tools.currentMargin).toBe(21450 - 12350);
    const explained = tools.baselineMargin + tools.volume + tools.price + COST_KINDS.reduce((s, k) => s + tools.costs[k], 0);
    expect(explained).toBeCloseTo(tools.currentMargin, 9);
    expect(total).toEqual({ ...tools, family: null });
  });

  it("tells the story in the direction of the change: +2,650, mostly demand volume +1,800 (regular cost −1,600 against it is smaller than the change)", () => {
    const [tools] = report.bridges;
    expect(tools.currentMargin - tools.baselineMargin).toBe(2650);
    expect(bridgeStory(tools)).toBe("mostly demand volume +1,800");
  });

  it("says 'offsetting' when a driver against the change is larger than the change: −89,729 is material −550,000 against volume +495,000", () => {
    const costs = { ...zeroCosts(), material: 550000, regular: 34729 };
    const bridge: MarginBridge = { family: "Leaf Blowers", baselineMargin: 1000000, volume: 495000, price: 0, costs: { ...costs, material: -550000, regular: -34729 }, inventory: 0, currentMargin: 910271 };
    expect(bridgeStory(bridge)).toBe("offsetting: material cost −550,000 against demand volume +495,000");
    // Without the volume the material cost alone explains the fall.
    expect(bridgeStory({ ...bridge, volume: 0, currentMargin: 415271 })).toBe("mostly material cost −550,000");
    // Drivers that cancel exactly: no change, and still offsetting.
    expect(bridgeStory({ ...bridge, volume: 584729, currentMargin: 1000000 })).toBe("offsetting: demand volume +584,729 against material cost −550,000");
    expect(bridgeStory({ ...bridge, volume: 0, costs: zeroCosts(), currentMargin: 1000000 })).toBe("no change");
  });

  it("the total is 'All families' only when every family of this plan is compared; else it names the ones left out", () => {
    expect(totalBridgeLabel(compareVersions(baseline, baseline))).toBe("All families");
    // This plan's Valves is not in the version: the total is Tools' alone, and says so.
    expect(report.uncompared).toEqual(["Valves"]);
    expect(totalBridgeLabel(report)).toBe("All families but Valves (not in the version)");
    const more: PlanVersion = { ...current, families: [...current.families, { ...current.families[0], family: "Hedge Trimmers" }] };
    const partial = compareVersions(baseline, more);
    expect(partial.uncompared).toEqual(["Valves", "Hedge Trimmers"]);
    expect(totalBridgeLabel(partial)).toBe("All families but Valves, Hedge Trimmers (not in the version)");
    // The total bridge is of the compared family alone.
    expect(partial.bridges.at(-1)).toEqual({ ...report.bridges[0], family: null });
  });

  it("with nothing shipped then, all the new revenue is volume", () => {
    const empty: PlanVersion = { ...baseline, families: [{ family: "Tools", strategy: "chase", periods: [period("Mar", {})] }] };
    const [bridge] = compareVersions(empty, current).bridges;
    expect(bridge.volume).toBe(13000);
    expect(bridge.price).toBe(0);
  });

  it("a plan compared with itself changes nothing", () => {
    const same = compareVersions(baseline, baseline);
    expect(same.lines.every((l) => l.change === 0)).toBe(true);
    expect(same.notes).toEqual([]);
    expect(same.bridges[0]).toMatchObject({ volume: 0, price: 0 });
  });
});

// Seeded families that share resources (block-angular coupling), for the optimal-plan tests and bench/optimal.bench.js alike.
"use strict";
const { prng } = require("./prng.js");

/**
 * Families with seasonal, noisy demand of different sizes and phases, and policies that differ
 * (pay, productivity, hiring, layoff, holding, backorder and subcontract costs), so plans build
 * stock, hire, lay off, work overtime, subcontract and carry backlog. `defaults`: the engine's
 * POLICY_DEFAULTS (from src in tests, from lib in the bench).
 */
function families(defaults, count, { integerWorkers = false, seed = 2027, periods = 52 } = {}) {
  const random = prng(seed);
  return Array.from({ length: count }, (_, f) => {
    const base = 300 + random() * 1500;
    const amplitude = random() * 0.5;
    const phase = random() * periods;
    const laborHoursPerUnit = 1 + random() * 2;
    const regularCostPerHour = 18 + random() * 8;
    // Buying costs a premium over making (1.3–1.8× labour and material), as it does in practice.
    const subcontractCostPerUnit = (laborHoursPerUnit * regularCostPerHour + 10) * (1.3 + 0.5 * random());
    return {
      family: `F${f}`,
      demand: Array.from({ length: periods }, (_, t) =>
        Math.round(base * (1 + amplitude * Math.sin((2 * Math.PI * (t + phase)) / periods)) * (0.7 + 0.6 * random())),
      ),
      policy: {
        ...defaults,
        laborHoursPerUnit,
        hoursPerWorkerPerDay: 8,
        regularCostPerHour,
        overtimeCostPerHour: 1.5 * regularCostPerHour,
        maxOvertimeHoursPerWorker: 8,
        hiringCostPerWorker: 800 + random() * 800,
        layoffCostPerWorker: 1200 + random() * 800,
        holdingCostPerUnit: 0.2 + random() * 0.6,
        backorderCostPerUnit: 3 + random() * 4,
        subcontractCostPerUnit,
        materialCostPerUnit: 10,
        initialWorkers: Math.round(base / 40),
        initialInventory: 200,
        integerWorkers,
      },
      manualPlan: null,
    };
  });
}

/** Weekly periods (W01…), five working days a week and four in every thirteenth. */
function planningInput(list) {
  const count = list.length > 0 ? list[0].demand.length : 0;
  const periods = Array.from({ length: count }, (_, t) => `W${String(t + 1).padStart(2, "0")}`);
  return { periods, workingDays: periods.map((_, t) => (t % 13 === 12 ? 4 : 5)), families: list, products: [], resources: [] };
}

/**
 * Three resources every family uses, with loads drawn per family. Capacity is `tightness` (97 %)
 * of the average load per period at demand, so seasonal peaks overload it and the families
 * compete for it (the rest is pre-built, subcontracted or backordered).
 */
function sharedResources(list, tightness = 0.97) {
  const random = prng(99);
  const count = list.length > 0 ? list[0].demand.length : 0;
  return ["Press", "Paint", "Pack"].map((resource) => {
    const loadPerUnit = {};
    for (const family of list) loadPerUnit[family.family] = 0.2 + random();
    const averageLoad = list.reduce((sum, family) => sum + (loadPerUnit[family.family] * family.demand.reduce((a, b) => a + b, 0)) / count, 0);
    return { resource, available: Array.from({ length: count }, () => tightness * averageLoad), loadPerUnit };
  });
}

module.exports = { families, planningInput, sharedResources };

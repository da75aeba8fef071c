// Level, chase and manual planning speed: families × periods against a flat loop doing the same arithmetic.
"use strict";
const { planAll, POLICY_DEFAULTS } = require("../lib/engine");

function input(families, periods) {
  const labels = Array.from({ length: periods }, (_, t) => `P${t + 1}`);
  return {
    periods: labels,
    workingDays: labels.map((_, t) => 20 + (t % 3)),
    products: [],
    resources: [],
    families: Array.from({ length: families }, (_, f) => ({
      family: `F${f}`,
      demand: labels.map((_, t) => 1000 + ((f * 37 + t * 101) % 500)),
      policy: {
        ...POLICY_DEFAULTS,
        laborHoursPerUnit: 1.5,
        hoursPerWorkerPerDay: 8,
        regularCostPerHour: 20,
        hiringCostPerWorker: 1000,
        layoffCostPerWorker: 1500,
        holdingCostPerUnit: 2,
        backorderCostPerUnit: 5,
        integerWorkers: true,
      },
      manualPlan: null,
    })),
  };
}

function time(fn, repeats) {
  fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < repeats; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / repeats;
}

/** Baseline: one pass of the period recursion per family and strategy, no objects. */
function flatLoop(data) {
  let sink = 0;
  for (const family of data.families) {
    for (let s = 0; s < 2; s++) {
      let position = 0;
      for (let t = 0; t < family.demand.length; t++) {
        position += 1100 - family.demand[t];
        sink += Math.max(0, position) * 2 + Math.max(0, -position) * 5;
      }
    }
  }
  return sink;
}

exports.run = async function run() {
  for (const [families, periods] of [
    [100, 52],
    [1000, 52],
  ]) {
    const data = input(families, periods);
    const engineMs = time(() => planAll(data, ["level", "chase"]), 5);
    const loopMs = time(() => flatLoop(data), 5);
    console.log(
      `level+chase ${families} families × ${periods} periods: ${engineMs.toFixed(2)} ms ` +
        `(flat loop ${loopMs.toFixed(3)} ms, ratio ${(engineMs / loopMs).toFixed(1)}×)`,
    );
  }
};

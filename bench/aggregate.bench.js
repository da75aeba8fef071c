// Aggregation at scale: 10,000 products × 104 weeks × 20 resources, split, rolled up and checked, against a flat Float64Array loop doing the same multiply-adds.
"use strict";
const v8 = require("v8");
const vm = require("vm");
const { aggregate, bottomUpInput, planAll, POLICY_DEFAULTS, roughCutCapacity } = require("../lib/engine");

const FAMILIES = 100;
const PRODUCTS_PER_FAMILY = 100;
const PERIODS = 104;
const RESOURCES = 20;

/** A deterministic input: every product loads every resource (the most multiply-adds). */
function input() {
  const periods = Array.from({ length: PERIODS }, (_, t) => `W${t + 1}`);
  const resources = Array.from({ length: RESOURCES }, (_, r) => ({ resource: `R${r + 1}`, available: periods.map(() => 1e6) }));
  const families = [];
  const products = [];
  for (let f = 0; f < FAMILIES; f++) {
    const familyDemand = new Array(PERIODS).fill(0);
    for (let i = 0; i < PRODUCTS_PER_FAMILY; i++) {
      const demand = periods.map((_, t) => 10 + ((f * 31 + i * 17 + t * 7) % 90));
      demand.forEach((d, t) => (familyDemand[t] += d));
      const loads = {};
      resources.forEach((r, k) => (loads[r.resource] = 0.05 + ((i + k) % 10) / 20));
      products.push({ product: `P${f}-${i}`, family: `F${f}`, demand, mix: i % 3 === 0 ? null : 1 + (i % 7), price: 50, unitCost: 20, loads });
    }
    families.push({
      family: `F${f}`,
      demand: familyDemand,
      policy: { ...POLICY_DEFAULTS, unitsPerWorkerPerPeriod: 100, regularCostPerUnit: 1 },
      manualPlan: null,
    });
  }
  return { periods, workingDays: null, families, products, resources };
}

/**
 * Milliseconds of this process's CPU time (user + system) for one call: on a busy machine wall time
 * mostly measures the other processes; garbage collection on helper threads counts too.
 */
function once(fn) {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/**
 * Engine and baseline timed alternately, round after round, so both see the same machine load;
 * the figures are medians over the rounds (the ratio is the median of each round's ratio).
 */
function race(engine, baseline, rounds) {
  engine();
  baseline();
  const engineMs = [];
  const baselineMs = [];
  const ratios = [];
  for (let i = 0; i < rounds; i++) {
    engineMs.push(once(engine));
    baselineMs.push(once(baseline));
    ratios.push(engineMs[i] / baselineMs[i]);
  }
  return { engineMs: median(engineMs), baselineMs: median(baselineMs), ratio: median(ratios) };
}

/** Baseline: the multiply-adds of both approaches' resource loads, on flat arrays prepared beforehand. */
function flatLoop(units, loads) {
  const required = new Float64Array(RESOURCES * PERIODS);
  const productCount = units.length / PERIODS;
  for (let pass = 0; pass < 2; pass++) {
    for (let p = 0; p < productCount; p++) {
      for (let r = 0; r < RESOURCES; r++) {
        const load = loads[p * RESOURCES + r];
        const out = r * PERIODS;
        const base = p * PERIODS;
        for (let t = 0; t < PERIODS; t++) required[out + t] += load * units[base + t];
      }
    }
  }
  return required[0];
}

/** A collector to call between measurements (node runs without --expose-gc here). */
function collector() {
  if (typeof global.gc === "function") return global.gc;
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc");
}

const megabytes = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;

exports.run = async function run() {
  const gc = collector();
  const topDownInput = input();
  const bottomUp = bottomUpInput(topDownInput);
  // The family plans are the engine bench's business; plan once, outside the timing.
  // Level plans make what differs from demand, so the output is split too, not copied from the demand split.
  const topDownResults = planAll(topDownInput, ["level"]);
  const bottomUpResults = planAll(bottomUp, ["level"]);

  const engine = () => {
    const td = aggregate(topDownInput, topDownResults, "top-down");
    const bu = aggregate(bottomUp, bottomUpResults, "bottom-up");
    return [roughCutCapacity(td, topDownInput.resources), roughCutCapacity(bu, bottomUp.resources)];
  };
  const units = new Float64Array(topDownInput.products.length * PERIODS).map((_, i) => 10 + (i % 90));
  const loads = new Float64Array(topDownInput.products.length * RESOURCES).map((_, i) => 0.05 + (i % 10) / 20);

  const { engineMs, baselineMs: loopMs, ratio } = race(engine, () => flatLoop(units, loads), 9);
  const topDownMs = median(Array.from({ length: 5 }, () => once(() => aggregate(topDownInput, topDownResults, "top-down"))));
  const bottomUpMs = median(Array.from({ length: 5 }, () => once(() => aggregate(bottomUp, bottomUpResults, "bottom-up"))));

  // Memory: the live heap and typed arrays one run adds, measured from a collected heap (twice,
  // with a turn of the event loop between, so freed typed-array storage has really gone).
  const settle = async () => {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  };
  await settle();
  const before = process.memoryUsage();
  let peak = 0;
  const sample = () => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
  };
  const td = aggregate(topDownInput, topDownResults, "top-down");
  sample();
  const bu = aggregate(bottomUp, bottomUpResults, "bottom-up");
  sample();
  const checks = [roughCutCapacity(td, topDownInput.resources), roughCutCapacity(bu, bottomUp.resources)];
  sample();
  await settle();
  const after = process.memoryUsage();
  const retained = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
  void checks;

  const label = `${FAMILIES * PRODUCTS_PER_FAMILY} products × ${PERIODS} weeks × ${RESOURCES} resources`;
  console.log(
    `aggregation ${label} (CPU time): top-down split + bottom-up roll-up + capacity check ${engineMs.toFixed(1)} ms ` +
      `(top-down ${topDownMs.toFixed(1)} ms, bottom-up ${bottomUpMs.toFixed(1)} ms; ` +
      `flat Float64Array loop of the same ${((2 * FAMILIES * PRODUCTS_PER_FAMILY * PERIODS * RESOURCES) / 1e6).toFixed(1)} M multiply-adds ${loopMs.toFixed(1)} ms, ` +
      `ratio ${ratio.toFixed(2)}× (median of 9 alternating rounds), target ≤ 3×)`,
  );
  console.log(
    `memory: peak ${megabytes(peak)} above the input while both aggregations are alive, ${megabytes(retained)} retained by them; ` +
      `process peak RSS ${megabytes(process.resourceUsage().maxRSS * 1024)}`,
  );
};

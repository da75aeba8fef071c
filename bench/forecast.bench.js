// Statistical baselines: 500 series × 36 months through the whole selection (every ETS form fitted and chosen by AICc, the benchmarks, the Croston family, the rolling-origin holdout), against the seasonal naive forecast and a plain SES fit of the same series in the same run.
"use strict";
const os = require("os");
const path = require("path");
const { demandBaseline, seasonalNaiveForecast, fitEtsForm } = require("../lib/engine/forecast");
const { PlanPool } = require("../lib/cli/workerPool");
const { prng } = require("../test/support/prng.js");

const SERIES = 500;
const MONTHS = 36;
const HORIZON = 12;

/** A mix a planner's families look like: multiplicative and additive seasons, trends, and intermittent items. */
function portfolio(seed) {
  const random = prng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: SERIES }, (_, s) => {
    const kind = s % 20;
    const level = 50 + random() * 950;
    const trend = (random() - 0.3) * level * 0.01;
    const amplitude = 0.1 + random() * 0.3;
    return Array.from({ length: MONTHS }, (_, t) => {
      const season = Math.sin((2 * Math.PI * t) / 12);
      if (kind < 8) return Math.max(1, Math.round((level + trend * t) * (1 + amplitude * season) * (1 + 0.06 * normal())));
      if (kind < 14) return Math.max(0, Math.round(level + trend * t + amplitude * level * season + 0.08 * level * normal()));
      if (kind < 17) return Math.max(0, Math.round(level + trend * t + 0.1 * level * normal()));
      return random() < 0.45 ? 1 + Math.floor(random() * 10) : 0;
    });
  });
}

/** Wall time and this process's CPU time (less sensitive to other work on a shared machine), per repeat. */
function time(fn, repeats) {
  fn();
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let result;
  for (let i = 0; i < repeats; i++) result = fn();
  const used = process.cpuUsage(cpu);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6 / repeats, cpuMs: (used.user + used.system) / 1e3 / repeats, result };
}

exports.run = async function run() {
  const series = portfolio(22);
  const seasonalNaive = time(() => series.map((y) => seasonalNaiveForecast(y, HORIZON, 12)), 20);
  const ses = time(() => series.map((y) => fitEtsForm(y, { error: "A", trend: "N", season: "N" }, 1)), 3);
  const baselines = time(() => series.map((y) => demandBaseline(y, { horizon: HORIZON, seasonLength: 12 })), 1);
  const chosen = new Map();
  let beatSeasonalNaive = 0;
  let maseSum = 0;
  let seasonalNaiveMaseSum = 0;
  let compared = 0;
  for (const b of baselines.result) {
    const kind = b.method.startsWith("ETS") ? "ETS" : b.method;
    chosen.set(kind, (chosen.get(kind) || 0) + 1);
    const sn = b.candidates.find((c) => c.method === "seasonal naive");
    if (sn && sn.mase !== null && b.mase !== null) {
      compared++;
      maseSum += b.mase;
      seasonalNaiveMaseSum += sn.mase;
      if (b.mase < sn.mase) beatSeasonalNaive++;
    }
  }
  console.log(
    `baselines ${SERIES} series × ${MONTHS} months: ${baselines.ms.toFixed(0)} ms (${(baselines.ms / SERIES).toFixed(1)} ms a series; CPU ${baselines.cpuMs.toFixed(0)} ms); ` +
      `seasonal naive ${seasonalNaive.ms.toFixed(2)} ms (ratio ${(baselines.ms / seasonalNaive.ms).toFixed(0)}×); ` +
      `SES fit ${ses.ms.toFixed(0)} ms (ratio ${(baselines.ms / ses.ms).toFixed(1)}×)`,
  );
  // The same baselines on the command line's worker threads (one a core), as a run with Actuals fits them.
  const threads = os.availableParallelism();
  let parallel = null;
  if (threads > 1) {
    const pool = new PlanPool(threads, path.join(__dirname, "..", "lib", "cli", "planWorker.js"), { warmSolver: false });
    try {
      const requests = series.map((y) => ({ history: y, options: { horizon: HORIZON, seasonLength: 12 } }));
      await pool.baselines(requests.slice(0, threads * 2)); // the threads started and compiled
      const start = process.hrtime.bigint();
      const fitted = await pool.baselines(requests);
      parallel = { ms: Number(process.hrtime.bigint() - start) / 1e6, same: JSON.stringify(fitted) === JSON.stringify(baselines.result) };
    } finally {
      await pool.close();
    }
  }
  console.log(
    parallel
      ? `on ${threads} worker threads: ${parallel.ms.toFixed(0)} ms (ratio to seasonal naive ${(parallel.ms / seasonalNaive.ms).toFixed(0)}×, ${(baselines.ms / parallel.ms).toFixed(2)}× faster than one thread; baselines ${parallel.same ? "identical" : "DIFFERENT"})`
      : `one core: no worker threads`,
  );
  console.log(
    `methods chosen: ${[...chosen].map(([k, v]) => `${k} ${v}`).join(", ")}; holdout MASE mean ${(maseSum / compared).toFixed(3)} ` +
      `against seasonal naive ${(seasonalNaiveMaseSum / compared).toFixed(3)} (better on ${beatSeasonalNaive} of ${compared})`,
  );
};

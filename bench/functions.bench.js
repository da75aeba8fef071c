// SOP.LEVEL through the registered custom functions: 2,000 cells × 52 periods, against the engine's levelPlan on the same inputs.
"use strict";
const path = require("path");
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
const { levelPlan, productionRates, POLICY_DEFAULTS } = require("../lib/engine");

const CELLS = 2000;
const PERIODS = 52;
const ROUNDS = 9;

/** Excel's CustomFunctions global as the functions file sees it; `associate` fills the table Excel would call through. */
function stubCustomFunctions() {
  const registered = new Map();
  class ExcelError {
    constructor(code, message) {
      this.code = code;
      this.message = message;
    }
  }
  global.CustomFunctions = {
    Error: ExcelError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
    associate(id, fn) {
      registered.set(id, fn);
    },
  };
  return registered;
}

/** Registers lib/functions the way the webpack plugin does: one associate call per @customfunction, from the same metadata generator. */
async function registerFunctions() {
  const registered = stubCustomFunctions();
  const source = path.join(__dirname, "..", "src", "functions", "functions.ts");
  const { associate, errors } = await generateCustomFunctionsMetadata(source, false);
  if (errors.length > 0) throw new Error(errors.join("; "));
  const functions = require("../lib/functions/functions");
  for (const { id, functionName } of associate) global.CustomFunctions.associate(id, functions[functionName]);
  return registered;
}

/** The ranges 2,000 cells would point at: each its own demand row, one Policy table, one Working days row. */
function workbook() {
  const policyRange = [
    ["Parameter", "Value"],
    ["Labor hours per unit", 1.5],
    ["Hours per worker per day", 8],
    ["Regular cost per hour", 20],
    ["Overtime cost per hour", 30],
    ["Max overtime hours per worker", 20],
    ["Hiring cost per worker", 1000],
    ["Layoff cost per worker", 1500],
    ["Holding cost per unit", 2],
    ["Backorder cost per unit", 5],
    ["Material cost per unit", 12],
    ["Price per unit", 60],
    ["Initial workers", 40],
    ["Integer workers", "Yes"],
  ];
  const workingDays = Array.from({ length: PERIODS }, (_, t) => 20 + (t % 3));
  const demands = Array.from({ length: CELLS }, (_, c) => Array.from({ length: PERIODS }, (_, t) => 1000 + ((c * 37 + t * 101) % 500)));
  const policy = {
    ...POLICY_DEFAULTS,
    laborHoursPerUnit: 1.5,
    hoursPerWorkerPerDay: 8,
    regularCostPerHour: 20,
    overtimeCostPerHour: 30,
    maxOvertimeHoursPerWorker: 20,
    hiringCostPerWorker: 1000,
    layoffCostPerWorker: 1500,
    holdingCostPerUnit: 2,
    backorderCostPerUnit: 5,
    materialCostPerUnit: 12,
    pricePerUnit: 60,
    initialWorkers: 40,
    integerWorkers: true,
  };
  return { policyRange, workingDays, demands, policy };
}

/** Median milliseconds of a round after a warm-up: a shared machine's hiccups move the mean, not the median. */
function time(fn) {
  fn();
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    fn();
    rounds.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
}

exports.run = async function run() {
  const registered = await registerFunctions();
  const level = registered.get("LEVEL");
  const { policyRange, workingDays, demands, policy } = workbook();
  const workingDaysRange = [workingDays];
  const demandRanges = demands.map((d) => [d]);

  const sample = level(demandRanges[0], policyRange, workingDaysRange, false);
  if (!Array.isArray(sample) || sample.length !== 9 || sample[0].length !== PERIODS || typeof sample[0][0] !== "number") {
    throw new Error(`SOP.LEVEL did not return a 9 × ${PERIODS} plan: ${JSON.stringify(sample).slice(0, 200)}`);
  }

  let sink = 0;
  const functionMs = time(() => {
    for (const demand of demandRanges) sink += level(demand, policyRange, workingDaysRange, false)[8][0];
  });

  // Baseline: the engine alone, its inputs already parsed (what a cell costs without reading ranges or building the table).
  const rates = productionRates(policy, workingDays, PERIODS);
  if (!rates.ok) throw new Error(rates.errors.join("; "));
  const periods = workingDays.map((_, t) => `period ${t + 1}`);
  const contexts = demands.map((demand) => ({ family: "", periods, demand, policy, rates: rates.rates }));
  const engineMs = time(() => {
    for (const ctx of contexts) sink += levelPlan(ctx).totalCost;
  });

  const perCall = (ms) => `${((ms / CELLS) * 1000).toFixed(1)} µs`;
  console.log(
    `SOP.LEVEL × ${CELLS.toLocaleString("en-US")} cells × ${PERIODS} periods through CustomFunctions.associate: ` +
      `${functionMs.toFixed(1)} ms per recalculation, ${perCall(functionMs)} per call ` +
      `(engine levelPlan alone ${engineMs.toFixed(1)} ms, ${perCall(engineMs)} per call; ratio ${(functionMs / engineMs).toFixed(2)}×)`,
  );

  await optimalCells(registered.get("OPTIMAL"), policyRange, workingDaysRange, demandRanges, functionMs / CELLS);
  if (!Number.isFinite(sink)) console.log("(unreachable)");
};

/** Distinct SOP.OPTIMAL cells (each its own LP, none answered from memory) of whole and of fractional workers. */
const OPTIMAL_CELLS = 20;

/**
 * SOP.OPTIMAL per cell, as the worker solves it (in Node the same solve runs in process): first the
 * solver loaded and warmed up as the worker does when the functions load (its own time, off the
 * cells'), then a sheet of 20 distinct cells answered one after another: the time until all 20
 * have their answer, the median and slowest cell, against SOP.LEVEL's per cell in the same run; and
 * the largest gap to the proven bound among the whole-worker cells (solved again, untimed, to read
 * their reports). In Excel this time is spent in the functions' worker, not on the thread Excel waits on.
 */
async function optimalCells(optimal, policyRange, workingDaysRange, demandRanges, levelMsPerCell) {
  const { loadHighsSolver } = require("../lib/solver/highs");
  const { solveOptimalPlan, warmUp } = require("../lib/functions/optimalSolve");
  const { readPlanningCase } = require("../lib/functions/args");
  const warmStart = process.hrtime.bigint();
  const solver = await loadHighsSolver();
  warmUp(solver);
  console.log(`SOP.OPTIMAL: solver loaded and warmed up (as the worker does when the functions load) in ${(Number(process.hrtime.bigint() - warmStart) / 1e6).toFixed(0)} ms`);
  const fractional = policyRange.map((row) => (row[0] === "Integer workers" ? [row[0], "No"] : row));
  for (const [label, policy, offset] of [
    ["whole workers", policyRange, 1],
    ["fractional workers", fractional, 1 + OPTIMAL_CELLS],
  ]) {
    const times = [];
    const sheetStart = process.hrtime.bigint();
    for (let c = 0; c < OPTIMAL_CELLS; c++) {
      const start = process.hrtime.bigint();
      const answer = await optimal(demandRanges[offset + c], policy, workingDaysRange, false);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (!Array.isArray(answer) || answer.length !== 9) throw new Error(`SOP.OPTIMAL did not return a plan: ${JSON.stringify(answer).slice(0, 200)}`);
    }
    const sheetS = Number(process.hrtime.bigint() - sheetStart) / 1e9;
    let gaps = "";
    if (policy === policyRange) {
      let largest = 0;
      for (let c = 0; c < OPTIMAL_CELLS; c++) {
        const read = readPlanningCase([demandRanges[offset + c][0]], policy, workingDaysRange);
        largest = Math.max(largest, solveOptimalPlan(solver, read.value.context).solve.gap);
      }
      gaps = `, largest gap ${(largest * 100).toFixed(3)} % to a proven bound (target 0.5 %)`;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(
      `SOP.OPTIMAL, ${label}, ${PERIODS} periods: ${OPTIMAL_CELLS} distinct cells answered in ${sheetS.toFixed(2)} s, median ${median.toFixed(1)} ms per cell, ` +
        `slowest ${times[times.length - 1].toFixed(1)} ms${gaps} (SOP.LEVEL ${(levelMsPerCell * 1000).toFixed(1)} µs per cell, ratio ${(median / levelMsPerCell).toFixed(0)}×)`,
    );
  }
}

// The optimal plans on worker threads (issue 23, item 3): sop-plan with --workers 2 prints exactly what it prints with
// --workers 1, on a workbook of two coupled groups and families alone with scenarios, and the pool shares the items.
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { templateWorkbook } from "../../bench/templateWorkbook";
import { parseCommandLine } from "../../src/cli/main";
import { PlanPool, planOnPool } from "../../src/cli/workerPool";
import { loadHighsSolver } from "../../src/solver/highs";
import { demandBaseline } from "../../src/engine";
import { baselineRequests, planWorkbook, type PlannerRun } from "../../src/workbook/pipeline";
import { sampleNextMonth } from "../../src/workbook/sample";
import { readWorkbookBlocks } from "../../src/xlsx/reader";
import { writeWorkbook } from "../../src/xlsx/writer";

const ROOT = path.resolve(__dirname, "..", "..");
/** The command line compiled for this suite (the worker threads run compiled JavaScript), beside the repository's node_modules. */
const OUT = path.join(ROOT, "test-output", "worker-threads");
const LIB = path.join(OUT, "lib");

/** Two coupled groups of 5 (each with resources of its own), 4 families alone; scenarios touching each group and one family alone. */
const SCENARIOS = [
  ["Upside 001", "Demand ×", "Family 001", 1.1],
  ["Press 2 down", "Capacity ×", "Press 2", 0.9],
  ["Downside 012", "Demand ×", "Family 012", 0.9],
];
const book = (scenarios: (string | number)[][]) => templateWorkbook(14, { seed: 7, integerWorkers: true, groups: [5, 5], scenarios });

let input: string;
beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json", "--outDir", LIB], { cwd: ROOT, encoding: "utf8" });
  expect(tsc.stdout + tsc.stderr).toBe("");
  input = path.join(OUT, "groups.xlsx");
  fs.writeFileSync(input, await writeWorkbook(book(SCENARIOS)));
}, 120_000);
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

function sopPlan(workers: number, book = input, strategies = "optimal"): string {
  const script = `require(${JSON.stringify(path.join(LIB, "cli", "main.js"))}).main(process.argv.slice(1)).then((s) => (process.exitCode = s))`;
  // A budget no step reaches: the plans are decided by the solves' own limits, not by the clock (see optimalFingerprint.test.ts).
  const args = [book, "-o", path.join(OUT, `plan-${workers}.xlsx`), "--json", "--strategies", strategies, "--time-limit", "600", "--workers", String(workers), "-q"];
  const run = spawnSync(process.execPath, ["-e", script, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  // Without the optimal plan the sample's plans overload Test: the errors that says are the run's, the same either way.
  if (strategies === "optimal") expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run.stdout + run.stderr;
}

it("prints the same JSON with 2 workers as with 1: the base plan and every scenario", () => {
  const serial = sopPlan(1);
  const parallel = sopPlan(2);
  expect(serial.endsWith("}\n")).toBe(true);
  const report = JSON.parse(serial) as { families: unknown[]; scenarios: { scenario: string }[] };
  expect(report.families).toHaveLength(14);
  expect(report.scenarios.map((s) => s.scenario)).toEqual(SCENARIOS.map((s) => s[0]));
  expect(parallel).toBe(serial);
}, 300_000);

it("shares the runs' groups and families alone among the workers, to the plans made in one thread", async () => {
  const blocks = await readWorkbookBlocks(input);
  const options = { strategies: ["optimal" as const], plannedAt: new Date(Date.UTC(2026, 11, 8)), timeLimitSeconds: 600 };
  const serial = planWorkbook(blocks, { ...options, solver: await loadHighsSolver() }).run;
  const pool = new PlanPool(2, path.join(LIB, "cli", "planWorker.js"));
  let parallel: PlannerRun;
  try {
    parallel = (await planOnPool(pool, (optimalPlans) => planWorkbook(blocks, { ...options, optimalPlans }))).run;
  } finally {
    await pool.close();
  }
  // The base run's 2 groups and 4 families alone, and the scenarios' touched groups: each worker planned some.
  expect(pool.planned.every((n) => n > 0)).toBe(true);
  expect(pool.planned.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(6 + SCENARIOS.length);
  // Everything but the solver's seconds, which no two runs share.
  const plans = (run: PlannerRun) => JSON.stringify([run.results, run.scenarios], (key, value: unknown) => (key === "seconds" ? undefined : value));
  expect(plans(parallel)).toBe(plans(serial));
}, 300_000);

it("fits the statistical baselines on the workers, each as demandBaseline fits it, and prints the same JSON as in one thread", async () => {
  // This month's sample: 36 months of Actuals for 2 families and 4 products; no optimal plan, so the pool is for the baselines alone.
  const sample = path.join(OUT, "sample.xlsx");
  fs.writeFileSync(sample, await writeWorkbook(sampleNextMonth()));
  const serial = sopPlan(1, sample, "level,chase");
  expect((JSON.parse(serial.slice(0, serial.lastIndexOf("}") + 1)) as { demand: unknown[] }).demand).toHaveLength(6);
  expect(sopPlan(2, sample, "level,chase")).toBe(serial);

  const requests = baselineRequests(await readWorkbookBlocks(sample), { strategies: ["level", "chase"] });
  expect(requests.length).toBeGreaterThanOrEqual(6);
  const pool = new PlanPool(2, path.join(LIB, "cli", "planWorker.js"), { warmSolver: false });
  try {
    const fitted = await pool.baselines(requests);
    expect(JSON.stringify(fitted)).toBe(JSON.stringify(requests.map((r) => demandBaseline(r.history, r.options))));
    expect(pool.planned.every((n) => n > 0)).toBe(true);
  } finally {
    await pool.close();
  }
}, 300_000);

it("--workers defaults to the machine's cores; 1 plans in one thread; anything but a whole number from 1 is refused", () => {
  expect(parseCommandLine(["in.xlsx"])).toMatchObject({ workers: os.availableParallelism() });
  expect(parseCommandLine(["in.xlsx", "--workers", "1"])).toMatchObject({ workers: 1 });
  for (const bad of ["--workers=0", "--workers=1.5", "--workers=all", "--workers="]) {
    expect(() => parseCommandLine(["in.xlsx", bad])).toThrow(/--workers needs a whole number of threads, 1 or more/);
  }
});

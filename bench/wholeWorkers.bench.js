// Whole-worker plans end to end at every grouping (two groups, one group, coupled plus alone, small workforces): time and gap, as ratios to the fractional-worker LP of the same workbook measured just before; where a run has independent work (two groups, families alone, scenarios), planned in one thread (--workers 1) and on the machine's cores.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { templateWorkbook } = require("./templateWorkbook");
const { writeWorkbook } = require("../lib/xlsx/writer");

const CHILD = path.join(__dirname, "child.js");

/** The groupings of issue 23: families, how they are grouped, and whether the workforces are small. */
const CASES = [
  { label: "20 (two groups of 10)", count: 20, groups: [10, 10] },
  { label: "40 (two of 20)", count: 40, groups: [20, 20] },
  { label: "60 (two of 30)", count: 60, groups: [30, 30] },
  { label: "100 (two of 50)", count: 100, groups: [50, 50] },
  { label: "120 (two of 60)", count: 120, groups: [60, 60] },
  { label: "100 (one group)", count: 100, groups: [100] },
  { label: "100 (50 coupled + 50 alone)", count: 100, groups: [50] },
  { label: "small workforces, a group of 2", count: 2, groups: [2], smallWorkforce: true },
  { label: "small workforces, a group of 3", count: 3, groups: [3], smallWorkforce: true },
  { label: "small workforces, a group of 10", count: 10, groups: [10], smallWorkforce: true },
];

/**
 * Four scenarios on the two groups of 50 (each touches one group: the other keeps the base plan),
 * the run against the same workbook without them.
 */
const SCENARIOS = [
  ["Upside 001", "Demand ×", "Family 001", 1.1],
  ["Press 2 down", "Capacity ×", "Press 2", 0.9],
  ["Downside 060", "Demand ×", "Family 060", 0.9],
  ["Dearer overtime 010", "Overtime cost per hour", "Family 010", 40],
];

/** `BENCH_SEEDS=7,2027` varies the seeds; `BENCH_CASES=small` keeps the cases whose label contains that text. */
const SEEDS = (process.env.BENCH_SEEDS ?? "2027").split(",").map(Number);
const ONLY = process.env.BENCH_CASES;

/** `sop-plan --strategies optimal --json` in a fresh process: wall time, CPU and the largest gap reported. */
function job(input, output, extra) {
  const out = execFileSync(process.execPath, [CHILD, "planJson", input, output, "optimal", ...extra], { encoding: "utf8", maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split("\n").pop());
}

const s = (x) => `${x.toFixed(2)} s`;

async function writeBook(file, spec) {
  fs.writeFileSync(file, await writeWorkbook(spec));
  return file;
}

exports.run = async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sop-bench-whole-"));
  // `node bench/wholeWorkers.bench.js --time-limit 5` passes the flag on to sop-plan.
  const extra = process.argv.slice(2).filter((a) => a.startsWith("--") || /^[\d.]+$/.test(a));
  const rows = [];
  try {
    console.log(`load average at start ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; sop-plan ${extra.join(" ") || "(default budget)"}`);
    console.log(`threads: ${os.availableParallelism()} (sop-plan's default --workers); "1 thread" is --workers 1`);
    console.log(`${"families (grouping)".padEnd(34)} ${"seed".padStart(5)} ${"fractional".padStart(10)} ${"whole".padStart(8)} ${"ratio".padStart(6)}  gap, how`);
    for (const c of CASES.filter((c) => !ONLY || c.label.includes(ONLY))) {
      for (const seed of SEEDS) {
        const book = async (integerWorkers) => {
          const file = path.join(dir, `${c.count}-${c.groups.join("x")}-${seed}-${integerWorkers ? "whole" : "fractional"}.xlsx`);
          fs.writeFileSync(file, await writeWorkbook(templateWorkbook(c.count, { seed, integerWorkers, groups: c.groups, smallWorkforce: c.smallWorkforce })));
          return file;
        };
        const fractional = job(await book(false), path.join(dir, "fractional-plan.xlsx"), extra);
        const wholeBook = await book(true);
        // Independent work (two groups, or families alone beside a group): in one thread first, then on the cores.
        const independent = c.groups.length > 1 || c.count > c.groups.reduce((a, b) => a + b, 0);
        const serial = independent ? job(wholeBook, path.join(dir, "whole-plan.xlsx"), [...extra, "--workers", "1"]) : null;
        const whole = job(wholeBook, path.join(dir, "whole-plan.xlsx"), extra);
        const ratio = whole.wallS / fractional.wallS;
        rows.push({ ...c, seed, fractionalS: fractional.wallS, wholeS: whole.wallS, ratio, gap: whole.gap, how: whole.how, ...(serial && { serialS: serial.wallS, serialRatio: serial.wallS / fractional.wallS }) });
        if (serial) {
          console.log(
            `${`${c.label}, 1 thread`.padEnd(34)} ${String(seed).padStart(5)} ${s(fractional.wallS).padStart(10)} ${s(serial.wallS).padStart(8)} ${`${(serial.wallS / fractional.wallS).toFixed(2)}×`.padStart(6)}  ${(serial.gap * 100).toFixed(3)} %, ${serial.how}; CPU ${s(serial.cpuS)}`,
          );
        }
        console.log(
          `${c.label.padEnd(34)} ${String(seed).padStart(5)} ${s(fractional.wallS).padStart(10)} ${s(whole.wallS).padStart(8)} ${`${ratio.toFixed(2)}×`.padStart(6)}  ${(whole.gap * 100).toFixed(3)} %, ${whole.how}; CPU ${s(whole.cpuS)}`,
        );
      }
    }
    if (!ONLY || "scenarios".includes(ONLY)) {
      for (const seed of SEEDS) {
        const book = async (scenarios) => {
          const file = path.join(dir, `scenarios-${seed}-${scenarios.length}.xlsx`);
          fs.writeFileSync(file, await writeWorkbook(templateWorkbook(100, { seed, integerWorkers: true, groups: [50, 50], scenarios })));
          return file;
        };
        const fractional = job(await writeBook(path.join(dir, `scenarios-${seed}-fractional.xlsx`), templateWorkbook(100, { seed, groups: [50, 50] })), path.join(dir, "fractional-plan.xlsx"), extra);
        const baseBook = await book([]);
        const scenariosBook = await book(SCENARIOS);
        // One thread, then the cores; each against the base run planned the same way and the fractional LP of the base workbook.
        for (const [threads, flags] of [["1 thread", ["--workers", "1"]], [`${os.availableParallelism()} threads`, []]]) {
          const base = job(baseBook, path.join(dir, "base-plan.xlsx"), [...extra, ...flags]);
          const withScenarios = job(scenariosBook, path.join(dir, "scenarios-plan.xlsx"), [...extra, ...flags]);
          const ratio = withScenarios.wallS / base.wallS;
          rows.push({ label: `four scenarios, ${threads}`, seed, fractionalS: fractional.wallS, baseS: base.wallS, scenariosS: withScenarios.wallS, ratio });
          console.log(
            `${`100 (two of 50) + 4 scenarios, ${threads}`.padEnd(34)} ${String(seed).padStart(5)} ${s(base.wallS).padStart(10)} ${s(withScenarios.wallS).padStart(8)} ${`${ratio.toFixed(2)}×`.padStart(6)}  against the same workbook without scenarios (target < 2×); ${(withScenarios.wallS / fractional.wallS).toFixed(2)}× the fractional LP (${s(fractional.wallS)}); CPU ${s(withScenarios.cpuS)}`,
          );
        }
      }
    }
    console.log(`load average at end ${os.loadavg()[0].toFixed(1)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
};

if (require.main === module) {
  exports.run().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}

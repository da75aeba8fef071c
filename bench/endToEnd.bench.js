// `sop-plan` end to end on seeded template workbooks (N families × 52 weeks, 3 shared resources): time against ExcelJS re-writing the same output, peak memory at 100 and 500 families, whole-worker plans.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { templateWorkbook } = require("./templateWorkbook");
const { writeWorkbook } = require("../lib/xlsx/writer");

const CHILD = path.join(__dirname, "child.js");

/** Runs one job in a fresh process (its own heap and peak RSS) and returns its figures. */
function job(name, ...args) {
  const out = execFileSync(process.execPath, [CHILD, name, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split("\n").pop());
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const s = (x) => `${x.toFixed(2)} s`;
const mb = (x) => `${x.toFixed(0)} MB`;
const load = () => os.loadavg()[0].toFixed(1);

function line(what, figure, note = "") {
  console.log(`${what.padEnd(62)} ${figure.padStart(12)}  ${note}`);
}

exports.run = async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sop-bench-"));
  const input = async (name, count, options) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, await writeWorkbook(templateWorkbook(count, options)));
    return file;
  };
  try {
    const in100 = await input("families-100.xlsx", 100);
    const in500 = await input("families-500.xlsx", 500);
    const out100 = path.join(dir, "families-100-plan.xlsx");
    const out500 = path.join(dir, "families-500-plan.xlsx");
    console.log(`load average at start ${load()} on ${os.cpus().length} cores; CPU time is this process's own (user + system)`);

    // 1. 100 families, level + chase, end to end, against ExcelJS re-writing that same output
    //    (alternating rounds so both see the same load; the ratio is the median of each round's).
    const rounds = 3;
    const plans = [];
    const rewrites = [];
    for (let i = 0; i < rounds; i++) {
      plans.push(job("plan", in100, out100, "level,chase"));
      rewrites.push(job("excelJsRewrite", out100));
    }
    const plan = plans[rounds >> 1];
    const ratioCpu = median(plans.map((p, i) => p.cpuS / rewrites[i].ownCpuS));
    const ratioWall = median(plans.map((p, i) => p.wallS / rewrites[i].ownWallS));
    const floor = job("deflateParts", out100);
    line(
      "100 families × 52, level + chase, sop-plan end to end",
      s(median(plans.map((p) => p.wallS))),
      `CPU ${s(median(plans.map((p) => p.cpuS)))}, peak RSS ${mb(median(plans.map((p) => p.maxRssMB)))}, ${(plan.bytes / 1048576).toFixed(1)} MB file`,
    );
    line(
      "  ExcelJS alone re-writing that output (writeBuffer)",
      s(median(rewrites.map((r) => r.ownWallS))),
      `CPU ${s(median(rewrites.map((r) => r.ownCpuS)))}`,
    );
    line(
      "  Node's zlib deflating all of its parts",
      s(floor.ownWallS),
      `CPU ${s(floor.ownCpuS)}, ${floor.xmlMB.toFixed(0)} MB of XML`,
    );
    line("  end to end ÷ ExcelJS re-writing (CPU; target ≤ 1)", `${ratioCpu.toFixed(2)}×`, `wall ${ratioWall.toFixed(2)}×`);
    line(
      "  end to end ÷ zlib floor (CPU)",
      `${(median(plans.map((p) => p.cpuS)) / floor.ownCpuS).toFixed(1)}×`,
    );

    // 2. Memory: peak RSS at 500 families against 100 (bounded memory grows with one family's sheet).
    const big = job("plan", in500, out500, "level,chase");
    const rss100 = median(plans.map((p) => p.maxRssMB));
    line("500 families × 52, level + chase", s(big.wallS), `CPU ${s(big.cpuS)}, peak RSS ${mb(big.maxRssMB)}, ${(big.bytes / 1048576).toFixed(1)} MB file`);
    line("  peak RSS 500 ÷ 100 families", `${(big.maxRssMB / rss100).toFixed(2)}×`, `time 500 ÷ 100: ${(big.cpuS / median(plans.map((p) => p.cpuS))).toFixed(1)}× (CPU) for 5× the families`);
    const bigOptimal = job("plan", in500, out500, "level,chase,optimal");
    line("500 families × 52, level + chase + optimal", s(bigOptimal.wallS), `CPU ${s(bigOptimal.cpuS)}, peak RSS ${mb(bigOptimal.maxRssMB)} (target < 1024 MB)`);
    const optimal100 = job("plan", in100, out100, "level,chase,optimal");
    line("100 families × 52, level + chase + optimal", s(optimal100.wallS), `CPU ${s(optimal100.cpuS)}, peak RSS ${mb(optimal100.maxRssMB)}`);

    // 3. Whole workers, another seeded instance, end to end, against the same workbook with
    //    fractional workers (one LP, no rounding) run just before it.
    const inFractional = await input("families-100-fractional.xlsx", 100, { integerWorkers: false, seed: 7 });
    const fractional = job("planJson", inFractional, path.join(dir, "fractional-plan.xlsx"), "optimal");
    const inWhole = await input("families-100-whole.xlsx", 100, { integerWorkers: true, seed: 7 });
    const whole = job("planJson", inWhole, path.join(dir, "whole-plan.xlsx"), "optimal");
    line("100 coupled families × 52, fractional workers, --strategies optimal", s(fractional.wallS), `CPU ${s(fractional.cpuS)} (baseline)`);
    line(
      "100 coupled families × 52, whole workers, --strategies optimal",
      s(whole.wallS),
      `${(whole.wallS / fractional.wallS).toFixed(2)}× the fractional run; gap ${(whole.gap * 100).toFixed(3)} % (${whole.how}); target 5 s within 0.5 %`,
    );
    console.log(`load average at end ${load()}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

if (require.main === module) {
  exports.run().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}

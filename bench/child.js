// One measured job in its own process, so its peak memory is its own: `node bench/child.js <job> <args…>` prints {wallS, cpuS, maxRssMB, …} as JSON.
"use strict";
const fs = require("fs");
const zlib = require("zlib");

const jobs = {
  /** `sop-plan <input> -o <output> --strategies <list> -q`, as a user runs it. */
  async plan(input, output, strategies) {
    const { main } = require("../lib/cli/main");
    const lines = [];
    const io = { stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) };
    const status = await main([input, "-o", output, "--strategies", strategies, "-q"], io);
    if (status !== 0) throw new Error(`sop-plan exited ${status}: ${lines.join("")}`);
    return { bytes: fs.statSync(output).size };
  },
  /** `sop-plan … --json [flags…]`: the solve report of the optimal plans (status, gap) without reading the workbook back. */
  async planJson(input, output, strategies, ...flags) {
    const { main } = require("../lib/cli/main");
    const out = [];
    const status = await main([input, "-o", output, "--strategies", strategies, "--json", ...flags], { stdout: (t) => out.push(t), stderr: () => {} });
    if (status !== 0) throw new Error(`sop-plan exited ${status}`);
    // The solve report travels as info messages: "<family>, optimal plan: <how>, at most 0.15 % above the least possible cost".
    const solves = JSON.parse(out.join("")).messages
      .map((m) => /optimal plans?: (.*), at most ([\d.,]+) % above/.exec(m.message))
      .filter(Boolean)
      .map((m) => ({ how: m[1], gap: Number(m[2].replace(/,/g, "")) / 100 }));
    return { gap: Math.max(0, ...solves.map((s) => s.gap)), how: [...new Set(solves.map((s) => s.how))].join("; ") || "optimal" };
  },
  /** ExcelJS alone re-writing a workbook it has read: the time of `writeBuffer` only. */
  async excelJsRewrite(file) {
    const ExcelJS = require("exceljs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const buffer = await workbook.xlsx.writeBuffer();
    const used = process.cpuUsage(cpu);
    return { ownWallS: Number(process.hrtime.bigint() - start) / 1e9, ownCpuS: (used.user + used.system) / 1e6, bytes: buffer.byteLength };
  },
  /** Node's own zlib deflating every part of a package (the I/O floor of writing it). */
  async deflateParts(file) {
    const JSZip = require("jszip");
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const parts = [];
    for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) parts.push(await zip.file(name).async("nodebuffer"));
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let out = 0;
    for (const part of parts) out += zlib.deflateRawSync(part, { level: 6 }).length;
    const used = process.cpuUsage(cpu);
    const xmlBytes = parts.reduce((s, p) => s + p.length, 0);
    return { ownWallS: Number(process.hrtime.bigint() - start) / 1e9, ownCpuS: (used.user + used.system) / 1e6, xmlMB: xmlBytes / 1048576, bytes: out };
  },
};

async function run() {
  const [job, ...args] = process.argv.slice(2);
  const start = process.hrtime.bigint();
  const extra = await jobs[job](...args);
  const usage = process.resourceUsage();
  const result = {
    wallS: Number(process.hrtime.bigint() - start) / 1e9,
    cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    maxRssMB: usage.maxRSS / 1024,
    ...extra,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

run().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

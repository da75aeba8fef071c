// Task pane start-up: the JavaScript it loads before it is interactive (raw and gzipped) and its time to interactive in Chromium.
"use strict";
/* global window, document -- the functions passed to waitForFunction run in the page. */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { ensureBuild, initialJavaScript, INITIAL_JS_BUDGET_GZIP, launch, routeOffline, serve } = require("../test/e2e/harness/browser.js");
const LOADS = 7;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Milliseconds from navigation until `ready` holds, and the script files fetched until then. */
async function load(context, url, ready) {
  const page = await context.newPage();
  const scripts = [];
  page.on("response", (response) => {
    const pathname = new URL(response.url()).pathname;
    if (new URL(response.url()).hostname === "127.0.0.1" && pathname.endsWith(".js")) scripts.push(path.basename(pathname));
  });
  await page.goto(url);
  await page.waitForFunction(ready, undefined, { polling: "raf", timeout: 30000 });
  const ms = await page.evaluate(() => performance.now());
  await page.close();
  return { ms, scripts };
}

async function run() {
  const dir = ensureBuild();
  const server = await serve(dir);
  const chromium = await launch();
  try {
    await routeOffline(chromium.context);
    // Baseline, same run: a page with office.js and nothing else, ready when Office is.
    fs.writeFileSync(
      path.join(dir, "bench-baseline.html"),
      '<!doctype html><script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>' +
        "<script>Office.onReady(() => { window.officeReady = true; });</script>",
    );
    const baseline = [];
    const interactive = [];
    let scripts = [];
    for (let i = 0; i < LOADS; i++) {
      baseline.push((await load(chromium.context, `${server.url}/bench-baseline.html`, () => window.officeReady === true)).ms);
      const pane = await load(chromium.context, `${server.url}/e2e.html?workbook=bad`, () => {
        const run = [...document.querySelectorAll("button")].find((b) => b.textContent === "Run planner");
        // Interactive: the workbook has been read and the Run button takes clicks.
        return run && !run.disabled && document.querySelector("main[aria-busy='false']") !== null;
      });
      interactive.push(pane.ms);
      scripts = pane.scripts;
    }

    const { rows, total } = initialJavaScript(dir, scripts);
    const production = rows.map((r) => r.file);
    const lazy = fs
      .readdirSync(dir)
      .filter((f) => (f.endsWith(".js") || f.endsWith(".wasm")) && !production.includes(f) && f !== "e2e.js")
      .map((file) => ({ file, raw: fs.statSync(path.join(dir, file)).size, gzip: gzipSize(path.join(dir, file)) }));

    console.log("initial task-pane JavaScript (production bundles, before the pane is interactive):");
    for (const r of rows) console.log(`  ${r.file.padEnd(28)} ${kb(r.raw).padStart(10)} raw ${kb(r.gzip).padStart(10)} gzip`);
    console.log(
      `  ${"total".padEnd(28)} ${kb(total.raw).padStart(10)} raw ${kb(total.gzip).padStart(10)} gzip` +
        ` (budget ${kb(INITIAL_JS_BUDGET_GZIP)}: ${total.gzip <= INITIAL_JS_BUDGET_GZIP ? "within" : "OVER"})`,
    );
    console.log("loaded later, on demand (planning worker, LP solver and its WebAssembly, other features):");
    for (const r of lazy) console.log(`  ${r.file.padEnd(28)} ${kb(r.raw).padStart(10)} raw ${kb(r.gzip).padStart(10)} gzip`);
    const tti = median(interactive);
    const floor = median(baseline);
    console.log(`time to interactive in Chromium (median of ${LOADS} cold loads, localhost):`);
    console.log(`  task pane ${tti.toFixed(0)} ms; office.js alone ${floor.toFixed(0)} ms; ratio ${(tti / floor).toFixed(2)}×`);
    return { total, tti, floor };
  } finally {
    fs.rmSync(path.join(dir, "bench-baseline.html"), { force: true });
    await chromium.close();
    await server.close();
  }
}

module.exports = { run };

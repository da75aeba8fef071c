// The built functions.js, run as Excel runs it (its own CustomFunctions.associate calls on a stubbed global), against the command line on the same workbook.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { main, type CliIO } from "../../src/cli/main";
import type { JsonReport } from "../../src/cli/report";
import { customFunctionsGlobal, ExcelError, type Registrations } from "../support/customFunctions";
import { tempDir, writeGridWorkbook } from "../support/xlsxFiles";
import { HAND_FORECAST, HAND_PLAN, HAND_POLICY } from "../support/handCase";
import { multiplicativeSeasonal } from "../support/demandSeries";

const ROOT = path.resolve(__dirname, "..", "..");

/** webpack with the project's config, only the functions entry and the plugins it needs, into `outDir`. */
const BUILD_SCRIPT = `
const webpack = require("webpack");
const makeConfig = require("./webpack.config.js");
(async () => {
  const config = await makeConfig({}, { mode: "production" });
  config.entry = { functions: config.entry.functions };
  config.output = { ...config.output, path: process.argv[1] };
  // The metadata plugin (functions.json and the associate calls) and whatever makes the solver chunk build.
  config.plugins = config.plugins.filter((p) => ["CustomFunctionsMetadataPlugin", "IgnorePlugin"].includes(p.constructor.name));
  config.devtool = false;
  config.performance = { hints: false };
  webpack(config, (error, stats) => {
    if (error || stats.hasErrors()) {
      console.error(error ? error.stack : stats.toString("errors-only"));
      process.exit(1);
    }
  });
})();
`;

/** The hand-checked case of cli.test.ts: the workbook the CLI reads, and the same cells as function arguments. */
const FORECAST = HAND_FORECAST;
const POLICY = HAND_POLICY;
const PLAN = HAND_PLAN;
const DEMAND = [FORECAST[1].slice(2)];
/** The Plan table from its Row column on, as a planner would select it. */
const PLAN_RANGE = PLAN.slice(1).map((row) => row.slice(1));

type PlanJson = JsonReport["families"][number]["plans"][number];

let bundle: Registrations;
let functionsJson: { functions: { id: string }[] };
let cliPlans: Map<string, PlanJson>;
/** The CLI's demand review of a workbook with 36 months of Actuals before a 12-month plan. */
let cliDemand: NonNullable<JsonReport["demand"]>;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const HISTORY = multiplicativeSeasonal(21, 36, { level: 500, trend: 4, amplitude: 0.3, noise: 0.05 });
/** Files the page fetched or loaded by <script> after functions.js. */
const loaded: string[] = [];

beforeAll(async () => {
  const outDir = tempDir("sop-functions-bundle-");
  const build = spawnSync(process.execPath, ["-e", BUILD_SCRIPT, outDir], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`webpack failed:\n${build.stdout}${build.stderr}`);
  functionsJson = JSON.parse(fs.readFileSync(path.join(outDir, "functions.json"), "utf8"));

  bundle = { ids: [], byId: new Map() };
  runInPage(outDir, bundle);

  const dir = tempDir();
  const input = await writeGridWorkbook(path.join(dir, "hand.xlsx"), { Forecast: FORECAST, Policy: POLICY, Plan: PLAN });
  let stdout = "";
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: () => undefined };
  const status = await main([input, "--json", "-o", path.join(dir, "hand-plan.xlsx")], io);
  if (status !== 0) throw new Error(`sop-plan exited ${status}: ${stdout}`);
  const report = JSON.parse(stdout) as JsonReport;
  cliPlans = new Map(report.families[0].plans.map((plan) => [plan.strategy, plan]));

  const withActuals = await writeGridWorkbook(path.join(dir, "actuals.xlsx"), {
    Forecast: [["Family", "Product", ...MONTHS.map((m) => `${m} 2027`)], ["Tools", null, ...new Array(12).fill(500)]],
    Policy: [["Parameter", "Value"], ["Units per worker per period", 50], ["Regular cost per unit", 10]],
    Actuals: [["Family", "Product", ...["2024", "2025", "2026"].flatMap((y) => MONTHS.map((m) => `${m} ${y}`))], ["Tools", null, ...HISTORY]],
  });
  stdout = "";
  const demandStatus = await main([withActuals, "--json", "--strategies", "level", "-o", path.join(dir, "actuals-plan.xlsx")], io);
  if (demandStatus !== 0) throw new Error(`sop-plan exited ${demandStatus}: ${stdout}`);
  cliDemand = (JSON.parse(stdout) as JsonReport).demand!;
}, 120_000);

/**
 * Runs functions.js as the shared runtime's page would: a window whose <script> tags load webpack's
 * chunks from `outDir` and whose fetch serves its assets (the solver's chunk and highs.wasm).
 */
function runInPage(outDir: string, registrations: Registrations): void {
  const origin = "https://localhost:3000/";
  const fileOf = (url: string) => {
    loaded.push(new URL(url).pathname.slice(1));
    return path.join(outDir, new URL(url).pathname.slice(1));
  };
  const context = vm.createContext({
    CustomFunctions: customFunctionsGlobal(registrations),
    console,
    setTimeout,
    clearTimeout,
    URL,
    Response,
    TextDecoder,
    TextEncoder,
    performance,
    crypto,
    location: { href: `${origin}taskpane.html` },
    fetch: async (url: string) =>
      new Response(fs.readFileSync(fileOf(String(url))), { headers: { "Content-Type": "application/wasm" } }),
  });
  const script = (src = "") => ({
    src,
    tagName: "SCRIPT",
    onload: null as ((event: { type: string }) => void) | null,
    onerror: null,
    setAttribute: () => undefined,
    getAttribute: () => null,
  });
  context.window = context;
  context.self = context;
  context.document = {
    baseURI: `${origin}taskpane.html`,
    currentScript: script(`${origin}functions.js`),
    getElementsByTagName: () => [],
    createElement: () => script(),
    head: {
      appendChild(tag: ReturnType<typeof script>) {
        vm.runInContext(fs.readFileSync(fileOf(tag.src), "utf8"), context);
        setTimeout(() => tag.onload?.({ type: "load" }), 0);
      },
    },
  };
  vm.runInContext(fs.readFileSync(path.join(outDir, "functions.js"), "utf8"), context);
}

function callBundle(id: string, ...args: unknown[]): unknown {
  const fn = bundle.byId.get(id);
  if (!fn) throw new Error(`the bundle did not register ${id}`);
  return fn(...args);
}

/** The plan table's lines by name, from a table spilled with header TRUE. */
function lines(table: unknown): Map<string, number[]> {
  return new Map((table as unknown[][]).map(([label, ...cells]) => [label as string, cells as number[]]));
}

function expectSamePlan(table: unknown, plan: PlanJson): void {
  const byName = lines(table);
  expect(byName.get("Regular")).toEqual(plan.periods.map((p) => p.regular));
  expect(byName.get("Overtime")).toEqual(plan.periods.map((p) => p.overtime));
  expect(byName.get("Subcontract")).toEqual(plan.periods.map((p) => p.subcontract));
  expect(byName.get("Workers")).toEqual(plan.periods.map((p) => p.workers));
  expect(byName.get("Hired")).toEqual(plan.periods.map((p) => p.hired));
  expect(byName.get("Laid off")).toEqual(plan.periods.map((p) => p.laidOff));
  expect(byName.get("Inventory")).toEqual(plan.periods.map((p) => p.inventory));
  expect(byName.get("Backlog")).toEqual(plan.periods.map((p) => p.backlog));
  const total = byName.get("Cost")!.reduce((a, b) => a + b, 0);
  expect(total).toBeCloseTo(plan.totalCost, 6);
}

describe("the built functions.js registers what functions.json declares", () => {
  test("every function in functions.json is registered exactly once, and nothing else", () => {
    const declared = functionsJson.functions.map((f) => f.id).sort();
    expect(new Set(declared).size).toBe(declared.length);
    expect([...bundle.ids].sort()).toEqual(declared);
    expect(declared).toEqual(["ACCURACY", "CHASE", "COST", "DISAGGREGATE", "FORECAST", "LEVEL", "LEVELOVERTIME", "LEVELSUBCONTRACT", "LOAD", "OPTIMAL", "UTILIZATION"]);
  });
});

describe("the bundle's functions agree with the command line on the same workbook", () => {
  test("SOP.LEVEL: the CLI's level plan, total 34,400", () => {
    expect(cliPlans.get("level")!.totalCost).toBe(34400);
    expectSamePlan(callBundle("LEVEL", DEMAND, POLICY, null, true), cliPlans.get("level")!);
  });

  test("SOP.LEVELSUBCONTRACT and SOP.LEVELOVERTIME: the CLI's level hybrids", () => {
    expectSamePlan(callBundle("LEVELSUBCONTRACT", DEMAND, POLICY, null, true), cliPlans.get("hybrid-subcontract")!);
    expectSamePlan(callBundle("LEVELOVERTIME", DEMAND, POLICY, null, true), cliPlans.get("hybrid-overtime")!);
  });

  test("SOP.CHASE: the CLI's chase plan, total 23,300", () => {
    expect(cliPlans.get("chase")!.totalCost).toBe(23300);
    expectSamePlan(callBundle("CHASE", DEMAND, POLICY, null, true), cliPlans.get("chase")!);
  });

  test("SOP.COST: the CLI's manual plan, by kind, revenue and margin", () => {
    const manual = cliPlans.get("manual")!;
    expect(callBundle("COST", DEMAND, PLAN_RANGE, POLICY)).toBe(manual.totalCost);
    for (const [kind, value] of Object.entries(manual.costs)) expect(callBundle("COST", DEMAND, PLAN_RANGE, POLICY, kind)).toBe(value);
    expect(callBundle("COST", DEMAND, PLAN_RANGE, POLICY, "revenue")).toBe(manual.revenue);
    expect(callBundle("COST", DEMAND, PLAN_RANGE, POLICY, "margin")).toBe(manual.margin);
  });

  test("SOP.OPTIMAL: loads the solver's chunk and highs.wasm like a browser, and gives the CLI's optimal plan", async () => {
    expect(loaded).toEqual([]); // nothing but functions.js until the optimal plan is asked for
    expectSamePlan(await callBundle("OPTIMAL", DEMAND, POLICY, null, true), cliPlans.get("optimal")!);
    expect(loaded.some((file) => file.endsWith(".wasm"))).toBe(true);
    expect(loaded.some((file) => /^highs\.\w+\.js$/.test(file))).toBe(true);
  });

  test("SOP.FORECAST: the command line's baseline of the same 36 months, with its intervals (one set of numbers)", async () => {
    const family = cliDemand.find((d) => d.family === "Tools" && d.product === null)!;
    expect(family.baseline).toHaveLength(12);
    // The forecasting engine is a chunk of its own, loaded on the first call like a browser loads it.
    const cells = (await callBundle("FORECAST", [HISTORY], 12, 12, null, true, null)) as number[][];
    expect(loaded.some((file) => /^forecast\.\w+\.js$/.test(file))).toBe(true);
    expect(cells).toEqual(family.baseline.map((p) => [p.forecast, p.lo80, p.hi80, p.lo95, p.hi95]));
  });

  test("SOP.ACCURACY: the baseline against the consensus, by the formulas", async () => {
    const family = cliDemand.find((d) => d.family === "Tools" && d.product === null)!;
    const baseline = family.baseline.map((p) => p.forecast);
    const [[wape], [bias]] = (await callBundle("ACCURACY", [baseline], [new Array(12).fill(500)], null)) as number[][];
    const total = baseline.reduce((a, b) => a + b, 0);
    expect(wape).toBeCloseTo(baseline.reduce((s, a) => s + Math.abs(a - 500), 0) / total, 12);
    expect(bias).toBeCloseTo((6000 - total) / total, 12);
  });

  test("bad arguments come back from the bundle as #VALUE! with the message", () => {
    const [[cell]] = callBundle("LEVEL", [[300, "many", 200]], POLICY) as unknown[][];
    expect(cell).toEqual(new ExcelError("#VALUE!", 'demand[2] is text, not a number ("many"); demand must be a number.'));
  });
});

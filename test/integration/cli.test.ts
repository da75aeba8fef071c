// The command line end to end on real .xlsx files: hand-checked plans, the JSON object, bad input, file safety.
import { execFileSync, spawnSync } from "child_process";
import { createHash } from "crypto";
import ExcelJS from "exceljs";
import { existsSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import type { JsonReport } from "../../src/cli/report";
import { runCli } from "../support/cli";
import { sampleTemplate } from "../../src/workbook/sample";
import { writeWorkbook } from "../../src/xlsx/writer";
import { HAND_FORECAST, HAND_PLAN, HAND_POLICY } from "../support/handCase";
import { tempDir, writeGridWorkbook, type Grid } from "../support/xlsxFiles";

const ROOT = path.resolve(__dirname, "..", "..");

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Case 1: whole workers, an initial workforce, hourly pay, ending-basis holding, no backorders, a manual plan. */
const HAND_CASE: Record<string, Grid> = { Forecast: HAND_FORECAST, Policy: HAND_POLICY, Plan: HAND_PLAN };

/** Case 2: per-day hours × working days, fractional workers, a free workforce, backorders, average holding. */
const BACKORDER_CASE: Record<string, Grid> = {
  Forecast: [
    ["Family", "Product", "Jan", "Feb", "Mar"],
    ["Pumps", null, 300, 100, 200],
  ],
  Capacity: [
    ["Resource", "Jan", "Feb", "Mar"],
    ["Working days", 20, 20, 10],
  ],
  Policy: [
    ["Parameter", "Value"],
    ["Labor hours per unit", 2],
    ["Hours per worker per day", 8],
    ["Regular cost per hour", 10],
    ["Holding cost per unit", 2],
    ["Holding cost basis", "Average"],
    ["Backorder cost per unit", 3],
    ["Initial inventory", 40],
  ],
};

describe("sop-plan on hand-checked workbooks", () => {
  const dir = tempDir();

  it("case 1: level, chase and manual costs by kind, and the recommended plan", async () => {
    const input = await writeGridWorkbook(path.join(dir, "hand.xlsx"), HAND_CASE);
    const { status, stdout } = await runCli([input, "--json", "-o", path.join(dir, "hand-plan.xlsx")]);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    const [tools] = report.families;
    const plan = (s: string) => tools.plans.find((p) => p.strategy === s)!;
    // Level: 6 workers (cumulative 300/50); 1 hire; 18 worker-periods × 1,600; holding 2 × (0 + 200 + 300); material 5 × 900.
    expect(plan("level").costs).toEqual({ regular: 28800, overtime: 0, hiring: 100, layoff: 0, holding: 1000, backorder: 0, subcontract: 0, material: 4500 });
    expect(plan("level").totalCost).toBe(34400);
    // Chase: workers 6, 2, 4: hire 1, lay off 4, hire 2; 12 worker-periods × 1,600; material 5 × 600.
    expect(plan("chase").costs).toEqual({ regular: 19200, overtime: 0, hiring: 300, layoff: 800, holding: 0, backorder: 0, subcontract: 0, material: 3000 });
    expect(plan("chase").totalCost).toBe(23300);
    // Manual: 4 workers (lay off 1); overtime 50 units × 3.2 h × 15; subcontract 50 × 30; holding 2 × (0 + 100 + 100).
    expect(plan("manual").costs).toEqual({ regular: 19200, overtime: 2400, hiring: 0, layoff: 200, holding: 400, backorder: 0, subcontract: 1500, material: 3250 });
    expect(plan("manual").totalCost).toBe(26950);
    expect(plan("manual").revenue).toBe(36000);
    expect(plan("manual").margin).toBe(36000 - 26950);
    // The default compares every strategy; the optimal plan (whole workers) is never dearer than chase.
    expect(tools.plans.map((p) => p.strategy)).toEqual(["level", "chase", "hybrid-subcontract", "hybrid-overtime", "manual", "optimal"]);
    expect(plan("optimal").totalCost).toBeLessThanOrEqual(23300);
    expect(tools.recommended).toBe("optimal");
  });

  it("case 2: working days, fractional workers, backorders and average holding", async () => {
    const input = await writeGridWorkbook(path.join(dir, "backorders.xlsx"), BACKORDER_CASE);
    const { status, stdout } = await runCli([input, "--json", "--strategies", "level,chase", "-o", path.join(dir, "bo-plan.xlsx")]);
    expect(status).toBe(0);
    const [pumps] = (JSON.parse(stdout) as JsonReport).families;
    const [level, chase] = pumps.plans;
    // Level: need 600 − 40 = 560 over 80 + 80 + 40 units per worker → 2.8 workers; Jan ends 36 short.
    expect(level.periods[0].workers).toBeCloseTo(2.8, 12);
    expect(level.periods.map((p) => p.backlog)).toEqual([expect.closeTo(36, 9), 0, 0]);
    expect(level.costs.backorder).toBeCloseTo(108, 9);
    // Average holding: (40 + 0)/2 + (0 + 88)/2 + (88 + 0)/2 = 108 units × 2.
    expect(level.costs.holding).toBeCloseTo(216, 9);
    expect(level.costs.regular).toBeCloseTo(11200, 9);
    expect(level.totalCost).toBeCloseTo(11524, 9);
    // Chase: 260/80, 100/80, 200/40 workers; no hiring cost in period 1 (free initial workforce).
    expect(chase.periods.map((p) => p.workers)).toEqual([3.25, 1.25, 5]);
    expect(chase.costs.holding).toBe(40);
    expect(chase.totalCost).toBe(11240);
    expect(pumps.recommended).toBe("chase");
  });

  it("prints exactly the spec's JSON object", async () => {
    const input = await writeGridWorkbook(path.join(dir, "shape.xlsx"), HAND_CASE);
    const { stdout } = await runCli([input, "--json", "-o", path.join(dir, "shape-plan.xlsx")]);
    const report = JSON.parse(stdout) as JsonReport;
    expect(Object.keys(report)).toEqual(["families", "resources", "risks", "messages"]);
    // The spec's risk objects: kind, severity, subject, periods, value, message (the hand case has none).
    expect(Array.isArray(report.risks)).toBe(true);
    const [family] = report.families;
    expect(Object.keys(family)).toEqual(["family", "recommended", "plans"]);
    expect(Object.keys(family.plans[0])).toEqual(["strategy", "feasible", "totalCost", "costs", "revenue", "margin", "cogs", "grossMargin", "revenueAtRisk", "lostMargin", "lostSaleCost", "periods"]);
    expect(Object.keys(family.plans[0].costs)).toEqual(["regular", "overtime", "hiring", "layoff", "holding", "backorder", "subcontract", "material"]);
    expect(Object.keys(family.plans[0].periods[0])).toEqual([
      "period", "demand", "regular", "overtime", "subcontract", "workers", "hired", "laidOff", "inventory", "backlog", "shipped", "unmet", "inventoryValue",
    ]);
    expect(family.plans[0].periods.map((p) => p.period)).toEqual(["Jan", "Feb", "Mar"]);
    for (const plan of family.plans) {
      expect(plan.totalCost).toBeCloseTo(Object.values(plan.costs).reduce((a, b) => a + b, 0), 9);
      // The P&L view: revenue − cost of goods sold − the period costs (hiring, layoffs, holding, backorders).
      const { hiring, layoff, holding, backorder } = plan.costs;
      expect(plan.grossMargin).toBeCloseTo(plan.revenue - plan.cogs - (hiring + layoff + holding + backorder), 9);
    }
  });
});

describe("sop-plan output workbook", () => {
  const dir = tempDir();

  it("writes the plan sheets and the input tables, and never touches the input", async () => {
    const input = path.join(dir, "sample.xlsx");
    writeFileSync(input, await writeWorkbook(sampleTemplate()));
    const before = sha(input);
    const output = path.join(dir, "sample-plan.xlsx");
    const { status, stdout } = await runCli([input, "-o", output]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Cordless Drills: \w+ is recommended/);
    expect(sha(input)).toBe(before);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(output);
    const names = book.worksheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["SOP Summary", "SOP Cordless Drills", "SOP Garden Tools", "Forecast", "Policy"]));
  });

  it("defaults the output to <input>-plan.xlsx and refuses to write over the input", async () => {
    const input = await writeGridWorkbook(path.join(dir, "defaults.xlsx"), HAND_CASE);
    expect((await runCli([input, "-q"])).status).toBe(0);
    expect(existsSync(path.join(dir, "defaults-plan.xlsx"))).toBe(true);
    const same = await runCli([input, "-o", input]);
    expect(same.status).toBe(2);
    expect(same.stderr).toMatch(/input is never written to/);
  });
});

describe("sop-plan on bad input", () => {
  const dir = tempDir();

  it("exits 1 and names the cell; --json still prints the messages", async () => {
    const bad = { ...HAND_CASE, Forecast: [["Family", "Product", "Jan", "Feb", "Mar"], ["Tools", null, 300, "lots", -5]] };
    const input = await writeGridWorkbook(path.join(dir, "bad.xlsx"), bad);
    const output = path.join(dir, "bad-plan.xlsx");
    const { status, stdout, stderr } = await runCli([input, "--json", "-o", output]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/Forecast!D2/);
    expect(stderr).toMatch(/Forecast!E2/);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.families).toEqual([]);
    expect(report.messages.filter((m) => m.severity === "error").map((m) => m.cell)).toEqual(
      expect.arrayContaining(["Forecast!D2", "Forecast!E2"]),
    );
    expect(existsSync(output)).toBe(false);
  });

  it("exits 2 on a missing file, an unreadable file, an unknown strategy or option", async () => {
    expect((await runCli([path.join(dir, "nope.xlsx")])).stderr).toMatch(/could not read/);
    const notXlsx = path.join(dir, "text.xlsx");
    writeFileSync(notXlsx, "this is not a workbook");
    const unreadable = await runCli([notXlsx]);
    expect(unreadable.status).toBe(2);
    // Not JSZip's words ("Can't find end of central directory : is this a zip file ?"): what to do.
    expect(unreadable.stderr).toBe(`sop-plan: ${notXlsx} is not an .xlsx workbook: save it as .xlsx (in Excel: File > Save As > Excel Workbook) and run again.\n`);
    const strategy = await runCli(["x.xlsx", "--strategies", "level,psychic"]);
    expect(strategy.status).toBe(2);
    expect(strategy.stderr).toMatch(/unknown strategy "psychic"/);
    expect((await runCli(["x.xlsx", "--bogus"])).status).toBe(2);
    expect((await runCli([])).status).toBe(2);
  });
});

describe("sop-plan messages a new user meets", () => {
  const dir = tempDir();

  it("prints a message as the README documents it: the severity, then the words naming the cell", async () => {
    // Six families, so the README's example cell Forecast!D7 is a demand cell of the sixth.
    const families = ["A", "B", "C", "D", "E", "F"];
    const forecast: Grid = [["Family", "Product", "Jan", "Feb"], ...families.map((f, i): Grid[number] => [f, null, 100, i === 5 ? -5 : 100])];
    const input = await writeGridWorkbook(path.join(dir, "negative.xlsx"), { Forecast: forecast, Policy: [["Parameter", "Value"], ["Units per worker per period", 50]] });
    const { status, stderr } = await runCli([input, "-o", path.join(dir, "negative-plan.xlsx")]);
    expect(status).toBe(1);
    const example = "error: Forecast!D7 is -5; demand must be 0 or more.";
    expect(stderr.split("\n")).toContain(example);
    expect(readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain(`\`${example}\``);
  });

  it("--strategies manual without a Plan table fails saying so", async () => {
    const input = await writeGridWorkbook(path.join(dir, "no-plan.xlsx"), { Forecast: HAND_FORECAST, Policy: HAND_POLICY });
    const output = path.join(dir, "no-plan-out.xlsx");
    const { status, stderr } = await runCli([input, "--strategies", "manual", "-o", output]);
    expect(status).toBe(1);
    expect(stderr).toContain("error: Only the manual plan was asked for, but there is no Plan table: add a worksheet named \"Plan\"");
    expect(stderr).not.toMatch(/no feasible plan/);
    expect(existsSync(output)).toBe(false);
  });

  it("an infeasible manual plan prints why, beside the plan recommended and alone", async () => {
    const plan = HAND_PLAN.map((row) => [...row]);
    plan[2] = ["Tools", "Regular", 100, 100, 100];
    const input = await writeGridWorkbook(path.join(dir, "short-plan.xlsx"), { Forecast: HAND_FORECAST, Policy: HAND_POLICY, Plan: plan });
    const both = await runCli([input, "--strategies", "level,manual", "-o", path.join(dir, "short-plan-out.xlsx")]);
    expect(both.status).toBe(0);
    expect(both.stdout).toContain("Tools, manual is not feasible: Jan: short by 100 units and backorders are not allowed; ");
    const alone = await runCli([input, "--strategies", "manual", "-o", path.join(dir, "short-plan-out.xlsx")]);
    // Alone, the manual plan is shown and counted, with the error saying it is not feasible and why.
    expect(alone.stdout).toContain("Tools: manual is recommended, but no plan compared is feasible; manual is shown, closest to feasible: Jan: short by 100 units and backorders are not allowed");
  });

  it("a merged header cell says it is merged; a title above the header is left out", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Forecast");
    HAND_FORECAST.forEach((row) => sheet.addRow(row));
    sheet.mergeCells("A1:B1");
    const policy = workbook.addWorksheet("Policy");
    HAND_POLICY.forEach((row) => policy.addRow(row));
    const merged = path.join(dir, "merged.xlsx");
    await workbook.xlsx.writeFile(merged);
    const { status, stderr } = await runCli([merged, "-o", path.join(dir, "merged-out.xlsx")]);
    expect(status).toBe(1);
    expect(stderr).toContain('has no "Product" column: Forecast!A1:B1 is one merged cell ("Family"); unmerge it so that each column has its own header');

    const titled = await writeGridWorkbook(path.join(dir, "titled.xlsx"), { Forecast: [["Demand forecast 2027"], [], ...HAND_FORECAST], Policy: HAND_POLICY });
    const run = await runCli([titled, "--strategies", "level", "--json", "-o", path.join(dir, "titled-out.xlsx")]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.families[0].plans[0].totalCost).toBe(34400);
    expect(report.messages).toContainEqual(expect.objectContaining({ severity: "info", cell: "Forecast!A1" }));
  });
});

describe("the sop-plan command", () => {
  it("runs from the package bin as a child process", () => {
    execFileSync("npm", ["run", "-s", "build:cli"], { cwd: ROOT });
    const dir = tempDir();
    const input = path.join(dir, "hand.xlsx");
    return writeGridWorkbook(input, HAND_CASE).then(() => {
      const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "sop-plan.js"), input, "--json", "-q"], { encoding: "utf8" });
      expect(result.status).toBe(0);
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.families[0].recommended).toBe("optimal");
      const help = spawnSync(process.execPath, [path.join(ROOT, "bin", "sop-plan.js"), "--help"], { encoding: "utf8" });
      expect(help.stdout).toMatch(/Usage: sop-plan <input.xlsx>/);
      // The help's default is the strategies a run without --strategies compares: all six.
      expect(help.stdout).toContain("(default: level,chase,hybrid-subcontract,hybrid-overtime,manual,optimal)");
      expect(new Set(report.families[0].plans.map((p) => p.strategy))).toEqual(new Set(["level", "chase", "hybrid-subcontract", "hybrid-overtime", "manual", "optimal"]));
    });
  });
});

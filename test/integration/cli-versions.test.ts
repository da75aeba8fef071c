// The monthly cycle on real .xlsx files: save a version, change the forecast, compare; versions travel with the workbook.
import ExcelJS from "exceljs";
import { existsSync } from "fs";
import * as path from "path";
import type { JsonReport } from "../../src/cli/report";
import { readWorkbookBlocks } from "../../src/xlsx/reader";
import { VERSIONS_SHEET_NAME, VARIANCE_SHEET_NAME } from "../../src/workbook/reviewNames";
import { findVersionsBlock, parseVersions } from "../../src/workbook/versions";
import { runCli } from "../support/cli";
import { HAND_FORECAST, HAND_POLICY } from "../support/handCase";
import { libreOfficeAvailable, recalculateWithLibreOffice } from "../support/libreoffice";
import { tempDir, writeGridWorkbook } from "../support/xlsxFiles";

const dir = tempDir("sop-versions-");
const STRATEGIES = ["--strategies", "level,chase"];

/** Last month: the hand case planned and saved as "Nov". This month: the same workbook, Jan demand 300 → 360. */
async function twoMonths(): Promise<{ november: string; december: string }> {
  const input = await writeGridWorkbook(path.join(dir, "input.xlsx"), { Forecast: HAND_FORECAST, Policy: HAND_POLICY });
  const november = path.join(dir, "november.xlsx");
  const saved = await runCli([input, "-o", november, "--save-version", "Nov", ...STRATEGIES, "-q"]);
  expect(saved).toMatchObject({ status: 0, stderr: "" });
  // The planner opens last month's workbook and changes the forecast.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(november);
  workbook.getWorksheet("Forecast")!.getCell("C2").value = 360;
  const december = path.join(dir, "december-input.xlsx");
  await workbook.xlsx.writeFile(december);
  return { november, december };
}

let months: { november: string; december: string };
beforeAll(async () => {
  months = await twoMonths();
});

describe("sop-plan --save-version", () => {
  it("writes the recommended plans to SOP Versions, one row per family and period", async () => {
    const { versions, messages } = parseVersions(findVersionsBlock(await readWorkbookBlocks(months.november)));
    expect(messages).toEqual([]);
    expect(versions).toHaveLength(1);
    expect(versions[0].name).toBe("Nov");
    expect(versions[0].savedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const [tools] = versions[0].families;
    expect(tools.strategy).toBe("chase");
    expect(tools.periods.map((p) => [p.period, p.demand, p.regular, p.workers, p.totalCost])).toEqual([
      ["Jan", 300, 300, 6, 11200],
      ["Feb", 100, 100, 2, 4500],
      ["Mar", 200, 200, 4, 7600],
    ]);
  });

  it("refuses a name already saved and writes nothing: versions are never changed", async () => {
    const out = path.join(dir, "again.xlsx");
    const { status, stderr } = await runCli([months.december, "-o", out, "--save-version", "nov", ...STRATEGIES]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/Cannot save the version: a version named "Nov" exists, saved .*choose another name/);
  });

  it("needs a name", async () => {
    const { status, stderr } = await runCli([months.december, "--save-version", " "]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--save-version needs a name/);
  });
});

describe("the next month's run", () => {
  it("compares with the latest version by default and prints the variance in the JSON", async () => {
    const out = path.join(dir, "december.xlsx");
    const { status, stdout } = await runCli([months.december, "-o", out, "--json", ...STRATEGIES]);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    const line = (period: string, measure: string) => report.variance!.find((l) => l.family === "Tools" && l.period === period && l.measure === measure);
    expect(line("Jan", "demand")).toEqual({ family: "Tools", period: "Jan", measure: "demand", baseline: 300, current: 360, change: 60 });
    // Chase again: 60 more units need 2 more workers in Jan (8 × 1,600 + 300 hiring + 5 × 360 material = 14,900).
    expect(line("Jan", "workers")).toMatchObject({ baseline: 6, current: 8, change: 2 });
    expect(line("Jan", "cost")).toMatchObject({ baseline: 11200, current: 14900, change: 3700 });
    expect(line("Feb", "demand")).toMatchObject({ change: 0 });
    expect(line("Jan", "grossMargin")).toMatchObject({ baseline: 6800, current: 6700, change: -100 });
    expect(report.variance).toHaveLength(3 * 9);
    expect(report.messages).toContainEqual({ severity: "info", message: 'Compared with version "Nov" (see SOP Variance).' });
  });

  it("carries the input's versions forward, and adds this month's when saved", async () => {
    const kept = path.join(dir, "december-kept.xlsx");
    expect((await runCli([months.december, "-o", kept, "-q", ...STRATEGIES])).status).toBe(0);
    expect(parseVersions(findVersionsBlock(await readWorkbookBlocks(kept))).versions.map((v) => v.name)).toEqual(["Nov"]);

    const added = path.join(dir, "december-saved.xlsx");
    expect((await runCli([months.december, "-o", added, "-q", "--save-version", "Dec", ...STRATEGIES])).status).toBe(0);
    const { versions } = parseVersions(findVersionsBlock(await readWorkbookBlocks(added)));
    expect(versions.map((v) => v.name)).toEqual(["Nov", "Dec"]);
    expect(versions[1].families[0].periods[0].demand).toBe(360);
    // The saved November is exactly what was read: a run never changes a version.
    const before = parseVersions(findVersionsBlock(await readWorkbookBlocks(months.november))).versions[0];
    expect(versions[0]).toEqual(before);
  });

  it("--compare NAME picks the version; a name not saved is an error naming the ones there are", async () => {
    const added = path.join(dir, "december-saved.xlsx");
    const withDec = await runCli([added, "-o", path.join(dir, "jan.xlsx"), "--json", "--compare", "nov", ...STRATEGIES]);
    expect(withDec.status).toBe(0);
    const report = JSON.parse(withDec.stdout) as JsonReport;
    expect(report.variance!.find((l) => l.period === "Jan" && l.measure === "demand")).toMatchObject({ baseline: 300, current: 360 });
    const latest = JSON.parse((await runCli([added, "-o", path.join(dir, "jan2.xlsx"), "--json", ...STRATEGIES])).stdout) as JsonReport;
    expect(latest.variance!.find((l) => l.period === "Jan" && l.measure === "demand")).toMatchObject({ baseline: 360, current: 360, change: 0 });

    const missing = await runCli([added, "-o", path.join(dir, "x.xlsx"), "--compare", "Oct", ...STRATEGIES]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No version named "Oct" to compare with: the workbook's SOP Versions has "Nov", "Dec"/);
  });

  it("Frozen periods keep the compared version's numbers in the JSON plans; the rest is planned from there", async () => {
    // Next month: Feb demand 100 → 160, and Jan frozen at what "Nov" planned (6 workers making 300).
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(months.november);
    workbook.getWorksheet("Forecast")!.getCell("D2").value = 160;
    const policy = workbook.getWorksheet("Policy")!;
    policy.addRow(["Frozen periods", 1]);
    const frozenInput = path.join(dir, "frozen-input.xlsx");
    await workbook.xlsx.writeFile(frozenInput);
    const { status, stdout } = await runCli([frozenInput, "-o", path.join(dir, "frozen.xlsx"), "--json", "--compare", "Nov", ...STRATEGIES]);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    const [tools] = report.families;
    for (const plan of tools.plans) {
      expect(plan.periods[0]).toMatchObject({ period: "Jan", workers: 6, regular: 300, overtime: 0, subcontract: 0, inventory: 0 });
    }
    // Chase from Feb: 160 needs 4 whole workers (2 laid off); Mar 200, 4 workers.
    const chase = tools.plans.find((p) => p.strategy === "chase")!;
    expect(chase.periods.map((p) => [p.workers, p.regular])).toEqual([[6, 300], [4, 160], [4, 200]]);
    expect(chase.totalCost).toBe(11200 + 7600 + 7400);
    expect(report.messages).toContainEqual({ severity: "info", message: 'Tools: Jan frozen: production and workforce as in version "Nov".' });
    // Jan is the same as the version's, so its variance in production and workers is nil.
    const jan = (measure: string) => report.variance!.find((l) => l.period === "Jan" && l.measure === measure);
    expect(jan("production")).toMatchObject({ change: 0 });
    expect(jan("workers")).toMatchObject({ change: 0 });
  });

  it("a damaged SOP Versions cell is an error naming it, and nothing is written", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(months.december);
    const sheet = workbook.getWorksheet(VERSIONS_SHEET_NAME)!;
    sheet.getCell("F6").value = "lots";
    const damaged = path.join(dir, "damaged.xlsx");
    await workbook.xlsx.writeFile(damaged);
    const planned = path.join(dir, "damaged-plan.xlsx");
    const { status, stderr } = await runCli([damaged, "-o", planned, ...STRATEGIES]);
    expect(status).toBe(1);
    expect(stderr).toContain(`error: 'SOP Versions'!F6 is text, not a number ("lots"); Demand must be a number.`);
    expect(existsSync(planned)).toBe(false);
  });
});

(libreOfficeAvailable() ? describe : describe.skip)("SOP Variance in LibreOffice", () => {
  it("every formula recalculates to the engine's number", async () => {
    const out = path.join(dir, "variance.xlsx");
    expect((await runCli([months.december, "-o", out, "-q", ...STRATEGIES])).status).toBe(0);
    const cached = new ExcelJS.Workbook();
    await cached.xlsx.readFile(out);
    const [recalculated] = await recalculateWithLibreOffice([out], path.join(dir, "lo"));
    const fresh = new ExcelJS.Workbook();
    await fresh.xlsx.readFile(recalculated);
    const before = cached.getWorksheet(VARIANCE_SHEET_NAME)!;
    const after = fresh.getWorksheet(VARIANCE_SHEET_NAME)!;
    let formulas = 0;
    before.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        formulas++;
        const engine = cell.result as number;
        const libre = after.getCell(r, c).result as number;
        expect([cell.address, libre]).toEqual([cell.address, expect.closeTo(engine, 6)]);
      }),
    );
    expect(formulas).toBeGreaterThan(100);
  }, 180_000);
});

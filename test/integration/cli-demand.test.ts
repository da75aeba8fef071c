// The demand review on real .xlsx files through sop-plan: the Actuals table, the baselines in the JSON and on SOP Demand review, Demand basis Statistical, a Service level safety stock checked by hand, and Actuals' errors naming their cells.
import ExcelJS from "exceljs";
import * as path from "path";
import type { JsonReport } from "../../src/cli/report";
import { demandBaseline } from "../../src/engine";
import { runCli } from "../support/cli";
import { tempDir, writeGridWorkbook, type Grid } from "../support/xlsxFiles";

const dir = tempDir("sop-demand-");
const STRATEGIES = ["--strategies", "level,chase"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Jan 2025 … Dec 2026: 24 months, the plan's Jan – Mar 2027 right after them. */
const PAST = ["2025", "2026"].flatMap((year) => MONTHS.map((m) => `${m} ${year}`));

/** Tools sell about 100 a month; Saws are two blades, about 40 and 20, with no family row. */
const TOOLS = [96, 104, 99, 101, 97, 108, 95, 102, 100, 103, 98, 105, 94, 101, 106, 99, 100, 97, 104, 102, 96, 103, 99, 101];
const BLADE_A = [38, 42, 40, 41, 39, 43, 37, 40, 41, 42, 38, 40, 39, 41, 44, 40, 39, 38, 42, 41, 40, 43, 39, 42];
const BLADE_B = [20, 19, 21, 22, 18, 20, 21, 19, 20, 22, 21, 20, 19, 20, 22, 21, 20, 19, 21, 20, 22, 21, 19, 20];

const FORECAST: Grid = [
  ["Family", "Product", "Jan 2027", "Feb 2027", "Mar 2027"],
  ["Tools", null, 100, 300, 100],
  ["Saws", null, 80, 80, 80],
];

/** Tools keeps a safety stock from its forecast error at 95 %; Saws is planned on its baseline. */
const POLICY: Grid = [
  ["Parameter", "Value", "Tools", "Saws"],
  ["Units per worker per period", 50, null, null],
  ["Regular cost per unit", 10, null, null],
  ["Holding cost per unit", 1, null, null],
  ["Price per unit", 30, null, null],
  ["Safety stock", 10, null, null],
  ["Service level", null, 0.95, null],
  ["Demand basis", "Forecast", null, "Statistical"],
];

const ACTUALS: Grid = [
  ["Family", "Product", ...PAST],
  ["Tools", null, ...TOOLS],
  ["Saws", "Blade A", ...BLADE_A],
  ["Saws", "Blade B", ...BLADE_B],
];

async function planJson(sheets: Record<string, Grid>, name: string): Promise<{ status: number; report: JsonReport; stderr: string; output: string }> {
  const input = await writeGridWorkbook(path.join(dir, `${name}.xlsx`), sheets);
  const output = path.join(dir, `${name}-plan.xlsx`);
  const { status, stdout, stderr } = await runCli([input, "-o", output, "--json", ...STRATEGIES]);
  return { status, report: JSON.parse(stdout) as JsonReport, stderr, output };
}

describe("sop-plan with an Actuals table", () => {
  let run: Awaited<ReturnType<typeof planJson>>;
  beforeAll(async () => {
    run = await planJson({ Forecast: FORECAST, Policy: POLICY, Actuals: ACTUALS }, "review");
  });

  it("gives a baseline per family and per product for every plan period, from the actuals alone", () => {
    expect(run.status).toBe(0);
    const demand = run.report.demand!;
    expect(demand.map((d) => [d.family, d.product])).toEqual([
      ["Tools", null],
      ["Saws", null],
      ["Saws", "Blade A"],
      ["Saws", "Blade B"],
    ]);
    // Saws has no family row: its history is the sum of its blades, and its baseline is that sum's.
    const saws = demandBaseline(
      BLADE_A.map((a, t) => a + BLADE_B[t]),
      { horizon: 3, seasonLength: 12 },
    );
    const line = demand[1];
    expect(line.method).toBe(saws.method);
    expect(line.runnerUp?.method).toBe(saws.runnerUp?.method);
    expect(line.mase).toBeCloseTo(saws.mase!, 12);
    expect(line.baseline.map((p) => p.period)).toEqual(["Jan 2027", "Feb 2027", "Mar 2027"]);
    expect(line.baseline.map((p) => p.forecast)).toEqual(saws.points.map((p) => p.forecast));
    for (const p of line.baseline) expect(p.lo95).toBeLessThanOrEqual(p.lo80);
    expect(line.baseline.map((p) => p.consensus)).toEqual([80, 80, 80]);
    // 24 months are fewer than two seasons of 12 plus one: no seasonal method.
    expect(line.seasonLength).toBe(1);
    expect(line.reasons.join(" ")).toMatch(/no seasonal method: 24 periods of history, fewer than two seasons of 12 plus one/);
  });

  it("plans a family with Demand basis Statistical on its baseline, and says so", () => {
    const saws = run.report.families.find((f) => f.family === "Saws")!;
    const baseline = run.report.demand![1].baseline.map((p) => p.forecast);
    for (const plan of saws.plans) expect(plan.periods.map((p) => p.demand)).toEqual(baseline);
    expect(run.report.messages.map((m) => m.message)).toContainEqual(expect.stringMatching(/^Saws: planned on its statistical baseline \(.+; Policy "Demand basis" Statistical\): .* against 240 in Forecast\.$/));
  });

  it("keeps z(95 %) × the RMSE of the baseline's one-step holdout errors as the safety stock of a family with a Service level", () => {
    const tools = demandBaseline(TOOLS, { horizon: 3, seasonLength: 12 });
    // By hand: the root mean square of the one-step errors, times z(0.95) = 1.6448536269514722 (a normal table's 1.645).
    const errors = tools.holdout.oneStepErrors;
    expect(errors).toHaveLength(8); // min(max(12, 6), ⌊24 / 3⌋) holdout periods
    const rmse = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length);
    const expected = 1.6448536269514722 * rmse;
    expect(run.report.demand![0].oneStepRmse).toBeCloseTo(rmse, 12);
    const plans = run.report.families.find((f) => f.family === "Tools")!.plans;
    for (const plan of plans) {
      for (const period of plan.periods) expect(period.safetyStock).toBeCloseTo(expected, 9);
      // Every plan ends every period with at least that much on hand (chase: exactly).
      for (const period of plan.periods) expect(period.inventory).toBeGreaterThanOrEqual(expected - 1e-6);
    }
    expect(plans.find((p) => p.strategy === "chase")!.periods[0].inventory).toBeCloseTo(expected, 6);
    // Saws keeps its typed safety stock, and its periods no safetyStock field.
    expect(run.report.families.find((f) => f.family === "Saws")!.plans[0].periods[0].safetyStock).toBeUndefined();
    expect(run.report.messages.map((m) => m.message)).toContainEqual(
      expect.stringMatching(/^Tools: safety stock [\d.,]+ units = z 1\.645 \("Service level" 95 %\) × [\d.,]+, the RMSE of the .+ baseline's one-step errors over its 8-period holdout \(instead of "Safety stock" 10\)\.$/),
    );
  });

  it("flags the consensus outside the baseline's 95 % interval, on the Risks sheet and the demand review", async () => {
    const gaps = run.report.demand![0].baseline.filter((p) => p.consensus! < p.lo95 || p.consensus! > p.hi95);
    expect(gaps).toHaveLength(1); // Feb: 300 against about 100
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(run.output);
    const risks = workbook.getWorksheet("SOP Risks")!;
    const rows = risks.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    const gap = rows.find((row) => row[0] === "Consensus vs baseline");
    expect(gap).toBeDefined();
    expect(gap!.slice(2, 6)).toEqual(["Tools", undefined, undefined, "Feb 2027"]);
    expect(String(gap![7])).toMatch(/^Tools, Feb 2027: the consensus 300 is above the statistical baseline's 95 % interval/);
    const review = workbook.getWorksheet("SOP Demand review")!;
    expect(review.getCell("A1").value).toBe("Demand review");
    // The agenda: the largest override first (Tools, +200 over the horizon), with its method and holdout scores.
    expect(review.getCell("A5").value).toBe("Tools");
    expect(review.getCell("C5").value).toBe(run.report.demand![0].method);
    expect(review.getCell("M5").result).toBe(1);
    expect(workbook.getWorksheet("Actuals")).toBeDefined();
  });
});

describe("Actuals that cannot be read stop the run, naming the cell", () => {
  async function errorsOf(actuals: Grid, name: string): Promise<{ status: number; errors: { message: string; cell?: string }[] }> {
    const { status, report } = await planJson({ Forecast: FORECAST, Policy: POLICY, Actuals: actuals }, name);
    return { status, errors: report.messages.filter((m) => m.severity === "error") };
  }

  it("a negative actual or text", async () => {
    const { status, errors } = await errorsOf(
      [
        ["Family", "Product", "Jan 2026", "Feb 2026"],
        ["Tools", null, -5, "n/a"],
      ],
      "negative",
    );
    expect(status).toBe(1);
    expect(errors.map((e) => [e.cell, e.message])).toEqual([
      ["Actuals!C2", "Actuals!C2 is -5; actual demand must be 0 or more."],
      ["Actuals!D2", 'Actuals!D2 is text, not a number ("n/a"); actual demand must be a number.'],
    ]);
  });

  it("weeks before a plan of months", async () => {
    const { errors } = await errorsOf([["Family", "Product", "W51 2026", "W52 2026"], ["Tools", null, 1, 2]], "weeks");
    expect(errors).toEqual([
      {
        severity: "error",
        cell: "Actuals!C1",
        message: 'Actuals!C1 "W51 2026" is a week, but the plan\'s periods are months (Forecast!C1 "Jan 2027"); Actuals needs past periods of the same kind.',
      },
    ]);
  });

  it("a period not before the plan's first, one the plan has, and a month left out", async () => {
    const late = await errorsOf([["Family", "Product", "Apr 2027", "May 2027"], ["Tools", null, 1, 2]], "late");
    expect(late.errors).toEqual([
      expect.objectContaining({ cell: "Actuals!C1", message: 'Actuals!C1 "Apr 2027" is not before the plan\'s first period "Jan 2027" (Forecast!C1); Actuals holds past periods only.' }),
    ]);
    const after = await errorsOf([["Family", "Product", "Mar 2027", "Apr 2027"], ["Tools", null, 1, 2]], "after");
    expect(after.errors[0]).toMatchObject({ cell: "Actuals!C1", message: expect.stringMatching(/^Actuals!C1 is the period "Mar 2027", which the plan has too \(Forecast!E1\)/) });
    const skipped = await errorsOf([["Family", "Product", "Sep 2026", "Nov 2026", "Dec 2026"], ["Tools", null, 1, 2, 3]], "skipped");
    expect(skipped.errors).toEqual([
      expect.objectContaining({ cell: "Actuals!D1", message: 'Actuals!D1 "Nov 2026" is not the month after "Sep 2026" (Actuals!C1); Actuals\' periods must run oldest first, one after another.' }),
    ]);
  });

  it("a repeated family row names both rows; a row without its family names the cell", async () => {
    const { errors } = await errorsOf(
      [
        ["Family", "Product", "Nov 2026", "Dec 2026"],
        ["Tools", null, 1, 2],
        ["tools", null, 1, 2],
        [null, "Blade A", 3, 4],
      ],
      "duplicate",
    );
    expect(errors.map((e) => e.cell)).toEqual(["Actuals!A3", "Actuals!A4"]);
    expect(errors[0].message).toMatch(/^Actuals rows 2 and 3 are both the family row of "tools" \(Actuals!A2 and Actuals!A3\)/);
  });
});

describe("Actuals that end before the plan starts", () => {
  it("forecast through the months between, with an info", async () => {
    const past = PAST.slice(0, 22); // to Oct 2026
    const { status, report } = await planJson(
      { Forecast: FORECAST, Policy: POLICY.slice(0, 6), Actuals: [["Family", "Product", ...past], ["Tools", null, ...TOOLS.slice(0, 22)]] },
      "gap",
    );
    expect(status).toBe(0);
    const expected = demandBaseline(TOOLS.slice(0, 22), { horizon: 5, seasonLength: 12 }).points.slice(2);
    expect(report.demand![0].baseline.map((p) => p.forecast)).toEqual(expected.map((p) => p.forecast));
    expect(report.messages).toContainEqual(
      expect.objectContaining({ severity: "info", cell: "Actuals!X1", message: expect.stringMatching(/^Actuals end with "Oct 2026" \(Actuals!X1\), 2 months before the plan's first period "Jan 2027"/) }),
    );
  });

  it("without Actuals, Service level and Demand basis Statistical keep the Forecast and the typed safety stock, naming the Policy cell", async () => {
    const { status, report } = await planJson({ Forecast: FORECAST, Policy: POLICY }, "no-actuals");
    expect(status).toBe(0);
    expect(report.demand).toBeUndefined();
    const warnings = report.messages.filter((m) => m.severity === "warning" && /Actuals/.test(m.message));
    expect(warnings.map((w) => w.cell)).toEqual(["Policy!C7", "Policy!D8"]);
    expect(warnings[0].message).toBe('Policy!C7: family "Tools" has a "Service level" but no rows in Actuals to measure the forecast error, so its safety stock stays 10 ("Safety stock").');
    expect(report.families.find((f) => f.family === "Saws")!.plans[0].periods.map((p) => p.demand)).toEqual([80, 80, 80]);
  });
});

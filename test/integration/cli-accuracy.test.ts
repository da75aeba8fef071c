// Accuracy of saved versions against the actuals, the teams' inputs and the Forecast's Reason, through sop-plan on real .xlsx files: WAPE, bias and tracking signal by lag checked by hand, the value added waterfall, a family with actuals and no Forecast row planned on its baseline, and the inputs' errors naming their cells.
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import JSZip from "jszip";
import * as path from "path";
import type { JsonReport } from "../../src/cli/report";
import { demandBaseline } from "../../src/engine";
import { VERSION_HEADERS } from "../../src/workbook/versions";
import { runCli } from "../support/cli";
import { tempDir, writeGridWorkbook, type Grid } from "../support/xlsxFiles";

const dir = tempDir("sop-accuracy-");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Jan 2025 … Dec 2026: 24 months; the plan is Jan – Mar 2027. */
const PAST = ["2025", "2026"].flatMap((year) => MONTHS.map((m) => `${m} ${year}`));
/** Tools: about 100 a month; the last three months are Oct 103, Nov 99, Dec 101. */
const TOOLS = [96, 104, 99, 101, 97, 108, 95, 102, 100, 103, 98, 105, 94, 101, 106, 99, 100, 97, 104, 102, 96, 103, 99, 101];
/** Pumps: about 50 a month, in Actuals only (no Forecast row). */
const PUMPS = [48, 52, 50, 51, 49, 53, 47, 50, 52, 51, 49, 50, 48, 51, 53, 50, 49, 48, 52, 51, 50, 52, 49, 51];

const FORECAST: Grid = [
  ["Family", "Product", "Jan 2027", "Feb 2027", "Mar 2027", "Reason"],
  ["Tools", null, 100, 160, 100, "Trade fair order in February"],
];

const POLICY: Grid = [
  ["Parameter", "Value"],
  ["Units per worker per period", 50],
  ["Regular cost per unit", 10],
  ["Holding cost per unit", 1],
  ["Price per unit", 30],
];

const ACTUALS: Grid = [
  ["Family", "Product", ...PAST],
  ["Tools", null, ...TOOLS],
  ["Pumps", null, ...PUMPS],
];

const INPUTS: Grid = [
  ["Family", "Product", "Source", "Jan 2027", "Feb 2027", "Mar 2027"],
  ["Tools", null, "Sales", 100, 200, 100],
  ["Tools", null, "Marketing", 100, 120, 100],
  ["Kitchen", null, "Sales", 5, 5, 5],
];

/**
 * Two versions saved in earlier months, each with the demand it was planned on and the Sales
 * team's input: "Oct 2026" planned Nov 2026 – Jan 2027 on 110, 90, 100 (Sales 115, 95, 100);
 * "Nov 2026" planned Dec 2026 – Feb 2027 on 95, 100, 100 (Sales 98, 100, 100).
 */
const VERSIONS: [string, string, number, number][] = [
  ["Oct 2026", "Nov 2026", 110, 115],
  ["Oct 2026", "Dec 2026", 90, 95],
  ["Oct 2026", "Jan 2027", 100, 100],
  ["Nov 2026", "Dec 2026", 95, 98],
  ["Nov 2026", "Jan 2027", 100, 100],
  ["Nov 2026", "Feb 2027", 100, 100],
];

function versionsSheet(): Grid {
  const amounts = VERSION_HEADERS.length - 5;
  return [
    ["Saved plan versions"],
    [],
    [],
    [...VERSION_HEADERS, "Input: Sales"],
    ...VERSIONS.map(([version, period, demand, sales], i): (string | number | null)[] => [
      version,
      `2026-${i < 3 ? "10" : "11"}-28T09:00:00`,
      "Tools",
      "chase",
      period,
      demand,
      ...new Array<number>(amounts - 1).fill(0),
      sales,
    ]),
  ];
}

async function planJson(sheets: Record<string, Grid>, name: string): Promise<{ status: number; report: JsonReport; output: string }> {
  const input = await writeGridWorkbook(path.join(dir, `${name}.xlsx`), sheets);
  const output = path.join(dir, `${name}-plan.xlsx`);
  const { status, stdout } = await runCli([input, "-o", output, "--json", "--strategies", "level,chase"]);
  return { status, report: JSON.parse(stdout) as JsonReport, output };
}

describe("accuracy of the saved versions against the actuals", () => {
  let run: Awaited<ReturnType<typeof planJson>>;
  beforeAll(async () => {
    run = await planJson({ Forecast: FORECAST, Policy: POLICY, Actuals: ACTUALS, "Forecast inputs": INPUTS, "SOP Versions": versionsSheet() }, "accuracy");
  });

  it("gives WAPE, bias and tracking signal by lag that a reader can check by hand", () => {
    expect(run.status).toBe(0);
    const tools = run.report.demand!.find((d) => d.family === "Tools" && d.product === null)!;
    // Lag 0: Oct 2026's Nov (actual 99, forecast 110) and Nov 2026's Dec (actual 101, forecast 95).
    // Lag 1: Oct 2026's Dec (actual 101, forecast 90). January 2027 has no actual yet.
    const [lag0, lag1] = tools.accuracy;
    expect(tools.accuracy).toHaveLength(2);
    expect(lag0).toMatchObject({ lag: 0, periods: 2 });
    expect(lag0.wape).toBeCloseTo((11 + 6) / (99 + 101), 12); // Σ|A − F| / ΣA = 8.5 %
    expect(lag0.bias).toBeCloseTo((110 + 95 - (99 + 101)) / (99 + 101), 12); // Σ(F − A) / ΣA = +2.5 %
    expect(lag0.trackingSignal).toBeCloseTo((99 - 110 + (101 - 95)) / ((11 + 6) / 2), 12); // Σ(A − F) / MAD = −5 / 8.5
    expect(lag1).toMatchObject({ lag: 1, periods: 1 });
    expect(lag1.wape).toBeCloseTo(11 / 101, 12);
    expect(lag1.bias).toBeCloseTo((90 - 101) / 101, 12);
    expect(lag1.trackingSignal).toBeCloseTo(11 / 11, 12);
    // MASE: mean |A − F| over the naive forecast's in-sample MAE (24 months: no season).
    let naiveError = 0;
    for (let t = 1; t < TOOLS.length; t++) naiveError += Math.abs(TOOLS[t] - TOOLS[t - 1]);
    expect(lag0.mase).toBeCloseTo((11 + 6) / 2 / (naiveError / 23), 12);
    // Pumps has no saved version: no accuracy.
    expect(run.report.demand!.find((d) => d.family === "Pumps")!.accuracy).toEqual([]);
  });

  it("gives the value added from naive to consensus over the same periods", () => {
    const tools = run.report.demand!.find((d) => d.family === "Tools" && d.product === null)!;
    expect(tools.valueAdded.map((s) => s.step)).toEqual(["naive", "statistical", "Sales", "consensus"]);
    // The three pairs: (A 99, Oct's Nov), (A 101, Oct's Dec), (A 101, Nov's Dec); ΣA = 301.
    // Naive: the last actual before each version's first period: Oct 103 for Oct 2026's, Nov 99 for Nov 2026's.
    const naive = (Math.abs(99 - 103) + Math.abs(101 - 103) + Math.abs(101 - 99)) / 301;
    // Statistical: the baseline fitted on the actuals before each version's first period.
    const fromOct = demandBaseline(TOOLS.slice(0, 22), { horizon: 2, seasonLength: 12 }).points.map((p) => p.forecast);
    const fromNov = demandBaseline(TOOLS.slice(0, 23), { horizon: 1, seasonLength: 12 }).points.map((p) => p.forecast);
    const statistical = (Math.abs(99 - fromOct[0]) + Math.abs(101 - fromOct[1]) + Math.abs(101 - fromNov[0])) / 301;
    const sales = (Math.abs(99 - 115) + Math.abs(101 - 95) + Math.abs(101 - 98)) / 301;
    const consensus = (11 + 11 + 6) / 301;
    const [n, s, i, c] = tools.valueAdded;
    expect(n.wape).toBeCloseTo(naive, 12);
    expect(n.change).toBeNull();
    expect(s.wape).toBeCloseTo(statistical, 12);
    expect(s.change).toBeCloseTo(statistical - naive, 12);
    expect(i.wape).toBeCloseTo(sales, 12);
    expect(i.change).toBeCloseTo(sales - statistical, 12);
    expect(c.wape).toBeCloseTo(consensus, 12);
    expect(c.change).toBeCloseTo(consensus - sales, 12);
  });

  it("reads Forecast inputs and the Reason column (which is no period) onto the family's line", () => {
    const tools = run.report.demand!.find((d) => d.family === "Tools" && d.product === null)!;
    expect(tools.baseline.map((p) => p.period)).toEqual(["Jan 2027", "Feb 2027", "Mar 2027"]);
    expect(tools.baseline.map((p) => p.consensus)).toEqual([100, 160, 100]);
    expect(tools.reason).toBe("Trade fair order in February");
    expect(tools.inputs).toEqual([
      { source: "Sales", demand: [100, 200, 100] },
      { source: "Marketing", demand: [100, 120, 100] },
    ]);
  });

  it("warns of an input for a family neither in Forecast nor in Actuals, naming the cell", () => {
    expect(run.report.messages).toContainEqual({
      severity: "warning",
      cell: "'Forecast inputs'!A4",
      message: "'Forecast inputs'!A4: family \"Kitchen\" is neither in Forecast nor in Actuals, so its input is not compared with anything.",
    });
  });

  it("plans a family with actuals but no Forecast row on its baseline, with an info", () => {
    const pumps = run.report.families.find((f) => f.family === "Pumps")!;
    const baseline = demandBaseline(PUMPS, { horizon: 3, seasonLength: 12 }).points.map((p) => p.forecast);
    for (const plan of pumps.plans) expect(plan.periods.map((p) => p.demand)).toEqual(baseline);
    expect(run.report.demand!.find((d) => d.family === "Pumps")!.baseline.every((p) => p.consensus === null)).toBe(true);
    expect(run.report.messages).toContainEqual(expect.objectContaining({ severity: "info", message: expect.stringMatching(/^Pumps: in Actuals but not in Forecast, so planned on its statistical baseline \(.+\): [\d.,]+ units over the plan's 3 periods/) }));
  });

  it("shows accuracy by lag, the value added, the inputs and the reason on SOP Demand review, and the demand lines on the executive summary", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(run.output);
    const rowsOf = (name: string): unknown[][] => {
      const rows: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v && typeof v === "object" && "result" in v ? (v as { result: unknown }).result : v))));
      return rows;
    };
    const review = rowsOf("SOP Demand review");
    const lags = review.filter((r) => r[0] === "Tools" && typeof r[1] === "number" && r.length >= 9);
    expect(lags.map((r) => r.slice(0, 6))).toEqual([
      ["Tools", 0, 2, 200, 205, 17],
      ["Tools", 1, 1, 101, 90, 11],
    ]);
    expect(lags[0][6]).toBeCloseTo(17 / 200, 12);
    expect(lags[0][7]).toBeCloseTo(5 / 200, 12);
    expect(lags[0][8]).toBeCloseTo(-5 / 8.5, 12);
    const steps = review.filter((r) => r[0] === "Tools" && typeof r[1] === "string" && ["naive", "statistical", "Sales", "consensus"].includes(r[1] as string));
    expect(steps.map((r) => r[1])).toEqual(["naive", "statistical", "Sales", "consensus"]);
    expect(steps[3][5]).toBeCloseTo(28 / 301, 12);
    expect(review.find((r) => r[0] === "Input: Sales")?.slice(25, 28)).toEqual([100, 200, 100]);
    expect(review.some((r) => typeof r[0] === "string" && r[0].endsWith("Consensus reason (Forecast): Trade fair order in February"))).toBe(true);
    // The family's chart draws each team's input beside the consensus.
    const zip = await JSZip.loadAsync(readFileSync(run.output));
    const charts = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async("string")));
    const toolsChart = charts.find((xml) => xml.includes("Tools: actuals, consensus, inputs and the"));
    expect(toolsChart).toBeDefined();
    for (const name of ["Input: Sales", "Input: Marketing", "Consensus (Forecast)"]) expect(toolsChart).toContain(name);
    const summary = rowsOf("SOP Executive summary").map((r) => r[0]);
    expect(summary).toContain('Last month\'s forecast (version "Nov 2026", its first period, 1 family): WAPE 5.9 %, bias −5.9 % (the forecast ran low): 95 forecast against 101 actual.');
    const tools = run.report.demand!.find((d) => d.family === "Tools")!;
    const override = tools.baseline.reduce((s, p) => s + p.consensus! - p.forecast, 0);
    expect(summary).toContainEqual(expect.stringMatching(new RegExp(`^Largest consensus override: Tools, \\+[\\d.]+ %, \\+${Math.round(override)} units against the statistical baseline over the horizon\\.$`)));
  });

  it("keeps the saved inputs when the versions are written back", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(run.output);
    const versions = workbook.getWorksheet("SOP Versions")!;
    const header = (versions.getRow(4).values as unknown[]).slice(1);
    expect(header[header.length - 1]).toBe("Input: Sales");
    expect(versions.getRow(5).getCell(header.length).value).toBe(115);
  });
});

describe("Forecast inputs that cannot be read stop the run, naming the cell", () => {
  it("a negative input, a row without its source, and a repeated source", async () => {
    const { status, report } = await planJson(
      {
        Forecast: FORECAST,
        Policy: POLICY,
        "Forecast inputs": [
          ["Family", "Product", "Source", "Jan 2027", "Feb 2027", "Mar 2027"],
          ["Tools", null, "Sales", 100, -1, 100],
          ["Tools", null, null, 100, 100, 100],
          ["Tools", null, "sales", 100, 100, 100],
        ],
      },
      "bad-inputs",
    );
    expect(status).toBe(1);
    const errors = report.messages.filter((m) => m.severity === "error");
    expect(errors.map((e) => e.cell)).toEqual(["'Forecast inputs'!E2", "'Forecast inputs'!C3", "'Forecast inputs'!C4"]);
    expect(errors[0].message).toBe("'Forecast inputs'!E2 is -1; forecast demand must be 0 or more.");
    expect(errors[2].message).toMatch(/^Forecast inputs rows 2 and 4 are both "sales"'s input for family "Tools"/);
  });

  it("periods unlike Forecast's name the first differing cell", async () => {
    const { report } = await planJson(
      { Forecast: FORECAST, Policy: POLICY, "Forecast inputs": [["Family", "Product", "Source", "Jan 2027", "Mar 2027"], ["Tools", null, "Sales", 1, 2]] },
      "inputs-periods",
    );
    expect(report.messages.filter((m) => m.severity === "error")).toEqual([expect.objectContaining({ cell: "'Forecast inputs'!E1" })]);
  });
});

describe("Safety stock periods of cover", () => {
  it("keeps each period this many periods of the following demand, in every plan, in the JSON and on the family sheet", async () => {
    // Tools: Forecast 100, 160, 100 and 1.5 periods of cover; beyond March the plan knows no demand, so March's 100 continues.
    const { status, report, output } = await planJson({ Forecast: FORECAST, Policy: [...POLICY, ["Safety stock", 20], ["Safety stock periods of cover", 1.5]] }, "cover");
    expect(status).toBe(0);
    const byHand = [160 + 0.5 * 100, 100 + 0.5 * 100, 100 + 0.5 * 100];
    const plans = report.families.find((f) => f.family === "Tools")!.plans;
    for (const plan of plans) {
      expect(plan.periods.map((p) => p.safetyStock)).toEqual(byHand);
      plan.periods.forEach((p, t) => expect(p.inventory).toBeGreaterThanOrEqual(byHand[t] - 1e-6));
    }
    // Chase keeps no more than the target.
    expect(plans.find((p) => p.strategy === "chase")!.periods.map((p) => p.inventory)).toEqual(byHand.map((b) => expect.closeTo(b, 6)));
    expect(report.messages).toContainEqual(
      expect.objectContaining({ severity: "info", message: 'Tools: safety stock 1.5 periods of the following demand ("Safety stock periods of cover"): 150 to 210 units by period, shown on the family sheet (instead of "Safety stock" 20).' }),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const sheet = workbook.getWorksheet("SOP Tools")!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const shown = rows.find((r) => r[0] === "Safety stock (computed)");
    expect(shown?.slice(1, 4)).toEqual(byHand);
    // The rules below the plans say where the safety stock is, instead of the typed 20.
    expect(rows.find((r) => r[0] === "Safety stock")?.slice(1, 3)).toEqual([undefined, 'computed per period: the "Safety stock (computed)" row of each plan']);
  });
});

// The command line with products and resources: both approaches, the JSON `resources`, the analysis sheets; hand-checked.
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import JSZip from "jszip";
import * as path from "path";
import type { JsonReport } from "../../src/cli/report";
import { runCli } from "../support/cli";
import { tempDir, writeGridWorkbook, type Grid } from "../support/xlsxFiles";

/**
 * Tools: family row 100, 50; Drill (Mix 60 %, 0.5 h of Line) forecasts 80, 20; Saw (40 %, 1 h of Line,
 * 0.2 h of Paint) 30, 40. Chase at 10 units per worker makes exactly what it plans on. The products
 * have forecast rows, so their own shares in each period split the family plan, not the Mix.
 */
const TOOLS: Record<string, Grid> = {
  Forecast: [
    ["Family", "Product", "Jan", "Feb"],
    ["Tools", null, 100, 50],
    ["Tools", "Drill", 80, 20],
    ["Tools", "Saw", 30, 40],
  ],
  Products: [
    ["Product", "Family", "Mix", "Price", "Unit cost", "Line", "Paint"],
    ["Drill", "Tools", 0.6, 80, 30, 0.5, null],
    ["Saw", "Tools", 0.4, 120, null, 1, 0.2],
  ],
  Capacity: [
    ["Resource", "Jan", "Feb"],
    ["Line", 60, 60],
    ["Paint", 100, 100],
  ],
  Policy: [
    ["Parameter", "Value"],
    ["Units per worker per period", 10],
    ["Regular cost per unit", 2],
    ["Material cost per unit", 5],
    ["Price per unit", 100],
  ],
};

const resourcesOf = (report: JsonReport) =>
  Object.fromEntries(report.resources.map((r) => [r.resource, r.periods.map((p) => [p.required, p.available, p.utilization])]));

describe("sop-plan --approach", () => {
  const dir = tempDir();
  let input = "";
  beforeAll(async () => {
    input = await writeGridWorkbook(path.join(dir, "tools.xlsx"), TOOLS);
  });

  it("top-down by default: the family plan split by the product forecasts' own shares loads Line with 63.5 h and 41.5 h", async () => {
    const { status, stdout } = await runCli([input, "--json", "--strategies", "chase", "-o", path.join(dir, "td.xlsx")]);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.families[0].plans[0].periods.map((p) => p.demand)).toEqual([100, 50]);
    // Jan 100 by 80 : 30 → Drill 72.73, Saw 27.27 → 73, 27: Line 73 × 0.5 + 27 = 63.5 h, Paint 27 × 0.2 = 5.4 h.
    // Feb 50 by 20 : 40 → 16.67, 33.33 → 17, 33: Line 17 × 0.5 + 33 = 41.5 h, Paint 33 × 0.2 = 6.6 h. (The Mix, 60/40, would give 70 h and 35 h.)
    expect(resourcesOf(report)).toEqual({
      Line: [
        [63.5, 60, 63.5 / 60],
        [41.5, 60, 41.5 / 60],
      ],
      Paint: [
        [expect.closeTo(5.4, 9), 100, expect.closeTo(0.054, 9)],
        [expect.closeTo(6.6, 9), 100, expect.closeTo(0.066, 9)],
      ],
    });
    // Drill's share runs 80/110 = 0.73 (Jan) to 20/60 = 0.33 (Feb), Saw's 0.27 to 0.67: the Mix in Products!C2:C3 is not used, said once.
    expect(report.messages.filter((m) => /is not used/.test(m.message))).toEqual([
      {
        severity: "info",
        message: "Tools: the Mix (Drill 0.6 (Products!C2), Saw 0.4 (Products!C3)) is not used: the product forecasts' own shares (Drill 0.33–0.73, Saw 0.27–0.67 by period) split the family plan.",
      },
    ]);
    expect(Object.keys(report.resources[0].periods[0])).toEqual(["period", "required", "available", "utilization"]);
  });

  it("bottom-up: plans the products' sum (110, 60) and loads Line with their forecasts, 70 h and 50 h", async () => {
    const { status, stdout } = await runCli([input, "--json", "--strategies", "chase", "--approach", "bottom-up", "-o", path.join(dir, "bu.xlsx")]);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.families[0].plans[0].periods.map((p) => p.demand)).toEqual([110, 60]);
    expect(resourcesOf(report).Line).toEqual([
      [70, 60, 70 / 60],
      [50, 60, 50 / 60],
    ]);
    expect(resourcesOf(report).Paint.map(([required]) => required)).toEqual([6, 8]);
  });

  it("bottom-up by default when Forecast has product rows only", async () => {
    const productsOnly = await writeGridWorkbook(path.join(dir, "products-only.xlsx"), {
      ...TOOLS,
      Forecast: TOOLS.Forecast.filter((row) => row[1] !== null),
    });
    const { stdout } = await runCli([productsOnly, "--json", "--strategies", "chase", "-o", path.join(dir, "po.xlsx")]);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.families[0].plans[0].periods.map((p) => p.demand)).toEqual([110, 60]);
    expect(resourcesOf(report).Line.map(([required]) => required)).toEqual([70, 50]);
  });

  it("refuses an unknown approach as a usage error", async () => {
    const { status, stderr } = await runCli([input, "--approach", "sideways"]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/unknown approach "sideways": choose top-down or bottom-up/);
  });

  it("writes the analysis sheets: Line's January overload, the product split, finance and the risks", async () => {
    const output = path.join(dir, "sheets.xlsx");
    expect((await runCli([input, "-q", "--strategies", "chase", "-o", output])).status).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(output);
    expect(book.worksheets.map((s) => s.name).slice(0, 7)).toEqual([
      "SOP Executive summary",
      "SOP Summary",
      "SOP Tools",
      "SOP Capacity",
      "SOP Products",
      "SOP Finance",
      "SOP Risks",
    ]);
    const risks = book.getWorksheet("SOP Risks")!;
    // Line in Jan: 63.5 h of 60 (the split by the product forecasts' shares, above): 3.5 short.
    expect(risks.getRow(5).values).toEqual(expect.arrayContaining(["Overload", "1 High", "Tools", "Line", "Jan", 3.5]));
    const finance = book.getWorksheet("SOP Finance")!;
    // All families, Jan revenue: 100 units, Drill 80/110 of them at 80 and Saw 30/110 at 120: 100 × (6,400 + 3,600) / 110 = 9,090.91.
    expect((finance.getCell("D5").value as { result: number }).result).toBeCloseTo((100 * 10000) / 110, 6);

    // Three charts: the family's plan, utilisation and finance, each titled for what it draws.
    const zip = await JSZip.loadAsync(readFileSync(output));
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    const titles = await Promise.all(charts.map(async (f) => /<a:t>([^<]*)<\/a:t>/.exec(await zip.file(f)!.async("string"))![1].replace(/&amp;/g, "&")));
    // Chase, the only plan, overloads Line in January: not feasible, so the Summary has no feasible plans to chart side by side.
    expect(titles.sort()).toEqual([
      "Revenue, P&L cost and P&L margin by period",
      "Revenue, total cost and margin (cash and P&L) per period, all families",
      "Tools: Chase plan (recommended), units per period",
      "Utilisation by resource and period (100 % = all the capacity available)",
    ]);
  });
});

/**
 * Two families share Line (1 h a unit each, 150 h a month): together they need 100, 200 and 100 h.
 * Chase makes February's 200 units in February; the optimal plan must keep within Line and builds
 * ahead instead. Hiring and layoffs cost, so levelling the workforce is also the cheaper plan.
 */
const SHARED_LINE: Record<string, Grid> = {
  Forecast: [
    ["Family", "Product", "Jan", "Feb", "Mar"],
    ["Saws", null, 50, 150, 50],
    ["Drills", null, 50, 50, 50],
  ],
  Products: [
    ["Product", "Family", "Mix", "Line"],
    ["Saw", "Saws", 1, 1],
    ["Drill", "Drills", 1, 1],
  ],
  Capacity: [
    ["Resource", "Jan", "Feb", "Mar"],
    ["Line", 150, 150, 150],
  ],
  Policy: [
    ["Parameter", "Value"],
    ["Units per worker per period", 10],
    ["Regular cost per unit", 1],
    ["Holding cost per unit", 0.1],
    ["Hiring cost per worker", 10],
    ["Layoff cost per worker", 10],
    ["Initial workers", 5],
  ],
};

describe("sop-plan with a resource two families share", () => {
  const dir = tempDir();

  it("chase overloads Line in February: 200 h of 150", async () => {
    const input = await writeGridWorkbook(path.join(dir, "shared.xlsx"), SHARED_LINE);
    const { stdout } = await runCli([input, "--json", "--strategies", "chase", "-o", path.join(dir, "shared-chase.xlsx")]);
    expect(resourcesOf(JSON.parse(stdout) as JsonReport).Line.map(([required]) => required)).toEqual([100, 200, 100]);
  });

  it("the optimal plan keeps both families within Line together", async () => {
    const input = await writeGridWorkbook(path.join(dir, "shared-optimal.xlsx"), SHARED_LINE);
    const { status, stdout } = await runCli([input, "--json", "-q", "--strategies", "chase,optimal", "-o", path.join(dir, "shared-opt.xlsx")]);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    // Drills' optimal plan is its chase plan (50 a month); on a tie the strategy asked for first is recommended.
    expect(report.families.map((f) => f.recommended)).toEqual(["optimal", "chase"]);
    expect(report.families[0].plans[1].periods.map((p) => p.regular + p.overtime)).toEqual([100, 100, 50].map((n) => expect.closeTo(n, 6)));
    const line = resourcesOf(report).Line;
    for (const [required, available] of line) expect(required).toBeLessThanOrEqual(available + 1e-6);
    expect(line.map(([required]) => required)).toEqual([150, 150, 100].map((n) => expect.closeTo(n, 6)));
  }, 60_000);

  it("passes over cheaper plans that together overload Line, and says why", async () => {
    // Hiring is cheap and holding dear: Saws' chase plan is cheaper than any plan that fits Line.
    const dearHolding = {
      ...SHARED_LINE,
      Policy: SHARED_LINE.Policy.map((row) =>
        row[0] === "Holding cost per unit" ? [row[0], 5] : row[0] === "Hiring cost per worker" || row[0] === "Layoff cost per worker" ? [row[0], 1] : row,
      ),
    };
    const input = await writeGridWorkbook(path.join(dir, "shared-dear.xlsx"), dearHolding);
    const { status, stdout } = await runCli([input, "--strategies", "chase,optimal", "-o", path.join(dir, "shared-dear-plan.xlsx")]);
    expect(status).toBe(0);
    expect(stdout).toContain(
      "Saws: optimal is recommended: the cheaper chase plan, with the other families' plans, overloads Line in Feb (200 of 150; chase needs 150 of it there, optimal 100).",
    );
    // Drills' chase plan costs the same as its optimal plan: switched without a note.
    expect(stdout).toContain("Drills: optimal is recommended, the same cost as chase.");
  }, 60_000);
});

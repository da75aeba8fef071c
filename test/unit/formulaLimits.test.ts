// No formula the planner writes is one Excel refuses (8,192 characters, 255 arguments, 64 levels), however many families and however long their names.
import { checkFormulaLimits, FORMULA_MAX_CHARACTERS, formulaLimitProblem } from "../../src/workbook/formulaLimits";
import { runPlanner } from "../../src/workbook/pipeline";
import type { SheetSpec } from "../../src/workbook/sheet";
import { writeWorkbook } from "../../src/xlsx/writer";
import { readBackSheet, sheetBlock } from "../support/grids";
import { longFamilyNames, manyFamilyBlocks } from "../support/manyFamilies";

describe("formulaLimitProblem: what Excel refuses in one formula", () => {
  it("takes 8,192 characters with the = and refuses one more", () => {
    const atLimit = `=${"1+".repeat((FORMULA_MAX_CHARACTERS - 2) / 2)}1`;
    expect(atLimit).toHaveLength(FORMULA_MAX_CHARACTERS);
    expect(formulaLimitProblem(atLimit)).toBeNull();
    // Without its =, a formula has one character more than it shows.
    expect(formulaLimitProblem(atLimit.slice(1))).toBeNull();
    expect(formulaLimitProblem(`${atLimit}1`)).toBe("8,193 characters, over Excel's 8,192");
  });

  it("takes 255 arguments to a function and refuses 256; commas in text, unions and structured references are not arguments", () => {
    const cells = (n: number) => Array.from({ length: n }, (_, i) => `A${i + 1}`).join(",");
    expect(formulaLimitProblem(`SUM(${cells(255)})`)).toBeNull();
    expect(formulaLimitProblem(`SUM(${cells(256)})`)).toBe("SUM with more than 255 arguments");
    expect(formulaLimitProblem(`IF(A1,SUM(${cells(200)}),SUM(${cells(200)}))`)).toBeNull();
    expect(formulaLimitProblem(`SUM((${cells(300)}))`)).toBeNull();
    expect(formulaLimitProblem(`CONCAT("${",".repeat(300)}")`)).toBeNull();
    expect(formulaLimitProblem(`SUM('a,b'!A1,SOP_Summary[[#This Row],[Margin]],{1,2,3})`)).toBeNull();
  });

  it("takes functions nested 64 deep and refuses 65", () => {
    const nested = (depth: number) => `${"ABS(".repeat(depth)}1${")".repeat(depth)}`;
    expect(formulaLimitProblem(nested(64))).toBeNull();
    expect(formulaLimitProblem(nested(65))).toBe("functions nested 65 deep, over Excel's 64");
    // Plain parentheses are not functions.
    expect(formulaLimitProblem(`${"(".repeat(100)}1${")".repeat(100)}`)).toBeNull();
  });

  it("names the sheet and cell of the first formula past a limit, as a layout's bug", () => {
    const sheet: SheetSpec = { name: "SOP Summary", cells: [[null], [null, { formula: `SUM(${"A1,".repeat(300)}A1)` }]] };
    expect(() => checkFormulaLimits(sheet)).toThrow(/^The formula in 'SOP Summary'!B2 is one Excel refuses \(SUM with more than 255 arguments\): SUM\(A1,A1/);
  });

  it("the .xlsx writer refuses such a sheet before writing it", async () => {
    const sheet: SheetSpec = { name: "Long", cells: [[{ formula: "1+".repeat(5000) + "1", cached: 5001 }]] };
    await expect(writeWorkbook({ sheets: [sheet] })).rejects.toThrow("The formula in 'Long'!A1 is one Excel refuses (10,002 characters, over Excel's 8,192)");
  });
});

describe("every formula of a plan of 1,000 families with 31-character names (the longest sheet names) stays within Excel's limits", () => {
  const periods = Array.from({ length: 12 }, (_, t) => `M${String(t + 1).padStart(2, "0")}`);
  const names = longFamilyNames(1000);
  let sheets: SheetSpec[] = [];

  beforeAll(() => {
    // Two months of the cycle, so the variance against a saved version and a scenario are laid out too.
    const blocks = manyFamilyBlocks(names, periods);
    const first = runPlanner(blocks, { strategies: ["level", "chase"], saveVersion: "Nov", plannedAt: new Date(2026, 10, 2) });
    const versions = first.sheets.sheets.find((s) => s.name === "SOP Versions")!;
    const scenarios = sheetBlock("Scenarios", [["Scenario", "Change", "Target", "Value"], ["Up", "Demand ×", null, 1.1]]);
    const run = runPlanner([...blocks, readBackSheet(versions), scenarios], { strategies: ["level", "chase"], plannedAt: new Date(2026, 11, 1) });
    expect(run.messages.filter((m) => m.severity === "error")).toEqual([]);
    sheets = run.sheets.sheets;
  }, 120_000);

  it("lays out every kind of sheet, the executive summary's totals over all 1,000 families", () => {
    expect(sheets.length).toBe(1000 + 9);
    expect(sheets.map((s) => s.name).filter((n) => !n.startsWith("SOP Family"))).toEqual([
      "SOP Executive summary",
      "SOP Summary",
      "SOP Capacity",
      "SOP Products",
      "SOP Finance",
      "SOP Risks",
      "SOP Scenarios",
      "SOP Variance",
      "SOP Versions",
    ]);
    expect(sheets.some((s) => s.name === `SOP ${names[999]}`.slice(0, 31))).toBe(true);
  });

  it("has no formula over a few hundred characters, no function over 255 arguments, no nesting over 64", () => {
    let longest = { length: 0, where: "" };
    for (const sheet of sheets) {
      expect(() => checkFormulaLimits(sheet)).not.toThrow();
      for (const line of sheet.cells) for (const cell of line) {
        if (cell?.formula && cell.formula.length + 1 > longest.length) longest = { length: cell.formula.length + 1, where: sheet.name };
      }
    }
    // Before: the executive summary's revenue was 46,025 characters here, the Finance total 6,521.
    console.info(`longest formula at 1,000 families: ${longest.length} characters (${longest.where})`);
    expect(longest.length).toBeLessThan(400);
  });

  it("totals the families with one range: the executive summary reads the Summary's totals by period, which SUM a column", () => {
    const executive = sheets.find((s) => s.name === "SOP Executive summary")!;
    const revenue = executive.cells[4][0]!;
    expect(revenue.formula).toMatch(/^SUM\([A-Z]+\d+:[A-Z]+\d+\)$/);
    const byPeriod = executive.cells.findIndex((line) => line[0]?.value === "Revenue" && line[1]?.formula !== undefined);
    expect(executive.cells[byPeriod][1]!.formula).toMatch(/^'SOP Summary'!\$C\$\d+$/);
    const summary = sheets.find((s) => s.name === "SOP Summary")!;
    const totalRow = Number(/\$(\d+)$/.exec(executive.cells[byPeriod][1]!.formula!)![1]) - 1;
    expect(summary.cells[totalRow].slice(0, 2).map((c) => c?.value)).toEqual(["All families", "Revenue"]);
    expect(summary.cells[totalRow][2]!.formula).toMatch(/^SUM\(C\d+:C\d+\)$/);
    const [, first, last] = /^SUM\(C(\d+):C(\d+)\)$/.exec(summary.cells[totalRow][2]!.formula!)!.map(Number);
    expect(last - first + 1).toBe(1000);
    // The executive summary's cached revenue is the sum of the families' cells it totals.
    const cachedSum = summary.cells.slice(first - 1, last).reduce((s, line) => s + (line[2]!.cached as number), 0);
    expect(summary.cells[totalRow][2]!.cached).toBeCloseTo(cachedSum, 6);
  });
});

// Sheets laid out one at a time for the streaming writer: the same sheets as laid out all at once, each made only when asked for, the summary placed first.
import { planAll } from "../../src/engine";
import { layoutPlanSheets, planSheetsOneByOne, SUMMARY_SHEET_NAME } from "../../src/workbook/layout";
import { planWorkbook, runPlanner } from "../../src/workbook/pipeline";
import { sampleTemplate } from "../../src/workbook/sample";
import { placeSheets, type PlacedSheet } from "../../src/workbook/sheet";
import { excelTable, type Grid } from "../support/grids";
import { workingDaysInput } from "../support/planInputs";

describe("planSheetsOneByOne", () => {
  const input = workingDaysInput();
  const results = planAll(input, ["level", "chase", "manual"]);
  const plannedAt = new Date(2027, 0, 5, 12, 0);

  it("makes each family sheet when asked for, then the summary, placed first", () => {
    const { sheets, planCells } = planSheetsOneByOne(input, results, { plannedAt });
    const [first, second] = input.families.map((f) => f.family);
    expect(planCells.location(first, "level", "regular", 0)).toBeUndefined();
    const placed: PlacedSheet[] = [sheets.next().value as PlacedSheet];
    // The first family is laid out; the second is not yet.
    expect(placed[0].sheet.name).toBe(`SOP ${first}`);
    expect(planCells.location(first, "level", "regular", 0)).toMatchObject({ sheet: `SOP ${first}`, column: 1 });
    expect(planCells.location(second, "level", "regular", 0)).toBeUndefined();
    for (const next of sheets) placed.push(next);
    expect(placed.map((p) => [p.sheet.name, p.at])).toEqual([
      ...input.families.map((f) => [`SOP ${f.family}`, undefined]),
      [SUMMARY_SHEET_NAME, 0],
    ]);
    expect(planCells.location(second, "level", "regular", 0)).toMatchObject({ sheet: `SOP ${second}` });
  });

  it("gives the same sheets, in the same order, as layoutPlanSheets", () => {
    const all = layoutPlanSheets(input, results, { plannedAt });
    expect(placeSheets(planSheetsOneByOne(input, results, { plannedAt }).sheets)).toEqual(all.sheets);
  });
});

describe("planWorkbook", () => {
  const blocks = sampleTemplate().sheets.map((s) =>
    excelTable(s.tables![0].name, s.name, s.cells.map((line) => line.map((c) => c?.value ?? null)) as Grid),
  );
  const options = { strategies: ["level" as const, "chase" as const, "manual" as const], plannedAt: new Date(2027, 0, 5, 12, 0) };

  it("plans without laying out, then lays out the very sheets runPlanner gives", () => {
    const planned = planWorkbook(blocks, options);
    expect(planned.run.sheets.sheets).toEqual([]);
    expect(planned.run.results.length).toBe(2);
    const whole = runPlanner(blocks, options);
    expect(placeSheets(planned.layOutSheets())).toEqual(whole.sheets.sheets);
    expect({ ...planned.run, sheets: whole.sheets }).toEqual(whole);
  });
});

// A rerun of the command line over its own output keeps what the planner (a user) added: their sheets as they were, the input tables' formulas, and says what it cannot keep.
import ExcelJS from "exceljs";
import { writeFileSync } from "fs";
import * as path from "path";
import { runCli } from "../support/cli";
import { sampleTemplate } from "../../src/workbook/sample";
import { readWorkbookBlocks } from "../../src/xlsx/reader";
import { writeWorkbook } from "../../src/xlsx/writer";
import { tempDir } from "../support/xlsxFiles";

const PIXEL_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function load(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

/** The first cell of Forecast's data holding a number: where a planner types a formula instead. */
function firstForecastNumber(sheet: ExcelJS.Worksheet): { address: string; value: number } {
  for (let r = 2; r <= sheet.rowCount; r++) {
    for (let c = 1; c <= sheet.columnCount; c++) {
      const value = sheet.getCell(r, c).value;
      if (typeof value === "number") return { address: sheet.getCell(r, c).address, value };
    }
  }
  throw new Error("Forecast has no number");
}

describe("sop-plan over its own output (next month's run)", () => {
  const dir = tempDir("sop-rerun-");
  let stderr = "";
  let status = -1;
  let output: ExcelJS.Workbook;
  let forecastCell: { address: string; value: number };

  beforeAll(async () => {
    const input = path.join(dir, "input.xlsx");
    writeFileSync(input, await writeWorkbook(sampleTemplate()));
    const first = path.join(dir, "first.xlsx");
    expect((await runCli([input, "-o", first, "-q", "--save-version", "Dec 2026"])).status).toBe(0);

    // The planner works in the output: a sheet of notes, a figure of their own beside the plan, a formula in the Forecast.
    const book = await load(first);
    const notes = book.addWorksheet("My notes");
    notes.getCell("A1").value = "Notes on the December plan";
    notes.mergeCells("A1:D1");
    notes.getCell("A3").value = 1234.5;
    notes.getCell("A3").numFmt = '#,##0.00 "kg"';
    notes.getCell("A3").font = { bold: true, color: { argb: "FFC00000" } };
    notes.getCell("B3").value = { formula: "A3*2", result: 2469 };
    notes.getCell("C3").value = { formula: "'SOP Summary'!A1", result: "S&OP" };
    notes.getColumn(1).width = 33;
    notes.addImage(book.addImage({ buffer: PIXEL_PNG as unknown as ExcelJS.Buffer, extension: "png" }), "F2:G4");
    const assumptions = book.addWorksheet("Assumptions");
    assumptions.getCell("A1").value = "Growth";
    assumptions.getCell("B1").value = 0.05;
    assumptions.getCell("B1").numFmt = "0.0%";
    assumptions.addTable({ name: "Rates", ref: "A3", columns: [{ name: "Rate" }, { name: "Value" }], rows: [["Inflation", 0.02]] });
    assumptions.state = "hidden";
    notes.getCell("A5").value = { richText: [{ text: "Watch " }, { text: "Garden Tools", font: { italic: true } }] };
    book.definedNames.add("'Assumptions'!$B$1", "Growth");
    book.getWorksheet("SOP Cordless Drills")!.getCell("Z5").value = { formula: "N5*1.1", result: 11 };
    book.getWorksheet("SOP Summary")!.getCell("B2").note = "Check with sales";
    const forecast = book.getWorksheet("Forecast")!;
    forecastCell = firstForecastNumber(forecast);
    forecast.getCell(forecastCell.address).value = { formula: `${forecastCell.value - 1}+1`, result: forecastCell.value };
    const edited = path.join(dir, "first-edited.xlsx");
    await book.xlsx.writeFile(edited);

    const rerun = path.join(dir, "second.xlsx");
    ({ status, stderr } = await runCli([edited, "-o", rerun, "--compare", "Dec 2026"]));
    output = await load(rerun);
  });

  it("plans, and keeps the user's sheets after the plan sheets", () => {
    expect(status).toBe(0);
    const names = output.worksheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["SOP Summary", "SOP Variance", "Forecast", "My notes", "Assumptions"]));
    expect(names.slice(-2)).toEqual(["My notes", "Assumptions"]);
  });

  it("keeps a user sheet's values, formulas, number format, font, column width and merged cells", () => {
    const notes = output.getWorksheet("My notes")!;
    expect(notes.getCell("A1").value).toBe("Notes on the December plan");
    expect(notes.model.merges).toEqual(["A1:D1"]);
    expect(notes.getCell("A3").value).toBe(1234.5);
    expect(notes.getCell("A3").numFmt).toBe('#,##0.00 "kg"');
    expect(notes.getCell("A3").font).toMatchObject({ bold: true, color: { argb: "FFC00000" } });
    expect(notes.getCell("B3").value).toEqual({ formula: "A3*2", result: 2469 });
    expect(notes.getCell("C3").value).toEqual({ formula: "'SOP Summary'!A1", result: "S&OP" });
    expect(notes.getColumn(1).width).toBe(33);
    const assumptions = output.getWorksheet("Assumptions")!;
    expect(assumptions.getCell("B1").value).toBe(0.05);
    expect(assumptions.getCell("B1").numFmt).toBe("0.0%");
    expect(output.definedNames.getRanges("Growth").ranges).toEqual(["Assumptions!$B$1"]);
  });

  it("keeps a user sheet hidden, its table a table, and rich text its runs", () => {
    const assumptions = output.getWorksheet("Assumptions")!;
    expect(assumptions.state).toBe("hidden");
    expect(assumptions.getTables().map((t) => (t as unknown as { table: { name: string } }).table.name)).toEqual(["Rates"]);
    expect(assumptions.getCell("A4").value).toBe("Inflation");
    const rich = output.getWorksheet("My notes")!.getCell("A5").value as ExcelJS.CellRichTextValue;
    expect(rich.richText.map((run) => [run.text, run.font?.italic ?? false])).toEqual([["Watch ", false], ["Garden Tools", true]]);
  });

  it("keeps a formula in an input table a formula, and plans on its value", async () => {
    const forecast = output.getWorksheet("Forecast")!;
    expect(forecast.getCell(forecastCell.address).value).toEqual({ formula: `${forecastCell.value - 1}+1`, result: forecastCell.value });
    // The Forecast is still an Excel table, and the output reads back as an input.
    expect(forecast.getTables().length).toBeGreaterThan(0);
    const blocks = await readWorkbookBlocks(path.join(dir, "second.xlsx"));
    const table = blocks.find((b) => b.sheet === "Forecast" && b.isTable);
    expect(table?.values.flat()).toContain(forecastCell.value);
  });

  it("does not keep a reviewer's cell outside the plan on a plan sheet (as the add-in), and names it in a warning", () => {
    expect(output.getWorksheet("SOP Cordless Drills")!.getCell("Z5").value).toBeNull();
    expect(stderr).toMatch(/^warning: 'SOP Cordless Drills'!Z5: your entry lies outside what the planner wrote on that sheet and was not carried over/m);
    expect(stderr).toMatch(/^warning: Sheet 'SOP Summary' had comments and notes of yours, which the planner does not write there: not carried over/m);
    // Nothing else on the plan sheets is taken for the reviewer's: the earlier plan's own cells are not listed.
    expect(stderr.match(/^warning: '?SOP .*not carried over/gm)).toHaveLength(1);
  });

  it("says what it could not carry of a user sheet (a picture)", () => {
    expect(stderr).toMatch(/^warning: Sheet 'My notes' was carried over without its charts, pictures and shapes/m);
    expect(output.getWorksheet("My notes")!.getImages()).toEqual([]);
  });
});

// Plan and input sheets written to .xlsx with ExcelJS and read back: values, formulas, formats, tables, raw blocks.
import ExcelJS from "exceljs";
import { rmSync, writeFileSync } from "fs";
import * as path from "path";
import { planAll, type PlanningInput } from "../../src/engine";
import { layoutInputSheets, layoutPlanSheets } from "../../src/workbook/layout";
import type { RawTable } from "../../src/workbook/raw";
import { cellAddress, type CellSpec, type WorkbookSpec } from "../../src/workbook/sheet";
import { readWorkbookBlocks } from "../../src/xlsx/reader";
import { writeWorkbook } from "../../src/xlsx/writer";
import { family, workingDaysInput } from "../support/planInputs";
import { tempDir } from "../support/xlsxFiles";

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function tableRefs(worksheet: ExcelJS.Worksheet): Record<string, string> {
  const tables = worksheet.getTables() as unknown as { table: { name: string; tableRef: string } }[];
  return Object.fromEntries(tables.map((t) => [t.table.name, t.table.tableRef]));
}

const planSpec = (input: PlanningInput): WorkbookSpec => layoutPlanSheets(input, planAll(input, ["level", "chase", "manual"]));

describe("a plan workbook written and read back with ExcelJS", () => {
  const spec = planSpec(workingDaysInput());
  let workbook: ExcelJS.Workbook;
  let buffer: Buffer;

  beforeAll(async () => {
    buffer = await writeWorkbook(spec);
    workbook = await load(buffer);
  });

  it("has the sheets in order with their tab colours", () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(spec.sheets.map((s) => s.name));
    expect(workbook.worksheets[0].properties.tabColor).toEqual({ argb: "FF1F4E79" });
  });

  it("stores every formula with the engine's value as its cached result, and every constant as is", () => {
    let formulas = 0;
    for (const sheet of spec.sheets) {
      const worksheet = workbook.getWorksheet(sheet.name)!;
      sheet.cells.forEach((line, r) =>
        line.forEach((c: CellSpec | null, col) => {
          if (!c) return;
          const target = worksheet.getCell(r + 1, col + 1);
          if (c.formula) {
            formulas++;
            expect(target.type).toBe(ExcelJS.ValueType.Formula);
            expect(target.formula).toBe(c.formula);
            // `result`, not `value.result`: ExcelJS's value drops a result of 0. An empty-text result
            // is written as t="str" with an empty <v>, which ExcelJS reads back as no result.
            expect(c.cached === "" ? (target.result ?? "") : target.result).toBe(c.cached);
          } else {
            expect(target.value).toBe(c.value ?? null);
          }
          expect(target.numFmt).toBe(c.format);
        }),
      );
    }
    expect(formulas).toBeGreaterThan(300);
  });

  it("keeps the tables, column widths, frozen panes and the blue of editable cells", () => {
    for (const sheet of spec.sheets) {
      const worksheet = workbook.getWorksheet(sheet.name)!;
      const expected = Object.fromEntries(
        (sheet.tables ?? []).map((t) => [t.name, `${cellAddress(t.top, t.left)}:${cellAddress(t.top + t.rows - 1, t.left + t.columns - 1)}`]),
      );
      expect(tableRefs(worksheet)).toEqual(expected);
      sheet.columnWidths?.forEach((w, c) => expect(worksheet.getColumn(c + 1).width).toBe(w));
    }
    const summary = workbook.worksheets[0];
    expect(summary.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 5 });
    const pumps = workbook.getWorksheet("SOP Pumps")!;
    const workersRow = spec.sheets[1].cells.findIndex((line) => line[0]?.value === "Workers");
    const fill = pumps.getCell(workersRow + 1, 2).fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toBe("FFDDEBF7");
  });

  it("reads back as raw blocks: each table and each sheet's used range, formulas as their results", async () => {
    const blocks = await readWorkbookBlocks(buffer);
    const summaryTable = blocks.find((b) => b.name === "SOP_Summary")!;
    expect(summaryTable).toMatchObject({ sheet: "SOP Summary", isTable: true, top: 4, left: 0 });
    expect(summaryTable.values[0].slice(0, 4)).toEqual(["Family", "Strategy", "Feasible", "Total cost"]);
    const summaryRow = spec.sheets[0].cells[5];
    expect(summaryTable.values[1][3]).toBe(summaryRow[3]?.cached);
    // A formula whose result is 0 reads as 0, not as an empty cell.
    const zero = summaryRow.findIndex((c) => c?.formula && c.cached === 0);
    expect(zero).toBeGreaterThan(0);
    expect(summaryTable.values[1][zero]).toBe(0);

    const usedRanges = blocks.filter((b) => !b.isTable).map((b) => b.name);
    expect(usedRanges).toEqual(spec.sheets.map((s) => s.name));
    expect(blocks.filter((b) => b.isTable)).toHaveLength(spec.sheets.reduce((n, s) => n + (s.tables?.length ?? 0), 0));
  });
});

describe("text that looks like a formula stays text", () => {
  const input: PlanningInput = {
    periods: ["Jan", "Feb"],
    workingDays: null,
    products: [],
    resources: [],
    families: [family('=HYPERLINK("x")', [10, 20], { unitsPerWorkerPerPeriod: 10 })],
  };

  it("in the plan sheets (a family named =HYPERLINK(\"x\"))", async () => {
    const spec = planSpec(input);
    const workbook = await load(await writeWorkbook(spec));
    const summary = workbook.getWorksheet("SOP Summary")!;
    const familyCell = summary.getCell("A6");
    expect(familyCell.type).toBe(ExcelJS.ValueType.String);
    expect(familyCell.value).toBe('=HYPERLINK("x")');
    expect(workbook.getWorksheet('SOP =HYPERLINK("x")')).toBeDefined();
  });

  it("in the copies of the inputs (a product named =HYPERLINK(\"x\"))", async () => {
    const products: RawTable = {
      name: "Products",
      sheet: "Products",
      top: 0,
      left: 0,
      isTable: true,
      values: [
        ["Product", "Family", "Price"],
        ['=HYPERLINK("x")', "Tools", 12],
      ],
    };
    const buffer = await writeWorkbook({ sheets: layoutInputSheets([products]) });
    const workbook = await load(buffer);
    const cell = workbook.getWorksheet("Products")!.getCell("A2");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("x")');
    const blocks = await readWorkbookBlocks(buffer);
    expect(blocks.find((b) => b.isTable)?.values[1][0]).toBe('=HYPERLINK("x")');
  });
});

describe("copies of the inputs round-trip", () => {
  it("keeps values, dates and tables; errors come back as their text", async () => {
    const source = new ExcelJS.Workbook();
    const forecast = source.addWorksheet("Forecast");
    forecast.getCell("A1").value = "Read me first";
    forecast.addTable({
      name: "Forecast",
      ref: "B3",
      headerRow: true,
      columns: ["Family", "Product", "Jan", "Feb"].map((name) => ({ name })),
      rows: [
        ["Tools", "", 300, 100],
        ["Pumps", "P-1", { error: "#N/A" }, 50],
      ],
    });
    const policy = source.addWorksheet("Policy");
    policy.getCell("A1").value = "Parameter";
    policy.getCell("B1").value = "Value";
    policy.getCell("A2").value = "Start";
    policy.getCell("B2").value = new Date(Date.UTC(2027, 0, 4));
    const original = await readWorkbookBlocks(Buffer.from((await source.xlsx.writeBuffer()) as ArrayBuffer));

    const copy = await readWorkbookBlocks(await writeWorkbook({ sheets: layoutInputSheets(original) }));
    const asText = (blocks: RawTable[]) =>
      blocks.map((b) => ({ ...b, values: b.values.map((line) => line.map((c) => (typeof c === "object" && c !== null && "error" in c ? c.error : c))) }));
    expect(copy).toEqual(asText(original));
    expect(copy.find((b) => b.name === "Policy")?.values[1][1]).toEqual({ date: 46391 });
    expect(copy.find((b) => b.name === "Forecast" && b.isTable)).toMatchObject({ top: 2, left: 1 });
  });
});

describe("readWorkbookBlocks", () => {
  let buffer: Buffer;
  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Cells");
    sheet.getCell("C2").value = { richText: [{ text: "Rich " }, { font: { bold: true }, text: "text" }] };
    sheet.getCell("D2").value = { text: "the link", hyperlink: "https://example.com" };
    sheet.getCell("E2").value = { error: "#DIV/0!" };
    sheet.getCell("F2").value = true;
    sheet.getCell("C3").value = new Date(Date.UTC(2027, 5, 1, 12, 0));
    sheet.getCell("D3").value = { formula: "1-1", result: 0 };
    sheet.getCell("E3").value = { formula: "1>2", result: false };
    sheet.getCell("F3").value = { formula: "\"a\"&\"b\"", result: "ab" };
    sheet.getCell("C4").value = { formula: "NA()", result: { error: "#N/A" } };
    sheet.getCell("D4").value = "merged";
    sheet.mergeCells("D4:E4");
    sheet.getCell("G5").value = 7;
    workbook.addWorksheet("Empty");
    buffer = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  });

  it("reads the used range from its first to its last filled cell, in the shapes every reader hands over", async () => {
    const blocks = await readWorkbookBlocks(buffer);
    expect(blocks).toEqual([
      {
        name: "Cells",
        sheet: "Cells",
        top: 1,
        left: 2,
        isTable: false,
        values: [
          ["Rich text", "the link", { error: "#DIV/0!" }, true, null],
          [{ date: 46539.5 }, 0, false, "ab", null],
          [{ error: "#N/A" }, "merged", null, null, null],
          [null, null, null, null, 7],
        ],
        // D4:E4, in sheet coordinates from 0: what a merged header's message names.
        merges: [{ top: 3, left: 3, bottom: 3, right: 4 }],
      },
    ]);
  });

  it("reads a file by name and says which file it could not read", async () => {
    const dir = tempDir("sop-reader-");
    const good = path.join(dir, "good.xlsx");
    writeFileSync(good, buffer);
    expect((await readWorkbookBlocks(good))[0].name).toBe("Cells");

    const notXlsx = path.join(dir, "notes.xlsx");
    writeFileSync(notXlsx, "just text");
    await expect(readWorkbookBlocks(notXlsx)).rejects.toThrow(`${notXlsx} is not an .xlsx workbook: save it as .xlsx`);
    const xls = path.join(dir, "old.xlsx");
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    await expect(readWorkbookBlocks(xls)).rejects.toThrow(`${xls} is an Excel 97-2003 workbook (.xls)`);
    // A zip that is no workbook (here: cut short) is not shown in JSZip's words either.
    const cut = path.join(dir, "cut.xlsx");
    writeFileSync(cut, buffer.subarray(0, 200));
    await expect(readWorkbookBlocks(cut)).rejects.toThrow(`${cut} is not an .xlsx workbook: save it as .xlsx`);
    const missing = path.join(dir, "missing.xlsx");
    await expect(readWorkbookBlocks(missing)).rejects.toThrow(`could not read ${missing}: no such file`);
    rmSync(dir, { recursive: true, force: true });
  });
});

// The streaming .xlsx writer: a valid zip with checksums, styles interned once, sheets placed and written one at a time, and a failed write that leaves no file.
import ExcelJS from "exceljs";
import { existsSync, readdirSync, readFileSync, rmSync } from "fs";
import JSZip from "jszip";
import * as path from "path";
import type { CellSpec, PlacedSheet, SheetSpec } from "../../src/workbook/sheet";
import { writeWorkbook, writeWorkbookFile } from "../../src/xlsx/writer";
import { tempDir } from "../support/xlsxFiles";

const n = (value: number, format = "#,##0"): CellSpec => ({ value, format, style: "input" });

function sheet(name: string, rows = 3): SheetSpec {
  return {
    name,
    cells: [
      [{ value: name, style: "title" }],
      [{ value: "Row", style: "header" }, { value: "Jan", style: "header" }, { value: "Feb", style: "header" }],
      ...Array.from({ length: rows }, (_, r) => [{ value: `Line ${r + 1}` }, n(r * 10), { formula: `B${r + 3}*2`, cached: r * 20, format: "#,##0.0" }]),
    ],
    columnWidths: [12, 10, 10],
  };
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

describe("the zip package", () => {
  it("passes every part's checksum and lists the parts Excel needs", async () => {
    const buffer = await writeWorkbook({ sheets: [sheet("One"), sheet("Two", 2000)] });
    const zip = await JSZip.loadAsync(buffer, { checkCRC32: true });
    const parts = Object.keys(zip.files).sort();
    expect(parts).toEqual(
      [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
        "xl/theme/theme1.xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
      ].sort(),
    );
    for (const part of parts) await zip.file(part)!.async("nodebuffer");
    // A sheet of 2,000 rows streams through zlib in several pieces and still reads back whole.
    const workbook = await load(buffer);
    expect(workbook.getWorksheet("Two")!.getCell("C2002").result).toBe(1999 * 20);
  });
});

describe("styles", () => {
  it("interns each named style and number format pair once, whatever the number of cells", async () => {
    const buffer = await writeWorkbook({ sheets: [sheet("One", 500), sheet("Two", 500)] });
    const styles = await (await JSZip.loadAsync(buffer)).file("xl/styles.xml")!.async("string");
    // The default, title, header, input with #,##0 and the plain #,##0.0 of the formulas.
    expect(styles).toMatch(/<cellXfs count="5">/);
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="#,##0.0"/>');
    const workbook = await load(buffer);
    const one = workbook.getWorksheet("One")!;
    expect(one.getCell("B3").numFmt).toBe("#,##0");
    expect((one.getCell("B3").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFDDEBF7");
    expect(one.getCell("A1").font?.bold).toBe(true);
    expect(one.getCell("A3").numFmt).toBeUndefined();
  });
});

describe("text", () => {
  it("keeps leading and trailing spaces and line breaks, and drops what XML cannot hold", async () => {
    const cells: CellSpec[][] = [[{ value: "  padded  " }, { value: "two\nlines" }, { value: "bell\u0007 & <tag>" }]];
    const workbook = await load(await writeWorkbook({ sheets: [{ name: "Text", cells }] }));
    const text = workbook.getWorksheet("Text")!;
    expect(text.getCell("A1").value).toBe("  padded  ");
    expect(text.getCell("B1").value).toBe("two\nlines");
    expect(text.getCell("C1").value).toBe("bell & <tag>");
  });
});

describe("sheets written one at a time", () => {
  let dir: string;
  beforeEach(() => (dir = tempDir("sop-writer-")));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("takes the sheets as they come, lists a sheet placed first first, and leaves only the file", async () => {
    const file = path.join(dir, "placed.xlsx");
    const asked: string[] = [];
    function* sheets(): Generator<PlacedSheet> {
      for (const name of ["A", "B", "C"]) {
        asked.push(name);
        yield { sheet: sheet(name) };
      }
      asked.push("Summary");
      yield { sheet: sheet("Summary"), at: 0 };
    }
    await writeWorkbookFile(file, sheets());
    expect(asked).toEqual(["A", "B", "C", "Summary"]);
    const workbook = await load(readFileSync(file));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Summary", "A", "B", "C"]);
    expect(workbook.getWorksheet("Summary")!.getCell("A1").value).toBe("Summary");
    expect(readdirSync(dir)).toEqual(["placed.xlsx"]);
  });

  it("leaves no file, whole or partial, when a sheet cannot be written", async () => {
    const file = path.join(dir, "broken.xlsx");
    const bad: SheetSpec = {
      ...sheet("Bad"),
      charts: [
        {
          name: "Chart",
          title: "Out of range",
          categories: { top: 1, left: 1, rows: 1, columns: 2 },
          series: [{ name: "Far", values: { top: 90, left: 1, rows: 1, columns: 2 }, as: "line" }],
          stacked: false,
          valueFormat: "#,##0",
          anchor: { top: 10, left: 0, rows: 10, columns: 5 },
        },
      ],
    };
    await expect(writeWorkbookFile(file, [{ sheet: sheet("Good") }, { sheet: bad }])).rejects.toThrow(/series "Far" .* is outside the sheet/);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses what Excel would refuse, naming it: a duplicate or forbidden sheet name, a duplicate table name", async () => {
    await expect(writeWorkbook({ sheets: [sheet("Plan"), sheet("PLAN")] })).rejects.toThrow('two sheets are named "PLAN"');
    await expect(writeWorkbook({ sheets: [sheet("Q1/Q2")] })).rejects.toThrow(/sheet name "Q1\/Q2" holds one of/);
    // The layout's rule and the writer's are one (src/workbook/sheet.ts): a control character is refused too.
    await expect(writeWorkbook({ sheets: [sheet("Tab\tname")] })).rejects.toThrow(/holds one of .* or a control character/);
    await expect(writeWorkbook({ sheets: [sheet("A very long sheet name of 32 chars")] })).rejects.toThrow(/1 to 31 characters/);
    const table = { name: "Lines", top: 1, left: 0, rows: 4, columns: 3, style: "TableStyleLight1" };
    await expect(
      writeWorkbook({ sheets: [{ ...sheet("One"), tables: [table] }, { ...sheet("Two"), tables: [{ ...table, name: "LINES" }] }] }),
    ).rejects.toThrow('two tables are named "LINES"');
  });

  it("says which file it could not write, by its own name", async () => {
    const file = path.join(dir, "missing", "out.xlsx");
    await expect(writeWorkbookFile(file, [{ sheet: sheet("A") }])).rejects.toThrow(`ENOENT: no such file or directory, open '${file}'`);
  });
});

// Copying a worksheet from another package into the streamed writer's output: styles and strings re-indexed, also from files that prefix SpreadsheetML's namespace.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { Writable } from "stream";
import { SourcePackage } from "../../src/xlsx/carry";
import { XlsxWriter } from "../../src/xlsx/writer";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_R = "http://schemas.openxmlformats.org/package/2006/relationships";

/** A workbook as the Open XML SDK writes it: every SpreadsheetML element prefixed `x:`. */
async function prefixedWorkbook(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="${PACKAGE_R}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`);
  zip.file(
    "xl/workbook.xml",
    `<?xml version="1.0"?><x:workbook xmlns:x="${MAIN}" xmlns:r="${R}"><x:sheets><x:sheet name="Their data" sheetId="1" r:id="R1"/></x:sheets>` +
      `<x:definedNames><x:definedName name="Rate">'Their data'!$B$1</x:definedName></x:definedNames></x:workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0"?><Relationships xmlns="${PACKAGE_R}"><Relationship Id="R1" Type="${R}/worksheet" Target="/xl/worksheets/sheet1.xml"/>` +
      `<Relationship Id="R2" Type="${R}/styles" Target="/xl/styles.xml"/><Relationship Id="R3" Type="${R}/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`,
  );
  zip.file(
    "xl/styles.xml",
    `<?xml version="1.0"?><x:styleSheet xmlns:x="${MAIN}"><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="0.000"/></x:numFmts>` +
      `<x:fonts count="2"><x:font><x:sz val="11"/><x:name val="Calibri"/></x:font><x:font><x:b/><x:sz val="11"/><x:name val="Calibri"/></x:font></x:fonts>` +
      `<x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills>` +
      `<x:borders count="1"><x:border><x:left/><x:right/><x:top/><x:bottom/><x:diagonal/></x:border></x:borders>` +
      `<x:cellXfs count="2"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><x:xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></x:cellXfs></x:styleSheet>`,
  );
  zip.file("xl/sharedStrings.xml", `<?xml version="1.0"?><x:sst xmlns:x="${MAIN}" count="1" uniqueCount="1"><x:si><x:t>Rate &amp; margin</x:t></x:si></x:sst>`);
  zip.file(
    "xl/worksheets/sheet1.xml",
    `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}" xmlns:r="${R}"><x:cols><x:col min="1" max="1" width="25" customWidth="1"/></x:cols><x:sheetData>` +
      `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" s="1"><x:v>0.125</x:v></x:c><x:c r="C1" s="1"><x:f>B1*2</x:f><x:v>0.25</x:v></x:c></x:row>` +
      `<x:row r="3"><x:c r="D3"><x:f>'Gone sheet'!A1*2</x:f><x:v>7</x:v></x:c></x:row>` +
      `<x:row r="4"><x:c r="E4"><x:f t="shared" ref="E4:E5" si="0">[1]Data!A1</x:f><x:v>1</x:v></x:c></x:row><x:row r="5"><x:c r="E5"><x:f t="shared" si="0"/><x:v>2</x:v></x:c></x:row>` +
      `</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A2:C2"/></x:mergeCells></x:worksheet>`,
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function written(build: (writer: XlsxWriter) => Promise<void>): Promise<ExcelJS.Workbook> {
  const chunks: Buffer[] = [];
  const writer = new XlsxWriter(new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) }));
  await build(writer);
  await writer.finish();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return book;
}

describe("XlsxWriter.copySheet", () => {
  it("copies a sheet of a prefixed package after the writer's own: text, number format, font, formula, width, merged cells, defined name", async () => {
    const source = new SourcePackage(await prefixedWorkbook());
    expect(source.sheets.map((s) => s.name)).toEqual(["Their data"]);
    let messages: unknown[] = [];
    const book = await written(async (writer) => {
      await writer.addSheet({ name: "SOP Summary", cells: [[{ value: "Rate & margin", format: "0.0%", style: "title" }]] });
      messages = await writer.copySheet(source, source.sheets[0]);
      messages.push(...writer.carryNames(source));
    });
    // A formula into another workbook, or into a sheet the output does not have, keeps its value and is said.
    expect(messages).toEqual([
      { severity: "warning", message: "Sheet 'Their data': E4, E5 refer to another workbook; the output keeps their values, not the formulas.", cell: "'Their data'!E4" },
      {
        severity: "warning",
        message: "Sheet 'Their data': D3 refers to sheet 'Gone sheet', which the output does not have; the output keeps their values, not the formulas.",
        cell: "'Their data'!D3",
      },
    ]);
    expect(book.worksheets.map((s) => s.name)).toEqual(["SOP Summary", "Their data"]);
    const sheet = book.getWorksheet("Their data")!;
    expect(sheet.getCell("A1").value).toBe("Rate & margin");
    expect(sheet.getCell("B1").value).toBe(0.125);
    expect(sheet.getCell("B1").numFmt).toBe("0.000");
    expect(sheet.getCell("B1").font?.bold).toBe(true);
    expect(sheet.getCell("C1").value).toEqual({ formula: "B1*2", result: 0.25 });
    expect(sheet.getColumn(1).width).toBe(25);
    expect(sheet.model.merges).toEqual(["A2:C2"]);
    expect([sheet.getCell("D3").value, sheet.getCell("E4").value, sheet.getCell("E5").value]).toEqual([7, 1, 2]);
    // The writer's own sheet keeps its format; the two share the one text.
    expect(book.getWorksheet("SOP Summary")!.getCell("A1").numFmt).toBe("0.0%");
    expect(book.definedNames.getRanges("Rate").ranges).toEqual(["'Their data'!$B$1"]);
  });

  it("leaves out a defined name that points at a sheet the output does not have, and says so", async () => {
    const source = new SourcePackage(await prefixedWorkbook());
    let messages: { message: string }[] = [];
    const book = await written(async (writer) => {
      await writer.addSheet({ name: "SOP Summary", cells: [[{ value: 1 }]] });
      messages = writer.carryNames(source);
    });
    expect(messages.map((m) => m.message)).toEqual(["The defined name Rate was not carried over: it refers to sheet 'Their data', which the output does not have."]);
    expect(book.definedNames.getRanges("Rate").ranges).toEqual([]);
  });
});

// The pure parts of the chart writer: XML escaping, references, and where <drawing> goes in a sheet.
import { insertDrawingElement, rangeReference } from "../../src/xlsx/charts";
import { escapeXml } from "../../src/xlsx/xml";

const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const sheet = (body: string, rootAttributes = R) => `<?xml version="1.0"?><worksheet xmlns="main" ${rootAttributes}>${body}</worksheet>`;

describe("text in chart XML", () => {
  it("escapes markup and keeps formulas as text", () => {
    expect(escapeXml('=HYPERLINK("x") <Tools & Co>')).toBe("=HYPERLINK(&quot;x&quot;) &lt;Tools &amp; Co&gt;");
  });

  it("drops the characters XML 1.0 cannot hold, keeping tabs, line breaks and emoji", () => {
    expect(escapeXml("a\u0001b\u0000c\td\ne\uD83D\uDE00f\uD800")).toBe("abc\td\ne\uD83D\uDE00f");
  });
});

describe("series references", () => {
  it.each([
    ["Plan", { top: 39, left: 1, rows: 1, columns: 12 }, "Plan!$B$40:$M$40"],
    ["SOP Cordless Drills", { top: 39, left: 1, rows: 1, columns: 12 }, "'SOP Cordless Drills'!$B$40:$M$40"],
    ["Q1", { top: 0, left: 0, rows: 3, columns: 1 }, "'Q1'!$A$1:$A$3"],
    ["Tom's", { top: 0, left: 26, rows: 1, columns: 2 }, "'Tom''s'!$AA$1:$AB$1"],
  ])("on sheet %s", (name, range, expected) => {
    expect(rangeReference(name, range)).toBe(expected);
  });
});

describe("the <drawing> element goes where CT_Worksheet orders it", () => {
  it("before the first of tableParts, extLst and the other later elements", () => {
    const xml = sheet("<sheetData/><pageMargins/><legacyDrawing r:id=\"rId1\"/><tableParts count=\"1\"/><extLst/>");
    expect(insertDrawingElement(xml, "rId3")).toContain('<pageMargins/><drawing r:id="rId3"/><legacyDrawing');
  });

  it("at the end when nothing follows it", () => {
    expect(insertDrawingElement(sheet("<sheetData/><pageSetup/>"), "rId1")).toMatch(/<pageSetup\/><drawing r:id="rId1"\/><\/worksheet>$/);
  });

  it("not before an extLst nested inside an earlier element", () => {
    const rule = '<conditionalFormatting sqref="A1"><cfRule type="dataBar"><extLst><ext uri="x"/></extLst></cfRule></conditionalFormatting>';
    const xml = sheet(`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a &gt; b "&lt;extLst&gt;"</t></is></c></row></sheetData>${rule}<pageMargins/><extLst><ext/></extLst>`);
    expect(insertDrawingElement(xml, "rId2")).toContain('</conditionalFormatting><pageMargins/><drawing r:id="rId2"/><extLst><ext/></extLst></worksheet>');
  });

  it("declares the relationships namespace when the sheet does not", () => {
    expect(insertDrawingElement(sheet("<sheetData/>", ""), "rId1")).toContain(`<drawing ${R} r:id="rId1"/>`);
  });

  it("refuses a sheet that already has a drawing", () => {
    expect(() => insertDrawingElement(sheet('<sheetData/><drawing r:id="rId1"/>'), "rId2")).toThrow(/already has a drawing/);
  });
});

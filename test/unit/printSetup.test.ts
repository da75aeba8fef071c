// Page setup of the planner's sheets: landscape, one page wide, the used range, a page starting above each chart below the first rows.
import type { ChartSpec, SheetSpec } from "../../src/workbook/sheet";
import { printSetup, usedExtent } from "../../src/workbook/layout/print";
import { layoutPageSetupXmlForTest } from "../support/xlsxPageSetup";

const chart = (top: number, rows = 16, left = 0, columns = 8): ChartSpec => ({
  name: `Chart ${top}`,
  title: "t",
  categories: { top: 0, left: 1, rows: 1, columns: 3 },
  series: [],
  stacked: false,
  valueFormat: "0",
  anchor: { top, left, rows, columns },
});

const sheet = (rows: number, charts: ChartSpec[], subtitleAt: number[] = []): SheetSpec => ({
  name: "SOP Test",
  cells: Array.from({ length: rows }, (_, r) => (subtitleAt.includes(r) ? [{ value: "Heading", style: "subtitle" as const }] : r % 3 === 2 ? [] : [{ value: r }, { value: "x" }])),
  charts,
});

describe("printSetup", () => {
  it("prints the used range, cells, tables and charts, landscape and one page wide", () => {
    const s = { ...sheet(10, [chart(30, 16, 2, 9)]), tables: [{ name: "T", top: 0, left: 0, rows: 4, columns: 14, style: "x" }] };
    expect(usedExtent(s)).toEqual({ rows: 46, columns: 14 });
    expect(printSetup(s, { repeatRows: { first: 0, last: 1 } })).toMatchObject({
      orientation: "landscape",
      fitToPagesWide: 1,
      fitToPagesTall: 0,
      printArea: { top: 0, left: 0, rows: 46, columns: 14 },
      repeatRows: { first: 0, last: 1 },
    });
  });

  it("starts a page above each chart below the first rows: at its heading, or the blank row above it, else at the chart", () => {
    // Row 23 is blank (r % 3 === 2), row 40 a heading, row 50 holds data.
    const s = sheet(70, [chart(3), chart(24), chart(41), chart(50)], [40]);
    expect(printSetup(s).rowBreaks).toEqual([23, 40, 50]);
  });

  it("fits the executive summary on one page, with no breaks", () => {
    expect(printSetup(sheet(40, [chart(30)]), { onePage: true })).toEqual({
      orientation: "landscape",
      fitToPagesWide: 1,
      fitToPagesTall: 1,
      printArea: { top: 0, left: 0, rows: 46, columns: 8 },
    });
  });
});

describe("the .xlsx page setup", () => {
  it("writes fit to page, the orientation, the breaks and the print names", async () => {
    const xml = await layoutPageSetupXmlForTest({ ...sheet(30, []), pageSetup: printSetup(sheet(30, [chart(24)]), { repeatRows: { first: 0, last: 1 } }) });
    expect(xml.worksheet).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(xml.worksheet).toContain('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/><rowBreaks count="1" manualBreakCount="1"><brk id="23" max="16383" man="1"/></rowBreaks>');
    expect(xml.workbook).toContain(`<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'SOP Test'!$A$1:$H$40</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">'SOP Test'!$1:$2</definedName></definedNames>`);
  });
});

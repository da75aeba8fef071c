// The demo's two-month workbook printed to PDF by LibreOffice: the executive summary is one page, no chart is cut, no sheet is wider than a page.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { sampleNextMonth, sampleTemplate } from "../../src/workbook/sample";
import { findVersionsBlock, layoutVersionsSheet, parseVersions } from "../../src/workbook/versions";
import { readWorkbookBlocks } from "../../src/xlsx/reader";
import { writeWorkbook } from "../../src/xlsx/writer";
import { runCli } from "../support/cli";
import { convertToPdfWithLibreOffice, libreOfficeAvailable } from "../support/libreoffice";
import { readPdf, type PdfDocument } from "../support/pdf";
import { tempDir } from "../support/xlsxFiles";

const dir = tempDir("sop-print-");

/** What `npm run demo` does: last month saved as a version, this month revised, compared, with two scenarios. */
async function demoWorkbook(): Promise<string> {
  const lastMonth = path.join(dir, "last-month.xlsx");
  const lastPlan = path.join(dir, "last-month-plan.xlsx");
  writeFileSync(lastMonth, await writeWorkbook(sampleTemplate()));
  expect((await runCli([lastMonth, "-o", lastPlan, "--save-version", "Nov 2026", "-q"])).status).toBe(0);
  const { versions } = parseVersions(findVersionsBlock(await readWorkbookBlocks(lastPlan)));
  const input = path.join(dir, "input.xlsx");
  writeFileSync(input, await writeWorkbook(sampleNextMonth([layoutVersionsSheet(versions).sheet])));
  const output = path.join(dir, "plan.xlsx");
  expect((await runCli([input, "-o", output, "--save-version", "Dec 2026", "-q"])).status).toBe(0);
  return output;
}

(libreOfficeAvailable() ? describe : describe.skip)("the demo workbook printed by LibreOffice", () => {
  let pdf: PdfDocument;
  let workbook: ExcelJS.Workbook;
  let chartTitles: string[];
  beforeAll(async () => {
    const output = await demoWorkbook();
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const [file] = await convertToPdfWithLibreOffice([output], path.join(dir, "pdf"));
    pdf = readPdf(file);
    chartTitles = await chartTitlesOf(output);
  }, 240_000);

  const plannerSheets = () => workbook.worksheets.filter((s) => s.name.startsWith("SOP "));
  const titleOf = (sheet: ExcelJS.Worksheet) => String(sheet.getCell("A1").value);

  it("has every planner sheet, the executive summary first, on one landscape page", () => {
    expect(pdf.outline[0]).toEqual({ title: "SOP Executive summary", page: 0 });
    expect(plannerSheets().map((s) => s.name)).toEqual(expect.arrayContaining(["SOP Executive summary", "SOP Variance", "SOP Scenarios", "SOP Versions"]));
    expect(pdf.pagesOf("SOP Executive summary")).toEqual([0]);
    const page = pdf.pageText[0];
    for (const heading of ["Revenue", "Fill rate", "Peak utilisation", "Decision per family", "Top risks", 'Change since version "Nov 2026"', "Demand upside", "Assembly line down", "Revenue, cost and margin by period, P&L view", "Volumes per family", "Decisions to take", "Buy capacity", "Plan against budget", "Volumes by period", "Laid off"]) {
      expect(page).toContain(heading);
    }
  });

  it("no sheet is more than one page wide: its title, in column A, is on every one of its pages", () => {
    for (const sheet of plannerSheets()) {
      const pages = pdf.pagesOf(sheet.name);
      expect([sheet.name, pages.length > 0]).toEqual([sheet.name, true]);
      for (const p of pages) expect([sheet.name, p, pdf.pageText[p].includes(titleOf(sheet))]).toEqual([sheet.name, p, true]);
    }
  });

  it("no chart crosses a page break: LibreOffice draws a cut chart on every page it touches, and each is drawn once", () => {
    expect(chartTitles.length).toBeGreaterThanOrEqual(8);
    for (const title of chartTitles) {
      const drawnOn = pdf.pageText.flatMap((text, p) => (text.includes(title) ? [p] : []));
      expect([title, drawnOn.length]).toEqual([title, 1]);
    }
  });

  it("prints in far fewer pages than the portrait default did (67 for the one-month demo, 118 for this one)", () => {
    // 48 since the demo's month carries a Forecast inputs table (3 pages as input) and Forecast's Reason column;
    // the P&L rows of every plan, Finance's P&L lines and the SOP Budget section add about 5.
    expect(pdf.pageCount).toBeLessThan(60);
  });
});

/** Every chart's title, from the chart parts of the .xlsx package. */
async function chartTitlesOf(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts = Object.keys(zip.files).filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name));
  const titles: string[] = [];
  for (const part of parts) {
    const xml = await zip.file(part)!.async("string");
    const title = /<c:title>[\s\S]*?<a:t>([^<]*)<\/a:t>/.exec(xml)?.[1];
    if (title) titles.push(title.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&apos;/g, "'"));
  }
  return titles;
}

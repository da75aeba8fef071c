// The margin bridge's waterfall: stacked columns on an invisible base, right where the margin crosses zero, in the file and in LibreOffice.
import ExcelJS from "exceljs";
import { readFileSync, rmSync, writeFileSync } from "fs";
import JSZip from "jszip";
import * as path from "path";
import { layoutWaterfall } from "../../src/workbook/layout/variance";
import { SheetGrid } from "../../src/workbook/layout/kit";
import type { ChartSpec, SheetSpec } from "../../src/workbook/sheet";
import { writeWorkbook } from "../../src/xlsx/writer";
import { convertToOdsWithLibreOffice, libreOfficeAvailable, recalculateWithLibreOffice } from "../support/libreoffice";
import { tempDir } from "../support/xlsxFiles";

/**
 * A bridge that crosses zero both ways: margin 100, volume +50 (to 150), price −300 (to −150),
 * material +80 (to −70), holding +120 (to 50), margin 50.
 */
const CATEGORIES = ["Then", "Volume", "Price", "Material", "Holding", "Now"];
const VALUES = [100, 50, -300, 80, 120, 50];

function bridgeSheet(): { sheet: SheetSpec; rows: Record<string, number> } {
  const grid = new SheetGrid();
  CATEGORIES.forEach((c, i) => grid.set(0, 1 + i, { value: c }));
  grid.set(1, 0, { value: "Total" });
  VALUES.forEach((v, i) => grid.set(1, 1 + i, { value: v }));
  const { series } = layoutWaterfall(grid, 3, 1, VALUES);
  const chart: ChartSpec = {
    name: "Bridge chart",
    title: "Margin bridge",
    categories: { top: 0, left: 1, rows: 1, columns: CATEGORIES.length },
    series: series.map((s) => ({ name: s.name, label: { row: s.row, column: 0 }, values: { top: s.row, left: 1, rows: 1, columns: CATEGORIES.length }, as: "column", fill: s.fill, ...(s.legend === false && { legend: false }) })),
    stacked: true,
    valueFormat: "#,##0",
    anchor: { top: 12, left: 0, rows: 14, columns: 8 },
  };
  const rows = Object.fromEntries(series.map((s) => [s.name, s.row]));
  return { sheet: { name: "Bridge", cells: grid.cells, charts: [chart] }, rows };
}

const valuesOf = (sheet: SheetSpec, row: number): number[] => CATEGORIES.map((_, i) => (sheet.cells[row][1 + i]?.cached ?? sheet.cells[row][1 + i]?.value) as number);

describe("the waterfall's rows: each step spans its start and end", () => {
  const { sheet, rows } = bridgeSheet();
  const series = (name: string) => valuesOf(sheet, rows[name]);

  it("the margins stand on zero; each step's columns cover [lo, hi] of its start and end, the part below zero apart", () => {
    expect(series("Margin")).toEqual([100, 0, 0, 0, 0, 50]);
    expect(series("Base")).toEqual([0, 100, 0, -70, 0, 0]);
    // Volume 100 → 150: above zero, base 100 and 50 up.
    // Price 150 → −150: crosses zero, 150 above and −150 below, both red.
    // Material −150 → −70: below zero, base −70 and −80 under it (stacked down), green.
    // Holding −70 → 50: crosses zero, 50 above and −70 below, green.
    expect(series("Increase")).toEqual([0, 50, 0, -80, 50, 0]);
    expect(series("Decrease")).toEqual([0, 0, 150, 0, 0, 0]);
    expect(series("Increase below zero")).toEqual([0, 0, 0, 0, -70, 0]);
    expect(series("Decrease below zero")).toEqual([0, 0, -150, 0, 0, 0]);
    // Positive parts stack up from zero, negative parts down from zero: each step's top and bottom.
    const parts = ["Base", "Margin", "Increase", "Decrease", "Increase below zero", "Decrease below zero"].map(series);
    const top = CATEGORIES.map((_, i) => parts.reduce((s, p) => s + Math.max(0, p[i]), 0));
    const bottom = CATEGORIES.map((_, i) => parts.reduce((s, p) => s + Math.min(0, p[i]), 0));
    expect(top).toEqual([100, 150, 150, 0, 50, 50]);
    expect(bottom).toEqual([0, 0, -150, -150, -70, 0]);
  });
});

const describeWithLibreOffice = libreOfficeAvailable() || process.env.CI ? describe : describe.skip;

describeWithLibreOffice("the waterfall in LibreOffice", () => {
  const dir = tempDir("sop-waterfall-");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("recalculates every row to the engine's numbers, and draws a stacked chart whose base has no fill and no legend entry", async () => {
    const { sheet } = bridgeSheet();
    const file = path.join(dir, "bridge.xlsx");
    writeFileSync(file, await writeWorkbook({ sheets: [sheet] }));
    const [recalculated] = await recalculateWithLibreOffice([file], path.join(dir, "lo"));
    const fresh = new ExcelJS.Workbook();
    await fresh.xlsx.readFile(recalculated);
    const after = fresh.getWorksheet("Bridge")!;
    let formulas = 0;
    sheet.cells.forEach((line, r) =>
      line.forEach((cell, c) => {
        if (!cell?.formula) return;
        formulas++;
        expect([r, c, after.getCell(r + 1, c + 1).result]).toEqual([r, c, expect.closeTo(cell.cached as number, 9)]);
      }),
    );
    expect(formulas).toBeGreaterThan(20);

    const [ods] = await convertToOdsWithLibreOffice([file], path.join(dir, "ods"));
    const zip = await JSZip.loadAsync(readFileSync(ods));
    const content = await zip.file("content.xml")!.async("string");
    const object = /<draw:object [^>]*xlink:href="\.\/([^"]+)"/.exec(content)![1];
    const chart = await zip.file(`${object}/content.xml`)!.async("string");
    expect(chart).toContain('chart:stacked="true"');
    const seriesStyles = [...chart.matchAll(/<chart:series [^>]*chart:style-name="([^"]+)"/g)].map((m) => m[1]);
    expect(seriesStyles).toHaveLength(6);
    const fillOf = (style: string) => new RegExp(`<style:style style:name="${style}"[^>]*>[\\s\\S]*?</style:style>`).exec(chart)![0];
    expect(fillOf(seriesStyles[0])).toMatch(/draw:fill="none"/);
    expect(fillOf(seriesStyles[2])).toMatch(/draw:fill-color="#70ad47"/i);
    // The legend leaves out the base and the parts below zero.
    const hidden = [...chart.matchAll(/<chart:series [^>]*>/g)].filter((m) => /loext:hide-legend="true"/.test(m[0])).length;
    expect(hidden).toBe(3);
  }, 180_000);
});

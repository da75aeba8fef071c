// The Office.js adapter against the in-memory Excel: reading blocks, writing the planner's sheets, selecting cells.
import { OfficeMockObject } from "office-addin-mock";
import {
  type DocumentSettings,
  isDateNumberFormat,
  needsQuotePrefix,
  OfficeWorkbookHost,
  PANE_STATE_SETTING,
  PLANNER_MARKER_KEY,
  PLANNER_OUTPUT_VERSION,
  PLANNER_SHEET_NAME_KEY,
  PLANNER_STAGING_KEY,
} from "../../src/excel/officeHost";
import type { StrategyName } from "../../src/engine/model";
import { loadHighsSolver } from "../../src/solver/highs";
import { parseInputs } from "../../src/workbook/parse";
import { runPlanner } from "../../src/workbook/pipeline";
import { findTemplateTables } from "../../src/workbook/tables";
import { sampleTemplate } from "../../src/workbook/sample";
import { cellAddress, parseCellReference, splitSheetAddress, type CellSpec, type SheetSpec, type WorkbookSpec } from "../../src/workbook/sheet";
import { FakeExcel, FakeOfficeError, PAYLOAD_LIMIT_BYTES, type SeedCell } from "../support/fakeExcel";

// The shared stub of office-addin-manifest is empty, but office-addin-mock reads OfficeApp from it
// in every constructor; this file gives it the one enum it needs.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", Outlook: "outlook", Word: "word", PowerPoint: "powerpoint" },
}));

const hostOf = (excel: FakeExcel) => new OfficeWorkbookHost(excel.run);

/** Sync records of everything after `from` (a syncCount taken before the call). */
const syncsSince = (excel: FakeExcel, from: number) => excel.syncLog.slice(from);

// ---------------------------------------------------------------------------------------------
// Reading

describe("readBlocks", () => {
  function inputWorkbook(): FakeExcel {
    const excel = new FakeExcel();
    excel.addSheet("Data", "B3", [
      ["Family", "Product", "Jan 2027", "Feb 2027"],
      ["A", "A1", 100, { error: "#N/A" }],
      ["A", null, 150, true],
    ]);
    excel.addTable("Data", "Forecast", "B3:E5");
    excel.addSheet("Policy", "C2", [
      ["Parameter", "Value"],
      ["Initial inventory", 40],
    ]);
    excel.addSheet("Capacity");
    excel.addSheet("Notes", "A1", [["Not a template table"]]);
    return excel;
  }

  it("reads each table with its sheet, its top-left cell and typed cells", async () => {
    const blocks = await hostOf(inputWorkbook()).readBlocks();
    const forecast = blocks.find((b) => b.name === "Forecast");
    expect(forecast).toEqual({
      name: "Forecast",
      sheet: "Data",
      top: 2,
      left: 1,
      isTable: true,
      values: [
        ["Family", "Product", "Jan 2027", "Feb 2027"],
        ["A", "A1", 100, { error: "#N/A" }],
        ["A", null, 150, true],
      ],
    });
  });

  it("reads the used range of each sheet named like a template table, skips blank ones, and reads no other sheet", async () => {
    const blocks = await hostOf(inputWorkbook()).readBlocks();
    expect(blocks.map((b) => b.name).sort()).toEqual(["Forecast", "Policy"]);
    expect(blocks.find((b) => b.name === "Policy")).toEqual({
      name: "Policy",
      sheet: "Policy",
      top: 1,
      left: 2,
      isTable: false,
      values: [
        ["Parameter", "Value"],
        ["Initial inventory", 40],
      ],
    });
  });

  it("leaves out a table's totals row", async () => {
    const excel = new FakeExcel().addSheet("Products", "A1", [
      ["Product", "Price"],
      ["A1", 10],
      ["Total", 10],
    ]);
    excel.addTable("Products", "Products", "A1:B3", { showTotals: true });
    const [block] = await hostOf(excel).readBlocks();
    expect(block.values).toEqual([
      ["Product", "Price"],
      ["A1", 10],
    ]);
  });

  it("does not read a sheet's used range when the sheet holds a table", async () => {
    const excel = inputWorkbook();
    excel.setCells("Data", "H20", [["stray note"]]);
    const blocks = await hostOf(excel).readBlocks();
    expect(blocks.filter((b) => b.sheet === "Data").map((b) => b.name)).toEqual(["Forecast"]);
  });

  it("turns header numbers with a date format into dates, and nothing else", async () => {
    const excel = new FakeExcel();
    // 46388 = 1 Jan 2027, 46419 = 1 Feb 2027.
    excel.addSheet("Capacity", "A1", [
      ["Resource", 46388, 46419, 7],
      ["Line 1", 46388, 20, 30],
    ]);
    excel.setNumberFormat("Capacity", "B1:C1", "[$-409]mmm yyyy");
    excel.setNumberFormat("Capacity", "D1", "0.0");
    excel.setNumberFormat("Capacity", "B2", "d-mmm-yy");
    const [block] = await hostOf(excel).readBlocks();
    expect(block.values).toEqual([
      ["Resource", { date: 46388 }, { date: 46419 }, 7],
      ["Line 1", 46388, 20, 30],
    ]);
  });

  it("names sheets with spaces and quotes correctly in the offsets it parses", async () => {
    const excel = new FakeExcel();
    excel.addSheet("It's mine", "D10", [["Product", "Mix"]]);
    excel.addTable("It's mine", "Products", "D10:E10");
    const [block] = await hostOf(excel).readBlocks();
    expect(block).toMatchObject({ sheet: "It's mine", top: 9, left: 3 });
  });

  it("reads a table on a sheet named like a template table (a table left as Table1), and a table named like one anywhere", async () => {
    const excel = new FakeExcel().addSheet("Forecast", "A1", [["Family", "Product", "Jan 2027"]]).addSheet("Inputs", "B2", [["Parameter", "Value"]]);
    excel.addTable("Forecast", "Table1", "A1:C1");
    excel.addTable("Inputs", "Policy", "B2:C2");
    excel.addSheet("Other", "A1", [["x"]]);
    excel.addTable("Other", "Table3", "A1:A1");
    const blocks = await hostOf(excel).readBlocks();
    expect(blocks.map((b) => `${b.sheet}/${b.name}`).sort()).toEqual(["Forecast/Table1", "Inputs/Policy"]);
  });

  it("reads the optional Scenarios table as well, as a table or a sheet of that name", async () => {
    const excel = inputWorkbook().addSheet("Scenarios", "A1", [
      ["Scenario", "Change", "Target", "Value"],
      ["Peak", "Demand ×", "A", 1.2],
    ]);
    const blocks = await hostOf(excel).readBlocks();
    expect(blocks.map((b) => b.name).sort()).toEqual(["Forecast", "Policy", "Scenarios"]);
  });

  it("names a merged header cell where Excel can say which cells are merged (ExcelApi 1.13), and asks nothing more where it cannot", async () => {
    const excel = new FakeExcel()
      .addSheet("Forecast", "A1", [
        ["Family", "Product", "Jan"],
        ["Tools", null, 1],
      ])
      .addSheet("Policy", "A1", [["Parameter", "Value"]])
      .mergeCells("Forecast", "A1:B1");
    expect(excel.content("Forecast", "B1")).toBeNull();

    const with113 = new OfficeWorkbookHost(excel.run, undefined, undefined, () => true);
    const forecast = (await with113.readBlocks()).find((b) => b.name === "Forecast");
    expect(forecast?.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
    const [error] = parseInputs(findTemplateTables(await with113.readBlocks()).tables).messages.filter((m) => m.cell === "Forecast!A1");
    expect(error.message).toContain('Forecast!A1:B1 is one merged cell ("Family"); unmerge it');

    const before = excel.syncCount;
    const withoutMerges = await hostOf(excel).readBlocks();
    expect(withoutMerges.find((b) => b.name === "Forecast")?.merges).toBeUndefined();
    expect(syncsSince(excel, before)).toHaveLength(3);
  });

  it("reads a block with 600 merged areas near its header (Excel gives at most 512) without them, and the other blocks with theirs", async () => {
    const excel = new FakeExcel()
      .addSheet("Forecast", "A1", [
        ["Family", "Product", "Jan"],
        ["Tools", null, 1],
      ])
      .addSheet("Policy", "A1", [["Parameter", "Value"], ["Initial inventory", 40]])
      .mergeCells("Forecast", "A1:B1");
    // 600 merged pairs in the Policy sheet's first rows, inside its used range (a note far right, below them).
    excel.setCells("Policy", cellAddress(6, 1201), [["note"]]);
    for (let i = 0; i < 600; i++) excel.mergeCells("Policy", `${cellAddress(i % 6, 2 + 2 * Math.floor(i / 6))}:${cellAddress(i % 6, 3 + 2 * Math.floor(i / 6))}`);
    const failing = excel.newContext();
    failing.workbook.worksheets.getItem("Policy").getRange("A1:ZZ6").getMergedAreasOrNullObject().load("address");
    await expect(failing.sync()).rejects.toMatchObject({ code: "InvalidOperation", message: expect.stringContaining("512") });

    const blocks = await new OfficeWorkbookHost(excel.run, undefined, undefined, () => true).readBlocks();
    expect(blocks.find((b) => b.name === "Policy")?.values[1]).toEqual(["Initial inventory", 40, ...Array(1200).fill(null)]);
    expect(blocks.find((b) => b.name === "Policy")?.merges).toBeUndefined();
    expect(blocks.find((b) => b.name === "Forecast")?.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
  });

  it("reads no merged areas that are not there: a null object, not an empty list", async () => {
    const excel = inputWorkbook();
    const blocks = await new OfficeWorkbookHost(excel.run, undefined, undefined, () => true).readBlocks();
    expect(blocks.every((b) => b.merges === undefined)).toBe(true);
  });

  it("never reads a sheet that cannot hold a template table: a 200,000-row data sheet beside the template", async () => {
    const excel = inputWorkbook();
    const data = Array.from({ length: 200_000 }, (_, r) => [`Order ${r}`, r, r * 2.5]);
    excel.addSheet("Orders", "A1", data);
    const from = excel.syncCount;
    const blocks = await hostOf(excel).readBlocks();
    expect(blocks.map((b) => b.name).sort()).toEqual(["Forecast", "Policy"]);
    const syncs = syncsSince(excel, from);
    // Names, sizes, then the two small blocks' cells.
    expect(syncs).toHaveLength(3);
    expect(Math.max(...syncs.map((s) => s.responseBytes))).toBeLessThan(10_000);
  });

  it("reads a large template table in chunks, each response under the budget, cell for cell as written", async () => {
    const excel = new FakeExcel();
    const periods = Array.from({ length: 52 }, (_, t) => `W${String(t + 1).padStart(2, "0")}`);
    const rows: SeedCell[][] = [["Family", "Product", ...periods]];
    for (let r = 0; r < 4_000; r++) rows.push([`Family ${r % 300}`, `Product ${r}`, ...periods.map((_, t) => (r * 7 + t * 13) % 997)]);
    excel.addSheet("Data", "C3", rows);
    excel.addTable("Data", "Forecast", `C3:${cellAddress(2 + rows.length - 1, 2 + 53)}`);
    const from = excel.syncCount;
    const [block] = await hostOf(excel).readBlocks();
    expect(block).toMatchObject({ name: "Forecast", sheet: "Data", top: 2, left: 2 });
    expect(block.values).toEqual(rows);
    const syncs = syncsSince(excel, from);
    expect(syncs.length).toBeGreaterThan(3);
    for (const sync of syncs) expect(sync.responseBytes).toBeLessThan(3_000_000);
  });
});

// ---------------------------------------------------------------------------------------------
// Writing

const text = (value: string, style?: CellSpec["style"]): CellSpec => (style ? { value, style } : { value });

function summarySheet(title = "S&OP plan summary"): SheetSpec {
  return {
    name: "SOP Summary",
    cells: [
      [text(title, "title")],
      [text("Every plan of every family.", "note")],
      [text('=HYPERLINK("https://example.com","Help")'), { value: 46388, format: "d-mmm-yy" }],
      [],
      [text("Family", "header"), text("Plan", "header"), text("Total cost", "header")],
      [text("A"), text("level"), { formula: "'SOP Alpha'!B2", format: "#,##0", style: "total" }],
      [text("A"), text("chase"), { formula: "=SUM(C6:C6)", format: "#,##0", style: "total" }],
    ],
    columnWidths: [12, 12, 16],
    tables: [{ name: "SOP_Summary", top: 4, left: 0, rows: 3, columns: 3, style: "TableStyleLight1" }],
    freeze: { rows: 5, columns: 2 },
    tabColor: "1F4E79",
  };
}

function familySheet(name: string, table: string, value = 10): SheetSpec {
  return {
    name,
    cells: [
      [text("Period", "header"), text("Jan 2027", "header")],
      [text("Demand", "label"), { value, style: "input", format: "#,##0" }],
    ],
    tables: [{ name: table, top: 0, left: 0, rows: 2, columns: 2, style: "TableStyleLight1" }],
    freeze: { rows: 0, columns: 1 },
  };
}

const planSpec = (...families: string[]): WorkbookSpec => ({
  sheets: [summarySheet(), ...families.map((f) => familySheet(`SOP ${f}`, `SOP_${f}`))],
});

function userWorkbook(): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet("Forecast", "A1", [
    ["Family", "Product", "Jan 2027"],
    ["A", null, 100],
  ]);
  excel.addTable("Forecast", "Forecast", "A1:C2");
  return excel;
}

describe("writeSheets: cells", () => {
  it("puts formulas and constants in the right cells, one formulas assignment per sheet", async () => {
    const excel = userWorkbook();
    await hostOf(excel).writeSheets(planSpec("Alpha"));
    expect(excel.content("SOP Summary", "A1")).toBe("S&OP plan summary");
    expect(excel.content("SOP Summary", "C6")).toBe("='SOP Alpha'!B2");
    expect(excel.content("SOP Summary", "C7")).toBe("=SUM(C6:C6)");
    expect(excel.content("SOP Summary", "B3")).toBe(46388);
    expect(excel.content("SOP Alpha", "B2")).toBe(10);
    expect(excel.content("SOP Summary", "A4")).toBeNull();
  });

  it("keeps text that looks like a formula, number, date, boolean or error as text", async () => {
    const tricky = [
      '=HYPERLINK("https://example.com","Help")',
      "+1",
      "-x",
      "@SUM(A1)",
      "'quoted",
      "Jan 2027",
      "2027-01-31",
      "1/2",
      "001",
      "1,000",
      "50%",
      "$12.50",
      "1e5",
      "12:30",
      "TRUE",
      "false",
      "#N/A",
      "W05",
      "Line 1",
    ];
    const excel = new FakeExcel().addSheet("Sheet1");
    await hostOf(excel).writeSheets({ sheets: [{ name: "SOP Text", cells: tricky.map((t) => [text(t)]) }] });
    tricky.forEach((t, r) => {
      const cell = excel.cell("SOP Text", `A${r + 1}`);
      expect({ text: t, value: cell?.value, formula: cell?.formula, error: cell?.error }).toEqual({
        text: t,
        value: t,
        formula: undefined,
        error: undefined,
      });
    });
    // Every text goes in with the apostrophe: what reads as a date or number depends on the locale.
    tricky.forEach((_, r) => expect(excel.cell("SOP Text", `A${r + 1}`)?.quotePrefix).toBe(true));
  });

  it("writes number formats, styles, tables, column widths, frozen panes and the tab colour", async () => {
    const excel = userWorkbook();
    await hostOf(excel).writeSheets(planSpec("Alpha"));

    expect(excel.cell("SOP Summary", "C6")?.numberFormat).toBe("#,##0");
    expect(excel.cell("SOP Summary", "B3")?.numberFormat).toBe("d-mmm-yy");
    expect(excel.cell("SOP Summary", "A6")?.numberFormat).toBe("General");

    expect(excel.cell("SOP Summary", "A1")?.format).toMatchObject({ bold: true, fontSize: 14, fontColor: "#1F4E79" });
    expect(excel.cell("SOP Summary", "B5")?.format).toMatchObject({
      bold: true,
      fill: "#D9D9D9",
      borders: { EdgeBottom: { style: "Continuous", weight: "Thin", color: "#808080" } },
    });
    expect(excel.cell("SOP Summary", "C7")?.format).toMatchObject({ bold: true, borders: { EdgeTop: { style: "Continuous" } } });
    expect(excel.cell("SOP Alpha", "B2")?.format).toMatchObject({ fill: "#DDEBF7", fontColor: "#0000CC" });
    expect(excel.cell("SOP Summary", "A6")?.format).toEqual({});

    expect(excel.tableInfo("SOP_Summary")).toEqual({
      name: "SOP_Summary",
      sheet: "SOP Summary",
      address: "A5:C7",
      style: "TableStyleLight1",
      showTotals: false,
      headers: ["Family", "Plan", "Total cost"],
    });
    expect(excel.tableInfo("SOP_Alpha")).toMatchObject({ sheet: "SOP Alpha", address: "A1:B2" });

    const summary = excel.sheetInfo("SOP Summary");
    // 12 characters = 89 px = 66.75 pt; 16 characters = 117 px = 87.75 pt.
    expect(summary.columnWidths).toEqual({ 0: 66.75, 1: 66.75, 2: 87.75 });
    expect(summary.frozen).toEqual({ rows: 5, columns: 2 });
    expect(summary.tabColor).toBe("#1F4E79");
    expect(excel.sheetInfo("SOP Alpha").frozen).toEqual({ rows: 0, columns: 1 });
  });

  it("formats each style through few multi-area ranges, not cell by cell", async () => {
    const rows = 200;
    const sheet: SheetSpec = {
      name: "SOP Styles",
      cells: Array.from({ length: rows }, (_, r) => [text(`row ${r}`, "label"), { value: r, style: "input" }, { value: r, style: r % 2 ? "good" : "bad" }]),
    };
    const excel = new FakeExcel().addSheet("Sheet1");
    await hostOf(excel).writeSheets({ sheets: [sheet] });
    expect(excel.cell("SOP Styles", "B200")?.format).toMatchObject({ fill: "#DDEBF7" });
    expect(excel.cell("SOP Styles", "C2")?.format).toMatchObject({ fill: "#C6EFCE" });
    expect(excel.cell("SOP Styles", "C3")?.format).toMatchObject({ fill: "#FFC7CE" });
    // input: 1 rectangle; good and bad: 100 single cells each, a few RangeAreas; label: nothing to set.
    expect(excel.syncLog[2].operations).toBeLessThan(40);
  });

  it("marks its sheets as the planner's and shows the first one", async () => {
    const excel = userWorkbook();
    await hostOf(excel).writeSheets(planSpec("Alpha"));
    expect(excel.sheetNames()).toEqual(["Forecast", "SOP Summary", "SOP Alpha"]);
    expect(excel.sheetInfo("SOP Summary").customProperties).toEqual({
      [PLANNER_MARKER_KEY]: PLANNER_OUTPUT_VERSION,
      [PLANNER_SHEET_NAME_KEY]: "SOP Summary",
    });
    expect(excel.sheetInfo("SOP Alpha").customProperties).toEqual({
      [PLANNER_MARKER_KEY]: PLANNER_OUTPUT_VERSION,
      [PLANNER_SHEET_NAME_KEY]: "SOP Alpha",
    });
    expect(excel.sheetInfo("Forecast").customProperties).toEqual({});
    expect(excel.activeSheet).toBe("SOP Summary");
  });

  it("writes nothing, and deletes nothing, for an empty spec", async () => {
    const excel = userWorkbook();
    await hostOf(excel).writeSheets(planSpec("Alpha"));
    const before = excel.snapshot();
    const syncs = excel.syncCount;
    await hostOf(excel).writeSheets({ sheets: [] });
    expect(excel.snapshot()).toEqual(before);
    expect(excel.syncCount).toBe(syncs);
  });
});

describe("writeSheets: replacing the planner's earlier output", () => {
  it("replaces its own sheets and tables, drops sheets it no longer writes, and leaves the user's alone", async () => {
    const excel = userWorkbook();
    const host = hostOf(excel);
    await host.writeSheets(planSpec("Alpha", "Beta"));
    const forecastBefore = { info: excel.sheetInfo("Forecast"), table: excel.tableInfo("Forecast"), a1: excel.cell("Forecast", "C2") };

    const second = planSpec("Alpha");
    second.sheets[0] = summarySheet("Second run");
    second.sheets[1] = familySheet("SOP Alpha", "SOP_Alpha", 99);
    await host.writeSheets(second);

    expect(excel.sheetNames()).toEqual(["Forecast", "SOP Summary", "SOP Alpha"]);
    expect(excel.tableNames().sort()).toEqual(["Forecast", "SOP_Alpha", "SOP_Summary"]);
    expect(excel.content("SOP Summary", "A1")).toBe("Second run");
    expect(excel.content("SOP Alpha", "B2")).toBe(99);
    expect({ info: excel.sheetInfo("Forecast"), table: excel.tableInfo("Forecast"), a1: excel.cell("Forecast", "C2") }).toEqual(
      forecastBefore,
    );
    expect(excel.activeSheet).toBe("SOP Summary");
  });

  it("keeps a planner sheet the user renamed or copied to keep it", async () => {
    const excel = userWorkbook();
    await hostOf(excel).writeSheets(planSpec("Alpha"));
    // A copy carries the markers but not the name they record.
    excel
      .addSheet("SOP Alpha kept", "A1", [["copied"]])
      .setCustomProperty("SOP Alpha kept", PLANNER_MARKER_KEY, PLANNER_OUTPUT_VERSION)
      .setCustomProperty("SOP Alpha kept", PLANNER_SHEET_NAME_KEY, "SOP Alpha");
    await hostOf(excel).writeSheets(planSpec("Beta"));
    expect(excel.sheetNames()).toEqual(["Forecast", "SOP Summary", "SOP Alpha kept", "SOP Beta"]);
    expect(excel.content("SOP Alpha kept", "A1")).toBe("copied");
  });

  it("treats a marked sheet the user renamed onto an output name as the user's", async () => {
    const excel = userWorkbook();
    excel
      .addSheet("SOP Summary")
      .setCustomProperty("SOP Summary", PLANNER_MARKER_KEY, PLANNER_OUTPUT_VERSION)
      .setCustomProperty("SOP Summary", PLANNER_SHEET_NAME_KEY, "SOP Alpha");
    await expect(hostOf(excel).writeSheets(planSpec())).rejects.toThrow("Sheet 'SOP Summary' exists and was not created by the planner");
  });

  it("rewrites its earlier sheets in place: the same sheets, so a reviewer's formulas into them keep pointing at them", async () => {
    const excel = userWorkbook();
    const host = hostOf(excel);
    await host.writeSheets(planSpec("Alpha", "Beta"));
    const ids = { summary: excel.sheetInfo("SOP Summary").id, alpha: excel.sheetInfo("SOP Alpha").id };
    excel.addSheet("Review", "A1", [[{ formula: "'SOP Summary'!C6*2" }, { formula: "SUM('SOP Alpha'!B2:B2)" }, { formula: "'SOP Beta'!B2" }]]);

    const next = planSpec("Alpha");
    next.sheets[0].cells[5][2] = { formula: "'SOP Alpha'!B2*3", format: "#,##0", style: "total" };
    await host.writeSheets(next);

    expect(excel.sheetInfo("SOP Summary").id).toBe(ids.summary);
    expect(excel.sheetInfo("SOP Alpha").id).toBe(ids.alpha);
    expect(excel.content("Review", "A1")).toBe("='SOP Summary'!C6*2");
    expect(excel.content("Review", "B1")).toBe("=SUM('SOP Alpha'!B2:B2)");
    // A sheet the new plan no longer has is gone, and so is what pointed into it, as in Excel.
    expect(excel.content("Review", "C1")).toBe("=#REF!");
    expect(excel.content("SOP Summary", "C6")).toBe("='SOP Alpha'!B2*3");
    expect(excel.tableInfo("SOP_Summary")?.sheet).toBe("SOP Summary");
    expect(excel.sheetNames()).toEqual(["Forecast", "SOP Summary", "SOP Alpha", "Review"]);
    // No staging sheet is left behind, hidden or not.
    expect(excel.sheetNames().filter((n) => n.startsWith("~"))).toEqual([]);
  });

  it("removes hidden staging sheets an interrupted run left behind", async () => {
    const excel = userWorkbook();
    const host = hostOf(excel);
    await host.writeSheets(planSpec("Alpha"));
    excel.addSheet("~SOP new 1", "A1", [["half a plan"]]).setCustomProperty("~SOP new 1", PLANNER_STAGING_KEY, "SOP Summary");
    await host.writeSheets(planSpec("Alpha"));
    expect(excel.sheetNames()).toEqual(["Forecast", "SOP Summary", "SOP Alpha"]);
  });
});

describe("writeSheets: the user's sheets and tables are never overwritten", () => {
  it("refuses to write over a sheet named like its output that it did not create, before changing anything", async () => {
    const excel = userWorkbook();
    excel.addSheet("SOP Summary", "A1", [["my own notes"]]);
    const before = excel.snapshot();
    await expect(hostOf(excel).writeSheets(planSpec("Alpha"))).rejects.toThrow(
      "Sheet 'SOP Summary' exists and was not created by the planner: rename or delete it, then run again.",
    );
    expect(excel.snapshot()).toEqual(before);
    expect(excel.syncLog.map((s) => s.operations > 0 && !s.failed)).toEqual([true, true]);
  });

  it("matches sheet names as Excel does, ignoring case", async () => {
    const excel = userWorkbook().addSheet("sop summary");
    await expect(hostOf(excel).writeSheets(planSpec())).rejects.toThrow("Sheet 'sop summary' exists and was not created by the planner");
  });

  it("refuses when a table of the user's has one of its table names", async () => {
    const excel = userWorkbook();
    excel.addSheet("Notes", "A1", [["x"], [1]]).addTable("Notes", "SOP_Summary", "A1:A2");
    const before = excel.snapshot();
    await expect(hostOf(excel).writeSheets(planSpec())).rejects.toThrow(
      "Table 'SOP_Summary' on sheet 'Notes' exists and was not created by the planner: rename it, then run again.",
    );
    expect(excel.snapshot()).toEqual(before);
  });
});

/** What a reviewer sees of the planner's output (sheet ids and the staging sheets' numbering aside). */
function outputOf(excel: FakeExcel): unknown {
  const snapshot = excel.snapshot() as { sheets: { id: string; name: string }[]; tables: { sheet: string }[]; active: string };
  const nameOf = new Map(snapshot.sheets.map((s) => [s.id, s.name]));
  return {
    active: excel.activeSheet,
    sheets: snapshot.sheets.map(({ id: _id, ...rest }) => ({ ...rest, charts: excel.sheetInfo(rest.name).charts, rules: excel.sheetInfo(rest.name).conditionalFormats })),
    tables: snapshot.tables.map((t) => ({ ...t, id: undefined, sheet: nameOf.get(t.sheet) })),
  };
}

describe("writeSheets: all or nothing, at every sync of a multi-sync write", () => {
  // A small request budget makes the little plan need many syncs: build, commit and finish each take several.
  const BUDGET = 1500;
  const hostWithBudget = (excel: FakeExcel) => new OfficeWorkbookHost(excel.run, undefined, BUDGET);
  const first = () => planSpec("Alpha", "Beta");
  const second = () => {
    const spec = planSpec("Alpha", "Gamma");
    spec.sheets[0].cells[0][0] = text("Next month", "title");
    return spec;
  };

  async function cleanRun(earlier: boolean): Promise<{ syncs: number; output: unknown }> {
    const excel = userWorkbook();
    if (earlier) await hostWithBudget(excel).writeSheets(first());
    const from = excel.syncCount;
    await hostWithBudget(excel).writeSheets(second());
    return { syncs: excel.syncCount - from, output: outputOf(excel) };
  }

  it.each([false, true])("leaves the workbook as before or fully new, whichever sync fails and wherever in it (earlier output: %s)", async (earlier) => {
    const clean = await cleanRun(earlier);
    expect(clean.syncs).toBeGreaterThan(8);
    let restored = 0;
    let rolledForward = 0;
    for (let n = 1; n <= clean.syncs; n++) {
      for (const after of [0, 1, 4]) {
        const excel = userWorkbook();
        const host = hostWithBudget(excel);
        if (earlier) await host.writeSheets(first());
        const before = excel.snapshot();
        excel.failSync(n, after);
        const outcome = await host.writeSheets(second()).then(
          () => "written",
          (error: Error) => error.message,
        );
        if (outcome === "written") {
          expect(outputOf(excel)).toEqual(clean.output);
          rolledForward++;
        } else {
          expect(outcome).toMatch(/^Writing the plan sheets failed, and the workbook was left as it was: /);
          expect(excel.snapshot()).toEqual(before);
          restored++;
        }
      }
    }
    // Both outcomes happen: faults while building undo it, faults once it is built are rolled forward.
    expect(restored).toBeGreaterThan(0);
    expect(rolledForward).toBeGreaterThan(0);
  });

  it("says so, and names the hidden sheets, when putting things back fails too", async () => {
    const excel = userWorkbook();
    await hostOf(excel).writeSheets(planSpec("Alpha"));
    excel.failSync(3, 10);
    excel.failSync(4);
    await expect(hostOf(excel).writeSheets(planSpec("Alpha"))).rejects.toThrow(
      /^Writing the plan sheets failed \(.*\), and so did putting the workbook back \(.*\): delete the sheets the planner added by hand \(hidden ones are named '~SOP new …'\)\.$/,
    );
  });

  it("says which sheets still hold the previous plan when every attempt to put the new one in fails", async () => {
    const excel = userWorkbook();
    await hostOf(excel).writeSheets(planSpec("Alpha"));
    // Ownership (2) and build (1) succeed; each commit attempt is a read and a write: fail every write.
    excel.failSync(5);
    excel.failSync(7);
    excel.failSync(9);
    await expect(hostOf(excel).writeSheets(planSpec("Alpha"))).rejects.toThrow(
      /^The new plan was built, but putting it into the plan sheets failed \(.*\): 'SOP Summary', 'SOP Alpha' still hold the previous plan\. Run again\.$/,
    );
  });

  it("refuses a request Excel would refuse: the fake says RequestPayloadSizeLimitExceeded over 5 MB", async () => {
    const context = new FakeExcel().addSheet("Sheet1").newContext();
    const sheet = context.workbook.worksheets.getItem("Sheet1");
    sheet.getRangeByIndexes(0, 0, 1, 1).formulas = [["x".repeat(PAYLOAD_LIMIT_BYTES)]];
    await expect(context.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  });

  it("reports the cause, such as an invalid sheet name, and still changes nothing", async () => {
    const excel = userWorkbook();
    const before = excel.snapshot();
    const spec = planSpec("Alpha");
    spec.sheets.push({ name: "Bad:name", cells: [[text("x")]] });
    await expect(hostOf(excel).writeSheets(spec)).rejects.toThrow(/left as it was: .*'Bad:name' is not a valid sheet name/);
    expect(excel.snapshot()).toEqual(before);
  });
});

describe("writeSheets: round trips", () => {
  function bigSheet(rows: number, columns: number): SheetSpec {
    return {
      name: "SOP Big",
      cells: Array.from({ length: rows }, (_, r) =>
        Array.from({ length: columns }, (_, c): CellSpec =>
          r === 0 ? text(`Col ${c}`, "header") : c % 2 ? { formula: `A${r + 1}*2`, format: "#,##0", style: "total" } : { value: r * c, format: "0.0" },
        ),
      ),
      columnWidths: Array.from({ length: columns }, () => 10),
      tables: [{ name: "SOP_Big", top: 0, left: 0, rows, columns, style: "TableStyleLight1" }],
      freeze: { rows: 1, columns: 1 },
    };
  }

  it("sends number formats and styles per format over ranges, not per cell", async () => {
    const excel = new FakeExcel().addSheet("Sheet1");
    await hostOf(excel).writeSheets({ sheets: [bigSheet(1000, 100)] });
    expect(excel.content("SOP Big", "CV1000")).toBe("=A1000*2");
    expect(excel.cell("SOP Big", "CV1000")?.numberFormat).toBe("#,##0");
    expect(excel.cell("SOP Big", "CU1000")?.numberFormat).toBe("0.0");
    expect(excel.tableInfo("SOP_Big")?.address).toBe("A1:CV1000");
    // 100,000 cells: the formulas are most of the bytes; formats add a few hundred bytes per column, not a cell each.
    const total = excel.syncLog.reduce((sum, s) => sum + s.requestBytes, 0);
    const formulasOnly = 100_000 * 11;
    expect(total).toBeLessThan(formulasOnly * 1.6);
  });

  it("counts syncs on a second run the same way (earlier output present)", async () => {
    const excel = userWorkbook();
    const host = hostOf(excel);
    await host.writeSheets(planSpec("Alpha", "Beta"));
    const from = excel.syncCount;
    await host.writeSheets(planSpec("Alpha", "Beta", "Gamma"));
    // Ownership (2), build, commit (read and write), finish.
    expect(syncsSince(excel, from)).toHaveLength(6);
  });
});

describe("a planning run through the adapter", () => {
  /** The sample template as a user's workbook: typed in by hand, so no planner markers. */
  function sampleWorkbook(): FakeExcel {
    const excel = new FakeExcel();
    for (const sheet of sampleTemplate().sheets) {
      const rows = sheet.cells.map((line) => line.map((cell): SeedCell => cell?.value ?? null));
      excel.addSheet(sheet.name, "A1", rows);
      for (const t of sheet.tables ?? []) excel.addTable(sheet.name, t.name, `A1:${cellAddress(t.rows - 1, t.columns - 1)}`);
    }
    return excel;
  }

  it("reads the sample, writes the plan sheets, and reads the same inputs again", async () => {
    const excel = sampleWorkbook();
    const host = hostOf(excel);
    const run = runPlanner(await host.readBlocks());
    // The input reads cleanly; without the optimal plan the sample's plans overload Assembly in Apr, said as errors.
    expect(run.input).not.toBeNull();
    expect(run.messages.filter((m) => m.severity === "error" && !/overload Assembly in [A-Z][a-z]+ 2027/.test(m.message))).toEqual([]);
    await host.writeSheets(run.sheets);

    const written = run.sheets.sheets.map((s) => s.name);
    expect(excel.sheetNames()).toEqual(["Forecast", "Products", "Capacity", "Policy", "Plan", "Actuals", "Budget", ...written]);
    // The review opens on the executive summary.
    expect(excel.activeSheet).toBe("SOP Executive summary");
    // Every planner sheet prints landscape, one page wide, its title rows repeated; the summary on one page.
    expect(excel.sheetInfo("SOP Executive summary").pageLayout).toMatchObject({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 }, printTitleRows: null });
    const capacity = run.sheets.sheets.find((s) => s.name === "SOP Capacity")!;
    const chartTop = capacity.charts![0].anchor.top;
    expect(excel.sheetInfo("SOP Capacity").pageLayout).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1 },
      printArea: `A1:${cellAddress(capacity.pageSetup!.printArea!.rows - 1, capacity.pageSetup!.printArea!.columns - 1)}`,
      printTitleRows: "$1:$2",
      rowBreaks: [chartTop - 1],
    });
    // Every formula the layout made is in its cell, and every text is still text.
    for (const sheet of run.sheets.sheets) {
      sheet.cells.forEach((line, r) =>
        line.forEach((cell, c) => {
          if (!cell) return;
          const address = cellAddress(r, c);
          if (cell.formula) expect(excel.content(sheet.name, address)).toBe(`=${cell.formula}`);
          else if (typeof cell.value === "string" && cell.value !== "") expect(excel.cell(sheet.name, address)?.value).toBe(cell.value);
        }),
      );
    }

    const again = runPlanner(await host.readBlocks());
    expect(again.input).toEqual(run.input);
    await host.writeSheets(again.sheets);
    expect(excel.sheetNames()).toEqual(["Forecast", "Products", "Capacity", "Policy", "Plan", "Actuals", "Budget", ...written]);
  });

  it("sets the page layout again on a rerun, the earlier run's page breaks removed, not doubled", async () => {
    const excel = sampleWorkbook();
    const host = hostOf(excel);
    const run = runPlanner(await host.readBlocks());
    await host.writeSheets(run.sheets);
    await host.writeSheets(runPlanner(await host.readBlocks()).sheets);
    const capacity = run.sheets.sheets.find((s) => s.name === "SOP Capacity")!;
    expect(capacity.pageSetup!.rowBreaks!.length).toBeGreaterThan(0);
    expect(excel.sheetInfo("SOP Capacity").pageLayout.rowBreaks).toEqual(capacity.pageSetup!.rowBreaks);
    expect(excel.sheetInfo("SOP Executive summary").pageLayout).toMatchObject({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 } });
  });

  it("reads the saved versions back from SOP Versions, so the next run compares with them and keeps them", async () => {
    const excel = sampleWorkbook();
    const host = hostOf(excel);
    // With the optimal plan: the sample's capacity rules the cheaper plans out in some months.
    const solver = await loadHighsSolver();
    const strategies: StrategyName[] = ["level", "chase", "optimal"];
    const january = runPlanner(await host.readBlocks(), { strategies, solver, saveVersion: "January", plannedAt: new Date(Date.UTC(2027, 0, 5)) });
    expect(january.messages.filter((m) => m.severity === "error")).toEqual([]);
    await host.writeSheets(january.sheets);
    const versionsId = excel.sheetInfo("SOP Versions").id;

    const february = runPlanner(await host.readBlocks(), { strategies, solver, plannedAt: new Date(Date.UTC(2027, 1, 5)) });
    expect(february.versions.map((v) => v.name)).toEqual(["January"]);
    expect(february.baseline?.name).toBe("January");
    await host.writeSheets(february.sheets);
    expect(excel.sheetInfo("SOP Versions").id).toBe(versionsId);
  });

  it("draws each chart over its own rows in the same batch: a family's plan, utilisation and finance", async () => {
    const excel = sampleWorkbook();
    const host = hostOf(excel);
    const run = runPlanner(await host.readBlocks());
    const before = excel.syncCount;
    await host.writeSheets(run.sheets);
    // Ownership (2), build, commit (read and write), finish: the charts go in with the commit.
    expect(excel.syncCount - before).toBe(6);

    /** The address of the row whose label (in `labelColumn`) is `label`, over the periods. */
    const rowOf = (sheet: string, labelColumn: number, label: string, from: number, after = 0) => {
      const spec = run.sheets.sheets.find((s) => s.name === sheet)!;
      const row = spec.cells.findIndex((line, r) => r >= after && line[labelColumn]?.value === label);
      return `${cellAddress(row, from)}:${cellAddress(row, from + 11)}`;
    };

    const drills = excel.sheetInfo("SOP Cordless Drills").charts;
    expect(drills).toHaveLength(1);
    const [plan] = drills;
    expect(plan).toMatchObject({ type: "ColumnStacked", legend: "Bottom", valueFormat: "#,##0", position: "B4:I20" });
    expect(plan.title).toMatch(/^Cordless Drills: \w+ plan \(recommended\)/);
    // The recommended plan's own table: the first row labelled Regular after its title.
    const strategy = /: (\w+) plan/.exec(plan.title!)![1];
    const spec = run.sheets.sheets.find((s) => s.name === "SOP Cordless Drills")!;
    const tableTitle = spec.cells.findIndex((line) => line[0]?.value === `${strategy} plan`);
    expect(tableTitle).toBeGreaterThan(20);
    const header = `B${tableTitle + 3}:M${tableTitle + 3}`;
    expect(plan.series.map((s) => [s.name, s.values, s.categories, s.chartType ?? "column"])).toEqual(
      ["Regular", "Overtime", "Subcontract", "Demand", "Inventory"].map((name) => [
        name,
        rowOf("SOP Cordless Drills", 0, name, 1, tableTitle),
        header,
        ["Demand", "Inventory"].includes(name) ? "Line" : "column",
      ]),
    );

    const [utilisation] = excel.sheetInfo("SOP Capacity").charts;
    expect(utilisation.type).toBe("Line");
    expect(utilisation.valueFormat).toBe("0%");
    expect(utilisation.series.map((s) => s.name)).toEqual(["Assembly", "Test", "Paint"]);
    let after = 0;
    for (const s of utilisation.series) {
      const block = run.sheets.sheets.find((x) => x.name === "SOP Capacity")!.cells.findIndex((line, r) => r >= after && line[0]?.value === s.name);
      expect(s.values).toBe(rowOf("SOP Capacity", 1, "Utilisation", 2, block));
      expect(s.categories).toBe("C4:N4");
      after = block + 1;
    }

    const [finance] = excel.sheetInfo("SOP Finance").charts;
    expect(finance.type).toBe("ColumnClustered");
    expect(finance.series.map((s) => [s.name, s.values, s.chartType ?? "column"])).toEqual([
      ["Revenue", rowOf("SOP Finance", 2, "Revenue", 3), "column"],
      ["Total cost", rowOf("SOP Finance", 2, "Total cost", 3), "column"],
      ["Margin (cash)", rowOf("SOP Finance", 2, "Margin (cash)", 3), "Line"],
      ["P&L margin", rowOf("SOP Finance", 2, "P&L margin", 3), "Line"],
    ]);
    // The Summary compares the families' costs: a column per strategy, the families along the bottom.
    const [costs] = excel.sheetInfo("SOP Summary").charts;
    expect(costs.type).toBe("ColumnClustered");
    const summary = run.sheets.sheets.find((s) => s.name === "SOP Summary")!;
    const matrix = summary.cells.findIndex((line) => line[0]?.value === "Family" && line[1]?.value === "Level");
    const col = (c: string) => `${c}${matrix + 2}:${c}${matrix + 3}`;
    expect(costs.series.map((s) => [s.name, s.values, s.categories])).toEqual([
      ["Level", col("B"), col("A")],
      ["Chase", col("C"), col("A")],
      ["Manual", col("D"), col("A")],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Selecting

describe("selectCell and showSheet", () => {
  function workbook(): FakeExcel {
    return new FakeExcel().addSheet("Forecast").addSheet("My Sheet").addSheet("It's");
  }

  it.each([
    ["Forecast!D7", "Forecast", "D7"],
    ["'My Sheet'!D7", "My Sheet", "D7"],
    ["'It''s'!$B$2", "It's", "B2"],
    ["'My Sheet'!A1:B3", "My Sheet", "A1:B3"],
  ])("selects %s with one sync", async (address, sheet, cell) => {
    const excel = workbook();
    await hostOf(excel).selectCell(address);
    expect(excel.activeSheet).toBe(sheet);
    expect(excel.selection).toEqual({ sheet, address: cell });
    expect(excel.syncCount).toBe(1);
  });

  it("selects on the active sheet when the address names none", async () => {
    const excel = workbook();
    await hostOf(excel).showSheet("My Sheet");
    await hostOf(excel).selectCell("C3");
    expect(excel.selection).toEqual({ sheet: "My Sheet", address: "C3" });
  });

  it("says which sheet is missing", async () => {
    await expect(hostOf(workbook()).selectCell("Nope!A1")).rejects.toThrow("There is no sheet named 'Nope'.");
    await expect(hostOf(workbook()).showSheet("Nope")).rejects.toThrow("There is no sheet named 'Nope'.");
  });

  it("shows a sheet with one sync", async () => {
    const excel = workbook();
    await hostOf(excel).showSheet("It's");
    expect(excel.activeSheet).toBe("It's");
    expect(excel.syncCount).toBe(1);
  });
});

describe("against office-addin-mock", () => {
  // The mock has no collections of item proxies (`items/name` loads), so readBlocks and
  // writeSheets need the fake; selectCell uses only getItem, getRange and sync, which it has.
  it("selects a cell", async () => {
    const calls: string[] = [];
    const mock = new OfficeMockObject({
      workbook: {
        worksheets: {
          getItem(name: string) {
            calls.push(`getItem ${name}`);
            return (this as unknown as { sheet: unknown }).sheet;
          },
          sheet: {
            activate: () => calls.push("activate"),
            getRange(address: string) {
              calls.push(`getRange ${address}`);
              return (this as unknown as { range: unknown }).range;
            },
            range: { select: () => calls.push("select") },
          },
        },
      },
    });
    // The mock is typed as its own class; the adapter sees it as the RequestContext it imitates.
    const host = new OfficeWorkbookHost((_options, batch) => batch(mock as unknown as Excel.RequestContext));
    await host.selectCell("'My Sheet'!D7");
    expect(calls).toEqual(["getItem My Sheet", "activate", "getRange D7", "select"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Pure helpers

describe("needsQuotePrefix", () => {
  it.each(["=1", "+1", "-1", "@x", "'x", "#N/A", "TRUE", "false", "12", "1.5", "1,000", "$5", "50%", "1e5", "1/2", "Jan 2027", "January 5, 2027", "1 Jan", "12:30 pm", " 7 "])(
    "quotes %p",
    (t) => expect(needsQuotePrefix(t)).toBe(true),
  );
  // Any locale's Excel: `mars 2027` is a date in French, `WAHR` a boolean in German, `1.234` a thousand in Germany.
  it.each(["mars 2027", "1. März 2027", "WAHR", "VRAI", "1.234", "1,5", "12 units", "Family", "Q1 2027"])("quotes %p too (every text)", (t) =>
    expect(needsQuotePrefix(t)).toBe(true),
  );
  it.each(["", "   "])("leaves blank %p alone", (t) => expect(needsQuotePrefix(t)).toBe(false));
});

describe("isDateNumberFormat", () => {
  it.each(["d-mmm-yy", "m/d/yyyy", "[$-409]mmm yyyy", "yyyy-mm-dd hh:mm", "h:mm AM/PM", "[h]:mm:ss", "mmm"])("%p is a date", (f) =>
    expect(isDateNumberFormat(f)).toBe(true),
  );
  it.each(["General", "0", "#,##0.00", "0.0%", '0 "days"', "[Red]#,##0", "0.00E+00", '"Month "0', "_(* #,##0_)"])("%p is not", (f) =>
    expect(isDateNumberFormat(f)).toBe(false),
  );
});

describe("addresses", () => {
  it("splits a sheet from its cell, unquoting", () => {
    expect(splitSheetAddress("Forecast!D7")).toEqual({ sheet: "Forecast", cell: "D7" });
    expect(splitSheetAddress("'It''s here'!A1:B2")).toEqual({ sheet: "It's here", cell: "A1:B2" });
    expect(splitSheetAddress("D7")).toEqual({ sheet: null, cell: "D7" });
  });

  it("reads the first cell of a reference as 0-based row and column", () => {
    expect(parseCellReference("D7")).toEqual({ row: 6, column: 3 });
    expect(parseCellReference("$AA$10:AB20")).toEqual({ row: 9, column: 26 });
  });
});

// ---------------------------------------------------------------------------------------------
// The fake keeps Office.js's rules, or the tests above would prove nothing

describe("the fake Excel", () => {
  it("throws PropertyNotLoaded when a property is read before load and sync", async () => {
    const excel = new FakeExcel().addSheet("S", "A1", [[1]]);
    const context = excel.newContext();
    const range = context.workbook.worksheets.getItem("S").getRange("A1");
    expect(() => range.values).toThrow(FakeOfficeError);
    range.load("values");
    expect(() => range.values).toThrow(/call the load method .* and call "context.sync\(\)"/);
    await context.sync();
    expect(range.values).toEqual([[1]]);
    expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
  });

  it("reads typed text as Excel does, which is why the adapter quotes text", async () => {
    const excel = new FakeExcel().addSheet("S");
    const context = excel.newContext();
    context.workbook.worksheets.getItem("S").getRange("A1:E1").formulas = [["Jan 2027", "001", "TRUE", "#N/A", "=1+1"]];
    await context.sync();
    expect(["A1", "B1", "C1", "D1", "E1"].map((a) => excel.content("S", a))).toEqual([46388, 1, true, "#N/A", "=1+1"]);
    expect(excel.cell("S", "D1")?.error).toBe("#N/A");
  });

  it("applies a failing batch up to the failing command and delivers none of its loads", async () => {
    const excel = new FakeExcel().addSheet("S");
    const context = excel.newContext();
    context.workbook.worksheets.add("T");
    const sheets = context.workbook.worksheets.load("items/name");
    context.workbook.worksheets.add("S");
    context.workbook.worksheets.add("U");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(excel.sheetNames()).toEqual(["S", "T"]);
    expect(() => sheets.items).toThrow(/not available/);
    expect(excel.syncLog).toEqual([expect.objectContaining({ operations: 4, failed: true })]);
  });
});

// ---------------------------------------------------------------------------------------------
// The task pane's set-up calls: the sample template, "Use selection", Policy edits

describe("insertSheets: the sample template goes in beside the user's sheets, never over them", () => {
  it("creates every template sheet with its table, in two syncs, and marks none as planner output", async () => {
    const excel = new FakeExcel().addSheet("Sheet1");
    const result = await hostOf(excel).insertSheets(sampleTemplate());
    expect(result).toEqual({ inserted: ["Forecast", "Products", "Capacity", "Policy", "Plan", "Actuals", "Budget"], skipped: [] });
    expect(excel.sheetNames()).toEqual(["Sheet1", "Forecast", "Products", "Capacity", "Policy", "Plan", "Actuals", "Budget"]);
    expect(excel.tableInfo("Forecast")).toMatchObject({ sheet: "Forecast", address: "A1:N7" });
    expect(excel.content("Forecast", "A2")).toBe("Cordless Drills");
    expect(excel.content("Policy", "A1")).toBe("Parameter");
    expect(excel.sheetInfo("Policy").customProperties).toEqual({});
    expect(excel.activeSheet).toBe("Forecast");
    expect(excel.syncCount).toBe(2);
  });

  it("skips a sheet whose name exists (any case) and leaves that sheet untouched", async () => {
    const excel = new FakeExcel().addSheet("policy", "A1", [["my own notes"]]);
    const before = excel.cell("policy", "A1");
    const result = await hostOf(excel).insertSheets(sampleTemplate());
    expect(result.skipped).toEqual(["Policy"]);
    expect(result.inserted).toEqual(["Forecast", "Products", "Capacity", "Plan", "Actuals", "Budget"]);
    expect(excel.content("policy", "A1")).toBe("my own notes");
    expect(excel.cell("policy", "A1")).toEqual(before);
  });

  it("skips a sheet whose table name is taken elsewhere in the workbook", async () => {
    const excel = new FakeExcel().addSheet("Data", "A1", [["Family"], ["A"]]);
    excel.addTable("Data", "Forecast", "A1:A2");
    const result = await hostOf(excel).insertSheets(sampleTemplate());
    expect(result.skipped).toEqual(["Forecast"]);
    expect(excel.sheetNames()).not.toContain("Forecast");
  });

  it("inserts nothing, in one sync, when every name is taken", async () => {
    const excel = new FakeExcel();
    await hostOf(excel).insertSheets(sampleTemplate());
    const before = excel.snapshot();
    const from = excel.syncCount;
    const again = await hostOf(excel).insertSheets(sampleTemplate());
    expect(again.inserted).toEqual([]);
    expect(again.skipped).toHaveLength(sampleTemplate().sheets.length);
    expect(excel.snapshot()).toEqual(before);
    expect(syncsSince(excel, from)).toHaveLength(1);
  });

  it("a later run replaces its own output and leaves the inserted template alone", async () => {
    const excel = new FakeExcel();
    const host = hostOf(excel);
    await host.insertSheets(sampleTemplate());
    const run = runPlanner(await host.readBlocks());
    // The input reads cleanly; without the optimal plan the sample's plans overload Assembly in Apr, said as errors.
    expect(run.input).not.toBeNull();
    expect(run.messages.filter((m) => m.severity === "error" && !/overload Assembly in [A-Z][a-z]+ 2027/.test(m.message))).toEqual([]);
    await host.writeSheets(run.sheets);
    await host.writeSheets(runPlanner(await host.readBlocks()).sheets);
    for (const name of ["Forecast", "Products", "Capacity", "Policy", "Plan"]) expect(excel.sheetNames()).toContain(name);
  });

  it.each([0, 1, 5, 40])("leaves the workbook as it was when the build fails after %i operations", async (after) => {
    const excel = new FakeExcel().addSheet("Sheet1", "A1", [["keep"]]);
    const before = excel.snapshot();
    excel.failSync(2, after);
    await expect(hostOf(excel).insertSheets(sampleTemplate())).rejects.toThrow(/left as it was/);
    expect(excel.snapshot()).toEqual(before);
  });
});

describe("readSelection", () => {
  it("reads the selected range with its sheet and top-left cell, in three syncs (the selection, its size, its cells)", async () => {
    const excel = new FakeExcel().addSheet("My Data", "B2", [
      ["Parameter", "Value"],
      ["Initial inventory", 40],
    ]);
    const host = hostOf(excel);
    await host.selectCell("'My Data'!B2:C3");
    const from = excel.syncCount;
    expect(await host.readSelection()).toEqual({
      name: "My Data",
      sheet: "My Data",
      top: 1,
      left: 1,
      isTable: false,
      values: [
        ["Parameter", "Value"],
        ["Initial inventory", 40],
      ],
    });
    expect(syncsSince(excel, from)).toHaveLength(3);
  });

  it("clips a whole-column or whole-row selection to the sheet's used range", async () => {
    const excel = new FakeExcel().addSheet("Data", "B3", [
      ["Parameter", "Value"],
      ["Initial inventory", 40],
    ]);
    excel.selection = { sheet: "Data", address: "B:C" };
    expect(await hostOf(excel).readSelection()).toMatchObject({ sheet: "Data", top: 2, left: 1, values: [["Parameter", "Value"], ["Initial inventory", 40]] });
    excel.selection = { sheet: "Data", address: "4:4" };
    expect(await hostOf(excel).readSelection()).toMatchObject({ top: 3, left: 1, values: [["Initial inventory", 40]] });
    excel.selection = { sheet: "Data", address: "F:F" };
    expect(await hostOf(excel).readSelection()).toMatchObject({ top: 0, left: 5, values: [] });
  });

  it("says to select one block when the selection has several areas", async () => {
    const excel = new FakeExcel().addSheet("Data", "A1", [[1, 2, 3]]);
    excel.selection = { sheet: "Data", address: "A1:A2,C1" };
    await expect(hostOf(excel).readSelection()).rejects.toThrow(
      "The selection has 2 separate areas (Data!A1:A2,Data!C1): select one block of cells, the table's header row and its rows, then try again.",
    );
  });

  it("reads date headers as dates, as readBlocks does", async () => {
    const excel = new FakeExcel().addSheet("C", "A1", [["Resource", 46388]]);
    excel.setNumberFormat("C", "B1", "mmm yyyy");
    await hostOf(excel).selectCell("C!A1:B1");
    expect((await hostOf(excel).readSelection()).values).toEqual([["Resource", { date: 46388 }]]);
  });
});

describe("writeValues: a Policy edit goes to its cell", () => {
  it("writes numbers, text and blanks from the top-left cell in one sync; text that looks like a number stays text", async () => {
    const excel = new FakeExcel().addSheet("Policy", "A1", [
      ["Parameter", "Value"],
      ["Safety stock", 10],
    ]);
    const from = excel.syncCount;
    await hostOf(excel).writeValues("Policy!B2", [[250], ["Yes"], ["001"], [null]]);
    expect(excel.content("Policy", "B2")).toBe(250);
    expect(excel.content("Policy", "B3")).toBe("Yes");
    expect(excel.content("Policy", "B4")).toBe("001");
    expect(excel.content("Policy", "B5")).toBeNull();
    expect(syncsSince(excel, from)).toHaveLength(1);
  });

  it("says which sheet is missing", async () => {
    await expect(hostOf(new FakeExcel()).writeValues("Nope!A1", [[1]])).rejects.toThrow("There is no sheet named 'Nope'.");
  });
});

describe("restoreCells: a run that does not complete puts the Policy cells back", () => {
  /** A Policy whose cells hold a number with a currency format, text like a number, text like a formula, a formula, an error and a blank. */
  function policyWorkbook(): FakeExcel {
    return new FakeExcel()
      .addSheet("Policy", "A1", [
        ["Parameter", "Value"],
        ["Regular cost per unit", 12],
        ["Note", "001"],
        ["Label", '=HYPERLINK("http://x","y")'],
        ["Price per unit", { formula: "B2*2" }],
        ["Safety stock", { error: "#N/A" }],
        ["Layoff cost per worker", null],
      ])
      .setNumberFormat("Policy", "B2", '"$"#,##0.00');
  }
  const contents = (excel: FakeExcel) => ["B2", "B3", "B4", "B5", "B6", "B7"].map((cell) => excel.content("Policy", cell));
  const WAS = [12, "001", '=HYPERLINK("http://x","y")', "=B2*2", "#N/A", null];

  it("writeValues hands back what the cells held, read in the same sync as the write", async () => {
    const excel = policyWorkbook();
    const from = excel.syncCount;
    const before = await hostOf(excel).writeValues("Policy!B2", [[15], ["Yes"], [7], [8], [9], [10]]);
    expect(syncsSince(excel, from)).toHaveLength(1);
    expect(contents(excel)).toEqual([15, "Yes", 7, 8, 9, 10]);
    expect(before).toEqual({
      address: "Policy!B2",
      sheetId: excel.sheetInfo("Policy").id,
      cells: [
        [{ value: 12, numberFormat: '"$"#,##0.00' }],
        [{ value: "001", numberFormat: "General" }],
        [{ value: '=HYPERLINK("http://x","y")', numberFormat: "General" }],
        [{ value: null, formula: "=B2*2", numberFormat: "General" }],
        [{ value: null, error: "#N/A", numberFormat: "General" }],
        [{ value: null, numberFormat: "General" }],
      ],
    });
  });

  it("puts back values and number formats as they were, text that looks like a formula staying text, in one sync", async () => {
    const excel = policyWorkbook();
    const host = hostOf(excel);
    const before = await host.writeValues("Policy!B2", [[15], ["Yes"], [7], [8], [9], [10]]);
    // Something changed a format meanwhile: it is put back too.
    excel.setNumberFormat("Policy", "B2:B3", "0.0%");
    const from = excel.syncCount;
    await host.restoreCells([before]);
    expect(syncsSince(excel, from)).toHaveLength(1);
    expect(contents(excel)).toEqual(WAS);
    expect(excel.cell("Policy", "B4")?.formula).toBeUndefined();
    expect(excel.cell("Policy", "B5")?.formula).toBe("=B2*2");
    expect(excel.cell("Policy", "B6")?.error).toBe("#N/A");
    expect(excel.cell("Policy", "B2")?.numberFormat).toBe('"$"#,##0.00');
    expect(excel.cell("Policy", "B3")?.numberFormat).toBe("General");
    // Only the cells written: the names beside them were never touched.
    expect(excel.content("Policy", "A2")).toBe("Regular cost per unit");
  });

  it("the last write goes back first, so a cell written twice (a new row, then its value) ends as it was", async () => {
    const excel = policyWorkbook();
    const host = hostOf(excel);
    const row = await host.writeValues("Policy!A8", [["Hiring cost per worker", 5]]);
    const value = await host.writeValues("Policy!B8", [[6]]);
    await host.restoreCells([row, value]);
    expect([excel.content("Policy", "A8"), excel.content("Policy", "B8")]).toEqual([null, null]);
  });

  it("finds a sheet renamed meanwhile by its id", async () => {
    const excel = policyWorkbook();
    const host = hostOf(excel);
    const before = await host.writeValues("Policy!B2", [[15]]);
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("Policy").name = "Rules";
      await context.sync();
    });
    await host.restoreCells([before]);
    expect(excel.content("Rules", "B2")).toBe(12);
  });

  it("says the sheet is gone, and leaves a new sheet of its name alone", async () => {
    const excel = policyWorkbook();
    const host = hostOf(excel);
    const before = await host.writeValues("Policy!B2", [[15]]);
    await excel.run(async (context) => {
      context.workbook.worksheets.add("Other");
      context.workbook.worksheets.getItem("Policy").delete();
      context.workbook.worksheets.add("Policy");
      await context.sync();
    });
    await expect(host.restoreCells([before])).rejects.toThrow("The sheet 'Policy' is gone.");
    expect(excel.content("Policy", "B2")).toBeNull();
  });

  it("syncs within the request budget when the cells put back are many", async () => {
    const excel = new FakeExcel().addSheet("Policy");
    const host = new OfficeWorkbookHost(excel.run, undefined, 2_000);
    const writes = [];
    for (let r = 1; r <= 20; r++) writes.push(await host.writeValues(`Policy!B${r}`, [["x".repeat(200)]]));
    const from = excel.syncCount;
    await host.restoreCells(writes);
    expect(syncsSince(excel, from).length).toBeGreaterThan(1);
    expect(Array.from({ length: 20 }, (_, r) => excel.content("Policy", `B${r + 1}`)).every((c) => c === null)).toBe(true);
  });
});

describe("readRanges: tables picked by selection are read afresh", () => {
  it("reads every range in two syncs (sizes, then cells), in the order asked", async () => {
    const excel = new FakeExcel().addSheet("A", "A1", [[1, 2], [3, 4]]).addSheet("My B", "C3", [["x"]]);
    const from = excel.syncCount;
    const blocks = await hostOf(excel).readRanges(["'My B'!C3", "A!A1:B2"]);
    expect(blocks.map((b) => [b.sheet, b.top, b.left, b.values])).toEqual([
      ["My B", 2, 2, [["x"]]],
      ["A", 0, 0, [[1, 2], [3, 4]]],
    ]);
    expect(syncsSince(excel, from)).toHaveLength(2);
  });

  it("says a picked range is gone when its sheet was deleted", async () => {
    await expect(hostOf(new FakeExcel()).readRanges(["Gone!A1:B2"])).rejects.toThrow(/is gone .*pick it again/);
  });
});

describe("writeSheets: conditional formats", () => {
  it("adds each cell-value rule with the style's font and fill, in the same syncs", async () => {
    const excel = userWorkbook();
    const before = excel.syncLog.length;
    const spec = planSpec("Alpha");
    spec.sheets[1].conditionalFormats = [
      { top: 1, left: 1, rows: 1, columns: 3, operator: "greaterThan", value: 1, style: "bad" },
      { top: 1, left: 1, rows: 1, columns: 3, operator: "lessThan", value: 0.7, style: "warn" },
    ];
    await hostOf(excel).writeSheets(spec);
    expect(excel.sheetInfo("SOP Alpha").conditionalFormats).toEqual([
      { address: "B2:D2", type: "CellValue", rule: { formula1: "=1", operator: "GreaterThan" }, fontColor: "#9C0006", fill: "#FFC7CE" },
      { address: "B2:D2", type: "CellValue", rule: { formula1: "=0.7", operator: "LessThan" }, fontColor: "#9C5700", fill: "#FFEB9C" },
    ]);
    const withoutRules = userWorkbook();
    await hostOf(withoutRules).writeSheets(planSpec("Alpha"));
    expect(excel.syncLog.length - before).toBe(withoutRules.syncLog.length);
  });
});

// ---------------------------------------------------------------------------------------------
// The pane's saved choices

describe("readPaneState and writePaneState: the pane's choices in the workbook's add-in settings", () => {
  /** Office's per-document settings: a map, saved by saveAsync (which may fail, e.g. read-only). */
  function documentSettings(saveError: string | null = null) {
    const values = new Map<string, unknown>();
    const saved = new Map<string, unknown>();
    const settings: DocumentSettings = {
      get: (name: string) => values.get(name),
      set: (name: string, value: unknown) => void values.set(name, value),
      saveAsync: ((callback?: (result: Office.AsyncResult<void>) => void) => {
        if (!saveError) for (const [k, v] of values) saved.set(k, JSON.parse(JSON.stringify(v)));
        callback?.({ status: saveError ? "failed" : "succeeded", error: saveError ? { message: saveError } : undefined } as unknown as Office.AsyncResult<void>);
      }) as DocumentSettings["saveAsync"],
    };
    return { settings, saved };
  }

  it("saves the state under the planner's setting and reads it back; nothing saved reads as null", async () => {
    const { settings, saved } = documentSettings();
    const host = new OfficeWorkbookHost(new FakeExcel().run, () => settings);
    expect(await host.readPaneState()).toBeNull();
    const state = { version: 1, approach: "bottom-up", selections: { forecast: "Data!B4:F6" } };
    await host.writePaneState(state);
    expect(saved.get(PANE_STATE_SETTING)).toEqual(state);
    expect(await host.readPaneState()).toEqual(state);
  });

  it("rejects with Office's reason when the settings cannot be saved", async () => {
    const { settings } = documentSettings("the document is read-only");
    const host = new OfficeWorkbookHost(new FakeExcel().run, () => settings);
    await expect(host.writePaneState({ version: 1 })).rejects.toThrow("the document is read-only");
  });
});

describe("showFilteredTable: the Risks sheet opened filtered (a table's values filter, ExcelApi 1.2)", () => {
  function risksWorkbook(): FakeExcel {
    return new FakeExcel()
      .addSheet("Forecast")
      .addSheet("SOP Risks", "A4", [
        ["Kind", "Severity", "Message"],
        ["Overload", "1 High", "Test, Oct 2027: 418.6 required of 380"],
        ["Under-utilisation", "3 Info", "Paint, Jan 2027: 50 % used"],
        ["Backlog", "2 Medium", "Garden Tools, Mar 2027: 12 units"],
      ])
      .addTable("SOP Risks", "SOP_Risks", "A4:C7");
  }

  it("shows the sheet, clears the table's other filters and filters the column to the values, in one sync", async () => {
    const excel = risksWorkbook();
    const host = new OfficeWorkbookHost(excel.run, undefined, undefined, () => true);
    expect(await host.showFilteredTable("SOP Risks", "SOP_Risks", "Severity", ["1 High"])).toBe(true);
    const from = excel.syncCount;
    expect(await host.showFilteredTable("SOP Risks", "SOP_Risks", "Kind", ["Under-utilisation", "Backlog"])).toBe(true);
    expect(excel.syncCount - from).toBe(1);
    expect(excel.tableFilters("SOP_Risks")).toEqual({ Kind: ["Under-utilisation", "Backlog"] });
    expect(excel.activeSheet).toBe("SOP Risks");
    expect(excel.selection).toEqual({ sheet: "SOP Risks", address: "A4" });
  });

  it("where table filters are not supported, shows the sheet unfiltered with the table's first cell selected, and says so", async () => {
    const excel = risksWorkbook();
    const asked: string[] = [];
    const host = new OfficeWorkbookHost(excel.run, undefined, undefined, (set, version) => {
      asked.push(`${set} ${version}`);
      return false;
    });
    expect(await host.showFilteredTable("SOP Risks", "SOP_Risks", "Kind", ["Overload"])).toBe(false);
    expect(asked).toEqual(["ExcelApi 1.2"]);
    expect(excel.tableFilters("SOP_Risks")).toEqual({});
    expect(excel.activeSheet).toBe("SOP Risks");
    expect(excel.selection).toEqual({ sheet: "SOP Risks", address: "A4" });
  });

  it("a column Excel does not know falls back to the unfiltered sheet; a sheet that is gone is said", async () => {
    const excel = risksWorkbook();
    const host = new OfficeWorkbookHost(excel.run, undefined, undefined, () => true);
    expect(await host.showFilteredTable("SOP Risks", "SOP_Risks", "Colour", ["Red"])).toBe(false);
    expect(excel.tableFilters("SOP_Risks")).toEqual({});
    expect(excel.activeSheet).toBe("SOP Risks");
    await expect(host.showFilteredTable("Gone", "SOP_Risks", "Kind", ["Overload"])).rejects.toThrow("There is no sheet named 'Gone'.");
  });

  it("the fake refuses a values filter that is not a list of texts, as Excel does", async () => {
    const excel = risksWorkbook();
    await expect(
      excel.run(async (context) => {
        (context.workbook.tables.getItem("SOP_Risks").columns.getItem("Kind").filter.applyValuesFilter as (v: unknown[]) => void)([1, 2]);
        await context.sync();
      }),
    ).rejects.toThrow(/values filter/);
  });
});

describe("readNumberFormats: how the pane learns the workbook's currency", () => {
  it("reads each cell's number format in one sync, General for a cell without one", async () => {
    const excel = new FakeExcel()
      .addSheet("Policy", "A1", [
        ["Parameter", "Value"],
        ["Regular cost per unit", 12],
        ["Price per unit", 40],
      ])
      .setNumberFormat("Policy", "B2", '"$"#,##0.00');
    const from = excel.syncCount;
    expect(await hostOf(excel).readNumberFormats(["Policy!B2", "Policy!B3"])).toEqual(['"$"#,##0.00', "General"]);
    expect(excel.syncCount - from).toBe(1);
    expect(await hostOf(excel).readNumberFormats([])).toEqual([]);
  });

  it("a cell whose sheet is gone reads as General, not a failure", async () => {
    const excel = new FakeExcel().addSheet("Policy");
    expect(await hostOf(excel).readNumberFormats(["Renamed!B2", "Policy!B2"])).toEqual(["General", "General"]);
  });
});

// ---------------------------------------------------------------------------------------------
// What real Excel refuses, and what a reviewer's own formulas rely on

/** A Summary of families and their margins: its table grows or shrinks with the families, its header stays in row 5. */
function summaryOf(margins: [string, number][]): SheetSpec {
  return {
    name: "SOP Summary",
    cells: [
      [text("S&OP plan summary", "title")],
      [],
      [],
      [],
      [text("Family", "header"), text("Plan", "header"), text("Margin", "header")],
      ...margins.map(([family, margin]) => [text(family), text("Level"), { formula: `${margin}*1`, cached: margin, format: "#,##0" }]),
    ],
    tables: [{ name: "SOP_Summary", top: 4, left: 0, rows: margins.length + 1, columns: 3, style: "TableStyleLight1" }],
  };
}

/** A host that can resize tables (ExcelApi 1.13), or not (1.12, the manifest's minimum). */
const hostWithResize = (excel: FakeExcel, resize = true) =>
  new OfficeWorkbookHost(excel.run, undefined, undefined, (set, version) => set === "ExcelApi" && (resize || Number(version.split(".")[1]) < 13));

describe("writeSheets: a reviewer's lookups over the plan tables survive reruns (tables keep their identity)", () => {
  const LOOKUP = '=XLOOKUP("Beta",SOP_Summary[Family],SOP_Summary[Margin])';

  function reviewed(excel: FakeExcel): void {
    excel.addSheet("Review", "A1", [[{ formula: LOOKUP }, { formula: "SUM(SOP_Summary[Margin])" }]]);
    excel.addDefinedName("PlanMargins", "=SOP_Summary[Margin]");
  }

  it("keeps SOP_Summary through two reruns that resize it, so the lookup and a defined name read the new rows", async () => {
    const excel = userWorkbook();
    const host = hostWithResize(excel);
    await host.writeSheets({ sheets: [summaryOf([["Alpha", 10], ["Beta", 20]])] });
    reviewed(excel);
    const id = excel.tableId("SOP_Summary");

    await host.writeSheets({ sheets: [summaryOf([["Alpha", 11], ["Beta", 21], ["Gamma", 31]])] });
    expect(excel.tableId("SOP_Summary")).toBe(id);
    expect(excel.tableInfo("SOP_Summary")?.address).toBe("A5:C8");
    expect(excel.structuredReference("SOP_Summary[Margin]").cells).toEqual(["=11*1", "=21*1", "=31*1"]);

    await host.writeSheets({ sheets: [summaryOf([["Beta", 22]])] });
    expect(excel.tableId("SOP_Summary")).toBe(id);
    expect(excel.tableInfo("SOP_Summary")?.address).toBe("A5:C6");
    expect(excel.content("Review", "A1")).toBe(LOOKUP);
    expect(excel.content("Review", "B1")).toBe("=SUM(SOP_Summary[Margin])");
    expect(excel.definedName("PlanMargins")).toBe("=SOP_Summary[Margin]");
    expect(excel.structuredReference("SOP_Summary[Family]").cells).toEqual(["Beta"]);
    expect(excel.structuredReference("SOP_Summary[Margin]").cells).toEqual(["=22*1"]);
    // The rows the table gave up are blank, not the old plan's.
    expect(excel.content("SOP Summary", "A7")).toBeNull();
    expect(excel.content("SOP Summary", "C8")).toBeNull();
  });

  it("where Excel cannot resize a table (ExcelApi 1.12), keeps it when its size is the same", async () => {
    const excel = userWorkbook();
    const host = hostWithResize(excel, false);
    await host.writeSheets({ sheets: [summaryOf([["Alpha", 10], ["Beta", 20]])] });
    reviewed(excel);
    const id = excel.tableId("SOP_Summary");
    await host.writeSheets({ sheets: [summaryOf([["Alpha", 12], ["Beta", 22]])] });
    expect(excel.tableId("SOP_Summary")).toBe(id);
    expect(excel.content("Review", "A1")).toBe(LOOKUP);
    expect(excel.structuredReference("SOP_Summary[Margin]").cells).toEqual(["=12*1", "=22*1"]);
  });

  it("the fake turns references to a deleted table into #REF!, which stay broken when a table of that name comes back, as in Excel", async () => {
    const excel = userWorkbook();
    await hostWithResize(excel).writeSheets({ sheets: [summaryOf([["Alpha", 10]])] });
    reviewed(excel);
    const context = excel.newContext();
    context.workbook.tables.getItem("SOP_Summary").delete();
    await context.sync();
    expect(excel.content("Review", "A1")).toBe('=XLOOKUP("Beta",#REF!,#REF!)');
    expect(excel.definedName("PlanMargins")).toBe("=#REF!");
    excel.addTable("SOP Summary", "SOP_Summary", "A5:C6");
    expect(excel.content("Review", "B1")).toBe("=SUM(#REF!)");
    // Clearing every cell of a table deletes it too.
    excel.addSheet("Again", "A1", [[{ formula: "ROWS(SOP_Summary[Family])" }]]);
    const clearing = excel.newContext();
    clearing.workbook.worksheets.getItem("SOP Summary").getRange("A1:Z50").clear();
    await clearing.sync();
    expect(excel.tableNames()).not.toContain("SOP_Summary");
    expect(excel.content("Again", "A1")).toBe("=ROWS(#REF!)");
  });
});

describe("writeSheets: what Excel refuses is found before anything is written", () => {
  it("stops on a protected plan sheet with what to do, in the two preflight syncs, the workbook as it was", async () => {
    const excel = userWorkbook();
    await hostOf(excel).writeSheets(planSpec("Alpha"));
    excel.protectSheet("SOP Alpha");
    const before = excel.snapshot();
    const from = excel.syncCount;
    await expect(hostOf(excel).writeSheets(planSpec("Alpha"))).rejects.toThrow(
      "Sheet 'SOP Alpha' is protected (Review ▸ Unprotect Sheet), and the planner rewrites it: unprotect it, then run again.",
    );
    expect(excel.snapshot()).toEqual(before);
    expect(syncsSince(excel, from)).toHaveLength(2);
  });

  it("the fake refuses what Excel refuses on a protected sheet: clearing it, writing its cells", async () => {
    const excel = userWorkbook().protectSheet("Forecast");
    const context = excel.newContext();
    context.workbook.worksheets.getItem("Forecast").getRange("A1:C2").clear();
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation", message: expect.stringContaining("protected sheet 'Forecast'") });
    context.workbook.worksheets.getItem("Forecast").getRange("D1").formulas = [["x"]];
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
  });

  it("stops when the workbook's structure is protected", async () => {
    const excel = userWorkbook();
    excel.structureProtected = true;
    const before = excel.snapshot();
    await expect(hostOf(excel).writeSheets(planSpec("Alpha"))).rejects.toThrow(/^The workbook's structure is protected \(Review ▸ Protect Workbook\)/);
    expect(excel.snapshot()).toEqual(before);
  });

  it("stops when a defined name has a plan table's name (they share one namespace), naming both", async () => {
    const excel = userWorkbook().addDefinedName("SOP_Alpha", "=Forecast!$C$2");
    const before = excel.snapshot();
    await expect(hostOf(excel).writeSheets(planSpec("Alpha"))).rejects.toThrow(
      "The workbook has a defined name 'SOP_Alpha' (Formulas ▸ Name Manager), and the planner names a table so on sheet 'SOP Alpha': rename or delete the name, then run again.",
    );
    expect(excel.snapshot()).toEqual(before);
    // Excel refuses it, and so does the fake.
    const context = excel.newContext();
    const added = context.workbook.worksheets.getItem("Forecast").tables.add("E1:F2", true);
    added.name = "SOP_Alpha";
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument", message: expect.stringContaining("a defined name 'SOP_Alpha' already exists") });
  });

  it("stops on a formula Excel would refuse (over 8,192 characters), naming its cell, before writing; the fake refuses one too", async () => {
    const excel = userWorkbook();
    const spec = planSpec("Alpha");
    spec.sheets[1].cells[1][1] = { formula: `SUM(${Array.from({ length: 2000 }, (_, i) => `A${i + 1}`).join("+")})` };
    const before = excel.snapshot();
    await expect(hostOf(excel).writeSheets(spec)).rejects.toThrow(/^The formula in 'SOP Alpha'!B2 is one Excel refuses \(\d{1,2},\d{3} characters, over Excel's 8,192\)/);
    expect(excel.snapshot()).toEqual(before);
    const context = excel.newContext();
    context.workbook.worksheets.getItem("Forecast").getRange("E1").formulas = [[`=${"1+".repeat(4096)}1`]];
    await expect(context.sync()).rejects.toMatchObject({ code: "GeneralException" });
  });

  it("deletes a plan sheet the user made very hidden (Excel will not delete one as it is) and shows a plan sheet that is not hidden", async () => {
    const excel = userWorkbook();
    await hostOf(excel).writeSheets(planSpec("Alpha", "Beta"));
    excel.setVisibility("SOP Beta", "VeryHidden").setVisibility("SOP Summary", "Hidden");
    const context = excel.newContext();
    context.workbook.worksheets.getItem("SOP Beta").delete();
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation", message: expect.stringContaining("very hidden") });

    await hostOf(excel).writeSheets(planSpec("Alpha"));
    expect(excel.sheetNames()).toEqual(["Forecast", "SOP Summary", "SOP Alpha"]);
    expect(excel.sheetInfo("SOP Summary").visibility).toBe("Hidden");
    expect(excel.activeSheet).toBe("SOP Alpha");
  });
});

describe("writeSheets: a user typing in a cell never splits the write (Excel.run with delayForCellEdit)", () => {
  it("the fake refuses a batch while a cell is being edited unless the run said to wait", async () => {
    const excel = userWorkbook();
    excel.editCellDuringSync(1, "Forecast", "D5", "typed");
    await expect(excel.run(async (context) => {
      context.workbook.worksheets.getItem("Forecast").getRange("A1").load("values");
      await context.sync();
    })).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    excel.editCellDuringSync(1, "Forecast", "D5", "typed");
    await excel.run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.getItem("Forecast").getRange("A1").load("values");
      await context.sync();
    });
    expect(excel.content("Forecast", "D5")).toBe("typed");
    expect(excel.syncLog.map((s) => s.cellEdit)).toEqual(["refused", "waited"]);
  });

  it("whichever sync of a rerun the user types during, the plan goes in whole and so does what they typed", async () => {
    const first = () => planSpec("Alpha", "Beta");
    const second = () => ({ sheets: [summaryOf([["Alpha", 1], ["Gamma", 3]]), familySheet("SOP Alpha", "SOP_Alpha", 7), familySheet("SOP Gamma", "SOP_Gamma", 9)] });
    const clean = userWorkbook();
    await hostWithResize(clean).writeSheets(first());
    const from = clean.syncCount;
    await hostWithResize(clean).writeSheets(second());
    const syncs = clean.syncCount - from;
    expect(syncs).toBeGreaterThanOrEqual(5);
    for (let n = 1; n <= syncs; n++) {
      const excel = userWorkbook();
      const host = hostWithResize(excel);
      await host.writeSheets(first());
      excel.editCellDuringSync(n, "Forecast", "E9", `typed at ${n}`);
      await host.writeSheets(second());
      // The plan is the clean run's, sheet for sheet; only the user's own sheet differs, by what they typed.
      const plannerOutput = (book: FakeExcel) => {
        const output = outputOf(book) as { sheets: { name: string }[] };
        return { ...output, sheets: output.sheets.filter((sheet) => sheet.name !== "Forecast") };
      };
      expect(plannerOutput(excel)).toEqual(plannerOutput(clean));
      expect(excel.content("SOP Gamma", "B2")).toBe(9);
      expect(excel.structuredReference("SOP_Summary[Family]").cells).toEqual(["Alpha", "Gamma"]);
      expect(excel.content("Forecast", "E9")).toBe(`typed at ${n}`);
    }
  });
});

describe("writeSheets: Excel does not recalculate after each of the write's requests", () => {
  it("suspends calculation in every request that writes, and recalculates once at the end", async () => {
    const excel = userWorkbook();
    const host = new OfficeWorkbookHost(excel.run, undefined, 1500);
    await host.writeSheets(planSpec("Alpha"));
    const from = excel.syncCount;
    await host.writeSheets(planSpec("Alpha", "Beta"));
    const syncs = syncsSince(excel, from);
    // Preflight (2 reads) and the commit's read do not write; every sync that writes, but the last, is suspended.
    const writing = syncs.filter((s) => !s.calculationSuspended);
    expect(syncs.filter((s) => s.calculationSuspended).length).toBeGreaterThan(4);
    expect(writing).toHaveLength(4);
    expect(excel.calculations).toEqual(["Full", "Full"]);
  });

  it("recalculates after a failure too, the workbook put back as it was", async () => {
    const excel = userWorkbook();
    excel.failSync(3, 2);
    await expect(hostOf(excel).writeSheets(planSpec("Alpha"))).rejects.toThrow(/left as it was/);
    expect(excel.calculations).toEqual(["Full"]);
  });
});

describe("writeSheets: a fault at any sync of a rerun that resizes the tables", () => {
  it("leaves the workbook as before, or fully new with SOP_Summary the same table and the reviewer's lookup intact", async () => {
    const first = () => ({ sheets: [summaryOf([["Alpha", 10], ["Beta", 20]]), familySheet("SOP Alpha", "SOP_Alpha")] });
    const second = () => ({ sheets: [summaryOf([["Alpha", 11], ["Beta", 21], ["Gamma", 31]]), familySheet("SOP Alpha", "SOP_Alpha", 5), familySheet("SOP Gamma", "SOP_Gamma")] });
    const setUp = async () => {
      const excel = userWorkbook();
      const host = new OfficeWorkbookHost(excel.run, undefined, 1500, () => true);
      await host.writeSheets(first());
      excel.addSheet("Review", "A1", [[{ formula: "SUM(SOP_Summary[Margin])" }]]);
      return { excel, host };
    };
    const clean = await setUp();
    const from = clean.excel.syncCount;
    await clean.host.writeSheets(second());
    const syncs = clean.excel.syncCount - from;
    let restored = 0;
    let rolledForward = 0;
    for (let n = 1; n <= syncs; n++) {
      for (const after of [0, 1, 3]) {
        const { excel, host } = await setUp();
        const id = excel.tableId("SOP_Summary");
        const before = excel.snapshot();
        excel.failSync(n, after);
        const outcome = await host.writeSheets(second()).then(() => "written", (error: Error) => error.message);
        if (outcome === "written") {
          expect(outputOf(excel)).toEqual(outputOf(clean.excel));
          rolledForward++;
        } else {
          expect(outcome).toMatch(/^Writing the plan sheets failed, and the workbook was left as it was: /);
          expect(excel.snapshot()).toEqual(before);
          restored++;
        }
        expect(excel.tableId("SOP_Summary")).toBe(id);
        expect(excel.content("Review", "A1")).toBe("=SUM(SOP_Summary[Margin])");
      }
    }
    expect(restored).toBeGreaterThan(0);
    expect(rolledForward).toBeGreaterThan(0);
  });
});

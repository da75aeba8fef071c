// The analysis sheets: Capacity with live utilisation and its colours, the product split, Finance with live totals, the Risks table.
import ExcelJS from "exceljs";
import { analysePlans, planAll } from "../../src/engine";
import { layoutAnalysisSheets } from "../../src/workbook/layout";
import { runPlanner } from "../../src/workbook/pipeline";
import { sampleTemplate } from "../../src/workbook/sample";
import type { CellSpec, SheetSpec } from "../../src/workbook/sheet";
import { writeWorkbook } from "../../src/xlsx/writer";
import { toolsInput, toolsMixInput } from "../support/aggregationInputs";
import { excelTable, type Grid } from "../support/grids";

function analysis() {
  const input = toolsMixInput();
  return analysePlans(input, input, planAll(input, ["chase"]), "top-down");
}

function sheets(): SheetSpec[] {
  return layoutAnalysisSheets(analysis());
}

const sheetNamed = (all: SheetSpec[], name: string) => all.find((s) => s.name === name)!;
/** The row whose first columns read `keys`. */
function rowOf(sheet: SheetSpec, ...keys: string[]): (CellSpec | null)[] {
  const row = sheet.cells.find((line) => keys.every((k, c) => line[c]?.value === k));
  if (!row) throw new Error(`no row ${keys.join(" / ")} on ${sheet.name}`);
  return row;
}

describe("layoutAnalysisSheets", () => {
  it("writes Capacity, Products, Finance and Risks, in that order", () => {
    expect(sheets().map((s) => s.name)).toEqual(["SOP Capacity", "SOP Products", "SOP Finance", "SOP Risks"]);
  });

  it("leaves out Capacity and Products when there are no resources or products, never Risks", () => {
    const input = { ...toolsMixInput(), products: [], resources: [] };
    const names = layoutAnalysisSheets(analysePlans(input, input, planAll(input, ["chase"]), "top-down")).map((s) => s.name);
    expect(names).toEqual(["SOP Finance", "SOP Risks"]);
  });

  it("takes names the plan sheets left free", () => {
    const input = toolsMixInput();
    const analysis = analysePlans(input, input, planAll(input, ["chase"]), "top-down");
    const laidOut = layoutAnalysisSheets(analysis, { takenSheetNames: ["SOP Capacity"], takenTableNames: ["SOP_Risks"] });
    expect(laidOut[0].name).toBe("SOP Capacity (2)");
    expect(laidOut[3].tables![0].name).toBe("SOP_Risks_2");
  });
});

describe("SOP Capacity", () => {
  const capacity = sheetNamed(sheets(), "SOP Capacity");

  it("sums the families' requirements and divides by the available capacity, live", () => {
    expect(rowOf(capacity, "Line", "Required: Tools")[2]).toMatchObject({ value: 70 });
    const required = rowOf(capacity, "Line", "Required");
    expect(required[2]).toMatchObject({ formula: "SUM(C5:C5)", cached: 70 });
    const utilization = rowOf(capacity, "Line", "Utilisation");
    expect(utilization[2]).toMatchObject({ formula: "IF(C7>0,C6/C7,IF(C6>0,NA(),0))", format: "0.0%" });
    expect(utilization[2]!.cached).toBeCloseTo(70 / 60, 12);
    expect(rowOf(capacity, "Line", "Available")[2]).toMatchObject({ value: 60, style: "input" });
    expect(rowOf(capacity, "Line", "Overload")[2]).toMatchObject({ formula: "MAX(0,C6-C7)", cached: 10 });
    expect(rowOf(capacity, "Line", "Units short")[2]!.cached).toBeCloseTo(10 / 0.7, 9);
    expect(rowOf(capacity, "Line", "Idle")[3]).toMatchObject({ formula: "MAX(0,D7-D6)", cached: 25 });
    // The Total column: 105 h of 120.
    expect(utilization[4]).toMatchObject({ cached: 105 / 120 });
  });

  it("colours utilisation over 100 % red and under the threshold amber", () => {
    const utilizationRow = capacity.cells.findIndex((line) => line[0]?.value === "Line" && line[1]?.value === "Utilisation");
    expect(capacity.conditionalFormats!.slice(0, 2)).toEqual([
      { top: utilizationRow, left: 2, rows: 1, columns: 3, operator: "greaterThan", value: 1, style: "bad" },
      { top: utilizationRow, left: 2, rows: 1, columns: 3, operator: "lessThan", value: 0.7, style: "warn" },
    ]);
  });
});

describe("SOP Products", () => {
  const products = sheetNamed(sheets(), "SOP Products");

  it("lists each product's split and the family as the SUM of its products", () => {
    expect(rowOf(products, "Made", "Tools", "Drill").slice(3, 7).map((c) => c?.value ?? c?.cached)).toEqual([0.6, 60, 30, 90]);
    const family = rowOf(products, "Made", "Tools", "All products");
    expect(family[4]).toMatchObject({ cached: 100 });
    expect(family[4]!.formula).toMatch(/^SUM\(E\d+:E\d+\)$/);
    expect(family[3]).toMatchObject({ cached: 1, format: "0.0%" });
  });
});

describe("SOP Finance", () => {
  const finance = sheetNamed(sheets(), "SOP Finance");

  it("puts the total first as formulas over the family lines: one SUM of a column, however many families", () => {
    const revenue = rowOf(finance, "All families", "", "Revenue");
    expect(revenue[3]).toMatchObject({ cached: 9600 });
    const familyRevenue = finance.cells.findIndex((line) => line[0]?.value === "Tools" && line[1]?.value === "All products" && line[2]?.value === "Revenue");
    expect(revenue[3]!.formula).toBe(`SUM(D${familyRevenue + 1}:D${familyRevenue + 1})`);
    const margin = rowOf(finance, "All families", "", "Margin (cash)");
    expect(margin[3]!.formula).toMatch(/^D\d+-D\d+$/);
    expect(margin[3]!.cached).toBeCloseTo(7400, 9);
    expect(margin[5]!.formula).toMatch(/^SUM\(D\d+:E\d+\)$/);
  });

  it("shows the P&L view beside the cash view: cost of goods sold, P&L margin and inventory value, as the engine has them", () => {
    const { finance: projection } = analysis();
    const pnl = rowOf(finance, "All families", "", "P&L margin");
    // Revenue − cost of goods sold − the four period costs, in the same column.
    expect(pnl[3]!.formula).toMatch(/^D\d+-D\d+-D\d+-D\d+-D\d+-D\d+$/);
    expect(pnl[3]!.cached).toBeCloseTo(projection.total.periods[0].grossMargin, 9);
    expect(pnl[5]!.cached).toBeCloseTo(projection.total.grossMargin, 9);
    expect(rowOf(finance, "Tools", "All products", "Cost of goods sold")[5]!.cached).toBeCloseTo(projection.families[0].cogs, 9);
    const value = rowOf(finance, "All families", "", "Inventory value (end)");
    expect(value[5]!.formula).toBe(`E${finance.cells.indexOf(value) + 1}`);
  });

  it("keeps products' revenue and costs as the engine's numbers, and sums them per family", () => {
    expect(rowOf(finance, "Tools", "Drill", "Revenue").slice(3, 5).map((c) => c?.value)).toEqual([4800, 2400]);
    expect(rowOf(finance, "Tools", "All products", "Material cost")[3]).toMatchObject({ cached: 2000 });
    expect(rowOf(finance, "Tools", "Drill", "Total cost")[3]!.formula!.split("+")).toHaveLength(8);
  });
});

describe("SOP Risks", () => {
  it("is one sortable table of the flags, most serious first", () => {
    // Tools with its product forecast rows, split by their own shares: Line needs 73 × 0.5 + 27 × 1 = 63.5 h
    // of 60 in Jan (3.5 short) and 17 × 0.5 + 33 = 41.5 h in Feb (69.2 %, under 70 %).
    const input = toolsInput();
    const risks = sheetNamed(layoutAnalysisSheets(analysePlans(input, input, planAll(input, ["chase"]), "top-down")), "SOP Risks");
    const [table] = risks.tables!;
    // The chase plan overloads Line and no compared plan fits: that error is a row of its own too. Two
    // forecast gaps (family 100, 50 against products 110, 60); Paint idle in both months and Line in Feb.
    // Its workforce makes its demand and no more, so the idle hours are no opportunity: 7 flags and the header.
    expect(table).toMatchObject({ name: "SOP_Risks", top: 3, left: 0, rows: 8, columns: 8 });
    expect(risks.cells[3].map((c) => c?.value)).toEqual(["Kind", "Severity", "Family", "Product", "Resource", "Period", "Value", "Message"]);
    expect(risks.cells[4].slice(0, 7).map((c) => c?.value ?? null)).toEqual(["Overload", "1 High", "Tools", null, "Line", "Jan", 3.5]);
  });
});

/** The sample's sheets as the blocks a reader returns: one Excel table per sheet, from A1. */
const sampleBlocks = () =>
  sampleTemplate().sheets.map((s) => excelTable(s.tables![0].name, s.name, s.cells.map((line) => line.map((c) => c?.value ?? null)) as Grid));

describe("the sample through the pipeline", () => {
  const run = runPlanner(sampleBlocks(), { strategies: ["level", "chase", "manual"] });

  it("adds the demand review and the analysis sheets after the family sheets and fills resources and risks", () => {
    expect(run.sheets.sheets.map((s) => s.name)).toEqual([
      "SOP Executive summary",
      "SOP Summary",
      "SOP Cordless Drills",
      "SOP Garden Tools",
      "SOP Demand review",
      "SOP Capacity",
      "SOP Products",
      "SOP Finance",
      "SOP Risks",
      // The sample has a Budget table: the plan against it, with no version to compare.
      "SOP Variance",
    ]);
    expect(run.resources.map((r) => r.resource)).toEqual(["Assembly", "Test", "Paint"]);
    expect(run.risks[0].kind).toBe("overload");
    expect(run.risks.some((r) => r.kind === "opportunity")).toBe(true);
  });

  it("opens the review with each family's volumes: demand, shipped, unmet, production, ending inventory and workforce", () => {
    const executive = sheetNamed(run.sheets.sheets, "SOP Executive summary");
    const header = executive.cells.findIndex((line) => line[0]?.value === "Family" && line[1]?.value === "Demand");
    expect(executive.cells[header].map((c) => c?.value)).toEqual(["Family", "Demand", "Shipped", "Unmet demand", "Regular", "Overtime", "Subcontract", "Ending inventory", "Workers", "Hired", "Laid off"]);
    const volumesOf = (family: string) => executive.cells.slice(header).find((l) => l[0]?.value === family)!;
    const line = (family: string) => {
      const cells = volumesOf(family).slice(1, 11).map((c) => (c!.cached ?? c!.value) as number);
      const [demand, shipped, unmet, regular, overtime, subcontract, inventory, workers, hired, laidOff] = cells;
      return { demand, shipped, unmet, made: regular + overtime + subcontract, inventory, workers, hired, laidOff };
    };
    // The sample's demand over the year: drills 32,600, garden tools 25,500; every unit shipped,
    // and what is made is what ships plus the stock built (from 400 and 200 at the start).
    const drills = line("Cordless Drills");
    const garden = line("Garden Tools");
    expect(drills).toMatchObject({ demand: 32600, shipped: 32600, unmet: 0 });
    expect(garden).toMatchObject({ demand: 25500, shipped: 25500, unmet: 0 });
    expect(drills.made).toBeCloseTo(32600 + drills.inventory - 400, 6);
    expect(garden.made).toBeCloseTo(25500 + garden.inventory - 200, 6);
    const all = volumesOf("All families");
    expect(all[1]).toMatchObject({ cached: 58100 });
    // All families is one range of the Summary's totals by period, whatever the number of families.
    expect(all[1]!.formula).toMatch(/^SUM\('SOP Summary'!\$C\$\d+:\$N\$\d+\)$/);
    expect(all[7]!.formula).toMatch(/^'SOP Summary'!\$N\$\d+$/);
    // Each family's line reads its family sheet; the workforce ends where the hires and layoffs take it.
    expect(volumesOf("Cordless Drills")[1]!.formula).toMatch(/^SUM\('SOP Cordless Drills'!\$B\$\d+:\$M\$\d+\)$/);
    expect(drills.workers).toBe(17 + drills.hired - drills.laidOff);
    expect(garden.workers).toBe(20 + garden.hired - garden.laidOff);
  });

  it("gives the volumes by period from the Summary's totals, in whole units", () => {
    const executive = sheetNamed(run.sheets.sheets, "SOP Executive summary");
    const hired = executive.cells.find((line) => line[0]?.value === "Hired" && line[1]?.formula !== undefined)!;
    expect(hired[1]!.formula).toMatch(/^'SOP Summary'!\$C\$\d+$/);
    const demand = executive.cells.find((line) => line[0]?.value === "Demand" && line[1]?.formula !== undefined)!;
    // Jan: 2,200 drills and 1,200 garden tools.
    expect(demand[1]).toMatchObject({ cached: 3400, format: "#,##0" });
  });

  it("writes the conditional formats to the .xlsx", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeWorkbook(run.sheets)) as unknown as ArrayBuffer);
    const rules = (book.getWorksheet("SOP Capacity") as unknown as { conditionalFormattings: { ref: string; rules: { operator: string; formulae: unknown[] }[] }[] }).conditionalFormattings;
    expect(rules.length).toBe(6);
    expect(rules[0].rules[0]).toMatchObject({ operator: "greaterThan", formulae: ["1"] });
    expect(rules[1].rules[0]).toMatchObject({ operator: "lessThan", formulae: ["0.7"] });
  });
});

// Finding the template tables and naming cells, as the input template's "Finding the tables" says.
import { entityKey, matchHeaderToName, normalizeName } from "../../src/template/schema";
import { cellRef } from "../../src/workbook/names";
import { findTemplateTables, missingTableMessages, trimBlock } from "../../src/workbook/tables";
import { errorValue, excelTable, sheetBlock } from "../support/grids";

describe("name normalisation", () => {
  it.each([
    ["Price ($)", "price"],
    ["unit_cost", "unitcost"],
    ["  Unit Cost (EUR) ", "unitcost"],
    ["UnitCost", "unitcost"],
    ["Working days", "workingdays"],
    ["WORKING_DAYS (d)", "workingdays"],
    ["Hours per worker per day (h)", "hoursperworkerperday"],
    ["Fore cast", "forecast"],
  ])("%j reads as %j", (typed, normalized) => {
    expect(normalizeName(typed)).toBe(normalized);
  });

  it("keeps a name that is only a parenthesis, and strips only the last unit", () => {
    expect(normalizeName("(units)")).toBe("(units)");
    expect(normalizeName("Cost (EUR) (k)")).toBe("cost(eur)");
  });

  it("compares families and products ignoring case and extra spaces, but not units", () => {
    expect(entityKey("  Power   Tools ")).toBe("power tools");
    expect(entityKey("Tools (EU)")).not.toBe(entityKey("Tools (US)"));
  });

  it("matches a header to a name exactly first, then by its normalized form when that is unique", () => {
    expect(matchHeaderToName("line 1", ["Line 1", "Line 2"])).toBe(0);
    expect(matchHeaderToName("Line_2 (h)", ["Line 1", "Line 2"])).toBe(1);
    expect(matchHeaderToName("Line 3", ["Line 1", "Line 2"])).toBe(-1);
    expect(matchHeaderToName("Tools", ["Tools (EU)", "Tools (US)"])).toBe(-1);
  });
});

describe("cell addresses", () => {
  it("adds the block's position to the row and column of its values", () => {
    const block = sheetBlock("Forecast", [[null]], 5, 2);
    expect(cellRef(block, 1, 1)).toBe("Forecast!D7");
  });

  it("quotes sheet names the way Excel does", () => {
    expect(cellRef(sheetBlock("My Sheet", [[null]]), 0, 0)).toBe("'My Sheet'!A1");
    expect(cellRef(sheetBlock("O'Brien plan", [[null]]), 0, 0)).toBe("'O''Brien plan'!A1");
  });

  it("uses two letters past column Z", () => {
    expect(cellRef(sheetBlock("Forecast", [[null]]), 9, 26)).toBe("Forecast!AA10");
  });
});

describe("trimming a block (used range or selection)", () => {
  it("cuts empty rows and columns around the cells and moves top and left with the cut", () => {
    const block = sheetBlock(
      "Forecast",
      [
        [null, null, null, null],
        [null, "  ", null, null],
        [null, "Family", "Product", "Jan"],
        [null, "Tools", null, 5],
        [null, null, null, null],
      ],
      1,
      1,
    );
    const trimmed = trimBlock(block);
    expect(trimmed.top).toBe(3); // sheet row 4
    expect(trimmed.left).toBe(2); // column C
    expect(trimmed.values).toEqual([
      ["Family", "Product", "Jan"],
      ["Tools", null, 5],
    ]);
    expect(cellRef(trimmed, 1, 2)).toBe("Forecast!E5");
  });

  it("pads ragged rows and keeps error values and dates as content", () => {
    const trimmed = trimBlock(sheetBlock("S", [[null, "a"], [null, null, null, errorValue("#N/A")]]));
    expect(trimmed.left).toBe(1);
    expect(trimmed.values).toEqual([
      ["a", null, null],
      [null, null, errorValue("#N/A")],
    ]);
  });

  it("leaves an empty block with no rows", () => {
    expect(trimBlock(sheetBlock("S", [[null, " "], [null]])).values).toEqual([]);
  });
});

describe("finding the template tables", () => {
  const forecastGrid = [
    ["Family", "Product", "Jan"],
    ["Tools", null, 1],
  ];
  const policyGrid = [["Parameter", "Value"]];

  it("takes an Excel table of the template name, ignoring case, spaces and _", () => {
    const { tables, messages } = findTemplateTables([
      excelTable("FORECAST", "Sheet1", forecastGrid, 3, 1),
      excelTable("policy", "Sheet1", policyGrid, 10, 1),
      excelTable("Product_s", "Sheet2", [["Product", "Family"]]),
    ]);
    expect(tables.forecast?.top).toBe(3);
    expect(tables.policy?.name).toBe("policy");
    expect(tables.products?.sheet).toBe("Sheet2");
    expect(messages).toEqual([]);
  });

  it("falls back to a worksheet of that name, trimmed so addresses stay right", () => {
    const { tables } = findTemplateTables([
      sheetBlock("Forecast", [[null, null, null, null], [null, ...forecastGrid[0]], [null, ...forecastGrid[1]]]),
      sheetBlock("Policy", policyGrid),
    ]);
    expect(tables.forecast?.values).toEqual(forecastGrid);
    expect(cellRef(tables.forecast!, 1, 2)).toBe("Forecast!D3");
  });

  it("prefers an Excel table named Forecast over a worksheet named Forecast", () => {
    const { tables } = findTemplateTables([
      sheetBlock("Forecast", [["old"]]),
      excelTable("Forecast", "Demand", forecastGrid),
    ]);
    expect(tables.forecast?.sheet).toBe("Demand");
  });

  it("takes the only Excel table on a worksheet of that name (a table left as Table1)", () => {
    const { tables } = findTemplateTables([excelTable("Table1", "Forecast", forecastGrid, 2, 0)]);
    expect(tables.forecast?.name).toBe("Table1");
  });

  it("reports a missing Forecast and Policy, and how to add them; optional tables may be absent", () => {
    const { tables, messages } = findTemplateTables([sheetBlock("Notes", [["hello"]])]);
    expect(tables).toEqual({});
    expect(messages).toHaveLength(2);
    expect(messages.map((m) => m.severity)).toEqual(["error", "error"]);
    expect(messages[0].message).toMatch(/No Forecast table found/);
    expect(messages[0].message).toMatch(/worksheet named "Forecast".*Family \| Product/);
    expect(messages[1].message).toMatch(/No Policy table found.*Parameter \| Value/);
  });

  it("counts an empty worksheet as missing", () => {
    const { messages } = findTemplateTables([sheetBlock("Forecast", [[null]]), sheetBlock("Policy", policyGrid)]);
    expect(messages.map((m) => m.message)).toEqual([expect.stringMatching(/No Forecast table found/)]);
  });

  it("warns when two worksheets could be the same table and uses the first", () => {
    const { tables, messages } = findTemplateTables([
      sheetBlock("Forecast", forecastGrid),
      sheetBlock("fore_cast", forecastGrid),
      sheetBlock("Policy", policyGrid),
    ]);
    expect(tables.forecast?.sheet).toBe("Forecast");
    expect(messages).toEqual([
      {
        severity: "warning",
        cell: "Forecast!A1",
        message: expect.stringMatching(/"Forecast", "fore_cast"/),
      },
    ]);
  });

  it("lists missing required tables for tables chosen by hand", () => {
    expect(missingTableMessages({ policy: sheetBlock("Policy", policyGrid) })).toHaveLength(1);
  });
});

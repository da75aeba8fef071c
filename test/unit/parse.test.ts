// The input template's rules, one describe per rule: grids typed by hand in, PlanningInput and messages out.
import type { PlanMessage, PlanningInput } from "../../src/engine/model";
import { POLICY_DEFAULTS } from "../../src/engine/policy";
import type { RawCell } from "../../src/workbook/raw";
import { dateLabel } from "../../src/template/dates";
import { parseInputs } from "../../src/workbook/parse";
import { findTemplateTables, type TemplateTables } from "../../src/workbook/tables";
import { date, errorValue, excelTable, happyGrids, minimalGrids, PERIODS, sheetBlock, tablesFrom, type Grid } from "../support/grids";

type Grids = Partial<Record<keyof TemplateTables, Grid>>;

function parse(grids: Grids) {
  return parseInputs(tablesFrom(grids));
}

function only(messages: PlanMessage[], severity: PlanMessage["severity"]) {
  return messages.filter((m) => m.severity === severity);
}

/** The one message of a severity; fails loudly with every message when there is not exactly one. */
function single(grids: Grids, severity: PlanMessage["severity"] = "error"): PlanMessage {
  const { messages } = parse(grids);
  const found = only(messages, severity);
  expect({ count: found.length, messages }).toEqual({ count: 1, messages });
  return found[0];
}

/** The minimal workbook with Forecast demand cells replaced by `demand`. */
function withDemand(...demand: RawCell[]): Grids {
  return minimalGrids(demand);
}

/** The minimal workbook with these Policy rows under `Parameter | Value`. */
function withPolicy(rows: Grid, header: RawCell[] = ["Parameter", "Value"]): Grids {
  return { forecast: minimalGrids().forecast, policy: [header, ...rows] };
}

function policyOf(grids: Grids, family = "Tools") {
  const { input, messages } = parse(grids);
  expect(only(messages, "error")).toEqual([]);
  return input!.families.find((f) => f.family === family)!.policy;
}

describe("a complete workbook", () => {
  it("becomes the full PlanningInput", () => {
    const { input, messages } = parse(happyGrids());
    const shared = {
      ...POLICY_DEFAULTS,
      laborHoursPerUnit: 2,
      hoursPerWorkerPerDay: 8,
      holdingCostPerUnit: 1.5,
      holdingCostBasis: "average" as const,
    };
    const expected: PlanningInput = {
      periods: PERIODS,
      workingDays: [20, 19, 21],
      families: [
        {
          family: "Tools",
          demand: [300, 100, 200],
          policy: { ...shared, initialWorkers: 10, integerWorkers: true, pricePerUnit: 100 },
          manualPlan: { workers: [10, 10, 10], regular: [280, 120, 200], overtime: null, subcontract: null },
        },
        {
          family: "Garden",
          demand: [60, 90, 120],
          hasFamilyRow: false,
          policy: { ...shared, initialWorkers: 4, backorderCostPerUnit: 5, integerWorkers: false, pricePerUnit: 30 },
          manualPlan: null,
        },
      ],
      products: [
        { product: "Drill", family: "Tools", demand: [200, 60, 120], mix: 0.6, mixCell: "Products!C2", price: 80, unitCost: 30, loads: { "Line 1": 0.5 } },
        { product: "Saw", family: "Tools", demand: [100, 40, 80], mix: 0.4, mixCell: "Products!C3", price: 120, unitCost: 45, loads: { "Line 1": 0 } },
        { product: "Hose", family: "Garden", demand: [50, 70, 90], mix: null, price: 25, unitCost: null, loads: { "Line 1": 0.1 } },
        { product: "Rake", family: "Garden", demand: [10, 20, 30], mix: null, price: null, unitCost: null, loads: {} },
      ],
      resources: [{ resource: "Line 1", available: [160, 152, 168] }],
    };
    expect(input).toEqual(expected);
    expect(messages).toEqual([
      {
        severity: "info",
        cell: "Forecast!A5",
        message:
          'Family "Garden" has no family row in Forecast (a row with a blank Product); its demand is the sum of its 2 product rows (first at Forecast!A5).',
      },
    ]);
  });

  it("plans without the optional tables", () => {
    const { input, messages } = parse(minimalGrids());
    expect(messages).toEqual([]);
    expect(input).toEqual({
      periods: ["P1", "P2"],
      workingDays: null,
      families: [
        { family: "Tools", demand: [100, 200], policy: { ...POLICY_DEFAULTS, unitsPerWorkerPerPeriod: 50 }, manualPlan: null },
      ],
      products: [],
      resources: [],
    });
  });

  it("returns no input, and no message of its own, when Forecast or Policy is missing", () => {
    expect(parse({ forecast: minimalGrids().forecast })).toEqual({ input: null, messages: [], history: null, inputs: [], reasons: [] });
    expect(parse({ policy: minimalGrids().policy })).toEqual({ input: null, messages: [], history: null, inputs: [], reasons: [] });
  });

  it("still checks the other tables when Policy is missing", () => {
    const { input, messages } = parse({ forecast: minimalGrids([-1, 2]).forecast });
    expect(input).toBeNull();
    expect(messages.map((m) => m.cell)).toEqual(["Forecast!C2"]);
  });

  it("names cells on a sheet whose name needs quotes, from where the table starts", () => {
    const tables = tablesFrom(withDemand(-5, 1));
    tables.forecast = sheetBlock("Demand plan", minimalGrids([-5, 1]).forecast, 4, 1);
    const { messages } = parseInputs(tables);
    expect(messages.map((m) => m.cell)).toEqual(["'Demand plan'!D6"]);
  });
});

describe("tables found on a shared sheet", () => {
  it("reads Excel tables anywhere on a sheet and names cells on it", () => {
    const grids = happyGrids();
    grids.forecast[3][3] = "40";
    const blocks = [
      excelTable("Forecast", "S&OP Inputs", grids.forecast, 2, 1),
      excelTable("Policy", "S&OP Inputs", grids.policy, 12, 1),
      excelTable("Capacity", "S&OP Inputs", grids.capacity, 24, 1),
    ];
    const found = findTemplateTables(blocks);
    expect(found.messages).toEqual([]);
    const { input, messages } = parseInputs(found.tables);
    expect(input).toBeNull();
    expect(only(messages, "error").map((m) => m.cell)).toEqual(["'S&OP Inputs'!E6"]);
  });
});

describe("key columns", () => {
  it("a missing key column is an error naming the header row", () => {
    const forecast = [
      ["Family", "Jan", "Feb"],
      ["Tools", 1, 2],
    ];
    const error = single({ forecast, policy: minimalGrids().policy });
    expect(error.cell).toBe("Forecast!A1");
    expect(error.message).toBe(
      'The Forecast header row (row 1, starting at Forecast!A1) has no "Product" column; it must read Family | Product | <one column per period>.',
    );
  });

  it("a merged header cell says it is merged, naming its range", () => {
    // "Family" merged across A1:B1: Excel (and the .xlsx reader) give B1 as blank.
    const forecast = { ...sheetBlock("Forecast", [["Family", null, "Jan"], ["Tools", null, 1]]), merges: [{ top: 0, left: 0, bottom: 0, right: 1 }] };
    const found = findTemplateTables([forecast, sheetBlock("Policy", minimalGrids().policy)]);
    const errors = only(parseInputs(found.tables).messages, "error");
    expect(errors).toEqual([
      {
        severity: "error",
        cell: "Forecast!A1",
        message:
          'The Forecast header row (row 1, starting at Forecast!A1) has no "Product" column: Forecast!A1:B1 is one merged cell ("Family"); ' +
          "unmerge it so that each column has its own header; it must read Family | Product | <one column per period>.",
      },
    ]);
  });

  it("a title above the header row is left out, with a note saying so", () => {
    const forecast = sheetBlock("Forecast", [["Demand forecast 2027", null, null, null], [null, null, null, null], ["Family", "Product", "Jan", "Feb"], ["Tools", null, 100, 200]]);
    const found = findTemplateTables([forecast, sheetBlock("Policy", minimalGrids().policy)]);
    expect(found.messages).toEqual([
      {
        severity: "info",
        cell: "Forecast!A1",
        message: 'Forecast!A1 "Demand forecast 2027" is above the Forecast header row (Forecast!A3), so rows 1 to 2 are read as a title and left out.',
      },
    ]);
    const { input, messages } = parseInputs(found.tables);
    expect(only(messages, "error")).toEqual([]);
    expect(input?.periods).toEqual(["Jan", "Feb"]);
    expect(input?.families[0].demand).toEqual([100, 200]);
  });

  it("a title with no header row below it says it looks like a title", () => {
    const forecast = [["Demand forecast 2027", null, null], ["Tools", 1, 2]];
    const error = single({ forecast, policy: minimalGrids().policy });
    expect(error.message).toBe(
      'The Forecast header row (row 1, starting at Forecast!A1) has no "Family" and "Product" column: row 1 holds only "Demand forecast 2027", ' +
        'a title, and no row below it has "Family" and "Product" either; it must read Family | Product | <one column per period>.',
    );
  });

  it("finds key columns by normalized name in any order", () => {
    const forecast = [
      ["PRODUCT", "family (name)", "P1", "P2"],
      [null, "Tools", 100, 200],
    ];
    const { input } = parse({ forecast, policy: minimalGrids().policy });
    expect(input?.families[0].demand).toEqual([100, 200]);
  });

  it("warns about a column between the key columns and ignores it", () => {
    const forecast = [
      ["Family", "Notes", "Product", "P1"],
      ["Tools", "hi", null, 100],
    ];
    const warning = single({ forecast, policy: minimalGrids().policy }, "warning");
    expect(warning).toEqual({
      severity: "warning",
      cell: "Forecast!B1",
      message: 'Forecast!B1 "Notes" is not a Forecast column, so the column is ignored.',
    });
  });

  it("warns about data right of the last header", () => {
    const forecast = [
      ["Family", "Product", "P1", "P2"],
      ["Tools", null, 100, 200],
      ["Tools", "Drill", 100, 200, null, 7],
    ];
    const warning = single({ forecast, policy: minimalGrids().policy }, "warning");
    expect(warning.cell).toBe("Forecast!F3");
    expect(warning.message).toMatch(/right of the last column with a header/);
  });
});

describe("period headers", () => {
  it("labels a first-of-month date `Jan 2027`, another date in ISO form, a number as its text", () => {
    expect(dateLabel(date(2027, 1, 1).date)).toBe("Jan 2027");
    expect(dateLabel(date(2027, 1, 15).date)).toBe("2027-01-15");
    expect(dateLabel(date(2027, 12, 1).date + 0.75)).toBe("Dec 2027"); // 6 pm on the 1st
    const { input } = parse({
      forecast: [
        ["Family", "Product", date(2027, 1, 15), 2028, " W05 "],
        ["Tools", null, 1, 2, 3],
      ],
      policy: minimalGrids().policy,
    });
    expect(input?.periods).toEqual(["2027-01-15", "2028", "W05"]);
  });

  it("a date header matches the same label typed as text in another table, ignoring case and spaces", () => {
    const grids = happyGrids();
    grids.capacity[0] = ["Resource", "jan 2027", "Feb2027", "MAR 2027"];
    const { input } = parse(grids);
    expect(input?.periods).toEqual(PERIODS);
  });

  it("a differing period is an error naming the first differing cell", () => {
    const grids = happyGrids();
    grids.capacity[0] = ["Resource", "Jan 2027", "Mar 2027", "Feb 2027"];
    const error = single(grids);
    expect(error.cell).toBe("Capacity!C1");
    expect(error.message).toBe(
      'Capacity!C1 is the period "Mar 2027", but period 2 of Forecast is "Feb 2027" (Forecast!D1); every table must have the same periods in the same order.',
    );
  });

  it("a table with fewer periods is an error naming the cell where the next one belongs", () => {
    const grids = happyGrids();
    grids.plan = [
      ["Family", "Row", "Jan 2027", "Feb 2027"],
      ["Tools", "Workers", 10, 10],
    ];
    const error = single(grids);
    expect(error.cell).toBe("Plan!E1");
    expect(error.message).toMatch(/^Plan has 2 periods but Forecast has 3: Plan!E1 should be "Mar 2027" like Forecast!E1/);
  });

  it("a table with more periods is an error naming the extra header", () => {
    const grids = happyGrids();
    grids.capacity = [
      ["Resource", ...PERIODS, "Apr 2027"],
      ["Working days", 20, 19, 21, 21],
    ];
    const error = single(grids);
    expect(error.cell).toBe("Capacity!E1");
    expect(error.message).toMatch(/"Apr 2027", but Forecast has only 3 periods/);
  });

  it("a repeated, blank or non-label period header is an error naming it", () => {
    const errors = only(
      parse({
        forecast: [
          ["Family", "Product", "Jan", "jan", null, true, "Mar"],
          ["Tools", null, 1, 2, 3, 4, 5],
        ],
        policy: minimalGrids().policy,
      }).messages,
      "error",
    );
    expect(errors.map((e) => e.cell)).toEqual(["Forecast!D1", "Forecast!E1", "Forecast!F1"]);
    expect(errors[0].message).toBe('Forecast!D1 repeats the period "jan" of Forecast!C1; each period must appear once.');
    expect(errors[1].message).toMatch(/has no period header, but columns right of it do/);
    expect(errors[2].message).toMatch(/holds TRUE; a period header must be a label/);
  });

  it("empty trailing header columns end the table", () => {
    const { input, messages } = parse({
      forecast: [
        ["Family", "Product", "P1", "P2", null, "  "],
        ["Tools", null, 100, 200, null, null],
      ],
      policy: minimalGrids().policy,
    });
    expect(messages).toEqual([]);
    expect(input?.periods).toEqual(["P1", "P2"]);
  });

  it("a Forecast without period columns is an error", () => {
    const error = single({ forecast: [["Family", "Product"], ["Tools", null]], policy: minimalGrids().policy });
    expect(error.cell).toBe("Forecast!C1");
    expect(error.message).toMatch(/Forecast has no period columns/);
  });
});

describe("Forecast cells", () => {
  it("blank and whitespace-only cells are 0", () => {
    const { input } = parse(withDemand(null, "   ", 7));
    expect(input?.families[0].demand).toEqual([0, 0, 7]);
  });

  it.each<[string, RawCell, string]>([
    ["a negative number", -5, "Forecast!C2 is -5; demand must be 0 or more."],
    [
      "a number too large to be an amount",
      4.2e13,
      "Forecast!C2 is 42000000000000; demand must be at most 1000000000000. A number this large is most likely a pasted code.",
    ],
    [
      "numeric-looking text",
      "100",
      'Forecast!C2 is text, not a number ("100"); demand must be a number. Excel leaves text out of sums even when it looks like a number; enter it as a number.',
    ],
    ["other text", "lots", 'Forecast!C2 is text, not a number ("lots"); demand must be a number.'],
    ["a boolean", true, "Forecast!C2 holds TRUE, not a number; demand must be a number."],
    ["an error value", errorValue("#N/A"), "Forecast!C2 holds the error #N/A, not a number; demand must be a number."],
    ["a date", date(2027, 1, 1), "Forecast!C2 holds a date, not a number; demand must be a number."],
  ])("%s is an error naming the cell", (_, cell, message) => {
    expect(single(withDemand(cell, 1))).toEqual({ severity: "error", cell: "Forecast!C2", message });
  });

  it("collects every bad cell, not only the first, and returns no input", () => {
    const { input, messages } = parse(withDemand(-1, "x", errorValue("#REF!")));
    expect(input).toBeNull();
    expect(messages.map((m) => m.cell)).toEqual(["Forecast!C2", "Forecast!D2", "Forecast!E2"]);
  });

  it("cuts long text short in a message, keeping its start and its end", () => {
    const error = single(withDemand(`${"a".repeat(200)}z`, 1));
    expect(error.message).toContain(`("${"a".repeat(80)}…${"a".repeat(38)}z")`);
  });

  it("keeps long names whole, so two that differ at the end read differently", () => {
    const garden = "Garden Tools for Professional Landscapers and Municipal Grounds Maintenance";
    const { messages } = parse({
      forecast: [["Family", "Product", "P1", "P2"], [garden, "A", 1, 2], [`${garden} (EU)`, "B", 1, 2]],
      policy: minimalGrids().policy,
    });
    const infos = messages.filter((m) => m.message.includes("has no family row")).map((m) => m.message);
    expect(infos).toEqual([expect.stringContaining(`"${garden}" has`), expect.stringContaining(`"${garden} (EU)" has`)]);
  });
});

describe("Forecast rows", () => {
  const policy = minimalGrids().policy;

  it("a duplicate (Family, Product) pair is an error naming both rows", () => {
    const error = single({
      forecast: [
        ["Family", "Product", "P1"],
        ["Tools", "Drill", 1],
        ["Tools", null, 1],
        ["tools ", "DRILL", 2],
      ],
      policy,
    });
    expect(error).toEqual({
      severity: "error",
      cell: "Forecast!A4",
      message:
        'Forecast rows 2 and 4 are both Family "tools", Product "DRILL" (Forecast!A2 and Forecast!A4); keep one row.',
    });
  });

  it("two family rows for one family are a duplicate too", () => {
    const error = single({ forecast: [["Family", "Product", "P1"], ["Tools", null, 1], ["Tools", " ", 2]], policy });
    expect(error.message).toMatch(/^Forecast rows 2 and 3 are both the family row of "Tools"/);
  });

  it("a row with data but no Family is an error", () => {
    const error = single({ forecast: [["Family", "Product", "P1"], ["Tools", null, 1], [null, "Drill", 2]], policy });
    expect(error.cell).toBe("Forecast!A3");
    expect(error.message).toMatch(/has no Family, but row 3 of Forecast has data/);
  });

  it("empty rows are skipped", () => {
    const { input, messages } = parse({ forecast: [["Family", "Product", "P1"], [null, null, null], ["Tools", null, 4]], policy });
    expect(messages).toEqual([]);
    expect(input?.families.map((f) => f.demand)).toEqual([[4]]);
  });

  it("families keep the order of first appearance, matched ignoring case", () => {
    const { input } = parse({
      forecast: [
        ["Family", "Product", "P1"],
        ["Garden", "Hose", 1],
        ["Tools", null, 5],
        ["garden", "Rake", 2],
      ],
      policy,
    });
    expect(input?.families.map((f) => [f.family, f.demand])).toEqual([
      ["Garden", [3]],
      ["Tools", [5]],
    ]);
  });

  it("a family row that differs from the sum of its products is a warning with the numbers", () => {
    const warning = single(
      {
        forecast: [
          ["Family", "Product", "P1", "P2"],
          ["Tools", null, 300, 100],
          ["Tools", "Drill", 200, 60],
          ["Tools", "Saw", 100, 35],
        ],
        policy,
      },
      "warning",
    );
    expect(warning).toEqual({
      severity: "warning",
      cell: "Forecast!D2",
      message:
        'Forecast!D2: the family forecast of "Tools" for P2 is 100, but its products sum to 95. Top-down planning uses the family row, bottom-up the products.',
    });
  });

  it("the family row is the family's demand even when its products differ", () => {
    const { input } = parse({ forecast: [["Family", "Product", "P1"], ["Tools", null, 9], ["Tools", "Drill", 4]], policy });
    expect(input?.families[0].demand).toEqual([9]);
  });

  it("a Forecast with only a header is an error", () => {
    expect(single({ forecast: [["Family", "Product", "P1"]], policy }).cell).toBe("Forecast!A2");
  });
});

describe("Capacity", () => {
  const base = () => ({ ...minimalGrids(), policy: [["Parameter", "Value"], ["Units per worker per day", 5]] });

  it("the Working days row gives working days; other rows are resources, blank = 0", () => {
    const { input } = parse({
      ...base(),
      capacity: [
        ["Resource", "P1", "P2"],
        ["Line 1", 160, null],
        ["working_days (d)", 20, 18],
        ["Oven", 40, 50],
      ],
    });
    expect(input?.workingDays).toEqual([20, 18]);
    expect(input?.resources).toEqual([
      { resource: "Line 1", available: [160, 0] },
      { resource: "Oven", available: [40, 50] },
    ]);
  });

  it("a blank capacity cell is 0, with a warning naming the cell, so a cell left empty by mistake is seen", () => {
    const { input, messages } = parse({
      ...base(),
      capacity: [
        ["Resource", "P1", "P2"],
        ["Working days", 20, null],
        ["Line 1", 160, null],
        ["Oven", null, null],
      ],
    });
    expect(input?.resources.map((r) => r.available)).toEqual([
      [160, 0],
      [0, 0],
    ]);
    expect(only(messages, "warning")).toEqual([
      { severity: "warning", cell: "Capacity!C2", message: "Capacity!C2 is blank, so there are 0 working days in P2 (a blank is 0); enter what is available, or 0 if nothing is." },
      { severity: "warning", cell: "Capacity!C3", message: 'Capacity!C3 is blank, so "Line 1" has 0 available in P2 (a blank capacity is 0); enter what is available, or 0 if nothing is.' },
      { severity: "warning", cell: "Capacity!B4", message: 'Capacity!B4, Capacity!C4 are blank, so "Oven" has 0 available in P1 and P2 (a blank capacity is 0); enter what is available, or 0 if nothing is.' },
    ]);
  });

  it("a Capacity header that cannot be read is the one error: no follow-on errors about its Working days row or its resources", () => {
    const { messages } = parse({
      forecast: minimalGrids().forecast,
      policy: [["Parameter", "Value"], ["Units per worker per day", 5], ["Storage resource", "Oven"]],
      capacity: [
        ["Resource", "P1", "P1"],
        ["Working days", 20, 20],
        ["Oven", 40, 50],
      ],
      products: [
        ["Product", "Family", "Oven"],
        ["Drill", "Tools", 1],
      ],
    });
    expect(messages.filter((m) => m.severity !== "info").map((m) => m.message)).toEqual(['Capacity!C1 repeats the period "P1" of Capacity!B1; each period must appear once.']);
  });

  it("without a Working days row, working days are null", () => {
    const { input } = parse({ ...minimalGrids(), capacity: [["Resource", "P1", "P2"], ["Line 1", 1, 2]] });
    expect(input?.workingDays).toBeNull();
  });

  it("negative and text capacity are errors naming the cell", () => {
    const { messages } = parse({
      ...base(),
      capacity: [["Resource", "P1", "P2"], ["Working days", -1, 20], ["Line 1", "160", 2]],
    });
    expect(messages.map((m) => [m.cell, m.message.split(";")[0]])).toEqual([
      ["Capacity!B2", "Capacity!B2 is -1"],
      ["Capacity!B3", 'Capacity!B3 is text, not a number ("160")'],
    ]);
    expect(messages[0].message).toMatch(/working days must be 0 or more/);
  });

  it("a duplicate resource or Working days row is an error naming both rows", () => {
    const { messages } = parse({
      ...base(),
      capacity: [
        ["Resource", "P1", "P2"],
        ["Line 1", 1, 2],
        ["Working days", 20, 20],
        ["line 1", 3, 4],
        ["Working Days", 21, 21],
      ],
    });
    expect(only(messages, "error")).toEqual([
      {
        severity: "error",
        cell: "Capacity!A4",
        message: 'Capacity rows 2 and 4 are both "line 1" (Capacity!A2 and Capacity!A4); keep one row.',
      },
      {
        severity: "error",
        cell: "Capacity!A5",
        message: 'Capacity rows 3 and 5 are both "Working Days" (Capacity!A3 and Capacity!A5); keep one row.',
      },
    ]);
  });

  it("a row with data but no Resource name is an error", () => {
    const error = single({ ...minimalGrids(), capacity: [["Resource", "P1", "P2"], [null, 1, 2]] });
    expect(error.cell).toBe("Capacity!A2");
  });
});

describe("Products", () => {
  const forecast = happyGrids().forecast;
  const capacity = happyGrids().capacity;
  const policy = happyGrids().policy;
  const productsOf = (products: Grid) => parse({ forecast, capacity, policy, products });

  it("matches headers by normalized name: `Price ($)`, `unit_cost`, `Price per unit`, `Line_1 (h)`", () => {
    const { input } = productsOf([
      ["unit_cost", "Price per unit", "FAMILY", "product", "MIX (%)", "Line_1 (h)"],
      ["Drill", 80, "Tools", "Drill", 0.5, 2].map((v, i) => (i === 0 ? 30 : v)),
    ]);
    expect(input?.products[0]).toEqual({
      product: "Drill",
      family: "Tools",
      demand: [200, 60, 120],
      mix: 0.5,
      // Where the Mix was read, for the message when the product forecasts' shares split the plan instead.
      mixCell: "Products!E2",
      price: 80,
      unitCost: 30,
      loads: { "Line 1": 2 },
    });
  });

  it("blank Mix, Price and Unit cost are null; blank loads are 0; absent columns give null and no loads", () => {
    const { input } = productsOf([["Product", "Family", "Mix", "Line 1"], ["Saw", "Tools", null, null]]);
    expect(input?.products[0]).toMatchObject({ mix: null, price: null, unitCost: null, loads: { "Line 1": 0 } });
  });

  it("a header that is neither a Products column nor a Capacity resource is a warning naming it", () => {
    const { messages } = productsOf([["Product", "Family", "Weight"], ["Saw", "Tools", 3]]);
    expect(only(messages, "warning")).toEqual([
      {
        severity: "warning",
        cell: "Products!C1",
        message:
          'Products!C1 "Weight" is neither a Products column (Product, Family, Mix, Price, Unit cost, Storage per unit) nor a resource in Capacity, so the column is ignored.',
      },
    ]);
  });

  it("negative or text numbers are errors naming the cell", () => {
    const { messages } = productsOf([["Product", "Family", "Mix", "Price", "Line 1"], ["Saw", "Tools", -0.2, "12", -1]]);
    expect(only(messages, "error").map((m) => m.cell)).toEqual(["Products!C2", "Products!D2", "Products!E2"]);
    expect(messages.find((m) => m.cell === "Products!E2")?.message).toBe(
      'Products!E2 is -1; the load on "Line 1" must be 0 or more.',
    );
  });

  it("a family not in Forecast is a warning; the product keeps no demand", () => {
    const { input, messages } = productsOf([["Product", "Family"], ["Kettle", "Kitchen"]]);
    expect(only(messages, "warning")).toEqual([
      {
        severity: "warning",
        cell: "Products!B2",
        message: 'Products!B2: the family "Kitchen" of product "Kettle" is not in Forecast, so the product is not planned.',
      },
    ]);
    expect(input?.products[0]).toMatchObject({ product: "Kettle", family: "Kitchen", demand: null });
  });

  it("a family in Actuals but not in Forecast is planned on its baseline, and so are its products: no warning", () => {
    const months = ["Oct 2026", "Nov 2026", "Dec 2026"];
    const { input, messages } = parse({
      forecast,
      capacity,
      policy,
      products: [["Product", "Family", "Line 1"], ["Pump", "PUMPS", 0.2], ["Kettle", "Kitchen", 0.1]],
      actuals: [["Family", "Product", ...months], ["Pumps", null, 40, 42, 41]],
    });
    expect(only(messages, "warning").map((m) => m.cell)).toEqual(["Products!B3"]);
    expect(input?.families.map((f) => f.family)).toContain("Pumps");
    expect(input?.products.find((p) => p.product === "Pump")).toMatchObject({ family: "Pumps", demand: null });
  });

  it("a product without a Forecast row has null demand; its family name takes Forecast's spelling", () => {
    const { input } = productsOf([["Product", "Family"], ["Hammer", "TOOLS"]]);
    expect(input?.products[0]).toMatchObject({ product: "Hammer", family: "Tools", demand: null });
  });

  it("Forecast products missing from Products are added after the listed ones", () => {
    const { input } = productsOf([["Product", "Family"], ["Saw", "Tools"]]);
    expect(input?.products.map((p) => p.product)).toEqual(["Saw", "Drill", "Hose", "Rake"]);
  });

  it("a duplicate product is an error naming both rows", () => {
    const error = single({ forecast, capacity, policy, products: [["Product", "Family"], ["Saw", "Tools"], ["saw", "Tools"]] });
    expect(error).toEqual({
      severity: "error",
      cell: "Products!A3",
      message: 'Products rows 2 and 3 are both "saw" (Products!A2 and Products!A3); keep one row.',
    });
  });

  it("a duplicate column is an error naming the second header", () => {
    const error = single({ forecast, capacity, policy, products: [["Product", "Family", "Price", "Price ($)"], ["Saw", "Tools", 1, 2]] });
    expect(error.cell).toBe("Products!D1");
    expect(error.message).toBe('Products!D1 "Price ($)" repeats the Products column Products!C1; keep one.');
  });

  it("a missing Product or Family column is an error naming the header row", () => {
    const error = single({ forecast, capacity, policy, products: [["Product", "Mix"], ["Saw", 1]] });
    expect(error.cell).toBe("Products!A1");
    expect(error.message).toMatch(/has no "Family" column/);
  });

  it("a row with data but no Product or Family is an error", () => {
    const { messages } = productsOf([["Product", "Family", "Mix"], [null, "Tools", 1], ["Saw", null, 1]]);
    expect(only(messages, "error").map((m) => m.cell)).toEqual(["Products!A2", "Products!B3"]);
  });
});

describe("Policy parameters", () => {
  it("blank means the default", () => {
    const policy = policyOf(withPolicy([["Units per worker per period", 50], ["Safety stock", null], ["Holding cost basis", " "]]));
    expect(policy).toEqual({ ...POLICY_DEFAULTS, unitsPerWorkerPerPeriod: 50 });
  });

  it("every parameter of the spec maps to its field (hours rule)", () => {
    const policy = policyOf(
      {
        ...withPolicy([
        // The storage resource is a Capacity resource, spelt as Capacity spells it.
        ["Storage resource", "warehouse"],
        ["Initial inventory", 1],
        ["Initial backlog", 2],
        ["Ending inventory", 3],
        ["Safety stock", 4],
        ["Initial workers", 5],
        ["Labor hours per unit", 6],
        ["Hours per worker per period", 7],
        ["Regular cost per hour", 8],
        ["Regular cost per unit", 9],
        ["Overtime cost per hour", 10],
        ["Overtime cost per unit", 11],
        ["Max overtime hours per worker", 12],
        ["Max overtime units per period", 13],
        ["Hiring cost per worker", 14],
        ["Layoff cost per worker", 15],
        ["Holding cost per unit", 16],
        ["Holding cost basis", "average"],
        ["Backorder cost per unit", 17],
        ["Subcontract cost per unit", 18],
        ["Max subcontract per period", 19],
        ["Material cost per unit", 20],
        ["Price per unit", 21],
        ["Integer workers", "yes"],
        ["Optimality gap", 0.25],
        ["Frozen periods", 2],
        ["Lost sale cost per unit", 22],
        ["Priority", 1],
        ["Demand basis", "statistical"],
        ["Safety stock periods of cover", 1.5],
        ["Service level", 0.95],
        ["Upside limit", 35],
        ["Opening stock value per unit", 23.5],
      ]),
        capacity: [["Resource", "P1", "P2"], ["Warehouse", 100, 100]],
      },
    );
    expect(policy).toEqual({
      initialInventory: 1,
      initialBacklog: 2,
      endingInventory: 3,
      safetyStock: 4,
      initialWorkers: 5,
      laborHoursPerUnit: 6,
      hoursPerWorkerPerDay: null,
      hoursPerWorkerPerPeriod: 7,
      unitsPerWorkerPerDay: null,
      unitsPerWorkerPerPeriod: null,
      regularCostPerHour: 8,
      regularCostPerUnit: 9,
      overtimeCostPerHour: 10,
      overtimeCostPerUnit: 11,
      maxOvertimeHoursPerWorker: 12,
      maxOvertimeUnitsPerPeriod: 13,
      hiringCostPerWorker: 14,
      layoffCostPerWorker: 15,
      holdingCostPerUnit: 16,
      holdingCostBasis: "average",
      backorderCostPerUnit: 17,
      subcontractCostPerUnit: 18,
      maxSubcontractPerPeriod: 19,
      materialCostPerUnit: 20,
      pricePerUnit: 21,
      integerWorkers: true,
      optimalityGapPercent: 0.25,
      idleTimeAllowed: true,
      frozenPeriods: 2,
      lostSaleCostPerUnit: 22,
      priority: 1,
      demandBasis: "statistical",
      safetyStockCover: 1.5,
      serviceLevel: 0.95,
      upsideLimit: 0.35,
      storageResource: "Warehouse",
      openingStockValuePerUnit: 23.5,
    });
  });

  it("units per worker per day and per period are separate parameters", () => {
    const grids: Grids = {
      ...withPolicy([["Units per worker per day", 3], ["Units per worker per period", 60], ["Hours per worker per day", 8]]),
      capacity: [["Resource", "P1", "P2"], ["Working days", 20, 10]],
    };
    expect(policyOf(grids)).toMatchObject({ unitsPerWorkerPerDay: 3, unitsPerWorkerPerPeriod: 60, hoursPerWorkerPerDay: 8 });
  });

  it("accepts names with a trailing unit, `_`, any case, and the spelling `Labour`", () => {
    const policy = policyOf(
      withPolicy([
        ["LABOUR_HOURS_PER_UNIT (h)", 2],
        ["Hours per worker per period (h)", 160],
        ["holding cost per unit ($)", 1.25],
      ]),
    );
    expect(policy).toMatchObject({ laborHoursPerUnit: 2, hoursPerWorkerPerPeriod: 160, holdingCostPerUnit: 1.25 });
  });

  it("an unknown parameter is an error naming the cell, with the likely name", () => {
    const error = single(withPolicy([["Units per worker per period", 50], ["Holdng cost per unit", 2]]));
    expect(error).toEqual({
      severity: "error",
      cell: "Policy!A3",
      message: 'Policy!A3 "Holdng cost per unit" is not a Policy parameter, so its values would be lost. Did you mean "Holding cost per unit"?',
    });
    const far = single(withPolicy([["Units per worker per period", 50], ["Carbon tax", 2]]));
    expect(far.message).toMatch(/The parameters are listed in the README\.$/);
  });

  it("a duplicate parameter row is an error naming both rows", () => {
    const error = single(withPolicy([["Units per worker per period", 50], ["Safety stock", 1], ["safety_stock", 2]]));
    expect(error.cell).toBe("Policy!A4");
    expect(error.message).toBe('Policy rows 3 and 4 are both "safety_stock" (Policy!A3 and Policy!A4); keep one row.');
  });

  it("numbers must be 0 or more, and numbers", () => {
    const { messages } = parse(withPolicy([["Units per worker per period", 50], ["Safety stock", -10], ["Hiring cost per worker", "500"]]));
    expect(only(messages, "error")).toEqual([
      { severity: "error", cell: "Policy!B3", message: 'Policy!B3 is -10; "Safety stock" must be 0 or more.' },
      expect.objectContaining({ cell: "Policy!B4", message: expect.stringMatching(/^Policy!B4 is text, not a number/) }),
    ]);
  });

  it("a row with values but no parameter name is an error", () => {
    expect(single(withPolicy([["Units per worker per period", 50], [null, 3]])).cell).toBe("Policy!A3");
  });
});

describe("Holding cost basis", () => {
  it.each([["Ending", "ending"], [" AVERAGE ", "average"], ["average", "average"]])("%j reads as %j", (typed, basis) => {
    expect(policyOf(withPolicy([["Units per worker per period", 50], ["Holding cost basis", typed]])).holdingCostBasis).toBe(basis);
  });

  it("anything else is an error naming the cell", () => {
    expect(single(withPolicy([["Units per worker per period", 50], ["Holding cost basis", "Avg"]]))).toEqual({
      severity: "error",
      cell: "Policy!B3",
      message: 'Policy!B3 holds the text "Avg"; "Holding cost basis" must be Ending or Average.',
    });
  });
});

describe("Integer workers", () => {
  it.each<[RawCell, boolean]>([["Yes", true], ["no", false], [true, true], [false, false], ["TRUE", true], [1, true], [0, false]])(
    "%j reads as %j",
    (typed, whole) => {
      expect(policyOf(withPolicy([["Units per worker per period", 50], ["Integer workers", typed]])).integerWorkers).toBe(whole);
    },
  );

  it.each<[RawCell]>([["maybe"], [2], [errorValue("#N/A")]])("%j is an error naming the cell", (typed) => {
    const error = single(withPolicy([["Units per worker per period", 50], ["Integer workers", typed]]));
    expect(error.cell).toBe("Policy!B3");
    expect(error.message).toMatch(/"Integer workers" must be Yes or No\.$/);
  });
});

describe("Policy family columns", () => {
  const forecast = [
    ["Family", "Product", "P1"],
    ["Tools", null, 100],
    ["Garden", null, 50],
  ];

  it("a family column overrides Value; a blank family cell falls back to Value, then to the default", () => {
    const grids: Grids = {
      forecast,
      policy: [
        ["Parameter", "Value", "garden"],
        ["Units per worker per period", 50, 20],
        ["Hiring cost per worker", 300, null],
        ["Layoff cost per worker", null, 90],
      ],
    };
    expect(policyOf(grids, "Tools")).toMatchObject({ unitsPerWorkerPerPeriod: 50, hiringCostPerWorker: 300, layoffCostPerWorker: 0 });
    expect(policyOf(grids, "Garden")).toMatchObject({ unitsPerWorkerPerPeriod: 20, hiringCostPerWorker: 300, layoffCostPerWorker: 90 });
  });

  it("a column that is not a Forecast family is a warning, and its cells are not read", () => {
    const grids: Grids = { forecast, policy: [["Parameter", "Value", "Tolls"], ["Units per worker per period", 50, "oops"]] };
    expect(single(grids, "warning")).toEqual({
      severity: "warning",
      cell: "Policy!C1",
      message: 'Policy!C1 "Tolls" is not a family in Forecast, so the Policy column under it is ignored.',
    });
  });

  it("two columns for one family are an error naming the second", () => {
    const grids: Grids = { forecast, policy: [["Parameter", "Value", "Tools", "TOOLS"], ["Units per worker per period", 50, 1, 2]] };
    expect(single(grids).cell).toBe("Policy!D1");
  });

  it("a bad cell in a family column is an error naming it", () => {
    const grids: Grids = { forecast, policy: [["Parameter", "Value", "Garden"], ["Units per worker per period", 50, -3]] };
    expect(single(grids).cell).toBe("Policy!C2");
  });
});

describe("productivity rules, per day with working days or per period", () => {
  it("per-day parameters with a Working days row are accepted", () => {
    const grids: Grids = {
      ...withPolicy([["Labor hours per unit", 2], ["Hours per worker per day", 8]]),
      capacity: [["Resource", "P1", "P2"], ["Working days", 20, 19]],
    };
    expect(parse(grids).input?.workingDays).toEqual([20, 19]);
  });

  it("per-day parameters without working days are one error naming the family and the per-day row", () => {
    // An hourly cost with per-day hours gets no second error saying the hours are missing: they are there.
    const error = single(withPolicy([["Labor hours per unit", 2], ["Hours per worker per day", 8], ["Regular cost per hour", 20]]));
    expect(error).toEqual({
      severity: "error",
      cell: "Policy!B3",
      message:
        "Policy for family \"Tools\": 'Hours per worker per day' needs a 'Working days' row in Capacity; give 'Hours per worker per period' instead or add the row (Policy!B3).",
    });
  });

  it("no productivity rule points under the table, where its row goes; two rules point at the family's own cell", () => {
    const grids: Grids = {
      forecast: [["Family", "Product", "P1"], ["Tools", null, 1], ["Garden", null, 1]],
      policy: [["Parameter", "Value", "Garden"], ["Units per worker per period", null, 10]],
    };
    const error = single(grids);
    expect(error.cell).toBe("Policy!A3");
    expect(error.message).toMatch(/^Policy for family "Tools": no productivity rule: .* \(Policy!A3\)\.$/);
    const both = single({ ...grids, policy: [["Parameter", "Value", "Garden"], ["Units per worker per period", 10, null], ["Labor hours per unit", null, 2]] });
    expect(both.cell).toBe("Policy!C3");
    expect(both.message).toMatch(/^Policy for family "Garden": give one productivity rule/);
  });

  it("two rules from the Value column point at the first of them", () => {
    const error = single(withPolicy([["Units per worker per period", 10], ["Labor hours per unit", 2], ["Hours per worker per period", 160]]));
    expect(error.cell).toBe("Policy!B2");
    expect(error.message).toMatch(/give one productivity rule/);
  });

  it("a family whose Policy cells are already wrong gets no second error about its rule", () => {
    const { messages } = parse(withPolicy([["Units per worker per period", "fifty"]]));
    expect(messages.map((m) => m.cell)).toEqual(["Policy!B2"]);
  });
});

describe("Plan (manual plans)", () => {
  const planOf = (rows: Grid) => {
    const grids = happyGrids();
    return parse({ ...grids, plan: [["Family", "Row", ...PERIODS], ...rows] });
  };

  it("rows match by normalized name; missing rows are null; blank is 0", () => {
    const { input } = planOf([
      ["Garden", "regular (units)", 60, null, 120],
      ["Garden", "SUBCONTRACT", 0, 90, 0],
    ]);
    expect(input?.families.map((f) => f.manualPlan)).toEqual([
      null,
      { workers: null, regular: [60, 0, 120], overtime: null, subcontract: [0, 90, 0] },
    ]);
  });

  it("an unknown family is an error naming the cell", () => {
    const { messages } = planOf([["Kitchen", "Workers", 1, 1, 1]]);
    expect(only(messages, "error")).toEqual([
      {
        severity: "error",
        cell: "Plan!A2",
        message: 'Plan!A2: the family "Kitchen" is not in Forecast, so its manual plan cannot be costed.',
      },
    ]);
  });

  it("an unknown row name is an error naming the cell", () => {
    const { messages } = planOf([["Tools", "Hires", 1, 1, 1]]);
    expect(only(messages, "error")).toEqual([
      {
        severity: "error",
        cell: "Plan!B2",
        message: 'Plan!B2 "Hires" is not a Plan row; it must be Workers, Regular, Overtime or Subcontract.',
      },
    ]);
  });

  it("a duplicate (Family, Row) is an error naming both rows", () => {
    const { messages } = planOf([["Tools", "Workers", 1, 1, 1], ["tools", "workers", 2, 2, 2]]);
    expect(only(messages, "error")).toEqual([
      {
        severity: "error",
        cell: "Plan!B3",
        message: 'Plan rows 2 and 3 are both the Workers row of "Tools" (Plan!B2 and Plan!B3); keep one row.',
      },
    ]);
  });

  it("negative and text quantities are errors naming the cell", () => {
    const { messages } = planOf([["Tools", "Overtime", -1, "2", 0]]);
    expect(only(messages, "error").map((m) => m.cell)).toEqual(["Plan!C2", "Plan!D2"]);
  });

  it("a row with data but no Family or Row is an error", () => {
    const { messages } = planOf([[null, "Workers", 1, 1, 1], ["Tools", null, 1, 1, 1]]);
    expect(only(messages, "error").map((m) => m.cell)).toEqual(["Plan!A2", "Plan!B3"]);
  });
});

describe("text from the workbook is data", () => {
  it("names like __proto__ and constructor are ordinary names", () => {
    const grids: Grids = {
      forecast: [["Family", "Product", "P1"], ["__proto__", null, 5], ["constructor", "toString", 3]],
      policy: [["Parameter", "Value", "__proto__"], ["Units per worker per period", 50, 10]],
      capacity: [["Resource", "P1"], ["__proto__", 8]],
      products: [["Product", "Family", "__proto__"], ["toString", "constructor", 2]],
    };
    const { input, messages } = parse(grids);
    expect(only(messages, "error")).toEqual([]);
    expect(input?.families.map((f) => [f.family, f.demand, f.policy.unitsPerWorkerPerPeriod])).toEqual([
      ["__proto__", [5], 10],
      ["constructor", [3], 50],
    ]);
    expect(Object.keys(input!.products[0].loads)).toEqual(["__proto__"]);
    expect(input!.products[0].loads["__proto__"]).toBe(2);
  });

  it("never throws on ragged or odd grids, and returns input only without errors", () => {
    const odd: RawCell[] = [null, " ", 0, -1, "x", true, errorValue("#VALUE!"), date(2027, 1, 1), 1e308, Number.NaN];
    for (let seed = 0; seed < 200; seed++) {
      const cell = (i: number): RawCell => odd[(seed * 7 + i * 13) % odd.length];
      const grid = (width: number): Grid =>
        Array.from({ length: 1 + (seed % 4) }, (_, r) => Array.from({ length: (width + r + seed) % 6 }, (_, c) => cell(r * 6 + c)));
      const tables = tablesFrom({
        forecast: [["Family", "Product", "P1"], ...grid(3)],
        policy: [["Parameter", "Value"], ...grid(2)],
        capacity: grid(4),
        products: grid(5),
        plan: grid(3),
      });
      const result = parseInputs(tables);
      const hasErrors = result.messages.some((m) => m.severity === "error");
      expect(hasErrors && result.input !== null).toBe(false);
      for (const m of result.messages) if (m.severity !== "info") expect(m.cell).toMatch(/^[A-Za-z]+!\$?[A-Z]+\d+$/);
    }
  });
});

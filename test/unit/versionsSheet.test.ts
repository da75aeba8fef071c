// The SOP Versions sheet: what is laid out reads back the same; a damaged cell is an error naming it.
import { COST_KINDS, type StrategyName } from "../../src/engine/model";
import { runPlanner, type PlannerOptions, type PlannerRun } from "../../src/workbook/pipeline";
import { readRunInputs } from "../../src/workbook/run/inputs";
import { layOutRun } from "../../src/workbook/run/layout";
import { planRun } from "../../src/workbook/run/plan";
import { plannerOptions } from "../../src/taskpane/run/options";
import { SAVE_VERSION_FIELD } from "../../src/taskpane/session/statusText";
import { readBackSheet, sheetBlock } from "../support/grids";
import type { PlanVersion } from "../../src/engine/versions";
import type { RawCell } from "../../src/workbook/raw";
import { cellAddress, placeSheets, sumOfCells } from "../../src/workbook/sheet";
import { serialOfTimestamp, timestampOfSerial } from "../../src/template/dates";
import { findVersionsBlock, layoutVersionsSheet, parseVersions, VERSION_HEADERS } from "../../src/workbook/versions";

const costs = (n: number) => Object.fromEntries(COST_KINDS.map((k, i) => [k, n + i])) as Record<(typeof COST_KINDS)[number], number>;

const VERSIONS: PlanVersion[] = [
  {
    name: "Nov",
    savedAt: "2026-11-02T09:30:05",
    families: [
      {
        family: "Tools",
        strategy: "optimal",
        periods: ["Jan 2027", "Feb 2027"].map((period, t) => ({
          period,
          demand: 300 + t,
          shipped: 290 + t,
          regular: 250.5,
          overtime: 10,
          subcontract: 5,
          workers: 6.25,
          hired: 1,
          laidOff: 0,
          inventory: 12,
          backlog: 3,
          costs: costs(100 * (t + 1)),
          totalCost: COST_KINDS.reduce((s, _, i) => s + 100 * (t + 1) + i, 0),
          revenue: 18000,
          margin: 18000 - COST_KINDS.reduce((s, _, i) => s + 100 * (t + 1) + i, 0),
          inventoryValue: 1234.5 + t,
          grossMargin: 17000.25 - t,
        })),
      },
    ],
  },
  { name: "Dec", savedAt: "", families: [{ family: "Pumps", strategy: "chase", periods: [] }] },
];

describe("the SOP Versions sheet", () => {
  it("reads back exactly what it was laid out from (a family with no periods has no rows)", () => {
    const { sheet } = layoutVersionsSheet(VERSIONS);
    expect(sheet.cells[3].map((c) => c?.value)).toEqual(VERSION_HEADERS);
    expect(sheet.tables?.[0]).toMatchObject({ name: "SOP_Versions", top: 3, rows: 3, columns: VERSION_HEADERS.length });
    const { versions, messages } = parseVersions(findVersionsBlock([readBackSheet(sheet)]));
    expect(messages).toEqual([]);
    expect(versions).toEqual([VERSIONS[0]]);
  });

  it("a version saved before the P&L columns reads back with its P&L computed from its periods (the opening stock at the first period's unit cost)", () => {
    const block = readBackSheet(layoutVersionsSheet(VERSIONS).sheet);
    const keep = block.values[3].map((title) => title !== "Inventory value" && title !== "P&L margin");
    block.values = block.values.map((line) => line.filter((_, c) => keep[c]));
    const { versions, messages } = parseVersions(findVersionsBlock([block]));
    expect(messages).toEqual([]);
    const [jan, feb] = versions[0].families[0].periods;
    // Jan: 265.5 made for regular + overtime + subcontract + material = 100 + 101 + 106 + 107 = 414; 12 kept
    // and 290 shipped, so 36.5 were on hand at the start, valued at 414 / 265.5 a unit.
    const unitCost = 414 / 265.5;
    expect(jan.inventoryValue).toBeCloseTo(12 * unitCost, 9);
    expect(jan.grossMargin).toBeCloseTo(18000 - unitCost * 290 - (102 + 103 + 104 + 105), 9);
    expect(feb.grossMargin).toBeLessThan(18000);
  });

  it("saves the date as a date Excel shows in local time, to the second", () => {
    expect(serialOfTimestamp("2026-11-02T09:30:05")).toBeCloseTo(46328 + (9 * 3600 + 30 * 60 + 5) / 86400, 9);
    expect(timestampOfSerial(serialOfTimestamp("2026-11-02T09:30:05")!)).toBe("2026-11-02T09:30:05");
  });

  it("tells where each saved number is, for the variance formulas", () => {
    const { cells } = layoutVersionsSheet(VERSIONS);
    expect(cells.location("nov", "TOOLS", "feb 2027", "demand")).toEqual({ sheet: "SOP Versions", row: 5, column: 5 });
    expect(cells.location("Nov", "Tools", "Feb 2027", "materialCost")).toEqual({ sheet: "SOP Versions", row: 5, column: 5 + 10 + 7 });
    expect(cells.location("Nov", "Tools", "Mar 2027", "demand")).toBeUndefined();
  });

  it("no sheet: no versions and nothing to say", () => {
    expect(parseVersions(findVersionsBlock([]))).toEqual({ versions: [], messages: [] });
  });

  describe("a damaged sheet is an error naming the cell, and no version is used", () => {
    const damaged = (change: (values: RawCell[][]) => void) => {
      const block = readBackSheet(layoutVersionsSheet(VERSIONS).sheet);
      change(block.values);
      return parseVersions(findVersionsBlock([block]));
    };

    it("text where a number belongs", () => {
      const { versions, messages } = damaged((v) => (v[4][7] = "many"));
      expect(versions).toEqual([]);
      expect(messages).toEqual([{ severity: "error", cell: "'SOP Versions'!H5", message: `'SOP Versions'!H5 is text, not a number ("many"); Regular must be a number.` }]);
    });

    it("an unknown strategy, a blank family", () => {
      const { messages } = damaged((v) => {
        v[4][3] = "guess";
        v[5][2] = null;
      });
      expect(messages.map((m) => m.cell)).toEqual(["'SOP Versions'!D5", "'SOP Versions'!C6"]);
      expect(messages[0].message).toMatch(/"guess" is not a strategy; choose from level, chase, hybrid-subcontract, hybrid-overtime, manual, optimal/);
    });

    it("the same family and period twice in a version", () => {
      const { messages } = damaged((v) => (v[5][4] = "jan 2027"));
      expect(messages).toEqual([expect.objectContaining({ cell: "'SOP Versions'!E6", message: expect.stringMatching(/version "Nov" has Tools, jan 2027 twice \(rows 5 and 6\); keep one row/) })]);
    });

    it("a missing column or header row", () => {
      expect(damaged((v) => (v[3][9] = "Subcontracted")).messages[0].message).toMatch(/has no column "Subcontract"/);
      expect(damaged((v) => (v[3][0] = "Name")).messages[0].message).toMatch(/no header row starting with "Version"/);
    });
  });
});

describe("sums of cells in formulas", () => {
  it("joins neighbours into ranges, down a column or along a row, and lists the rest", () => {
    const at = (sheet: string, row: number, column: number) => ({ sheet, row, column });
    expect(sumOfCells([at("SOP Versions", 4, 5), at("SOP Versions", 5, 5), at("SOP Versions", 6, 5)])).toBe("SUM('SOP Versions'!$F$5:$F$7)");
    expect(sumOfCells([at("Plan", 9, 2), at("Plan", 9, 3), at("Plan", 9, 5)])).toBe("SUM(Plan!$C$10:$D$10,Plan!$F$10)");
    expect(sumOfCells([at("A b", 0, 0)])).toBe("SUM('A b'!$A$1)");
    expect(sumOfCells([])).toBe("0");
  });
});

describe("a run and its versions (the pipeline the pane and the command line share)", () => {
  const HAND = [
    sheetBlock("Forecast", [["Family", "Product", "Jan", "Feb", "Mar"], ["Tools", null, 300, 100, 200]]),
    sheetBlock("Policy", [
      ["Parameter", "Value"],
      ["Units per worker per period", 50],
      ["Hours per worker per period", 160],
      ["Regular cost per hour", 10],
      ["Price per unit", 60],
      ["Initial workers", 5],
    ]),
  ];
  const at = new Date(2026, 10, 2, 9, 0, 0);
  const strategies: StrategyName[] = ["level", "chase"];
  const versionsOf = (run: PlannerRun) => run.sheets.sheets.find((s) => s.name === "SOP Versions");

  it("saves, compares with the latest, and deletes by name", () => {
    const first = runPlanner(HAND, { strategies, plannedAt: at, saveVersion: "Nov" });
    expect(first.versions.map((v) => v.name)).toEqual(["Nov"]);
    expect(first.variance).toBeNull();
    const withNov = [...HAND, readBackSheet(versionsOf(first)!)];

    const second = runPlanner(withNov, { strategies, plannedAt: at, saveVersion: "Dec" });
    expect(second.baseline?.name).toBe("Nov");
    expect(second.variance?.lines.every((l) => l.change === 0)).toBe(true);
    expect(second.sheets.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["SOP Variance", "SOP Versions"]));
    const withBoth = [...HAND, readBackSheet(versionsOf(second)!)];

    const deleted = runPlanner(withBoth, { strategies, plannedAt: at, deleteVersions: ["nov"] });
    expect(deleted.versions.map((v) => v.name)).toEqual(["Dec"]);
    expect(deleted.baseline?.name).toBe("Dec");
    expect(runPlanner(withBoth, { strategies, deleteVersions: ["Oct"] }).messages).toContainEqual({ severity: "error", message: 'No version named "Oct" to delete.' });
    // Deleting the last version still writes the (empty) sheet, so the deletion reaches the workbook.
    const none = runPlanner([...HAND, readBackSheet(versionsOf(deleted)!)], { strategies, deleteVersions: ["Dec"] });
    expect(none.versions).toEqual([]);
    expect(versionsOf(none)).toBeDefined();
  });

  it("says how to save a version in the words of the front end that runs it, never in the pipeline's own", () => {
    const missing = (hints?: PlannerOptions["hints"]) => runPlanner(HAND, { strategies, compareWith: "Oct", ...(hints && { hints }) }).messages.filter((m) => m.severity === "error");
    expect(missing()).toEqual([{ severity: "error", message: 'No version named "Oct" to compare with: the workbook has no saved versions.' }]);
    expect(missing({ saveVersion: "--save-version NAME" })).toEqual([
      { severity: "error", message: 'No version named "Oct" to compare with: the workbook has no saved versions (save one with --save-version NAME).' },
    ]);
    // The pane's runs carry the pane's hint: the field its user fills in.
    const pane = plannerOptions({ strategies, utilizationThreshold: 0.7, plannedAt: at.getTime(), compareWith: "Oct" }, () => {});
    expect(runPlanner(HAND, pane).messages).toContainEqual({
      severity: "error",
      message: `No version named "Oct" to compare with: the workbook has no saved versions (save one with the "${SAVE_VERSION_FIELD}" field).`,
    });
  });

  it("is the same run read, planned and laid out step by step", () => {
    const options: PlannerOptions = { strategies, plannedAt: at, saveVersion: "Nov" };
    const inputs = readRunInputs(HAND, options);
    if ("failed" in inputs) throw new Error(inputs.messages.map((m) => m.message).join("\n"));
    const planned = planRun(inputs, options);
    const whole = runPlanner(HAND, options);
    expect(planned.run.messages).toEqual(whole.messages);
    expect(placeSheets(layOutRun(planned, at))).toEqual(whole.sheets.sheets);
    // A reading with errors stops before planning, with its messages.
    const failed = readRunInputs([HAND[0]], options);
    expect("failed" in failed && failed.messages.some((m) => m.severity === "error" && /Policy/.test(m.message))).toBe(true);
  });
});

describe("the teams' inputs a version keeps", () => {
  const withInputs: PlanVersion[] = [
    {
      ...VERSIONS[0],
      families: VERSIONS[0].families.map((f) => ({
        ...f,
        periods: f.periods.map((p, t) => ({ ...p, inputs: [{ source: "Sales", units: 310 + t }, ...(t === 0 ? [{ source: "Key customers", units: 120 }] : [])] })),
      })),
    },
  ];

  it("are an `Input: <Source>` column each, blank where a period has none, and read back the same", () => {
    const { sheet } = layoutVersionsSheet(withInputs);
    expect(sheet.cells[3].map((c) => c?.value)).toEqual([...VERSION_HEADERS, "Input: Sales", "Input: Key customers"]);
    expect(sheet.tables?.[0].columns).toBe(VERSION_HEADERS.length + 2);
    expect(sheet.cells[5][VERSION_HEADERS.length + 1]).toBeNull();
    const { versions, messages } = parseVersions(findVersionsBlock([readBackSheet(sheet)]));
    expect(messages).toEqual([]);
    expect(versions).toEqual(withInputs);
  });

  it("an input cell that is not a number is an error naming it", () => {
    const { sheet } = layoutVersionsSheet(withInputs);
    const block = readBackSheet(sheet);
    (block.values[4] as RawCell[])[VERSION_HEADERS.length] = "lots";
    const { versions, messages } = parseVersions(findVersionsBlock([block]));
    expect(versions).toEqual([]);
    const cell = `'SOP Versions'!${cellAddress(4, VERSION_HEADERS.length)}`;
    expect(messages).toEqual([expect.objectContaining({ severity: "error", cell, message: expect.stringMatching(/Input: Sales/) })]);
  });
});

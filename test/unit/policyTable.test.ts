// The Policy table has one reading (src/template/policyTable.ts): the parser, the functions' argument reader and the pane's Policy view read the same grid to the same fields and the same words.
import type { FamilyPolicy, PlanMessage } from "../../src/engine/model";
import { POLICY_DEFAULTS } from "../../src/engine/policy";
import { readPolicy } from "../../src/functions/args";
import { policyView, typedValueProblem } from "../../src/taskpane/policy";
import { MessageLog } from "../../src/template/messageLog";
import { applySetting, policyColumns, readPolicyCell, readPolicyTable, resolvePolicy } from "../../src/template/policyTable";
import { POLICY_PARAMETERS, policySchema, type PolicyParameter, type PolicySchema } from "../../src/template/schema";
import type { TableGrid } from "../../src/template/tableGrid";
import { parseInputs } from "../../src/workbook/parse";
import type { RawCell } from "../../src/workbook/raw";
import type { CellValue } from "../../src/workbook/sheet";
import { minimalGrids, sheetBlock, tablesFrom, type Grid } from "../support/grids";

/** The parser's reading: the family's policy and the errors. */
function parsed(policy: Grid, schema?: PolicySchema): { policy: FamilyPolicy | null; errors: PlanMessage[] } {
  const { input, messages } = parseInputs(tablesFrom({ forecast: minimalGrids().forecast, policy }), schema);
  return { policy: input?.families[0].policy ?? null, errors: messages.filter((m) => m.severity === "error") };
}

/** The functions' reading of the same grid passed as a range from A1. */
function functions(policy: Grid, schema?: PolicySchema): { policy: FamilyPolicy | null; error: string | null } {
  const result = readPolicy(policy, schema);
  return result.ok ? { policy: result.value, error: null } : { policy: null, error: result.error };
}

/** The pane's Policy view, each known row's Value cell applied as the pane's check reads it. */
function pane(policy: Grid, schema?: PolicySchema): { policy: FamilyPolicy; problems: string[]; unknown: string[] } {
  const view = policyView(sheetBlock("Policy", policy), schema);
  if (!view) throw new Error("no view");
  const result: FamilyPolicy = { ...POLICY_DEFAULTS };
  const problems: string[] = [];
  for (const row of view.rows) {
    const [value] = row.cells;
    const problem = typedValueProblem(row.known, value.address, value.value as CellValue);
    if (problem) problems.push(problem);
    const reading = row.known && readPolicyCell(row.known, value.value);
    if (reading?.kind === "ok") applySetting(result, reading.value);
  }
  return { policy: result, problems, unknown: view.rows.filter((row) => !row.known).map((row) => row.parameter) };
}

/** `Policy!B3` as a function names the same cell of a range that starts at A1 (`policy[3,2]`), and the range by its argument's name. */
function inRange(message: string): string {
  return message
    .replace(/Policy!([A-Z])(\d+)/g, (_, column: string, row: string) => `policy[${row},${column.charCodeAt(0) - 64}]`)
    .replace(/^Policy rows /, "policy rows ")
    .replace(/ of Policy has data/, " of policy has data");
}

const ROWS: Grid = [
  ["Units per worker per period", 50],
  ["Initial inventory", 120],
  ["Integer workers", "Yes"],
  ["Holding cost basis", "Average"],
  ["Idle time", "Not allowed"],
  ["Service level", 95],
];

describe("one Policy grid, three readers, the same fields", () => {
  const layouts: [string, Grid][] = [
    ["Parameter | Value", [["Parameter", "Value"], ...ROWS]],
    ["Notes | Parameter | Value", [["Notes", "Parameter", "Value"], ...ROWS.map((row, i): RawCell[] => [i === 0 ? "from the line study" : null, ...row])]],
    ["Value | Parameter", [["Value", "Parameter"], ...ROWS.map(([name, value]) => [value, name])]],
  ];

  test.each(layouts)("%s", (_, grid) => {
    const fromParser = parsed(grid);
    expect(fromParser.errors).toEqual([]);
    expect(fromParser.policy).toMatchObject({ unitsPerWorkerPerPeriod: 50, initialInventory: 120, integerWorkers: true, holdingCostBasis: "average", idleTimeAllowed: false });
    expect(functions(grid)).toEqual({ policy: fromParser.policy, error: null });
    const fromPane = pane(grid);
    expect(fromPane.problems).toEqual([]);
    expect(fromPane.unknown).toEqual([]);
    expect(fromPane.policy).toEqual(fromParser.policy);
  });

  test("the pane's view of a Notes-first table: the Value column, one row per parameter, the name's own cell", () => {
    const view = policyView(sheetBlock("Policy", layouts[1][1]))!;
    expect(view.columns).toEqual([{ index: 2, label: "Value" }]);
    expect(view.rows.map((row) => row.parameter)).toEqual(ROWS.map(([name]) => name));
    expect(view.rows[0]).toMatchObject({ nameAddress: "Policy!B2", cells: [{ address: "Policy!C2", value: 50 }] });
    expect(view.nextRowAddress).toBe(`Policy!B${ROWS.length + 2}`);
  });
});

describe("one Policy grid, three readers, the same words", () => {
  // What the pane does with each: checks a value cell in the parser's words, or lists the row as the run will report it.
  const bad: [string, "checks the cell" | "lists the name as unknown" | "lists both rows" | "lists no row", Grid][] = [
    ["a value its parameter refuses", "checks the cell", [["Safety stock", "ten"]]],
    ["a choice not listed", "checks the cell", [["Holding cost basis", "Mean"]]],
    ["a yes/no that is neither", "checks the cell", [["Integer workers", "maybe"]]],
    ["an unknown parameter", "lists the name as unknown", [["Holdng cost per unit", 2]]],
    ["a parameter twice", "lists both rows", [["Safety stock", 1], ["safety stock", 2]]],
    ["a value without a parameter", "lists no row", [[null, 2]]],
  ];

  test.each(bad)("%s, with Notes first: the pane %s", (_, paneDoes, rows) => {
    const grid: Grid = [["Notes", "Parameter", "Value"], ["", "Units per worker per period", 50], ...rows.map((row) => [null, ...row])];
    const { errors } = parsed(grid);
    expect(errors).toHaveLength(1);
    expect(functions(grid).error).toBe(inRange(errors[0].message));
    const fromPane = pane(grid);
    const view = policyView(sheetBlock("Policy", grid))!;
    switch (paneDoes) {
      case "checks the cell":
        expect(fromPane.problems).toEqual([errors[0].message]);
        break;
      case "lists the name as unknown":
        expect(fromPane.unknown).toEqual([rows[0][0]]);
        break;
      case "lists both rows":
        expect(view.rows.map((row) => row.known?.field)).toEqual(["unitsPerWorkerPerPeriod", "safetyStock", "safetyStock"]);
        break;
      case "lists no row":
        expect(view.rows).toHaveLength(1);
    }
  });
});

describe("a parameter added to the schema is read with no other change", () => {
  const added: PolicyParameter[] = [
    { field: "weekendShifts" as keyof FamilyPolicy, name: "Weekend shifts", aliases: [], kind: "yes-no", unit: "", note: "`Yes`/`No`: Saturday shifts" },
    {
      field: "shippingMode" as keyof FamilyPolicy,
      name: "Shipping mode",
      aliases: ["Transport"],
      kind: "choice",
      unit: "",
      note: "`Truck` or `Rail`",
      choices: [
        { label: "Truck", value: "truck", meaning: "by road" },
        { label: "Rail", value: "rail", meaning: "by train" },
      ],
    },
  ];
  const schema = policySchema([...POLICY_PARAMETERS, ...added]);
  const grid = (rows: Grid): TableGrid => {
    const values = [["Notes", "Parameter", "Value", "Tools"], ...rows.map((row) => [null, ...row])];
    return { values, sheet: "Policy", at: (r, c) => `Policy!${String.fromCharCode(65 + c)}${r + 1}`, rowNumber: (r) => r + 1 };
  };
  const read = (rows: Grid) => {
    const log = new MessageLog();
    const g = grid(rows);
    const columns = policyColumns(g, log)!;
    const table = readPolicyTable(g, columns, ["Tools"], log, schema);
    return { policy: resolvePolicy(table.rows, "Tools").policy as unknown as Record<string, unknown>, errors: log.messages.filter((m) => m.severity === "error") };
  };

  test("a second yes/no and a second choice set their own fields, the family's cell first", () => {
    const { policy, errors } = read([
      ["Weekend shifts", "Yes", null],
      ["Transport", "Truck", "rail"],
      ["Integer workers", "No", "Yes"],
    ]);
    expect(errors).toEqual([]);
    expect(policy).toMatchObject({ weekendShifts: true, shippingMode: "rail", integerWorkers: true });
  });

  test("the parser, the functions and the pane's Policy view read them from a Notes-first grid to the same fields", () => {
    const notesFirst: Grid = [
      ["Notes", "Parameter", "Value"],
      ["from the line study", "Units per worker per period", 50],
      [null, "Weekend shifts", "Yes"],
      [null, "Transport", "Rail"],
    ];
    const fromParser = parsed(notesFirst, schema);
    expect(fromParser.errors).toEqual([]);
    expect(fromParser.policy).toMatchObject({ unitsPerWorkerPerPeriod: 50, weekendShifts: true, shippingMode: "rail" });
    expect(functions(notesFirst, schema)).toEqual({ policy: fromParser.policy, error: null });
    expect(pane(notesFirst, schema)).toEqual({ policy: fromParser.policy, problems: [], unknown: [] });
    // Without the added parameters (the template's own schema) the parser and the functions refuse their rows, the pane lists them as unknown.
    const unknown = parsed(notesFirst).errors.map((m) => m.message);
    expect(unknown).toEqual(["B3", "B4"].map((cell, i) => `Policy!${cell} "${["Weekend shifts", "Transport"][i]}" is not a Policy parameter, so its values would be lost. The parameters are listed in the README.`));
    expect(functions(notesFirst).error).toBe(inRange(unknown[0]));
    expect(pane(notesFirst).unknown).toEqual(["Weekend shifts", "Transport"]);
  });

  const refused: [string, "checks the cell" | "lists the name as unknown", Grid][] = [
    ["a choice not listed", "checks the cell", [["Shipping mode", "Boat"]]],
    ["a yes/no that is neither", "checks the cell", [["Weekend shifts", "sometimes"]]],
    ["a misspelt name", "lists the name as unknown", [["Weekend shift", "Yes"]]],
  ];
  test.each(refused)("%s: the parser and the functions in the same words, the pane %s", (_, paneDoes, rows) => {
    const notesFirst: Grid = [["Notes", "Parameter", "Value"], ["", "Units per worker per period", 50], ...rows.map((row) => [null, ...row])];
    const { errors } = parsed(notesFirst, schema);
    expect(errors).toHaveLength(1);
    expect(functions(notesFirst, schema).error).toBe(inRange(errors[0].message));
    const fromPane = pane(notesFirst, schema);
    if (paneDoes === "checks the cell") expect(fromPane.problems).toEqual([errors[0].message]);
    else expect(fromPane.unknown).toEqual([rows[0][0]]);
  });

  test("their cells are refused in the template's words", () => {
    expect(read([["Shipping mode", "Boat", null]]).errors.map((m) => m.message)).toEqual(['Policy!C2 holds the text "Boat"; "Shipping mode" must be Truck or Rail.']);
    expect(read([["Weekend shifts", "sometimes", null]]).errors.map((m) => m.message)).toEqual(['Policy!C2 holds the text "sometimes"; "Weekend shifts" must be Yes or No.']);
    // The pane checks a typed value for them in the same words.
    expect(typedValueProblem(added[1], "Policy!C2", "Boat")).toBe('Policy!C2 holds the text "Boat"; "Shipping mode" must be Truck or Rail.');
    expect(read([["Weekend shift", "Yes", null]]).errors.map((m) => m.message)).toEqual([
      'Policy!B2 "Weekend shift" is not a Policy parameter, so its values would be lost. Did you mean "Weekend shifts"?',
    ]);
  });
});

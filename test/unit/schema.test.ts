// The template's one vocabulary: the README, the pane's Policy editor and the functions accept exactly the schema's parameters, and every front end reads a cell by the same rules.
import * as fs from "fs";
import * as path from "path";
import { POLICY_DEFAULTS } from "../../src/engine/policy";
import { readFlag, readList, readPolicy } from "../../src/functions/args";
import { DEFAULT_SETTINGS } from "../../src/taskpane/settings";
import { isYes, missingParameters, policyView, typedValueProblem } from "../../src/taskpane/policy";
import { plannerOptions } from "../../src/taskpane/run/options";
import {
  DEFAULT_STRATEGIES,
  POLICY_PARAMETERS,
  policyParameter,
  policyParameterNamed,
  policyTableMarkdown,
  RISK_KIND_LABEL,
} from "../../src/template/schema";
import { readAmountCell, readYesNoCell } from "../../src/template/cellReading";
import { runPlanner } from "../../src/workbook/pipeline";
import { parseCommandLine } from "../../src/cli/main";
import { layoutRisks } from "../../src/workbook/layout/risks";
import { excelTable, type Grid } from "../support/grids";

const README = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");

describe("every Policy parameter is one schema entry", () => {
  test("the schema names every field of the engine's Policy once, and nothing else", () => {
    expect(POLICY_PARAMETERS.map((p) => p.field).sort()).toEqual(Object.keys(POLICY_DEFAULTS).sort());
  });

  test("the README's Policy table is the schema's, row for row", () => {
    const lines = README.split("\n");
    const start = lines.indexOf("| Parameter | Meaning | Default |");
    expect(start).toBeGreaterThan(0);
    const table = lines.slice(start, lines.findIndex((line, i) => i > start && !line.startsWith("|")));
    expect(table).toEqual(policyTableMarkdown());
  });

  test("the functions accept every name and alias of the schema, and refuse a name it lacks", () => {
    for (const parameter of POLICY_PARAMETERS) {
      for (const name of [parameter.name, ...parameter.aliases]) {
        const value = parameter.kind === "yes-no" ? "Yes" : parameter.kind === "choice" ? parameter.choices![0].label : 1;
        const read = readPolicy([["Parameter", "Value"], [name, value]]);
        expect(read).toMatchObject({ ok: true });
      }
    }
    expect(readPolicy([["Idle time cost", 1]])).toMatchObject({ ok: false });
  });

  test("the pane's editor offers to add exactly the schema's parameters the table lacks", () => {
    const view = policyView(excelTable("Policy", "Policy", [["Parameter", "Value"], ["Safety stock", 10], ["Labour hours per unit", 2]]))!;
    expect(view.rows.map((r) => r.known?.field)).toEqual(["safetyStock", "laborHoursPerUnit"]);
    const offered = missingParameters(view).map((p) => p.name);
    expect(offered).toEqual(POLICY_PARAMETERS.map((p) => p.name).filter((n) => n !== "Safety stock" && n !== "Labor hours per unit"));
  });

  test("a name is found by any of its spellings", () => {
    expect(policyParameterNamed("integer_workers")).toBe(policyParameter("integerWorkers"));
    expect(policyParameterNamed("Labour hours per unit (h)")).toBe(policyParameter("laborHoursPerUnit"));
    expect(policyParameterNamed("Idle_time")).toBe(policyParameter("idleTimeAllowed"));
    expect(policyParameterNamed("frozen_periods")).toBe(policyParameter("frozenPeriods"));
    expect(policyParameterNamed("Time fence")).toBeUndefined();
  });
});

describe("the engine holds only maths", () => {
  test("no Policy parameter's name is written in the engine: its problems are codes the workbook layer words from the schema", () => {
    const engine = path.resolve(__dirname, "..", "..", "src", "engine");
    const code = fs
      .readdirSync(engine)
      .filter((file) => file.endsWith(".ts"))
      .map((file) => [file, fs.readFileSync(path.join(engine, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "")] as const);
    const written = code.flatMap(([file, text]) =>
      POLICY_PARAMETERS.flatMap((p) => [p.name, ...p.aliases]).filter((name) => text.includes(name)).map((name) => `${file}: ${name}`),
    );
    expect(written).toEqual([]);
  });
});

describe("one cell-reading kernel for the parser, the functions and the pane", () => {
  test("an amount above 10^12 is refused by the functions too: SOP.LEVEL never spills Infinity", () => {
    expect(readAmountCell(1e300)).toMatchObject({ kind: "bad", reason: "too-large" });
    expect(readList("demand", [[100, 200, 1e300]], "demand")).toEqual({
      ok: false,
      error: "demand[3] is 1e+300; demand must be at most 1000000000000. A number this large is most likely a pasted code.",
    });
    expect(readPolicy([["Regular cost per unit", 1e300]])).toEqual({
      ok: false,
      error: 'policy[1,2] is 1e+300; "Regular cost per unit" must be at most 1000000000000. A number this large is most likely a pasted code.',
    });
  });

  test.each<[unknown, boolean | "refused"]>([
    ["Yes", true],
    [" no ", false],
    ["TRUE", true],
    [1, true],
    [0, false],
    [true, true],
    ["y", "refused"],
    [2, "refused"],
    ["maybe", "refused"],
  ])("Yes/No: %p is %p in the parser, the functions and the pane alike", (cell, expected) => {
    const reading = readYesNoCell(cell);
    expect(reading.kind === "ok" ? reading.value : "refused").toBe(expected);
    expect(readFlag("header", cell, false).ok).toBe(expected !== "refused");
    expect(isYes(cell as never)).toBe(expected === true);
  });

  test("the pane refuses a typed value the run would refuse, in the parser's words", () => {
    expect(typedValueProblem(policyParameter("safetyStock"), "Policy!B3", -5)).toBe('Policy!B3 is -5; "Safety stock" must be 0 or more.');
    expect(typedValueProblem(policyParameter("holdingCostBasis"), "Policy!B4", "Avg")).toBe(
      'Policy!B4 holds the text "Avg"; "Holding cost basis" must be Ending or Average.',
    );
    expect(typedValueProblem(policyParameter("safetyStock"), "Policy!B3", 12)).toBeNull();
    expect(typedValueProblem(undefined, "Policy!B9", "anything")).toBeNull();
  });
});

describe("one set of defaults and labels", () => {
  test("the pane and the command line start from the same default strategies (the pane offers the level hybrids unchecked)", () => {
    expect(DEFAULT_SETTINGS.strategies).toEqual(DEFAULT_STRATEGIES.filter((s) => !s.startsWith("hybrid-")));
    expect((parseCommandLine(["in.xlsx"]) as { strategies: unknown }).strategies).toEqual([...DEFAULT_STRATEGIES]);
  });

  test("the pane chooses the approach by the data, as the command line does: the same Line requirement", () => {
    // A Forecast with only product rows: bottom-up; the Line carries what the level plan makes (200 a month).
    const grids: Record<string, Grid> = {
      Forecast: [["Family", "Product", "Jan", "Feb"], ["Tools", "Drill", 100, 300]],
      Products: [["Product", "Family", "Mix", "Line"], ["Drill", "Tools", 1, 1]],
      Capacity: [["Resource", "Jan", "Feb"], ["Line", 1000, 1000]],
      Policy: [["Parameter", "Value"], ["Units per worker per period", 10], ["Holding cost per unit", 1]],
    };
    const blocks = Object.entries(grids).map(([name, grid]) => excelTable(name, name, grid));
    const request = { strategies: ["level" as const], utilizationThreshold: 0.7, plannedAt: 0, ...(DEFAULT_SETTINGS.approach !== "by-data" && { approach: DEFAULT_SETTINGS.approach }) };
    const pane = runPlanner(blocks, plannerOptions(request, () => {}));
    const cli = runPlanner(blocks, { strategies: ["level"] });
    const line = (run: typeof pane) => run.resources[0].periods.map((p) => p.required);
    expect(line(cli)).toEqual([200, 200]);
    expect(line(pane)).toEqual(line(cli));
  });

  test("the risk kinds have one label, on the Risks sheet and in the pane", () => {
    const sheet = layoutRisks([{ kind: "underutilization", severity: "info", message: "Line is idle" }], "SOP Risks", "SOP_Risks");
    expect(sheet.cells[4][0]?.value).toBe(RISK_KIND_LABEL.underutilization);
  });
});

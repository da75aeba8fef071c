// The layers are enforced by lint: a forbidden import or an Office type in the wrong place fails `npm run lint`.
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const ESLINT = path.join(ROOT, "node_modules", "eslint", "bin", "eslint.js");

/** The project's own lint run on `code` as if it were the file at `filePath`: the rules and messages it reports. */
async function problems(code: string, filePath: string): Promise<string[]> {
  // A child process, as `npm run lint` runs it (ESLint loads its flat config with a dynamic import jest cannot do).
  const run = spawnSync(process.execPath, [ESLINT, "--stdin", "--stdin-filename", filePath, "--format", "json"], { cwd: ROOT, input: code, encoding: "utf8" });
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

/** `import { name } from "specifier";` used once, so only the import itself can be a problem. */
const importing = (name: string, specifier: string) => `import { ${name} } from "${specifier}";\nexport const used = ${name};\n`;
const notAllowed = (target: string, folder: string) => expect.stringMatching(new RegExp(`^layers/import-allowlist: '${target}' is not among what src/${folder} may import`));

describe("each folder imports only what its allowlist names (eslint.config.js LAYERS)", () => {
  test.each([
    // [file, import, what it names, the folder]
    ["src/engine/planning.ts", importing("cellRef", "../workbook/names"), "workbook/names", "engine"],
    ["src/template/schema.ts", importing("cellRef", "../workbook/names"), "workbook/names", "template"],
    ["src/template/schema.ts", importing("COST_KINDS", "../engine/model"), "engine/model", "template"],
    ["src/workbook/names.ts", importing("amountText", "../engine/numberText"), "engine/numberText", "workbook"],
    ["src/functions/plans.ts", importing("cellRef", "../workbook/names"), "workbook/names", "functions"],
    ["src/functions/plans.ts", importing("costPlan", "../engine/costing"), "engine/costing", "functions"],
    ["src/taskpane/components/Risks.tsx", importing("cellAddress", "../../workbook/sheet"), "workbook/sheet", "taskpane"],
    ["src/taskpane/format.ts", importing("numberText", "../engine/numberText"), "engine/numberText", "taskpane"],
    ["src/cli/summary.ts", importing("recommendation", "../engine/recommendation"), "engine/recommendation", "cli"],
    ["src/solver/highs.ts", importing("LpSolver", "../engine/lp"), "engine/lp/index", "solver"],
    ["src/xlsx/writer.ts", importing("planAll", "../engine"), "engine/index", "xlsx"],
    ["src/excel/reading.ts", importing("planAll", "../engine"), "engine/index", "excel"],
    ["src/commands/commands.ts", importing("planAll", "../engine"), "engine/index", "commands"],
  ])("%s: %s fails lint", async (file, code, target, folder) => {
    expect(await problems(code, file)).toEqual([notAllowed(target, folder)]);
  });

  test.each([
    ["src/engine/planning.ts", importing("amountText", "./numberText")],
    ["src/template/schema.ts", importing("COST_KINDS", "../engine")],
    ["src/workbook/names.ts", importing("etsForecast", "../engine/forecast")],
    ["src/functions/plans.ts", importing("policySchema", "../template/schema")],
    ["src/functions/plans.ts", importing("sumCosts", "../engine")],
    ["src/taskpane/format.ts", importing("numberText", "../engine")],
    ["src/taskpane/planner.ts", importing("cellAddress", "../workbook/sheet")],
    ["src/taskpane/components/Risks.tsx", importing("cellAddress", "../planner")],
    ["src/cli/summary.ts", importing("writeWorkbook", "../xlsx/writer")],
  ])("%s: %s passes", async (file, code) => {
    expect(await problems(code, file)).toEqual([]);
  });

  test("the parser is imported only by the run pipeline and the pane's planner", async () => {
    const parse = importing("parseInputs", "../parse");
    expect(await problems(parse, "src/workbook/run/inputs.ts")).toEqual([]);
    expect(await problems(importing("parseInputs", "../workbook/parse"), "src/taskpane/planner.ts")).toEqual([]);
    expect(await problems(importing("parseInputs", "./parse"), "src/workbook/pipeline.ts")).toEqual([
      expect.stringMatching(/^layers\/import-allowlist: 'workbook\/parse' may be imported only by workbook\/run\/inputs.ts, taskpane\/planner.ts/),
    ]);
    expect(await problems(importing("parseInputs", "../workbook/parse"), "src/functions/args.ts")).toEqual([expect.stringMatching(/may be imported only by/)]);
  });

  test("a dynamic import is held to the same list", async () => {
    const found = await problems('export const later = () => import("../../engine/optimal");\n', "src/taskpane/run/solver.ts");
    expect(found).toEqual([notAllowed("engine/optimal/index", "taskpane")]);
  });
});

describe("no Office types outside src/excel and src/taskpane", () => {
  test("an Excel type in the workbook layer fails lint", async () => {
    const found = await problems("export function width(range: Excel.Range): number {\n  return range.columnCount;\n}\n", "src/workbook/sheet.ts");
    expect(found).toEqual([expect.stringMatching(/^no-restricted-syntax: Office types stay/)]);
  });

  test("an Office call in the engine fails lint, as does importing the Office adapter", async () => {
    expect(await problems("export const ready = Office.onReady;\n", "src/engine/model.ts")).toEqual([expect.stringMatching(/^no-restricted-syntax: Office calls stay/)]);
    const adapter = await problems('import { OfficeWorkbookHost } from "../excel/officeHost";\nexport const h = OfficeWorkbookHost;\n', "src/cli/main.ts");
    // Twice refused: Office stays in its adapter, and the command line's allowlist does not name it.
    expect(adapter).toEqual([expect.stringMatching(/^no-restricted-imports: .*Office stays in src\/excel/), notAllowed("excel/officeHost", "cli")]);
  });

  test("the same Excel type in the Office adapter passes", async () => {
    expect(await problems("export function width(range: Excel.Range): number {\n  return range.columnCount;\n}\n", "src/excel/officeHost.ts")).toEqual([]);
  });
});

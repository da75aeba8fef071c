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

describe("the engine imports nothing of the project outside src/engine", () => {
  test("an import of the workbook layer from the engine fails lint", async () => {
    const found = await problems('import { parseInputs } from "../workbook/parse";\nexport const p = parseInputs;\n', "src/engine/planning.ts");
    expect(found).toEqual([expect.stringMatching(/^no-restricted-imports: .*The engine holds only the maths/)]);
  });

  test("from a folder of the engine, an import of the workbook layer fails lint and one of the engine passes", async () => {
    const found = await problems('import { parseInputs } from "../../workbook/parse";\nexport const p = parseInputs;\n', "src/engine/optimal/model.ts");
    expect(found).toEqual([expect.stringMatching(/^no-restricted-imports: .*The engine holds only the maths/)]);
    expect(await problems('import { frozenCount } from "../costing";\nexport const f = frozenCount;\n', "src/engine/optimal/model.ts")).toEqual([]);
  });
  test("an import within the engine passes", async () => {
    expect(await problems('import { amountText } from "./numberText";\nexport const a = amountText;\n', "src/engine/planning.ts")).toEqual([]);
  });
});

describe("the template schema imports only the engine", () => {
  test("an import of the workbook layer from the schema fails lint", async () => {
    const found = await problems('import { cellRef } from "../workbook/names";\nexport const c = cellRef;\n', "src/template/schema.ts");
    expect(found).toEqual([expect.stringMatching(/^no-restricted-imports: .*The template schema is pure/)]);
  });

  test("an import of the engine's model from the schema passes", async () => {
    expect(await problems('import { COST_KINDS } from "../engine/model";\nexport const k = COST_KINDS;\n', "src/template/schema.ts")).toEqual([]);
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
    expect(adapter).toEqual([expect.stringMatching(/^no-restricted-imports: .*Office stays in src\/excel/)]);
  });

  test("the same Excel type in the Office adapter passes", async () => {
    expect(await problems("export function width(range: Excel.Range): number {\n  return range.columnCount;\n}\n", "src/excel/officeHost.ts")).toEqual([]);
  });
});

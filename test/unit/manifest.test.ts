// `npm run manifest:check` accepts the real manifest and refuses broken copies with messages that say what is wrong.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const SCRIPT = path.join(ROOT, "scripts", "manifest-check.js");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

let workDir: string;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sop-manifest-"));
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

function check(...args: string[]): { status: number | null; output: string } {
  const child = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

function checkCopy(name: string, edit: (xml: string) => string): { status: number | null; output: string } {
  const edited = edit(MANIFEST);
  expect(edited).not.toBe(MANIFEST); // the edit must have found its target
  const file = path.join(workDir, name);
  fs.writeFileSync(file, edited);
  return check(file);
}

function writeJson(name: string, value: unknown): string {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

describe("the real manifest passes", () => {
  test("office-addin-manifest reads it and every project check passes", () => {
    const { status, output } = check();
    expect(output).toContain("office-addin-manifest reads it: S&OP Planner");
    expect(output).toContain('shared runtime: Runtime, Page, FunctionFile and task pane all use "Taskpane.Url"');
    expect(output).toContain("custom functions namespace: SOP");
    expect(output).toContain("SOP.UTILIZATION");
    expect(output).toContain("manifest-check passed.");
    expect(status).toBe(0);
  });
});

describe("broken copies fail with a clear message", () => {
  test("no CustomFunctionsRuntime requirement (the functions return CustomFunctions.Error with ErrorCode)", () => {
    const { status, output } = checkCopy("no-functions-runtime.xml", (xml) => xml.replace(/\s*<Set Name="CustomFunctionsRuntime"[^>]*\/>/, ""));
    expect(status).toBe(1);
    expect(output).toContain("<Requirements> does not ask for CustomFunctionsRuntime 1.3");
  });

  test("a SupportUrl back at the task pane, and a LearnMoreUrl to an anchor the help page does not have", () => {
    const { status, output } = checkCopy("help-links.xml", (xml) =>
      xml
        .replace('<SupportUrl DefaultValue="https://localhost:3000/help.html#support" />', '<SupportUrl DefaultValue="https://localhost:3000/taskpane.html" />')
        .replace('DefaultValue="https://localhost:3000/help.html" />', 'DefaultValue="https://localhost:3000/help.html#nowhere" />'),
    );
    expect(status).toBe(1);
    expect(output).toContain('<SupportUrl> is "https://localhost:3000/taskpane.html", not the help page');
    expect(output).toContain("names #nowhere, which src/help/help.html does not have");
  });

  test("a resid that names no resource", () => {
    const { status, output } = checkCopy("missing-resource.xml", (xml) =>
      xml.replace('<Label resid="TaskpaneButton.Label" />', '<Label resid="TaskpaneButton.Caption" />'),
    );
    expect(status).toBe(1);
    expect(output).toContain('<Label resid="TaskpaneButton.Caption"> refers to no resource');
  });

  test("a resource of the wrong kind", () => {
    const { status, output } = checkCopy("wrong-kind.xml", (xml) =>
      xml.replace('<bt:Image size="16" resid="Icon.16x16" />', '<bt:Image size="16" resid="Taskpane.Url" />'),
    );
    expect(status).toBe(1);
    expect(output).toContain('needs an image resource but "Taskpane.Url" is a URL');
  });

  test("a FunctionFile outside the shared runtime", () => {
    const { status, output } = checkCopy("split-runtime.xml", (xml) =>
      xml
        .replace('<FunctionFile resid="Taskpane.Url" />', '<FunctionFile resid="Commands.Url" />')
        .replace("<bt:Urls>", '<bt:Urls>\n        <bt:Url id="Commands.Url" DefaultValue="https://localhost:3000/commands.html" />'),
    );
    expect(status).toBe(1);
    expect(output).toContain('<FunctionFile> uses "Commands.Url" but the runtime is "Taskpane.Url"');
  });

  test("a runtime that does not live long", () => {
    const { status, output } = checkCopy("short-runtime.xml", (xml) => xml.replace('lifetime="long"', 'lifetime="short"'));
    expect(status).toBe(1);
    expect(output).toContain('needs lifetime="long"');
  });

  test("no custom functions namespace", () => {
    const { status, output } = checkCopy("no-namespace.xml", (xml) =>
      xml.replace('<Namespace resid="Functions.Namespace" />', ""),
    );
    expect(status).toBe(1);
    expect(output).toContain("no custom functions <Namespace> is set");
  });

  test("a plain http URL", () => {
    const { status, output } = checkCopy("http.xml", (xml) =>
      xml.replace("https://localhost:3000/functions.json", "http://localhost:3000/functions.json"),
    );
    expect(status).toBe(1);
    expect(output).toContain("URL is not https: http://localhost:3000/functions.json");
  });

  test("an icon that is not in assets/", () => {
    const { status, output } = checkCopy("missing-icon.xml", (xml) => xml.replace("assets/icon-80.png", "assets/icon-96.png"));
    expect(status).toBe(1);
    expect(output).toContain("assets/icon-96.png is in the manifest but not in assets/");
  });

  test("XML that does not parse is refused by office-addin-manifest", () => {
    const { status, output } = checkCopy("truncated.xml", (xml) => xml.slice(0, xml.indexOf("<Resources>")));
    expect(status).toBe(1);
    expect(output).toContain("office-addin-manifest cannot read it");
  });
});

describe("custom functions metadata: ids valid and each registered once", () => {
  test("the functions declared in src/functions/functions.ts", () => {
    // Generated from source (or the build's dist/functions.json): a function declared twice fails here.
    const { status, output } = check();
    expect(output).toMatch(/custom functions?, ids unique and valid: .*SOP\.UTILIZATION/);
    expect(status).toBe(0);
  });

  test("ids that differ only in case are declared twice, as Excel sees them", () => {
    const file = writeJson("twice.json", {
      functions: [
        { id: "UTILIZATION", name: "UTILIZATION", parameters: [] },
        { id: "utilization", name: "UTILIZATION2", parameters: [] },
      ],
    });
    const { status, output } = check("--functions", file);
    expect(status).toBe(1);
    expect(output).toContain('function id "utilization" is declared twice');
  });

  test("an id with a space and a name starting with a digit", () => {
    const file = writeJson("invalid.json", { functions: [{ id: "LOAD FACTOR", name: "2LOAD", parameters: [] }] });
    const { status, output } = check("--functions", file);
    expect(status).toBe(1);
    expect(output).toContain('function id "LOAD FACTOR" must be 1–128 letters, digits, "." or "_"');
    expect(output).toContain('function name "2LOAD" must start with a letter');
  });
});

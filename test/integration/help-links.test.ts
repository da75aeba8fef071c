// Every help link the add-in gives Office (the manifest's SupportUrl and LearnMoreUrl, each function's helpUrl) resolves to a file and an anchor of the production build.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { tempDir } from "../support/xlsxFiles";

const ROOT = path.resolve(__dirname, "..", "..");
const PRODUCTION_URL = "https://planner.test/sop/";

/** The production build with the functions entry only (the pages' bundles add nothing to the links), into `outDir`. */
const BUILD_SCRIPT = `
const webpack = require("webpack");
const makeConfig = require("./webpack.config.js");
(async () => {
  const config = await makeConfig({}, { mode: "production" });
  config.entry = { functions: config.entry.functions };
  config.output = { ...config.output, path: process.argv[1] };
  config.plugins = config.plugins.filter((p) => !["HtmlWebpackPlugin"].includes(p.constructor.name));
  config.devtool = false;
  config.performance = { hints: false };
  webpack(config, (error, stats) => {
    if (error || stats.hasErrors()) {
      console.error(error ? error.stack : stats.toString("errors-only"));
      process.exit(1);
    }
  });
})();
`;

let outDir: string;
let manifest: string;
let functionsJson: { functions: { id: string; helpUrl?: string }[] };

beforeAll(() => {
  outDir = tempDir("sop-help-links-");
  const build = spawnSync(process.execPath, ["-e", BUILD_SCRIPT, outDir], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, SOP_PLANNER_URL: PRODUCTION_URL },
  });
  if (build.status !== 0) throw new Error(`webpack failed:\n${build.stdout}${build.stderr}`);
  manifest = fs.readFileSync(path.join(outDir, "manifest.xml"), "utf8");
  functionsJson = JSON.parse(fs.readFileSync(path.join(outDir, "functions.json"), "utf8"));
}, 180_000);

/** The file of the build a production URL names, and the anchor after its `#`. */
function resolve(url: string): { file: string; anchor: string | null } {
  expect(url.startsWith(PRODUCTION_URL)).toBe(true);
  const [filePart, anchor = null] = url.slice(PRODUCTION_URL.length).split("#");
  return { file: path.join(outDir, filePart), anchor };
}

/** The element ids of an HTML page, quoted or not (the build minifies the page). */
function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid=(?:"([^"]+)"|([^\s>"]+))/g)].map((m) => m[1] ?? m[2]));
}

function expectResolves(url: string): void {
  const { file, anchor } = resolve(url);
  expect(fs.existsSync(file)).toBe(true);
  if (anchor !== null) expect(idsOf(fs.readFileSync(file, "utf8"))).toContain(anchor);
}

describe("help links in the production build", () => {
  it("the manifest's SupportUrl and LearnMoreUrl open the help page", () => {
    const support = /<SupportUrl DefaultValue="([^"]+)"/.exec(manifest)?.[1];
    const learnMoreId = /<LearnMoreUrl resid="([^"]+)"/.exec(manifest)?.[1];
    const learnMore = new RegExp(`<bt:Url id="${learnMoreId}" DefaultValue="([^"]+)"`).exec(manifest)?.[1];
    expect(support).toMatch(/help\.html#support$/);
    expect(learnMore).toMatch(/help\.html$/);
    expectResolves(support as string);
    expectResolves(learnMore as string);
  });

  it("every custom function has a help link to its own section of the help page", () => {
    expect(functionsJson.functions.length).toBeGreaterThanOrEqual(7);
    for (const fn of functionsJson.functions) {
      expect(fn.helpUrl).toBe(`${PRODUCTION_URL}help.html#sop-${fn.id.toLowerCase()}`);
      expectResolves(fn.helpUrl as string);
    }
  });

  it("every URL in the manifest is on the production host and every file it names is in the build", () => {
    const urls = [...manifest.matchAll(/"(https:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(resolve(url).file.startsWith(outDir)).toBe(true);
    for (const url of urls.filter((u) => !u.endsWith("taskpane.html") && !u.endsWith("commands.html"))) expectResolves(url);
  });

  it("the help page's own links go to sections it has, and it has a section per input table", () => {
    const page = fs.readFileSync(path.join(outDir, "help.html"), "utf8");
    const ids = idsOf(page);
    for (const table of ["forecast", "policy", "capacity", "products", "plan"]) expect(ids).toContain(table);
    const anchors = [...page.matchAll(/href=(?:"#([^"]+)"|#([^\s>"]+))/g)].map((m) => m[1] ?? m[2]);
    expect(anchors.length).toBeGreaterThan(10);
    for (const anchor of anchors) expect(ids).toContain(anchor);
    expect(fs.existsSync(path.join(outDir, "help.css"))).toBe(true);
  });
});

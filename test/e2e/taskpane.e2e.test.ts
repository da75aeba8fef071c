// The production task pane in headless Chromium on an in-memory workbook: sample → run → results → errors, by mouse and by keyboard, checked by axe.
import fs from "fs";
import path from "path";
import type { BrowserContext, Page } from "playwright-core";
import type { MemoryWorkbookHost } from "../../src/workbook/memoryHost";

// CommonJS helpers shared with the bench (bench/taskpane.bench.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const browser = require("./harness/browser.js") as {
  ensureBuild(): string;
  serve(dir: string): Promise<{ url: string; close(): Promise<void> }>;
  launch(): Promise<{ context: BrowserContext; close(): Promise<void> }>;
  routeOffline(context: BrowserContext): Promise<void>;
  initialJavaScript(dir: string, fetchedScripts: string[]): { rows: { file: string; gzip: number }[]; total: { raw: number; gzip: number } };
  INITIAL_JS_BUDGET_GZIP: number;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const axeSource = (require("axe-core") as { source: string }).source;

const SCREENSHOTS = path.resolve(__dirname, "..", "..", "test-output", "screenshots");
const PANE_WIDTH = 350;

declare global {
  interface Window {
    sopHost?: MemoryWorkbookHost & { readDelayMs: number };
    axe?: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
  }
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Every Content Security Policy violation any page of this suite reported: the last test requires none. */
const cspViolations: string[] = [];

function watchContentSecurityPolicy(page: Page): void {
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|connect|apply|create)/i.test(message.text())) {
      cspViolations.push(`${page.url()}: ${message.text()}`);
    }
  });
}

let buildDir: string;
let server: { url: string; close(): Promise<void> };
let chromium: { context: BrowserContext; close(): Promise<void> };

beforeAll(async () => {
  // Builds the production bundles plus the test page when the sources are newer than the last build.
  buildDir = browser.ensureBuild();
  server = await browser.serve(buildDir);
  chromium = await browser.launch();
  await browser.routeOffline(chromium.context);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

async function openPane(workbook: "blank" | "bad", theme: "light" | "dark" = "light"): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: PANE_WIDTH, height: 900 });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  watchContentSecurityPolicy(page);
  await page.goto(`${server.url}/e2e.html?workbook=${workbook}&theme=${theme}`);
  await page.getByRole("list", { name: "Template tables" }).waitFor();
  expect(errors).toEqual([]);
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  // Fluent's motion ends within a few frames; wait for it so the picture is still.
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Serious and critical axe violations of the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the page's Content Security Policy refuses inline scripts.
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axeSource);
  const { violations } = await page.evaluate(() =>
    (window.axe as NonNullable<Window["axe"]>).run(document, { resultTypes: ["violations"] }),
  );
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const hostState = (page: Page) =>
  page.evaluate(() => {
    const host = window.sopHost as NonNullable<Window["sopHost"]>;
    return { sheets: host.sheets.map((s) => s.name), active: host.activeSheet, selection: host.selection, calls: host.calls };
  });

/** The focused element's accessible name as a user would hear it (label, else text). */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    if (!element) return "";
    const label = element.getAttribute("aria-label") ?? element.labels?.[0]?.textContent ?? element.textContent ?? "";
    return label.trim();
  });

/** Presses Tab until the focused control's name matches, as a keyboard user would; fails if it never comes. */
async function tabTo(page: Page, name: string | RegExp, limit = 120): Promise<void> {
  const matches = (text: string) => (typeof name === "string" ? text === name : name.test(text));
  for (let i = 0; i < limit; i++) {
    if (matches(await focusedName(page))) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${String(name)} (last: ${await focusedName(page)})`);
}

describe("the task pane in Chromium, on the production build", () => {
  test("insert the sample, run, see the results and open a plan sheet", async () => {
    const page = await openPane("blank");
    expect(await page.getByText("missing (required)").count()).toBe(2);
    await screenshot(page, "01-empty-workbook");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Insert sample template" }).click();
    await page.getByText(/^Inserted Forecast, Products, Capacity, Policy and Plan\./).waitFor();
    expect((await hostState(page)).sheets).toEqual(["Sheet1", "Forecast", "Products", "Capacity", "Policy", "Plan"]);
    const stats = page.getByRole("definition");
    expect(await stats.allTextContents()).toEqual(["2", "4", "3", "12"]);
    await screenshot(page, "02-sample-inserted");

    // Inserting again keeps the user's sheets: every name is taken now.
    await page.getByRole("button", { name: "Insert sample template" }).click();
    await page.getByText(/^Kept your Forecast, Products, Capacity, Policy and Plan/).waitFor();

    // A slow read shows the first stage long enough to see the bar and cancel it.
    await page.evaluate(() => {
      (window.sopHost as NonNullable<Window["sopHost"]>).readDelayMs = 1500;
    });
    await page.getByRole("button", { name: "Run planner" }).click();
    await page.getByRole("progressbar").waitFor();
    await page.getByText("Reading the workbook…").waitFor();
    await screenshot(page, "03-running");
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByText("Run cancelled. Nothing was written.").waitFor();
    expect((await hostState(page)).calls.filter((c) => c.startsWith("writeSheets"))).toEqual([]);

    await page.evaluate(() => {
      (window.sopHost as NonNullable<Window["sopHost"]>).readDelayMs = 0;
    });
    await page.getByRole("button", { name: "Run planner" }).click();
    await page.getByRole("heading", { name: "Results" }).waitFor();
    const table = page.getByRole("table", { name: "Total cost by family and strategy" });
    expect(await table.getByRole("columnheader").allTextContents()).toEqual(["Family", "Level", "Chase", "Manual", "Optimal"]);
    expect(await table.getByRole("rowheader").allTextContents()).toEqual(["Cordless Drills", "Garden Tools"]);
    expect(await page.getByRole("list", { name: "Recommended plans" }).getByRole("listitem").count()).toBe(2);
    await page.getByRole("button", { name: "Open sheet SOP Summary" }).waitFor();
    await screenshot(page, "04-results");
    expect(await seriousViolations(page)).toEqual([]);

    const written = (await hostState(page)).sheets.filter((s) => s.startsWith("SOP"));
    expect(written.length).toBeGreaterThanOrEqual(3);
    await page.getByRole("button", { name: `Open sheet ${written[1]}` }).click();
    await page.waitForFunction((name) => window.sopHost?.activeSheet === name, written[1]);
    await page.close();
  });

  test("an error names its cell, and clicking it selects that cell in the workbook", async () => {
    const page = await openPane("bad");
    await page.getByRole("heading", { name: /^Errors to fix/ }).waitFor();
    const goTo = page.getByRole("button", { name: "Go to cell Forecast!E3" });
    await goTo.waitFor();
    await screenshot(page, "05-errors");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Run planner" }).click();
    await page.waitForFunction(() => window.sopHost?.calls.filter((c) => c === "readBlocks").length === 2);
    // A run with errors writes nothing and shows no results.
    expect(await page.getByRole("heading", { name: "Results" }).count()).toBe(0);
    await goTo.click();
    await page.waitForFunction(() => window.sopHost?.selection?.range === "E3");
    expect((await hostState(page)).selection).toEqual({ sheet: "Forecast", range: "E3" });
    expect((await hostState(page)).calls).not.toContainEqual(expect.stringMatching(/^writeSheets/));
    await page.close();
  });

  test("the whole flow works from the keyboard alone", async () => {
    const page = await openPane("blank");
    await tabTo(page, "Insert sample template");
    await page.keyboard.press("Enter");
    await page.getByText(/^Inserted Forecast/).waitFor();

    // Settings: uncheck Manual with the space bar, then run with Enter.
    await tabTo(page, "Manual");
    await page.keyboard.press("Space");
    expect(await page.getByRole("checkbox", { name: "Manual" }).isChecked()).toBe(false);

    // The Policy view opens from the keyboard and an edit goes to its cell.
    await tabTo(page, /^Policy \(\d+ parameters\)$/);
    await page.keyboard.press("Enter");
    await tabTo(page, "Safety stock, Value");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("120");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.sopHost?.calls.includes("writeValues Policy!B5"));
    expect(await page.evaluate(() => window.sopHost?.value("Policy!B5"))).toBe(120);

    await tabTo(page, "Run planner", 200);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Results" }).waitFor();
    const table = page.getByRole("table", { name: "Total cost by family and strategy" });
    expect(await table.getByRole("columnheader").allTextContents()).toEqual(["Family", "Level", "Chase", "Optimal"]);

    await tabTo(page, "Open sheet SOP Summary", 200);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.sopHost?.activeSheet === "SOP Summary");
    await page.close();
  });

  test("an error's cell is reached and selected from the keyboard", async () => {
    const page = await openPane("bad");
    await tabTo(page, "Go to cell Forecast!E3");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.sopHost?.selection?.range === "E3");
    await page.close();
  });

  test("the solver's WebAssembly is fetched only when a run asks for the optimal plan, and planned in the worker", async () => {
    const page = await openPane("blank");
    const fetched: string[] = [];
    page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
    await page.getByRole("button", { name: "Insert sample template" }).click();
    await page.getByText(/^Inserted Forecast/).waitFor();
    // Optimal is on at first, as on the command line; without it a run never loads the solver.
    await page.getByRole("checkbox", { name: "Optimal" }).uncheck();
    await page.getByRole("button", { name: "Run planner" }).click();
    await page.getByRole("heading", { name: "Results" }).waitFor();
    expect(fetched.filter((p) => p.endsWith(".wasm"))).toEqual([]);

    await page.getByRole("checkbox", { name: "Optimal" }).check();
    await page.getByRole("button", { name: "Run planner" }).click();
    const table = page.getByRole("table", { name: "Total cost by family and strategy" });
    await table.getByRole("columnheader", { name: "Optimal" }).waitFor({ timeout: 30_000 });
    expect(fetched.filter((p) => p.endsWith(".wasm"))).toHaveLength(1);
    // The optimal plan is never dearer than the others, so it is each family's recommendation.
    expect(await page.getByRole("list", { name: "Recommended plans" }).getByRole("listitem").allTextContents()).toEqual([
      expect.stringMatching(/^Cordless Drills: Optimal plan/),
      expect.stringMatching(/^Garden Tools: Optimal plan/),
    ]);
    await screenshot(page, "07-results-optimal");
    await page.close();
  });

  test("the JavaScript loaded before the pane is interactive stays within the 200 KB gzipped budget", async () => {
    const page = await chromium.context.newPage();
    watchContentSecurityPolicy(page);
    const scripts: string[] = [];
    page.on("response", (response) => {
      const url = new URL(response.url());
      if (url.hostname === "127.0.0.1" && url.pathname.endsWith(".js")) scripts.push(path.basename(url.pathname));
    });
    await page.goto(`${server.url}/e2e.html?workbook=blank`);
    await page.getByRole("button", { name: "Run planner" }).waitFor();
    const { rows, total } = browser.initialJavaScript(buildDir, scripts);
    // The planning worker (sop-planner.*.js) and the solver (highs.*.js) are not part of it: they load when a run starts.
    expect(rows.map((r) => r.file)).toEqual(expect.arrayContaining(["taskpane.js", "functions.js", "commands.js"]));
    expect(rows.filter((r) => /^(sop-planner|highs)\./.test(r.file))).toEqual([]);
    expect(total.gzip).toBeLessThanOrEqual(browser.INITIAL_JS_BUDGET_GZIP);
    await page.close();
  });

  test.each([320, 500])("at %i px wide nothing runs off the side: the pane scrolls down, never across", async (width) => {
    const page = await openPane("blank");
    await page.setViewportSize({ width, height: 900 });
    await page.getByRole("button", { name: "Insert sample template" }).click();
    await page.getByText(/^Inserted Forecast/).waitFor();
    await page.getByRole("button", { name: "Run planner" }).click();
    await page.getByRole("heading", { name: "Results" }).waitFor({ timeout: 30_000 });
    await page.getByRole("heading", { name: "Top risks" }).waitFor();
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - window.innerWidth,
      // Any element whose right edge passes the viewport, or that scrolls across inside (a table or a
      // long message that does not wrap, clipped by its card).
      offenders: [...document.querySelectorAll("main *")]
        // (Visually hidden text for screen readers is 1 px wide on purpose.)
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 || (e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1))
        .map((e) => `${e.tagName.toLowerCase()}${e.getAttribute("role") ? `[${e.getAttribute("role")}]` : ""}: ${(e.textContent ?? "").slice(0, 40)}`)
        .slice(0, 5),
    }));
    expect(overflow).toEqual({ page: 0, offenders: [] });
    await screenshot(page, `08-results-${width}px`);
    await page.close();
  });

  test("the dark theme reads as well as the light one", async () => {
    const page = await openPane("blank", "dark");
    await page.getByRole("button", { name: "Insert sample template" }).click();
    await page.getByText(/^Inserted Forecast/).waitFor();
    await page.getByRole("button", { name: "Run planner" }).click();
    await page.getByRole("heading", { name: "Results" }).waitFor();
    await screenshot(page, "06-results-dark");
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});

describe("the Content Security Policy", () => {
  it("every page of the pane runs under a policy that allows only what it uses, and no page broke it", async () => {
    for (const name of ["e2e.html", "taskpane.html", "commands.html"]) {
      const html = fs.readFileSync(path.join(buildDir, name), "utf8");
      const policy = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/i.exec(html)?.[1] ?? "";
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self' https://appsforoffice.microsoft.com 'wasm-unsafe-eval'");
      expect(policy).not.toMatch(/'unsafe-eval'|script-src[^;]*unsafe-inline/);
      // The policy comes before office.js, so it covers that load too.
      expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("office.js"));
    }
    // A page that tried an inline script is refused and says so: the watch sees what the browser refuses.
    const page = await chromium.context.newPage();
    const seen: string[] = [];
    page.on("console", (message) => seen.push(message.text()));
    await page.goto(`${server.url}/e2e.html?workbook=blank`);
    await page.getByRole("list", { name: "Template tables" }).waitFor();
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.inlineRan = true";
      document.head.appendChild(script);
    });
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan ?? false)).toBe(false);
    expect(seen.some((text) => /Content Security Policy/i.test(text))).toBe(true);
    await page.close();
    expect(cspViolations).toEqual([]);
  });
});

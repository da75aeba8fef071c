// The production task pane in headless Chromium on an in-memory workbook: sample → run → results → errors, by mouse and by keyboard, checked by axe.
import fs from "fs";
import path from "path";
import type { BrowserContext, Page } from "playwright-core";
import { MemoryWorkbookHost } from "../../src/workbook/memoryHost";
import { runPlanner } from "../../src/workbook/pipeline";
import { sampleNextMonth, sampleTemplate } from "../../src/workbook/sample";
import type { WorkbookSpec } from "../../src/workbook/sheet";
import { findVersionsBlock, layoutVersionsSheet, parseVersions } from "../../src/workbook/versions";

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
/** The acceptance size: a task pane 350 px wide in a window 600 px tall. */
const PANE_HEIGHT = 600;

declare global {
  interface Window {
    sopHost?: MemoryWorkbookHost & { readDelayMs: number };
    sopWorkbook?: { user: WorkbookSpec; planner: WorkbookSpec; formats: [string, string][] };
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

/**
 * This month's sample with last month's plan saved as version "November agreed" (planned here as a
 * first run would have, without the optimal plan), a Scenarios table, and the Policy's money cells
 * of the Value column formatted in euros: what the review tests open.
 */
async function reviewCycleWorkbook(): Promise<NonNullable<Window["sopWorkbook"]>> {
  const lastMonth = new MemoryWorkbookHost(sampleTemplate());
  const planned = runPlanner(await lastMonth.readBlocks(), {
    strategies: ["level", "chase", "manual"],
    saveVersion: "November agreed",
    plannedAt: new Date(2026, 10, 27, 16, 30),
  });
  await lastMonth.writeSheets(planned.sheets);
  const { versions } = parseVersions(findVersionsBlock(await lastMonth.readBlocks()));
  return {
    user: sampleNextMonth(),
    planner: { sheets: [layoutVersionsSheet(versions).sheet] },
    // Regular and overtime cost per hour, hiring, layoff and subcontract cost: the Value column's money cells.
    formats: [9, 10, 12, 13, 17].map((row) => [`Policy!B${row}`, '#,##0.00 "€"']),
  };
}

async function openPane(workbook: "blank" | "bad" | "cycle", theme: "light" | "dark" = "light", height = 900): Promise<Page> {
  const page = await chromium.context.newPage();
  if (workbook === "cycle") await page.addInitScript((given) => (window.sopWorkbook = given), await reviewCycleWorkbook());
  await page.setViewportSize({ width: PANE_WIDTH, height });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  watchContentSecurityPolicy(page);
  await page.goto(`${server.url}/e2e.html?workbook=${workbook}&theme=${theme}`);
  await page.locator("main[aria-busy=false]").waitFor();
  expect(errors).toEqual([]);
  return page;
}

/** A picture of the pane: what the user sees (the viewport), or the whole scrolled length. */
async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  // Fluent's motion ends within a few frames; wait for it so the picture is still.
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

const statusLine = (page: Page) => page.getByRole("region", { name: "Run the planner" }).getByRole("status");
const runButton = (page: Page) => page.getByRole("button", { name: "Run planner" });

/** Whether the element is wholly inside the viewport as it is scrolled now (no scrolling to reach it). */
async function inView(page: Page, locator: ReturnType<Page["locator"]>): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height + 0.5 && box.x + box.width <= viewport.width + 0.5;
}

/** Run and the status line are on screen: checked as the page is, and scrolled to the top and to the end. */
async function expectActionBarInView(page: Page): Promise<void> {
  for (const scroll of ["as is", "top", "end"] as const) {
    if (scroll === "top") await page.evaluate(() => window.scrollTo(0, 0));
    if (scroll === "end") await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect({ scroll, run: await inView(page, runButton(page)), status: await inView(page, statusLine(page)) }).toEqual({ scroll, run: true, status: true });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

const focusedIsStatus = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("role") === "status" && document.activeElement.id === "sop-status");

/** Every axe violation of the page as it is now, of any impact. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the page's Content Security Policy refuses inline scripts.
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axeSource);
  const { violations } = await page.evaluate(() =>
    (window.axe as NonNullable<Window["axe"]>).run(document, { resultTypes: ["violations"] }),
  );
  return violations
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

/** Presses Tab (or Shift+Tab, back) until the focused control's name matches, as a keyboard user would; fails if it never comes. */
async function tabTo(page: Page, name: string | RegExp, limit = 120, key: "Tab" | "Shift+Tab" = "Tab"): Promise<void> {
  const matches = (text: string) => (typeof name === "string" ? text === name : name.test(text));
  for (let i = 0; i < limit; i++) {
    if (matches(await focusedName(page))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached ${String(name)} (last: ${await focusedName(page)})`);
}

describe("the task pane in Chromium, on the production build", () => {
  test(`at ${PANE_WIDTH} × ${PANE_HEIGHT} px Run and the status line are in view in every state, and every outcome takes focus`, async () => {
    const page = await openPane("blank", "light", PANE_HEIGHT);
    await expectActionBarInView(page);
    await screenshot(page, "10-first-open-350x600", false);
    // Run is off (aria-disabled, still focusable): Playwright would wait for it to be enabled, a user just clicks.
    await runButton(page).click({ force: true });
    expect(await focusedIsStatus(page)).toBe(true);
    expect(await statusLine(page).textContent()).toMatch(/^Can't run yet: add a Forecast and a Policy table/);

    await page.getByRole("button", { name: "Try with sample data" }).click();
    await page.getByText(/^Inserted Forecast/).waitFor();
    expect(await focusedIsStatus(page)).toBe(true);
    await expectActionBarInView(page);
    await screenshot(page, "11-sample-inserted-350x600", false);

    await page.evaluate(() => {
      (window.sopHost as NonNullable<Window["sopHost"]>).readDelayMs = 1500;
    });
    await page.evaluate(() => window.scrollTo(0, 0));
    await runButton(page).click();
    await page.getByRole("progressbar").waitFor();
    expect(await inView(page, page.getByRole("progressbar"))).toBe(true);
    expect(await inView(page, page.getByRole("button", { name: "Cancel" }))).toBe(true);
    await expectActionBarInView(page);
    await screenshot(page, "12-running-350x600", false);
    await page.getByRole("button", { name: "Cancel" }).click();
    await statusLine(page).getByText("Run cancelled. Nothing was written.").waitFor();
    expect(await focusedIsStatus(page)).toBe(true);

    await page.evaluate(() => {
      (window.sopHost as NonNullable<Window["sopHost"]>).readDelayMs = 0;
    });
    await runButton(page).click();
    await statusLine(page).getByText(/^Plan ready: \d+ sheets written\.$/).waitFor({ timeout: 30_000 });
    expect(await focusedIsStatus(page)).toBe(true);
    await expectActionBarInView(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "13-results-350x600", false);
    await screenshot(page, "13-results-350-full");

    // Each family says why its plan was chosen; the details open from the keyboard too.
    const families = page.getByRole("list", { name: "Recommended plans" }).getByRole("listitem");
    expect(await families.count()).toBe(2);
    for (const text of await families.allTextContents()) expect(text).toMatch(/is recommended(, .*cheaper than .*, the next feasible plan|, the only feasible plan|: the cheaper )/);
    await families.first().getByRole("button", { name: /^Why / }).click();
    await families.first().getByRole("table", { name: /^Cost by kind/ }).waitFor();
    await families.first().scrollIntoViewIfNeeded();
    await screenshot(page, "15-why-this-plan-350x600", false);
    expect(await axeViolations(page)).toEqual([]);

    // A risk's link selects the cell behind it.
    const risks = page.getByRole("region", { name: "Top risks" });
    const goTo = risks.getByRole("button", { name: /^Go to / }).first();
    const label = (await goTo.getAttribute("aria-label")) ?? "";
    const [, sheet, range] = /^Go to '?(.+?)'?!([A-Z]+\d+):/.exec(label) ?? [];
    expect(sheet).toMatch(/^SOP /);
    await goTo.click();
    await page.waitForFunction(([s, r]) => window.sopHost?.selection?.sheet === s && window.sopHost?.selection?.range === r, [sheet, range]);
    await risks.scrollIntoViewIfNeeded();
    await screenshot(page, "16-risks-350x600", false);

    // The pictures: a sparkline per family opens its sheet; the strip shows every resource.
    const glance = page.getByRole("region", { name: "At a glance" });
    expect(await glance.getByRole("table", { name: /^Utilisation by resource/ }).getByRole("rowheader").allTextContents()).toEqual(["Assembly", "Test", "Paint"]);
    await glance.scrollIntoViewIfNeeded();
    await screenshot(page, "17-at-a-glance-350x600", false);
    await glance.getByRole("button", { name: /^Cordless Drills.*demand against supply.*Open sheet SOP Cordless Drills$/ }).click();
    await page.waitForFunction(() => window.sopHost?.activeSheet === "SOP Cordless Drills");
    await page.close();

    const bad = await openPane("bad", "light", PANE_HEIGHT);
    await expectActionBarInView(bad);
    expect(await statusLine(bad).textContent()).toBe("Can't run: 1 error, the first at Forecast!E3.Go to cell");
    await screenshot(bad, "14-errors-350x600", false);
    await statusLine(bad).getByRole("button", { name: "Go to cell Forecast!E3 (first error)" }).click();
    await bad.waitForFunction(() => window.sopHost?.selection?.range === "E3");
    await bad.close();
  });

  test("insert the sample, run, see the results and open a plan sheet", async () => {
    const page = await openPane("blank");
    // First open: a checklist of the tables to add, not a page of errors.
    expect(await page.getByText(/^Required: /).count()).toBe(2);
    expect(await page.getByRole("heading", { name: /^Errors to fix/ }).count()).toBe(0);
    await page.getByRole("button", { name: "Template help: how to lay out the tables" }).click();
    await page.getByRole("list", { name: "How to lay out the tables" }).waitFor();
    await screenshot(page, "01-empty-workbook");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Try with sample data" }).click();
    await page.getByText(/^Inserted Forecast, Products, Capacity, Policy, Plan, Actuals and Budget\./).waitFor();
    expect((await hostState(page)).sheets).toEqual(["Sheet1", "Forecast", "Products", "Capacity", "Policy", "Plan", "Actuals", "Budget"]);
    // Every table found: the Inputs card is one line, its details a click away.
    expect(await page.getByRole("region", { name: "Inputs" }).textContent()).toBe("Inputs2 families · 4 products · 3 resources · 12 periodsDetails");
    await screenshot(page, "02-sample-inserted");
    await page.getByRole("button", { name: "Show the input details" }).click();
    const stats = page.getByRole("definition");
    expect(await stats.allTextContents()).toEqual(["2", "4", "3", "12"]);
    expect(await axeViolations(page)).toEqual([]);

    // Inserting again keeps the user's sheets: every name is taken now.
    await page.getByRole("button", { name: "Insert sample template" }).click();
    await page.getByText(/^Kept your Forecast, Products, Capacity, Policy, Plan, Actuals and Budget/).waitFor();

    // A Policy edit, held until Run.
    await page.getByRole("button", { name: /^Policy \(\d+ parameters\)$/ }).click();
    await page.getByRole("textbox", { name: "Safety stock, Value (units)" }).fill("120");
    await page.keyboard.press("Enter");
    await page.getByText("was blank; goes in on Run").waitFor();

    // A slow read shows the first stage long enough to see the bar and cancel it.
    await page.evaluate(() => {
      (window.sopHost as NonNullable<Window["sopHost"]>).readDelayMs = 1500;
    });
    await page.getByRole("button", { name: "Run planner" }).click();
    await page.getByRole("progressbar").waitFor();
    await page.getByText("Reading the workbook…").waitFor();
    await screenshot(page, "03-running");
    // The run wrote the edit before reading: cancelled, it puts the cell back and holds the edit again.
    expect(await page.evaluate(() => window.sopHost?.value("Policy!B5"))).toBe(120);
    await page.getByRole("button", { name: "Cancel" }).click();
    await statusLine(page).getByText("Run cancelled. Nothing was written. The Policy was left as it was: 1 edit still held.").waitFor();
    expect((await hostState(page)).calls.filter((c) => c.startsWith("writeSheets"))).toEqual([]);
    expect(await page.evaluate(() => window.sopHost?.value("Policy!B5"))).toBeNull();
    await page.getByRole("button", { name: /^Policy \(\d+ parameters, 1 edit held\)$/ }).waitFor();

    await page.evaluate(() => {
      (window.sopHost as NonNullable<Window["sopHost"]>).readDelayMs = 0;
    });
    await page.getByRole("button", { name: "Run planner" }).click();
    await page.getByRole("heading", { name: "Results" }).waitFor();
    // A run that completes keeps the edit written.
    await statusLine(page).getByText(/^Plan ready/).waitFor();
    expect(await page.evaluate(() => window.sopHost?.value("Policy!B5"))).toBe(120);
    const table = page.getByRole("table", { name: "Total cost by family and strategy" });
    expect(await table.getByRole("columnheader").allTextContents()).toEqual(["Family", "Level", "Chase", "Manual", "Optimal"]);
    expect(await table.getByRole("rowheader").allTextContents()).toEqual(["Cordless Drills", "Garden Tools"]);
    expect(await page.getByRole("list", { name: "Recommended plans" }).getByRole("listitem").count()).toBe(2);
    await page.getByRole("button", { name: "Open sheet SOP Summary" }).waitFor();
    await screenshot(page, "04-results");
    expect(await axeViolations(page)).toEqual([]);

    // The Demand review card: each family's baseline as the engine gives it for the sample's Actuals (planned here in Node).
    const review = runPlanner(await new MemoryWorkbookHost(sampleTemplate()).readBlocks(), { strategies: ["level"] }).demand!;
    const card = page.getByRole("region", { name: "Demand review" });
    const families = card.getByRole("list", { name: "Demand review by family" }).getByRole("listitem");
    expect(await families.count()).toBe(2);
    for (const [i, line] of review.lines.filter((l) => l.product === null).entries()) {
      const text = (await families.nth(i).textContent()) ?? "";
      expect(text).toContain(`${line.family}${line.baseline.method}: holdout MASE ${line.baseline.mase!.toFixed(3)}`);
    }
    await card.getByRole("img", { name: /^Cordless Drills: 36 periods of actuals/ }).waitFor();
    await card.getByRole("button", { name: "Go to sheet SOP Demand review" }).click();
    await page.waitForFunction(() => window.sopHost?.activeSheet === "SOP Demand review");

    const written = (await hostState(page)).sheets.filter((s) => s.startsWith("SOP"));
    expect(written.length).toBeGreaterThanOrEqual(3);
    await page.getByRole("button", { name: `Open sheet ${written[1]}`, exact: true }).click();
    await page.waitForFunction((name) => window.sopHost?.activeSheet === name, written[1]);
    await page.close();
  });

  test("an error names its cell, and clicking it selects that cell in the workbook", async () => {
    const page = await openPane("bad");
    await page.getByRole("heading", { name: /^Errors to fix/ }).waitFor();
    const goTo = page.getByRole("button", { name: "Go to cell Forecast!E3", exact: true });
    await goTo.waitFor();
    await screenshot(page, "05-errors");
    expect(await axeViolations(page)).toEqual([]);

    // Run is off while errors block it; pressing it says why and focuses the reason.
    await runButton(page).click({ force: true });
    expect(await focusedIsStatus(page)).toBe(true);
    expect(await statusLine(page).textContent()).toBe("Can't run: 1 error, the first at Forecast!E3.Go to cell");
    expect(await page.getByRole("heading", { name: "Results" }).count()).toBe(0);
    await goTo.click();
    await page.waitForFunction(() => window.sopHost?.selection?.range === "E3");
    expect((await hostState(page)).selection).toEqual({ sheet: "Forecast", range: "E3" });
    expect((await hostState(page)).calls).not.toContainEqual(expect.stringMatching(/^writeSheets/));
    await page.close();
  });

  test("the whole flow works from the keyboard alone", async () => {
    const page = await openPane("blank");
    await tabTo(page, "Try with sample data");
    await page.keyboard.press("Enter");
    await page.getByText(/^Inserted Forecast/).waitFor();

    // Settings: uncheck Manual with the space bar, then run with Enter.
    await tabTo(page, "Manual");
    await page.keyboard.press("Space");
    expect(await page.getByRole("checkbox", { name: "Manual" }).isChecked()).toBe(false);

    // The Policy view opens from the keyboard and an edit goes to its cell.
    await tabTo(page, /^Policy \(\d+ parameters\)$/);
    await page.keyboard.press("Enter");
    await tabTo(page, "Safety stock, Value (units)");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("120");
    await page.keyboard.press("Enter");
    // Held in the pane, with undo, until Run: the workbook is unchanged until then.
    await page.getByText("was blank; goes in on Run").waitFor();
    expect(await page.evaluate(() => window.sopHost?.calls.some((c) => c.startsWith("writeValues")))).toBe(false);

    await tabTo(page, "Run planner", 200);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Results" }).waitFor();
    expect(await page.evaluate(() => window.sopHost?.value("Policy!B5"))).toBe(120);
    // The run's outcome has focus: a keyboard user hears it and goes on from there.
    await statusLine(page).getByText(/^Plan ready/).waitFor();
    expect(await focusedIsStatus(page)).toBe(true);
    const table = page.getByRole("table", { name: "Total cost by family and strategy" });
    expect(await table.getByRole("columnheader").allTextContents()).toEqual(["Family", "Level", "Chase", "Optimal"]);

    await tabTo(page, "Open sheet SOP Summary", 200);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.sopHost?.activeSheet === "SOP Summary");
    await page.close();
  });

  test("an error's cell is reached and selected from the keyboard; Run, off, says why when pressed", async () => {
    const page = await openPane("bad");
    await tabTo(page, "Run planner");
    await page.keyboard.press("Enter");
    expect(await focusedIsStatus(page)).toBe(true);
    // From the status, the next Tab is its Go to cell link.
    await page.keyboard.press("Tab");
    expect(await focusedName(page)).toBe("Go to cell Forecast!E3 (first error)");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.sopHost?.selection?.range === "E3");
    await page.evaluate(() => {
      void window.sopHost?.selectCell("Policy!A1");
    });
    await tabTo(page, "Go to cell Forecast!E3");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.sopHost?.selection?.range === "E3");
    await page.close();
  });

  test("the solver's WebAssembly is fetched only when a run asks for the optimal plan, and planned in the worker", async () => {
    const page = await openPane("blank");
    const fetched: string[] = [];
    page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
    await page.getByRole("button", { name: "Try with sample data" }).click();
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

  test.each([320, 350, 500])("at %i px wide nothing runs off the side, and Run and the status stay in view 500 px tall", async (width) => {
    const page = await openPane("blank");
    await page.setViewportSize({ width, height: 500 });
    await expectActionBarInView(page);
    await page.getByRole("button", { name: "Try with sample data" }).click();
    await page.getByText(/^Inserted Forecast/).waitFor();
    await expectActionBarInView(page);
    await page.getByRole("button", { name: "Run planner" }).click();
    await page.getByRole("heading", { name: "Results" }).waitFor({ timeout: 30_000 });
    await page.getByRole("heading", { name: "Top risks" }).waitFor();
    // Every family's details open: the widest the results get.
    const why = page.getByRole("button", { name: /^Why / });
    while ((await why.count()) > 0) await why.first().click();
    await expectActionBarInView(page);
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
    await page.getByRole("button", { name: "Try with sample data" }).click();
    await page.getByText(/^Inserted Forecast/).waitFor();
    await page.getByRole("button", { name: "Run planner" }).click();
    await page.getByRole("heading", { name: "Results" }).waitFor();
    await page.getByRole("button", { name: /^Why / }).first().click();
    await screenshot(page, "06-results-dark");
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  test("in forced colours (high contrast) the cards keep their edges and the pane passes axe", async () => {
    const page = await openPane("blank");
    await page.emulateMedia({ forcedColors: "active" });
    await screenshot(page, "18-first-open-forced-colours");
    await page.getByRole("button", { name: "Try with sample data" }).click();
    await page.getByText(/^Inserted Forecast/).waitFor();
    await page.getByRole("button", { name: "Run planner" }).click();
    await page.getByRole("heading", { name: "Results" }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: /^Why / }).first().click();
    // Shadows vanish in forced colours: every card has a border of its own.
    const edges = await page.evaluate(() =>
      [...document.querySelectorAll("main section")].map((section) => {
        const style = getComputedStyle(section);
        return `${section.getAttribute("aria-labelledby") ? "card" : "?"} ${style.borderTopStyle} ${style.borderTopWidth}`;
      }),
    );
    expect(new Set(edges)).toEqual(new Set(["card solid 1px"]));
    await expectActionBarInView(page);
    await screenshot(page, "19-results-forced-colours");
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

/** Overflow of the page and of any element in the pane, as the width tests measure it. */
const overflowOf = (page: Page) =>
  page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    offenders: [...document.querySelectorAll("main *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 || (e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1))
      .map((e) => `${e.tagName.toLowerCase()}${e.getAttribute("role") ? `[${e.getAttribute("role")}]` : ""}: ${(e.textContent ?? "").slice(0, 40)}`)
      .slice(0, 5),
  }));

const memory = (page: Page) =>
  page.evaluate(() => {
    const host = window.sopHost as NonNullable<Window["sopHost"]>;
    return {
      active: host.activeSheet,
      sheets: host.sheets.map((s) => s.name),
      filters: Object.fromEntries(host.sheets.flatMap((s) => [...s.filters].map(([table, f]) => [table, f]))),
      calls: host.calls,
    };
  });

describe("the monthly review in the pane: versions, variance, scenarios, the Policy view, numbers and risks", () => {
  test.each([
    [320, "light", false],
    [350, "dark", false],
    [500, "light", true],
    [320, "dark", false],
    [350, "light", true],
    [500, "dark", false],
  ] as const)("at %i px (%s theme, forced colours %s): every card fits, passes axe, and the pictures are taken", async (width, theme, forced) => {
    const page = await openPane("cycle", theme);
    await page.setViewportSize({ width, height: 700 });
    if (forced) await page.emulateMedia({ forcedColors: "active" });
    const tag = `${width}px-${theme}${forced ? "-forced" : ""}`;
    const review = page.getByRole("region", { name: "Versions and scenarios" });
    await review.getByRole("list", { name: "Saved versions" }).waitFor();
    expect(await review.getByRole("list", { name: "Saved versions" }).getByRole("listitem").allTextContents()).toEqual([
      expect.stringMatching(/^November agreed2026-11-27 16:30 · 2 familiesDelete$/),
    ]);
    expect(await review.getByRole("list", { name: "Scenarios" }).getByRole("listitem").allTextContents()).toEqual([
      "Demand upsideDemand × 1.15 (all); Frozen periods = 0",
      "Assembly line downCapacity × 0.7 (Assembly)",
    ]);
    // The Policy view: units beside the values, in the workbook's currency; choices as drop-downs and switches.
    await page.getByRole("button", { name: /^Policy \(21 parameters\)/ }).click();
    await page.getByRole("textbox", { name: "Regular cost per hour, Value (€/h)" }).waitFor();
    expect(await page.getByRole("combobox", { name: "Holding cost basis, Value" }).inputValue()).toBe("Average");
    expect(await page.getByRole("switch", { name: "Integer workers, Value" }).isChecked()).toBe(true);
    expect(await page.getByRole("textbox", { name: "Safety stock, Value (units)" }).getAttribute("placeholder")).toBe("default 0");
    // A parameter added to the schema (Frozen periods) shows with its unit, with no change to the pane.
    expect(await page.getByRole("textbox", { name: /^Frozen periods, Value/ }).inputValue()).toBe("2");
    expect(await overflowOf(page)).toEqual({ page: 0, offenders: [] });
    await review.scrollIntoViewIfNeeded();
    await expectActionBarInView(page);
    await screenshot(page, `20-review-settings-${tag}`);
    expect(await axeViolations(page)).toEqual([]);

    await review.getByRole("textbox", { name: "Save this run as a version" }).fill("December agreed");
    await runButton(page).click();
    await statusLine(page).getByText(/^Plan ready: \d+ sheets written, saved as version "December agreed"\.$/).waitFor({ timeout: 60_000 });
    expect(await focusedIsStatus(page)).toBe(true);
    const variance = page.getByRole("region", { name: "Since version November agreed" });
    await variance.waitFor();
    const rows = await variance.getByRole("rowheader").allTextContents();
    // The margin per family, then the bridge from last month's margin to this one's.
    expect(rows.slice(0, 4)).toEqual(["Cordless Drills", "Garden Tools", "Margin then", "Demand volume"]);
    expect(rows[rows.length - 1]).toBe("Margin now");
    // Money in the workbook's currency, after the number, thousands marked.
    expect(await page.getByText("Total of recommended plans").locator("xpath=..").textContent()).toMatch(/^Total of recommended plans[\d,]+k €$/);
    const scenarios = page.getByRole("region", { name: "Scenarios" });
    expect(await scenarios.locator("tbody th").evaluateAll((cells) => cells.map((c) => c.firstChild?.textContent))).toEqual(["Base plan", "Demand upside", "Assembly line down"]);
    // The line down plans within capacity: its busiest resource at 100 % at most, the demand it cannot serve said in units and money.
    const down = scenarios.locator("tbody tr").nth(2);
    expect(await down.locator("th").textContent()).toMatch(/[\d,.]+ units of demand unmet of [\d,.]+, [\d,.]+k? of revenue at risk/);
    const peakUse = Number((await down.locator("td").nth(2).textContent())!.match(/^([\d.]+) %/)![1]);
    expect(peakUse).toBeLessThanOrEqual(100);
    // Each family says why its plan was chosen, with what the binding limits cost.
    const why = page.getByRole("button", { name: /^Why / });
    while ((await why.count()) > 0) await why.first().click();
    const limits = page.getByRole("list", { name: "What the limits cost" });
    expect(await limits.count()).toBeGreaterThan(0);
    expect((await limits.first().getByRole("listitem").allTextContents())[0]).toMatch(/^One (more|unit).* saves [\d,.]+ €$/);
    expect(await overflowOf(page)).toEqual({ page: 0, offenders: [] });
    await expectActionBarInView(page);
    await variance.scrollIntoViewIfNeeded();
    await screenshot(page, `21-review-results-${tag}`, false);
    await screenshot(page, `22-review-results-full-${tag}`);
    expect(await axeViolations(page)).toEqual([]);

    // Compared with the version just saved next time: the variance card is marked out of date, and still fits and passes axe.
    await review.getByRole("combobox", { name: "Compare this run with" }).selectOption("December agreed");
    await variance.getByText("Out of date.").waitFor();
    expect(await overflowOf(page)).toEqual({ page: 0, offenders: [] });
    await variance.scrollIntoViewIfNeeded();
    await screenshot(page, `26-variance-out-of-date-${tag}`, false);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  test("versions, scenarios and risks by mouse: compare, open the sheets, open the Risks sheet filtered, delete a version", async () => {
    const page = await openPane("cycle", "light", PANE_HEIGHT);
    const review = page.getByRole("region", { name: "Versions and scenarios" });
    await review.getByRole("list", { name: "Saved versions" }).waitFor();
    // The optimal plan left out: the base plan and the two scenarios plan quickly.
    await page.getByRole("checkbox", { name: "Optimal" }).uncheck();
    await runButton(page).click();
    await statusLine(page).getByText(/^Plan ready/).waitFor({ timeout: 30_000 });
    // Without the optimal plan no plan compared fits Assembly: the run has errors, so the status line is not green.
    // It counts them, and its link moves focus (and the view) to their list.
    const said = (await statusLine(page).textContent()) ?? "";
    const problems = Number(/^Plan ready with (\d+) problems?: \d+ sheets written\./.exec(said)?.[1]);
    expect(problems).toBeGreaterThan(0);
    expect(await statusLine(page).getAttribute("data-tone")).toBe("warning");
    await statusLine(page).getByRole("button", { name: problems === 1 ? "Show the problem" : `Show the ${problems} problems` }).click();
    const errorList = page.getByRole("region", { name: `Errors to fix (${problems})` });
    expect(await errorList.evaluate((list) => list === document.activeElement)).toBe(true);
    expect(await inView(page, errorList.getByRole("heading"))).toBe(true);
    await screenshot(page, "27-plan-ready-with-problems-350x600", false);
    expect(await axeViolations(page)).toEqual([]);
    const variance = page.getByRole("region", { name: "Since version November agreed" });
    await variance.getByRole("button", { name: "Open sheet SOP Variance" }).click();
    await page.waitForFunction(() => window.sopHost?.activeSheet === "SOP Variance");
    await page.getByRole("region", { name: "Scenarios" }).getByRole("button", { name: "Open sheet SOP Scenarios" }).click();
    await page.waitForFunction(() => window.sopHost?.activeSheet === "SOP Scenarios");

    // "N more" opens the Risks sheet filtered to the kind.
    const more = page.getByRole("region", { name: "Top risks" }).getByRole("list", { name: "More risks, by kind" });
    const first = more.getByRole("button").first();
    const kind = /open the Risks sheet filtered to (.+)$/.exec((await first.getAttribute("aria-label")) ?? "")?.[1] ?? "";
    expect(kind).not.toBe("");
    await first.click();
    await page.waitForFunction(() => window.sopHost?.activeSheet === "SOP Risks");
    expect((await memory(page)).filters).toEqual({ SOP_Risks: { Kind: [kind] } });
    await more.scrollIntoViewIfNeeded();
    await screenshot(page, "23-risks-more-by-kind-350x600", false);

    // Delete last month's version: marked, then gone with the run; nothing left to compare with.
    const reviewAfter = page.getByRole("region", { name: "Versions and scenarios" });
    await reviewAfter.getByRole("button", { name: "Delete version November agreed on Run" }).click();
    await reviewAfter.getByText(/deleted on Run$/).waitFor();
    // The comparison with a version deleted on Run is not shown as if current: its card is gone at once.
    expect(await page.getByRole("region", { name: /^Since version/ }).count()).toBe(0);
    await reviewAfter.scrollIntoViewIfNeeded();
    await screenshot(page, "24-version-marked-for-deletion-350x600", false);
    expect(await axeViolations(page)).toEqual([]);
    await runButton(page).click();
    await statusLine(page).getByText(/deleted version "November agreed"\.$/).waitFor({ timeout: 30_000 });
    await page.getByRole("region", { name: "Versions and scenarios" }).getByText(/^None yet/).waitFor();
    expect(await page.getByRole("region", { name: /^Since version/ }).count()).toBe(0);
    // With no version left SOP Variance holds only the plan against the sample's Budget table (its SOP Budget section).
    expect((await memory(page)).sheets).toContain("SOP Variance");
    expect(await page.evaluate(() => window.sopHost?.value("'SOP Variance'!A1"))).toBe("Variance to budget");
    await page.close();
  });

  test("the review from the keyboard alone: name a version, run, open the variance, full values, a filtered risk list, undo a Policy edit", async () => {
    const page = await openPane("cycle");
    await page.getByRole("region", { name: "Versions and scenarios" }).getByRole("list", { name: "Saved versions" }).waitFor();
    await tabTo(page, "Optimal");
    await page.keyboard.press("Space");
    // A Policy edit, then its undo, by keyboard.
    await tabTo(page, /^Policy \(21 parameters\)$/);
    await page.keyboard.press("Enter");
    await tabTo(page, "Holding cost basis, Value");
    // A closed drop-down takes a letter: E for Ending.
    await page.keyboard.press("E");
    await page.getByText("was Average; goes in on Run").waitFor();
    await tabTo(page, "Undo the edit of Holding cost basis, Value");
    await page.keyboard.press("Enter");
    await page.getByText("was Average; goes in on Run").waitFor({ state: "detached" });
    await tabTo(page, "Save this run as a version", 200);
    await page.keyboard.type("December agreed");
    await tabTo(page, "Run planner", 200);
    await page.keyboard.press("Enter");
    await statusLine(page).getByText(/saved as version "December agreed"\.$/).waitFor({ timeout: 30_000 });
    expect(await focusedIsStatus(page)).toBe(true);
    await tabTo(page, "Full values", 200);
    await page.keyboard.press("Space");
    expect(await page.getByText("Total of recommended plans").locator("xpath=..").textContent()).toMatch(/^Total of recommended plans\d{1,3}(,\d{3}){2} €$/);
    await tabTo(page, "Open sheet SOP Variance", 200);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.sopHost?.activeSheet === "SOP Variance");
    await tabTo(page, /open the Risks sheet filtered to /, 300);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.sopHost?.activeSheet === "SOP Risks");
    expect(Object.keys((await memory(page)).filters)).toEqual(["SOP_Risks"]);
    expect((await memory(page)).calls.filter((c) => c.startsWith("writeValues"))).toEqual([]);

    // Compared with the latest before it, saved since: current. Picking the version just saved marks the card out of date,
    // passes axe, and its Run again (reached back up the page) compares with that version.
    const lastRun = page.getByRole("region", { name: "Since version November agreed" });
    expect(await lastRun.getByText("Out of date.").count()).toBe(0);
    await tabTo(page, "Compare this run with", 200);
    // A closed drop-down takes a letter: D for December agreed.
    await page.keyboard.press("D");
    await lastRun.getByText("From the last run: compared with version November agreed. Run again to compare with version December agreed.").waitFor();
    expect(await lastRun.getAttribute("aria-describedby")).toBeTruthy();
    await lastRun.scrollIntoViewIfNeeded();
    await screenshot(page, "25-variance-out-of-date-350x900", false);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, "Run again", 300, "Shift+Tab");
    await page.keyboard.press("Enter");
    // Planned without the optimal plan: the run may carry errors (a resource no compared plan fits), counted in the status line.
    await statusLine(page).getByText(/^Plan ready( with \d+ problems?)?: \d+ sheets written\.$/).waitFor({ timeout: 30_000 });
    const rerun = page.getByRole("region", { name: "Since version December agreed" });
    await rerun.waitFor();
    expect(await rerun.getByText("Out of date.").count()).toBe(0);
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

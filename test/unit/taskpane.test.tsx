/** @jest-environment jsdom */
// The task pane with a fake workbook host: what it finds on load, a run's stages, results, messages and sheets.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { readFileSync } from "fs";
import path from "path";
import { COST_KINDS, type CostBreakdown, type FamilyResult, type PlanningInput, type PlanResult, type RiskFlag, type StrategyName } from "../../src/engine";
import { loadHighsSolver } from "../../src/solver/highs";
import { App } from "../../src/taskpane/App";
import { currencyOfFormat } from "../../src/taskpane/currency";
import { formatMoney } from "../../src/taskpane/format";
import { applySelections, blockAddress, inspectWorkbook, RunCancelled, type TaskpanePlanner, type WorkbookSummary } from "../../src/taskpane/planner";
import { missingParameters, policyView, typedValue } from "../../src/taskpane/policy";
import { POLICY_PARAMETERS } from "../../src/template/schema";
import { toRunProgress, type PlanRequest } from "../../src/taskpane/run/protocol";
import { DEFAULT_SETTINGS, restoredState, savedForm } from "../../src/taskpane/settings";
import { inProcessPlanner } from "../../src/taskpane/run/inProcess";
import { isDarkOfficeTheme } from "../../src/taskpane/theme";
import type { CellsBefore, InsertedSheets, WorkbookHost } from "../../src/workbook/host";
import { MemoryWorkbookHost } from "../../src/workbook/memoryHost";
import { OfficeWorkbookHost, type DocumentSettings } from "../../src/excel/officeHost";
import { FakeExcel } from "../support/fakeExcel";
import { runPlanner, type PlannerRun } from "../../src/workbook/pipeline";
import { sampleNextMonth, sampleTemplate } from "../../src/workbook/sample";
import { findVersionsBlock, layoutVersionsSheet, parseVersions } from "../../src/workbook/versions";
import { varianceStatus } from "../../src/taskpane/reviewStatus";
import type { RawCell, RawTable } from "../../src/workbook/raw";
import type { CellValue, SheetSpec, WorkbookSpec } from "../../src/workbook/sheet";
import { Gate } from "../support/gate";

// ---- Test data: a small template, each table a worksheet's used range from A1 ----

function sheet(name: string, values: RawCell[][]): RawTable {
  return { name, sheet: name, top: 0, left: 0, values, isTable: false };
}

/** Two families over three periods; 50 units per worker per period is the only productivity rule. */
const FORECAST = sheet("Forecast", [
  ["Family", "Product", "P1", "P2", "P3"],
  ["Tools", null, 100, 200, 150],
  ["Garden", null, 60, 90, 120],
]);
const POLICY = sheet("Policy", [
  ["Parameter", "Value"],
  ["Units per worker per period", 50],
  ["Regular cost per unit", 10],
  ["Hiring cost per worker", 100],
  ["Layoff cost per worker", 100],
  ["Holding cost per unit", 1],
]);
const SMALL_TEMPLATE = [FORECAST, POLICY];

// ---- A fake host: records what the pane asks of the workbook; gates let a test stop a stage ----

class FakeHost implements WorkbookHost {
  reads = 0;
  written: WorkbookSpec[] = [];
  selected: string[] = [];
  shown: string[] = [];
  inserted: WorkbookSpec[] = [];
  cellWrites: [string, CellValue[][]][] = [];
  rangeReads: string[][] = [];
  /** What `readSelection` hands back: the user's selected range. */
  selection: RawTable | null = null;
  /** When set, the next read or write waits for the gate. */
  readGate: Gate | null = null;
  writeGate: Gate | null = null;
  readFailure: Error | null = null;
  /** The pane's choices as the workbook keeps them. */
  paneState: unknown = null;
  paneStateFailure: Error | null = null;
  paneStateWrites = 0;
  /** Addresses whose sheet is gone: reading them fails. */
  goneRanges = new Set<string>();

  constructor(public blocks: RawTable[]) {}

  async readBlocks(): Promise<RawTable[]> {
    this.reads++;
    if (this.readGate) await this.readGate.opened;
    if (this.readFailure) throw this.readFailure;
    return this.blocks;
  }
  async readSelection(): Promise<RawTable> {
    if (!this.selection) throw new Error("nothing is selected");
    return this.selection;
  }
  async readRanges(addresses: string[]): Promise<RawTable[]> {
    if (addresses.length > 0) this.rangeReads.push(addresses);
    const gone = addresses.find((a) => this.goneRanges.has(a));
    if (gone) throw new Error(`There is no sheet named '${gone.split("!")[0]}'`);
    return addresses.map(() => this.selection as RawTable);
  }
  async writeSheets(spec: WorkbookSpec): Promise<void> {
    if (this.writeGate) await this.writeGate.opened;
    this.written.push(spec);
  }
  async insertSheets(spec: WorkbookSpec): Promise<InsertedSheets> {
    this.inserted.push(spec);
    const names = spec.sheets.map((s) => s.name);
    return { inserted: names.filter((n) => n !== "Policy"), skipped: names.filter((n) => n === "Policy") };
  }
  /** What each restore was given: the writes to put back. */
  restores: CellsBefore[][] = [];
  async writeValues(address: string, values: CellValue[][]): Promise<CellsBefore> {
    this.cellWrites.push([address, values]);
    return { address, sheetId: "Policy", cells: values.map((line) => line.map(() => ({ value: null, numberFormat: "General" }))) };
  }
  async restoreCells(writes: readonly CellsBefore[]): Promise<void> {
    this.restores.push([...writes]);
  }
  async selectCell(address: string): Promise<void> {
    this.selected.push(address);
  }
  async showSheet(name: string): Promise<void> {
    this.shown.push(name);
  }
  /** Each filtered opening: sheet, table, column and values. */
  filtered: [string, string, string, string[]][] = [];
  /** False: the host cannot filter tables (an Excel before ExcelApi 1.2). */
  canFilter = true;
  async showFilteredTable(sheet: string, table: string, column: string, values: string[]): Promise<boolean> {
    this.filtered.push([sheet, table, column, values]);
    this.shown.push(sheet);
    return this.canFilter;
  }
  /** Number formats by address: how a test gives the Policy's money cells a currency. */
  formats = new Map<string, string>();
  async readNumberFormats(addresses: string[]): Promise<string[]> {
    return addresses.map((a) => this.formats.get(a) ?? "General");
  }
  async readPaneState(): Promise<unknown> {
    return this.paneState;
  }
  async writePaneState(state: unknown): Promise<void> {
    this.paneStateWrites++;
    if (this.paneStateFailure) throw this.paneStateFailure;
    this.paneState = JSON.parse(JSON.stringify(state));
  }
}

// ---- Results whose numbers a reader can check by hand ----

function plan(strategy: StrategyName, totalCost: number, feasible = true): PlanResult {
  const costs = Object.fromEntries(COST_KINDS.map((k) => [k, 0])) as unknown as CostBreakdown;
  costs.regular = totalCost;
  return {
    strategy,
    feasible,
    totalCost,
    costs,
    revenue: 0,
    margin: -totalCost,
    periods: [],
    periodCosts: [],
    periodRevenue: [],
    cogs: 0,
    // 500 of the cost is carried in stock in the P&L view: the pane must show the two margins apart.
    grossMargin: -totalCost + 500,
    periodCogs: [],
    periodGrossMargin: [],
    shipped: 0,
    unmet: 0,
    revenueAtRisk: 0,
    lostMargin: 0,
    lostSaleCost: 0,
    violations: feasible ? [] : [{ periodIndex: 1, message: "backlog in P2 but backorders are not allowed" }],
    shortfallNotes: [],
  };
}

/** Tools: chase 8,000 beats level 10,000 by 2,000; manual is infeasible. Garden: level 5,000, chase 5,500. */
const KNOWN_RESULTS: FamilyResult[] = [
  { family: "Tools", recommended: "chase", plans: [plan("level", 10000), plan("chase", 8000), plan("manual", 7000, false)] },
  { family: "Garden", recommended: "level", plans: [plan("level", 5000), plan("chase", 5500)] },
];

const KNOWN_SUMMARY: WorkbookSummary = {
  tables: [
    { name: "forecast", title: "Forecast", required: true, source: "Forecast!A1 (sheet)" },
    { name: "policy", title: "Policy", required: true, source: "Policy!A1 (sheet)" },
  ],
  families: ["Tools", "Garden"],
  products: [],
  resources: [],
  periods: ["P1", "P2", "P3"],
  readable: true,
  messages: [],
  policy: POLICY,
  input: null,
  blocks: [],
};

function knownRun(overrides: Partial<PlannerRun> = {}): PlannerRun {
  return {
    tables: { forecast: FORECAST, policy: POLICY },
    input: null,
    results: KNOWN_RESULTS,
    messages: [],
    resources: [],
    risks: [],
    sheets: { sheets: [{ name: "SOP Summary", cells: [] }, { name: "Plan Tools", cells: [] }] },
    versions: [],
    baseline: null,
    variance: null,
    scenarios: [],
    ...overrides,
  };
}

/** A planner that returns fixed results and records what it was asked for. */
function stubPlanner(run: PlannerRun = knownRun(), summary: WorkbookSummary = KNOWN_SUMMARY) {
  const calls: PlanRequest[] = [];
  const blocks: RawTable[][] = [];
  const planner: TaskpanePlanner = {
    inspect: () => summary,
    run: async (given, request) => {
      calls.push(request);
      blocks.push(given);
      return run;
    },
  };
  return { planner, calls, blocks };
}

/** The real solver for the real planner: HiGHS from the package's own WebAssembly, as the worker loads it. */
const realSolver = () => loadHighsSolver({ wasmBinary: readFileSync(path.join(path.dirname(require.resolve("highs")), "highs.wasm")) });

function renderPane(host: WorkbookHost, planner: TaskpanePlanner = inProcessPlanner(realSolver)) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} planner={planner} />
    </FluentProvider>,
  );
}

const runButton = () => screen.getByRole("button", { name: "Run planner" });

/** Off: a native disabled button, or Run, which stays focusable while off (aria-disabled). */
function isDisabled(element: HTMLElement): boolean {
  return (element as HTMLButtonElement).disabled || element.getAttribute("aria-disabled") === "true";
}

/** The action bar's status line: every outcome is said there. */
const statusLine = () => within(screen.getByRole("region", { name: "Run the planner" })).getByRole("status");

async function runAndWait(): Promise<void> {
  // Run is off while the workbook is read (after inserting the sample, say): wait for it, as a user would, rather than for a time.
  await waitFor(() => expect(isDisabled(runButton())).toBe(false), { timeout: 15_000 });
  fireEvent.click(runButton());
  // A run with the real planner includes a real optimal solve: allow it a few seconds on a busy machine.
  await waitFor(() => expect(screen.queryByRole("button", { name: /^Cancel/ })).toBeNull(), { timeout: 30_000 });
  // The results are their own chunk, loaded when the first run starts (compiled on first use under Jest).
  await waitFor(() => expect(screen.queryByText("Loading the results…")).toBeNull(), { timeout: 10_000 });
}

/** The loaded pane: the first read has finished. */
async function loaded(host: FakeHost, planner?: TaskpanePlanner) {
  const view = renderPane(host, planner);
  // The first render of a test file is slow on a busy machine (styles, Fluent's first mount).
  await waitFor(() => expect(screen.getByRole("main").getAttribute("aria-busy")).toBe("false"), { timeout: 10_000 });
  return view;
}

/** Unfolds the Inputs card (it folds to one line once the tables are found). */
function showInputs(): void {
  const show = screen.queryByRole("button", { name: "Show the input details" });
  if (show) fireEvent.click(show);
}

// ---- The specification ----

describe("on load, the pane reads the workbook and shows what it found", () => {
  test("the template tables, the families and the periods of the small template", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    await loaded(host);
    // Every required table found: the card is one line until asked for the details.
    expect(screen.getByRole("region", { name: "Inputs" }).textContent).toBe("Inputs2 families · 0 products · 0 resources · 3 periodsDetails");
    showInputs();
    const tables = screen.getByRole("list", { name: "Template tables" });
    expect(within(tables).getByText("Forecast!A1 (sheet)")).toBeTruthy();
    expect(within(tables).getByText("Policy!A1 (sheet)")).toBeTruthy();
    expect(within(tables).getAllByText("not found (optional)")).toHaveLength(6); // Products, Capacity, Plan, Actuals, Forecast inputs, Budget
    expect(screen.getAllByRole("term").map((d) => d.textContent)).toEqual(["Families", "Products", "Resources", "Periods"]);
    expect(screen.getAllByRole("definition").map((d) => d.textContent)).toEqual(["2", "0", "0", "3"]);
    expect(screen.getByText("P1 – P3 · Tools, Garden")).toBeTruthy();
    expect(host.reads).toBe(1);
  });

  test("first open: what the planner does, one primary action, and a missing Policy on the checklist, not as an error", async () => {
    await loaded(new FakeHost([FORECAST]));
    const start = screen.getByRole("region", { name: "Get started" });
    expect(within(start).getByText(/^Turn your demand forecast and capacity into one operating plan/)).toBeTruthy();
    expect(within(start).getByRole("button", { name: "Try with sample data" })).toBeTruthy();
    const items = within(screen.getByRole("list", { name: "Template tables" })).getAllByRole("listitem");
    expect(items.map((li) => li.textContent?.replace(/Use selection$/, ""))).toEqual([
      "Forecast, foundForecast!A1 (sheet)",
      "Products, optionalOptional: Product | Family | Mix | Price | Unit cost | <resources>",
      "Capacity, optionalOptional: Resource | <one column per period>",
      "Policy, to addRequired: Parameter | Value | <one column per family, optional>",
      "Plan, optionalOptional: Family | Row | <one column per period>",
      "Actuals, optionalOptional: Family | Product | <one column per past period>",
      "Forecast inputs, optionalOptional: Family | Product | Source | <one column per period>",
      "Budget, optionalOptional: Family | Line | <one column per period>",
    ]);
    expect(screen.queryByRole("heading", { name: /Errors to fix/ })).toBeNull();
    expect(screen.queryByText(/No Policy table found/)).toBeNull();
    // The template help opens in place.
    fireEvent.click(screen.getByRole("button", { name: "Template help: how to lay out the tables" }));
    expect(within(screen.getByRole("list", { name: "How to lay out the tables" })).getAllByRole("listitem")).toHaveLength(9);
  });

  test("a table with an error in it is marked so, and the Inputs card stays open", async () => {
    const bad = sheet("Forecast", [
      ["Family", "Product", "P1", "P2", "P3"],
      ["Tools", null, 100, "lots", 150],
    ]);
    await loaded(new FakeHost([bad, POLICY]), inProcessPlanner(realSolver));
    const items = within(screen.getByRole("list", { name: "Template tables" })).getAllByRole("listitem");
    expect(items[0].textContent).toBe("Forecast, 1 errorForecast!A1 (sheet) · 1 errorUse selection");
    expect(screen.queryByRole("button", { name: "Show the input details" })).toBeNull();
  });

  test("a host that cannot read the workbook says so", async () => {
    const host = new FakeHost([]);
    host.readFailure = new Error("the workbook is busy");
    renderPane(host);
    await waitFor(() => expect(statusLine().textContent).toBe("Could not read the workbook: the workbook is busy"));
    expect(document.activeElement).toBe(statusLine());
  });
});

describe("a run goes reading → planning → writing, with a progress bar and the stage in words", () => {
  test("each stage is shown while it lasts, then the results and the written sheets", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    const planGate = new Gate();
    // Planning may be asynchronous (a Web Worker later): this planner waits for the test.
    const planner: TaskpanePlanner = { inspect: () => KNOWN_SUMMARY, run: async () => planGate.opened.then(() => knownRun()) };
    await loaded(host, planner);

    host.readGate = new Gate();
    host.writeGate = new Gate();
    fireEvent.click(runButton());
    expect(await screen.findByText("Reading the workbook…")).toBeTruthy();
    expect(screen.getByRole("progressbar")).toBeTruthy();
    expect(isDisabled(runButton())).toBe(true);

    await act(async () => host.readGate?.open());
    expect(await screen.findByText("Planning…")).toBeTruthy();

    await act(async () => planGate.open());
    expect(await screen.findByText("Writing the plan sheets…")).toBeTruthy();
    expect(host.written).toHaveLength(0);

    await act(async () => host.writeGate?.open());
    await waitFor(() => expect(isDisabled(runButton())).toBe(false));
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(host.written).toEqual([knownRun().sheets]);
    expect(screen.getByRole("table", { name: "Total cost by family and strategy" })).toBeTruthy();
  });

  test("nothing is written when the run has no sheets (the input has errors)", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    const failed = knownRun({
      results: [],
      sheets: { sheets: [] },
      messages: [{ severity: "error", message: "Demand must be a number", cell: "Forecast!D7" }],
    });
    await loaded(host, stubPlanner(failed).planner);
    await runAndWait();
    expect(host.written).toEqual([]);
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.queryByRole("heading", { name: "Plan sheets" })).toBeNull();
    expect(screen.getByText("Demand must be a number")).toBeTruthy();
  });

  test("a failed write keeps the results and says which stage failed", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    host.writeSheets = async () => {
      throw new Error("the sheet is protected");
    };
    await loaded(host, stubPlanner().planner);
    await runAndWait();
    expect(statusLine().textContent).toBe("Could not write the plan sheets: the sheet is protected");
    expect(document.activeElement).toBe(statusLine());
    expect(screen.getByRole("table", { name: "Total cost by family and strategy" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Open sheet/ })).toBeNull();
  });
});

describe("the action bar: Run, progress and Cancel, and one status line for every outcome", () => {
  test("a finished run says what it wrote in the status line, which takes focus", async () => {
    await loaded(new FakeHost(SMALL_TEMPLATE), stubPlanner().planner);
    expect(statusLine().textContent).toBe("Ready to plan 2 families over 3 periods.");
    await runAndWait();
    expect(statusLine().textContent).toBe("Plan ready: 2 sheets written.Open SOP Summary");
    expect(statusLine().getAttribute("data-tone")).toBe("success");
    expect(document.activeElement).toBe(statusLine());
  });

  test("a finished run brings its results into view: their top at the pane's top, the status line focused", async () => {
    const scrolled: Element[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      await loaded(new FakeHost(SMALL_TEMPLATE), stubPlanner().planner);
      expect(scrolled).toEqual([]);
      await runAndWait();
      const results = screen.getByTestId("run-results");
      expect(scrolled).toEqual([results]);
      expect(within(results).getByRole("table", { name: "Total cost by family and strategy" })).toBeTruthy();
      expect(document.activeElement).toBe(statusLine());
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });

  test("a run with errors is never green: 'Plan ready with 2 problems', and its link moves focus to the list of them", async () => {
    const overload = (family: string) => ({ severity: "error" as const, message: `${family}: the recommended plans overload Assembly in Apr 2027 (4,579.4 of 4,200)` });
    // Planned from a readable input: errors of the plans, not of the input, so they do not block the next run.
    const input = inspectWorkbook(SMALL_TEMPLATE).input;
    const run = knownRun({ input, messages: [overload("Tools"), { severity: "warning", message: "Mix shares do not add up to 1" }, overload("Garden")] });
    const host = new FakeHost(SMALL_TEMPLATE);
    await loaded(host, stubPlanner(run).planner);
    await runAndWait();
    expect(statusLine().textContent).toBe("Plan ready with 2 problems: 2 sheets written.Show the 2 problemsOpen SOP Summary");
    expect(statusLine().getAttribute("data-tone")).toBe("warning");
    expect(document.activeElement).toBe(statusLine());
    // The link takes focus (and the view) to the list the count is of.
    const problems = screen.getByRole("region", { name: "Errors to fix (2)" });
    // The errors first, in the planner's order, then the warning.
    expect(within(problems).getAllByRole("listitem").map((li) => li.textContent?.slice(0, 7))).toEqual(["ErrorTo", "ErrorGa", "Warning"]);
    fireEvent.click(within(statusLine()).getByRole("button", { name: "Show the 2 problems" }));
    expect(document.activeElement).toBe(problems);
    // The Summary is still a click away.
    fireEvent.click(within(statusLine()).getByRole("button", { name: "Open SOP Summary" }));
    await waitFor(() => expect(host.shown).toEqual(["SOP Summary"]));
  });

  test("a run that cannot start: Run is off but focusable, and pressing it focuses the reason", async () => {
    const host = new FakeHost([FORECAST]);
    const { planner, calls } = stubPlanner();
    await loaded(host, { ...planner, inspect: inspectWorkbook });
    const run = runButton();
    expect(isDisabled(run)).toBe(true);
    expect(run.getAttribute("aria-describedby")).toBe(statusLine().id);
    expect(statusLine().textContent).toBe("Can't run yet: add a Policy table, or try the sample data.");
    run.focus();
    expect(document.activeElement).toBe(run);
    fireEvent.click(run);
    expect(document.activeElement).toBe(statusLine());
    fireEvent.keyDown(run, { key: "Enter" });
    expect(calls).toEqual([]);
  });

  test("Cancel says Cancelling… until the planner has stopped", async () => {
    const stopped = new Gate();
    const planner: TaskpanePlanner = {
      inspect: () => KNOWN_SUMMARY,
      run: (_blocks, _request, hooks) =>
        new Promise((_resolve, reject) => {
          hooks.onProgress(toRunProgress("optimal", 0, 2));
          hooks.signal.addEventListener("abort", () => void stopped.opened.then(() => reject(new RunCancelled())));
        }),
    };
    await loaded(new FakeHost(SMALL_TEMPLATE), planner);
    fireEvent.click(runButton());
    await screen.findByText("Solving the optimal plan…");
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    const cancelling = screen.getByRole("button", { name: "Cancelling…" });
    expect(isDisabled(cancelling)).toBe(true);
    expect(within(statusLine()).getByText("Cancelling…")).toBeTruthy();
    await act(async () => stopped.open());
    await waitFor(() => expect(statusLine().textContent).toBe("Run cancelled. Nothing was written."));
    expect(document.activeElement).toBe(statusLine());
    expect(screen.queryByRole("button", { name: /^Cancel/ })).toBeNull();
  });
});

describe("the strategy choice decides what is planned", () => {
  test("all four are chosen at first", async () => {
    const { planner, calls } = stubPlanner();
    await loaded(new FakeHost(SMALL_TEMPLATE), planner);
    await runAndWait();
    expect(calls.map((c) => c.strategies)).toEqual([["level", "chase", "manual", "optimal"]]);
    expect(typeof calls[0].plannedAt).toBe("number");
    // Chosen by the data, as on the command line: top-down when Forecast has family rows.
    expect(calls[0].approach).toBeUndefined();
    expect(calls[0].utilizationThreshold).toBeCloseTo(0.7);
  });

  test("unchecking chase plans level, manual and optimal only", async () => {
    const { planner, calls } = stubPlanner();
    await loaded(new FakeHost(SMALL_TEMPLATE), planner);
    fireEvent.click(screen.getByRole("checkbox", { name: "Chase" }));
    await runAndWait();
    expect(calls.map((c) => c.strategies)).toEqual([["level", "manual", "optimal"]]);
  });

  test("with no strategy the Run button is disabled and the pane says why", async () => {
    await loaded(new FakeHost(SMALL_TEMPLATE), stubPlanner().planner);
    for (const name of ["Level", "Chase", "Manual", "Optimal"]) fireEvent.click(screen.getByRole("checkbox", { name }));
    expect(isDisabled(runButton())).toBe(true);
    expect(screen.getByText("Choose at least one strategy.")).toBeTruthy();
  });
});

describe("results: cost per family and strategy, the recommended plan and its saving, the total", () => {
  beforeEach(async () => {
    await loaded(new FakeHost(SMALL_TEMPLATE), stubPlanner().planner);
    await runAndWait();
  });

  test("one row per family, one column per strategy", () => {
    const table = screen.getByRole("table", { name: "Total cost by family and strategy" });
    const headers = within(table).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual(["Family", "Level", "Chase", "Manual"]);
    const tools = within(table).getByRole("row", { name: /^Tools/ });
    expect(within(tools).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      formatMoney(10000),
      `✓ ${formatMoney(8000)} (recommended)`,
      `✗ ${formatMoney(7000)} (not feasible)`,
    ]);
    const garden = within(table).getByRole("row", { name: /^Garden/ });
    expect(within(garden).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      `✓ ${formatMoney(5000)} (recommended)`,
      formatMoney(5500),
      "—no plan",
    ]);
  });

  test("each family's recommended plan and what it saves over the next cheapest", () => {
    const lines = within(screen.getByRole("list", { name: "Recommended plans" })).getAllByRole("listitem");
    expect(lines.map((l) => l.querySelector("span")?.textContent)).toEqual([
      `Tools: Chase plan, ${formatMoney(8000)}`,
      `Garden: Level plan, ${formatMoney(5000)}`,
    ]);
    // Why, in a sentence for every family: the engine's words, as the command line and the Summary sheet say it.
    expect(within(lines[0]).getByText(`Chase is recommended, ${formatMoney(2000)} cheaper than Level, the next feasible plan.`)).toBeTruthy();
    expect(within(lines[1]).getByText(`Level is recommended, ${formatMoney(500)} cheaper than Chase, the next feasible plan.`)).toBeTruthy();
  });

  test("why this plan: cost by kind against the runner-up, revenue, margin and the workforce moves", () => {
    const lines = within(screen.getByRole("list", { name: "Recommended plans" })).getAllByRole("listitem");
    fireEvent.click(within(lines[0]).getByRole("button", { name: "Why Chase: costs, margin, workforce" }));
    const costs = within(lines[0]).getByRole("table", { name: "Cost by kind: Chase against Level" });
    expect(within(costs).getAllByRole("row").map((r) => r.textContent)).toEqual(["KindChaseLevel", `Regular time${formatMoney(8000)}${formatMoney(10000)}`]);
    expect(within(lines[0]).getAllByRole("term").map((t) => t.textContent)).toEqual(["Revenue", "P&L margin", "Cash margin", "Workforce", "Overtime", "Subcontracted"]);
    expect(within(lines[0]).getAllByRole("definition")[1].textContent).toBe(formatMoney(-7500));
    expect(within(lines[0]).getAllByRole("definition")[2].textContent).toBe(formatMoney(-8000));
    fireEvent.click(within(lines[0]).getByRole("button", { name: "Hide why" }));
    expect(within(lines[0]).queryByRole("table")).toBeNull();
  });

  test("the total is the sum of the recommended plans: 8,000 + 5,000", () => {
    const headline = screen.getByText("Total of recommended plans").parentElement as HTMLElement;
    expect(headline.textContent).toBe(`Total of recommended plans${formatMoney(13000)}`);
  });
});

describe("the recommendation's words in the pane: no saving that is not one (the wording is the engine's, test/unit/recommendationWords.test.ts)", () => {
  const together =
    "the plans compared overload Assembly in P2 (450 of 400) together and no combination of them fits the capacity; the optimal strategy plans what the capacity can serve and says what it cannot";

  test("in the pane: a recommended plan over capacity and dearer than the next says so, with no saving and no constraint met", async () => {
    const overCapacity: FamilyResult[] = [{ family: "Tools", recommended: "optimal", capacityError: together, plans: [plan("chase", 10000), plan("optimal", 10500)] }];
    await loaded(new FakeHost(SMALL_TEMPLATE), stubPlanner(knownRun({ results: overCapacity })).planner);
    await runAndWait();
    const line = within(screen.getByRole("list", { name: "Recommended plans" })).getByRole("listitem");
    expect(line.querySelector("span")?.textContent).toBe(`Tools: Optimal plan, ${formatMoney(10500)}`);
    expect(within(line).getByText(`Error: Optimal is recommended, but ${together}.`)).toBeTruthy();
    expect(line.textContent).not.toMatch(/saves|−|cheaper|only feasible/);
  });
});

test("costs of a million and more show in thousands, marked k, and the full values are one keyboard press away", async () => {
  const big: FamilyResult[] = [{ family: "Tools", recommended: "chase", plans: [plan("level", 2_500_000), plan("chase", 1_749_077)] }];
  await loaded(new FakeHost(SMALL_TEMPLATE), stubPlanner(knownRun({ results: big })).planner);
  await runAndWait();
  const table = screen.getByRole("table", { name: "Total cost by family and strategy" });
  expect(within(table).getAllByRole("cell").map((c) => c.textContent)).toEqual(["2,500k", "✓ 1,749k (recommended)"]);
  expect(within(table).getByText("k = thousands")).toBeTruthy();
  // The same rule in the headline and the reasons: one format across the pane.
  expect(screen.getByText("Total of recommended plans").parentElement?.textContent).toBe("Total of recommended plans1,749k");
  const full = screen.getByRole("switch", { name: "Full values" });
  expect(full.tagName).toBe("INPUT");
  fireEvent.click(full);
  expect(within(table).getAllByRole("cell").map((c) => c.textContent)).toEqual(["2,500,000", "✓ 1,749,077 (recommended)"]);
  expect(screen.getByText(/750,923 cheaper than Level/)).toBeTruthy();
  expect(within(table).queryByText("k = thousands")).toBeNull();
});

describe("numbers: one rule, the currency from the workbook's number format or the settings", () => {
  test("formatMoney: grouped whole units, cents below 100, thousands marked k from a million, the currency on its side", () => {
    const dollars = { currency: { symbol: "$", before: true }, full: false };
    const euros = { currency: { symbol: "€", before: false }, full: false };
    expect(formatMoney(1234.56, dollars)).toBe("$1,235");
    expect(formatMoney(14.2, dollars)).toBe("$14.20");
    expect(formatMoney(-1234.5, euros)).toBe("−1,235 €");
    expect(formatMoney(12_345_678, dollars)).toBe("$12,346k");
    expect(formatMoney(12_345_678, { ...dollars, full: true })).toBe("$12,345,678");
    expect(formatMoney(-0.2)).toBe("−0.20");
    expect(formatMoney(-0.001)).toBe("0.00");
  });

  test("currencyOfFormat reads Excel's number formats: quoted, bare, bracketed, before or after", () => {
    expect(currencyOfFormat('"$"#,##0.00')).toEqual({ symbol: "$", before: true });
    expect(currencyOfFormat("$#,##0;[Red]-$#,##0")).toEqual({ symbol: "$", before: true });
    expect(currencyOfFormat("[$€-407] #,##0.00")).toEqual({ symbol: "€", before: true });
    expect(currencyOfFormat("#,##0.00 [$€-407]")).toEqual({ symbol: "€", before: false });
    expect(currencyOfFormat('_-* #,##0 "kr"_-;-* #,##0 "kr"_-')).toEqual({ symbol: "kr", before: false });
    expect(currencyOfFormat("[$EUR] #,##0")).toEqual({ symbol: "EUR", before: true });
    expect(currencyOfFormat("\\£#,##0")).toEqual({ symbol: "£", before: true });
    for (const none of ["General", "#,##0.00", '0 "units"', "0.0%", "[Red]#,##0", "d-mmm-yy"]) expect(currencyOfFormat(none)).toBeNull();
  });

  test("the Policy's money cells give the pane its currency; a currency typed in the settings wins", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    host.formats.set("Policy!B3", '"$"#,##0.00');
    await loaded(host);
    await runAndWait();
    const headline = screen.getByText("Total of recommended plans").parentElement as HTMLElement;
    expect(headline.textContent).toMatch(/^Total of recommended plans\$\d/);
    fireEvent.change(screen.getByRole("textbox", { name: "Currency" }), { target: { value: "CHF" } });
    expect(headline.textContent).toMatch(/^Total of recommended plans[\d,]+ CHF$/);
  });
});

describe("messages name their cell, and clicking the cell selects it in Excel", () => {
  test("an error with a cell address calls host.selectCell with it", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    const run = knownRun({
      messages: [
        { severity: "error", message: "Demand must be a number", cell: "Forecast!D7" },
        { severity: "warning", message: "Two tables could be the Policy table", cell: "'My Policy'!A1" },
        { severity: "info", message: "No Capacity table: resources are not checked" },
      ],
    });
    await loaded(host, stubPlanner(run).planner);
    await runAndWait();
    expect(screen.getByRole("heading", { name: "Errors to fix (1)" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Go to cell Forecast!D7" }));
    fireEvent.click(screen.getByRole("button", { name: "Go to cell 'My Policy'!A1" }));
    await waitFor(() => expect(host.selected).toEqual(["Forecast!D7", "'My Policy'!A1"]));
    // A message without a cell has nothing to go to.
    expect(within(screen.getByRole("main")).getAllByRole("button", { name: /Go to cell/ })).toHaveLength(2);
    // The status line says why Run is off, and offers the first error's cell.
    expect(statusLine().textContent).toBe("Can't run: 1 error, the first at Forecast!D7.Go to cell");
    expect(isDisabled(runButton())).toBe(true);
    fireEvent.click(within(statusLine()).getByRole("button", { name: "Go to cell Forecast!D7 (first error)" }));
    await waitFor(() => expect(host.selected).toHaveLength(3));
  });

  test("the buttons are keyboard-reachable native buttons", async () => {
    const run = knownRun({ messages: [{ severity: "error", message: "Bad value", cell: "Policy!B3" }] });
    await loaded(new FakeHost(SMALL_TEMPLATE), stubPlanner(run).planner);
    await runAndWait();
    const goTo = screen.getByRole("button", { name: "Go to cell Policy!B3" });
    expect(goTo.tagName).toBe("BUTTON");
    goTo.focus();
    expect(document.activeElement).toBe(goTo);
  });
});

describe("the written sheets can be opened", () => {
  test("one button per sheet calls host.showSheet", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    await loaded(host, stubPlanner().planner);
    await runAndWait();
    fireEvent.click(screen.getByRole("button", { name: "Open sheet Plan Tools" }));
    fireEvent.click(screen.getByRole("button", { name: "Open sheet SOP Summary" }));
    await waitFor(() => expect(host.shown).toEqual(["Plan Tools", "SOP Summary"]));
  });
});

describe("with the real planner (find, parse, plan, lay out)", () => {
  test("the small template plans both families and writes the plan sheets", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    await loaded(host);
    await runAndWait();
    expect(screen.queryByRole("alert")).toBeNull();
    const table = screen.getByRole("table", { name: "Total cost by family and strategy" });
    expect(within(table).getByRole("row", { name: /^Tools/ })).toBeTruthy();
    expect(within(table).getByRole("row", { name: /^Garden/ })).toBeTruthy();
    // No Plan table, so there is no manual plan to compare.
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Family", "Level", "Chase", "Optimal"]);
    expect(host.written).toHaveLength(1);
    const names = host.written[0].sheets.map((s) => s.name);
    for (const name of names) expect(screen.getByRole("button", { name: `Open sheet ${name}` })).toBeTruthy();
  });

  test("inspectWorkbook finds the tables and reads families and periods", () => {
    const summary = inspectWorkbook(SMALL_TEMPLATE);
    expect(summary.families).toEqual(["Tools", "Garden"]);
    expect(summary.periods).toEqual(["P1", "P2", "P3"]);
    expect(summary.tables.filter((t) => t.source).map((t) => t.title)).toEqual(["Forecast", "Policy"]);
    expect(summary.messages.filter((m) => m.severity === "error")).toEqual([]);
  });
});

describe("the Fluent theme follows Office's", () => {
  test("isDarkTheme when the host gives it", () => {
    expect(isDarkOfficeTheme({ isDarkTheme: true, bodyBackgroundColor: "#FFFFFF" })).toBe(true);
    expect(isDarkOfficeTheme({ isDarkTheme: false, bodyBackgroundColor: "#000000" })).toBe(false);
  });

  test("else the body background's brightness; light when nothing is known", () => {
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#262626" })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#F3F3F3" })).toBe(false);
    expect(isDarkOfficeTheme(undefined)).toBe(false);
  });
});

describe("inputs: the sample template and tables picked by selection", () => {
  test("Insert sample template hands the template to the host and says what it kept", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    await loaded(host, stubPlanner().planner);
    showInputs();
    fireEvent.click(screen.getByRole("button", { name: "Insert sample template" }));
    expect(await screen.findByText("Inserted Forecast, Products, Capacity, Plan, Actuals and Budget. Kept your Policy: a sheet or table of that name exists.")).toBeTruthy();
    expect(host.inserted).toEqual([sampleTemplate()]);
    // The pane reads the workbook again to show what is there now.
    await waitFor(() => expect(host.reads).toBe(2));
  });

  test("Use selection points a table at the selected range; the range is read afresh on every read", async () => {
    const host = new FakeHost([POLICY]);
    host.selection = { ...FORECAST, name: "Data", sheet: "Data", top: 3, left: 1 };
    await loaded(host);
    expect(screen.getByRole("heading", { name: "Get started" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Use selection for Forecast" }));
    await waitFor(() => expect(statusLine().textContent).toBe("Forecast: using the selection Data!B4:F6."));
    showInputs();
    expect(await screen.findByText("selection Data!B4:F6")).toBeTruthy();
    expect(screen.getAllByRole("definition")[0].textContent).toBe("2");
    await runAndWait();
    expect(host.rangeReads.at(-1)).toEqual(["Data!B4:F6"]);
    expect(host.written).toHaveLength(1);

    fireEvent.click(screen.getByRole("button", { name: "Clear the selection for Forecast" }));
    expect(await screen.findByRole("heading", { name: "Get started" }, { timeout: 10_000 })).toBeTruthy();
  });

  test("a selection that cannot be read is reported, and nothing changes", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    await loaded(host);
    showInputs();
    fireEvent.click(screen.getByRole("button", { name: "Use selection for Products" }));
    await waitFor(() => expect(statusLine().textContent).toBe("Could not read the selection: nothing is selected"));
    expect(screen.getAllByRole("button", { name: /^Use selection for/ })).toHaveLength(8);
  });
});

describe("settings: the request carries the approach, strategies and threshold", () => {
  test("bottom-up, optimal left out, threshold 55 %", async () => {
    const { planner, calls } = stubPlanner();
    await loaded(new FakeHost(SMALL_TEMPLATE), planner);
    fireEvent.click(screen.getByRole("radio", { name: "Bottom-up" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Optimal" }));
    const threshold = screen.getByRole("spinbutton", { name: "Under-used below" });
    fireEvent.change(threshold, { target: { value: "" } });
    fireEvent.change(threshold, { target: { value: "55" } });
    fireEvent.blur(threshold);
    expect((threshold as HTMLInputElement).value).toBe("55");
    await runAndWait();
    expect(calls[0]).toMatchObject({
      approach: "bottom-up",
      strategies: ["level", "chase", "manual"],
      utilizationThreshold: 0.55,
    });
  });
});

describe("the pane's choices are saved with the workbook", () => {
  test("settings and picked tables are saved as they change, and a later pane starts from them", async () => {
    const host = new FakeHost([POLICY]);
    host.selection = { ...FORECAST, name: "Data", sheet: "Data", top: 3, left: 1 };
    const first = await loaded(host);
    fireEvent.click(screen.getByRole("radio", { name: "Bottom-up" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Optimal" }));
    const threshold = screen.getByRole("spinbutton", { name: "Under-used below" });
    fireEvent.change(threshold, { target: { value: "55" } });
    fireEvent.blur(threshold);
    fireEvent.click(screen.getByRole("button", { name: "Use selection for Forecast" }));
    await screen.findByText("Forecast: using the selection Data!B4:F6.");
    // Saved once the choices settle, in one save.
    await waitFor(() => expect(host.paneState).not.toBeNull());
    expect(host.paneStateWrites).toBe(1);
    expect(host.paneState).toEqual({
      version: 1,
      approach: "bottom-up",
      strategies: ["level", "chase", "manual"],
      utilizationThresholdPercent: 55,
      compareWith: null,
      planScenarios: true,
      currency: "",
      selections: { forecast: "Data!B4:F6" },
    });
    first.unmount();

    // The workbook opened again: the pane reads the saved choices before the workbook itself.
    host.rangeReads = [];
    await loaded(host);
    showInputs();
    expect(await screen.findByText("selection Data!B4:F6")).toBeTruthy();
    expect(host.rangeReads[0]).toEqual(["Data!B4:F6"]);
    expect((screen.getByRole("radio", { name: "Bottom-up" }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole("checkbox", { name: "Optimal" }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole("spinbutton", { name: "Under-used below" }) as HTMLInputElement).value).toBe("55");
  });

  test("a damaged saved setting falls back part by part, and a workbook that cannot save still plans", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    host.paneState = { approach: "sideways", strategies: ["chase", "magic"], utilizationThresholdPercent: 250, selections: { forecast: 7, plan: "no sheet" } };
    host.paneStateFailure = new Error("the workbook is read-only");
    const { planner, calls } = stubPlanner();
    await loaded(host, planner);
    fireEvent.click(screen.getByRole("checkbox", { name: "Level" }));
    await runAndWait();
    expect(calls[0]).toMatchObject({ strategies: ["level", "chase"], utilizationThreshold: 0.7 });
    expect(calls[0].approach).toBeUndefined();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(host.rangeReads).toEqual([]);
  });
});

test("a saved pick whose sheet is gone is forgotten, said, and saved so, and the pane reads the rest", async () => {
  const host = new FakeHost(SMALL_TEMPLATE);
  host.selection = { ...FORECAST, name: "Data", sheet: "Data", top: 3, left: 1 };
  host.paneState = savedForm({ settings: DEFAULT_SETTINGS, selections: { forecast: "Data!B4:F6", products: "Gone!A1:F5" } });
  host.goneRanges.add("Gone!A1:F5");
  await loaded(host);
  showInputs();
  expect(await screen.findByText("Forgot the selection for Products (Gone!A1:F5: There is no sheet named 'Gone'): the tables are looked for by name again.")).toBeTruthy();
  expect(await screen.findByText("selection Data!B4:F6")).toBeTruthy();
  expect(screen.queryByRole("alert")).toBeNull();
  await waitFor(() => expect((host.paneState as { selections: unknown }).selections).toEqual({ forecast: "Data!B4:F6" }));
});

describe("restoredState", () => {
  test("gives the defaults for nothing saved, or for something that is not an object", () => {
    for (const saved of [null, undefined, "text", 3, ["level"]]) {
      expect(restoredState(saved)).toEqual({ settings: DEFAULT_SETTINGS, selections: {} });
    }
  });

  test("reads back what savedForm wrote", () => {
    const state = {
      settings: { approach: "bottom-up" as const, strategies: ["optimal" as const], utilizationThresholdPercent: 42.5, compareWith: "November", planScenarios: false, currency: "€" },
      selections: { policy: "'My data'!A1:C9" },
    };
    expect(restoredState(JSON.parse(JSON.stringify(savedForm(state))))).toEqual(state);
  });
});

describe("the Policy view: units, drop-downs and switches, edits held until Run (with undo)", () => {
  const POLICY_WITH_FAMILIES = sheet("Policy", [
    ["Parameter", "Value", "Tools", "Garden"],
    ["Units per worker per period", 50, null, null],
    ["Holding cost per unit", 1, 2, null],
    ["Integer workers", "No", null, null],
    ["Holding cost basis", null, "Average", null],
  ]);
  /** A planner whose summary's Policy is the Policy block it is given: the pane's held edits show through it. */
  function policyPlanner() {
    const stub = stubPlanner();
    const planner: TaskpanePlanner = {
      ...stub.planner,
      inspect: (blocks) => ({ ...KNOWN_SUMMARY, policy: blocks.find((b) => b.sheet === "Policy") ?? null, blocks }),
    };
    return { ...stub, planner };
  }
  /** The host, with what it had been read how many times when each cell was written. */
  function hostWithPolicy() {
    const host = new FakeHost([FORECAST, POLICY_WITH_FAMILIES]);
    const readsAtWrite: number[] = [];
    const write = host.writeValues.bind(host);
    host.writeValues = async (address, values) => {
      readsAtWrite.push(host.reads);
      return write(address, values);
    };
    return { host, readsAtWrite };
  }
  const openPolicy = () => fireEvent.click(screen.getByRole("button", { name: /^Policy \(4 parameters/ }));

  test("each value has its unit beside it; an edit is held, shown with what the cell held, and written when Run starts", async () => {
    const { host, readsAtWrite } = hostWithPolicy();
    await loaded(host, policyPlanner().planner);
    openPolicy();
    const box = screen.getByRole("textbox", { name: "Holding cost per unit, Value (per unit)" });
    expect(screen.getByRole("textbox", { name: "Units per worker per period, Value (units)" })).toBeTruthy();
    expect((box as HTMLInputElement).value).toBe("1");
    fireEvent.change(box, { target: { value: "1,250.5" } });
    fireEvent.blur(box);
    expect(await screen.findByText("was 1; goes in on Run")).toBeTruthy();
    expect(host.cellWrites).toEqual([]);
    expect(statusLine().textContent).toContain("1 Policy edit goes in on Run.");
    expect(screen.getByRole("button", { name: /^Policy \(4 parameters, 1 edit held\)/ })).toBeTruthy();
    await runAndWait();
    // Written before the run read the workbook (one read on load, none since), so the run plans it.
    expect(host.cellWrites).toEqual([["Policy!B3", [[1250.5]]]]);
    expect(readsAtWrite).toEqual([1]);
    expect(host.reads).toBe(2);
    expect(screen.queryByText("was 1; goes in on Run")).toBeNull();
  });

  test("Undo drops one held edit, Undo all every one; a value typed back to what the cell holds is no edit", async () => {
    const { host } = hostWithPolicy();
    await loaded(host, policyPlanner().planner);
    openPolicy();
    const box = screen.getByRole("textbox", { name: "Holding cost per unit, Value (per unit)" });
    fireEvent.change(box, { target: { value: "3" } });
    fireEvent.keyDown(box, { key: "Enter" });
    fireEvent.click(await screen.findByRole("button", { name: "Undo the edit of Holding cost per unit, Value" }));
    await waitFor(() => expect((box as HTMLInputElement).value).toBe("1"));
    fireEvent.change(box, { target: { value: "4" } });
    fireEvent.blur(box);
    fireEvent.change(box, { target: { value: "1" } });
    fireEvent.blur(box);
    expect(screen.queryByText(/goes in on Run/)).toBeNull();
    fireEvent.click(screen.getByRole("switch", { name: "Integer workers, Value" }));
    fireEvent.change(box, { target: { value: "5" } });
    fireEvent.blur(box);
    expect(await screen.findByText("2 edits held: written to the Policy table when you run.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Undo all" }));
    await runAndWait();
    expect(host.cellWrites).toEqual([]);
  });

  test("a family's column is chosen from a list; choices are drop-downs of the template's words, Yes/No a switch", async () => {
    const { host } = hostWithPolicy();
    await loaded(host, policyPlanner().planner);
    // Whole workers is the Policy's Integer workers, shown once: in the Policy view, not again in the settings.
    expect(screen.queryByRole("switch", { name: "Whole workers" })).toBeNull();
    openPolicy();
    const whole = screen.getByRole("switch", { name: "Integer workers, Value" });
    expect((whole as HTMLInputElement).checked).toBe(false);
    fireEvent.click(whole);
    const basis = screen.getByRole("combobox", { name: "Holding cost basis, Value" }) as HTMLSelectElement;
    expect([...basis.options].map((o) => o.textContent)).toEqual(["default Ending", "Ending", "Average"]);
    fireEvent.change(basis, { target: { value: "Average" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Column" }), { target: { value: "1" } });
    const toolsBasis = screen.getByRole("combobox", { name: "Holding cost basis, Tools" }) as HTMLSelectElement;
    expect(toolsBasis.value).toBe("Average");
    // In a family's column Yes/No is a drop-down too: blank there means "as Value".
    expect([...(screen.getByRole("combobox", { name: "Integer workers, Tools" }) as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(["as Value", "Yes", "No"]);
    const tools = screen.getByRole("textbox", { name: "Holding cost per unit, Tools (per unit)" });
    fireEvent.blur(tools);
    fireEvent.change(tools, { target: { value: "3" } });
    fireEvent.keyDown(tools, { key: "Enter" });
    await runAndWait();
    expect(host.cellWrites).toEqual([
      ["Policy!B4", [["Yes"]]],
      ["Policy!B5", [["Average"]]],
      ["Policy!C3", [[3]]],
    ]);
  });

  test("a value the planner refuses is said in its words and never held", async () => {
    const { host } = hostWithPolicy();
    await loaded(host, policyPlanner().planner);
    openPolicy();
    const box = screen.getByRole("textbox", { name: "Holding cost per unit, Value (per unit)" });
    fireEvent.change(box, { target: { value: "lots" } });
    fireEvent.blur(box);
    expect((await screen.findByRole("alert")).textContent).toMatch(/^Policy!B3 is text, not a number/);
    expect(screen.queryByText(/goes in on Run/)).toBeNull();
  });

  test("a missing parameter is added as a new row under the table, on Run, and its value with it", async () => {
    const { host } = hostWithPolicy();
    await loaded(host, policyPlanner().planner);
    openPolicy();
    fireEvent.change(screen.getByRole("combobox", { name: "Add a parameter" }), { target: { value: "Safety stock" } });
    const added = await screen.findByRole("textbox", { name: "Safety stock, Value (units)" });
    expect(screen.getByText("new row; goes in on Run")).toBeTruthy();
    fireEvent.change(added, { target: { value: "40" } });
    fireEvent.blur(added);
    await runAndWait();
    expect(host.cellWrites).toEqual([
      ["Policy!A6", [["Safety stock"]]],
      ["Policy!B6", [[40]]],
    ]);
  });

  test("a run that cannot plan (input errors) puts the written Policy cells back and holds the edits again", async () => {
    const { host } = hostWithPolicy();
    const stub = policyPlanner();
    const failing = knownRun({ tables: { forecast: FORECAST, policy: POLICY_WITH_FAMILIES }, sheets: { sheets: [] }, messages: [{ severity: "error", message: "Bad value", cell: "Forecast!D2" }] });
    await loaded(host, { ...stub.planner, run: async () => failing });
    fireEvent.click(await screen.findByRole("button", { name: /^Policy \(4 parameters/ }));
    const box = screen.getByRole("textbox", { name: "Holding cost per unit, Value (per unit)" });
    fireEvent.change(box, { target: { value: "3" } });
    fireEvent.blur(box);
    await runAndWait();
    expect(statusLine().textContent).toBe("Can't run: 1 error, the first at Forecast!D2. The Policy was left as it was: 1 edit still held.Go to cell");
    expect(host.cellWrites.map(([address]) => address)).toEqual(["Policy!B3"]);
    expect(host.restores.map((writes) => writes.map((w) => w.address))).toEqual([["Policy!B3"]]);
    expect(screen.getByRole("button", { name: /^Policy \(4 parameters, 1 edit held\)/ })).toBeTruthy();
  });

  test("new Policy parameters of the schema are offered without a change to the pane", () => {
    const view = policyView(POLICY_WITH_FAMILIES);
    expect(view).not.toBeNull();
    const offered = missingParameters(view as NonNullable<typeof view>).map((p) => p.name);
    expect(offered).toEqual(POLICY_PARAMETERS.filter((p) => !["Units per worker per period", "Holding cost per unit", "Integer workers", "Holding cost basis"].includes(p.name)).map((p) => p.name));
  });
});

describe("a run that does not complete leaves the Policy as it was (the pane on the Office adapter, over the fake Excel)", () => {
  /** The small template in a fake Excel: Holding cost per unit is Policy!B6, formatted with a currency. */
  function excelWithPolicy(): FakeExcel {
    const excel = new FakeExcel();
    for (const block of SMALL_TEMPLATE) excel.addSheet(block.sheet, "A1", block.values as (string | number | null)[][]);
    return excel.setNumberFormat("Policy", "B6", '"$"#,##0.00');
  }
  const officeHost = (excel: FakeExcel) => {
    const saved = new Map<string, unknown>();
    const settings = { get: (key: string) => saved.get(key), set: (key: string, value: unknown) => saved.set(key, value), saveAsync: (done: (r: { status: string }) => void) => done({ status: "succeeded" }) };
    return new OfficeWorkbookHost(excel.run, () => settings as unknown as DocumentSettings);
  };
  /** Opens the Policy view and holds one edit: Holding cost per unit from 1 to 2.5. */
  async function holdEdit(): Promise<void> {
    fireEvent.click(await screen.findByRole("button", { name: /^Policy \(5 parameters/ }));
    const box = screen.getByRole("textbox", { name: /^Holding cost per unit, Value/ });
    fireEvent.change(box, { target: { value: "2.5" } });
    fireEvent.blur(box);
    expect(await screen.findByText("was 1; goes in on Run")).toBeTruthy();
  }
  async function loadedOn(excel: FakeExcel, planner: TaskpanePlanner) {
    renderPane(officeHost(excel), planner);
    await waitFor(() => expect(screen.getByRole("main").getAttribute("aria-busy")).toBe("false"), { timeout: 10_000 });
  }
  const failingPlanner = (fail: () => Promise<void> = async () => undefined): TaskpanePlanner => ({
    inspect: inspectWorkbook,
    run: async (blocks) => {
      // The run plans what the workbook says: the edit is in the cell by now.
      expect(blocks.find((b) => b.sheet === "Policy")?.values[5][1]).toBe(2.5);
      await fail();
      throw new Error("the solver ran out of memory");
    },
  });
  const heldAgain = () => expect(screen.getByRole("button", { name: /^Policy \(5 parameters, 1 edit held\)/ })).toBeTruthy();

  test("a failed run puts the edited cell back, value and number format, and holds the edit again", async () => {
    const excel = excelWithPolicy();
    await loadedOn(excel, failingPlanner());
    await holdEdit();
    await runAndWait();
    expect(statusLine().textContent).toBe("Planning failed: the solver ran out of memory. The Policy was left as it was: 1 edit still held.");
    expect(excel.content("Policy", "B6")).toBe(1);
    expect(excel.cell("Policy", "B6")?.numberFormat).toBe('"$"#,##0.00');
    heldAgain();
    // Undo drops the held edit; the workbook already holds what it was.
    fireEvent.click(screen.getByRole("button", { name: "Undo the edit of Holding cost per unit, Value" }));
    await waitFor(() => expect(screen.queryByText(/goes in on Run/)).toBeNull());
    expect(excel.content("Policy", "B6")).toBe(1);
  });

  test("a cancelled run puts the edited cell back too", async () => {
    const excel = excelWithPolicy();
    const planner: TaskpanePlanner = {
      inspect: inspectWorkbook,
      run: (_blocks, _request, hooks) =>
        new Promise((_resolve, reject) => {
          hooks.onProgress(toRunProgress("optimal", 1, 2));
          hooks.signal.addEventListener("abort", () => reject(new RunCancelled()));
        }),
    };
    await loadedOn(excel, planner);
    await holdEdit();
    fireEvent.click(runButton());
    await screen.findByText("Solving the optimal plan…");
    expect(excel.content("Policy", "B6")).toBe(2.5);
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(statusLine().textContent).toBe("Run cancelled. Nothing was written. The Policy was left as it was: 1 edit still held."));
    expect(excel.content("Policy", "B6")).toBe(1);
    heldAgain();
  });

  test("an Excel failure writing the plan sheets puts the cell back; a run that completes keeps the edit written", async () => {
    const excel = excelWithPolicy().addSheet("SOP Summary", "A1", [["my own notes"]]);
    await loadedOn(excel, inProcessPlanner(realSolver));
    await holdEdit();
    await runAndWait();
    expect(statusLine().textContent).toMatch(/^Could not write the plan sheets: .*Sheet 'SOP Summary' exists and was not created by the planner.* The Policy was left as it was: 1 edit still held\.$/);
    expect(excel.content("Policy", "B6")).toBe(1);
    heldAgain();
    // The user renames their sheet and runs again: this run completes, and the edit stays in.
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("SOP Summary").name = "My notes";
      await context.sync();
    });
    await runAndWait();
    expect(statusLine().textContent).toMatch(/^Plan ready/);
    expect(excel.content("Policy", "B6")).toBe(2.5);
    expect(excel.cell("Policy", "B6")?.numberFormat).toBe('"$"#,##0.00');
    expect(screen.getByRole("button", { name: /^Policy \(5 parameters\)/ })).toBeTruthy();
  });

  test("when the Policy cannot be put back (its sheet deleted meanwhile) the pane says so and keeps working", async () => {
    const excel = excelWithPolicy();
    const deletePolicy = () =>
      excel.run(async (context) => {
        context.workbook.worksheets.getItem("Policy").delete();
        await context.sync();
      });
    await loadedOn(excel, failingPlanner(deletePolicy));
    await holdEdit();
    await runAndWait();
    expect(statusLine().textContent).toBe(
      "Planning failed: the solver ran out of memory. Could not put back what Policy!B6 held before the run: The sheet 'Policy' is gone. 1 edit still held.",
    );
    expect(excel.sheetNames()).toEqual(["Forecast"]);
    // The pane read the workbook again: Run is off until there is a Policy, and says why.
    await waitFor(() => expect(isDisabled(runButton())).toBe(true));
    expect(screen.getByRole("main").getAttribute("aria-busy")).toBe("false");
  });
});

describe("a run can be cancelled, and shows the planner's progress", () => {
  test("Cancel during planning ends the run; nothing is written", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    const planner: TaskpanePlanner = {
      inspect: () => KNOWN_SUMMARY,
      run: (_blocks, _request, hooks) =>
        new Promise((_resolve, reject) => {
          hooks.onProgress(toRunProgress("optimal", 1, 2));
          hooks.signal.addEventListener("abort", () => reject(new RunCancelled()));
        }),
    };
    await loaded(host, planner);
    fireEvent.click(runButton());
    expect(await screen.findByText("Solving the optimal plan…")).toBeTruthy();
    expect(screen.getByText("1 of 2 families")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(await screen.findByText("Run cancelled. Nothing was written.")).toBeTruthy();
    expect(isDisabled(runButton())).toBe(false);
    expect(host.written).toEqual([]);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  test("Cancel is off while Excel writes the sheets (all or nothing)", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    await loaded(host, stubPlanner().planner);
    host.writeGate = new Gate();
    fireEvent.click(runButton());
    await screen.findByText("Writing the plan sheets…");
    expect(isDisabled(screen.getByRole("button", { name: "Cancel" }))).toBe(true);
    await act(async () => host.writeGate?.open());
    await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
  });
});

describe("results show the top risks, grouped, with units, severity and the cell behind each", () => {
  const overload = (period: string, short: number): RiskFlag => ({
    kind: "overload",
    severity: "error",
    resource: "Test",
    period,
    family: "Tools",
    value: short,
    message: `Test, ${period}: ${380 + short} required of 380 available, ${short} short, about ${short * 10} units (mostly Tools).`,
  });
  const idle = (resource: string, period: string): RiskFlag => ({
    kind: "underutilization",
    severity: "info",
    resource,
    period,
    value: 100,
    message: `${resource}, ${period}: 50 % used (below 70 %); 100 of 200 idle.`,
  });
  const risks: RiskFlag[] = [
    overload("P2", 38.6),
    overload("P1", 10),
    overload("P3", 5),
    { kind: "loss", severity: "warning", family: "Garden", period: "P1", value: -1234.5, message: "Garden, P1: costs 2,000.00 exceed revenue 765.50; margin -1,234.50." },
    ...["Paint", "Pack", "Ship", "Store", "Wrap"].map((r) => idle(r, "P1")),
    idle("Paint", "P3"),
  ];
  const capacitySheet: SheetSpec = {
    name: "SOP Capacity",
    cells: [[{ value: "Rough-cut capacity" }], [], [], [{ value: "Resource" }, { value: "Line" }, { value: "P1" }, { value: "P2" }, { value: "P3" }], [], [], [], [{ value: "Test" }, { value: "Overload" }]],
  };
  const riskSheet: SheetSpec = { name: "SOP Risks", cells: [[{ value: "Risks and opportunities" }], [], [], [{ value: "Kind" }]] };

  test("near-duplicates become one line, the rest is one link to the Risks sheet", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    const input: PlanningInput = { periods: ["P1", "P2", "P3"], workingDays: null, families: [], products: [], resources: [] };
    const run = knownRun({ risks, input, sheets: { sheets: [{ name: "SOP Summary", cells: [] }, capacitySheet, riskSheet] } });
    await loaded(host, stubPlanner(run).planner);
    await runAndWait();
    const section = screen.getByRole("region", { name: "Top risks" });
    const items = within(section).getAllByRole("listitem");
    expect(items.map((li) => li.querySelector("span")?.textContent)).toEqual([
      "OverloadTest, P1 – P3",
      "LossGarden, P1",
      "Under-utilisationPaint, P1",
      "Under-utilisationPack, P1",
      "Under-utilisationShip, P1",
    ]);
    expect(within(items[0]).getByText("Up to 38.6 capacity units short in 3 periods · High severity")).toBeTruthy();
    expect(within(items[0]).getByText("Worst in P2: 418.6 required of 380 available, 38.6 short, about 386 units (mostly Tools).")).toBeTruthy();
    expect(within(items[1]).getByText(`P&L margin ${formatMoney(-1234.5)} · Medium severity`)).toBeTruthy();
    // The overload's link selects its Overload cell on the Capacity sheet, in the worst period (P2 = column D).
    fireEvent.click(within(items[0]).getByRole("button", { name: /^Go to 'SOP Capacity'!D8/ }));
    // The loss has no capacity line: its row on the Risks sheet (the 4th risk: row 5 + 3).
    fireEvent.click(within(items[1]).getByRole("button", { name: /^Go to 'SOP Risks'!A8/ }));
    // Paint P3 is not next to Paint P1: its own group, hidden with Store and Wrap. The link opens the Risks sheet at the first of them.
    fireEvent.click(within(section).getByRole("button", { name: "3 more risks on the Risks sheet" }));
    await waitFor(() => expect(host.selected).toEqual(["'SOP Capacity'!D8", "'SOP Risks'!A8", "'SOP Risks'!A12"]));
  });
});

test("N more opens the Risks sheet filtered to a kind (a values filter on the Risks table); where Excel cannot filter, the pane says so", async () => {
  const idle = (resource: string): RiskFlag => ({ kind: "underutilization", severity: "info", resource, period: "P1", value: 100, message: `${resource}, P1: 50 % used.` });
  const risks: RiskFlag[] = [
    ...["A", "B", "C", "D", "E"].map(idle),
    { kind: "backlog", severity: "warning", family: "Tools", period: "P2", value: 12, message: "Tools, P2: 12 units of backlog." },
    idle("F"),
    idle("G"),
  ];
  const riskSheet: SheetSpec = {
    name: "SOP Risks",
    cells: [[{ value: "Risks and opportunities" }], [], [], [{ value: "Kind" }]],
    tables: [{ name: "SOP_Risks", top: 3, left: 0, rows: 9, columns: 8, style: "TableStyleLight9" }],
  };
  const host = new FakeHost(SMALL_TEMPLATE);
  const input: PlanningInput = { periods: ["P1", "P2", "P3"], workingDays: null, families: [], products: [], resources: [] };
  await loaded(host, stubPlanner(knownRun({ risks, input, sheets: { sheets: [{ name: "SOP Summary", cells: [] }, riskSheet] } })).planner);
  await runAndWait();
  const more = within(screen.getByRole("region", { name: "Top risks" })).getByRole("list", { name: "More risks, by kind" });
  expect(within(more).getAllByRole("button").map((b) => b.textContent)).toEqual(["Backlog (1 more)", "Under-utilisation (2 more)"]);
  fireEvent.click(within(more).getByRole("button", { name: "Under-utilisation (2 more): open the Risks sheet filtered to Under-utilisation" }));
  await waitFor(() => expect(host.filtered).toEqual([["SOP Risks", "SOP_Risks", "Kind", ["Under-utilisation"]]]));
  host.canFilter = false;
  fireEvent.click(within(more).getByRole("button", { name: /filtered to Backlog$/ }));
  await waitFor(() => expect(statusLine().textContent).toMatch(/^SOP Risks is open, unfiltered: this version of Excel cannot filter a table/));
});

describe("versions and scenarios in the pane, with the real planner on the in-memory workbook", () => {
  test("save a version, compare the next run with it (variance in the pane), plan the scenarios side by side, delete the version", async () => {
    const host = new MemoryWorkbookHost(sampleNextMonth());
    renderPane(host);
    const review = await screen.findByRole("region", { name: "Versions and scenarios" }, { timeout: 15_000 });
    expect(within(review).getByText(/^None yet: save this run as a version/)).toBeTruthy();
    expect(within(within(review).getByRole("list", { name: "Scenarios" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Demand upsideDemand × 1.15 (all); Frozen periods = 0",
      "Assembly line downCapacity × 0.7 (Assembly)",
    ]);
    // The optimal plan left out: three strategies, the base plan and two scenarios stay quick.
    fireEvent.click(screen.getByRole("checkbox", { name: "Optimal" }));
    fireEvent.change(within(review).getByRole("textbox", { name: "Save this run as a version" }), { target: { value: "November agreed" } });
    await runAndWait();
    // Without the optimal plan no plan compared fits Assembly: the run's errors say so, and the status line is not green.
    await waitFor(() => expect(statusLine().textContent).toMatch(/^Plan ready with \d+ problems?: \d+ sheets written, saved as version "November agreed"\./));
    const problems = Number(/with (\d+) problem/.exec(statusLine().textContent ?? "")?.[1]);
    const errorList = screen.getByRole("region", { name: `Errors to fix (${problems})` });
    fireEvent.click(within(statusLine()).getByRole("button", { name: problems === 1 ? "Show the problem" : `Show the ${problems} problems` }));
    expect(document.activeElement).toBe(errorList);
    expect(host.sheet("SOP Versions")).toBeTruthy();
    const saved = await within(screen.getByRole("region", { name: "Versions and scenarios" })).findByRole("list", { name: "Saved versions" });
    expect(within(saved).getAllByRole("listitem")[0].textContent).toMatch(/^November agreed\d{4}-\d\d-\d\d \d\d:\d\d · 2 families/);
    // The scenarios beside the base plan, and a link to their sheet.
    const scenarios = screen.getByRole("region", { name: "Scenarios" });
    expect(within(scenarios).getAllByRole("rowheader").map((h) => h.firstChild?.textContent)).toEqual(["Base plan", "Demand upside", "Assembly line down"]);
    fireEvent.click(within(scenarios).getByRole("button", { name: "Open sheet SOP Scenarios" }));
    await waitFor(() => expect(host.activeSheet).toBe("SOP Scenarios"));

    // The next run compares with the saved version: the variance is in the pane, and its sheet a click away.
    fireEvent.change(screen.getByRole("combobox", { name: "Compare this run with" }), { target: { value: "November agreed" } });
    await runAndWait();
    const variance = await screen.findByRole("region", { name: "Since version November agreed" });
    expect(within(variance).getAllByRole("rowheader").map((h) => h.textContent)).toEqual(expect.arrayContaining(["Cordless Drills", "Garden Tools", "Margin then", "Margin now"]));
    fireEvent.click(within(variance).getByRole("button", { name: "Open sheet SOP Variance" }));
    await waitFor(() => expect(host.activeSheet).toBe("SOP Variance"));

    // A name already saved is refused before Run; the scenarios can be left out.
    const reviewAgain = screen.getByRole("region", { name: "Versions and scenarios" });
    fireEvent.change(within(reviewAgain).getByRole("textbox", { name: "Save this run as a version" }), { target: { value: "november AGREED" } });
    expect(within(reviewAgain).getByText(/^Can't save: a version named "November agreed" exists/)).toBeTruthy();
    fireEvent.change(within(reviewAgain).getByRole("textbox", { name: "Save this run as a version" }), { target: { value: "" } });
    fireEvent.click(within(reviewAgain).getByRole("switch", { name: /^Plan the 2 scenarios/ }));

    // Delete the version: marked, then gone with the run; nothing left to compare with.
    fireEvent.click(within(reviewAgain).getByRole("button", { name: "Delete version November agreed on Run" }));
    expect(within(reviewAgain).getByText(/deleted on Run$/)).toBeTruthy();
    await runAndWait();
    await waitFor(() => expect(statusLine().textContent).toMatch(/deleted version "November agreed"\./));
    expect(await within(screen.getByRole("region", { name: "Versions and scenarios" })).findByText(/^None yet/)).toBeTruthy();
    expect(screen.queryByRole("region", { name: /^Since version/ })).toBeNull();
    expect(screen.queryByRole("region", { name: "Scenarios" })).toBeNull();
    expect(host.sheet("SOP Scenarios")).toBeUndefined();
  }, 120_000);
});

describe("the review cards after a run follow the choices made since: marked out of date, or removed", () => {
  /** Last month's sample planned twice and saved as "October agreed", then "November agreed" (the latest). */
  let versionsSheet: SheetSpec;
  beforeAll(async () => {
    const lastMonth = new MemoryWorkbookHost(sampleTemplate());
    for (const [name, day] of [["October agreed", 1], ["November agreed", 27]] as const) {
      const planned = runPlanner(await lastMonth.readBlocks(), { strategies: ["level", "chase", "manual"], saveVersion: name, plannedAt: new Date(2026, 10, day) });
      await lastMonth.writeSheets(planned.sheets);
    }
    versionsSheet = layoutVersionsSheet(parseVersions(findVersionsBlock(await lastMonth.readBlocks())).versions).sheet;
  });

  /** This month's sample with both versions saved, run once (the optimal plan left out) as it opens: compared with the latest. */
  async function ranOnce(): Promise<MemoryWorkbookHost> {
    const host = new MemoryWorkbookHost(sampleNextMonth());
    await host.writeSheets({ sheets: [versionsSheet] });
    renderPane(host);
    await screen.findByRole("list", { name: "Saved versions" }, { timeout: 15_000 });
    fireEvent.click(screen.getByRole("checkbox", { name: "Optimal" }));
    await runAndWait();
    await waitFor(() => expect(statusLine().textContent).toMatch(/^Plan ready/));
    return host;
  }

  const varianceCard = (baseline: string) => screen.getByRole("region", { name: `Since version ${baseline}` });
  const scenariosCard = () => screen.getByRole("region", { name: "Scenarios" });
  const review = () => screen.getByRole("region", { name: "Versions and scenarios" });
  /** What the results say to screen readers as the cards change (beside the action bar's status line). */
  const resultsAnnouncement = () =>
    screen.getAllByRole("status").find((element) => !screen.getByRole("region", { name: "Run the planner" }).contains(element))?.textContent;
  /** A card's out-of-date note, as a screen reader reads it with the card (its description). */
  function outOfDateNote(card: HTMLElement): string | null {
    const id = card.getAttribute("aria-describedby");
    return id ? (document.getElementById(id)?.textContent ?? null) : null;
  }

  test("another version picked: the variance card stays, marked out of date with Run again; picking the compared one back clears it", async () => {
    await ranOnce();
    expect(outOfDateNote(varianceCard("November agreed"))).toBeNull();
    const tableStyle = () => within(varianceCard("November agreed")).getAllByRole("table")[0].className;
    // The first family's row: then, now, and the change, green or red while current.
    const firstRow = () => within(varianceCard("November agreed")).getAllByRole("row")[1];
    const changeStyle = () => within(firstRow()).getAllByRole("cell")[2].className;
    const current = { table: tableStyle(), change: changeStyle() };

    fireEvent.change(within(review()).getByRole("combobox", { name: "Compare this run with" }), { target: { value: "October agreed" } });
    const card = varianceCard("November agreed");
    const reason = "From the last run: compared with version November agreed. Run again to compare with version October agreed.";
    expect(outOfDateNote(card)).toBe(`Out of date. ${reason}`);
    expect(within(card).getByRole("button", { name: "Run again" })).toBeTruthy();
    // The figures are drawn greyed: the tables take the quieter colour, the change loses its green or red.
    expect(tableStyle()).not.toBe(current.table);
    expect(changeStyle()).not.toBe(current.change);
    expect(resultsAnnouncement()).toBe(reason);
    // The scenarios card's choices did not change.
    expect(outOfDateNote(scenariosCard())).toBeNull();

    fireEvent.change(within(review()).getByRole("combobox", { name: "Compare this run with" }), { target: { value: "November agreed" } });
    expect(outOfDateNote(varianceCard("November agreed"))).toBeNull();
    expect(within(varianceCard("November agreed")).queryByRole("button", { name: "Run again" })).toBeNull();
    expect({ table: tableStyle(), change: changeStyle() }).toEqual(current);
    expect(resultsAnnouncement()).toBe("");
  }, 120_000);

  test("a new run clears the mark: Run again on the card compares with the version picked", async () => {
    await ranOnce();
    fireEvent.change(within(review()).getByRole("combobox", { name: "Compare this run with" }), { target: { value: "October agreed" } });
    fireEvent.click(within(varianceCard("November agreed")).getByRole("button", { name: "Run again" }));
    await waitFor(() => expect(screen.queryByRole("button", { name: /^Cancel/ })).toBeNull(), { timeout: 30_000 });
    await waitFor(() => expect(statusLine().textContent).toMatch(/^Plan ready/));
    const card = await screen.findByRole("region", { name: "Since version October agreed" });
    expect(outOfDateNote(card)).toBeNull();
    expect(screen.queryByRole("region", { name: "Since version November agreed" })).toBeNull();
    expect(resultsAnnouncement()).toBe("");
  }, 120_000);

  test("the compared version deleted: the variance card is removed, and said; Keep brings it back", async () => {
    await ranOnce();
    fireEvent.click(within(review()).getByRole("button", { name: "Delete version November agreed on Run" }));
    expect(screen.queryByRole("region", { name: /^Since version/ })).toBeNull();
    expect(resultsAnnouncement()).toBe("The comparison with version November agreed is hidden: that version is deleted on Run.");
    // Deleting the other version changes nothing the card shows.
    fireEvent.click(within(review()).getByRole("button", { name: "Keep version November agreed" }));
    fireEvent.click(within(review()).getByRole("button", { name: "Delete version October agreed on Run" }));
    expect(outOfDateNote(varianceCard("November agreed"))).toBeNull();
    expect(resultsAnnouncement()).toBe("");
  }, 120_000);

  test("scenarios off: the scenarios card is removed, and said; on again brings it back as it was", async () => {
    await ranOnce();
    const rows = within(scenariosCard()).getAllByRole("rowheader").map((h) => h.firstChild?.textContent);
    expect(rows).toEqual(["Base plan", "Demand upside", "Assembly line down"]);
    fireEvent.click(within(review()).getByRole("switch", { name: /^Plan the 2 scenarios/ }));
    expect(screen.queryByRole("region", { name: "Scenarios" })).toBeNull();
    expect(resultsAnnouncement()).toBe("The scenarios of the last run are hidden: scenarios are off for the next run.");
    // The variance card's choices did not change.
    expect(outOfDateNote(varianceCard("November agreed"))).toBeNull();
    fireEvent.click(within(review()).getByRole("switch", { name: /^Plan the 2 scenarios/ }));
    expect(within(scenariosCard()).getAllByRole("rowheader").map((h) => h.firstChild?.textContent)).toEqual(rows);
    expect(outOfDateNote(scenariosCard())).toBeNull();
  }, 120_000);

  test("the Scenarios table edited and re-read: the scenarios card is marked out of date until the next run", async () => {
    const host = await ranOnce();
    await act(async () => host.writeValues("Scenarios!D2", [[1.25]]));
    fireEvent.click(screen.getByRole("button", { name: "Re-read the workbook" }));
    await waitFor(() => expect(outOfDateNote(scenariosCard())).toBe("Out of date. From the last run: the Scenarios table has changed since. Run again to plan the scenarios as they are now."), { timeout: 15_000 });
    expect(outOfDateNote(varianceCard("November agreed"))).toBeNull();
    await runAndWait();
    await waitFor(() => expect(within(scenariosCard()).getByText("Demand × 1.25 (all); Frozen periods = 0")).toBeTruthy());
    expect(outOfDateNote(scenariosCard())).toBeNull();
  }, 120_000);
});

describe("varianceStatus: what the next run would compare with, against what the run did", () => {
  const version = (name: string, savedAt: string) => ({ name, savedAt, families: [] });
  const OCT = version("October agreed", "2026-10-30T10:00:00");
  const NOV = version("November agreed", "2026-11-27T16:30:00");
  const DEC = version("December agreed", "2026-12-18T09:00:00");
  const none = { saveAs: "", deleting: [] };
  const latest = { ...DEFAULT_SETTINGS, compareWith: null };

  test("the run's own saved version becoming the latest is no change: right after saving, the card is current", () => {
    expect(varianceStatus("November agreed", { compareWith: null }, [OCT, NOV, DEC], latest, none)).toEqual({ kind: "current" });
    expect(varianceStatus("November agreed", { compareWith: null }, [OCT, NOV, DEC], { ...latest, compareWith: "december AGREED" }, none)).toEqual({
      kind: "outOfDate",
      reason: "From the last run: compared with version November agreed. Run again to compare with version December agreed.",
    });
  });

  test("a choice that names the version the run compared with anyway is no change; one the next run compares with otherwise is", () => {
    expect(varianceStatus("November agreed", { compareWith: null }, [OCT, NOV], { ...latest, compareWith: "November agreed" }, none)).toEqual({ kind: "current" });
    expect(varianceStatus("October agreed", { compareWith: "October agreed" }, [OCT, NOV, DEC], latest, none)).toMatchObject({
      kind: "outOfDate",
      reason: expect.stringMatching(/Run again to compare with version December agreed\.$/),
    });
    // The chosen version marked for deletion: the next run compares with the latest kept.
    expect(varianceStatus("November agreed", { compareWith: null }, [OCT, NOV, DEC], { ...latest, compareWith: "December agreed" }, { saveAs: "", deleting: ["December agreed"] })).toEqual({ kind: "current" });
  });

  test("the compared version gone from the workbook (deleted in Excel) removes the card; an unreadable versions sheet leaves it be", () => {
    expect(varianceStatus("November agreed", { compareWith: null }, [OCT], latest, none)).toEqual({
      kind: "gone",
      reason: "The comparison with version November agreed is hidden: that version is no longer in the workbook.",
    });
    expect(varianceStatus("November agreed", { compareWith: null }, null, { ...latest, compareWith: "October agreed" }, none)).toEqual({ kind: "current" });
  });
});

describe("the pane against the in-memory workbook host", () => {
  test("insert the sample, run with the real planner, open a sheet, go to an error's cell", async () => {
    const host = new MemoryWorkbookHost({ sheets: [{ name: "Sheet1", cells: [] }] });
    renderPane(host);
    fireEvent.click(await screen.findByRole("button", { name: "Try with sample data" }));
    await screen.findByText(/^Inserted Forecast, Products, Capacity, Policy, Plan, Actuals and Budget\./);
    await runAndWait();
    expect(screen.getByRole("table", { name: "Total cost by family and strategy" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Open sheet SOP Summary" }));
    await waitFor(() => expect(host.activeSheet).toBe("SOP Summary"));
    // The sample's sheets are the user's: a second run replaces only its own output.
    await runAndWait();
    expect(host.sheets.filter((s) => !s.isPlannerOutput).map((s) => s.name)).toEqual(["Sheet1", "Forecast", "Products", "Capacity", "Policy", "Plan", "Actuals", "Budget"]);

    await act(async () => host.writeValues("Forecast!E3", [["about 900"]]));
    fireEvent.click(screen.getByRole("button", { name: "Re-read the workbook" }));
    // The re-read plans nothing but reads every table: allow it time on a busy machine.
    fireEvent.click(await screen.findByRole("button", { name: "Go to cell Forecast!E3" }, { timeout: 15_000 }));
    await waitFor(() => expect(host.selection).toEqual({ sheet: "Forecast", range: "E3" }));
  });
});

describe("the pure helpers behind the pane", () => {
  test("applySelections: the picked range stands for its table, and competitors step aside", () => {
    const picked = { ...FORECAST, name: "Data", sheet: "Data", top: 1, left: 1 };
    const blocks = applySelections([FORECAST, POLICY], { forecast: picked });
    expect(blocks.map((b) => [b.name, b.sheet, b.isTable])).toEqual([
      ["Forecast", "Data", true],
      ["Policy", "Policy", false],
    ]);
    expect(inspectWorkbook(blocks).messages.filter((m) => m.severity !== "info")).toEqual([]);
  });

  test("blockAddress names a block's range", () => {
    expect(blockAddress({ ...FORECAST, sheet: "My data", top: 1, left: 1 })).toBe("'My data'!B2:F4");
  });

  test("policyView: one row per parameter, the cell of each column", () => {
    const view = policyView(sheet("Policy", [["Parameter", "Value", "Tools"], ["Safety stock", 10, null], [null, null, null], ["Price per unit", 5, 6]]));
    expect(view?.columns.map((c) => c.label)).toEqual(["Value", "Tools"]);
    expect(view?.rows.map((r) => [r.parameter, r.cells.map((c) => c.address)])).toEqual([
      ["Safety stock", ["Policy!B2", "Policy!C2"]],
      ["Price per unit", ["Policy!B4", "Policy!C4"]],
    ]);
    expect(view?.nextRowAddress).toBe("Policy!A5");
  });

  test.each([
    ["250", 250],
    ["1,200", 1200],
    ["-0.5", -0.5],
    [" ", null],
    ["Yes", "Yes"],
    ["12 units", "12 units"],
  ])("typedValue(%j) is %j", (typed, value) => {
    expect(typedValue(typed)).toBe(value);
  });

  test("toRunProgress: the optimal stage's families move the bar through its share", () => {
    expect(toRunProgress("optimal", 0, 4)).toMatchObject({ stage: "solving", detail: "0 of 4 families", fraction: 0.3 });
    expect(toRunProgress("optimal", 4, 4).fraction).toBeCloseTo(0.9);
    expect(toRunProgress("level", 1, 1)).toMatchObject({ stage: "planning", detail: "1 of 1 family" });
  });
});

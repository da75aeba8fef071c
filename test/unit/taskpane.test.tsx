/** @jest-environment jsdom */
// The task pane with a fake workbook host: what it finds on load, a run's stages, results, messages and sheets.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { readFileSync } from "fs";
import path from "path";
import { COST_KINDS, type CostBreakdown, type FamilyResult, type PlanResult, type StrategyName } from "../../src/engine";
import { loadHighsSolver } from "../../src/solver/highs";
import { App } from "../../src/taskpane/App";
import { formatMoney } from "../../src/taskpane/format";
import { applySelections, blockAddress, inspectWorkbook, RunCancelled, type TaskpanePlanner, type WorkbookSummary } from "../../src/taskpane/planner";
import { policyView, typedValue } from "../../src/taskpane/policy";
import { toRunProgress, type PlanRequest } from "../../src/taskpane/run/protocol";
import { DEFAULT_SETTINGS, restoredState, savedForm } from "../../src/taskpane/settings";
import { inProcessPlanner } from "../../src/taskpane/run/inProcess";
import { isDarkOfficeTheme } from "../../src/taskpane/theme";
import type { InsertedSheets, WorkbookHost } from "../../src/workbook/host";
import { MemoryWorkbookHost } from "../../src/workbook/memoryHost";
import type { PlannerRun } from "../../src/workbook/pipeline";
import { sampleTemplate } from "../../src/workbook/sample";
import type { RawCell, RawTable } from "../../src/workbook/raw";
import type { CellValue, WorkbookSpec } from "../../src/workbook/sheet";

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

class Gate {
  private release: () => void = () => {};
  readonly opened = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  open(): void {
    this.release();
  }
}

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
  async writeValues(address: string, values: CellValue[][]): Promise<void> {
    this.cellWrites.push([address, values]);
  }
  async selectCell(address: string): Promise<void> {
    this.selected.push(address);
  }
  async showSheet(name: string): Promise<void> {
    this.shown.push(name);
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
    violations: feasible ? [] : [{ periodIndex: 1, message: "backlog in P2 but backorders are not allowed" }],
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
};

function knownRun(overrides: Partial<PlannerRun> = {}): PlannerRun {
  return {
    tables: {},
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

function isDisabled(element: HTMLElement): boolean {
  return (element as HTMLButtonElement).disabled;
}

async function runAndWait(): Promise<void> {
  fireEvent.click(runButton());
  // A run with the real planner includes a real optimal solve: allow it time on a busy machine (two cores shared with other suites).
  await waitFor(() => expect(isDisabled(runButton())).toBe(false), { timeout: 30_000 });
}

/** The loaded pane: the first read has finished. */
async function loaded(host: FakeHost, planner?: TaskpanePlanner) {
  const view = renderPane(host, planner);
  await screen.findByRole("list", { name: "Template tables" });
  return view;
}

// ---- The specification ----

describe("on load, the pane reads the workbook and shows what it found", () => {
  test("the template tables, the families and the periods of the small template", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    await loaded(host);
    const tables = screen.getByRole("list", { name: "Template tables" });
    expect(within(tables).getByText("Forecast!A1 (sheet)")).toBeTruthy();
    expect(within(tables).getByText("Policy!A1 (sheet)")).toBeTruthy();
    expect(within(tables).getAllByText("not found (optional)")).toHaveLength(3); // Products, Capacity, Plan
    expect(screen.getAllByRole("term").map((d) => d.textContent)).toEqual(["Families", "Products", "Resources", "Periods"]);
    expect(screen.getAllByRole("definition").map((d) => d.textContent)).toEqual(["2", "0", "0", "3"]);
    expect(screen.getByText("P1 – P3 · Tools, Garden")).toBeTruthy();
    expect(host.reads).toBe(1);
  });

  test("a missing Policy is marked required and listed as an error to fix", async () => {
    await loaded(new FakeHost([FORECAST]));
    expect(screen.getByText("missing (required)")).toBeTruthy();
    expect(screen.getByRole("heading", { name: /Errors to fix/ })).toBeTruthy();
    expect(screen.getByText(/No Policy table found/)).toBeTruthy();
  });

  test("a host that cannot read the workbook says so", async () => {
    const host = new FakeHost([]);
    host.readFailure = new Error("the workbook is busy");
    renderPane(host);
    expect((await screen.findByRole("alert")).textContent).toBe("Could not read the workbook: the workbook is busy");
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
    expect(screen.getByRole("alert").textContent).toBe("Could not write the plan sheets: the sheet is protected");
    expect(screen.getByRole("table", { name: "Total cost by family and strategy" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Open sheet/ })).toBeNull();
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
      "not feasible",
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
    expect(lines.map((l) => l.textContent)).toEqual([
      `Tools: Chase plan, ${formatMoney(8000)}, saves ${formatMoney(2000)} over Level`,
      `Garden: Level plan, ${formatMoney(5000)}, saves ${formatMoney(500)} over Chase`,
    ]);
  });

  test("the total is the sum of the recommended plans: 8,000 + 5,000", () => {
    const headline = screen.getByRole("status", { name: "" });
    expect(headline.textContent).toBe(`Total of recommended plans${formatMoney(13000)}`);
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
    expect(screen.getAllByRole("button", { name: /Go to cell/ })).toHaveLength(2);
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
    fireEvent.click(screen.getByRole("button", { name: "Insert sample template" }));
    expect(await screen.findByText("Inserted Forecast, Products, Capacity and Plan. Kept your Policy: a sheet or table of that name exists.")).toBeTruthy();
    expect(host.inserted).toEqual([sampleTemplate()]);
    // The pane reads the workbook again to show what is there now.
    await waitFor(() => expect(host.reads).toBe(2));
  });

  test("Use selection points a table at the selected range; the range is read afresh on every read", async () => {
    const host = new FakeHost([POLICY]);
    host.selection = { ...FORECAST, name: "Data", sheet: "Data", top: 3, left: 1 };
    await loaded(host);
    expect(screen.getAllByText("missing (required)")).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Use selection for Forecast" }));
    expect(await screen.findByText("selection Data!B4:F6")).toBeTruthy();
    await waitFor(() => expect(screen.queryByText("missing (required)")).toBeNull());
    expect(screen.getAllByRole("definition")[0].textContent).toBe("2");
    await runAndWait();
    expect(host.rangeReads.at(-1)).toEqual(["Data!B4:F6"]);
    expect(host.written).toHaveLength(1);

    fireEvent.click(screen.getByRole("button", { name: "Clear the selection for Forecast" }));
    expect(await screen.findByText("missing (required)")).toBeTruthy();
  });

  test("a selection that cannot be read is reported, and nothing changes", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    await loaded(host);
    fireEvent.click(screen.getByRole("button", { name: "Use selection for Products" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Could not read the selection: nothing is selected");
    expect(screen.getAllByRole("button", { name: /^Use selection for/ })).toHaveLength(5);
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
    await screen.findByText("selection Data!B4:F6");
    // Saved once the choices settle, in one save.
    await waitFor(() => expect(host.paneState).not.toBeNull());
    expect(host.paneStateWrites).toBe(1);
    expect(host.paneState).toEqual({
      version: 1,
      approach: "bottom-up",
      strategies: ["level", "chase", "manual"],
      utilizationThresholdPercent: 55,
      selections: { forecast: "Data!B4:F6" },
    });
    first.unmount();

    // The workbook opened again: the pane reads the saved choices before the workbook itself.
    host.rangeReads = [];
    await loaded(host);
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
    const state = { settings: { approach: "bottom-up" as const, strategies: ["optimal" as const], utilizationThresholdPercent: 42.5 }, selections: { policy: "'My data'!A1:C9" } };
    expect(restoredState(JSON.parse(JSON.stringify(savedForm(state))))).toEqual(state);
  });
});

describe("the Policy view edits the Policy table in the workbook", () => {
  const POLICY_WITH_FAMILIES = sheet("Policy", [
    ["Parameter", "Value", "Tools", "Garden"],
    ["Units per worker per period", 50, null, null],
    ["Holding cost per unit", 1, 2, null],
    ["Integer workers", "No", null, null],
  ]);
  const summaryWith = (policy: RawTable): WorkbookSummary => ({ ...KNOWN_SUMMARY, policy });

  test("an edit is written to its cell when the box is left, as a number", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    await loaded(host, stubPlanner(knownRun(), summaryWith(POLICY_WITH_FAMILIES)).planner);
    fireEvent.click(screen.getByRole("button", { name: /^Policy \(3 parameters\)/ }));
    const box = screen.getByRole("textbox", { name: "Holding cost per unit, Value" });
    expect((box as HTMLInputElement).value).toBe("1");
    fireEvent.change(box, { target: { value: "1,250.5" } });
    fireEvent.blur(box);
    await waitFor(() => expect(host.cellWrites).toEqual([["Policy!B3", [[1250.5]]]]));
    await waitFor(() => expect(host.reads).toBe(2));
  });

  test("a family's column is chosen from a list; an unchanged box writes nothing", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    await loaded(host, stubPlanner(knownRun(), summaryWith(POLICY_WITH_FAMILIES)).planner);
    fireEvent.click(screen.getByRole("button", { name: /^Policy/ }));
    fireEvent.change(screen.getByRole("combobox", { name: "Column" }), { target: { value: "1" } });
    const tools = screen.getByRole("textbox", { name: "Holding cost per unit, Tools" });
    fireEvent.blur(tools);
    expect(host.cellWrites).toEqual([]);
    fireEvent.change(tools, { target: { value: "3" } });
    fireEvent.keyDown(tools, { key: "Enter" });
    await waitFor(() => expect(host.cellWrites).toEqual([["Policy!C3", [[3]]]]));
  });

  test("the Whole workers switch reads and writes the Integer workers cell", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    await loaded(host, stubPlanner(knownRun(), summaryWith(POLICY_WITH_FAMILIES)).planner);
    const toggle = screen.getByRole("switch", { name: "Whole workers" });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    fireEvent.click(toggle);
    await waitFor(() => expect(host.cellWrites).toEqual([["Policy!B4", [["Yes"]]]]));
  });

  test("without an Integer workers row, the switch adds the row under the table", async () => {
    const host = new FakeHost(SMALL_TEMPLATE);
    await loaded(host, stubPlanner(knownRun(), summaryWith(POLICY)).planner);
    fireEvent.click(screen.getByRole("switch", { name: "Whole workers" }));
    await waitFor(() => expect(host.cellWrites).toEqual([["Policy!A7", [["Integer workers", "Yes"]]]]));
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

describe("results show the top risks", () => {
  test("the first five, most serious first, and how many more the Risks sheet has", async () => {
    const risks = Array.from({ length: 7 }, (_, i) => ({
      kind: i === 0 ? ("overload" as const) : ("underutilization" as const),
      severity: i === 0 ? ("error" as const) : ("info" as const),
      message: `Risk number ${i + 1}`,
    }));
    await loaded(new FakeHost(SMALL_TEMPLATE), stubPlanner(knownRun({ risks })).planner);
    await runAndWait();
    const section = screen.getByRole("region", { name: "Top risks" });
    expect(within(section).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "OverloadRisk number 1",
      "Under-utilisationRisk number 2",
      "Under-utilisationRisk number 3",
      "Under-utilisationRisk number 4",
      "Under-utilisationRisk number 5",
    ]);
    expect(within(section).getByText("2 more on the Risks sheet.")).toBeTruthy();
  });
});

describe("the pane against the in-memory workbook host", () => {
  test("insert the sample, run with the real planner, open a sheet, go to an error's cell", async () => {
    const host = new MemoryWorkbookHost({ sheets: [{ name: "Sheet1", cells: [] }] });
    renderPane(host);
    fireEvent.click(await screen.findByRole("button", { name: "Insert sample template" }));
    await screen.findByText(/^Inserted Forecast, Products, Capacity, Policy and Plan\./);
    await runAndWait();
    expect(screen.getByRole("table", { name: "Total cost by family and strategy" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Open sheet SOP Summary" }));
    await waitFor(() => expect(host.activeSheet).toBe("SOP Summary"));
    // The sample's sheets are the user's: a second run replaces only its own output.
    await runAndWait();
    expect(host.sheets.filter((s) => !s.isPlannerOutput).map((s) => s.name)).toEqual(["Sheet1", "Forecast", "Products", "Capacity", "Policy", "Plan"]);

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

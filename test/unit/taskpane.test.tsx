/** @jest-environment jsdom */
// The task pane with a fake workbook host: what it finds on load, a run's stages, results, messages and sheets.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { COST_KINDS, type CostBreakdown, type FamilyResult, type PlanResult, type StrategyName } from "../../src/engine";
import { App } from "../../src/taskpane/App";
import { formatMoney } from "../../src/taskpane/format";
import { inspectWorkbook, type TaskpanePlanner, type WorkbookSummary } from "../../src/taskpane/planner";
import { isDarkOfficeTheme } from "../../src/taskpane/theme";
import type { WorkbookHost } from "../../src/workbook/host";
import type { PlannerOptions, PlannerRun } from "../../src/workbook/pipeline";
import type { RawCell, RawTable } from "../../src/workbook/raw";
import type { WorkbookSpec } from "../../src/workbook/sheet";

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
  /** When set, the next read or write waits for the gate. */
  readGate: Gate | null = null;
  writeGate: Gate | null = null;
  readFailure: Error | null = null;

  constructor(public blocks: RawTable[]) {}

  async readBlocks(): Promise<RawTable[]> {
    this.reads++;
    if (this.readGate) await this.readGate.opened;
    if (this.readFailure) throw this.readFailure;
    return this.blocks;
  }
  async writeSheets(spec: WorkbookSpec): Promise<void> {
    if (this.writeGate) await this.writeGate.opened;
    this.written.push(spec);
  }
  async selectCell(address: string): Promise<void> {
    this.selected.push(address);
  }
  async showSheet(name: string): Promise<void> {
    this.shown.push(name);
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
    { name: "forecast", title: "Forecast", required: true, source: 'sheet "Forecast" at Forecast!A1' },
    { name: "policy", title: "Policy", required: true, source: 'sheet "Policy" at Policy!A1' },
  ],
  families: ["Tools", "Garden"],
  periods: ["P1", "P2", "P3"],
  messages: [],
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
    ...overrides,
  };
}

/** A planner that returns fixed results and records the strategies it was asked for. */
function stubPlanner(run: PlannerRun = knownRun(), summary: WorkbookSummary = KNOWN_SUMMARY) {
  const calls: PlannerOptions[] = [];
  const planner: TaskpanePlanner = {
    inspect: () => summary,
    run: (_blocks, options) => {
      calls.push(options);
      return run;
    },
  };
  return { planner, calls };
}

function renderPane(host: WorkbookHost, planner?: TaskpanePlanner) {
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
  await waitFor(() => expect(isDisabled(runButton())).toBe(false));
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
    expect(within(tables).getByText('sheet "Forecast" at Forecast!A1')).toBeTruthy();
    expect(within(tables).getByText('sheet "Policy" at Policy!A1')).toBeTruthy();
    expect(within(tables).getAllByText("not found (optional)")).toHaveLength(3); // Products, Capacity, Plan
    expect(screen.getByText("2 families: Tools, Garden")).toBeTruthy();
    expect(screen.getByText("3 periods: P1 – P3")).toBeTruthy();
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
  test("all three are chosen at first", async () => {
    const { planner, calls } = stubPlanner();
    await loaded(new FakeHost(SMALL_TEMPLATE), planner);
    await runAndWait();
    expect(calls.map((c) => c.strategies)).toEqual([["level", "chase", "manual"]]);
    expect(calls[0].plannedAt).toBeInstanceOf(Date);
  });

  test("unchecking chase plans level and manual only", async () => {
    const { planner, calls } = stubPlanner();
    await loaded(new FakeHost(SMALL_TEMPLATE), planner);
    fireEvent.click(screen.getByRole("checkbox", { name: "Chase" }));
    await runAndWait();
    expect(calls.map((c) => c.strategies)).toEqual([["level", "manual"]]);
  });

  test("with no strategy the Run button is disabled and the pane says why", async () => {
    await loaded(new FakeHost(SMALL_TEMPLATE), stubPlanner().planner);
    for (const name of ["Level", "Chase", "Manual"]) fireEvent.click(screen.getByRole("checkbox", { name }));
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
    expect(screen.getByText(`Total of recommended plans: ${formatMoney(13000)}`)).toBeTruthy();
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
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Family", "Level", "Chase"]);
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

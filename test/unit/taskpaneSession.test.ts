// The task pane's session without React: each run goes through its state machine, a run that does not complete puts
// the Policy back, the choices are saved with the workbook, and the status line's words follow the numbers they report.
import { existsSync, readFileSync } from "fs";
import path from "path";
import type { PlanMessage } from "../../src/engine/model";
import { inspectWorkbook, RunCancelled, type TaskpanePlanner } from "../../src/taskpane/planner";
import { inProcessPlanner } from "../../src/taskpane/run/inProcess";
import { toRunProgress, type PlanRequest } from "../../src/taskpane/run/protocol";
import { PlannerSession } from "../../src/taskpane/session/plannerSession";
import { IllegalRunTransition, isCancellable, isRunning, nextPhase, RUN_TRANSITIONS, type RunPhase } from "../../src/taskpane/session/runPhase";
import { actionLabel, inputErrors, planReady, readyToPlan, withPolicyRollback } from "../../src/taskpane/session/statusText";
import { DEFAULT_SETTINGS, savedForm } from "../../src/taskpane/settings";
import { MemoryWorkbookHost } from "../../src/workbook/memoryHost";
import type { PlannerRun } from "../../src/workbook/pipeline";
import type { RawCell } from "../../src/workbook/raw";
import type { CellValue, WorkbookSpec } from "../../src/workbook/sheet";
import { Gate } from "../support/gate";

// ---- A workbook a reader can check: two families over three periods; Holding cost per unit is Policy!B6 ----

const sheetOf = (name: string, rows: CellValue[][]) => ({ name, cells: rows.map((row) => row.map((value) => ({ value }))) });

function smallWorkbook(demandOfToolsInP2: CellValue = 200): WorkbookSpec {
  return {
    sheets: [
      sheetOf("Forecast", [
        ["Family", "Product", "P1", "P2", "P3"],
        ["Tools", null, 100, demandOfToolsInP2, 150],
        ["Garden", null, 60, 90, 120],
      ]),
      sheetOf("Policy", [
        ["Parameter", "Value"],
        ["Units per worker per period", 50],
        ["Regular cost per unit", 10],
        ["Hiring cost per worker", 100],
        ["Layoff cost per worker", 100],
        ["Holding cost per unit", 1],
      ]),
    ],
  };
}

const REQUEST: Omit<PlanRequest, "plannedAt"> = { strategies: ["level", "chase"], utilizationThreshold: 0.7 };
const HOLDING_TO_2_5 = { address: "Policy!B6", values: [2.5], was: 1 as RawCell };
const LAYOFF_TO_150 = { address: "Policy!B5", values: [150], was: 100 as RawCell };

/** The in-memory workbook, with gates that hold a read or a write until the test opens them, and cells that refuse a write. */
class GatedHost extends MemoryWorkbookHost {
  readGate: Gate | null = null;
  writeGate: Gate | null = null;
  readonly locked = new Set<string>();

  override async readBlocks() {
    if (this.readGate) await this.readGate.opened;
    return super.readBlocks();
  }
  override async writeSheets(spec: WorkbookSpec) {
    if (this.writeGate) await this.writeGate.opened;
    return super.writeSheets(spec);
  }
  override async writeValues(address: string, values: CellValue[][]) {
    if (this.locked.has(address)) throw new Error("the cell is locked");
    return super.writeValues(address, values);
  }
  /** The planner's sheets in the workbook now. */
  plannerSheets(): string[] {
    return this.sheets.filter((s) => s.isPlannerOutput).map((s) => s.name);
  }
}

/** The real planner (level and chase, no solver), holding each run at `gate` until the test opens it; Cancel stops it there. */
function gatedPlanner(gate: Gate): TaskpanePlanner & { runs: number } {
  const real = inProcessPlanner();
  const planner = {
    runs: 0,
    inspect: real.inspect,
    run: async (...args: Parameters<TaskpanePlanner["run"]>) => {
      planner.runs++;
      const hooks = args[2];
      await new Promise<void>((resolve, reject) => {
        void gate.opened.then(resolve);
        hooks.signal.addEventListener("abort", () => reject(new RunCancelled()));
      });
      return real.run(...args);
    },
  };
  return planner;
}

/** The phases the session goes through from now on, each once as it is entered. */
function phasesOf(session: PlannerSession): RunPhase[] {
  const seen: RunPhase[] = [session.getState().phase];
  session.subscribe(() => {
    const phase = session.getState().phase;
    if (phase !== seen[seen.length - 1]) seen.push(phase);
  });
  return seen;
}

/** Resolves once the session is in `phase`. */
function reaches(session: PlannerSession, phase: RunPhase): Promise<void> {
  return new Promise((resolve) => {
    if (session.getState().phase === phase) return resolve();
    const stop = session.subscribe(() => {
      if (session.getState().phase !== phase) return;
      stop();
      resolve();
    });
  });
}

async function openSession(host: MemoryWorkbookHost, planner: TaskpanePlanner = inProcessPlanner()) {
  const session = new PlannerSession(host, planner, { saveDelayMs: 20 });
  await session.open();
  return session;
}

/** A planned run as a planner hands it back: two sheets to write, and the messages given. */
function runWith(messages: PlanMessage[]): PlannerRun {
  return {
    tables: {},
    input: null,
    results: [],
    messages,
    resources: [],
    risks: [],
    sheets: { sheets: [{ name: "SOP Summary", cells: [] }, { name: "Plan Tools", cells: [] }] },
    versions: [],
    baseline: null,
    variance: null,
    scenarios: [],
  };
}

const capacityError = (family: string): PlanMessage => ({ severity: "error", message: `${family}: the recommended plans overload Assembly in Apr 2027 (4,579.4 of 4,200)` });

// ---- The state machine ----

describe("the run's state machine: idle, reading, planning, writing, rolling back, done, failed", () => {
  const PHASES = Object.keys(RUN_TRANSITIONS) as RunPhase[];

  test("each phase goes only where the table allows; a run ends in done or failed, and the next starts reading", () => {
    expect(PHASES).toEqual(["idle", "reading", "planning", "writing", "rollingBack", "done", "failed"]);
    const allowed = PHASES.flatMap((from) => PHASES.filter((to) => RUN_TRANSITIONS[from].includes(to)).map((to) => `${from} → ${to}`));
    expect(allowed).toEqual([
      "idle → reading",
      "reading → planning",
      "reading → rollingBack",
      "reading → failed",
      "planning → writing",
      "planning → rollingBack",
      "planning → failed",
      "writing → rollingBack",
      "writing → done",
      "writing → failed",
      "rollingBack → failed",
      "done → reading",
      "failed → reading",
    ]);
    for (const from of PHASES) {
      for (const to of PHASES) {
        if (RUN_TRANSITIONS[from].includes(to)) expect(nextPhase(from, to)).toBe(to);
        else expect(() => nextPhase(from, to)).toThrow(IllegalRunTransition);
      }
    }
    expect(() => nextPhase("rollingBack", "done")).toThrow("A run cannot go from rollingBack to done.");
  });

  test("a run is going from reading until it is done or failed; Cancel works only before Excel writes", () => {
    expect(PHASES.filter(isRunning)).toEqual(["reading", "planning", "writing", "rollingBack"]);
    expect(PHASES.filter(isCancellable)).toEqual(["reading", "planning"]);
  });
});

// ---- Runs through the session ----

describe("a run through the session, without rendering the pane", () => {
  test("a run that completes: reading → planning → writing → done, each while it lasts", async () => {
    const host = new GatedHost(smallWorkbook());
    const planGate = new Gate();
    const session = await openSession(host, gatedPlanner(planGate));
    const seen = phasesOf(session);
    expect(session.getState().summary?.families).toEqual(["Tools", "Garden"]);

    host.readGate = new Gate();
    host.writeGate = new Gate();
    const running = session.run(REQUEST);
    expect(session.getState()).toMatchObject({ phase: "reading", progress: { stage: "reading" }, sheetsWritten: false });
    host.readGate.open();
    await reaches(session, "planning");
    expect(session.getState().progress?.stage).toBe("planning");
    planGate.open();
    await reaches(session, "writing");
    // Excel writes the sheets all or nothing: Cancel does nothing now.
    session.cancel();
    expect(session.getState().cancelling).toBe(false);
    expect(host.plannerSheets()).toEqual([]);
    host.writeGate.open();
    await running;

    expect(seen).toEqual(["idle", "reading", "planning", "writing", "done"]);
    const written = host.plannerSheets();
    expect(written.length).toBeGreaterThan(2);
    expect(session.getState()).toMatchObject({
      progress: null,
      sheetsWritten: true,
      status: { tone: "success", text: `Plan ready: ${written.length} sheets written.`, actions: [{ kind: "sheet", name: written[0] }] },
    });
    expect(session.getState().run?.results.map((r) => r.family)).toEqual(["Tools", "Garden"]);
  });

  test("errors in the input: reading → planning → failed, nothing written, the first error's cell offered", async () => {
    const host = new GatedHost(smallWorkbook("lots"));
    const session = await openSession(host);
    const seen = phasesOf(session);
    await session.run(REQUEST);
    expect(seen).toEqual(["idle", "reading", "planning", "failed"]);
    expect(host.plannerSheets()).toEqual([]);
    expect(host.calls.filter((call) => call.startsWith("writeSheets"))).toEqual([]);
    expect(session.getState().status).toMatchObject({
      tone: "error",
      text: "Can't run: 1 error, the first at Forecast!D2.",
      actions: [{ kind: "cell", address: "Forecast!D2" }],
    });
  });

  test("a failure after Policy edits were written rolls back: … → writing → rolling back → failed, the cell as it was and the edit held again", async () => {
    // A sheet of the user's own under a name the planner writes: Excel refuses the plan sheets.
    const spec = smallWorkbook();
    spec.sheets.push(sheetOf("SOP Summary", [["my own notes"]]));
    const host = new GatedHost(spec);
    const session = await openSession(host);
    session.editPolicy(HOLDING_TO_2_5);
    expect(session.getState().policyEdits).toEqual([HOLDING_TO_2_5]);
    const seen = phasesOf(session);

    await session.run(REQUEST);
    expect(seen).toEqual(["idle", "reading", "planning", "writing", "rollingBack", "failed"]);
    expect(host.calls.filter((call) => /^(writeValues|restoreCells)/.test(call))).toEqual(["writeValues Policy!B6", "restoreCells Policy!B6"]);
    expect(host.value("Policy!B6")).toBe(1);
    expect(session.getState().policyEdits).toEqual([HOLDING_TO_2_5]);
    expect(session.getState().status?.tone).toBe("error");
    expect(session.getState().status?.text).toMatch(
      /^Could not write the plan sheets: Sheet 'SOP Summary' exists and was not created by the planner.* The Policy was left as it was: 1 edit still held\.$/,
    );
    // The plans are shown, though not written.
    expect(session.getState()).toMatchObject({ sheetsWritten: false, progress: null });
    expect(session.getState().run).not.toBeNull();

    // The user moves their sheet out of the way; the next run completes and keeps the edit written.
    host.sheets.splice(host.sheets.findIndex((s) => s.name === "SOP Summary"), 1);
    await session.run(REQUEST);
    expect(seen.slice(6)).toEqual(["reading", "planning", "writing", "done"]);
    expect(host.value("Policy!B6")).toBe(2.5);
    expect(session.getState().policyEdits).toEqual([]);
  });

  test("a run without Policy edits that fails has nothing to roll back: writing → failed", async () => {
    const spec = smallWorkbook();
    spec.sheets.push(sheetOf("SOP Summary", [["my own notes"]]));
    const session = await openSession(new GatedHost(spec));
    const seen = phasesOf(session);
    await session.run(REQUEST);
    expect(seen).toEqual(["idle", "reading", "planning", "writing", "failed"]);
    // The failure as Excel said it, with nothing about the Policy: no cell of it was written.
    expect(session.getState().status?.text).toBe(
      "Could not write the plan sheets: Sheet 'SOP Summary' exists and was not created by the planner: rename or delete it, then run again.",
    );
  });

  test("Cancel while planning: cancelling until the planner stops, then rolling back → failed, the Policy as it was", async () => {
    const host = new GatedHost(smallWorkbook());
    const stopped = new Gate();
    const planner: TaskpanePlanner = {
      inspect: inspectWorkbook,
      run: (_blocks, _request, hooks) =>
        new Promise((_resolve, reject) => {
          hooks.onProgress(toRunProgress("optimal", 1, 2));
          hooks.signal.addEventListener("abort", () => void stopped.opened.then(() => reject(new RunCancelled())));
        }),
    };
    const session = await openSession(host, planner);
    session.editPolicy(HOLDING_TO_2_5);
    const seen = phasesOf(session);
    const running = session.run(REQUEST);
    await reaches(session, "planning");
    expect(session.getState().progress).toMatchObject({ stage: "solving", detail: "1 of 2 families" });
    expect(host.value("Policy!B6")).toBe(2.5);
    session.cancel();
    expect(session.getState()).toMatchObject({ phase: "planning", cancelling: true });
    stopped.open();
    await running;
    expect(seen).toEqual(["idle", "reading", "planning", "rollingBack", "failed"]);
    expect(session.getState()).toMatchObject({
      cancelling: false,
      progress: null,
      status: { tone: "info", text: "Run cancelled. Nothing was written. The Policy was left as it was: 1 edit still held.", actions: [] },
    });
    expect(host.value("Policy!B6")).toBe(1);
    expect(session.getState().policyEdits).toEqual([HOLDING_TO_2_5]);
  });

  test("Cancel while reading stops the run before it plans: reading → failed", async () => {
    const host = new GatedHost(smallWorkbook());
    const planner = gatedPlanner(new Gate());
    const session = await openSession(host, planner);
    const seen = phasesOf(session);
    host.readGate = new Gate();
    const running = session.run(REQUEST);
    session.cancel();
    host.readGate.open();
    await running;
    expect(seen).toEqual(["idle", "reading", "failed"]);
    expect(planner.runs).toBe(0);
    expect(session.getState().status?.text).toBe("Run cancelled. Nothing was written.");
  });

  test("a Policy cell the workbook refuses stops the run while reading; the edit written before it is put back, and both are held", async () => {
    const host = new GatedHost(smallWorkbook());
    host.locked.add("Policy!B5");
    const planner = gatedPlanner(new Gate());
    const session = await openSession(host, planner);
    session.editPolicy(HOLDING_TO_2_5);
    session.editPolicy(LAYOFF_TO_150);
    const seen = phasesOf(session);
    await session.run(REQUEST);
    expect(seen).toEqual(["idle", "reading", "rollingBack", "failed"]);
    expect(planner.runs).toBe(0);
    expect(host.value("Policy!B6")).toBe(1);
    expect(session.getState().policyEdits.map((e) => e.address)).toEqual(["Policy!B6", "Policy!B5"]);
    expect(session.getState().status).toMatchObject({
      tone: "error",
      text: "Could not change Policy!B5: the cell is locked. The Policy was left as it was: 2 edits still held.",
      actions: [{ kind: "cell", address: "Policy!B5" }],
    });
  });

  test("when the cells cannot be put back (the Policy sheet deleted meanwhile) the status says which and why", async () => {
    const host = new GatedHost(smallWorkbook());
    const planner: TaskpanePlanner = {
      inspect: inspectWorkbook,
      run: async () => {
        host.sheets.splice(host.sheets.findIndex((s) => s.name === "Policy"), 1);
        throw new Error("the solver ran out of memory");
      },
    };
    const session = await openSession(host, planner);
    session.editPolicy(HOLDING_TO_2_5);
    await session.run(REQUEST);
    expect(session.getState()).toMatchObject({
      phase: "failed",
      status: {
        tone: "error",
        text: "Planning failed: the solver ran out of memory. Could not put back what Policy!B6 held before the run: The sheet 'Policy' is gone. 1 edit still held.",
      },
    });
    // Read again after the rollback: the workbook has no Policy now.
    expect(session.getState().summary?.tables.find((t) => t.name === "policy")?.source).toBeNull();
  });

  test("a second run while one is going starts nothing: one read, one plan, one write", async () => {
    const host = new GatedHost(smallWorkbook());
    const planGate = new Gate();
    const planner = gatedPlanner(planGate);
    const session = await openSession(host, planner);
    const seen = phasesOf(session);
    host.readGate = new Gate();
    host.calls.length = 0;
    const first = session.run(REQUEST);
    await session.run({ ...REQUEST, strategies: ["chase"] });
    expect(session.getState().phase).toBe("reading");
    host.readGate.open();
    await reaches(session, "planning");
    await session.run(REQUEST);
    planGate.open();
    await first;
    expect(seen).toEqual(["idle", "reading", "planning", "writing", "done"]);
    expect(planner.runs).toBe(1);
    expect(host.calls.filter((call) => call === "readBlocks")).toHaveLength(1);
    expect(host.calls.filter((call) => call.startsWith("writeSheets"))).toHaveLength(1);
    expect(session.getState().run?.results[0].plans.map((p) => p.strategy)).toEqual(["level", "chase"]);
  });
});

// ---- The status rule: green only without an error ----

describe("the status line is green only when the run has no error", () => {
  test("a run with two errors is ready 'with 2 problems', in warning style, its first link the list of them", async () => {
    const planner: TaskpanePlanner = { inspect: inspectWorkbook, run: async () => runWith([capacityError("Tools"), capacityError("Garden")]) };
    const session = await openSession(new GatedHost(smallWorkbook()), planner);
    await session.run(REQUEST);
    expect(session.getState()).toMatchObject({ phase: "done", sheetsWritten: true });
    expect(session.getState().status).toMatchObject({
      tone: "warning",
      text: "Plan ready with 2 problems: 2 sheets written.",
      actions: [
        { kind: "problems", count: 2 },
        { kind: "sheet", name: "SOP Summary" },
      ],
    });
  });

  test("planReady: the count of error messages decides the tone and the words; warnings and notes are not problems", () => {
    const warning: PlanMessage = { severity: "warning", message: "Two tables could be the Policy table" };
    const note: PlanMessage = { severity: "info", message: "Saved version" };
    expect(planReady(runWith([warning, note]), "", [])).toEqual({ tone: "success", text: "Plan ready: 2 sheets written.", actions: [{ kind: "sheet", name: "SOP Summary" }] });
    expect(planReady(runWith([capacityError("Tools"), warning]), "", []).text).toBe("Plan ready with 1 problem: 2 sheets written.");
    expect(planReady(runWith([capacityError("Tools"), capacityError("Garden")]), "November", ["October", "September"])).toEqual({
      tone: "warning",
      text: 'Plan ready with 2 problems: 2 sheets written, saved as version "November", deleted 2 versions.',
      actions: [
        { kind: "problems", count: 2 },
        { kind: "sheet", name: "SOP Summary" },
      ],
    });
  });

  test("planReady: a family without a feasible plan is named, in warning style, with or without errors", () => {
    const withoutGarden = (messages: PlanMessage[]): PlannerRun => ({
      ...runWith(messages),
      results: [
        { family: "Tools", recommended: "chase", plans: [] },
        { family: "Garden", recommended: null, plans: [] },
      ],
    });
    expect(planReady(withoutGarden([]), "", ["October"])).toMatchObject({
      tone: "warning",
      text: 'Plan ready, 2 sheets written, deleted version "October"; no feasible plan for Garden.',
    });
    expect(planReady(withoutGarden([capacityError("Tools")]), "", [])).toMatchObject({
      tone: "warning",
      text: "Plan ready with 1 problem: 2 sheets written; no feasible plan for Garden.",
    });
  });

  test("the link to the problems says how many", () => {
    expect(actionLabel({ kind: "problems", count: 2 })).toEqual({ text: "Show the 2 problems", label: "Show the 2 problems" });
    expect(actionLabel({ kind: "problems", count: 1 }).text).toBe("Show the problem");
    expect(actionLabel({ kind: "cell", address: "Forecast!D7" })).toEqual({ text: "Go to cell", label: "Go to cell Forecast!D7 (first error)" });
  });
});

describe("the other sentences follow their numbers", () => {
  test("readyToPlan counts families, periods and held edits", () => {
    expect(readyToPlan(1, 12, 0)).toBe("Ready to plan 1 family over 12 periods.");
    expect(readyToPlan(2, 3, 2)).toBe("Ready to plan 2 families over 3 periods. 2 Policy edits go in on Run.");
    expect(readyToPlan(0, 0, 1)).toBe("Ready to plan. 1 Policy edit goes in on Run.");
  });

  test("inputErrors: the count and the first cell named; without a cell, the first error's words", () => {
    const errors: PlanMessage[] = [
      { severity: "error", message: "No Forecast table found." },
      { severity: "error", message: "Demand must be a number", cell: "Forecast!D7" },
    ];
    expect(inputErrors(errors)).toEqual({ tone: "error", text: "Can't run: 2 errors, the first at Forecast!D7.", actions: [{ kind: "cell", address: "Forecast!D7" }] });
    expect(inputErrors(errors.slice(0, 1)).text).toBe("Can't run: 1 error. No Forecast table found.");
  });

  test("withPolicyRollback: nothing written adds nothing; a failure to put back turns the outcome into an error", () => {
    const cancelled = { tone: "info" as const, text: "Run cancelled. Nothing was written.", actions: [] };
    expect(withPolicyRollback(cancelled, null)).toBe(cancelled);
    expect(withPolicyRollback(cancelled, { addresses: ["Policy!B6"], failure: null, held: 3 }).text).toBe(
      "Run cancelled. Nothing was written. The Policy was left as it was: 3 edits still held.",
    );
    expect(withPolicyRollback(cancelled, { addresses: ["Policy!B6", "Policy!C6"], failure: "The sheet 'Policy' is gone", held: 2 })).toEqual({
      tone: "error",
      text: "Run cancelled. Nothing was written. Could not put back what Policy!B6 and Policy!C6 held before the run: The sheet 'Policy' is gone. 2 edits still held.",
      actions: [],
    });
  });
});

// ---- What the session keeps with the workbook ----

describe("the session's choices are saved with the workbook", () => {
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test("open reads the saved choices before the workbook, so a picked table is read from its range", async () => {
    const host = new GatedHost(smallWorkbook());
    host.paneState = JSON.stringify(savedForm({ settings: { ...DEFAULT_SETTINGS, currency: "€" }, selections: { forecast: "Forecast!A1:E3" } }));
    const session = await openSession(host);
    expect(host.calls.slice(0, 3)).toEqual(["readPaneState", "readBlocks", "readRanges Forecast!A1:E3"]);
    expect(session.getState()).toMatchObject({ inspecting: false, selections: { forecast: "Forecast!A1:E3" }, settings: { currency: "€" } });
  });

  test("settings changed in a burst are saved once they settle; closing saves what is waiting at once", async () => {
    const host = new GatedHost(smallWorkbook());
    const session = await openSession(host);
    const saves = () => host.calls.filter((call) => call === "writePaneState").length;
    for (const percent of [5, 55, 65]) session.changeSettings({ ...session.getState().settings, utilizationThresholdPercent: percent });
    expect(saves()).toBe(0);
    await wait(60);
    expect(saves()).toBe(1);
    expect(JSON.parse(host.paneState ?? "null")).toMatchObject({ utilizationThresholdPercent: 65 });
    session.changeSettings({ ...session.getState().settings, planScenarios: false });
    session.close();
    expect(saves()).toBe(2);
    await wait(60);
    expect(saves()).toBe(2);
  });
});

// ---- Framework-free ----

test("the session imports no React, no Fluent UI and no Office adapter, however deep", () => {
  const SRC = path.resolve(__dirname, "..", "..", "src");
  const seen = new Set<string>();
  const frameworks: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
      if (!specifier.startsWith(".")) {
        if (/^(react|react-dom|@fluentui|@microsoft\/office-js)/.test(specifier)) frameworks.push(`${path.relative(SRC, file)} → ${specifier}`);
        continue;
      }
      const base = path.resolve(path.dirname(file), specifier);
      const resolved = [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find(existsSync);
      if (!resolved) throw new Error(`${file}: cannot resolve ${specifier}`);
      if (resolved.includes(`${path.sep}excel${path.sep}`)) frameworks.push(`${path.relative(SRC, file)} → ${specifier}`);
      visit(resolved);
    }
  };
  visit(path.join(SRC, "taskpane", "session", "plannerSession.ts"));
  expect([...seen].map((file) => path.relative(SRC, file))).toEqual(expect.arrayContaining([path.join("taskpane", "session", "statusText.ts")]));
  expect(frameworks).toEqual([]);
});

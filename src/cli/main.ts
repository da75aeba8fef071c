// `sop-plan`: plans a template workbook from the command line and writes a new workbook with the plan sheets.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { DEFAULT_STRATEGIES } from "../template/schema";
import {
  ALL_STRATEGIES,
  type FamilyResult,
  type PlanMessage,
  type StrategyName,
  DEFAULT_TIME_LIMIT_SECONDS,
  solveReportText,
  type LpSolver,
  APPROACHES,
  type Approach,
  consensusOverrides,
  lastForecastAccuracy,
} from "../engine";
import { layoutInputSheets } from "../workbook/layout";
import { demandBaseline, precomputedBaselines } from "../engine/forecast/index";
import { baselineRequests, planWorkbook, type PlannedWorkbook } from "../workbook/pipeline";
import type { RawTable } from "../workbook/raw";
import type { PlacedSheet } from "../workbook/sheet";
import { readFile } from "fs/promises";
import { cellsOutsidePlan, listCells, reviewerAdditions, SourcePackage, type CarryMessage, type SourceSheet } from "../xlsx/carry";
import { readWorkbookBlocks } from "../xlsx/reader";
import { writeWorkbookFile } from "../xlsx/writer";
import { jsonReport } from "./report";
import { PlanPool, planOnPool, type WorkerStart } from "./workerPool";
import { accuracyText, budgetText, demandText, messageLine, risksText, scenariosText, summaryText, varianceText } from "./summary";
import { demandSummaryLines } from "../template/demandMessages";

export const USAGE = `Usage: sop-plan <input.xlsx> [-o <output.xlsx>] [--json] [--strategies <list>]
       [--approach top-down|bottom-up] [--save-version NAME] [--compare NAME] [--time-limit SECONDS]
       [--workers N]

Plans every family of a workbook in the S&OP input template and writes a new workbook with
the plan sheets and every other sheet of the input as it is (formulas and formats kept; a
sheet named SOP … is the planner's and is written anew). The input file is never written to.

Options:
  -o, --output <file>      output workbook (default: <input>-plan.xlsx beside the input)
      --json               print the plans as JSON on standard output
      --strategies <list>  comma-separated strategies to compare (default: ${DEFAULT_STRATEGIES.join(",")})
      --approach <a>       top-down (split the family plan to products by mix) or bottom-up
                           (plan each family on the sum of its product forecasts); default
                           top-down when Forecast has family rows, else bottom-up
      --save-version <name>
                           save the recommended plans as a version of that name in the
                           SOP Versions sheet of the output (the input's versions are kept)
      --compare <name>     compare with that saved version (default: the latest saved one)
      --time-limit <s>     time budget of the optimal plans of the run, and of each scenario's
                           run, in seconds of solver time (default ${DEFAULT_TIME_LIMIT_SECONDS})
      --workers <n>        threads that plan the optimal plans' independent groups and the
                           scenarios side by side, at most the machine's cores (default: the
                           cores, here ${os.availableParallelism()}; 1 plans in one thread); the plans are the same
  -q, --quiet              print nothing but errors (and the JSON with --json)
  -h, --help               show this help
  -v, --version            show the version

Exit status: 0 planned, 1 the input has errors, 2 wrong usage or a file that cannot be read or written.`;


/** The command line compares every strategy by default; the solver loads only when `optimal` is asked for. */

/** Where the command writes: injected so tests can capture output without a child process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when standard error is a terminal: progress rewrites one line; else (a log, a pipe) each finished stage gets a line of its own. */
  stderrIsTerminal?: boolean;
}

const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTerminal: process.stderr.isTTY === true,
};

class UsageError extends Error {}

interface CliOptions {
  input: string;
  output: string;
  json: boolean;
  quiet: boolean;
  strategies: StrategyName[];
  /** undefined: top-down when Forecast has family rows, else bottom-up. */
  approach?: Approach;
  saveVersion?: string;
  compareWith?: string;
  /** The optimal plans' budget for the run, in seconds; undefined: the engine's default. */
  timeLimitSeconds?: number;
  /** Threads for the optimal plans (1: in this one); the machine's cores when not given. */
  workers: number;
}

export function parseCommandLine(argv: string[]): CliOptions | "help" | "version" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: "string", short: "o" },
        json: { type: "boolean", default: false },
        strategies: { type: "string" },
        approach: { type: "string" },
        "save-version": { type: "string" },
        compare: { type: "string" },
        "time-limit": { type: "string" },
        workers: { type: "string" },
        quiet: { type: "boolean", short: "q", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (values.version) return "version";
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? "no input workbook given" : `one input workbook expected, got ${positionals.length}`);
  }
  const input = positionals[0];
  const strategies = values.strategies === undefined ? [...DEFAULT_STRATEGIES] : parseStrategies(values.strategies);
  const output = values.output ?? defaultOutput(input);
  if (path.resolve(output) === path.resolve(input)) {
    throw new UsageError("the output file is the input file; the input is never written to: choose another -o");
  }
  const approach = values.approach === undefined ? undefined : parseApproach(values.approach);
  const saveVersion = values["save-version"];
  const compareWith = values.compare;
  if (saveVersion !== undefined && saveVersion.trim() === "") throw new UsageError("--save-version needs a name");
  if (compareWith !== undefined && compareWith.trim() === "") throw new UsageError("--compare needs the name of a saved version");
  const timeLimitSeconds = values["time-limit"] === undefined ? undefined : parseSeconds(values["time-limit"]);
  const workers = values.workers === undefined ? os.availableParallelism() : parseWorkers(values.workers);
  return {
    input,
    output,
    json: values.json,
    quiet: values.quiet,
    strategies,
    ...(approach && { approach }),
    ...(saveVersion !== undefined && { saveVersion }),
    ...(compareWith !== undefined && { compareWith }),
    ...(timeLimitSeconds !== undefined && { timeLimitSeconds }),
    workers,
  };
}

function parseWorkers(text: string): number {
  const workers = Number(text.trim());
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers needs a whole number of threads, 1 or more, not "${text}"`);
  return workers;
}

function parseSeconds(text: string): number {
  const seconds = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--time-limit needs a number of seconds above 0, not "${text}"`);
  return seconds;
}

function parseApproach(text: string): Approach {
  const approach = text.trim().toLowerCase();
  if (!APPROACHES.includes(approach as Approach)) throw new UsageError(`unknown approach "${text}": choose top-down or bottom-up`);
  return approach as Approach;
}

function parseStrategies(list: string): StrategyName[] {
  const names = list.split(",").map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0);
  if (names.length === 0) throw new UsageError("--strategies needs at least one strategy");
  for (const name of names) {
    if (!ALL_STRATEGIES.includes(name as StrategyName)) {
      throw new UsageError(`unknown strategy "${name}": choose from ${ALL_STRATEGIES.join(", ")}`);
    }
  }
  return [...new Set(names)] as StrategyName[];
}

function defaultOutput(input: string): string {
  const parsed = path.parse(input);
  return path.join(parsed.dir, `${parsed.name}-plan.xlsx`);
}

/** Runs the command; returns the exit status instead of exiting, so it can be tested in-process. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  let options: CliOptions;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed === "help") {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (parsed === "version") {
      io.stdout(`${version()}\n`);
      return 0;
    }
    options = parsed;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`sop-plan: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }

  // The solver warms up while the workbook is read: HiGHS loading here, or in each worker as it starts.
  const optimal = options.strategies.includes("optimal");
  let pool = optimal ? startPool(options.workers) : null;
  const solverLoaded: Promise<LpSolver> | null = optimal && !pool ? import("../solver/highs").then(({ loadHighsSolver }) => loadHighsSolver()) : null;
  // Not awaited until the workbook is read: a failure waits for it rather than going unhandled.
  solverLoaded?.catch(() => undefined);
  try {
    let blocks: RawTable[];
    try {
      blocks = await readWorkbookBlocks(options.input);
    } catch (error) {
      // The reader's message already names the file.
      return fail(io, options, (error as Error).message);
    }
    const solver = (await solverLoaded) ?? undefined;
    const progress = options.quiet ? undefined : progressOnStderr(io);
    const plannerOptions = {
      strategies: options.strategies,
      plannedAt: new Date(),
      solver,
      onProgress: progress?.report,
      ...(options.approach && { approach: options.approach }),
      ...(options.saveVersion !== undefined && { saveVersion: options.saveVersion }),
      ...(options.compareWith !== undefined && { compareWith: options.compareWith }),
      ...(options.timeLimitSeconds !== undefined && { timeLimitSeconds: options.timeLimitSeconds }),
      hints: { saveVersion: "--save-version NAME" },
    };
    // The statistical baselines fitted once, before the run (on the worker threads when there are any
    // or enough series to share), and answered from there: a run on the pool plans twice.
    const requests = baselineRequests(blocks, plannerOptions);
    if (!pool && requests.length >= 2) pool = startPool(options.workers, { warmSolver: false });
    const answers = pool ? await pool.baselines(requests) : requests.map((r) => demandBaseline(r.history, r.options));
    const baselines = requests.length > 0 ? { baselines: precomputedBaselines(requests, answers) } : {};
    const planned: PlannedWorkbook =
      pool && optimal
        ? await planOnPool(pool, (optimalPlans) => planWorkbook(blocks, { ...plannerOptions, ...baselines, optimalPlans }), progress?.report)
        : planWorkbook(blocks, { ...plannerOptions, ...baselines });
    progress?.finish();
    return await finishRun(io, options, planned);
  } finally {
    await pool?.close();
  }
}

/**
 * The worker threads of a run with optimal plans (none for 1 worker: the plans are then made in
 * this thread). They run the compiled worker beside this module; run from the TypeScript sources
 * (the tests, in-process) there is none and the run is planned here.
 */
function startPool(workers: number, start?: WorkerStart): PlanPool | null {
  const script = path.join(__dirname, "planWorker.js");
  // No more threads than cores: more would only share them, each with its own solver to load.
  const threads = Math.min(workers, os.availableParallelism());
  if (threads <= 1 || !fs.existsSync(script)) return null;
  return new PlanPool(threads, script, start);
}

async function finishRun(io: CliIO, options: CliOptions, planned: PlannedWorkbook): Promise<number> {
  const run = { ...planned.run, messages: [...planned.run.messages, ...solveMessages(planned.run.results)] };
  const errors = run.messages.filter((m) => m.severity === "error");
  if (options.json) io.stdout(`${JSON.stringify(jsonReport(run.results, run.messages, run.resources, { variance: run.variance, scenarios: run.scenarios, demand: run.demand, accuracy: run.accuracy, covers: run.covers, safetyStocks: run.safetyStocks, risks: run.risks, ...(run.input && run.budget && { budget: { periods: run.input.periods, lines: run.budget } }) }), null, 2)}\n`);
  for (const m of run.messages) {
    if (m.severity === "error" || (!options.quiet && !options.json)) io.stderr(`${messageLine(m)}\n`);
  }
  // Errors in the input stop the run; a plan that overloads a resource is an error said, but planned and written.
  if (!run.input) {
    io.stderr(`sop-plan: ${errors.length} error(s) in ${options.input}; nothing was written.\n`);
    return 1;
  }

  // The input's own sheets are copied from its file as they are (formulas, formats, tables); only
  // when its package cannot be taken apart are the input tables written again from their values.
  const carryMessages: CarryMessage[] = [];
  let source: SourcePackage | null = null;
  try {
    source = new SourcePackage(await readFile(options.input));
  } catch (error) {
    carryMessages.push({
      severity: "warning",
      message: `The sheets of ${options.input} could not be copied (${(error as Error).message}): the output has the input tables' values only, and none of your other sheets.`,
    });
  }
  // Each sheet is laid out, written and let go before the next: memory follows one sheet, not the workbook.
  const tables = Object.values(run.tables).filter((t): t is RawTable => t !== undefined);
  const written = new Set<string>();
  function* sheets(): Generator<PlacedSheet> {
    for (const placed of planned.layOutSheets()) {
      written.add(placed.sheet.name.toLowerCase());
      if (source) carryMessages.push(...reviewerCellMessages(source, placed.sheet));
      yield placed;
    }
    if (!source) for (const sheet of layoutInputSheets(tables)) yield { sheet };
  }
  try {
    await writeWorkbookFile(
      options.output,
      sheets(),
      source ? { source, sheets: () => carriedSheets(source as SourcePackage, written, carryMessages), report: (m) => carryMessages.push(m) } : undefined,
    );
  } catch (error) {
    return fail(io, options, `could not write ${options.output}: ${(error as Error).message}`);
  }
  // What the output could not keep of the input is said even with --json (on standard error), unless --quiet.
  if (!options.quiet) for (const m of carryMessages) io.stderr(`${messageLine(m)}\n`);
  if (!options.quiet && !options.json) {
    const demandLines = run.demand ? demandSummaryLines(lastForecastAccuracy(run.accuracy ?? [], run.versions), consensusOverrides(run.demand)) : [];
    const cycle = [demandText(run.demand), accuracyText(run.accuracy, demandLines), varianceText(run.variance), budgetText(run.budget), scenariosText(run.scenarios)].filter((part) => part !== "");
    io.stdout(`${[summaryText(run.results), ...cycle, risksText(run.risks)].join("\n\n")}\n\nWrote ${options.output}\n`);
  }
  return 0;
}

/** The planner's sheets are named `SOP …` (and the add-in's staging sheets `~SOP new …`). */
const PLANNER_SHEET = /^(?:SOP |~SOP new )/i;

/**
 * The input's sheets the output carries: every worksheet that is not the planner's (one this run
 * writes, or another `SOP …` sheet of an earlier plan). What is not carried is said.
 */
function carriedSheets(source: SourcePackage, written: ReadonlySet<string>, messages: CarryMessage[]): SourceSheet[] {
  const carried: SourceSheet[] = [];
  for (const sheet of source.sheets) {
    if (written.has(sheet.name.toLowerCase())) continue;
    if (PLANNER_SHEET.test(sheet.name)) {
      if (!sheet.name.startsWith("~")) {
        messages.push({
          severity: "info",
          message: `Sheet '${sheet.name}' is not part of this plan and was not carried over (sheets named SOP … are the planner's; rename a sheet you want to keep).`,
        });
      }
      continue;
    }
    if (!sheet.part) {
      messages.push({ severity: "warning", message: `Sheet '${sheet.name}' is a ${sheet.kind}, not a worksheet, and was not carried over.` });
      continue;
    }
    carried.push(sheet);
  }
  return carried;
}

/**
 * A reviewer's own cells on an earlier plan sheet, outside the area the planner wrote there, and
 * their comments: not carried over (the plan sheet is written whole, as the add-in rewrites it),
 * and said by address.
 */
function reviewerCellMessages(source: SourcePackage, sheet: PlacedSheet["sheet"]): CarryMessage[] {
  const cells = cellsOutsidePlan(source, sheet);
  const additions = reviewerAdditions(source, sheet.name);
  const quoted = `'${sheet.name.replace(/'/g, "''")}'`;
  const messages: CarryMessage[] = additions.map((kind) => ({
    severity: "warning",
    message: `Sheet ${quoted} had ${kind} of yours, which the planner does not write there: not carried over (the planner writes its SOP sheets whole on every run).`,
  }));
  if (cells.length === 0) return messages;
  return [
    ...messages,
    {
      severity: "warning",
      message:
        `${quoted}!${listCells(cells)}: your ${cells.length === 1 ? "entry lies" : "entries lie"} outside what the planner wrote on that sheet and ${cells.length === 1 ? "was" : "were"} not carried over; ` +
        `the planner writes its SOP sheets whole on every run, as the add-in does. Keep your own notes and formulas on a sheet of your own.`,
      cell: `${quoted}!${cells[0]}`,
    },
  ];
}

/**
 * Long solves show progress on stderr, once they have run for a second; short ones print nothing.
 * On a terminal one line is rewritten (cleared to its end, so a shorter line leaves nothing of a
 * longer one); in a log or a pipe, where a carriage return does not go back, each stage prints one
 * line when its last family is planned.
 */
export function progressOnStderr(io: CliIO, now: () => number = Date.now): { report: (stage: string, done: number, total: number) => void; finish: () => void } {
  const start = now();
  let shown = false;
  return {
    report: (stage, done, total) => {
      if (now() - start < 1000) return;
      const line = `sop-plan: ${stage} plans ${done}/${total} families`;
      if (io.stderrIsTerminal) {
        shown = true;
        io.stderr(`\r${line}\x1b[K`);
      } else if (done === total) {
        io.stderr(`${line}\n`);
      }
    },
    finish: () => {
      if (shown) io.stderr("\n");
    },
  };
}

/**
 * The optimal plans' solve reports as info messages: how close whole-worker plans are to the least
 * possible cost, once per group of families solved together (they share one report). "At most"
 * rounds up, so the figure is never below the gap it stands for.
 */
function solveMessages(results: readonly FamilyResult[]): PlanMessage[] {
  const groups = new Map<string, { families: string[]; text: string }>();
  for (const family of results) {
    const solve = family.plans.find((p) => p.strategy === "optimal")?.solve;
    if (!solve || solve.status === "infeasible" || (solve.gap === 0 && solve.status === "optimal")) continue;
    const key = `${solve.status}|${solve.gap}|${solve.bound}`;
    const group = groups.get(key) ?? { families: [], text: solveReportText(solve) };
    group.families.push(family.family);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ families, text }) => ({
    severity: "info" as const,
    message: `${families.join(", ")}, optimal ${families.length === 1 ? "plan" : "plans"}: ${text}`,
  }));
}

function fail(io: CliIO, options: CliOptions, message: string): number {
  if (options.json) {
    const messages: PlanMessage[] = [{ severity: "error", message }];
    io.stdout(`${JSON.stringify(jsonReport([], messages), null, 2)}\n`);
  }
  io.stderr(`sop-plan: ${message}\n`);
  return 2;
}

function version(): string {
  // lib/cli/main.js → ../../package.json; src/cli/main.ts (tests) → ../../package.json too.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require(path.join(__dirname, "..", "..", "package.json")) as { version: string };
  return `sop-plan ${pkg.version}`;
}

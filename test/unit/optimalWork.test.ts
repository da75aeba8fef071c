// A run's optimal work is independent (issue 23, item 3): each group of coupled families and each family alone planned in
// any order — first phases backwards, searches backwards — gives the plans planned in order, so threads may plan them side by side.
import { templateWorkbook } from "../../bench/templateWorkbook";
import { mergeOptimal, optimalRun, OptimalWorkPlanner, searchShares, type FirstPhase, type LpSolver, type OptimalPlansOf, type PlanResult } from "../../src/engine";
import { loadHighsSolver } from "../../src/solver/highs";
import { planWorkbook, type PlannerRun } from "../../src/workbook/pipeline";
import { readWorkbookBlocks } from "../../src/xlsx/reader";
import type { WorkbookSpec } from "../../src/workbook/sheet";
import { writeWorkbook } from "../../src/xlsx/writer";
import fs from "fs";
import os from "os";
import path from "path";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/** The optimal plans of each run, its items planned last to first: every first phase, then every search. */
function backwards(runs: { items: number; searched: number }[]): OptimalPlansOf {
  return (contexts, resources, options) => {
    const run = optimalRun(contexts, resources, options);
    const planners = run.work.map((work) => new OptimalWorkPlanner(work, solver));
    const firsts = new Array<FirstPhase>(planners.length);
    for (let k = planners.length - 1; k >= 0; k--) firsts[k] = planners[k].firstPhase();
    const plans = firsts.map((first) => ("plans" in first ? first.plans : []));
    const { order, seconds } = searchShares(run, firsts);
    for (const k of [...order].reverse()) plans[k] = planners[k].search(seconds);
    runs.push({ items: run.work.length, searched: order.length });
    return mergeOptimal(run, plans as PlanResult[][]);
  };
}

it("plans each group and family alone alike in any order: the base plan and the scenarios, with searches", async () => {
  // Two coupled groups of 5 and 4 families alone, whole workers, a gap of 0.1 % (so some plans are searched).
  const spec = templateWorkbook(14, {
    seed: 7,
    integerWorkers: true,
    groups: [5, 5],
    scenarios: [
      ["Upside 001", "Demand ×", "Family 001", 1.1],
      ["Downside 012", "Demand ×", "Family 012", 0.9],
    ],
  });
  const withGap = { ...spec, sheets: spec.sheets.map((sheet) => (sheet.name === "Policy" ? withGapRow(sheet, 0.1) : sheet)) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sop-optimal-work-"));
  try {
    const file = path.join(dir, "book.xlsx");
    fs.writeFileSync(file, await writeWorkbook(withGap));
    const blocks = await readWorkbookBlocks(file);
    const options = { strategies: ["optimal" as const], plannedAt: new Date(Date.UTC(2026, 11, 8)), timeLimitSeconds: 600 };
    const inOrder = planWorkbook(blocks, { ...options, solver }).run;
    const runs: { items: number; searched: number }[] = [];
    const reversed = planWorkbook(blocks, { ...options, optimalPlans: backwards(runs) }).run;
    // The base run: 2 groups and 4 families alone; each scenario plans only the group or family it touches.
    expect(runs.map((r) => r.items)).toEqual([6, 1, 1]);
    expect(runs.some((r) => r.searched > 0)).toBe(true);
    const plans = (run: PlannerRun) => JSON.stringify([run.results, run.scenarios], (key, value: unknown) => (key === "seconds" ? undefined : value));
    expect(plans(reversed)).toBe(plans(inOrder));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);

/** The Policy sheet with an `Optimality gap` row (%), for every family: its table one row longer. */
function withGapRow(sheet: WorkbookSpec["sheets"][number], percent: number): WorkbookSpec["sheets"][number] {
  const width = sheet.cells[0].length;
  const row = [{ value: "Optimality gap" }, { value: percent }, ...new Array(width - 2).fill(null)] as WorkbookSpec["sheets"][number]["cells"][number];
  const cells = [...sheet.cells, row];
  return { ...sheet, cells, tables: sheet.tables?.map((table) => ({ ...table, rows: cells.length })) };
}

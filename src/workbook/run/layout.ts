// A planned run laid out, host-neutral: its sheets one at a time, each with its place among them, checked against Excel's formula limits and ready to print.
import { fillRate, lastForecastAccuracy, consensusOverrides } from "../../engine";
import { demandSummaryLines } from "../../template/demandMessages";
import { checkFormulaLimits } from "../formulaLimits";
import { analysisSheetsOneByOne, planSheetsOneByOne, SUMMARY_SHEET_NAME, UniqueNames } from "../layout";
import { DEMAND_REVIEW_SHEET_NAME, layoutDemandReview } from "../layout/demandReview";
import { EXECUTIVE_SHEET_NAME, layoutExecutiveSummary } from "../layout/executive";
import { printSetup } from "../layout/print";
import { layoutScenariosSheet } from "../layout/scenarios";
import { layoutVarianceSheet } from "../layout/variance";
import { layoutBudgetOnlyVarianceSheet, type BudgetTotalCells } from "../layout/budget";
import type { PlacedSheet, SheetSpec } from "../sheet";
import { SCENARIOS_SHEET_NAME, VARIANCE_SHEET_NAME, VERSIONS_SHEET_NAME } from "../reviewNames";
import { layoutVersionsSheet } from "../versions";
import type { PlannedRun } from "./plan";

/**
 * The run's sheets, each made when it is asked for, with its place among them (`placeSheets`
 * gives their order): a writer that writes each before asking for the next holds one sheet at a
 * time. Every sheet leaves here checked: a formula Excel would refuse is the layout's bug, stopped
 * before any writer.
 */
export function* layOutRun(planned: PlannedRun, plannedAt?: Date): Generator<PlacedSheet> {
  for (const placed of laidOutSheets(planned, plannedAt)) {
    checkFormulaLimits(placed.sheet);
    yield { ...placed, sheet: printReady(placed.sheet) };
  }
}

function* laidOutSheets(planned: PlannedRun, plannedAt: Date | undefined): Generator<PlacedSheet> {
  const { input, analysis, savedVersions, base } = planned;
  const { results, demand: review, safetyStocks, scenarios, variance, baseline, versions, accuracy } = planned.run;
  const plan = planSheetsOneByOne(input, results, { plannedAt, reservedSheetNames: OWN_SHEET_NAMES });
  const sheetNames: string[] = [];
  const tableNames: string[] = [];
  const laidOut = (sheet: SheetSpec) => {
    sheetNames.push(sheet.name);
    for (const table of sheet.tables ?? []) tableNames.push(table.name);
  };
  for (const placed of plan.sheets) {
    laidOut(placed.sheet);
    yield placed;
  }
  if (review) {
    const taken = new UniqueNames(255, (n) => `_${n}`);
    for (const name of tableNames) taken.claim(name);
    const sheet = layoutDemandReview(review, safetyStocks ?? [], DEMAND_REVIEW_SHEET_NAME, taken.claim("SOP_Demand_review"), accuracy ?? []);
    laidOut(sheet);
    yield { sheet };
  }
  const analysisSheets = analysisSheetsOneByOne(analysis, { takenSheetNames: [...sheetNames, ...OWN_SHEET_NAMES], takenTableNames: [...tableNames] });
  for (const sheet of analysisSheets) {
    laidOut(sheet);
    yield { sheet };
  }
  if (scenarios.length > 0) {
    const taken = new UniqueNames(255, (n) => `_${n}`);
    for (const name of tableNames) taken.claim(name);
    yield { sheet: layoutScenariosSheet(scenarios, { comparison: taken.claim("SOP_Scenarios"), families: taken.claim("SOP_Scenario_families") }) };
  }
  // The plan against the Budget table: a section of SOP Variance (the sheet alone when no version is compared).
  const budgetTable = input.budget ?? [];
  const budgetLines = planned.run.budget ?? [];
  const budget = budgetLines.length > 0 ? { periods: input.periods, lines: budgetLines, budget: budgetTable, results, planCells: plan.planCells } : undefined;
  let budgetCells: BudgetTotalCells | undefined;
  if (variance && baseline) {
    const versionCells = layoutVersionsSheet(savedVersions).cells;
    // The sheet goes on as data (the pane posts it from its worker); where the budget totals sit stays here.
    const { budgetCells: cells, ...sheet } = layoutVarianceSheet({ report: variance, baseline, versionCells, planCells: plan.planCells, ...(budget && { budget }) });
    budgetCells = cells;
    yield { sheet };
  } else if (budget) {
    const laid = layoutBudgetOnlyVarianceSheet(budget, VARIANCE_SHEET_NAME);
    budgetCells = laid.cells;
    yield { sheet: laid.sheet };
  }
  // The sheet is written whenever the workbook had it, so a run never drops it.
  if (versions.length > 0 || planned.hasVersionsSheet) yield { sheet: layoutVersionsSheet(versions).sheet };
  // Last made (it links to the plan cells and names the sheets laid out), first placed.
  const executive = layoutExecutiveSummary({
    input,
    results,
    outcome: base,
    fillRate: fillRate(input, results),
    risks: analysis.risks,
    variance,
    ...(budget && budgetCells && { budget: { lines: budgetLines, cells: budgetCells } }),
    planCells: plan.planCells,
    periodTotals: plan.periodTotals(),
    ...(plannedAt && { plannedAt }),
    sheetNames: {
      summary: SUMMARY_SHEET_NAME,
      risks: sheetNames.find((name) => name.startsWith("SOP Risks")) ?? "SOP Risks",
      ...((variance || budget) && { variance: VARIANCE_SHEET_NAME }),
      ...(scenarios.length > 0 && { scenarios: SCENARIOS_SHEET_NAME }),
    },
    scenarios: scenarios.slice(1),
    resources: planned.run.resources,
    ...(review && { demand: { lines: demandSummaryLines(lastForecastAccuracy(accuracy ?? [], savedVersions), consensusOverrides(review)), sheet: DEMAND_REVIEW_SHEET_NAME } }),
  });
  yield { sheet: executive, at: 0 };
}

/** Sheets whose names stay as they are (later runs find SOP Versions by name): no family sheet takes them. */
const OWN_SHEET_NAMES = [EXECUTIVE_SHEET_NAME, VERSIONS_SHEET_NAME, VARIANCE_SHEET_NAME, SCENARIOS_SHEET_NAME, DEMAND_REVIEW_SHEET_NAME];

/**
 * Every planner sheet prints landscape and one page wide, its title (and a table header near the
 * top) on every page; the executive summary fits one page.
 */
function printReady(sheet: SheetSpec): SheetSpec {
  if (sheet.name === EXECUTIVE_SHEET_NAME) return { ...sheet, pageSetup: printSetup(sheet, { onePage: true }) };
  const headerNearTop = (sheet.tables ?? []).map((t) => t.top).filter((top) => top <= 5).sort((a, b) => a - b)[0];
  return { ...sheet, pageSetup: printSetup(sheet, { repeatRows: { first: 0, last: headerNearTop ?? 1 } }) };
}

// Lays out plans, analyses and inputs as host-neutral sheets; one module per sheet over a shared kit (./kit).
import { withProductMoney, type PlanAnalysis, type FamilyResult, type PlanningInput, type StrategyName } from "../../engine";
import { placeSheets, SHEET_NAME_MAX, type PlacedSheet, type SheetSpec, type WorkbookSpec } from "../sheet";
import { CAPACITY_SHEET_NAME, layoutCapacity } from "./capacity";
import { layoutFamilySheet, type PlanCellRow, type PlanCells, type PlanTotalsAddress } from "./familySheet";
import { FINANCE_SHEET_NAME, layoutFinance } from "./finance";
import { planSheetBaseName, tableBaseName, UniqueNames } from "./kit";
import { layoutProducts, PRODUCTS_SHEET_NAME } from "./products";
import { layoutRisks, RISKS_SHEET_NAME } from "./risks";
import { layoutSummary, SUMMARY_SHEET_NAME, type LayoutOptions, type PeriodTotalCells } from "./summary";

export { FORMAT, planSheetBaseName, SheetGrid, tableBaseName, UniqueNames } from "./kit";
export { layoutInputSheets } from "./inputCopies";
export { SUMMARY_SHEET_NAME, type LayoutOptions, type PeriodTotalCells } from "./summary";
export type { PlanCellRow, PlanCells } from "./familySheet";
export { CAPACITY_SHEET_NAME, FINANCE_SHEET_NAME, PRODUCTS_SHEET_NAME, RISKS_SHEET_NAME };

/** The plan sheets laid out one at a time (see `planSheetsOneByOne`). */
export interface PlanSheetsOneByOne {
  /** Each family sheet in input order, then `SOP Summary`, placed first. Iterate once. */
  sheets: Generator<PlacedSheet>;
  /** Where each plan row was laid out: complete once `sheets` has run to its end. */
  planCells: PlanCells;
  /** Where the Summary totals the recommended plans by period: set once `sheets` has run to its end (none without plans or periods). */
  periodTotals(): PeriodTotalCells | undefined;
}

/**
 * The plan sheets as `layoutPlanSheets` gives them, made one at a time as they are asked for:
 * a writer that writes each before asking for the next holds one family's sheet, not them all.
 */
export function planSheetsOneByOne(input: PlanningInput, results: FamilyResult[], options: LayoutOptions = {}): PlanSheetsOneByOne {
  const rowsOf = new Map<string, { sheet: string; rows: Map<StrategyName, Record<PlanCellRow, number>> }>();
  let periodTotals: PeriodTotalCells | undefined;
  function* sheets(): Generator<PlacedSheet> {
    const sheetNames = new UniqueNames(SHEET_NAME_MAX, (n) => ` (${n})`);
    const tableNames = new UniqueNames(255, (n) => `_${n}`);
    sheetNames.claim(SUMMARY_SHEET_NAME);
    for (const name of options.reservedSheetNames ?? []) sheetNames.claim(name);
    const summaryTableName = tableNames.claim("SOP_Summary");
    const resultOf = new Map<string, FamilyResult>();
    for (const result of results) if (!resultOf.has(result.family)) resultOf.set(result.family, result);
    const laidOut: { result: FamilyResult; totals: PlanTotalsAddress[] }[] = [];
    // The prices and material costs the plans were costed with (planAll prices a family by its products).
    for (const family of withProductMoney(input).families) {
      const result = resultOf.get(family.family);
      if (!result) continue;
      const sheetName = sheetNames.claim(planSheetBaseName(family.family));
      const { sheet, totals, planRows } = layoutFamilySheet(family, result, input, sheetName, tableNames);
      laidOut.push({ result, totals });
      rowsOf.set(family.family, { sheet: sheetName, rows: planRows });
      yield { sheet };
    }
    const { periodTotals: totals, ...summary } = layoutSummary(laidOut, summaryTableName, options, { periods: input.periods, planCells });
    periodTotals = totals;
    yield { sheet: summary, at: 0 };
  }
  const planCells: PlanCells = {
    location: (family, strategy, row, t) => {
      const at = rowsOf.get(family);
      const r = at?.rows.get(strategy)?.[row];
      if (!at || r === undefined || t < 0 || t >= input.periods.length) return undefined;
      return { sheet: at.sheet, row: r, column: t + 1 };
    },
  };
  return { sheets: sheets(), planCells, periodTotals: () => periodTotals };
}

/**
 * The plan sheets: `SOP Summary` first, then one `SOP <family>` sheet per family in input order.
 * Every computed number is a live formula whose cached value is the engine's, so a spreadsheet
 * that recalculates the file checks the engine.
 */
export function layoutPlanSheets(
  input: PlanningInput,
  results: FamilyResult[],
  options: LayoutOptions = {},
): WorkbookSpec & { planCells: PlanCells } {
  const { sheets, planCells } = planSheetsOneByOne(input, results, options);
  return { sheets: placeSheets(sheets), planCells };
}

export interface AnalysisLayoutOptions {
  /** Sheet and table names already used by the plan sheets (compared without regard to case). */
  takenSheetNames?: readonly string[];
  takenTableNames?: readonly string[];
}

/**
 * The analysis sheets: Capacity when Capacity lists resources, Products when families have
 * products, Finance when a family has a feasible plan, and Risks always. Numbers a reviewer edits
 * (available capacity) are blue constants; the rest of the arithmetic is live formulas whose
 * cached values are the engine's.
 */
export function layoutAnalysisSheets(analysis: PlanAnalysis, options: AnalysisLayoutOptions = {}): SheetSpec[] {
  return [...analysisSheetsOneByOne(analysis, options)];
}

/** The analysis sheets of `layoutAnalysisSheets`, each made when it is asked for. */
export function* analysisSheetsOneByOne(analysis: PlanAnalysis, options: AnalysisLayoutOptions = {}): Generator<SheetSpec> {
  const sheetNames = new UniqueNames(SHEET_NAME_MAX, (n) => ` (${n})`);
  const tableNames = new UniqueNames(255, (n) => `_${n}`);
  for (const name of options.takenSheetNames ?? []) sheetNames.claim(name);
  for (const name of options.takenTableNames ?? []) tableNames.claim(name);
  if (analysis.capacity.length > 0) yield layoutCapacity(analysis, sheetNames.claim(CAPACITY_SHEET_NAME));
  if (analysis.aggregation.products.length > 0) yield layoutProducts(analysis, sheetNames.claim(PRODUCTS_SHEET_NAME));
  if (analysis.finance.families.length > 0) yield layoutFinance(analysis, sheetNames.claim(FINANCE_SHEET_NAME));
  yield layoutRisks(analysis.risks, sheetNames.claim(RISKS_SHEET_NAME), tableNames.claim(tableBaseName("SOP", "Risks")));
}

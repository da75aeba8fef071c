// Lays out SOP Executive summary: the one page a review opens with (KPIs, the decision per family and why, top risks, the change since the version, a chart).
import {
  type FamilyResult,
  type PlanningInput,
  type ResourceRequirement,
  type RiskFlag,
  STRATEGY_LABELS,
  recommendation,
  recommendationReason,
  unmetDemandText,
  type ScenarioOutcome,
  bridgeStory,
  totalBridgeLabel,
  type VarianceReport,
  amountText,
  BUDGET_MEASURE_LABEL,
  BUDGET_MEASURES,
  budgetSentence,
  type BudgetComparisonLine,
} from "../../engine";
import { cellAddress, cellReference, sumOfCells, type CellSpec, type ChartSpec, type SheetSpec } from "../sheet";
import type { PlanCellRow, PlanCells } from "./familySheet";
import { VOLUME_LABEL, VOLUME_LINES, WORKFORCE_LINES, type PeriodTotalCells, type VolumeLine } from "./summary";
import { FORMAT, PERCENT, SheetGrid, text } from "./kit";
import { BUDGET_SECTION_TITLE, type BudgetTotalCells } from "./budget";

export const EXECUTIVE_SHEET_NAME = "SOP Executive summary";

/** So the page stays readable: more families or risks than this are counted, not listed. */
const MAX_FAMILIES = 12;
const MAX_RISKS = 5;
const CHART_ROWS = 15;

export interface ExecutiveSummaryInput {
  input: PlanningInput;
  results: readonly FamilyResult[];
  /** The base plan's totals (`scenarioOutcome` of the run): money, peak backlog and utilisation. */
  outcome: ScenarioOutcome;
  fillRate: number | null;
  risks: readonly RiskFlag[];
  variance: VarianceReport | null;
  /** With a Budget table: the engine's comparison and where SOP Variance's SOP Budget section totals it. */
  budget?: { lines: readonly BudgetComparisonLine[]; cells: BudgetTotalCells };
  planCells: PlanCells;
  /** The Summary's totals of the recommended plans by period; absent when there are none to total. */
  periodTotals: PeriodTotalCells | undefined;
  plannedAt?: Date;
  /** The other sheets' names, so the page can say where the detail is. */
  sheetNames: { summary: string; risks: string; variance?: string; scenarios?: string };
  /** The scenarios (after the base plan), shown in one line each when there are any. */
  scenarios: readonly ScenarioOutcome[];
  /** The resources with what one more unit of capacity would save (`marginalValue`, with an optimal plan): the capacity worth buying. */
  resources?: readonly ResourceRequirement[];
  /** With Actuals: the demand lines (last month's forecast accuracy and bias, the largest consensus override); absent: none. */
  demand?: { lines: readonly string[]; sheet: string };
}

const money = (f: string, cached: number, style?: CellSpec["style"]): CellSpec => ({ formula: f, cached, format: FORMAT.units, ...(style && { style }) });
/** The page's one way of writing money and units in words: whole numbers, as its cells show them. */
const whole = (n: number) => amountText(n, 0);
const signed = (n: number) => `${n >= 0 ? "+" : "−"}${whole(Math.abs(n))}`;
/** Stocks are read at the end of the horizon; flows are added up over it. */
const STOCK_LINES: ReadonlySet<VolumeLine> = new Set(["inventory", "workers"]);

/** Why the family's plan is the one: cheapest feasible, by how much, or the capacity it had to respect. */
function decisionReason(result: FamilyResult): string {
  const reason = recommendationReason(result, { label: (s) => STRATEGY_LABELS[s], money: whole });
  const best = recommendation(result).best;
  const unmet = best && unmetDemandText(best, { money: whole, units: whole });
  return unmet ? `${reason}; ${unmet}` : reason;
}

/**
 * One landscape page (the page setup fits it to one page): revenue, cost and margin in the P&L view
 * (cost of goods sold on what ships, period costs in their period: engine/pnl.ts), fill rate,
 * peak backlog and utilisation; each family's plan and why, and its volumes (demand, shipped,
 * unmet, production, ending inventory, workforce); the top risks with their numbers; the margin
 * against the compared version; and revenue, cost and margin by period with a chart, then the
 * volumes by period (hires, layoffs, overtime and subcontracting: the decisions to take).
 * Everything is live: the family sheets' cells of each family's plan, and for all families the
 * Summary's totals by period of them, so no formula here grows with the number of families.
 * Money and units are whole numbers throughout.
 */
export function layoutExecutiveSummary(summary: ExecutiveSummaryInput, sheetName = EXECUTIVE_SHEET_NAME): SheetSpec {
  const { input, results, outcome, planCells } = summary;
  const grid = new SheetGrid();
  const T = input.periods.length;
  const planned = results.filter((r) => r.recommended !== null);
  const totals = T > 0 && planned.length > 0 ? summary.periodTotals : undefined;

  grid.setTitle("S&OP executive summary");
  const when = summary.plannedAt ? ` Planned ${summary.plannedAt.toISOString().slice(0, 10)}.` : "";
  grid.setNote(`The recommended plan of every family, ${input.periods[0] ?? ""}–${input.periods[T - 1] ?? ""}.${when} Detail: ${summary.sheetNames.summary}, the family sheets, ${summary.sheetNames.risks}.`);

  // KPIs.
  const kpiHeader = 3;
  const peak = outcome.peakUtilization;
  const kpis: [string, CellSpec | null][] = [
    // The money is set below, once the by-period lines it adds up are placed. The P&L view: cost of
    // goods sold on what ships and the period costs (engine/pnl.ts), so building stock is not a cost yet.
    ["Revenue", money("0", outcome.revenue, "total")],
    ["P&L cost", money("0", outcome.revenue - outcome.grossMargin, "total")],
    ["P&L margin", money("0", outcome.grossMargin, "total")],
    ["P&L margin %", { formula: `IF(${cellAddress(kpiHeader + 1, 0)}=0,0,${cellAddress(kpiHeader + 1, 2)}/${cellAddress(kpiHeader + 1, 0)})`, cached: outcome.revenue === 0 ? 0 : outcome.grossMargin / outcome.revenue, format: PERCENT }],
    ["Fill rate", summary.fillRate === null ? null : { value: summary.fillRate, format: PERCENT, ...(summary.fillRate < 1 - 1e-9 && { style: "warn" as const }) }],
    ["Peak backlog", { value: outcome.peakBacklog, format: FORMAT.units, ...(outcome.peakBacklog > 0 && { style: "warn" as const }) }],
    ["Peak utilisation", peak ? { value: peak.utilization, format: PERCENT, ...(peak.utilization > 1 + 1e-9 && { style: "bad" as const }) } : text("no resources", "note")],
  ];
  kpis.forEach(([label, cell], c) => {
    grid.set(kpiHeader, c, text(label, "header"));
    grid.set(kpiHeader + 1, c, cell);
  });
  if (peak) grid.set(kpiHeader + 2, 6, text(`${peak.resource}, ${peak.period}`, "note"));

  // The decision per family.
  let row = kpiHeader + 4;
  grid.set(row++, 0, text("Decision per family", "subtitle"));
  ["Family", "Plan", "P&L cost", "Revenue", "P&L margin", "Why"].forEach((h, c) => grid.set(row, c, text(h, "header")));
  row++;
  for (const result of results.slice(0, MAX_FAMILIES)) {
    const plan = result.plans.find((p) => p.strategy === result.recommended);
    grid.set(row, 0, text(result.family, "label"));
    grid.set(row, 1, plan ? text(STRATEGY_LABELS[plan.strategy]) : text("none", "bad"));
    if (plan) {
      const line = (r: PlanCellRow) => sumOfCells(input.periods.flatMap((_, t) => planCells.location(result.family, plan.strategy, r, t) ?? []));
      grid.set(row, 2, money(`${cellAddress(row, 3)}-${cellAddress(row, 4)}`, plan.revenue - plan.grossMargin));
      grid.set(row, 3, money(line("revenue"), plan.revenue));
      grid.set(row, 4, money(line("grossMargin"), plan.grossMargin));
    }
    grid.set(row, 5, text(decisionReason(result), plan ? undefined : "bad"));
    row++;
  }
  if (results.length > MAX_FAMILIES) grid.set(row++, 0, text(`… and ${results.length - MAX_FAMILIES} more families on ${summary.sheetNames.summary}.`, "note"));
  row++;
  row = volumesPerFamily(grid, row, summary, totals);

  row = decisionsToTake(grid, row, summary);
  row = againstBudget(grid, row, summary);

  // Top risks.
  grid.set(row++, 0, text("Top risks", "subtitle"));
  const risks = summary.risks.filter((r) => r.severity !== "info").slice(0, MAX_RISKS);
  if (risks.length === 0) grid.set(row++, 0, text("No risks flagged.", "note"));
  for (const risk of risks) {
    grid.set(row, 0, text(risk.severity === "error" ? "Serious" : "Warning", risk.severity === "error" ? "bad" : "warn"));
    grid.set(row, 1, text(risk.message));
    row++;
  }
  const moreRisks = summary.risks.filter((r) => r.severity !== "info").length - risks.length;
  if (moreRisks > 0) grid.set(row++, 0, text(`… and ${moreRisks} more on ${summary.sheetNames.risks}.`, "note"));
  row++;

  // The change since the compared version.
  const variance = summary.variance;
  if (variance && variance.bridges.length > 0) {
    grid.set(row++, 0, text(`Change since version "${variance.baseline.name}" (P&L margin over the periods both plans have; detail: ${summary.sheetNames.variance ?? "SOP Variance"})`, "subtitle"));
    ["Family", "Then", "Now", "Change", "What moved it"].forEach((h, c) => grid.set(row, c, text(h, "header")));
    row++;
    // The first families and the total (of every family compared); the rest are on the variance sheet.
    const familyBridges = variance.bridges.filter((b) => b.family !== null);
    const shown = [...familyBridges.slice(0, MAX_FAMILIES), ...variance.bridges.filter((b) => b.family === null)];
    for (const bridge of shown) {
      const style = bridge.family === null ? "total" : undefined;
      if (bridge.family === null && familyBridges.length > MAX_FAMILIES) {
        grid.set(row++, 0, text(`… and ${familyBridges.length - MAX_FAMILIES} more families on ${summary.sheetNames.variance ?? "SOP Variance"}.`, "note"));
      }
      grid.set(row, 0, text(bridge.family ?? totalBridgeLabel(variance), style ?? "label"));
      grid.set(row, 1, { value: bridge.baselineMargin, format: FORMAT.units, ...(style && { style }) });
      grid.set(row, 2, { value: bridge.currentMargin, format: FORMAT.units, ...(style && { style }) });
      grid.set(row, 3, { formula: `${cellAddress(row, 2)}-${cellAddress(row, 1)}`, cached: bridge.currentMargin - bridge.baselineMargin, format: FORMAT.units, ...(style && { style }) });
      grid.set(row, 4, text(bridgeStory(bridge)));
      row++;
    }
    row++;
  }

  // Demand: how good last month's forecast was, and where the consensus departs most from the baseline.
  if (summary.demand && summary.demand.lines.length > 0) {
    grid.set(row++, 0, text(`Demand (detail: ${summary.demand.sheet})`, "subtitle"));
    for (const line of summary.demand.lines) grid.set(row++, 0, text(line));
    row++;
  }

  // Scenarios in one line each.
  if (summary.scenarios.length > 0) {
    grid.set(row++, 0, text(`Scenarios (P&L margin against this plan; detail: ${summary.sheetNames.scenarios ?? "SOP Scenarios"})`, "subtitle"));
    for (const s of summary.scenarios) {
      grid.set(row, 0, text(s.scenario, "label"));
      grid.set(row, 1, text(`${signed(s.grossMargin - outcome.grossMargin)} P&L margin; ${s.changes.join("; ")}`));
      row++;
    }
    row++;
  }

  // Revenue, cost and margin by period, and the chart of them.
  const charts: ChartSpec[] = [];
  if (totals) {
    grid.set(row++, 0, text("Revenue, cost and margin by period, P&L view (all families; cost = goods sold + period costs)", "subtitle"));
    const header = row++;
    grid.set(header, 0, text("Period", "header"));
    input.periods.forEach((p, t) => grid.set(header, 1 + t, text(p, "header")));
    const grossMargins = input.periods.map((_, t) => sumPlans(results, (p) => p.periodGrossMargin[t]));
    const revenues = input.periods.map((_, t) => sumPlans(results, (p) => p.periodRevenue[t]));
    const lines: [string, readonly number[]][] = [
      ["Revenue", revenues],
      ["P&L cost", input.periods.map((_, t) => revenues[t] - grossMargins[t])],
      ["P&L margin", grossMargins],
    ];
    const first = row;
    // Each money KPI is the SUM of its line: one range, however many families.
    [outcome.revenue, outcome.revenue - outcome.grossMargin, outcome.grossMargin].forEach((cached, i) =>
      grid.set(kpiHeader + 1, i, money(`SUM(${cellAddress(first + i, 1)}:${cellAddress(first + i, T)})`, cached, "total")),
    );
    for (const [label, cached] of lines) {
      grid.set(row, 0, text(label, "label"));
      input.periods.forEach((_, t) => {
        const source =
          label === "Revenue" ? cellReference(totals.revenue(t))
          : label === "P&L margin" ? cellReference(totals.grossMargin(t))
          : `${cellAddress(first, 1 + t)}-${cellAddress(first + 2, 1 + t)}`;
        grid.set(row, 1 + t, money(source, cached[t]));
      });
      row++;
    }
    grid.set(row, 0, text("Inventory value (end of period)", "label"));
    input.periods.forEach((_, t) =>
      grid.set(row, 1 + t, money(cellReference(totals.inventoryValue(t)), sumPlans(results, (p) => p.periods[t].inventoryValue))),
    );
    row++;
    const chartTop = row + 1;
    row = volumesByPeriod(grid, chartTop + CHART_ROWS + 1, summary, totals);
    charts.push({
      name: "Executive chart",
      title: "Revenue, P&L cost and P&L margin by period",
      categories: { top: header, left: 1, rows: 1, columns: T },
      series: lines.map(([label], i) => ({ name: label, label: { row: first + i, column: 0 }, values: { top: first + i, left: 1, rows: 1, columns: T }, as: i === 2 ? ("line" as const) : ("column" as const) })),
      stacked: false,
      valueFormat: "#,##0",
      anchor: { top: chartTop, left: 0, rows: CHART_ROWS, columns: Math.min(10, Math.max(7, T)) },
    });
  }

  return {
    name: sheetName,
    cells: grid.cells,
    columnWidths: [24, 16, 14, 14, 14, 14, 16, ...Array.from({ length: Math.max(0, T - 6) }, () => 12)],
    tabColor: "1F4E79",
    ...(charts.length > 0 && { charts }),
  };
}

/** `Mar 2027 (3), Sep 2027 (2)`: the periods with a value, each with it, whole. */
function periodsWith(periods: readonly string[], values: readonly number[], threshold = 0.5): string {
  return values.flatMap((v, t) => (v >= threshold ? [`${periods[t]} (${whole(v)})`] : [])).join(", ");
}

/**
 * The decisions the plan asks the review to take: per family, the hires and layoffs by month and
 * the overtime and subcontracting to commit (the totals live, summing the family sheet's cells);
 * per resource, the capacity worth buying: what one more unit would save the optimal plan in each
 * period it binds (the LP's marginal values, as planned). Returns the next free row.
 */
function decisionsToTake(grid: SheetGrid, top: number, summary: ExecutiveSummaryInput): number {
  const { input, results, planCells } = summary;
  const T = input.periods.length;
  if (T === 0) return top;
  const rows: { decision: string; subject: string; when: string; total: CellSpec; note?: string }[] = [];
  const workers = workersFormat(results);
  for (const result of results.slice(0, MAX_FAMILIES)) {
    const plan = result.plans.find((p) => p.strategy === result.recommended);
    if (!plan) continue;
    const decisions: [string, "hired" | "laidOff" | "overtime" | "subcontract", string][] = [
      ["Hire", "hired", workers],
      ["Lay off", "laidOff", workers],
      ["Commit overtime (units)", "overtime", FORMAT.units],
      ["Subcontract (units)", "subcontract", FORMAT.units],
    ];
    for (const [decision, line, format] of decisions) {
      const values = plan.periods.map((p) => p[line]);
      const total = values.reduce((a, b) => a + b, 0);
      if (!(total >= 0.5)) continue;
      const cells = input.periods.flatMap((_, t) => planCells.location(result.family, plan.strategy, line, t) ?? []);
      rows.push({ decision, subject: result.family, when: periodsWith(input.periods, values), total: cells.length > 0 ? { formula: sumOfCells(cells), cached: total, format } : { value: total, format } });
    }
  }
  for (const resource of summary.resources ?? []) {
    const values = resource.periods.map((p) => p.marginalValue ?? 0);
    const most = Math.max(0, ...values);
    if (!(most >= 0.5)) continue;
    const binding = resource.periods.flatMap((p) => ((p.marginalValue ?? 0) >= 0.5 ? [`${p.period} (${whole(p.marginalValue ?? 0)})`] : []));
    rows.push({
      decision: "Buy capacity",
      subject: resource.resource,
      when: binding.join(", "),
      total: { value: most, format: FORMAT.units },
      note: `one more unit of ${resource.resource} would save up to ${whole(most)}: worth buying below that price`,
    });
  }
  let row = top;
  grid.set(row++, 0, text("Decisions to take (the recommended plans; capacity values from the optimal plan's marginal values)", "subtitle"));
  if (rows.length === 0) {
    grid.set(row++, 0, text("No hires, layoffs, overtime, subcontracting or capacity purchase: the plans run on the workforce and capacity as they are.", "note"));
    return row + 1;
  }
  ["Decision", "Family / resource", "Total (capacity: most per unit)", "When (amount)"].forEach((h, c) => grid.set(row, c, text(h, "header")));
  row++;
  for (const line of rows) {
    grid.set(row, 0, text(line.decision, "label"));
    grid.set(row, 1, text(line.subject));
    grid.set(row, 2, line.total);
    grid.set(row, 3, text(line.note ? `${line.when}; ${line.note}` : line.when));
    row++;
  }
  return row + 1;
}

/**
 * Each budgeted family's units shipped, revenue and P&L margin against its budget over the horizon,
 * and all families', each cell reading SOP Variance's SOP Budget totals; then one sentence from the
 * same numbers. Returns the next free row.
 */
function againstBudget(grid: SheetGrid, top: number, summary: ExecutiveSummaryInput): number {
  const budget = summary.budget;
  if (!budget || budget.lines.length === 0) return top;
  let row = top;
  const where = summary.sheetNames.variance ?? "SOP Variance";
  grid.set(row++, 0, text(`Plan against budget (P&L view, over the horizon; detail: ${where}, ${BUDGET_SECTION_TITLE})`, "subtitle"));
  const measures = BUDGET_MEASURES.filter((m) => budget.lines.some((l) => l.measure === m && l.family === null));
  const headers = ["Family", ...measures.flatMap((m) => [`${BUDGET_MEASURE_LABEL[m]}`, "Budget", "vs budget"])];
  headers.forEach((h, c) => grid.set(row, c, text(h, "header")));
  row++;
  const families = [...new Set(budget.lines.flatMap((l) => (l.family === null ? [] : [l.family])))];
  for (const family of [...families.slice(0, MAX_FAMILIES), null]) {
    const style = family === null ? ("total" as const) : undefined;
    grid.set(row, 0, text(family ?? "All families", style ?? "label"));
    measures.forEach((measure, i) => {
      const line = budget.lines.find((l) => l.family === family && l.measure === measure);
      const plan = budget.cells.total(family, measure, "plan");
      const budgeted = budget.cells.total(family, measure, "budget");
      if (!line || !plan || !budgeted) return;
      const c = 1 + 3 * i;
      grid.set(row, c, money(cellReference(plan), line.planTotal, style));
      grid.set(row, c + 1, money(cellReference(budgeted), line.budgetTotal, style));
      grid.set(row, c + 2, money(`${cellAddress(row, c)}-${cellAddress(row, c + 1)}`, line.varianceTotal, line.varianceTotal < -0.5 ? "warn" : style));
    });
    row++;
  }
  if (families.length > MAX_FAMILIES) grid.set(row++, 0, text(`… and ${families.length - MAX_FAMILIES} more families on ${where}.`, "note"));
  const sentence = budgetSentence(budget.lines);
  if (sentence) grid.set(row++, 0, text(sentence, "note"));
  return row + 1;
}

/** Whole workers unless some recommended plan has fractional ones. */
function workersFormat(results: readonly FamilyResult[]): string {
  const fractional = results.some((r) => r.plans.find((p) => p.strategy === r.recommended)?.periods.some((p) => !Number.isInteger(p.workers)));
  return fractional ? FORMAT.fractionalWorkers : FORMAT.wholeWorkers;
}

const volumeFormat = (line: VolumeLine, results: readonly FamilyResult[]) => (WORKFORCE_LINES.has(line) ? workersFormat(results) : FORMAT.units);

/**
 * Each listed family's volumes over the horizon (stocks at its end), read from its family sheet,
 * and all families' from the Summary's totals by period (one range per line). Returns the next free row.
 */
function volumesPerFamily(grid: SheetGrid, top: number, summary: ExecutiveSummaryInput, totals: PeriodTotalCells | undefined): number {
  const { input, results, planCells } = summary;
  const T = input.periods.length;
  const planned = results.filter((r) => r.recommended !== null);
  if (T === 0 || planned.length === 0) return top;
  let row = top;
  grid.set(row++, 0, text(`Volumes per family (units over ${input.periods[0]}–${input.periods[T - 1]}; inventory and workers at the end)`, "subtitle"));
  ["Family", ...VOLUME_LINES.map((line) => VOLUME_LABEL[line])].forEach((h, c) => grid.set(row, c, text(h, "header")));
  row++;
  for (const result of planned.slice(0, MAX_FAMILIES)) {
    const plan = result.plans.find((p) => p.strategy === result.recommended)!;
    grid.set(row, 0, text(result.family, "label"));
    VOLUME_LINES.forEach((line, i) => {
      const format = volumeFormat(line, results);
      const stock = STOCK_LINES.has(line);
      const cached = stock ? (plan.periods[T - 1]?.[line] ?? 0) : plan.periods.reduce((sum, p) => sum + p[line], 0);
      const cells = (stock ? [T - 1] : input.periods.map((_, t) => t)).flatMap((t) => planCells.location(result.family, plan.strategy, line, t) ?? []);
      // A family sheet without an Unmet demand row: every plan serves all its demand.
      grid.set(row, 1 + i, cells.length > 0 ? { formula: sumOfCells(cells), cached, format } : { value: cached, format });
    });
    row++;
  }
  if (totals) {
    grid.set(row, 0, text("All families", "total"));
    VOLUME_LINES.forEach((line, i) => {
      const stock = STOCK_LINES.has(line);
      const cached = sumPlans(results, (p) => (stock ? (p.periods[T - 1]?.[line] ?? 0) : p.periods.reduce((sum, period) => sum + period[line], 0)));
      const first = totals.volume(line, stock ? T - 1 : 0);
      const last = totals.volume(line, T - 1);
      const source = stock ? cellReference(first) : `SUM(${cellReference(first)}:${cellAddress(last.row, last.column, true)})`;
      grid.set(row, 1 + i, { formula: source, cached, format: volumeFormat(line, results), style: "total" });
    });
    row++;
  }
  return row + 1;
}

/**
 * All families' volumes by period, each cell the Summary's total: what to make, stock and staff,
 * the hires and layoffs, overtime and subcontracting to commit. Returns the next free row.
 */
function volumesByPeriod(grid: SheetGrid, top: number, summary: ExecutiveSummaryInput, totals: PeriodTotalCells): number {
  const { input, results } = summary;
  let row = top;
  grid.set(row++, 0, text("Volumes by period (all families): production, stock and the workforce decisions", "subtitle"));
  grid.set(row, 0, text("Period", "header"));
  input.periods.forEach((p, t) => grid.set(row, 1 + t, text(p, "header")));
  row++;
  for (const line of VOLUME_LINES) {
    grid.set(row, 0, text(VOLUME_LABEL[line], "label"));
    input.periods.forEach((_, t) =>
      grid.set(row, 1 + t, { formula: cellReference(totals.volume(line, t)), cached: sumPlans(results, (p) => p.periods[t][line]), format: volumeFormat(line, results) }),
    );
    row++;
  }
  return row;
}

function sumPlans(results: readonly FamilyResult[], pick: (plan: FamilyResult["plans"][number]) => number): number {
  let total = 0;
  for (const r of results) {
    const plan = r.plans.find((p) => p.strategy === r.recommended);
    if (plan) total += pick(plan);
  }
  return total;
}

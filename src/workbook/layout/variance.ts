// Lays out `SOP Variance`: this plan against a saved version, per family, period and measure, and the margin bridge, in live formulas.
import {
  COST_KINDS,
  type CostBreakdown,
  FLOW_MEASURES,
  totalBridgeLabel,
  VARIANCE_MEASURES,
  type MarginBridge,
  type VarianceMeasure,
  type VarianceReport,
  type PlanVersion,
} from "../../engine";
import type { PlanCellRow, PlanCells } from "./familySheet";
import { COST_LABEL } from "../../template/schema";
import { FORMAT, SheetGrid } from "./kit";
import { cellAddress, cellReference, sumOfCells, type CellLocation, type CellSpec, type ChartSpec, type SheetSpec } from "../sheet";
import { VARIANCE_SHEET_NAME } from "../reviewNames";
import type { VersionAmount, VersionCells } from "../versions";
import { layoutBudgetSection, type BudgetSectionInput, type BudgetTotalCells } from "./budget";

const MEASURE_TITLE: Record<VarianceMeasure, string> = {
  demand: "Demand",
  production: "Production",
  inventory: "Inventory",
  backlog: "Backlog",
  workers: "Workers",
  cost: "Total cost",
  revenue: "Revenue",
  margin: "Margin (cash)",
  grossMargin: "P&L margin",
};

/** The plan lines a measure adds up (production is made on regular time, on overtime and bought). */
const MEASURE_LINES: Record<VarianceMeasure, readonly (PlanCellRow & VersionAmount)[]> = {
  demand: ["demand"],
  production: ["regular", "overtime", "subcontract"],
  inventory: ["inventory"],
  backlog: ["backlog"],
  workers: ["workers"],
  cost: ["totalCost"],
  revenue: ["revenue"],
  margin: ["margin"],
  grossMargin: ["grossMargin"],
};

const MONEY: ReadonlySet<VarianceMeasure> = new Set(["cost", "revenue", "margin", "grossMargin"]);

const BRIDGE_HEADERS = ["Family", "Baseline P&L margin", "Demand volume", "Price", ...COST_KINDS.map((k) => COST_LABEL[k]), "Cost carried in stock", "Current P&L margin"];

const formula = (f: string, cached: number, format: string, style?: CellSpec["style"]): CellSpec => ({
  formula: f,
  cached,
  format,
  ...(style && { style }),
});

export interface VarianceLayoutInput {
  report: VarianceReport;
  baseline: PlanVersion;
  /** Where the baseline's numbers sit on `SOP Versions`. */
  versionCells: VersionCells;
  /** Where the current plans' numbers sit on the family sheets. */
  planCells: PlanCells;
  /** With a Budget table: the SOP Budget section, below the variance to the version. */
  budget?: BudgetSectionInput;
}

/**
 * The variance sheet: first the margin bridge (one row per family and a total: baseline margin,
 * what volume, price and each cost kind changed, current margin) with its chart, then per family
 * the baseline, current and change of every measure by period. Baseline cells read `SOP Versions`,
 * current cells the family sheets' recommended plans, and every change is a formula, so an edit
 * on a family sheet moves the variance with it.
 */
export function layoutVarianceSheet(layout: VarianceLayoutInput, sheetName = VARIANCE_SHEET_NAME): SheetSpec & { budgetCells?: BudgetTotalCells } {
  const { report, baseline, versionCells, planCells } = layout;
  const grid = new SheetGrid();
  const savedText = baseline.savedAt ? `, saved ${baseline.savedAt.replace("T", " ").slice(0, 16)}` : "";
  grid.set(0, 0, { value: `Variance to version "${baseline.name}"`, style: "title" });
  grid.set(1, 0, {
    value: `This plan against version "${baseline.name}"${savedText}: families and periods matched by name. Baseline cells read ${"SOP Versions"}, current cells the family sheets' recommended plans; every change is a live formula.`,
    style: "note",
  });
  let row = 2;
  for (const note of report.notes) grid.set(row++, 0, { value: note, style: "note" });
  row++;

  /** The cells a family's measure adds up in the compared periods, baseline or current. */
  const cellsOf = (family: string, side: "baseline" | "current", lines: readonly (PlanCellRow & VersionAmount)[], k: number | "all"): CellLocation[] => {
    const comparison = report.families.find((f) => f.family === family)!;
    const ks = k === "all" ? comparison.periods.map((_, i) => i) : [k];
    const then = baseline.families.find((f) => f.family === comparison.baselineFamily)!;
    const cells: CellLocation[] = [];
    for (const line of lines) {
      for (const i of ks) {
        const cell =
          side === "baseline"
            ? versionCells.location(baseline.name, then.family, then.periods[comparison.baselineIndex[i]].period, line)
            : planCells.location(family, comparison.currentStrategy, line, comparison.currentIndex[i]);
        if (!cell) throw new Error(`variance layout: no ${side} cell for ${family}, ${line}, period ${i}`);
        cells.push(cell);
      }
    }
    return cells;
  };

  // Margin bridge.
  grid.set(row++, 0, { value: "Margin bridge, P&L view: what changed the P&L margin over the periods both plans have (production is charged when it ships; Cost carried in stock is the change in what the P&L defers into inventory)", style: "subtitle" });
  const bridgeHeader = row;
  BRIDGE_HEADERS.forEach((h, c) => grid.set(bridgeHeader, c, { value: h, style: "header" }));
  row++;
  const familyBridges = report.bridges.filter((b): b is MarginBridge & { family: string } => b.family !== null);
  for (const bridge of familyBridges) {
    const f = bridge.family;
    const sum = (side: "baseline" | "current", line: PlanCellRow & VersionAmount) => sumOfCells(cellsOf(f, side, [line], "all"));
    const shippedThen = sum("baseline", "shipped");
    const shippedNow = sum("current", "shipped");
    const revenueThen = sum("baseline", "revenue");
    const revenueNow = sum("current", "revenue");
    const volumeCell = cellAddress(row, 2);
    const cells: CellSpec[] = [
      { value: f, style: "label" },
      formula(sum("baseline", "grossMargin"), bridge.baselineMargin, FORMAT.money),
      // With nothing shipped then there is no price to carry over: all the new revenue is volume.
      formula(`IF(${shippedThen}>0,${revenueThen}/${shippedThen}*(${shippedNow}-${shippedThen}),${revenueNow}-${revenueThen})`, bridge.volume, FORMAT.money),
      formula(`${revenueNow}-${revenueThen}-${volumeCell}`, bridge.price, FORMAT.money),
      ...COST_KINDS.map((kind) => {
        const line = `${kind}Cost` as PlanCellRow & VersionAmount;
        return formula(`${sum("baseline", line)}-${sum("current", line)}`, bridge.costs[kind], FORMAT.money);
      }),
      formula(`(${sum("current", "grossMargin")}-${sum("current", "margin")})-(${sum("baseline", "grossMargin")}-${sum("baseline", "margin")})`, bridge.inventory, FORMAT.money),
      formula(`SUM(${cellAddress(row, 1)}:${cellAddress(row, BRIDGE_HEADERS.length - 2)})`, bridge.currentMargin, FORMAT.money, "total"),
    ];
    cells.forEach((cell, c) => grid.set(row, c, cell));
    row++;
  }
  const total = report.bridges.find((b) => b.family === null);
  const totalRow = row;
  if (total && familyBridges.length > 0) {
    const first = bridgeHeader + 1;
    const last = row - 1;
    const totals: number[] = [total.baselineMargin, total.volume, total.price, ...COST_KINDS.map((k) => total.costs[k as keyof CostBreakdown]), total.inventory, total.currentMargin];
    grid.set(row, 0, { value: totalBridgeLabel(report), style: "total" });
    totals.forEach((cached, i) => grid.set(row, 1 + i, formula(`SUM(${cellAddress(first, 1 + i)}:${cellAddress(last, 1 + i)})`, cached, FORMAT.money, "total")));
    row++;
  } else {
    grid.set(row++, 0, { value: "No family of this plan is in the version: nothing to compare.", style: "note" });
  }
  row++;

  const charts: ChartSpec[] = [];
  if (total && familyBridges.length > 0) {
    const waterfall = layoutWaterfall(grid, row, totalRow, [total.baselineMargin, total.volume, total.price, ...COST_KINDS.map((k) => total.costs[k]), total.inventory, total.currentMargin]);
    row = waterfall.next + 1;
    const chartRows = 16;
    const columns = BRIDGE_HEADERS.length - 1;
    charts.push({
      name: "Bridge chart",
      title: `P&L margin bridge, ${totalBridgeLabel(report).replace(/^All/, "all")}: version "${baseline.name}" to this plan`,
      categories: { top: bridgeHeader, left: 1, rows: 1, columns },
      series: waterfall.series.map(({ name, row: at, fill, legend }) => ({
        name,
        label: { row: at, column: 0 },
        values: { top: at, left: 1, rows: 1, columns },
        as: "column" as const,
        fill,
        ...(legend === false && { legend }),
      })),
      stacked: true,
      valueFormat: "#,##0",
      anchor: { top: row, left: 0, rows: chartRows, columns: 9 },
    });
    row += chartRows + 1;
  }

  // Per family: baseline, current and change of each measure by period.
  const widest = Math.max(0, ...report.families.map((f) => f.periods.length));
  for (const comparison of report.families) {
    const f = comparison.family;
    const strategies =
      comparison.baselineStrategy === comparison.currentStrategy
        ? `the ${comparison.currentStrategy} plan then and now`
        : `the ${comparison.baselineStrategy} plan then, the ${comparison.currentStrategy} plan now`;
    grid.set(row++, 0, { value: `${f}: ${strategies}`, style: "subtitle" });
    const header = row++;
    ["Measure", "Line", ...comparison.periods, "Total"].forEach((h, c) => grid.set(header, c, { value: h, style: "header" }));
    const T = comparison.periods.length;
    const familyLines = report.lines.filter((l) => l.family === f);
    for (const measure of VARIANCE_MEASURES) {
      const lines = familyLines.filter((l) => l.measure === measure);
      const format = MONEY.has(measure) ? FORMAT.money : measure === "workers" ? FORMAT.fractionalWorkers : FORMAT.units;
      const baselineRow = row;
      const currentRow = row + 1;
      const changeRow = row + 2;
      grid.set(baselineRow, 0, { value: MEASURE_TITLE[measure], style: "label" });
      grid.set(baselineRow, 1, { value: "Baseline", style: "label" });
      grid.set(currentRow, 1, { value: "Current", style: "label" });
      grid.set(changeRow, 1, { value: "Change", style: "total" });
      for (let k = 0; k < T; k++) {
        const line = lines[k];
        const refs = (side: "baseline" | "current") => {
          const cells = cellsOf(f, side, MEASURE_LINES[measure], k);
          return cells.length === 1 ? cellReference(cells[0]) : sumOfCells(cells);
        };
        grid.set(baselineRow, 2 + k, formula(refs("baseline"), line.baseline, format));
        grid.set(currentRow, 2 + k, formula(refs("current"), line.current, format));
        grid.set(changeRow, 2 + k, formula(`${cellAddress(currentRow, 2 + k)}-${cellAddress(baselineRow, 2 + k)}`, line.change, format, "total"));
      }
      if (FLOW_MEASURES.has(measure) && T > 0) {
        const totalOf = (r: number, pick: (l: (typeof lines)[number]) => number, style?: CellSpec["style"]) =>
          grid.set(r, 2 + T, formula(`SUM(${cellAddress(r, 2)}:${cellAddress(r, 1 + T)})`, lines.reduce((s, l) => s + pick(l), 0), format, style));
        totalOf(baselineRow, (l) => l.baseline);
        totalOf(currentRow, (l) => l.current);
        totalOf(changeRow, (l) => l.change, "total");
      }
      row += 3;
    }
    row++;
  }

  const budgetCells = layout.budget && layout.budget.lines.length > 0 ? layoutBudgetSection(grid, row, sheetName, layout.budget).cells : undefined;

  return {
    name: sheetName,
    cells: grid.cells,
    ...(budgetCells && { budgetCells }),
    columnWidths: [Math.max(18, ...report.families.map((f) => Math.min(30, f.family.length + 2))), 16, ...Array.from({ length: Math.max(widest + 1, BRIDGE_HEADERS.length - 2) }, () => 14)],
    freeze: { rows: 0, columns: 2 },
    tabColor: "7F6000",
    ...(charts.length > 0 && { charts }),
  };
}

/** The waterfall's colours: the two margins, a step up, a step down. */
const WATERFALL_FILL = { margin: "4472C4", increase: "70AD47", decrease: "C00000" } as const;

/**
 * The rows a true waterfall is drawn from, under the total bridge (`totalRow`: baseline margin, the
 * steps, current margin in its columns 1…n): the running margin after each step, then the stacked
 * series. Each step spans [lo, hi] of its start and end; its invisible Base is lo when the step is
 * above zero, hi when below (negative columns stack down from zero), else 0 with the step cut in two
 * at zero (the part below in its own series of the same colour). Every cell is a live formula of
 * the total row, so an edit upstream moves the chart; `values` are the cached figures in that order.
 */
export function layoutWaterfall(
  grid: SheetGrid,
  top: number,
  totalRow: number,
  values: readonly number[],
): { next: number; series: { name: string; row: number; fill: string; legend?: boolean }[] } {
  const n = values.length;
  const at = (column: number) => cellAddress(totalRow, column);
  grid.set(top, 0, { value: "Waterfall of the total (the chart's rows)", style: "subtitle" });
  const rows = { running: top + 1, base: top + 2, margin: top + 3, increase: top + 4, decrease: top + 5, increaseBelow: top + 6, decreaseBelow: top + 7 };
  const labels: [keyof typeof rows, string][] = [
    ["running", "Running margin"],
    ["base", "Base"],
    ["margin", "Margin"],
    ["increase", "Increase"],
    ["decrease", "Decrease"],
    ["increaseBelow", "Increase below zero"],
    ["decreaseBelow", "Decrease below zero"],
  ];
  for (const [key, label] of labels) grid.set(rows[key], 0, { value: label, style: "label" });
  let running = 0;
  for (let i = 0; i < n; i++) {
    const c = 1 + i;
    const step = i > 0 && i < n - 1;
    const start = running;
    running = i === 0 ? values[0] : i === n - 1 ? values[n - 1] : running + values[i];
    const end = running;
    const startCell = i === 0 ? "0" : cellAddress(rows.running, c - 1);
    const endCell = cellAddress(rows.running, c);
    grid.set(rows.running, c, formula(i === 0 || i === n - 1 ? at(c) : `${startCell}+${at(c)}`, end, FORMAT.money));
    if (!step) {
      grid.set(rows.base, c, { value: 0, format: FORMAT.money });
      grid.set(rows.margin, c, formula(endCell, end, FORMAT.money));
      for (const key of ["increase", "decrease", "increaseBelow", "decreaseBelow"] as const) grid.set(rows[key], c, { value: 0, format: FORMAT.money });
      continue;
    }
    const lo = Math.min(start, end);
    const hi = Math.max(start, end);
    const loF = `MIN(${startCell},${endCell})`;
    const hiF = `MAX(${startCell},${endCell})`;
    const crossing = lo < 0 && hi > 0;
    const base = lo >= 0 ? lo : hi <= 0 ? hi : 0;
    const visible = lo >= 0 ? hi - lo : hi <= 0 ? lo - hi : hi;
    const below = crossing ? lo : 0;
    const up = values[i] >= 0;
    grid.set(rows.base, c, formula(`IF(${loF}>=0,${loF},IF(${hiF}<=0,${hiF},0))`, base, FORMAT.money));
    grid.set(rows.margin, c, { value: 0, format: FORMAT.money });
    const visibleF = `IF(${loF}>=0,${hiF}-${loF},IF(${hiF}<=0,${loF}-${hiF},${hiF}))`;
    const belowF = `IF(AND(${loF}<0,${hiF}>0),${loF},0)`;
    grid.set(rows.increase, c, formula(`IF(${at(c)}>=0,${visibleF},0)`, up ? visible : 0, FORMAT.money));
    grid.set(rows.decrease, c, formula(`IF(${at(c)}<0,${visibleF},0)`, up ? 0 : visible, FORMAT.money));
    grid.set(rows.increaseBelow, c, formula(`IF(${at(c)}>=0,${belowF},0)`, up ? below : 0, FORMAT.money));
    grid.set(rows.decreaseBelow, c, formula(`IF(${at(c)}<0,${belowF},0)`, up ? 0 : below, FORMAT.money));
  }
  return {
    next: rows.decreaseBelow + 1,
    series: [
      { name: "Base", row: rows.base, fill: "none" },
      { name: "Margin", row: rows.margin, fill: WATERFALL_FILL.margin },
      { name: "Increase", row: rows.increase, fill: WATERFALL_FILL.increase },
      { name: "Decrease", row: rows.decrease, fill: WATERFALL_FILL.decrease },
      { name: "Increase below zero", row: rows.increaseBelow, fill: WATERFALL_FILL.increase, legend: false },
      { name: "Decrease below zero", row: rows.decreaseBelow, fill: WATERFALL_FILL.decrease, legend: false },
    ],
  };
}

// Lays out SOP Scenarios: the base plan and each what-if side by side (cost, revenue, margin, units shipped and unmet, revenue at risk, backlog, peak utilisation), a chart, and the plan chosen per family.
import { STRATEGY_LABELS, materialMarginChange, type ScenarioOutcome } from "../../engine";
import { SCENARIOS_SHEET_NAME } from "../reviewNames";
import { cellAddress, type CellSpec, type ChartSpec, type SheetSpec } from "../sheet";
import { FORMAT, PERCENT, SheetGrid, SUMMARY_TABLE_STYLE, text } from "./kit";


const COMPARISON_HEADERS = [
  "Scenario",
  "Changes",
  "P&L cost",
  "Revenue",
  "P&L margin",
  "P&L margin vs base",
  "Shipped",
  "Unmet demand",
  "Revenue at risk",
  "Peak backlog",
  "Peak utilisation",
  "Busiest resource",
  "Every family feasible",
];
const FAMILY_HEADERS = ["Scenario", "Family", "Recommended", "Feasible", "P&L cost", "Revenue", "P&L margin", "Shipped", "Unmet demand", "Revenue at risk", "Peak backlog"];
const CHART_ROWS = 16;

const money = (value: number | null): CellSpec | null => (value === null ? null : { value, format: FORMAT.money });

/**
 * `outcomes[0]` is the base plan. The numbers are the engine's (each scenario is a whole run of
 * its own, not formulas over this workbook's cells); `Margin vs base` is a formula over them.
 */
export function layoutScenariosSheet(outcomes: readonly ScenarioOutcome[], tableNames: { comparison: string; families: string }, sheetName = SCENARIOS_SHEET_NAME): SheetSpec {
  const grid = new SheetGrid();
  grid.setTitle("Scenarios: what if");
  grid.setNote(
    "Each scenario is the workbook with its changes made (Scenarios table), planned with the same strategies as the base plan; totals are the recommended plans of every family. " +
      "Money is the P&L view: cost of goods sold on the units shipped and the period costs (P&L cost), and P&L margin = revenue − P&L cost. " +
      "No plan loads a resource beyond its capacity: what the capacity cannot serve is unmet demand, its price the revenue at risk.",
  );
  const units = (value: number | null, warn = false): CellSpec | null => (value === null ? null : { value, format: FORMAT.units, ...(warn && value > 0 && { style: "warn" as const }) });
  const header = 3;
  COMPARISON_HEADERS.forEach((h, c) => grid.set(header, c, text(h, "header")));
  const baseRow = header + 1;
  outcomes.forEach((outcome, i) => {
    const row = baseRow + i;
    const peak = outcome.peakUtilization;
    const cells: (CellSpec | null)[] = [
      text(outcome.scenario, i === 0 ? "total" : "label"),
      text(outcome.changes.length > 0 ? outcome.changes.join("; ") : "the workbook as it is", "note"),
      money(outcome.revenue - outcome.grossMargin),
      money(outcome.revenue),
      { value: outcome.grossMargin, format: FORMAT.money, style: "total" },
      // Within the solvers' stated gap the difference is no change, said in words rather than a signed amount.
      i > 0 && materialMarginChange(outcome, outcomes[0]) === null
        ? text("no material change", "note")
        : { formula: `${cellAddress(row, 4)}-${cellAddress(baseRow, 4, true)}`, cached: outcome.grossMargin - outcomes[0].grossMargin, format: FORMAT.money },
      units(outcome.shipped),
      units(outcome.unmet, true),
      { value: outcome.revenueAtRisk, format: FORMAT.money, ...(outcome.revenueAtRisk > 0 && { style: "warn" as const }) },
      { value: outcome.peakBacklog, format: FORMAT.units, ...(outcome.peakBacklog > 0 && { style: "warn" as const }) },
      peak ? { value: peak.utilization, format: PERCENT, ...(peak.utilization > 1 + 1e-9 && { style: "bad" as const }) } : null,
      peak ? text(`${peak.resource}, ${peak.period}`) : text("no resources", "note"),
      outcome.infeasible.length === 0 ? text("yes", "good") : text(`no: ${outcome.infeasible.join(", ")}`, "bad"),
    ];
    cells.forEach((cell, c) => grid.set(row, c, cell));
  });
  const lastRow = baseRow + outcomes.length - 1;

  const chartTop = lastRow + 2;
  const column = (c: number) => ({ top: baseRow, left: c, rows: outcomes.length, columns: 1 });
  const charts: ChartSpec[] = [
    {
      name: "Scenario chart",
      title: "P&L cost, revenue and P&L margin by scenario",
      categories: column(0),
      series: [2, 3, 4].map((c) => ({ name: COMPARISON_HEADERS[c], label: { row: header, column: c }, values: column(c), as: "column" as const })),
      stacked: false,
      valueFormat: "#,##0",
      anchor: { top: chartTop, left: 0, rows: CHART_ROWS, columns: 8 },
    },
  ];

  let row = chartTop + CHART_ROWS + 1;
  grid.set(row++, 0, text("Recommended plan per family and scenario", "subtitle"));
  const familyHeader = row;
  FAMILY_HEADERS.forEach((h, c) => grid.set(familyHeader, c, text(h, "header")));
  row++;
  for (const outcome of outcomes) {
    for (const family of outcome.families) {
      const cells: (CellSpec | null)[] = [
        text(outcome.scenario),
        text(family.family),
        family.recommended ? text(STRATEGY_LABELS[family.recommended]) : text("no plan", "bad"),
        family.feasible === null ? null : family.feasible ? text("yes", "good") : text("no", "bad"),
        money(family.revenue === null || family.grossMargin === null ? null : family.revenue - family.grossMargin),
        money(family.revenue),
        money(family.grossMargin),
        units(family.shipped),
        units(family.unmet, true),
        money(family.revenueAtRisk),
        family.peakBacklog === null ? null : { value: family.peakBacklog, format: FORMAT.units },
      ];
      cells.forEach((cell, c) => grid.set(row, c, cell));
      row++;
    }
  }
  const familyRows = row - familyHeader - 1;

  return {
    name: sheetName,
    cells: grid.cells,
    columnWidths: [Math.max(16, ...outcomes.map((o) => Math.min(30, o.scenario.length + 2))), 40, 15, 15, 15, 15, 13, 13, 15, 13, 15, 24, 20],
    tables: [
      { name: tableNames.comparison, top: header, left: 0, rows: outcomes.length + 1, columns: COMPARISON_HEADERS.length, style: SUMMARY_TABLE_STYLE },
      { name: tableNames.families, top: familyHeader, left: 0, rows: Math.max(1, familyRows) + 1, columns: FAMILY_HEADERS.length, style: SUMMARY_TABLE_STYLE },
    ],
    freeze: { rows: 0, columns: 1 },
    tabColor: "7030A0",
    charts,
  };
}

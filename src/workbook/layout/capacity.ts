// Lays out SOP Capacity: each resource's required and available capacity per period, utilisation, overload and idle time.
import { moneyText } from "../../engine/numberText";
import type { PlanAnalysis } from "../../engine/analysis";
import type { CapacityCheck } from "../../engine/capacity";
import { cellAddress, type CellStyle, type ChartSpec, type ConditionalFormatSpec, type SheetSpec } from "../sheet";
import { analysisChart, constant, FORMAT, formula, periodColumnWidths, PERCENT, SheetGrid, sum, sumPeriods, sumRows, TAB_COLOR, text } from "./kit";
import { headerRow } from "./periodHeader";

export const CAPACITY_SHEET_NAME = "SOP Capacity";

export function layoutCapacity(analysis: PlanAnalysis, name: string): SheetSpec {
  const periods = analysis.aggregation.periods;
  const T = periods.length;
  const totalColumn = T + 2;
  const grid = new SheetGrid();
  const threshold = analysis.utilizationThreshold;
  grid.setTitle("Rough-cut capacity");
  const loadedBy =
    analysis.approach === "top-down"
      ? "the recommended plans' in-house output, split to products by mix, × each product's load per unit"
      : "the recommended plans' in-house output, split to products by each period's product forecasts, × each product's load per unit";
  const storage = analysis.aggregation.mixes.some((mix) => mix.products.some((p) => (p.storagePerUnit ?? 0) > 0))
    ? " A storage resource (Policy Storage resource) is loaded by each family's end-of-period stock × its products' Storage per unit."
    : "";
  const ceiling = analysis.capacity.some((check) => check.stated)
    ? " Available is the stated capacity × the Capacity table's Max utilisation: the ceiling every plan is checked and optimised against."
    : "";
  grid.setNote(
    `Required capacity of each resource per period: ${loadedBy}. Utilisation, overload, units short and idle capacity are formulas: edit the blue Available cells to try more capacity. Red: over 100 %; amber: under ${Math.round(threshold * 1000) / 10} %.${ceiling}${storage}`,
  );
  const header = 3;
  headerRow(grid, header, ["Resource", "Line"], periods);
  const conditionalFormats: ConditionalFormatSpec[] = [];
  let row = header + 1;
  const utilizationRows: number[] = [];
  for (const check of analysis.capacity) {
    const block = capacityBlock(grid, check, row, T, totalColumn, conditionalFormats, threshold);
    utilizationRows.push(block.utilization);
    row = block.next + 1;
  }
  const charts: ChartSpec[] = [];
  if (T > 0 && utilizationRows.length > 0) {
    grid.set(row, 0, text("Utilisation by resource", "subtitle"));
    charts.push(
      analysisChart({
        name: "Utilisation chart",
        title: "Utilisation by resource and period (100 % = all the capacity available)",
        header,
        firstPeriodColumn: 2,
        periodCount: T,
        series: analysis.capacity.map((check, i) => ({ name: check.resource, label: { row: utilizationRows[i], column: 0 }, row: utilizationRows[i], as: "line" })),
        valueFormat: "0%",
        below: row,
      }),
    );
  }
  return {
    name,
    cells: grid.cells,
    columnWidths: [Math.max(14, ...analysis.capacity.map((c) => Math.min(30, c.resource.length + 2))), 26, ...periodColumnWidths(periods, 11), 13],
    freeze: { rows: header + 1, columns: 2 },
    tabColor: TAB_COLOR.analysis,
    conditionalFormats,
    ...(charts.length > 0 ? { charts } : {}),
  };
}

/** One resource's lines; returns the row of its utilisation and the next free row. */
function capacityBlock(
  grid: SheetGrid,
  check: CapacityCheck,
  top: number,
  T: number,
  totalColumn: number,
  conditionalFormats: ConditionalFormatSpec[],
  threshold: number,
): { utilization: number; next: number } {
  const families = check.byFamily.filter((f) => f.required.some((v) => v !== 0));
  let row = top;
  const familyRows = families.map(() => row++);
  // With a Max utilisation below 100 %: the stated capacity and the share, Available their product.
  const stated = check.stated;
  const shift = stated ? 2 : 0;
  const a = row + 1 + shift;
  const r = { required: row, stated: row + 1, ceiling: row + 2, available: a, utilization: a + 1, overload: a + 2, units: a + 3, unitsShort: a + 4, idle: a + 5 };
  const label = (at: number, what: string, style: CellStyle = "label") => {
    grid.set(at, 0, text(check.resource, style === "total" ? "total" : "label"));
    grid.set(at, 1, text(what, style));
  };
  families.forEach((f, i) => label(familyRows[i], `Required: ${f.family}`));
  label(r.required, "Required", "total");
  if (stated) {
    label(r.stated, "Stated capacity");
    label(r.ceiling, "Max utilisation");
  }
  label(r.available, stated ? "Available (stated × max utilisation)" : "Available");
  label(r.utilization, "Utilisation", "total");
  label(r.overload, "Overload");
  label(r.units, "Units loading it");
  label(r.unitsShort, "Units short");
  label(r.idle, "Idle");

  const totals = {
    required: sum(check.periods.map((p) => p.required)),
    available: sum(check.periods.map((p) => p.available)),
    overload: sum(check.periods.map((p) => p.overload)),
    units: sum(check.periods.map((p) => p.units)),
    unitsShort: sum(check.periods.map((p) => p.unitsShort)),
    idle: sum(check.periods.map((p) => p.idle)),
  };
  for (let c = 2; c <= totalColumn; c++) {
    const t = c - 2;
    const isTotal = c === totalColumn;
    const p = isTotal ? null : check.periods[t];
    const at = (line: number) => cellAddress(line, c);
    const rowTotal = (line: number, cached: number, format: string, style?: CellStyle) =>
      grid.set(line, c, formula(sumPeriods(line, 2, T), cached, format, style));
    families.forEach((f, i) => {
      if (isTotal) rowTotal(familyRows[i], sum(f.required), FORMAT.money);
      else grid.set(familyRows[i], c, constant(f.required[t], FORMAT.money));
    });
    const required = p ? p.required : totals.required;
    if (families.length > 0) grid.set(r.required, c, formula(sumRows(c, familyRows[0], familyRows[families.length - 1]), required, FORMAT.money, "total"));
    else grid.set(r.required, c, constant(required, FORMAT.money, "total"));
    if (p && stated) {
      grid.set(r.stated, c, constant(stated[t], FORMAT.money, "input"));
      grid.set(r.ceiling, c, constant(stated[t] > 0 ? p.available / stated[t] : 1, PERCENT, "input"));
      grid.set(r.available, c, formula(`${at(r.stated)}*${at(r.ceiling)}`, p.available, FORMAT.money));
    } else if (p) grid.set(r.available, c, constant(p.available, FORMAT.money, "input"));
    else {
      if (stated) rowTotal(r.stated, sum(stated), FORMAT.money);
      rowTotal(r.available, totals.available, FORMAT.money);
    }
    const available = p ? p.available : totals.available;
    const utilization = available > 0 ? required / available : required > 0 ? Infinity : 0;
    // Nothing available: 0 % when nothing is asked, else #N/A (no meaningful share); the overload line has the hours.
    grid.set(r.utilization, c, formula(`IF(${at(r.available)}>0,${at(r.required)}/${at(r.available)},IF(${at(r.required)}>0,NA(),0))`, utilization, PERCENT, "total"));
    if (p) {
      grid.set(r.overload, c, formula(`MAX(0,${at(r.required)}-${at(r.available)})`, p.overload, FORMAT.money));
      grid.set(r.units, c, constant(p.units, FORMAT.units));
      grid.set(r.unitsShort, c, formula(`IF(${at(r.required)}>0,${at(r.overload)}*${at(r.units)}/${at(r.required)},0)`, p.unitsShort, FORMAT.units));
      grid.set(r.idle, c, formula(`MAX(0,${at(r.available)}-${at(r.required)})`, p.idle, FORMAT.money));
    } else {
      rowTotal(r.overload, totals.overload, FORMAT.money);
      rowTotal(r.units, totals.units, FORMAT.units);
      rowTotal(r.unitsShort, totals.unitsShort, FORMAT.units);
      rowTotal(r.idle, totals.idle, FORMAT.money);
    }
  }
  // What the optimal plans' LP says one more unit of this capacity would save (0 with slack): constants, the solver's answer.
  let next = r.idle + 1;
  if (check.periods.some((p) => p.marginalValue !== undefined)) {
    const valueRow = next++;
    label(valueRow, "Value of one more unit");
    check.periods.forEach((p, t) => grid.set(valueRow, t + 2, constant(p.marginalValue ?? 0, FORMAT.money)));
    const binding = check.periods.filter((p) => (p.marginalValue ?? 0) > 0).sort((a, b) => (b.marginalValue ?? 0) - (a.marginalValue ?? 0));
    for (const p of binding.slice(0, 3)) {
      grid.set(next++, 1, text(`One more unit of ${check.resource} capacity in ${p.period} would save ${moneyText(p.marginalValue ?? 0)}.`, "note"));
    }
  }
  const utilizationCells = { top: r.utilization, left: 2, rows: 1, columns: T + 1 };
  conditionalFormats.push(
    { ...utilizationCells, operator: "greaterThan", value: 1, style: "bad" },
    { ...utilizationCells, operator: "lessThan", value: threshold, style: "warn" },
  );
  return { utilization: r.utilization, next };
}

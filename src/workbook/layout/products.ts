// Lays out SOP Products: each family's plan split to its products by mix, in whole units.
import { splitByForecast, type FamilyMix, type PlanAnalysis } from "../../engine";
import { cellAddress, type SheetSpec } from "../sheet";
import { constant, FORMAT, formula, periodColumnWidths, PERCENT, SheetGrid, sum, sumRows, TAB_COLOR, text } from "./kit";
import { approachText, headerRow } from "./periodHeader";

export const PRODUCTS_SHEET_NAME = "SOP Products";


const PRODUCT_LINES = [
  ["Demand", "demand"],
  ["Made", "made"],
  ["Subcontracted", "subcontracted"],
  ["Shipped", "shipped"],
] as const;

export function layoutProducts(analysis: PlanAnalysis, name: string): SheetSpec {
  const { aggregation } = analysis;
  const periods = aggregation.periods;
  const T = periods.length;
  const grid = new SheetGrid();
  grid.setTitle("Products: the plan split per product");
  const ruleText: Record<string, string> = { given: "the Mix column", forecast: "the products' forecast totals (Mix blank)", equal: "an equal split (no Mix, no forecast)" };
  grid.setNote(
    `${approachText(analysis)}. Made is in-house output (regular + overtime). Whole units by largest remainder; each family line is the SUM of its products and equals the family plan.`,
  );
  // A family with product forecast rows is split by each period's forecasts, whatever its Mix (splitByForecast).
  const splitText = (m: FamilyMix): string =>
    splitByForecast(m) ? `each period's product forecasts${m.rule === "given" ? " (Mix not used)" : ""}` : ruleText[m.rule];
  grid.set(2, 0, text(`Mix from: ${aggregation.mixes.filter((m) => m.products.length > 0).map((m) => `${m.family}: ${splitText(m)}`).join("; ")}.`, "note"));
  const header = 4;
  headerRow(grid, header, ["Line", "Family", "Product", "Mix"], periods);
  const first = 4;
  const totalColumn = first + T;
  let row = header + 1;
  for (const mix of aggregation.mixes) {
    const splits = aggregation.products.filter((p) => p.family === mix.family);
    if (splits.length === 0) continue;
    for (const [label, key] of PRODUCT_LINES) {
      const top = row;
      for (const split of splits) {
        grid.set(row, 0, text(label, "label"));
        grid.set(row, 1, text(mix.family));
        grid.set(row, 2, text(split.product));
        grid.set(row, 3, constant(split.share, PERCENT));
        split[key].forEach((v, t) => grid.set(row, first + t, constant(v, FORMAT.units)));
        grid.set(row, totalColumn, formula(`SUM(${cellAddress(row, first)}:${cellAddress(row, totalColumn - 1)})`, sum(Array.from(split[key])), FORMAT.units));
        row++;
      }
      grid.set(row, 0, text(label, "total"));
      grid.set(row, 1, text(mix.family, "total"));
      grid.set(row, 2, text("All products", "total"));
      grid.set(row, 3, formula(sumRows(3, top, row - 1), sum(splits.map((s) => s.share)), PERCENT, "total"));
      for (let c = first; c <= totalColumn; c++) {
        const t = c - first;
        const cached = sum(splits.map((s) => (c === totalColumn ? sum(Array.from(s[key])) : s[key][t])));
        grid.set(row, c, formula(sumRows(c, top, row - 1), cached, FORMAT.units, "total"));
      }
      row += 2;
    }
  }
  return {
    name,
    cells: grid.cells,
    columnWidths: [14, 18, 18, 8, ...periodColumnWidths(periods, 10), 12],
    freeze: { rows: header + 1, columns: 4 },
    tabColor: TAB_COLOR.analysis,
  };
}

// The period header row and the approach sentence the analysis sheets share.
import type { PlanAnalysis } from "../../engine";
import { SheetGrid, text } from "./kit";

/** Header row: the key columns, every period, and Total. */
export function headerRow(grid: SheetGrid, row: number, keys: readonly string[], periods: readonly string[]): void {
  [...keys, ...periods, "Total"].forEach((h, c) => grid.set(row, c, text(h, "header")));
}

export function approachText(analysis: PlanAnalysis): string {
  return analysis.approach === "top-down"
    ? "Top-down: each family's recommended plan is split to its products by mix, in whole units"
    : "Bottom-up: each product's own forecast, the family plan being planned on their sum";
}

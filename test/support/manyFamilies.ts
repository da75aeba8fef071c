// A workbook of many families with long names, as blocks a host reads: how the formula limits are tested at size.
import type { RawTable } from "../../src/workbook/raw";
import { excelTable } from "./grids";

const RESOURCES = ["Assembly", "Test", "Paint"];

/** `count` family names of exactly `length` characters (31: the longest a sheet name can be), all different. */
export function longFamilyNames(count: number, length = 31): string[] {
  return Array.from({ length: count }, (_, f) => `Family ${String(f + 1).padStart(4, "0")} `.padEnd(length, "x").slice(0, length));
}

/**
 * Forecast, Products (one product a family, loading one of three resources), Capacity and Policy
 * for the given families over `periods`: every sheet the planner lays out from them is written.
 */
export function manyFamilyBlocks(names: readonly string[], periods: readonly string[]): RawTable[] {
  return [
    excelTable("Forecast", "Forecast", [["Family", "Product", ...periods], ...names.map((family, f) => [family, null, ...periods.map((_, t) => 400 + ((f * 37 + t * 101) % 300))])]),
    excelTable("Products", "Products", [
      ["Product", "Family", "Mix", "Price", "Unit cost", ...RESOURCES],
      ...names.map((family, f) => [`Item ${f + 1} of ${family}`, family, 1, 90 + (f % 7), 30, ...RESOURCES.map((_, r) => (f % 3 === r ? 0.2 : null))]),
    ]),
    excelTable("Capacity", "Capacity", [["Resource", ...periods], ...RESOURCES.map((resource, r) => [resource, ...periods.map(() => names.length * (90 + 30 * r))])]),
    excelTable("Policy", "Policy", [
      ["Parameter", "Value"],
      ["Labor hours per unit", 1],
      ["Hours per worker per period", 160],
      ["Regular cost per hour", 20],
      ["Hiring cost per worker", 800],
      ["Layoff cost per worker", 1200],
      ["Holding cost per unit", 1.5],
      ["Backorder cost per unit", 6],
      ["Price per unit", 95],
    ]),
  ];
}

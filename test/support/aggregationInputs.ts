// Planning inputs with products and resources, for the aggregation, capacity, finance and risk tests.
import type { PlanningInput, ProductInput } from "../../src/engine";
import { family } from "./planInputs";

export const product = (name: string, mix: number | null, demand: number[] | null, loads: Record<string, number> = {}, extra: Partial<ProductInput> = {}): ProductInput => ({
  product: name,
  family: "Tools",
  demand,
  mix,
  price: null,
  unitCost: null,
  loads,
  ...extra,
});

/**
 * Tools: family row 100, 50; Drill (mix 60 %, 0.5 h of Line) forecasts 80, 20; Saw (40 %, 1 h of
 * Line and 0.2 h of Paint) 30, 40, so the products add up to 110, 60. Chase with 10 units per
 * worker makes exactly the demand.
 */
export function toolsInput(): PlanningInput {
  return {
    periods: ["Jan", "Feb"],
    workingDays: null,
    families: [
      family("Tools", [100, 50], { unitsPerWorkerPerPeriod: 10, regularCostPerUnit: 2, materialCostPerUnit: 5, pricePerUnit: 100 }),
    ],
    products: [
      product("Drill", 0.6, [80, 20], { Line: 0.5 }, { price: 80, unitCost: 30 }),
      product("Saw", 0.4, [30, 40], { Line: 1, Paint: 0.2 }, { price: 120 }),
    ],
    resources: [
      { resource: "Line", available: [60, 60] },
      { resource: "Paint", available: [100, 100] },
    ],
  };
}


/**
 * Tools with its Mix only: the same products without forecast rows, so the Mix (Drill 60 %, Saw
 * 40 %) splits the family plan (100, 50) in every period: Drill 60, 30 and Saw 40, 20. A family with
 * product rows is split by their own shares instead (see toolsInput and splitByForecast).
 */
export function toolsMixInput(): PlanningInput {
  const input = toolsInput();
  return { ...input, products: input.products.map((p) => ({ ...p, demand: null })) };
}

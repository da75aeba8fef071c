// A planner's hard case: five families over 18 months on four shared resources, with long names,
// product prices unlike the Policy's, safety stocks, backorders for some families and not others,
// and one resource (Assembly) scaled to a share of what the unconstrained plans need.
import type { Grid } from "./xlsxFiles";

export const FIVE_PERIODS = Array.from({ length: 18 }, (_, i) => {
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][i % 12];
  return `${month} ${2027 + Math.floor(i / 12)}`;
});

/** Seasonal demand: a base, a peak month and a swing (deterministic). */
function seasonal(base: number, peakMonth: number, swing: number): number[] {
  return FIVE_PERIODS.map((_, t) => Math.round(base * (1 + swing * Math.cos(((t - peakMonth) * 2 * Math.PI) / 12))));
}

const FAMILIES: { name: string; demand: number[]; products: [string, number, number, number, Record<string, number>][] }[] = [
  // product, mix, price, unit cost, loads (hours a unit)
  {
    name: "Cordless Drills and Impact Drivers",
    demand: seasonal(2400, 10, 0.35),
    products: [
      ["Drill 12V", 0.4, 69, 22, { Assembly: 0.5, Test: 0.1, Packing: 0.05 }],
      ["Drill 18V", 0.6, 105, 32, { Assembly: 0.7, Test: 0.15, Packing: 0.05 }],
    ],
  },
  {
    name: "Garden Tools for Professional Landscapers",
    demand: seasonal(2200, 4, 0.5),
    products: [
      ["Hedge Trimmer", 0.55, 99, 31, { Assembly: 0.9, Paint: 0.3, Packing: 0.08 }],
      ["Leaf Blower", 0.45, 125, 40, { Assembly: 1.1, Paint: 0.2, Packing: 0.08 }],
    ],
  },
  {
    name: "Pressure Washers",
    demand: seasonal(900, 5, 0.4),
    products: [["Washer 2000", 1, 180, 70, { Assembly: 1.4, Test: 0.3, Packing: 0.1 }]],
  },
  {
    name: "Tower Fans and Air Coolers",
    demand: seasonal(1600, 6, 0.6),
    products: [
      ["Tower Fan", 0.7, 59, 18, { Assembly: 0.4, Paint: 0.1, Packing: 0.06 }],
      ["Air Cooler", 0.3, 149, 52, { Assembly: 0.8, Paint: 0.15, Packing: 0.1 }],
    ],
  },
  {
    name: "Workshop Vacuums",
    demand: seasonal(700, 11, 0.25),
    products: [["Shop Vac", 1, 89, 27, { Assembly: 0.6, Test: 0.1, Packing: 0.07 }]],
  },
];

/** A family's price in period t as the top-down plan uses it: its products' prices weighted by that period's product forecasts (rounded mix × demand). */
export function fiveFamilyPriceAt(family: string, t: number): number {
  const { products, demand } = FAMILIES.find((f) => f.name === family)!;
  const units = products.map(([, mix]) => Math.round(demand[t] * mix));
  const total = units.reduce((a, b) => a + b, 0);
  return products.reduce((sum, [, , price], i) => sum + (units[i] / total) * price, 0);
}

const RESOURCES: Record<string, number> = { Assembly: 7000, Test: 900, Paint: 1600, Packing: 900 };

/** The workbook's sheets as grids; `assemblyShare` scales Assembly's capacity (0.6 = the 60 % case). */
export function fiveFamilyGrids(assemblyShare = 1): Record<string, Grid> {
  const forecast: Grid = [["Family", "Product", ...FIVE_PERIODS]];
  for (const family of FAMILIES) {
    forecast.push([family.name, null, ...family.demand]);
    for (const [product, mix] of family.products) forecast.push([family.name, product, ...family.demand.map((d) => Math.round(d * mix))]);
  }
  const resources = Object.keys(RESOURCES);
  const products: Grid = [["Product", "Family", "Mix", "Price", "Unit cost", ...resources]];
  for (const family of FAMILIES) {
    for (const [product, mix, price, cost, loads] of family.products) products.push([product, family.name, mix, price, cost, ...resources.map((r) => loads[r] ?? null)]);
  }
  const capacity: Grid = [
    ["Resource", ...FIVE_PERIODS],
    ["Working days", ...FIVE_PERIODS.map((_, t) => [20, 20, 23, 21, 21, 22, 21, 22, 22, 21, 21, 21][t % 12])],
    ...resources.map((r) => [r, ...FIVE_PERIODS.map(() => RESOURCES[r] * (r === "Assembly" ? assemblyShare : 1))]),
  ];
  const names = FAMILIES.map((f) => f.name);
  const policy: Grid = [
    ["Parameter", "Value", ...names],
    ["Initial inventory", 400, null, null, null, null, null],
    ["Safety stock", null, 200, 150, 50, null, 50],
    ["Ending inventory", 300, null, null, null, null, null],
    ["Initial workers", null, 40, 35, 14, 18, 10],
    ["Labor hours per unit", null, 1.2, 1.6, 2.2, 0.9, 1.1],
    ["Hours per worker per day", 8, null, null, null, null, null],
    ["Regular cost per hour", 22, null, null, null, null, null],
    ["Overtime cost per hour", 33, null, null, null, null, null],
    ["Max overtime hours per worker", 20, null, null, null, null, null],
    ["Hiring cost per worker", 1500, null, null, null, null, null],
    ["Layoff cost per worker", 2500, null, null, null, null, null],
    ["Holding cost per unit", 2, null, null, null, null, null],
    ["Backorder cost per unit", null, null, null, 8, 5, null],
    ["Subcontract cost per unit", null, 95, 120, null, 60, null],
    ["Max subcontract per period", null, 300, 200, null, 300, null],
    ["Price per unit", 100, null, null, null, null, null],
    ["Integer workers", "Yes", null, null, null, null, null],
  ];
  return { Forecast: forecast, Products: products, Capacity: capacity, Policy: policy };
}

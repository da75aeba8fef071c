// Seeded input-template workbooks at planners' sizes for the end-to-end bench: N families × 52 weeks, one product per family, three shared resources.
"use strict";
const { prng } = require("../test/support/prng.js");

const WEEKS = 52;
const RESOURCES = ["Press", "Paint", "Pack"];

const text = (value) => ({ value });
const header = (value) => ({ value, style: "header" });
const num = (value, format = "#,##0") => (value === null ? null : { value, format, style: "input" });

function tableSheet(name, headers, rows) {
  return {
    name,
    cells: [headers.map(header), ...rows],
    tables: [{ name, top: 0, left: 0, rows: rows.length + 1, columns: headers.length, style: "TableStyleMedium2" }],
    freeze: { rows: 1, columns: 0 },
  };
}

/**
 * The template filled in for `count` families with seasonal, noisy weekly demand, policies that
 * differ by family (pay, productivity, hiring, layoff, holding, backorder and subcontract costs)
 * and three resources every product loads, with capacity at `tightness` × the average weekly load
 * so the peaks compete for it. `integerWorkers` asks for whole workers.
 */
function templateWorkbook(count, { seed = 2027, integerWorkers = false, tightness = 0.97 } = {}) {
  const random = prng(seed);
  const periods = Array.from({ length: WEEKS }, (_, t) => `W${String(t + 1).padStart(2, "0")}`);
  const workingDays = periods.map((_, t) => (t % 13 === 12 ? 4 : 5));
  const families = Array.from({ length: count }, (_, f) => {
    const base = 300 + random() * 1500;
    const amplitude = random() * 0.5;
    const phase = random() * WEEKS;
    const laborHoursPerUnit = 1 + random() * 2;
    const regularCostPerHour = 18 + random() * 8;
    return {
      name: `Family ${String(f + 1).padStart(3, "0")}`,
      product: `Product ${String(f + 1).padStart(3, "0")}`,
      demand: periods.map((_, t) =>
        Math.round(base * (1 + amplitude * Math.sin((2 * Math.PI * (t + phase)) / WEEKS)) * (0.7 + 0.6 * random())),
      ),
      initialWorkers: Math.round(base / 40),
      laborHoursPerUnit: Math.round(laborHoursPerUnit * 100) / 100,
      regularCostPerHour: Math.round(regularCostPerHour * 100) / 100,
      hiringCostPerWorker: Math.round(800 + random() * 800),
      layoffCostPerWorker: Math.round(1200 + random() * 800),
      holdingCostPerUnit: Math.round((0.2 + random() * 0.6) * 100) / 100,
      backorderCostPerUnit: Math.round((3 + random() * 4) * 100) / 100,
      subcontractCostPerUnit: Math.round((laborHoursPerUnit * regularCostPerHour + 10) * (1.3 + 0.5 * random()) * 100) / 100,
      price: Math.round((laborHoursPerUnit * regularCostPerHour + 10) * (2 + random()) * 100) / 100,
      loads: RESOURCES.map(() => Math.round((0.2 + random()) * 100) / 100),
    };
  });
  const capacity = RESOURCES.map((_, r) => {
    const averageLoad = families.reduce((sum, f) => sum + (f.loads[r] * f.demand.reduce((a, b) => a + b, 0)) / WEEKS, 0);
    return Math.round(tightness * averageLoad);
  });
  const perFamily = (pick) => families.map((f) => num(pick(f), "#,##0.##"));
  const policy = [
    ["Initial inventory", 200, null],
    ["Initial workers", null, (f) => f.initialWorkers],
    ["Labor hours per unit", null, (f) => f.laborHoursPerUnit],
    ["Hours per worker per day", 8, null],
    ["Regular cost per hour", null, (f) => f.regularCostPerHour],
    ["Overtime cost per hour", null, (f) => Math.round(f.regularCostPerHour * 150) / 100],
    ["Max overtime hours per worker", 8, null],
    ["Hiring cost per worker", null, (f) => f.hiringCostPerWorker],
    ["Layoff cost per worker", null, (f) => f.layoffCostPerWorker],
    ["Holding cost per unit", null, (f) => f.holdingCostPerUnit],
    ["Backorder cost per unit", null, (f) => f.backorderCostPerUnit],
    ["Subcontract cost per unit", null, (f) => f.subcontractCostPerUnit],
    ["Material cost per unit", 10, null],
    ["Price per unit", null, (f) => f.price],
    ["Integer workers", integerWorkers ? "Yes" : "No", null],
  ];
  return {
    sheets: [
      tableSheet(
        "Forecast",
        ["Family", "Product", ...periods],
        families.map((f) => [text(f.name), text(f.product), ...f.demand.map((d) => num(d))]),
      ),
      tableSheet(
        "Products",
        ["Product", "Family", "Mix", ...RESOURCES],
        families.map((f) => [text(f.product), text(f.name), num(1, "0%"), ...f.loads.map((l) => num(l, "0.00"))]),
      ),
      tableSheet("Capacity", ["Resource", ...periods], [
        [text("Working days"), ...workingDays.map((d) => num(d))],
        ...RESOURCES.map((r, i) => [text(r), ...periods.map(() => num(capacity[i]))]),
      ]),
      tableSheet(
        "Policy",
        ["Parameter", "Value", ...families.map((f) => f.name)],
        policy.map(([parameter, value, pick]) => [
          text(parameter),
          typeof value === "string" ? { value, style: "input" } : num(value, "#,##0.##"),
          ...(pick ? perFamily(pick) : families.map(() => null)),
        ]),
      ),
    ],
  };
}

module.exports = { templateWorkbook, WEEKS };

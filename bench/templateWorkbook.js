// Seeded input-template workbooks at planners' sizes for the end-to-end bench: N families × 52 weeks, one product per family, three shared resources (or three per group of families).
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
 *
 * `groups` (sizes, e.g. [50, 50]) splits the families into coupled groups, each loading three
 * resources of its own (`Press 1`, `Paint 1`, `Pack 1`, …); families after the groups load none
 * (planned alone). `smallWorkforce` scales demand down to 1–5 workers a family. The random draws
 * are the same whatever the grouping, so the families of a seed are the same. `scenarios` (rows of
 * [scenario, change, target, value]) adds a Scenarios table.
 */
function templateWorkbook(count, { seed = 2027, integerWorkers = false, tightness = 0.97, groups = [count], smallWorkforce = false, scenarios = [] } = {}) {
  const random = prng(seed);
  const groupOf = [];
  groups.forEach((size, g) => {
    for (let k = 0; k < size; k++) groupOf.push(g);
  });
  const resourceNames = groups.length === 1 ? [RESOURCES] : groups.map((_, g) => RESOURCES.map((r) => `${r} ${g + 1}`));
  const periods = Array.from({ length: WEEKS }, (_, t) => `W${String(t + 1).padStart(2, "0")}`);
  const workingDays = periods.map((_, t) => (t % 13 === 12 ? 4 : 5));
  const families = Array.from({ length: count }, (_, f) => {
    const draw = random();
    // Small workforces: 15–75 units a week, 1–5 workers at 1–3 hours a unit and 40 hours a week.
    const base = smallWorkforce ? 15 + draw * 60 : 300 + draw * 1500;
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
      initialWorkers: smallWorkforce ? Math.max(1, Math.round((base * laborHoursPerUnit) / 40)) : Math.round(base / 40),
      laborHoursPerUnit: Math.round(laborHoursPerUnit * 100) / 100,
      regularCostPerHour: Math.round(regularCostPerHour * 100) / 100,
      hiringCostPerWorker: Math.round(800 + random() * 800),
      layoffCostPerWorker: Math.round(1200 + random() * 800),
      holdingCostPerUnit: Math.round((0.2 + random() * 0.6) * 100) / 100,
      backorderCostPerUnit: Math.round((3 + random() * 4) * 100) / 100,
      subcontractCostPerUnit: Math.round((laborHoursPerUnit * regularCostPerHour + 10) * (1.3 + 0.5 * random()) * 100) / 100,
      price: Math.round((laborHoursPerUnit * regularCostPerHour + 10) * (2 + random()) * 100) / 100,
      loads: RESOURCES.map(() => Math.round((0.2 + random()) * 100) / 100),
      group: groupOf[f] ?? null,
    };
  });
  // Each group's resources at `tightness` × its own families' average weekly load.
  const capacity = resourceNames.map((names, g) =>
    names.map((_, r) => {
      const averageLoad = families
        .filter((f) => f.group === g)
        .reduce((sum, f) => sum + (f.loads[r] * f.demand.reduce((a, b) => a + b, 0)) / WEEKS, 0);
      return Math.round(tightness * averageLoad);
    }),
  );
  const allResources = resourceNames.flat();
  const loadsOf = (f) => resourceNames.flatMap((names, g) => names.map((_, r) => (f.group === g ? f.loads[r] : null)));
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
        ["Product", "Family", "Mix", ...allResources],
        families.map((f) => [text(f.product), text(f.name), num(1, "0%"), ...loadsOf(f).map((l) => num(l, "0.00"))]),
      ),
      tableSheet("Capacity", ["Resource", ...periods], [
        [text("Working days"), ...workingDays.map((d) => num(d))],
        ...resourceNames.flatMap((names, g) => names.map((r, i) => [text(r), ...periods.map(() => num(capacity[g][i]))])),
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
      ...(scenarios.length > 0
        ? [tableSheet("Scenarios", ["Scenario", "Change", "Target", "Value"], scenarios.map((r) => r.map((v) => (typeof v === "number" ? num(v, "0.00") : v === null ? null : text(v)))))]
        : []),
    ],
  };
}

module.exports = { templateWorkbook, WEEKS };

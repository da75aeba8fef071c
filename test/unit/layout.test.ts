// The plan sheets' layout: formulas point at the right cells, cached values are the engine's, names suit Excel.
import { amountText, COST_KINDS, moneyText, numberText, planAll, type CostBreakdown, type FamilyResult, type PlanningInput, type PlanResult } from "../../src/engine";
import { layoutInputSheets, layoutPlanSheets, planSheetBaseName, SUMMARY_SHEET_NAME } from "../../src/workbook/layout";
import { sheetNameProblem } from "../../src/workbook/sheet";
import type { RawTable } from "../../src/workbook/raw";
import { cellAddress, type CellSpec, type SheetSpec, type WorkbookSpec } from "../../src/workbook/sheet";
import { IDLE_TIME_CHOICES, POLICY_PARAMETERS, policyParameter } from "../../src/template/schema";
import { family, longHorizonInput, perPeriodInput, workingDaysInput } from "../support/planInputs";
import { SheetGrid } from "../../src/workbook/layout/kit";

const STRATEGIES = ["level", "chase", "manual"] as const;

function planned(input: PlanningInput): { spec: WorkbookSpec; results: FamilyResult[] } {
  const results = planAll(input, [...STRATEGIES]);
  return { spec: layoutPlanSheets(input, results), results };
}

function sheetNamed(spec: WorkbookSpec, name: string): SheetSpec {
  const sheet = spec.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** The 0-based row of the n-th cell in column A reading `label`. */
function rowOf(sheet: SheetSpec, label: string, occurrence = 0): number {
  const rows = sheet.cells.flatMap((line, r) => (line[0]?.value === label ? [r] : []));
  if (rows.length <= occurrence) throw new Error(`no row "${label}" #${occurrence} on ${sheet.name}`);
  return rows[occurrence];
}

/** The absolute address of a parameter's value cell, as the formulas write it. */
const param = (sheet: SheetSpec, label: string) => cellAddress(rowOf(sheet, label), 1, true);

const cell = (sheet: SheetSpec, row: number, column: number): CellSpec => {
  const found = sheet.cells[row]?.[column];
  if (!found) throw new Error(`empty cell ${sheet.name}!${cellAddress(row, column)}`);
  return found;
};

/** A plan block's cell: the row labelled `label` in block `block`, period `t` (column B = period 0). */
const planCell = (sheet: SheetSpec, label: string, block: number, t: number) => cell(sheet, rowOf(sheet, label, block), t + 1);
/** Relative address of a plan block's cell. */
const at = (sheet: SheetSpec, label: string, block: number, t: number) => cellAddress(rowOf(sheet, label, block), t + 1);

const allCells = (spec: WorkbookSpec) => spec.sheets.flatMap((s) => s.cells.flat().filter((c): c is CellSpec => c !== null));

describe("the workbook", () => {
  it("puts the Summary first, then one sheet per family in input order", () => {
    const { spec } = planned(workingDaysInput());
    expect(spec.sheets.map((s) => s.name)).toEqual([SUMMARY_SHEET_NAME, "SOP Pumps", "SOP Fans"]);
  });

  it("starts each sheet with a title and a one-line note that blue cells can be edited", () => {
    const { spec } = planned(perPeriodInput());
    for (const sheet of spec.sheets) {
      expect(cell(sheet, 0, 0).style).toBe("title");
      expect(cell(sheet, 1, 0).style).toBe("note");
      expect(String(cell(sheet, 1, 0).value)).toMatch(/blue cells can be edited/i);
    }
  });

  it("shows when the plans were made, only when told", () => {
    const input = perPeriodInput();
    const results = planAll(input, ["level"]);
    const withDate = layoutPlanSheets(input, results, { plannedAt: new Date(2027, 0, 5, 12, 0) });
    const summary = sheetNamed(withDate, SUMMARY_SHEET_NAME);
    expect(cell(summary, 2, 1)).toEqual({ value: 46392.5, format: "yyyy-mm-dd hh:mm" });
    expect(sheetNamed(layoutPlanSheets(input, results), SUMMARY_SHEET_NAME).cells[2] ?? []).toEqual([]);
  });
});

describe("a run with nothing to show", () => {
  it("still gives the Summary's table a data row, as Excel requires", () => {
    const input = perPeriodInput();
    const noPlans = input.families.map((f) => ({ family: f.family, recommended: null, plans: [] }));
    const summary = sheetNamed(layoutPlanSheets(input, noPlans), SUMMARY_SHEET_NAME);
    expect(summary.tables![0].rows).toBe(2);
    const empty = sheetNamed(layoutPlanSheets({ ...input, families: [] }, []), SUMMARY_SHEET_NAME);
    expect(empty.cells.flat().some((c) => c?.value === "No family was planned.")).toBe(true);
  });
});

describe("the parameters block", () => {
  const { spec } = planned(perPeriodInput());
  const tools = sheetNamed(spec, "SOP Tools");
  const valves = sheetNamed(spec, "SOP Valves");

  it("holds every value the formulas read as an editable (blue) constant", () => {
    for (const label of ["Initial inventory", "Initial backlog", "Initial workers", "Regular cost per hour", "Hiring cost per worker", "Subcontract cost per unit", "Price per unit"]) {
      expect(cell(tools, rowOf(tools, label), 1).style).toBe("input");
    }
    expect(cell(tools, rowOf(tools, "Initial inventory"), 1).value).toBe(20);
    expect(cell(tools, rowOf(tools, "Regular cost per hour"), 1).value).toBe(10);
  });

  it("says what a blank parameter means instead of showing an editable cell", () => {
    const initialWorkers = rowOf(valves, "Initial workers");
    expect(valves.cells[initialWorkers][1]).toBeNull();
    expect(String(cell(valves, initialWorkers, 2).value)).toMatch(/not given/);
    expect(String(cell(tools, rowOf(tools, "Backorder cost per unit"), 2).value)).toMatch(/not allowed/);
  });

  it("names every Policy parameter as the schema does, with the schema's words for a blank one", () => {
    // Hours per unit and hours per worker: every parameter but the units-per-worker rule applies.
    const policy = { laborHoursPerUnit: 2, hoursPerWorkerPerPeriod: 160, hoursPerWorkerPerDay: 8, regularCostPerHour: 10, overtimeCostPerHour: 15, maxOvertimeUnitsPerPeriod: 5 };
    const input: PlanningInput = { periods: ["Jan", "Feb"], workingDays: [20, 20], products: [], resources: [], families: [family("Pumps", [100, 200], policy)] };
    const sheet = sheetNamed(planned(input).spec, "SOP Pumps");
    const labels = new Set(sheet.cells.map((line) => line[0]?.value));
    const expected = POLICY_PARAMETERS.filter((p) => p.field !== "unitsPerWorkerPerDay" && p.field !== "unitsPerWorkerPerPeriod");
    expect(expected.filter((p) => !labels.has(p.name)).map((p) => p.name)).toEqual([]);
    const note = (label: string) => cell(sheet, rowOf(sheet, label), 2).value;
    expect(note("Max subcontract per period")).toBe(`not given: ${policyParameter("maxSubcontractPerPeriod").blank}`);
    expect(note("Max overtime hours per worker")).toBe(`not given: ${policyParameter("maxOvertimeHoursPerWorker").blank}`);
    expect(note("Idle time")).toBe(IDLE_TIME_CHOICES[0].meaning);
    expect(cell(sheet, rowOf(sheet, "Holding cost basis"), 1).value).toBe("Ending");
  });

  it("leaves out an hourly rate that has no hours to multiply", () => {
    expect(() => rowOf(valves, "Regular cost per hour")).toThrow();
    expect(() => rowOf(valves, "Overtime cost per hour")).toThrow();
  });
});

describe("plan block rows", () => {
  it("shows working days and hours only when known", () => {
    const perPeriod = sheetNamed(planned(perPeriodInput()).spec, "SOP Valves");
    expect(() => rowOf(perPeriod, "Working days")).toThrow();
    expect(() => rowOf(perPeriod, "Hours per worker")).toThrow();
    const days = sheetNamed(planned(workingDaysInput()).spec, "SOP Pumps");
    expect(planCell(days, "Working days", 0, 3).value).toBe(4.5);
    expect(planCell(days, "Hours per worker", 0, 1).value).toBe(30);
    expect(planCell(days, "Units per worker", 0, 1).value).toBe(40);
  });

  it("makes decisions blue constants and demand a plain constant", () => {
    const tools = sheetNamed(planned(perPeriodInput()).spec, "SOP Tools");
    for (const label of ["Workers", "Regular", "Overtime", "Subcontract"]) {
      const c = planCell(tools, label, 2, 0);
      expect(c.formula).toBeUndefined();
      expect(c.style).toBe("input");
    }
    expect(planCell(tools, "Overtime", 2, 0).value).toBe(50);
    expect(planCell(tools, "Demand", 2, 0)).toEqual({ value: 300, format: "#,##0" });
  });

  it("formats units, money and workers (whole or not)", () => {
    const { spec } = planned(perPeriodInput());
    const tools = sheetNamed(spec, "SOP Tools");
    const valves = sheetNamed(spec, "SOP Valves");
    expect(planCell(tools, "Inventory", 0, 0).format).toBe("#,##0");
    expect(planCell(tools, "Holding cost", 0, 0).format).toBe("#,##0.00");
    expect(planCell(tools, "Workers", 0, 0).format).toBe("#,##0");
    expect(planCell(valves, "Workers", 0, 0).format).toBe("#,##0.0");
  });
});

describe("formulas reference the right cells", () => {
  const { spec } = planned(perPeriodInput());
  const tools = sheetNamed(spec, "SOP Tools"); // ending basis, initial workers 5, no backorders
  const valves = sheetNamed(spec, "SOP Valves"); // average basis, no initial workers, backorders
  const M = 2; // the manual plan's block

  it("hires and lays off against the Initial workers cell in period 1, then against the period before", () => {
    expect(planCell(tools, "Hired", M, 0).formula).toBe(`MAX(0,${at(tools, "Workers", M, 0)}-${param(tools, "Initial workers")})`);
    expect(planCell(tools, "Laid off", M, 0).formula).toBe(`MAX(0,${param(tools, "Initial workers")}-${at(tools, "Workers", M, 0)})`);
    expect(planCell(tools, "Hired", M, 2).formula).toBe(`MAX(0,${at(tools, "Workers", M, 2)}-${at(tools, "Workers", M, 1)})`);
  });

  it("writes a constant 0 for period 1's hiring when Initial workers is blank", () => {
    expect(planCell(valves, "Hired", M, 0)).toEqual({ value: 0, format: "#,##0.0" });
    expect(planCell(valves, "Laid off", M, 0).formula).toBeUndefined();
    expect(planCell(valves, "Hired", M, 1).formula).toBe(`MAX(0,${at(valves, "Workers", M, 1)}-${at(valves, "Workers", M, 0)})`);
  });

  it("chains the net position from the initial inventory and backlog cells", () => {
    const net0 = `${param(valves, "Initial inventory")}-${param(valves, "Initial backlog")}+${at(valves, "Regular", M, 0)}+${at(valves, "Overtime", M, 0)}+${at(valves, "Subcontract", M, 0)}-${at(valves, "Demand", M, 0)}`;
    expect(planCell(valves, "Inventory", M, 0).formula).toBe(`MAX(0,${net0})`);
    expect(planCell(valves, "Backlog", M, 0).formula).toBe(`MAX(0,-(${net0}))`);
    const net1 = `${at(valves, "Inventory", M, 0)}-${at(valves, "Backlog", M, 0)}+${at(valves, "Regular", M, 1)}+${at(valves, "Overtime", M, 1)}+${at(valves, "Subcontract", M, 1)}-${at(valves, "Demand", M, 1)}`;
    expect(planCell(valves, "Inventory", M, 1).formula).toBe(`MAX(0,${net1})`);
  });

  it("ships demand plus the backlog carried in less the backlog carried out", () => {
    expect(planCell(valves, "Shipped", M, 0).formula).toBe(
      `${at(valves, "Demand", M, 0)}+${param(valves, "Initial backlog")}-${at(valves, "Backlog", M, 0)}`,
    );
    expect(planCell(valves, "Shipped", M, 1).formula).toBe(
      `${at(valves, "Demand", M, 1)}+${at(valves, "Backlog", M, 0)}-${at(valves, "Backlog", M, 1)}`,
    );
  });

  it("pays every worker's regular hours and each unit made; overtime by hour and by unit", () => {
    expect(planCell(tools, "Regular cost", M, 1).formula).toBe(
      `${param(tools, "Regular cost per hour")}*${at(tools, "Hours per worker", M, 1)}*${at(tools, "Workers", M, 1)}+${param(tools, "Regular cost per unit")}*${at(tools, "Regular", M, 1)}`,
    );
    expect(planCell(tools, "Overtime cost", M, 0).formula).toBe(
      `${param(tools, "Overtime cost per hour")}*${at(tools, "Labor hours per unit", M, 0)}*${at(tools, "Overtime", M, 0)}+${param(tools, "Overtime cost per unit")}*${at(tools, "Overtime", M, 0)}`,
    );
    expect(planCell(valves, "Regular cost", M, 0).formula).toBe(`${param(valves, "Regular cost per unit")}*${at(valves, "Regular", M, 0)}`);
  });

  it("holds on ending inventory or on the average of beginning and ending, as the family chose", () => {
    expect(planCell(tools, "Holding cost", M, 1).formula).toBe(`${param(tools, "Holding cost per unit")}*${at(tools, "Inventory", M, 1)}`);
    expect(planCell(valves, "Holding cost", M, 0).formula).toBe(
      `${param(valves, "Holding cost per unit")}*(${param(valves, "Initial inventory")}+${at(valves, "Inventory", M, 0)})/2`,
    );
    expect(planCell(valves, "Holding cost", M, 2).formula).toBe(
      `${param(valves, "Holding cost per unit")}*(${at(valves, "Inventory", M, 1)}+${at(valves, "Inventory", M, 2)})/2`,
    );
  });

  it("charges backorders only when they are allowed", () => {
    expect(planCell(valves, "Backorder cost", M, 1).formula).toBe(`${param(valves, "Backorder cost per unit")}*${at(valves, "Backlog", M, 1)}`);
    expect(planCell(tools, "Backorder cost", M, 1)).toEqual({ value: 0, format: "#,##0.00" });
  });

  it("charges hiring, layoffs, subcontracting, material and earns price × shipped", () => {
    expect(planCell(tools, "Hiring cost", M, 0).formula).toBe(`${param(tools, "Hiring cost per worker")}*${at(tools, "Hired", M, 0)}`);
    expect(planCell(tools, "Layoff cost", M, 0).formula).toBe(`${param(tools, "Layoff cost per worker")}*${at(tools, "Laid off", M, 0)}`);
    expect(planCell(tools, "Subcontract cost", M, 0).formula).toBe(`${param(tools, "Subcontract cost per unit")}*${at(tools, "Subcontract", M, 0)}`);
    expect(planCell(tools, "Material cost", M, 0).formula).toBe(
      `${param(tools, "Material cost per unit")}*(${at(tools, "Regular", M, 0)}+${at(tools, "Overtime", M, 0)})`,
    );
    expect(planCell(tools, "Revenue", M, 0).formula).toBe(`${param(tools, "Price per unit")}*${at(tools, "Shipped", M, 0)}`);
  });

  it("totals the cost lines, takes the margin, and sums each flow across the periods", () => {
    const first = at(tools, "Regular cost", M, 1);
    const last = at(tools, "Material cost", M, 1);
    expect(planCell(tools, "Total cost", M, 1).formula).toBe(`SUM(${first}:${last})`);
    expect(planCell(tools, "Margin", M, 1).formula).toBe(`${at(tools, "Revenue", M, 1)}-${at(tools, "Total cost", M, 1)}`);
    expect(planCell(tools, "Revenue", M, 3).formula).toBe(`SUM(${at(tools, "Revenue", M, 0)}:${at(tools, "Revenue", M, 2)})`);
    // Stocks have no meaningful sum over time.
    expect(tools.cells[rowOf(tools, "Inventory", M)][4]).toBeUndefined();
  });

  it("names columns past Z correctly on a long horizon", () => {
    const long = sheetNamed(planned(longHorizonInput()).spec, "SOP Long horizon");
    expect(planCell(long, "Total cost", 0, 30).formula).toBe(`SUM(${at(long, "Total cost", 0, 0)}:AE${rowOf(long, "Total cost") + 1})`);
  });
});

describe("cached values are the engine's numbers", () => {
  type PeriodKey = "demand" | "workers" | "hired" | "laidOff" | "regular" | "overtime" | "subcontract" | "inventory" | "backlog";
  const PERIOD_ROWS: [string, PeriodKey][] = [
    ["Demand", "demand"],
    ["Workers", "workers"],
    ["Hired", "hired"],
    ["Laid off", "laidOff"],
    ["Regular", "regular"],
    ["Overtime", "overtime"],
    ["Subcontract", "subcontract"],
    ["Inventory", "inventory"],
    ["Backlog", "backlog"],
  ];
  const COST_ROWS: [string, keyof CostBreakdown][] = COST_KINDS.map((k) => [`${k[0].toUpperCase()}${k.slice(1)} cost`, k]);

  const shown = (c: CellSpec) => (c.formula ? c.cached : c.value);
  /** The engine's number as a sheet writes it: a residue below 1e-9 (5.68e-14) is 0. */
  const written = (n: number) => (Math.abs(n) < 1e-9 ? 0 : n);

  it.each([
    ["per-period rates", perPeriodInput()],
    ["working days", workingDaysInput()],
  ])("in every period and total of every plan (%s)", (_title, input) => {
    const { spec, results } = planned(input);
    for (const result of results) {
      const sheet = sheetNamed(spec, planSheetBaseName(result.family));
      result.plans.forEach((plan: PlanResult, block) => {
        plan.periods.forEach((p, t) => {
          for (const [label, key] of PERIOD_ROWS) expect(shown(planCell(sheet, label, block, t))).toBe(written(p[key]));
          for (const [label, kind] of COST_ROWS) expect(shown(planCell(sheet, label, block, t))).toBe(written(plan.periodCosts[t][kind]));
          expect(planCell(sheet, "Revenue", block, t).cached).toBe(written(plan.periodRevenue[t]));
        });
        const total = input.periods.length;
        for (const [label, kind] of COST_ROWS) expect(planCell(sheet, label, block, total).cached).toBe(written(plan.costs[kind]));
        expect(planCell(sheet, "Total cost", block, total).cached).toBe(written(plan.totalCost));
        expect(planCell(sheet, "Revenue", block, total).cached).toBe(written(plan.revenue));
        expect(planCell(sheet, "Margin", block, total).cached).toBe(written(plan.margin));
      });
    }
  });

  it("gives every formula a cached number", () => {
    const { spec } = planned(workingDaysInput());
    const formulas = allCells(spec).filter((c) => c.formula);
    expect(formulas.length).toBeGreaterThan(300);
    // A number, or "" where the Summary's cost comparison has no feasible plan to show.
    for (const c of formulas) expect(typeof c.cached === "number" || c.cached === "").toBe(true);
    expect(formulas.filter((c) => c.cached === "").every((c) => c.formula!.startsWith("IF(SUMPRODUCT("))).toBe(true);
  });
});

describe("the Summary", () => {
  const { spec, results } = planned(perPeriodInput());
  const summary = sheetNamed(spec, SUMMARY_SHEET_NAME);
  const header = rowOf(summary, "Family");
  const headers = summary.cells[header].map((c) => c?.value);

  it("has a row per family and strategy with the engine's totals", () => {
    expect(headers).toEqual([
      "Family", "Strategy", "Feasible", "Total cost", "Regular cost", "Overtime cost", "Hiring cost", "Layoff cost",
      "Holding cost", "Backorder cost", "Subcontract cost", "Material cost", "Revenue", "Margin", "Cost of goods sold", "P&L margin", "Shipped", "Unmet demand", "Revenue at risk", "Recommended",
    ]);
    const rows = results.flatMap((r) => r.plans.map((p) => ({ family: r.family, plan: p, recommended: r.recommended })));
    rows.forEach(({ family: name, plan, recommended }, i) => {
      const line = summary.cells[header + 1 + i];
      expect(line[0]?.value).toBe(name);
      expect(line[2]?.value).toBe(plan.feasible ? "Yes" : "No");
      expect(line[3]?.cached).toBe(plan.totalCost);
      expect(line[12]?.cached).toBe(plan.revenue);
      expect(line[13]?.cached).toBe(plan.margin);
      expect(line[14]?.cached).toBe(plan.cogs);
      expect(line[15]?.cached).toBe(plan.grossMargin);
      expect(line[16]?.cached).toBe(plan.shipped);
      expect(line[17]?.value ?? line[17]?.cached).toBe(plan.unmet);
      expect(line[18]?.value ?? line[18]?.cached).toBe(plan.revenueAtRisk);
      expect(line[19]?.value ?? "").toBe(plan.strategy === recommended ? "✓" : "");
    });
  });

  it("reads each money figure live from the family sheet's Total column", () => {
    const line = summary.cells[header + 1 + 2]; // Tools, manual
    const tools = sheetNamed(spec, "SOP Tools");
    const totalCostCell = cellAddress(rowOf(tools, "Total cost", 2), 4, true);
    expect(line[3]?.formula).toBe(`'SOP Tools'!${totalCostCell}`);
    expect(line[3]?.cached).toBe(cell(tools, rowOf(tools, "Total cost", 2), 4).cached);
    expect(line[9]?.formula).toBe(`'SOP Tools'!${cellAddress(rowOf(tools, "Backorder cost", 2), 4, true)}`);
  });

  it("names the recommended plan, its lead over the next feasible one, and why a plan is infeasible", () => {
    const lines = summary.cells.flatMap((line) => (typeof line[0]?.value === "string" ? [line[0].value] : []));
    const tools = results[0];
    const byCost = tools.plans.filter((p) => p.feasible).sort((a, b) => a.totalCost - b.totalCost);
    // Manual's stock is valued, not spent, in the P&L view: it is ahead there, and the sentence says so.
    expect(lines).toContain(
      `Tools: Chase is recommended, 3,915.00 cheaper than Manual, the next feasible plan; Manual's P&L margin is 670.83 higher (the P&L view charges what is made when it ships, the cash view when it is spent).`,
    );
    expect(byCost[1].totalCost - byCost[0].totalCost).toBe(3915);
    const valvesManual = results[1].plans.find((p) => p.strategy === "manual")!;
    expect(lines).toContain(`Valves: Manual is not feasible: ${valvesManual.violations[0].message}.`);
  });

  it("says why a cheaper plan was passed over for shared capacity", () => {
    const noted = results.map((r, i) =>
      i === 0 ? { ...r, recommended: "manual" as const, capacityNote: "the cheaper chase plan, with the other families' plans, overloads Line in Feb (200 of 150)" } : r,
    );
    const sheet = sheetNamed(layoutPlanSheets(perPeriodInput(), noted), SUMMARY_SHEET_NAME);
    const lines = sheet.cells.flatMap((line) => (typeof line[0]?.value === "string" ? [line[0].value] : []));
    expect(lines).toContain(
      "Tools: Manual is recommended: the cheaper chase plan, with the other families' plans, overloads Line in Feb (200 of 150).",
    );
  });
});

describe("the family chart", () => {
  it("draws the recommended plan from its own table rows, above the parameters, over empty cells", () => {
    const { spec, results } = planned(workingDaysInput());
    const sheet = sheetNamed(spec, "SOP Pumps");
    const [chart] = sheet.charts ?? [];
    const recommended = results[0].plans.filter((p) => p.feasible).sort((a, b) => a.totalCost - b.totalCost)[0];
    const block = results[0].plans.indexOf(recommended);
    const title = recommended.strategy[0].toUpperCase() + recommended.strategy.slice(1);
    expect(chart.title).toBe(`Pumps: ${title} plan (recommended), units per period`);
    const periods = workingDaysInput().periods.length;
    const line = (label: string) => ({ top: rowOf(sheet, label, block), left: 1, rows: 1, columns: periods });
    const label = (name: string) => ({ row: rowOf(sheet, name, block), column: 0 });
    expect(chart.series).toEqual([
      { name: "Regular", label: label("Regular"), values: line("Regular"), as: "column" },
      { name: "Overtime", label: label("Overtime"), values: line("Overtime"), as: "column" },
      { name: "Subcontract", label: label("Subcontract"), values: line("Subcontract"), as: "column" },
      { name: "Demand", label: label("Demand"), values: line("Demand"), as: "line" },
      { name: "Inventory", label: label("Inventory"), values: line("Inventory"), as: "line" },
    ]);
    expect(chart.categories).toEqual({ top: rowOf(sheet, "Demand", block) - 1, left: 1, rows: 1, columns: periods });
    expect(chart.stacked).toBe(true);
    // The cells it covers are empty, and the parameters start below it.
    const { top, left, rows, columns } = chart.anchor;
    for (let r = top; r < top + rows; r++) for (let c = left; c < left + columns; c++) expect(sheet.cells[r]?.[c] ?? null).toBeNull();
    expect(rowOf(sheet, "Parameter")).toBeGreaterThan(top + rows);
  });

  it("adds a Backlog line exactly when the charted plan runs a backlog, and draws no chart without periods", () => {
    // Front-loaded demand, backorders allowed and a workforce too dear to change: level runs a backlog.
    const late: PlanningInput = {
      ...perPeriodInput(),
      families: [
        family("Late", [300, 0, 0], {
          unitsPerWorkerPerPeriod: 50,
          regularCostPerUnit: 1,
          hiringCostPerWorker: 10_000,
          layoffCostPerWorker: 10_000,
          backorderCostPerUnit: 0.5,
          initialWorkers: 2,
          pricePerUnit: 10,
        }),
      ],
    };
    let withBacklog = 0;
    for (const input of [late, perPeriodInput(), workingDaysInput(), longHorizonInput()]) {
      const { spec, results } = planned(input);
      for (const r of results) {
        const chart = sheetNamed(spec, `SOP ${r.family}`).charts![0];
        const strategy = /: (\w+) plan/.exec(chart.title)![1].toLowerCase();
        const plan = r.plans.find((p) => p.strategy === strategy)!;
        const runsBacklog = plan.periods.some((x) => x.backlog > 0);
        expect(chart.series.some((s) => s.name === "Backlog")).toBe(runsBacklog);
        if (runsBacklog) withBacklog++;
      }
    }
    expect(withBacklog).toBeGreaterThan(0);

    const input = perPeriodInput();
    const empty = { ...input, periods: [], families: input.families.map((f) => ({ ...f, demand: [] })) } as PlanningInput;
    const { spec } = planned(empty);
    for (const sheet of spec.sheets.filter((s) => s.name !== SUMMARY_SHEET_NAME)) expect(sheet.charts).toBeUndefined();
  });
});

describe("the Summary's cost comparison", () => {
  it("looks each feasible plan's Total cost up in the Summary table, blank for infeasible ones, and charts them", () => {
    const input = workingDaysInput();
    const { spec, results } = planned(input);
    const summary = sheetNamed(spec, SUMMARY_SHEET_NAME);
    const top = rowOf(summary, "Total cost by family and strategy (feasible plans only)");
    const header = top + 1;
    const strategies = summary.cells[header].slice(1).map((c) => c?.value);
    expect(strategies).toEqual(["Level", "Chase", "Manual"]);
    const totalCost = summary.cells[4].findIndex((c) => c?.value === "Total cost");
    results.forEach((result, f) => {
      const row = header + 1 + f;
      expect(cell(summary, row, 0).value).toBe(result.family);
      result.plans.forEach((plan) => {
        const c = 1 + strategies.indexOf(plan.strategy[0].toUpperCase() + plan.strategy.slice(1));
        // By family, strategy and Feasible over the table's rows (exact comparisons, so sorting the
        // table or a family named like a criterion cannot mislead it); "" shows no bar.
        const rows = (col: number) => `${cellAddress(5, col, true)}:${cellAddress(10, col, true)}`;
        const match = `(${rows(0)}=$A${row + 1})*(${rows(1)}=${cellAddress(header, c)[0]}$${header + 1})*(${rows(2)}="Yes")`;
        expect(cell(summary, row, c)).toEqual({
          formula: `IF(SUMPRODUCT(${match})=0,"",SUMPRODUCT(${match},${rows(totalCost)}))`,
          cached: plan.feasible ? plan.totalCost : "",
          format: "#,##0.00",
        });
      });
    });
    // The manual plan of Fans is infeasible (it runs short): its cell is blank.
    expect(results.some((r) => r.plans.some((p) => !p.feasible))).toBe(true);

    const [chart] = summary.charts!;
    const column = (c: number) => ({ top: header + 1, left: c, rows: results.length, columns: 1 });
    expect(chart).toMatchObject({ title: "Total cost by family and strategy", stacked: false, categories: column(0) });
    expect(chart.series).toEqual(strategies.map((name, i) => ({ name, label: { row: header, column: 1 + i }, values: column(1 + i), as: "column" })));
  });
});

describe("names Excel accepts", () => {
  const awkward: PlanningInput = {
    periods: ["Jan", "Total", "Jan", ""],
    workingDays: null,
    products: [],
    resources: [],
    families: [
      family("Tools/Parts: [EU]*?", [1, 2, 3, 4], { unitsPerWorkerPerPeriod: 10 }),
      family("Gadgets", [1, 2, 3, 4], { unitsPerWorkerPerPeriod: 10 }),
      family("GADGETS", [1, 2, 3, 4], { unitsPerWorkerPerPeriod: 10 }),
      family("A family whose name is far longer than Excel allows", [1, 2, 3, 4], { unitsPerWorkerPerPeriod: 10 }),
      family("A family whose name is far longer than Excel allows, too", [1, 2, 3, 4], { unitsPerWorkerPerPeriod: 10 }),
      family("Summary", [1, 2, 3, 4], { unitsPerWorkerPerPeriod: 10 }),
    ],
  };
  const { spec } = planned(awkward);
  const names = spec.sheets.map((s) => s.name);

  it("keeps sheet names within 31 characters, free of []:*?/\\ and unique without regard to case", () => {
    expect(names[1]).toBe("SOP Tools_Parts_ _EU___");
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names).toContain("SOP Gadgets");
    expect(names).toContain("SOP GADGETS (2)");
    expect(names.filter((n) => n.startsWith("SOP A family"))).toEqual(["SOP A family whose name is far", "SOP A family whose name is (2)"]);
    // The cut sheet names differ; each sheet's title gives its family's whole name.
    const titles = spec.sheets.filter((s) => s.name.startsWith("SOP A family")).map((s) => s.cells[0]?.[0]?.value);
    expect(titles).toEqual(["S&OP plan: A family whose name is far longer than Excel allows", "S&OP plan: A family whose name is far longer than Excel allows, too"]);
  });

  it("gives tables names of letters, digits and _ that are unique workbook-wide", () => {
    const tables = spec.sheets.flatMap((s) => s.tables ?? []).map((t) => t.name);
    for (const name of tables) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    expect(new Set(tables.map((n) => n.toLowerCase())).size).toBe(tables.length);
    expect(tables).toContain("SOP_Summary");
    expect(tables).toContain("SOP_Summary_level");
    expect(tables).toContain("SOP_Gadgets_level");
    expect(tables).toContain("SOP_GADGETS_level_2");
    expect(tables).toContain("SOP_Tools_Parts_EU_level");
  });

  it("makes a plan table's headers unique and never empty", () => {
    const sheet = sheetNamed(spec, "SOP Gadgets");
    const table = sheet.tables![0];
    const headers = sheet.cells[table.top].slice(0, table.columns).map((c) => c?.value);
    expect(headers).toEqual(["Row", "Jan", "Total (2)", "Jan (2)", "Period 4", "Total"]);
  });

  it("points the Summary at sheets whose names need quoting", () => {
    const summary = sheetNamed(spec, SUMMARY_SHEET_NAME);
    const formulas = summary.cells.flat().flatMap((c) => (c?.formula ? [c.formula] : []));
    expect(formulas.some((f) => f.startsWith("'SOP Tools_Parts_ _EU___'!$"))).toBe(true);
    expect(formulas.some((f) => f.startsWith("'SOP GADGETS (2)'!$"))).toBe(true);
  });
});

describe("text never becomes a formula", () => {
  const input: PlanningInput = {
    periods: ["=1+1", "Feb"],
    workingDays: null,
    products: [],
    resources: [],
    families: [family('=HYPERLINK("x")', [10, 20], { unitsPerWorkerPerPeriod: 10 })],
  };
  const { spec } = planned(input);

  it("keeps a family or period named like a formula as a text value", () => {
    const texts = allCells(spec).filter((c) => typeof c.value === "string" && c.value.startsWith("="));
    expect(texts.map((c) => c.value)).toEqual(expect.arrayContaining(['=HYPERLINK("x")', "=1+1"]));
    for (const c of texts) expect(c.formula).toBeUndefined();
    // The name reaches a formula only as a quoted sheet name.
    for (const c of allCells(spec)) {
      if (c.formula?.includes("HYPERLINK")) expect(c.formula).toMatch(/^'SOP =HYPERLINK\("x"\)'!\$[A-Z]+\$\d+$/);
    }
  });
});

describe("copies of the input tables", () => {
  const blocks: RawTable[] = [
    {
      name: "Products",
      sheet: "Data",
      top: 2,
      left: 1,
      isTable: true,
      values: [
        ["Product", "Family", "Launch", "Price"],
        ['=HYPERLINK("x")', "Tools", { date: 46388 }, { error: "#N/A" }],
        ["Drill", "Tools", { date: 46388.5 }, 12.5],
      ],
    },
    {
      name: "Data",
      sheet: "Data",
      top: 0,
      left: 0,
      isTable: false,
      values: [
        ["Read me", null, null, null, null],
        [null, null, null, null, null],
        [null, "Product", "Family", "Launch", "Price"],
        [null, '=HYPERLINK("x")', "Tools", { date: 46388 }, { error: "#N/A" }],
        [null, "Drill", "Tools", { date: 46388.5 }, 12.5],
      ],
    },
    { name: "Policy", sheet: "Policy", top: 0, left: 0, isTable: false, values: [["Parameter", "Value"], ["Price per unit", 5]] },
  ];
  const sheets = layoutInputSheets(blocks);

  it("makes one sheet per worksheet, cells in place, tables kept as tables", () => {
    expect(sheets.map((s) => s.name)).toEqual(["Data", "Policy"]);
    const data = sheets[0];
    expect(data.cells[0][0]).toEqual({ value: "Read me" });
    expect(data.cells[2][1]).toEqual({ value: "Product" });
    expect(data.tables).toEqual([{ name: "Products", top: 2, left: 1, rows: 3, columns: 4, style: "TableStyleMedium2" }]);
    expect(sheets[1].tables).toEqual([]);
  });

  it("keeps text as text, gives dates a date format and shows errors as text", () => {
    const data = sheets[0];
    expect(data.cells[3][1]).toEqual({ value: '=HYPERLINK("x")' });
    expect(data.cells[3][1]?.formula).toBeUndefined();
    expect(data.cells[3][3]).toEqual({ value: 46388, format: "yyyy-mm-dd" });
    expect(data.cells[4][3]).toEqual({ value: 46388.5, format: "yyyy-mm-dd hh:mm" });
    expect(data.cells[3][4]).toEqual({ value: "#N/A" });
    expect(data.cells[4][4]).toEqual({ value: 12.5 });
  });
});

describe("a family's sheet name keeps the rule the .xlsx writer checks", () => {
  test.each(["Q1/Q2 [EU]: *?", "Tab\tname\u0007", "'quoted'", "A family whose name is far longer than thirty-one characters"])("%j", (family) => {
    expect(sheetNameProblem(planSheetBaseName(family))).toBeNull();
  });
});

describe("figures as written", () => {
  it("a residue of the arithmetic is written as 0, a real figure as it is", () => {
    const grid = new SheetGrid();
    grid.set(0, 0, { value: 1.1368683772161603e-13, format: "#,##0" });
    grid.set(0, 1, { formula: "A1-B1", cached: -5.684e-14, format: "#,##0" });
    grid.set(0, 2, { value: 0.25, format: "0.0%" });
    grid.set(0, 3, { value: -0, format: "#,##0" });
    expect(grid.cells[0].map((c) => (c?.formula ? c.cached : c?.value))).toEqual([0, 0, 0.25, 0]);
    expect(Object.is(grid.cells[0][3]?.value, -0)).toBe(false);
  });
});

describe("numbers in words", () => {
  it("write a negative with the minus sign, as the signed differences do", () => {
    expect([amountText(-21618, 0), moneyText(-30), numberText(-0.5, 1)]).toEqual(["−21,618", "−30.00", "−0.5"]);
  });
});

// The SOP.* functions called as Excel calls them: by id, through what functions.ts registers with CustomFunctions.associate.
import * as fs from "fs";
import { chasePlan, levelPlan, manualPlan, POLICY_DEFAULTS, productionRates, type FamilyPolicy } from "../../../src/engine";
import { sumCosts } from "../../../src/engine/costing";
import { optimalPlans } from "../../../src/engine/optimal";
import { loadHighsSolver } from "../../../src/solver/highs";
import { ExcelError, FUNCTIONS_SOURCE, registerFunctions, type CustomFunction, type GeneratedMetadata } from "../../support/customFunctions";
import { HAND_POLICY as HAND_POLICY_GRID } from "../../support/handCase";

let byId: Map<string, CustomFunction>;
let registeredIds: string[];
let metadata: GeneratedMetadata;

beforeAll(async () => {
  const registered = await registerFunctions();
  byId = registered.byId;
  registeredIds = registered.ids;
  metadata = registered.metadata;
});

/** Calls SOP.<id> with the arguments Excel would pass (omitted optional arguments arrive as null). */
function call(id: string, ...args: unknown[]): unknown {
  const fn = byId.get(id);
  if (!fn) throw new Error(`SOP.${id} is not registered`);
  return fn(...args);
}

function errorOf(value: unknown): ExcelError {
  const cell = Array.isArray(value) ? (value as unknown[][])[0][0] : value;
  if (!(cell instanceof ExcelError)) throw new Error(`expected an error value, got ${JSON.stringify(value)}`);
  if (Array.isArray(value)) expect(value).toEqual([[cell]]); // a spilled error is one cell, not a range of them
  return cell;
}

/** The hand-checked case of test/integration/cli.test.ts (case 1), as the ranges a planner would point at. */
const DEMAND = [[300, 100, 200]];
const POLICY = HAND_POLICY_GRID;
const MANUAL_PLAN = [
  ["Workers", 4, 4, 4],
  ["Regular", 200, 200, 200],
  ["Overtime", 50, 0, 0],
  ["Subcontract", 50, 0, 0],
];
const HAND_POLICY: FamilyPolicy = {
  ...POLICY_DEFAULTS,
  unitsPerWorkerPerPeriod: 50,
  hoursPerWorkerPerPeriod: 160,
  regularCostPerHour: 10,
  overtimeCostPerHour: 15,
  maxOvertimeHoursPerWorker: 40,
  hiringCostPerWorker: 100,
  layoffCostPerWorker: 200,
  holdingCostPerUnit: 2,
  subcontractCostPerUnit: 30,
  materialCostPerUnit: 5,
  pricePerUnit: 60,
  initialWorkers: 5,
  integerWorkers: true,
};

function handContext() {
  const rates = productionRates(HAND_POLICY, null, 3);
  if (!rates.ok) throw new Error(rates.problems.map((p) => p.code).join("; "));
  return { family: "", periods: ["period 1", "period 2", "period 3"], demand: [300, 100, 200], policy: HAND_POLICY, rates: rates.rates };
}

const rowSum = (row: unknown[]) => (row as number[]).reduce((a, b) => a + b, 0);

describe("SOP.LEVEL and SOP.CHASE agree with the command line's hand-checked numbers", () => {
  test("level: 6 workers, 1 hire, inventory 0/200/300, total cost 34,400", () => {
    const table = call("LEVEL", DEMAND, POLICY, null, null) as number[][];
    expect(table).toEqual([
      [300, 300, 300], // Regular
      [0, 0, 0], // Overtime
      [0, 0, 0], // Subcontract
      [6, 6, 6], // Workers
      [1, 0, 0], // Hired
      [0, 0, 0], // Laid off
      [0, 200, 300], // Inventory
      [0, 0, 0], // Backlog
      [11200, 11500, 11700], // Cost: 9,600 payroll + hire + holding + material
    ]);
    expect(rowSum(table[8])).toBe(34400);
  });

  test("chase: workers 6, 2, 4 (hire 1, lay off 4, hire 2), total cost 23,300", () => {
    const table = call("CHASE", DEMAND, POLICY) as number[][];
    expect(table[0]).toEqual([300, 100, 200]);
    expect(table[3]).toEqual([6, 2, 4]);
    expect(table[4]).toEqual([1, 0, 2]);
    expect(table[5]).toEqual([0, 4, 0]);
    expect(rowSum(table[8])).toBe(23300);
  });

  test("level + subcontract: 2 workers make the lowest month's 100; 200 and 100 bought; total 20,700", () => {
    const table = call("LEVELSUBCONTRACT", DEMAND, POLICY) as number[][];
    expect(table.slice(0, 6)).toEqual([
      [100, 100, 100], // Regular
      [0, 0, 0], // Overtime
      [200, 0, 100], // Subcontract
      [2, 2, 2], // Workers
      [0, 0, 0], // Hired
      [3, 0, 0], // Laid off
    ]);
    // 3,200 payroll + 500 material each month; 600 for the layoffs; 30 a unit bought.
    expect(table[8]).toEqual([10300, 3700, 6700]);
  });

  test("level + overtime: 2 workers × 40 h ÷ 3.2 h a unit = 25 on overtime, then bought", () => {
    const table = call("LEVELOVERTIME", DEMAND, POLICY) as number[][];
    expect(table[1]).toEqual([25, 0, 25]);
    expect(table[2]).toEqual([175, 0, 75]);
  });

  test("every cell equals the engine's plan for the same inputs", () => {
    for (const [id, plan] of [
      ["LEVEL", levelPlan(handContext())],
      ["CHASE", chasePlan(handContext())],
    ] as const) {
      const table = call(id, DEMAND, POLICY) as number[][];
      expect(table[0]).toEqual(plan.periods.map((p) => p.regular));
      expect(table[3]).toEqual(plan.periods.map((p) => p.workers));
      expect(table[6]).toEqual(plan.periods.map((p) => p.inventory));
      expect(table[8]).toEqual(plan.periodCosts.map(sumCosts));
    }
  });

  test("header TRUE leads each line with its name", () => {
    const table = call("LEVEL", DEMAND, POLICY, null, true) as unknown[][];
    expect(table.map((line) => line[0])).toEqual([
      "Regular", "Overtime", "Subcontract", "Workers", "Hired", "Laid off", "Inventory", "Backlog", "Cost",
    ]);
    expect(table[8].slice(1)).toEqual([11200, 11500, 11700]);
  });

  test("demand down a column spills the plan down: one row per period", () => {
    const table = call("LEVEL", [[300], [100], [200]], POLICY) as number[][];
    expect(table).toHaveLength(3);
    expect(table.map((row) => row[8])).toEqual([11200, 11500, 11700]);
  });

  test("the Policy range may leave out its header row", () => {
    expect(call("LEVEL", DEMAND, POLICY.slice(1))).toEqual(call("LEVEL", DEMAND, POLICY));
  });
});

describe("SOP.OPTIMAL answers with the LP solver's plan", () => {
  test("the engine's optimal plan for the hand-checked case, no dearer than chase (23,300)", async () => {
    const table = (await call("OPTIMAL", DEMAND, POLICY, null, true)) as unknown[][];
    const [engine] = optimalPlans([handContext()], [], { solver: await loadHighsSolver() });
    expect(engine.feasible).toBe(true);
    expect(table.map((line) => line[0])).toEqual(["Regular", "Overtime", "Subcontract", "Workers", "Hired", "Laid off", "Inventory", "Backlog", "Cost"]);
    expect(table[3].slice(1)).toEqual(engine.periods.map((p) => p.workers));
    expect(table[8].slice(1)).toEqual(engine.periodCosts.map(sumCosts));
    expect(rowSum(table[8].slice(1))).toBeCloseTo(engine.totalCost, 6);
    expect(engine.totalCost).toBeLessThanOrEqual(23300 + 1e-6);
  });

  test("a bad argument is #VALUE! without loading anything", async () => {
    expect(errorOf(await call("OPTIMAL", [[-1, 2]], POLICY)).message).toBe("demand[1] is -1; demand must be 0 or more.");
  });
});

describe("SOP.COST costs a manual plan like the command line", () => {
  test("total 26,950 (the CLI's manual plan), and each part", () => {
    expect(call("COST", DEMAND, MANUAL_PLAN, POLICY)).toBe(26950);
    expect(call("COST", DEMAND, MANUAL_PLAN, POLICY, "Overtime")).toBe(2400);
    expect(call("COST", DEMAND, MANUAL_PLAN, POLICY, "holding cost")).toBe(400);
    expect(call("COST", DEMAND, MANUAL_PLAN, POLICY, "Subcontract")).toBe(1500);
    expect(call("COST", DEMAND, MANUAL_PLAN, POLICY, "Revenue")).toBe(36000);
    expect(call("COST", DEMAND, MANUAL_PLAN, POLICY, "Margin")).toBe(36000 - 26950);
  });

  test("equals the engine's manual plan", () => {
    const engine = manualPlan(handContext(), { workers: [4, 4, 4], regular: [200, 200, 200], overtime: [50, 0, 0], subcontract: [50, 0, 0] });
    expect(call("COST", DEMAND, MANUAL_PLAN, POLICY, "Total")).toBe(engine.totalCost);
  });

  test("rows without names are Workers, Regular, Overtime, Subcontract in that order", () => {
    const numbersOnly = MANUAL_PLAN.map((row) => row.slice(1));
    expect(call("COST", DEMAND, numbersOnly, POLICY)).toBe(26950);
  });

  test("a plan the policy forbids is #N/A with the first broken rule", () => {
    const short = [["Regular", 200, 100, 200]];
    const error = errorOf(call("COST", DEMAND, short, POLICY));
    expect(error.code).toBe("#N/A");
    expect(error.message).toBe("the plan breaks the policy: period 1: short by 100 units and backorders are not allowed (and 3 more)");
  });
});

describe("SOP.DISAGGREGATE, SOP.LOAD and SOP.UTILIZATION", () => {
  test("a total split by a mix column into whole units that add up", () => {
    expect(call("DISAGGREGATE", [[100, 7]], [[0.5], [0.3], [0.2]])).toEqual([
      [50, 4],
      [30, 2],
      [20, 1],
    ]);
  });

  test("resource requirements: loads per unit applied to units per product and period", () => {
    const units = [
      [10, 20],
      [5, 0],
    ];
    const loads = [
      [2, 0.5],
      [1, 3],
    ];
    expect(call("LOAD", units, loads)).toEqual([
      [25, 40],
      [20, 10],
    ]);
  });

  test("utilization of what SOP.LOAD requires", () => {
    expect(call("UTILIZATION", [[25, 40]], [[50, 40]])).toEqual([[0.5, 1]]);
  });
});

describe("bad arguments are #VALUE! naming the argument and the position; nothing throws", () => {
  test("text in demand", () => {
    const error = errorOf(call("LEVEL", [[300, "lots", 200]], POLICY));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toBe('demand[2] is text, not a number ("lots"); demand must be a number.');
  });

  test("an unknown policy parameter is reported, with the likely name", () => {
    const policy = POLICY.map((row) => (row[0] === "Holding cost per unit" ? ["Holdng cost per unit", 2] : row));
    expect(errorOf(call("CHASE", DEMAND, policy)).message).toBe(
      'policy[9,1] "Holdng cost per unit" is not a Policy parameter, so its values would be lost. Did you mean "Holding cost per unit"?',
    );
  });

  test("a policy without a productivity rule", () => {
    expect(errorOf(call("LEVEL", DEMAND, [["Holding cost per unit", 2]])).message).toMatch(/^policy: no productivity rule/);
  });

  test("an unknown cost part", () => {
    expect(errorOf(call("COST", DEMAND, MANUAL_PLAN, POLICY, "Overhead")).message).toMatch(/^part is the text "Overhead"; give one of Total, Regular/);
  });

  test("odd arguments never throw out of any function", async () => {
    const odd: unknown[] = [undefined, null, "", 0, -1, "x", true, [], [[]], [[null]], [["a", "b"]], [[1], [2, 3]], [[NaN]], { error: "#N/A" }];
    for (const id of byId.keys()) {
      for (const a of odd) {
        for (const b of odd) {
          const args = [a, b, a, b, a];
          expect(() => call(id, ...args)).not.toThrow();
          const value = await call(id, ...args);
          if (Array.isArray(value)) expect(value.length).toBeGreaterThan(0);
          else expect(typeof value === "number" || value instanceof ExcelError).toBe(true);
        }
      }
    }
  });
});

describe("every tagged function is in functions.json once and registered once", () => {
  const source = fs.readFileSync(FUNCTIONS_SOURCE, "utf8");
  const tagged = [...source.matchAll(/@customfunction\b[\s\S]*?\*\/\s*export\s+(?:async\s+)?function\s+(\w+)/g)].map((m) => m[1]);

  test("the tags in functions.ts, the metadata and the registrations name the same functions, once each", () => {
    const ids = tagged.map((name) => name.toUpperCase());
    expect(ids.length).toBeGreaterThanOrEqual(7);
    expect(new Set(ids).size).toBe(ids.length);
    expect(metadata.functions.map((f) => f.id).sort()).toEqual([...ids].sort());
    expect([...registeredIds].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(byId.get(id)).toEqual(expect.any(Function));
  });

  test("names are at least 3 characters and not cell references", () => {
    for (const { name } of metadata.functions) {
      expect(name.length).toBeGreaterThanOrEqual(3);
      expect(name).not.toMatch(/^[A-Z]{1,3}[0-9]+$/);
      expect(name).not.toMatch(/^R[0-9]*C[0-9]*$/);
    }
  });

  test("each function's help link is its README anchor, and nothing is volatile", () => {
    for (const fn of metadata.functions) {
      expect(fn.helpUrl).toMatch(new RegExp(`#sop-${fn.id.toLowerCase()}$`));
      expect(JSON.stringify(fn)).not.toMatch(/volatile/);
    }
  });

  test("range arguments are matrix parameters", () => {
    const level = metadata.functions.find((f) => f.id === "LEVEL")!;
    expect(level.parameters.map((p) => [p.name, p.dimensionality ?? "scalar"])).toEqual([
      ["demand", "matrix"],
      ["policy", "matrix"],
      ["workingDays", "matrix"],
      ["header", "scalar"],
    ]);
    expect(level.result.dimensionality).toBe("matrix");
  });
});

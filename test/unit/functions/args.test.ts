// Reading custom-function arguments: lists, the Policy range, manual plans, flags and cost parts, and the messages for bad cells.
import { POLICY_DEFAULTS } from "../../../src/engine";
import { readCostPart, readFlag, readList, readManualPlan, readPlanningCase, readPolicy, readWorkingDays } from "../../../src/functions/args";
import type { Checked } from "../../../src/functions/errors";

function valueOf<T>(result: Checked<T>): T {
  if (!result.ok) throw new Error(`expected a value, got: ${result.error}`);
  return result.value;
}

function errorOf<T>(result: Checked<T>): string {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe("a list of periods is one row or one column", () => {
  test("a row runs across, a column runs down, one cell runs across", () => {
    expect(valueOf(readList("demand", [[1, 2, 3]], "demand"))).toEqual({ values: [1, 2, 3], orientation: "across" });
    expect(valueOf(readList("demand", [[1], [2], [3]], "demand"))).toEqual({ values: [1, 2, 3], orientation: "down" });
    expect(valueOf(readList("demand", [[7]], "demand"))).toEqual({ values: [7], orientation: "across" });
    expect(valueOf(readList("demand", 7, "demand"))).toEqual({ values: [7], orientation: "across" });
  });

  test("blank cells are 0, as in the Forecast table", () => {
    expect(valueOf(readList("demand", [[null, "", 5]], "demand")).values).toEqual([0, 0, 5]);
  });

  test("a bad cell is named by argument and 1-based position", () => {
    expect(errorOf(readList("demand", [[1, 2, "x"]], "demand"))).toBe('demand[3] is text, not a number ("x"); demand must be a number.');
    expect(errorOf(readList("demand", [[1], [-2]], "demand"))).toBe("demand[2] is -2; demand must be 0 or more.");
    expect(errorOf(readList("demand", [[true]], "demand"))).toBe("demand[1] holds TRUE, not a number; demand must be a number.");
    expect(errorOf(readList("demand", [[1, { error: "#N/A" }]], "demand"))).toBe("demand[2] holds the error #N/A, not a number; demand must be a number.");
  });

  test("a block of several rows and columns is refused with its size", () => {
    expect(errorOf(readList("demand", [[1, 2], [3, 4]], "demand"))).toBe("demand is 2×2; give one row or one column");
  });

  test("missing, empty and ragged ranges", () => {
    expect(errorOf(readList("demand", null, "demand"))).toBe("demand is missing");
    expect(errorOf(readList("demand", [], "demand"))).toBe("demand is empty");
    expect(errorOf(readList("demand", [[1, 2], [3]], "demand"))).toBe("demand row 2 has 1 cell but row 1 has 2 cells");
  });
});

describe("the policy is the template's Parameter/Value range", () => {
  test("names match as in the template (case, spaces, a unit in parentheses); blank values keep the defaults", () => {
    const policy = valueOf(
      readPolicy([
        ["Parameter", "Value"],
        ["units per worker per period", 50],
        ["Holding cost per unit ($)", 2],
        ["Backorder cost per unit", null],
        ["Holding cost basis", "Average"],
        ["Integer workers", "yes"],
        [null, null],
      ]),
    );
    expect(policy).toEqual({
      ...POLICY_DEFAULTS,
      unitsPerWorkerPerPeriod: 50,
      holdingCostPerUnit: 2,
      holdingCostBasis: "average",
      integerWorkers: true,
    });
  });

  test("an unknown parameter is reported with its row in the range and the likely name", () => {
    const range = [
      ["Parameter", "Value"],
      ["Units per worker per period", 50],
      ["Hiring cost per worker", 100],
      ["Holdng cost per unit", 2],
    ];
    expect(errorOf(readPolicy(range))).toBe(
      'policy[4,1] "Holdng cost per unit" is not a Policy parameter, so its values would be lost. Did you mean "Holding cost per unit"?',
    );
    expect(errorOf(readPolicy([["Overhead", 3]]))).toBe('policy[1,1] "Overhead" is not a Policy parameter, so its values would be lost. The parameters are listed in the README.');
  });

  test("values must fit their parameter", () => {
    expect(errorOf(readPolicy([["Safety stock", "ten"]]))).toBe('policy[1,2] is text, not a number ("ten"); "Safety stock" must be a number.');
    expect(errorOf(readPolicy([["Safety stock", -5]]))).toBe('policy[1,2] is -5; "Safety stock" must be 0 or more.');
    expect(errorOf(readPolicy([["Holding cost basis", "Mean"]]))).toBe('policy[1,2] holds the text "Mean"; "Holding cost basis" must be Ending or Average.');
    expect(errorOf(readPolicy([["Integer workers", "maybe"]]))).toBe('policy[1,2] holds the text "maybe"; "Integer workers" must be Yes or No.');
  });

  test("a parameter given twice, a value without a parameter, a number for a name", () => {
    expect(errorOf(readPolicy([["Safety stock", 1], ["safety stock", 2]]))).toBe(
      'policy rows 1 and 2 are both "safety stock" (policy[1,1] and policy[2,1]); keep one row.',
    );
    expect(errorOf(readPolicy([["Safety stock", 1], [null, 2]]))).toBe("policy[2,1] has no Parameter, but row 2 of policy has data.");
    expect(errorOf(readPolicy([[12, 2]]))).toBe('policy[1,1] "12" is not a Policy parameter, so its values would be lost. The parameters are listed in the README.');
    expect(errorOf(readPolicy([[true, 2]]))).toBe("policy[1,1] holds TRUE; a parameter name must be text.");
  });

  test("two columns: one is too few, values beyond the second are refused", () => {
    expect(errorOf(readPolicy([["Safety stock"]]))).toBe("policy has 1 column; give two: Parameter and Value");
    expect(errorOf(readPolicy([["Parameter", "Value", "Tools"], ["Safety stock", 1, 2]]))).toMatch(
      /^policy has a value in policy\[2,3\]; give two columns, Parameter and Value/,
    );
    expect(valueOf(readPolicy([["Safety stock", 1, null]])).safetyStock).toBe(1);
  });
});

describe("demand, policy and working days together", () => {
  const hoursPolicy = [
    ["Labor hours per unit", 2],
    ["Hours per worker per day", 8],
  ];

  test("per-day hours multiply by the working days", () => {
    const { context } = valueOf(readPlanningCase([[300, 100, 200]], hoursPolicy, [[20, 20, 10]]));
    expect(context.rates.unitsPerWorker).toEqual([80, 80, 40]);
    expect(context.periods).toEqual(["period 1", "period 2", "period 3"]);
  });

  test("per-day values without working days name the missing row", () => {
    expect(errorOf(readPlanningCase([[300, 100, 200]], hoursPolicy, null))).toMatch(/^policy: 'Hours per worker per day' needs a 'Working days' row/);
  });

  test("working days must match demand", () => {
    expect(errorOf(readWorkingDays([[20, 20]], 3))).toBe("workingDays has 2 periods but demand has 3");
    expect(valueOf(readWorkingDays([[null]], 3))).toBeNull();
    expect(valueOf(readWorkingDays(undefined, 3))).toBeNull();
  });
});

describe("a manual plan has a line per kind, periods running the way demand runs", () => {
  test("named rows in any order; missing kinds are null", () => {
    const plan = valueOf(readManualPlan([["Regular", 200, 200], ["Workers", 4, 4]], 2, "across"));
    expect(plan).toEqual({ workers: [4, 4], regular: [200, 200], overtime: null, subcontract: null });
  });

  test("unnamed rows are Workers, Regular, Overtime, Subcontract", () => {
    const plan = valueOf(readManualPlan([[4, 4], [200, 200]], 2, "across"));
    expect(plan).toEqual({ workers: [4, 4], regular: [200, 200], overtime: null, subcontract: null });
  });

  test("with demand down a column, the plan's kinds are columns", () => {
    const plan = valueOf(readManualPlan([["Workers", "Regular"], [4, 200], [5, 250]], 2, "down"));
    expect(plan).toEqual({ workers: [4, 5], regular: [200, 250], overtime: null, subcontract: null });
  });

  test("bad plans say what to change", () => {
    expect(errorOf(readManualPlan([["Regular", 1, 2, 3]], 2, "across"))).toBe("plan has 3 periods after its names but demand has 2");
    expect(errorOf(readManualPlan([["Hired", 1, 2]], 2, "across"))).toBe(`plan row 1 is named the text "Hired"; name it Workers, Regular, Overtime or Subcontract`);
    expect(errorOf(readManualPlan([["Regular", 1, 2], ["regular", 3, 4]], 2, "across"))).toBe("plan rows 1 and 2 are both regular; keep one");
    expect(errorOf(readManualPlan([["Regular", 1, "x"]], 2, "across"))).toBe('plan[1,3] is text, not a number ("x"); a planned quantity must be a number.');
    expect(errorOf(readManualPlan([["Regular"], [1], ["x"]], 2, "down"))).toBe('plan[3,1] is text, not a number ("x"); a planned quantity must be a number.');
    expect(errorOf(readManualPlan([[1], [2], [3], [4], [5]], 1, "across"))).toMatch(/^plan has 5 rows; give at most 4/);
  });
});

describe("flags and cost parts", () => {
  test("header: TRUE/FALSE, 1/0, Yes/No; omitted is the default", () => {
    expect(valueOf(readFlag("header", true, false))).toBe(true);
    expect(valueOf(readFlag("header", 0, true))).toBe(false);
    expect(valueOf(readFlag("header", "Yes", false))).toBe(true);
    expect(valueOf(readFlag("header", null, false))).toBe(false);
    expect(valueOf(readFlag("header", undefined, true))).toBe(true);
    expect(errorOf(readFlag("header", "sometimes", false))).toBe('header holds the text "sometimes"; header must be TRUE or FALSE.');
  });

  test("a cost part by name, with or without 'cost'; blank is the total", () => {
    expect(valueOf(readCostPart(null))).toBe("total");
    expect(valueOf(readCostPart("Total cost"))).toBe("total");
    expect(valueOf(readCostPart("Holding cost"))).toBe("holding");
    expect(valueOf(readCostPart("MARGIN"))).toBe("margin");
    expect(errorOf(readCostPart(3))).toBe(
      "part is 3; give one of Total, Regular, Overtime, Hiring, Layoff, Holding, Backorder, Subcontract, Material, Revenue, Margin",
    );
  });
});

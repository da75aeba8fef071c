// SOP.DISAGGREGATE, SOP.LOAD and SOP.UTILIZATION's argument handling: orientations, shapes and messages (the maths is the engine's).
import { capacityUtilization, disaggregateTotals, requiredCapacity } from "../../../src/functions/aggregation";
import { ExcelError, installCustomFunctions } from "../../support/customFunctions";

beforeAll(() => installCustomFunctions());

function messageOf(value: unknown): string {
  const cell = (value as unknown[][])[0][0];
  if (!(cell instanceof ExcelError)) throw new Error(`expected an error value, got ${JSON.stringify(value)}`);
  expect(cell.code).toBe("#VALUE!");
  return cell.message ?? "";
}

describe("disaggregation in whole units", () => {
  test("largest remainder: 10 by thirds is 4, 3, 3 (the tie goes to the first product)", () => {
    expect(disaggregateTotals([[10]], [[1], [1], [1]])).toEqual([[4], [3], [3]]);
  });

  test("percentages and fractions mean the same", () => {
    expect(disaggregateTotals([[200]], [[60], [40]])).toEqual(disaggregateTotals([[200]], [[0.6], [0.4]]));
  });

  test("a mix column and totals across: products down, periods across; every column adds up", () => {
    const table = disaggregateTotals([[101, 55, 0]], [[0.5], [0.25], [0.25]]) as number[][];
    expect(table).toHaveLength(3);
    for (let t = 0; t < 3; t++) expect(table.reduce((sum, row) => sum + row[t], 0)).toBe([101, 55, 0][t]);
    expect(table.flat().every(Number.isInteger)).toBe(true);
  });

  test("a mix row and totals down: periods down, products across", () => {
    expect(disaggregateTotals([[10], [20]], [[1, 1]])).toEqual([
      [5, 5],
      [10, 10],
    ]);
  });

  test("one total and a mix row spill across; all-zero mix splits equally", () => {
    expect(disaggregateTotals(9, [[0, 0, 0]])).toEqual([[3, 3, 3]]);
  });

  test("totals and mix running the same way are refused", () => {
    expect(messageOf(disaggregateTotals([[10, 20]], [[1, 1]]))).toMatch(/^total and mix both run across a row/);
  });

  test("bad cells are named", () => {
    expect(messageOf(disaggregateTotals([[10, -1]], [[1], [1]]))).toBe("total[2] is -1; a total must be 0 or more.");
    expect(messageOf(disaggregateTotals([[10]], [[1], ["half"]]))).toBe('mix[2] is text, not a number ("half"); a mix share must be a number.');
  });
});

describe("resource requirements", () => {
  test("products × periods units and products × resources loads give resources × periods", () => {
    expect(requiredCapacity([[10, 20]], [[2, 0.5, 0]])).toEqual([
      [20, 40],
      [5, 10],
      [0, 0],
    ]);
  });

  test("the products must line up", () => {
    expect(messageOf(requiredCapacity([[1], [2]], [[1]]))).toBe(
      "units has 2 rows but loads has 1; give one row per product in both, in the same order",
    );
    expect(messageOf(requiredCapacity([[1, "x"]], [[1]]))).toBe('units[1,2] is text, not a number ("x"); a quantity must be a number.');
  });
});

describe("utilization", () => {
  test("the engine's messages, as one error cell", () => {
    expect(capacityUtilization([[1]], [[0]])).toEqual([[new ExcelError("#VALUE!", "available[1,1] is 0; available capacity must be greater than 0")]]);
    expect(capacityUtilization(3, 4)).toEqual([[0.75]]);
  });
});

// Results become cell values or Excel errors, and nothing a function body throws reaches Excel.
import { refuse, single, spilled } from "../../../src/functions/errors";
import { ExcelError, installCustomFunctions } from "../../support/customFunctions";

beforeAll(() => installCustomFunctions());

describe("a spilled result", () => {
  test("a value spills as it is", () => {
    expect(spilled(() => ({ ok: true, value: [[1, 2]] }))).toEqual([[1, 2]]);
  });

  test("a refusal is one #VALUE! cell with the message, or the code asked for", () => {
    expect(spilled(() => refuse("demand[3] is text"))).toEqual([[new ExcelError("#VALUE!", "demand[3] is text")]]);
    expect(spilled(() => refuse("no plan", CustomFunctions.ErrorCode.notAvailable))).toEqual([[new ExcelError("#N/A", "no plan")]]);
  });

  test("an exception becomes #VALUE! that says it is the planner's fault", () => {
    const result = spilled(() => {
      throw new TypeError("boom");
    });
    expect(result).toEqual([[new ExcelError("#VALUE!", "internal error in the S&OP planner, please report it: boom")]]);
  });
});

describe("a single-cell result", () => {
  test("a number, a refusal, an exception", () => {
    expect(single(() => ({ ok: true, value: 42 }))).toBe(42);
    expect(single(() => refuse("part is wrong"))).toEqual(new ExcelError("#VALUE!", "part is wrong"));
    expect(
      single(() => {
        throw "odd";
      }),
    ).toEqual(new ExcelError("#VALUE!", "internal error in the S&OP planner, please report it: odd"));
  });
});

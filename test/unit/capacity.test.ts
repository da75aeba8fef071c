// SOP.UTILIZATION's ranges: required ÷ available, cell by cell, and the messages for bad ranges (the reading lives in src/functions, not the engine).
import { utilizationOfRanges } from "../../src/functions/utilization";

function valueOf(result: ReturnType<typeof utilizationOfRanges>): number[][] {
  if (!result.ok) throw new Error(`expected a value, got: ${result.error}`);
  return result.value;
}

function errorOf(result: ReturnType<typeof utilizationOfRanges>): string {
  if (result.ok) throw new Error("expected an error");
  return result.error;
}

describe("utilization is required ÷ available, element by element", () => {
  test("a 2×3 range: each cell divided by the cell in the same place", () => {
    const required = [
      [30, 45, 60],
      [10, 0, 25],
    ];
    const available = [
      [60, 60, 60],
      [40, 50, 20],
    ];
    expect(valueOf(utilizationOfRanges(required, available))).toEqual([
      [0.5, 0.75, 1],
      [0.25, 0, 1.25],
    ]);
  });

  test("a single cell spills a 1×1 matrix", () => {
    expect(valueOf(utilizationOfRanges([[3]], [[4]]))).toEqual([[0.75]]);
  });

  test("over 100 % is a value, not an error: overload is what the planner wants to see", () => {
    expect(valueOf(utilizationOfRanges([[150]], [[100]]))).toEqual([[1.5]]);
  });

  test("a blank required cell (null or empty text) requires nothing", () => {
    expect(valueOf(utilizationOfRanges([[null, ""]], [[10, 20]]))).toEqual([[0, 0]]);
  });
});

describe("available capacity must be greater than 0", () => {
  test("a 0 names the argument and its 1-based [row,column]", () => {
    const available = [
      [8, 8, 8],
      [8, 8, 0],
    ];
    const required = [
      [1, 1, 1],
      [1, 1, 1],
    ];
    expect(errorOf(utilizationOfRanges(required, available))).toBe(
      "available[2,3] is 0; available capacity must be greater than 0",
    );
  });

  test("a negative capacity", () => {
    expect(errorOf(utilizationOfRanges([[1]], [[-5]]))).toBe("available[1,1] is -5; available capacity must be greater than 0");
  });

  test("a blank capacity", () => {
    expect(errorOf(utilizationOfRanges([[1, 2]], [[4, null]]))).toBe("available[1,2] is blank; give the capacity available");
  });
});

describe("cells must be numbers", () => {
  test("text in required", () => {
    expect(errorOf(utilizationOfRanges([[1, "ten"]], [[1, 1]]))).toBe('required[1,2] is text, not a number ("ten"); a requirement must be a number.');
  });

  test("a boolean in available", () => {
    expect(errorOf(utilizationOfRanges([[1]], [[true]]))).toBe("available[1,1] holds TRUE, not a number; available capacity must be a number.");
  });

  test("infinity is not a usable number", () => {
    expect(errorOf(utilizationOfRanges([[Infinity]], [[1]]))).toBe("required[1,1] holds Infinity, not a number; a requirement must be a number.");
  });

  test("a negative requirement", () => {
    expect(errorOf(utilizationOfRanges([[2], [-1]], [[4], [4]]))).toBe("required[2,1] is -1; a requirement must be 0 or more.");
  });

  test("the first bad cell in reading order is reported, required before available in the same cell", () => {
    expect(errorOf(utilizationOfRanges([[1, "x"]], [[0, 1]]))).toBe(
      "available[1,1] is 0; available capacity must be greater than 0",
    );
    expect(errorOf(utilizationOfRanges([["x"]], [[0]]))).toBe('required[1,1] is text, not a number ("x"); a requirement must be a number.');
  });
});

describe("both ranges have the same rectangular shape", () => {
  test("different shapes name both sizes", () => {
    expect(errorOf(utilizationOfRanges([[1, 2, 3]], [[1, 2]]))).toBe(
      "required is 1×3 but available is 1×2; give two ranges of the same shape",
    );
    expect(errorOf(utilizationOfRanges([[1], [2]], [[1, 2]]))).toBe(
      "required is 2×1 but available is 1×2; give two ranges of the same shape",
    );
  });

  test("an empty range", () => {
    expect(errorOf(utilizationOfRanges([], [[1]]))).toBe("required is empty");
    expect(errorOf(utilizationOfRanges([[1]], [[]]))).toBe("available is empty");
  });

  test("ragged rows", () => {
    expect(errorOf(utilizationOfRanges([[1, 2], [3]], [[1, 1], [1, 1]]))).toBe("required row 2 has 1 cell but row 1 has 2 cells");
  });
});

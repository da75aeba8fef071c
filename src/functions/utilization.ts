// SOP.UTILIZATION's ranges read and checked: required ÷ available cell by cell, each bad cell named by argument and [row,column].
import { utilizationOf } from "../engine/capacity";
import { cellMessage } from "../template/cellMessages";
import { readAmountCell } from "../template/cellReading";
import { readRange } from "./args";
import { refuse, type Checked } from "./errors";

/** "2×3": rows by columns, as a user reads a range's size. */
const shapeOf = (grid: readonly (readonly unknown[])[]): string => `${grid.length}×${grid[0].length}`;

/** A required amount (blank asks for nothing), or the message naming the cell. */
function requiredAmount(cell: unknown, at: string): number | string {
  const reading = readAmountCell(cell);
  if (reading.kind === "bad") return cellMessage(at, reading.reason, reading.cell, { what: "a requirement" });
  return reading.kind === "ok" ? reading.value : 0;
}

/** An available amount: a number greater than 0, because utilization of no capacity has no meaning. */
function availableAmount(cell: unknown, at: string): number | string {
  const reading = readAmountCell(cell);
  if (reading.kind === "blank") return `${at} is blank; give the capacity available`;
  if (reading.kind === "bad" && reading.reason !== "negative") return cellMessage(at, reading.reason, reading.cell, { what: "available capacity" });
  const value = reading.kind === "ok" ? reading.value : (cell as number);
  return value > 0 ? value : `${at} is ${value}; available capacity must be greater than 0`;
}

/**
 * Element-wise `required / available` over two ranges of the same shape. Both ranges are
 * non-empty rectangles of the same shape; every required cell an amount (blank = 0); every
 * available cell an amount greater than 0. The first broken rule wins, in reading order,
 * required before available in the same place.
 */
export function utilizationOfRanges(requiredArg: unknown, availableArg: unknown): Checked<number[][]> {
  const requiredRange = readRange("required", requiredArg);
  if (!requiredRange.ok) return requiredRange;
  const availableRange = readRange("available", availableArg);
  if (!availableRange.ok) return availableRange;
  const required = requiredRange.value;
  const available = availableRange.value;
  if (shapeOf(required) !== shapeOf(available)) {
    return refuse(`required is ${shapeOf(required)} but available is ${shapeOf(available)}; give two ranges of the same shape`);
  }
  const result: number[][] = [];
  for (let r = 0; r < required.length; r++) {
    const row: number[] = [];
    for (let c = 0; c < required[r].length; c++) {
      const need = requiredAmount(required[r][c], `required[${r + 1},${c + 1}]`);
      if (typeof need === "string") return refuse(need);
      const capacity = availableAmount(available[r][c], `available[${r + 1},${c + 1}]`);
      if (typeof capacity === "string") return refuse(capacity);
      row.push(utilizationOf(need, capacity));
    }
    result.push(row);
  }
  return { ok: true, value: result };
}

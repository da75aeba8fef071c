// Excel custom functions (namespace SOP): JSDoc for Excel's metadata, each body one delegation to the engine.
import { utilization as utilizationMatrix } from "../engine/capacity";
import { valueOrThrow } from "./errors";

/**
 * Share of available capacity each cell requires: required ÷ available, element by element.
 * @customfunction
 * @param required Capacity required, e.g. hours per resource and period. Blank cells require nothing.
 * @param available Capacity available, the same shape as required; every cell greater than 0.
 * @returns A range the shape of the inputs: 1 is 100 % of capacity.
 */
export function utilization(required: number[][], available: number[][]): number[][] {
  return valueOrThrow(utilizationMatrix(required, available));
}

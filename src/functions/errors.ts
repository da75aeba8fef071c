// Turns checked results into cell values, or into Excel error values whose message says what to fix.
/// <reference types="custom-functions-runtime" />

/** Why there is no value, in words the user can act on; `code` when #VALUE! is not the right error (#N/A for an infeasible plan). */
export interface Refusal {
  ok: false;
  error: string;
  code?: CustomFunctions.ErrorCode;
}

/** A value, or the reason there is none. */
export type Checked<T> = { ok: true; value: T } | Refusal;

/** What a function that spills a range hands back to Excel: cells, or one error cell. */
export type SpilledCells = (number | string | CustomFunctions.Error)[][];

/** What a function that returns one cell hands back to Excel. */
export type SingleCell = number | CustomFunctions.Error;

export const refuse = (error: string, code?: CustomFunctions.ErrorCode): Refusal => ({ ok: false, error, code });

/** An Excel error value: the cell shows the code (#VALUE! unless told otherwise) and the message on hover. */
export function cellError(message: string, code?: CustomFunctions.ErrorCode): CustomFunctions.Error {
  return new CustomFunctions.Error(code ?? CustomFunctions.ErrorCode.invalidValue, message);
}

/**
 * Runs a spilling function's body so that nothing escapes to Excel: a refusal becomes a 1×1 range
 * holding the error (a range function returns errors as cells; a thrown error would hide the
 * message in some hosts), and an unexpected exception becomes #VALUE! saying so.
 */
export function spilled(body: () => Checked<SpilledCells>): SpilledCells {
  try {
    const result = body();
    return result.ok ? result.value : [[cellError(result.error, result.code)]];
  } catch (error) {
    return [[unexpected(error)]];
  }
}

/** The one-cell counterpart of `spilled`. */
export function single(body: () => Checked<number>): SingleCell {
  try {
    const result = body();
    return result.ok ? result.value : cellError(result.error, result.code);
  } catch (error) {
    return unexpected(error);
  }
}

/** An exception is a bug, not the user's doing; the message still goes to the cell so it can be reported. */
function unexpected(error: unknown): CustomFunctions.Error {
  const detail = error instanceof Error ? error.message : String(error);
  return cellError(`internal error in the S&OP planner, please report it: ${detail}`);
}

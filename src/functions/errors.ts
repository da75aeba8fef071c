// Turns the engine's checked results into cell values, or into Excel errors whose message says what to fix.
/// <reference types="custom-functions-runtime" />

/** The shape every engine function behind a custom function returns. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The value, or a thrown #VALUE! error: Excel shows a thrown `CustomFunctions.Error` in the
 * cell and its message on hover, which keeps each function's declared return type honest.
 */
export function valueOrThrow<T>(result: Checked<T>): T {
  if (result.ok) return result.value;
  throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, result.error);
}

// A planning run's phases and which may follow which: the state machine the session runs, so no run writes after a failure or skips its rollback.

/**
 * - `idle`: no run yet.
 * - `reading`: the held Policy edits are written, then the workbook is read (Cancel works).
 * - `planning`: the planner plans and solves (Cancel works).
 * - `writing`: Excel writes the plan sheets, all or nothing (Cancel is off).
 * - `rollingBack`: the run will not complete; the Policy cells it wrote are being put back.
 * - `done`: the sheets are written and the Policy edits kept.
 * - `failed`: the run ended without writing its sheets: cancelled, stopped by errors in the input, or
 *   a failure; the status line says which.
 */
export type RunPhase = "idle" | "reading" | "planning" | "writing" | "rollingBack" | "done" | "failed";

/**
 * The phases each may go to. A run that wrote Policy cells goes through `rollingBack` to `failed`;
 * one that wrote none fails straight away. `done` and `failed` end a run: the next starts reading.
 */
export const RUN_TRANSITIONS: Readonly<Record<RunPhase, readonly RunPhase[]>> = {
  idle: ["reading"],
  reading: ["planning", "rollingBack", "failed"],
  planning: ["writing", "rollingBack", "failed"],
  writing: ["done", "rollingBack", "failed"],
  rollingBack: ["failed"],
  done: ["reading"],
  failed: ["reading"],
};

/** A move the machine does not allow: a fault of the session, never of the workbook. */
export class IllegalRunTransition extends Error {
  override name = "IllegalRunTransition";
  constructor(
    readonly from: RunPhase,
    readonly to: RunPhase,
  ) {
    super(`A run cannot go from ${from} to ${to}.`);
  }
}

/** `to`, when the machine allows it after `from`; throws otherwise. */
export function nextPhase(from: RunPhase, to: RunPhase): RunPhase {
  if (!RUN_TRANSITIONS[from].includes(to)) throw new IllegalRunTransition(from, to);
  return to;
}

/** True while a run is going: a second one is not started. */
export function isRunning(phase: RunPhase): boolean {
  return phase === "reading" || phase === "planning" || phase === "writing" || phase === "rollingBack";
}

/** True where Cancel can stop the run: before Excel starts writing the sheets. */
export function isCancellable(phase: RunPhase): boolean {
  return phase === "reading" || phase === "planning";
}

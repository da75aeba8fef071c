// The one cell-reading kernel: what a cell of the template (or of a function's range) holds, read as an amount, a yes/no, a choice or a name, or the reason it cannot be.
import { normalizeName, YES_NO, type Choice } from "./schema";
import { dateLabel } from "./dates";

/**
 * The largest amount the planner accepts: far above any real demand, cost or capacity, and small
 * enough that products of a few amounts (cost × hours × workers) stay exact-ish doubles, far from
 * overflowing to infinity.
 */
export const MAX_AMOUNT = 1e12;

/** Why a cell cannot be what was asked; `cellMessage` (./cellMessages) puts it into words. */
export type CellReason =
  /** Not a number at all (text, a boolean, an error value, a date, infinity). */
  | "not-a-number"
  | "negative"
  | "too-large"
  /** A count (of periods) must be a whole number. */
  | "not-whole"
  /** A name must be text (or a number read as its text). */
  | "not-text"
  | "not-yes-no"
  | "not-a-choice"
  /** A share must be below 100 %. */
  | "not-a-share"
  /** A ceiling must be a share above 0 and at most 100 %. */
  | "not-a-ceiling";

export type Reading<T> = { kind: "blank" } | { kind: "ok"; value: T } | { kind: "bad"; reason: CellReason; cell: unknown };

export const BLANK = { kind: "blank" } as const;
export const ok = <T>(value: T): Reading<T> => ({ kind: "ok", value });
const bad = (reason: CellReason, cell: unknown): Reading<never> => ({ kind: "bad", reason, cell });

export const valueOr = <T, F>(reading: Reading<T>, fallback: F): T | F => (reading.kind === "ok" ? reading.value : fallback);

/**
 * A cell that holds nothing a planner typed: empty, or text of only spaces. Excel hands a blank
 * cell to a function as null (or "" on some hosts), an omitted argument as null or undefined.
 */
export function isBlankCell(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/** A quantity: a number from 0 to MAX_AMOUNT (demand, capacity, costs, …). */
export function readAmountCell(cell: unknown): Reading<number> {
  if (isBlankCell(cell)) return BLANK;
  if (typeof cell !== "number" || !Number.isFinite(cell)) return bad("not-a-number", cell);
  if (cell > MAX_AMOUNT) return bad("too-large", cell);
  if (cell < 0) return bad("negative", cell);
  return ok(cell);
}

/** Any number, negative too (a saved margin): finite, nothing else. */
export function readNumberCell(cell: unknown): Reading<number> {
  if (isBlankCell(cell)) return BLANK;
  return typeof cell === "number" && Number.isFinite(cell) ? ok(cell) : bad("not-a-number", cell);
}

/** A count: a whole number from 0 to MAX_AMOUNT (e.g. of periods). */
export function readCountCell(cell: unknown): Reading<number> {
  const reading = readAmountCell(cell);
  if (reading.kind === "ok" && !Number.isInteger(reading.value)) return bad("not-whole", cell);
  return reading;
}

/**
 * A share below 100 %: `95 %` (Excel holds 0.95), `0.95`, or `95` typed as a whole percentage
 * (a number from 1 up to 100 is read as percent); 100 % or more is not a share.
 */
export function readShareCell(cell: unknown): Reading<number> {
  const reading = readAmountCell(cell);
  if (reading.kind !== "ok") return reading;
  if (reading.value < 1) return reading;
  return reading.value < 100 ? ok(reading.value / 100) : bad("not-a-share", cell);
}

/**
 * A ceiling on a share of capacity, above 0 and at most 100 %: `90 %` (Excel holds 0.9), `0.9`, or
 * `90` typed as a whole percentage (a number above 1 up to 100 is read as percent).
 */
export function readCeilingShareCell(cell: unknown): Reading<number> {
  const reading = readAmountCell(cell);
  if (reading.kind !== "ok") return reading;
  if (reading.value > 0 && reading.value <= 1) return reading;
  return reading.value > 1 && reading.value <= 100 ? ok(reading.value / 100) : bad("not-a-ceiling", cell);
}

/** Yes/No, True/False, 1/0 (case and spaces ignored). */
export function readYesNoCell(cell: unknown): Reading<boolean> {
  if (isBlankCell(cell)) return BLANK;
  const key = typeof cell === "string" ? cell.trim().toLowerCase() : cell;
  const value = typeof key === "string" || typeof key === "number" || typeof key === "boolean" ? YES_NO.get(key) : undefined;
  return value === undefined ? bad("not-yes-no", cell) : ok(value);
}

/** One of a few words (`Ending`, `Average`), case and spaces ignored. */
export function readChoiceCell<T>(cell: unknown, choices: readonly Choice<T>[]): Reading<T> {
  if (isBlankCell(cell)) return BLANK;
  const typed = typeof cell === "string" ? normalizeName(cell) : null;
  const choice = choices.find((c) => normalizeName(c.label) === typed);
  return choice ? ok(choice.value) : bad("not-a-choice", cell);
}

/** A name in a key column; numbers read as their text, as codes often are (`10045`). */
export function readNameCell(cell: unknown): Reading<string> {
  if (isBlankCell(cell)) return BLANK;
  if (typeof cell === "string") return ok(cell.trim());
  if (typeof cell === "number") return ok(String(cell));
  return bad("not-text", cell);
}

/** A label such as a period's: text, a number read as its text, or a date as a planner reads it (`Jan 2027`). */
export function readLabelCell(cell: unknown): Reading<string> {
  if (typeof cell === "object" && cell !== null && "date" in cell && typeof cell.date === "number") return ok(dateLabel(cell.date));
  return readNameCell(cell);
}

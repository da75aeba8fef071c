// The message catalogue: a cell's reason and its locator (`Forecast!D7`, `demand[3]`) put into the words every front end shows.
import { type FamilyPolicy, plainNumber, type RateProblem } from "../engine";
import { CAPACITY_TABLE_TITLE, policyParameter, WORKING_DAYS_ROW } from "./schema";
import { MAX_AMOUNT, type CellReason } from "./cellReading";

/** Longest workbook text quoted whole: every family, product or resource name a planner types. */
const QUOTE_WHOLE = 120;

/**
 * Workbook text quoted for a message: whole up to QUOTE_WHOLE characters (so two long names that
 * differ at the end read differently); a longer text (a pasted paragraph) keeps its start and its
 * end around "…", so it cannot flood the list and names cut alike still differ where they end.
 */
export function quote(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, " ");
  return `"${trimmed.length > QUOTE_WHOLE ? `${trimmed.slice(0, 80)}…${trimmed.slice(-(QUOTE_WHOLE - 81))}` : trimmed}"`;
}

/** What a cell holds, in words: `the text "abc"`, `the error #N/A`, `TRUE`, `a date`, `nothing`. */
export function describeCell(cell: unknown): string {
  if (cell === null || cell === undefined || cell === "") return "nothing";
  if (typeof cell === "string") return `the text ${quote(cell)}`;
  if (typeof cell === "number") return Number.isFinite(cell) ? plainNumber(cell) : String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (typeof cell === "object" && "error" in cell && typeof cell.error === "string") return `the error ${cell.error}`;
  if (typeof cell === "object" && "date" in cell) return "a date";
  return "an error value";
}

/** Words for the rule a cell broke, for the reasons that need more than the reason: the choices, the Yes/No words. */
export interface CellRule {
  /** What the cell is for, as the sentence's subject: `demand`, `"Safety stock"`. */
  what: string;
  /** For `not-a-choice` and `not-yes-no`: the words accepted, `Ending or Average` (Yes/No by default). */
  accepted?: string;
}

/**
 * The message for a cell that cannot be read: `Forecast!D7 is -5; demand must be 0 or more.`
 * The same words for a workbook cell and a function's argument (`demand[3]`).
 */
export function cellMessage(at: string, reason: CellReason, cell: unknown, rule: CellRule): string {
  const { what } = rule;
  switch (reason) {
    case "negative":
      return `${at} is ${describeCell(cell)}; ${what} must be 0 or more.`;
    case "too-large":
      return `${at} is ${describeCell(cell)}; ${what} must be at most ${plainNumber(MAX_AMOUNT)}. A number this large is most likely a pasted code.`;
    case "not-a-number":
      return notANumber(at, cell, what);
    case "not-whole":
      return `${at} is ${describeCell(cell)}; ${what} must be a whole number.`;
    case "not-text":
      return `${at} holds ${describeCell(cell)}; ${what} must be text.`;
    case "not-yes-no":
      return `${at} holds ${describeCell(cell)}; ${what} must be ${rule.accepted ?? "Yes or No"}.`;
    case "not-a-choice":
      return `${at} holds ${describeCell(cell)}; ${what} must be ${rule.accepted ?? "one of the listed words"}.`;
    case "not-a-share":
      return `${at} is ${describeCell(cell)}; ${what} must be a share below 100 %, such as 95 % (or 0.95).`;
    case "not-a-ceiling":
      return `${at} is ${describeCell(cell)}; ${what} must be a share above 0 and at most 100 %, such as 90 % (or 0.9).`;
  }
}

function notANumber(at: string, cell: unknown, what: string): string {
  if (typeof cell !== "string") return `${at} holds ${describeCell(cell)}, not a number; ${what} must be a number.`;
  const numeric = cell.trim() !== "" && Number.isFinite(Number(cell.trim().replace(/,/g, "")));
  const why = numeric ? " Excel leaves text out of sums even when it looks like a number; enter it as a number." : "";
  return `${at} is text, not a number (${quote(cell)}); ${what} must be a number.${why}`;
}

/**
 * Policy `Opening stock value per unit` left blank for families with stock on hand (`at`: its cell,
 * or where its row would go): how their opening stock is valued instead (engine/pnl.ts).
 */
export function openingStockValueMessage(at: string, families: readonly string[]): string {
  const named = families.slice(0, 3).map(quote).join(", ");
  const more = families.length > 3 ? ` and ${families.length - 3} more ${families.length - 3 === 1 ? "family" : "families"}` : "";
  return (
    `${at}: "Opening stock value per unit" is blank, so the opening stock of ${named}${more} is valued at the unit cost of the first period ` +
    "that makes anything, or, in a plan that makes nothing, at the family's material + regular cost per unit (what it ships from stock costs that)."
  );
}

/**
 * Blank cells of a Capacity row (`resource` null: the Working days row), read as 0: "Capacity!E3 is
 * blank, so Assembly has 0 available in Apr 2027 (a blank capacity is 0); enter what is available, or 0."
 */
export function blankCapacityMessage(blanks: readonly { at: string; period: string }[], resource: string | null): string {
  const cells = blanks.length === 1 ? `${blanks[0].at} is blank` : `${blanks.map((b) => b.at).join(", ")} are blank`;
  const labels = blanks.map((b) => b.period);
  const periods = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
  const what = resource === null ? `there are 0 ${WORKING_DAYS_ROW.toLowerCase()} in ${periods} (a blank is 0)` : `${quote(resource)} has 0 available in ${periods} (a blank capacity is 0)`;
  return `${cells}, so ${what}; enter what is available, or 0 if nothing is.`;
}

/** `Ending or Average` from the labels of a choice. */
export function orList(labels: readonly string[]): string {
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}

/**
 * What is wrong with a family's productivity rule, in the template's words:
 * `'Hours per worker per day' needs a 'Working days' row in Capacity; …`.
 */
export function rateProblemMessage(problem: RateProblem): string {
  const name = (field: keyof FamilyPolicy) => `'${policyParameter(field).name}'`;
  switch (problem.code) {
    case "per-day-needs-working-days": {
      const [perDay, perPeriod] = problem.fields;
      return `${name(perDay)} needs a '${WORKING_DAYS_ROW}' row in ${CAPACITY_TABLE_TITLE}; give ${name(perPeriod)} instead or add the row`;
    }
    case "two-rules": {
      const [units, hoursPerUnit] = problem.fields;
      return `give one productivity rule: either ${name(hoursPerUnit)} with hours per worker, or ${name(units)}, not both`;
    }
    case "not-positive":
      return `${name(problem.fields[0])} must be greater than 0`;
    case "needs-hours-per-worker": {
      const [field, perDay, perPeriod] = problem.fields;
      return `${name(field)} needs ${name(perDay)} or ${name(perPeriod)}`;
    }
    case "no-rule":
      return (
        `no productivity rule: give ${name("laborHoursPerUnit")} with ${name("hoursPerWorkerPerDay")} (or per period), ` +
        `or ${name("unitsPerWorkerPerDay")} (or per period)`
      );
  }
}

// What kind of period a header label is (a month, a week, a quarter, a date) and where it falls in time, so Actuals can be checked against the plan's periods.
import type { PeriodKind } from "../engine/forecast";

/**
 * A period label read as time: its kind, and an ordinal that counts periods of that kind (a month
 * after `Dec 2026` is `Jan 2027`, one more). `yearless` labels (`Jan`, `W05`, `Q1`) count within a
 * year only, so their ordinals compare only modulo the periods of a year. A `date` counts days.
 */
export type PeriodTime =
  | { kind: PeriodKind; ordinal: number; yearless: boolean }
  | { kind: "date"; ordinal: number; yearless: false }
  | { kind: "unknown" };

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Periods of a kind in a year, for labels without a year. */
export const PERIODS_PER_YEAR: Record<PeriodKind, number> = { month: 12, week: 52, quarter: 4 };

function year(text: string | undefined): number | null {
  if (text === undefined || text === "") return null;
  const n = Number(text);
  return text.length === 2 ? 2000 + n : n;
}

/** The day number (days since 1970-01-01) of the Monday of ISO week `week` of `isoYear`. */
function isoWeekMonday(isoYear: number, week: number): number {
  const jan4 = Date.UTC(isoYear, 0, 4) / 86_400_000;
  const weekday = (new Date(Date.UTC(isoYear, 0, 4)).getUTCDay() + 6) % 7; // Monday 0
  return jan4 - weekday + (week - 1) * 7;
}

/** The time of a period label such as `Jan 2027`, `January 2027`, `Jan-27`, `2027-01`, `W05 2027`, `2027-W05`, `Q1 2027`, `2027-01-15`, `Jan`. */
export function periodTime(label: string): PeriodTime {
  const text = label.trim().toLowerCase().replace(/\s+/g, " ");
  let m = /^([a-z]{3})[a-z]*\.?(?:[ \-/']+(\d{4}|\d{2}))?$/.exec(text);
  if (m && MONTHS.includes(m[1])) {
    const y = year(m[2]);
    const month = MONTHS.indexOf(m[1]);
    return { kind: "month", ordinal: (y ?? 0) * 12 + month, yearless: y === null };
  }
  m = /^(\d{4})-(\d{2})$/.exec(text) ?? null;
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { kind: "month", ordinal: Number(m[1]) * 12 + Number(m[2]) - 1, yearless: false };
  m = /^q([1-4])(?:[ \-/']+(\d{4}|\d{2}))?$/.exec(text) ?? /^(\d{4}) ?-? ?q([1-4])$/.exec(text);
  if (m) {
    const [q, y] = m[0].startsWith("q") ? [Number(m[1]), year(m[2])] : [Number(m[2]), year(m[1])];
    return { kind: "quarter", ordinal: (y ?? 0) * 4 + q - 1, yearless: y === null };
  }
  m = /^w(?:k|eek)? ?(\d{1,2})(?:[ \-/']+(\d{4}))?$/.exec(text) ?? /^(\d{4}) ?-? ?w(\d{1,2})$/.exec(text);
  if (m) {
    const [w, y] = m[0].startsWith("w") ? [Number(m[1]), year(m[2])] : [Number(m[2]), year(m[1])];
    if (w < 1 || w > 53) return { kind: "unknown" };
    return y === null ? { kind: "week", ordinal: w - 1, yearless: true } : { kind: "week", ordinal: isoWeekMonday(y, w) / 7, yearless: false };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return { kind: "date", ordinal: Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000, yearless: false };
  return { kind: "unknown" };
}

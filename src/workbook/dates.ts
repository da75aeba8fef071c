// Excel's date serials (days since 1899-12-30, the 1900 date system) to and from JavaScript dates, and a date as a period label.

const DAY_MS = 86_400_000;
/** Days from Excel's day 0 (1899-12-30) to the Unix epoch. */
const UNIX_EPOCH_SERIAL = 25_569;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The serial of the date and time a JavaScript date reads in UTC (as ExcelJS hands a cell's date over). */
export function serialOfUtcDate(date: Date): number {
  return date.getTime() / DAY_MS + UNIX_EPOCH_SERIAL;
}

/** The serial of the local date and time a JavaScript date reads (a clock's "now", shown as the user sees it). */
export function serialOfLocalDate(date: Date): number {
  const utc = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds());
  return serialOfUtcDate(new Date(utc));
}

/** A date header as a planner reads it: `Jan 2027` for the first of a month, else `2027-01-15`. */
export function dateLabel(serial: number): string {
  const date = new Date((Math.floor(serial + 1e-9) - UNIX_EPOCH_SERIAL) * DAY_MS);
  if (date.getUTCDate() === 1) return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  return date.toISOString().slice(0, 10);
}

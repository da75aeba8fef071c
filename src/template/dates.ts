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

/** The serial number Excel shows as a local `YYYY-MM-DDTHH:MM:SS` (a saved version's time), or null when it is not one. */
export function serialOfTimestamp(timestamp: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(timestamp);
  if (!m) return null;
  const [year, month, day, hours, minutes, seconds] = m.slice(1).map((x) => Number(x ?? 0));
  return (Date.UTC(year, month - 1, day, hours, minutes, seconds) + UNIX_EPOCH_SERIAL * DAY_MS) / DAY_MS;
}

/** A serial number as the local `YYYY-MM-DDTHH:MM:SS` it shows, to the second. */
export function timestampOfSerial(serial: number): string {
  return new Date((Math.round(serial * 86_400) - UNIX_EPOCH_SERIAL * 86_400) * 1000).toISOString().slice(0, 19);
}

// Numbers and lists as the task pane shows them: one rule for money and quantities everywhere in the pane (no React: the session words its status with them).
import { numberText } from "../engine";

/** The workbook's currency as its number formats show it: the mark and which side of the number it goes. */
export interface Currency {
  symbol: string;
  before: boolean;
}

/** How the pane writes numbers: the currency (none when the workbook shows none), and whether large amounts are shown in full. */
export interface NumberStyle {
  currency: Currency | null;
  /** False: a million and more is shown in thousands, marked `k`; true: every digit. */
  full: boolean;
}

/** From this amount up, money is shown in thousands (`k`) unless the full values are asked for. */
export const THOUSANDS_FROM = 1_000_000;

/**
 * Money, the one rule of the pane: the currency mark, thousands separated, whole units (cents only
 * below 100, where they matter: a marginal value of 14.20); from a million up in thousands marked
 * `k` (`$12,346k`) unless `full`.
 */
export function formatMoney(amount: number, style: NumberStyle = PLAIN_NUMBERS, locale?: string): string {
  const size = Math.abs(amount);
  const inThousands = !style.full && size >= THOUSANDS_FROM;
  const digits = inThousands ? numberText(size / 1000, 0, 0, locale) + "k" : size < 100 && !Number.isInteger(size) ? numberText(size, 2, 2, locale) : numberText(size, 0, 0, locale);
  const sign = amount < 0 && digits.replace(/[^1-9]/g, "") !== "" ? "−" : "";
  const { currency } = style;
  if (!currency) return `${sign}${digits}`;
  return currency.before ? `${sign}${currency.symbol}${digits}` : `${sign}${digits} ${currency.symbol}`;
}

/** True when `formatMoney` shortens the amount to thousands: where the full value is worth offering. */
export function isShortened(amount: number, style: NumberStyle): boolean {
  return !style.full && Math.abs(amount) >= THOUSANDS_FROM;
}

/** A quantity (units, capacity): grouped, at most one decimal. */
export function formatAmount(amount: number, locale?: string): string {
  return numberText(amount, 1, 0, locale);
}

/** No currency, large amounts in thousands: the style until the workbook's is known. */
export const PLAIN_NUMBERS: NumberStyle = { currency: null, full: false };

/** What a table of money says once in its caption: `in €`, `in €, k = thousands`, `k = thousands`; empty when neither applies. */
export function tableUnit(style: NumberStyle, shortened: boolean): string {
  const parts = [style.currency ? `in ${style.currency.symbol}` : "", shortened ? "k = thousands" : ""].filter((p) => p !== "");
  return parts.join(", ");
}

/** The currency a planner types in the settings (`€`, `USD`, `kr`), placed as the locale would: codes and words after, marks before. */
export function typedCurrency(text: string): Currency | null {
  const symbol = text.trim();
  if (symbol === "") return null;
  return { symbol, before: symbol.length === 1 || /[$£¥₹]$/.test(symbol) };
}

// ---------------------------------------------------------------------------------------------
// Lists and spans

/** "Jan 2027 – Dec 2027" for a horizon, or the single period. */
export function formatSpan(items: readonly string[]): string {
  if (items.length === 0) return "";
  return items.length === 1 ? items[0] : `${items[0]} – ${items[items.length - 1]}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}


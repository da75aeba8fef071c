// Numbers and lists as the task pane shows them: one rule for money and quantities everywhere in the pane.
import { createContext, useContext } from "react";
import { numberText } from "../engine/numberText";

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

/** The pane's number style, provided once by the App. */
export const NumberStyleContext = createContext<NumberStyle>(PLAIN_NUMBERS);

/** Money in the pane's style: `const money = useMoney(); money(1234)`. */
export function useMoney(): (amount: number) => string {
  const style = useContext(NumberStyleContext);
  return (amount) => formatMoney(amount, style);
}

export function useNumberStyle(): NumberStyle {
  return useContext(NumberStyleContext);
}

// ---------------------------------------------------------------------------------------------
// The currency of an Excel number format

/** Marks Excel writes bare in a format (outside quotes), as a currency. */
const BARE_SYMBOLS = /[$€£¥₹₩₽₪₫₴₦₱฿₺₡₲₵₸]/;

/**
 * The currency an Excel number format shows, from its first section: `[$€-407] #,##0.00` → €
 * before, `#,##0 "kr"` → kr after, `"$"#,##0` or `$#,##0` → $ before, `[$EUR] #,##0` → EUR;
 * null when it shows none (`#,##0.00`, `General`, `0 "units"` is not a currency: only money marks
 * and `[$…]` codes count).
 */
export function currencyOfFormat(format: string): Currency | null {
  const section = splitSections(format)[0] ?? "";
  const digit = firstDigitPlaceholder(section);
  let found: { symbol: string; at: number } | null = null;
  for (let i = 0; i < section.length && !found; i++) {
    const ch = section[i];
    if (ch === "\\") {
      const next = section[i + 1] ?? "";
      if (BARE_SYMBOLS.test(next)) found = { symbol: next, at: i };
      i++;
    } else if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const literal = section.slice(i + 1, end < 0 ? undefined : end).trim();
      if (literal !== "" && isCurrencyText(literal)) found = { symbol: literal, at: i };
      i = end < 0 ? section.length : end;
    } else if (ch === "[") {
      const end = section.indexOf("]", i + 1);
      const inner = section.slice(i + 1, end < 0 ? undefined : end);
      if (inner.startsWith("$")) {
        const symbol = inner.slice(1).split("-")[0].trim();
        if (symbol !== "") found = { symbol, at: i };
      }
      i = end < 0 ? section.length : end;
    } else if (BARE_SYMBOLS.test(ch)) {
      found = { symbol: ch, at: i };
    }
  }
  if (!found) return null;
  return { symbol: found.symbol, before: digit < 0 || found.at < digit };
}

/** A quoted literal that reads as a currency: a money mark, a three-letter code, or a short word such as `kr`, `zł`, `Fr.`. */
function isCurrencyText(text: string): boolean {
  if (BARE_SYMBOLS.test(text)) return true;
  return /^[A-Z]{3}$/.test(text) || /^(kr|zł|Kč|Ft|lei|Fr\.?|CHF|R\$|US\$|A\$|C\$|NZ\$|HK\$)$/i.test(text);
}

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = "";
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end;
      current += format.slice(i, stop + 1);
      i = stop;
    } else if (ch === "\\") {
      current += format.slice(i, i + 2);
      i++;
    } else if (ch === ";") {
      sections.push(current);
      current = "";
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

/** Where the number starts in a format section (its first 0, # or ?), outside quotes and brackets; −1 without one. */
function firstDigitPlaceholder(section: string): number {
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      i = end < 0 ? section.length : end;
    } else if (ch === "[") {
      const end = section.indexOf("]", i + 1);
      i = end < 0 ? section.length : end;
    } else if (ch === "\\") i++;
    else if (ch === "0" || ch === "#" || ch === "?") return i;
  }
  return -1;
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

/** Strategy names as the planner's users say them: the template's labels. */
export { STRATEGY_LABEL } from "../template/schema";

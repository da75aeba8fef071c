// The currency an Excel number format shows: how the pane learns the workbook's currency (loaded when a Policy has money cells).
import type { Currency } from "./format";

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


// Numbers as text for messages, sheets and the terminal: one place, one cached Intl.NumberFormat per style.

const formats = new Map<string, Intl.NumberFormat>();

/** A number with thousands separators and between `minDigits` and `maxDigits` decimals, in `locale` (en-US unless told); a negative with the minus sign (−1,234). */
export function numberText(n: number, maxDigits: number, minDigits = 0, locale?: string): string {
  const key = `${locale ?? ""}|${minDigits}|${maxDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale ?? "en-US", { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits });
    formats.set(key, format);
  }
  // One sign for a negative in every output: the minus sign (−), as the signed differences write it, not the hyphen.
  return format.format(n).replace("-", "\u2212");
}

/** A quantity the way a review reads it: thousands separated, at most two decimals (`1,234.5`). */
export const amountText = (n: number, maxDigits = 2): string => numberText(n, maxDigits);

/** Money with two decimals always (`1,234.50`). */
export const moneyText = (n: number): string => numberText(n, 2, 2);

/** A ratio as a percentage with a space before the sign, as the review writes it (`87.5 %`). */
export const percentText = (ratio: number, maxDigits = 1): string => `${numberText(ratio * 100, maxDigits)} %`;

/** A number as a planner would type it, without binary noise such as 0.30000000000000004 (`1234.5`). */
export const plainNumber = (n: number, precision = 12): string => String(Number(n.toPrecision(precision)));

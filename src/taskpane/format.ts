// Number and list formatting for the task pane, in the user's locale.
import { STRATEGY_LABELS } from "../engine/model";

/** Whole currency units with grouping: plans are compared in thousands, cents only add noise. */
export function formatMoney(amount: number, locale?: string): string {
  return amount.toLocaleString(locale, { maximumFractionDigits: 0 });
}

/** "Jan 2027 – Dec 2027" for a horizon, or the single period. */
export function formatSpan(items: readonly string[]): string {
  if (items.length === 0) return "";
  return items.length === 1 ? items[0] : `${items[0]} – ${items[items.length - 1]}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Strategy names as the planner's users say them. */
export const STRATEGY_LABEL: Readonly<Record<string, string>> = STRATEGY_LABELS;

/** A quantity (units, capacity): grouped, at most one decimal. */
export function formatAmount(amount: number, locale?: string): string {
  return amount.toLocaleString(locale, { maximumFractionDigits: 1 });
}

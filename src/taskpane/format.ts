// Number and list formatting for the task pane, in the user's locale.
import { numberText } from "../engine/numberText";

/** Whole currency units with grouping: plans are compared in thousands, cents only add noise. */
export function formatMoney(amount: number, locale?: string): string {
  return numberText(amount, 0, 0, locale);
}

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

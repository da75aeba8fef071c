// The pane's number style as React context: provided once by the App, read by every card that shows money.
import { createContext, useContext } from "react";
import { formatMoney, PLAIN_NUMBERS, type NumberStyle } from "../format";

/** The pane's number style, provided once by the App. */
export const NumberStyleContext = createContext<NumberStyle>(PLAIN_NUMBERS);

/**
 * Money in the pane's style: `const money = useMoney(); money(1234)`. `inTable`: without the currency
 * mark, for a table whose caption names the currency once (four strategy columns fit a 320 px pane).
 */
export function useMoney(inTable = false): (amount: number) => string {
  const style = useContext(NumberStyleContext);
  const shown = inTable ? { ...style, currency: null } : style;
  return (amount) => formatMoney(amount, shown);
}

export function useNumberStyle(): NumberStyle {
  return useContext(NumberStyleContext);
}

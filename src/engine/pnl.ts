// The P&L view of a plan: cost of goods sold on the units shipped (weighted average cost), the stock's value, and the margin after the period costs.
import type { CostBreakdown } from "./model";

/** Costs of making or buying units: carried in inventory until the units ship. */
export const PRODUCT_COST_KINDS = ["regular", "overtime", "subcontract", "material"] as const satisfies readonly (keyof CostBreakdown)[];
/** Costs of running the plan in a period: charged to that period whatever ships. */
export const PERIOD_COST_KINDS = ["hiring", "layoff", "holding", "backorder"] as const satisfies readonly (keyof CostBreakdown)[];

/** One period's units as the P&L needs them. */
export interface PnlUnits {
  /** Regular + overtime + subcontracted units. */
  made: number;
  shipped: number;
  /** Units on hand at the end of the period. */
  inventory: number;
}

export interface PnlPeriod {
  /** The weighted average cost of a unit on hand or shipped in the period (0 when none is). */
  unitCost: number;
  /** Cost of goods sold: unitCost × shipped, plus the product costs of a period that makes nothing (idle payroll). */
  cogs: number;
  /** Hiring, layoff, holding and backorder costs of the period. */
  periodCosts: number;
  /** The P&L margin: revenue − cogs − periodCosts. */
  grossMargin: number;
  /** unitCost × the units on hand at the end of the period. */
  inventoryValue: number;
}

export interface ProfitAndLoss {
  periods: PnlPeriod[];
  /** What the opening stock is worth: opening units × the opening value per unit. */
  openingValue: number;
  /** The value per unit the opening stock is carried at. */
  openingValuePerUnit: number;
  cogs: number;
  grossMargin: number;
}

const productCost = (costs: CostBreakdown): number => PRODUCT_COST_KINDS.reduce((sum, kind) => sum + costs[kind], 0);
const periodCost = (costs: CostBreakdown): number => PERIOD_COST_KINDS.reduce((sum, kind) => sum + costs[kind], 0);

/** The index of the first period that makes or buys anything, or -1. */
export function firstMakingPeriod(units: readonly PnlUnits[]): number {
  return units.findIndex((u) => u.made > 0);
}

/**
 * The P&L view of a plan, period by period (weighted average cost, one pool per family):
 * - the units on hand at the start of a period and those made in it form one pool, valued at the
 *   pool's value at the start plus the period's product costs (payroll, overtime, subcontracting,
 *   material); its average is the period's unit cost;
 * - cost of goods sold = unit cost × units shipped; the pool keeps unit cost × the ending inventory,
 *   which is the inventory value carried into the next period;
 * - a period that makes nothing charges its product costs (payroll of idle workers) to its cost of
 *   goods sold: there is no unit to carry them;
 * - period costs (hiring, layoffs, holding, backorders) are charged in the period;
 * - the opening stock (the first period's inventory + shipped − made, i.e. the initial inventory) is
 *   valued at `openingValuePerUnit` when given (Policy `Opening stock value per unit`), else at the
 *   unit cost of the first period that makes anything (production and subcontract costs ÷ units), else
 *   (a plan that makes nothing) at `fallbackValuePerUnit`, the family's own unit cost (material +
 *   regular cost per unit), so what it ships from stock has a cost of goods sold.
 * Over the horizon, P&L margin = cash margin + closing inventory value − opening inventory value.
 */
export function profitAndLoss(
  units: readonly PnlUnits[],
  costs: readonly CostBreakdown[],
  revenue: readonly number[],
  openingValuePerUnit: number | null,
  fallbackValuePerUnit = 0,
): ProfitAndLoss {
  const first = firstMakingPeriod(units);
  const valuePerUnit = openingValuePerUnit ?? (first >= 0 ? productCost(costs[first]) / units[first].made : fallbackValuePerUnit);
  const openingUnits = units.length > 0 ? Math.max(0, units[0].inventory + units[0].shipped - units[0].made) : 0;
  const openingValue = openingUnits * valuePerUnit;
  let poolUnits = openingUnits;
  let poolValue = openingValue;
  const periods = units.map((u, t): PnlPeriod => {
    const made = u.made > 0;
    const available = poolUnits + u.made;
    const value = poolValue + (made ? productCost(costs[t]) : 0);
    const unitCost = available > 0 ? value / available : 0;
    const cogs = unitCost * u.shipped + (made ? 0 : productCost(costs[t]));
    const charged = periodCost(costs[t]);
    poolUnits = u.inventory;
    poolValue = unitCost * u.inventory;
    return { unitCost, cogs, periodCosts: charged, grossMargin: revenue[t] - cogs - charged, inventoryValue: poolValue };
  });
  return {
    periods,
    openingValue,
    openingValuePerUnit: valuePerUnit,
    cogs: periods.reduce((sum, p) => sum + p.cogs, 0),
    grossMargin: periods.reduce((sum, p) => sum + p.grossMargin, 0),
  };
}

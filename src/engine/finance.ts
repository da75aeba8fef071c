// The financial projection of the recommended plans: revenue, costs by kind and gross margin per period, per product, family and in total.
import { outputWeights, splitByForecast, type Aggregation } from "./aggregate";
import { zeroCosts } from "./costing";
import { PERIOD_COST_KINDS, PRODUCT_COST_KINDS } from "./pnl";
import { recommendedPlanOf } from "./recommendation";
import { COST_KINDS, type CostBreakdown, type FamilyResult, type PlanningInput, type StrategyName } from "./model";

export interface FinancePeriod {
  period: string;
  revenue: number;
  costs: CostBreakdown;
  totalCost: number;
  /** The cash view: revenue − every cost of the period. */
  margin: number;
  /** The P&L view (pnl.ts): cost of goods sold, the margin after it and the period costs, and the stock's value at the end. */
  cogs: number;
  grossMargin: number;
  inventoryValue: number;
}

/** One line of the projection: a product, a family, or the total (family and product null). */
export interface FinanceLine {
  family: string | null;
  product: string | null;
  periods: FinancePeriod[];
  revenue: number;
  costs: CostBreakdown;
  totalCost: number;
  margin: number;
  cogs: number;
  grossMargin: number;
}

export interface FinancialProjection {
  /** Families with a feasible plan, in input order, each with the strategy it follows. */
  families: (FinanceLine & { family: string; strategy: StrategyName })[];
  /** Products of those families, in aggregation order. */
  products: (FinanceLine & { family: string; product: string; price: number; unitCost: number })[];
  total: FinanceLine;
}


function line(family: string | null, product: string | null, periods: FinancePeriod[]): FinanceLine {
  const costs = zeroCosts();
  let revenue = 0;
  let cogs = 0;
  for (const p of periods) {
    revenue += p.revenue;
    cogs += p.cogs;
    for (const kind of COST_KINDS) costs[kind] += p.costs[kind];
  }
  const totalCost = COST_KINDS.reduce((sum, kind) => sum + costs[kind], 0);
  const charged = PERIOD_COST_KINDS.reduce((sum, kind) => sum + costs[kind], 0);
  return { family, product, periods, revenue, costs, totalCost, margin: revenue - totalCost, cogs, grossMargin: revenue - cogs - charged };
}

/** A period of a line: the cash view from its revenue and costs, the P&L view from its cost of goods sold. */
function period(name: string, revenue: number, costs: CostBreakdown, cogs: number, inventoryValue: number): FinancePeriod {
  const totalCost = COST_KINDS.reduce((sum, kind) => sum + costs[kind], 0);
  const charged = PERIOD_COST_KINDS.reduce((sum, kind) => sum + costs[kind], 0);
  return { period: name, revenue, costs, totalCost, margin: revenue - totalCost, cogs, grossMargin: revenue - cogs - charged, inventoryValue };
}

/** Lines added up period by period (a family from its products, the total from its families). */
function sumLines(family: string | null, product: string | null, names: readonly string[], lines: readonly FinanceLine[]): FinanceLine {
  return line(
    family,
    product,
    names.map((name, t) => {
      const costs = zeroCosts();
      let revenue = 0;
      let cogs = 0;
      let inventoryValue = 0;
      for (const l of lines) {
        revenue += l.periods[t].revenue;
        cogs += l.periods[t].cogs;
        inventoryValue += l.periods[t].inventoryValue;
        for (const kind of COST_KINDS) costs[kind] += l.periods[t].costs[kind];
      }
      return period(name, revenue, costs, cogs, inventoryValue);
    }),
  );
}

/**
 * The projection of every family's recommended plan (a family with no feasible plan has none).
 * A family without products is its plan's revenue and costs. A family with products is the sum
 * of its products, each one its weight in the family's output (`outputWeights`: its share of the
 * period's product forecasts when the family has product rows, else its mix share) of the plan's units:
 * - revenue = its price (Products `Price`, else the family's Policy price) × its share of the units shipped;
 * - material = its unit cost (Products `Unit cost`, else the Policy material cost) × its share of the units made in-house;
 * - every other cost of the family's plan (payroll, overtime, hiring, layoffs, holding, backorders,
 *   subcontracting) in the same proportion;
 * - its cost of goods sold and inventory value (the P&L view): the family's, in the product's share of
 *   the period's production and subcontract costs (its own unit cost counts), or of the units when nothing is made.
 * The plan prices and costs a unit of the family's output with the same weights (`withProductMoney`,
 * `bottomUpInput`), so each family line is exactly its plan's revenue, cost and margin: one set of
 * numbers, whichever sheet shows them.
 */
export function financialProjection(input: PlanningInput, results: readonly FamilyResult[], aggregation: Aggregation): FinancialProjection {
  const names = input.periods;
  const families: FinancialProjection["families"] = [];
  const products: FinancialProjection["products"] = [];
  input.families.forEach((family, f) => {
    const plan = recommendedPlanOf(results.find((r) => r.family === family.family));
    if (!plan) return;
    const mix = aggregation.mixes[f];
    if (!mix || mix.products.length === 0) {
      const periods = names.map((name, t) => period(name, plan.periodRevenue[t], { ...plan.periodCosts[t] }, plan.periodCogs[t], plan.periods[t].inventoryValue));
      families.push({ ...line(family.family, null, periods), family: family.family, strategy: plan.strategy });
      return;
    }
    const weights = outputWeights(mix, names.length, splitByForecast(mix));
    const own: FinancialProjection["products"] = mix.products.map((product, i) => {
      const price = product.price ?? family.policy.pricePerUnit;
      const unitCost = product.unitCost ?? family.policy.materialCostPerUnit;
      const periods = names.map((name, t) => {
        const weight = weights[i][t];
        const p = plan.periods[t];
        const costs = zeroCosts();
        for (const kind of COST_KINDS) if (kind !== "material") costs[kind] = plan.periodCosts[t][kind] * weight;
        costs.material = unitCost * weight * (p.regular + p.overtime);
        // The P&L view: the product's share of the family's product costs this period (its own unit cost counts), else its weight.
        const familyProductCost = PRODUCT_COST_KINDS.reduce((sum, kind) => sum + plan.periodCosts[t][kind], 0);
        const share = familyProductCost > 0 ? PRODUCT_COST_KINDS.reduce((sum, kind) => sum + costs[kind], 0) / familyProductCost : weight;
        return period(name, price * weight * p.shipped, costs, plan.periodCogs[t] * share, p.inventoryValue * share);
      });
      return { ...line(family.family, product.product, periods), family: family.family, product: product.product, price, unitCost };
    });
    products.push(...own);
    families.push({ ...sumLines(family.family, null, names, own), family: family.family, strategy: plan.strategy });
  });
  return { families, products, total: sumLines(null, null, names, families) };
}

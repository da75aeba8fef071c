// The financial projection of the recommended plans: revenue, costs by kind and gross margin per period, per product, family and in total.
import type { Aggregation } from "./aggregate";
import { zeroCosts } from "./costing";
import { recommendedPlanOf } from "./recommendation";
import { COST_KINDS, type CostBreakdown, type FamilyResult, type PlanningInput, type StrategyName } from "./model";

export interface FinancePeriod {
  period: string;
  revenue: number;
  costs: CostBreakdown;
  totalCost: number;
  margin: number;
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
  for (const p of periods) {
    revenue += p.revenue;
    for (const kind of COST_KINDS) costs[kind] += p.costs[kind];
  }
  const totalCost = COST_KINDS.reduce((sum, kind) => sum + costs[kind], 0);
  return { family, product, periods, revenue, costs, totalCost, margin: revenue - totalCost };
}

function period(name: string, revenue: number, costs: CostBreakdown): FinancePeriod {
  const totalCost = COST_KINDS.reduce((sum, kind) => sum + costs[kind], 0);
  return { period: name, revenue, costs, totalCost, margin: revenue - totalCost };
}

/** Lines added up period by period (a family from its products, the total from its families). */
function sumLines(family: string | null, product: string | null, names: readonly string[], lines: readonly FinanceLine[]): FinanceLine {
  return line(
    family,
    product,
    names.map((name, t) => {
      const costs = zeroCosts();
      let revenue = 0;
      for (const l of lines) {
        revenue += l.periods[t].revenue;
        for (const kind of COST_KINDS) costs[kind] += l.periods[t].costs[kind];
      }
      return period(name, revenue, costs);
    }),
  );
}

/**
 * The projection of every family's recommended plan (a family with no feasible plan has none).
 * A family without products is its plan's revenue and costs. A family with products is the sum
 * of its products, each one:
 * - revenue = its price (Products `Price`, else the family's Policy price) × its shipped units;
 * - material = its unit cost (Products `Unit cost`, else the Policy material cost) × its units made in-house;
 * - every other cost of the family's plan (payroll, overtime, hiring, layoffs, holding, backorders,
 *   subcontracting) allocated in proportion to the product's units in the period, made plus
 *   subcontracted; in a period where the family supplies nothing, by mix.
 * So with no price or unit cost in Products the family lines are exactly the plan's figures.
 */
export function financialProjection(input: PlanningInput, results: readonly FamilyResult[], aggregation: Aggregation): FinancialProjection {
  const names = input.periods;
  const families: FinancialProjection["families"] = [];
  const products: FinancialProjection["products"] = [];
  for (const family of input.families) {
    const plan = recommendedPlanOf(results.find((r) => r.family === family.family));
    if (!plan) continue;
    const splits = aggregation.products.filter((p) => p.family === family.family);
    if (splits.length === 0) {
      const periods = names.map((name, t) => period(name, plan.periodRevenue[t], { ...plan.periodCosts[t] }));
      families.push({ ...line(family.family, null, periods), family: family.family, strategy: plan.strategy });
      continue;
    }
    const supplied = names.map((_, t) => splits.reduce((sum, s) => sum + s.made[t] + s.subcontracted[t], 0));
    const productInputs = splits.map((s) => input.products.find((p) => p.family === s.family && p.product === s.product));
    const own: FinancialProjection["products"] = splits.map((split, i) => {
      const price = productInputs[i]?.price ?? family.policy.pricePerUnit;
      const unitCost = productInputs[i]?.unitCost ?? family.policy.materialCostPerUnit;
      const periods = names.map((name, t) => {
        const costs = zeroCosts();
        // Other costs follow the units supplied (made + subcontracted); with none, the mix.
        const share = supplied[t] > 0 ? (split.made[t] + split.subcontracted[t]) / supplied[t] : split.share;
        for (const kind of COST_KINDS) if (kind !== "material") costs[kind] = plan.periodCosts[t][kind] * share;
        costs.material = unitCost * split.made[t];
        return period(name, price * split.shipped[t], costs);
      });
      return { ...line(family.family, split.product, periods), family: family.family, product: split.product, price, unitCost };
    });
    products.push(...own);
    families.push({ ...sumLines(family.family, null, names, own), family: family.family, strategy: plan.strategy });
  }
  return { families, products, total: sumLines(null, null, names, families) };
}

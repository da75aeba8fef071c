// What-if scenarios: changes to the planning input (demand, capacity, Policy), applied together and planned like the base.
import type { FamilyPolicy, FamilyResult, PlanningInput, ResourceRequirement, StrategyName } from "./model";
import { versionKey as nameKey } from "./versions";

/** One row of a scenario, resolved against the input (names are the input's own). */
export type ScenarioChange =
  /** Demand × factor: of a family (its row and its products'), of one product (and so its family), or of all when target is null. */
  | { kind: "demand"; target: { family: string } | { product: string; family: string } | null; factor: number }
  /** Capacity × factor of one resource, every period. */
  | { kind: "capacity"; resource: string; factor: number }
  /** A Policy parameter set for one family, or for every family when family is null. */
  | { kind: "policy"; family: string | null; field: keyof FamilyPolicy; value: FamilyPolicy[keyof FamilyPolicy] };

export interface Scenario {
  name: string;
  /** Applied in order, all together. */
  changes: ScenarioChange[];
}

const scaled = (values: readonly number[], factor: number): number[] => values.map((v) => v * factor);

/**
 * The input with the scenario's changes made, as a planner would make them by hand:
 * - `Demand ×` a family multiplies its Forecast row and its products' rows;
 * - `Demand ×` a product multiplies the product's row and adds the extra units to its family's
 *   (the family row, or the sum of products, grows by what the product grew);
 * - `Demand ×` with no target multiplies every row;
 * - `Capacity ×` multiplies a resource's available capacity in every period;
 * - a Policy parameter replaces the family's value (every family's without a target).
 * The input itself is not changed.
 */
export function applyScenario(input: PlanningInput, scenario: Scenario): PlanningInput {
  const result: PlanningInput = {
    ...input,
    families: input.families.map((f) => ({ ...f, demand: [...f.demand], policy: { ...f.policy } })),
    products: input.products.map((p) => ({ ...p, demand: p.demand ? [...p.demand] : null })),
    resources: input.resources.map((r) => ({ ...r, available: [...r.available] })),
  };
  const same = (a: string, b: string) => nameKey(a) === nameKey(b);
  for (const change of scenario.changes) {
    switch (change.kind) {
      case "demand": {
        const target = change.target;
        if (target === null || !("product" in target)) {
          for (const family of result.families) {
            if (target !== null && !same(family.family, target.family)) continue;
            family.demand = scaled(family.demand, change.factor);
            for (const product of result.products) {
              if (same(product.family, family.family) && product.demand) product.demand = scaled(product.demand, change.factor);
            }
          }
        } else {
          const product = result.products.find((p) => same(p.product, target.product) && same(p.family, target.family));
          const family = result.families.find((f) => same(f.family, target.family));
          if (!product?.demand || !family) break;
          const before = product.demand;
          product.demand = scaled(before, change.factor);
          family.demand = family.demand.map((d, t) => d + product.demand![t] - before[t]);
        }
        break;
      }
      case "capacity":
        for (const resource of result.resources) {
          if (same(resource.resource, change.resource)) resource.available = scaled(resource.available, change.factor);
        }
        break;
      case "policy":
        for (const family of result.families) {
          if (change.family !== null && !same(family.family, change.family)) continue;
          (family.policy as unknown as Record<string, unknown>)[change.field] = change.value;
        }
        break;
    }
  }
  return result;
}

/** A family's recommended plan under a scenario; the money is null when no plan is feasible. */
export interface ScenarioFamilyOutcome {
  family: string;
  recommended: StrategyName | null;
  totalCost: number | null;
  revenue: number | null;
  margin: number | null;
  /** The P&L view (pnl.ts): revenue − cost of goods sold − period costs. */
  grossMargin: number | null;
  cogs: number | null;
  /** The most units owed to customers at the end of any period. */
  peakBacklog: number | null;
  /** Units shipped and units of demand never served, over the horizon. */
  shipped: number | null;
  unmet: number | null;
  /** Price × unmet units. */
  revenueAtRisk: number | null;
  /** Whether the recommended plan is feasible (false: no plan compared is; it is still counted). */
  feasible: boolean | null;
}

/** What a scenario (or the base plan) comes to: the recommended plans added up, the peak backlog and utilisation. */
export interface ScenarioOutcome {
  scenario: string;
  /** The changes in words; empty for the base plan. */
  changes: string[];
  families: ScenarioFamilyOutcome[];
  /** Over the families with a feasible plan. */
  totalCost: number;
  revenue: number;
  margin: number;
  /** The P&L view (pnl.ts): what the executive summary and the Scenarios sheet show. */
  grossMargin: number;
  cogs: number;
  peakBacklog: number;
  shipped: number;
  unmet: number;
  revenueAtRisk: number;
  /** Families whose recommended plan is not feasible (none compared is). */
  infeasible: string[];
  /** The largest relative gap any recommended plan was solved to (whole workers within a gap; 0 for exact plans). */
  gap: number;
  /** The busiest resource period (finite utilisation only), or null without resources. */
  peakUtilization: { resource: string; period: string; utilization: number } | null;
}

export function scenarioOutcome(
  scenario: string,
  changes: string[],
  results: readonly FamilyResult[],
  resources: readonly ResourceRequirement[],
): ScenarioOutcome {
  const families = results.map((family): ScenarioFamilyOutcome => {
    const plan = family.plans.find((p) => p.strategy === family.recommended);
    if (!plan) {
      return { family: family.family, recommended: null, totalCost: null, revenue: null, margin: null, grossMargin: null, cogs: null, peakBacklog: null, shipped: null, unmet: null, revenueAtRisk: null, feasible: null };
    }
    return {
      family: family.family,
      recommended: plan.strategy,
      totalCost: plan.totalCost,
      revenue: plan.revenue,
      margin: plan.margin,
      grossMargin: plan.grossMargin,
      cogs: plan.cogs,
      peakBacklog: Math.max(0, ...plan.periods.map((p) => p.backlog)),
      shipped: plan.shipped,
      unmet: plan.unmet,
      revenueAtRisk: plan.revenueAtRisk,
      feasible: plan.feasible,
    };
  });
  const add = (pick: (f: ScenarioFamilyOutcome) => number | null) => families.reduce((sum, f) => sum + (pick(f) ?? 0), 0);
  let peak: ScenarioOutcome["peakUtilization"] = null;
  for (const resource of resources) {
    for (const p of resource.periods) {
      if (Number.isFinite(p.utilization) && (peak === null || p.utilization > peak.utilization)) {
        peak = { resource: resource.resource, period: p.period, utilization: p.utilization };
      }
    }
  }
  return {
    scenario,
    changes,
    families,
    totalCost: add((f) => f.totalCost),
    revenue: add((f) => f.revenue),
    margin: add((f) => f.margin),
    grossMargin: add((f) => f.grossMargin),
    cogs: add((f) => f.cogs),
    peakBacklog: Math.max(0, ...families.map((f) => f.peakBacklog ?? 0)),
    shipped: add((f) => f.shipped),
    unmet: add((f) => f.unmet),
    revenueAtRisk: add((f) => f.revenueAtRisk),
    infeasible: families.filter((f) => f.feasible === false).map((f) => f.family),
    gap: Math.max(0, ...results.map((family) => family.plans.find((p) => p.strategy === family.recommended)?.solve?.gap ?? 0)),
    peakUtilization: peak,
  };
}

/**
 * The scenario's P&L margin less the base plan's, or null when the difference is no larger than the
 * solvers' stated gap (or half a unit of money): "no material change", not a signed amount that is
 * only the solver's tolerance.
 */
export function materialMarginChange(outcome: ScenarioOutcome, base: ScenarioOutcome): number | null {
  const change = outcome.grossMargin - base.grossMargin;
  const tolerance = Math.max(0.5, Math.max(outcome.gap, base.gap) * Math.max(Math.abs(outcome.totalCost), Math.abs(base.totalCost)));
  return Math.abs(change) <= tolerance ? null : change;
}

/**
 * The share of demand shipped in the period it was due, over every family's recommended plan:
 * each period ships its own demand less what it adds to the backlog (B_t − B_{t−1} when the
 * backlog grows). 1 when nothing is due; null when no family has a feasible plan.
 */
export function fillRate(input: PlanningInput, results: readonly FamilyResult[]): number | null {
  let due = 0;
  let onTime = 0;
  let planned = false;
  for (const family of input.families) {
    const result = results.find((r) => r.family === family.family);
    const plan = result?.plans.find((p) => p.strategy === result.recommended);
    if (!plan) continue;
    planned = true;
    plan.periods.forEach((p, t) => {
      const before = t === 0 ? family.policy.initialBacklog : plan.periods[t - 1].backlog;
      // Unmet demand is never shipped; demand carried as backlog is shipped late.
      due += p.demand;
      onTime += p.demand - p.unmet - Math.max(0, p.backlog - before);
    });
  }
  if (!planned) return null;
  return due > 0 ? onTime / due : 1;
}

// Plans every family of a planning input with the chosen strategies; optimal plans of coupled families are solved together.
import { type FamilyContext } from "./costing";
import type { LpSolver } from "./lp";
import type { FamilyInput, FamilyResult, PlanningInput, PlanResult, SharedResource, StrategyName } from "./model";
import { coupledGroups, optimalPlans, type CoupledMethod } from "./optimal";
import { productionRates } from "./policy";
import { recommendedPlan } from "./recommendation";
import { chasePlan, levelPlan, manualPlan } from "./strategies";

/** Raised when the engine is handed input the parser should have refused: a programming error, not a user's. */
export class PlanInputError extends Error {
  override name = "PlanInputError";
}

export function familyContext(family: FamilyInput, periods: readonly string[], workingDays: readonly number[] | null): FamilyContext {
  if (family.demand.length !== periods.length) {
    throw new PlanInputError(`family "${family.family}": ${family.demand.length} demand values for ${periods.length} periods`);
  }
  const resolved = productionRates(family.policy, workingDays, periods.length);
  if (!resolved.ok) throw new PlanInputError(`family "${family.family}": ${resolved.errors.join("; ")}`);
  return { family: family.family, periods, demand: family.demand, policy: family.policy, rates: resolved.rates };
}

/** How to plan: the solver the optimal strategy needs, the resources that couple families, progress. */
export interface PlanOptions {
  /** Required when `optimal` is among the strategies (load it with `loadHighsSolver()`). */
  solver?: LpSolver;
  /** Resources shared by families: their optimal plans are solved together within the capacity. */
  sharedResources?: SharedResource[];
  /** Progress of long runs, e.g. ("optimal", families planned, families). */
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Whole-worker plans: relative gap to stop at (default 0.001) and time limit in seconds (default 30). */
  relativeGap?: number;
  timeLimitSeconds?: number;
  coupledMethod?: CoupledMethod;
}

function heuristicPlan(ctx: FamilyContext, family: FamilyInput, strategy: StrategyName): PlanResult | null {
  switch (strategy) {
    case "level":
      return levelPlan(ctx);
    case "chase":
      return chasePlan(ctx);
    case "manual":
      // A family without rows in the Plan table has no manual plan to cost.
      return family.manualPlan ? manualPlan(ctx, family.manualPlan) : null;
    case "optimal":
      return null;
  }
}

function familyResult(
  ctx: FamilyContext,
  family: FamilyInput,
  strategies: readonly StrategyName[],
  optimal: PlanResult | null,
): FamilyResult {
  const plans: PlanResult[] = [];
  for (const strategy of strategies) {
    const plan = strategy === "optimal" ? optimal : heuristicPlan(ctx, family, strategy);
    if (plan) plans.push(plan);
  }
  return { family: family.family, recommended: recommendedPlan(plans)?.strategy ?? null, plans };
}

function solveOptimal(contexts: FamilyContext[], options: PlanOptions): PlanResult[] {
  if (!options.solver) {
    throw new PlanInputError("the optimal strategy needs an LP solver: pass options.solver (loadHighsSolver() in src/solver/highs)");
  }
  return optimalPlans(contexts, options.sharedResources ?? [], {
    solver: options.solver,
    relativeGap: options.relativeGap,
    timeLimitSeconds: options.timeLimitSeconds,
    coupledMethod: options.coupledMethod,
    onProgress: options.onProgress ? (done, total) => options.onProgress?.("optimal", done, total) : undefined,
  });
}

export function planFamily(
  family: FamilyInput,
  periods: readonly string[],
  workingDays: readonly number[] | null,
  strategies: readonly StrategyName[],
  options: PlanOptions = {},
): FamilyResult {
  const ctx = familyContext(family, periods, workingDays);
  const optimal = strategies.includes("optimal") ? solveOptimal([ctx], options)[0] : null;
  return familyResult(ctx, family, strategies, optimal);
}

/** Plans every family; the optimal plans of families that share resources are solved together. */
export function planAll(input: PlanningInput, strategies: readonly StrategyName[], options: PlanOptions = {}): FamilyResult[] {
  const contexts = input.families.map((family) => familyContext(family, input.periods, input.workingDays));
  const optimal = strategies.includes("optimal") ? solveOptimal(contexts, options) : null;
  const results = input.families.map((family, i) => familyResult(contexts[i], family, strategies, optimal ? optimal[i] : null));
  if (optimal) respectSharedCapacity(contexts, results, options.sharedResources ?? []);
  return results;
}

const amount = (n: number): string => n.toLocaleString("en-US", { maximumFractionDigits: 1 });

/**
 * Level, chase and manual plans are chosen family by family, blind to the capacity families share.
 * When the plans chosen for a group of coupled families together overload a shared resource, and
 * the group's optimal plans (which respect that capacity) are all feasible, the group gets its
 * optimal plans: they are the cheapest plans that fit.
 */
function respectSharedCapacity(contexts: readonly FamilyContext[], results: FamilyResult[], resources: readonly SharedResource[]): void {
  for (const group of coupledGroups(contexts, resources)) {
    const chosen = group.map((i) => results[i].plans.find((p) => p.strategy === results[i].recommended) ?? null);
    if (chosen.every((plan) => plan === null || plan.strategy === "optimal")) continue;
    const optimal = group.map((i) => results[i].plans.find((p) => p.strategy === "optimal"));
    if (!optimal.every((plan) => plan?.feasible)) continue;
    const overload = firstOverload(group.map((i) => contexts[i]), chosen, resources);
    if (!overload) continue;
    group.forEach((i, k) => {
      const passedOver = chosen[k];
      if (!passedOver || passedOver.strategy === "optimal") return;
      const optimalCost = optimal[k]!.totalCost;
      if (passedOver.totalCost < optimalCost - 1e-9 * Math.max(1, Math.abs(optimalCost))) {
        results[i].capacityNote = `the cheaper ${passedOver.strategy} plan, with the other families' plans, overloads ${overload}`;
      }
      results[i].recommended = "optimal";
    });
  }
}

/** "Line 1 in Feb (620 of 500)" for the first resource and period the plans overload together, or null. */
function firstOverload(
  contexts: readonly FamilyContext[],
  plans: readonly (PlanResult | null)[],
  resources: readonly SharedResource[],
): string | null {
  const periods = contexts[0]?.periods ?? [];
  for (const resource of resources) {
    for (let t = 0; t < periods.length; t++) {
      let required = 0;
      contexts.forEach((ctx, k) => {
        const p = plans[k]?.periods[t];
        if (p) required += (resource.loadPerUnit[ctx.family] ?? 0) * (p.regular + p.overtime);
      });
      const available = resource.available[t];
      if (required > available + 1e-7 * Math.max(1, available)) {
        return `${resource.resource} in ${periods[t]} (${amount(required)} of ${amount(available)})`;
      }
    }
  }
  return null;
}

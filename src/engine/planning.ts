// Plans every family of a planning input with the chosen strategies; optimal plans of coupled families are solved together.
import type { FamilyCapacity, FamilyContext, FamilyInput, FamilyResult, PlanningInput, PlanResult, SharedResource, StrategyName } from "./model";
import type { LpSolver } from "./lp";
import { coupledGroups, familiesLoading, loadsResource, resourceLoadAt, storageLoadOf } from "./coupling";
import { familyResourceLoads, withProductMoney } from "./aggregate";
import { optimalPlans, type CoupledMethod } from "./optimal";
import { productionRates, rateProblemCode } from "./policy";
import { continuingFromFrozen } from "./frozen";
import { costPlan } from "./costing";
import { emptyDecisions } from "./optimal/decode";
import { recommendedPlan, recommendWithinCapacity } from "./recommendation";
import { chasePlan, hybridPlan, levelPlan, manualPlan } from "./strategies";

/** Raised when the engine is handed input the parser should have refused: a programming error, not a user's. */
export class PlanInputError extends Error {
  override name = "PlanInputError";
}

/** The resources a family's output loads, as the check of its plans sees them. */
function capacityOf(family: string, resources: readonly SharedResource[]): FamilyCapacity[] {
  return resources
    .filter((r) => loadsResource(r, family))
    .map((r) => ({
      resource: r.resource,
      loadPerUnit: r.available.map((_, t) => resourceLoadAt(r, family, t)),
      ...(storageLoadOf(r, family) > 0 && { storagePerUnit: storageLoadOf(r, family) }),
      available: r.available,
    }));
}

export function familyContext(
  family: FamilyInput,
  periods: readonly string[],
  workingDays: readonly number[] | null,
  resources: readonly SharedResource[] = [],
): FamilyContext {
  if (family.demand.length !== periods.length) {
    throw new PlanInputError(`family "${family.family}": ${family.demand.length} demand values for ${periods.length} periods`);
  }
  const resolved = productionRates(family.policy, workingDays, periods.length);
  if (!resolved.ok) throw new PlanInputError(`family "${family.family}": ${resolved.problems.map(rateProblemCode).join("; ")}`);
  return {
    family: family.family,
    periods,
    demand: family.demand,
    policy: family.policy,
    rates: resolved.rates,
    ...(family.materialCostPerUnit && { materialCostPerUnit: family.materialCostPerUnit }),
    ...(family.pricePerUnit && { pricePerUnit: family.pricePerUnit }),
    ...(family.safetyStockByPeriod && { safetyStock: family.safetyStockByPeriod }),
    ...(family.frozen && { frozen: family.frozen }),
    ...(resources.length > 0 && { capacity: capacityOf(family.family, resources) }),
  };
}

/**
 * The optimal plans of a run's families made elsewhere (by a shell that plans the run's
 * independent work on threads: `optimalRun`), given the contexts, resources and options the engine
 * would have solved them with; the plans in the order of the contexts.
 */
export type OptimalPlansOf = (
  contexts: readonly FamilyContext[],
  resources: readonly SharedResource[],
  options: { timeLimitSeconds?: number; coupledMethod?: CoupledMethod },
) => PlanResult[];

/**
 * Stand-ins for optimal plans not made yet: each family's plan of no decisions, infeasible. A
 * shell that gathers a run's optimal work first (planning it once with these, see OptimalPlansOf)
 * plans it for real after.
 */
export function unsolvedOptimalPlans(contexts: readonly FamilyContext[]): PlanResult[] {
  return contexts.map((ctx) => ({ ...costPlan(ctx, "optimal", emptyDecisions(ctx)), feasible: false }));
}

/** How to plan: the solver the optimal strategy needs, the resources that couple families, progress. */
export interface PlanOptions {
  /** Required when `optimal` is among the strategies (load it with `loadHighsSolver()`). */
  solver?: LpSolver;
  /**
   * The resources as the optimal plans see them (load per unit of each family's output); families
   * that load the same resource are solved together within its capacity. planAll derives them from
   * the input's Products and Capacity when not given.
   */
  sharedResources?: SharedResource[];
  /** Progress of long runs, e.g. ("optimal", families planned, families). */
  onProgress?: (stage: string, done: number, total: number) => void;
  /**
   * The time budget of the optimal plans of this run, in solver seconds (default
   * DEFAULT_TIME_LIMIT_SECONDS): the LP and rounding of every group first, then the search where a
   * whole-worker plan is above its Policy `Optimality gap` (see SolveBudget).
   */
  timeLimitSeconds?: number;
  coupledMethod?: CoupledMethod;
  /** Where the optimal plans come from instead of `solver` (see OptimalPlansOf). */
  optimalPlans?: OptimalPlansOf;
  /**
   * A plan of a closely related input (the base plan, for a scenario): every group of coupled
   * families whose input (demand, Policy, costs, frozen periods) and resources are exactly as there
   * keeps that plan's results instead of being planned again, so a scenario that does not touch a
   * family leaves its plan and cost exactly as in the base plan.
   */
  reuse?: { input: PlanningInput; results: readonly FamilyResult[]; resources: readonly SharedResource[] };
}

function heuristicPlan(ctx: FamilyContext, family: FamilyInput, strategy: StrategyName): PlanResult | null {
  // With frozen periods each strategy plans the periods after them, from where they leave off.
  return continuingFromFrozen(ctx, strategy, (rest) => {
    switch (strategy) {
      case "level":
        return levelPlan(rest);
      case "chase":
        return chasePlan(rest);
      case "hybrid-subcontract":
      case "hybrid-overtime":
        return hybridPlan(rest, strategy);
      case "manual": {
        // A family without rows in the Plan table has no manual plan to cost.
        if (!family.manualPlan) return null;
        const skip = ctx.periods.length - rest.periods.length;
        const tail = (values: number[] | null) => values && values.slice(skip);
        const { workers, regular, overtime, subcontract } = family.manualPlan;
        return manualPlan(rest, { workers: tail(workers), regular: tail(regular), overtime: tail(overtime), subcontract: tail(subcontract) });
      }
      case "optimal":
        return null;
    }
  });
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
  if (options.optimalPlans) return options.optimalPlans(contexts, options.sharedResources ?? [], { timeLimitSeconds: options.timeLimitSeconds, coupledMethod: options.coupledMethod });
  if (!options.solver) {
    throw new PlanInputError("the optimal strategy needs an LP solver: pass options.solver (loadHighsSolver() in src/solver/highs)");
  }
  return optimalPlans(contexts, options.sharedResources ?? [], {
    solver: options.solver,
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

/**
 * Plans every family. Every Capacity resource constrains the optimal plans (families that load the
 * same resource are solved together), the prices and material costs are the products' own, and the
 * recommendation is the cheapest feasible plan of each family such that together they fit every
 * resource, whenever such plans exist.
 */
export function planAll(input: PlanningInput, strategies: readonly StrategyName[], options: PlanOptions = {}): FamilyResult[] {
  const costed = withProductMoney(input);
  const resources = options.sharedResources ?? familyResourceLoads(input);
  // Every plan is checked against the resources its family loads: none may overload one.
  const contexts = costed.families.map((family) => familyContext(family, input.periods, input.workingDays, resources));
  const reused = reusableResults(costed, contexts, resources, options.reuse);
  const planned = contexts.map((_, i) => i).filter((i) => !reused[i]);
  const optimalOf = new Map<number, PlanResult>();
  if (strategies.includes("optimal") && planned.length > 0) {
    const solved = solveOptimal(planned.map((i) => contexts[i]), { ...options, sharedResources: resources });
    planned.forEach((i, k) => optimalOf.set(i, solved[k]));
  }
  const results = costed.families.map((family, i) => reused[i] ?? familyResult(contexts[i], family, strategies, optimalOf.get(i) ?? null));
  recommendWithinCapacity(contexts, results, resources);
  return results;
}

/** Per family, the related plan's result when its whole group of coupled families is unchanged (see PlanOptions.reuse), else null. */
function reusableResults(
  input: PlanningInput,
  contexts: readonly FamilyContext[],
  resources: readonly SharedResource[],
  reuse: PlanOptions["reuse"],
): (FamilyResult | null)[] {
  const none = contexts.map((): FamilyResult | null => null);
  if (!reuse || reuse.input.periods.join("\u0000") !== input.periods.join("\u0000")) return none;
  const costedBase = withProductMoney(reuse.input);
  const baseFamily = new Map(costedBase.families.map((f) => [f.family, f]));
  const baseResult = new Map(reuse.results.map((r) => [r.family, r]));
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const resourcesOf = (list: readonly SharedResource[], names: Set<string>) =>
    list.filter((r) => familiesLoading(r).some((f) => names.has(f)));
  for (const group of coupledGroups(contexts, resources)) {
    const names = new Set(group.map((i) => contexts[i].family));
    const unchanged =
      group.every((i) => {
        const base = baseFamily.get(input.families[i].family);
        return base !== undefined && baseResult.has(base.family) && same(base, input.families[i]);
      }) && same(resourcesOf(resources, names), resourcesOf(reuse.resources, names));
    // The group must be the same group there too: no family of the base plan coupled to it that is not in it.
    const baseNames = new Set(resourcesOf(reuse.resources, names).flatMap((r) => familiesLoading(r)));
    if (!unchanged || [...baseNames].some((f) => !names.has(f))) continue;
    for (const i of group) {
      const base = baseResult.get(input.families[i].family)!;
      none[i] = { ...base, plans: [...base.plans] };
    }
  }
  return none;
}

// Which plan of a family is recommended: the cheapest feasible one that, with the other families' plans, fits every resource; and what it saves over the next.
import type { FamilyContext } from "./costing";
import type { CapacityShortfall, FamilyResult, PlanResult, SharedResource } from "./model";
import { coupledGroups } from "./coupling";

/** The plan a family's result recommends, or null when none is (or there is no result). */
export function recommendedPlanOf(result: FamilyResult | undefined): PlanResult | null {
  if (!result || result.recommended === null) return null;
  return result.plans.find((p) => p.strategy === result.recommended) ?? null;
}

/** The cheapest feasible plan; on a tie the strategy asked for first. */
export function recommendedPlan(plans: readonly PlanResult[]): PlanResult | null {
  let best: PlanResult | null = null;
  for (const plan of plans) {
    if (plan.feasible && (best === null || plan.totalCost < best.totalCost - 1e-9 * Math.max(1, Math.abs(best.totalCost)))) {
      best = plan;
    }
  }
  return best;
}

/** The recommended plan and the next cheapest feasible one, with what the recommendation saves over it. */
export interface Recommendation {
  best: PlanResult | null;
  next: PlanResult | null;
  /** next.totalCost − best.totalCost, or null when there is no second feasible plan. */
  savings: number | null;
}

export function recommendation(family: FamilyResult): Recommendation {
  const best = recommendedPlanOf(family);
  const others = family.plans.filter((p) => p.feasible && p !== best);
  const next = others.reduce<PlanResult | null>((a, p) => (a === null || p.totalCost < a.totalCost ? p : a), null);
  return { best, next, savings: best && next ? next.totalCost - best.totalCost : null };
}

const amount = (n: number): string => n.toLocaleString("en-US", { maximumFractionDigits: 1 });

/** Combinations of plans searched exhaustively (with pruning) before falling back to the optimal plans. */
const MAX_COMBINATIONS = 100_000;

/** The capacity units a plan needs of each resource row (resource × period), in the order of `rows`. */
function planLoads(family: string, plan: PlanResult, resources: readonly SharedResource[], periodCount: number): Float64Array {
  const loads = new Float64Array(resources.length * periodCount);
  resources.forEach((resource, r) => {
    const load = resource.loadPerUnit[family] ?? 0;
    if (load === 0) return;
    for (let t = 0; t < periodCount; t++) loads[r * periodCount + t] = load * (plan.periods[t].regular + plan.periods[t].overtime);
  });
  return loads;
}

/** Whether `cost` beats `best` by more than rounding (any cost beats none found yet). */
const cheaper = (cost: number, best: number): boolean => best === Infinity || cost < best - 1e-9 * Math.max(1, Math.abs(best));

const fits = (required: number, available: number): boolean => required <= available + 1e-7 * Math.max(1, Math.abs(available));

/** "Test in Nov 2027 (418.6 of 380)" for the first resource row the summed loads overload, or null. */
function firstOverload(required: Float64Array, resources: readonly SharedResource[], periods: readonly string[]): string | null {
  const T = periods.length;
  for (let r = 0; r < resources.length; r++) {
    for (let t = 0; t < T; t++) {
      const available = resources[r].available[t] ?? 0;
      if (!fits(required[r * T + t] + (resources[r].splitReserve ?? 0), available)) {
        return `${resources[r].resource} in ${periods[t]} (${amount(required[r * T + t])} of ${amount(available)})`;
      }
    }
  }
  return null;
}

/** The error a family's recommended plan carries when no plan can fit its resources. */
export function shortfallText(shortfalls: readonly CapacityShortfall[]): string {
  const parts = shortfalls.map(
    (s) =>
      `${s.resource} in ${s.period} needs at least ${amount(s.required)} of ${amount(s.available)} available (${amount(s.short)} short; loaded by ${s.families.join(", ")})`,
  );
  return `no plan that meets the Policy fits the capacity: ${parts.join("; ")}. The recommended optimal plan overloads it by no more than that.`;
}

/**
 * Chooses each family's recommended plan so that, group of coupled families by group, the plans
 * together fit every resource they load: the cheapest feasible combination that fits, whenever one
 * exists. When no plan can fit (the optimal plans carry the least overload possible), the optimal
 * plans are recommended with an error saying which resource and periods cannot be met and by how
 * much; when no compared plan fits and the optimal plan was not asked for, the cheapest plans stay
 * with an error saying what they overload.
 */
export function recommendWithinCapacity(
  contexts: readonly FamilyContext[],
  results: FamilyResult[],
  resources: readonly SharedResource[],
): void {
  const periods = contexts[0]?.periods ?? [];
  const T = periods.length;
  for (const group of coupledGroups(contexts, resources)) {
    const names = new Set(group.map((i) => contexts[i].family));
    const groupResources = resources.filter((r) => Object.entries(r.loadPerUnit).some(([f, load]) => load > 0 && names.has(f)));
    if (groupResources.length === 0) continue;

    const optimal = group.map((i) => results[i].plans.find((p) => p.strategy === "optimal"));
    const shortfalls = optimal.flatMap((p) => p?.capacityShortfalls ?? []);
    if (shortfalls.length > 0) {
      group.forEach((i, k) => {
        const own = optimal[k]?.capacityShortfalls ?? [];
        if (!optimal[k]?.feasible) return;
        results[i].recommended = "optimal";
        results[i].capacityError = shortfallText(own.length > 0 ? own : shortfalls);
      });
      continue;
    }

    // Each family's feasible plans, cheapest first; a family with none keeps none.
    const options = group.map((i) => results[i].plans.filter((p) => p.feasible).sort((a, b) => a.totalCost - b.totalCost));
    const active = group.map((_, k) => k).filter((k) => options[k].length > 0);
    if (active.length === 0) continue;
    const loads = active.map((k) => options[k].map((plan) => planLoads(contexts[group[k]].family, plan, groupResources, T)));
    const cheapest = active.map(() => 0);
    const sumLoads = (choice: number[]) => {
      const total = new Float64Array(groupResources.length * T);
      choice.forEach((o, a) => loads[a][o].forEach((v, j) => (total[j] += v)));
      return total;
    };
    const cheapestOverload = firstOverload(sumLoads(cheapest), groupResources, periods);
    if (!cheapestOverload) continue;

    const chosen = cheapestFittingCombination(active.map((k) => options[k]), loads, groupResources, T);
    if (chosen) {
      active.forEach((k, a) => {
        const i = group[k];
        const plan = options[k][chosen[a]];
        const passedOver = options[k][0];
        if (passedOver.totalCost < plan.totalCost - 1e-9 * Math.max(1, Math.abs(plan.totalCost))) {
          const others = active.length > 1 ? ", with the other families' plans," : "";
          results[i].capacityNote = `the cheaper ${passedOver.strategy} plan${others} overloads ${cheapestOverload}`;
        }
        results[i].recommended = plan.strategy;
      });
      continue;
    }
    active.forEach((k) => {
      results[group[k]].capacityError =
        `the recommended plans overload ${cheapestOverload} and none of the plans compared fits the capacity; ` +
        "the optimal strategy finds the plan that fits, or the least overload when none can";
    });
  }
}

/**
 * The cheapest choice of one plan per family whose loads together fit every resource row, or null.
 * Depth-first over the families' plans (each list cheapest first), pruning partial choices that
 * already overload or cannot beat the best found; beyond MAX_COMBINATIONS the search stops at the
 * best found so far (the all-optimal choice, which fits whenever the optimal plans are feasible,
 * is tried first).
 */
function cheapestFittingCombination(
  options: PlanResult[][],
  loads: Float64Array[][],
  resources: readonly SharedResource[],
  T: number,
): number[] | null {
  const rows = resources.length * T;
  const available = new Float64Array(rows);
  resources.forEach((r, k) => {
    for (let t = 0; t < T; t++) available[k * T + t] = Math.max(0, (r.available[t] ?? 0) - (r.splitReserve ?? 0));
  });
  let best: number[] | null = null;
  let bestCost = Infinity;
  const allOptimal = options.map((list) => list.findIndex((p) => p.strategy === "optimal"));
  if (allOptimal.every((o) => o >= 0)) {
    const total = new Float64Array(rows);
    allOptimal.forEach((o, a) => loads[a][o].forEach((v, j) => (total[j] += v)));
    if (total.every((v, j) => fits(v, available[j]))) {
      best = allOptimal;
      bestCost = allOptimal.reduce((sum, o, a) => sum + options[a][o].totalCost, 0);
    }
  }
  const minRest = new Array<number>(options.length + 1).fill(0);
  for (let a = options.length - 1; a >= 0; a--) minRest[a] = minRest[a + 1] + options[a][0].totalCost;
  const choice = new Array<number>(options.length).fill(0);
  const used = new Float64Array(rows);
  let visited = 0;
  const search = (a: number, cost: number): void => {
    if (visited++ > MAX_COMBINATIONS) return;
    if (a === options.length) {
      if (cheaper(cost, bestCost)) {
        bestCost = cost;
        best = [...choice];
      }
      return;
    }
    for (let o = 0; o < options[a].length; o++) {
      const next = cost + options[a][o].totalCost;
      if (!cheaper(next + minRest[a + 1], bestCost)) break;
      const load = loads[a][o];
      let ok = true;
      for (let j = 0; j < rows; j++) {
        used[j] += load[j];
        if (!fits(used[j], available[j])) ok = false;
      }
      if (ok) {
        choice[a] = o;
        search(a + 1, next);
      }
      for (let j = 0; j < rows; j++) used[j] -= load[j];
    }
  };
  search(0, 0);
  return best;
}

// Which plan of a family is recommended: the cheapest feasible one that, with the other families' plans, fits every resource; and what it saves over the next.
import type { FamilyContext, FamilyResult, PlanResult, SharedResource, StrategyName } from "./model";
import { amountText, moneyText, numberText } from "./numberText";
import { coupledGroups, familiesLoading, loadsResource, resourceLoadAt, storageLoadOf } from "./coupling";

/** The plan a family's result recommends, or null when none is (or there is no result). */
export function recommendedPlanOf(result: FamilyResult | undefined): PlanResult | null {
  if (!result || result.recommended === null) return null;
  return result.plans.find((p) => p.strategy === result.recommended) ?? null;
}

/**
 * What a plan costs the business, to rank plans by: its cost and lost-sale cost less its revenue
 * (lower is better). Plans that ship the same units earn the same revenue, so among them this is
 * the cheapest; a plan that serves less is charged the margin it loses.
 */
export function planScore(plan: PlanResult): number {
  return plan.totalCost + plan.lostSaleCost - plan.revenue;
}

/** Whether score `a` beats `b` by more than rounding. */
function better(a: number, b: number, scale: number): boolean {
  return a < b - 1e-9 * Math.max(1, Math.abs(scale));
}

const scaleOf = (plan: PlanResult): number => Math.max(Math.abs(plan.totalCost), Math.abs(plan.revenue));

/** How far a plan is from feasible: its overload (shares of capacity, summed), then how many limits it breaks. */
function distanceFromFeasible(plan: PlanResult): [number, number] {
  return [plan.violations.reduce((sum, v) => sum + (v.overload?.share ?? 0), 0), plan.violations.length];
}

/**
 * The plan to recommend among a family's plans: the best feasible one by `planScore` (on a tie the
 * strategy asked for first); when none is feasible, the one closest to feasible (least overload,
 * then fewest broken limits, then the best score). Null only without plans.
 */
export function recommendedPlan(plans: readonly PlanResult[]): PlanResult | null {
  let best: PlanResult | null = null;
  for (const plan of plans) {
    if (plan.feasible && (best === null || better(planScore(plan), planScore(best), scaleOf(best)))) best = plan;
  }
  if (best) return best;
  for (const plan of plans) {
    if (best === null) {
      best = plan;
      continue;
    }
    const [overload, broken] = distanceFromFeasible(plan);
    const [bestOverload, bestBroken] = distanceFromFeasible(best);
    if (
      overload < bestOverload - 1e-9 ||
      (Math.abs(overload - bestOverload) <= 1e-9 && (broken < bestBroken || (broken === bestBroken && better(planScore(plan), planScore(best), scaleOf(best)))))
    ) {
      best = plan;
    }
  }
  return best;
}

/** The recommended plan and the next best feasible one, with what the recommendation gains over it. */
export interface Recommendation {
  best: PlanResult | null;
  next: PlanResult | null;
  /**
   * planScore(next) − planScore(best): what the recommendation saves (or, when they ship different
   * units, adds to the margin) over the next best feasible plan; null without a second feasible plan.
   */
  savings: number | null;
}

export function recommendation(family: FamilyResult): Recommendation {
  const best = recommendedPlanOf(family);
  const others = family.plans.filter((p) => p.feasible && p !== best);
  const next = others.reduce<PlanResult | null>((a, p) => (a === null || planScore(p) < planScore(a) ? p : a), null);
  return { best, next, savings: best && next && best.feasible ? planScore(next) - planScore(best) : null };
}

/** How a front end names a strategy and writes money and units (the engine's plain numbers by default). */
export interface RecommendationWords {
  label?: (strategy: StrategyName) => string;
  money?: (n: number) => string;
  units?: (n: number) => string;
}

/** Amounts closer than half a cent are the same: no front end shows money finer than the cent. */
const SAME_MONEY = 0.005;

/**
 * What plan `a` gains over plan `b`, in the view the recommendation ranks plans by (`planScore`, the
 * cash view over the horizon): "2,000.00 cheaper" when they earn the same revenue (like with like),
 * else "8,000.00 more cash margin" ("… after lost-sale costs" when either has any); "dearer" or
 * "less …" when `a` is behind; null when they are the same within half a cent.
 */
export function planGainText(a: PlanResult, b: PlanResult, money: (n: number) => string = moneyText): string | null {
  if (Math.abs(a.revenue - b.revenue) > SAME_MONEY) {
    const what = a.lostSaleCost > SAME_MONEY || b.lostSaleCost > SAME_MONEY ? "cash margin after lost-sale costs" : "cash margin";
    const gain = planScore(b) - planScore(a);
    return gain >= -SAME_MONEY ? `${money(gain)} more ${what}` : `${money(-gain)} less ${what}`;
  }
  const cheaper = b.totalCost - a.totalCost;
  if (Math.abs(cheaper) < SAME_MONEY) return null;
  return cheaper > 0 ? `${money(cheaper)} cheaper` : `${money(-cheaper)} dearer`;
}

/**
 * When the P&L view orders two plans the other way from the cash view the recommendation uses:
 * "; Chase's P&L margin is 44,869.00 higher (the P&L view charges what is made when it ships, the
 * cash view when it is spent)". Empty when the views agree (or `other` is not ahead on P&L margin).
 */
function pnlDisagreement(best: PlanResult, next: PlanResult, other: string, money: (n: number) => string): string {
  const pnlGain = next.grossMargin - best.grossMargin;
  if (pnlGain <= SAME_MONEY || planScore(next) < planScore(best)) return "";
  return `; ${other}'s P&L margin is ${money(pnlGain)} higher (the P&L view charges what is made when it ships, the cash view when it is spent)`;
}

/**
 * Why a family's recommended plan is the one, in words computed from its numbers (no family name):
 * "12,345 cheaper than level, the next feasible plan", "the same cost as chase" (only when the
 * costs are equal), "4,000 more cash margin than …" when they earn different revenue ("… after
 * lost-sale costs" when either plan has any), each followed by the P&L margin when the P&L view
 * orders the two plans the other way; the capacity note, the capacity error of a plan that does
 * not fit (never called cheaper or the only feasible plan then), or what a plan that is not
 * feasible breaks.
 */
export function recommendationReason(result: FamilyResult, { label = (s) => s, money = moneyText }: RecommendationWords = {}): string {
  const { best, next } = recommendation(result);
  if (!best) return "no plan to recommend";
  if (!best.feasible) return `not feasible: ${result.capacityError ?? best.violations[0]?.message ?? "it breaks the Policy"}`;
  if (result.capacityError) return result.capacityError;
  if (result.capacityNote) return result.capacityNote;
  if (!next) return "the only feasible plan";
  const other = label(next.strategy);
  const gain = planGainText(best, next, money);
  if (gain === null) return `the same cost as ${other}${pnlDisagreement(best, next, other, money)}`;
  return `${gain} than ${other}, the next feasible plan${pnlDisagreement(best, next, other, money)}`;
}

/**
 * The recommendation as one sentence, without the family: "chase is recommended, 12,345 cheaper
 * than level, the next feasible plan.", "… is recommended, but <the capacity error>." or
 * "… is recommended: <the capacity note>."; "no plan to recommend." without plans.
 */
export function recommendationSentence(result: FamilyResult, words: RecommendationWords = {}): string {
  const { best } = recommendation(result);
  if (!best) return "no plan to recommend.";
  const name = (words.label ?? ((s: StrategyName) => s))(best.strategy);
  if (result.capacityError) return `${name} is recommended, but ${result.capacityError}.`;
  if (result.capacityNote) return `${name} is recommended: ${result.capacityNote}.`;
  return `${name} is recommended, ${recommendationReason(result, words)}.`;
}

/** The demand a plan leaves unserved and the revenue it does not earn: "40 units of demand unmet (4,000 of revenue at risk)"; null when it serves all. */
export function unmetDemandText(plan: PlanResult, { money = moneyText, units = amountText }: RecommendationWords = {}): string | null {
  if (plan.unmet < 0.5) return null;
  return `${units(plan.unmet)} units of demand unmet (${money(plan.revenueAtRisk)} of revenue at risk)`;
}

const amount = (n: number): string => amountText(n, 1);

/** Combinations of plans searched exhaustively (with pruning) before falling back to the optimal plans. */
const MAX_COMBINATIONS = 100_000;

/** The capacity units a plan needs of each resource row (resource × period), in the order of `rows`. */
function planLoads(family: string, plan: PlanResult, resources: readonly SharedResource[], periodCount: number): Float64Array {
  const loads = new Float64Array(resources.length * periodCount);
  resources.forEach((resource, r) => {
    if (!loadsResource(resource, family)) return;
    const storage = storageLoadOf(resource, family);
    for (let t = 0; t < periodCount; t++) {
      const p = plan.periods[t];
      loads[r * periodCount + t] = resourceLoadAt(resource, family, t) * (p.regular + p.overtime) + storage * p.inventory;
    }
  });
  return loads;
}

/** Whether score `cost` beats `best` by more than rounding (any score beats none found yet). */
const lowerScore = (cost: number, best: number): boolean => best === Infinity || cost < best - 1e-9 * Math.max(1, Math.abs(best));

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

/**
 * The plan passed over, named by what it gains over the recommended one: "the cheaper chase plan"
 * when both earn the same revenue and it costs less, else "the chase plan (70,375 more cash
 * margin)" (see planGainText): never "cheaper" when it is not.
 */
function passedOverText(passed: PlanResult, plan: PlanResult): string {
  const sameRevenue = Math.abs(passed.revenue - plan.revenue) <= SAME_MONEY;
  if (sameRevenue && passed.totalCost < plan.totalCost - SAME_MONEY) return `the cheaper ${passed.strategy} plan`;
  const gain = planGainText(passed, plan, (n) => numberText(n, 0));
  return gain ? `the ${passed.strategy} plan (${gain})` : `the ${passed.strategy} plan`;
}

/**
 * The first resource row that a family's passed-over plan (loads `passed`), in place of its chosen
 * one (`chosen`) beside the other families' chosen plans (all together `total`), overloads and
 * loads more than the chosen plan does; null when there is none.
 */
function swapOverload(
  total: Float64Array,
  chosen: Float64Array,
  passed: Float64Array,
  resources: readonly SharedResource[],
  periods: readonly string[],
): { resource: string; period: string; required: number; available: number; passed: number; chosen: number } | null {
  const T = periods.length;
  for (let r = 0; r < resources.length; r++) {
    for (let t = 0; t < T; t++) {
      const j = r * T + t;
      if (passed[j] <= chosen[j] + 1e-9) continue;
      const required = total[j] - chosen[j] + passed[j];
      const available = resources[r].available[t] ?? 0;
      if (!fits(required + (resources[r].splitReserve ?? 0), available)) {
        return { resource: resources[r].resource, period: periods[t], required, available, passed: passed[j], chosen: chosen[j] };
      }
    }
  }
  return null;
}

/**
 * Chooses each family's recommended plan so that, group of coupled families by group, the plans
 * together fit every resource they load: the best feasible combination (by `planScore`) that fits,
 * whenever one exists (the optimal plans always fit: the capacity is a limit of their LP). A family
 * with no feasible plan keeps the one closest to feasible, and when no combination of the plans
 * compared fits (the optimal strategy not asked for), the best plans stay; either way the family
 * carries an error saying what its plan breaks.
 */
export function recommendWithinCapacity(
  contexts: readonly FamilyContext[],
  results: FamilyResult[],
  resources: readonly SharedResource[],
): void {
  for (const result of results) {
    const plan = recommendedPlanOf(result);
    // A better plan passed over only because it overloads a resource: the note says where.
    const passedOver = plan?.feasible ? result.plans.filter((p) => !p.feasible && p.violations.every((v) => v.overload) && better(planScore(p), planScore(plan), scaleOf(plan))).sort((a, b) => planScore(a) - planScore(b))[0] : undefined;
    if (passedOver) {
      const v = passedOver.violations[0];
      const period = v.periodIndex === null ? "" : ` in ${contexts[0]?.periods[v.periodIndex] ?? ""}`;
      result.capacityNote = `${passedOverText(passedOver, plan!)} overloads ${v.overload!.resource}${period} (${amount(v.overload!.load)} of ${amount(v.overload!.available)})`;
    }
    if (plan && !plan.feasible) {
      const first = plan.violations[0]?.message ?? "it breaks the Policy";
      const more = plan.violations.length > 1 ? ` (and ${plan.violations.length - 1} more)` : "";
      result.capacityError =
        `no plan compared is feasible; ${plan.strategy} is shown, closest to feasible: ${first}${more}. ` +
        "The optimal strategy plans what the capacity and the Policy can serve and says what they cannot";
    }
  }
  const periods = contexts[0]?.periods ?? [];
  const T = periods.length;
  for (const group of coupledGroups(contexts, resources)) {
    const names = new Set(group.map((i) => contexts[i].family));
    const groupResources = resources.filter((r) => familiesLoading(r).some((f) => names.has(f)));
    if (groupResources.length === 0) continue;

    // Each family's feasible plans, best first; a family with none keeps its recommendation (above).
    const options = group.map((i) => results[i].plans.filter((p) => p.feasible).sort((a, b) => planScore(a) - planScore(b)));
    const active = group.map((_, k) => k).filter((k) => options[k].length > 0);
    if (active.length === 0) continue;
    const loads = active.map((k) => options[k].map((plan) => planLoads(contexts[group[k]].family, plan, groupResources, T)));
    const best = active.map(() => 0);
    const sumLoads = (choice: number[]) => {
      const total = new Float64Array(groupResources.length * T);
      choice.forEach((o, a) => loads[a][o].forEach((v, j) => (total[j] += v)));
      return total;
    };
    const bestOverload = firstOverload(sumLoads(best), groupResources, periods);
    if (!bestOverload) continue;

    const chosen = bestFittingCombination(active.map((k) => options[k]), loads, groupResources, T);
    if (chosen) {
      const chosenTotal = sumLoads(chosen);
      active.forEach((k, a) => {
        const i = group[k];
        const plan = options[k][chosen[a]];
        const passedOver = options[k][0];
        results[i].recommended = plan.strategy;
        if (!better(planScore(passedOver), planScore(plan), scaleOf(plan))) return;
        // This family's own reason: where its better plan, in place of the chosen one and with the
        // other families' chosen plans, overloads a resource it loads more than the chosen plan does.
        const overload = swapOverload(chosenTotal, loads[a][chosen[a]], loads[a][0], groupResources, periods);
        if (!overload) return;
        const others = active.length > 1 ? ", with the other families' plans," : "";
        results[i].capacityNote =
          `${passedOverText(passedOver, plan)}${others} overloads ${overload.resource} in ${overload.period} ` +
          `(${amount(overload.required)} of ${amount(overload.available)}; ${passedOver.strategy} needs ${amount(overload.passed)} of it there, ${plan.strategy} ${amount(overload.chosen)})`;
      });
      continue;
    }
    active.forEach((k) => {
      results[group[k]].capacityError =
        `the plans compared overload ${bestOverload} together and no combination of them fits the capacity; ` +
        "the optimal strategy plans what the capacity can serve and says what it cannot";
    });
  }
}

/**
 * The best choice (least summed `planScore`) of one plan per family whose loads together fit every resource row, or null.
 * Depth-first over the families' plans (each list cheapest first), pruning partial choices that
 * already overload or cannot beat the best found; beyond MAX_COMBINATIONS the search stops at the
 * best found so far (the all-optimal choice, which fits whenever the optimal plans are feasible,
 * is tried first).
 */
function bestFittingCombination(
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
      bestCost = allOptimal.reduce((sum, o, a) => sum + planScore(options[a][o]), 0);
    }
  }
  const minRest = new Array<number>(options.length + 1).fill(0);
  for (let a = options.length - 1; a >= 0; a--) minRest[a] = minRest[a + 1] + planScore(options[a][0]);
  const choice = new Array<number>(options.length).fill(0);
  const used = new Float64Array(rows);
  let visited = 0;
  const search = (a: number, cost: number): void => {
    if (visited++ > MAX_COMBINATIONS) return;
    if (a === options.length) {
      if (lowerScore(cost, bestCost)) {
        bestCost = cost;
        best = [...choice];
      }
      return;
    }
    for (let o = 0; o < options[a].length; o++) {
      const next = cost + planScore(options[a][o]);
      if (!lowerScore(next + minRest[a + 1], bestCost)) break;
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

// Frozen periods (Policy `Frozen periods`): the first periods of every plan kept as the compared version has them, the rest planned from there.
import { amountText } from "./numberText";
import { costPlan, frozenCount, type FamilyContext, type PlanDecisions } from "./costing";
import { resourceLoadAt } from "./coupling";
import type { FamilyInput, FrozenPeriods, PlanMessage, PlanningInput, PlanResult, SharedResource, StrategyName } from "./model";
import { periodKey, versionKey, type PlanVersion } from "./versions";

function listed(names: readonly string[]): string {
  return names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}

function span(periods: readonly string[]): string {
  return periods.length === 1 ? periods[0] : `${periods[0]}–${periods[periods.length - 1]}`;
}

/**
 * The input with each family's frozen periods taken from `version`: the first `Frozen periods`
 * periods (matched by label, ignoring case and spaces) keep the version's workers, regular,
 * overtime and subcontracted units. Frozen periods run from the start of the horizon: the first
 * period the version lacks, and every one after it, is planned afresh. The messages (info) say
 * what was frozen and what could not be.
 */
export function freezePeriods(input: PlanningInput, version: PlanVersion | null): { input: PlanningInput; messages: PlanMessage[] } {
  const asking = input.families.filter((f) => f.policy.frozenPeriods > 0);
  if (asking.length === 0) return { input, messages: [] };
  const messages: PlanMessage[] = [];
  const info = (message: string) => messages.push({ severity: "info", message });
  if (!version) {
    info(`No periods frozen (${listed(asking.map((f) => f.family))}): no saved version to keep them from.`);
    return { input, messages };
  }
  const byKey = new Map(version.families.map((f) => [versionKey(f.family), f]));
  const families = input.families.map((family): FamilyInput => {
    const asked = Math.min(family.policy.frozenPeriods, input.periods.length);
    if (asked <= 0) return family;
    const saved = byKey.get(versionKey(family.family));
    if (!saved) {
      info(`${family.family}: not in version "${version.name}", no periods frozen.`);
      return family;
    }
    const at = new Map(saved.periods.map((p) => [periodKey(p.period), p]));
    const frozen: FrozenPeriods = { version: version.name, workers: [], regular: [], overtime: [], subcontract: [] };
    for (let t = 0; t < asked; t++) {
      const p = at.get(periodKey(input.periods[t]));
      if (!p) break;
      frozen.workers.push(p.workers);
      frozen.regular.push(p.regular);
      frozen.overtime.push(p.overtime);
      frozen.subcontract.push(p.subcontract);
    }
    const count = frozen.workers.length;
    if (family.policy.frozenPeriods > input.periods.length) {
      info(`${family.family}: ${family.policy.frozenPeriods} periods to freeze is more than the ${input.periods.length} periods planned; at most ${input.periods.length} frozen.`);
    }
    if (count < asked) {
      const missing = input.periods.slice(count, asked);
      info(
        `${family.family}: version "${version.name}" has no ${input.periods[count]}, so ${listed(missing)} ` +
          `${missing.length === 1 ? "is" : "are"} not frozen (frozen periods run from the start of the horizon)` +
          (count > 0 ? `; ${span(input.periods.slice(0, count))} frozen.` : "."),
      );
    } else {
      info(`${family.family}: ${span(input.periods.slice(0, count))} frozen: production and workforce as in version "${version.name}".`);
    }
    return count > 0 ? { ...family, frozen } : family;
  });
  return { input: { ...input, families }, messages };
}

/**
 * A rule-based plan that continues from the frozen periods: the strategy plans the periods after
 * them as a horizon of its own, starting from the inventory, backlog and workforce the frozen
 * periods leave, and the whole plan is costed as one. Without frozen periods, the strategy itself.
 */
export function continuingFromFrozen(
  ctx: FamilyContext,
  strategy: StrategyName,
  plan: (ctx: FamilyContext) => PlanResult | null,
): PlanResult | null {
  const frozen = frozenCount(ctx);
  if (frozen === 0 || !ctx.frozen) return plan(ctx);
  const kept: PlanDecisions = {
    workers: ctx.frozen.workers.slice(0, frozen),
    regular: ctx.frozen.regular.slice(0, frozen),
    overtime: ctx.frozen.overtime.slice(0, frozen),
    subcontract: ctx.frozen.subcontract.slice(0, frozen),
  };
  const n = ctx.periods.length;
  if (frozen < n) {
    // Costed with the frozen periods marked, so what they cannot serve is lost as in the whole plan.
    const start = costPlan({ ...ctx, periods: ctx.periods.slice(0, frozen), demand: ctx.demand.slice(0, frozen) }, strategy, kept);
    const last = start.periods[frozen - 1];
    const slice = <T>(values: readonly T[]): T[] => values.slice(frozen);
    const { rates } = ctx;
    const rest: FamilyContext = {
      family: ctx.family,
      periods: slice(ctx.periods),
      demand: slice(ctx.demand),
      policy: { ...ctx.policy, initialInventory: last.inventory, initialBacklog: last.backlog, initialWorkers: last.workers, frozenPeriods: 0 },
      rates: {
        unitsPerWorker: slice(rates.unitsPerWorker),
        hoursPerWorker: rates.hoursPerWorker && slice(rates.hoursPerWorker),
        laborHoursPerUnit: rates.laborHoursPerUnit && slice(rates.laborHoursPerUnit),
        overtimeUnitsPerWorker: slice(rates.overtimeUnitsPerWorker),
      },
      ...(ctx.materialCostPerUnit && { materialCostPerUnit: slice(ctx.materialCostPerUnit) }),
      ...(ctx.pricePerUnit && { pricePerUnit: slice(ctx.pricePerUnit) }),
    };
    const tail = plan(rest);
    if (!tail) return null;
    for (const p of tail.periods) {
      kept.workers.push(p.workers);
      kept.regular.push(p.regular);
      kept.overtime.push(p.overtime);
      kept.subcontract.push(p.subcontract);
    }
  }
  return costPlan(ctx, strategy, kept);
}

/**
 * Frozen periods whose kept output no longer fits a resource (a capacity cut, a scenario, a
 * version made on other loads): the frozen output of every family loading it there is cut in
 * proportion until it fits, since no plan may load a resource beyond what it has. What the cut
 * output can no longer serve is then unmet (or backlog). Each cut is a warning naming the period,
 * the resource, the families and the load.
 */
export function fitFrozenToCapacity(input: PlanningInput, resources: readonly SharedResource[]): { input: PlanningInput; messages: PlanMessage[] } {
  const messages: PlanMessage[] = [];
  const frozenOf = (family: FamilyInput) => (family.frozen ? Math.min(family.frozen.workers.length, input.periods.length) : 0);
  if (!input.families.some((f) => frozenOf(f) > 0)) return { input, messages };
  // The factor each family's frozen output is cut by, per period (1: kept).
  const factors = input.families.map((f) => new Array<number>(frozenOf(f)).fill(1));
  for (const resource of resources) {
    for (let t = 0; t < input.periods.length; t++) {
      let load = 0;
      const loading: number[] = [];
      input.families.forEach((family, f) => {
        const perUnit = resourceLoadAt(resource, family.family, t);
        if (perUnit <= 0 || !family.frozen || t >= frozenOf(family)) return;
        load += perUnit * factors[f][t] * (Math.max(0, family.frozen.regular[t]) + Math.max(0, family.frozen.overtime[t]));
        loading.push(f);
      });
      const available = Math.max(0, (resource.available[t] ?? 0) - (resource.splitReserve ?? 0));
      if (loading.length === 0 || load <= available * (1 + 1e-9) + 1e-9) continue;
      const factor = available / load;
      for (const f of loading) factors[f][t] *= factor;
      messages.push({
        severity: "warning",
        message:
          `${input.periods[t]} (frozen): the frozen plans of ${listed(loading.map((f) => input.families[f].family))} load ${resource.resource} with ` +
          `${amountText(load)} of ${amountText(available)} available; their output there is cut to ${amountText(factor * 100, 1)} % to fit.`,
      });
    }
  }
  const families = input.families.map((family, f): FamilyInput => {
    if (!family.frozen || factors[f].every((k) => k === 1)) return family;
    const cut = (values: number[]) => values.map((v, t) => (t < factors[f].length ? v * factors[f][t] : v));
    return { ...family, frozen: { ...family.frozen, regular: cut(family.frozen.regular), overtime: cut(family.frozen.overtime) } };
  });
  return { input: { ...input, families }, messages };
}

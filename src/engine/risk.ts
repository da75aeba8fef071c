// Risk flags for the S&OP review: overloads, idle capacity and what it could earn, backlog and shortages, losses, forecast gaps.
import { amountText, moneyText, percentText } from "./numberText";
import { bottomUpInput, withProductMoney, type Aggregation } from "./aggregate";
import { recommendedPlanOf } from "./recommendation";
import type { CapacityCheck } from "./capacity";
import type { FinancialProjection } from "./finance";
import type { FamilyResult, PlanningInput, PlanResult, RiskFlag, RiskKind, Severity, TargetShortfall } from "./model";
import { overtimeLimit, stockTargetName } from "./costing";
import { DEFAULT_HIGH_LOAD_SHARE, DEFAULT_UTILIZATION_THRESHOLD } from "./riskDefaults";
import { POLICY_DEFAULTS, productionRates } from "./policy";



export interface RiskOptions {
  /** Utilisation below which a resource is under-used (0.7 = 70 %). */
  utilizationThreshold?: number;
  /** Utilisation at or above which, two or more periods in a row, a resource has no room left (0.95 = 95 %). */
  highLoadShare?: number;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const KIND_RANK: Record<RiskKind, number> = {
  unmet: -1,
  shortage: 0,
  overload: 1,
  "high-load": 1.5,
  "at-cap": 1.6,
  "stock-target": 2.5,
  loss: 2,
  backlog: 3,
  "forecast-gap": 4,
  "consensus-gap": 5,
  underutilization: 6,
  opportunity: 7,
};


/** Differences smaller than this are rounding, not risks. */
const TOLERANCE = 1e-6;

/**
 * Every risk and opportunity of a run, most serious first: by severity, then kind (demand not served, shortage,
 * overload, loss, backlog, forecast gap, under-utilisation, opportunity), then the size of the
 * number behind it, then the period.
 */
export function riskFlags(
  input: PlanningInput,
  results: readonly FamilyResult[],
  aggregation: Aggregation,
  capacity: readonly CapacityCheck[],
  finance: FinancialProjection,
  options: RiskOptions = {},
): RiskFlag[] {
  const threshold = options.utilizationThreshold ?? DEFAULT_UTILIZATION_THRESHOLD;
  const flags: RiskFlag[] = [
    ...unmetFlags(input, results, capacity),
    ...planFlags(input, results),
    ...capacityFlags(input, results, aggregation, capacity, threshold),
    ...highLoadFlags(input.periods, capacity, options.highLoadShare ?? DEFAULT_HIGH_LOAD_SHARE),
    ...atCapFlags(input, results),
    ...lossFlags(finance),
    ...forecastGapFlags(input),
  ];
  return sortRiskFlags(flags, input.periods);
}

/**
 * Risk flags most serious first: by severity, then kind, then the size of the number behind
 * them, then the period (in `periods`' order); flags otherwise equal keep their order.
 */
export function sortRiskFlags(flags: readonly RiskFlag[], periods: readonly string[]): RiskFlag[] {
  const periodIndex = new Map(periods.map((p, t) => [p, t]));
  return flags
    .map((flag, order) => ({ flag, order }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.flag.severity] - SEVERITY_RANK[b.flag.severity] ||
        KIND_RANK[a.flag.kind] - KIND_RANK[b.flag.kind] ||
        Math.abs(b.flag.value ?? 0) - Math.abs(a.flag.value ?? 0) ||
        (periodIndex.get(a.flag.period ?? "") ?? -1) - (periodIndex.get(b.flag.period ?? "") ?? -1) ||
        a.order - b.order,
    )
    .map(({ flag }) => flag);
}

/** Backlog in the recommended plan, and families with no feasible plan at all (a shortage). */
function planFlags(input: PlanningInput, results: readonly FamilyResult[]): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const family of input.families) {
    const result = results.find((r) => r.family === family.family);
    if (!result) continue;
    const plan = recommendedPlanOf(result);
    if (!plan) {
      const first = result.plans.flatMap((p) => p.violations)[0];
      const period = first?.periodIndex !== null && first?.periodIndex !== undefined ? input.periods[first.periodIndex] : undefined;
      flags.push({
        kind: "shortage",
        severity: "error",
        family: family.family,
        ...(period !== undefined && { period }),
        message: `${family.family}: no plan meets demand within the Policy's limits${first ? ` (${first.message})` : ""}; demand will go unmet.`,
      });
      continue;
    }
    if (result.capacityError) {
      const first = plan.violations[0];
      const period = first?.periodIndex !== null && first?.periodIndex !== undefined ? input.periods[first.periodIndex] : undefined;
      flags.push({
        kind: plan.violations.some((v) => v.overload) || plan.feasible ? "overload" : "shortage",
        severity: "error",
        family: family.family,
        ...(period !== undefined && { period }),
        message: `${family.family}: the recommended ${plan.strategy} plan is not feasible: ${result.capacityError}.`,
      });
    }
    flags.push(...stockTargetFlags(family.family, plan, input.periods));
    plan.periods.forEach((p) => {
      if (p.backlog > TOLERANCE) {
        flags.push({
          kind: "backlog",
          severity: "warning",
          family: family.family,
          period: p.period,
          value: p.backlog,
          message: `${family.family}, ${p.period}: the recommended ${plan.strategy} plan ends the period with ${amountText(p.backlog)} units of backlog (demand ${amountText(p.demand)}).`,
        });
      }
    });
  }
  return flags;
}

/**
 * One warning per stock target the recommended plan misses, naming the target with its level, the
 * periods and the most short: "Tools: the recommended optimal plan does not reach the safety stock
 * of 50 in Sep 2027–Nov 2027 (up to 50 short)."
 */
function stockTargetFlags(family: string, plan: PlanResult, periods: readonly string[]): RiskFlag[] {
  const byTarget = new Map<string, TargetShortfall[]>();
  for (const short of plan.targetShortfalls ?? []) byTarget.set(short.target, [...(byTarget.get(short.target) ?? []), short]);
  return [...byTarget.values()].map((runs) => {
    const most = Math.max(...runs.map((r) => r.most));
    const name = stockTargetName({ target: runs[0].target, level: Math.min(...runs.map((r) => r.level)), highestLevel: Math.max(...runs.map((r) => r.highestLevel)) });
    const inPeriods = runs.flatMap((r) => periods.slice(r.from, r.to + 1));
    const spans = runs.map((r) => span(periods, r.from, r.to)).join(", ");
    return {
      kind: "stock-target" as const,
      severity: "warning" as const,
      family,
      period: inPeriods[0],
      ...(inPeriods.length > 1 && { periods: inPeriods }),
      value: most,
      message:
        `${family}: the recommended ${plan.strategy} plan does not reach ${name.charAt(0).toLowerCase()}${name.slice(1)} in ${spans} (${runs.length > 1 || runs[0].from !== runs[0].to ? "up to " : ""}${amountText(most)} short).` +
        (runs.some((r) => r.unmetPeriods > 0) ? " Demand goes unmet there too: the plan keeps a buffer only for the demand it serves." : ""),
    };
  });
}

function span(periods: readonly string[], from: number, to: number): string {
  return from === to ? periods[from] : `${periods[from]}–${periods[to]}`;
}

/**
 * Demand the recommended plans do not serve, once per run of periods (consecutive periods in which
 * some family leaves demand unmet), naming each family's units, the revenue at risk and the
 * resources that are full there (the capacity that could not make them).
 */
function unmetFlags(input: PlanningInput, results: readonly FamilyResult[], capacity: readonly CapacityCheck[]): RiskFlag[] {
  const T = input.periods.length;
  const plans = input.families.map((family) => recommendedPlanOf(results.find((r) => r.family === family.family)));
  const unmetAt = (t: number) => plans.some((plan) => plan !== null && plan.periods[t].unmet > TOLERANCE);
  const flags: RiskFlag[] = [];
  let t = 0;
  while (t < T) {
    if (!unmetAt(t)) {
      t++;
      continue;
    }
    const from = t;
    while (t < T && unmetAt(t)) t++;
    const to = t - 1;
    const parts: string[] = [];
    let units = 0;
    let atRisk = 0;
    const families: string[] = [];
    input.families.forEach((family, f) => {
      const plan = plans[f];
      if (!plan) return;
      let own = 0;
      for (let k = from; k <= to; k++) own += plan.periods[k].unmet;
      if (!(own > TOLERANCE)) return;
      const revenue = (plan.revenueAtRisk * own) / Math.max(plan.unmet, TOLERANCE);
      families.push(family.family);
      parts.push(`${family.family} ${amountText(own)} units`);
      units += own;
      atRisk += revenue;
    });
    // The resources that limit them: those whose capacity the optimal plans value (a binding limit)
    // up to the run's end, else those the plans fill (the split to products may leave a hair free).
    const binding = new Set<string>();
    input.families.forEach((family, f) => {
      if (!families.includes(family.family)) return;
      for (const r of plans[f]?.why?.resources ?? []) if (r.marginalValue.slice(0, to + 1).some((v) => v > TOLERANCE)) binding.add(r.resource);
    });
    const full = capacity
      .filter((check) => check.byFamily.some((b) => families.includes(b.family) && b.required.some((v) => v > 0)))
      .filter((check) => binding.has(check.resource) || check.periods.slice(0, to + 1).some((p) => p.available > 0 && p.utilization >= 0.995))
      .map((check) => check.resource);
    const where = full.length > 0 ? `; at full capacity: ${full.join(", ")}` : "; the Policy's levers (workforce, overtime, subcontracting, backorders) cannot make them in time";
    flags.push({
      kind: "unmet",
      severity: "warning",
      period: input.periods[from],
      ...(to > from && { periods: input.periods.slice(from, to + 1) }),
      ...(families.length === 1 && { family: families[0] }),
      value: units,
      message: `Demand not served in ${span(input.periods, from, to)}: ${parts.join(", ")} (${moneyText(atRisk)} of revenue at risk)${where}.`,
    });
  }
  return flags;
}

/** The runs of consecutive periods in which `at(t)` holds, as [first, last] index pairs. */
function runsOf(count: number, at: (t: number) => boolean): [number, number][] {
  const runs: [number, number][] = [];
  for (let t = 0; t < count; t++) {
    if (!at(t)) continue;
    const from = t;
    while (t + 1 < count && at(t + 1)) t++;
    runs.push([from, t]);
  }
  return runs;
}

/**
 * A resource at or above `share` of its capacity for two or more periods in a row: the plan has no
 * room there for more demand, a breakdown or a late delivery. One flag per run of periods, naming
 * the peak and, from the optimal plans, what one more unit of capacity would save there.
 */
function highLoadFlags(periods: readonly string[], capacity: readonly CapacityCheck[], share: number): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const check of capacity) {
    const high = (t: number) => check.periods[t].available > 0 && check.periods[t].utilization >= share - TOLERANCE;
    for (const [from, to] of runsOf(check.periods.length, high)) {
      if (to === from) continue;
      const run = check.periods.slice(from, to + 1);
      const peak = run.reduce((a, b) => (b.utilization > a.utilization ? b : a));
      const worth = Math.max(0, ...run.map((p) => p.marginalValue ?? 0));
      const family = largestUser(check, periods.indexOf(peak.period));
      flags.push({
        kind: "high-load",
        severity: "warning",
        resource: check.resource,
        period: periods[from],
        periods: periods.slice(from, to + 1),
        ...(family !== undefined && { family }),
        value: peak.utilization,
        message:
          `${check.resource}: at or above ${percentText(share)} of its capacity for ${run.length} periods in a row, ${span(periods, from, to)} ` +
          `(peak ${percentText(peak.utilization)} in ${peak.period}${family ? `, mostly ${family}` : ""}): no room for more demand or a breakdown` +
          (worth > TOLERANCE ? `; one more unit of its capacity would save up to ${moneyText(worth)} a period.` : "."),
      });
    }
  }
  return flags;
}

/**
 * Subcontracting or overtime at its Policy cap in the recommended plan, once per family, lever and
 * run of periods: the lever has nothing left if demand rises or a resource fails.
 */
function atCapFlags(input: PlanningInput, results: readonly FamilyResult[]): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const T = input.periods.length;
  for (const family of input.families) {
    const plan = recommendedPlanOf(results.find((r) => r.family === family.family));
    if (!plan) continue;
    const { policy } = family;
    const resolved = productionRates(policy, input.workingDays, T);
    const levers: { lever: string; used: (t: number) => number; cap: (t: number) => number }[] = [
      { lever: "subcontracting", used: (t) => plan.periods[t].subcontract, cap: () => policy.subcontractCostPerUnit === null ? 0 : (policy.maxSubcontractPerPeriod ?? Infinity) },
      { lever: "overtime", used: (t) => plan.periods[t].overtime, cap: (t) => (resolved.ok ? overtimeLimit({ rates: resolved.rates, policy }, t, plan.periods[t].workers) : 0) },
    ];
    for (const { lever, used, cap } of levers) {
      const atCap = (t: number) => {
        const limit = cap(t);
        return Number.isFinite(limit) && limit > TOLERANCE && used(t) >= limit - 1e-6 * Math.max(1, limit);
      };
      for (const [from, to] of runsOf(T, atCap)) {
        let units = 0;
        for (let t = from; t <= to; t++) units += used(t);
        const caps = new Set(Array.from({ length: to - from + 1 }, (_, k) => amountText(cap(from + k))));
        const capWords = caps.size === 1 ? `its cap of ${[...caps][0]} units a period` : "its cap";
        const count = to - from + 1;
        flags.push({
          kind: "at-cap",
          severity: "warning",
          family: family.family,
          period: input.periods[from],
          periods: input.periods.slice(from, to + 1),
          value: units,
          message:
            `${family.family}: ${lever} at ${capWords} in ${span(input.periods, from, to)}` +
            `${count > 1 ? ` (${count} periods, ${amountText(units)} units)` : ` (${amountText(units)} units)`}: nothing left of it if demand rises.`,
        });
      }
    }
  }
  return flags;
}

/** The family that needs most of a resource in a period, to name in the flag. */
function largestUser(check: CapacityCheck, t: number): string | undefined {
  let best: { family: string; required: number } | undefined;
  for (const f of check.byFamily) if (f.required[t] > (best?.required ?? 0)) best = { family: f.family, required: f.required[t] };
  return best?.family;
}

interface UnitMargin {
  product: string;
  family: string;
  index: number;
  /**
   * Per period, what one more unit made and sold adds: price − its marginal cost. With an optimal
   * plan, the marginal cost is the LP's marginal cost of the family's demand in the period (what the
   * plan would do to make one more: regular time, overtime, hiring, building ahead), with the
   * product's own unit cost for the family's; else the full variable cost on the plan's own
   * workforce: unit cost, then labour at the regular rate (cost per unit + cost per hour × the hours a
   * unit needs) while the workforce has regular time to spare, then at the overtime rate.
   */
  margin: number[];
  /** Per period, the most extra units the family's workforce can make (Infinity when the LP prices the workforce in `margin`). */
  headroom: number[];
  /** Per period, the extra margin of `units` more units (regular time first, then overtime, without the LP). */
  extraMargin: (t: number, units: number) => number;
  /** Whether `margin` is the LP's marginal cost of demand. */
  fromLp: boolean;
}

function unitMargins(input: PlanningInput, aggregation: Aggregation, results: readonly FamilyResult[]): UnitMargin[] {
  const T = input.periods.length;
  // The money per unit of family output the plans were made with (the products', weighted as the split).
  const planned = aggregation.approach === "bottom-up" ? bottomUpInput(input) : withProductMoney(input);
  return aggregation.products.map((split, index) => {
    const product = input.products.find((p) => p.family === split.family && p.product === split.product);
    const family = planned.families.find((f) => f.family === split.family);
    const policy = family?.policy ?? POLICY_DEFAULTS;
    const price = product?.price ?? policy.pricePerUnit;
    const unitCost = product?.unitCost ?? policy.materialCostPerUnit;
    const plan = recommendedPlanOf(results.find((r) => r.family === split.family));
    const resolved = productionRates(policy, input.workingDays, T);
    const hoursPerUnit = (t: number): number => (resolved.ok && resolved.rates.laborHoursPerUnit ? resolved.rates.laborHoursPerUnit[t] : 0);
    const regularCost = (t: number) => unitCost + policy.regularCostPerUnit + policy.regularCostPerHour * hoursPerUnit(t);
    const overtimeCost = (t: number) => unitCost + policy.overtimeCostPerUnit + policy.overtimeCostPerHour * hoursPerUnit(t);
    const fromLp = plan?.strategy === "optimal" && plan.periods.every((p) => p.marginalCost !== undefined);
    if (plan && fromLp) {
      // The LP's marginal cost is of a unit of family output: the product's own unit cost replaces the family's.
      const familyMaterial = (t: number) => family?.materialCostPerUnit?.[t] ?? policy.materialCostPerUnit;
      const margin = Array.from({ length: T }, (_, t) => price - ((plan.periods[t].marginalCost as number) - familyMaterial(t) + unitCost));
      return { product: split.product, family: split.family, index, margin, headroom: margin.map(() => Infinity), extraMargin: (t, units) => units * margin[t], fromLp };
    }
    // The plan's own workforce: what it leaves of regular time, then of overtime.
    const regularRoom = (t: number) => {
      if (!plan || !resolved.ok) return 0;
      const p = plan.periods[t];
      return Math.max(0, resolved.rates.unitsPerWorker[t] * p.workers - p.regular);
    };
    const overtimeRoom = (t: number) => {
      if (!plan || !resolved.ok) return 0;
      const p = plan.periods[t];
      return Math.max(0, overtimeLimit({ rates: resolved.rates, policy }, t, p.workers) - p.overtime);
    };
    const headroom = Array.from({ length: T }, (_, t) => regularRoom(t) + overtimeRoom(t));
    const margin = Array.from({ length: T }, (_, t) => price - (regularRoom(t) > TOLERANCE ? regularCost(t) : overtimeCost(t)));
    const extraMargin = (t: number, units: number) => {
      const regular = Math.min(units, regularRoom(t));
      return regular * (price - regularCost(t)) + (units - regular) * (price - overtimeCost(t));
    };
    return { product: split.product, family: split.family, index, margin, headroom, extraMargin, fromLp };
  });
}

/** Overloads (> 100 %), under-used resources (below the threshold) and the opportunity in their idle capacity. */
function capacityFlags(
  input: PlanningInput,
  results: readonly FamilyResult[],
  aggregation: Aggregation,
  capacity: readonly CapacityCheck[],
  threshold: number,
): RiskFlag[] {
  // Each family's Policy `Upside limit`: how much more than its forecast sales could take.
  const upsideLimit = new Map(input.families.map((f) => [f.family, f.policy.upsideLimit]));
  const flags: RiskFlag[] = [];
  const R = aggregation.resources.length;
  const margins = unitMargins(input, aggregation, results);
  capacity.forEach((check, r) => {
    check.periods.forEach((p, t) => {
      const family = largestUser(check, t);
      const named = family !== undefined ? { family } : {};
      if (p.overload > TOLERANCE) {
        const share = Number.isFinite(p.utilization) ? ` (${percentText(p.utilization)})` : "";
        flags.push({
          kind: "overload",
          severity: "error",
          resource: check.resource,
          period: p.period,
          ...named,
          value: p.overload,
          message:
            `${check.resource}, ${p.period}: ${amountText(p.required)} required of ${amountText(p.available)} available${share}, ` +
            `${amountText(p.overload)} short, about ${amountText(p.unitsShort)} units${family ? ` (mostly ${family})` : ""}.`,
        });
        return;
      }
      if (!(p.available > 0) || p.utilization >= threshold) return;
      flags.push({
        kind: "underutilization",
        severity: "info",
        resource: check.resource,
        period: p.period,
        ...named,
        value: p.idle,
        message: `${check.resource}, ${p.period}: ${percentText(p.utilization)} used (below ${percentText(threshold)}); ${amountText(p.idle)} of ${amountText(p.available)} idle.`,
      });
      const opportunity = bestUseOfIdle(aggregation, capacity, margins, r, t, R, (family) => upsideLimit.get(family) ?? 0);
      if (opportunity) {
        const { product, units, perCapacityUnit, extraMargin, limitedBy, byUpside } = opportunity;
        flags.push({
          kind: "opportunity",
          severity: "info",
          resource: check.resource,
          period: p.period,
          family: product.family,
          product: product.product,
          value: extraMargin,
          message:
            `${check.resource}, ${p.period}: ${amountText(p.idle)} idle. ${product.product} earns the most per unit of it ` +
            `(${moneyText(perCapacityUnit)}; ${moneyText(product.margin[t])} a unit over its ${product.fromLp ? "marginal cost in the optimal plan" : "variable cost"}); selling ${amountText(units)} more units would add ${moneyText(extraMargin)} of margin` +
            (byUpside
              ? ` (the upside limit of ${percentText(upsideLimit.get(product.family) ?? 0)} of its forecast of ${amountText(aggregation.products[product.index].demand[t])} is the limit).`
              : limitedBy === "the workforce"
                ? ` (what the plan's workforce can make besides, on regular time and overtime, is the limit).`
                : limitedBy
                  ? ` (${limitedBy}'s idle capacity is the limit).`
                  : "."),
        });
      }
    });
  });
  return flags;
}

/**
 * The product with the best margin per unit of the idle resource, and the extra margin if sales
 * sold the idle capacity as that product: as many units as the idle capacity takes, or fewer when
 * another resource the product uses runs out first, or when the market could not take them (more
 * than `upsideLimit` of the product's forecast in the period, `byUpside`); whole units. `limitedBy`
 * names the other resource when it is the limit.
 */
function bestUseOfIdle(
  aggregation: Aggregation,
  capacity: readonly CapacityCheck[],
  margins: readonly UnitMargin[],
  r: number,
  t: number,
  R: number,
  upsideLimitOf: (family: string) => number,
): { product: UnitMargin; units: number; perCapacityUnit: number; extraMargin: number; limitedBy: string | null; byUpside: boolean } | null {
  let best: { product: UnitMargin; perCapacityUnit: number } | null = null;
  for (const m of margins) {
    const load = aggregation.loads[m.index * R + r];
    if (!(load > 0) || !(m.margin[t] > 0)) continue;
    const perCapacityUnit = m.margin[t] / load;
    if (!best || perCapacityUnit > best.perCapacityUnit + TOLERANCE) best = { product: m, perCapacityUnit };
  }
  if (!best) return null;
  let units = Infinity;
  let limitedBy: string | null = null;
  for (let k = 0; k < R; k++) {
    const load = aggregation.loads[best.product.index * R + k];
    if (!(load > 0)) continue;
    const fits = Math.floor(capacity[k].periods[t].idle / load + 1e-9);
    if (fits < units) {
      units = fits;
      limitedBy = k === r ? null : capacity[k].resource;
    }
  }
  // What the plan's workforce can make besides (regular time it leaves, then overtime to its cap).
  const workforce = Math.floor(best.product.headroom[t] + 1e-9);
  if (workforce < units) {
    units = workforce;
    limitedBy = "the workforce";
  }
  const upside = Math.floor(upsideLimitOf(best.product.family) * aggregation.products[best.product.index].demand[t] + 1e-9);
  const byUpside = upside < units;
  if (byUpside) {
    units = upside;
    limitedBy = null;
  }
  if (!(units > 0)) return null;
  return { product: best.product, units, perCapacityUnit: best.perCapacityUnit, extraMargin: best.product.extraMargin(t, units), limitedBy, byUpside };
}

/**
 * Loss-making periods of a family, and families or products that lose money over the horizon, on
 * the P&L view (revenue − cost of goods sold − period costs): a month that builds stock ahead of a
 * season carries its production in inventory, so it is not a loss.
 */
function lossFlags(finance: FinancialProjection): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const family of finance.families) {
    if (family.grossMargin < -TOLERANCE) {
      flags.push({
        kind: "loss",
        severity: "error",
        family: family.family,
        value: family.grossMargin,
        message: `${family.family} loses money over the horizon: revenue ${moneyText(family.revenue)}, cost of goods sold ${moneyText(family.cogs)}, P&L margin ${moneyText(family.grossMargin)}.`,
      });
    }
    for (const p of family.periods) {
      if (p.grossMargin < -TOLERANCE) {
        flags.push({
          kind: "loss",
          severity: "warning",
          family: family.family,
          period: p.period,
          value: p.grossMargin,
          message: `${family.family}, ${p.period}: cost of goods sold ${moneyText(p.cogs)} and period costs ${moneyText(p.revenue - p.cogs - p.grossMargin)} exceed revenue ${moneyText(p.revenue)}; P&L margin ${moneyText(p.grossMargin)}.`,
        });
      }
    }
  }
  for (const product of finance.products) {
    if (product.grossMargin < -TOLERANCE) {
      flags.push({
        kind: "loss",
        severity: "warning",
        family: product.family,
        product: product.product,
        value: product.grossMargin,
        message: `${product.product} (${product.family}) loses money over the horizon at a price of ${moneyText(product.price)}: P&L margin ${moneyText(product.grossMargin)}.`,
      });
    }
  }
  return flags;
}

/** Periods where a family's own forecast row differs from the sum of its product rows. */
function forecastGapFlags(input: PlanningInput): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const family of input.families) {
    if (family.hasFamilyRow === false) continue;
    const rows = input.products.filter((p) => p.family === family.family && p.demand !== null);
    if (rows.length === 0) continue;
    input.periods.forEach((period, t) => {
      const products = rows.reduce((sum, p) => sum + (p.demand as number[])[t], 0);
      const gap = family.demand[t] - products;
      if (Math.abs(gap) <= TOLERANCE * Math.max(1, Math.abs(products))) return;
      flags.push({
        kind: "forecast-gap",
        severity: "warning",
        family: family.family,
        period,
        value: gap,
        message: `${family.family}, ${period}: the family forecast is ${amountText(family.demand[t])} but its products add up to ${amountText(products)} (${gap > 0 ? "+" : ""}${amountText(gap)}).`,
      });
    });
  }
  return flags;
}

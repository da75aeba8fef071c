// The rough-cut capacity check: each resource's required capacity against what is available, period by period.
import type { Aggregation } from "./aggregate";
import type { FamilyResult, ResourceCapacity, ResourceLoadPeriod, ResourceRequirement } from "./model";

// ---------------------------------------------------------------------------------------------
// Rough-cut capacity: the aggregated requirement against each resource's capacity.

/** One resource in one period: required vs available, and what does not fit or is left over. */
export interface CapacityCheckPeriod extends ResourceLoadPeriod {
  /** Capacity units required beyond what is available (0 when it fits). */
  overload: number;
  /** The overload in product units: overload ÷ the average load per unit of the products on the resource. */
  unitsShort: number;
  /** Capacity units available and not required (0 when overloaded). */
  idle: number;
  /** Units of the products that load the resource. */
  units: number;
}

export interface CapacityCheck {
  resource: string;
  periods: CapacityCheckPeriod[];
  /** The requirement per family (families in input order), adding up to `required`. */
  byFamily: { family: string; required: number[] }[];
  /** The Capacity table's figure when a `Max utilisation` below 100 % makes `available` less (see ResourceCapacity). */
  stated?: number[];
}

/** Rough-cut capacity of every resource in Capacity order, from an aggregation of the plans. */
export function roughCutCapacity(aggregation: Aggregation, resources: readonly ResourceCapacity[]): CapacityCheck[] {
  const T = aggregation.periods.length;
  const R = aggregation.resources.length;
  return aggregation.resources.map((resource, r) => {
    const given = resources.find((c) => c.resource === resource);
    const available = given?.available ?? [];
    const periods: CapacityCheckPeriod[] = aggregation.periods.map((period, t) => {
      const required = aggregation.required[r * T + t];
      const capacity = available[t] ?? 0;
      const units = aggregation.unitsOnResource[r * T + t];
      const overload = Math.max(0, required - capacity);
      return {
        period,
        required,
        available: capacity,
        utilization: utilizationOf(required, capacity),
        overload,
        unitsShort: required > 0 ? (overload * units) / required : 0,
        idle: Math.max(0, capacity - required),
        units,
      };
    });
    const byFamily = aggregation.mixes.map((mix, f) => ({
      family: mix.family,
      required: numbers(aggregation.requiredByFamily, (f * R + r) * T, T),
    }));
    return { resource, periods, byFamily, ...(given?.stated && { stated: given.stated }) };
  });
}

/** A plain array of `length` numbers from `offset` (Array.from on a typed array goes through an iterator: slow). */
function numbers(from: Float64Array, offset: number, length: number): number[] {
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) out[i] = from[offset + i];
  return out;
}

/** required ÷ available; 0 when nothing is required, Infinity when something is required of no capacity. */
export function utilizationOf(required: number, available: number): number {
  if (available > 0) return required / available;
  return required > 0 ? Infinity : 0;
}

/**
 * The checks with what one more unit of each resource's capacity would save the optimal plans, per
 * period (0 with slack), from the plans' LP duals; resources no optimal plan saw are left without.
 */
export function withMarginalValues(checks: CapacityCheck[], results: readonly FamilyResult[]): CapacityCheck[] {
  const values = new Map<string, number[]>();
  for (const family of results) {
    for (const r of family.plans.find((p) => p.strategy === "optimal")?.why?.resources ?? []) values.set(r.resource, r.marginalValue);
  }
  if (values.size === 0) return checks;
  const optimalPlanned = results.some((f) => f.plans.some((p) => p.strategy === "optimal" && p.why));
  return checks.map((check) => {
    const value = values.get(check.resource);
    if (!value && !optimalPlanned) return check;
    return { ...check, periods: check.periods.map((p, t) => ({ ...p, marginalValue: value ? value[t] : 0 })) };
  });
}

/** The checks in the shape of `PlannerRun.resources` and the command line's JSON. */
export function resourceRequirements(checks: readonly CapacityCheck[]): ResourceRequirement[] {
  return checks.map((check) => ({
    resource: check.resource,
    periods: check.periods.map(({ period, required, available, utilization, marginalValue }) => ({
      period,
      required,
      available,
      utilization,
      ...(marginalValue !== undefined && { marginalValue }),
    })),
  }));
}

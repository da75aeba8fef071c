// Capacity utilization: how much of each resource's available capacity a requirement uses, cell by cell, and the rough-cut capacity check.
import type { Aggregation } from "./aggregate";
import type { FamilyResult, ResourceCapacity, ResourceLoadPeriod, ResourceRequirement } from "./model";

/** A range as the engine receives it: rows of cells whose types are not yet trusted. */
export type CellGrid = readonly (readonly unknown[])[];

/** A value, or the reason there is none in words the user can act on. */
export type UtilizationResult = { ok: true; value: number[][] } | { ok: false; error: string };

/**
 * Element-wise `required / available` over two ranges of the same shape.
 *
 * Rules: both ranges are non-empty rectangles of the same shape; every required cell is a
 * finite number ≥ 0 (a blank cell asks for nothing); every available cell is a finite
 * number > 0, because utilization of no capacity has no meaning. The first broken rule wins,
 * and its message names the argument and the 1-based [row,column] so the user can find the cell.
 */
export function utilization(required: CellGrid, available: CellGrid): UtilizationResult {
  const shapeError = checkShape("required", required) ?? checkShape("available", available);
  if (shapeError) return { ok: false, error: shapeError };
  const requiredShape = shapeOf(required);
  const availableShape = shapeOf(available);
  if (requiredShape !== availableShape) {
    return {
      ok: false,
      error: `required is ${requiredShape} but available is ${availableShape}; give two ranges of the same shape`,
    };
  }

  const result: number[][] = [];
  for (let r = 0; r < required.length; r++) {
    const row: number[] = [];
    for (let c = 0; c < required[r].length; c++) {
      const need = requiredAmount(required[r][c]);
      if (typeof need === "string") return { ok: false, error: `required[${r + 1},${c + 1}] ${need}` };
      const capacity = availableAmount(available[r][c]);
      if (typeof capacity === "string") return { ok: false, error: `available[${r + 1},${c + 1}] ${capacity}` };
      row.push(need / capacity);
    }
    result.push(row);
  }
  return { ok: true, value: result };
}

/** "2×3": rows by columns, as a user reads a range's size. */
function shapeOf(grid: CellGrid): string {
  return `${grid.length}×${grid[0].length}`;
}

function checkShape(name: string, grid: CellGrid): string | null {
  if (grid.length === 0 || grid[0].length === 0) return `${name} is empty`;
  const width = grid[0].length;
  const ragged = grid.findIndex((row) => row.length !== width);
  if (ragged >= 0) {
    const cells = (n: number) => `${n} cell${n === 1 ? "" : "s"}`;
    return `${name} row ${ragged + 1} has ${cells(grid[ragged].length)} but row 1 has ${cells(width)}`;
  }
  return null;
}

/** A required amount, or why the cell is not one (the message continues "required[r,c] …"). */
function requiredAmount(cell: unknown): number | string {
  // Excel hands a blank cell over as null or "": no requirement.
  if (cell === null || cell === undefined || cell === "") return 0;
  if (typeof cell !== "number" || !Number.isFinite(cell)) return `is not a number (${describe(cell)})`;
  if (cell < 0) return `is ${cell}; a requirement cannot be negative`;
  return cell;
}

/** An available amount, or why the cell is not one (the message continues "available[r,c] …"). */
function availableAmount(cell: unknown): number | string {
  if (cell === null || cell === undefined || cell === "") return "is blank; give the capacity available";
  if (typeof cell !== "number" || !Number.isFinite(cell)) return `is not a number (${describe(cell)})`;
  if (cell <= 0) return `is ${cell}; available capacity must be greater than 0`;
  return cell;
}

function describe(cell: unknown): string {
  if (typeof cell === "string") return JSON.stringify(cell);
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return typeof cell;
}

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
}

/** Rough-cut capacity of every resource in Capacity order, from an aggregation of the plans. */
export function roughCutCapacity(aggregation: Aggregation, resources: readonly ResourceCapacity[]): CapacityCheck[] {
  const T = aggregation.periods.length;
  const R = aggregation.resources.length;
  return aggregation.resources.map((resource, r) => {
    const available = resources.find((c) => c.resource === resource)?.available ?? [];
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
    return { resource, periods, byFamily };
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

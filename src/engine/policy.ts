// Policy defaults and the per-period production rates they imply (the spec's productivity rules).
import type { FamilyPolicy } from "./model";

/** The spec's defaults: what a blank Policy cell means. */
export const POLICY_DEFAULTS: FamilyPolicy = {
  initialInventory: 0,
  initialBacklog: 0,
  endingInventory: 0,
  safetyStock: 0,
  initialWorkers: null,
  laborHoursPerUnit: null,
  hoursPerWorkerPerDay: null,
  hoursPerWorkerPerPeriod: null,
  unitsPerWorkerPerDay: null,
  unitsPerWorkerPerPeriod: null,
  regularCostPerHour: 0,
  regularCostPerUnit: 0,
  overtimeCostPerHour: 0,
  overtimeCostPerUnit: 0,
  maxOvertimeHoursPerWorker: null,
  maxOvertimeUnitsPerPeriod: null,
  hiringCostPerWorker: 0,
  layoffCostPerWorker: 0,
  holdingCostPerUnit: 0,
  holdingCostBasis: "ending",
  backorderCostPerUnit: null,
  subcontractCostPerUnit: null,
  maxSubcontractPerPeriod: null,
  materialCostPerUnit: 0,
  pricePerUnit: 0,
  integerWorkers: false,
  idleTimeAllowed: true,
  frozenPeriods: 0,
};

/** Per-period rates of one family, derived from its Policy and the working days. */
export interface ProductionRates {
  /** Units one worker makes on regular time in period t (u_t). */
  unitsPerWorker: number[];
  /** Regular hours one worker is paid in period t, or null when the Policy gives no hours. */
  hoursPerWorker: number[] | null;
  /** Hours to make one unit in period t, or null when neither given nor derivable. */
  laborHoursPerUnit: number[] | null;
  /**
   * Most overtime units one worker can make in period t: `Max overtime hours per worker` ÷ labor
   * hours per unit; Infinity when only `Max overtime units per period` caps overtime; 0 when
   * overtime is not allowed (neither cap given).
   */
  overtimeUnitsPerWorker: number[];
}

export type RatesOrErrors = { ok: true; rates: ProductionRates } | { ok: false; errors: string[] };

/**
 * Resolves the productivity rule. Exactly one rule must be given: `Labor hours per unit` with
 * hours per worker, or units per worker. Per-day values multiply by the period's working days
 * and win over per-period values when working days are known; per-period values are used when
 * there are no working days.
 */
export function productionRates(
  policy: FamilyPolicy,
  workingDays: readonly number[] | null,
  periodCount: number,
): RatesOrErrors {
  const errors: string[] = [];
  const perPeriod = (perDay: number | null, perPeriodValue: number | null, what: string): number[] | null => {
    if (perDay !== null && workingDays) return workingDays.map((d) => perDay * d);
    if (perPeriodValue !== null) return new Array<number>(periodCount).fill(perPeriodValue);
    if (perDay !== null) {
      errors.push(
        `'${what} per day' needs a 'Working days' row in Capacity; give '${what} per period' instead or add the row`,
      );
    }
    return null;
  };

  const hoursPerWorker = perPeriod(policy.hoursPerWorkerPerDay, policy.hoursPerWorkerPerPeriod, "Hours per worker");
  const unitsGiven = policy.unitsPerWorkerPerDay !== null || policy.unitsPerWorkerPerPeriod !== null;
  const hoursRuleGiven = policy.laborHoursPerUnit !== null;

  let unitsPerWorker: number[] | null = null;
  let laborHoursPerUnit: number[] | null = null;
  if (hoursRuleGiven && unitsGiven) {
    errors.push(
      "give one productivity rule: either 'Labor hours per unit' with hours per worker, or 'Units per worker', not both",
    );
  } else if (hoursRuleGiven) {
    const hoursPerUnit = policy.laborHoursPerUnit as number;
    if (hoursPerUnit <= 0) errors.push("'Labor hours per unit' must be greater than 0");
    if (policy.hoursPerWorkerPerDay === null && policy.hoursPerWorkerPerPeriod === null) {
      errors.push("'Labor hours per unit' needs 'Hours per worker per day' or 'Hours per worker per period'");
    }
    if (hoursPerWorker && hoursPerUnit > 0) {
      laborHoursPerUnit = new Array<number>(periodCount).fill(hoursPerUnit);
      unitsPerWorker = hoursPerWorker.map((h) => h / hoursPerUnit);
    }
  } else if (unitsGiven) {
    unitsPerWorker = perPeriod(policy.unitsPerWorkerPerDay, policy.unitsPerWorkerPerPeriod, "Units per worker");
    // Hours per worker, when given, pay the workforce and convert overtime hours into units.
    if (unitsPerWorker && hoursPerWorker) {
      laborHoursPerUnit = hoursPerWorker.map((h, t) => (unitsPerWorker![t] > 0 ? h / unitsPerWorker![t] : 0));
    }
  } else {
    errors.push(
      "no productivity rule: give 'Labor hours per unit' with 'Hours per worker per day' (or per period), or 'Units per worker per day' (or per period)",
    );
  }

  if (policy.regularCostPerHour > 0 && !hoursPerWorker) {
    errors.push("'Regular cost per hour' needs 'Hours per worker per day' or 'Hours per worker per period'");
  }
  const needsHoursPerUnit = (policy.maxOvertimeHoursPerWorker ?? 0) > 0 || policy.overtimeCostPerHour > 0;
  if (needsHoursPerUnit && unitsPerWorker && !laborHoursPerUnit) {
    errors.push(
      "overtime in hours ('Max overtime hours per worker', 'Overtime cost per hour') needs 'Labor hours per unit' or hours per worker",
    );
  }
  if (errors.length > 0 || !unitsPerWorker) return { ok: false, errors };

  // Overtime is allowed when either cap is given; each given cap applies (see FamilyPolicy).
  const hoursCap = policy.maxOvertimeHoursPerWorker;
  const overtimeUnitsPerWorker = unitsPerWorker.map((_, t) => {
    if (hoursCap === null) return policy.maxOvertimeUnitsPerPeriod === null ? 0 : Infinity;
    const hoursPerUnit = laborHoursPerUnit ? laborHoursPerUnit[t] : 0;
    return hoursPerUnit > 0 ? hoursCap / hoursPerUnit : 0;
  });
  return { ok: true, rates: { unitsPerWorker, hoursPerWorker, laborHoursPerUnit, overtimeUnitsPerWorker } };
}

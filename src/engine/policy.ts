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
  storageResource: null,
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
  optimalityGapPercent: 0.5,
  idleTimeAllowed: true,
  frozenPeriods: 0,
  lostSaleCostPerUnit: 0,
  priority: null,
  demandBasis: "forecast",
  serviceLevel: null,
  safetyStockCover: null,
  upsideLimit: 0.2,
  openingStockValuePerUnit: null,
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

/**
 * What is wrong with a family's productivity rule, as a code and the Policy fields it is about
 * (first the one to change); the workbook layer puts it into the template's words.
 * - `per-day-needs-working-days`: [the per-day field, its per-period twin]
 * - `two-rules`: [the units-per-worker field given, `laborHoursPerUnit`]
 * - `not-positive`: [`laborHoursPerUnit`]
 * - `needs-hours-per-worker`: [the field that counts hours (the hours rule, hourly pay, overtime in
 *   hours), `hoursPerWorkerPerDay`, `hoursPerWorkerPerPeriod`]
 * - `no-rule`: [] (no row holds it)
 */
export type RateProblem =
  | { code: "per-day-needs-working-days"; fields: [PerDayField, PerPeriodField] }
  | { code: "two-rules"; fields: ["unitsPerWorkerPerDay" | "unitsPerWorkerPerPeriod", "laborHoursPerUnit"] }
  | { code: "not-positive"; fields: ["laborHoursPerUnit"] }
  | { code: "needs-hours-per-worker"; fields: [HoursField, "hoursPerWorkerPerDay", "hoursPerWorkerPerPeriod"] }
  | { code: "no-rule"; fields: [] };

type PerDayField = "hoursPerWorkerPerDay" | "unitsPerWorkerPerDay";
type PerPeriodField = "hoursPerWorkerPerPeriod" | "unitsPerWorkerPerPeriod";
/** The fields that count hours, so need hours per worker to mean anything. */
type HoursField = "laborHoursPerUnit" | "regularCostPerHour" | "maxOvertimeHoursPerWorker" | "overtimeCostPerHour";

export type RatesOrErrors = { ok: true; rates: ProductionRates } | { ok: false; problems: RateProblem[] };

/** A problem in the engine's own terms (its field names), for a programming error's message. */
export function rateProblemCode(problem: RateProblem): string {
  return problem.fields.length > 0 ? `${problem.code} (${problem.fields.join(", ")})` : problem.code;
}

/**
 * Resolves the productivity rule. Exactly one rule must be given: `Labor hours per unit` with
 * hours per worker, or units per worker. Per-day values multiply by the period's working days
 * and win over per-period values when working days are known; per-period values are used when
 * there are no working days. A problem is reported once: hours per worker given per day without
 * working days are not reported again as missing hours.
 */
export function productionRates(
  policy: FamilyPolicy,
  workingDays: readonly number[] | null,
  periodCount: number,
): RatesOrErrors {
  const problems: RateProblem[] = [];
  const perPeriod = (perDayField: PerDayField, perPeriodField: PerPeriodField): number[] | null => {
    const perDay = policy[perDayField];
    const perPeriodValue = policy[perPeriodField];
    if (perDay !== null && workingDays) return workingDays.map((d) => perDay * d);
    if (perPeriodValue !== null) return new Array<number>(periodCount).fill(perPeriodValue);
    if (perDay !== null) problems.push({ code: "per-day-needs-working-days", fields: [perDayField, perPeriodField] });
    return null;
  };

  const hoursPerWorker = perPeriod("hoursPerWorkerPerDay", "hoursPerWorkerPerPeriod");
  const hoursGiven = policy.hoursPerWorkerPerDay !== null || policy.hoursPerWorkerPerPeriod !== null;
  const unitsGiven = policy.unitsPerWorkerPerDay !== null || policy.unitsPerWorkerPerPeriod !== null;
  const hoursRuleGiven = policy.laborHoursPerUnit !== null;
  const needsHours = (field: HoursField): RateProblem => ({
    code: "needs-hours-per-worker",
    fields: [field, "hoursPerWorkerPerDay", "hoursPerWorkerPerPeriod"],
  });

  let unitsPerWorker: number[] | null = null;
  let laborHoursPerUnit: number[] | null = null;
  if (hoursRuleGiven && unitsGiven) {
    const unitsField = policy.unitsPerWorkerPerDay !== null ? "unitsPerWorkerPerDay" : "unitsPerWorkerPerPeriod";
    problems.push({ code: "two-rules", fields: [unitsField, "laborHoursPerUnit"] });
  } else if (hoursRuleGiven) {
    const hoursPerUnit = policy.laborHoursPerUnit as number;
    if (hoursPerUnit <= 0) problems.push({ code: "not-positive", fields: ["laborHoursPerUnit"] });
    if (!hoursGiven) problems.push(needsHours("laborHoursPerUnit"));
    if (hoursPerWorker && hoursPerUnit > 0) {
      laborHoursPerUnit = new Array<number>(periodCount).fill(hoursPerUnit);
      unitsPerWorker = hoursPerWorker.map((h) => h / hoursPerUnit);
    }
  } else if (unitsGiven) {
    unitsPerWorker = perPeriod("unitsPerWorkerPerDay", "unitsPerWorkerPerPeriod");
    // Hours per worker, when given, pay the workforce and convert overtime hours into units.
    if (unitsPerWorker && hoursPerWorker) {
      // Hours per unit belong to the product, not the calendar: a period without working days (no
      // regular hours, no regular units) makes overtime at the hours per unit of the periods that
      // have them, paid and capped as under the hours rule.
      const units = unitsPerWorker;
      const working = units.findIndex((u) => u > 0);
      const usual = working >= 0 ? hoursPerWorker[working] / units[working] : 0;
      laborHoursPerUnit = hoursPerWorker.map((h, t) => (units[t] > 0 ? h / units[t] : usual));
    }
  } else {
    problems.push({ code: "no-rule", fields: [] });
  }

  if (policy.regularCostPerHour > 0 && !hoursGiven) problems.push(needsHours("regularCostPerHour"));
  const overtimeHoursCap = policy.maxOvertimeHoursPerWorker ?? 0;
  const needsHoursPerUnit = overtimeHoursCap > 0 || policy.overtimeCostPerHour > 0;
  if (needsHoursPerUnit && unitsPerWorker && !laborHoursPerUnit && !hoursGiven) {
    // With units per worker, the hours per unit come from hours per worker (a second rule would clash).
    const overtimeField = overtimeHoursCap > 0 ? "maxOvertimeHoursPerWorker" : "overtimeCostPerHour";
    problems.push(needsHours(overtimeField));
  }
  if (problems.length > 0 || !unitsPerWorker) return { ok: false, problems };

  // Overtime is allowed when either cap is given; each given cap applies (see FamilyPolicy).
  const hoursCap = policy.maxOvertimeHoursPerWorker;
  const overtimeUnitsPerWorker = unitsPerWorker.map((_, t) => {
    if (hoursCap === null) return policy.maxOvertimeUnitsPerPeriod === null ? 0 : Infinity;
    const hoursPerUnit = laborHoursPerUnit ? laborHoursPerUnit[t] : 0;
    return hoursPerUnit > 0 ? hoursCap / hoursPerUnit : 0;
  });
  return { ok: true, rates: { unitsPerWorker, hoursPerWorker, laborHoursPerUnit, overtimeUnitsPerWorker } };
}

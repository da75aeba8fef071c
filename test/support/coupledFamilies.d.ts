import type { FamilyInput, FamilyPolicy, PlanningInput, SharedResource } from "../../src/engine";

/** Seeded families with seasonal demand and differing policies (see coupledFamilies.js). */
export function families(
  defaults: FamilyPolicy,
  count: number,
  options?: { integerWorkers?: boolean; seed?: number; periods?: number },
): FamilyInput[];
/** Weekly periods for the families, with working days. */
export function planningInput(list: FamilyInput[]): PlanningInput;
/** Three resources every family loads, at `tightness` of the average load. */
export function sharedResources(list: FamilyInput[], tightness?: number): SharedResource[];

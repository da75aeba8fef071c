// Safety stock as periods of cover: each period's buffer is the demand of the periods that follow it, so the buffer rises before a peak and falls after it.
import type { FamilyInput, PlanningInput } from "./model";

/**
 * The safety stock at the end of each period t for `cover` periods of the following demand:
 * D(t+1) + … + D(t+⌊cover⌋) + (cover − ⌊cover⌋) × D(t+⌊cover⌋+1). Beyond the horizon the last
 * period's demand continues (the plan knows no later demand, and a buffer that fell to 0 at the
 * end would be a plan to run out).
 */
export function coverSafetyStock(demand: readonly number[], cover: number): number[] {
  if (!(cover >= 0) || !Number.isFinite(cover)) throw new RangeError(`cover ${cover}: a number of periods, 0 or more`);
  const n = demand.length;
  const at = (t: number): number => (t < n ? demand[t] : n > 0 ? demand[n - 1] : 0);
  const whole = Math.floor(cover);
  const part = cover - whole;
  return demand.map((_, t) => {
    let units = 0;
    for (let k = 1; k <= whole; k++) units += at(t + k);
    return units + (part > 0 ? part * at(t + whole + 1) : 0);
  });
}

/** A safety stock computed from periods of cover, for the messages and the sheets. */
export interface CoverSafetyStock {
  family: string;
  cover: number;
  /** Units per period. */
  units: number[];
  /** The safety stock the Policy typed, which the cover replaces. */
  typed: number;
}

/**
 * The input with each family whose Policy gives `Safety stock periods of cover` carrying its
 * safety stock per period, from the demand it is planned on. A family whose safety stock was
 * already computed (from a `Service level`) keeps it: the forecast error is the better measure.
 */
export function withCoverSafetyStock(input: PlanningInput): { input: PlanningInput; covers: CoverSafetyStock[] } {
  const covers: CoverSafetyStock[] = [];
  const families = input.families.map((family): FamilyInput => {
    const cover = family.policy.safetyStockCover;
    if (cover === null || family.safetyStockByPeriod) return family;
    const units = coverSafetyStock(family.demand, cover);
    covers.push({ family: family.family, cover, units, typed: family.policy.safetyStock });
    return { ...family, safetyStockByPeriod: units };
  });
  return { input: { ...input, families }, covers };
}

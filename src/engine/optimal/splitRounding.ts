// Whole workers by splitting the LP's plateaus: where the LP keeps a fractional workforce for a run of periods, the whole-worker plan works part of the run at the level below and part at the level above.
import type { AssembledProblem } from "./model";
import { forEachWholeWorkerColumn } from "./model";

/**
 * A run of periods of one family over which the LP keeps the same fractional workforce: `columns`
 * its whole-worker columns in period order, `low` and `high` the whole levels either side.
 */
export interface Plateau {
  columns: number[];
  low: number;
  high: number;
}

/** Two workforces within this are the same level (the LP's plateaus are exact to its tolerances). */
const SAME_LEVEL = 1e-6;

/** The LP's fractional plateaus, family by family in period order (a whole LP level is no plateau: it is its own rounding). */
export function plateausOf(assembled: AssembledProblem, values: Float64Array): Plateau[] {
  const plateaus: Plateau[] = [];
  let last: { plateau: Plateau; value: number; ctx: unknown } | null = null;
  // The columns come family by family in period order: the next period of the same family at the same level extends the run.
  forEachWholeWorkerColumn(assembled.placements, (j, ctx) => {
    const value = Math.max(0, values[j]);
    if (last && last.ctx === ctx && Math.abs(value - last.value) <= SAME_LEVEL) {
      last.plateau.columns.push(j);
      return;
    }
    const plateau: Plateau = { columns: [j], low: Math.floor(value + SAME_LEVEL), high: Math.ceil(value - SAME_LEVEL) };
    plateaus.push(plateau);
    last = { plateau, value, ctx };
  });
  return plateaus.filter((p) => p.high > p.low);
}

/**
 * The ways tried to work a plateau of n periods at whole levels: the first k periods at the level
 * above and the rest below ("front"), or the last k above ("back"), for k near the LP's share
 * above (n × its fraction) and the whole run at either level. Each as the levels, period by period.
 */
export function splitsOf(plateau: Plateau, lpValue: number): number[][] {
  const n = plateau.columns.length;
  const share = Math.round((lpValue - plateau.low) * n);
  const ks = [...new Set([share, share - 1, share + 1, 0, n, share - 2, share + 2])].filter((k) => k >= 0 && k <= n);
  const splits: number[][] = [];
  const seen = new Set<string>();
  for (const k of ks) {
    for (const front of [true, false]) {
      const levels = plateau.columns.map((_, i) => ((front ? i < k : i >= n - k) ? plateau.high : plateau.low));
      const key = levels.join(",");
      if (seen.has(key)) continue;
      seen.add(key);
      splits.push(levels);
    }
  }
  return splits;
}

/** At most this many passes over the plateaus (a limit of work, like `maxPrices`: the same group is rounded alike in any run). */
export const SPLIT_PASSES = 3;

/**
 * Improves a whole-worker plan by coordinate descent over the LP's plateaus: for each plateau in
 * turn, each split of `splitsOf` is priced (`price`: the plan's cost with the workforce fixed at
 * `values`, null when no plan meets it) with every other plateau as the best plan so far has it,
 * and kept when cheaper; passes repeat while one improves, at most SPLIT_PASSES, and stop as soon
 * as `goodEnough` holds of the best cost (e.g. it is the bound), or after `maxPrices` splits priced. `start`: the whole workforce to start from (e.g. the LP's
 * rounded to the nearest), indexed by column like `lp`. Returns the best found and its price, or
 * null when nothing cheaper than `startCost` was found.
 */
export function splitPlateaus<P extends { objective: number }>(
  assembled: AssembledProblem,
  lp: Float64Array,
  start: Float64Array,
  startCost: number,
  price: (values: Float64Array) => P | null,
  goodEnough: (cost: number) => boolean,
  maxPrices = Infinity,
): { values: Float64Array; priced: P } | null {
  const plateaus = plateausOf(assembled, lp);
  let best: { values: Float64Array; priced: P } | null = null;
  let current = start;
  let currentCost = startCost;
  let prices = 0;
  for (let pass = 0; pass < SPLIT_PASSES && !goodEnough(currentCost); pass++) {
    let improved = false;
    for (const plateau of plateaus) {
      for (const levels of splitsOf(plateau, lp[plateau.columns[0]])) {
        if (levels.every((w, i) => current[plateau.columns[i]] === w)) continue;
        if (prices++ >= maxPrices) return best;
        const candidate = current.slice();
        levels.forEach((w, i) => (candidate[plateau.columns[i]] = w));
        const priced = price(candidate);
        if (priced && priced.objective < currentCost - 1e-9 * Math.max(1, Math.abs(currentCost))) {
          best = { values: candidate, priced };
          current = candidate;
          currentCost = priced.objective;
          improved = true;
          if (goodEnough(currentCost)) return best;
        }
      }
    }
    if (!improved) break;
  }
  return best;
}

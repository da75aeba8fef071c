// Between families and products: mix normalisation, whole-unit splits of a family plan (top-down), product loads rolled up to resources (bottom-up).
import { plainNumber } from "./numberText";
import { recommendedPlanOf } from "./recommendation";
import type { Approach, FamilyInput, FamilyResult, PlanMessage, PlanningInput, ProductInput, SharedResource } from "./model";

export const APPROACHES: readonly Approach[] = ["top-down", "bottom-up"];

/** How a family's shares were set: the Mix column, the products' forecast totals, or an equal split. */
export type MixRule = "given" | "forecast" | "equal";

/** A family's products and their normalised shares, products in input order. */
export interface FamilyMix {
  family: string;
  products: ProductInput[];
  /** One share per product; they add up to 1 (empty when the family has no products). */
  shares: number[];
  rule: MixRule;
  /** What a planner should know about the shares (a blank Mix beside given ones, a Mix not adding up to 100 %). */
  notes: string[];
}

/**
 * Normalises one family's Mix column.
 * - Some Mix given: each given value over their sum, so fractions (0.4, 0.6) and percentages
 *   (40, 60) mean the same; a product whose Mix is blank beside given ones gets no share.
 * - Mix blank for the whole family (or all zero): shares proportional to the products' forecast
 *   totals over the horizon; a product with no forecast row, or a zero one, gets no share.
 * - Nothing to go by (no forecast either): an equal split.
 */
export function normaliseMix(family: string, products: readonly ProductInput[]): FamilyMix {
  const notes: string[] = [];
  const given = products.map((p) => p.mix ?? 0);
  const givenSum = given.reduce((a, b) => a + b, 0);
  if (products.length === 0) return { family, products: [], shares: [], rule: "equal", notes };
  // With product forecast rows the Mix does not split the plan (see splitByForecast): notes about it would mislead.
  const mixSplits = !products.some((p) => p.demand !== null);
  if (givenSum > 0) {
    const blank = products.filter((p) => p.mix === null).map((p) => p.product);
    if (mixSplits && blank.length > 0) {
      notes.push(`${family}: ${blank.join(", ")} ${blank.length === 1 ? "has" : "have"} no Mix while other products of the family do, so ${blank.length === 1 ? "it gets" : "they get"} no share of the family plan.`);
    }
    if (mixSplits && !nearly(givenSum, 1) && !nearly(givenSum, 100)) {
      notes.push(`${family}: the Mix adds up to ${round(givenSum)}, not 1 or 100 %; each product's share is its Mix divided by ${round(givenSum)}.`);
    }
    return { family, products: [...products], shares: given.map((m) => m / givenSum), rule: "given", notes };
  }
  const forecastTotals = products.map((p) => (p.demand ? p.demand.reduce((a, b) => a + b, 0) : 0));
  const forecastSum = forecastTotals.reduce((a, b) => a + b, 0);
  if (forecastSum > 0) {
    return { family, products: [...products], shares: forecastTotals.map((d) => d / forecastSum), rule: "forecast", notes };
  }
  return { family, products: [...products], shares: products.map(() => 1 / products.length), rule: "equal", notes };
}

/** Every family's mix, families in input order; products of a family not in Forecast are left out. */
export function familyMixes(input: PlanningInput): FamilyMix[] {
  const byFamily = new Map<string, ProductInput[]>(input.families.map((f) => [f.family, []]));
  for (const p of input.products) byFamily.get(p.family)?.push(p);
  return input.families.map((f) => normaliseMix(f.family, byFamily.get(f.family) ?? []));
}

const nearly = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const round = (n: number): string => plainNumber(n, 10);

// ---------------------------------------------------------------------------------------------
// Whole-unit splits

/** Quotas a hair under a whole number count as that number: 0.7 × 10 is 7, not 6.999…. */
const WHOLE_EPSILON = 1e-9;
/** Remainders are compared at 2⁻³⁰ (about 1e-9), so float noise cannot reorder ties. */
const REMAINDER_SCALE = 2 ** 30;
/** Room for the product's index in a sort key: up to 2²⁰ products in one split. */
const INDEX_SCALE = 2 ** 20;

/**
 * Splits `total` over `count` shares (weights at weights[wOffset + i × wStride], any scale) into
 * out[oOffset + i × oStride], by largest remainder: every share gets the whole part of its quota,
 * then the units left go one each to the largest remainders, ties to the earlier product. A total
 * that is not whole leaves its fraction on the next product in that order, so the parts always add
 * up to the total. All weights zero: an equal split. `keys` is scratch of at least `count`;
 * `knownWeightSum` saves adding up the weights when the caller knows their sum.
 */
export function splitInto(
  total: number,
  weights: Float64Array,
  wOffset: number,
  wStride: number,
  count: number,
  out: Float64Array,
  oOffset: number,
  oStride: number,
  keys: Float64Array,
  knownWeightSum = Number.NaN,
): void {
  if (count === 0) return;
  if (total === 0) {
    for (let i = 0; i < count; i++) out[oOffset + i * oStride] = 0;
    return;
  }
  let weightSum = knownWeightSum;
  if (Number.isNaN(weightSum)) {
    weightSum = 0;
    for (let i = 0; i < count; i++) weightSum += weights[wOffset + i * wStride];
  }
  const equal = !(weightSum > 0);
  const perWeight = equal ? 0 : total / weightSum;
  const perShare = total / count;
  let given = 0;
  for (let i = 0; i < count; i++) {
    const quota = equal ? perShare : weights[wOffset + i * wStride] * perWeight;
    const whole = Math.floor(quota + WHOLE_EPSILON);
    out[oOffset + i * oStride] = whole;
    given += whole;
    // (1 − remainder) ascending is remainder descending; the index breaks ties, earlier first.
    keys[i] = Math.round((1 - (quota - whole)) * REMAINDER_SCALE) * INDEX_SCALE + i;
  }
  const left = total - given;
  if (left <= WHOLE_EPSILON) return;
  const units = Math.floor(left + WHOLE_EPSILON);
  const fraction = left - units;
  // Only which keys are the `units` smallest matters, not their order: a selection, not a sort.
  selectSmallest(keys, count, units);
  for (let j = 0; j < units; j++) out[oOffset + indexOf(keys[j]) * oStride] += 1;
  if (fraction > WHOLE_EPSILON) {
    // The next key in order is the smallest of those not given a whole unit.
    let next = units;
    for (let j = units + 1; j < count; j++) if (keys[j] < keys[next]) next = j;
    out[oOffset + indexOf(keys[next]) * oStride] += fraction;
  }
}

/** The product index in a sort key's low bits (exact: powers of two; `%` on doubles is slow). */
const indexOf = (key: number): number => key - Math.floor(key / INDEX_SCALE) * INDEX_SCALE;

/**
 * Rearranges keys[0..count) so that its `k` smallest come first, in no particular order. The
 * keys are distinct, so the result does not depend on the pivots. Remainders spread evenly over
 * [0, 1), so the k-th key sits near k/count of the key range: one pass around that guess leaves
 * a short stretch for Hoare's selection.
 */
function selectSmallest(keys: Float64Array, count: number, k: number): void {
  if (k <= 0 || k >= count) return;
  const guess = Math.round((k / count) * REMAINDER_SCALE) * INDEX_SCALE;
  let below = 0;
  for (let i = 0; i < count; i++) {
    if (keys[i] < guess) {
      const swap = keys[i];
      keys[i] = keys[below];
      keys[below++] = swap;
    }
  }
  if (below === k) return;
  if (below > k) hoareSelect(keys, 0, below - 1, k);
  else hoareSelect(keys, below, count - 1, k);
}

/** Hoare's selection within [low, high]: afterwards keys[low..k) are the smallest of the range up to index k. */
function hoareSelect(keys: Float64Array, low: number, high: number, k: number): void {
  while (high > low) {
    const pivot = keys[(low + high) >>> 1];
    let i = low;
    let j = high;
    while (i <= j) {
      while (keys[i] < pivot) i++;
      while (keys[j] > pivot) j--;
      if (i <= j) {
        const swap = keys[i];
        keys[i] = keys[j];
        keys[j] = swap;
        i++;
        j--;
      }
    }
    // [low, j] ≤ pivot ≤ [i, high]; keep the side holding the boundary between k − 1 and k.
    if (k - 1 <= j) high = j;
    else if (k - 1 >= i) low = i;
    else return;
  }
}

/**
 * `total` split by `mix` (weights of any scale: fractions, percentages or counts) in whole units
 * that add up exactly to the total, by largest remainder; ties go to the earlier entry. All-zero
 * weights split equally. A total that is not whole leaves its fraction on one entry.
 * Throws RangeError on a negative or non-finite total or weight, or an empty mix.
 */
export function splitByMix(total: number, mix: readonly number[]): number[] {
  if (!Number.isFinite(total) || total < 0) throw new RangeError(`the total to split is ${total}; give a number ≥ 0`);
  if (mix.length === 0) throw new RangeError("the mix is empty; give at least one share");
  if (mix.length >= INDEX_SCALE) throw new RangeError(`the mix has ${mix.length} shares; at most ${INDEX_SCALE - 1} can be split`);
  const bad = mix.findIndex((m) => !Number.isFinite(m) || m < 0);
  if (bad >= 0) throw new RangeError(`share ${bad + 1} of the mix is ${mix[bad]}; give numbers ≥ 0`);
  const out = new Float64Array(mix.length);
  splitInto(total, Float64Array.from(mix), 0, 1, mix.length, out, 0, 1, new Float64Array(mix.length));
  return Array.from(out);
}

// ---------------------------------------------------------------------------------------------
// Aggregation

/**
 * One product's part of its family's plan, per period: views into the aggregation's matrices, to
 * read, not to write (a row that repeats another, such as shipments equal to demand or no
 * subcontracting, shares its storage).
 */
export interface ProductSplit {
  product: string;
  family: string;
  /** Normalised mix. */
  share: number;
  demand: Float64Array;
  /** Made in-house (regular + overtime). */
  made: Float64Array;
  subcontracted: Float64Array;
  shipped: Float64Array;
}

export interface Aggregation {
  approach: Approach;
  periods: readonly string[];
  mixes: FamilyMix[];
  /** Every planned product, families in input order, products in their mix order. */
  products: ProductSplit[];
  /** Resource names, in Capacity order. */
  resources: string[];
  /** Capacity units required, all families: required[r × periods + t]. */
  required: Float64Array;
  /** Per family (mixes order): requiredByFamily[(f × resources + r) × periods + t]. */
  requiredByFamily: Float64Array;
  /** Product units that load each resource (load > 0): unitsOnResource[r × periods + t]. */
  unitsOnResource: Float64Array;
  /** Capacity units per unit of product: loads[p × resources + r], products as in `products`. */
  loads: Float64Array;
}

/**
 * Each product's weight in its family's output, per period (weights[i][t], products in mix order):
 * with `byForecast` (the family has product rows, see splitByForecast) its share of that period's
 * product forecasts, by mix in a period where they add up to 0; else its mix share. The money per unit of family output (price, material)
 * and the Finance sheet's product lines are weighted so; the whole-unit split of `aggregate` follows
 * the same weights.
 */
export function outputWeights(mix: FamilyMix, periodCount: number, byForecast: boolean): number[][] {
  const totals = new Array<number>(periodCount).fill(0);
  if (byForecast) for (const p of mix.products) if (p.demand) for (let t = 0; t < periodCount; t++) totals[t] += p.demand[t];
  return mix.products.map((p, i) =>
    totals.map((total, t) => (total > 0 ? (p.demand ? p.demand[t] / total : 0) : mix.shares[i])),
  );
}

/**
 * Whether a family's output is split by its product forecasts, period by period, rather than by a
 * static mix: whenever the family has product rows, in either approach, even where a Mix is given
 * (the mix then only fills a period whose product forecasts add up to 0; see mixNotUsedNotes).
 */
export function splitByForecast(mix: FamilyMix): boolean {
  return mix.products.some((p) => p.demand !== null);
}

/** Shares shown to two decimals: 0.4, 0.67. */
const shareText = (n: number): string => plainNumber(Math.round(n * 100) / 100);

/**
 * Per family that has both a given Mix and product forecast rows whose shares differ from it (at two
 * decimals, as shown) in some period: one
 * info message naming the Mix cells, saying the product forecasts' own shares (their range over the
 * periods where they add up to more than 0) split the family plan instead. `mixCell` is where a
 * product's Mix was read (absent: the product's name stands alone).
 */
export function mixNotUsedNotes(input: PlanningInput): PlanMessage[] {
  const periodCount = input.periods.length;
  return familyMixes(input).flatMap((mix): PlanMessage[] => {
    if (mix.rule !== "given" || !splitByForecast(mix)) return [];
    const weights = outputWeights(mix, periodCount, true);
    const totals = new Array<number>(periodCount).fill(0);
    for (const p of mix.products) if (p.demand) for (let t = 0; t < periodCount; t++) totals[t] += p.demand[t];
    const periods = totals.flatMap((total, t) => (total > 0 ? [t] : []));
    const ranges = mix.products.map((_, i) => {
      const shares = periods.map((t) => weights[i][t]);
      return { low: Math.min(...shares), high: Math.max(...shares) };
    });
    // Shares that round to the Mix at the two decimals shown (product rows split from the Mix in whole units) are the Mix.
    const differs = mix.products.some((_, i) => periods.some((t) => shareText(weights[i][t]) !== shareText(mix.shares[i])));
    if (!differs) return [];
    const given = mix.products.flatMap((p, i) => (p.mix === null ? [] : [i]));
    const rangeText = ({ low, high }: { low: number; high: number }): string => (shareText(low) === shareText(high) ? shareText(low) : `${shareText(low)}–${shareText(high)}`);
    const byPeriod = periods.length > 1 ? " by period" : "";
    if (given.length === 1) {
      const i = given[0];
      const p = mix.products[i];
      const cell = p.mixCell ? `${p.mixCell} ` : "";
      return [{ severity: "info", message: `${mix.family}: ${cell}${p.product} Mix ${plainNumber(p.mix as number)} is not used: the product forecasts' own shares (${rangeText(ranges[i])}${byPeriod}) split the family plan.` }];
    }
    const cells = given.map((i) => `${mix.products[i].product} ${plainNumber(mix.products[i].mix as number)}${mix.products[i].mixCell ? ` (${mix.products[i].mixCell})` : ""}`).join(", ");
    const shares = mix.products.map((p, i) => `${p.product} ${rangeText(ranges[i])}`).join(", ");
    return [{ severity: "info", message: `${mix.family}: the Mix (${cells}) is not used: the product forecasts' own shares (${shares}${byPeriod}) split the family plan.` }];
  });
}

/** A product value per unit of family output, per period: the products' own (else the Policy's) weighted by `weights`. */
function perUnitOfOutput(mix: FamilyMix, weights: readonly number[][], periodCount: number, own: (p: ProductInput) => number | null, policyValue: number): number[] {
  return Array.from({ length: periodCount }, (_, t) => mix.products.reduce((sum, p, i) => sum + weights[i][t] * (own(p) ?? policyValue), 0));
}

/** The product values the money of a plan reads: each product's `Price` and `Unit cost`, the Policy's where blank. */
const MONEY_FIELDS = [
  { field: "pricePerUnit", own: (p: ProductInput) => p.price, policy: (f: FamilyInput) => f.policy.pricePerUnit },
  { field: "materialCostPerUnit", own: (p: ProductInput) => p.unitCost, policy: (f: FamilyInput) => f.policy.materialCostPerUnit },
] as const;

/**
 * A family's price and material cost per unit of output per period, from its products where any
 * gives its own: each field the family does not have yet.
 */
function withOwnMoney(family: FamilyInput, mix: FamilyMix, periodCount: number, byForecast: boolean): FamilyInput {
  let result = family;
  let weights: number[][] | null = null;
  for (const { field, own, policy } of MONEY_FIELDS) {
    if (result[field] || !mix.products.some((p) => own(p) !== null)) continue;
    weights ??= outputWeights(mix, periodCount, byForecast);
    result = { ...result, [field]: perUnitOfOutput(mix, weights, periodCount, own, policy(family)) };
  }
  return result;
}

/**
 * Bottom-up's planning input: each family that has product forecasts plans their sum, and its price
 * and material cost per unit are its products' weighted by each period's product forecasts (by mix
 * in a period where they add up to 0), as its output is split; a family without any keeps its own row.
 */
export function bottomUpInput(input: PlanningInput): PlanningInput {
  const periodCount = input.periods.length;
  const mixes = familyMixes(input);
  return {
    ...input,
    families: input.families.map((family, f) => {
      if (!splitByForecast(mixes[f])) return family;
      const demand = new Array<number>(periodCount).fill(0);
      for (const p of mixes[f].products) if (p.demand) for (let t = 0; t < periodCount; t++) demand[t] += p.demand[t];
      return withOwnMoney({ ...family, demand, outputSplit: "forecast" }, mixes[f], periodCount, true);
    }),
  };
}

/**
 * The money the plans minimise and report is the one the financial projection uses: for a family
 * whose products give a `Price` or a `Unit cost`, their values per unit weighted as its output is
 * split (each period's product forecasts when it has product rows, else the mix), unless the family
 * already has its own per-period values (bottom-up, see bottomUpInput).
 */
export function withProductMoney(input: PlanningInput): PlanningInput {
  if (!input.products.some((p) => p.unitCost !== null || p.price !== null)) return input;
  const mixes = familyMixes(input);
  return { ...input, families: input.families.map((family, f) => withOwnMoney(family, mixes[f], input.periods.length, splitByForecast(mixes[f]))) };
}

/**
 * Which prices a family's revenue uses, said once per family: the products' own where they differ
 * from the Policy's price (`priceName`, the template's word for it) (info), and units that earn nothing because neither their
 * product nor the Policy gives a price while the workbook prices other units (a warning naming
 * what to fill). A workbook without any price (cost-only planning) says nothing.
 */
export function priceNotes(input: PlanningInput, priceName: string): PlanMessage[] {
  const priced = input.products.some((p) => p.price !== null) || input.families.some((f) => f.policy.pricePerUnit !== 0);
  if (!priced) return [];
  return familyMixes(input).flatMap((mix, f): PlanMessage[] => {
    const { family, policy } = input.families[f];
    const byForecast = splitByForecast(mix);
    const weighting = byForecast ? "weighted by each period's product forecasts" : "weighted by mix";
    const sold = mix.products.filter((p, i) => mix.shares[i] > 0 || (byForecast && p.demand !== null));
    const own = sold.filter((p) => p.price !== null);
    const without = sold.filter((p) => p.price === null);
    const policyPrice = policy.pricePerUnit;
    if (policyPrice === 0 && (sold.length === 0 || without.length > 0)) {
      const policyCell = `the Policy's ${priceName} for ${family}`;
      const message =
        sold.length === 0
          ? `${family} has no price, so its units earn no revenue: fill ${policyCell}.`
          : without.length === 1
            ? `${family}: ${without[0].product} has no price, so it earns no revenue: fill its Price in Products or ${policyCell}.`
            : `${family}: ${without.map((p) => p.product).join(", ")} have no price, so they earn no revenue: fill their Price in Products or ${policyCell}.`;
      return [{ severity: "warning", message }];
    }
    if (policyPrice === 0 || own.every((p) => p.price === policyPrice)) return [];
    const prices = own.map((p) => `${p.product} ${plainNumber(p.price as number)}`).join(", ");
    const rest = without.length > 0 ? `; ${without.map((p) => p.product).join(", ")} at the Policy's` : "";
    return [{ severity: "info", message: `${family}: revenue uses the products' Price (${prices}${rest}; ${weighting}), not the Policy's ${priceName} of ${plainNumber(policyPrice)}.` }];
  });
}

/**
 * Top-down by default when the Forecast has family rows; bottom-up when every family in it is only
 * its products (a family planned on its baseline for want of a Forecast row does not decide).
 */
export function defaultApproach(input: PlanningInput): Approach {
  const inForecast = input.families.filter((f) => !f.noForecast);
  return inForecast.length > 0 && inForecast.every((f) => f.hasFamilyRow === false) ? "bottom-up" : "top-down";
}

/**
 * Splits every family's recommended plan to its products and rolls the product units up to the
 * resources. Top-down: demand, output and shipments are split in proportion to that period's
 * product forecasts when the family has product rows (by mix in a period where they add up to 0,
 * and for a family without product rows), and the resources carry the split in-house output (what
 * the plan makes). Bottom-up: each product's demand is its own forecast, the plan's output is split
 * the same way. Either way the resources carry the split in-house output: the
 * capacity check is the plan's. A family without a plan loads the resources with its demand; a
 * family without product forecasts is split by mix either way.
 */
export function aggregate(input: PlanningInput, results: readonly FamilyResult[], approach: Approach): Aggregation {
  const periodCount = input.periods.length;
  const resources = input.resources.map((r) => r.resource);
  const resourceCount = resources.length;
  const mixes = familyMixes(input);
  const productCount = mixes.reduce((n, m) => n + m.products.length, 0);

  const demand = new Float64Array(productCount * periodCount);
  const made = new Float64Array(productCount * periodCount);
  // Subcontracted and shipped units mostly repeat a row already held (nothing subcontracted,
  // shipped as demanded): such rows share that storage, and only other families get their own.
  const noUnits = new Float64Array(periodCount);
  const loads = new Float64Array(productCount * resourceCount);
  const familyOfProduct = new Int32Array(productCount);
  // A loop, not Math.max(...): spreading many families overflows the call stack.
  const largestFamily = mixes.reduce((largest, m) => Math.max(largest, m.products.length), 1);
  if (largestFamily >= INDEX_SCALE) throw new RangeError(`a family has ${largestFamily} products; at most ${INDEX_SCALE - 1} can be split`);
  const keys = new Float64Array(largestFamily);
  const demandRows = new Float64Array(largestFamily * periodCount);
  const forecastRows = new Float64Array(largestFamily * periodCount);
  const madeRows = new Float64Array(largestFamily * periodCount);
  const subcontractedRows = new Float64Array(largestFamily * periodCount);
  const shippedRows = new Float64Array(largestFamily * periodCount);
  const products: ProductSplit[] = [];
  /** Families whose demand, not their plan's output, loads the resources. */
  const loadedByDemand: boolean[] = [];

  let first = 0;
  mixes.forEach((mix, f) => {
    const count = mix.products.length;
    if (count === 0) return;
    const family = input.families[f];
    const shares = Float64Array.from(mix.shares);
    const sharesSum = shares.reduce((a, b) => a + b, 0);
    const plan = recommendedPlanOf(results.find((r) => r.family === family.family));
    // Split by each period's product forecasts whenever the family has product rows (either
    // approach); bottom-up's product demand is those forecasts, top-down's the family row split so.
    const byForecast = splitByForecast(mix);
    const demandIsForecast = approach === "bottom-up" && byForecast;
    const base = first * periodCount;
    // The family's rows are built period-major (row t holds every product), where a split is
    // contiguous, then turned product-major for the resource loads.
    const width = count;
    if (demandIsForecast) {
      // The forecasts go straight into the product-major matrix, and from there into the rows.
      mix.products.forEach((p, i) => {
        if (p.demand) demand.set(p.demand, base + i * periodCount);
      });
      toPeriodMajor(demand, demandRows, base, count, periodCount);
    }
    const weightRows = demandIsForecast ? demandRows : forecastRows;
    if (byForecast && !demandIsForecast) {
      mix.products.forEach((p, i) => {
        for (let t = 0; t < periodCount; t++) forecastRows[t * count + i] = p.demand ? p.demand[t] : 0;
      });
    }
    let shippedAsDemand = plan !== null;
    let shippedAsMade = plan !== null;
    let subcontracts = false;
    for (let t = 0; t < periodCount; t++) {
      const row = t * width;
      const period = plan?.periods[t];
      const familyDemand = period ? period.demand : family.demand[t];
      // The weights are that period's product forecasts, else (a zero forecast, or no product rows) the mix.
      let forecastSum = 0;
      if (byForecast) for (let i = 0; i < count; i++) forecastSum += weightRows[row + i];
      const byPeriod = forecastSum > 0;
      const weights = byPeriod ? weightRows : shares;
      const wOffset = byPeriod ? row : 0;
      const weightSum = byPeriod ? forecastSum : sharesSum;
      if (!demandIsForecast) splitInto(familyDemand, weights, wOffset, 1, count, demandRows, row, 1, keys, weightSum);
      /** The total that gives back the demand row when split the same way. */
      const demandTotal = demandIsForecast ? (byPeriod ? forecastSum : -1) : familyDemand;
      if (!period) {
        for (let i = 0; i < count; i++) madeRows[row + i] = subcontractedRows[row + i] = shippedRows[row + i] = 0;
        continue;
      }
      const output = period.regular + period.overtime;
      const shippedUnits = period.shipped;
      // Made or shipped as demanded: each product's own demand, which is that same split.
      if (output === demandTotal) copyRow(demandRows, madeRows, row, count);
      else splitInto(output, weights, wOffset, 1, count, madeRows, row, 1, keys, weightSum);
      splitInto(period.subcontract, weights, wOffset, 1, count, subcontractedRows, row, 1, keys, weightSum);
      subcontracts ||= period.subcontract !== 0;
      shippedAsDemand &&= shippedUnits === demandTotal;
      shippedAsMade &&= shippedUnits === output;
      if (shippedUnits === demandTotal) copyRow(demandRows, shippedRows, row, count);
      else if (shippedUnits === output) copyRow(madeRows, shippedRows, row, count);
      else splitInto(shippedUnits, weights, wOffset, 1, count, shippedRows, row, 1, keys, weightSum);
    }
    if (!demandIsForecast) toProductMajor(demandRows, demand, base, count, periodCount);
    toProductMajor(madeRows, made, base, count, periodCount);
    const own = (rows: Float64Array): Float64Array => {
      const block = new Float64Array(count * periodCount);
      toProductMajor(rows, block, 0, count, periodCount);
      return block;
    };
    const subcontractedBlock = subcontracts ? own(subcontractedRows) : null;
    const shippedBlock = !plan || shippedAsDemand || shippedAsMade ? null : own(shippedRows);
    mix.products.forEach((p, i) => {
      const index = first + i;
      familyOfProduct[index] = f;
      resources.forEach((r, k) => (loads[index * resourceCount + k] = p.loads[r] ?? 0));
      const at = (m: Float64Array) => m.subarray(index * periodCount, (index + 1) * periodCount);
      const ownRow = (block: Float64Array) => block.subarray(i * periodCount, (i + 1) * periodCount);
      const productDemand = at(demand);
      const productMade = at(made);
      products.push({
        product: p.product,
        family: mix.family,
        share: mix.shares[i],
        demand: productDemand,
        made: productMade,
        subcontracted: subcontractedBlock ? ownRow(subcontractedBlock) : noUnits,
        shipped: shippedBlock ? ownRow(shippedBlock) : !plan ? noUnits : shippedAsDemand ? productDemand : productMade,
      });
    });
    // The resources carry what the plan makes, split to products, in both approaches: the capacity
    // check is of the plan (which keeps within capacity), not of the forecast it could not all serve.
    loadedByDemand[f] = !plan;
    first += count;
  });

  // What loads the resources: the split output, or the product demand for a family without a plan.
  const loadingUnits = loadedByDemand.every((byDemand) => byDemand) ? demand : loadedByDemand.some((byDemand) => byDemand) ? made.slice() : made;
  if (loadingUnits !== demand && loadingUnits !== made) {
    let start = 0;
    mixes.forEach((mix, f) => {
      const end = start + mix.products.length * periodCount;
      if (loadedByDemand[f]) loadingUnits.set(demand.subarray(start, end), start);
      start = end;
    });
  }

  const { required, requiredByFamily, unitsOnResource } = resourceLoad(
    loadingUnits,
    loads,
    familyOfProduct,
    mixes.length,
    periodCount,
    resourceCount,
  );
  // A family's stock at the end of each period loads its storage resource (Policy `Storage resource`).
  mixes.forEach((mix, f) => {
    const k = resources.indexOf(input.families[f].policy.storageResource ?? "");
    const storage = k >= 0 ? storagePerUnitOf(mix) : 0;
    const plan = storage > 0 ? recommendedPlanOf(results.find((r) => r.family === mix.family)) : null;
    if (!plan) return;
    for (let t = 0; t < periodCount; t++) {
      const load = storage * plan.periods[t].inventory;
      requiredByFamily[(f * resourceCount + k) * periodCount + t] += load;
      required[k * periodCount + t] += load;
    }
  });
  return { approach, periods: input.periods, mixes, products, resources, required, requiredByFamily, unitsOnResource, loads };
}

/** rows[t × count + i] into matrix[base + i × periods + t]: reads in order, writes strided (writes are buffered). */
function toProductMajor(rows: Float64Array, matrix: Float64Array, base: number, count: number, periods: number): void {
  for (let t = 0; t < periods; t++) {
    const row = t * count;
    for (let i = 0; i < count; i++) matrix[base + i * periods + t] = rows[row + i];
  }
}

/** The inverse of toProductMajor. */
function toPeriodMajor(matrix: Float64Array, rows: Float64Array, base: number, count: number, periods: number): void {
  for (let i = 0; i < count; i++) {
    const from = base + i * periods;
    for (let t = 0; t < periods; t++) rows[t * count + i] = matrix[from + t];
  }
}

function copyRow(from: Float64Array, to: Float64Array, offset: number, count: number): void {
  for (let i = 0; i < count; i++) to[offset + i] = from[offset + i];
}

/**
 * The hot path: units[p × T + t] × loads[p × R + r] summed into each family's and the total
 * requirement per resource and period, with the product units that load each resource.
 */
export function resourceLoad(
  units: Float64Array,
  loads: Float64Array,
  familyOfProduct: Int32Array,
  familyCount: number,
  periodCount: number,
  resourceCount: number,
): { required: Float64Array; requiredByFamily: Float64Array; unitsOnResource: Float64Array } {
  const T = periodCount;
  const R = resourceCount;
  const required = new Float64Array(R * T);
  const requiredByFamily = new Float64Array(familyCount * R * T);
  const unitsOnResource = new Float64Array(R * T);
  const productCount = familyOfProduct.length;
  for (let p = 0; p < productCount; p++) {
    const unitBase = p * T;
    const familyBase = familyOfProduct[p] * R * T;
    for (let r = 0; r < R; r++) {
      const load = loads[p * R + r];
      if (load === 0) continue;
      const out = familyBase + r * T;
      for (let t = 0; t < T; t++) requiredByFamily[out + t] += load * units[unitBase + t];
    }
  }
  // Units on a resource, kept out of the loop above (one accumulation per multiply-add): all
  // units less those of the products that do not load it, or the sum of those that do, whichever is shorter.
  const unloaded = new Int32Array(R);
  for (let i = 0; i < productCount * R; i++) if (loads[i] === 0) unloaded[i % R]++;
  const allUnits = new Float64Array(T);
  for (let p = 0; p < productCount; p++) for (let t = 0; t < T; t++) allUnits[t] += units[p * T + t];
  for (let r = 0; r < R; r++) {
    const fewLoaded = unloaded[r] * 2 > productCount;
    if (!fewLoaded) unitsOnResource.set(allUnits, r * T);
    for (let p = 0; p < productCount; p++) {
      if ((loads[p * R + r] === 0) === fewLoaded) continue;
      const sign = fewLoaded ? 1 : -1;
      for (let t = 0; t < T; t++) unitsOnResource[r * T + t] += sign * units[p * T + t];
    }
  }
  for (let f = 0; f < familyCount; f++) {
    const base = f * R * T;
    for (let i = 0; i < R * T; i++) required[i] += requiredByFamily[base + i];
  }
  return { required, requiredByFamily, unitsOnResource };
}

/** Room one unit of a family's stock takes on its storage resource: its products' `Storage per unit`, weighted by mix. */
export function storagePerUnitOf(mix: FamilyMix): number {
  return mix.products.reduce((sum, p, i) => sum + mix.shares[i] * (p.storagePerUnit ?? 0), 0);
}

/**
 * The most a whole-unit split can load a resource beyond the mix-weighted load: largest remainder
 * gives each product its quota rounded up or down (off by less than one unit, the offsets adding
 * to 0), so at worst the heaviest half of the products gain a unit each and the lightest half lose
 * one.
 */
function wholeUnitSplitExcess(loads: number[]): number {
  const sorted = [...loads].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  let excess = 0;
  for (let i = 0; i < half; i++) excess += sorted[sorted.length - 1 - i] - sorted[i];
  return excess;
}

/**
 * Each resource as the optimal plan sees it: capacity units per unit of family output, the
 * family's products' loads weighted by their normalised mix. Only resources some family loads.
 */
export function familyResourceLoads(input: PlanningInput, mixes: readonly FamilyMix[] = familyMixes(input)): SharedResource[] {
  const shared: SharedResource[] = [];
  const T = input.periods.length;
  // A family with product rows loads the resources as each period's product forecasts split its output.
  const weights = mixes.map((mix) => (splitByForecast(mix) ? outputWeights(mix, T, true) : null));
  for (const resource of input.resources) {
    const loadPerUnit: Record<string, number> = {};
    const loadPerUnitByPeriod: Record<string, number[]> = {};
    let loaded = false;
    let splitReserve = 0;
    const storagePerUnit: Record<string, number> = {};
    mixes.forEach((mix, f) => {
      const loadOf = (p: ProductInput) => p.loads[resource.resource] ?? 0;
      // Stock on the family's storage resource: its products' room per unit, weighted by mix.
      if (input.families[f]?.policy.storageResource === resource.resource) {
        const storage = storagePerUnitOf(mix);
        if (storage > 0) {
          storagePerUnit[mix.family] = storage;
          loaded = true;
        }
      }
      const byPeriod = weights[f];
      const perPeriod = byPeriod ? Array.from({ length: T }, (_, t) => mix.products.reduce((sum, p, i) => sum + byPeriod[i][t] * loadOf(p), 0)) : null;
      const hoursPerUnit = perPeriod ? perPeriod.reduce((a, b) => Math.max(a, b), 0) : mix.products.reduce((sum, p, i) => sum + mix.shares[i] * loadOf(p), 0);
      if (!(hoursPerUnit > 0)) return;
      loadPerUnit[mix.family] = hoursPerUnit;
      if (perPeriod) loadPerUnitByPeriod[mix.family] = perPeriod;
      loaded = true;
      const split = mix.products.filter((p, i) => mix.shares[i] > 0 || (byPeriod !== null && p.demand !== null));
      splitReserve += wholeUnitSplitExcess(split.map(loadOf));
    });
    if (loaded) {
      shared.push({
        resource: resource.resource,
        available: [...resource.available],
        loadPerUnit,
        ...(Object.keys(loadPerUnitByPeriod).length > 0 && { loadPerUnitByPeriod }),
        ...(Object.keys(storagePerUnit).length > 0 && { storagePerUnit }),
        ...(splitReserve > 0 && { splitReserve }),
      });
    }
  }
  return shared;
}

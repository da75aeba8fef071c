// SOP.DISAGGREGATE, SOP.LOAD and SOP.UTILIZATION: check the ranges, let the engine split, load or divide, spill the result.
import { resourceLoad, splitByMix } from "../engine/aggregate";
import { readGrid, readList } from "./args";
import { refuse, spilled, type SpilledCells } from "./errors";
import { utilizationOfRanges } from "./utilization";

/**
 * Each total split by the mix in whole units (largest remainder), the parts adding up exactly; a
 * total with a fraction leaves it on one product (the engine's rule). The mix runs one way and the
 * totals the other: a mix down a column and totals across a row spill products down and periods
 * across; the other way round, periods down and products across.
 */
export function disaggregateTotals(totalArg: unknown, mixArg: unknown): SpilledCells {
  return spilled(() => {
    const totals = readList("total", totalArg, "a total");
    if (!totals.ok) return totals;
    const mix = readList("mix", mixArg, "a mix share");
    if (!mix.ok) return mix;
    const manyTotals = totals.value.values.length > 1;
    const manyShares = mix.value.values.length > 1;
    if (manyTotals && manyShares && totals.value.orientation === mix.value.orientation) {
      const way = mix.value.orientation === "down" ? "down a column" : "across a row";
      return refuse(`total and mix both run ${way}; give the mix down a column and the totals across a row, or the other way round`);
    }
    const productsDown = manyShares ? mix.value.orientation === "down" : totals.value.orientation === "across";
    // splits[period][product]
    const splits = totals.value.values.map((total) => splitByMix(total, mix.value.values));
    const value = productsDown ? mix.value.values.map((_, p) => splits.map((split) => split[p])) : splits;
    return { ok: true, value };
  });
}

/** Capacity required per resource (rows) and period (columns): loads per unit (products × resources) applied to units (products × periods). */
export function requiredCapacity(unitsArg: unknown, loadsArg: unknown): SpilledCells {
  return spilled(() => {
    const units = readGrid("units", unitsArg, "a quantity");
    if (!units.ok) return units;
    const loads = readGrid("loads", loadsArg, "a load per unit");
    if (!loads.ok) return loads;
    if (units.value.length !== loads.value.length) {
      return refuse(
        `units has ${units.value.length} rows but loads has ${loads.value.length}; ` +
          "give one row per product in both, in the same order",
      );
    }
    const productCount = units.value.length;
    const periodCount = units.value[0].length;
    const resourceCount = loads.value[0].length;
    // The engine's hot path takes flat matrices and a family per product; here every product is one family's.
    const { required } = resourceLoad(
      Float64Array.from(units.value.flat()),
      Float64Array.from(loads.value.flat()),
      new Int32Array(productCount),
      1,
      periodCount,
      resourceCount,
    );
    return {
      ok: true,
      value: Array.from({ length: resourceCount }, (_, r) => Array.from(required.subarray(r * periodCount, (r + 1) * periodCount))),
    };
  });
}

/** Required ÷ available, cell by cell (./utilization checks the shapes and cells). */
export function capacityUtilization(required: unknown, available: unknown): SpilledCells {
  return spilled(() => utilizationOfRanges(required, available));
}

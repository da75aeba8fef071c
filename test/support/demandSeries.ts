// Demand histories for the forecast tests, made from a seeded PRNG so every run sees the same numbers.
import { prng } from "./prng";

/** A normal deviate from two uniforms (Box–Muller). */
function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Level + trend × t + an additive season, plus noise of sd `noise`; rounded to whole units, never below 0. */
export function additiveSeasonal(seed: number, n: number, options: { level: number; trend: number; amplitude: number; noise: number; m?: number }): number[] {
  const random = prng(seed);
  const m = options.m ?? 12;
  return Array.from({ length: n }, (_, t) =>
    Math.max(0, Math.round(options.level + options.trend * t + options.amplitude * Math.sin((2 * Math.PI * t) / m) + options.noise * normal(random))),
  );
}

/** (Level + trend × t) × a season of relative amplitude `amplitude`, with relative noise: a multiplicative season. */
export function multiplicativeSeasonal(seed: number, n: number, options: { level: number; trend: number; amplitude: number; noise: number; m?: number }): number[] {
  const random = prng(seed);
  const m = options.m ?? 12;
  return Array.from({ length: n }, (_, t) =>
    Math.max(1, Math.round((options.level + options.trend * t) * (1 + options.amplitude * Math.sin((2 * Math.PI * t) / m)) * (1 + options.noise * normal(random)))),
  );
}

/** Demand in a share `probability` of the periods, of size 1 + a Poisson-like count around `meanSize`. */
export function intermittent(seed: number, n: number, probability: number, meanSize: number): number[] {
  const random = prng(seed);
  return Array.from({ length: n }, () => (random() < probability ? 1 + Math.floor(random() * 2 * meanSize) : 0));
}

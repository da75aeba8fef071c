// Intermittent demand: Croston's method (as R's forecast::croston()), the Syntetos–Boylan approximation (SBA) and Teunter–Syntetos–Babai (TSB).
import { meanSquare } from "./accuracy";
import type { MethodForecast } from "./benchmarks";

export type IntermittentMethod = "Croston" | "SBA" | "TSB";

/** Croston's and TSB's default smoothing parameter (R's croston(): α = 0.1). */
export const INTERMITTENT_ALPHA = 0.1;

/** Intermittent: a third or more of the periods have no demand. */
export function isIntermittent(history: readonly number[]): boolean {
  if (history.length === 0) return false;
  const zeros = history.filter((v) => v === 0).length;
  return zeros * 3 >= history.length;
}

/** A fitted intermittent method: its flat forecast and the one-step in-sample errors after the first demand. */
export interface IntermittentFit {
  method: IntermittentMethod;
  alpha: number;
  /** TSB's smoothing of the demand probability. */
  beta?: number;
  forecast: number;
  oneStepErrors: number[];
}

/**
 * Croston (1972) as R's croston() computes it: exponential smoothing (α, started at the first value)
 * of the non-zero demands and, separately, of the intervals between them (the first interval counts
 * from the start); the forecast is their ratio. SBA multiplies it by 1 − α/2 (Syntetos & Boylan 2005).
 * Before the first demand the forecast is 0.
 */
export function croston(history: readonly number[], options: { alpha?: number; variant?: "Croston" | "SBA" } = {}): IntermittentFit {
  const alpha = options.alpha ?? INTERMITTENT_ALPHA;
  const variant = options.variant ?? "Croston";
  const factor = variant === "SBA" ? 1 - alpha / 2 : 1;
  let size = NaN;
  let interval = NaN;
  let sinceLast = 0;
  let forecast = 0;
  const oneStepErrors: number[] = [];
  for (const value of history) {
    sinceLast++;
    if (!Number.isNaN(size)) oneStepErrors.push(value - forecast);
    if (value > 0) {
      if (Number.isNaN(size)) {
        size = value;
        interval = sinceLast;
      } else {
        size += alpha * (value - size);
        interval += alpha * (sinceLast - interval);
      }
      sinceLast = 0;
      forecast = (factor * size) / interval;
    }
  }
  return { method: variant, alpha, forecast, oneStepErrors };
}

/**
 * TSB (Teunter, Syntetos & Babai 2011): the demand size smoothed (α) when demand occurs, the
 * probability of demand smoothed (β) every period; forecast = probability × size. Started as Croston
 * is: the first demand's size, and 1 / its interval as the probability.
 */
export function tsb(history: readonly number[], options: { alpha?: number; beta?: number } = {}): IntermittentFit {
  const alpha = options.alpha ?? INTERMITTENT_ALPHA;
  const beta = options.beta ?? INTERMITTENT_ALPHA;
  const first = history.findIndex((v) => v > 0);
  if (first < 0) return { method: "TSB", alpha, beta, forecast: 0, oneStepErrors: [] };
  let size = history[first];
  let probability = 1 / (first + 1);
  const oneStepErrors: number[] = [];
  for (let t = first + 1; t < history.length; t++) {
    const value = history[t];
    oneStepErrors.push(value - probability * size);
    probability += beta * ((value > 0 ? 1 : 0) - probability);
    if (value > 0) size += alpha * (value - size);
  }
  return { method: "TSB", alpha, beta, forecast: probability * size, oneStepErrors };
}

/** Smoothing parameters tried when they are fitted: 0.05, 0.10, … 0.50. */
const GRID = Array.from({ length: 10 }, (_, i) => (i + 1) / 20);

/** The method with its smoothing parameter(s) fitted on the grid 0.05 … 0.5 by in-sample one-step MSE (the smaller on a tie). */
export function fitIntermittent(history: readonly number[], method: IntermittentMethod): IntermittentFit {
  let best: IntermittentFit | null = null;
  let bestMse = Infinity;
  for (const alpha of GRID) {
    for (const beta of method === "TSB" ? GRID : [0]) {
      const fit = method === "TSB" ? tsb(history, { alpha, beta }) : croston(history, { alpha, variant: method });
      const mse = meanSquare(fit.oneStepErrors);
      if (mse < bestMse) {
        bestMse = mse;
        best = fit;
      }
    }
  }
  return best ?? croston(history, { variant: method === "TSB" ? "Croston" : method });
}

/** The fit's flat forecast for h steps; the error sd is the RMSE of its one-step in-sample errors. */
export function intermittentForecast(fit: IntermittentFit, h: number): MethodForecast {
  const sigma = Math.sqrt(meanSquare(fit.oneStepErrors));
  return { mean: new Array<number>(h).fill(fit.forecast), sd: new Array<number>(h).fill(sigma) };
}

// The benchmark methods: naive, seasonal naive (R's rwf() and snaive(), with their intervals) and the moving average.
import { meanSquare } from "./accuracy";

/** A point forecast per step with the standard deviation of its error. */
export interface MethodForecast {
  mean: number[];
  sd: number[];
}

/** The last value, for every step; the error sd grows with √h (a random walk), σ² the mean squared one-step change (R's naive()). */
export function naiveForecast(history: readonly number[], h: number): MethodForecast {
  return seasonalNaiveForecast(history, h, 1);
}

/**
 * The value one season back, for every step; the error sd grows with √(whole seasons ahead),
 * σ² the mean squared change over a season (R's snaive()).
 */
export function seasonalNaiveForecast(history: readonly number[], h: number, seasonLength: number): MethodForecast {
  const n = history.length;
  const m = seasonLength;
  if (n < m || n === 0) throw new Error(`seasonal naive: ${n} periods of history, fewer than the season of ${m}`);
  const changes: number[] = [];
  for (let t = m; t < n; t++) changes.push(history[t] - history[t - m]);
  const sigma = Math.sqrt(meanSquare(changes));
  const mean: number[] = [];
  const sd: number[] = [];
  for (let i = 0; i < h; i++) {
    mean.push(history[n - m + (i % m)]);
    sd.push(sigma * Math.sqrt(Math.floor(i / m) + 1));
  }
  return { mean, sd };
}

/** The one-step errors of a moving average of `order` periods over the history (from period `order` on). */
function movingAverageErrors(history: readonly number[], order: number): number[] {
  const errors: number[] = [];
  let window = 0;
  for (let t = 0; t < order; t++) window += history[t];
  for (let t = order; t < history.length; t++) {
    errors.push(history[t] - window / order);
    window += history[t] - history[t - order];
  }
  return errors;
}

/** The orders the moving average may take: 2 … 12, and at most half the history. */
export function movingAverageOrders(n: number): number[] {
  const orders: number[] = [];
  for (let k = 2; k <= Math.min(12, Math.floor(n / 2)); k++) orders.push(k);
  return orders;
}

/**
 * The mean of the last `order` periods, for every step. Without an order, the one of 2 … 12 (at most
 * half the history) with the lowest in-sample one-step mean squared error (the shorter on a tie).
 * The error sd is that RMSE at every step: a moving average assumes a level that stays put.
 */
export function movingAverageForecast(history: readonly number[], h: number, order?: number): MethodForecast & { order: number } {
  const n = history.length;
  let chosen = order ?? 0;
  if (chosen === 0) {
    let best = Infinity;
    for (const k of movingAverageOrders(n)) {
      const mse = meanSquare(movingAverageErrors(history, k));
      if (mse < best) {
        best = mse;
        chosen = k;
      }
    }
    if (chosen === 0) chosen = Math.max(1, Math.min(n, 2));
  }
  if (chosen < 1 || chosen > n) throw new Error(`moving average: order ${chosen} with ${n} periods of history`);
  const sigma = Math.sqrt(meanSquare(movingAverageErrors(history, chosen)));
  let window = 0;
  for (let t = n - chosen; t < n; t++) window += history[t];
  const level = window / chosen;
  return { mean: new Array<number>(h).fill(level), sd: new Array<number>(h).fill(sigma), order: chosen };
}

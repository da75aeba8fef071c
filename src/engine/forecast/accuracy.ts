// Forecast accuracy measures, pure: WAPE, bias, MASE, tracking signal and RMSE, each on paired actuals and forecasts.

function checkPairs(actual: readonly number[], forecast: readonly number[]): void {
  if (actual.length !== forecast.length) throw new Error(`accuracy: ${actual.length} actuals but ${forecast.length} forecasts`);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Weighted absolute percentage error, Σ|A − F| / ΣA, as a fraction; null when the actuals sum to 0. */
export function wape(actual: readonly number[], forecast: readonly number[]): number | null {
  checkPairs(actual, forecast);
  const total = sum(actual);
  if (total === 0) return null;
  let absolute = 0;
  for (let i = 0; i < actual.length; i++) absolute += Math.abs(actual[i] - forecast[i]);
  return absolute / total;
}

/** Bias, Σ(F − A) / ΣA, as a fraction: positive when the forecast ran high; null when the actuals sum to 0. */
export function bias(actual: readonly number[], forecast: readonly number[]): number | null {
  checkPairs(actual, forecast);
  const total = sum(actual);
  if (total === 0) return null;
  return (sum(forecast) - total) / total;
}

/** Tracking signal, Σ(A − F) / MAD (MAD = mean |A − F|): beyond ±4 the forecast is biased; null when every error is 0 or there is none. */
export function trackingSignal(actual: readonly number[], forecast: readonly number[]): number | null {
  checkPairs(actual, forecast);
  if (actual.length === 0) return null;
  let running = 0;
  let absolute = 0;
  for (let i = 0; i < actual.length; i++) {
    running += actual[i] - forecast[i];
    absolute += Math.abs(actual[i] - forecast[i]);
  }
  const mad = absolute / actual.length;
  return mad === 0 ? null : running / mad;
}

/** The tracking signal's alarm: |signal| > 4. */
export const TRACKING_SIGNAL_LIMIT = 4;

export function trackingSignalAlarm(signal: number | null): boolean {
  return signal !== null && Math.abs(signal) > TRACKING_SIGNAL_LIMIT;
}

/** The in-sample MAE of the (seasonal) naive method, mean |y_t − y_{t−lag}|: the scale of MASE; null when the history is too short. */
export function maseScale(history: readonly number[], lag = 1): number | null {
  if (history.length <= lag) return null;
  let absolute = 0;
  for (let t = lag; t < history.length; t++) absolute += Math.abs(history[t] - history[t - lag]);
  return absolute / (history.length - lag);
}

/**
 * Mean absolute scaled error (Hyndman & Koehler 2006): mean |A − F| over the naive method's in-sample
 * MAE (`scale`, from maseScale). Below 1 beats the naive method. null without errors or with scale 0.
 */
export function mase(actual: readonly number[], forecast: readonly number[], scale: number | null): number | null {
  checkPairs(actual, forecast);
  if (actual.length === 0 || scale === null || !(scale > 0)) return null;
  let absolute = 0;
  for (let i = 0; i < actual.length; i++) absolute += Math.abs(actual[i] - forecast[i]);
  return absolute / actual.length / scale;
}

/** Mean of the squared errors (a method's in-sample MSE, its error variance σ²); 0 without errors. */
export function meanSquare(errors: readonly number[]): number {
  if (errors.length === 0) return 0;
  let squares = 0;
  for (const e of errors) squares += e * e;
  return squares / errors.length;
}

/** Root mean square of errors (e.g. one-step forecast errors, for a service-level safety stock); null without errors. */
export function rmse(errors: readonly number[]): number | null {
  return errors.length === 0 ? null : Math.sqrt(meanSquare(errors));
}

/** Mean absolute error; null without errors. */
export function mae(errors: readonly number[]): number | null {
  if (errors.length === 0) return null;
  let absolute = 0;
  for (const e of errors) absolute += Math.abs(e);
  return absolute / errors.length;
}

// The ETS initial states as R's forecast::ets() seeds them: a classical decomposition (or a first-harmonic regression on short series), then a line through the adjusted start.
import { leastSquares, lineFit } from "./linearAlgebra";

export type SeasonKind = "N" | "A" | "M";

/** The centred moving average of R's decompose(): 2×m for an even m, m for an odd one; NaN where the window leaves the series. */
function centredMovingAverage(y: readonly number[], m: number): number[] {
  const weights = m % 2 === 0 ? [0.5, ...new Array<number>(m - 1).fill(1), 0.5].map((w) => w / m) : new Array<number>(m).fill(1 / m);
  const half = Math.floor(weights.length / 2);
  return y.map((_, t) => {
    if (t - half < 0 || t - half + weights.length > y.length) return NaN;
    let sum = 0;
    for (let j = 0; j < weights.length; j++) sum += weights[j] * y[t - half + j];
    return sum;
  });
}

/** Seasonal indices per time, as R's decompose() returns them: the mean detrended value of each season, normalised. */
export function classicalSeasonal(y: readonly number[], m: number, kind: "A" | "M"): number[] {
  const trend = centredMovingAverage(y, m);
  const figure = new Array<number>(m).fill(0);
  const count = new Array<number>(m).fill(0);
  y.forEach((v, t) => {
    if (Number.isNaN(trend[t])) return;
    figure[t % m] += kind === "A" ? v - trend[t] : v / trend[t];
    count[t % m]++;
  });
  for (let i = 0; i < m; i++) figure[i] /= count[i];
  const mean = figure.reduce((a, b) => a + b, 0) / m;
  const normalised = figure.map((f) => (kind === "A" ? f - mean : f / mean));
  return y.map((_, t) => normalised[t % m]);
}

/** On fewer than three seasons R regresses on a line and the first harmonic instead; what is left of the line is the "seasonal" part. */
function harmonicSeasonal(y: readonly number[], m: number, kind: "A" | "M"): number[] {
  const n = y.length;
  const frequency = 1 / m;
  const withSine = Math.abs(2 * frequency - Math.round(2 * frequency)) > Number.EPSILON;
  const design = y.map((_, i) => {
    const t = i + 1;
    const row = [1, t];
    if (withSine) row.push(Math.sin(2 * Math.PI * frequency * t));
    row.push(Math.cos(2 * Math.PI * frequency * t));
    return row;
  });
  const [intercept, slope] = leastSquares(design, y);
  const seasonal = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const line = intercept + slope * (i + 1);
    seasonal[i] = kind === "A" ? y[i] - line : y[i] / line;
  }
  return seasonal;
}

/**
 * The initial state [level, trend?, s₀ … s_{m−2}] that the optimiser starts from (the last seasonal
 * state is implied: the seasonal states sum to 0, or to m when multiplicative). s₀ is the most recent
 * season before the first observation.
 */
export function initialStates(y: readonly number[], trended: boolean, season: SeasonKind, m: number): number[] {
  let adjusted: number[];
  let seasonalStates: number[] = [];
  if (season !== "N") {
    if (y.length < 4) throw new Error("too few observations to start a seasonal model");
    const seasonal = y.length < 3 * m ? harmonicSeasonal(y, m, season) : classicalSeasonal(y, m, season);
    seasonalStates = seasonal.slice(1, m).reverse();
    if (season === "A") {
      adjusted = y.map((v, t) => v - seasonal[t]);
    } else {
      seasonalStates = seasonalStates.map((s) => Math.max(s, 0.01));
      const total = seasonalStates.reduce((a, b) => a + b, 0);
      if (total > m) {
        const divisor = seasonalStates.reduce((a, b) => a + b + 0.01, 0);
        seasonalStates = seasonalStates.map((s) => s / divisor);
      }
      adjusted = y.map((v, t) => v / Math.max(seasonal[t], 0.01));
    }
  } else {
    adjusted = y.slice();
    m = 1;
  }
  const start = adjusted.slice(0, Math.min(Math.max(10, 2 * m), adjusted.length));
  if (!trended) {
    return [start.reduce((a, b) => a + b, 0) / start.length, ...seasonalStates];
  }
  let { intercept: level, slope: trend } = lineFit(start);
  if (Math.abs(level + trend) < 1e-8) {
    level *= 1 + 0.001;
    trend *= 1 - 0.001;
  }
  return [level, trend, ...seasonalStates];
}

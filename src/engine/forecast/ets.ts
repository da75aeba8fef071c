// The ETS state-space family (Hyndman et al., "Forecasting with Exponential Smoothing"): one form fitted by maximum likelihood, the form chosen by AICc, forecasts with analytic variances, as R's forecast::ets() does.
import { rootsWithinRadius } from "./linearAlgebra";
import { nelderMead, type Minimum } from "./nelderMead";
import { initialStates, type SeasonKind } from "./seasonalStart";

export type ErrorKind = "A" | "M";
/** "Ad" is the damped additive trend. Multiplicative trends are left out, as ets() leaves them out by default. */
export type TrendKind = "N" | "A" | "Ad";
export type { SeasonKind };

export interface EtsForm {
  error: ErrorKind;
  trend: TrendKind;
  season: SeasonKind;
}

export interface EtsParameters {
  alpha: number;
  /** 0 without a trend. */
  beta: number;
  /** 0 without a season. */
  gamma: number;
  /** 1 unless the trend is damped. */
  phi: number;
}

/** A fitted ETS form. */
export interface EtsFit {
  form: EtsForm;
  /** Hyndman's notation, e.g. `ETS(M,Ad,M)`. */
  method: string;
  /** Season length the seasonal states cycle over (1 without a season). */
  seasonLength: number;
  parameters: EtsParameters;
  /** [level, trend?, s₁ … s_m]: the state before the first observation, seasonal states newest first. */
  initialState: number[];
  /** The state after the last observation, same layout. */
  finalState: number[];
  /** −2 log likelihood without its constant, as ets() reports `lik`. */
  likelihood: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Free parameters counted by the information criteria (smoothing parameters, initial states, and the variance). */
  parameterCount: number;
  /** Σ residual² / (n − smoothing parameters − initial states): residuals are relative errors for multiplicative errors. */
  sigma2: number;
  fitted: number[];
  residuals: number[];
  /** Likelihood evaluations the optimiser spent. */
  evaluations: number;
}

/** ets()'s default bounds: alpha, beta, gamma in [1e-4, 0.9999], phi in [0.8, 0.98]. */
export const ETS_LOWER = { alpha: 1e-4, beta: 1e-4, gamma: 1e-4, phi: 0.8 } as const;
export const ETS_UPPER = { alpha: 0.9999, beta: 0.9999, gamma: 0.9999, phi: 0.98 } as const;
/** ets() drops the season above this length ("frequency too high"). */
export const ETS_MAX_SEASON = 24;

const TOL = 1e-10;
const HUGE = 1e10;

export function etsMethodName(form: EtsForm): string {
  return `ETS(${form.error},${form.trend},${form.season})`;
}

/** The forms ets() searches by default, in its order (ties keep the first). */
export function etsForms(options: { seasonal: boolean; positive: boolean }): EtsForm[] {
  const forms: EtsForm[] = [];
  for (const error of ["A", "M"] as const) {
    if (error === "M" && !options.positive) continue;
    for (const trend of ["N", "A"] as const) {
      for (const season of (options.seasonal ? ["N", "A", "M"] : ["N"]) as SeasonKind[]) {
        if (error === "A" && season === "M") continue;
        for (const damped of [true, false]) {
          if (trend === "N" && damped) continue;
          forms.push({ error, trend: trend === "A" && damped ? "Ad" : trend, season });
        }
      }
    }
  }
  return forms;
}

/** Number of smoothing parameters and initial states of a form (without the variance). */
export function etsStateCount(form: EtsForm, m: number): { smoothing: number; states: number } {
  const trended = form.trend !== "N";
  const seasonal = form.season !== "N";
  return {
    smoothing: 1 + (trended ? 1 : 0) + (seasonal ? 1 : 0) + (form.trend === "Ad" ? 1 : 0),
    states: 1 + (trended ? 1 : 0) + (seasonal ? m - 1 : 0),
  };
}

/** The seasonal states' work space (reused: the recursions run thousands of times per fit). */
let seasonRing = new Float64Array(24);

const SEASON_CODE = { N: 0, A: 1, M: 2 } as const;

/** What a run records besides the likelihood: the one-step fitted values, the residuals and the final state. */
interface Recorder {
  fitted: number[];
  residuals: number[];
  finalState: number[];
}

/**
 * The recursions of one form from an initial state: −2 log likelihood (without constant), and what
 * `out` asks for. The seasonal states live in a ring (the oldest is used and replaced each period).
 * Typed arrays only, and the form as plain flags, so the likelihood loop compiles to one fast shape.
 */
function recursions(
  y: Float64Array,
  trended: boolean,
  season: 0 | 1 | 2,
  multiplicativeError: boolean,
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  initial: Float64Array,
  out: Recorder | null,
): void {
  const n = y.length;
  const betaOverAlpha = beta / alpha;
  let level = initial[0];
  let trend = trended ? initial[1] : 0;
  const first = trended ? 2 : 1;
  // ring[k] for the seasonal state k periods older than the newest; stored oldest at `head`.
  if (season !== 0 && seasonRing.length < m) seasonRing = new Float64Array(m);
  const ring = seasonRing;
  let head = 0;
  if (season !== 0) for (let k = 0; k < m; k++) ring[k] = initial[first + m - 1 - k];
  let sumSquares = 0;
  let sumLogForecast = 0;
  let productForecast = 1;
  for (let t = 0; t < n; t++) {
    const damped = trended ? phi * trend : 0;
    const base = level + damped;
    const oldSeason = season !== 0 ? ring[head] : 0;
    const forecast = season === 1 ? base + oldSeason : season === 2 ? base * oldSeason : base;
    const value = y[t];
    const error = multiplicativeError ? (value - forecast) / forecast : value - forecast;
    if (out !== null) {
      out.fitted.push(forecast);
      out.residuals.push(error);
    }
    sumSquares += error * error;
    if (multiplicativeError) {
      // Σ log|f| as the log of running products: one logarithm per few periods instead of one each.
      productForecast *= Math.abs(forecast);
      if (productForecast > 1e100 || productForecast < 1e-100) {
        sumLogForecast += Math.log(productForecast);
        productForecast = 1;
      }
    }
    let adjusted: number;
    if (season === 0) adjusted = value;
    else if (season === 1) adjusted = value - oldSeason;
    else adjusted = Math.abs(oldSeason) < TOL ? HUGE : value / oldSeason;
    const oldLevel = level;
    level = base + alpha * (adjusted - base);
    if (trended) trend = damped + betaOverAlpha * (level - oldLevel - damped);
    if (season !== 0) {
      let target: number;
      if (season === 1) target = value - base;
      else target = Math.abs(base) < TOL ? HUGE : value / base;
      ring[head] = oldSeason + gamma * (target - oldSeason);
      head = head + 1 === m ? 0 : head + 1;
    }
  }
  if (out !== null) {
    out.finalState = trended ? [level, trend] : [level];
    if (season !== 0) for (let k = 0; k < m; k++) out.finalState.push(ring[(head + m - 1 - k) % m]);
  }
  let likelihood = n * Math.log(sumSquares);
  if (multiplicativeError) likelihood += 2 * (sumLogForecast + Math.log(productForecast));
  // Handed back through a typed array: a double returned from a call V8 does not inline is boxed on the heap, once per evaluation.
  runResult[0] = likelihood;
}

/** Where `recursions` leaves its −2 log likelihood. */
const runResult = new Float64Array(1);

/**
 * The recursions of one form from an initial state: −2 log likelihood (without constant) and,
 * when `out` is given, the one-step fitted values, the residuals and the final state.
 */
export function etsRun(y: ArrayLike<number>, form: EtsForm, m: number, p: EtsParameters, initial: ArrayLike<number>, out?: Recorder): number {
  const values = y instanceof Float64Array ? y : Float64Array.from(y);
  const state = initial instanceof Float64Array ? initial : Float64Array.from(initial);
  recursions(values, form.trend !== "N", SEASON_CODE[form.season], form.error === "M", m, p.alpha, p.beta, p.gamma, p.phi, state, out ?? null);
  return runResult[0];
}

/** The characteristic polynomial's coefficients (reused: admissibility is checked at every likelihood evaluation of a seasonal form). */
let polynomial = new Float64Array(32);

/**
 * Whether the smoothing parameters make the model forecastable (Hyndman et al., ch. 10): for a
 * seasonal model, every root of the characteristic polynomial within the unit circle (1e-10 margin).
 */
export function etsAdmissible(p: EtsParameters, seasonal: boolean, m: number): boolean {
  return admissibleValues(p.alpha, p.beta, p.gamma, p.phi, seasonal, m);
}

function admissibleValues(alpha: number, beta: number, gamma: number, phi: number, seasonal: boolean, m: number): boolean {
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (!seasonal) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha)) return false;
    return true;
  }
  if (m <= 1) return true;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  // z^(m+1) + (α+β−φ) z^m + (α+β−αφ) z^(m−1) + … + (α+β−αφ+γ−1) z + φ(1−α−γ), lowest degree first.
  if (polynomial.length < m + 2) polynomial = new Float64Array(2 * m + 2);
  const c = polynomial;
  c[0] = phi * (1 - alpha - gamma);
  c[1] = alpha + beta - alpha * phi + gamma - 1;
  for (let i = 0; i < m - 2; i++) c[2 + i] = alpha + beta - alpha * phi;
  c[m] = alpha + beta - phi;
  c[m + 1] = 1;
  return rootsWithinRadius(c, 1e-10, m + 2);
}

/** ets()'s evaluation budget for one form (optim()'s maxit). */
const ETS_MAX_EVALUATIONS = 2000;

/** Fits one form by maximum likelihood from ets()'s starting values; null when the series is too short for it. */
export function fitEtsForm(y: readonly number[], form: EtsForm, seasonLength: number): EtsFit | null {
  const seasonal = form.season !== "N";
  const trended = form.trend !== "N";
  const damped = form.trend === "Ad";
  const m = seasonal ? seasonLength : 1;
  const n = y.length;
  if (seasonal && (n <= m || m > ETS_MAX_SEASON || m < 2)) return null;
  if (form.error === "M" && y.some((v) => v <= 0)) return null;
  const count = etsStateCount(form, m);
  if (count.smoothing + count.states >= n - 1) return null;

  // ets()'s starting values (initparam).
  const alpha0 = ETS_LOWER.alpha + (0.2 * (ETS_UPPER.alpha - ETS_LOWER.alpha)) / m;
  const start: number[] = [alpha0];
  if (trended) start.push(ETS_LOWER.beta + 0.1 * (Math.min(ETS_UPPER.beta, alpha0) - ETS_LOWER.beta));
  if (seasonal) start.push(ETS_LOWER.gamma + 0.05 * (Math.min(ETS_UPPER.gamma, 1 - alpha0) - ETS_LOWER.gamma));
  if (damped) start.push(ETS_LOWER.phi + 0.99 * (ETS_UPPER.phi - ETS_LOWER.phi));
  let states: number[];
  try {
    states = initialStates(y, trended, form.season, m);
  } catch {
    return null;
  }
  start.push(...states);

  const stateOffset = count.smoothing;
  const fullState = new Float64Array(count.states + (seasonal ? 1 : 0));
  const betaAt = trended ? 1 : -1;
  const gammaAt = seasonal ? (trended ? 2 : 1) : -1;
  const phiAt = damped ? count.smoothing - 1 : -1;
  const parameters = (point: ArrayLike<number>): EtsParameters => ({
    alpha: point[0],
    beta: betaAt < 0 ? 0 : point[betaAt],
    gamma: gammaAt < 0 ? 0 : point[gammaAt],
    phi: phiAt < 0 ? 1 : point[phiAt],
  });
  const firstSeason = trended ? 2 : 1;
  const seasonTotal = form.season === "M" ? m : 0;
  const withImpliedSeason = (point: ArrayLike<number>): boolean => {
    for (let i = 0; i < count.states; i++) fullState[i] = point[stateOffset + i];
    if (!seasonal) return true;
    let sum = 0;
    for (let i = firstSeason; i < count.states; i++) sum += fullState[i];
    fullState[count.states] = seasonTotal - sum;
    if (form.season === "M") {
      for (let i = firstSeason; i <= count.states; i++) if (fullState[i] < 0) return false;
    }
    return true;
  };
  const yArray = Float64Array.from(y);
  const seasonCode = SEASON_CODE[form.season];
  const multiplicativeError = form.error === "M";
  const objective = (point: Float64Array): number => {
    const alpha = point[0];
    const beta = betaAt < 0 ? 0 : point[betaAt];
    const gamma = gammaAt < 0 ? 0 : point[gammaAt];
    const phi = phiAt < 0 ? 1 : point[phiAt];
    if (alpha < ETS_LOWER.alpha || alpha > ETS_UPPER.alpha) return Infinity;
    if (trended && (beta < ETS_LOWER.beta || beta > alpha || beta > ETS_UPPER.beta)) return Infinity;
    if (damped && (phi < ETS_LOWER.phi || phi > ETS_UPPER.phi)) return Infinity;
    if (seasonal && (gamma < ETS_LOWER.gamma || gamma > 1 - alpha || gamma > ETS_UPPER.gamma)) return Infinity;
    // The implied season's sign first: it is cheaper than the admissibility test's polynomial.
    if (!withImpliedSeason(point)) return Infinity;
    if (!admissibleValues(alpha, beta, gamma, phi, seasonal, m)) return Infinity;
    recursions(yArray, trended, seasonCode, multiplicativeError, m, alpha, beta, gamma, phi, fullState, null);
    const likelihood = runResult[0];
    if (Number.isNaN(likelihood)) return Infinity;
    return Math.max(likelihood, -1e10);
  };
  let minimum: Minimum;
  try {
    minimum = nelderMead(objective, start, { maxEvaluations: ETS_MAX_EVALUATIONS });
  } catch {
    return null;
  }
  const estimated = count.smoothing + count.states;
  const k = estimated + 1;
  const best = minimum.point;
  const p = parameters(best);
  withImpliedSeason(best);
  const initialState = Array.from(fullState);
  const out = { fitted: [] as number[], residuals: [] as number[], finalState: [] as number[] };
  // A perfect fit has likelihood −∞; like the objective, count it as −1e10 so its AICc still compares.
  const likelihood = Math.max(etsRun(yArray, form, m, p, initialState, out), -1e10);
  if (!Number.isFinite(likelihood)) return null;
  const aic = likelihood + 2 * k;
  const sumSquares = out.residuals.reduce((a, e) => a + e * e, 0);
  return {
    form,
    method: etsMethodName(form),
    seasonLength: m,
    parameters: p,
    initialState,
    finalState: out.finalState,
    likelihood,
    aic,
    aicc: aic + (2 * k * (k + 1)) / (n - k - 1),
    bic: likelihood + Math.log(n) * k,
    parameterCount: k,
    sigma2: sumSquares / (n - estimated),
    fitted: out.fitted,
    residuals: out.residuals,
    evaluations: minimum.evaluations,
  };
}

/** Every admissible form fitted, and the one with the lowest AICc (ets(y) with its defaults). */
export interface EtsSelection {
  best: EtsFit;
  /** Each form tried with its AICc (Infinity when it could not be fitted). */
  tried: { method: string; aicc: number }[];
}

/**
 * ets(y): the forms searched as ets() searches them (no multiplicative trend; no additive error with
 * a multiplicative season; multiplicative errors only for positive data; a season only when
 * `seasonLength` ≥ 2, at most 24, and shorter than the series), each fitted by maximum likelihood to
 * the end of ets()'s budget, the lowest AICc kept. null when no form can be fitted.
 */
export function selectEts(y: readonly number[], seasonLength: number, options: { seasonal?: boolean } = {}): EtsSelection | null {
  const seasonal = (options.seasonal ?? true) && seasonLength >= 2 && seasonLength <= ETS_MAX_SEASON && y.length > seasonLength;
  const positive = y.every((v) => v > 0);
  let best: EtsFit | null = null;
  const tried: EtsSelection["tried"] = [];
  for (const form of etsForms({ seasonal, positive })) {
    const fit = fitEtsForm(y, form, seasonLength);
    const aicc = fit && Number.isFinite(fit.aicc) ? fit.aicc : Infinity;
    tried.push({ method: etsMethodName(form), aicc });
    if (fit && aicc < (best?.aicc ?? Infinity)) best = fit;
  }
  return best ? { best, tried } : null;
}

/** Runs a fitted model over more observations with its parameters fixed: the state after them (for rolling-origin forecasts). */
export function etsAdvance(fit: EtsFit, state: readonly number[], y: readonly number[]): number[] {
  const out = { fitted: [] as number[], residuals: [] as number[], finalState: [] as number[] };
  etsRun(y, fit.form, fit.seasonLength, fit.parameters, state, out);
  return out.finalState;
}

/** Point forecasts 1…h steps after a state. */
export function etsPointForecasts(form: EtsForm, m: number, phi: number, state: readonly number[], h: number): number[] {
  const trended = form.trend !== "N";
  const level = state[0];
  const trend = trended ? state[1] : 0;
  const first = trended ? 2 : 1;
  const forecasts: number[] = [];
  let phiSum = trended ? phi : 0;
  let phiPower = phi;
  for (let i = 0; i < h; i++) {
    let f = level + phiSum * trend;
    if (form.season !== "N") {
      // Seasonal states are newest first; step i uses the one m − 1 − (i mod m) places back.
      const s = state[first + m - 1 - (i % m)];
      f = form.season === "A" ? f + s : f * s;
    }
    forecasts.push(f);
    if (trended) {
      phiPower *= phi;
      phiSum += form.trend === "Ad" ? phiPower : 1;
    }
  }
  return forecasts;
}

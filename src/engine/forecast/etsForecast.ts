// Forecast means and variances of a fitted ETS form: exact for the linear (class 1) and the multiplicative-error, additive-season (class 2) forms, Hyndman et al.'s approximation for multiplicative seasons (class 3).
import type { EtsFit } from "./ets";

export interface EtsForecast {
  /** The forecast mean per step (for class 3 it includes the second-order term, so it is slightly above the point forecast). */
  mean: number[];
  /** The forecast variance per step. */
  variance: number[];
}

type Matrix = number[][];

function zeros(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

function multiply(a: Matrix, b: Matrix): Matrix {
  const rows = a.length;
  const inner = b.length;
  const cols = b[0].length;
  const c = zeros(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < inner; k++) {
      const v = a[i][k];
      if (v === 0) continue;
      for (let j = 0; j < cols; j++) c[i][j] += v * b[k][j];
    }
  }
  return c;
}

/**
 * Class 1 and 2 (Hyndman et al. 2008, ch. 6): the state space x_t = F x_{t−1} + G ε_t, forecast
 * H F^{j} x_n; c_j = H F^{j−1} G. The seasonal disturbance enters the newest seasonal state (forecast
 * 8.20's class1() put it one place too far when there is no trend; fixed upstream in 2026).
 */
function linearMoments(fit: EtsFit, h: number): { mean: number[]; c: number[] } {
  const state = fit.finalState;
  const p = state.length;
  const m = fit.seasonLength;
  const trended = fit.form.trend !== "N";
  const additiveSeason = fit.form.season === "A";
  const phi = fit.parameters.phi;
  const H = new Array<number>(p).fill(0);
  H[0] = 1;
  if (trended) H[1] = phi;
  if (additiveSeason) H[p - 1] = 1;
  const F = zeros(p, p);
  F[0][0] = 1;
  if (trended) {
    F[0][1] = phi;
    F[1][1] = phi;
  }
  if (additiveSeason) {
    F[p - m][p - 1] = 1;
    for (let k = 0; k < m - 1; k++) F[p - m + 1 + k][p - m + k] = 1;
  }
  const G = new Array<number>(p).fill(0);
  G[0] = fit.parameters.alpha;
  if (trended) G[1] = fit.parameters.beta;
  if (additiveSeason) G[p - m] = fit.parameters.gamma;
  const mean: number[] = [];
  const c: number[] = [];
  // row = H F^j, advanced one power per step.
  let row = H.slice();
  for (let j = 0; j < h; j++) {
    let mu = 0;
    let cj = 0;
    for (let i = 0; i < p; i++) {
      mu += row[i] * state[i];
      cj += row[i] * G[i];
    }
    mean.push(mu);
    c.push(cj);
    const next = new Array<number>(p).fill(0);
    for (let i = 0; i < p; i++) {
      const v = row[i];
      if (v === 0) continue;
      for (let k = 0; k < p; k++) next[k] += v * F[i][k];
    }
    row = next;
  }
  return { mean, c };
}

function class1(fit: EtsFit, h: number): EtsForecast {
  const { mean, c } = linearMoments(fit, h);
  const variance: number[] = [];
  let sum = 0;
  for (let j = 0; j < h; j++) {
    variance.push(fit.sigma2 * (1 + sum));
    sum += c[j] * c[j];
  }
  return { mean, variance };
}

function class2(fit: EtsFit, h: number): EtsForecast {
  const { mean, c } = linearMoments(fit, h);
  const s2 = fit.sigma2;
  const theta: number[] = [];
  for (let j = 0; j < h; j++) {
    let t = mean[j] * mean[j];
    for (let i = 0; i < j; i++) t += s2 * c[i] * c[i] * theta[j - 1 - i];
    theta.push(t);
  }
  return { mean, variance: theta.map((t, j) => (1 + s2) * t - mean[j] * mean[j]) };
}

/** A sparse matrix as its non-zero entries. */
interface Sparse {
  size: number;
  entries: { row: number; col: number; value: number }[];
}

function kron(a: Matrix, b: Matrix): Sparse {
  const entries: Sparse["entries"] = [];
  const br = b.length;
  const bc = b[0].length;
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < a[0].length; j++) {
      if (a[i][j] === 0) continue;
      for (let k = 0; k < br; k++)
        for (let l = 0; l < bc; l++) {
          const value = a[i][j] * b[k][l];
          if (value !== 0) entries.push({ row: i * br + k, col: j * bc + l, value });
        }
    }
  return { size: a.length * br, entries };
}

function addSparse(a: Sparse, b: Sparse): Sparse {
  return { size: a.size, entries: [...a.entries, ...b.entries] };
}

/** A X Bᵀ for sparse A, B and dense X. */
function sandwich(a: Sparse, x: Matrix, b: Sparse): Matrix {
  const d = x.length;
  // T = X Bᵀ: T[r][b.row] += X[r][b.col] × value
  const t = zeros(d, b.size);
  for (const { row, col, value } of b.entries) for (let r = 0; r < d; r++) t[r][row] += x[r][col] * value;
  const out = zeros(a.size, b.size);
  for (const { row, col, value } of a.entries) {
    const source = t[col];
    const target = out[row];
    for (let k = 0; k < b.size; k++) target[k] += value * source[k];
  }
  return out;
}

/**
 * Class 3 (multiplicative error and season, additive or no trend): the approximate mean and variance
 * of Hyndman et al. (2008, ch. 6.4), as forecast.ets() computes them. The level/trend block and the
 * seasonal block evolve as a product; their joint second moments propagate with Kronecker products.
 */
function class3(fit: EtsFit, h: number): EtsForecast {
  const state = fit.finalState;
  const m = fit.seasonLength;
  const trended = fit.form.trend !== "N";
  const q = trended ? 2 : 1;
  const { alpha, beta, gamma, phi } = fit.parameters;
  const s2 = fit.sigma2;
  const H1: Matrix = [new Array<number>(q).fill(1)];
  const H2: Matrix = [[...new Array<number>(m - 1).fill(0), 1]];
  const F1: Matrix = trended ? [[1, 1], [0, fit.form.trend === "Ad" ? phi : 1]] : [[1]];
  const G1: Matrix = trended ? [[alpha, alpha], [beta, beta]] : [[alpha]];
  const F2 = zeros(m, m);
  F2[0][m - 1] = 1;
  for (let k = 1; k < m; k++) F2[k][k - 1] = 1;
  const G2 = zeros(m, m);
  G2[0][m - 1] = gamma;
  // M = level/trend (column) × seasonal states (row).
  let M: Matrix = zeros(q, m);
  for (let i = 0; i < q; i++) for (let j = 0; j < m; j++) M[i][j] = state[i] * state[q + j];
  const d = q * m;
  let V = zeros(d, d);
  const H21 = kron(H2, H1);
  const F21 = kron(F2, F1);
  const G21 = kron(G2, G1);
  const K = addSparse(kron(G2, F1), kron(F2, G1));
  const transpose = (a: Matrix): Matrix => a[0].map((_, j) => a.map((row) => row[j]));
  const F2t = transpose(F2);
  const G2t = transpose(G2);
  const mean: number[] = [];
  const variance: number[] = [];
  for (let step = 0; step < h; step++) {
    const mu = multiply(multiply(H1, M), transpose(H2))[0][0];
    const hvh = sandwich(H21, V, H21)[0][0];
    mean.push(mu);
    variance.push((1 + s2) * hvh + s2 * mu * mu);
    // vec(M), column-major, as the Kronecker products expect.
    const vec: number[] = [];
    for (let j = 0; j < m; j++) for (let i = 0; i < q; i++) vec.push(M[i][j]);
    const outer = zeros(d, d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) outer[i][j] = vec[i] * vec[j];
    const vPlusOuter = V.map((row, i) => row.map((v, j) => v + outer[i][j]));
    const threeVTwoOuter = V.map((row, i) => row.map((v, j) => 3 * v + 2 * outer[i][j]));
    const fvf = sandwich(F21, V, F21);
    const fvg = sandwich(F21, V, G21);
    const gvf = sandwich(G21, V, F21);
    const kk = sandwich(K, vPlusOuter, K);
    const gg = sandwich(G21, threeVTwoOuter, G21);
    V = fvf.map((row, i) => row.map((v, j) => v + s2 * (fvg[i][j] + gvf[i][j] + kk[i][j] + s2 * gg[i][j])));
    const a = multiply(multiply(F1, M), F2t);
    const b = multiply(multiply(G1, M), G2t);
    M = a.map((row, i) => row.map((v, j) => v + b[i][j] * s2));
  }
  return { mean, variance };
}

/** The forecast mean and variance 1…h steps after the fit's last observation, the way forecast.ets() computes them (no simulation). */
export function etsForecast(fit: EtsFit, h: number): EtsForecast {
  if (h <= 0) return { mean: [], variance: [] };
  if (fit.form.error === "A") return class1(fit, h);
  if (fit.form.season !== "M") return class2(fit, h);
  return class3(fit, h);
}

// Small dense least squares and polynomial stability, the two pieces of linear algebra the forecasting methods need.

/**
 * Least-squares coefficients of y on the columns of `design` (rows are observations), by Householder
 * QR as R's lm() does, so nearly collinear columns (a trend beside a cosine) are solved accurately.
 */
export function leastSquares(design: readonly (readonly number[])[], y: readonly number[]): number[] {
  const rows = design.length;
  const cols = design[0]?.length ?? 0;
  if (rows < cols) throw new Error("least squares: fewer observations than coefficients");
  const a = design.map((row) => Float64Array.from(row));
  const b = Float64Array.from(y);
  for (let k = 0; k < cols; k++) {
    let norm = 0;
    for (let i = k; i < rows; i++) norm += a[i][k] * a[i][k];
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = a[k][k] > 0 ? -norm : norm;
    // v = x − alpha e1, kept in place in column k.
    a[k][k] -= alpha;
    let vNorm2 = 0;
    for (let i = k; i < rows; i++) vNorm2 += a[i][k] * a[i][k];
    for (let j = k + 1; j < cols; j++) {
      let dot = 0;
      for (let i = k; i < rows; i++) dot += a[i][k] * a[i][j];
      const scale = (2 * dot) / vNorm2;
      for (let i = k; i < rows; i++) a[i][j] -= scale * a[i][k];
    }
    let dotB = 0;
    for (let i = k; i < rows; i++) dotB += a[i][k] * b[i];
    const scaleB = (2 * dotB) / vNorm2;
    for (let i = k; i < rows; i++) b[i] -= scaleB * a[i][k];
    a[k][k] = alpha;
    for (let i = k + 1; i < rows; i++) a[i][k] = 0;
  }
  const coefficients = new Array<number>(cols).fill(0);
  for (let k = cols - 1; k >= 0; k--) {
    let sum = b[k];
    for (let j = k + 1; j < cols; j++) sum -= a[k][j] * coefficients[j];
    coefficients[k] = a[k][k] === 0 ? 0 : sum / a[k][k];
  }
  return coefficients;
}

/** Intercept and slope of the straight line through (1, y₁), (2, y₂), … (R's lsfit(1:n, y)). */
export function lineFit(y: readonly number[]): { intercept: number; slope: number } {
  const n = y.length;
  const meanX = (n + 1) / 2;
  let meanY = 0;
  for (const v of y) meanY += v;
  meanY /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = i + 1 - meanX;
    sxy += dx * (y[i] - meanY);
    sxx += dx * dx;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { intercept: meanY - slope * meanX, slope };
}

/**
 * The largest modulus of the roots of c₀ + c₁z + … + c_d z^d (coefficients lowest degree first,
 * c_d ≠ 0), by the Aberth–Ehrlich iteration from fixed starting points on a circle: deterministic,
 * and accurate to about 1e-13 for simple roots, which the admissibility test's 1e-10 margin needs.
 */
export function largestRootModulus(coefficients: readonly number[]): number {
  const degree = coefficients.length - 1;
  const lead = coefficients[degree];
  if (degree < 1) return 0;
  const c = coefficients.map((v) => v / lead);
  // Cauchy's bound: every root lies within 1 + max |c_i|.
  let bound = 0;
  for (let i = 0; i < degree; i++) bound = Math.max(bound, Math.abs(c[i]));
  const radius = Math.min(1 + bound, 2);
  const re = new Float64Array(degree);
  const im = new Float64Array(degree);
  for (let k = 0; k < degree; k++) {
    const angle = (2 * Math.PI * k) / degree + 0.4;
    re[k] = radius * Math.cos(angle);
    im[k] = radius * Math.sin(angle);
  }
  for (let iteration = 0; iteration < 500; iteration++) {
    let largestStep = 0;
    for (let k = 0; k < degree; k++) {
      // p(z) and p'(z) by Horner.
      let pr = 1;
      let pi = 0;
      let dr = 0;
      let di = 0;
      const zr = re[k];
      const zi = im[k];
      for (let i = degree - 1; i >= 0; i--) {
        const ndr = dr * zr - di * zi + pr;
        const ndi = dr * zi + di * zr + pi;
        dr = ndr;
        di = ndi;
        const npr = pr * zr - pi * zi + c[i];
        const npi = pr * zi + pi * zr;
        pr = npr;
        pi = npi;
      }
      if (pr === 0 && pi === 0) continue;
      // ratio = p / p'
      const dd = dr * dr + di * di;
      let rr: number;
      let ri: number;
      if (dd === 0) {
        rr = 1e-3;
        ri = 1e-3;
      } else {
        rr = (pr * dr + pi * di) / dd;
        ri = (pi * dr - pr * di) / dd;
      }
      // sum of 1 / (z_k − z_j)
      let sr = 0;
      let si = 0;
      for (let j = 0; j < degree; j++) {
        if (j === k) continue;
        const ar = zr - re[j];
        const ai = zi - im[j];
        const aa = ar * ar + ai * ai;
        if (aa === 0) continue;
        sr += ar / aa;
        si += -ai / aa;
      }
      // step = ratio / (1 − ratio × sum)
      const denR = 1 - (rr * sr - ri * si);
      const denI = -(rr * si + ri * sr);
      const den = denR * denR + denI * denI;
      const stepR = den === 0 ? rr : (rr * denR + ri * denI) / den;
      const stepI = den === 0 ? ri : (ri * denR - rr * denI) / den;
      re[k] = zr - stepR;
      im[k] = zi - stepI;
      largestStep = Math.max(largestStep, Math.hypot(stepR, stepI) / Math.max(1, Math.hypot(re[k], im[k])));
    }
    if (largestStep < 1e-15) break;
  }
  let largest = 0;
  for (let k = 0; k < degree; k++) largest = Math.max(largest, Math.hypot(re[k], im[k]));
  return largest;
}

/** Work space of rootsWithinRadius (reused: it runs once per likelihood evaluation of a seasonal form). */
let scratchA = new Float64Array(32);
let scratchB = new Float64Array(32);

/**
 * Whether every root of c₀ + c₁z + … + c_d z^d lies within radius 1 + `margin` (the first `count`
 * coefficients, lowest degree first), as `largestRootModulus(c) <= 1 + margin` decides it but fast: the Schur–Cohn
 * recursion on the polynomial stretched to that radius decides the clear cases in O(d²); a root
 * at exactly 1 (every seasonal form without a trend has one) is divided out first; a case within
 * rounding of the boundary goes to the root finder.
 */
export function rootsWithinRadius(coefficients: ArrayLike<number>, margin = 1e-10, count = coefficients.length): boolean {
  const d = count - 1;
  if (scratchA.length <= d) {
    scratchA = new Float64Array(2 * d + 2);
    scratchB = new Float64Array(2 * d + 2);
  }
  let current = scratchA;
  let next = scratchB;
  let scale = 0;
  let atOne = 0;
  for (let i = 0; i <= d; i++) {
    current[i] = coefficients[i];
    scale = Math.max(scale, Math.abs(coefficients[i]));
    atOne += coefficients[i];
  }
  let degree = d;
  if (d > 1 && Math.abs(atOne) <= 1e-13 * scale) {
    // Synthetic division by (z − 1), from the leading coefficient down.
    let carry = 0;
    for (let i = d; i >= 1; i--) {
      carry += current[i];
      next[i - 1] = carry;
    }
    const swap = current;
    current = next;
    next = swap;
    degree = d - 1;
  }
  const radius = 1 + margin;
  let power = 1;
  for (let i = 0; i <= degree; i++) {
    current[i] *= power;
    power *= radius;
  }
  for (let k = degree; k >= 1; k--) {
    const lead = current[k];
    if (lead === 0) return largestRootModulus(Array.prototype.slice.call(coefficients, 0, count) as number[]) <= radius;
    const reflection = current[0] / lead;
    const size = Math.abs(reflection);
    if (Math.abs(size - 1) < 1e-9) return largestRootModulus(Array.prototype.slice.call(coefficients, 0, count) as number[]) <= radius;
    if (size > 1) return false;
    for (let i = 0; i < k; i++) next[i] = current[i + 1] - reflection * current[k - 1 - i];
    const swap = current;
    current = next;
    next = swap;
  }
  return true;
}

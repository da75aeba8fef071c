// Nelder–Mead minimisation as in Nash's "Compact Numerical Methods" (the variant R's optim() and forecast::ets() use), so fits land where R's do.

/** What the minimiser found: the best point, its value, the evaluations it spent and whether it stopped before converging. */
export interface Minimum {
  point: number[];
  value: number;
  evaluations: number;
  /** true when the evaluation budget ran out before the simplex met the tolerance. */
  exhausted: boolean;
}

export interface NelderMeadOptions {
  /** Relative tolerance on the spread of the simplex's values (R: sqrt(machine epsilon)). */
  relativeTolerance?: number;
  /** Evaluation budget (R's ets(): 2000). */
  maxEvaluations?: number;
}

/** Infinite or undefined values count as this (R's `big`), so the simplex moves away from them. */
const BIG = 1.0e35;
const REFLECT = 1;
const CONTRACT = 0.5;
const EXPAND = 2;

/**
 * Minimises `objective` from `start`. The first simplex steps every coordinate by a tenth of the
 * largest coordinate (0.1 when all are 0); the search ends when the simplex's values are within
 * `relativeTolerance × (|f(start)| + relativeTolerance)` of each other, after the evaluation budget,
 * or when a shrink no longer shrinks the simplex. A single objective callback is the whole interface,
 * so the parameters' bounds live in the objective (it returns Infinity outside them). The simplex
 * lives in typed arrays reused throughout, so the search allocates nothing per evaluation.
 */
export function nelderMead(objective: (point: Float64Array) => number, start: readonly number[], options: NelderMeadOptions = {}): Minimum {
  const tolerance = options.relativeTolerance ?? Math.sqrt(Number.EPSILON);
  const budget = options.maxEvaluations ?? 2000;
  const n = start.length;
  const evaluate = (point: Float64Array): number => {
    const value = objective(point);
    return Number.isFinite(value) ? value : BIG;
  };
  const first = Float64Array.from(start);
  const firstValue = objective(first);
  if (!Number.isFinite(firstValue)) throw new Error("Nelder–Mead: the objective cannot be evaluated at the starting point");
  const convergence = tolerance * (Math.abs(firstValue) + tolerance);
  // vertices[j] is a point; values[j] its objective. Vertex 0 is the start.
  const vertices = [first];
  const values = [firstValue];
  let step = 0;
  for (let i = 0; i < n; i++) step = Math.max(step, 0.1 * Math.abs(start[i]));
  if (step === 0) step = 0.1;
  let oldSize = 0;
  for (let j = 1; j <= n; j++) {
    const vertex = Float64Array.from(start);
    let tryStep = step;
    // A step lost to rounding on a large coordinate is retried ten times larger.
    while (vertex[j - 1] === start[j - 1]) {
      vertex[j - 1] = start[j - 1] + tryStep;
      tryStep *= 10;
    }
    oldSize += tryStep;
    vertices.push(vertex);
    values.push(NaN);
  }
  const centroid = new Float64Array(n);
  const trial = new Float64Array(n);
  const reflectedPoint = new Float64Array(n);
  let lowest = 0;
  let valuesStale = true;
  let evaluations = 1;
  let exhausted = false;
  for (;;) {
    if (valuesStale) {
      for (let j = 0; j <= n; j++) {
        if (j === lowest) continue;
        values[j] = evaluate(vertices[j]);
        evaluations++;
      }
      valuesStale = false;
    }
    let low = values[lowest];
    let high = low;
    let highest = lowest;
    for (let j = 0; j <= n; j++) {
      if (j === lowest) continue;
      const f = values[j];
      if (f < low) {
        lowest = j;
        low = f;
      }
      if (f > high) {
        highest = j;
        high = f;
      }
    }
    if (high <= low + convergence) break;

    // The centroid of all vertices but the highest, summed in optim()'s order (vertex by vertex) for the same rounding.
    const worst = vertices[highest];
    for (let i = 0; i < n; i++) centroid[i] = -worst[i];
    for (let j = 0; j <= n; j++) {
      const vertex = vertices[j];
      for (let i = 0; i < n; i++) centroid[i] += vertex[i];
    }
    for (let i = 0; i < n; i++) centroid[i] /= n;
    for (let i = 0; i < n; i++) trial[i] = (1 + REFLECT) * centroid[i] - REFLECT * worst[i];
    const reflected = evaluate(trial);
    evaluations++;
    if (reflected < low) {
      // Try going further the same way; keep whichever of the two is lower.
      reflectedPoint.set(trial);
      for (let i = 0; i < n; i++) trial[i] = EXPAND * reflectedPoint[i] + (1 - EXPAND) * centroid[i];
      const expanded = evaluate(trial);
      evaluations++;
      if (expanded < reflected) {
        worst.set(trial);
        values[highest] = expanded;
      } else {
        worst.set(reflectedPoint);
        values[highest] = reflected;
      }
    } else {
      if (reflected < high) {
        worst.set(trial);
        values[highest] = reflected;
      }
      for (let i = 0; i < n; i++) trial[i] = (1 - CONTRACT) * worst[i] + CONTRACT * centroid[i];
      const contracted = evaluate(trial);
      evaluations++;
      if (contracted < values[highest]) {
        worst.set(trial);
        values[highest] = contracted;
      } else if (reflected >= high) {
        // Nothing along the line helps: shrink every vertex towards the lowest.
        valuesStale = true;
        let size = 0;
        const bestVertex = vertices[lowest];
        for (let j = 0; j <= n; j++) {
          if (j === lowest) continue;
          const vertex = vertices[j];
          for (let i = 0; i < n; i++) {
            vertex[i] = CONTRACT * (vertex[i] - bestVertex[i]) + bestVertex[i];
            size += Math.abs(vertex[i] - bestVertex[i]);
          }
        }
        if (size < oldSize) {
          oldSize = size;
        } else {
          break;
        }
      }
    }
    if (evaluations > budget) {
      exhausted = true;
      break;
    }
  }
  return { point: Array.from(vertices[lowest]), value: values[lowest], evaluations, exhausted };
}

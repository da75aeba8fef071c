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
 * so the parameters' bounds live in the objective (it returns Infinity outside them).
 */
export function nelderMead(objective: (point: Float64Array) => number, start: readonly number[], options: NelderMeadOptions = {}): Minimum {
  const search = new NelderMeadSearch(objective, start, options);
  search.advance(options.maxEvaluations ?? 2000);
  return search.minimum();
}

/**
 * Nelder–Mead as a search that can stop at a budget and resume: advancing to 400 evaluations and then
 * to 2000 visits exactly the points one run with a budget of 2000 visits, so a race of candidate fits
 * can give each a first budget and finish only the promising ones, with the results of full runs.
 */
export class NelderMeadSearch {
  private readonly objective: (point: Float64Array) => number;
  private readonly n: number;
  private readonly convergence: number;
  private readonly vertices: Float64Array[];
  private readonly values: number[];
  private readonly centroid: Float64Array;
  private readonly trial: Float64Array;
  private readonly reflectedPoint: Float64Array;
  private oldSize: number;
  private lowest = 0;
  private valuesStale = true;
  private evaluations = 1;
  private exhausted = false;
  /** Converged (or the simplex stopped shrinking): no budget will move it further. */
  private finished = false;

  constructor(objective: (point: Float64Array) => number, start: readonly number[], options: NelderMeadOptions = {}) {
    const tolerance = options.relativeTolerance ?? Math.sqrt(Number.EPSILON);
    const n = start.length;
    this.objective = objective;
    this.n = n;
    const first = Float64Array.from(start);
    const firstValue = objective(first);
    if (!Number.isFinite(firstValue)) throw new Error("Nelder–Mead: the objective cannot be evaluated at the starting point");
    this.convergence = tolerance * (Math.abs(firstValue) + tolerance);
    // vertices[j] is a point; values[j] its objective. Vertex 0 is the start.
    this.vertices = [first];
    this.values = [firstValue];
    let step = 0;
    for (let i = 0; i < n; i++) step = Math.max(step, 0.1 * Math.abs(start[i]));
    if (step === 0) step = 0.1;
    let size = 0;
    for (let j = 1; j <= n; j++) {
      const vertex = Float64Array.from(start);
      let tryStep = step;
      // A step lost to rounding on a large coordinate is retried ten times larger.
      while (vertex[j - 1] === start[j - 1]) {
        vertex[j - 1] = start[j - 1] + tryStep;
        tryStep *= 10;
      }
      size += tryStep;
      this.vertices.push(vertex);
      this.values.push(NaN);
    }
    this.oldSize = size;
    this.centroid = new Float64Array(n);
    this.trial = new Float64Array(n);
    this.reflectedPoint = new Float64Array(n);
  }

  private evaluate(point: Float64Array): number {
    const value = this.objective(point);
    return Number.isFinite(value) ? value : BIG;
  }

  /** Whether the search has ended for good (converged), not merely paused at a budget. */
  get done(): boolean {
    return this.finished;
  }

  /** The lowest value found so far. */
  get best(): number {
    return this.values[this.lowest];
  }

  /** Searches on until converged or the evaluations spent exceed `budget` (the budget counts from the start). */
  advance(budget: number): void {
    if (this.finished || this.evaluations > budget) return;
    const { n, vertices, values, centroid, trial, reflectedPoint, convergence } = this;
    let lowest = this.lowest;
    let evaluations = this.evaluations;
    this.exhausted = false;
    for (;;) {
      if (this.valuesStale) {
        for (let j = 0; j <= n; j++) {
          if (j === lowest) continue;
          values[j] = this.evaluate(vertices[j]);
          evaluations++;
        }
        this.valuesStale = false;
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
      if (high <= low + convergence) {
        this.finished = true;
        break;
      }

      // The centroid of all vertices but the highest, summed in optim()'s order (vertex by vertex) for the same rounding.
      const worst = vertices[highest];
      for (let i = 0; i < n; i++) centroid[i] = -worst[i];
      for (let j = 0; j <= n; j++) {
        const vertex = vertices[j];
        for (let i = 0; i < n; i++) centroid[i] += vertex[i];
      }
      for (let i = 0; i < n; i++) centroid[i] /= n;
      for (let i = 0; i < n; i++) trial[i] = (1 + REFLECT) * centroid[i] - REFLECT * worst[i];
      const reflected = this.evaluate(trial);
      evaluations++;
      if (reflected < low) {
        // Try going further the same way; keep whichever of the two is lower.
        reflectedPoint.set(trial);
        for (let i = 0; i < n; i++) trial[i] = EXPAND * reflectedPoint[i] + (1 - EXPAND) * centroid[i];
        const expanded = this.evaluate(trial);
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
        const contracted = this.evaluate(trial);
        evaluations++;
        if (contracted < values[highest]) {
          worst.set(trial);
          values[highest] = contracted;
        } else if (reflected >= high) {
          // Nothing along the line helps: shrink every vertex towards the lowest.
          this.valuesStale = true;
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
          if (size < this.oldSize) {
            this.oldSize = size;
          } else {
            this.finished = true;
            break;
          }
        }
      }
      if (evaluations > budget) {
        this.exhausted = true;
        break;
      }
    }
    this.lowest = lowest;
    this.evaluations = evaluations;
  }

  minimum(): Minimum {
    return { point: Array.from(this.vertices[this.lowest]), value: this.values[this.lowest], evaluations: this.evaluations, exhausted: this.exhausted };
  }
}

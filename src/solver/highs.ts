// The HiGHS shell: loads the WebAssembly solver (Node or browser, lazily) and adapts it to the engine's LpSolver.
import type { Highs, InitOptions, Model, ModelData, OptionValue, VariableType } from "highs";
import type { LpProblem, LpSession, LpSolution, LpSolveOptions, LpSolver, LpStatus, SparseColumns } from "../engine/lp";

export interface HighsLoadOptions {
  /** Where `highs.wasm` is served from, for bundles that do not place it beside the loader (the task pane copies it into dist/). */
  locateFile?: (file: string) => string;
  /** The binary itself, when the host has it already (e.g. passed into a Web Worker). */
  wasmBinary?: ArrayBuffer | ArrayBufferView;
  /** Extra HiGHS options for every solve (snake_case names), e.g. for benchmarks. */
  highsOptions?: Record<string, OptionValue>;
}

let loading: Promise<Highs> | null = null;

/**
 * Loads HiGHS once per runtime (the import is dynamic, so bundles load the solver only when the
 * optimal plan is asked for). Callable inside a Web Worker: the solve is synchronous and long.
 */
export async function loadHighsSolver(options: HighsLoadOptions = {}): Promise<LpSolver> {
  const init: InitOptions = {};
  if (options.locateFile) init.locateFile = options.locateFile;
  if (options.wasmBinary) init.wasmBinary = options.wasmBinary;
  const custom = options.locateFile !== undefined || options.wasmBinary !== undefined;
  const load = async () => {
    const module = await import("highs");
    // CommonJS interop: the loader is the module itself or its default export.
    const loader = (typeof module === "function" ? module : module.default) as typeof module.default;
    return loader(init);
  };
  const highs = custom ? await load() : await (loading ??= load());
  return highsSolver(highs, options.highsOptions ?? {});
}

/** The engine's solver interface over one loaded HiGHS runtime. */
export function highsSolver(highs: Highs, extraOptions: Record<string, OptionValue> = {}): LpSolver {
  return {
    name: `HiGHS ${highs.version.string}`,
    solve: (problem, options = {}) => solveWithHighs(highs, problem, options, extraOptions),
    open: (problem) => openSession(highs, problem, extraOptions),
  };
}

const finiteValues = (highs: Highs, values: Float64Array): Float64Array =>
  highs.infinity === Infinity ? values : values.map((v) => (v === Infinity ? highs.infinity : v === -Infinity ? -highs.infinity : v));

/** A persistent HiGHS model: the LpSession of the engine's column generation. */
function openSession(highs: Highs, problem: LpProblem, extraOptions: Record<string, OptionValue>): LpSession {
  const model = highs.createModel(modelData(highs, problem, true));
  let columnCount = problem.columnCount;
  let strategy = -1;
  try {
    model.options.set({ output_flag: false, presolve: "off", solver: "simplex", ...extraOptions });
  } catch (error) {
    model.dispose();
    throw error;
  }
  const set = (columns: Int32Array) => ({ kind: "set" as const, indices: columns });
  return {
    setCosts: (columns, costs) => {
      if (columns.length > 0) model.changeColsCost(set(columns), costs);
    },
    addColumns: (cost: Float64Array, lower: Float64Array, upper: Float64Array, matrix: SparseColumns) => {
      if (cost.length === 0) return;
      model.addCols({
        cost,
        lower: finiteValues(highs, lower),
        upper: finiteValues(highs, upper),
        matrix: { format: "csc", numRows: problem.rowCount, numCols: cost.length, starts: matrix.starts, indices: matrix.rows, values: matrix.values },
      });
      columnCount += cost.length;
    },
    removeColumns: (columns) => {
      if (columns.length === 0) return;
      model.deleteCols(set(columns));
      columnCount -= columns.length;
    },
    solve: (options = {}) => {
      // 4 is HiGHS's primal simplex, 1 its dual (the default): after a cost change the primal
      // re-solve is about 5× faster (bench/optimal.bench.js).
      const wanted = options.primal ? 4 : 1;
      if (wanted !== strategy) model.options.set("simplex_strategy", wanted);
      strategy = wanted;
      const before = model.getRunTime();
      try {
        model.run();
      } catch (error) {
        return { ...failure(error, null), seconds: model.getRunTime() - before };
      }
      return solutionOf(highs, model, columnCount, false, false, model.getRunTime() - before);
    },
    basicColumns: () => {
      const status = model.getBasis().colStatus;
      return Uint8Array.from(status, (v) => (v === highs.constants.basisStatus.basic ? 1 : 0));
    },
    dispose: () => model.dispose(),
  };
}

function modelData(highs: Highs, problem: LpProblem, relax: boolean): ModelData {
  const finite = (values: Float64Array) => finiteValues(highs, values);
  return {
    numCols: problem.columnCount,
    numRows: problem.rowCount,
    offset: problem.offset,
    colCost: problem.cost,
    colLower: finite(problem.columnLower),
    colUpper: finite(problem.columnUpper),
    rowLower: finite(problem.rowLower),
    rowUpper: finite(problem.rowUpper),
    matrix: {
      format: "csc",
      numRows: problem.rowCount,
      numCols: problem.columnCount,
      starts: problem.matrix.starts,
      indices: problem.matrix.rows,
      values: problem.matrix.values,
    },
    ...(problem.integer && !relax ? { integrality: Int32Array.from(problem.integer) as Int32Array & readonly VariableType[] } : {}),
  };
}

function statusOf(highs: Highs, model: Model): LpStatus {
  const codes = highs.constants.modelStatus;
  switch (model.getModelStatus()) {
    case codes.optimal:
    case codes.empty:
      return "optimal";
    // The planning LP's costs are never negative, so "unbounded or infeasible" means infeasible.
    case codes.infeasible:
    case codes.unboundedOrInfeasible:
      return "infeasible";
    case codes.unbounded:
      return "unbounded";
    case codes.timeLimit:
    case codes.iterationLimit:
    case codes.interrupted:
    case codes.solutionLimit:
    case codes.objectiveBound:
    case codes.objectiveTarget:
      return "stopped";
    default:
      return "error";
  }
}

function numberInfo(model: Model, name: string): number | null {
  try {
    const value = model.info.get(name);
    return typeof value === "bigint" ? Number(value) : typeof value === "number" ? value : null;
  } catch {
    return null;
  }
}

function solveWithHighs(
  highs: Highs,
  problem: LpProblem,
  options: LpSolveOptions,
  extraOptions: Record<string, OptionValue>,
): LpSolution {
  const isMip = problem.integer !== null && !options.relaxIntegrality;
  let model: Model;
  try {
    model = highs.createModel(modelData(highs, problem, !isMip));
  } catch (error) {
    // HiGHS refuses some models outright (a coefficient or bound beyond its infinity, say): that
    // is a failed solve the engine explains, not an exception.
    return failure(error, null);
  }
  try {
    const settings: Record<string, OptionValue> = { output_flag: false };
    if (!isMip && options.algorithm && options.algorithm !== "auto") settings.solver = options.algorithm;
    if (options.timeLimitSeconds !== undefined) settings.time_limit = options.timeLimitSeconds;
    if (options.presolve === false) settings.presolve = "off";
    if (isMip && options.relativeGap !== undefined) settings.mip_rel_gap = options.relativeGap;
    if (isMip && options.nodeLimit !== undefined) settings.mip_max_nodes = options.nodeLimit;
    if (isMip) {
      // Measured on the planning MIPs: symmetry detection finds nothing in them and feasibility jump
      // repeats the rounded plan we pass as a start; both off make a small MIP ~1.5× faster.
      settings.mip_detect_symmetry = false;
      settings.mip_heuristic_run_feasibility_jump = false;
    }
    model.options.set({ ...settings, ...extraOptions });
    if (options.basis && !isMip) {
      try {
        model.setBasis({ colStatus: options.basis.columnStatus, rowStatus: options.basis.rowStatus });
      } catch {
        // A basis that does not fit this problem: solve from scratch instead.
      }
    }
    if (options.startingPoint && isMip) model.setSolution({ colValue: options.startingPoint });

    try {
      model.run();
    } catch (error) {
      return failure(error, model);
    }
    return solutionOf(highs, model, problem.columnCount, isMip, options.wantBasis === true, model.getRunTime());
  } finally {
    model.dispose();
  }
}

/** What a model's last run found, in the engine's words. */
function solutionOf(highs: Highs, model: Model, columnCount: number, isMip: boolean, wantBasis: boolean, seconds: number): LpSolution {
  const status = statusOf(highs, model);
  const hasSolution = numberInfo(model, "primal_solution_status") === highs.constants.solutionStatus.feasible;
  const objective = hasSolution ? model.getObjectiveValue() : NaN;
  const solution = hasSolution ? model.getSolution() : null;
  const iterations = (numberInfo(model, "simplex_iteration_count") ?? 0) + (numberInfo(model, "ipm_iteration_count") ?? 0);
  let bound: number | null = status === "optimal" ? objective : null;
  let gap: number | null = status === "optimal" ? 0 : null;
  if (isMip) {
    bound = numberInfo(model, "mip_dual_bound");
    gap = numberInfo(model, "mip_gap");
    if (gap !== null && !Number.isFinite(gap)) gap = null;
  }
  const dualsValid =
    !isMip && status === "optimal" && solution !== null && numberInfo(model, "dual_solution_status") === highs.constants.solutionStatus.feasible;
  return {
    status,
    hasSolution,
    objective,
    columnValues: solution ? solution.colValue : new Float64Array(columnCount),
    bound,
    gap,
    seconds,
    iterations,
    ...(wantBasis && status === "optimal" && !isMip
      ? { basis: (({ colStatus, rowStatus }) => ({ columnStatus: colStatus, rowStatus }))(model.getBasis()) }
      : {}),
    ...(dualsValid && solution ? { rowDuals: solution.rowDual, columnDuals: solution.colDual } : {}),
  };
}

function failure(error: unknown, model: Model | null): LpSolution {
  return {
    status: "error",
    hasSolution: false,
    objective: NaN,
    columnValues: new Float64Array(0),
    bound: null,
    gap: null,
    seconds: model?.getRunTime() ?? 0,
    iterations: 0,
    detail: error instanceof Error ? error.message : String(error),
  };
}

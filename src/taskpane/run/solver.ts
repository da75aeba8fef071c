// Loads the LP solver (HiGHS' WebAssembly) on demand, inside the planning worker: only a run that asks for the optimal plan pays for it.
import type { LpSolver } from "../../engine";

export async function loadSolver(): Promise<LpSolver> {
  // A chunk of its own: neither the pane nor a run without `optimal` downloads the solver's code.
  // Webpack emits highs.wasm as an asset beside the bundles and gives the loader its URL.
  const { loadHighsSolver } = await import(/* webpackChunkName: "highs" */ "../../solver/highs");
  return loadHighsSolver();
}

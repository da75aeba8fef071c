// R's forecast package as the reference for the forecasts, run live: the series written to a file, test/support/forecastReference.R
// fits them, its JSON read back. One place for the Rscript setup that the engine's and the functions' R comparisons share.
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";

const RSCRIPT = process.env.RSCRIPT ?? "Rscript";
const REFERENCE = path.join(__dirname, "forecastReference.R");

/** A forecast and its 80 % and 95 % intervals, as R's forecast() gives them. */
export interface Intervals {
  mean: number[];
  lo80: number[];
  hi80: number[];
  lo95: number[];
  hi95: number[];
}

/** What forecastReference.R writes for one series (R's scalars arrive as one-element arrays). */
export interface Reference {
  name: string;
  seasonLength: number;
  horizon: number;
  y: number[];
  method: string;
  aicc: [number];
  parameters: Record<"alpha" | "beta" | "gamma" | "phi", [number | null]>;
  forecast: Intervals;
  forms: { method: string; aicc: [number | null] }[];
  naive: Intervals;
  snaive?: Intervals;
  croston?: [number];
  croston2?: [number];
}

/** A series to fit: its name, season length, horizon, and its values (comma-separated, or `dataset:<R data set>`); a fifth field forces an ETS form ("MAdA"). */
export type ReferenceSeries = readonly [name: string, seasonLength: number, horizon: number, values: string, form?: string];

/** Runs Rscript with these arguments; throws with R's message when it fails. */
export function runR(args: string[]): void {
  const run = spawnSync(RSCRIPT, args, { encoding: "utf8", timeout: 300_000 });
  if (run.error || run.status !== 0) throw new Error(`Rscript failed: ${run.error?.message ?? run.stderr}`);
}

/** Throws unless R and its forecast package are installed (test-prerequisites.js installs them). */
export function requireRForecast(): void {
  const probe = spawnSync(RSCRIPT, ["-e", "suppressMessages(library(forecast))"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) throw new Error("R's forecast package is needed: apt-get install r-cran-forecast");
}

/**
 * R's fits of the series, in their order; `more(dir)` may use the same temporary folder for further R runs
 * before it is removed.
 */
export function forecastReferences(series: readonly ReferenceSeries[], more?: (dir: string) => void): Reference[] {
  requireRForecast();
  const dir = mkdtempSync(path.join(tmpdir(), "sop-forecast-r-"));
  try {
    writeFileSync(path.join(dir, "series.tsv"), series.map((s) => s.join("\t")).join("\n") + "\n");
    runR([REFERENCE, path.join(dir, "series.tsv"), path.join(dir, "reference.json")]);
    const references = JSON.parse(readFileSync(path.join(dir, "reference.json"), "utf8")) as Reference[];
    more?.(dir);
    return references;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

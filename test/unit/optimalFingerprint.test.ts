// The optimal plans of the demo and the bench's workbooks, fingerprinted: a refactoring of the optimal
// strategy (issue 25: optimal.ts split by job) must leave every plan byte-identical. The fingerprints in
// test/fixtures/optimalPlans.sha256.json were computed before the split; a change that means to change
// the plans records the new ones (and says why in its commit).
import { createHash } from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import { templateWorkbook } from "../../bench/templateWorkbook";
import { sampleNextMonth, sampleTemplate } from "../../src/workbook/sample";
import type { WorkbookSpec } from "../../src/workbook/sheet";
import { findVersionsBlock, layoutVersionsSheet, parseVersions } from "../../src/workbook/versions";
import { readWorkbookBlocks } from "../../src/xlsx/reader";
import { writeWorkbook } from "../../src/xlsx/writer";
import { runCli } from "../support/cli";

const FIXTURE = path.join(__dirname, "..", "fixtures", "optimalPlans.sha256.json");

/** The workbook without the Policy rows named (no subcontracting, no backorders: demand above capacity goes unmet). */
function withoutPolicyRows(spec: WorkbookSpec, parameters: readonly string[]): WorkbookSpec {
  const sheets = spec.sheets.map((sheet) => {
    if (sheet.name !== "Policy") return sheet;
    const cells = sheet.cells.filter((row) => !parameters.includes(String(row[0]?.value)));
    return { ...sheet, cells, tables: sheet.tables?.map((table) => ({ ...table, rows: cells.length })) };
  });
  return { ...spec, sheets };
}

/** What the optimal plans decide, field by field, in a fixed order (other fields of the report are other strategies' or other features'). */
function canonicalPlans(json: string): string {
  const report = JSON.parse(json) as {
    families: { family: string; plans: { strategy: string; feasible: boolean; totalCost: number; revenue: number; margin: number; periods: Record<string, unknown>[] }[] }[];
    resources: { resource: string; periods: { period: string; marginalValue?: number }[] }[];
    scenarios?: { scenario: string; families: Record<string, unknown>[] }[];
  };
  const fields = ["period", "demand", "regular", "overtime", "subcontract", "workers", "hired", "laidOff", "inventory", "backlog", "shipped", "unmet", "marginalCost"];
  const families = report.families.map(({ family, plans }) => {
    const plan = plans.find((p) => p.strategy === "optimal")!;
    return {
      family,
      feasible: plan.feasible,
      totalCost: plan.totalCost,
      revenue: plan.revenue,
      margin: plan.margin,
      periods: plan.periods.map((p) => fields.map((f) => p[f] ?? null)),
    };
  });
  const marginalValues = report.resources.flatMap((r) => r.periods.map((p) => [r.resource, p.period, p.marginalValue ?? null]));
  const scenarios = (report.scenarios ?? []).map(({ scenario, families: rows }) => [
    scenario,
    rows.map((r) => ["family", "totalCost", "revenue", "margin", "shipped", "unmet", "feasible"].map((f) => r[f] ?? null)),
  ]);
  return JSON.stringify({ families, marginalValues, scenarios });
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "sop-fingerprint-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function optimalJson(name: string, spec: WorkbookSpec): Promise<string> {
  const input = path.join(dir, `${name}.xlsx`);
  fs.writeFileSync(input, await writeWorkbook(spec));
  // A budget no step reaches even on a busy machine: the plans are then decided by the solves' own
  // limits (gaps, rounds, nodes), not by the clock, and are the same on every run.
  const run = await runCli([input, "-o", path.join(dir, `${name}-plan.xlsx`), "--json", "--strategies", "optimal", "--time-limit", "600"]);
  expect(run.status).toBe(0);
  return run.stdout;
}

/** The demo's second month (scripts/demo.js): last month planned and saved as a version, then the revised forecast with its frozen months and scenarios. */
async function demoWorkbook(): Promise<WorkbookSpec> {
  const lastMonth = path.join(dir, "demo-last-month.xlsx");
  const lastPlan = path.join(dir, "demo-last-month-plan.xlsx");
  fs.writeFileSync(lastMonth, await writeWorkbook(sampleTemplate()));
  expect((await runCli([lastMonth, "-o", lastPlan, "--save-version", "Nov 2026", "-q"])).status).toBe(0);
  const { versions } = parseVersions(findVersionsBlock(await readWorkbookBlocks(lastPlan)));
  return sampleNextMonth([layoutVersionsSheet(versions).sheet]);
}

const NO_LEVERS = ["Subcontract cost per unit", "Backorder cost per unit"];
const CASES: Record<string, () => Promise<WorkbookSpec> | WorkbookSpec> = {
  demo: demoWorkbook,
  "3 families, whole workers": () => templateWorkbook(3, { integerWorkers: true, seed: 7 }),
  "20 coupled families, whole workers": () => templateWorkbook(20, { integerWorkers: true }),
  "8 families over capacity, whole workers": () => withoutPolicyRows(templateWorkbook(8, { integerWorkers: true, tightness: 0.6 }), NO_LEVERS),
  "20 families over capacity": () => withoutPolicyRows(templateWorkbook(20, { tightness: 0.6 }), NO_LEVERS),
  "100 coupled families": () => templateWorkbook(100),
  "100 coupled families, whole workers (decomposition)": () => templateWorkbook(100, { integerWorkers: true }),
};

describe("the optimal plans are those recorded", () => {
  const recorded = JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as Record<string, string>;

  it("records every case", () => {
    expect(Object.keys(recorded).sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.keys(CASES))("%s", async (name) => {
    const json = await optimalJson(name.replace(/\W+/g, "-"), await CASES[name]());
    const canonical = canonicalPlans(json);
    // The hard cases are what they say: over capacity, demand goes unmet.
    const unmet = (JSON.parse(canonical) as { families: { periods: unknown[][] }[] }).families.flatMap((f) => f.periods.map((p) => p[11] as number));
    expect(unmet.some((u) => u > 0)).toBe(name.includes("over capacity"));
    expect(sha256(canonical)).toBe(recorded[name]);
  });
});

// Bad input never crashes the planner: 400 seeded damaged copies of the sample template go through
// the whole pipeline (find, parse, plan with the real solver, lay out); each run ends in plans or in
// messages that name their cell, and never in an exception.
import { loadHighsSolver } from "../../src/solver/highs";
import type { LpSolver } from "../../src/engine/lp";
import { runPlanner } from "../../src/workbook/pipeline";
import type { RawCell, RawTable } from "../../src/workbook/raw";
import { sampleTemplate } from "../../src/workbook/sample";
import { prng } from "../support/prng";


/** What a user or another program can leave in a cell. */
const ODD_VALUES: RawCell[] = [
  null,
  "",
  "  ",
  "n/a",
  "100",
  "=HYPERLINK(\"http://x\")",
  "-5",
  -1,
  -0.0001,
  0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  0.1 + 0.2,
  true,
  false,
  { error: "#N/A" },
  { error: "#DIV/0!" },
  { date: 46388 },
  "Yes",
  "No",
  "Average",
  "Working days",
  "Cordless Drills",
  "Forecast",
];

/** The sample template as the blocks a host reads: one per sheet, each a table. */
function sampleBlocks(): RawTable[] {
  return sampleTemplate().sheets.map((sheet) => ({
    name: sheet.name,
    sheet: sheet.name,
    top: 0,
    left: 0,
    isTable: true,
    values: sheet.cells.map((line) => line.map((cell) => (cell?.value ?? null) as RawCell)),
  }));
}

/** One to six kinds of damage: odd cells, lost or doubled rows and columns, a ragged or emptied table. */
function damage(blocks: RawTable[], random: () => number): RawTable[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const copy = blocks.map((b) => ({ ...b, values: b.values.map((line) => [...line]) }));
  const hits = 1 + Math.floor(random() * 6);
  for (let i = 0; i < hits; i++) {
    const block = pick(copy);
    const rows = block.values.length;
    const row = Math.floor(random() * Math.max(1, rows));
    const width = Math.max(1, ...block.values.map((l) => l.length));
    const column = Math.floor(random() * width);
    switch (pick(["cell", "cell", "cell", "dropRow", "doubleRow", "dropColumn", "ragged", "empty", "rename"] as const)) {
      case "cell":
        if (rows > 0) block.values[row][column] = pick(ODD_VALUES);
        break;
      case "dropRow":
        block.values.splice(row, 1);
        break;
      case "doubleRow":
        if (rows > 0) block.values.splice(row, 0, [...block.values[row]]);
        break;
      case "dropColumn":
        for (const line of block.values) line.splice(column, 1);
        break;
      case "ragged":
        if (rows > 0) block.values[row] = block.values[row].slice(0, column);
        break;
      case "empty":
        block.values = random() < 0.5 ? [] : [block.values[0] ?? []];
        break;
      case "rename":
        block.name = pick(["Forecast", "forecast ", "Policy", "Products", "Sheet1", "Capacity", "Plan", "Plan (2)"]);
        break;
    }
  }
  return copy;
}

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

describe("400 damaged copies of the sample template", () => {
  it("each plans, or stops with messages that name a sheet and cell or a table, and none throws", () => {
    const outcomes = { planned: 0, refused: 0 };
    for (let seed = 1; seed <= 400; seed++) {
      const random = prng(seed);
      const blocks = damage(sampleBlocks(), random);
      const approach = random() < 0.5 ? "top-down" : "bottom-up";
      let run: ReturnType<typeof runPlanner>;
      try {
        run = runPlanner(blocks, { strategies: ["level", "chase", "manual", "optimal"], solver, approach });
      } catch (error) {
        throw new Error(`seed ${seed} (${approach}) threw: ${error instanceof Error ? error.stack : String(error)}`, { cause: error });
      }
      const errors = run.messages.filter((m) => m.severity === "error");
      if (run.input === null) {
        outcomes.refused++;
        // Nothing is written when the input has errors, and each error says where.
        expect({ seed, sheets: run.sheets.sheets.length }).toEqual({ seed, sheets: 0 });
        for (const m of errors) {
          const where = m.cell ?? m.message;
          expect({ seed, where: /[A-Za-z][^!]*![A-Z]{1,3}\d+|Forecast|Policy|Products|Capacity|Plan/.test(where) }).toEqual({ seed, where: true });
        }
      } else {
        outcomes.planned++;
        expect({ seed, families: run.results.length > 0 }).toEqual({ seed, families: true });
        // A planned run's only errors are plans that overload a resource, each naming its family.
        for (const m of errors) expect({ seed, m: /overload/.test(m.message) }).toEqual({ seed, m: true });
        // Every plan costs a real amount: no NaN or infinity leaks out of the engine.
        for (const r of run.results) {
          for (const p of r.plans) expect({ seed, family: r.family, strategy: p.strategy, finite: Number.isFinite(p.totalCost) && Number.isFinite(p.margin) }).toEqual({ seed, family: r.family, strategy: p.strategy, finite: true });
        }
        expect({ seed, sheets: run.sheets.sheets.length > 0 }).toEqual({ seed, sheets: true });
        // Every number the sheets cache is a real number or an Excel error, never NaN or undefined.
        for (const sheet of run.sheets.sheets) {
          for (const line of sheet.cells) {
            for (const cell of line) {
              if (cell?.formula !== undefined) expect({ seed, sheet: sheet.name, cached: typeof cell.cached }).not.toEqual({ seed, sheet: sheet.name, cached: "undefined" });
            }
          }
        }
      }
    }
    // The damage is varied enough to reach both outcomes often.
    expect(outcomes.planned).toBeGreaterThan(40);
    expect(outcomes.refused).toBeGreaterThan(40);
  }, 120_000);
});

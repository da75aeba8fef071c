// The executive summary's lists of families: the families that matter most first, and every cut list says how many more and where.
import { runPlanner } from "../../src/workbook/pipeline";
import type { RawCell, RawTable } from "../../src/workbook/raw";
import type { CellSpec, SheetSpec } from "../../src/workbook/sheet";
import { readBackSheet, sheetBlock } from "../support/grids";
import { HAND_POLICY } from "../support/handCase";

const names = Array.from({ length: 14 }, (_, i) => `Family ${String(i + 1).padStart(2, "0")}`);
/** Family i (from 1) sells 100·i, 50·i, 150·i: the later the family, the more revenue; chase hires and lays off for every one. */
const forecast = sheetBlock("Forecast", [["Family", "Product", "Jan", "Feb", "Mar"], ...names.map((name, i) => [name, null, 100 * (i + 1), 50 * (i + 1), 150 * (i + 1)])]);
const policy = (extra: [string, RawCell][] = []): RawTable =>
  sheetBlock("Policy", [...(HAND_POLICY.filter(([name]) => !extra.some(([given]) => given === name)) as RawCell[][]), ...extra]);

const executive = (sheets: SheetSpec[]) => sheets.find((s) => s.name === "SOP Executive summary")!;
const firstValues = (sheet: SheetSpec) => sheet.cells.map((line: (CellSpec | null)[]) => line[0]?.value);
/** The first-column texts of the section titled `title`, up to the next blank line. */
function section(sheet: SheetSpec, title: string): unknown[] {
  const values = firstValues(sheet);
  const top = values.findIndex((v) => typeof v === "string" && v.startsWith(title));
  const end = values.findIndex((v, i) => i > top && v === undefined);
  return values.slice(top + 2, end);
}

describe("14 families on a page that lists 12", () => {
  const run = runPlanner([forecast, policy()], { strategies: ["chase"] });
  const sheet = executive(run.sheets.sheets);

  it("lists the families with the most revenue first in every list, and says how many more and where", () => {
    const byRevenue = [...names].reverse();
    expect(section(sheet, "Decision per family")).toEqual([...byRevenue.slice(0, 12), "… and 2 more families on SOP Summary (Recommendations)."]);
    expect(section(sheet, "Volumes per family")).toEqual([
      ...byRevenue.slice(0, 12),
      "… and 2 more families on SOP Summary (the recommended plans by period) and their family sheets; All families counts every family.",
      "All families",
    ]);
    const decisions = sheet.cells.filter((line) => line[0]?.style === "label" && (line[0]?.value === "Hire" || line[0]?.value === "Lay off"));
    expect(new Set(decisions.map((line) => line[1]?.value))).toEqual(new Set(byRevenue.slice(0, 12)));
    expect(section(sheet, "Decisions to take").at(-1)).toBe("… and decisions for 2 more families on SOP Summary (the recommended plans by period) and their family sheets.");
  });
});

describe("decisions to take", () => {
  const at = new Date(2026, 10, 2, 9, 0, 0);
  const tools = (demand: number[]) => sheetBlock("Forecast", [["Family", "Product", "Jan", "Feb", "Mar"], ["Tools", null, ...demand]]);
  const decision = (sheet: SheetSpec, name: string) => sheet.cells.find((line) => line[0]?.style === "label" && line[0]?.value === name);

  it("fractional layoffs name every period they fall in, to the decimal their cells show", () => {
    // 5 workers making 50 each; chase keeps 4.7, 4.3 and 4: 0.3, 0.4 and 0.3 laid off, none a whole worker.
    const run = runPlanner([tools([235, 215, 200]), policy([["Integer workers", "No"]])], { strategies: ["chase"] });
    const layoffs = decision(executive(run.sheets.sheets), "Lay off")!;
    expect(layoffs[2]?.cached).toBeCloseTo(1, 9);
    expect(layoffs[3]?.value).toBe("Jan (0.3), Feb (0.4), Mar (0.3)");
  });

  it("a frozen period's hires were agreed with the version: left out of the decisions, and the title says so", () => {
    // Last month's chase: 6 workers in Jan (1 hired), 2 in Feb, 4 in Mar (2 hired); Jan is frozen now.
    const november = runPlanner([tools([300, 100, 200]), policy()], { strategies: ["chase"], plannedAt: at, saveVersion: "Nov" });
    const versions = november.sheets.sheets.find((s) => s.name === "SOP Versions")!;
    const run = runPlanner([tools([300, 100, 200]), policy([["Frozen periods", 1]]), readBackSheet(versions)], { strategies: ["chase"], plannedAt: at });
    const plan = run.results[0].plans[0];
    expect(plan.periods.map((p) => p.hired)).toEqual([1, 0, 2]);
    const sheet = executive(run.sheets.sheets);
    expect(decision(sheet, "Hire")?.[2]?.cached).toBe(2);
    expect(decision(sheet, "Hire")?.[3]?.value).toBe("Mar (2)");
    expect(firstValues(sheet).find((v) => typeof v === "string" && v.startsWith("Decisions to take"))).toBe(
      "Decisions to take (the recommended plans; capacity values from the optimal plan's marginal values; frozen periods left out, agreed with the version they keep)",
    );
  });
});

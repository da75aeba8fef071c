// Opening stock without a Policy value, in a plan that makes nothing: valued at the family's own unit cost, and said so.
import { runPlanner } from "../../src/workbook/pipeline";
import type { RawCell } from "../../src/workbook/raw";
import { sheetBlock } from "../support/grids";
import { HAND_POLICY } from "../support/handCase";

const forecast = sheetBlock("Forecast", [["Family", "Product", "Jan", "Feb", "Mar"], ["Tools", null, 100, 100, 100]]);
const policy = (extra: [string, RawCell][]) => sheetBlock("Policy", [...(HAND_POLICY.filter(([name]) => !extra.some(([given]) => given === name)) as RawCell[][]), ...extra]);

test("300 on hand ship 300: cost of goods sold 300 × (material 5 + regular 2 a unit), not 0; an info names the Policy cell", () => {
  // No workers and no hiring needed: the chase plan makes nothing and ships the stock.
  const run = runPlanner([forecast, policy([["Initial inventory", 300], ["Initial workers", 0], ["Regular cost per unit", 2]])], { strategies: ["chase"] });
  const plan = run.results[0].plans[0];
  expect(plan.periods.map((p) => p.regular + p.overtime + p.subcontract)).toEqual([0, 0, 0]);
  expect(plan.cogs).toBeCloseTo(2100, 9);
  // Revenue 300 × 60, less that and the holding (200 + 100 + 0 held at 2).
  expect(plan.grossMargin).toBeCloseTo(300 * 60 - 2100 - 600, 9);
  const info = run.messages.find((m) => m.message.includes("Opening stock value per unit"))!;
  expect(info).toMatchObject({ severity: "info", cell: "Policy!A17" });
  expect(info.message).toBe(
    'Policy!A17: "Opening stock value per unit" is blank, so the opening stock of "Tools" is valued at the unit cost of the first period that makes anything, or, in a plan that makes nothing, at the family\'s material + regular cost per unit (what it ships from stock costs that).',
  );
  // The family sheet's P&L formulas give the same: its opening value per unit reads material + regular per unit.
  const sheet = run.sheets.sheets.find((s) => s.name === "SOP Tools")!;
  const cogs = sheet.cells.find((line) => line[0]?.value === "Cost of goods sold");
  expect(cogs?.slice(1, 4).reduce((sum, c) => sum + Number(c?.cached ?? 0), 0)).toBeCloseTo(2100, 9);
});

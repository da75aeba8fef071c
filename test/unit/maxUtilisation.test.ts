// Capacity `Max utilisation`: a share per period the plans keep every resource under, read with cell-named errors, shown on SOP Capacity.
import type { LpSolver } from "../../src/engine/lp";
import { loadHighsSolver } from "../../src/solver/highs";
import { runPlanner } from "../../src/workbook/pipeline";
import type { RawCell } from "../../src/workbook/raw";
import { sheetBlock } from "../support/grids";
import { HAND_FORECAST, HAND_POLICY } from "../support/handCase";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/** The hand case with a Press (1 h a Drill) of 250 h a month and subcontracting at 80 a unit (dearer than making one, 37). */
const policy = sheetBlock("Policy", [...(HAND_POLICY.filter(([name]) => name !== "Subcontract cost per unit") as RawCell[][]), ["Subcontract cost per unit", 80]]);
const forecast = sheetBlock("Forecast", HAND_FORECAST as RawCell[][]);
const products = sheetBlock("Products", [
  ["Product", "Family", "Mix", "Press"],
  ["Drill", "Tools", 1, 1],
]);
const capacity = (ceiling: RawCell[]) =>
  sheetBlock("Capacity", [
    ["Resource", "Jan", "Feb", "Mar"],
    ["Press", 250, 250, 250],
    ["Max utilisation", ...ceiling],
  ]);

describe("Capacity Max utilisation", () => {
  it("80 %, 0.9 and blank make 200, 225 and 250 h of the Press's 250 the capacity every plan is checked and optimised against", () => {
    const run = runPlanner([forecast, policy, products, capacity([0.8, 0.9, null])], { strategies: ["level", "chase", "optimal"], solver });
    expect(run.messages.filter((m) => m.severity === "error")).toEqual([]);
    expect(run.input?.resources).toEqual([{ resource: "Press", available: [200, 225, 250], stated: [250, 250, 250] }]);
    expect(run.input?.maxUtilization).toEqual([0.8, 0.9, 1]);
    const optimal = run.results[0].plans.find((p) => p.strategy === "optimal")!;
    expect(run.results[0].recommended).toBe("optimal");
    // Jan's 300 Drills: 200 made (the Press at its ceiling), the rest bought; nothing made above the ceiling in any period.
    expect(optimal.periods[0].regular + optimal.periods[0].overtime).toBeCloseTo(200, 6);
    optimal.periods.forEach((p, t) => expect(p.regular + p.overtime).toBeLessThanOrEqual([200, 225, 250][t] + 1e-6));
    // Chase makes Jan's 300 in-house: over the ceiling, so not feasible, and said so.
    const chase = run.results[0].plans.find((p) => p.strategy === "chase")!;
    expect(chase.feasible).toBe(false);
    expect(chase.violations.map((v) => v.message).join(" ")).toMatch(/Press at 150 % \(300 of 200 available\)/);
    // The Capacity sheet: stated, the share, Available their product (a formula), utilisation of it.
    const sheet = run.sheets.sheets.find((s) => s.name === "SOP Capacity")!;
    const line = (what: string) => sheet.cells.find((row) => row?.[0]?.value === "Press" && row?.[1]?.value === what)!;
    expect(line("Stated capacity").slice(2, 5).map((c) => c?.value)).toEqual([250, 250, 250]);
    expect(line("Max utilisation").slice(2, 5).map((c) => c?.value)).toEqual([0.8, 0.9, 1]);
    const available = line("Available (stated × max utilisation)");
    expect(available.slice(2, 5).map((c) => c?.cached)).toEqual([200, 225, 250]);
    expect(available[2]?.formula).toMatch(/^C\d+\*C\d+$/);
    expect(line("Utilisation")[2]?.cached).toBeCloseTo(1, 9);
    expect(sheet.cells[1][0]?.value).toMatch(/Available is the stated capacity × the Capacity table's Max utilisation/);
    // The JSON's resources and the risks read the same figure.
    expect(run.resources[0].periods.map((p) => p.available)).toEqual([200, 225, 250]);
  });

  it("100 % everywhere (or no row) changes nothing: no stated line", () => {
    const run = runPlanner([forecast, policy, products, capacity([1, null, 100])], { strategies: ["chase"] });
    expect(run.messages.filter((m) => m.cell?.startsWith("Capacity"))).toEqual([]);
    expect(run.input?.resources).toEqual([{ resource: "Press", available: [250, 250, 250] }]);
  });

  it("a share that is not one is an error naming its cell", () => {
    const run = runPlanner([forecast, policy, products, capacity([0, 150, "most"])], { strategies: ["chase"] });
    expect(run.input).toBeNull();
    const errors = run.messages.filter((m) => m.severity === "error");
    expect(errors.map((m) => m.cell)).toEqual(["Capacity!B3", "Capacity!C3", "Capacity!D3"]);
    expect(errors[0].message).toBe("Capacity!B3 is 0; Max utilisation must be a share above 0 and at most 100 %, such as 90 % (or 0.9).");
    expect(errors[1].message).toBe("Capacity!C3 is 150; Max utilisation must be a share above 0 and at most 100 %, such as 90 % (or 0.9).");
    expect(errors[2].message).toMatch(/^Capacity!D3 is text, not a number \("most"\); Max utilisation must be a number\./);
  });
});

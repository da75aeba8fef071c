// A run's result crosses from the pane's worker by structured clone: it must be data (no functions), with a Budget and a compared version too.
import { runPlanner } from "../../src/workbook/pipeline";
import { MemoryWorkbookHost } from "../../src/workbook/memoryHost";
import { sampleNextMonth, sampleTemplate } from "../../src/workbook/sample";
import { findVersionsBlock, layoutVersionsSheet, parseVersions } from "../../src/workbook/versions";

it("a month with a Budget, Actuals and a saved version plans to a result that structured clone copies whole", async () => {
  const lastMonth = new MemoryWorkbookHost(sampleTemplate());
  const planned = runPlanner(await lastMonth.readBlocks(), { strategies: ["level", "chase", "manual"], saveVersion: "November agreed" });
  await lastMonth.writeSheets(planned.sheets);
  const { versions } = parseVersions(findVersionsBlock(await lastMonth.readBlocks()));
  const run = runPlanner(await new MemoryWorkbookHost(sampleNextMonth([layoutVersionsSheet(versions).sheet])).readBlocks(), { strategies: ["level", "chase", "manual"] });
  expect(run.sheets.sheets.map((s) => s.name)).toContain("SOP Variance");
  expect(run.sheets.sheets.find((s) => s.name === "SOP Variance")!.cells.flat().some((c) => c?.value === "Plan − budget")).toBe(true);
  expect(structuredClone(run.sheets)).toEqual(run.sheets);
});

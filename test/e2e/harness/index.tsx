// Test-only entry: the production task pane with Excel replaced by an in-memory workbook, for the browser tests and the bench.
// Built only by `webpack --env e2e` into test-output/; never part of dist/.
import { MemoryWorkbookHost } from "../../../src/workbook/memoryHost";
import { sampleTemplate } from "../../../src/workbook/sample";
import type { WorkbookSpec } from "../../../src/workbook/sheet";

/** The memory workbook, plus a delay on reads so a test can see (and cancel) a run in its first stage. */
class SlowableHost extends MemoryWorkbookHost {
  readDelayMs = 0;

  override async readBlocks() {
    if (this.readDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.readDelayMs));
    return super.readBlocks();
  }
}

declare global {
  interface Window {
    /** The in-memory workbook the pane works on: the test reads and sets its cells and selection. */
    sopHost?: MemoryWorkbookHost & { readDelayMs: number };
  }
}

/**
 * This month's sample with last month's plan saved as version "November agreed" (planned here, as a
 * first run would have, without the optimal plan so no solver is needed), a Scenarios table, and the
 * Policy's cost cells formatted in euros.
 */
async function reviewCycle(): Promise<SlowableHost> {
  const [{ runPlanner }, { findVersionsBlock, layoutVersionsSheet, parseVersions }, { sampleNextMonth }] = await Promise.all([
    import("../../../src/workbook/pipeline"),
    import("../../../src/workbook/versions"),
    import("../../../src/workbook/sample"),
  ]);
  const lastMonth = new MemoryWorkbookHost(sampleTemplate());
  const planned = runPlanner(await lastMonth.readBlocks(), {
    strategies: ["level", "chase", "manual"],
    saveVersion: "November agreed",
    plannedAt: new Date(2026, 10, 27, 16, 30),
  });
  await lastMonth.writeSheets(planned.sheets);
  const { versions } = parseVersions(findVersionsBlock(await lastMonth.readBlocks()));
  const host = new SlowableHost(sampleNextMonth());
  // The saved versions are the planner's own sheet, as a run left it (a later run rewrites it).
  await host.writeSheets({ sheets: [layoutVersionsSheet(versions).sheet] });
  host.activeSheet = "Forecast";
  host.calls.length = 0;
  // Regular cost per hour, and the other money cells of the Value column: what the pane takes its currency from.
  for (const row of [9, 10, 12, 13, 17]) host.setNumberFormat(`Policy!B${row}`, '#,##0.00 "€"');
  return host;
}

/** The workbooks a test can open: `?workbook=blank` (one empty sheet), `?workbook=bad` (the sample with a text in a demand cell), `?workbook=cycle` (see `reviewCycle`). */
function workbook(kind: string | null): WorkbookSpec {
  if (kind !== "bad") return { sheets: [{ name: "Sheet1", cells: [] }] };
  const spec = sampleTemplate();
  const forecast = spec.sheets.find((s) => s.name === "Forecast");
  // Row 3, column E: Drill 12V's demand in Mar 2027.
  if (forecast) forecast.cells[2][4] = { value: "about 900" };
  return spec;
}

async function start(): Promise<void> {
  const container = document.getElementById("container");
  if (!container) return;
  await new Promise<void>((resolve) => Office.onReady(() => resolve()));
  const query = new URLSearchParams(location.search);
  const host = query.get("workbook") === "cycle" ? await reviewCycle() : new SlowableHost(workbook(query.get("workbook")));
  window.sopHost = host;
  const [{ createRoot }, { App, FluentProvider, WorkerPlanner, webDarkTheme, webLightTheme }] = await Promise.all([
    import("react-dom/client"),
    import("../../../src/taskpane/ui"),
  ]);
  createRoot(container).render(
    <FluentProvider theme={query.get("theme") === "dark" ? webDarkTheme : webLightTheme}>
      <App host={host} planner={new WorkerPlanner()} />
    </FluentProvider>,
  );
}

start().catch((error: unknown) => {
  document.body.textContent = `The test pane could not start: ${error instanceof Error ? error.message : String(error)}`;
});

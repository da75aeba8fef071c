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
    /** Set by the test before the page loads: the workbook to open (see `givenWorkbook`). */
    sopWorkbook?: { user: WorkbookSpec; planner: WorkbookSpec; formats: [string, string][] };
  }
}

/**
 * A workbook the test built (in Node, so this page imports no planning code of its own and the
 * pane's chunks are split as in production): the user's sheets, the planner's sheets an earlier
 * run left (the saved versions), and number formats by cell.
 */
async function givenWorkbook(given: NonNullable<Window["sopWorkbook"]>): Promise<SlowableHost> {
  const host = new SlowableHost(given.user);
  if (given.planner.sheets.length > 0) await host.writeSheets(given.planner);
  for (const [address, format] of given.formats) host.setNumberFormat(address, format);
  host.activeSheet = given.user.sheets[0]?.name ?? null;
  host.calls.length = 0;
  return host;
}

/** The workbooks a test can open: `?workbook=blank` (one empty sheet), or `?workbook=bad` (the sample with a text in a demand cell); or the test's own (`window.sopWorkbook`). */
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
  const host = window.sopWorkbook ? await givenWorkbook(window.sopWorkbook) : new SlowableHost(workbook(query.get("workbook")));
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

// The baselines a run will fit, listed ahead (for a front end with several cores): this month's sample with last month's
// version saved asks for each series' baseline and the version's origin once each, and a run answered from those alone
// fits nothing itself and gives the same review, accuracy and plans as a run that fits them.
import { baselineKey, demandBaseline, precomputedBaselines, type Baseline, type BaselineOptions } from "../../src/engine";
import { baselineRequests, runPlanner, type PlannerRun } from "../../src/workbook/pipeline";
import { sampleEarlierMonth, sampleNextMonth } from "../../src/workbook/sample";
import { layoutVersionsSheet } from "../../src/workbook/versions";
import { MemoryWorkbookHost } from "../../src/workbook/memoryHost";

const STRATEGIES = ["level", "chase"] as const;

async function thisMonth() {
  const last = new MemoryWorkbookHost(sampleEarlierMonth(1));
  const lastMonth = runPlanner(await last.readBlocks(), { strategies: STRATEGIES, saveVersion: "Nov 2026" });
  return new MemoryWorkbookHost(sampleNextMonth([layoutVersionsSheet(lastMonth.versions).sheet])).readBlocks();
}

/** What a run shows of its demand: the review's baselines, the accuracy, and the plans. */
const shown = (run: PlannerRun) => JSON.stringify({ demand: run.demand?.lines.map((l) => [l.family, l.product, l.baseline]), accuracy: run.accuracy, results: run.results });

describe("the baselines of a run, listed before it", () => {
  test("one request per series of Actuals and per saved version's origin; answered ahead, the run fits none and shows the same", async () => {
    const blocks = await thisMonth();
    const requests = baselineRequests(blocks, { strategies: STRATEGIES });
    const plain = runPlanner(blocks, { strategies: STRATEGIES });
    const series = plain.demand!.lines.length;
    // Each series of Actuals once, then the statistical forecast each family's version would have had (one origin a family).
    const families = plain.accuracy!.length;
    expect(series).toBe(6);
    expect(families).toBe(2);
    expect(requests).toHaveLength(series + families);
    expect(new Set(requests.map((r) => baselineKey(r.history, r.options))).size).toBe(requests.length);

    const answers = requests.map((r) => demandBaseline(r.history, r.options));
    const known = precomputedBaselines(requests, answers);
    const asked: string[] = [];
    const onlyAhead = (history: readonly number[], options: BaselineOptions): Baseline => {
      const key = baselineKey(history, options);
      asked.push(key);
      if (!requests.some((r) => baselineKey(r.history, r.options) === key)) throw new Error("a baseline not listed ahead");
      return known(history, options);
    };
    const ahead = runPlanner(blocks, { strategies: STRATEGIES, baselines: onlyAhead });
    expect(asked.length).toBeGreaterThanOrEqual(requests.length);
    expect(shown(ahead)).toBe(shown(plain));
  });

  test("without Actuals, or with errors in the input, there is nothing to fit ahead", async () => {
    const blocks = await new MemoryWorkbookHost(sampleNextMonth()).readBlocks();
    const withoutActuals = blocks.filter((b) => b.sheet !== "Actuals" && b.name !== "Actuals");
    expect(baselineRequests(withoutActuals, { strategies: STRATEGIES })).toEqual([]);
    expect(baselineRequests([], { strategies: STRATEGIES })).toEqual([]);
  });
});

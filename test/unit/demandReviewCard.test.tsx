/** @jest-environment jsdom */
// The pane's Demand review card on a real run of the sample workbook (36 months of Actuals, two families): the method,
// holdout accuracy and consensus gap it shows are the run's own, the sparkline says what it draws, Go to sheet opens
// SOP Demand review, and the saved forecasts' bias appears when the run has it.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { percentText } from "../../src/engine/numberText";
import { DemandReviewCard, type SavedForecastAccuracy } from "../../src/taskpane/components/DemandReviewCard";
import { formatAmount } from "../../src/taskpane/format";
import { DEMAND_REVIEW_SHEET_NAME } from "../../src/workbook/layout/demandReview";
import { MemoryWorkbookHost } from "../../src/workbook/memoryHost";
import { runPlanner, type PlannerRun } from "../../src/workbook/pipeline";
import { sampleEarlierMonth, sampleNextMonth, sampleTemplate } from "../../src/workbook/sample";
import { layoutVersionsSheet, VERSION_HEADERS } from "../../src/workbook/versions";
import { sheetBlock, type Grid } from "../support/grids";

let run: PlannerRun;
beforeAll(async () => {
  const host = new MemoryWorkbookHost(sampleTemplate());
  run = runPlanner(await host.readBlocks(), { strategies: ["level", "chase"] });
});

function renderCard(props: { accuracy?: SavedForecastAccuracy[]; sheet?: string | null; onOpenSheet?: (name: string) => void } = {}) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <DemandReviewCard review={run.demand!} accuracy={props.accuracy} sheet={props.sheet === undefined ? DEMAND_REVIEW_SHEET_NAME : props.sheet} onOpenSheet={props.onOpenSheet ?? (() => undefined)} />
    </FluentProvider>,
  );
}

const familyItems = () => within(screen.getByRole("list", { name: "Demand review by family" })).getAllByRole("listitem");

describe("the Demand review card on the sample's run", () => {
  test("one entry per family with actuals, each with the run's method, holdout MASE and WAPE, and runner-up", () => {
    renderCard();
    const families = run.demand!.lines.filter((l) => l.product === null);
    expect(families.map((l) => l.family)).toEqual(["Cordless Drills", "Garden Tools"]);
    const items = familyItems();
    expect(items).toHaveLength(2);
    families.forEach((line, i) => {
      const b = line.baseline;
      expect(b.mase).not.toBeNull();
      const text = items[i].textContent ?? "";
      expect(text).toContain(line.family);
      expect(text).toContain(`${b.method}: holdout MASE ${b.mase!.toFixed(3)}, WAPE ${percentText(b.wape!)}`);
      expect(text).toContain(`runner-up ${b.runnerUp!.method} ${b.runnerUp!.mase!.toFixed(3)}`);
    });
    // On the sample both families beat seasonal naive on the holdout, as the README's demo says.
    for (const line of families) expect(line.baseline.mase!).toBeLessThan(line.baseline.candidates.find((c) => c.method === "seasonal naive")!.mase!);
  });

  test("the baseline and consensus totals, their difference and the months outside the 95 % interval are the run's", () => {
    renderCard();
    const items = familyItems();
    run.demand!.lines
      .filter((l) => l.product === null)
      .forEach((line, i) => {
        const baseline = line.points.reduce((s, p) => s + p.forecast, 0);
        const consensus = line.consensus!.reduce((s, v) => s + v, 0);
        const outside = line.consensus!.filter((c, t) => c > line.points[t].hi95 + 1e-9 || c < line.points[t].lo95 - 1e-9).length;
        expect(outside).toBe(run.demand!.flags.filter((f) => f.family === line.family).length);
        const change = (consensus - baseline) / baseline;
        const sign = change > 0 ? "+" : "−";
        expect(items[i].textContent).toContain(
          `Baseline ${formatAmount(baseline)} · consensus ${formatAmount(consensus)} (${sign}${percentText(Math.abs(change))}) · ${outside} of 12 outside the 95 % interval`,
        );
      });
  });

  test("each sparkline says what it draws: the actuals' span, the method, the horizon", () => {
    renderCard();
    const drills = screen.getByRole("img", { name: /^Cordless Drills: 36 periods of actuals/ });
    const method = run.demand!.lines[0].baseline.method;
    expect(drills.getAttribute("aria-label")).toBe(
      `Cordless Drills: 36 periods of actuals (${run.demand!.history.periods[0]} – ${run.demand!.history.periods[35]}) and the ${method} baseline for ${run.demand!.periods[0]} – ${run.demand!.periods[11]}, with the consensus and the baseline's 95 % interval`,
    );
    // History, baseline, consensus and the band, drawn to the run's points: 36 + 1 + 12 points on the baseline's line's right.
    const svg = drills.querySelector("svg")!;
    const lines = svg.querySelectorAll("polyline");
    expect(lines).toHaveLength(3);
    expect(lines[0].getAttribute("points")!.split(" ")).toHaveLength(36);
    expect(lines[1].getAttribute("points")!.split(" ")).toHaveLength(13);
    expect(svg.querySelectorAll("polygon")).toHaveLength(1);
  });

  test("Go to sheet opens SOP Demand review; without the sheet written there is no button", () => {
    const opened: string[] = [];
    const { unmount } = renderCard({ onOpenSheet: (name) => opened.push(name) });
    fireEvent.click(screen.getByRole("button", { name: `Go to sheet ${DEMAND_REVIEW_SHEET_NAME}` }));
    expect(opened).toEqual([DEMAND_REVIEW_SHEET_NAME]);
    unmount();
    renderCard({ sheet: null });
    expect(screen.queryByRole("button", { name: /Go to sheet/ })).toBeNull();
  });

  test("the saved forecasts' bias shows when versions meet the actuals (the shortest lag), with the tracking alarm", () => {
    renderCard({
      accuracy: [
        {
          family: "garden tools",
          lags: [
            { lag: 0, periods: 2, bias: null },
            { lag: 1, periods: 3, bias: 0.125, trackingAlarm: true },
          ],
        },
      ],
    });
    const [drills, garden] = familyItems();
    expect(drills.textContent).not.toContain("Bias");
    expect(garden.textContent).toContain("Bias of the saved forecasts +12.5 % (lag 1, 3 periods) · tracking signal beyond ±4");
  });

  test("a real run with two saved versions: the bias of their forecasts at lag 0, by hand", () => {
    // Tools sells about 100 a month; "Oct 2026" planned Nov on 110, "Nov 2026" planned Dec on 95; the actuals were 99 and 101.
    // Lag 0 pools both: bias = (110 + 95 − (99 + 101)) / (99 + 101) = +2.5 %.
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const past = ["2025", "2026"].flatMap((year) => months.map((m) => `${m} ${year}`));
    const tools = [96, 104, 99, 101, 97, 108, 95, 102, 100, 103, 98, 105, 94, 101, 106, 99, 100, 97, 104, 102, 96, 103, 99, 101];
    const amounts = VERSION_HEADERS.length - 5;
    const saved = (version: string, at: string, period: string, demand: number) => [version, at, "Tools", "chase", period, demand, ...new Array<number>(amounts - 1).fill(0)];
    const versions: Grid = [
      ["Saved plan versions"],
      [],
      [],
      [...VERSION_HEADERS],
      saved("Oct 2026", "2026-10-28T09:00:00", "Nov 2026", 110),
      saved("Oct 2026", "2026-10-28T09:00:00", "Dec 2026", 90),
      saved("Nov 2026", "2026-11-28T09:00:00", "Dec 2026", 95),
      saved("Nov 2026", "2026-11-28T09:00:00", "Jan 2027", 100),
    ];
    const planned = runPlanner(
      [
        sheetBlock("Forecast", [["Family", "Product", "Jan 2027", "Feb 2027", "Mar 2027"], ["Tools", null, 100, 160, 100]]),
        sheetBlock("Policy", [["Parameter", "Value"], ["Units per worker per period", 50], ["Regular cost per unit", 10]]),
        sheetBlock("Actuals", [["Family", "Product", ...past], ["Tools", null, ...tools]]),
        sheetBlock("SOP Versions", versions),
      ],
      { strategies: ["level"] },
    );
    expect(planned.accuracy?.[0].lags[0]).toMatchObject({ lag: 0, periods: 2 });
    render(
      <FluentProvider theme={webLightTheme}>
        <DemandReviewCard review={planned.demand!} accuracy={planned.accuracy} sheet={null} onOpenSheet={() => undefined} />
      </FluentProvider>,
    );
    expect(familyItems()[0].textContent).toContain("Bias of the saved forecasts +2.5 % (lag 0, 2 periods)");
  });

  test("the engine's accuracy of the demo's versions reaches the card: the bias it shows is the run's", async () => {
    // The demo's month: last month's workbook planned and saved, this month's run measures it.
    const lastMonth = runPlanner(await new MemoryWorkbookHost(sampleEarlierMonth(1)).readBlocks(), { strategies: ["level", "chase"], saveVersion: "Nov 2026" });
    const thisMonth = runPlanner(await new MemoryWorkbookHost(sampleNextMonth([layoutVersionsSheet(lastMonth.versions).sheet])).readBlocks(), { strategies: ["level", "chase"] });
    const garden = thisMonth.accuracy!.find((a) => a.family === "Garden Tools")!;
    expect(garden.lags[0].bias).not.toBeNull();
    render(
      <FluentProvider theme={webLightTheme}>
        <DemandReviewCard review={thisMonth.demand!} accuracy={thisMonth.accuracy} sheet={null} onOpenSheet={() => undefined} />
      </FluentProvider>,
    );
    const item = familyItems().find((li) => li.textContent?.includes("Garden Tools"))!;
    expect(item.textContent).toContain(`Bias of the saved forecasts +${percentText(garden.lags[0].bias!)} (lag 0, 1 period)`);
  });

  test("a run without actuals has no card", () => {
    const { container } = render(
      <FluentProvider theme={webLightTheme}>
        <DemandReviewCard review={{ ...run.demand!, lines: [] }} sheet={null} onOpenSheet={() => undefined} />
      </FluentProvider>,
    );
    expect(container.querySelector("section")).toBeNull();
  });
});

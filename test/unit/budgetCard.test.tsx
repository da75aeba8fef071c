/** @jest-environment jsdom */
// The pane's Plan against budget card on a real run of this month's sample (a Budget table, two families): each
// family's and the total's units shipped, revenue and P&L margin against budget are the run's own, the sentence is
// the executive summary's, and the button opens SOP Variance.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { budgetSentence } from "../../src/engine";
import { BudgetCard } from "../../src/taskpane/components/ReviewResults";
import { formatAmount } from "../../src/taskpane/format";
import { MemoryWorkbookHost } from "../../src/workbook/memoryHost";
import { runPlanner, type PlannerRun } from "../../src/workbook/pipeline";
import { sampleNextMonth } from "../../src/workbook/sample";

let run: PlannerRun;
beforeAll(async () => {
  const host = new MemoryWorkbookHost(sampleNextMonth());
  run = runPlanner(await host.readBlocks(), { strategies: ["level", "chase"] });
});

function renderCard(onOpenSheet: (name: string) => void = () => undefined) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <BudgetCard lines={run.budget!} sheet="SOP Variance" onOpenSheet={onOpenSheet} />
    </FluentProvider>,
  );
}

describe("the Plan against budget card on the sample's run", () => {
  test("a group per budgeted family and one for all families, each line's plan, budget and difference the run's", () => {
    renderCard();
    const card = screen.getByRole("region", { name: "Plan against budget" });
    const groups = within(card).getAllByRole("rowgroup").filter((g) => within(g).queryAllByRole("row").length > 1 && g.tagName === "TBODY");
    expect(groups.map((g) => within(g).getAllByRole("row")[0].textContent)).toEqual(["Cordless Drills", "Garden Tools", "All families"]);
    groups.forEach((group, i) => {
      const family = i < 2 ? ["Cordless Drills", "Garden Tools"][i] : null;
      const units = run.budget!.find((l) => l.family === family && l.measure === "units")!;
      const row = within(group).getAllByRole("row").find((r) => r.textContent?.startsWith("Units shipped"))!;
      const cells = within(row).getAllByRole("cell").map((c) => c.textContent);
      const sign = units.varianceTotal >= 0 ? "+" : "−";
      expect(cells).toEqual([formatAmount(units.planTotal), formatAmount(units.budgetTotal), `${sign}${formatAmount(Math.abs(units.varianceTotal))}`]);
      expect(within(group).getAllByRole("rowheader").map((h) => h.textContent)).toEqual([family ?? "All families", "Units shipped", "Revenue", "P&L margin"]);
    });
    expect(within(card).getByText(budgetSentence(run.budget!)!)).toBeTruthy();
  });

  test("the button opens SOP Variance, where the SOP Budget section is", () => {
    const opened: string[] = [];
    renderCard((name) => opened.push(name));
    fireEvent.click(screen.getByRole("button", { name: "Open sheet SOP Variance" }));
    expect(opened).toEqual(["SOP Variance"]);
  });
});

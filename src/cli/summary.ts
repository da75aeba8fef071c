// A plain-text summary of a planning run for the terminal: cost of each strategy per family, the recommended one.
import {
  recommendationSentence,
  amountText,
  percentText,
  type FamilyResult,
  type PlanMessage,
  type PlanResult,
  type RiskFlag,
  type DemandReview,
  type FamilyAccuracy,
  materialMarginChange,
  type ScenarioOutcome,
  bridgeStory,
  totalBridgeLabel,
  type VarianceReport,
  type BudgetComparisonLine,
  BUDGET_MEASURES,
  BUDGET_MEASURE_LABEL,
  budgetSentence,
} from "../engine";

const money = (n: number): string => amountText(n, 0);

function table(rows: string[][], rightAligned: boolean[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) => r.map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd())
    .join("\n");
}

export function summaryText(results: readonly FamilyResult[]): string {
  // Margin is the cash view (revenue − every cost of the period); P&L margin charges production when the units ship.
  const rows: string[][] = [["Family", "Strategy", "Feasible", "Total cost", "Revenue", "Margin", "P&L margin", ""]];
  for (const family of results) {
    for (const plan of family.plans) {
      rows.push([
        family.family,
        plan.strategy,
        plan.feasible ? "yes" : "no",
        money(plan.totalCost),
        money(plan.revenue),
        money(plan.margin),
        money(plan.grossMargin),
        family.recommended === plan.strategy ? "← recommended" : "",
      ]);
    }
  }
  const lines = [table(rows, [false, false, false, true, true, true, true, false])];
  for (const family of results) {
    lines.push(recommendationLine(family));
    // With no plan recommended, the line above gives each plan's first reason already.
    if (family.recommended) lines.push(...family.plans.filter((p) => !p.feasible).map((p) => infeasibleLine(family.family, p)));
  }
  return lines.join("\n");
}

/** How many broken rules an infeasible plan's line lists before saying how many more there are. */
const REASONS_SHOWN = 3;

/** "Tools, manual is not feasible: Jan: short by 100 units and backorders are not allowed." */
function infeasibleLine(family: string, plan: PlanResult): string {
  const reasons = plan.violations.slice(0, REASONS_SHOWN).map((v) => v.message);
  const more = plan.violations.length - reasons.length;
  const why = reasons.length > 0 ? `: ${reasons.join("; ")}${more > 0 ? ` (and ${more} more)` : ""}` : "";
  return `${family}, ${plan.strategy} is not feasible${why}.`;
}

/** "Cordless Drills: chase is recommended, 12,345 cheaper than level, the next feasible plan." */
export function recommendationLine(family: FamilyResult): string {
  return `${family.family}: ${recommendationSentence(family, { money })}`;
}

/** "error Forecast!D7: …"; the cell is not repeated when the message already names it. */
export function messageLine(m: PlanMessage): string {
  const cell = m.cell && !m.message.includes(m.cell) ? ` ${m.cell}` : "";
  return `${m.severity}${cell}: ${m.message}`;
}

/** The most serious risks and opportunities (already sorted by the engine), with a count of the rest. */
export function risksText(risks: readonly RiskFlag[], limit = 6): string {
  if (risks.length === 0) return "No risks flagged.";
  const shown = risks.slice(0, limit).map((r) => `  ${r.severity === "info" ? "+" : "!"} ${r.message}`);
  const more = risks.length > limit ? [`  … and ${risks.length - limit} more on the 'SOP Risks' sheet.`] : [];
  return ["Risks and opportunities:", ...shown, ...more].join("\n");
}

/** The base plan and each scenario side by side (the `SOP Scenarios` sheet in short); empty without scenarios. */
export function scenariosText(outcomes: readonly ScenarioOutcome[]): string {
  if (outcomes.length === 0) return "";
  const percent = (n: number) => percentText(n);
  const rows: string[][] = [["Scenario", "P&L cost", "Revenue", "P&L margin", "vs base", "Shipped", "Unmet", "Revenue at risk", "Peak backlog", "Peak utilisation"]];
  for (const o of outcomes) {
    const change = materialMarginChange(o, outcomes[0]);
    rows.push([
      o.scenario,
      // The P&L view throughout the line: cost of goods sold and period costs, so cost + margin = revenue.
      money(o.revenue - o.grossMargin),
      money(o.revenue),
      money(o.grossMargin),
      o === outcomes[0] ? "" : change === null ? "no material change" : `${change >= 0 ? "+" : ""}${money(change)}`,
      money(o.shipped),
      money(o.unmet),
      money(o.revenueAtRisk),
      money(o.peakBacklog),
      o.peakUtilization ? `${percent(o.peakUtilization.utilization)} (${o.peakUtilization.resource}, ${o.peakUtilization.period})` : "",
    ]);
  }
  // Every family is counted; one whose recommended plan is not feasible is said.
  const missing = outcomes.flatMap((o) => (o.infeasible.length > 0 ? [`  ${o.scenario}: no feasible plan for ${o.infeasible.join(", ")}; the closest plan is counted.`] : []));
  return [`Scenarios (recommended plans, all families):\n${table(rows, [false, true, true, true, true, true, true, true, true, false])}`, ...missing].join("\n");
}

/** The variance to the compared version in one line per family: margin then and now, and what moved it most. */
export function varianceText(report: VarianceReport | null): string {
  if (!report) return "";
  const lines = [`Change since version "${report.baseline.name}" (P&L margin, periods both plans have):`];
  for (const bridge of report.bridges) {
    const change = bridge.currentMargin - bridge.baselineMargin;
    const story = bridgeStory(bridge);
    const why = story === "no change" ? "" : `, ${story}`;
    lines.push(`  ${bridge.family ?? totalBridgeLabel(report)}: ${money(bridge.baselineMargin)} → ${money(bridge.currentMargin)} (${change >= 0 ? "+" : ""}${money(change)}${why})`);
  }
  return lines.join("\n");
}

/** The demand review in a line per family, the largest consensus override first: the method, its holdout MASE against the runner-up's, consensus against baseline. */
export function demandText(review: DemandReview | null | undefined): string {
  if (!review) return "";
  const families = review.lines.filter((l) => l.product === null);
  const totals = families.map((line) => {
    const baseline = line.points.reduce((a, p) => a + p.forecast, 0);
    const consensus = line.consensus ? line.consensus.reduce((a, b) => a + b, 0) : null;
    const outside = line.consensus ? line.points.filter((p, t) => (line.consensus as number[])[t] < p.lo95 || (line.consensus as number[])[t] > p.hi95).length : 0;
    return { line, baseline, consensus, outside };
  });
  totals.sort((a, b) => Math.abs((b.consensus ?? b.baseline) - b.baseline) - Math.abs((a.consensus ?? a.baseline) - a.baseline));
  const score = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));
  const rows: string[][] = [["Family", "Baseline method", "MASE", "Runner-up", "Baseline", "Consensus", "Difference", "Outside 95 %"]];
  for (const { line, baseline, consensus, outside } of totals) {
    const runnerUp = line.baseline.runnerUp ? `${line.baseline.runnerUp.method} ${score(line.baseline.runnerUp.mase)}` : "";
    const difference = consensus === null ? "" : `${consensus >= baseline ? "+" : ""}${money(consensus - baseline)}${baseline > 0 ? ` (${percentText((consensus - baseline) / baseline)})` : ""}`;
    rows.push([line.family, line.baseline.method, score(line.baseline.mase), runnerUp, money(baseline), consensus === null ? "no Forecast" : money(consensus), difference, consensus === null ? "" : `${outside} of ${line.points.length}`]);
  }
  const months = review.history.periods.length;
  return `Demand review (statistical baseline from ${months} periods of Actuals, chosen by holdout MASE; see SOP Demand review):\n${table(rows, [false, false, true, false, true, true, true, true])}`;
}

/** The saved versions' accuracy: the executive summary's demand lines, then per family each lag's WAPE, bias and tracking signal and the value added chain. */
export function accuracyText(accuracy: readonly FamilyAccuracy[] | undefined, lines: readonly string[]): string {
  if (!accuracy || lines.length === 0) return "";
  const pct = (x: number | null) => (x === null ? "n/a" : percentText(x));
  const signed = (x: number | null) => (x === null ? "n/a" : `${x > 0 ? "+" : ""}${percentText(x)}`);
  const out = [`Forecast accuracy (saved versions against Actuals; see SOP Demand review):`, ...lines.map((l) => `  ${l}`)];
  const measured = accuracy.filter((a) => a.lags.length > 0);
  if (measured.length > 0) {
    const rows: string[][] = [["Family", "Lag", "Periods", "WAPE", "Bias", "Tracking signal", "MASE"]];
    for (const family of measured) {
      for (const lag of family.lags) {
        const signal = lag.trackingSignal === null ? "n/a" : `${lag.trackingSignal.toFixed(2)}${lag.trackingAlarm ? " (beyond ±4)" : ""}`;
        rows.push([family.family, String(lag.lag), String(lag.periods), pct(lag.wape), signed(lag.bias), signal, lag.mase === null ? "n/a" : lag.mase.toFixed(3)]);
      }
    }
    out.push(table(rows, [false, true, true, true, true, true, true]));
  }
  for (const family of accuracy.filter((a) => a.valueAdded.length > 0)) {
    const chain = family.valueAdded.map((s) => `${s.step} ${pct(s.wape)}${s.change === null ? "" : ` (${signed(s.change)})`}`).join(" → ");
    out.push(`  Value added (WAPE over ${family.valueAddedPeriods} period${family.valueAddedPeriods === 1 ? "" : "s"}), ${family.family}: ${chain}`);
  }
  return out.join("\n");
}

/** The recommended plans against the Budget table over the horizon, per family and in total, as the executive summary gives them, then the same sentence. Empty without a budget. */
export function budgetText(lines: readonly BudgetComparisonLine[] | undefined): string {
  if (!lines || lines.length === 0) return "";
  const measures = BUDGET_MEASURES.filter((m) => lines.some((l) => l.measure === m && l.family === null));
  const signed = (n: number) => (Math.abs(n) < 0.5 ? "0" : `${n > 0 ? "+" : "−"}${money(Math.abs(n))}`);
  const rows: string[][] = [["Family", ...measures.flatMap((m) => [BUDGET_MEASURE_LABEL[m], "Budget", "vs budget"])]];
  const families = [...new Set(lines.flatMap((l) => (l.family === null ? [] : [l.family])))];
  for (const family of [...families, null]) {
    rows.push([
      family ?? "All families",
      ...measures.flatMap((measure) => {
        const line = lines.find((l) => l.family === family && l.measure === measure);
        return line ? [money(line.planTotal), money(line.budgetTotal), signed(line.varianceTotal)] : ["", "", ""];
      }),
    ]);
  }
  const sentence = budgetSentence(lines);
  return `Plan against budget (P&L view, over the horizon; see SOP Variance):\n${table(rows, rows[0].map((_, c) => c > 0))}${sentence ? `\n${sentence}` : ""}`;
}

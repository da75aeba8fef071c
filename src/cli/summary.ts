// A plain-text summary of a planning run for the terminal: cost of each strategy per family, the recommended one.
import { recommendation } from "../engine";
import type { FamilyResult, PlanMessage, RiskFlag } from "../engine/model";

const money = (n: number): string => n.toLocaleString("en-US", { maximumFractionDigits: 0 });

function table(rows: string[][], rightAligned: boolean[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) => r.map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd())
    .join("\n");
}

export function summaryText(results: readonly FamilyResult[]): string {
  const rows: string[][] = [["Family", "Strategy", "Feasible", "Total cost", "Revenue", "Margin", ""]];
  for (const family of results) {
    for (const plan of family.plans) {
      rows.push([
        family.family,
        plan.strategy,
        plan.feasible ? "yes" : "no",
        money(plan.totalCost),
        money(plan.revenue),
        money(plan.margin),
        family.recommended === plan.strategy ? "← recommended" : "",
      ]);
    }
  }
  const lines = [table(rows, [false, false, false, true, true, true, false])];
  for (const family of results) {
    lines.push(recommendationLine(family));
  }
  return lines.join("\n");
}

/** "Cordless Drills: chase is recommended, 12,345 cheaper than level." */
export function recommendationLine(family: FamilyResult): string {
  const { best, next, savings } = recommendation(family);
  if (!best) {
    const reasons = family.plans.map((p) => `${p.strategy}: ${p.violations[0]?.message ?? "infeasible"}`);
    return `${family.family}: no feasible plan (${reasons.join("; ")})`;
  }
  if (family.capacityNote) return `${family.family}: ${best.strategy} is recommended: ${family.capacityNote}.`;
  const beats =
    next && savings !== null
      ? savings < 0.005
        ? `, the same cost as ${next.strategy}`
        : `, ${money(savings)} cheaper than ${next.strategy}`
      : "";
  return `${family.family}: ${best.strategy} is recommended${beats}.`;
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

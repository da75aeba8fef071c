// The command line's scenario table: totals over every family, units shipped and unmet, and a family without a feasible plan said.
import type { ScenarioOutcome } from "../../src/engine/scenarios";
import { scenariosText } from "../../src/cli/summary";

function outcome(scenario: string, families: ScenarioOutcome["families"]): ScenarioOutcome {
  const add = (pick: (f: ScenarioOutcome["families"][number]) => number | null) => families.reduce((sum, f) => sum + (pick(f) ?? 0), 0);
  return {
    scenario,
    changes: [],
    families,
    totalCost: add((f) => f.totalCost),
    revenue: add((f) => f.revenue),
    margin: add((f) => f.margin),
    grossMargin: add((f) => f.grossMargin),
    cogs: add((f) => f.cogs),
    peakBacklog: 0,
    shipped: add((f) => f.shipped),
    unmet: add((f) => f.unmet),
    revenueAtRisk: add((f) => f.revenueAtRisk),
    infeasible: families.filter((f) => f.feasible === false).map((f) => f.family),
    gap: 0,
    peakUtilization: null,
  };
}

const drills = { family: "Drills", recommended: "chase" as const, totalCost: 900, revenue: 1500, margin: 600, grossMargin: 600, cogs: 800, peakBacklog: 0, shipped: 150, unmet: 0, revenueAtRisk: 0, feasible: true };
const tools = { family: "Tools", recommended: "level" as const, totalCost: 400, revenue: 700, margin: 300, grossMargin: 300, cogs: 350, peakBacklog: 0, shipped: 70, unmet: 0, revenueAtRisk: 0, feasible: true };
// The line down: Tools' only plan overloads it, shown and counted (100 of revenue on 10 units shipped, 60 units unmet).
const toolsInfeasible = { family: "Tools", recommended: "level" as const, totalCost: 80, revenue: 100, margin: 20, grossMargin: 20, cogs: 70, peakBacklog: 0, shipped: 10, unmet: 60, revenueAtRisk: 600, feasible: false };

describe("scenariosText", () => {
  it("counts every family, shows units shipped and unmet, and names a family without a feasible plan", () => {
    const text = scenariosText([outcome("Base plan", [drills, tools]), outcome("Line down", [drills, toolsInfeasible])]);
    const lines = text.split("\n");
    expect(lines[0]).toBe("Scenarios (recommended plans, all families):");
    expect(lines.find((l) => l.startsWith("Line down"))).toMatch(/^Line down\s+980\s+1,600\s+620\s+−280\s+160\s+60\s+600\s/);
    expect(lines[lines.length - 1]).toBe("  Line down: no feasible plan for Tools; the closest plan is counted.");
  });

  it("a difference within the solvers' gap is no material change, not a signed amount", () => {
    const base = { ...outcome("Base plan", [drills, tools]), gap: 0.005 };
    // 0.3 % of a 1,300 cost: within the 0.5 % gap the whole-worker plans were solved to.
    const nudged = { ...outcome("Same again", [{ ...drills, totalCost: 904, margin: 596, grossMargin: 596 }, tools]), gap: 0.005 };
    const line = scenariosText([base, nudged]).split("\n").find((l) => l.startsWith("Same again"))!;
    expect(line).toContain("no material change");
    expect(line).not.toMatch(/-4\b/);
  });

  it("adds no line when every family has a plan, and nothing at all without scenarios", () => {
    const text = scenariosText([outcome("Base plan", [drills, tools]), outcome("Upside", [drills, tools])]);
    expect(text).not.toContain("no feasible plan");
    expect(text.split("\n")).toHaveLength(4);
    expect(scenariosText([])).toBe("");
  });
});

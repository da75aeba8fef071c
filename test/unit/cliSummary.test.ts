// The command line's scenario table: totals over the families with a feasible plan, and a family without one said.
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
    peakBacklog: 0,
    peakUtilization: null,
  };
}

const drills = { family: "Drills", recommended: "chase" as const, totalCost: 900, revenue: 1500, margin: 600, peakBacklog: 0 };
const tools = { family: "Tools", recommended: "level" as const, totalCost: 400, revenue: 700, margin: 300, peakBacklog: 0 };
const toolsWithout = { family: "Tools", recommended: null, totalCost: null, revenue: null, margin: null, peakBacklog: null };

describe("scenariosText", () => {
  it("names each scenario's families without a feasible plan, left out of its totals", () => {
    const text = scenariosText([outcome("Base plan", [drills, tools]), outcome("Line down", [drills, toolsWithout])]);
    const lines = text.split("\n");
    expect(lines[0]).toBe("Scenarios (recommended plans, all families):");
    expect(lines.find((l) => l.startsWith("Line down"))).toMatch(/^Line down\s+900\s+1,500\s+600\s+-300/);
    expect(lines[lines.length - 1]).toBe("  Line down: no feasible plan for Tools; left out of its totals.");
  });

  it("adds no line when every family has a plan, and nothing at all without scenarios", () => {
    const text = scenariosText([outcome("Base plan", [drills, tools]), outcome("Upside", [drills, tools])]);
    expect(text).not.toContain("no feasible plan");
    expect(text.split("\n")).toHaveLength(4);
    expect(scenariosText([])).toBe("");
  });
});

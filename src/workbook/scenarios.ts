// The optional `Scenarios` table: | Scenario | Change | Target | Value |, read into engine scenarios with cell-named errors.
import { amountText } from "../engine/numberText";
import type { PlanMessage, PlanningInput } from "../engine/model";
import { POLICY_DEFAULTS, productionRates } from "../engine/policy";
import { applyScenario, type Scenario, type ScenarioChange } from "../engine/scenarios";
import { cellMessage, describeCell, rateProblemMessage } from "../template/cellMessages";
import { isBlankCell, readNameCell } from "../template/cellReading";
import { closestParameter, entityKey, normalizeName, policyParameter, policyParameterNamed } from "../template/schema";
import { readPolicyParameterCell } from "../template/policyTable";
import { cellRef, gridOf } from "./names";
import type { RawCell, RawTable } from "./raw";
import { trimBlock } from "./tables";
import { SCENARIOS_TABLE_TITLE } from "./reviewNames";
export const SCENARIOS_HEADER = "Scenario | Change | Target | Value";

/** The Scenarios block among those a host read: an Excel table of that name, else a sheet of that name. */
export function findScenariosBlock(blocks: readonly RawTable[]): RawTable | null {
  const key = normalizeName(SCENARIOS_TABLE_TITLE);
  const table = blocks.find((b) => b.isTable && normalizeName(b.name) === key);
  if (table) return table;
  const onSheet = blocks.filter((b) => b.isTable && normalizeName(b.sheet) === key);
  if (onSheet.length === 1) return onSheet[0];
  const sheet = blocks.find((b) => !b.isTable && normalizeName(b.sheet) === key);
  if (!sheet) return null;
  const trimmed = trimBlock(sheet);
  return trimmed.values.length > 0 ? trimmed : null;
}

/** `Demand ×`, `Demand x`, `Demand *` (and the same for Capacity): the two multiplying changes. */
function multiplier(change: string): "demand" | "capacity" | null {
  const m = /^(demand|capacity)\s*[×x*]?$/i.exec(change.trim().replace(/\s+/g, " "));
  return m ? (m[1].toLowerCase() as "demand" | "capacity") : null;
}

/** A change, in words, for the Scenarios sheet: `Demand × 1.2 (Cordless Drills)`. */
export function describeChange(change: ScenarioChange): string {
  const factor = (n: number) => amountText(n, 4);
  switch (change.kind) {
    case "demand": {
      const target = change.target === null ? "all" : "product" in change.target ? change.target.product : change.target.family;
      return `Demand × ${factor(change.factor)} (${target})`;
    }
    case "capacity":
      return `Capacity × ${factor(change.factor)} (${change.resource})`;
    case "policy": {
      const value = change.value === null ? "blank" : typeof change.value === "boolean" ? (change.value ? "Yes" : "No") : String(change.value);
      return `${policyParameter(change.field).name} = ${value}${change.family ? ` (${change.family})` : ""}`;
    }
  }
}

/**
 * The scenarios of the table, in the order first named, each with its rows in order. Never
 * throws: every problem is an error naming its cell (and then no scenario is planned). Targets
 * are checked against the input: a family or product of Forecast, a resource of Capacity. A
 * scenario whose Policy changes leave a family without a productivity rule is an error too.
 */
export function parseScenarios(block: RawTable | null, input: PlanningInput): { scenarios: Scenario[]; messages: PlanMessage[] } {
  const messages: PlanMessage[] = [];
  if (!block || block.values.length === 0) return { scenarios: [], messages };
  const error = (r: number, c: number, message: string) => {
    const cell = cellRef(block, r, c);
    messages.push({ severity: "error", message: `${cell}: ${message}`, cell });
  };
  const header = block.values[0];
  const columnOf = (name: string) => header.findIndex((cell) => typeof cell === "string" && normalizeName(cell) === normalizeName(name));
  const columns = { scenario: columnOf("Scenario"), change: columnOf("Change"), target: columnOf("Target"), value: columnOf("Value") };
  const missing = Object.entries(columns).filter(([, c]) => c < 0).map(([name]) => name[0].toUpperCase() + name.slice(1));
  if (missing.length > 0) {
    error(0, 0, `the Scenarios table has no column ${missing.map((m) => `"${m}"`).join(", ")}; its header must be ${SCENARIOS_HEADER}.`);
    return { scenarios: [], messages };
  }

  const byName = new Map<string, Scenario>();
  const rowsOf = new Map<Scenario, { row: number; change: ScenarioChange }[]>();
  for (let r = 1; r < block.values.length; r++) {
    const line = block.values[r];
    const at = (c: number): RawCell => line[c] ?? null;
    if ([columns.scenario, columns.change, columns.target, columns.value].every((c) => isBlankCell(at(c)))) continue;
    const text = (c: number, what: string): string | null => {
      const reading = readNameCell(at(c));
      if (reading.kind === "bad") {
        const cell = cellRef(block, r, c);
        messages.push({ severity: "error", message: cellMessage(cell, reading.reason, reading.cell, { what }), cell });
      }
      return reading.kind === "ok" ? reading.value : reading.kind === "blank" ? "" : null;
    };
    const name = text(columns.scenario, "a scenario's name");
    const changeText = text(columns.change, "Change");
    const target = text(columns.target, "Target");
    if (name === null || changeText === null || target === null) continue;
    if (name === "") {
      error(r, columns.scenario, `row ${block.top + r + 1} of Scenarios has a change but no Scenario name.`);
      continue;
    }
    const change = readChange(r, changeText, target);
    if (!change) continue;
    let scenario = byName.get(entityKey(name));
    if (!scenario) {
      scenario = { name, changes: [] };
      byName.set(entityKey(name), scenario);
      rowsOf.set(scenario, []);
    }
    scenario.changes.push(change);
    rowsOf.get(scenario)!.push({ row: r, change });
  }

  function readChange(r: number, changeText: string, target: string): ScenarioChange | null {
    if (changeText === "") {
      error(r, columns.change, `Change is blank; write Demand ×, Capacity × or the name of a Policy parameter.`);
      return null;
    }
    const kind = multiplier(changeText);
    if (kind) {
      const factor = readFactor(r);
      if (factor === null) return null;
      if (kind === "capacity") {
        if (target === "") {
          error(r, columns.target, `Capacity × needs a resource in Target (${input.resources.map((x) => x.resource).join(", ") || "Capacity lists none"}).`);
          return null;
        }
        const resource = input.resources.find((x) => entityKey(x.resource) === entityKey(target));
        if (!resource) {
          error(r, columns.target, `"${target}" is not a resource in Capacity${input.resources.length > 0 ? ` (${input.resources.map((x) => x.resource).join(", ")})` : ""}.`);
          return null;
        }
        return { kind: "capacity", resource: resource.resource, factor };
      }
      if (target === "") return { kind: "demand", target: null, factor };
      const family = input.families.find((f) => entityKey(f.family) === entityKey(target));
      if (family) return { kind: "demand", target: { family: family.family }, factor };
      const product = input.products.find((p) => entityKey(p.product) === entityKey(target));
      if (product?.demand) return { kind: "demand", target: { product: product.product, family: product.family }, factor };
      error(
        r,
        columns.target,
        product
          ? `product "${product.product}" has no Forecast row to multiply; multiply its family "${product.family}" instead.`
          : `"${target}" is not a family or a product in Forecast.`,
      );
      return null;
    }
    const field = policyParameterNamed(changeText)?.field;
    if (!field) {
      const guess = closestParameter(changeText);
      error(r, columns.change, `"${changeText}" is not a change the planner knows: write Demand ×, Capacity × or a Policy parameter.${guess ? ` Did you mean "${guess}"?` : ""}`);
      return null;
    }
    let family: string | null = null;
    if (target !== "") {
      const found = input.families.find((f) => entityKey(f.family) === entityKey(target));
      if (!found) {
        error(r, columns.target, `"${target}" is not a family in Forecast; a Policy change applies to a family, or to all when Target is blank.`);
        return null;
      }
      family = found.family;
    }
    const value = readPolicyParameterCell(gridOf(block!), r, columns.value, policyParameter(field));
    if (value.kind === "bad") {
      messages.push(...value.messages);
      return null;
    }
    // Blank is the parameter's blank, with the meaning the Policy gives it (no backorders, no cap…).
    const setting = value.kind === "ok" ? value.value : POLICY_DEFAULTS[field];
    return { kind: "policy", family, field, value: setting };
  }

  function readFactor(r: number): number | null {
    const cell = block!.values[r][columns.value] ?? null;
    if (typeof cell === "number" && Number.isFinite(cell) && cell >= 0 && cell <= 1e6) return cell;
    error(r, columns.value, isBlankCell(cell) ? "Value is blank; a Demand × or Capacity × change needs the factor (1.2 for 20 % more)." : `holds ${describeCell(cell)}; the factor must be a number from 0 to 1,000,000 (1.2 for 20 % more).`);
    return null;
  }

  const scenarios = [...byName.values()];
  // A Policy change can leave a family with no productivity rule (or two): the family's rows say so.
  for (const scenario of scenarios) {
    const changed = applyScenario(input, scenario);
    for (const family of changed.families) {
      const rates = productionRates(family.policy, changed.workingDays, changed.periods.length);
      if (rates.ok) continue;
      const row = rowsOf.get(scenario)!.find(({ change }) => change.kind === "policy" && (change.family === null || entityKey(change.family) === entityKey(family.family)));
      if (row) error(row.row, columns.value, `in scenario "${scenario.name}", ${family.family} has no usable productivity rule: ${rates.problems.map(rateProblemMessage).join("; ")}.`);
    }
  }
  return messages.length > 0 ? { scenarios: [], messages } : { scenarios, messages };
}

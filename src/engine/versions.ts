// Saved plan versions: a run's recommended plans kept by name, so next month's run can be compared with them.
import { COST_KINDS, type CostBreakdown, type FamilyResult, type PlanningInput, type PlanPeriod, type StrategyName } from "./model";
import { profitAndLoss } from "./pnl";

/** One period of a saved family plan: the plan's period (decisions and stock) with what it shipped and its money. */
export interface VersionPeriod extends Omit<PlanPeriod, "marginalCost" | "unmet" | "belowTarget"> {
  shipped: number;
  costs: CostBreakdown;
  totalCost: number;
  revenue: number;
  margin: number;
  /** The P&L view (pnl.ts): revenue − cost of goods sold − period costs. */
  grossMargin: number;
  /** Each team's forecast of the family for the period (Forecast inputs) when it was saved; absent: none saved. */
  inputs?: { source: string; units: number }[];
}

/** A family's recommended plan as it was saved. */
export interface VersionFamily {
  family: string;
  strategy: StrategyName;
  periods: VersionPeriod[];
}

/** A named version: the recommended plan of every family that had one when it was saved. */
export interface PlanVersion {
  name: string;
  /** When it was saved, local time as `YYYY-MM-DDTHH:MM:SS`; empty when not known. */
  savedAt: string;
  families: VersionFamily[];
}

/** A team's forecast of a family for the plan's periods, as a version keeps it beside the consensus. */
export interface FamilyForecastInput {
  family: string;
  source: string;
  demand: readonly number[];
}

/** The longest version name the planner accepts (it is shown in titles and messages). */
export const VERSION_NAME_MAX = 60;

/** Names of versions compare as people read them: ignoring case and surrounding or repeated spaces. */
export function versionKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Period labels match ignoring case and spaces, as the input tables' headers do. */
export function periodKey(label: string): string {
  return label.toLowerCase().replace(/\s+/g, "");
}

/** `date` as the local `YYYY-MM-DDTHH:MM:SS` a version records; the caller reads the clock. */
export function versionTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}` +
    `T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  );
}

/**
 * The recommended plans of a run as a version. A family without a feasible plan has nothing to
 * save and is left out (`skipped` names it). Shipped units follow from demand and backlog:
 * shipped = demand + the backlog before − the backlog after.
 */
export function versionOfPlans(
  name: string,
  savedAt: string,
  input: PlanningInput,
  results: readonly FamilyResult[],
  inputs: readonly FamilyForecastInput[] = [],
): { version: PlanVersion; skipped: string[] } {
  const families: VersionFamily[] = [];
  const skipped: string[] = [];
  for (const family of input.families) {
    const result = results.find((r) => r.family === family.family);
    const plan = result?.plans.find((p) => p.strategy === result.recommended);
    if (!plan) {
      skipped.push(family.family);
      continue;
    }
    const periods = plan.periods.map((p, t): VersionPeriod => {
      const costs = { ...plan.periodCosts[t] };
      const totalCost = COST_KINDS.reduce((sum, kind) => sum + costs[kind], 0);
      const revenue = plan.periodRevenue[t];
      return {
        period: p.period,
        demand: p.demand,
        shipped: p.shipped,
        regular: p.regular,
        overtime: p.overtime,
        subcontract: p.subcontract,
        workers: p.workers,
        hired: p.hired,
        laidOff: p.laidOff,
        inventory: p.inventory,
        backlog: p.backlog,
        costs,
        totalCost,
        revenue,
        margin: revenue - totalCost,
        inventoryValue: p.inventoryValue,
        grossMargin: plan.periodGrossMargin[t],
      };
    });
    const own = inputs.filter((i) => versionKey(i.family) === versionKey(family.family));
    if (own.length > 0) periods.forEach((p, t) => (p.inputs = own.map((i) => ({ source: i.source, units: i.demand[t] ?? 0 }))));
    families.push({ family: family.family, strategy: plan.strategy, periods });
  }
  return { version: { name: name.trim(), savedAt, families }, skipped };
}

/** The version of that name (ignoring case and spacing), or null. */
export function findVersion(versions: readonly PlanVersion[], name: string): PlanVersion | null {
  const key = versionKey(name);
  return versions.find((v) => versionKey(v.name) === key) ?? null;
}

/** The most recently saved version: the latest `savedAt`; among equal or unknown dates, the one listed last. */
export function latestVersion(versions: readonly PlanVersion[]): PlanVersion | null {
  let latest: PlanVersion | null = null;
  for (const version of versions) {
    if (latest === null || version.savedAt >= latest.savedAt) latest = version;
  }
  return latest;
}

/**
 * What a new version's name must be: not blank, not too long, and not taken, since a saved
 * version is never changed. Returns the problem in words, or null when the name can be used.
 */
export function versionNameProblem(versions: readonly PlanVersion[], name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === "") return "a version needs a name";
  if (trimmed.length > VERSION_NAME_MAX) return `a version name has at most ${VERSION_NAME_MAX} characters ("${trimmed.slice(0, 20)}…" has ${trimmed.length})`;
  const taken = findVersion(versions, trimmed);
  if (taken) {
    const when = taken.savedAt ? `, saved ${taken.savedAt.replace("T", " ").slice(0, 16)}` : "";
    return `a version named "${taken.name}" exists${when}; saved versions are never changed: choose another name`;
  }
  return null;
}

/** The versions without the one of that name: how a version is deleted (the pane writes the rest back). */
export function withoutVersion(versions: readonly PlanVersion[], name: string): PlanVersion[] {
  const key = versionKey(name);
  return versions.filter((v) => versionKey(v.name) !== key);
}

/**
 * The P&L view of a saved family plan that was saved without it (a version older than the P&L
 * columns): computed from its periods as a plan's is, the opening stock at the first making period's unit cost.
 */
export function withProfitAndLoss(periods: readonly Omit<VersionPeriod, "inventoryValue" | "grossMargin">[]): VersionPeriod[] {
  const pnl = profitAndLoss(
    periods.map((p) => ({ made: p.regular + p.overtime + p.subcontract, shipped: p.shipped, inventory: p.inventory })),
    periods.map((p) => p.costs),
    periods.map((p) => p.revenue),
    null,
  );
  return periods.map((p, t) => ({ ...p, inventoryValue: pnl.periods[t].inventoryValue, grossMargin: pnl.periods[t].grossMargin }));
}

// Variance to a saved version: what changed per family, period and measure, and the margin bridge that explains it.
import { COST_KINDS, type CostBreakdown, type StrategyName } from "./model";
import { numberText } from "./numberText";
import { periodKey, versionKey, type PlanVersion, type VersionFamily, type VersionPeriod } from "./versions";

/** The measures a review compares, in the order it reads them. */
export type VarianceMeasure = "demand" | "production" | "inventory" | "backlog" | "workers" | "cost" | "revenue" | "margin" | "grossMargin";

export const VARIANCE_MEASURES: readonly VarianceMeasure[] = [
  "demand",
  "production",
  "inventory",
  "backlog",
  "workers",
  "cost",
  "revenue",
  "margin",
  "grossMargin",
];

/** Flows add up over the horizon; levels (stock, workforce) do not. */
export const FLOW_MEASURES: ReadonlySet<VarianceMeasure> = new Set(["demand", "production", "cost", "revenue", "margin", "grossMargin"]);

/** One measure of one family in one period: the saved version's value, this plan's, and the change. */
export interface VarianceLine {
  family: string;
  period: string;
  measure: VarianceMeasure;
  baseline: number;
  current: number;
  /** current − baseline. */
  change: number;
}

/**
 * What moved the P&L margin (pnl.ts) from the version to this plan, over the periods both have. Exact:
 * baselineMargin + volume + price + Σ costs + inventory = currentMargin.
 * - volume: the version's price per unit shipped × the change in units shipped;
 * - price: the rest of the change in revenue (a different price, or mix of prices);
 * - costs: for each kind, the version's cost − this plan's (a cost that grew lowers the margin);
 * - inventory: the change in the costs the P&L defers into stock (or releases from it): each side's
 *   P&L margin − its cash margin, this plan's less the version's.
 */
export interface MarginBridge {
  /** null: all families together. */
  family: string | null;
  baselineMargin: number;
  volume: number;
  price: number;
  costs: CostBreakdown;
  inventory: number;
  currentMargin: number;
}

/** A family both plans have, and the periods both have (in this plan's order), by index into each. */
export interface FamilyComparison {
  family: string;
  /** The family's name as the version has it (it may differ in case or spacing). */
  baselineFamily: string;
  baselineStrategy: StrategyName;
  currentStrategy: StrategyName;
  periods: string[];
  baselineIndex: number[];
  currentIndex: number[];
}

export interface VarianceReport {
  baseline: { name: string; savedAt: string };
  families: FamilyComparison[];
  /** This plan's families the version does not have (not compared, so not in the total bridge). */
  uncompared: string[];
  /** Per family, period and measure (VARIANCE_MEASURES order). */
  lines: VarianceLine[];
  /** One per compared family, then the total (family null) when there is a family. */
  bridges: MarginBridge[];
  /** What could not be compared, in the planner's words (families or periods only one plan has). */
  notes: string[];
}

export function measureValue(period: VersionPeriod, measure: VarianceMeasure): number {
  switch (measure) {
    case "production":
      return period.regular + period.overtime + period.subcontract;
    case "cost":
      return period.totalCost;
    default:
      return period[measure];
  }
}

function listed(names: readonly string[]): string {
  return names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}

function compareFamily(baseline: VersionFamily, current: VersionFamily, notes: Set<string>, versionName: string): FamilyComparison {
  const baselineAt = new Map(baseline.periods.map((p, i) => [periodKey(p.period), i]));
  const currentKeys = new Set(current.periods.map((p) => periodKey(p.period)));
  const comparison: FamilyComparison = {
    family: current.family,
    baselineFamily: baseline.family,
    baselineStrategy: baseline.strategy,
    currentStrategy: current.strategy,
    periods: [],
    baselineIndex: [],
    currentIndex: [],
  };
  current.periods.forEach((p, i) => {
    const j = baselineAt.get(periodKey(p.period));
    if (j === undefined) return;
    comparison.periods.push(p.period);
    comparison.baselineIndex.push(j);
    comparison.currentIndex.push(i);
  });
  const onlyNow = current.periods.filter((p) => !baselineAt.has(periodKey(p.period))).map((p) => p.period);
  const onlyThen = baseline.periods.filter((p) => !currentKeys.has(periodKey(p.period))).map((p) => p.period);
  if (onlyThen.length > 0) notes.add(`${listed(onlyThen)}: in version "${versionName}" only, not compared.`);
  if (onlyNow.length > 0) notes.add(`${listed(onlyNow)}: not in version "${versionName}", not compared.`);
  return comparison;
}

const sumOver = (periods: readonly VersionPeriod[], indices: readonly number[], pick: (p: VersionPeriod) => number): number =>
  indices.reduce((sum, i) => sum + pick(periods[i]), 0);

/** The margin bridge of one family over the compared periods. */
export function familyBridge(baseline: VersionFamily, current: VersionFamily, comparison: FamilyComparison): MarginBridge {
  const b = (pick: (p: VersionPeriod) => number) => sumOver(baseline.periods, comparison.baselineIndex, pick);
  const c = (pick: (p: VersionPeriod) => number) => sumOver(current.periods, comparison.currentIndex, pick);
  const shippedThen = b((p) => p.shipped);
  const shippedNow = c((p) => p.shipped);
  const revenueThen = b((p) => p.revenue);
  const revenueNow = c((p) => p.revenue);
  // With nothing shipped then there is no price to carry over: all the new revenue is volume.
  const volume = shippedThen > 0 ? (revenueThen / shippedThen) * (shippedNow - shippedThen) : revenueNow - revenueThen;
  const costs = {} as CostBreakdown;
  for (const kind of COST_KINDS) costs[kind] = b((p) => p.costs[kind]) - c((p) => p.costs[kind]);
  return {
    family: current.family,
    baselineMargin: b((p) => p.grossMargin),
    volume,
    price: revenueNow - revenueThen - volume,
    costs,
    inventory: c((p) => p.grossMargin - p.margin) - b((p) => p.grossMargin - p.margin),
    currentMargin: c((p) => p.grossMargin),
  };
}

function totalBridge(bridges: readonly MarginBridge[]): MarginBridge {
  const costs = {} as CostBreakdown;
  for (const kind of COST_KINDS) costs[kind] = bridges.reduce((sum, b) => sum + b.costs[kind], 0);
  const add = (pick: (b: MarginBridge) => number) => bridges.reduce((sum, b) => sum + pick(b), 0);
  return {
    family: null,
    baselineMargin: add((b) => b.baselineMargin),
    volume: add((b) => b.volume),
    price: add((b) => b.price),
    costs,
    inventory: add((b) => b.inventory),
    currentMargin: add((b) => b.currentMargin),
  };
}

/**
 * This plan against a saved version: families matched by name (ignoring case and spacing),
 * periods by label, so a horizon rolled on by a month compares the months both plans have.
 */
export function compareVersions(baseline: PlanVersion, current: PlanVersion): VarianceReport {
  const notes = new Set<string>();
  const baselineByKey = new Map(baseline.families.map((f) => [versionKey(f.family), f]));
  const currentKeys = new Set(current.families.map((f) => versionKey(f.family)));
  const families: FamilyComparison[] = [];
  const lines: VarianceLine[] = [];
  const bridges: MarginBridge[] = [];
  const uncompared: string[] = [];
  for (const family of current.families) {
    const then = baselineByKey.get(versionKey(family.family));
    if (!then) {
      notes.add(`${family.family}: not in version "${baseline.name}", not compared.`);
      uncompared.push(family.family);
      continue;
    }
    const comparison = compareFamily(then, family, notes, baseline.name);
    families.push(comparison);
    comparison.periods.forEach((period, k) => {
      const before = then.periods[comparison.baselineIndex[k]];
      const now = family.periods[comparison.currentIndex[k]];
      for (const measure of VARIANCE_MEASURES) {
        const b = measureValue(before, measure);
        const c = measureValue(now, measure);
        lines.push({ family: family.family, period, measure, baseline: b, current: c, change: c - b });
      }
    });
    bridges.push(familyBridge(then, family, comparison));
  }
  for (const family of baseline.families) {
    if (!currentKeys.has(versionKey(family.family))) {
      notes.add(`${family.family}: in version "${baseline.name}" but has no recommended plan now, not compared.`);
    }
  }
  if (bridges.length > 0) bridges.push(totalBridge(bridges));
  return { baseline: { name: baseline.name, savedAt: baseline.savedAt }, families, uncompared, lines, bridges, notes: [...notes] };
}

/** What the total bridge covers: "All families", or the families it leaves out named (not in the version). */
export function totalBridgeLabel(report: Pick<VarianceReport, "uncompared">): string {
  return report.uncompared.length === 0 ? "All families" : `All families but ${listed(report.uncompared)} (not in the version)`;
}

/** One step of a margin bridge: what it is, in the review's words, and what it added to the margin. */
export interface BridgeDriver {
  driver: string;
  amount: number;
}

/** The steps of a bridge in the order the sheets show them: demand volume, price, each cost kind, then the cost carried in stock (the P&L view's deferral). */
export function bridgeDrivers(bridge: MarginBridge): BridgeDriver[] {
  return [
    { driver: "demand volume", amount: bridge.volume },
    { driver: "price", amount: bridge.price },
    ...COST_KINDS.map((kind) => ({ driver: `${kind} cost`, amount: bridge.costs[kind] })),
    { driver: "cost carried in stock", amount: bridge.inventory },
  ];
}

/** Changes smaller than this (money) are nothing to explain. */
const STORY_FLOOR = 0.5;

const signedWhole = (n: number): string => `${n >= 0 ? "+" : "−"}${numberText(Math.abs(n), 0)}`;

/**
 * What moved the margin, in a few words computed from the bridge: the largest driver in the
 * direction of the change ("mostly demand volume +495,000"), or "offsetting: …" when a driver
 * against the change is at least as large as the change itself (the net hides the story: the
 * largest driver each way is named); "no change" when nothing moved.
 */
export function bridgeStory(bridge: MarginBridge): string {
  const change = bridge.currentMargin - bridge.baselineMargin;
  const drivers = bridgeDrivers(bridge).filter((d) => Math.abs(d.amount) >= STORY_FLOOR);
  if (drivers.length === 0) return "no change";
  const largest = (list: BridgeDriver[]) => list.reduce<BridgeDriver | null>((a, b) => (a === null || Math.abs(b.amount) > Math.abs(a.amount) ? b : a), null);
  const up = change >= 0;
  const along = largest(drivers.filter((d) => d.amount >= 0 === up));
  const against = largest(drivers.filter((d) => d.amount >= 0 !== up));
  const said = (d: BridgeDriver) => `${d.driver} ${signedWhole(d.amount)}`;
  if (against && (!along || Math.abs(against.amount) >= Math.abs(change) || Math.abs(change) < STORY_FLOOR)) {
    return along ? `offsetting: ${said(along)} against ${said(against)}` : `offsetting: ${said(against)}`;
  }
  return `mostly ${said(along as BridgeDriver)}`;
}

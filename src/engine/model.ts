// The planning model's data: what the engine takes in and what it gives back. Plain data only.
import type { ProductionRates } from "./policy";

/** The strategies the planner knows. */
export type StrategyName = "level" | "chase" | "hybrid-subcontract" | "hybrid-overtime" | "manual" | "optimal";
/** Every strategy, in the order the planner shows them (tables, columns, defaults). */
export const ALL_STRATEGIES: readonly StrategyName[] = ["level", "chase", "hybrid-subcontract", "hybrid-overtime", "manual", "optimal"];

export const HEURISTIC_STRATEGIES: readonly StrategyName[] = ["level", "chase", "hybrid-subcontract", "hybrid-overtime", "manual"];

/** Each strategy in the planner's words, as tables, sheets and the pane title it. */
export const STRATEGY_LABELS: Readonly<Record<StrategyName, string>> = {
  level: "Level",
  chase: "Chase",
  "hybrid-subcontract": "Level + subcontract",
  "hybrid-overtime": "Level + overtime",
  manual: "Manual",
  optimal: "Optimal",
};

export type HoldingCostBasis = "ending" | "average";

/** Policy `Demand basis`: what a family is planned on, the consensus (Forecast) or the statistical baseline from Actuals. */
export type DemandBasis = "forecast" | "statistical";

/**
 * One family's Policy, resolved: every parameter of the spec's Policy table with defaults applied.
 * `null` means "not given" where the spec gives blank a meaning of its own.
 */
export interface FamilyPolicy {
  initialInventory: number;
  initialBacklog: number;
  endingInventory: number;
  safetyStock: number;
  /** null: the first period's workforce is set freely (no hiring or layoff cost in period 1). */
  initialWorkers: number | null;
  laborHoursPerUnit: number | null;
  hoursPerWorkerPerDay: number | null;
  hoursPerWorkerPerPeriod: number | null;
  unitsPerWorkerPerDay: number | null;
  unitsPerWorkerPerPeriod: number | null;
  regularCostPerHour: number;
  regularCostPerUnit: number;
  overtimeCostPerHour: number;
  overtimeCostPerUnit: number;
  /**
   * Overtime is allowed when either cap is given: this one (times the workforce, divided by the
   * labor hours per unit) and/or `maxOvertimeUnitsPerPeriod`; both given, both apply; neither
   * given (both null), no overtime.
   */
  maxOvertimeHoursPerWorker: number | null;
  /** Cap on the family's overtime output per period; null: not given (see maxOvertimeHoursPerWorker). */
  maxOvertimeUnitsPerPeriod: number | null;
  hiringCostPerWorker: number;
  layoffCostPerWorker: number;
  holdingCostPerUnit: number;
  holdingCostBasis: HoldingCostBasis;
  /** null: backorders are not allowed. */
  backorderCostPerUnit: number | null;
  /** null: no subcontracting. */
  subcontractCostPerUnit: number | null;
  /** null: no cap. */
  maxSubcontractPerPeriod: number | null;
  materialCostPerUnit: number;
  pricePerUnit: number;
  integerWorkers: boolean;
  /**
   * Policy `Optimality gap` (percent): a whole-worker plan at most this much above the least
   * possible cost (a proven bound) is accepted; a plan further from it is searched for a better one
   * while the run's time budget lasts. Of a group planned together, its families' smallest.
   */
  optimalityGapPercent: number;
  /**
   * Policy `Idle time`: true (`Allowed`, the default): regular output may be below the workforce's
   * regular capacity; false (`Not allowed`): every period's regular output equals it (production
   * proportional to the workforce).
   */
  idleTimeAllowed: boolean;
  /**
   * Policy `Frozen periods`: in this many first periods every plan keeps the compared version's
   * production and workforce (see FrozenPeriods); 0, the default, freezes nothing.
   */
  frozenPeriods: number;
  /**
   * Policy `Lost sale cost per unit`: the goodwill a unit of demand not served costs on top of its
   * lost margin (what the optimal plan weighs when capacity cannot serve everything); reported
   * beside the plan's cost, never inside it.
   */
  lostSaleCostPerUnit: number;
  /**
   * Policy `Priority`: 1 is served first, whatever it costs, when the capacity cannot serve every
   * family's demand; null (blank): after every family with a priority, each unit served when its
   * price + lost sale cost covers what serving it costs (see optimal/model.ts `constrainedTiers`).
   */
  priority: number | null;
  /**
   * Policy `Demand basis`: `forecast` (the default) plans on the Forecast table (the consensus);
   * `statistical` on the baseline computed from the family's Actuals (see demandReview.ts).
   */
  demandBasis: DemandBasis;
  /**
   * Policy `Service level` (a share, e.g. 0.95): when given, the safety stock is z(service level) ×
   * the RMSE of the baseline's one-step holdout errors instead of `safetyStock` as typed; null: not given.
   */
  serviceLevel: number | null;
  /**
   * Policy `Safety stock periods of cover`: when given, each period's safety stock is this many
   * periods of the demand that follows it (see safetyStock.ts) instead of `safetyStock`; null: not given.
   */
  safetyStockCover: number | null;
  /**
   * Policy `Upside limit`: the extra demand an opportunity may assume, as a share of the product's
   * forecast in the period (0.2 = 20 %): more sales than that is a forecast, not idle capacity.
   */
  upsideLimit: number;
  /**
   * Policy `Storage resource`: the Capacity resource the family's stock loads (its products'
   * `Storage per unit` × end-of-period inventory); null: stock takes no capacity.
   */
  storageResource: string | null;
  /**
   * Policy `Opening stock value per unit`: what a unit of the initial inventory is worth in the P&L
   * view; null (blank): the unit cost of the first period that makes anything (see pnl.ts).
   */
  openingStockValuePerUnit: number | null;
}

/**
 * The first periods of a family's plans as the compared version has them (Policy `Frozen
 * periods`): its workers, regular, overtime and subcontracted units, one value per frozen period
 * (the first `workers.length` periods of the horizon). Every strategy keeps them and plans the rest.
 */
export interface FrozenPeriods {
  /** The version they are kept from. */
  version: string;
  workers: number[];
  regular: number[];
  overtime: number[];
  subcontract: number[];
}

/** A manual plan for one family (the Plan table). Missing rows are null. */
export interface ManualPlanInput {
  workers: number[] | null;
  regular: number[] | null;
  overtime: number[] | null;
  subcontract: number[] | null;
}

/** Everything needed to plan one family. */
export interface FamilyInput {
  family: string;
  /** Family-level demand per period (top-down). */
  demand: number[];
  /**
   * Whether Forecast has a family row (blank Product) for the family; false when `demand` is the
   * sum of its product rows. Absent = true. Decides the default approach (top-down when family rows exist).
   */
  hasFamilyRow?: boolean;
  /**
   * True for a family with Actuals but no Forecast row: `demand` is 0 until the demand review
   * plans it on its statistical baseline (planOnReview). Absent = the family is in Forecast.
   */
  noForecast?: boolean;
  /**
   * The safety stock of each period when it was computed (Policy `Safety stock periods of cover` or
   * `Service level`); absent: `policy.safetyStock` every period.
   */
  safetyStockByPeriod?: number[];
  policy: FamilyPolicy;
  manualPlan: ManualPlanInput | null;
  /**
   * Material cost per unit made in-house, per period, when the family's products give their own
   * `Unit cost` (top-down: mix-weighted; bottom-up: weighted by that period's product forecasts).
   * Absent: the Policy's `Material cost per unit`, or the products' mix-weighted costs when planAll
   * sees products with a unit cost.
   */
  materialCostPerUnit?: number[];
  /**
   * Revenue per unit shipped, per period, when the family's products give their own `Price`
   * (top-down: mix-weighted; bottom-up: weighted by that period's product forecasts; a product
   * without a price counts at the Policy's). Absent: the Policy's `Price per unit`, or the products'
   * mix-weighted prices when planAll sees products with a price.
   */
  pricePerUnit?: number[];
  /** The periods kept from the compared version (set by `freezePeriods`); absent: none. */
  frozen?: FrozenPeriods;
  /**
   * `forecast`: the family is planned on its product rows (bottom-up, see bottomUpInput) and its
   * output split by each period's product forecasts, which the optimal plan's resource loads follow.
   * Absent: split as `splitByForecast` says (by each period's product forecasts whenever the family has product rows).
   */
  outputSplit?: "forecast";
}

/** A resource's available capacity per period (Capacity table, other than `Working days` and `Max utilisation`). */
export interface ResourceCapacity {
  resource: string;
  /**
   * What the plans may use: the Capacity table's figure × the period's `Max utilisation` (one
   * definition for every check, the optimal plan, the Capacity sheet and the risks).
   */
  available: number[];
  /** The Capacity table's figure, when a `Max utilisation` below 100 % makes it differ from `available`. */
  stated?: number[];
}

export interface ProductInput {
  product: string;
  family: string;
  /** Demand per period from the product's Forecast row; null when the product has none. */
  demand: number[] | null;
  /** Mix as given (not yet normalised); null when blank. */
  mix: number | null;
  /** Where the Mix was read (`Products!C2`); absent when blank or not from a sheet. */
  mixCell?: string;
  price: number | null;
  unitCost: number | null;
  /** Capacity units per unit of product, by resource name. */
  loads: Record<string, number>;
  /** Products `Storage per unit`: room one unit in stock takes on its family's Policy `Storage resource`; absent or null: none. */
  storagePerUnit?: number | null;
}

/** A line of the Budget table: units shipped, revenue or (P&L) margin. */
export type BudgetMeasure = "units" | "revenue" | "margin";

/** One row of the optional Budget table: the annual plan's figure for a family, per period. */
export interface BudgetLine {
  family: string;
  measure: BudgetMeasure;
  values: number[];
  /** Where each period's value was read (sheet, 0-based row and column), so output sheets can read it live; absent when not from a sheet. */
  cells?: { sheet: string; row: number; column: number }[];
}

/** The whole planning input, as parsed from a workbook. */
export interface PlanningInput {
  periods: string[];
  /** Working days per period, or null when Capacity has no `Working days` row. */
  workingDays: number[] | null;
  /** Capacity `Max utilisation` per period (a share, 1 = 100 %), or absent without the row: already applied to every resource's `available`. */
  maxUtilization?: number[];
  families: FamilyInput[];
  products: ProductInput[];
  resources: ResourceCapacity[];
  /** The Budget table's rows (the plan is compared with them, never planned on them); absent: no Budget. */
  budget?: BudgetLine[];
}

/** One period of a plan. Units are units of product except workers. */
export interface PlanPeriod {
  period: string;
  demand: number;
  regular: number;
  overtime: number;
  subcontract: number;
  workers: number;
  hired: number;
  laidOff: number;
  inventory: number;
  backlog: number;
  /** Units delivered to customers in the period: demand − unmet + backlog at the start − backlog at the end. */
  shipped: number;
  /** Units of this period's demand never served (lost sales): what the capacity and the Policy's levers cannot make. */
  unmet: number;
  /**
   * Units the period ends below its stock target (the safety stock, and in the last period the
   * ending inventory): a target the opening position, a frozen period or the capacity makes
   * impossible; 0 when it is met.
   */
  belowTarget: number;
  /** What the units on hand at the end of the period are worth at the period's unit cost (the P&L view, see pnl.ts). */
  inventoryValue: number;
  /** Only on an optimal plan solved as an LP: what one more unit of demand in this period would cost. */
  marginalCost?: number;
}

/** Costs by kind, in the order the spec's JSON lists them. */
export interface CostBreakdown {
  regular: number;
  overtime: number;
  hiring: number;
  layoff: number;
  holding: number;
  backorder: number;
  subcontract: number;
  material: number;
}

export const COST_KINDS: readonly (keyof CostBreakdown)[] = [
  "regular",
  "overtime",
  "hiring",
  "layoff",
  "holding",
  "backorder",
  "subcontract",
  "material",
];

/** A constraint a plan breaks, in the planner's words. */
export interface Violation {
  /** Index of the period, or null for the whole horizon. */
  periodIndex: number | null;
  message: string;
  /** A capacity the plan overloads: the resource and its load beyond what is available, as a share of it. */
  overload?: { resource: string; share: number; load: number; available: number };
}

/**
 * How the optimal plan was solved. `optimal`: proven least-cost (for whole workers, within the
 * asked gap); `time-limit`: the best plan found when the time ran out; `infeasible`: no plan meets
 * every requirement (the violations say which). `gap` is (cost − bound) / cost, `bound` the least
 * cost any plan can have (the LP bound for whole workers); for families planned together through
 * shared resources both are of their total, and each of them carries the same report.
 */
export interface SolveReport {
  status: "optimal" | "time-limit" | "infeasible";
  gap: number;
  bound: number | null;
  /** Solver time, when the solver reports it. */
  seconds?: number;
  /** How whole workers were found: the MIP itself, or the LP with workers rounded up and the rest re-solved. */
  method?: "lp" | "mip" | "rounded-lp";
  /** Whole workers: the relative gap the plan was to be within (the Policy's `Optimality gap`; 0 for a group solved exactly). */
  target?: number;
}

export interface PlanResult {
  strategy: StrategyName;
  feasible: boolean;
  /** Sum of `costs`. */
  totalCost: number;
  costs: CostBreakdown;
  revenue: number;
  margin: number;
  periods: PlanPeriod[];
  periodCosts: CostBreakdown[];
  periodRevenue: number[];
  /**
   * The P&L view (see pnl.ts): cost of goods sold on the units shipped (production and subcontract
   * costs carried in inventory at weighted average cost), and the margin after it and the period
   * costs (hiring, layoffs, holding, backorders): revenue − cogs − period costs. `margin` is the cash view.
   */
  cogs: number;
  grossMargin: number;
  periodCogs: number[];
  periodGrossMargin: number[];
  /** Units shipped over the horizon (Σ periods' shipped). */
  shipped: number;
  /** Units of demand never served over the horizon (Σ periods' unmet). */
  unmet: number;
  /** Σ price × unmet units (the period's price per unit, see FamilyInput.pricePerUnit): the revenue the plan does not earn. */
  revenueAtRisk: number;
  /** Σ (price − material − regular cost per unit) × unmet units: the margin the unmet sales would have earned over their variable cost. */
  lostMargin: number;
  /** Policy `Lost sale cost per unit` × unmet units: reported beside `totalCost`, not in it. */
  lostSaleCost: number;
  /** Hard limits the plan breaks (capacity, caps, workforce rules, demand owed and not allowed): infeasible when any. */
  violations: Violation[];
  /**
   * What the plan falls short of where it cannot help it, in planner's words: why demand goes
   * unmet (a family's own levers), and the stock targets (safety stock, ending inventory) missed
   * because of the opening position, frozen periods or the capacity, with when each is reached
   * again. The plan stays feasible.
   */
  shortfallNotes: string[];
  /** The stock targets missed, each against its own target (see costing.ts targetShortfalls); absent: none computed. */
  targetShortfalls?: TargetShortfall[];
  /** Only on the optimal plan: how it was solved and the gap reached. Not part of the CLI's JSON plan. */
  solve?: SolveReport;
  /** Only on the optimal plan: why it is what it is (the LP's marginal values). */
  why?: PlanWhy;
}

/** A run of periods whose ending stock falls short of one stock target. */
export interface TargetShortfall {
  target: "safety stock" | "ending inventory";
  /** The target's level (the lowest over the run when a computed safety stock varies) and its highest. */
  level: number;
  highestLevel: number;
  /** First and last period index of the run. */
  from: number;
  to: number;
  /** The most the stock is short of the target in the run. */
  most: number;
  /** The period index where the target is reached again, null when not by the end of the horizon. */
  reachedAgain: number | null;
  /** Whether the run starts in a frozen period. */
  frozen: boolean;
  /** Periods of the run whose demand the plan leaves partly unmet: a constrained plan keeps a buffer only for the demand it serves. */
  unmetPeriods: number;
}

/** A limit the optimal plan presses against, in the planner's words. */
export type BindingKind =
  | "capacity"
  | "overtime cap"
  | "subcontract cap"
  | "safety stock"
  | "ending inventory"
  | "no backorders"
  | "no idle time";

/** One binding constraint of the optimal plan and what loosening it by one unit would save. */
export interface BindingConstraint {
  kind: BindingKind;
  periodIndex: number;
  period: string;
  /** The resource, for a capacity limit. */
  resource?: string;
  /** What loosening the limit by one unit would save (one more unit of capacity or cap; one unit less of stock to hold; one unit of backlog allowed). */
  saving: number;
  /** The same in words: "one more unit of Test capacity in Nov 2027 would save 14.20". */
  message: string;
}

/**
 * The marginal values of an optimal plan, from the LP's duals (with the workforce fixed when
 * workers are whole). `resources` covers every resource the family's group of families loads.
 */
export interface PlanWhy {
  /** Per period: what one more unit of demand would cost (also on each period as `marginalCost`). */
  marginalCost: number[];
  /** Binding constraints, largest saving first. */
  bindings: BindingConstraint[];
  /** Per resource the family loads (with its group): what one more unit of capacity would save each period (0 with slack). */
  resources: { resource: string; marginalValue: number[] }[];
}

export interface FamilyResult {
  family: string;
  /**
   * The best feasible plan (the most margin after lost-sale costs; among plans that ship the same,
   * the cheapest) that fits every resource with the other families' plans. When no plan compared
   * is feasible, the one closest to feasible (least overload, then fewest broken limits, then the
   * cheapest), with `capacityError` saying so: every family has one. Null only without plans.
   */
  recommended: StrategyName | null;
  plans: PlanResult[];
  /**
   * Set when cheaper plans were passed over because, together with the other families' plans,
   * they overload a shared resource; says which resource and period.
   */
  capacityNote?: string;
  /**
   * Set when the recommended plan is not feasible (no plan compared is, e.g. `--strategies level`
   * over capacity): what it breaks. An error-level finding on every front end.
   */
  capacityError?: string;
}

export type Severity = "error" | "warning" | "info";

/** A message for the user; `cell` is an A1 address with its sheet, e.g. `Forecast!D7`. */
export interface PlanMessage {
  severity: Severity;
  message: string;
  cell?: string;
}

/**
 * A resource shared by several families, as the optimal plan sees it: for each period,
 * the sum over families of loadPerUnit × that family's output (regular + overtime) ≤ available.
 * `loadPerUnit` is in capacity units per unit of family output (the family's products' loads weighted by mix).
 */
export interface SharedResource {
  resource: string;
  available: number[];
  loadPerUnit: Record<string, number>;
  /**
   * Per family whose output is split by its product forecasts (see splitByForecast), the load per
   * unit of its output in each period, which the period's product mix sets; it overrides
   * `loadPerUnit` (then the largest of them, for which families a resource couples) period by period.
   */
  loadPerUnitByPeriod?: Record<string, number[]>;
  /**
   * Per family whose Policy `Storage resource` is this resource: capacity units one unit of its
   * end-of-period inventory takes (its products' `Storage per unit`, weighted by mix). The optimal
   * plan keeps Σ load × output + Σ storage × inventory within `available`.
   */
  storagePerUnit?: Record<string, number>;
  /**
   * Capacity units held back every period for the whole-unit split of the families' output (top-down
   * splits each family's output by mix in whole units, so the products' loads can exceed the
   * mix-weighted load by up to this much); the plans fit within available − splitReserve. 0 or absent
   * when every family's products load the resource alike.
   */
  splitReserve?: number;
}

/** Required vs available capacity of one resource in one period (rough-cut capacity). */
export interface ResourceLoadPeriod {
  period: string;
  required: number;
  available: number;
  /** required / available; Infinity when something is required of a resource with no capacity, 0 when nothing is. */
  utilization: number;
  /** What one more unit of capacity would save the optimal plans (0 with slack); absent without an optimal plan. */
  marginalValue?: number;
}

export interface ResourceRequirement {
  resource: string;
  periods: ResourceLoadPeriod[];
}

export type RiskKind =
  | "unmet"
  | "overload"
  | "underutilization"
  | "backlog"
  | "shortage"
  | "loss"
  | "forecast-gap"
  /** The consensus (Forecast) outside the statistical baseline's 95 % interval: the demand review's agenda. */
  | "consensus-gap"
  /** A resource at or above a stated share of its capacity (95 %) for two or more periods in a row: no room for an upside or a breakdown. */
  | "high-load"
  /** Subcontracting or overtime at its Policy cap: the lever has nothing left if demand rises. */
  | "at-cap"
  /** A stock target (safety stock, ending inventory) the recommended plan does not reach. */
  | "stock-target"
  | "opportunity";

/** A risk (or an opportunity) for the review meeting, naming what it concerns and the numbers behind it. */
export interface RiskFlag {
  kind: RiskKind;
  severity: Severity;
  message: string;
  family?: string;
  product?: string;
  resource?: string;
  period?: string;
  /** A flag about a run of periods: every period of it, in order (`period` is the first). Absent: `period` alone. */
  periods?: string[];
  /** The number behind the flag, in the unit the message gives (hours short, units, money). */
  value?: number;
}

/** A resource the family loads, as the check of its plans sees it: capacity units per unit made (regular + overtime), per period. */
export interface FamilyCapacity {
  resource: string;
  loadPerUnit: readonly number[];
  /** Capacity units one unit of end-of-period inventory takes (a storage resource); absent: none. */
  storagePerUnit?: number;
  available: readonly number[];
}

/** The horizon and demand of one family, with its rates, as every strategy sees them. */
export interface FamilyContext {
  family: string;
  periods: readonly string[];
  demand: readonly number[];
  policy: FamilyPolicy;
  rates: ProductionRates;
  /** Material cost per unit made in-house, per period (the products' own unit costs); absent: the Policy's. */
  materialCostPerUnit?: readonly number[];
  /** Revenue per unit shipped, per period (the products' own prices); absent: the Policy's. */
  pricePerUnit?: readonly number[];
  /** The safety stock of each period when it was computed (cover or service level); absent: the Policy's. */
  safetyStock?: readonly number[];
  /** The first periods kept as the compared version has them (Policy `Frozen periods`); absent: none. */
  frozen?: FrozenPeriods;
  /** The Capacity resources the family's output loads; every plan is checked against each (alone: shared use is the recommendation's). */
  capacity?: readonly FamilyCapacity[];
}

/**
 * Top-down: the family forecast drives the plan and is divided across the products by mix.
 * Bottom-up: the products' forecasts are planned as they are (a family's demand is the sum of its
 * product rows) and each product's own forecast loads the resources.
 */
export type Approach = "top-down" | "bottom-up";

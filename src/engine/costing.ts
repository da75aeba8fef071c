// Costs a plan's decisions with the period model: the one place every strategy's cost, revenue and feasibility come from.
import { amountText, percentText } from "./numberText";
import type { CostBreakdown, FamilyContext, PlanPeriod, PlanResult, StrategyName, TargetShortfall, Violation } from "./model";
import { profitAndLoss } from "./pnl";

/** What a strategy decides per period; everything else follows from the period model. */
export interface PlanDecisions {
  workers: number[];
  regular: number[];
  overtime: number[];
  subcontract: number[];
  /**
   * Units of each period's demand the plan leaves unserved (lost sales); absent: none. Only the
   * optimal plan decides these, when the capacity and the Policy's levers cannot serve everything.
   */
  unmet?: number[];
  /**
   * True when the plan's stock-target shortfalls are proven the least possible (the optimal plan's
   * second objective): they are then reported as targets missed, not as broken limits.
   */
  shortfallsMinimised?: boolean;
}

/**
 * The stock each period must end with (its target): the safety stock, and in the last period at
 * least the ending inventory. Targets: a plan may fall short of one only where it cannot help it.
 */
export function stockTargets(ctx: FamilyContext): number[] {
  const { policy, periods } = ctx;
  const last = periods.length - 1;
  return periods.map((_, t) => (t === last ? Math.max(safetyStockAt(ctx, t), policy.endingInventory) : safetyStockAt(ctx, t)));
}

/** The safety stock at the end of period t: the computed one (cover, service level), else the Policy's. */
export function safetyStockAt(ctx: FamilyContext, t: number): number {
  return ctx.safetyStock?.[t] ?? ctx.policy.safetyStock;
}

/** Whether any period keeps a safety stock. */
function hasSafetyStock(ctx: FamilyContext): boolean {
  return ctx.safetyStock ? ctx.safetyStock.some((s) => s > 0) : ctx.policy.safetyStock > 0;
}

/**
 * Whether period t may end owing customers: backorders allowed, never in the last period (all that
 * is owed is delivered by the end), and never with a safety stock (which keeps the net position
 * above zero every period).
 */
export function backlogAllowedAt(ctx: FamilyContext, t: number): boolean {
  const { policy, periods } = ctx;
  return policy.backorderCostPerUnit !== null && !hasSafetyStock(ctx) && t < periods.length - 1;
}

/**
 * The net position (inventory minus backlog) each period must reach: its stock target, or no
 * floor where a shortfall may carry over as backlog.
 */
export function positionFloors(ctx: FamilyContext): number[] {
  return stockTargets(ctx).map((target, t) => (backlogAllowedAt(ctx, t) ? -Infinity : target));
}

/**
 * The most of each period's stock target any plan can reach, ignoring the resources: the target
 * itself, except where the opening position and the frozen periods (whose output is fixed), or
 * periods without working time before any with it, leave less on hand whatever is planned (demand
 * served first). A plan that ends a period below this has only itself to blame.
 */
export function reachableTargets(ctx: FamilyContext): number[] {
  const { policy, rates, demand, periods } = ctx;
  const targets = stockTargets(ctx);
  const frozen = frozenCount(ctx);
  const overtimeCap = policy.maxOvertimeUnitsPerPeriod ?? Infinity;
  const subcontractCap = policy.subcontractCostPerUnit === null ? 0 : (policy.maxSubcontractPerPeriod ?? Infinity);
  let position = policy.initialInventory - policy.initialBacklog;
  return periods.map((_, t) => {
    let most: number;
    if (t < frozen && ctx.frozen) {
      most = ctx.frozen.regular[t] + ctx.frozen.overtime[t] + ctx.frozen.subcontract[t];
    } else {
      const overtimePossible = rates.overtimeUnitsPerWorker[t] > 0 && overtimeCap > 0;
      // The workforce has no upper limit: with working time, any amount can be made.
      most = rates.unitsPerWorker[t] > 0 ? Infinity : (overtimePossible ? overtimeCap : 0) + subcontractCap;
    }
    position += most - demand[t];
    // Demand that cannot be carried as backlog is lost, not owed.
    if (position < 0 && policy.backorderCostPerUnit === null) position = 0;
    return Math.min(targets[t], Math.max(0, position));
  });
}

/** How many of the first periods are frozen (kept as the compared version has them). */
export function frozenCount(ctx: FamilyContext): number {
  return ctx.frozen ? Math.min(ctx.frozen.workers.length, ctx.periods.length) : 0;
}

/**
 * What a unit of the opening stock is worth when Policy `Opening stock value per unit` is blank and
 * the plan makes nothing to take a unit cost from: the family's own unit cost, its material (first
 * period) + regular cost per unit.
 */
export function openingStockFallback(ctx: FamilyContext): number {
  return (ctx.periods.length > 0 ? materialCostAt(ctx, 0) : ctx.policy.materialCostPerUnit) + ctx.policy.regularCostPerUnit;
}

/** The material cost per unit made in-house in period t: the products' (when known), else the Policy's. */
export function materialCostAt(ctx: FamilyContext, t: number): number {
  return ctx.materialCostPerUnit ? ctx.materialCostPerUnit[t] : ctx.policy.materialCostPerUnit;
}

/** The revenue per unit shipped in period t: the products' (when known), else the Policy's. */
export function priceAt(ctx: FamilyContext, t: number): number {
  return ctx.pricePerUnit ? ctx.pricePerUnit[t] : ctx.policy.pricePerUnit;
}

/**
 * The most overtime `workers` can make in period t. Overtime is allowed when either cap is given:
 * `Max overtime hours per worker` (per worker, converted to units) and `Max overtime units per
 * period`, each applying when given; neither, none.
 */
export function overtimeLimit(ctx: Pick<FamilyContext, "rates" | "policy">, t: number, workers: number): number {
  const perWorker = ctx.rates.overtimeUnitsPerWorker[t];
  const byWorkforce = perWorker === Infinity ? Infinity : perWorker * workers;
  return Math.min(byWorkforce, ctx.policy.maxOvertimeUnitsPerPeriod ?? Infinity);
}

export function zeroCosts(): CostBreakdown {
  return { regular: 0, overtime: 0, hiring: 0, layoff: 0, holding: 0, backorder: 0, subcontract: 0, material: 0 };
}

export function sumCosts(costs: CostBreakdown): number {
  return (
    costs.regular +
    costs.overtime +
    costs.hiring +
    costs.layoff +
    costs.holding +
    costs.backorder +
    costs.subcontract +
    costs.material
  );
}

/** Slack for comparisons of computed quantities: an LP or a division may land a hair off a bound. */
export function tolerance(scale: number): number {
  return 1e-7 * Math.max(1, Math.abs(scale));
}

const units = (n: number): string => amountText(n);

function span(periods: readonly string[], from: number, to: number): string {
  return from === to ? periods[from] : `${periods[from]}–${periods[to]}`;
}

/**
 * The stock targets a plan falls short of, run by run of periods, each against its own target: the
 * safety stock (every period, the last one included) and, in the last period, the ending inventory
 * when it asks for more. `below` is each period's shortfall against its combined target (stockTargets).
 */
export function targetShortfalls(ctx: FamilyContext, below: readonly number[], unmet: readonly number[] = []): TargetShortfall[] {
  const { policy, periods } = ctx;
  const n = periods.length;
  const frozen = frozenCount(ctx);
  const targets = stockTargets(ctx);
  // Short of the safety stock: the combined target's shortfall less what the ending inventory adds to it.
  const belowSafety = below.map((b, t) => Math.max(0, b - (targets[t] - safetyStockAt(ctx, t))));
  const shortfalls: TargetShortfall[] = [];
  let t = 0;
  while (t < n) {
    if (belowSafety[t] <= tolerance(safetyStockAt(ctx, t))) {
      t++;
      continue;
    }
    const from = t;
    let most = 0;
    const levels: number[] = [];
    while (t < n && belowSafety[t] > tolerance(safetyStockAt(ctx, t))) {
      most = Math.max(most, belowSafety[t]);
      levels.push(safetyStockAt(ctx, t++));
    }
    shortfalls.push({ target: "safety stock", level: Math.min(...levels), highestLevel: Math.max(...levels), from, to: t - 1, most, reachedAgain: t < n ? t : null, frozen: from < frozen, unmetPeriods: unmetIn(unmet, from, t - 1) });
  }
  const last = n - 1;
  if (n > 0 && policy.endingInventory > safetyStockAt(ctx, last) && below[last] > tolerance(targets[last])) {
    shortfalls.push({ target: "ending inventory", level: policy.endingInventory, highestLevel: policy.endingInventory, from: last, to: last, most: below[last], reachedAgain: null, frozen: last < frozen, unmetPeriods: unmetIn(unmet, last, last) });
  }
  return shortfalls;
}

/** How many periods from `from` to `to` leave demand unmet. */
function unmetIn(unmet: readonly number[], from: number, to: number): number {
  let count = 0;
  for (let t = from; t <= to; t++) if ((unmet[t] ?? 0) > 1e-6) count++;
  return count;
}

/** Why a buffer is short where demand goes unmet too: the constrained plan keeps it only for the demand it serves. */
export function unmetBufferClause(s: Pick<TargetShortfall, "unmetPeriods" | "from" | "to">): string {
  if (s.unmetPeriods === 0) return "";
  const all = s.unmetPeriods === s.to - s.from + 1;
  return ` Demand goes unmet in ${all ? (s.from === s.to ? "that period" : "those periods") : `${s.unmetPeriods} of those periods`} too: the plan keeps a buffer only for the demand it serves.`;
}

/** "The safety stock of 50", "The safety stock of 40–60" (computed, varying), "The ending inventory of 2,000". */
export function stockTargetName(s: Pick<TargetShortfall, "target" | "level" | "highestLevel">): string {
  const level = s.highestLevel - s.level > tolerance(s.highestLevel) ? `${units(s.level)}–${units(s.highestLevel)}` : units(s.level);
  return `The ${s.target} of ${level}`;
}

/**
 * One missed target in words, with its own figures: "The safety stock of 50 is not reached in
 * Sep–Nov: up to 50 short; reached again in Dec." or "The ending inventory of 50,000 is not
 * reached in Dec: 49,900 short."
 */
export function targetShortfallText(s: TargetShortfall, periods: readonly string[]): string {
  const inFrozen = s.frozen ? " (frozen)" : "";
  if (s.target === "ending inventory") return `${stockTargetName(s)} is not reached in ${span(periods, s.from, s.to)}${inFrozen}: ${units(s.most)} short.${unmetBufferClause(s)}`;
  const recovered = s.reachedAgain !== null ? `reached again in ${periods[s.reachedAgain]}` : "not reached again by the end of the horizon";
  return `${stockTargetName(s)} is not reached in ${span(periods, s.from, s.to)}${inFrozen}: up to ${units(s.most)} short; ${recovered}.${unmetBufferClause(s)}`;
}

/**
 * Applies the period model to a strategy's decisions: workforce changes, inventory and backlog,
 * costs by kind, revenue, and every constraint the plan breaks (the plan is feasible when none).
 */
export function costPlan(ctx: FamilyContext, strategy: StrategyName, decisions: PlanDecisions): PlanResult {
  const { policy, rates, demand, periods } = ctx;
  const periodCount = periods.length;
  const violations: Violation[] = [];
  // A constraint a frozen period breaks is the version's doing, not the strategy's: the message says so.
  const frozen = frozenCount(ctx);
  const violate = (t: number | null, message: string, overload?: Violation["overload"]) =>
    violations.push({
      periodIndex: t,
      message: t === null ? message : `${periods[t]}${t < frozen ? ` (frozen)` : ""}: ${message}`,
      ...(overload && { overload }),
    });

  const planPeriods: PlanPeriod[] = [];
  const periodCosts: CostBreakdown[] = [];
  const periodRevenue: number[] = [];
  const backordersAllowed = policy.backorderCostPerUnit !== null;
  const targets = stockTargets(ctx);
  const reachable = reachableTargets(ctx);

  let previousWorkers = policy.initialWorkers;
  let netPosition = policy.initialInventory - policy.initialBacklog;
  let beginningInventory = policy.initialInventory;
  let beginningBacklog = policy.initialBacklog;

  for (let t = 0; t < periodCount; t++) {
    const workers = decisions.workers[t] ?? 0;
    const regular = decisions.regular[t] ?? 0;
    const overtime = decisions.overtime[t] ?? 0;
    const subcontract = decisions.subcontract[t] ?? 0;
    const d = demand[t];

    const hired = previousWorkers === null ? 0 : Math.max(0, workers - previousWorkers);
    const laidOff = previousWorkers === null ? 0 : Math.max(0, previousWorkers - workers);
    let unmet = Math.min(d, Math.max(0, decisions.unmet?.[t] ?? 0));
    netPosition = netPosition + regular + overtime + subcontract - (d - unmet);
    // A frozen period's output is the version's: what it cannot serve and may not owe is lost.
    if (t < frozen && !backordersAllowed && netPosition < 0) {
      const lost = Math.min(-netPosition, d - unmet);
      unmet += lost;
      netPosition += lost;
    }
    const inventory = Math.max(0, netPosition);
    const backlog = Math.max(0, -netPosition);
    const shipped = d - unmet + beginningBacklog - backlog;
    // A solver's hair below the target is the target met.
    const belowTarget = targets[t] - inventory > tolerance(targets[t]) ? targets[t] - inventory : 0;

    const hoursPerWorker = rates.hoursPerWorker ? rates.hoursPerWorker[t] : 0;
    const hoursPerUnit = rates.laborHoursPerUnit ? rates.laborHoursPerUnit[t] : 0;
    const heldUnits = policy.holdingCostBasis === "average" ? (beginningInventory + inventory) / 2 : inventory;
    const costs: CostBreakdown = {
      regular: policy.regularCostPerHour * hoursPerWorker * workers + policy.regularCostPerUnit * regular,
      overtime: policy.overtimeCostPerHour * hoursPerUnit * overtime + policy.overtimeCostPerUnit * overtime,
      hiring: policy.hiringCostPerWorker * hired,
      layoff: policy.layoffCostPerWorker * laidOff,
      holding: policy.holdingCostPerUnit * heldUnits,
      backorder: (policy.backorderCostPerUnit ?? 0) * backlog,
      subcontract: (policy.subcontractCostPerUnit ?? 0) * subcontract,
      material: materialCostAt(ctx, t) * (regular + overtime),
    };

    checkPeriod(ctx, t, { workers, regular, overtime, subcontract, inventory, backlog }, backordersAllowed, violate);
    // A stock target missed by more than any plan must miss it (or than the optimal plan proved it must) breaks the Policy.
    if (!decisions.shortfallsMinimised && inventory < reachable[t] - tolerance(reachable[t]) && !(t === periodCount - 1 && policy.endingInventory > safetyStockAt(ctx, t))) {
      violate(t, `inventory ${units(inventory)} is below the safety stock of ${units(safetyStockAt(ctx, t))}`);
    }

    planPeriods.push({
      period: periods[t],
      demand: d,
      regular,
      overtime,
      subcontract,
      workers,
      hired,
      laidOff,
      inventory,
      backlog,
      shipped,
      unmet,
      belowTarget,
      // Set below, once the whole plan is known (the opening stock's value may come from a later period).
      inventoryValue: 0,
    });
    periodCosts.push(costs);
    periodRevenue.push(priceAt(ctx, t) * shipped);

    previousWorkers = workers;
    beginningInventory = inventory;
    beginningBacklog = backlog;
  }

  if (periodCount > 0) {
    const last = planPeriods[periodCount - 1];
    if (last.backlog > tolerance(last.backlog)) {
      violate(periodCount - 1, `${units(last.backlog)} units still owed to customers at the end of the horizon`);
    }
    const endingReachable = Math.min(policy.endingInventory, reachable[periodCount - 1]);
    if (!decisions.shortfallsMinimised && last.inventory < endingReachable - tolerance(endingReachable)) {
      violate(
        periodCount - 1,
        `ending inventory ${units(last.inventory)} is below the required ${units(policy.endingInventory)}`,
      );
    }
  }

  const costs = zeroCosts();
  for (const periodCost of periodCosts) {
    for (const kind of Object.keys(costs) as (keyof CostBreakdown)[]) costs[kind] += periodCost[kind];
  }
  const totalCost = sumCosts(costs);
  const revenue = periodRevenue.reduce((a, b) => a + b, 0);
  const unmet = planPeriods.reduce((sum, p) => sum + p.unmet, 0);
  const pnl = profitAndLoss(
    planPeriods.map((p) => ({ made: p.regular + p.overtime + p.subcontract, shipped: p.shipped, inventory: p.inventory })),
    periodCosts,
    periodRevenue,
    policy.openingStockValuePerUnit,
    openingStockFallback(ctx),
  );
  pnl.periods.forEach((p, t) => (planPeriods[t].inventoryValue = p.inventoryValue));
  const shortfalls = targetShortfalls(
    ctx,
    planPeriods.map((p) => p.belowTarget),
    planPeriods.map((p) => p.unmet),
  );
  return {
    strategy,
    feasible: violations.length === 0,
    totalCost,
    costs,
    revenue,
    margin: revenue - totalCost,
    periods: planPeriods,
    periodCosts,
    periodRevenue,
    cogs: pnl.cogs,
    grossMargin: pnl.grossMargin,
    periodCogs: pnl.periods.map((p) => p.cogs),
    periodGrossMargin: pnl.periods.map((p) => p.grossMargin),
    shipped: planPeriods.reduce((sum, p) => sum + p.shipped, 0),
    unmet,
    revenueAtRisk: planPeriods.reduce((sum, p, t) => sum + priceAt(ctx, t) * p.unmet, 0),
    lostMargin: planPeriods.reduce((sum, p, t) => sum + (priceAt(ctx, t) - materialCostAt(ctx, t) - policy.regularCostPerUnit) * p.unmet, 0),
    lostSaleCost: policy.lostSaleCostPerUnit * unmet,
    violations,
    shortfallNotes: shortfalls.map((short) => targetShortfallText(short, periods)),
    targetShortfalls: shortfalls,
  };
}

interface PeriodState {
  workers: number;
  regular: number;
  overtime: number;
  subcontract: number;
  inventory: number;
  backlog: number;
}

function checkPeriod(
  ctx: FamilyContext,
  t: number,
  s: PeriodState,
  backordersAllowed: boolean,
  violate: (t: number, message: string, overload?: Violation["overload"]) => void,
): void {
  const { policy, rates } = ctx;
  for (const [name, value] of [
    ["workers", s.workers],
    ["regular output", s.regular],
    ["overtime output", s.overtime],
    ["subcontracted units", s.subcontract],
  ] as const) {
    if (!(value >= 0) || !Number.isFinite(value)) violate(t, `${name} must be a number ≥ 0, not ${value}`);
  }
  if (policy.integerWorkers && Math.abs(s.workers - Math.round(s.workers)) > 1e-9) {
    violate(t, `${units(s.workers)} workers is not a whole number and the Policy asks for whole workers`);
  }
  const regularCapacity = rates.unitsPerWorker[t] * s.workers;
  if (s.regular > regularCapacity + tolerance(regularCapacity)) {
    violate(
      t,
      `regular output ${units(s.regular)} exceeds what ${units(s.workers)} workers make on regular time (${units(regularCapacity)})`,
    );
  } else if (!policy.idleTimeAllowed && s.regular < regularCapacity - tolerance(regularCapacity)) {
    violate(
      t,
      `regular output ${units(s.regular)} is below what ${units(s.workers)} workers make on regular time (${units(regularCapacity)}) and idle time is not allowed`,
    );
  }
  if (s.overtime > 0) {
    const cap = overtimeLimit(ctx, t, s.workers);
    if (policy.maxOvertimeHoursPerWorker === null && policy.maxOvertimeUnitsPerPeriod === null) {
      violate(t, `overtime output ${units(s.overtime)} but overtime is not allowed (the Policy caps it neither in hours per worker nor in units per period)`);
    } else if (s.overtime > cap + tolerance(cap)) {
      violate(t, `overtime output ${units(s.overtime)} exceeds the overtime limit of ${units(cap)} units`);
    }
  }
  if (s.subcontract > 0) {
    if (policy.subcontractCostPerUnit === null) {
      violate(t, `${units(s.subcontract)} units subcontracted but subcontracting is not allowed (no subcontract cost)`);
    } else if (
      policy.maxSubcontractPerPeriod !== null &&
      s.subcontract > policy.maxSubcontractPerPeriod + tolerance(policy.maxSubcontractPerPeriod)
    ) {
      violate(t, `${units(s.subcontract)} units subcontracted, above the limit of ${units(policy.maxSubcontractPerPeriod)}`);
    }
  }
  if (s.backlog > tolerance(s.backlog) && !backordersAllowed) {
    violate(t, `short by ${units(s.backlog)} units and backorders are not allowed`);
  }
  for (const resource of ctx.capacity ?? []) {
    const load = (resource.loadPerUnit[t] ?? 0) * (s.regular + s.overtime) + (resource.storagePerUnit ?? 0) * s.inventory;
    const available = resource.available[t] ?? 0;
    if (load > available + tolerance(available)) {
      const share = available > 0 ? `at ${percentText(load / available)} ` : "";
      violate(t, `loads ${resource.resource} ${share}(${units(load)} of ${units(available)} available)`, {
        resource: resource.resource,
        share: (load - available) / Math.max(available, 1e-9),
        load,
        available,
      });
    }
  }
}

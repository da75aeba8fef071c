// Costs a plan's decisions with the period model: the one place every strategy's cost, revenue and feasibility come from.
import { amountText } from "./numberText";
import type { CostBreakdown, FamilyPolicy, FrozenPeriods, PlanPeriod, PlanResult, StrategyName, Violation } from "./model";
import type { ProductionRates } from "./policy";

/** What a strategy decides per period; everything else follows from the period model. */
export interface PlanDecisions {
  workers: number[];
  regular: number[];
  overtime: number[];
  subcontract: number[];
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
  /** The first periods kept as the compared version has them (Policy `Frozen periods`); absent: none. */
  frozen?: FrozenPeriods;
}

/** How many of the first periods are frozen (kept as the compared version has them). */
export function frozenCount(ctx: FamilyContext): number {
  return ctx.frozen ? Math.min(ctx.frozen.workers.length, ctx.periods.length) : 0;
}

/** The material cost per unit made in-house in period t: the products' (when known), else the Policy's. */
export function materialCostAt(ctx: FamilyContext, t: number): number {
  return ctx.materialCostPerUnit ? ctx.materialCostPerUnit[t] : ctx.policy.materialCostPerUnit;
}

/**
 * The most overtime `workers` can make in period t. Overtime is allowed when either cap is given:
 * `Max overtime hours per worker` (per worker, converted to units) and `Max overtime units per
 * period`, each applying when given; neither, none.
 */
export function overtimeLimit(ctx: FamilyContext, t: number, workers: number): number {
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
  const violate = (t: number | null, message: string) =>
    violations.push({ periodIndex: t, message: t === null ? message : `${periods[t]}${t < frozen ? ` (frozen)` : ""}: ${message}` });

  const planPeriods: PlanPeriod[] = [];
  const periodCosts: CostBreakdown[] = [];
  const periodRevenue: number[] = [];
  const backordersAllowed = policy.backorderCostPerUnit !== null;

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
    netPosition = netPosition + regular + overtime + subcontract - d;
    const inventory = Math.max(0, netPosition);
    const backlog = Math.max(0, -netPosition);
    const shipped = d + beginningBacklog - backlog;

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
    });
    periodCosts.push(costs);
    periodRevenue.push(policy.pricePerUnit * shipped);

    previousWorkers = workers;
    beginningInventory = inventory;
    beginningBacklog = backlog;
  }

  if (periodCount > 0) {
    const last = planPeriods[periodCount - 1];
    if (last.backlog > tolerance(last.backlog)) {
      violate(periodCount - 1, `${units(last.backlog)} units still owed to customers at the end of the horizon`);
    }
    if (last.inventory < policy.endingInventory - tolerance(policy.endingInventory)) {
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
    violations,
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
  violate: (t: number, message: string) => void,
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
      violate(t, `overtime output ${units(s.overtime)} but overtime is not allowed (no 'Max overtime hours per worker' or 'Max overtime units per period')`);
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
  if (policy.safetyStock > 0 && s.inventory < policy.safetyStock - tolerance(policy.safetyStock)) {
    violate(t, `inventory ${units(s.inventory)} is below the safety stock of ${units(policy.safetyStock)}`);
  }
}

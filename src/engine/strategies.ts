// The rule-based strategies: level, chase, the level hybrids and manual. Each decides workers and output; costing does the rest.
import { costPlan, overtimeLimit, positionFloors, tolerance } from "./costing";
import type { FamilyContext, ManualPlanInput, PlanResult } from "./model";

/** Whole workers when the Policy asks for them; a hair of slack stops 3.0000000001 becoming 4. */
function workforce(ctx: FamilyContext, exactWorkers: number): number {
  if (!ctx.policy.integerWorkers) return exactWorkers;
  return Math.ceil(exactWorkers - 1e-9);
}

/**
 * Level: one constant workforce, regular time only, every worker's output made each period. It is
 * the smallest workforce whose cumulative output reaches every period's floor (with backorders
 * allowed that is the total need: demand + ending inventory + initial backlog − initial inventory).
 */
export function levelPlan(ctx: FamilyContext): PlanResult {
  const { policy, rates, demand } = ctx;
  const floors = positionFloors(ctx);
  const startPosition = policy.initialInventory - policy.initialBacklog;
  let cumulativeDemand = 0;
  let cumulativeUnitsPerWorker = 0;
  let exactWorkers = 0;
  for (let t = 0; t < demand.length; t++) {
    cumulativeDemand += demand[t];
    cumulativeUnitsPerWorker += rates.unitsPerWorker[t];
    const shortfall = floors[t] + cumulativeDemand - startPosition;
    // A period before any working time cannot be helped by more workers; costing reports it.
    if (shortfall > 0 && cumulativeUnitsPerWorker > 0) {
      exactWorkers = Math.max(exactWorkers, shortfall / cumulativeUnitsPerWorker);
    }
  }
  const workers = workforce(ctx, exactWorkers);
  const n = demand.length;
  return costPlan(ctx, "level", {
    workers: new Array<number>(n).fill(workers),
    regular: rates.unitsPerWorker.map((u) => u * workers),
    overtime: new Array<number>(n).fill(0),
    subcontract: new Array<number>(n).fill(0),
  });
}

/**
 * Chase: each period's regular output is that period's net need (demand plus the stock the period
 * must end with, less what is on hand); the workforce follows by hiring and layoffs. In a period
 * with no working time the workforce is kept (it costs nothing and avoids a layoff and re-hire).
 */
export function chasePlan(ctx: FamilyContext): PlanResult {
  const { policy, rates, demand } = ctx;
  const floors = positionFloors(ctx).map((f) => Math.max(f, 0));
  const n = demand.length;
  const workers: number[] = [];
  const regular: number[] = [];
  let position = policy.initialInventory - policy.initialBacklog;
  let previousWorkers = policy.initialWorkers ?? 0;
  for (let t = 0; t < n; t++) {
    const netNeed = Math.max(0, floors[t] + demand[t] - position);
    const u = rates.unitsPerWorker[t];
    if (u > 0) {
      const w = workforce(ctx, netNeed / u);
      workers.push(w);
      // Without idle time whole workers make all they can; the spare units go into stock.
      regular.push(policy.idleTimeAllowed ? netNeed : u * w);
    } else {
      regular.push(0);
      workers.push(previousWorkers);
    }
    position += regular[t] - demand[t];
    previousWorkers = workers[t];
  }
  return costPlan(ctx, "chase", {
    workers,
    regular,
    overtime: new Array<number>(n).fill(0),
    subcontract: new Array<number>(n).fill(0),
  });
}

/**
 * The classic hybrids. One constant workforce sized to make the lowest period's demand on regular
 * time (the lowest demand per unit one worker makes, which is the lowest demand per working day when
 * working days vary; whole workers round down, so no period makes more than its demand on regular
 * time), kept all horizon and producing all it can. The rest of each period's need (its demand
 * plus the stock it must end with, less what is on hand) is made on overtime up to its caps
 * (`hybrid-overtime` only), then subcontracted up to its cap when subcontracting is allowed; what
 * still cannot be met becomes backlog, which costPlan reports as infeasible when backorders are
 * not allowed.
 */
export function hybridPlan(ctx: FamilyContext, strategy: "hybrid-subcontract" | "hybrid-overtime"): PlanResult {
  const { policy, rates, demand } = ctx;
  const n = demand.length;
  let exactWorkers = Infinity;
  for (let t = 0; t < n; t++) {
    const u = rates.unitsPerWorker[t];
    if (u > 0) exactWorkers = Math.min(exactWorkers, demand[t] / u);
  }
  if (!Number.isFinite(exactWorkers)) exactWorkers = 0;
  const workers = policy.integerWorkers ? Math.floor(exactWorkers + 1e-9) : exactWorkers;
  const floors = positionFloors(ctx).map((f) => Math.max(f, 0));
  const subcontractCap = policy.subcontractCostPerUnit === null ? 0 : (policy.maxSubcontractPerPeriod ?? Infinity);
  const regular = rates.unitsPerWorker.map((u) => u * workers);
  const overtime: number[] = [];
  const subcontract: number[] = [];
  let position = policy.initialInventory - policy.initialBacklog;
  for (let t = 0; t < n; t++) {
    let rest = Math.max(0, floors[t] + demand[t] - position - regular[t]);
    const onOvertime = strategy === "hybrid-overtime" ? Math.min(rest, overtimeLimit(ctx, t, workers)) : 0;
    rest -= onOvertime;
    const bought = Math.min(rest, subcontractCap);
    overtime.push(onOvertime);
    subcontract.push(bought);
    position += regular[t] + onOvertime + bought - demand[t];
  }
  return costPlan(ctx, strategy, { workers: new Array<number>(n).fill(workers), regular, overtime, subcontract });
}

/** Manual: the Plan table costed. Missing rows are 0; missing Workers = the smallest workforce for the regular output. */
export function manualPlan(ctx: FamilyContext, plan: ManualPlanInput): PlanResult {
  const n = ctx.demand.length;
  const zeros = new Array<number>(n).fill(0);
  const regular = plan.regular ?? zeros;
  const workers =
    plan.workers ??
    regular.map((r, t) => {
      const u = ctx.rates.unitsPerWorker[t];
      if (r <= tolerance(r)) return 0;
      return u > 0 ? workforce(ctx, r / u) : 0;
    });
  return costPlan(ctx, "manual", {
    workers,
    regular,
    overtime: plan.overtime ?? zeros,
    subcontract: plan.subcontract ?? zeros,
  });
}

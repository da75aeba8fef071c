// Decoding the optimal plan's LP solution into a family's decisions, repaired where the solver met a bound only within its tolerance.
import { frozenCount, overtimeLimit, positionFloors, tolerance, type FamilyContext, type PlanDecisions } from "../costing";
import { column, KIND, unmetColumn, type ColumnKind, type Placement } from "./model";

const { W, R, O, C } = KIND;

/** A family's decisions from the solution, nudged onto the bounds the solver met only within its tolerance. */
export function decisionsOf(placement: Placement, values: Float64Array): PlanDecisions {
  const { block, firstColumn } = placement;
  const { rates, policy, periods } = block.ctx;
  const n = periods.length;
  const decisions: PlanDecisions = { workers: [], regular: [], overtime: [], subcontract: [] };
  const at = (t: number, kind: ColumnKind) => Math.max(0, values[column(t, kind, firstColumn)]);
  if (block.elastic) {
    // Unmet to the solver's tolerance is none: a hair of a unit is served, not lost.
    decisions.unmet = periods.map((_, t) => {
      const unmet = Math.max(0, values[unmetColumn(n, t, firstColumn)]);
      return unmet > tolerance(block.ctx.demand[t]) ? unmet : 0;
    });
    decisions.shortfallsMinimised = true;
  }
  const frozen = frozenCount(block.ctx);
  for (let t = 0; t < frozen && block.ctx.frozen; t++) {
    // Frozen: the version's numbers exactly, as every other strategy keeps them.
    decisions.workers.push(block.ctx.frozen.workers[t]);
    decisions.regular.push(block.ctx.frozen.regular[t]);
    decisions.overtime.push(block.ctx.frozen.overtime[t]);
    decisions.subcontract.push(block.ctx.frozen.subcontract[t]);
  }
  for (let t = frozen; t < n; t++) {
    const u = rates.unitsPerWorker[t];
    const overtimePerWorker = rates.overtimeUnitsPerWorker[t];
    const regular = u > 0 ? at(t, R) : 0;
    const overtime = overtimePerWorker > 0 ? at(t, O) : 0;
    let workers = at(t, W);
    if (policy.integerWorkers) {
      workers = Math.round(workers);
    } else {
      // Workers enough for the output exactly, so a solver's 1e-9 excess never reads as a broken capacity.
      if (u > 0) workers = Math.max(workers, regular / u);
      if (overtimePerWorker > 0 && Number.isFinite(overtimePerWorker)) workers = Math.max(workers, overtime / overtimePerWorker);
    }
    decisions.workers.push(workers);
    decisions.regular.push(policy.integerWorkers ? Math.min(regular, u * workers) : regular);
    decisions.overtime.push(policy.integerWorkers ? Math.min(overtime, overtimeLimit(block.ctx, t, workers)) : overtime);
    decisions.subcontract.push(Math.min(at(t, C), policy.maxSubcontractPerPeriod ?? Infinity));
  }
  makeUpSolverShortfalls(block.ctx, decisions);
  return decisions;
}

/**
 * The solver meets each stock balance within its tolerance (1e-7 a row), which over 52 periods can
 * leave a period that may not carry backlog a few millionths of a unit short: a plan "0 units still
 * owed at the end". Such a hair is made up in that period, where the plan has room (regular time
 * within the workforce, else subcontracting, else overtime within its limit). Real shortfalls are
 * far larger and are left for costPlan to report.
 */
function makeUpSolverShortfalls(ctx: FamilyContext, decisions: PlanDecisions): void {
  const { policy, demand, periods, rates } = ctx;
  const n = periods.length;
  const hair = 1e-6 * Math.max(1, demand.reduce((a, b) => a + Math.abs(b), 0));
  let position = policy.initialInventory - policy.initialBacklog;
  // The position floor, or with shortfalls minimised (the constrained plan), none below zero: its targets may be missed.
  const floors = positionFloors(ctx).map((floor) => (decisions.shortfallsMinimised ? Math.min(0, floor) : floor));
  for (let t = 0; t < n; t++) {
    position += decisions.regular[t] + decisions.overtime[t] + decisions.subcontract[t] - demand[t] + (decisions.unmet?.[t] ?? 0);
    if (t < frozenCount(ctx)) continue;
    const floor = floors[t];
    const short = floor - position;
    // Only what costPlan's check would (nearly) see; anything below that is left as the solver gave it.
    if (!(short > 0.5 * tolerance(floor)) || short > hair) continue;
    const workers = decisions.workers[t];
    const u = rates.unitsPerWorker[t];
    const regularRoom = u * workers - decisions.regular[t];
    const subcontractRoom = policy.subcontractCostPerUnit === null ? 0 : (policy.maxSubcontractPerPeriod ?? Infinity) - decisions.subcontract[t];
    const overtimeRoom = overtimeLimit(ctx, t, workers) - decisions.overtime[t];
    const fractional = !policy.integerWorkers && u > 0;
    if (regularRoom >= short || fractional || !(subcontractRoom >= short || overtimeRoom >= short)) {
      // Regular time; with fractional workers, the workforce that makes it.
      decisions.regular[t] += short;
      if (fractional) decisions.workers[t] = Math.max(workers, decisions.regular[t] / u);
    } else if (subcontractRoom >= short) decisions.subcontract[t] += short;
    else decisions.overtime[t] += short;
    position += short;
  }
}
export function emptyDecisions(ctx: FamilyContext): PlanDecisions {
  const zeros = ctx.periods.map(() => 0);
  return { workers: zeros, regular: zeros, overtime: zeros, subcontract: zeros };
}


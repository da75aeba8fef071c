// The optimal plan's English where no LP answers: why a family's own Policy cannot serve its demand, and why a solve failed.
import { frozenCount, positionFloors, safetyStockAt, type FamilyContext } from "../costing";
import type { LpSolution } from "../lp";
import type { SolveReport, Violation } from "../model";
import { amountText } from "../numberText";

const units = (n: number): string => amountText(n);

/** The units a family must have made or bought by the end of each period (cumulative), and whether backlog may cover a gap. */
function cumulativeNeed(ctx: FamilyContext): { need: number[]; mustMeet: boolean[] } {
  const { policy, demand } = ctx;
  const need: number[] = [];
  const mustMeet: boolean[] = [];
  let cumulativeDemand = 0;
  // Where backlog may cover a gap the floor is −∞ (and the target 0): nothing must be met by then.
  positionFloors(ctx).forEach((floor, t) => {
    cumulativeDemand += demand[t];
    need.push(cumulativeDemand + Math.max(0, floor) - (policy.initialInventory - policy.initialBacklog));
    // What a frozen period falls short by is the version's doing (costPlan says so), not the plan's.
    mustMeet.push(floor !== -Infinity && t >= frozenCount(ctx));
  });
  return { need, mustMeet };
}

/** Why a shortfall cannot be helped, in planner's words. */
function shortfallTail(ctx: FamilyContext, t: number): string {
  const { policy, periods } = ctx;
  if (policy.backorderCostPerUnit === null) return "backorders are not allowed";
  if (t === periods.length - 1) return "everything owed must be delivered by the end of the horizon";
  return `the safety stock of ${units(safetyStockAt(ctx, t))} must be on hand every period`;
}

/**
 * The first period whose cumulative need exceeds the most that can possibly be made or bought by
 * then. The workforce has no upper limit, so only periods without working time or overtime limit
 * output (to overtime and subcontracting caps); this test is exact for a family on its own.
 */
export function explainFamilyShortfall(ctx: FamilyContext): Violation | null {
  const { policy, rates, periods } = ctx;
  const { need, mustMeet } = cumulativeNeed(ctx);
  const overtimeCap = policy.maxOvertimeUnitsPerPeriod ?? Infinity;
  const subcontractCap = policy.subcontractCostPerUnit === null ? 0 : (policy.maxSubcontractPerPeriod ?? Infinity);
  let most = 0;
  const idle: string[] = [];
  const frozen = frozenCount(ctx);
  for (let t = 0; t < frozen && ctx.frozen; t++) most += ctx.frozen.regular[t] + ctx.frozen.overtime[t] + ctx.frozen.subcontract[t];
  for (let t = frozen; t < periods.length; t++) {
    const regularPossible = rates.unitsPerWorker[t] > 0;
    const overtimePossible = rates.overtimeUnitsPerWorker[t] > 0 && overtimeCap > 0;
    if (regularPossible) most = Infinity;
    else most += (overtimePossible ? overtimeCap : 0) + subcontractCap;
    if (!regularPossible) idle.push(periods[t]);
    if (mustMeet[t] && need[t] > most + 1e-7 * Math.max(1, Math.abs(need[t]))) {
      const limits: string[] = [];
      if (idle.length > 0) {
        limits.push(`no regular working time in ${idle.length > 3 ? `${idle.slice(0, 3).join(", ")}, …` : idle.join(", ")}`);
      }
      limits.push(
        policy.subcontractCostPerUnit === null
          ? "no subcontracting"
          : `subcontracting at most ${units(subcontractCap)} a period`,
      );
      if (rates.overtimeUnitsPerWorker.some((v) => v > 0) && Number.isFinite(overtimeCap)) {
        limits.push(`overtime at most ${units(overtimeCap)} a period`);
      }
      return {
        periodIndex: t,
        message:
          `${periods[t]}: ${units(need[t])} units needed by the end of ${periods[t]}, at most ${units(Math.max(0, most))} ` +
          `can be made or bought by then and ${shortfallTail(ctx, t)} (${limits.join("; ")})`,
      };
    }
  }
  return null;
}

export function solveFailed(solution: LpSolution): Violation {
  return {
    periodIndex: null,
    message: `the optimal plan could not be solved (${solution.status}${solution.detail ? `: ${solution.detail}` : ""})`,
  };
}

/** A relative gap as a percentage rounded up to 3 decimals: the figure is never below the gap it stands for. */
export function gapPercentText(gap: number): string {
  return `${amountText(Math.ceil(gap * 100 * 1000 - 1e-9) / 1000, 3)} %`;
}

/**
 * How close an optimal plan is to the least possible cost, in one sentence (lower case; the front
 * ends show it as it is or capitalised), from its solve report: the gap to the proven bound rounded
 * up, and, when the plan is above the Policy's `Optimality gap`, that target and that the time
 * budget ran out before it was met.
 */
export function solveReportText(solve: SolveReport): string {
  if (solve.status === "infeasible") return "no plan meets every requirement";
  if (solve.status === "optimal") return solve.gap > 1e-9 ? `optimal within the gap, at most ${gapPercentText(solve.gap)} above the least possible cost` : "optimal: the least possible cost";
  const target = solve.target !== undefined && solve.gap > solve.target ? `; the Optimality gap asks for ${gapPercentText(solve.target)}, not reached within the time budget` : "";
  return `best plan found within the time budget, at most ${gapPercentText(solve.gap)} above the least possible cost${target}`;
}

// Interpreting the optimal plan's duals: the marginal cost of demand, the value of each resource's capacity, and the limits the plan presses against, in planner's words.
import { frozenCount, safetyStockAt } from "../costing";
import type { BindingConstraint, PlanWhy } from "../model";
import { moneyText } from "../numberText";
import { column, KIND, type AssembledProblem, type ColumnKind, type Placement } from "./model";

const { O, C, I, B } = KIND;

/** Money in the why lines, through the one cached formatter (toLocaleString per number cost 1 s on 100 families × 52 weeks). */
const money = moneyText;

/**
 * Why a family's optimal plan is what it is, from the LP's duals (minimisation signs: a binding
 * `≤` limit has a dual ≤ 0, a binding `≥` one ≥ 0): the marginal cost of demand per period, the
 * value of one more unit of each resource's capacity, and every limit the plan presses against
 * with what loosening it by one unit would save. `capacityValues`: what one more unit of a resource
 * row's capacity is worth, by resource row (its index among `assembled.resourceRows`), where the
 * duals cannot say it (the constrained plan's: see GroupPlanner's `capacityWorth`).
 */
export function whyOf(
  assembled: AssembledProblem,
  placement: Placement,
  rowDuals: Float64Array,
  columnDuals: Float64Array,
  capacityValues?: ReadonlyMap<number, number>,
): PlanWhy {
  const { block, firstColumn, firstRow } = placement;
  const { ctx } = block;
  const { policy, periods } = ctx;
  const n = periods.length;
  let scale = 1;
  for (const c of block.cost) scale = Math.max(scale, Math.abs(c));
  const noise = 1e-7 * scale;
  const clean = (v: number) => (Math.abs(v) <= noise ? 0 : v);
  const dual = (t: number, kind: ColumnKind) => columnDuals[column(t, kind, firstColumn)];
  const bindings: BindingConstraint[] = [];
  const bind = (kind: BindingConstraint["kind"], t: number, saving: number, message: string, resource?: string) => {
    if (saving > noise) bindings.push({ kind, periodIndex: t, period: periods[t], ...(resource !== undefined && { resource }), saving, message });
  };

  const marginalCost = block.stockRows.map((row) => clean(rowDuals[firstRow + row]));
  // A frozen period presses against no limit the plan chose: its output is the version's.
  const frozen = frozenCount(ctx);
  const { firstResourceRow } = assembled;
  const resources = new Map<string, number[]>();
  assembled.resourceRows.forEach((row, k) => {
    if (!row.families.includes(ctx.family)) return;
    const worth = capacityValues?.get(k);
    const value = row.t < frozen ? 0 : Math.max(0, clean(worth ?? -rowDuals[firstResourceRow + k]));
    if (!resources.has(row.resource)) resources.set(row.resource, new Array<number>(n).fill(0));
    resources.get(row.resource)![row.t] = value;
    bind("capacity", row.t, value, `one more unit of ${row.resource} capacity in ${periods[row.t]} would save ${money(value)}`, row.resource);
  });
  for (let t = frozen; t < n; t++) {
    const overtimeRow = block.overtimeRows[t];
    // Only a cap the Policy gives: with neither cap there is no overtime, not a cap to loosen.
    const overtimeUpper = block.columnUpper[column(t, O)];
    const overtimeSaving = Math.max(
      Number.isFinite(overtimeUpper) && overtimeUpper > 0 ? -dual(t, O) : 0,
      overtimeRow >= 0 ? -rowDuals[firstRow + overtimeRow] : 0,
    );
    bind("overtime cap", t, overtimeSaving, `one more unit of overtime in ${periods[t]} would save ${money(overtimeSaving)}`);
    if (Number.isFinite(block.columnUpper[column(t, C)]) && block.columnUpper[column(t, C)] > 0) {
      const saving = -dual(t, C);
      bind("subcontract cap", t, saving, `one more unit subcontracted in ${periods[t]} would save ${money(saving)}`);
    }
    if (block.columnLower[column(t, I)] > 0) {
      const saving = dual(t, I);
      const ending = t === n - 1 && policy.endingInventory >= safetyStockAt(ctx, t);
      bind(
        ending ? "ending inventory" : "safety stock",
        t,
        saving,
        ending
          ? `one unit less of ending inventory would save ${money(saving)}`
          : `one unit less of safety stock at the end of ${periods[t]} would save ${money(saving)}`,
      );
    }
    // At the horizon's end nothing may be owed in any case: that "limit" is the demand itself (its marginal cost).
    if (policy.backorderCostPerUnit === null && t < n - 1) {
      const saving = -dual(t, B);
      bind("no backorders", t, saving, `one unit of backlog allowed at the end of ${periods[t]} would save ${money(saving)}`);
    }
    if (!policy.idleTimeAllowed) {
      const saving = rowDuals[firstRow + block.regularRows[t]];
      bind("no idle time", t, saving, `one unit of regular time left idle in ${periods[t]} would save ${money(saving)}`);
    }
  }
  bindings.sort((a, b) => b.saving - a.saving || a.periodIndex - b.periodIndex);
  return {
    marginalCost,
    bindings,
    resources: [...resources].map(([resource, marginalValue]) => ({ resource, marginalValue })),
  };
}


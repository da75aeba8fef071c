// What the demand review did to the plan, in the template's words: families planned on their baseline, safety stocks from the forecast error.
import type { PlannedOnReview } from "../engine/demandReview";
import type { CoverSafetyStock } from "../engine/safetyStock";
import type { PlanMessage } from "../engine/model";
import { amountText, percentText } from "../engine/numberText";
import { policyParameter } from "../template/schema";

const name = (field: Parameters<typeof policyParameter>[0]): string => `"${policyParameter(field).name}"`;

/** One info per family planned on its baseline and per computed safety stock; a warning per service level without a holdout. */
export function demandReviewMessages(planned: PlannedOnReview, periodCount: number): PlanMessage[] {
  const messages: PlanMessage[] = [];
  for (const b of planned.onBaseline) {
    if (b.consensus === null) {
      messages.push({
        severity: "info",
        message:
          `${b.family}: in Actuals but not in Forecast, so planned on its statistical baseline (${b.method}): ` +
          `${amountText(b.baseline)} units over the plan's ${periodCount} periods; add a Forecast row to plan it on a consensus.`,
      });
      continue;
    }
    messages.push({
      severity: "info",
      message:
        `${b.family}: planned on its statistical baseline (${b.method}; Policy ${name("demandBasis")} Statistical): ` +
        `${amountText(b.baseline)} units over the plan's ${periodCount} periods, against ${amountText(b.consensus)} in Forecast.`,
    });
  }
  for (const s of planned.safetyStocks) {
    messages.push({
      severity: "info",
      message:
        `${s.family}: safety stock ${amountText(s.units)} units = z ${amountText(s.z, 3)} (${name("serviceLevel")} ${percentText(s.serviceLevel, 2)}) × ` +
        `${amountText(s.rmse)}, the RMSE of the ${s.method} baseline's one-step errors over its ${s.holdoutPeriods}-period holdout ` +
        `(instead of ${name("safetyStock")} ${amountText(s.typed)}` +
        (s.coverIgnored === null ? ")." : ` and ${name("safetyStockCover")} ${amountText(s.coverIgnored)}: the forecast error measures the need).`),
    });
  }
  for (const n of planned.noHoldout) {
    messages.push({
      severity: "warning",
      message:
        `${n.family}: Policy ${name("serviceLevel")} needs the baseline's one-step errors, but ${n.periods} periods of actuals leave no holdout; ` +
        `the safety stock stays ${amountText(n.safetyStock)} (${name("safetyStock")}).`,
    });
  }
  return messages;
}

/** One info per family whose safety stock is periods of cover: the cover, the range of units, instead of the typed one. */
export function coverMessages(covers: readonly CoverSafetyStock[]): PlanMessage[] {
  return covers.map((c) => {
    const low = Math.min(...c.units);
    const high = Math.max(...c.units);
    const range = low === high ? `${amountText(low)} units` : `${amountText(low)} to ${amountText(high)} units`;
    return {
      severity: "info" as const,
      message:
        `${c.family}: safety stock ${amountText(c.cover)} periods of the following demand (${name("safetyStockCover")}): ${range} by period, ` +
        `shown on the family sheet (instead of ${name("safetyStock")} ${amountText(c.typed)}).`,
    };
  });
}

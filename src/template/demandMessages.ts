// What the demand review did to the plan, in the template's words: families planned on their baseline, safety stocks from the forecast error.
import type { PlannedOnReview } from "../engine/demandReview";
import type { PlanMessage } from "../engine/model";
import { amountText, percentText } from "../engine/numberText";
import { policyParameter } from "./schema";

const name = (field: Parameters<typeof policyParameter>[0]): string => `"${policyParameter(field).name}"`;

/** One info per family planned on its baseline and per computed safety stock; a warning per service level without a holdout. */
export function demandReviewMessages(planned: PlannedOnReview, periodCount: number): PlanMessage[] {
  const messages: PlanMessage[] = [];
  for (const b of planned.onBaseline) {
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
        `(instead of ${name("safetyStock")} ${amountText(s.typed)}).`,
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

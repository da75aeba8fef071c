// What the demand review did to the plan, in the template's words: families planned on their baseline, safety stocks from the forecast error.
import type { ConsensusOverride, PlannedOnReview } from "../engine/demandReview";
import type { LastForecastAccuracy } from "../engine/demandAccuracy";
import type { CoverSafetyStock } from "../engine/safetyStock";
import type { PlanMessage } from "../engine/model";
import { amountText, percentText } from "../engine/numberText";
import { policyParameter } from "./schema";

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

/**
 * The executive summary's demand lines, in words from the engine's numbers: how good last month's
 * forecast was (the latest version's first period against its actual) and the largest consensus override.
 */
export function demandSummaryLines(last: LastForecastAccuracy | null, overrides: readonly ConsensusOverride[]): string[] {
  const lines: string[] = [];
  if (last && last.wape !== null && last.bias !== null) {
    const direction = last.bias > 0 ? "the forecast ran high" : last.bias < 0 ? "the forecast ran low" : "no bias";
    lines.push(
      `Last month's forecast (version "${last.version}", its first period, ${last.families} ${last.families === 1 ? "family" : "families"}): ` +
        `WAPE ${percentText(last.wape, 1)}, bias ${signedPercent(last.bias)} (${direction}): ${amountText(last.forecast, 0)} forecast against ${amountText(last.actual, 0)} actual.`,
    );
  } else {
    lines.push("Last month's forecast: no saved version's first period has an actual yet (save a version each month; next month's run measures it).");
  }
  const top = overrides[0];
  if (top && Math.abs(top.difference) > 0) {
    const share = top.share === null ? "" : `${signedPercent(top.share)}, `;
    lines.push(
      `Largest consensus override: ${top.family}, ${share}${top.difference > 0 ? "+" : "−"}${amountText(Math.abs(top.difference), 0)} units against the statistical baseline over the horizon.`,
    );
  }
  return lines;
}

const signedPercent = (share: number): string => `${share > 0 ? "+" : share < 0 ? "−" : ""}${percentText(Math.abs(share), 1)}`;

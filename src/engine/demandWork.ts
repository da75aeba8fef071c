// The statistical baselines a run will fit, listed before it fits them: what a front end with several cores can compute ahead, in parallel.
import { forecastAccuracy } from "./demandAccuracy";
import { reviewDemand, type ConsensusInputs, type DemandHistory } from "./demandReview";
import { baselineKey, demandBaseline, type BaselineRequest, type BaselineSource } from "./forecast";
import type { PlanningInput } from "./model";
import type { PlanVersion } from "./versions";

/**
 * Every distinct `demandBaseline` call the demand review (`reviewDemand`) and the accuracy of the
 * saved versions (`forecastAccuracy`) make for these inputs, in the order they make them. Which
 * calls they make depends on the series, the plan's periods and the versions, never on a baseline's
 * answer, so the review and accuracy are run once here with a cheap stand-in (the naive method) to
 * list them. Answered with `precomputedBaselines`, a run then fits nothing itself.
 */
export function demandBaselineRequests(history: DemandHistory, input: PlanningInput, consensus: ConsensusInputs, versions: readonly PlanVersion[]): BaselineRequest[] {
  const requests: BaselineRequest[] = [];
  const seen = new Set<string>();
  const listed: BaselineSource = (series, options) => {
    const key = baselineKey(series, options);
    if (!seen.has(key)) {
      seen.add(key);
      requests.push({ history: [...series], options: { ...options } });
    }
    return demandBaseline(series, { ...options, method: "naive" });
  };
  reviewDemand(history, input, consensus, listed);
  forecastAccuracy(history, versions, listed);
  return requests;
}

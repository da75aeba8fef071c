// The analysis of a planning run beyond the family plans: the product split, rough-cut capacity, the financial projection and the risk flags.
import { aggregate, type Aggregation, type Approach } from "./aggregate";
import { roughCutCapacity, withMarginalValues, type CapacityCheck } from "./capacity";
import { financialProjection, type FinancialProjection } from "./finance";
import type { FamilyResult, PlanningInput, RiskFlag } from "./model";
import { riskFlags } from "./risk";
import { DEFAULT_UTILIZATION_THRESHOLD } from "./riskDefaults";

export interface PlanAnalysis {
  approach: Approach;
  utilizationThreshold: number;
  aggregation: Aggregation;
  capacity: CapacityCheck[];
  finance: FinancialProjection;
  /** Most serious first. */
  risks: RiskFlag[];
}

/**
 * `input` is the workbook as parsed; `planned` what the families were planned on (the same, or
 * for bottom-up the product forecasts added up, see `bottomUpInput`), and `results` its plans.
 */
export function analysePlans(
  input: PlanningInput,
  planned: PlanningInput,
  results: readonly FamilyResult[],
  approach: Approach,
  utilizationThreshold = DEFAULT_UTILIZATION_THRESHOLD,
): PlanAnalysis {
  const aggregation = aggregate(planned, results, approach);
  const capacity = withMarginalValues(roughCutCapacity(aggregation, planned.resources), results);
  const finance = financialProjection(planned, results, aggregation);
  // The forecast gap compares the workbook's own family rows, which bottom-up replaces.
  const risks = riskFlags(input, results, aggregation, capacity, finance, { utilizationThreshold });
  return { approach, utilizationThreshold, aggregation, capacity, finance, risks };
}

// The engine's facade: every public part of the planning maths, re-exported from the module that owns it.
export * from "./model";
export { POLICY_DEFAULTS, productionRates, type ProductionRates, type RateProblem } from "./policy";
export { costPlan, sumCosts, type PlanDecisions } from "./costing";
export { chasePlan, hybridPlan, levelPlan, manualPlan } from "./strategies";
export * from "./aggregate";
export { roughCutCapacity, resourceRequirements, utilizationOf, type CapacityCheck, type CapacityCheckPeriod } from "./capacity";
export * from "./finance";
export * from "./risk";
export * from "./riskDefaults";
export { analysePlans, type PlanAnalysis } from "./analysis";
export type { LpBasis, LpProblem, LpSession, LpSolution, LpSolveOptions, LpSolver, LpStatus, SparseColumns } from "./lp";
export {
  assemblePlanningLp,
  buildPlanningLp,
  DECOMPOSE_FROM_COLUMNS,
  DEFAULT_TIME_LIMIT_SECONDS,
  EXACT_UP_TO_WORKER_COLUMNS,
  explainFamilyShortfall,
  lagrangianBound,
  lagrangianSubproblems,
  lostMarginPerUnit,
  mergeOptimal,
  optimalPlans,
  optimalRun,
  OptimalWorkPlanner,
  plateausOf,
  resourcePrices,
  searchShares,
  SolveBudget,
  solveReportText,
  SPLIT_PASSES,
  splitPlateaus,
  splitsOf,
  withWorkersFixed,
  type AssembledProblem,
  type CoupledMethod,
  type FirstPhase,
  type OptimalOptions,
  type OptimalRun,
  type OptimalWork,
  type Plateau,
} from "./optimal";
export { Decomposition, type DecompositionState, type ProblemBlock } from "./lp/decomposition";
export { familyContext, planAll, planFamily, PlanInputError, unsolvedOptimalPlans, type OptimalPlansOf, type PlanOptions } from "./planning";
export {
  planScore,
  recommendation,
  recommendationReason,
  recommendationSentence,
  recommendedPlan,
  recommendedPlanOf,
  recommendWithinCapacity,
  unmetDemandText,
  type Recommendation,
  type RecommendationWords,
} from "./recommendation";
export * from "./versions";
export { continuingFromFrozen, fitFrozenToCapacity, freezePeriods } from "./frozen";
export * from "./variance";
export * from "./scenarios";
export * from "./numberText";
export * from "./forecast";
export * from "./demandReview";
export * from "./pnl";
export * from "./budget";
export * from "./demandAccuracy";
export * from "./demandWork";
export * from "./safetyStock";

// The engine's facade: every public part of the planning maths, re-exported from the module that owns it.
export * from "./model";
export { POLICY_DEFAULTS, productionRates } from "./policy";
export { costPlan, type FamilyContext, type PlanDecisions } from "./costing";
export { chasePlan, hybridPlan, levelPlan, manualPlan } from "./strategies";
export * from "./aggregate";
export { roughCutCapacity, resourceRequirements, utilizationOf, type CapacityCheck, type CapacityCheckPeriod } from "./capacity";
export * from "./finance";
export * from "./risk";
export { analysePlans, type PlanAnalysis } from "./analysis";
export type { LpBasis, LpProblem, LpSolution, LpSolveOptions, LpSolver, LpStatus } from "./lp";
export { buildPlanningLp, explainFamilyShortfall, optimalPlans, type CoupledMethod, type OptimalOptions } from "./optimal";
export { familyContext, planAll, planFamily, PlanInputError, type PlanOptions } from "./planning";
export { recommendation, recommendedPlan, recommendedPlanOf, recommendWithinCapacity, shortfallText, type Recommendation } from "./recommendation";
export * from "./versions";
export { continuingFromFrozen, freezePeriods, frozenOverloads } from "./frozen";
export * from "./variance";
export * from "./scenarios";
export * from "./numberText";

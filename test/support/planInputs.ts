// Planning inputs for the layout and workbook tests, each covering a corner of the cost conventions.
import { POLICY_DEFAULTS, type FamilyInput, type FamilyPolicy, type PlanningInput } from "../../src/engine";

export function family(name: string, demand: number[], policy: Partial<FamilyPolicy>, manual?: FamilyInput["manualPlan"]): FamilyInput {
  return { family: name, demand, policy: { ...POLICY_DEFAULTS, ...policy }, manualPlan: manual ?? null };
}

/**
 * Per-period rates (no working days). `Tools`: whole workers, an initial workforce, hourly pay,
 * ending-basis holding, no backorders, a manual plan with overtime and subcontracting.
 * `Valves`: units per worker only (no hours), fractional workers, no initial workforce, average
 * holding, backorders allowed, a manual plan that runs short and catches up.
 */
export function perPeriodInput(): PlanningInput {
  return {
    periods: ["Jan", "Feb", "Mar"],
    workingDays: null,
    products: [],
    resources: [],
    families: [
      family(
        "Tools",
        [300, 100, 200],
        {
          unitsPerWorkerPerPeriod: 50,
          hoursPerWorkerPerPeriod: 160,
          regularCostPerHour: 10,
          regularCostPerUnit: 1,
          overtimeCostPerHour: 15,
          overtimeCostPerUnit: 0.5,
          maxOvertimeHoursPerWorker: 40,
          hiringCostPerWorker: 100,
          layoffCostPerWorker: 200,
          holdingCostPerUnit: 2,
          subcontractCostPerUnit: 30,
          materialCostPerUnit: 5,
          pricePerUnit: 60,
          initialWorkers: 5,
          initialInventory: 20,
          integerWorkers: true,
        },
        { workers: [4, 4, 4], regular: [200, 200, 200], overtime: [50, 0, 0], subcontract: [50, 0, 0] },
      ),
      family(
        "Valves",
        [120, 80, 160],
        {
          unitsPerWorkerPerPeriod: 30,
          regularCostPerUnit: 7.25,
          hiringCostPerWorker: 90,
          layoffCostPerWorker: 120,
          holdingCostPerUnit: 1.5,
          holdingCostBasis: "average",
          backorderCostPerUnit: 4,
          materialCostPerUnit: 3.1,
          pricePerUnit: 21.5,
          initialInventory: 35,
          initialBacklog: 10,
        },
        { workers: [3, 3.5, 4.25], regular: [90, 105, 127.5], overtime: null, subcontract: null },
      ),
    ],
  };
}

/**
 * Working days. `Pumps`: hours per worker per day with labor hours per unit, fractional workers,
 * average holding, no initial workforce, a feasible manual plan with overtime, subcontracting and
 * a backlog in W03 that is cleared by the end. `Fans`: units per worker per day, whole workers,
 * an initial workforce, ending holding, no backorders, a manual plan that runs short (infeasible).
 */
export function workingDaysInput(): PlanningInput {
  return {
    periods: ["W01", "W02", "W03", "W04"],
    workingDays: [5, 4, 5, 4.5],
    products: [],
    resources: [],
    families: [
      family(
        "Pumps",
        [410, 250, 520, 380],
        {
          laborHoursPerUnit: 0.75,
          hoursPerWorkerPerDay: 7.5,
          regularCostPerHour: 18.5,
          overtimeCostPerHour: 27.75,
          maxOvertimeHoursPerWorker: 10,
          hiringCostPerWorker: 450,
          layoffCostPerWorker: 600,
          holdingCostPerUnit: 0.8,
          holdingCostBasis: "average",
          backorderCostPerUnit: 3.3,
          subcontractCostPerUnit: 41,
          maxSubcontractPerPeriod: 100,
          materialCostPerUnit: 12.4,
          pricePerUnit: 55,
          initialInventory: 60,
          safetyStock: 0,
        },
        { workers: [7, 6.5, 8, 7.5], regular: [350, 250, 380, 330], overtime: [30, 0, 40, 20], subcontract: [0, 0, 60, 40] },
      ),
      family(
        "Fans",
        [90, 140, 60, 100],
        {
          unitsPerWorkerPerDay: 6,
          regularCostPerUnit: 2,
          hiringCostPerWorker: 300,
          layoffCostPerWorker: 150,
          holdingCostPerUnit: 0.4,
          materialCostPerUnit: 9,
          pricePerUnit: 30,
          initialWorkers: 3,
          initialBacklog: 0,
          integerWorkers: true,
          endingInventory: 10,
        },
        { workers: [3, 4, 2, 4], regular: [90, 96, 60, 108], overtime: null, subcontract: null },
      ),
    ],
  };
}

/** 30 weekly periods, so period columns run past Z; whole workers, an initial workforce, average holding. */
export function longHorizonInput(): PlanningInput {
  const periods = Array.from({ length: 30 }, (_, i) => `Week ${i + 1}`);
  const demand = periods.map((_, i) => 200 + ((i * 37) % 90) + (i % 5 === 0 ? 60 : 0));
  return {
    periods,
    workingDays: periods.map((_, i) => (i % 7 === 3 ? 4 : 5)),
    products: [],
    resources: [],
    families: [
      family("Long horizon", demand, {
        laborHoursPerUnit: 1.6,
        hoursPerWorkerPerDay: 8,
        regularCostPerHour: 21,
        hiringCostPerWorker: 800,
        layoffCostPerWorker: 1100,
        holdingCostPerUnit: 0.35,
        holdingCostBasis: "average",
        backorderCostPerUnit: 2.2,
        materialCostPerUnit: 14,
        pricePerUnit: 49.9,
        initialWorkers: 9,
        initialInventory: 150,
        integerWorkers: true,
      }),
    ],
  };
}

// The task pane's session as a React hook: one PlannerSession per workbook host and planner, its state read with useSyncExternalStore.
import { useEffect, useMemo, useSyncExternalStore } from "react";
import type { WorkbookHost, TaskpanePlanner } from "./planner";
import { PlannerSession, type PlannerActions, type PlannerState } from "./session/plannerSession";

export function usePlanner(host: WorkbookHost, planner: TaskpanePlanner): [PlannerState, PlannerActions] {
  const session = useMemo(() => new PlannerSession(host, planner), [host, planner]);
  const state = useSyncExternalStore(session.subscribe, session.getState);
  useEffect(() => {
    void session.open();
    // A host call can outlive the pane (Excel closes it mid-run): the session stops its run and saves what waits to be saved.
    return session.close;
  }, [session]);
  return [state, session];
}

// Everything a finished run shows, loaded as its own chunk when the first run starts: the pane's first paint does not wait for it.
// The review cards follow the pane's choices made since the run: marked out of date, or removed when their subject is gone.
import { makeStyles } from "@fluentui/react-components";
import { useMemo } from "react";
import { DEMAND_REVIEW_SHEET_NAME, SCENARIOS_SHEET_NAME, VARIANCE_SHEET_NAME, type PlannerRun, type WorkbookSummary } from "../planner";
import { CURRENT, savedVersions, scenariosStatus, varianceStatus, type CardStatus, type RunChoices } from "../reviewStatus";
import type { RunSettings } from "../settings";
import type { VersionChanges } from "../session/plannerSession";
import { DemandReviewCard } from "./DemandReviewCard";
import { OutputSheets } from "./OutputSheets";
import { Pictures } from "./Pictures";
import { Results } from "./Results";
import { BudgetCard, ScenariosCard, VarianceCard, type OutOfDateMark } from "./ReviewResults";
import { Risks } from "./Risks";
import { visuallyHidden } from "./styles";

const useStyles = makeStyles({ visuallyHidden });

export interface RunResultsProps {
  run: PlannerRun;
  /** True when the run's sheets are in the workbook: the links to them work. */
  sheetsWritten: boolean;
  /** Under-used below this share of capacity (0–1): the setting, as the strip colours idle cells. */
  threshold: number;
  onGoTo(address: string): void;
  onOpenSheet(name: string): void;
  onShowFiltered(sheet: string, table: string, column: string, values: string[]): void;
  onFullValues(full: boolean): void;
  /** The choices the run was made with, and the pane's now: the review cards are checked against them. */
  runChoices: RunChoices | null;
  summary: WorkbookSummary | null;
  settings: RunSettings;
  versionChanges: VersionChanges;
  /** True while a run is going: Run again is off. */
  running: boolean;
  onRunAgain(): void;
}

export default function RunResults(props: RunResultsProps) {
  const { run, sheetsWritten, threshold, onGoTo, onOpenSheet, onShowFiltered, onFullValues } = props;
  const { runChoices, summary, settings, versionChanges, running, onRunAgain } = props;
  const styles = useStyles();
  const sheets = sheetsWritten ? run.sheets : null;
  const written = (name: string) => (sheets?.sheets.some((s) => s.name === name) ? name : null);
  const blocks = summary?.blocks;
  const versions = useMemo(() => (blocks ? savedVersions(blocks) : null), [blocks]);
  const baseline = run.variance?.baseline.name;
  const variance =
    baseline !== undefined && runChoices && versions ? varianceStatus(baseline, runChoices, versions, settings, versionChanges) : CURRENT;
  const input = summary?.input ?? null;
  const scenarios = useMemo(
    () => (run.scenarios.length > 0 && blocks ? scenariosStatus(run.scenarios, blocks, input, settings) : CURRENT),
    [run.scenarios, blocks, input, settings],
  );
  const mark = (status: CardStatus): OutOfDateMark | undefined =>
    status.kind === "outOfDate" ? { reason: status.reason, running, onRunAgain } : undefined;
  // Said to screen readers as it changes: a mark or a removal far from the choice that made it is not missed.
  const said = [variance, scenarios].flatMap((status) => (status.kind === "current" ? [] : [status.reason])).join(" ");
  return (
    <>
      <Results results={run.results} onFullValues={onFullValues} />
      {run.demand ? <DemandReviewCard review={run.demand} accuracy={run.accuracy} sheet={written(DEMAND_REVIEW_SHEET_NAME)} onOpenSheet={onOpenSheet} /> : null}
      {run.variance && variance.kind !== "gone" ? (
        <VarianceCard variance={run.variance} sheet={written(VARIANCE_SHEET_NAME)} onOpenSheet={onOpenSheet} outOfDate={mark(variance)} />
      ) : null}
      {run.budget && run.budget.length > 0 ? <BudgetCard lines={run.budget} sheet={written(VARIANCE_SHEET_NAME)} onOpenSheet={onOpenSheet} /> : null}
      {run.scenarios.length > 0 && scenarios.kind !== "gone" ? (
        <ScenariosCard scenarios={run.scenarios} sheet={written(SCENARIOS_SHEET_NAME)} onOpenSheet={onOpenSheet} outOfDate={mark(scenarios)} />
      ) : null}
      <div role="status" className={styles.visuallyHidden}>
        {said}
      </div>
      <Pictures results={run.results} resources={run.resources} threshold={threshold} sheets={sheets} onOpenSheet={onOpenSheet} />
      <Risks risks={run.risks} periods={run.input?.periods ?? []} sheets={sheets} onGoTo={onGoTo} onShowFiltered={onShowFiltered} />
      {sheetsWritten ? <OutputSheets names={run.sheets.sheets.map((s) => s.name)} onShow={onOpenSheet} /> : null}
    </>
  );
}

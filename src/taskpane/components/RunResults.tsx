// Everything a finished run shows, loaded as its own chunk when the first run starts: the pane's first paint does not wait for it.
import { SCENARIOS_SHEET_NAME } from "../../workbook/layout/scenarios";
import { VARIANCE_SHEET_NAME } from "../../workbook/layout/variance";
import type { PlannerRun } from "../../workbook/pipeline";
import { OutputSheets } from "./OutputSheets";
import { Pictures } from "./Pictures";
import { Results } from "./Results";
import { ScenariosCard, VarianceCard } from "./ReviewResults";
import { Risks } from "./Risks";

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
}

export default function RunResults({ run, sheetsWritten, threshold, onGoTo, onOpenSheet, onShowFiltered, onFullValues }: RunResultsProps) {
  const sheets = sheetsWritten ? run.sheets : null;
  const written = (name: string) => (sheets?.sheets.some((s) => s.name === name) ? name : null);
  return (
    <>
      <Results results={run.results} onFullValues={onFullValues} />
      {run.variance ? <VarianceCard variance={run.variance} sheet={written(VARIANCE_SHEET_NAME)} onOpenSheet={onOpenSheet} /> : null}
      {run.scenarios.length > 0 ? <ScenariosCard scenarios={run.scenarios} sheet={written(SCENARIOS_SHEET_NAME)} onOpenSheet={onOpenSheet} /> : null}
      <Pictures results={run.results} resources={run.resources} threshold={threshold} sheets={sheets} onOpenSheet={onOpenSheet} />
      <Risks risks={run.risks} periods={run.input?.periods ?? []} sheets={sheets} onGoTo={onGoTo} onShowFiltered={onShowFiltered} />
      {sheetsWritten ? <OutputSheets names={run.sheets.sheets.map((s) => s.name)} onShow={onOpenSheet} /> : null}
    </>
  );
}

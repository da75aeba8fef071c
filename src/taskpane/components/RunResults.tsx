// Everything a finished run shows, loaded as its own chunk when the first run starts: the pane's first paint does not wait for it.
import type { PlannerRun } from "../../workbook/pipeline";
import { OutputSheets } from "./OutputSheets";
import { Pictures } from "./Pictures";
import { Results } from "./Results";
import { Risks } from "./Risks";

export interface RunResultsProps {
  run: PlannerRun;
  /** True when the run's sheets are in the workbook: the links to them work. */
  sheetsWritten: boolean;
  /** Under-used below this share of capacity (0–1): the setting, as the strip colours idle cells. */
  threshold: number;
  onGoTo(address: string): void;
  onOpenSheet(name: string): void;
}

export default function RunResults({ run, sheetsWritten, threshold, onGoTo, onOpenSheet }: RunResultsProps) {
  const sheets = sheetsWritten ? run.sheets : null;
  return (
    <>
      <Results results={run.results} />
      <Pictures results={run.results} resources={run.resources} threshold={threshold} sheets={sheets} onOpenSheet={onOpenSheet} />
      <Risks risks={run.risks} periods={run.input?.periods ?? []} sheets={sheets} onGoTo={onGoTo} />
      {sheetsWritten ? <OutputSheets names={run.sheets.sheets.map((s) => s.name)} onShow={onOpenSheet} /> : null}
    </>
  );
}

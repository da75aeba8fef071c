// The S&OP planner task pane: what the workbook holds, strategy choice, a run with progress, results and messages.
import { Button, makeStyles, Text, Title3, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { StrategyName } from "../engine/model";
import type { WorkbookHost } from "../workbook/host";
import { MessageList } from "./components/MessageList";
import { OutputSheets } from "./components/OutputSheets";
import { Results } from "./components/Results";
import { RunProgress } from "./components/RunProgress";
import { OFFERED_STRATEGIES, StrategyPicker } from "./components/StrategyPicker";
import { WorkbookPanel } from "./components/WorkbookPanel";
import { defaultPlanner, type TaskpanePlanner } from "./planner";
import { usePlanner } from "./usePlanner";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    maxWidth: "640px",
    boxSizing: "border-box",
  },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  title: { margin: 0 },
  actions: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  failure: {
    color: tokens.colorPaletteRedForeground1,
    overflowWrap: "anywhere",
  },
});

export interface AppProps {
  host: WorkbookHost;
  /** The planning code; tests and the coming Web Worker pass their own. */
  planner?: TaskpanePlanner;
}

export function App({ host, planner = defaultPlanner }: AppProps) {
  const styles = useStyles();
  const [state, actions] = usePlanner(host, planner);
  const [strategies, setStrategies] = useState<StrategyName[]>([...OFFERED_STRATEGIES]);
  const running = state.stage !== null;
  const busy = running || state.inspecting;
  // The latest read's messages: a run's own when it was the latest, else the re-read's.
  const messages = state.summary?.messages ?? [];

  return (
    <main className={styles.root} aria-labelledby="sop-title" aria-busy={busy}>
      <header className={styles.header}>
        <Title3 as="h1" id="sop-title" className={styles.title}>
          S&amp;OP Planner
        </Title3>
        <Button size="small" appearance="subtle" onClick={() => void actions.refresh()} disabled={busy}>
          Re-read workbook
        </Button>
      </header>

      <WorkbookPanel summary={state.summary} inspecting={state.inspecting && !running} />

      <div className={styles.actions}>
        <StrategyPicker selected={strategies} disabled={running} onChange={setStrategies} />
        <Button
          appearance="primary"
          onClick={() => void actions.run(strategies)}
          disabled={running || strategies.length === 0}
        >
          Run planner
        </Button>
        {strategies.length === 0 ? <Text size={200}>Choose at least one strategy.</Text> : null}
        <RunProgress stage={state.stage} />
      </div>

      {state.failure ? (
        <Text role="alert" className={styles.failure}>
          {state.failure}
        </Text>
      ) : null}

      {state.run && state.run.results.length > 0 ? <Results results={state.run.results} /> : null}

      {state.sheetsWritten && state.run ? (
        <OutputSheets names={state.run.sheets.sheets.map((s) => s.name)} onShow={(name) => void actions.showSheet(name)} />
      ) : null}

      <MessageList messages={messages} onSelectCell={(cell) => void actions.selectCell(cell)} />
    </main>
  );
}

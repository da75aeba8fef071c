// The S&OP planner task pane: inputs, settings with the Policy view, a cancellable run, results, risks and errors.
import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, Title3, tokens } from "@fluentui/react-components";
import { ArrowClockwise20Regular, Play20Filled } from "@fluentui/react-icons";
import { useEffect, useMemo, useRef } from "react";
import type { WorkbookHost } from "../workbook/host";
import { MessageList } from "./components/MessageList";
import { OutputSheets } from "./components/OutputSheets";
import { PolicyEditor } from "./components/PolicyEditor";
import { Results } from "./components/Results";
import { Risks } from "./components/Risks";
import { RunProgress } from "./components/RunProgress";
import { SettingsPanel } from "./components/SettingsPanel";
import { WorkbookPanel } from "./components/WorkbookPanel";
import type { TaskpanePlanner } from "./planner";
import { findPolicyRow, isYes, policyView } from "./policy";
import { usePlanner } from "./usePlanner";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: "640px",
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground2,
  },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  titles: { display: "flex", flexDirection: "column" },
  title: { margin: 0 },
  subtitle: { color: tokens.colorNeutralForeground2 },
  run: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  message: { overflowWrap: "anywhere" },
  results: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, scrollMarginTop: tokens.spacingVerticalM },
});

const INTEGER_WORKERS = "Integer workers";

export interface AppProps {
  host: WorkbookHost;
  /** The planning code: a Web Worker in the browser (`WorkerPlanner`), in process in tests (`inProcessPlanner`). */
  planner: TaskpanePlanner;
}

export function App({ host, planner }: AppProps) {
  const styles = useStyles();
  const [state, actions] = usePlanner(host, planner);
  const settings = state.settings;
  const running = state.progress !== null;
  const busy = running || state.inspecting;
  // The latest read's messages: a run's own when it was the latest, else the re-read's.
  const messages = state.summary?.messages ?? [];
  const policy = useMemo(() => policyView(state.summary?.policy ?? null), [state.summary]);
  const wholeWorkersRow = policy ? findPolicyRow(policy, INTEGER_WORKERS) : undefined;
  const wholeWorkers = policy ? wholeWorkersRow !== undefined && isYes(wholeWorkersRow.cells[0]?.value ?? null) : null;

  const setWholeWorkers = (on: boolean) => {
    if (!policy) return;
    const answer = on ? "Yes" : "No";
    // The workbook is the source of truth: the switch writes the Policy cell (or adds the row).
    if (wholeWorkersRow) void actions.writeCells(wholeWorkersRow.cells[0].address, [[answer]]);
    else void actions.writeCells(policy.nextRowAddress, [[INTEGER_WORKERS, answer]]);
  };

  const startRun = () =>
    void actions.run({
      strategies: settings.strategies,
      ...(settings.approach !== "by-data" && { approach: settings.approach }),
      utilizationThreshold: settings.utilizationThresholdPercent / 100,
    });

  const results = state.run && state.run.results.length > 0 ? state.run : null;
  const resultsRef = useRef<HTMLDivElement>(null);
  // A new run's results sit below the settings: bring them into view (jsdom has no scrolling).
  useEffect(() => {
    if (results) resultsRef.current?.scrollIntoView?.({ block: "start", behavior: "smooth" });
  }, [results]);

  return (
    <main className={styles.root} aria-labelledby="sop-title" aria-busy={busy}>
      <header className={styles.header}>
        <div className={styles.titles}>
          <Title3 as="h1" id="sop-title" className={styles.title}>
            S&amp;OP Planner
          </Title3>
          <Caption1 className={styles.subtitle}>One operating plan from this workbook</Caption1>
        </div>
        <Button
          appearance="subtle"
          icon={<ArrowClockwise20Regular />}
          onClick={() => void actions.refresh()}
          disabled={busy}
          aria-label="Re-read the workbook"
          title="Re-read the workbook"
        />
      </header>

      {state.failure ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody className={styles.message}>{state.failure}</MessageBarBody>
        </MessageBar>
      ) : null}
      {state.notice ? (
        <MessageBar intent="info">
          <MessageBarBody className={styles.message}>{state.notice}</MessageBarBody>
        </MessageBar>
      ) : null}

      <WorkbookPanel
        summary={state.summary}
        inspecting={state.inspecting && !running}
        selections={state.selections}
        disabled={running}
        onUseSelection={(table) => void actions.pickSelection(table)}
        onClearSelection={(table) => void actions.clearSelection(table)}
        onInsertSample={() => void actions.insertSample()}
      />

      <SettingsPanel
        settings={settings}
        onChange={actions.changeSettings}
        wholeWorkers={wholeWorkers}
        onWholeWorkers={setWholeWorkers}
        disabled={running}
      >
        <PolicyEditor view={policy} disabled={running} onWrite={(address, value) => void actions.writeCells(address, [[value]])} />
      </SettingsPanel>

      <div className={styles.run}>
        <Button
          appearance="primary"
          size="large"
          icon={<Play20Filled />}
          onClick={startRun}
          disabled={running || settings.strategies.length === 0}
        >
          Run planner
        </Button>
        <RunProgress progress={state.progress} onCancel={state.progress?.stage === "writing" ? null : actions.cancel} />
      </div>

      <MessageList messages={messages} onSelectCell={(cell) => void actions.selectCell(cell)} />

      <div ref={resultsRef} className={styles.results}>
        {results ? <Results results={results.results} /> : null}
        {state.sheetsWritten && state.run ? (
          <OutputSheets names={state.run.sheets.sheets.map((s) => s.name)} onShow={(name) => void actions.showSheet(name)} />
        ) : null}
        {results ? <Risks risks={results.risks} /> : null}
      </div>
    </main>
  );
}

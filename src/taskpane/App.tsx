// The S&OP planner task pane: inputs, settings with the Policy view, a cancellable run, results, risks and errors.
import { Button, Caption1, makeStaticStyles, makeStyles, Spinner, Title3, tokens } from "@fluentui/react-components";
import { ArrowClockwise20Regular } from "@fluentui/react-icons";
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import type { WorkbookHost } from "../workbook/host";
import { ActionBar, type StatusLine } from "./components/ActionBar";
import { MessageList } from "./components/MessageList";
import { SettingsPanel } from "./components/SettingsPanel";
import { WorkbookPanel } from "./components/WorkbookPanel";
import { NumberStyleContext } from "./components/numberStyle";
import { typedCurrency, type NumberStyle } from "./format";
import type { TaskpanePlanner } from "./planner";
import { policyView } from "./policy";
import { isMissingTableMessage, runBlocker } from "./readiness";
import { readyToPlan, type StatusAction, type StatusWords } from "./session/statusText";
import { usePlanner } from "./usePlanner";

const useStyles = makeStyles({
  // The page is the pane: content scrolls, the action bar stays at the bottom.
  root: {
    display: "flex",
    flexDirection: "column",
    maxWidth: "640px",
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
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
  results: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, scrollMarginTop: tokens.spacingVerticalM },
});

// What Tab or a scroll brings into view is not left under the action bar.
const usePageStyles = makeStaticStyles({ html: { scrollPaddingBottom: "160px" } });

// The results, the pictures and the risks: not needed at first paint, fetched when the first run starts.
const loadRunResults = () => import("./components/RunResults");
const RunResults = lazy(loadRunResults);
// The Policy view: fetched once the workbook has a Policy table.
const PolicyEditor = lazy(() => import("./components/PolicyEditor"));
// Versions and scenarios: read from the workbook's own sheets once the inputs are found, in a chunk of their own.
const ReviewCycle = lazy(() => import("./components/ReviewCycle"));

export interface AppProps {
  host: WorkbookHost;
  /** The planning code: a Web Worker in the browser (`WorkerPlanner`), in process in tests (`inProcessPlanner`). */
  planner: TaskpanePlanner;
}

export function App({ host, planner }: AppProps) {
  usePageStyles();
  const styles = useStyles();
  const [state, actions] = usePlanner(host, planner);
  const settings = state.settings;
  const running = state.progress !== null;
  const busy = running || state.inspecting;
  // The latest read's messages: a run's own when it was the latest, else the re-read's.
  // A missing table is on the Inputs checklist, not in the list of errors.
  const summary = state.summary;
  const messages = summary ? summary.messages.filter((m) => !isMissingTableMessage(m, summary)) : [];
  const policy = useMemo(() => policyView(state.summary?.policy ?? null), [state.summary]);
  const blocker = runBlocker(state.summary, settings, state.inspecting);
  const [fullValues, setFullValues] = useState(false);
  const numberStyle = useMemo<NumberStyle>(
    () => ({ currency: typedCurrency(settings.currency) ?? state.workbookCurrency, full: fullValues }),
    [settings.currency, state.workbookCurrency, fullValues],
  );

  const startRun = () => {
    void loadRunResults();
    void actions.run({
      strategies: settings.strategies,
      ...(settings.approach !== "by-data" && { approach: settings.approach }),
      utilizationThreshold: settings.utilizationThresholdPercent / 100,
      planScenarios: settings.planScenarios,
      // The compared version, unless this run deletes it (then the latest left, as the run decides).
      ...(settings.compareWith !== null && !state.versionChanges.deleting.includes(settings.compareWith) && { compareWith: settings.compareWith }),
    });
  };

  // Every outcome takes focus, so it is read out and the next Tab starts from it.
  const statusRef = useRef<HTMLDivElement>(null);
  const serial = state.status?.serial ?? 0;
  useEffect(() => {
    if (serial > 0) statusRef.current?.focus();
  }, [serial]);

  const status = state.status;
  // A failure of the last action first, then why Run is off, then the last outcome, else what a run would plan.
  const shown = ({ tone, text, actions }: StatusWords): StatusLine => ({ kind: "outcome", tone, text, actions });
  const ready = (): StatusWords => ({
    tone: "info",
    text: state.summary ? readyToPlan(state.summary.families.length, state.summary.periods.length, state.policyEdits.length) : "",
    actions: [],
  });
  const line: StatusLine = state.progress
    ? { kind: "progress", progress: state.progress }
    : status?.tone === "error"
      ? shown(status)
      : blocker
        ? shown(blocker)
        : shown(status ?? ready());

  // The run's problems are the list of errors and warnings: the status line's link moves focus (and the view) to it.
  const messagesRef = useRef<HTMLElement>(null);
  const follow = (action: StatusAction) => {
    if (action.kind === "problems") {
      // Its heading at the top: focus alone would scroll a list taller than the pane only as far as its middle.
      messagesRef.current?.scrollIntoView?.({ block: "start" });
      messagesRef.current?.focus({ preventScroll: true });
    }
    else void (action.kind === "cell" ? actions.selectCell(action.address) : actions.showSheet(action.name));
  };

  const results = state.run && state.run.results.length > 0 ? state.run : null;

  // After Run the outcome (the status line, focused above) and the results come into view: the
  // results' top at the pane's top, not left below the workbook panel and the messages.
  const resultsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (results) resultsRef.current?.scrollIntoView?.({ block: "start" });
  }, [results]);

  const settingsPanel = (
    <>
      <SettingsPanel
        settings={settings}
        onChange={actions.changeSettings}
        workbookCurrency={state.workbookCurrency}
        disabled={running}
      >
        {policy && policy.columns.length > 0 ? (
          <Suspense fallback={<Spinner size="tiny" label="Loading the Policy view…" />}>
            <PolicyEditor
              view={policy}
              edits={state.policyEdits}
              disabled={running}
              onEdit={actions.editPolicy}
              onDiscard={actions.discardPolicyEdits}
            />
          </Suspense>
        ) : (
          <Caption1 className={styles.subtitle}>No Policy table yet: insert the sample or add a Policy sheet.</Caption1>
        )}
      </SettingsPanel>
      {state.summary?.readable ? (
        <Suspense fallback={<Spinner size="small" label="Reading the versions and scenarios…" />}>
          <ReviewCycle
            summary={state.summary}
            settings={settings}
            changes={state.versionChanges}
            disabled={running}
            onSettings={actions.changeSettings}
            onChanges={actions.changeVersions}
            onGoTo={(cell) => void actions.selectCell(cell)}
            onOpenSheet={(name) => void actions.showSheet(name)}
          />
        </Suspense>
      ) : null}
    </>
  );

  return (
    <NumberStyleContext.Provider value={numberStyle}>
    <div className={styles.root}>
      <main className={styles.main} aria-labelledby="sop-title" aria-busy={busy}>
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

        <WorkbookPanel
          summary={state.summary}
          inspecting={state.inspecting && !running}
          selections={state.selections}
          disabled={running}
          onUseSelection={(table) => void actions.pickSelection(table)}
          onClearSelection={(table) => void actions.clearSelection(table)}
          onInsertSample={() => void actions.insertSample()}
        />

        <MessageList ref={messagesRef} messages={messages} onSelectCell={(cell) => void actions.selectCell(cell)} />

        {results ? null : settingsPanel}

        <div ref={resultsRef} className={styles.results} data-testid="run-results">
          {results ? (
            <Suspense fallback={<Spinner size="small" label="Loading the results…" />}>
              <RunResults
                run={results}
                sheetsWritten={state.sheetsWritten}
                threshold={settings.utilizationThresholdPercent / 100}
                onGoTo={(cell) => void actions.selectCell(cell)}
                onOpenSheet={(name) => void actions.showSheet(name)}
                onShowFiltered={(sheet, table, column, values) => void actions.showFilteredTable(sheet, table, column, values)}
                onFullValues={setFullValues}
                runChoices={state.runChoices}
                summary={state.summary}
                settings={settings}
                versionChanges={state.versionChanges}
                running={running}
                // As Run: a run that cannot start focuses the reason, said in the status line.
                onRunAgain={blocker ? () => statusRef.current?.focus() : startRun}
              />
            </Suspense>
          ) : null}
        </div>

        {/* After a run the results come first; the settings follow them for the next run. */}
        {results ? settingsPanel : null}
      </main>
      <ActionBar
        ref={statusRef}
        line={line}
        blocked={blocker !== null}
        running={running}
        canCancel={state.progress?.stage !== "writing"}
        cancelling={state.cancelling}
        onRun={startRun}
        onCancel={actions.cancel}
        onBlockedRun={() => statusRef.current?.focus()}
        onAction={follow}
      />
    </div>
    </NumberStyleContext.Provider>
  );
}

// The action bar, fixed at the bottom of the pane: one status line for every outcome, the run's progress, Run and Cancel.
import { Button, Caption1, Link, makeStyles, mergeClasses, ProgressBar, Text, tokens } from "@fluentui/react-components";
import { CheckmarkCircle16Filled, ErrorCircle16Filled, Info16Regular, Play20Filled, Warning16Filled } from "@fluentui/react-icons";
import { forwardRef, type KeyboardEvent, type MouseEvent } from "react";
import type { RunProgress } from "../run/protocol";
import { actionLabel, CANCELLING, STAGE_TEXT, type StatusAction, type StatusTone } from "../session/statusText";

const useStyles = makeStyles({
  bar: {
    position: "sticky",
    bottom: 0,
    // With little content the bar still sits at the bottom of the pane.
    marginTop: "auto",
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    boxShadow: tokens.shadow8,
  },
  status: {
    display: "grid",
    gridTemplateColumns: "16px minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "start",
    minHeight: "20px",
    overflowWrap: "anywhere",
    borderRadius: tokens.borderRadiusMedium,
    outlineStyle: "none",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  icon: { marginTop: "2px" },
  words: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, alignItems: "baseline", minWidth: 0 },
  detail: { color: tokens.colorNeutralForeground2 },
  success: { color: tokens.colorPaletteGreenForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorBrandForeground1 },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS },
  runSlot: { display: "flex", flexGrow: 1 },
  run: { flexGrow: 1 },
});

const ICON = { success: CheckmarkCircle16Filled, error: ErrorCircle16Filled, warning: Warning16Filled, info: Info16Regular };

/** What the status line says: an outcome, or the run in progress. */
export type StatusLine =
  | { kind: "progress"; progress: RunProgress }
  | { kind: "outcome"; tone: StatusTone; text: string; actions: StatusAction[] };

interface ActionBarProps {
  line: StatusLine;
  /** Why Run cannot start; null when it can. */
  blocked: boolean;
  running: boolean;
  /** False while Excel writes the sheets (all or nothing): Cancel is off. */
  canCancel: boolean;
  cancelling: boolean;
  onRun(): void;
  onCancel(): void;
  /** A click on Run while it cannot start: the pane points at the reason. */
  onBlockedRun(): void;
  onAction(action: StatusAction): void;
}

export const ActionBar = forwardRef<HTMLDivElement, ActionBarProps>(function ActionBar(props, statusRef) {
  const { line, blocked, running, canCancel, cancelling, onRun, onCancel, onBlockedRun, onAction } = props;
  const styles = useStyles();
  const off = blocked || running;
  // Run stays focusable while it is off, so focus never drops to the page; a click or Enter on it
  // (which Fluent swallows) says why instead.
  const catchClick = (event: MouseEvent) => {
    if (blocked && !running) {
      event.preventDefault();
      onBlockedRun();
    }
  };
  const catchKey = (event: KeyboardEvent) => {
    if (blocked && !running && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      onBlockedRun();
    }
  };
  const tone = line.kind === "progress" ? "info" : line.tone;
  const Icon = ICON[tone];
  return (
    <section className={styles.bar} aria-label="Run the planner">
      <div ref={statusRef} id="sop-status" className={styles.status} role="status" aria-live="polite" aria-atomic="true" tabIndex={-1} data-tone={tone}>
        <Icon className={mergeClasses(styles.icon, styles[tone])} aria-hidden="true" />
        {line.kind === "progress" ? (
          <span className={styles.words}>
            <Text weight="semibold" id="sop-stage">
              {cancelling ? CANCELLING : `${STAGE_TEXT[line.progress.stage]}…`}
            </Text>
            {line.progress.detail && !cancelling ? <Caption1 className={styles.detail}>{line.progress.detail}</Caption1> : null}
          </span>
        ) : (
          <span className={styles.words}>
            <Text>{line.text}</Text>
            {line.actions.map((action) => (
              <Link key={action.kind} as="button" onClick={() => onAction(action)} aria-label={actionLabel(action).label}>
                {actionLabel(action).text}
              </Link>
            ))}
          </span>
        )}
      </div>
      {line.kind === "progress" ? <ProgressBar value={line.progress.fraction} thickness="large" aria-labelledby="sop-stage" /> : null}
      <div className={styles.buttons}>
        <span className={styles.runSlot} onClickCapture={catchClick} onKeyDownCapture={catchKey}>
          <Button
            className={styles.run}
            appearance="primary"
            size="large"
            icon={<Play20Filled />}
            onClick={off ? undefined : onRun}
            disabledFocusable={off}
            aria-describedby={blocked ? "sop-status" : undefined}
          >
            Run planner
          </Button>
        </span>
        {running ? (
          <Button
            size="large"
            onClick={onCancel}
            disabled={!canCancel || cancelling}
            title={canCancel ? undefined : "Excel is writing the sheets, all or nothing: this step cannot be stopped."}
          >
            {cancelling ? CANCELLING : "Cancel"}
          </Button>
        ) : null}
      </div>
    </section>
  );
});

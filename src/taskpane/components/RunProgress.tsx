// The progress of a run: a bar, the stage and family in words (announced to screen readers), and Cancel.
import { Button, Caption1, makeStyles, ProgressBar, Text, tokens } from "@fluentui/react-components";
import { STAGE_TEXT, type RunProgress as Progress } from "../run/protocol";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  line: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  words: { display: "flex", flexDirection: "column", minWidth: 0 },
  detail: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
});

interface RunProgressProps {
  progress: Progress | null;
  /** Null when the stage cannot be cancelled (Excel is writing the sheets). */
  onCancel: (() => void) | null;
}

export function RunProgress({ progress, onCancel }: RunProgressProps) {
  const styles = useStyles();
  // The live region stays mounted so the first stage is announced too.
  return (
    <div aria-live="polite" className={styles.box}>
      {progress ? (
        <>
          <div className={styles.line}>
            <span className={styles.words}>
              <Text weight="semibold" id="sop-stage">
                {STAGE_TEXT[progress.stage]}…
              </Text>
              {progress.detail ? <Caption1 className={styles.detail}>{progress.detail}</Caption1> : null}
            </span>
            <Button size="small" onClick={onCancel ?? undefined} disabled={!onCancel}>
              Cancel
            </Button>
          </div>
          <ProgressBar value={progress.fraction} thickness="large" aria-labelledby="sop-stage" />
        </>
      ) : null}
    </div>
  );
}

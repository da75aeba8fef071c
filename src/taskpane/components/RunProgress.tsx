// The progress of a run: a bar and the stage in words, announced to screen readers as it changes.
import { Field, ProgressBar } from "@fluentui/react-components";
import { STAGE_PROGRESS, STAGE_TEXT, type Stage } from "../usePlanner";

export function RunProgress({ stage }: { stage: Stage | null }) {
  // The live region stays mounted so the first stage is announced too.
  return (
    <div aria-live="polite">
      {stage ? (
        <Field label={STAGE_TEXT[stage]}>
          <ProgressBar value={STAGE_PROGRESS[stage]} />
        </Field>
      ) : null}
    </div>
  );
}

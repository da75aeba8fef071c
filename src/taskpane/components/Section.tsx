// A titled card of the task pane: one heading, so screen-reader users can jump between parts.
import { makeStyles, mergeClasses, Subtitle2, tokens } from "@fluentui/react-components";
import { useId, type ReactNode, type Ref } from "react";
import { cardLook } from "./styles";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    ...cardLook,
  },
  head: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    minHeight: "24px",
  },
  heading: { margin: 0 },
  // A card the pane moves focus to (the status line's link to the run's problems) shows where focus went.
  focusable: {
    scrollMarginTop: tokens.spacingVerticalM,
    outlineStyle: "none",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
});

interface SectionProps {
  title: string;
  /** Controls at the heading's right, such as a small button. */
  actions?: ReactNode;
  className?: string;
  /** The id of what a screen reader reads after the card's name, such as a note that it is out of date. */
  describedBy?: string;
  /** Set for a card the pane moves focus to: it takes focus from script, not from Tab. */
  ref?: Ref<HTMLElement>;
  children: ReactNode;
}

export function Section({ title, actions, className, describedBy, ref, children }: SectionProps) {
  const styles = useStyles();
  const headingId = useId();
  return (
    <section
      ref={ref}
      tabIndex={ref ? -1 : undefined}
      className={mergeClasses(styles.section, ref ? styles.focusable : undefined, className)}
      aria-labelledby={headingId}
      aria-describedby={describedBy}
    >
      <div className={styles.head}>
        <Subtitle2 as="h2" id={headingId} className={styles.heading}>
          {title}
        </Subtitle2>
        {actions}
      </div>
      {children}
    </section>
  );
}

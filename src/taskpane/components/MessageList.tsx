// The planner's errors, warnings and notes, errors first; a message about a cell takes the user to that cell.
import { Link, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import type { Ref } from "react";
import type { PlanMessage, Severity } from "../../engine";
import { Section } from "./Section";
import { plainList } from "./styles";

const SEVERITY_LABEL: Record<Severity, string> = { error: "Error", warning: "Warning", info: "Note" };
/** Errors first, then warnings, then notes, each in the planner's order: the errors the heading counts are at the top. */
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const useStyles = makeStyles({
  list: plainList(tokens.spacingVerticalS),
  item: {
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    overflowWrap: "anywhere",
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteDarkOrangeBorder2 },
  info: { borderLeftColor: tokens.colorBrandStroke1 },
  text: { margin: 0 },
});

function CellLink({ address, onSelect }: { address: string; onSelect(address: string): void }) {
  return (
    <>
      {" at "}
      <Link as="button" onClick={() => onSelect(address)} aria-label={`Go to cell ${address}`}>
        {address}
      </Link>
    </>
  );
}

interface MessageListProps {
  messages: readonly PlanMessage[];
  onSelectCell(address: string): void;
  /** The list's card, so the status line can move focus to it. */
  ref?: Ref<HTMLElement>;
}

export function MessageList({ messages, onSelectCell, ref }: MessageListProps) {
  const styles = useStyles();
  if (messages.length === 0) return null;
  const errors = messages.filter((m) => m.severity === "error").length;
  return (
    <Section ref={ref} title={errors > 0 ? `Errors to fix (${errors})` : "Messages"}>
      <ul className={styles.list}>
        {[...messages].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]).map((m, i) => (
          <li key={i} className={mergeClasses(styles.item, styles[m.severity])}>
            <Text weight="semibold">{SEVERITY_LABEL[m.severity]}</Text>
            {m.cell ? <CellLink address={m.cell} onSelect={onSelectCell} /> : null}
            <Text as="p" block className={styles.text}>
              {m.message}
            </Text>
          </li>
        ))}
      </ul>
    </Section>
  );
}

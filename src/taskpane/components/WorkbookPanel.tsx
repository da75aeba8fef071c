// What the planner found in the workbook: which template tables, the families and the planning horizon.
import { Caption1, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { formatSpan, plural } from "../format";
import type { WorkbookSummary } from "../planner";
import { Section } from "./Section";

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  found: { color: tokens.colorPaletteGreenForeground1 },
  missing: { color: tokens.colorPaletteRedForeground1 },
  optional: { color: tokens.colorNeutralForeground3 },
  where: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
});

export function WorkbookPanel({ summary, inspecting }: { summary: WorkbookSummary | null; inspecting: boolean }) {
  const styles = useStyles();
  if (!summary) {
    return (
      <Section title="Workbook">
        {inspecting ? <Spinner size="tiny" label="Reading the workbook…" /> : <Text>The workbook could not be read.</Text>}
      </Section>
    );
  }
  const { tables, families, periods } = summary;
  return (
    <Section title="Workbook">
      <ul className={styles.list} aria-label="Template tables">
        {tables.map((table) => {
          const mark = table.source ? "✓" : table.required ? "✗" : "–";
          const markClass = table.source ? styles.found : table.required ? styles.missing : styles.optional;
          return (
            <li key={table.name}>
              <span className={markClass} aria-hidden="true">
                {mark}{" "}
              </span>
              <Text weight="semibold">{table.title}</Text>{" "}
              {table.source ? (
                <Caption1 className={styles.where}>{table.source}</Caption1>
              ) : (
                <Caption1 className={table.required ? styles.missing : styles.optional}>
                  {table.required ? "missing (required)" : "not found (optional)"}
                </Caption1>
              )}
            </li>
          );
        })}
      </ul>
      {families.length > 0 ? (
        <Text>
          {plural(families.length, "family", "families")}: {families.join(", ")}
        </Text>
      ) : null}
      {periods.length > 0 ? (
        <Text>
          {plural(periods.length, "period")}: {formatSpan(periods)}
        </Text>
      ) : null}
      {inspecting ? <Spinner size="tiny" label="Reading the workbook…" /> : null}
    </Section>
  );
}

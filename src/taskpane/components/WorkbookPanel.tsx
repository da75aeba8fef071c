// What the planner found in the workbook: the template tables (each can be pointed at by selection), and what they hold.
import { Button, Caption1, makeStyles, mergeClasses, Spinner, Text, tokens } from "@fluentui/react-components";
import { CheckmarkCircle16Filled, DismissCircle16Filled, Circle16Regular, DocumentTableArrowRight20Regular, TableAdd20Regular } from "@fluentui/react-icons";
import type { TemplateTableName } from "../../workbook/tables";
import { formatSpan } from "../format";
import type { WorkbookSummary } from "../planner";
import { Section } from "./Section";

const useStyles = makeStyles({
  stats: {
    display: "grid",
    gridTemplateColumns: "repeat(4, minmax(0, 1fr))",
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    // Four tiles in a row leave a label like "Resources" no room in the narrowest panes: two by two.
    "@media (max-width: 359px)": { gridTemplateColumns: "repeat(2, minmax(0, 1fr))" },
  },
  stat: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    minWidth: 0,
  },
  statValue: {
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
    order: 1,
  },
  statLabel: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, order: 2 },
  horizon: { color: tokens.colorNeutralForeground2 },
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
  },
  item: {
    display: "grid",
    gridTemplateColumns: "16px minmax(0, 1fr) auto",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "center",
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  names: { display: "flex", flexDirection: "column", minWidth: 0 },
  where: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  found: { color: tokens.colorPaletteGreenForeground1 },
  missing: { color: tokens.colorPaletteRedForeground1 },
  optional: { color: tokens.colorNeutralForeground3 },
  picked: { color: tokens.colorBrandForeground1 },
  sample: { alignSelf: "flex-start" },
});

interface WorkbookPanelProps {
  summary: WorkbookSummary | null;
  inspecting: boolean;
  /** Tables picked by selection, by the range's address. */
  selections: Partial<Record<TemplateTableName, string>>;
  disabled: boolean;
  onUseSelection(table: TemplateTableName): void;
  onClearSelection(table: TemplateTableName): void;
  onInsertSample(): void;
}

function Stat({ value, label }: { value: number | null; label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.stat}>
      <dt className={styles.statLabel}>{label}</dt>
      <dd className={styles.statValue}>
        {value === null ? <span aria-label="unknown">–</span> : value}
      </dd>
    </div>
  );
}

export function WorkbookPanel(props: WorkbookPanelProps) {
  const { summary, inspecting, selections, disabled, onUseSelection, onClearSelection, onInsertSample } = props;
  const styles = useStyles();
  const forecastMissing = !summary || !summary.tables.some((t) => t.name === "forecast" && t.source);
  const sampleButton = (
    <Button
      className={styles.sample}
      appearance={forecastMissing ? "primary" : "secondary"}
      size="small"
      icon={<TableAdd20Regular />}
      onClick={onInsertSample}
      disabled={disabled}
    >
      Insert sample template
    </Button>
  );
  if (!summary) {
    return (
      <Section title="Inputs">
        {inspecting ? <Spinner size="tiny" label="Reading the workbook…" /> : <Text>The workbook could not be read.</Text>}
        {sampleButton}
      </Section>
    );
  }
  const { tables, families, products, resources, periods, readable } = summary;
  const count = (items: string[]) => (readable ? items.length : null);
  return (
    <Section title="Inputs" actions={inspecting ? <Spinner size="extra-tiny" aria-label="Reading the workbook" /> : null}>
      <dl className={styles.stats} aria-label="What the workbook holds">
        <Stat value={count(families)} label={families.length === 1 ? "Family" : "Families"} />
        <Stat value={count(products)} label={products.length === 1 ? "Product" : "Products"} />
        <Stat value={count(resources)} label={resources.length === 1 ? "Resource" : "Resources"} />
        <Stat value={count(periods)} label={periods.length === 1 ? "Period" : "Periods"} />
      </dl>
      {!readable && tables.some((t) => t.source) ? (
        <Caption1 className={styles.horizon}>Fix the errors below to see what the tables hold.</Caption1>
      ) : null}
      {periods.length > 0 ? (
        <Caption1 className={styles.horizon}>
          {formatSpan(periods)}
          {families.length > 0 ? ` · ${families.join(", ")}` : ""}
        </Caption1>
      ) : null}
      <ul className={styles.list} aria-label="Template tables">
        {tables.map((table) => {
          const picked = selections[table.name];
          const Icon = table.source ? CheckmarkCircle16Filled : table.required ? DismissCircle16Filled : Circle16Regular;
          const iconClass = picked ? styles.picked : table.source ? styles.found : table.required ? styles.missing : styles.optional;
          const where = picked
            ? `selection ${picked}`
            : table.source ?? (table.required ? "missing (required)" : "not found (optional)");
          return (
            <li key={table.name} className={styles.item}>
              <Icon className={iconClass} aria-hidden="true" />
              <span className={styles.names}>
                <Text weight="semibold">{table.title}</Text>
                <Caption1 className={mergeClasses(styles.where, !table.source && table.required && styles.missing)}>{where}</Caption1>
              </span>
              {picked ? (
                <Button
                  size="small"
                  appearance="subtle"
                  onClick={() => onClearSelection(table.name)}
                  disabled={disabled}
                  aria-label={`Clear the selection for ${table.title}`}
                >
                  Clear
                </Button>
              ) : (
                <Button
                  size="small"
                  appearance="subtle"
                  icon={<DocumentTableArrowRight20Regular />}
                  onClick={() => onUseSelection(table.name)}
                  disabled={disabled}
                  aria-label={`Use selection for ${table.title}`}
                  title={`Select the ${table.title} range in Excel, then click`}
                >
                  Use selection
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {sampleButton}
    </Section>
  );
}

// What the planner found in the workbook. First open: what the planner does, the sample, and the tables as a checklist.
// Once the tables are found it folds to one line, so the settings and results move up; errors keep it open.
import { Button, Caption1, Link, makeStyles, mergeClasses, Spinner, Subtitle2, Text, tokens } from "@fluentui/react-components";
import {
  CheckmarkCircle16Filled,
  Circle16Regular,
  DocumentTableArrowRight20Regular,
  ErrorCircle16Filled,
  TableAdd20Regular,
} from "@fluentui/react-icons";
import { useId, useState } from "react";
import type { PlanMessage } from "../../engine/model";
import { TEMPLATE_TABLE_INFO, type TemplateTableName } from "../../template/schema";
import { formatSpan, plural } from "../format";
import type { FoundTable, WorkbookSummary } from "../planner";
import { missingTables } from "../readiness";
import { Section } from "./Section";
import { DisclosureButton } from "./DisclosureButton";
import { cardLook, plainList, visuallyHidden } from "./styles";

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
  list: plainList(),
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
  missing: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
  optional: { color: tokens.colorNeutralForeground3 },
  picked: { color: tokens.colorBrandForeground1 },
  sample: { alignSelf: "flex-start" },
  value: { margin: 0 },
  primary: { alignSelf: "stretch" },
  subheading: { margin: 0, marginTop: tokens.spacingVerticalXS },
  help: plainList(tokens.spacingVerticalXS),
  helpItem: { overflowWrap: "anywhere" },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  folded: {
    display: "grid",
    gridTemplateColumns: "16px minmax(0, 1fr) auto",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "center",
  },
  foldedWords: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, alignItems: "baseline", minWidth: 0 },
  foldedHeading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  // The same card as Section's, one line high.
  foldedCard: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, ...cardLook },
  details: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  visuallyHiddenInline: visuallyHidden,
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
      <dd className={styles.statValue}>{value === null ? <span aria-label="unknown">–</span> : value}</dd>
    </div>
  );
}

/** The sheet part of `Forecast!A1 (table)` or `'My data'!E3`, to match messages to the table they are about. */
function sheetOf(address: string): string {
  const bang = address.lastIndexOf("!");
  return bang < 0 ? "" : address.slice(0, bang);
}

/** Errors in the input whose cell is on the table's sheet. */
function errorsIn(table: FoundTable, messages: readonly PlanMessage[]): number {
  if (!table.source) return 0;
  const sheet = sheetOf(table.source);
  return messages.filter((m) => m.severity === "error" && m.cell && sheetOf(m.cell) === sheet).length;
}

interface TableListProps extends Pick<WorkbookPanelProps, "selections" | "disabled" | "onUseSelection" | "onClearSelection"> {
  summary: WorkbookSummary;
  /** First open: a missing table shows the header it needs, as a to-do, not as an error. */
  checklist: boolean;
}

function TableList({ summary, selections, disabled, onUseSelection, onClearSelection, checklist }: TableListProps) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="Template tables">
      {summary.tables.map((table) => {
        const picked = selections[table.name];
        const errors = errorsIn(table, summary.messages);
        const Icon = errors > 0 ? ErrorCircle16Filled : table.source ? CheckmarkCircle16Filled : Circle16Regular;
        const iconClass = errors > 0 ? styles.error : picked ? styles.picked : table.source ? styles.found : table.required ? styles.missing : styles.optional;
        const state = errors > 0 ? `, ${plural(errors, "error")}` : table.source ? ", found" : table.required ? ", to add" : ", optional";
        const where = picked
          ? `selection ${picked}`
          : table.source
            ? `${table.source}${errors > 0 ? ` · ${plural(errors, "error")}` : ""}`
            : checklist
              ? `${table.required ? "Required" : "Optional"}: ${TEMPLATE_TABLE_INFO[table.name].header}`
              : table.required
                ? "missing (required)"
                : "not found (optional)";
        return (
          <li key={table.name} className={styles.item}>
            <Icon className={iconClass} aria-hidden="true" />
            <span className={styles.names}>
              <Text weight="semibold">
                {table.title}
                <span className={styles.visuallyHiddenInline}>{state}</span>
              </Text>
              <Caption1 className={mergeClasses(styles.where, errors > 0 && styles.error)}>{where}</Caption1>
            </span>
            {picked ? (
              <Button size="small" appearance="subtle" onClick={() => onClearSelection(table.name)} disabled={disabled} aria-label={`Clear the selection for ${table.title}`}>
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
  );
}

/** How the tables are laid out, from the template's own description of each. */
function TemplateHelp({ id }: { id: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.help} id={id} aria-label="How to lay out the tables">
      <li className={styles.helpItem}>
        <Caption1>
          Each table is an Excel table of that name, or a sheet of that name whose first row is the header. Periods are columns (Jan 2027, W05), the same in every table.
        </Caption1>
      </li>
      {Object.values(TEMPLATE_TABLE_INFO).map((info) => (
        <li key={info.title} className={styles.helpItem}>
          <Caption1>
            <Text weight="semibold" size={200}>
              {info.title}
            </Text>{" "}
            ({info.required ? "required" : "optional"}): <span className={styles.code}>{info.header}</span>
          </Caption1>
        </li>
      ))}
    </ul>
  );
}

function Stats({ summary }: { summary: WorkbookSummary }) {
  const styles = useStyles();
  const { families, products, resources, periods, readable } = summary;
  const count = (items: string[]) => (readable ? items.length : null);
  return (
    <dl className={styles.stats} aria-label="What the workbook holds">
      <Stat value={count(families)} label={families.length === 1 ? "Family" : "Families"} />
      <Stat value={count(products)} label={products.length === 1 ? "Product" : "Products"} />
      <Stat value={count(resources)} label={resources.length === 1 ? "Resource" : "Resources"} />
      <Stat value={count(periods)} label={periods.length === 1 ? "Period" : "Periods"} />
    </dl>
  );
}

/** "2 families · 4 products · 3 resources · 12 periods", for the folded card. */
function holdsText(summary: WorkbookSummary): string {
  return [
    plural(summary.families.length, "family", "families"),
    plural(summary.products.length, "product"),
    plural(summary.resources.length, "resource"),
    plural(summary.periods.length, "period"),
  ].join(" · ");
}

export function WorkbookPanel(props: WorkbookPanelProps) {
  const { summary, inspecting, selections, disabled, onUseSelection, onClearSelection, onInsertSample } = props;
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const detailsId = useId();
  const helpId = useId();
  if (!summary) {
    return (
      <Section title="Inputs">
        {inspecting ? <Spinner size="tiny" label="Reading the workbook…" /> : <Text>The workbook could not be read.</Text>}
      </Section>
    );
  }
  const tableProps = { summary, selections, disabled, onUseSelection, onClearSelection };
  const spinner = inspecting ? <Spinner size="extra-tiny" aria-label="Reading the workbook" /> : null;

  // First open (or a required table still missing): what the planner does, one primary action, the checklist.
  if (missingTables(summary).length > 0) {
    return (
      <Section title="Get started" actions={spinner}>
        <Text as="p" className={styles.value}>
          Turn your demand forecast and capacity into one operating plan: level, chase and least-cost plans compared by cost, with the capacity risks, written to new sheets.
        </Text>
        <Button className={styles.primary} appearance="primary" icon={<TableAdd20Regular />} onClick={onInsertSample} disabled={disabled}>
          Try with sample data
        </Button>
        <Subtitle2 as="h3" className={styles.subheading}>
          Use my data
        </Subtitle2>
        <Caption1 className={styles.horizon}>Add these tables, or select a range in Excel and use it for a table:</Caption1>
        <TableList {...tableProps} checklist />
        <Link as="button" className={styles.sample} aria-expanded={helpOpen} aria-controls={helpOpen ? helpId : undefined} onClick={() => setHelpOpen(!helpOpen)}>
          {helpOpen ? "Hide the template help" : "Template help: how to lay out the tables"}
        </Link>
        {helpOpen ? <TemplateHelp id={helpId} /> : null}
      </Section>
    );
  }

  const errors = summary.messages.some((m) => m.severity === "error");
  const expanded = open || errors;
  const toggle = errors ? null : (
    <DisclosureButton
      open={expanded}
      controls={detailsId}
      onToggle={() => setOpen(!expanded)}
      appearance="subtle"
      label={expanded ? "Hide the input details" : "Show the input details"}
    >
      {expanded ? "Hide" : "Details"}
    </DisclosureButton>
  );

  if (!expanded) {
    return (
      <section className={styles.foldedCard} aria-labelledby={`${detailsId}-h`}>
        <div className={styles.folded}>
          <CheckmarkCircle16Filled className={styles.found} aria-hidden="true" />
          <span className={styles.foldedWords}>
            <Subtitle2 as="h2" id={`${detailsId}-h`} className={styles.foldedHeading}>
              Inputs
            </Subtitle2>
            <Caption1 className={styles.horizon}>{holdsText(summary)}</Caption1>
          </span>
          {spinner ?? toggle}
        </div>
      </section>
    );
  }

  const { families, periods, readable, tables } = summary;
  return (
    <Section title="Inputs" actions={spinner ?? toggle}>
      <div id={detailsId} className={styles.details}>
        <Stats summary={summary} />
        {!readable && tables.some((t) => t.source) ? <Caption1 className={styles.horizon}>Fix the errors below to see what the tables hold.</Caption1> : null}
        {periods.length > 0 ? (
          <Caption1 className={styles.horizon}>
            {formatSpan(periods)}
            {families.length > 0 ? ` · ${families.join(", ")}` : ""}
          </Caption1>
        ) : null}
        <TableList {...tableProps} checklist={false} />
        <Button className={styles.sample} appearance="secondary" size="small" icon={<TableAdd20Regular />} onClick={onInsertSample} disabled={disabled}>
          Insert sample template
        </Button>
      </div>
    </Section>
  );
}

// The Policy view: each parameter of the workbook's Policy table for one column, with its unit; choices as drop-downs and
// switches. Edits are held in the pane (each can be undone) and written to the workbook when Run starts.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Select,
  Switch,
  tokens,
} from "@fluentui/react-components";
import { ArrowUndo16Regular } from "@fluentui/react-icons";
import { useState } from "react";
import type { PolicyParameter } from "../../template/schema";
import { plainList } from "./styles";
import { plural } from "../format";
import { useNumberStyle } from "./numberStyle";
import {
  cellText,
  defaultPlaceholder,
  isYes,
  missingParameters,
  typedValue,
  typedValueProblem,
  type PolicyEdit,
  type PolicyViewRow,
  type PolicyView,
} from "../policy";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  rows: plainList(tokens.spacingVerticalXXS),
  row: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) 136px",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusSmall,
  },
  // A held edit: a bar at the start of the row (a border, so it shows in forced colours too).
  edited: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalXS },
  label: { overflowWrap: "anywhere", fontSize: tokens.fontSizeBase200 },
  input: { minWidth: 0, width: "100%", "& input": { minWidth: 0 }, "& select": { minWidth: 0, width: "100%", textOverflow: "ellipsis" } },
  unit: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, whiteSpace: "nowrap" },
  was: { gridColumn: "1 / -1", display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground2 },
  note: { color: tokens.colorNeutralForeground3 },
  problem: { gridColumn: "1 / -1", color: tokens.colorPaletteRedForeground1, overflowWrap: "anywhere" },
  header: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})` },
  // A native select is as wide as its longest option unless told otherwise: these fit the pane.
  field: { minWidth: 0 },
  wide: { minWidth: 0, width: "100%", "& select": { minWidth: 0, width: "100%", textOverflow: "ellipsis" } },
  held: { display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
});

interface PolicyEditorProps {
  view: PolicyView | null;
  /** The edits held until Run; the view already shows them. */
  edits: readonly PolicyEdit[];
  disabled: boolean;
  onEdit(edit: PolicyEdit): void;
  /** Undoes the held edit of one cell, or all of them. */
  onDiscard(address?: string): void;
}

/** A parameter's unit beside its value, with the pane's currency: `units`, `h`, `$/unit`, `per worker` without a currency. */
export function unitText(parameter: PolicyParameter | undefined, currency: string | null): string {
  if (!parameter || parameter.unit === "") return "";
  const unit = parameter.unit.replace(/\bhours?\b/g, "h");
  return unit.startsWith("money per ") ? `${currency ?? "per "}${currency ? "/" : ""}${unit.slice("money per ".length)}` : unit;
}

interface CellProps {
  row: PolicyViewRow;
  column: number;
  label: string;
  disabled: boolean;
  onEdit: PolicyEditorProps["onEdit"];
}

/** A choice (or Yes/No in a family's column, where blank means "as Value"): a drop-down of the template's words. */
function ChoiceCell({ row, column, label, disabled, onEdit }: CellProps) {
  const styles = useStyles();
  const cell = row.cells[column];
  const known = row.known as PolicyParameter;
  const words = known.kind === "yes-no" ? ["Yes", "No"] : (known.choices ?? []).map((c) => c.label);
  const shown = cellText(cell.value).trim();
  const current = known.kind === "yes-no" && shown !== "" ? (isYes(cell.value) ? "Yes" : "No") : (words.find((w) => w.toLowerCase() === shown.toLowerCase()) ?? shown);
  const blank = column === 0 ? defaultPlaceholder(known) : "as Value";
  return (
    <Select
      className={styles.input}
      size="small"
      value={current}
      disabled={disabled}
      aria-label={`${row.parameter}, ${label}`}
      title={`${cell.address}: ${known.note}`}
      onChange={(_, data) => onEdit({ address: cell.address, values: [data.value === "" ? null : data.value], was: cell.value })}
    >
      <option value="">{blank}</option>
      {words.map((w) => (
        <option key={w} value={w}>
          {w}
        </option>
      ))}
      {current !== "" && !words.includes(current) ? <option value={current}>{current} (not a choice)</option> : null}
    </Select>
  );
}

/** Yes/No in the Value column: a switch (blank reads as the default, No). */
function SwitchCell({ row, column, label, disabled, onEdit }: CellProps) {
  const cell = row.cells[column];
  return (
    <Switch
      checked={isYes(cell.value)}
      disabled={disabled}
      aria-label={`${row.parameter}, ${label}`}
      title={`${cell.address}: ${row.known?.note ?? ""}`}
      label={isYes(cell.value) ? "Yes" : "No"}
      onChange={(_, data) => onEdit({ address: cell.address, values: [data.checked ? "Yes" : "No"], was: cell.value })}
    />
  );
}

/** An amount: typed freely, held when the user leaves the box or presses Enter, and only if it changed; checked as the run checks it. */
function AmountCell({ row, column, label, disabled, onEdit }: CellProps) {
  const styles = useStyles();
  const { currency } = useNumberStyle();
  const cell = row.cells[column];
  const shown = cellText(cell.value);
  const [draft, setDraft] = useState(shown);
  const [seen, setSeen] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  // The value changed under the box (an undo, a re-read): show what it holds now.
  if (seen !== shown) {
    setSeen(shown);
    setDraft(shown);
    setProblem(null);
  }
  const commit = () => {
    if (draft.trim() === shown.trim()) return setProblem(null);
    const value = typedValue(draft);
    // Checked as the run would check it, so a value the planner refuses is never held.
    const refused = typedValueProblem(row.known, cell.address, value);
    setProblem(refused);
    if (!refused) onEdit({ address: cell.address, values: [value], was: cell.value });
  };
  const problemId = `sop-policy-problem-${cell.address}`;
  const unit = unitText(row.known, currency?.symbol ?? null);
  return (
    <>
      <Input
        className={styles.input}
        size="small"
        value={draft}
        disabled={disabled}
        aria-label={`${row.parameter}, ${label}${unit ? ` (${unit})` : ""}`}
        title={row.known ? `${cell.address}: ${row.known.note}` : cell.address}
        placeholder={column === 0 ? defaultPlaceholder(row.known) : "as Value"}
        contentAfter={unit ? <span className={styles.unit}>{unit}</span> : undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        onChange={(_, data) => setDraft(data.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
          if (event.key === "Escape") {
            setDraft(shown);
            setProblem(null);
          }
        }}
      />
      {problem ? (
        <Caption1 id={problemId} className={styles.problem} role="alert">
          {problem}
        </Caption1>
      ) : null}
    </>
  );
}

function ParameterCell(props: CellProps) {
  const kind = props.row.known?.kind ?? "amount";
  if (kind === "yes-no" && props.column === 0) return <SwitchCell {...props} />;
  if (kind === "yes-no" || kind === "choice") return <ChoiceCell {...props} />;
  return <AmountCell {...props} />;
}

/** The view of a Policy table with a header; loaded as its own chunk once the workbook has one (see App). */
export default function PolicyEditor({ view, edits, disabled, onEdit, onDiscard }: PolicyEditorProps & { view: PolicyView }) {
  const styles = useStyles();
  const [column, setColumn] = useState(0);
  const shownColumn = Math.min(column, view.columns.length - 1);
  const missing = missingParameters(view);
  const label = view.columns[shownColumn].label;
  const editOf = (address: string) => edits.find((e) => e.address === address);
  return (
    <Accordion collapsible>
      <AccordionItem value="policy">
        <AccordionHeader className={styles.header} size="medium">
          Policy ({view.rows.length} parameters{edits.length > 0 ? `, ${plural(edits.length, "edit")} held` : ""})
        </AccordionHeader>
        <AccordionPanel className={styles.panel}>
          {view.columns.length > 1 ? (
            <Field label="Column" className={styles.field}>
              <Select className={styles.wide} value={String(shownColumn)} onChange={(_, data) => setColumn(Number(data.value))} disabled={disabled}>
                {view.columns.map((c, i) => (
                  <option key={c.index} value={i}>
                    {i === 0 ? `${c.label} (every family)` : c.label}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <ul className={styles.rows} aria-label={`Policy, ${label}`}>
            {view.rows.map((row) => {
              const cell = row.cells[shownColumn];
              // A new row is marked by its name's edit; a cell by its own.
              const held = editOf(cell.address) ?? editOf(row.nameAddress);
              return (
                <li key={cell.address} className={mergeClasses(styles.row, held && styles.edited)}>
                  <span className={styles.label}>{row.parameter}</span>
                  <ParameterCell row={row} column={shownColumn} label={label} disabled={disabled} onEdit={onEdit} />
                  {held ? (
                    <span className={styles.was}>
                      <Caption1>{held.newRow ? "new row" : `was ${held.was === null ? "blank" : cellText(held.was)}`}; goes in on Run</Caption1>
                      <Button
                        size="small"
                        appearance="transparent"
                        icon={<ArrowUndo16Regular />}
                        disabled={disabled}
                        onClick={() => onDiscard(held.address)}
                        aria-label={`Undo the edit of ${row.parameter}, ${label}`}
                      >
                        Undo
                      </Button>
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {missing.length > 0 ? (
            <Field label="Add a parameter" className={styles.field}>
              <Select
                className={styles.wide}
                value=""
                disabled={disabled || edits.some((e) => e.address === view.nextRowAddress)}
                onChange={(_, data) => {
                  if (data.value !== "") onEdit({ address: view.nextRowAddress, values: [data.value], was: null, newRow: true });
                }}
              >
                <option value="">Choose…</option>
                {missing.map((parameter) => (
                  <option key={parameter.field} value={parameter.name}>
                    {parameter.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <div className={styles.held}>
            <Caption1 className={styles.note}>
              {edits.length > 0 ? `${plural(edits.length, "edit")} held: written to the Policy table when you run.` : "Edits are written to the Policy table when you run."}
            </Caption1>
            {edits.length > 0 ? (
              <Button size="small" icon={<ArrowUndo16Regular />} disabled={disabled} onClick={() => onDiscard()}>
                Undo all
              </Button>
            ) : null}
          </div>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

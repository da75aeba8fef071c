// The Policy view: each parameter of the workbook's Policy table for one column; a valid edit is written to its cell at once, and a missing parameter can be added.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Caption1,
  Field,
  Input,
  makeStyles,
  Select,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { CellValue } from "../../workbook/sheet";
import { cellText, defaultPlaceholder, missingParameters, typedValue, typedValueProblem, type PolicyRow, type PolicyView } from "../policy";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  rows: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  row: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) 104px",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  label: { overflowWrap: "anywhere", fontSize: tokens.fontSizeBase200 },
  input: { minWidth: 0, width: "100%" },
  note: { color: tokens.colorNeutralForeground3 },
  problem: { gridColumn: "1 / -1", color: tokens.colorPaletteRedForeground1, overflowWrap: "anywhere" },
  header: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})` },
});

interface PolicyEditorProps {
  view: PolicyView | null;
  disabled: boolean;
  onWrite(address: string, value: CellValue): void;
}

/** One parameter's box: typed freely, written when the user leaves it or presses Enter, and only if it changed. */
function PolicyInput({ row, column, label, disabled, onWrite }: { row: PolicyRow; column: number; label: string; disabled: boolean; onWrite: PolicyEditorProps["onWrite"] }) {
  const styles = useStyles();
  const cell = row.cells[column];
  const shown = cellText(cell.value);
  const [draft, setDraft] = useState(shown);
  const [seen, setSeen] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  // The workbook changed under the box (another edit, a re-read): show what it holds now.
  if (seen !== shown) {
    setSeen(shown);
    setDraft(shown);
    setProblem(null);
  }
  const commit = () => {
    if (draft.trim() === shown.trim()) return setProblem(null);
    const value = typedValue(draft);
    // Checked as the run would check it, so a value the planner refuses never reaches the workbook.
    const refused = typedValueProblem(row.known, cell.address, value);
    setProblem(refused);
    if (!refused) onWrite(cell.address, value);
  };
  const problemId = `sop-policy-problem-${cell.address}`;
  return (
    <>
    <Input
      className={styles.input}
      size="small"
      value={draft}
      disabled={disabled}
      aria-label={`${row.parameter}, ${label}`}
      title={row.known ? `${cell.address}: ${row.known.note}` : cell.address}
      placeholder={column === 0 ? defaultPlaceholder(row.known) : "as Value"}
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

export function PolicyEditor({ view, disabled, onWrite }: PolicyEditorProps) {
  const styles = useStyles();
  const [column, setColumn] = useState(0);
  if (!view || view.columns.length === 0) {
    return <Caption1 className={styles.note}>No Policy table yet: insert the sample or add a Policy sheet.</Caption1>;
  }
  const shownColumn = Math.min(column, view.columns.length - 1);
  const missing = missingParameters(view);
  const label = view.columns[shownColumn].label;
  return (
    <Accordion collapsible>
      <AccordionItem value="policy">
        <AccordionHeader className={styles.header} size="medium">
          Policy ({view.rows.length} parameters)
        </AccordionHeader>
        <AccordionPanel className={styles.panel}>
          {view.columns.length > 1 ? (
            <Field label="Column">
              <Select value={String(shownColumn)} onChange={(_, data) => setColumn(Number(data.value))} disabled={disabled}>
                {view.columns.map((c, i) => (
                  <option key={c.index} value={i}>
                    {i === 0 ? `${c.label} (every family)` : c.label}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <ul className={styles.rows} aria-label={`Policy, ${label}`}>
            {view.rows.map((row) => (
              <li key={row.cells[shownColumn].address} className={styles.row}>
                <span className={styles.label}>{row.parameter}</span>
                <PolicyInput row={row} column={shownColumn} label={label} disabled={disabled} onWrite={onWrite} />
              </li>
            ))}
          </ul>
          {missing.length > 0 ? (
            <Field label="Add a parameter">
              <Select
                value=""
                disabled={disabled}
                onChange={(_, data) => {
                  if (data.value !== "") onWrite(view.nextRowAddress, data.value);
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
          <Caption1 className={styles.note}>Edits go straight to the Policy table in the workbook.</Caption1>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

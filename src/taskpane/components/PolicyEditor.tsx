// The Policy view: each parameter of the workbook's Policy table for one column; an edit is written to its cell at once.
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
import { cellText, typedValue, type PolicyRow, type PolicyView } from "../policy";

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
  // The workbook changed under the box (another edit, a re-read): show what it holds now.
  if (seen !== shown) {
    setSeen(shown);
    setDraft(shown);
  }
  const commit = () => {
    if (draft.trim() !== shown.trim()) onWrite(cell.address, typedValue(draft));
  };
  return (
    <Input
      className={styles.input}
      size="small"
      value={draft}
      disabled={disabled}
      aria-label={`${row.parameter}, ${label}`}
      title={cell.address}
      placeholder={column === 0 ? "default" : "as Value"}
      onChange={(_, data) => setDraft(data.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") commit();
        if (event.key === "Escape") setDraft(shown);
      }}
    />
  );
}

export function PolicyEditor({ view, disabled, onWrite }: PolicyEditorProps) {
  const styles = useStyles();
  const [column, setColumn] = useState(0);
  if (!view || view.columns.length === 0) {
    return <Caption1 className={styles.note}>No Policy table yet: insert the sample or add a Policy sheet.</Caption1>;
  }
  const shownColumn = Math.min(column, view.columns.length - 1);
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
          <Caption1 className={styles.note}>Edits go straight to the Policy table in the workbook.</Caption1>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

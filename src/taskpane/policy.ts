// The Policy table as the pane's Policy view edits it: which cell holds each parameter for each column, and typed input.
import { normalizeName, cellRef } from "../workbook/names";
import type { RawCell, RawTable } from "../workbook/raw";
import type { CellValue } from "../workbook/sheet";

export interface PolicyColumn {
  /** Index into the block's columns. */
  index: number;
  /** `Value` (every family), or a family's name. */
  label: string;
}

export interface PolicyRow {
  parameter: string;
  /** The cell's address for each column, and what it holds. */
  cells: { address: string; value: RawCell }[];
}

export interface PolicyView {
  columns: PolicyColumn[];
  rows: PolicyRow[];
  /** Where a new row would go: the first cell under the table. */
  nextRowAddress: string;
}

/** The Policy block as columns (Value, then families) and one row per parameter; null without a header. */
export function policyView(block: RawTable | null): PolicyView | null {
  if (!block || block.values.length === 0) return null;
  const header = block.values[0];
  const columns: PolicyColumn[] = [];
  header.forEach((cell, index) => {
    if (index === 0 || cell === null) return;
    const label = typeof cell === "string" ? cell.trim() : String(cell);
    if (label !== "") columns.push({ index, label });
  });
  const rows: PolicyRow[] = [];
  block.values.slice(1).forEach((line, i) => {
    const name = line[0];
    if (typeof name !== "string" || name.trim() === "") return;
    rows.push({
      parameter: name.trim(),
      cells: columns.map((column) => ({ address: cellRef(block, i + 1, column.index), value: line[column.index] ?? null })),
    });
  });
  return { columns, rows, nextRowAddress: cellRef(block, block.values.length, 0) };
}

/** The row of a parameter, by name as a planner types it (`Integer workers`, `integer_workers`). */
export function findPolicyRow(view: PolicyView, parameter: string): PolicyRow | undefined {
  const wanted = normalizeName(parameter);
  return view.rows.find((row) => normalizeName(row.parameter) === wanted);
}

/** A Yes/No policy cell read as the parser does: Yes, True, 1 are on. */
export function isYes(value: RawCell): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  return typeof value === "string" && /^(yes|y|true|1)$/i.test(value.trim());
}

/** A cell as the Policy view shows it in an input box. */
export function cellText(value: RawCell): string {
  if (value === null) return "";
  if (typeof value === "object") return "error" in value ? value.error : String(value.date);
  return String(value);
}

/** What the user typed, as the cell's new constant: a number when it reads as one (`1,200`, `2.5`), blank as empty. */
export function typedValue(text: string): CellValue {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const numeric = trimmed.replace(/,(?=\d{3}\b)/g, "");
  if (/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(numeric)) return Number(numeric);
  return trimmed;
}

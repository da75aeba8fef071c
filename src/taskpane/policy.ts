// The Policy table as the pane's Policy view edits it: which cell holds each parameter for each column, and typed input checked as the parser checks it.
import { POLICY_DEFAULTS } from "../engine/policy";
import { defaultText, POLICY_PARAMETERS, POLICY_SCHEMA, policyParameterNamed, type PolicyParameter, type PolicySchema } from "../template/schema";
import { cellMessage } from "../template/cellMessages";
import { readYesNoCell } from "../template/cellReading";
import { MessageLog } from "../template/messageLog";
import { policyColumns, policyLines, policyRule, readPolicyCell } from "../template/policyTable";
import { gridOf } from "../workbook/names";
import type { RawCell, RawTable } from "../workbook/raw";
import { parseCellReference, splitSheetAddress, type CellValue } from "../workbook/sheet";

export interface PolicyColumn {
  /** Index into the block's columns. */
  index: number;
  /** `Value` (every family), or a family's name. */
  label: string;
}

export interface PolicyViewRow {
  /** The name as the workbook writes it. */
  parameter: string;
  /** The template's parameter it names; undefined for a name the planner does not know (the run reports it). */
  known?: PolicyParameter;
  /** The cell's address for each column, and what it holds. */
  cells: { address: string; value: RawCell }[];
  /** The address of the parameter's name. */
  nameAddress: string;
}

export interface PolicyView {
  columns: PolicyColumn[];
  rows: PolicyViewRow[];
  /** Where a new row would go: the first cell under the table. */
  nextRowAddress: string;
}

/**
 * The Policy block as columns (Value, then the columns after it) and one row per named parameter,
 * known or not, read by the template's Policy reading (`schema`'s parameters: the template's unless a
 * test adds its own); null without a header naming Parameter and Value.
 */
export function policyView(block: RawTable | null, schema: PolicySchema = POLICY_SCHEMA): PolicyView | null {
  if (!block || block.values.length === 0) return null;
  const grid = gridOf(block);
  // The run reports the table's problems; the view only lays it out.
  const columns = policyColumns(grid, new MessageLog());
  if (!columns) return null;
  const header = block.values[0];
  const shown: PolicyColumn[] = [columns.valueCol, ...columns.dataColumns].flatMap((index) => {
    const label = cellText(header[index] ?? null).trim();
    return label === "" ? [] : [{ index, label }];
  });
  const rows: PolicyViewRow[] = policyLines(grid, columns, schema).map((line) => ({
    parameter: line.name,
    ...(line.parameter && { known: line.parameter }),
    cells: shown.map((column) => ({ address: grid.at(line.row, column.index), value: block.values[line.row][column.index] ?? null })),
    nameAddress: grid.at(line.row, columns.parameterCol),
  }));
  return { columns: shown, rows, nextRowAddress: grid.at(block.values.length, columns.parameterCol) };
}

/** The row of a parameter, by name as a planner types it (`Integer workers`, `integer_workers`, an alias). */
export function findPolicyRow(view: PolicyView, parameter: string): PolicyViewRow | undefined {
  const wanted = policyParameterNamed(parameter);
  return wanted && view.rows.find((row) => row.known === wanted);
}

/** The template's parameters the table has no row for: what the view offers to add. */
export function missingParameters(view: PolicyView): PolicyParameter[] {
  return POLICY_PARAMETERS.filter((parameter) => !view.rows.some((row) => row.known === parameter));
}

/** A Yes/No policy cell read as the parser does: Yes, True, 1 are on; anything else is off. */
export function isYes(value: RawCell): boolean {
  const reading = readYesNoCell(value);
  return reading.kind === "ok" && reading.value;
}

/** Why a typed value cannot go in a parameter's cell at `address`, in the parser's words; null when it can (blank included). */
export function typedValueProblem(parameter: PolicyParameter | undefined, address: string, value: CellValue): string | null {
  if (!parameter) return null;
  const reading = readPolicyCell(parameter, value);
  return reading.kind === "bad" ? cellMessage(address, reading.reason, reading.cell, policyRule(parameter)) : null;
}

/** What a blank Value cell means, for its placeholder: `default 0`, `default No`, `no cap`. */
export function defaultPlaceholder(parameter: PolicyParameter | undefined): string {
  if (!parameter) return "default";
  return POLICY_DEFAULTS[parameter.field] === null ? (parameter.blank ?? "not given") : `default ${defaultText(parameter)}`;
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

// ---------------------------------------------------------------------------------------------
// Edits held in the pane until Run

/** A Policy cell the user changed in the pane: written to the workbook when Run starts, or discarded. */
export interface PolicyEdit {
  /** `Policy!B5`, or the first cell under the table for a parameter added as a new row. */
  address: string;
  /** Written from `address` rightwards: one value, or a new row's name and value. */
  values: CellValue[];
  /** What the cell held before, for "was …" and undo; null for a new row. */
  was: RawCell;
  /** True for a parameter added as a new row under the table (its name at `address`). */
  newRow?: boolean;
}

/** A cell's address on its sheet, 0-based. */
function locate(address: string): { sheet: string | null; row: number; column: number } {
  const { sheet, cell } = splitSheetAddress(address);
  return { sheet, ...parseCellReference(cell) };
}

/**
 * The blocks as they will read once the edits are written: each edit's cells changed in the block
 * that holds them, a new row added under the block it follows. The pane checks and shows this,
 * so Run is judged (and the Policy view drawn) with the edits in.
 */
export function withPolicyEdits(blocks: readonly RawTable[], edits: readonly PolicyEdit[]): RawTable[] {
  if (edits.length === 0) return [...blocks];
  const changed = blocks.map((block) => ({ ...block, values: block.values.map((line) => [...line]) }));
  for (const edit of edits) {
    const at = locate(edit.address);
    const block = changed.find((b) => {
      const width = b.values.reduce((w, line) => Math.max(w, line.length), 0);
      return (
        (at.sheet === null || at.sheet.toLowerCase() === b.sheet.toLowerCase()) &&
        at.row >= b.top &&
        at.row <= b.top + b.values.length &&
        at.column >= b.left &&
        at.column < b.left + Math.max(1, width)
      );
    });
    if (!block) continue;
    const r = at.row - block.top;
    while (block.values.length <= r) block.values.push([]);
    const line = block.values[r];
    edit.values.forEach((value, i) => {
      const c = at.column - block.left + i;
      while (line.length <= c) line.push(null);
      line[c] = value;
    });
  }
  return changed;
}

/** The edits with one more: a cell edited again keeps what it held first, and an edit back to that is no edit at all. */
export function addPolicyEdit(edits: readonly PolicyEdit[], edit: PolicyEdit): PolicyEdit[] {
  const earlier = edits.find((e) => e.address === edit.address);
  const rest = edits.filter((e) => e !== earlier);
  const was = earlier ? earlier.was : edit.was;
  const same = !edit.newRow && edit.values.length === 1 && cellText(was).trim() === cellText(edit.values[0]).trim();
  return same ? rest : [...rest, { ...edit, was }];
}

/** The edits without the one at `address`; undoing an added row undoes the edits of its cells too. */
export function withoutPolicyEdit(edits: readonly PolicyEdit[], address: string): PolicyEdit[] {
  const undone = edits.find((e) => e.address === address);
  if (!undone) return [...edits];
  const at = locate(address);
  return edits.filter((e) => {
    if (e === undone) return false;
    if (!undone.newRow) return true;
    const other = locate(e.address);
    return !(other.row === at.row && (other.sheet ?? "").toLowerCase() === (at.sheet ?? "").toLowerCase());
  });
}

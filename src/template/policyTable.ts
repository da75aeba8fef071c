// The Policy table's reading, one for every front end (the parser, the functions, the pane): Parameter and Value found by name, the family columns, one row per parameter with unknown and repeated names refused, each cell read as its parameter's kind says.
import type { FamilyPolicy, PlanMessage } from "../engine/model";
import { POLICY_DEFAULTS } from "../engine/policy";
import { orList, quote, type CellRule } from "./cellMessages";
import { isBlankCell, ok, readAmountCell, readChoiceCell, readCountCell, readLabelCell, readNameCell, readShareCell, readYesNoCell, valueOr, type Reading } from "./cellReading";
import { MessageLog } from "./messageLog";
import { matchHeaderToName, POLICY_SCHEMA, TABLE_KEYS, type PolicyParameter, type PolicySchema } from "./schema";
import {
  cellAt,
  columnHasData,
  dataRows,
  findKeyColumns,
  headerText,
  reportCell,
  reportDuplicateRow,
  reportMissingKey,
  tableColumns,
  type TableColumns,
  type TableGrid,
} from "./tableGrid";

// ---------------------------------------------------------------------------------------------
// One cell

/** A Policy cell's value, tagged with the field it sets. */
export type PolicySetting = { [F in keyof FamilyPolicy]: { field: F; value: FamilyPolicy[F] } }[keyof FamilyPolicy];

/** A Policy cell read as its parameter's kind says (an amount, a count, a share, Yes/No or one of its choices), for the parameter's own field. */
export function readPolicyCell(parameter: PolicyParameter, cell: unknown): Reading<PolicySetting> {
  const reading = readByKind(parameter, cell);
  // The schema test holds each parameter's kind to its field's type in FamilyPolicy.
  return reading.kind === "ok" ? ok({ field: parameter.field, value: reading.value } as PolicySetting) : reading;
}

function readByKind(parameter: PolicyParameter, cell: unknown): Reading<unknown> {
  switch (parameter.kind) {
    case "amount":
      return readAmountCell(cell);
    case "count":
      return readCountCell(cell);
    case "share":
      return readShareCell(cell);
    case "yes-no":
      return readYesNoCell(cell);
    case "choice":
      return readChoiceCell<unknown>(cell, parameter.choices ?? []);
    case "name":
      return readNameCell(cell);
  }
}

/** What a Policy parameter's cell must be, for its message: `"Holding cost basis" must be Ending or Average`. */
export function policyRule(parameter: PolicyParameter): CellRule {
  const what = `"${parameter.name}"`;
  return parameter.choices ? { what, accepted: orList(parameter.choices.map((c) => c.label)) } : { what };
}

export function applySetting(policy: FamilyPolicy, setting: PolicySetting): void {
  (policy as unknown as Record<string, unknown>)[setting.field] = setting.value;
}

/** A parameter's cell read and, when it cannot be, its message logged naming the cell. */
export function readPolicyValue(grid: TableGrid, r: number, col: number, parameter: PolicyParameter, log: MessageLog): Reading<PolicySetting> {
  return reportCell(readPolicyCell(parameter, cellAt(grid, r, col)), grid, r, col, policyRule(parameter), log);
}

/**
 * A parameter's value in any cell, read by the Policy table's rules (how a Scenarios row sets one):
 * blank, the value, or the errors naming the cell.
 */
export function readPolicyParameterCell(
  grid: TableGrid,
  r: number,
  col: number,
  parameter: PolicyParameter,
): { kind: "blank" } | { kind: "ok"; value: FamilyPolicy[keyof FamilyPolicy] } | { kind: "bad"; messages: PlanMessage[] } {
  const log = new MessageLog();
  const reading = readPolicyValue(grid, r, col, parameter, log);
  if (reading.kind === "ok") return { kind: "ok", value: reading.value.value };
  if (reading.kind === "blank") return { kind: "blank" };
  return { kind: "bad", messages: log.messages };
}

// ---------------------------------------------------------------------------------------------
// The header

/** The Policy table's columns: Parameter, Value, and the columns after the last of them (one per family). */
export interface PolicyColumns extends TableColumns {
  parameterCol: number;
  valueCol: number;
}

export function policyColumnsOf(columns: TableColumns): PolicyColumns {
  const [parameterCol, valueCol] = columns.keyColumns;
  return { ...columns, parameterCol, valueCol };
}

/** Whether a row is the Policy header: it names both Parameter and Value (any order, any column). */
export function isPolicyHeader(row: readonly unknown[]): boolean {
  return findKeyColumns(row, TABLE_KEYS.policy).every((c) => c >= 0);
}

/**
 * The columns, Parameter and Value found by name in the header row; null when either is missing
 * (the parser says why, the functions read a range without a header as Parameter, Value).
 */
export function policyColumns(grid: TableGrid, log: MessageLog): PolicyColumns | null {
  const header = grid.values[0] ?? [];
  if (!isPolicyHeader(header)) return null;
  return policyColumnsOf(tableColumns(grid, "policy", findKeyColumns(header, TABLE_KEYS.policy), log));
}

// ---------------------------------------------------------------------------------------------
// Family columns

export interface FamilyColumn {
  col: number;
  family: string;
}

/** The columns after Value that name a family of Forecast; a warning for each that does not, an error for a family's second. */
export function readFamilyColumns(grid: TableGrid, columns: PolicyColumns, families: readonly string[], log: MessageLog): FamilyColumn[] {
  const header = grid.values[0];
  const found: FamilyColumn[] = [];
  for (const col of columns.dataColumns) {
    const ref = grid.at(0, col);
    const text = isBlankCell(header[col]) ? "" : valueOr(readLabelCell(header[col]), undefined);
    if (text === "") {
      if (columnHasData(grid, col)) log.warning(ref, `${ref} is blank, so the Policy column under it is ignored; name the family it is for.`);
      continue;
    }
    const index = text === undefined ? -1 : matchHeaderToName(text, families);
    if (index < 0) {
      log.warning(ref, `${ref} ${headerText(header[col])} is not a family in Forecast, so the Policy column under it is ignored.`);
      continue;
    }
    const earlier = found.find((fc) => fc.family === families[index]);
    if (earlier) {
      log.error(ref, `${ref} is a second Policy column for family ${quote(families[index])} (first at ${grid.at(0, earlier.col)}); keep one.`);
      continue;
    }
    found.push({ col, family: families[index] });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Parameter rows

/** A row with data and a name in the Parameter column: the parameter it names, or undefined for a name the schema does not know. */
export interface PolicyLine {
  row: number;
  name: string;
  parameter: PolicyParameter | undefined;
}

/** Every row that names a parameter, known or not, in the table's order (what the pane lists). */
export function policyLines(grid: TableGrid, columns: PolicyColumns, schema: PolicySchema = POLICY_SCHEMA): PolicyLine[] {
  return dataRows(grid, columns.width).flatMap((row) => {
    const name = valueOr(readNameCell(cellAt(grid, row, columns.parameterCol)), null);
    return name === null ? [] : [{ row, name, parameter: schema.named(name) }];
  });
}

/** One Policy row: its parameter and what its Value cell and each family's cell hold. */
export interface PolicyRow {
  parameter: PolicyParameter;
  /** Its row in the grid. */
  row: number;
  value: Reading<PolicySetting>;
  byFamily: Map<string, Reading<PolicySetting>>;
}

/** The rows of known parameters, each read once; an error for a blank or unknown name and for a parameter's second row. */
export function readPolicyRows(
  grid: TableGrid,
  columns: PolicyColumns,
  familyColumns: readonly FamilyColumn[],
  log: MessageLog,
  schema: PolicySchema = POLICY_SCHEMA,
): PolicyRow[] {
  const { parameterCol, valueCol } = columns;
  const rows: PolicyRow[] = [];
  const rowOf = new Map<PolicyParameter, number>();
  for (const r of dataRows(grid, columns.width)) {
    const parameter = readParameterName(grid, r, parameterCol, log, schema);
    if (!parameter) continue;
    const earlier = rowOf.get(parameter);
    if (earlier !== undefined) {
      reportDuplicateRow(log, grid, parameterCol, [earlier, r], headerText(cellAt(grid, r, parameterCol)));
      continue;
    }
    rowOf.set(parameter, r);
    const byFamily = new Map(familyColumns.map((fc) => [fc.family, readPolicyValue(grid, r, fc.col, parameter, log)]));
    rows.push({ parameter, row: r, value: readPolicyValue(grid, r, valueCol, parameter, log), byFamily });
  }
  return rows;
}

/** The parameter a Parameter cell names; an error for a blank or unknown name. */
function readParameterName(grid: TableGrid, r: number, col: number, log: MessageLog, schema: PolicySchema): PolicyParameter | null {
  const name = reportCell(readNameCell(cellAt(grid, r, col)), grid, r, col, { what: "a parameter name" }, log);
  if (name.kind === "blank") reportMissingKey(log, grid, r, col, "Parameter");
  if (name.kind !== "ok") return null;
  const parameter = schema.named(name.value);
  if (parameter) return parameter;
  const ref = grid.at(r, col);
  const guess = schema.closest(name.value);
  const hint = guess ? ` Did you mean "${guess}"?` : " The parameters are listed in the README.";
  log.error(ref, `${ref} ${quote(name.value)} is not a Policy parameter, so its values would be lost.${hint}`);
  return null;
}

/** A family's policy: its own cell, else the Value cell, else the default. Invalid cells taint it. */
export function resolvePolicy(rows: readonly PolicyRow[], family: string | null): { policy: FamilyPolicy; valid: boolean } {
  const policy: FamilyPolicy = { ...POLICY_DEFAULTS };
  let valid = true;
  for (const row of rows) {
    const own = family === null ? undefined : row.byFamily.get(family);
    const chosen = own && own.kind !== "blank" ? own : row.value;
    if (chosen.kind === "bad") valid = false;
    if (chosen.kind === "ok") applySetting(policy, chosen.value);
  }
  return { policy, valid };
}

// ---------------------------------------------------------------------------------------------
// The whole table

export interface PolicyTable {
  columns: PolicyColumns;
  familyColumns: FamilyColumn[];
  rows: PolicyRow[];
}

/**
 * The Policy table read whole, from columns found by the caller (`policyColumns`, or the parser's
 * reading that says why a header is missing): family columns when `families` is given, then the rows.
 */
export function readPolicyTable(
  grid: TableGrid,
  columns: PolicyColumns,
  families: readonly string[] | null,
  log: MessageLog,
  schema: PolicySchema = POLICY_SCHEMA,
): PolicyTable {
  const familyColumns = families ? readFamilyColumns(grid, columns, families, log) : [];
  return { columns, familyColumns, rows: readPolicyRows(grid, columns, familyColumns, log, schema) };
}

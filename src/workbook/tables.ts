// Finds the template tables (Forecast, Products, Capacity, Policy, Plan) among the blocks a host reads.
import type { PlanMessage } from "../engine";
import { normalizeName, TABLE_KEYS, TEMPLATE_TABLE_INFO, TEMPLATE_TABLE_NAMES, type TemplateTableName } from "../template/schema";
import { isBlankCell } from "../template/cellReading";
import { quote } from "../template/cellMessages";
import { cellRef } from "./names";
import type { RawCell, RawTable } from "./raw";


export type TemplateTables = Partial<Record<TemplateTableName, RawTable>>;

/** True when the cell holds anything at all, including an error value or a date. */
function hasContent(cell: RawCell | undefined): boolean {
  return !isBlankCell(cell);
}

/**
 * Cuts the empty rows and columns around a block (a used range or a selected range) so its
 * first row is the first non-empty row. `top` and `left` move with the cut, so cell addresses
 * stay right. Rows come back padded to the same width. An empty block keeps its position and
 * has no rows.
 */
export function trimBlock(block: RawTable): RawTable {
  const rows = block.values;
  const filledRows = rows.flatMap((row, r) => (row.some(hasContent) ? [r] : []));
  if (filledRows.length === 0) return { ...block, values: [] };
  const firstRow = filledRows[0];
  const lastRow = filledRows[filledRows.length - 1];
  let firstCol = Number.POSITIVE_INFINITY;
  let lastCol = -1;
  for (let r = firstRow; r <= lastRow; r++) {
    rows[r].forEach((cell, c) => {
      if (!hasContent(cell)) return;
      firstCol = Math.min(firstCol, c);
      lastCol = Math.max(lastCol, c);
    });
  }
  const values = rows
    .slice(firstRow, lastRow + 1)
    .map((row) => Array.from({ length: lastCol - firstCol + 1 }, (_, i) => row[firstCol + i] ?? null));
  return { ...block, top: block.top + firstRow, left: block.left + firstCol, values };
}

/**
 * Picks each template table from the host's blocks: an Excel table of that name, else the only
 * Excel table on a worksheet of that name (a table left as `Table1`), else the used range of a
 * worksheet of that name, trimmed so its first non-empty row is the header.
 * Names match as `normalizeName` says. Reports a missing Forecast or Policy.
 */
export function findTemplateTables(blocks: RawTable[]): { tables: TemplateTables; messages: PlanMessage[] } {
  const tables: TemplateTables = {};
  const messages: PlanMessage[] = [];
  for (const name of TEMPLATE_TABLE_NAMES) {
    const found = findOne(blocks, name);
    if (found.block) tables[name] = found.block;
    messages.push(...found.messages);
  }
  messages.push(...missingTableMessages(tables));
  return { tables, messages };
}

/** The errors for required tables that are absent, with how to add them. */
export function missingTableMessages(tables: TemplateTables): PlanMessage[] {
  return TEMPLATE_TABLE_NAMES.filter((name) => TEMPLATE_TABLE_INFO[name].required && !tables[name]).map((name) => {
    const { title, header } = TEMPLATE_TABLE_INFO[name];
    return {
      severity: "error",
      message:
        `No ${title} table found. Add a worksheet named "${title}" whose first row is the header ` +
        `${header}, or an Excel table named "${title}".`,
    };
  });
}

function findOne(blocks: RawTable[], name: TemplateTableName): { block?: RawTable; messages: PlanMessage[] } {
  const title = TEMPLATE_TABLE_INFO[name].title;
  const named = blocks.filter((b) => b.isTable && normalizeName(b.name) === name);
  if (named.length > 0) return chooseFirst(title, "Excel tables", named);
  // A table made with Ctrl+T keeps a name like `Table1`; its sheet's name says what it is.
  const onSheet = blocks.filter((b) => b.isTable && normalizeName(b.sheet) === name && !isTemplateName(b.name));
  if (onSheet.length === 1) return { block: onSheet[0], messages: [] };
  const sheets = blocks.filter((b) => !b.isTable && normalizeName(b.sheet) === name).map((b) => belowTitle(trimBlock(b), name));
  const filled = sheets.filter((b) => b.block.values.length > 0);
  if (filled.length === 0) return { messages: [] };
  const chosen = chooseFirst(title, "worksheets", filled.map((b) => b.block));
  const skipped = filled.find((b) => b.block === chosen.block)?.note;
  return { block: chosen.block, messages: skipped ? [skipped, ...chosen.messages] : chosen.messages };
}

/** How many rows above a header a title may take (a title, a subtitle, a blank line, a note). */
const TITLE_ROWS = 5;

/**
 * A worksheet whose first rows are a title above the header (`Demand forecast 2027`, then a blank
 * row, then `Family | Product | …`): the block from the header row on, with a note saying the
 * rows above are left out. A sheet whose first row has the table's keys is as it was.
 */
function belowTitle(block: RawTable, name: TemplateTableName): { block: RawTable; note?: PlanMessage } {
  const keys = TABLE_KEYS[name].map(normalizeName);
  const hasKeys = (row: readonly RawCell[]) => keys.every((key) => row.some((cell) => typeof cell === "string" && normalizeName(cell) === key));
  if (block.values.length === 0 || hasKeys(block.values[0])) return { block };
  const headerRow = block.values.slice(1, TITLE_ROWS + 1).findIndex(hasKeys) + 1;
  if (headerRow <= 0) return { block };
  const header = trimBlock({ ...block, top: block.top + headerRow, values: block.values.slice(headerRow) });
  const titleCell = block.values[0].findIndex(hasContent);
  const at = cellRef(block, 0, titleCell);
  const text = block.values[0][titleCell];
  const what = typeof text === "string" ? ` ${quote(text)}` : "";
  const rows = headerRow === 1 ? `row ${block.top + 1} is` : `rows ${block.top + 1} to ${block.top + headerRow} are`;
  const message = `${at}${what} is above the ${TEMPLATE_TABLE_INFO[name].title} header row (${cellRef(header, 0, 0)}), so ${rows} read as a title and left out.`;
  return { block: header, note: { severity: "info", message, cell: at } };
}

function isTemplateName(name: string): boolean {
  return (TEMPLATE_TABLE_NAMES as readonly string[]).includes(normalizeName(name));
}

function chooseFirst(title: string, kind: string, matches: RawTable[]): { block: RawTable; messages: PlanMessage[] } {
  const chosen = matches[0];
  const names = matches.map((b) => (b.isTable ? b.name : b.sheet));
  return { block: chosen, messages: matches.length > 1 ? [ambiguityWarning(title, kind, names, chosen)] : [] };
}

function ambiguityWarning(title: string, kind: string, names: string[], chosen: RawTable): PlanMessage {
  const cell = cellRef(chosen, 0, 0);
  const listed = names.map((n) => `"${n}"`).join(", ");
  return {
    severity: "warning",
    message: `Several ${kind} could be the ${title} table (${listed}); using "${names[0]}" at ${cell}. Rename the others.`,
    cell,
  };
}

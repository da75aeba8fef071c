// Reads an .xlsx file into raw blocks with ExcelJS: every Excel table and every worksheet's used range.
import ExcelJS from "exceljs";
import { serialOfUtcDate } from "../workbook/dates";
import type { RawCell, RawTable } from "../workbook/raw";

/** What ExcelJS keeps of a table at run time; its typings describe `getTables()` wrongly. */
interface ExcelJsTable {
  table?: { name?: string; tableRef?: string; ref?: string };
}

/**
 * ExcelJS turns a date cell into the JavaScript date whose UTC reading is the cell's date and
 * time, for 1900 and 1904 workbooks alike, so this gives the 1900-system serial either way.
 */
const excelSerial = serialOfUtcDate;

function richTextOf(value: ExcelJS.CellRichTextValue): string {
  return value.richText.map((run) => run.text).join("");
}

/** A value (or a formula's cached result) in the shape every reader hands over. */
function rawValue(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return { date: excelSerial(value) };
  if ("error" in value) return { error: value.error };
  if ("richText" in value) return richTextOf(value);
  if ("hyperlink" in value) {
    const label: unknown = value.text;
    // The label of a link may itself be rich text.
    if (typeof label === "object" && label !== null && "richText" in label) return richTextOf(label as ExcelJS.CellRichTextValue);
    return typeof label === "string" ? label : String(label ?? "");
  }
  if ("formula" in value || "sharedFormula" in value) {
    const result = value.result;
    return result === undefined ? null : rawValue(result);
  }
  return null;
}

function rawCell(cell: ExcelJS.Cell): RawCell {
  // The other cells of a merged area repeat the top-left value in ExcelJS; Excel reports them empty.
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  // `cell.value` of a formula drops a falsy result (0, false, ""): ask for the result itself.
  if (cell.type === ExcelJS.ValueType.Formula) {
    const result = cell.result as ExcelJS.CellValue;
    return result === undefined ? null : rawValue(result);
  }
  return rawValue(cell.value);
}

/** 1-based inclusive bounds of the cells holding a value. */
interface Bounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function usedBounds(worksheet: ExcelJS.Worksheet): Bounds | null {
  let bounds: Bounds | null = null;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (rawCell(cell) === null) return;
      if (!bounds) bounds = { top: rowNumber, left: column, bottom: rowNumber, right: column };
      else {
        bounds.top = Math.min(bounds.top, rowNumber);
        bounds.bottom = Math.max(bounds.bottom, rowNumber);
        bounds.left = Math.min(bounds.left, column);
        bounds.right = Math.max(bounds.right, column);
      }
    });
  });
  return bounds;
}

function readRange(worksheet: ExcelJS.Worksheet, bounds: Bounds): RawCell[][] {
  const values: RawCell[][] = [];
  for (let r = bounds.top; r <= bounds.bottom; r++) {
    const row = worksheet.getRow(r);
    const line: RawCell[] = [];
    for (let c = bounds.left; c <= bounds.right; c++) line.push(rawCell(row.getCell(c)));
    values.push(line);
  }
  return values;
}

/** Bounds of an A1 range such as `B3:H9` (or a single cell). */
function rangeBounds(ref: string): Bounds | null {
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!match) return null;
  const column = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const left = column(match[1]);
  const top = Number(match[2]);
  const right = match[3] ? column(match[3]) : left;
  const bottom = match[4] ? Number(match[4]) : top;
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

function tablesOf(worksheet: ExcelJS.Worksheet): { name: string; bounds: Bounds }[] {
  const found: { name: string; bounds: Bounds }[] = [];
  for (const entry of worksheet.getTables() as unknown as ExcelJsTable[]) {
    const model = entry?.table;
    const ref = model?.tableRef ?? model?.ref;
    const bounds = ref ? rangeBounds(ref) : null;
    if (model?.name && bounds) found.push({ name: model.name, bounds });
  }
  return found;
}

/**
 * Every block that may hold a template table: each Excel table (header row included, `isTable`)
 * and each worksheet's used range, cells as the file caches them (a formula gives its result).
 */
export async function readWorkbookBlocks(file: string | Buffer): Promise<RawTable[]> {
  const name = typeof file === "string" ? file : "the workbook";
  const workbook = new ExcelJS.Workbook();
  try {
    if (typeof file === "string") await workbook.xlsx.readFile(file);
    else await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (error) {
    throw new Error(`could not read ${name}: ${describe(error)}`, { cause: error });
  }

  const blocks: RawTable[] = [];
  try {
    for (const worksheet of workbook.worksheets) {
      for (const table of tablesOf(worksheet)) {
        blocks.push({
          name: table.name,
          sheet: worksheet.name,
          top: table.bounds.top - 1,
          left: table.bounds.left - 1,
          values: readRange(worksheet, table.bounds),
          isTable: true,
        });
      }
      const used = usedBounds(worksheet);
      if (used) {
        blocks.push({
          name: worksheet.name,
          sheet: worksheet.name,
          top: used.top - 1,
          left: used.left - 1,
          values: readRange(worksheet, used),
          isTable: false,
        });
      }
    }
  } catch (error) {
    throw new Error(`could not read ${name}: ${describe(error)}`, { cause: error });
  }
  return blocks;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    // ExcelJS hands a non-zip file to JSZip, whose message does not say what went wrong for a user.
    if (/end of central directory|zip file|Corrupted zip|is this a zip/i.test(error.message)) {
      return `not an .xlsx workbook (${error.message})`;
    }
    return error.message;
  }
  return String(error);
}

// Reads an .xlsx file into raw blocks with ExcelJS: every Excel table and every worksheet's used range.
import ExcelJS from "exceljs";
import { readFile } from "fs/promises";
import { serialOfUtcDate } from "../template/dates";
import type { CellArea, RawCell, RawTable } from "../workbook/raw";
import { LOCAL_HEADER } from "./zip";

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

/** The cells of a range, and the merged areas its cells belong to (0-based sheet coordinates). */
function readRange(worksheet: ExcelJS.Worksheet, bounds: Bounds): { values: RawCell[][]; merges?: CellArea[] } {
  const values: RawCell[][] = [];
  const merges = new Map<string, CellArea>();
  for (let r = bounds.top; r <= bounds.bottom; r++) {
    const row = worksheet.getRow(r);
    const line: RawCell[] = [];
    for (let c = bounds.left; c <= bounds.right; c++) {
      const cell = row.getCell(c);
      if (cell.type === ExcelJS.ValueType.Merge) addToMergedArea(merges, cell, r, c);
      line.push(rawCell(cell));
    }
    values.push(line);
  }
  return merges.size > 0 ? { values, merges: [...merges.values()] } : { values };
}

/** Grows the merged area of a cell's master (ExcelJS names it on every other cell of the area) to hold the cell. */
function addToMergedArea(merges: Map<string, CellArea>, cell: ExcelJS.Cell, row: number, col: number): void {
  const master = cell.master;
  const top = Number(master.row) - 1;
  const left = Number(master.col) - 1;
  const area = merges.get(master.address) ?? { top, left, bottom: top, right: left };
  area.bottom = Math.max(area.bottom, row - 1);
  area.right = Math.max(area.right, col - 1);
  merges.set(master.address, area);
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
  let bytes: Buffer;
  try {
    bytes = typeof file === "string" ? await readFile(file) : file;
  } catch (error) {
    throw new Error(`could not read ${name}: ${describe(error)}`, { cause: error });
  }
  const notWorkbook = notAnXlsxWorkbook(bytes);
  if (notWorkbook) throw new Error(`${name} ${notWorkbook}`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    // A zip ExcelJS cannot read as a workbook (a damaged file, another zip saved as .xlsx): JSZip's words say nothing to a planner.
    if (isZipError(error)) throw new Error(`${name} ${NOT_XLSX}`, { cause: error });
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
          ...readRange(worksheet, table.bounds),
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
          ...readRange(worksheet, used),
          isTable: false,
        });
      }
    }
  } catch (error) {
    throw new Error(`could not read ${name}: ${describe(error)}`, { cause: error });
  }
  return blocks;
}

const NOT_XLSX = "is not an .xlsx workbook: save it as .xlsx (in Excel: File > Save As > Excel Workbook) and run again.";

/**
 * Why a file is no .xlsx workbook, said before ExcelJS hands it to JSZip: an .xlsx is a zip
 * (`PK\x03\x04`); an Excel 97–2003 .xls is an OLE compound file; anything else is another kind
 * of file renamed. Null when it is a zip (ExcelJS says the rest).
 */
function notAnXlsxWorkbook(bytes: Buffer): string | null {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === LOCAL_HEADER) return null;
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return "is an Excel 97-2003 workbook (.xls) or another old Office file, not an .xlsx workbook: open it in Excel and save it as .xlsx (File > Save As > Excel Workbook), then run again.";
  }
  return bytes.length === 0 ? `is empty, so it ${NOT_XLSX}` : NOT_XLSX;
}

function isZipError(error: unknown): boolean {
  const message = typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
  return /end of central directory|zip file|Corrupted zip|is this a zip|invalid zip|unsupported compression/i.test(message);
}

/** A file system error's words for a planner (`no such file`), else the error's message. */
function describe(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a folder, not a file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}

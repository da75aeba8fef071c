// Writes a host-neutral workbook description to an .xlsx file with ExcelJS (command line and tests).
import ExcelJS from "exceljs";
import {
  cellAddress,
  type CellSpec,
  type CellStyle,
  type ConditionalFormatSpec,
  type SheetSpec,
  type TableSpec,
  type WorkbookSpec,
} from "../workbook/sheet";
import { STYLE_LOOKS } from "../workbook/styles";
import { addCharts } from "./charts";

type TableTheme = NonNullable<ExcelJS.TableStyleProperties["theme"]>;

interface StyleParts {
  font?: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  border?: Partial<ExcelJS.Borders>;
  alignment?: Partial<ExcelJS.Alignment>;
}

const solid = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });
const thin = (argb: string): Partial<ExcelJS.Border> => ({ style: "thin", color: { argb } });

/** A named style (src/workbook/styles.ts) as ExcelJS font, fill and border. */
function styleParts(style: CellStyle): StyleParts {
  const look = STYLE_LOOKS[style];
  const parts: StyleParts = {};
  if (look.bold !== undefined || look.italic !== undefined || look.fontSize !== undefined || look.fontColor !== undefined) {
    parts.font = {
      ...(look.bold !== undefined && { bold: look.bold }),
      ...(look.italic !== undefined && { italic: look.italic }),
      ...(look.fontSize !== undefined && { size: look.fontSize }),
      ...(look.fontColor !== undefined && { color: { argb: argb(look.fontColor) } }),
    };
  }
  if (look.fill) parts.fill = solid(argb(look.fill));
  if (look.borderTop || look.borderBottom) {
    parts.border = {
      ...(look.borderTop && { top: thin(argb(look.borderTop)) }),
      ...(look.borderBottom && { bottom: thin(argb(look.borderBottom)) }),
    };
  }
  return parts;
}

/** Excel stores no NaN or infinity; such a number is shown as the error Excel itself would give. */
const NOT_A_NUMBER: ExcelJS.CellErrorValue = { error: "#NUM!" };

function cellValue(cell: CellSpec): ExcelJS.CellValue {
  if (cell.formula !== undefined && cell.formula !== "") {
    const formula = cell.formula.startsWith("=") ? cell.formula.slice(1) : cell.formula;
    const cached = cell.cached;
    if (cached === null || cached === undefined) return { formula };
    if (typeof cached === "number" && !Number.isFinite(cached)) return { formula, result: NOT_A_NUMBER };
    return { formula, result: cached };
  }
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === "number" && !Number.isFinite(value)) return NOT_A_NUMBER;
  // A string is stored as a string: ExcelJS never parses `=…` text as a formula, and neither do we.
  return value;
}

function applyStyle(target: ExcelJS.Cell, cell: CellSpec): void {
  if (cell.style) {
    const parts = styleParts(cell.style);
    if (parts.font) target.font = parts.font;
    if (parts.fill) target.fill = parts.fill;
    if (parts.border) target.border = parts.border;
    if (parts.alignment) target.alignment = parts.alignment;
  }
  if (cell.format) target.numFmt = cell.format;
}

/** `#1F4E79`, `1F4E79` or `FF1F4E79` as ExcelJS's ARGB. */
function argb(color: string): string {
  const hex = color.replace(/^#/, "").toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex;
}

/** Header names an Excel table accepts: one line of text, not empty, unique without regard to case. */
function tableColumnNames(sheet: SheetSpec, table: TableSpec): string[] {
  const taken = new Set<string>();
  const names: string[] = [];
  for (let c = 0; c < table.columns; c++) {
    const header = sheet.cells[table.top]?.[table.left + c];
    const shown = header?.value ?? header?.cached ?? null;
    // Excel repairs a table whose header holds a line break or a tab; it shows them as spaces anyway.
    const flat = shown === null || shown === undefined ? "" : String(shown).replace(/\p{Cc}+/gu, " ");
    const base = flat.trim() || `Column${c + 1}`;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}${n}`;
    taken.add(name.toLowerCase());
    names.push(name);
  }
  return names;
}

function addTable(worksheet: ExcelJS.Worksheet, sheet: SheetSpec, table: TableSpec): void {
  if (table.columns < 1) throw new Error(`table ${table.name} on sheet ${sheet.name} has no columns`);
  // Excel repairs a table without a data row; give it one (empty) when the description has none.
  const dataRows = Math.max(1, table.rows - 1);
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = 0; r < dataRows; r++) {
    const line: ExcelJS.CellValue[] = [];
    for (let c = 0; c < table.columns; c++) {
      const cell = sheet.cells[table.top + 1 + r]?.[table.left + c];
      line.push(cell ? cellValue(cell) : null);
    }
    rows.push(line);
  }
  // addTable writes the header names and these same values into the cells; our styles stay on them.
  worksheet.addTable({
    name: table.name,
    displayName: table.name,
    ref: cellAddress(table.top, table.left),
    headerRow: true,
    totalsRow: false,
    style: { theme: table.style as TableTheme, showRowStripes: true },
    columns: tableColumnNames(sheet, table).map((name) => ({ name, filterButton: true })),
    rows,
  });
}

function writeSheet(workbook: ExcelJS.Workbook, sheet: SheetSpec): void {
  const worksheet = workbook.addWorksheet(sheet.name, {
    properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : {},
  });
  sheet.cells.forEach((line, r) =>
    line.forEach((cell, c) => {
      if (!cell) return;
      const target = worksheet.getCell(r + 1, c + 1);
      target.value = cellValue(cell);
      applyStyle(target, cell);
    }),
  );
  sheet.columnWidths?.forEach((width, c) => {
    worksheet.getColumn(c + 1).width = width;
  });
  for (const table of sheet.tables ?? []) addTable(worksheet, sheet, table);
  sheet.conditionalFormats?.forEach((rule, i) => addConditionalFormat(worksheet, rule, i + 1));
  const freeze = sheet.freeze;
  if (freeze && (freeze.rows > 0 || freeze.columns > 0)) {
    worksheet.views = [
      {
        state: "frozen",
        xSplit: freeze.columns,
        ySplit: freeze.rows,
        topLeftCell: cellAddress(freeze.rows, freeze.columns),
      },
    ];
  }
}

/** A cell-value rule; a differential format fills with `bgColor`, not the `fgColor` of a cell's own fill. */
function addConditionalFormat(worksheet: ExcelJS.Worksheet, rule: ConditionalFormatSpec, priority: number): void {
  const look = STYLE_LOOKS[rule.style];
  const ref = `${cellAddress(rule.top, rule.left)}:${cellAddress(rule.top + rule.rows - 1, rule.left + rule.columns - 1)}`;
  worksheet.addConditionalFormatting({
    ref,
    rules: [
      {
        type: "cellIs",
        operator: rule.operator,
        formulae: [rule.value],
        priority,
        style: {
          ...(look.fontColor && { font: { color: { argb: argb(look.fontColor) } } }),
          ...(look.fill && { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(look.fill) } } }),
        },
      },
    ],
  });
}

/** The .xlsx bytes of a workbook description: values, formulas with cached results, formats, tables, charts. */
export async function writeWorkbook(spec: WorkbookSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "S&OP planner";
  for (const sheet of spec.sheets) writeSheet(workbook, sheet);
  const bytes = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  // ExcelJS writes no charts; they are added to its package afterwards.
  return spec.sheets.some((sheet) => (sheet.charts?.length ?? 0) > 0) ? addCharts(bytes, spec) : bytes;
}

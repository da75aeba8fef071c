// One sheet description as a worksheet part (`xl/worksheets/sheetN.xml`), written row by row: one string per cell, no per-cell objects.
import { cellAddress, columnLetter, quoteSheetName, type CellSpec, type ConditionalFormatSpec, type PageSetupSpec, type SheetSpec, type TableSpec } from "../workbook/sheet";
import type { PartWriter } from "./package";
import { argb, type StyleSheet } from "./styleSheet";
import { escapeXml, NS, XML_DECLARATION } from "./xml";

/** Marks a copied `<si>` kept as XML among the texts (a character XML cannot hold, so no cell text has it). */
const RAW_ITEM = "\u0001<si>";

/** XML text content as text: the five entities and character references. */
export function unescapeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
    if (entity[0] === "#") return String.fromCodePoint(entity[1] === "x" ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[entity];
  });
}

/** The workbook's shared strings: each distinct text stored once, cells refer to it by index. */
export class SharedStrings {
  private readonly indices = new Map<string, number>();
  /** Cells that refer to a shared string (the `count` Excel writes). */
  references = 0;

  index(text: string): number {
    this.references++;
    let index = this.indices.get(text);
    if (index === undefined) {
      index = this.indices.size;
      this.indices.set(text, index);
    }
    return index;
  }

  /**
   * The index of a string item copied from another workbook (`<si>…</si>`): plain text is shared
   * with the same text of this workbook; rich text (runs with their fonts) is kept as it is.
   */
  indexItem(item: string): number {
    const plain = /^<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>$/.exec(item) ?? /^<si><t(?: xml:space="preserve")?\/><\/si>$/.exec(item);
    if (plain) return this.index(unescapeXml(plain[1] ?? ""));
    return this.index(RAW_ITEM + item);
  }

  get size(): number {
    return this.indices.size;
  }

  /** The `<si>` elements in index order (a Map keeps insertion order). */
  *items(): Generator<string> {
    for (const text of this.indices.keys()) {
      if (text.startsWith(RAW_ITEM)) {
        yield text.slice(RAW_ITEM.length);
        continue;
      }
      // Leading or trailing spaces and line breaks survive only when marked to be kept.
      const preserve = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
      yield `<si><t${preserve}>${escapeXml(text)}</t></si>`;
    }
  }
}

/** Excel stores no NaN or infinity; such a number is shown as the error Excel itself would give. */
const NOT_A_NUMBER = '<v>#NUM!</v>';

/** A cell's `<c>` element, or "" for an empty cell with no format. */
function cellXml(ref: string, cell: CellSpec, s: number, strings: SharedStrings): string {
  const styled = s === 0 ? "" : ` s="${s}"`;
  const formula = cell.formula;
  if (formula !== undefined && formula !== "") {
    const f = `<f>${escapeXml(formula.charCodeAt(0) === 61 /* = */ ? formula.slice(1) : formula)}</f>`;
    const cached = cell.cached;
    if (cached === null || cached === undefined) return `<c r="${ref}"${styled}>${f}</c>`;
    if (typeof cached === "number") {
      return Number.isFinite(cached) ? `<c r="${ref}"${styled}>${f}<v>${cached}</v></c>` : `<c r="${ref}"${styled} t="e">${f}${NOT_A_NUMBER}</c>`;
    }
    if (typeof cached === "boolean") return `<c r="${ref}"${styled} t="b">${f}<v>${cached ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${styled} t="str">${f}<v>${escapeXml(cached)}</v></c>`;
  }
  const value = cell.value;
  if (value === null || value === undefined) return s === 0 ? "" : `<c r="${ref}"${styled}/>`;
  if (typeof value === "number") {
    return Number.isFinite(value) ? `<c r="${ref}"${styled}><v>${value}</v></c>` : `<c r="${ref}"${styled} t="e">${NOT_A_NUMBER}</c>`;
  }
  if (typeof value === "boolean") return `<c r="${ref}"${styled} t="b"><v>${value ? 1 : 0}</v></c>`;
  // Text is stored as text: never parsed as a formula, whatever it starts with.
  return `<c r="${ref}"${styled} t="s"><v>${strings.index(value)}</v></c>`;
}

/** Header names an Excel table accepts: one line of text, not empty, unique without regard to case. */
export function tableColumnNames(sheet: SheetSpec, table: TableSpec): string[] {
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

/** The rectangle a table covers: Excel repairs a table without a data row, so it always has one (empty if need be). */
export function tableRange(table: TableSpec): string {
  const rows = Math.max(2, table.rows);
  return `${cellAddress(table.top, table.left)}:${cellAddress(table.top + rows - 1, table.left + table.columns - 1)}`;
}

/** The table part: its range, its column names (the same text as its header cells) and its style. */
export function tableXml(table: TableSpec, id: number, columnNames: readonly string[]): string {
  const ref = tableRange(table);
  const name = escapeXml(table.name);
  const columns = columnNames.map((column, i) => `<tableColumn id="${i + 1}" name="${escapeXml(column)}"/>`).join("");
  return (
    XML_DECLARATION +
    `<table xmlns="${NS.main}" id="${id}" name="${name}" displayName="${name}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${columnNames.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${escapeXml(table.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** `<cols>`: runs of equal widths as one element each, as Excel writes them. */
function columnsXml(widths: readonly (number | undefined)[] | undefined): string {
  if (!widths || widths.length === 0) return "";
  const runs: string[] = [];
  for (let c = 0; c < widths.length; ) {
    const width = widths[c];
    let end = c;
    while (end + 1 < widths.length && widths[end + 1] === width) end++;
    if (width !== undefined && width !== null && Number.isFinite(width) && width > 0) {
      runs.push(`<col min="${c + 1}" max="${end + 1}" width="${width}" customWidth="1"/>`);
    }
    c = end + 1;
  }
  return runs.length > 0 ? `<cols>${runs.join("")}</cols>` : "";
}

function sheetViewXml(freeze: SheetSpec["freeze"]): string {
  if (!freeze || (freeze.rows <= 0 && freeze.columns <= 0)) return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const pane = freeze.rows > 0 && freeze.columns > 0 ? "bottomRight" : freeze.rows > 0 ? "bottomLeft" : "topRight";
  const split = (freeze.columns > 0 ? ` xSplit="${freeze.columns}"` : "") + (freeze.rows > 0 ? ` ySplit="${freeze.rows}"` : "");
  return (
    `<sheetViews><sheetView workbookViewId="0"><pane${split} topLeftCell="${cellAddress(Math.max(0, freeze.rows), Math.max(0, freeze.columns))}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}"/></sheetView></sheetViews>`
  );
}

function conditionalFormatXml(rule: ConditionalFormatSpec, priority: number, styles: StyleSheet): string {
  if (!Number.isFinite(rule.value)) throw new Error(`a conditional format compares with ${rule.value}, which is not a number`);
  const ref = `${cellAddress(rule.top, rule.left)}:${cellAddress(rule.top + rule.rows - 1, rule.left + rule.columns - 1)}`;
  return (
    `<conditionalFormatting sqref="${ref}"><cfRule type="cellIs" dxfId="${styles.differentialFormat(rule.style)}" priority="${priority}" operator="${rule.operator}">` +
    `<formula>${rule.value}</formula></cfRule></conditionalFormatting>`
  );
}

/** `<sheetPr>`: the tab colour, and fit-to-page scaling when the page setup asks for it. */
function sheetPropertiesXml(sheet: SheetSpec): string {
  const tab = sheet.tabColor ? `<tabColor rgb="${argb(sheet.tabColor)}"/>` : "";
  const fit = sheet.pageSetup ? '<pageSetUpPr fitToPage="1"/>' : "";
  return tab || fit ? `<sheetPr>${tab}${fit}</sheetPr>` : "";
}

/** `<pageSetup>` and `<rowBreaks>` (print area and repeated rows are defined names of the workbook). */
function pageSetupXml(setup: PageSetupSpec | undefined): string {
  if (!setup) return '<pageSetup orientation="portrait"/>';
  const page = `<pageSetup orientation="${setup.orientation}" fitToWidth="${setup.fitToPagesWide}" fitToHeight="${setup.fitToPagesTall}"/>`;
  const breaks = [...new Set(setup.rowBreaks ?? [])].filter((r) => r > 0).sort((a, b) => a - b);
  // A break's id is the row above it (1-based), so a page starting at 0-based row r is id r.
  const rowBreaks =
    breaks.length > 0
      ? `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("")}</rowBreaks>`
      : "";
  return page + rowBreaks;
}

/** The workbook's defined names of a sheet's print area and repeated rows (`_xlnm.Print_Area`, `_xlnm.Print_Titles`). */
export function printNamesXml(sheet: SheetSpec, sheetIndex: number): string {
  const setup = sheet.pageSetup;
  if (!setup) return "";
  const quoted = quoteSheetName(sheet.name);
  let names = "";
  if (setup.printArea && setup.printArea.rows > 0 && setup.printArea.columns > 0) {
    const a = setup.printArea;
    const area = `${quoted}!${cellAddress(a.top, a.left, true)}:${cellAddress(a.top + a.rows - 1, a.left + a.columns - 1, true)}`;
    names += `<definedName name="_xlnm.Print_Area" localSheetId="${sheetIndex}">${escapeXml(area)}</definedName>`;
  }
  if (setup.repeatRows) {
    const rows = `${quoted}!$${setup.repeatRows.first + 1}:$${setup.repeatRows.last + 1}`;
    names += `<definedName name="_xlnm.Print_Titles" localSheetId="${sheetIndex}">${escapeXml(rows)}</definedName>`;
  }
  return names;
}

export interface WorksheetParts {
  styles: StyleSheet;
  strings: SharedStrings;
  /** Relationship ids of the sheet's tables, in `sheet.tables` order, and of its drawing (when it has charts). */
  tableRelationshipIds: readonly string[];
  /** The column names of each table, in `sheet.tables` order: written as its header cells. */
  tableColumnNames: readonly (readonly string[])[];
  drawingRelationshipId: string | null;
}

/** Writes the worksheet part of `sheet`, handing text to `out` row by row. */
export async function writeWorksheet(sheet: SheetSpec, parts: WorksheetParts, out: PartWriter): Promise<void> {
  const { styles, strings } = parts;
  const tables = sheet.tables ?? [];
  // A table's header row holds its column names, whatever the description has in those cells.
  const headerNames = new Map<number, Map<number, string>>();
  tables.forEach((table, t) => {
    const row = headerNames.get(table.top) ?? new Map<number, string>();
    parts.tableColumnNames[t].forEach((name, c) => row.set(table.left + c, name));
    headerNames.set(table.top, row);
  });

  const cells = sheet.cells;
  let lastRow = cells.length - 1;
  let lastColumn = 0;
  for (const line of cells) if (line.length - 1 > lastColumn) lastColumn = line.length - 1;
  for (const table of tables) {
    lastRow = Math.max(lastRow, table.top + Math.max(2, table.rows) - 1);
    lastColumn = Math.max(lastColumn, table.left + table.columns - 1);
  }
  const letters: string[] = [];
  for (let c = 0; c <= lastColumn; c++) letters.push(columnLetter(c));

  out.add(
    XML_DECLARATION +
      `<worksheet xmlns="${NS.main}" xmlns:r="${NS.relationships}">` +
      sheetPropertiesXml(sheet) +
      `<dimension ref="${lastRow < 0 ? "A1" : `A1:${letters[lastColumn]}${lastRow + 1}`}"/>` +
      sheetViewXml(sheet.freeze) +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      columnsXml(sheet.columnWidths) +
      "<sheetData>",
  );
  for (let r = 0; r <= lastRow; r++) {
    const line = cells[r];
    const header = headerNames.get(r);
    const rowNumber = r + 1;
    let row = "";
    const width = Math.max(line?.length ?? 0, header ? Math.max(...header.keys()) + 1 : 0);
    for (let c = 0; c < width; c++) {
      const cell = line?.[c];
      const name = header?.get(c);
      if (name !== undefined) {
        const s = cell ? styles.cellFormat(cell.style, cell.format) : 0;
        row += `<c r="${letters[c]}${rowNumber}"${s === 0 ? "" : ` s="${s}"`} t="s"><v>${strings.index(name)}</v></c>`;
      } else if (cell) {
        row += cellXml(letters[c] + rowNumber, cell, styles.cellFormat(cell.style, cell.format), strings);
      }
    }
    if (row !== "") out.add(`<row r="${rowNumber}">${row}</row>`);
    if (out.full) await out.flush();
  }
  out.add("</sheetData>");
  (sheet.conditionalFormats ?? []).forEach((rule, i) => out.add(conditionalFormatXml(rule, i + 1, styles)));
  out.add(
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      pageSetupXml(sheet.pageSetup) +
      (parts.drawingRelationshipId ? `<drawing r:id="${parts.drawingRelationshipId}"/>` : "") +
      (tables.length > 0
        ? `<tableParts count="${tables.length}">${parts.tableRelationshipIds.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>`
        : "") +
      "</worksheet>",
  );
  await out.end();
}

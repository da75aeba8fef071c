// The user's own sheets carried from the input package into the output as the file has them: the worksheet part itself, its styles, strings and tables re-indexed into the output's.
import type { CellArea } from "../workbook/raw";
import type { SheetSpec } from "../workbook/sheet";
import { cellAddress } from "../workbook/sheet";
import type { Relationship } from "./package";
import { relationshipsPath } from "./package";
import { ZipReader } from "./unzip";
import { unescapeXml } from "./worksheet";

/** Something a copy could not carry over, said to the user (the CLI prints it as a message). */
export interface CarryMessage {
  severity: "info" | "warning";
  message: string;
  cell?: string;
}

export interface SourceSheet {
  name: string;
  /** The worksheet part, e.g. `xl/worksheets/sheet3.xml`; null for a chart sheet, dialog or macro sheet (not carried). */
  part: string | null;
  /** What the sheet is when it is not a worksheet (`chartsheet` …). */
  kind: string;
  state?: "hidden" | "veryHidden";
}

/** A defined name of the input workbook: its attributes (without `localSheetId`), its formula, and the sheet it is local to. */
export interface SourceName {
  name: string;
  attributes: string;
  formula: string;
  /** Index into `SourcePackage.sheets`; absent for a workbook-wide name. */
  localSheet?: number;
}

interface SourceStyles {
  numberFormats: Map<number, string>;
  fonts: string[];
  fills: string[];
  borders: string[];
  cellFormats: string[];
  differentials: string[];
}

const MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/** An element name of SpreadsheetML with any prefix: some libraries write `<x:c>` where Excel writes `<c>`. */
const P = "(?:[\\w.-]+:)?";

/**
 * The prefix a part gives SpreadsheetML's namespace (`x:`), "" when it is the part's default one:
 * what `elements` strips from the items it copies, so they fit the output's unprefixed parts.
 */
function mainPrefix(xml: string): string {
  if (xml.includes(`xmlns="${MAIN_NAMESPACE}"`)) return "";
  return new RegExp(`xmlns:([\\w.-]+)="${MAIN_NAMESPACE}"`).exec(xml)?.[1] ?? "";
}

/** The `tag` elements of `xml`, their SpreadsheetML prefix (`prefix`) taken off the element names. */
function elements(xml: string | undefined, tag: string, prefix = ""): string[] {
  if (xml === undefined) return [];
  const found = xml.match(new RegExp(`<${P}${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${P}${tag}>)`, "g")) ?? [];
  if (prefix === "") return found;
  const strip = new RegExp(`<(/?)${prefix.replace(/[.-]/g, "\\$&")}:`, "g");
  return found.map((item) => item.replace(strip, "<$1"));
}
/**
 * A part whose SpreadsheetML elements are prefixed (`<x:worksheet xmlns:x=…>`) written as Excel
 * writes it, SpreadsheetML the default namespace: ExcelJS, and so the planner's own reader, reads
 * only that form, and next month's run reads this output.
 */
function unprefixed(xml: string): string {
  const prefix = mainPrefix(xml);
  if (prefix === "") return xml;
  const escaped = prefix.replace(/[.-]/g, "\\$&");
  return xml
    .replace(new RegExp(`<(/?)${escaped}:`, "g"), "<$1")
    .replace(/^(\s*(?:<\?[^>]*\?>\s*)?<[\w]+)/, `$1 xmlns="${MAIN_NAMESPACE}"`);
}

const section = (xml: string, tag: string): string | undefined => new RegExp(`<${P}${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${P}${tag}>)`).exec(xml)?.[1];

/** The attributes of a start tag, by name (prefixes kept: `r:id`). */
export function attributesOf(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) found.set(m[1], unescapeXml(m[2] ?? m[3] ?? ""));
  return found;
}

const relationshipId = (attributes: Map<string, string>): string | undefined =>
  [...attributes].find(([name]) => name.endsWith(":id") && name !== "xml:id")?.[1];

/** `xl/worksheets/sheet1.xml` + `../tables/table1.xml` → `xl/tables/table1.xml`; an absolute target from the package root. */
function resolvePart(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== "." && piece !== "") parts.push(piece);
  }
  return parts.join("/");
}

interface SourceRelationship extends Relationship {
  external: boolean;
}

/** An input workbook's package, read part by part as sheets are carried. */
export class SourcePackage {
  readonly sheets: SourceSheet[] = [];
  readonly names: SourceName[] = [];
  private readonly zip: ZipReader;
  private styleCache?: SourceStyles;
  private stringCache?: string[];
  private readonly workbookPart: string;

  constructor(bytes: Buffer) {
    this.zip = new ZipReader(bytes);
    const root = this.relationships("");
    this.workbookPart = root.find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
    const workbook = this.zip.text(this.workbookPart) ?? "";
    const relationships = new Map(this.relationships(this.workbookPart).map((r) => [r.id, r]));
    for (const tag of elements(section(workbook, "sheets"), "sheet", mainPrefix(workbook))) {
      const attributes = attributesOf(tag.slice(0, tag.indexOf(">") + 1));
      const relationship = relationships.get(relationshipId(attributes) ?? "");
      const kind = relationship?.type.split("/").pop() ?? "sheet";
      const state = attributes.get("state");
      this.sheets.push({
        name: attributes.get("name") ?? "",
        part: kind === "worksheet" && relationship ? relationship.target : null,
        kind,
        ...((state === "hidden" || state === "veryHidden") && { state }),
      });
    }
    for (const tag of elements(section(workbook, "definedNames"), "definedName", mainPrefix(workbook))) {
      const open = tag.slice(0, tag.indexOf(">") + 1);
      const attributes = attributesOf(open);
      const local = attributes.get("localSheetId");
      const formula = tag.endsWith("/>") ? "" : tag.slice(open.length, tag.lastIndexOf("</"));
      this.names.push({
        name: attributes.get("name") ?? "",
        attributes: open.replace(/^<[\w:.-]+/, "").replace(/\/?>$/, "").replace(/\s+localSheetId="[^"]*"/, ""),
        formula,
        ...(local !== undefined && { localSheet: Number(local) }),
      });
    }
  }

  /** The relationships of a part ("" for the package's own), targets resolved to part names. */
  relationships(part: string): SourceRelationship[] {
    const xml = this.zip.text(part === "" ? "_rels/.rels" : relationshipsPath(part));
    if (xml === null) return [];
    return elements(xml, "Relationship").map((tag) => {
      const a = attributesOf(tag);
      const external = a.get("TargetMode") === "External";
      const target = a.get("Target") ?? "";
      return { id: a.get("Id") ?? "", type: a.get("Type") ?? "", target: external ? target : resolvePart(part === "" ? "" : part, target), external };
    });
  }

  text(part: string): string | null {
    return this.zip.text(part);
  }

  get styles(): SourceStyles {
    if (!this.styleCache) {
      const part = this.relationships(this.workbookPart).find((r) => r.type.endsWith("/styles"))?.target;
      const xml = (part && this.zip.text(part)) || "";
      const prefix = mainPrefix(xml);
      this.styleCache = {
        numberFormats: new Map(
          elements(section(xml, "numFmts"), "numFmt").map((tag) => {
            const a = attributesOf(tag);
            return [Number(a.get("numFmtId")), a.get("formatCode") ?? "General"] as [number, string];
          }),
        ),
        fonts: elements(section(xml, "fonts"), "font", prefix),
        fills: elements(section(xml, "fills"), "fill", prefix),
        borders: elements(section(xml, "borders"), "border", prefix),
        cellFormats: elements(section(xml, "cellXfs"), "xf", prefix),
        differentials: elements(section(xml, "dxfs"), "dxf", prefix),
      };
    }
    return this.styleCache;
  }

  get strings(): string[] {
    if (!this.stringCache) {
      const part = this.relationships(this.workbookPart).find((r) => r.type.endsWith("/sharedStrings"))?.target;
      const xml = (part && this.zip.text(part)) || "";
      // `<si>` items without the namespace noise Excel sometimes puts on `<t>`: the text is what counts.
      this.stringCache = elements(xml, "si", mainPrefix(xml));
    }
    return this.stringCache;
  }

  /** The cells of a sheet that hold something (a value, a formula or inline text), 0-based. */
  filledCells(name: string): { row: number; column: number }[] {
    const sheet = this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    const xml = sheet?.part ? this.zip.text(sheet.part) : null;
    if (!xml) return [];
    const found: { row: number; column: number }[] = [];
    for (const m of xml.matchAll(new RegExp(`<${P}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}c>)`, "g"))) {
      const content = m[2] ?? "";
      if (!new RegExp(`<${P}(v|f|is)\\b`).test(content)) continue;
      const ref = attributesOf(m[1]).get("r");
      const at = ref ? parseCellRef(ref) : null;
      if (at) found.push(at);
    }
    return found;
  }
}

function parseCellRef(ref: string): { row: number; column: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref);
  if (!m) return null;
  const column = [...m[1].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(m[2]) - 1, column };
}

/** What the output does with a copied sheet's styles, strings and tables: the writer's own indices. */
export interface CopyHooks {
  cellFormat(sourceIndex: number): number;
  sharedString(sourceIndex: number): number;
  differential(sourceIndex: number): number;
  /** Claims a table name for the copy; false when the output already has a table (or name) so called. */
  claimTableName(name: string): boolean;
  nextTableId(): number;
  /** Whether the output has (or will have) a sheet of this name. */
  sheetExists(name: string): boolean;
}

export interface CopiedSheet {
  xml: string;
  relationships: (Relationship & { external?: boolean })[];
  /** Table parts to write: the output part name and its XML. */
  tables: { part: string; xml: string }[];
  messages: CarryMessage[];
}

/** What a dropped relationship held, in the user's words. */
const DROPPED_KIND: Record<string, string> = {
  drawing: "charts, pictures and shapes",
  vmlDrawing: "comments, notes or form controls",
  comments: "comments and notes",
  threadedComment: "threaded comments",
  printerSettings: "printer settings",
  pivotTable: "PivotTables",
  customProperty: "custom properties",
  control: "form controls",
  oleObject: "embedded objects",
  image: "a background picture",
  slicer: "slicers",
  timeline: "timelines",
  queryTable: "a query table",
};

/**
 * A worksheet part of the input, ready for the output: cell, row and column styles and shared
 * strings re-indexed, conditional formats' differential formats re-indexed, tables renumbered
 * (one whose name the output already uses becomes plain cells), external hyperlinks kept; what
 * lives in other parts (drawings, comments, PivotTables …) is left out and said.
 */
export function copySheet(source: SourcePackage, sheet: SourceSheet, nextTablePart: (id: number) => string, hooks: CopyHooks): CopiedSheet {
  const messages: CarryMessage[] = [];
  const part = sheet.part as string;
  let xml = unprefixed(source.text(part) ?? "");
  const quoted = /^[A-Za-z_][\w.]*$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;

  const externalFormulas: string[] = [];
  const missingSheetFormulas = new Map<string, string[]>();
  /** Shared formulas dropped, by `si`: the sheet they named ("" for another workbook). */
  const droppedShared = new Map<string, string>();
  xml = xml.replace(new RegExp(`<${P}sheetData\\b[^>]*?(?:/>|>[\\s\\S]*?</${P}sheetData>)`), (data) =>
    data
      .replace(new RegExp(`<${P}row\\b[^>]*>`, "g"), (tag) => tag.replace(/(\ss=")(\d+)"/, (_, a: string, s: string) => `${a}${hooks.cellFormat(Number(s))}"`))
      .replace(new RegExp(`<(${P}c)\\b([^>]*?)(/>|>([\\s\\S]*?)</${P}c>)`, "g"), (_whole, element: string, attrs: string, end: string, content: string | undefined) => {
        let a = attrs.replace(/(\ss=")(\d+)"/, (_m, p: string, s: string) => `${p}${hooks.cellFormat(Number(s))}"`);
        if (content === undefined) return `<${element}${a}${end}`;
        let c = content;
        if (/\st="s"/.test(a)) c = c.replace(new RegExp(`(<${P}v>)(\\d+)<`), (_m, v: string, i: string) => `${v}${hooks.sharedString(Number(i))}<`);
        // A formula into another workbook needs that workbook's link part, which is not carried; one
        // into a sheet the output does not have would not load: the cell keeps its value. The cells
        // that share a dropped formula (`<f t="shared" si=…/>`) keep theirs too.
        const f = new RegExp(`<${P}f\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}f>)`).exec(c);
        if (f) {
          const fa = attributesOf(f[1]);
          const shared = fa.get("t") === "shared" ? fa.get("si") : undefined;
          const text = unescapeXml(f[2] ?? "");
          const missing = sheetsNamedIn(text).find((name) => !hooks.sheetExists(name));
          const ref = attributesOf(a).get("r") ?? "?";
          let drop = false;
          if (f[2] === undefined && shared !== undefined && droppedShared.has(shared)) {
            drop = true;
            const named = droppedShared.get(shared) as string;
            (named === "" ? externalFormulas : (missingSheetFormulas.get(named) as string[])).push(ref);
          } else if (/\[\d+\]/.test(text)) {
            drop = true;
            externalFormulas.push(ref);
            if (shared !== undefined) droppedShared.set(shared, "");
          } else if (missing !== undefined) {
            drop = true;
            const cells = missingSheetFormulas.get(missing) ?? [];
            cells.push(ref);
            missingSheetFormulas.set(missing, cells);
            if (shared !== undefined) droppedShared.set(shared, missing);
          }
          if (drop) {
            c = c.replace(f[0], "");
            if (/\st="str"/.test(a) && !new RegExp(`<${P}v>`).test(c)) a = a.replace(/\st="str"/, "");
          }
        }
        return `<${element}${a}>${c}</${element}>`;
      }),
  );
  if (externalFormulas.length > 0) {
    messages.push({
      severity: "warning",
      message: `Sheet '${sheet.name}': ${listCells(externalFormulas)} ${externalFormulas.length === 1 ? "refers" : "refer"} to another workbook; the output keeps their values, not the formulas.`,
      cell: `${quoted}!${externalFormulas[0]}`,
    });
  }
  for (const [missing, cells] of missingSheetFormulas) {
    messages.push({
      severity: "warning",
      message: `Sheet '${sheet.name}': ${listCells(cells)} ${cells.length === 1 ? "refers" : "refer"} to sheet '${missing}', which the output does not have; the output keeps their values, not the formulas.`,
      cell: `${quoted}!${cells[0]}`,
    });
  }
  xml = xml.replace(new RegExp(`<${P}col\\b[^>]*>`, "g"), (tag) => tag.replace(/(\sstyle=")(\d+)"/, (_, a: string, s: string) => `${a}${hooks.cellFormat(Number(s))}"`));
  xml = xml.replace(new RegExp(`(<${P}cfRule\\b[^>]*?\\sdxfId=")(\\d+)"`, "g"), (_, a: string, d: string) => `${a}${hooks.differential(Number(d))}"`);
  // One selected tab is the planner's first sheet; a second would group the sheets when the file opens.
  xml = xml.replace(/\s+tabSelected="(?:1|true)"/g, "");

  const relationships: CopiedSheet["relationships"] = [];
  const tables: CopiedSheet["tables"] = [];
  const dropped = new Set<string>();
  const droppedKinds = new Set<string>();
  for (const r of source.relationships(part)) {
    const kind = r.type.split("/").pop() ?? "";
    if (kind === "hyperlink" && r.external) {
      relationships.push({ id: r.id, type: r.type, target: r.target, external: true });
      continue;
    }
    if (kind === "table" && !r.external) {
      const text = source.text(r.target);
      const table = text === null ? null : unprefixed(text);
      const tableAttributes = table ? attributesOf(new RegExp(`<${P}table\\b[^>]*>`).exec(table)?.[0] ?? "") : new Map<string, string>();
      // Formulas know a table by its display name; the two are the same in what Excel writes.
      const name = tableAttributes.get("displayName") ?? tableAttributes.get("name") ?? "";
      if (table && source.relationships(r.target).length === 0 && name !== "" && hooks.claimTableName(name)) {
        const id = hooks.nextTableId();
        const target = nextTablePart(id);
        tables.push({ part: target, xml: table.replace(new RegExp(`(<${P}table\\b[^>]*?\\sid=")\\d+"`), `$1${id}"`) });
        relationships.push({ id: r.id, type: r.type, target: `../tables/${target.split("/").pop()}` });
      } else {
        dropped.add(r.id);
        messages.push({
          severity: "warning",
          message: `Sheet '${sheet.name}': table ${name || "?"} is kept as plain cells${name ? ": the output already has a table or name so called" : ""}.`,
        });
      }
      continue;
    }
    dropped.add(r.id);
    droppedKinds.add(DROPPED_KIND[kind] ?? kind);
  }
  for (const id of dropped) xml = withoutRelationship(xml, id);
  xml = xml.replace(new RegExp(`<(${P}tableParts)\\b[^>]*>([\\s\\S]*?)</${P}tableParts>`), (_, element: string, inner: string) => {
    const count = (inner.match(new RegExp(`<${P}tablePart\\b`, "g")) ?? []).length;
    return count === 0 ? "" : `<${element} count="${count}">${inner}</${element}>`;
  });
  for (const container of ["oleObjects", "controls", "customProperties", "picture"]) {
    xml = xml.replace(new RegExp(`<${P}${container}\\b[^>]*>\\s*</${P}${container}>`, "g"), "");
  }
  if (droppedKinds.size > 0) {
    messages.push({
      severity: "warning",
      message: `Sheet '${sheet.name}' was carried over without its ${[...droppedKinds].join(", ")} (the command line copies cells, formats, tables and links only).`,
    });
  }
  return { xml, relationships, tables, messages };
}

/** The sheet without the elements that point at a relationship it no longer has. */
function withoutRelationship(xml: string, id: string): string {
  const idAttribute = `\\s[\\w]+:id="${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`;
  return xml
    .replace(new RegExp(`<mc:AlternateContent\\b[\\s\\S]*?</mc:AlternateContent>`, "g"), (block) => (new RegExp(idAttribute).test(block) ? "" : block))
    .replace(new RegExp(`(<${P}pageSetup\\b[^>]*?)${idAttribute}`), "$1")
    .replace(new RegExp(`<([\\w:]+)\\b[^<>]*?${idAttribute}[^<>]*?/>`, "g"), "")
    .replace(new RegExp(`<([\\w:]+)\\b[^<>]*?${idAttribute}[^<>]*?>[\\s\\S]*?</\\1>`, "g"), "");
}

/** The sheets a formula names (`'SOP Summary'!B3`, `Forecast!A1:B2`); text in quotes aside. */
export function sheetsNamedIn(formula: string): string[] {
  const outsideStrings = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return [...outsideStrings.matchAll(/(?:'((?:[^']|'')+)'|([^\s'!(),:=+\-*/&^<>;{}"#[\]]+))!/g)].map((m) => (m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]));
}

/** Up to ten cells by address, then how many more. */
export function listCells(cells: readonly string[]): string {
  const shown = cells.slice(0, 10).join(", ");
  return cells.length > 10 ? `${shown} and ${cells.length - 10} more` : shown;
}

/**
 * What a reviewer added to an earlier plan sheet beyond its cells that the planner never writes
 * there (comments and notes), in the user's words; written whole again, the sheet loses them.
 */
export function reviewerAdditions(source: SourcePackage, sheetName: string): string[] {
  const sheet = source.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
  if (!sheet?.part) return [];
  const kinds = new Set<string>();
  for (const r of source.relationships(sheet.part)) {
    const kind = r.type.split("/").pop() ?? "";
    if (kind === "comments" || kind === "threadedComment") kinds.add("comments and notes");
    if (kind === "pivotTable") kinds.add("PivotTables");
  }
  return [...kinds];
}

/**
 * The area the planner wrote on an earlier plan sheet: its print area, which every plan sheet
 * has (the used range the planner wrote, a name Excel keeps when it saves); null without one.
 */
export function printAreaOf(source: SourcePackage, sheetName: string): CellArea | null {
  const index = source.sheets.findIndex((s) => s.name.toLowerCase() === sheetName.toLowerCase());
  const name = source.names.find((n) => n.localSheet === index && n.name.toLowerCase() === "_xlnm.print_area");
  if (index < 0 || !name) return null;
  let area: CellArea | null = null;
  for (const m of unescapeXml(name.formula).matchAll(/!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?/gi)) {
    const from = parseCellRef(`${m[1]}${m[2]}`);
    const to = parseCellRef(`${m[3] ?? m[1]}${m[4] ?? m[2]}`);
    if (!from || !to) continue;
    const next = { top: Math.min(from.row, to.row), left: Math.min(from.column, to.column), bottom: Math.max(from.row, to.row), right: Math.max(from.column, to.column) };
    area = area
      ? { top: Math.min(area.top, next.top), left: Math.min(area.left, next.left), bottom: Math.max(area.bottom, next.bottom), right: Math.max(area.right, next.right) }
      : next;
  }
  return area;
}

/**
 * A reviewer's own cells on an earlier plan sheet: those that hold something outside the area
 * the planner wrote there (its print area; without one, outside the cells and extent of the new
 * plan). The rerun, like the add-in, writes the plan sheet whole, so these are not carried over.
 * Cells inside the planner's area are the planner's, replaced by the new plan.
 */
export function cellsOutsidePlan(source: SourcePackage, sheet: SheetSpec): string[] {
  const planned = printAreaOf(source, sheet.name);
  const inside = (row: number, column: number, area: CellArea) => row >= area.top && row <= area.bottom && column >= area.left && column <= area.right;
  let outside: (row: number, column: number) => boolean;
  if (planned) outside = (row, column) => !inside(row, column, planned);
  else {
    const extent = { rows: sheet.cells.length, columns: Math.max(0, ...sheet.cells.map((line) => line.length)) };
    for (const t of sheet.tables ?? []) {
      extent.rows = Math.max(extent.rows, t.top + Math.max(2, t.rows));
      extent.columns = Math.max(extent.columns, t.left + t.columns);
    }
    outside = (row, column) => row >= extent.rows || column >= extent.columns;
  }
  return source
    .filledCells(sheet.name)
    .filter(({ row, column }) => outside(row, column))
    .sort((a, b) => a.row - b.row || a.column - b.column)
    .map(({ row, column }) => cellAddress(row, column));
}

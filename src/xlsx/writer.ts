// Writes host-neutral sheet descriptions to an .xlsx, streamed: each sheet goes out (cells, tables, charts) as it is added and is not kept, so memory follows one sheet, not the workbook.
import { once } from "events";
import { createWriteStream, promises as fs } from "fs";
import * as path from "path";
import { Writable } from "stream";
import { sheetNameProblem, type ChartSpec, type PageSetupSpec, type PlacedSheet, type SheetSpec, type WorkbookSpec } from "../workbook/sheet";
import { checkFormulaLimits } from "../workbook/formulaLimits";
import { copySheet, sheetsNamedIn, type CarryMessage, type SourcePackage, type SourceSheet } from "./carry";
import { CHART_RELATIONSHIP, CONTENT_TYPE, chartXml, checkChart, DRAWING_RELATIONSHIP, drawingXml } from "./charts";
import { PartWriter, relationshipsPath, relationshipsXml, type Relationship } from "./package";
import { StyleSheet } from "./styleSheet";
import { OFFICE_THEME_XML } from "./theme";
import { printNamesXml, SharedStrings, tableColumnNames, tableXml, unescapeXml, writeWorksheet } from "./worksheet";
import { escapeXml, NS, XML_DECLARATION } from "./xml";
import { ZipWriter } from "./zip";

const CREATOR = "S&OP planner";

const TYPE = {
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  sharedStrings: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
  theme: "application/vnd.openxmlformats-officedocument.theme+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  coreProperties: "application/vnd.openxmlformats-package.core-properties+xml",
  relationships: "application/vnd.openxmlformats-package.relationships+xml",
} as const;

const REL = {
  officeDocument: `${NS.relationships}/officeDocument`,
  coreProperties: `${NS.packageRelationships}/metadata/core-properties`,
  worksheet: `${NS.relationships}/worksheet`,
  styles: `${NS.relationships}/styles`,
  theme: `${NS.relationships}/theme`,
  sharedStrings: `${NS.relationships}/sharedStrings`,
  table: `${NS.relationships}/table`,
} as const;

/** Excel refuses or repairs a file whose sheet name breaks its rule (src/workbook/sheet.ts). */
function checkSheetName(name: string): void {
  const problem = sheetNameProblem(name);
  if (problem) throw new Error(problem);
}

/** A written sheet as the workbook part lists it. */
interface WrittenSheet {
  name: string;
  part: string;
  pageSetup?: PageSetupSpec;
  /** A sheet carried from the input: hidden as it was, and its own defined names (print area …). */
  state?: "hidden" | "veryHidden";
  localNames?: { attributes: string; formula: string }[];
}

/** What a writer keeps of an input package it copies sheets from: the output's indices of its styles and strings. */
interface SourceIndices {
  cellFormats: Map<number, number>;
  strings: Map<number, number>;
  differentials: Map<number, number>;
}

/**
 * An .xlsx written to a stream one sheet at a time. `addSheet` writes a sheet's cells, tables and
 * charts right away and keeps only its name; `finish` writes what needs every sheet (the
 * workbook part, shared strings, styles, content types). Styles are interned once for the whole
 * workbook; text is stored once as shared strings.
 */
export class XlsxWriter {
  private readonly zip: ZipWriter;
  private readonly styles = new StyleSheet();
  private readonly strings = new SharedStrings();
  private readonly sheets: WrittenSheet[] = [];
  private readonly sheetNames = new Set<string>();
  private readonly tableNames = new Set<string>();
  private readonly contentTypes: { part: string; type: string }[] = [];
  private tableCount = 0;
  private drawingCount = 0;
  private chartCount = 0;
  private busy = false;
  private readonly sources = new Map<SourcePackage, SourceIndices>();
  /** Workbook-wide defined names carried from the input, written when every sheet is known. */
  private readonly carriedNames: { name: string; attributes: string; formula: string }[] = [];

  constructor(output: Writable) {
    this.zip = new ZipWriter(output);
  }

  /**
   * Writes one sheet. It goes after the sheets added so far, or at position `at` among them
   * (0: first), as the workbook lists its sheets; parts are numbered in the order they are written.
   * Throws before writing anything of a sheet whose name, tables or charts Excel would refuse.
   */
  async addSheet(sheet: SheetSpec, at?: number): Promise<void> {
    if (this.busy) throw new Error("xlsx: one sheet at a time (await addSheet before adding the next)");
    this.busy = true;
    try {
      await this.writeSheet(sheet, at);
    } finally {
      this.busy = false;
    }
  }

  private async writeSheet(sheet: SheetSpec, at: number | undefined): Promise<void> {
    checkSheetName(sheet.name);
    checkFormulaLimits(sheet);
    if (this.sheetNames.has(sheet.name.toLowerCase())) throw new Error(`two sheets are named "${sheet.name}"`);
    const tables = sheet.tables ?? [];
    for (const table of tables) {
      if (table.columns < 1) throw new Error(`table ${table.name} on sheet ${sheet.name} has no columns`);
      if (this.tableNames.has(table.name.toLowerCase())) throw new Error(`two tables are named "${table.name}"`);
    }
    const charts = sheet.charts ?? [];
    const chartNames = new Set<string>();
    for (const chart of charts) {
      if (chartNames.has(chart.name)) throw new Error(`sheet "${sheet.name}" has two charts named "${chart.name}"`);
      chartNames.add(chart.name);
      checkChart(sheet, chart);
    }
    this.sheetNames.add(sheet.name.toLowerCase());
    for (const table of tables) this.tableNames.add(table.name.toLowerCase());

    const part = `xl/worksheets/sheet${this.sheets.length + 1}.xml`;
    const relationships: Relationship[] = [];
    const columnNames = tables.map((table) => tableColumnNames(sheet, table));
    const tableRelationshipIds: string[] = [];
    for (const [t, table] of tables.entries()) {
      const id = ++this.tableCount;
      const tablePart = `xl/tables/table${id}.xml`;
      await this.addPart(tablePart, tableXml(table, id, columnNames[t]));
      this.contentTypes.push({ part: tablePart, type: TYPE.table });
      const relationshipId = `rId${relationships.length + 1}`;
      relationships.push({ id: relationshipId, type: REL.table, target: `../tables/table${id}.xml` });
      tableRelationshipIds.push(relationshipId);
    }
    let drawingRelationshipId: string | null = null;
    if (charts.length > 0) {
      const drawing = ++this.drawingCount;
      const drawingPart = `xl/drawings/drawing${drawing}.xml`;
      const framed: { chart: ChartSpec; relationshipId: string; target: string }[] = [];
      for (const [i, chart] of charts.entries()) {
        const number = ++this.chartCount;
        const chartPart = `xl/charts/chart${number}.xml`;
        await this.addPart(chartPart, chartXml(sheet, chart));
        this.contentTypes.push({ part: chartPart, type: CONTENT_TYPE.chart });
        framed.push({ chart, relationshipId: `rId${i + 1}`, target: `../charts/chart${number}.xml` });
      }
      await this.addPart(drawingPart, drawingXml(framed));
      await this.addPart(
        relationshipsPath(drawingPart),
        relationshipsXml(framed.map((f) => ({ id: f.relationshipId, type: CHART_RELATIONSHIP, target: f.target }))),
      );
      this.contentTypes.push({ part: drawingPart, type: CONTENT_TYPE.drawing });
      drawingRelationshipId = `rId${relationships.length + 1}`;
      relationships.push({ id: drawingRelationshipId, type: DRAWING_RELATIONSHIP, target: `../drawings/drawing${drawing}.xml` });
    }
    if (relationships.length > 0) await this.addPart(relationshipsPath(part), relationshipsXml(relationships));

    await writeWorksheet(
      sheet,
      { styles: this.styles, strings: this.strings, tableRelationshipIds, tableColumnNames: columnNames, drawingRelationshipId },
      new PartWriter(this.zip.streamFile(part)),
    );
    this.contentTypes.push({ part, type: TYPE.worksheet });
    // Only what the workbook part needs is kept once the sheet is written: its name and page setup.
    const written: WrittenSheet = { name: sheet.name, part, ...(sheet.pageSetup && { pageSetup: sheet.pageSetup }) };
    if (at === undefined || at >= this.sheets.length) this.sheets.push(written);
    else this.sheets.splice(Math.max(0, at), 0, written);
  }

  /**
   * Copies a worksheet of an input package (`SourcePackage`) as the file has it: cells, formulas,
   * formats, column widths, merged cells, conditional formats, data validation, tables and links;
   * returns what it could not carry. It goes after the sheets written so far.
   */
  async copySheet(source: SourcePackage, sheet: SourceSheet, outputSheets?: ReadonlySet<string>): Promise<CarryMessage[]> {
    if (this.busy) throw new Error("xlsx: one sheet at a time (await copySheet before adding the next)");
    this.busy = true;
    try {
      return await this.writeCopy(source, sheet, outputSheets);
    } finally {
      this.busy = false;
    }
  }

  /** `outputSheets`: the names (lower case) of every sheet the output will have; by default those written so far and this one. */
  private async writeCopy(source: SourcePackage, sheet: SourceSheet, outputSheets?: ReadonlySet<string>): Promise<CarryMessage[]> {
    checkSheetName(sheet.name);
    if (this.sheetNames.has(sheet.name.toLowerCase())) throw new Error(`two sheets are named "${sheet.name}"`);
    let indices = this.sources.get(source);
    if (!indices) {
      indices = { cellFormats: new Map([[0, 0]]), strings: new Map(), differentials: new Map() };
      this.sources.set(source, indices);
    }
    const known = indices;
    const remember = (map: Map<number, number>, key: number, make: () => number) => {
      let value = map.get(key);
      if (value === undefined) {
        value = make();
        map.set(key, value);
      }
      return value;
    };
    const styles = source.styles;
    let copied: ReturnType<typeof copySheet>;
    // Nothing is written before the copy is made: a sheet that cannot be taken apart is left out, and said.
    try {
      copied = copySheet(source, sheet, (id) => `xl/tables/table${id}.xml`, {
        cellFormat: (s) =>
          remember(known.cellFormats, s, () => {
            const xf = styles.cellFormats[s];
            if (xf === undefined) return 0;
            const a = (name: string) => Number(new RegExp(`\\s${name}="(\\d+)"`).exec(xf)?.[1] ?? 0);
            const numFmtId = a("numFmtId");
            return this.styles.importedCellFormat(xf, {
              font: styles.fonts[a("fontId")],
              fill: styles.fills[a("fillId")],
              border: styles.borders[a("borderId")],
              ...(styles.numberFormats.has(numFmtId) && { numberFormat: styles.numberFormats.get(numFmtId) }),
            });
          }),
        sharedString: (i) => remember(known.strings, i, () => this.strings.indexItem(source.strings[i] ?? "<si><t></t></si>")),
        differential: (d) => remember(known.differentials, d, () => this.styles.importedDifferential(styles.differentials[d] ?? "<dxf/>")),
        claimTableName: (name) => {
          if (this.tableNames.has(name.toLowerCase())) return false;
          this.tableNames.add(name.toLowerCase());
          return true;
        },
        nextTableId: () => ++this.tableCount,
        sheetExists: (name) => (outputSheets ?? this.sheetNames).has(name.toLowerCase()) || name.toLowerCase() === sheet.name.toLowerCase(),
      });
    } catch (error) {
      return [{ severity: "warning", message: `Sheet '${sheet.name}' could not be copied (${error instanceof Error ? error.message : String(error)}) and was not carried over.` }];
    }
    this.sheetNames.add(sheet.name.toLowerCase());
    const part = `xl/worksheets/sheet${this.sheets.length + 1}.xml`;
    for (const table of copied.tables) {
      await this.addPart(table.part, table.xml);
      this.contentTypes.push({ part: table.part, type: TYPE.table });
    }
    if (copied.relationships.length > 0) await this.addPart(relationshipsPath(part), relationshipsXml(copied.relationships));
    await this.zip.addFile(part, Buffer.from(copied.xml, "utf8"));
    this.contentTypes.push({ part, type: TYPE.worksheet });
    const index = source.sheets.indexOf(sheet);
    const localNames = source.names.filter((n) => n.localSheet === index).map(({ attributes, formula }) => ({ attributes, formula }));
    this.sheets.push({ name: sheet.name, part, ...(sheet.state && { state: sheet.state }), ...(localNames.length > 0 && { localNames }) });
    return copied.messages;
  }

  /**
   * Carries the input's workbook-wide defined names into the output, written at `finish`: a name
   * the output already uses for a table, or one that points at a sheet the output does not have,
   * is left out and said.
   */
  carryNames(source: SourcePackage): CarryMessage[] {
    const messages: CarryMessage[] = [];
    const taken = new Set(this.carriedNames.map((n) => n.name.toLowerCase()));
    for (const name of source.names) {
      if (name.localSheet !== undefined) continue;
      const key = name.name.toLowerCase();
      if (taken.has(key) || this.tableNames.has(key)) {
        messages.push({ severity: "warning", message: `The defined name ${name.name} was not carried over: the output uses that name for one of its own.` });
        continue;
      }
      if (/\[\d+\]/.test(unescapeXml(name.formula))) {
        messages.push({ severity: "warning", message: `The defined name ${name.name} was not carried over: it refers to another workbook.` });
        continue;
      }
      const missing = sheetsNamedIn(unescapeXml(name.formula)).find((sheet) => !this.sheetNames.has(sheet.toLowerCase()));
      if (missing !== undefined) {
        messages.push({ severity: "warning", message: `The defined name ${name.name} was not carried over: it refers to sheet '${missing}', which the output does not have.` });
        continue;
      }
      taken.add(key);
      this.carriedNames.push(name);
    }
    return messages;
  }

  /** The names (lower case) of the sheets written so far. */
  sheetNamesSoFar(): string[] {
    return [...this.sheetNames];
  }

  /** Writes the workbook-wide parts and ends the file. */
  async finish(): Promise<void> {
    if (this.sheets.length === 0) throw new Error("xlsx: a workbook needs at least one sheet");
    const strings = new PartWriter(this.zip.streamFile("xl/sharedStrings.xml"));
    strings.add(`${XML_DECLARATION}<sst xmlns="${NS.main}" count="${this.strings.references}" uniqueCount="${this.strings.size}">`);
    for (const item of this.strings.items()) {
      strings.add(item);
      if (strings.full) await strings.flush();
    }
    strings.add("</sst>");
    await strings.end();
    await this.addPart("xl/styles.xml", this.styles.xml());
    await this.addPart("xl/theme/theme1.xml", OFFICE_THEME_XML);

    // Print areas and repeated rows are names local to a sheet, by its place in the final order.
    const printNames =
      this.sheets
        .map(
          (written, i) =>
            printNamesXml({ name: written.name, cells: [], ...(written.pageSetup && { pageSetup: written.pageSetup }) }, i) +
            (written.localNames ?? []).map((n) => `<definedName${n.attributes} localSheetId="${i}">${n.formula}</definedName>`).join(""),
        )
        .join("") + this.carriedNames.map((n) => `<definedName${n.attributes}>${n.formula}</definedName>`).join("");
    // The workbook lists sheets in their final order; ids follow it, so every reader sees the same order.
    const sheetEntries = this.sheets.map(
      (sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}"${sheet.state ? ` state="${sheet.state}"` : ""} r:id="rId${i + 4}"/>`,
    );
    await this.addPart(
      "xl/workbook.xml",
      `${XML_DECLARATION}<workbook xmlns="${NS.main}" xmlns:r="${NS.relationships}"><workbookPr/>` +
        `<bookViews><workbookView/></bookViews><sheets>${sheetEntries.join("")}</sheets>` +
        (printNames ? `<definedNames>${printNames}</definedNames>` : "") +
        `<calcPr calcId="171027"/></workbook>`,
    );
    await this.addPart(
      "xl/_rels/workbook.xml.rels",
      relationshipsXml([
        { id: "rId1", type: REL.styles, target: "styles.xml" },
        { id: "rId2", type: REL.theme, target: "theme/theme1.xml" },
        { id: "rId3", type: REL.sharedStrings, target: "sharedStrings.xml" },
        ...this.sheets.map((sheet, i) => ({ id: `rId${i + 4}`, type: REL.worksheet, target: sheet.part.slice("xl/".length) })),
      ]),
    );
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    await this.addPart(
      "docProps/core.xml",
      `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>${escapeXml(CREATOR)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
    );
    await this.addPart(
      "_rels/.rels",
      relationshipsXml([
        { id: "rId1", type: REL.officeDocument, target: "xl/workbook.xml" },
        { id: "rId2", type: REL.coreProperties, target: "docProps/core.xml" },
      ]),
    );
    const overrides = [
      { part: "xl/workbook.xml", type: TYPE.workbook },
      { part: "xl/styles.xml", type: TYPE.styles },
      { part: "xl/theme/theme1.xml", type: TYPE.theme },
      { part: "xl/sharedStrings.xml", type: TYPE.sharedStrings },
      { part: "docProps/core.xml", type: TYPE.coreProperties },
      ...this.contentTypes,
    ];
    await this.addPart(
      "[Content_Types].xml",
      `${XML_DECLARATION}<Types xmlns="${NS.contentTypes}"><Default Extension="rels" ContentType="${TYPE.relationships}"/>` +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        overrides.map((o) => `<Override PartName="/${escapeXml(o.part)}" ContentType="${o.type}"/>`).join("") +
        "</Types>",
    );
    await this.zip.finish();
  }

  private addPart(path: string, text: string): Promise<void> {
    return this.zip.addFile(path, Buffer.from(text, "utf8"));
  }
}

/** Sheets of an input workbook carried into the output after the plan sheets, and where to say what could not be. */
export interface CarriedSheets {
  source: SourcePackage;
  /** Asked once the plan sheets are written (which of the input's sheets are the planner's depends on them). */
  sheets: () => readonly SourceSheet[];
  report: (message: CarryMessage) => void;
}

/** Writes every sheet, in order, through one writer to `output`; on a failure `output` is destroyed, incomplete. */
async function writeAll(output: Writable, sheets: Iterable<PlacedSheet> | AsyncIterable<PlacedSheet>, carried?: CarriedSheets): Promise<void> {
  const writer = new XlsxWriter(output);
  try {
    for await (const { sheet, at } of sheets) await writer.addSheet(sheet, at);
    if (carried) {
      const copies = carried.sheets();
      const outputSheets = new Set([...writer.sheetNamesSoFar(), ...copies.map((s) => s.name.toLowerCase())]);
      for (const sheet of copies) for (const message of await writer.copySheet(carried.source, sheet, outputSheets)) carried.report(message);
      for (const message of writer.carryNames(carried.source)) carried.report(message);
    }
    await writer.finish();
  } catch (error) {
    output.destroy();
    throw error;
  }
}

/** The .xlsx bytes of a workbook description: values, formulas with cached results, formats, tables, charts. */
export async function writeWorkbook(spec: WorkbookSpec): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeAll(
    output,
    spec.sheets.map((sheet) => ({ sheet })),
  );
  return Buffer.concat(chunks);
}

/**
 * Writes sheets to an .xlsx file as they come, each laid out, written and let go before the next
 * (memory follows the largest sheet, not the workbook). The file appears whole or not at all: it
 * is written beside its final name and renamed into place once complete.
 */
export async function writeWorkbookFile(file: string, sheets: Iterable<PlacedSheet> | AsyncIterable<PlacedSheet>, carried?: CarriedSheets): Promise<void> {
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
  const output = createWriteStream(partial);
  try {
    await writeAll(output, sheets, carried);
    if (!output.closed) await once(output, "close");
    await fs.rename(partial, file);
  } catch (error) {
    await fs.rm(partial, { force: true });
    // A system error names the file being written; the user knows it by its final name.
    const failure = error as { message?: unknown };
    if (typeof failure?.message === "string") failure.message = failure.message.split(partial).join(file);
    throw error;
  }
}

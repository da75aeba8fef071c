// The sheet description's charts as DrawingML parts: one chart part per chart, one drawing part per charted sheet.
import {
  cellAddress,
  quoteSheetName,
  type CellSpec,
  type ChartSeriesSpec,
  type ChartSpec,
  type RangeSpec,
  type SheetSpec,
} from "../workbook/sheet";
import { escapeXml, NS, XML_DECLARATION } from "./xml";

export const CHART_RELATIONSHIP = `${NS.relationships}/chart`;
export const DRAWING_RELATIONSHIP = `${NS.relationships}/drawing`;

export const CONTENT_TYPE = {
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
} as const;

/** Office's accent colours, then their darker shades: stacked columns stay apart, and so do the lines. */
const SERIES_COLORS = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300", "255E91", "43682B"];

// Excel's sheet size: an anchor beyond it is a layout bug, not a chart Excel could show.
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

// The shared category and value axes of every chart; any ids do, as long as the two differ.
const CATEGORY_AXIS_ID = 111111111;
const VALUE_AXIS_ID = 222222222;

/** An absolute reference to a range of the chart's own sheet: `'SOP Cordless Drills'!$B$40:$M$40`. */
export function rangeReference(sheetName: string, range: RangeSpec): string {
  const first = cellAddress(range.top, range.left, true);
  const last = cellAddress(range.top + range.rows - 1, range.left + range.columns - 1, true);
  // One cell is written as one cell (`$A$2`), as Excel writes a series name's reference.
  return `${quoteSheetName(sheetName)}!${first === last ? first : `${first}:${last}`}`;
}

/** The cells of a one-row or one-column range, in order (`undefined` where the description has none). */
function rangeCells(sheet: SheetSpec, range: RangeSpec): (CellSpec | undefined)[] {
  const cells: (CellSpec | undefined)[] = [];
  for (let r = 0; r < range.rows; r++) {
    for (let c = 0; c < range.columns; c++) cells.push(sheet.cells[range.top + r]?.[range.left + c] ?? undefined);
  }
  return cells;
}

/** What the cell shows before any recalculation: the engine's cached result of a formula, else its constant. */
function shownValue(cell: CellSpec | undefined): string | number | boolean | null {
  if (!cell) return null;
  if (cell.formula !== undefined && cell.formula !== "") return cell.cached ?? null;
  return cell.value ?? null;
}

function isWholeNumber(n: number, min: number): boolean {
  return Number.isInteger(n) && n >= min;
}

/** Throws when a range is not whole cells inside the described sheet: the layout that made it is wrong. */
function checkRange(sheet: SheetSpec, chart: ChartSpec, what: string, range: RangeSpec): void {
  const width = Math.max(0, ...sheet.cells.map((line) => line.length));
  const whole = isWholeNumber(range.top, 0) && isWholeNumber(range.left, 0) && isWholeNumber(range.rows, 1) && isWholeNumber(range.columns, 1);
  if (!whole || range.top + range.rows > sheet.cells.length || range.left + range.columns > width) {
    throw new Error(
      `chart "${chart.name}" on sheet "${sheet.name}": ${what} ${JSON.stringify(range)} is outside the sheet's ${sheet.cells.length} rows and ${width} columns`,
    );
  }
  if (range.rows !== 1 && range.columns !== 1) {
    throw new Error(`chart "${chart.name}" on sheet "${sheet.name}": ${what} ${JSON.stringify(range)} is neither one row nor one column`);
  }
}

/** Throws a clear error for a chart the layout got wrong, before any of it reaches the file. */
export function checkChart(sheet: SheetSpec, chart: ChartSpec): void {
  if (chart.series.length === 0) throw new Error(`chart "${chart.name}" on sheet "${sheet.name}" has no series`);
  checkRange(sheet, chart, "the categories", chart.categories);
  const length = chart.categories.rows * chart.categories.columns;
  for (const series of chart.series) {
    checkRange(sheet, chart, `series "${series.name}"`, series.values);
    if (series.label) {
      const shown = shownValue(sheet.cells[series.label.row]?.[series.label.column] ?? undefined);
      if (shown !== series.name) {
        throw new Error(`chart "${chart.name}" on sheet "${sheet.name}": series "${series.name}" is labelled by a cell that holds ${JSON.stringify(shown)}`);
      }
    }
    const count = series.values.rows * series.values.columns;
    if (count !== length) {
      throw new Error(`chart "${chart.name}" on sheet "${sheet.name}": series "${series.name}" has ${count} values for ${length} categories`);
    }
  }
  const a = chart.anchor;
  if (!isWholeNumber(a.top, 0) || !isWholeNumber(a.left, 0) || !isWholeNumber(a.rows, 1) || !isWholeNumber(a.columns, 1) || a.top + a.rows > MAX_ROWS || a.left + a.columns > MAX_COLUMNS) {
    throw new Error(`chart "${chart.name}" on sheet "${sheet.name}": anchor ${JSON.stringify(a)} is not a block of whole cells on a sheet`);
  }
}

function categoryXml(sheet: SheetSpec, range: RangeSpec): string {
  const cells = rangeCells(sheet, range);
  const points = cells.map((cell, i) => {
    const shown = shownValue(cell);
    if (shown === null) return "";
    const text = typeof shown === "boolean" ? (shown ? "TRUE" : "FALSE") : String(shown);
    return `<c:pt idx="${i}"><c:v>${escapeXml(text)}</c:v></c:pt>`;
  });
  return (
    `<c:cat><c:strRef><c:f>${escapeXml(rangeReference(sheet.name, range))}</c:f>` +
    `<c:strCache><c:ptCount val="${cells.length}"/>${points.join("")}</c:strCache></c:strRef></c:cat>`
  );
}

function valuesXml(sheet: SheetSpec, range: RangeSpec): string {
  const cells = rangeCells(sheet, range);
  // Text, blanks and non-finite numbers have no point: the chart leaves a gap, as Excel does.
  const points = cells.map((cell, i) => {
    const shown = shownValue(cell);
    return typeof shown === "number" && Number.isFinite(shown) ? `<c:pt idx="${i}"><c:v>${shown}</c:v></c:pt>` : "";
  });
  return (
    `<c:val><c:numRef><c:f>${escapeXml(rangeReference(sheet.name, range))}</c:f>` +
    `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${cells.length}"/>${points.join("")}</c:numCache></c:numRef></c:val>`
  );
}

/** One `c:ser`; `index` runs over the whole chart, so colours and ids stay distinct across the bars and the lines. */
function seriesXml(sheet: SheetSpec, chart: ChartSpec, series: ChartSeriesSpec, index: number): string {
  const color = SERIES_COLORS[index % SERIES_COLORS.length];
  // Linked to its label cell when the layout gives one (LibreOffice drops every series of a chart
  // whose literal name holds a double quote, and loses a literal name that starts with `=`); else a
  // literal (`c:v`). Either way the name is text, never a formula.
  const name = series.label
    ? `<c:strRef><c:f>${escapeXml(rangeReference(sheet.name, { top: series.label.row, left: series.label.column, rows: 1, columns: 1 }))}</c:f>` +
      `<c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXml(series.name)}</c:v></c:pt></c:strCache></c:strRef>`
    : `<c:v>${escapeXml(series.name)}</c:v>`;
  const head = `<c:idx val="${index}"/><c:order val="${index}"/><c:tx>${name}</c:tx>`;
  const data = categoryXml(sheet, chart.categories) + valuesXml(sheet, series.values);
  if (series.as === "column") {
    const fill =
      series.fill === "none"
        ? "<a:noFill/><a:ln><a:noFill/></a:ln>"
        : `<a:solidFill><a:srgbClr val="${series.fill ?? color}"/></a:solidFill>`;
    return `<c:ser>${head}<c:spPr>${fill}</c:spPr><c:invertIfNegative val="0"/>${data}</c:ser>`;
  }
  const line = `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:round/></a:ln></c:spPr>`;
  return `<c:ser>${head}${line}<c:marker><c:symbol val="none"/></c:marker>${data}<c:smooth val="0"/></c:ser>`;
}

const AXIS_IDS = `<c:axId val="${CATEGORY_AXIS_ID}"/><c:axId val="${VALUE_AXIS_ID}"/>`;

/** The chart part (`c:chartSpace`): columns and lines over one category axis and one value axis. */
export function chartXml(sheet: SheetSpec, chart: ChartSpec): string {
  checkChart(sheet, chart);
  const indexed = chart.series.map((series, index) => ({ series, index }));
  const columns = indexed.filter((s) => s.series.as === "column");
  const lines = indexed.filter((s) => s.series.as === "line");
  const bar =
    columns.length === 0
      ? ""
      : `<c:barChart><c:barDir val="col"/><c:grouping val="${chart.stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>` +
        columns.map((s) => seriesXml(sheet, chart, s.series, s.index)).join("") +
        `<c:gapWidth val="${chart.stacked ? 60 : 150}"/>${chart.stacked ? '<c:overlap val="100"/>' : ""}${AXIS_IDS}</c:barChart>`;
  const line =
    lines.length === 0
      ? ""
      : `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
        lines.map((s) => seriesXml(sheet, chart, s.series, s.index)).join("") +
        `<c:marker val="1"/>${AXIS_IDS}</c:lineChart>`;
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="1200" b="1"/><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
  // Labels sit low so that negative values do not run them into the bars.
  const categoryAxis =
    `<c:catAx><c:axId val="${CATEGORY_AXIS_ID}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="low"/><c:crossAx val="${VALUE_AXIS_ID}"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valueAxis =
    `<c:valAx><c:axId val="${VALUE_AXIS_ID}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="${escapeXml(chart.valueFormat)}" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${CATEGORY_AXIS_ID}"/>` +
    `<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  // An invisible series (a waterfall's base) and a series' second part have no legend entry.
  const legendEntries = indexed
    .filter(({ series }) => series.fill === "none" || series.legend === false)
    .map(({ index }) => `<c:legendEntry><c:idx val="${index}"/><c:delete val="1"/></c:legendEntry>`)
    .join("");
  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.relationships}">` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${bar}${line}${categoryAxis}${valueAxis}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/>${legendEntries}<c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart></c:chartSpace>`
  );
}

/** The drawing part of one sheet: each chart in a frame that moves with its top-left cell. */
export function drawingXml(charts: { chart: ChartSpec; relationshipId: string }[]): string {
  const marker = (tag: string, row: number, column: number) =>
    `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const anchors = charts.map(({ chart, relationshipId }, i) => {
    const a = chart.anchor;
    return (
      `<xdr:twoCellAnchor editAs="oneCell">${marker("from", a.top, a.left)}${marker("to", a.top + a.rows, a.left + a.columns)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXml(chart.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" r:id="${relationshipId}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return XML_DECLARATION + `<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.relationships}">${anchors.join("")}</xdr:wsDr>`;
}

// ---- A drawing added to a worksheet part written elsewhere ----

/** The worksheet elements that CT_Worksheet orders after `drawing`. */
const AFTER_DRAWING = new Set(["legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"]);

/** Offset and local name of each child element of the root (nested elements such as a rule's `extLst` are skipped). */
function rootChildren(xml: string): { offset: number; name: string }[] {
  const children: { offset: number; name: string }[] = [];
  const tag = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>|<(\/?)([\w:.-]+)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  let depth = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (m[2] === undefined) continue;
    if (m[1] === "/") {
      depth--;
      continue;
    }
    if (depth === 1) children.push({ offset: m.index, name: m[2].replace(/^[\w.-]+:/, "") });
    if (m[3] !== "/") depth++;
  }
  return children;
}

/** The sheet XML with `<drawing r:id>` where CT_Worksheet wants it: before the first later element, else at the end. */
export function insertDrawingElement(sheetXml: string, relationshipId: string): string {
  const children = rootChildren(sheetXml);
  if (children.some((c) => c.name === "drawing")) throw new Error("xlsx: the sheet already has a drawing; charts cannot be merged into it");
  const rootTag = sheetXml.slice(sheetXml.indexOf("<worksheet"), sheetXml.indexOf(">", sheetXml.indexOf("<worksheet")));
  const declared = rootTag.includes(`xmlns:r="${NS.relationships}"`);
  const element = `<drawing${declared ? "" : ` xmlns:r="${NS.relationships}"`} r:id="${relationshipId}"/>`;
  const before = children.find((c) => AFTER_DRAWING.has(c.name));
  const at = before ? before.offset : sheetXml.lastIndexOf("</worksheet>");
  if (at < 0) throw new Error("xlsx: the sheet part has no </worksheet>");
  return sheetXml.slice(0, at) + element + sheetXml.slice(at);
}

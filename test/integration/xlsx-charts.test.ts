// Charts in written .xlsx files: the DrawingML parts, ExcelJS reading the file back, LibreOffice drawing them.
import ExcelJS from "exceljs";
import { readFileSync, rmSync, writeFileSync } from "fs";
import JSZip from "jszip";
import * as path from "path";
import type { CellSpec, ChartSpec, WorkbookSpec } from "../../src/workbook/sheet";
import { writeWorkbook } from "../../src/xlsx/writer";
import { convertToOdsWithLibreOffice, libreOfficeAvailable } from "../support/libreoffice";
import { tempDir } from "../support/xlsxFiles";

const n = (value: number): CellSpec => ({ value, format: "#,##0" });
const t = (value: string): CellSpec => ({ value, style: "label" });
const f = (formula: string, cached: number): CellSpec => ({ formula, cached, format: "#,##0" });

const TRICKY_NAME = '=HYPERLINK("x")';
const AMPERSAND_NAME = "<Tools & Co>";
const QUOTED_SHEET = "Q1 Tools's plan";
/** A name with a double quote: LibreOffice drops the whole chart's series when it is a literal, so it is linked. */
const INCH_NAME = '10" Paint';

/**
 * Three sheets: one without charts first (so sheet order and part numbers differ), a plan sheet
 * with two charts, and a sheet whose name needs quotes, with a table (its rels already exist) and one chart.
 */
function chartedWorkbook(): WorkbookSpec {
  const planCharts: ChartSpec[] = [
    {
      name: "Mix chart",
      title: "Production & total <units>",
      categories: { top: 1, left: 1, rows: 1, columns: 4 },
      series: [
        { name: TRICKY_NAME, values: { top: 2, left: 1, rows: 1, columns: 4 }, as: "column" },
        { name: AMPERSAND_NAME, values: { top: 3, left: 1, rows: 1, columns: 4 }, as: "column" },
        { name: "Total", values: { top: 4, left: 1, rows: 1, columns: 4 }, as: "line" },
      ],
      stacked: true,
      valueFormat: "#,##0",
      anchor: { top: 6, left: 0, rows: 15, columns: 6 },
    },
    {
      name: "Total chart",
      title: "Total",
      categories: { top: 1, left: 1, rows: 1, columns: 4 },
      series: [{ name: "Total", values: { top: 4, left: 1, rows: 1, columns: 4 }, as: "line" }],
      stacked: false,
      valueFormat: "0.0",
      anchor: { top: 6, left: 7, rows: 15, columns: 6 },
    },
  ];
  const serial = { format: "mmm yyyy" };
  return {
    sheets: [
      { name: "Notes", cells: [[t("No charts here")]] },
      {
        name: "Plan",
        cells: [
          [{ value: "Plan", style: "title" }],
          [t("Row"), t("Jan 2025"), t("Feb 2025"), t("Mar 2025"), t("Apr 2025")],
          [t(TRICKY_NAME), n(10), n(20), n(30), n(40)],
          [t(AMPERSAND_NAME), n(5), n(6), n(7), n(8)],
          [t("Total"), f("B3+B4", 15), f("C3+C4", 26), f("D3+D4", 37), f("E3+E4", 48)],
        ],
        charts: planCharts,
      },
      {
        name: QUOTED_SHEET,
        cells: [
          [t("Resource"), t("P1"), t("P2"), t("P3")],
          [t("Assembly"), n(100), n(120), n(90)],
          [t(INCH_NAME), n(50), n(60), n(70)],
          [t("Load %"), f("B2/200", 0.5), f("C2/200", 0.6), f("D2/200", 0.45)],
          [],
          [t("Period"), { value: 45658, ...serial }, { value: 45689, ...serial }, { value: 45717, ...serial }],
        ],
        tables: [{ name: "Loads", top: 0, left: 0, rows: 4, columns: 4, style: "TableStyleMedium2" }],
        charts: [
          {
            name: "Load chart",
            title: "Hours by resource",
            categories: { top: 5, left: 1, rows: 1, columns: 3 },
            series: [
              { name: "Assembly", label: { row: 1, column: 0 }, values: { top: 1, left: 1, rows: 1, columns: 3 }, as: "column" },
              { name: INCH_NAME, label: { row: 2, column: 0 }, values: { top: 2, left: 1, rows: 1, columns: 3 }, as: "column" },
              { name: "Load %", label: { row: 3, column: 0 }, values: { top: 3, left: 1, rows: 1, columns: 3 }, as: "line" },
            ],
            stacked: false,
            valueFormat: "#,##0",
            anchor: { top: 7, left: 1, rows: 12, columns: 5 },
          },
        ],
      },
    ],
  };
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
const unescape = (value: string) => value.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ENTITIES[e]);

/** The attributes of each `<tag …>` in `xml`, unescaped. */
function tagAttributes(xml: string, tag: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${tag}\\s([^>]*?)/?>`, "g"))].map((m) =>
    Object.fromEntries([...m[1].matchAll(/([\w:.-]+)="([^"]*)"/g)].map((a) => [a[1], unescape(a[2])])),
  );
}

const text = (zip: JSZip, part: string): Promise<string> => {
  const file = zip.file(part);
  if (!file) throw new Error(`no ${part} in the package`);
  return file.async("string");
};

/** The worksheet part of a sheet, through the workbook's relationships (as Excel resolves it). */
async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const sheet = tagAttributes(await text(zip, "xl/workbook.xml"), "sheet").find((s) => s.name === name);
  const rel = tagAttributes(await text(zip, "xl/_rels/workbook.xml.rels"), "Relationship").find((r) => r.Id === sheet?.["r:id"]);
  return `xl/${rel!.Target}`;
}

const relsOf = (part: string) => part.replace(/([^/]+)$/, "_rels/$1.rels");

/** The `c:ser` elements of a chart part, each as its name, references and cached points. */
function chartSeries(xml: string) {
  return [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => {
    const ser = m[1];
    const cache = (tag: string, within = ser) =>
      [...(within.match(new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`))?.[0] ?? "").matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((v) => v[1]);
    const linked = ser.match(/<c:tx><c:strRef><c:f>([^<]*)<\/c:f>([\s\S]*?)<\/c:strRef><\/c:tx>/);
    const category = ser.match(/<c:cat>[\s\S]*?<\/c:cat>/)?.[0] ?? "";
    return {
      name: linked ? cache("c:strCache", linked[2])[0] : ser.match(/<c:tx><c:v>([^<]*)<\/c:v><\/c:tx>/)?.[1],
      ...(linked ? { label: linked[1] } : {}),
      categories: ser.match(/<c:cat><c:strRef><c:f>([^<]*)<\/c:f>/)?.[1],
      values: ser.match(/<c:val><c:numRef><c:f>([^<]*)<\/c:f>/)?.[1],
      categoryCache: cache("c:strCache", category),
      valueCache: cache("c:numCache").map(Number),
    };
  });
}

describe("charts written into the .xlsx package", () => {
  const spec = chartedWorkbook();
  let zip: JSZip;
  let buffer: Buffer;

  beforeAll(async () => {
    buffer = await writeWorkbook(spec);
    zip = await JSZip.loadAsync(buffer);
  });

  it("adds one chart part per chart and one drawing per charted sheet, each with its content type", async () => {
    const parts = Object.keys(zip.files);
    expect(parts.filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).sort()).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"]);
    expect(parts.filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p)).sort()).toEqual(["xl/drawings/drawing1.xml", "xl/drawings/drawing2.xml"]);
    const types = tagAttributes(await text(zip, "[Content_Types].xml"), "Override");
    const typeOf = (part: string) => types.find((o) => o.PartName === `/${part}`)?.ContentType;
    for (const c of [1, 2, 3]) expect(typeOf(`xl/charts/chart${c}.xml`)).toBe("application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
    for (const d of [1, 2]) expect(typeOf(`xl/drawings/drawing${d}.xml`)).toBe("application/vnd.openxmlformats-officedocument.drawing+xml");
  });

  it("links each charted sheet to its drawing, and each drawing to its charts, at the anchors given", async () => {
    const expected: Record<string, { anchors: number[][] }> = {
      Plan: { anchors: [[6, 0, 21, 6], [6, 7, 21, 13]] },
      [QUOTED_SHEET]: { anchors: [[7, 1, 19, 6]] },
    };
    for (const [name, { anchors }] of Object.entries(expected)) {
      const part = await sheetPart(zip, name);
      const drawingRef = tagAttributes(await text(zip, part), "drawing")[0]?.["r:id"];
      const drawingRel = tagAttributes(await text(zip, relsOf(part)), "Relationship").find((r) => r.Id === drawingRef);
      expect(drawingRel?.Type).toBe("http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing");
      const drawingPart = path.posix.join(path.posix.dirname(part), drawingRel!.Target);
      const drawing = await text(zip, drawingPart);
      const frames = [...drawing.matchAll(/<xdr:twoCellAnchor editAs="oneCell">([\s\S]*?)<\/xdr:twoCellAnchor>/g)].map((m) => m[1]);
      const corner = (frame: string, tag: string) =>
        [...frame.match(new RegExp(`<xdr:${tag}>([\\s\\S]*?)</xdr:${tag}>`))![1].matchAll(/<xdr:(row|col)>(\d+)</g)].map((x) => Number(x[2]));
      // Each corner lists col, then row: [row, col] of from, then of to.
      expect(frames.map((fr) => [corner(fr, "from")[1], corner(fr, "from")[0], corner(fr, "to")[1], corner(fr, "to")[0]])).toEqual(anchors);
      const chartRels = tagAttributes(await text(zip, relsOf(drawingPart)), "Relationship");
      for (const id of frames.map((fr) => fr.match(/<c:chart [^>]*r:id="([^"]+)"/)![1])) {
        const rel = chartRels.find((r) => r.Id === id);
        expect(rel?.Type).toBe("http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart");
        expect(zip.file(path.posix.join(path.posix.dirname(drawingPart), rel!.Target))).not.toBeNull();
      }
    }
  });

  it("puts <drawing> where the schema orders it: before <tableParts>, else after the page setup", async () => {
    const quoted = await text(zip, await sheetPart(zip, QUOTED_SHEET));
    expect(quoted.indexOf("<drawing ")).toBeGreaterThan(quoted.indexOf("<pageSetup"));
    expect(quoted.indexOf("<drawing ")).toBeLessThan(quoted.indexOf("<tableParts"));
    const plan = await text(zip, await sheetPart(zip, "Plan"));
    expect(plan).toMatch(/<pageSetup[^>]*\/><drawing r:id="rId\d+"\/><\/worksheet>$/);
    expect(await text(zip, await sheetPart(zip, "Notes"))).not.toContain("<drawing");
  });

  it("keeps the table's relationship beside the new drawing's, under distinct ids", async () => {
    const part = await sheetPart(zip, QUOTED_SHEET);
    const rels = tagAttributes(await text(zip, relsOf(part)), "Relationship");
    expect(rels.map((r) => r.Type.split("/").pop()).sort()).toEqual(["drawing", "table"]);
    expect(new Set(rels.map((r) => r.Id)).size).toBe(2);
  });

  it("refers each series to absolute ranges of its own sheet, with the cells' shown values cached", async () => {
    const mix = chartSeries(await text(zip, "xl/charts/chart1.xml"));
    const periods = ["Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025"];
    expect(mix).toEqual([
      { name: "=HYPERLINK(&quot;x&quot;)", categories: "Plan!$B$2:$E$2", values: "Plan!$B$3:$E$3", categoryCache: periods, valueCache: [10, 20, 30, 40] },
      { name: "&lt;Tools &amp; Co&gt;", categories: "Plan!$B$2:$E$2", values: "Plan!$B$4:$E$4", categoryCache: periods, valueCache: [5, 6, 7, 8] },
      // The formula cells cache the engine's results.
      { name: "Total", categories: "Plan!$B$2:$E$2", values: "Plan!$B$5:$E$5", categoryCache: periods, valueCache: [15, 26, 37, 48] },
    ]);
    const load = chartSeries(await text(zip, "xl/charts/chart3.xml"));
    expect(load.map((s) => s.values)).toEqual(["'Q1 Tools''s plan'!$B$2:$D$2", "'Q1 Tools''s plan'!$B$3:$D$3", "'Q1 Tools''s plan'!$B$4:$D$4"]);
    expect(load[0].categories).toBe("'Q1 Tools''s plan'!$B$6:$D$6");
    // Dates stored as serial numbers are cached as those numbers, in text.
    expect(load[0].categoryCache).toEqual(["45658", "45689", "45717"]);
    expect(load[2].valueCache).toEqual([0.5, 0.6, 0.45]);
    // A series with a label cell links its name to that cell and caches the text, quote and all.
    expect(load.map((s) => [s.label, s.name])).toEqual([
      ["'Q1 Tools''s plan'!$A$2", "Assembly"],
      ["'Q1 Tools''s plan'!$A$3", "10&quot; Paint"],
      ["'Q1 Tools''s plan'!$A$4", "Load %"],
    ]);
  });

  it("refuses a label cell that does not hold the series' name", async () => {
    const wrong = chartedWorkbook();
    wrong.sheets[2].charts![0].series[0].label = { row: 2, column: 0 };
    await expect(writeWorkbook(wrong)).rejects.toThrow(/series "Assembly" is labelled by a cell that holds "10\\" Paint"/);
  });

  it("keeps a series name as literal text, never a reference or formula", async () => {
    const xml = await text(zip, "xl/charts/chart1.xml");
    expect(xml).toContain("<c:tx><c:v>=HYPERLINK(&quot;x&quot;)</c:v></c:tx>");
    expect(xml).toContain("<c:tx><c:v>&lt;Tools &amp; Co&gt;</c:v></c:tx>");
    expect(xml).not.toMatch(/<c:tx><c:strRef>/);
    expect(xml).toContain("<a:t>Production &amp; total &lt;units&gt;</a:t>");
  });

  it("draws column series as one bar chart (stacked or clustered) and line series as one line chart on shared axes", async () => {
    const mix = await text(zip, "xl/charts/chart1.xml");
    expect(mix).toMatch(/<c:barChart><c:barDir val="col"\/><c:grouping val="stacked"\/>/);
    expect(mix).toContain('<c:overlap val="100"/>');
    expect(mix.match(/<c:ser>/g)).toHaveLength(3);
    expect(mix.match(/<c:lineChart>[\s\S]*<\/c:lineChart>/)![0].match(/<c:ser>/g)).toHaveLength(1);
    expect(mix).toContain('<c:legendPos val="b"/>');
    expect(mix).toContain('<c:numFmt formatCode="#,##0" sourceLinked="0"/>');
    const axisIds = (xml: string, chartType: string) => [...xml.match(new RegExp(`<${chartType}>[\\s\\S]*</${chartType}>`))![0].matchAll(/<c:axId val="(\d+)"\/>/g)].map((m) => m[1]);
    expect(axisIds(mix, "c:barChart")).toEqual(axisIds(mix, "c:lineChart"));
    const linesOnly = await text(zip, "xl/charts/chart2.xml");
    expect(linesOnly).not.toContain("<c:barChart>");
    expect(linesOnly).toContain('<c:numFmt formatCode="0.0" sourceLinked="0"/>');
    const clustered = await text(zip, "xl/charts/chart3.xml");
    expect(clustered).toContain('<c:grouping val="clustered"/>');
    expect(clustered).not.toContain("<c:overlap");
    const colors = [...mix.matchAll(/<a:srgbClr val="([0-9A-F]{6})"\/>/g)].map((m) => m[1]);
    expect(new Set(colors).size).toBe(3);
  });

  it("is read back by ExcelJS with its cells, formulas and table intact", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Notes", "Plan", QUOTED_SHEET]);
    const plan = workbook.getWorksheet("Plan")!;
    expect(plan.getCell("A3").value).toBe(TRICKY_NAME);
    expect(plan.getCell("A4").value).toBe(AMPERSAND_NAME);
    expect(plan.getCell("C3").value).toBe(20);
    expect(plan.getCell("E5").formula).toBe("E3+E4");
    expect(plan.getCell("E5").result).toBe(48);
    const quoted = workbook.getWorksheet(QUOTED_SHEET)!;
    expect(quoted.getCell("D3").value).toBe(70);
    // ExcelJS reads a serial with a date format as the date.
    expect(quoted.getCell("B6").value).toEqual(new Date(Date.UTC(2025, 0, 1)));
    expect(Object.keys((quoted as unknown as { tables: Record<string, unknown> }).tables)).toEqual(["Loads"]);
  });
});

describe("a chart the layout got wrong is refused", () => {
  const withChart = (change: (chart: ChartSpec) => void): WorkbookSpec => {
    const spec = chartedWorkbook();
    change(spec.sheets[1].charts![0]);
    return spec;
  };

  it("when a series has more or fewer values than there are categories", async () => {
    const spec = withChart((chart) => (chart.series[1].values.columns = 3));
    await expect(writeWorkbook(spec)).rejects.toThrow(/chart "Mix chart" on sheet "Plan": series "<Tools & Co>" has 3 values for 4 categories/);
  });

  it("when a range lies outside the sheet", async () => {
    const spec = withChart((chart) => (chart.series[2].values.top = 40));
    await expect(writeWorkbook(spec)).rejects.toThrow(/series "Total" .* is outside the sheet's 5 rows and 5 columns/);
  });

  it("when a range is neither one row nor one column", async () => {
    const spec = withChart((chart) => (chart.categories = { top: 1, left: 1, rows: 2, columns: 2 }));
    await expect(writeWorkbook(spec)).rejects.toThrow(/the categories .* is neither one row nor one column/);
  });
});

// CI installs LibreOffice, so there a missing one fails the suite instead of skipping it.
const describeWithLibreOffice = libreOfficeAvailable() || process.env.CI ? describe : describe.skip;

describeWithLibreOffice("LibreOffice opens the charts (converted to .ods)", () => {
  const dir = tempDir("sop-charts-");
  let content: string;
  /** Each chart's sub-document (`Object N/content.xml`), by the name of the frame that holds it. */
  let charts: Map<string, string>;

  beforeAll(async () => {
    const file = path.join(dir, "charts.xlsx");
    writeFileSync(file, await writeWorkbook(chartedWorkbook()));
    const [ods] = await convertToOdsWithLibreOffice([file], path.join(dir, "ods"));
    const zip = await JSZip.loadAsync(readFileSync(ods));
    content = await text(zip, "content.xml");
    charts = new Map();
    for (const frame of content.matchAll(/<draw:frame [^>]*draw:name="([^"]+)"[^>]*><draw:object [^>]*xlink:href="\.\/([^"]+)"/g)) {
      charts.set(frame[1], await text(zip, `${frame[2]}/content.xml`));
    }
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const series = (chart: string) => tagAttributes(charts.get(chart)!, "chart:series");
  const plotted = (chart: string) => series(chart).map((s) => `${s["chart:class"]} ${s["chart:values-cell-range-address"]}`);
  const categories = (chart: string) => tagAttributes(charts.get(chart)!, "chart:categories").map((c) => c["table:cell-range-address"]);

  it("finds one embedded chart object per chart, under the chart's name", () => {
    expect(content.match(/<draw:object /g)).toHaveLength(3);
    expect([...charts.keys()].sort()).toEqual(["Load chart", "Mix chart", "Total chart"]);
    for (const chart of charts.values()) expect(chart).toContain("<chart:chart ");
  });

  it("plots each series from the row it was given, as columns or as a line, over the period headers", () => {
    expect(plotted("Mix chart")).toEqual(["chart:bar Plan.B3:Plan.E3", "chart:bar Plan.B4:Plan.E4", "chart:line Plan.B5:Plan.E5"]);
    expect(categories("Mix chart")).toEqual(["Plan.B2:Plan.E2"]);
    expect(plotted("Total chart")).toEqual(["chart:line Plan.B5:Plan.E5"]);
    const q = "'Q1 Tools''s plan'";
    expect(plotted("Load chart")).toEqual([`chart:bar ${q}.B2:${q}.D2`, `chart:bar ${q}.B3:${q}.D3`, `chart:line ${q}.B4:${q}.D4`]);
    expect(categories("Load chart")).toEqual([`${q}.B6:${q}.D6`]);
  });

  it("stacks the columns of a stacked chart only", () => {
    expect(charts.get("Mix chart")).toContain('chart:stacked="true"');
    expect(charts.get("Load chart")).not.toContain('chart:stacked="true"');
  });

  it("names the series with their literal text", () => {
    // LibreOffice keeps a literal name as a quoted string; it loses one that starts with `=` (Excel keeps it).
    expect(series("Mix chart").map((s) => s["loext:label-string"])).toEqual([undefined, '"<Tools & Co>"', '"Total"']);
    // Linked names: each series names the cell that holds its label, a double quote and all.
    const q = "'Q1 Tools''s plan'";
    expect(series("Load chart").map((s) => s["chart:label-cell-address"])).toEqual([2, 3, 4].map((r) => `${q}.A${r}:${q}.A${r}`));
  });
});

// The styles part (`xl/styles.xml`): each named style and number format pair interned once as a cell format, looked up per cell in two map reads.
import type { CellStyle } from "../workbook/sheet";
import { STYLE_LOOKS, type StyleLook } from "../workbook/styles";
import { escapeXml, NS, XML_DECLARATION } from "./xml";

/** Excel's built-in number formats that mean the same in every locale (the date ones do not, so dates get their own ids). */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
};
/** The first id Excel leaves to a workbook's own number formats. */
const FIRST_CUSTOM_FORMAT = 164;

const DEFAULT_FONT_SIZE = 11;

/** `#1F4E79`, `1F4E79` or `FF1F4E79` as the ARGB Excel stores. */
export function argb(color: string): string {
  const hex = color.replace(/^#/, "").toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex;
}

function fontXml(look: StyleLook | null): string {
  const bold = look?.bold ? "<b/>" : "";
  const italic = look?.italic ? "<i/>" : "";
  const color = look?.fontColor ? `<color rgb="${argb(look.fontColor)}"/>` : '<color theme="1"/>';
  return `<font>${bold}${italic}<sz val="${look?.fontSize ?? DEFAULT_FONT_SIZE}"/>${color}<name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;
}

const solidFill = (color: string, which: "fgColor" | "bgColor") =>
  `<fill><patternFill patternType="solid"><${which} rgb="${argb(color)}"/></patternFill></fill>`;

function borderXml(look: StyleLook): string {
  const side = (name: string, color: string | undefined) =>
    color ? `<${name} style="thin"><color rgb="${argb(color)}"/></${name}>` : `<${name}/>`;
  return `<border>${side("left", undefined)}${side("right", undefined)}${side("top", look.borderTop)}${side("bottom", look.borderBottom)}<diagonal/></border>`;
}

/** What one named style contributes to a cell format: indices into the fonts, fills and borders. */
interface StyleParts {
  fontId: number;
  fillId: number;
  borderId: number;
}

/**
 * The workbook's cell formats, built as cells ask for them: `cellFormat(style, format)` returns
 * the `s` index of a cell, the same index for the same pair however often it is asked.
 */
export class StyleSheet {
  private readonly fonts = [fontXml(null)];
  /** Excel reserves the first two fills (none and gray125). */
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders = ["<border><left/><right/><top/><bottom/><diagonal/></border>"];
  private readonly parts = new Map<CellStyle, StyleParts>();
  private readonly customFormats = new Map<string, number>();
  private readonly cellFormats: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly byStyle = new Map<CellStyle | undefined, Map<string | undefined, number>>();
  private readonly differentials: string[] = [];
  private readonly differentialByStyle = new Map<CellStyle, number>();
  /** Fonts, fills, borders, cell and differential formats copied from another workbook, by their XML: each added once. */
  private readonly imported = new Map<string, number>();

  /** The `s` attribute of a cell with this named style and number format (0: the default, no attribute needed). */
  cellFormat(style: CellStyle | undefined, format: string | undefined): number {
    let byFormat = this.byStyle.get(style);
    if (!byFormat) {
      byFormat = new Map();
      this.byStyle.set(style, byFormat);
    }
    let index = byFormat.get(format);
    if (index === undefined) {
      index = this.addCellFormat(style, format);
      byFormat.set(format, index);
    }
    return index;
  }

  /** The `dxfId` of a conditional format that takes the font colour and fill of a named style. */
  differentialFormat(style: CellStyle): number {
    let index = this.differentialByStyle.get(style);
    if (index === undefined) {
      const look = STYLE_LOOKS[style];
      // A differential format fills with `bgColor`, not the `fgColor` of a cell's own fill.
      const font = look.fontColor ? `<font><color rgb="${argb(look.fontColor)}"/></font>` : "";
      const fill = look.fill ? solidFill(look.fill, "bgColor") : "";
      index = this.differentials.push(`<dxf>${font}${fill}</dxf>`) - 1;
      this.differentialByStyle.set(style, index);
    }
    return index;
  }

  /**
   * The `s` index of a cell format copied from another workbook's styles part: its font, fill and
   * border (their XML) added once each, its number format by its code (built-in ids below 164 kept).
   * The format's own cell style (`xfId`) becomes Normal: its look is in the format itself.
   */
  importedCellFormat(xf: string, parts: { font?: string; fill?: string; border?: string; numberFormat?: string }): number {
    const id = (list: string[], kind: string, xml: string | undefined) => {
      if (xml === undefined) return 0;
      const key = `${kind}:${xml}`;
      let index = this.imported.get(key);
      if (index === undefined) {
        index = list.push(xml) - 1;
        this.imported.set(key, index);
      }
      return index;
    };
    const fontId = id(this.fonts, "font", parts.font);
    const fillId = id(this.fills, "fill", parts.fill);
    const borderId = id(this.borders, "border", parts.border);
    const oldNumFmt = Number(/\bnumFmtId="(\d+)"/.exec(xf)?.[1] ?? 0);
    const numFmtId = parts.numberFormat !== undefined ? this.numberFormatId(parts.numberFormat) : oldNumFmt < FIRST_CUSTOM_FORMAT ? oldNumFmt : 0;
    const set = (text: string, name: string, value: number) =>
      new RegExp(`\\b${name}="`).test(text) ? text.replace(new RegExp(`\\b${name}="[^"]*"`), `${name}="${value}"`) : text.replace(/^<xf\b/, `<xf ${name}="${value}"`);
    let xml = xf.replace(/\s+xfId="[^"]*"/, "");
    xml = set(set(set(set(xml, "numFmtId", numFmtId), "fontId", fontId), "fillId", fillId), "borderId", borderId);
    xml = xml.replace(/^<xf\b/, '<xf xfId="0"');
    const key = `xf:${xml}`;
    let index = this.imported.get(key);
    if (index === undefined) {
      index = this.cellFormats.push(xml) - 1;
      this.imported.set(key, index);
    }
    return index;
  }

  /** The `dxfId` of a differential format copied from another workbook (its XML, number format inline). */
  importedDifferential(dxf: string): number {
    const key = `dxf:${dxf}`;
    let index = this.imported.get(key);
    if (index === undefined) {
      index = this.differentials.push(dxf) - 1;
      this.imported.set(key, index);
    }
    return index;
  }

  private addCellFormat(style: CellStyle | undefined, format: string | undefined): number {
    const numFmtId = format === undefined || format === "" ? 0 : this.numberFormatId(format);
    const parts = style ? this.styleParts(style) : { fontId: 0, fillId: 0, borderId: 0 };
    if (numFmtId === 0 && parts.fontId === 0 && parts.fillId === 0 && parts.borderId === 0) return 0;
    const apply =
      (numFmtId ? ' applyNumberFormat="1"' : "") +
      (parts.fontId ? ' applyFont="1"' : "") +
      (parts.fillId ? ' applyFill="1"' : "") +
      (parts.borderId ? ' applyBorder="1"' : "");
    return (
      this.cellFormats.push(
        `<xf numFmtId="${numFmtId}" fontId="${parts.fontId}" fillId="${parts.fillId}" borderId="${parts.borderId}" xfId="0"${apply}/>`,
      ) - 1
    );
  }

  private numberFormatId(format: string): number {
    const builtIn = BUILT_IN_FORMATS[format];
    if (builtIn !== undefined) return builtIn;
    let id = this.customFormats.get(format);
    if (id === undefined) {
      id = FIRST_CUSTOM_FORMAT + this.customFormats.size;
      this.customFormats.set(format, id);
    }
    return id;
  }

  private styleParts(style: CellStyle): StyleParts {
    let parts = this.parts.get(style);
    if (!parts) {
      const look = STYLE_LOOKS[style];
      const hasFont = look.bold !== undefined || look.italic !== undefined || look.fontSize !== undefined || look.fontColor !== undefined;
      parts = {
        fontId: hasFont ? this.fonts.push(fontXml(look)) - 1 : 0,
        fillId: look.fill ? this.fills.push(solidFill(look.fill, "fgColor")) - 1 : 0,
        borderId: look.borderTop || look.borderBottom ? this.borders.push(borderXml(look)) - 1 : 0,
      };
      this.parts.set(style, parts);
    }
    return parts;
  }

  /** The styles part for every format asked for so far. */
  xml(): string {
    const list = (tag: string, items: string[]) => `<${tag} count="${items.length}">${items.join("")}</${tag}>`;
    const numFmts = [...this.customFormats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return (
      XML_DECLARATION +
      `<styleSheet xmlns="${NS.main}">` +
      (numFmts.length > 0 ? list("numFmts", numFmts) : "") +
      list("fonts", this.fonts) +
      list("fills", this.fills) +
      list("borders", this.borders) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list("cellXfs", this.cellFormats) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      list("dxfs", this.differentials) +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      "</styleSheet>"
    );
  }
}

// The look of each named cell style, host-neutral: both writers (Office.js and ExcelJS) render from this one table.
import type { CellStyle } from "./sheet";

export interface StyleLook {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  /** `#RRGGBB` */
  fontColor?: string;
  fill?: string;
  /** Colour of a thin border line. */
  borderTop?: string;
  borderBottom?: string;
}

/**
 * Direct formatting rather than table styles for meaning: LibreOffice does not draw table
 * styles, and the blue of an editable cell must show in every viewer.
 */
export const STYLE_LOOKS: Record<CellStyle, StyleLook> = {
  title: { bold: true, fontSize: 14, fontColor: "#1F4E79" },
  subtitle: { bold: true, fontSize: 12, fontColor: "#1F4E79" },
  header: { bold: true, fontColor: "#000000", fill: "#D9D9D9", borderBottom: "#808080" },
  label: {},
  input: { fontColor: "#0000CC", fill: "#DDEBF7" },
  total: { bold: true, borderTop: "#808080" },
  note: { italic: true, fontColor: "#595959" },
  good: { fontColor: "#006100", fill: "#C6EFCE" },
  bad: { fontColor: "#9C0006", fill: "#FFC7CE" },
  warn: { fontColor: "#9C5700", fill: "#FFEB9C" },
};

// Style rules the cards share: text only a screen reader reads, and a list drawn without bullets.
import { type GriffelStyle } from "@fluentui/react-components";

/** Read by screen readers, not drawn: a cell's "(recommended)", a picture's numbers. */
export const visuallyHidden: GriffelStyle = {
  position: "absolute",
  width: "1px",
  height: "1px",
  overflow: "hidden",
  clipPath: "inset(50%)",
  whiteSpace: "nowrap",
};

/** A list without bullets or indent, its items stacked with `gap` between them. */
export function plainList(gap: string | 0 = 0): GriffelStyle {
  return { margin: 0, padding: 0, listStyleType: "none", display: "flex", flexDirection: "column", gap };
}

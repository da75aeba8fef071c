// Style rules the cards share: the card itself, text only a screen reader reads, and a list drawn without bullets.
import { tokens, type GriffelStyle } from "@fluentui/react-components";

/** A card's look (Section's, and the inputs card folded to one line): its padding is the card's own. */
export const cardLook: GriffelStyle = {
  backgroundColor: tokens.colorNeutralBackground1,
  borderRadius: tokens.borderRadiusLarge,
  boxShadow: tokens.shadow2,
  // Transparent, except in forced colours, where shadows vanish and the border draws the card.
  border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  minWidth: 0,
};

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

// Decides whether the task pane should use the dark Fluent theme, from the Office theme when the host gives one.

/** The part of `Office.context.officeTheme` the decision needs; older hosts leave out `isDarkTheme`. */
export interface OfficeThemeLike {
  isDarkTheme?: boolean;
  bodyBackgroundColor?: string;
}

export function isDarkOfficeTheme(theme: OfficeThemeLike | null | undefined): boolean {
  if (!theme) return false;
  if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme;
  const rgb = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(theme.bodyBackgroundColor ?? "");
  if (!rgb) return false;
  const [r, g, b] = rgb.slice(1).map((hex) => parseInt(hex, 16) / 255);
  // Relative luminance (sRGB weights without gamma is close enough to tell dark from light).
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

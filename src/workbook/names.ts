// How the planner matches names typed by people and names the cells it talks about.
import type { RawTable } from "./raw";
import { cellAddress, quoteSheetName } from "./sheet";
import { normalizeName } from "../template/schema";

// Names compare as the template says (src/template/schema.ts); re-exported for the readers.
export { normalizeName };


/**
 * The form in which names of things the planner plans (families, products, resources) are
 * compared: case-insensitive and ignoring surrounding and repeated spaces, like Excel's lookups.
 * Units are not stripped here: `Tools (EU)` and `Tools (US)` are two families.
 */
export function entityKey(s: string): string {
  return s.trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * Finds which of `names` a header means: the same name as an entity first, else the only one
 * with the same normalized form (so a `Line_1 (h)` column finds the resource `Line 1`).
 * Returns the index into `names`, or -1.
 */
export function matchHeaderToName(header: string, names: readonly string[]): number {
  const key = entityKey(header);
  const exact = names.findIndex((n) => entityKey(n) === key);
  if (exact >= 0) return exact;
  const normalized = normalizeName(header);
  const loose = names.flatMap((n, i) => (normalizeName(n) === normalized ? [i] : []));
  return loose.length === 1 ? loose[0] : -1;
}

/**
 * The address of a cell of a block, with its sheet, as Excel writes it: `Forecast!D7`,
 * `'My Sheet'!D7`. `row` and `col` are 0-based indices into `table.values`.
 */
export function cellRef(table: RawTable, row: number, col: number): string {
  return `${quoteSheetName(table.sheet)}!${cellAddress(table.top + row, table.left + col)}`;
}

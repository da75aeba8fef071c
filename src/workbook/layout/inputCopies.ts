// Lays out copies of the input blocks as read, each at its place; Excel tables stay tables.
import { isDateCell, isErrorCell, type RawCell, type RawTable } from "../raw";
import type { CellSpec, SheetSpec, TableSpec } from "../sheet";
import { FORMAT, INPUT_TABLE_STYLE, SheetGrid, tableBaseName, UniqueNames, VALID_TABLE_NAME } from "./kit";

/** A cell as read, as a constant of the copy: text stays text, dates get a date format, errors show as text. */
function copiedCell(cell: RawCell): CellSpec | null {
  if (cell === null) return null;
  if (isErrorCell(cell)) return { value: cell.error };
  if (isDateCell(cell)) return { value: cell.date, format: Number.isInteger(cell.date) ? FORMAT.date : FORMAT.dateTime };
  return { value: cell };
}

function displayLength(cell: CellSpec | null): number {
  if (!cell || cell.value === null || cell.value === undefined) return 0;
  if (cell.format === FORMAT.date) return 10;
  if (cell.format === FORMAT.dateTime) return 16;
  return String(cell.value).length;
}

/**
 * Copies of the blocks a reader returned, one sheet per worksheet in the order first seen, each
 * block at its place; Excel tables stay tables so the copy can be read back as an input.
 */
export function layoutInputSheets(tables: RawTable[]): SheetSpec[] {
  const bySheet = new Map<string, RawTable[]>();
  for (const block of tables) {
    const blocks = bySheet.get(block.sheet) ?? [];
    blocks.push(block);
    bySheet.set(block.sheet, blocks);
  }
  const tableNames = new UniqueNames(255, (n) => `_${n}`);
  const sheets: SheetSpec[] = [];
  for (const [sheet, blocks] of bySheet) {
    const grid = new SheetGrid();
    const tableSpecs: TableSpec[] = [];
    // Used ranges first, then tables over them: the same cells, so the order only matters for gaps.
    const ordered = [...blocks.filter((b) => !b.isTable), ...blocks.filter((b) => b.isTable)];
    for (const block of ordered) {
      block.values.forEach((line, r) =>
        line.forEach((cell, c) => {
          const copy = copiedCell(cell);
          if (copy || block.isTable) grid.set(block.top + r, block.left + c, copy);
        }),
      );
      const width = Math.max(0, ...block.values.map((line) => line.length));
      if (block.isTable && block.values.length > 0 && width > 0) {
        tableSpecs.push({
          name: tableNames.claim(VALID_TABLE_NAME.test(block.name) ? block.name : tableBaseName(block.name)),
          top: block.top,
          left: block.left,
          rows: Math.max(2, block.values.length),
          columns: width,
          style: INPUT_TABLE_STYLE,
        });
      }
    }
    const columnCount = Math.max(0, ...grid.cells.map((line) => line.length));
    const columnWidths = Array.from({ length: columnCount }, (_, c) =>
      Math.min(40, Math.max(9, ...grid.cells.map((line) => displayLength(line[c] ?? null) + 2))),
    );
    sheets.push({ name: sheet, cells: grid.cells, columnWidths, tables: tableSpecs });
  }
  return sheets;
}

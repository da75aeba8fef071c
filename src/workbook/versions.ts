// The planner-owned `SOP Versions` sheet: saved versions read back from the workbook (cell-named errors) and laid out again.
import {
  ALL_STRATEGIES,
  COST_KINDS,
  type CostBreakdown,
  type PlanMessage,
  versionKey,
  withProfitAndLoss,
  type PlanVersion,
  type VersionFamily,
  type VersionPeriod,
} from "../engine";
import { COST_LABEL, entityKey, normalizeName } from "../template/schema";
import { FORMAT, SheetGrid } from "./layout";
import { cellMessage } from "../template/cellMessages";
import { isBlankCell, readLabelCell, readNameCell, readNumberCell, valueOr, type CellReason } from "../template/cellReading";
import { serialOfTimestamp, timestampOfSerial } from "../template/dates";
import { cellRef } from "./names";
import { isDateCell, type RawTable } from "./raw";
import type { CellLocation, CellSpec, SheetSpec } from "./sheet";
import { trimBlock } from "./tables";
import { VERSIONS_SHEET_NAME, VERSIONS_TABLE_NAME } from "./reviewNames";

/** The amounts a version keeps per family and period, in the sheet's column order. */
type VersionAmount = Exclude<keyof VersionPeriod, "period" | "costs"> | `${keyof CostBreakdown}Cost`;

const AMOUNT_COLUMNS: readonly { key: VersionAmount; title: string }[] = [
  { key: "demand", title: "Demand" },
  { key: "shipped", title: "Shipped" },
  { key: "regular", title: "Regular" },
  { key: "overtime", title: "Overtime" },
  { key: "subcontract", title: "Subcontract" },
  { key: "workers", title: "Workers" },
  { key: "hired", title: "Hired" },
  { key: "laidOff", title: "Laid off" },
  { key: "inventory", title: "Inventory" },
  { key: "backlog", title: "Backlog" },
  ...COST_KINDS.map((kind) => ({ key: `${kind}Cost` as const, title: COST_LABEL[kind] })),
  { key: "totalCost", title: "Total cost" },
  { key: "revenue", title: "Revenue" },
  { key: "margin", title: "Margin" },
  { key: "inventoryValue", title: "Inventory value" },
  { key: "grossMargin", title: "P&L margin" },
];

/** Columns a version saved before the P&L view lacks: computed from its other columns when absent. */
const OPTIONAL_AMOUNTS: ReadonlySet<VersionAmount> = new Set(["inventoryValue", "grossMargin"]);

const KEY_COLUMNS = ["Version", "Saved", "Family", "Strategy", "Period"] as const;
export const VERSION_HEADERS: readonly string[] = [...KEY_COLUMNS, ...AMOUNT_COLUMNS.map((c) => c.title)];

/** A team's input saved beside the consensus: a column `Input: Sales` after the fixed ones, one per source. */
const INPUT_PREFIX = "Input: ";
const inputSourceOf = (cell: unknown): string | null => {
  const match = typeof cell === "string" ? /^\s*input\s*:\s*(.+?)\s*$/i.exec(cell) : null;
  return match ? match[1] : null;
};

/** Rows above the table: the title, a note and a blank line. */
const HEADER_ROW = 3;

const amountOf = (p: VersionPeriod, key: VersionAmount): number =>
  key.endsWith("Cost") && key !== "totalCost" ? p.costs[key.slice(0, -4) as keyof CostBreakdown] : (p[key as keyof VersionPeriod] as number);

// ---------------------------------------------------------------------------------------------
// Reading

/** The `SOP Versions` block among those a host read: its Excel table, else the sheet's used range. */
export function findVersionsBlock(blocks: readonly RawTable[]): RawTable | null {
  const key = normalizeName(VERSIONS_TABLE_NAME);
  const table = blocks.find((b) => b.isTable && normalizeName(b.name) === key);
  if (table) return table;
  const sheet = blocks.find((b) => !b.isTable && normalizeName(b.sheet) === key);
  return sheet ? trimBlock(sheet) : null;
}

/**
 * The versions saved in the workbook, in the order listed. Never throws: a cell the planner
 * cannot read is an error naming it (and the versions are then not used, so a run never writes
 * back less than the workbook holds). No `SOP Versions` sheet: no versions.
 */
export function parseVersions(block: RawTable | null): { versions: PlanVersion[]; messages: PlanMessage[] } {
  const messages: PlanMessage[] = [];
  if (!block || block.values.length === 0) return { versions: [], messages };
  const error = (row: number, col: number, message: string) => {
    const cell = cellRef(block, row, col);
    messages.push({ severity: "error", message: `${cell}: ${message}`, cell });
  };

  // The sheet's used range starts at the title; the table's header row is the first row that starts with `Version`.
  const headerRow = block.values.findIndex((row) => typeof row[0] === "string" && normalizeName(row[0]) === "version");
  if (headerRow < 0) {
    const cell = cellRef(block, 0, 0);
    messages.push({
      severity: "error",
      message: `${cell}: the ${VERSIONS_SHEET_NAME} sheet has no header row starting with "Version"; the planner keeps its saved versions there. Restore it from an earlier copy, or delete the sheet to start without versions.`,
      cell,
    });
    return { versions: [], messages };
  }
  const header = block.values[headerRow];
  const columnOf = new Map<string, number>();
  header.forEach((cell, c) => {
    if (typeof cell === "string" && !columnOf.has(normalizeName(cell))) columnOf.set(normalizeName(cell), c);
  });
  const column = (title: string): number | undefined => columnOf.get(normalizeName(title));
  const optional = new Set(AMOUNT_COLUMNS.filter(({ key }) => OPTIONAL_AMOUNTS.has(key)).map(({ title }) => title));
  const missing = VERSION_HEADERS.filter((title) => column(title) === undefined && !optional.has(title));
  const withPnl = [...optional].every((title) => column(title) !== undefined);
  if (missing.length > 0) {
    error(headerRow, 0, `the ${VERSIONS_SHEET_NAME} table has no column ${missing.map((m) => `"${m}"`).join(", ")}; its header must be ${VERSION_HEADERS.join(" | ")}.`);
    return { versions: [], messages };
  }

  /** A cell the kernel could not read, in the catalogue's words: `'SOP Versions'!H5 is text, not a number ("many"); …`. */
  const unreadable = (r: number, c: number, reason: CellReason, cell: unknown, title: string) => {
    const at = cellRef(block, r, c);
    messages.push({ severity: "error", message: cellMessage(at, reason, cell, { what: title }), cell: at });
  };
  const readText = (r: number, title: string, required: boolean): string | null => {
    const c = column(title)!;
    const cell = block.values[r][c] ?? null;
    const reading = title === "Period" ? readLabelCell(cell) : readNameCell(cell);
    if (reading.kind === "ok") return reading.value;
    if (reading.kind === "bad") unreadable(r, c, reading.reason, reading.cell, title);
    else if (required) error(r, c, `${title} is blank; every row of a saved version names its ${title.toLowerCase()}.`);
    return reading.kind === "blank" && !required ? "" : null;
  };
  const readNumber = (r: number, title: string): number | null => {
    const c = column(title)!;
    const reading = readNumberCell(block.values[r][c] ?? null);
    if (reading.kind === "bad") unreadable(r, c, reading.reason, reading.cell, title);
    return reading.kind === "bad" ? null : valueOr(reading, 0);
  };

  const inputColumns = header.flatMap((cell, c) => {
    const source = inputSourceOf(cell);
    return source === null ? [] : [{ source, c }];
  });
  const readInputs = (r: number): { source: string; units: number }[] | null => {
    const saved: { source: string; units: number }[] = [];
    for (const { source, c } of inputColumns) {
      const reading = readNumberCell(block.values[r][c] ?? null);
      if (reading.kind === "bad") {
        unreadable(r, c, reading.reason, reading.cell, `${INPUT_PREFIX}${source}`);
        return null;
      }
      if (reading.kind === "ok") saved.push({ source, units: reading.value });
    }
    return saved;
  };

  const versions: PlanVersion[] = [];
  const byName = new Map<string, { version: PlanVersion; families: Map<string, VersionFamily>; seen: Map<string, number> }>();
  for (let r = headerRow + 1; r < block.values.length; r++) {
    const row = block.values[r];
    if (row.every((cell) => isBlankCell(cell))) continue;
    const name = readText(r, "Version", true);
    const family = readText(r, "Family", true);
    const period = readText(r, "Period", true);
    const strategyText = readText(r, "Strategy", true);
    const strategy = strategyText === null ? null : ALL_STRATEGIES.find((s) => normalizeName(s) === normalizeName(strategyText));
    if (strategyText !== null && !strategy) {
      error(r, column("Strategy")!, `"${strategyText}" is not a strategy; choose from ${ALL_STRATEGIES.join(", ")}.`);
    }
    const savedCell = block.values[r][column("Saved")!] ?? null;
    let savedAt = "";
    if (savedCell !== null && isDateCell(savedCell)) savedAt = timestampOfSerial(savedCell.date);
    else if (typeof savedCell === "string") savedAt = savedCell.trim();
    else if (typeof savedCell === "number") savedAt = timestampOfSerial(savedCell);
    const amounts = AMOUNT_COLUMNS.map(({ title }) => (column(title) === undefined ? 0 : readNumber(r, title)));
    const inputs = readInputs(r);
    if (name === null || family === null || period === null || !strategy || amounts.some((a) => a === null) || inputs === null) continue;

    let entry = byName.get(versionKey(name));
    if (!entry) {
      entry = { version: { name, savedAt, families: [] }, families: new Map(), seen: new Map() };
      byName.set(versionKey(name), entry);
      versions.push(entry.version);
    }
    let saved = entry.families.get(entityKey(family));
    if (!saved) {
      saved = { family, strategy, periods: [] };
      entry.families.set(entityKey(family), saved);
      entry.version.families.push(saved);
    }
    const seenKey = `${entityKey(family)}\u0000${period.toLowerCase().replace(/\s+/g, "")}`;
    const earlier = entry.seen.get(seenKey);
    if (earlier !== undefined) {
      error(r, column("Period")!, `version "${name}" has ${family}, ${period} twice (rows ${block.top + earlier + 1} and ${block.top + r + 1}); keep one row.`);
      continue;
    }
    entry.seen.set(seenKey, r);
    const value = new Map(AMOUNT_COLUMNS.map(({ key }, i) => [key, amounts[i]!]));
    const costs = Object.fromEntries(COST_KINDS.map((kind) => [kind, value.get(`${kind}Cost`)!])) as unknown as CostBreakdown;
    saved.periods.push({
      period,
      demand: value.get("demand")!,
      shipped: value.get("shipped")!,
      regular: value.get("regular")!,
      overtime: value.get("overtime")!,
      subcontract: value.get("subcontract")!,
      workers: value.get("workers")!,
      hired: value.get("hired")!,
      laidOff: value.get("laidOff")!,
      inventory: value.get("inventory")!,
      backlog: value.get("backlog")!,
      costs,
      totalCost: value.get("totalCost")!,
      revenue: value.get("revenue")!,
      margin: value.get("margin")!,
      inventoryValue: value.get("inventoryValue")!,
      grossMargin: value.get("grossMargin")!,
      ...(inputs.length > 0 && { inputs }),
    });
  }
  if (!withPnl) for (const version of versions) for (const family of version.families) family.periods = withProfitAndLoss(family.periods);
  return messages.length > 0 ? { versions: [], messages } : { versions, messages };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Where each saved number sits, so the variance formulas can read it: version → family → period → row. */
export interface VersionCells {
  /** The cell of a version's family, period and amount; undefined when not saved. */
  location(version: string, family: string, period: string, amount: VersionAmount): CellLocation | undefined;
}

/** The amounts a version keeps per period, by the key the variance formulas use. */
export type { VersionAmount };

const cellKey = (version: string, family: string, period: string) =>
  `${versionKey(version)}\u0000${entityKey(family)}\u0000${period.toLowerCase().replace(/\s+/g, "")}`;

/**
 * The `SOP Versions` sheet: one row per version, family and period, as saved (constants: a
 * version is a record, not a model), oldest first. Later runs read it back and write it again
 * with their own version added.
 */
export function layoutVersionsSheet(versions: readonly PlanVersion[], sheetName = VERSIONS_SHEET_NAME): { sheet: SheetSpec; cells: VersionCells } {
  const grid = new SheetGrid();
  grid.set(0, 0, { value: "Saved plan versions", style: "title" });
  grid.set(1, 0, {
    value:
      "The recommended plans saved by name, one row per version, family and period (with each team's input, when the workbook had Forecast inputs). Runs add versions and never change them, and keep this sheet; SOP Variance and the demand review's accuracy read these cells. Delete a version from the task pane.",
    style: "note",
  });
  const sources: string[] = [];
  for (const version of versions)
    for (const family of version.families)
      for (const p of family.periods) for (const i of p.inputs ?? []) if (!sources.some((s) => versionKey(s) === versionKey(i.source))) sources.push(i.source);
  const headers = [...VERSION_HEADERS, ...sources.map((source) => `${INPUT_PREFIX}${source}`)];
  headers.forEach((title, c) => grid.set(HEADER_ROW, c, { value: title, style: "header" }));
  const rowOf = new Map<string, number>();
  let row = HEADER_ROW + 1;
  for (const version of versions) {
    const saved = serialOfTimestamp(version.savedAt);
    for (const family of version.families) {
      for (const p of family.periods) {
        const line: (CellSpec | null)[] = [
          { value: version.name },
          saved === null ? (version.savedAt ? { value: version.savedAt } : null) : { value: saved, format: FORMAT.dateTime },
          { value: family.family },
          { value: family.strategy },
          { value: p.period },
          ...AMOUNT_COLUMNS.map(({ key }) => ({
            value: amountOf(p, key),
            format: key === "workers" || key === "hired" || key === "laidOff" ? FORMAT.fractionalWorkers : key.endsWith("Cost") || key === "revenue" || key === "margin" || key === "grossMargin" || key === "inventoryValue" ? FORMAT.money : FORMAT.units,
          })),
          ...sources.map((source) => {
            const units = p.inputs?.find((i) => versionKey(i.source) === versionKey(source))?.units;
            return units === undefined ? null : { value: units, format: FORMAT.units };
          }),
        ];
        line.forEach((cell, c) => grid.set(row, c, cell));
        rowOf.set(cellKey(version.name, family.family, p.period), row);
        row++;
      }
    }
  }
  const dataRows = row - HEADER_ROW - 1;
  const amountColumn = new Map(AMOUNT_COLUMNS.map(({ key }, i) => [key, KEY_COLUMNS.length + i]));
  return {
    sheet: {
      name: sheetName,
      cells: grid.cells,
      columnWidths: [18, 17, 18, 12, 12, ...AMOUNT_COLUMNS.map(({ title }) => Math.max(11, title.length + 2)), ...sources.map((s) => Math.max(11, s.length + 9))],
      tables: [{ name: VERSIONS_TABLE_NAME, top: HEADER_ROW, left: 0, rows: Math.max(1, dataRows) + 1, columns: headers.length, style: "TableStyleLight9" }],
      freeze: { rows: HEADER_ROW + 1, columns: 1 },
      tabColor: "7F6000",
    },
    cells: {
      location: (version, family, period, amount) => {
        const r = rowOf.get(cellKey(version, family, period));
        return r === undefined ? undefined : { sheet: sheetName, row: r, column: amountColumn.get(amount)! };
      },
    },
  };
}

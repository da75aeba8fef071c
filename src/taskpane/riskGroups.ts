// Risks as the pane lists them: near-duplicates grouped by what they concern and by runs of periods, with units,
// severity, and the cell behind each (the Capacity sheet's line for a resource, else the risk's row on the Risks sheet).
import { type RiskFlag, type RiskKind, type Severity, percentText } from "../engine";
import { cellAddress, quoteSheetName, type SheetSpec, type WorkbookSpec } from "./planner";

import { SEVERITY_LABEL } from "../template/schema";


/** The schema's severity as the pane words it: the Risks sheet's `1 High` without the number that sorts it. */
export function severityWord(severity: Severity): string {
  return SEVERITY_LABEL[severity].replace(/^\d+\s*/, "");
}
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Risks of one kind about one thing (a resource, a family, a product) in consecutive periods. */
export interface RiskGroup {
  kind: RiskKind;
  severity: Severity;
  /** What it concerns: `Test`, `Cordless Drills`, `Drill 12V (Cordless Drills)`. */
  subject: string;
  /** The periods it covers, in order; empty for a horizon-wide risk. */
  periods: string[];
  /** The flags, in period order. */
  flags: RiskFlag[];
  /** The most serious flag of the group: the largest number behind it. */
  worst: RiskFlag;
  /** Index of each flag in the run's risk list (its row on the Risks sheet). */
  indexes: number[];
}

function subjectOf(flag: RiskFlag): string {
  if (flag.kind === "overload" || flag.kind === "underutilization" || flag.kind === "high-load") return flag.resource ?? flag.family ?? "";
  if (flag.kind === "opportunity") return `${flag.resource ?? ""}: ${flag.product ?? flag.family ?? ""}`;
  if (flag.product) return `${flag.product} (${flag.family ?? ""})`;
  return flag.family ?? flag.resource ?? "";
}

/**
 * Groups the run's risks, most serious first as the engine ordered them: flags of one kind about
 * one subject whose periods follow each other become one group (Oct, Nov, Dec → Oct – Dec).
 */
export function groupRisks(risks: readonly RiskFlag[], periods: readonly string[]): RiskGroup[] {
  const periodIndex = new Map(periods.map((p, t) => [p, t]));
  const byKey = new Map<string, { flag: RiskFlag; index: number }[]>();
  const order: string[] = [];
  risks.forEach((flag, index) => {
    const key = `${flag.kind}\u0000${subjectOf(flag)}\u0000${flag.period === undefined ? "horizon" : "period"}`;
    if (!byKey.has(key)) {
      byKey.set(key, []);
      order.push(key);
    }
    (byKey.get(key) as { flag: RiskFlag; index: number }[]).push({ flag, index });
  });
  const groups: { group: RiskGroup; first: number }[] = [];
  for (const key of order) {
    const members = (byKey.get(key) as { flag: RiskFlag; index: number }[])
      .slice()
      .sort((a, b) => (periodIndex.get(a.flag.period ?? "") ?? -1) - (periodIndex.get(b.flag.period ?? "") ?? -1));
    let run: { flag: RiskFlag; index: number }[] = [];
    const close = () => {
      if (run.length === 0) return;
      const flags = run.map((m) => m.flag);
      const worst = flags.reduce((a, b) => (SEVERITY_RANK[b.severity] < SEVERITY_RANK[a.severity] || (b.severity === a.severity && Math.abs(b.value ?? 0) > Math.abs(a.value ?? 0)) ? b : a));
      groups.push({
        group: {
          kind: flags[0].kind,
          severity: worst.severity,
          subject: subjectOf(flags[0]),
          periods: flags.flatMap((f) => f.periods ?? (f.period === undefined ? [] : [f.period])),
          flags,
          worst,
          indexes: run.map((m) => m.index),
        },
        first: Math.min(...run.map((m) => m.index)),
      });
      run = [];
    };
    for (const member of members) {
      const last = run[run.length - 1];
      const t = periodIndex.get(member.flag.period ?? "");
      const previous = last ? periodIndex.get(last.flag.period ?? "") : undefined;
      if (last && (t === undefined || previous === undefined || t !== previous + 1)) close();
      run.push(member);
    }
    close();
  }
  // The engine's order: a group stands where its most serious flag stood.
  return groups.sort((a, b) => a.first - b.first).map((g) => g.group);
}

/** The number behind a group in its unit: "up to 38.6 capacity units short", "1,200 units of backlog". */
export function groupAmount(group: RiskGroup, amount: (n: number) => string, money: (n: number) => string): string {
  const values = group.flags.map((f) => f.value).filter((v): v is number => v !== undefined);
  if (values.length === 0) return group.kind === "shortage" ? "Demand will go unmet" : "";
  const largest = values.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
  const total = values.reduce((a, b) => a + b, 0);
  const upTo = values.length > 1 ? "up to " : "";
  switch (group.kind) {
    case "overload":
      return `${upTo}${amount(largest)} capacity units short`;
    case "underutilization":
      return `${amount(total)} capacity units idle`;
    case "backlog":
      return `${upTo}${amount(largest)} units of backlog`;
    case "loss":
      return values.length > 1 ? `P&L margin ${money(total)} in all` : `P&L margin ${money(largest)}`;
    case "forecast-gap":
      return `${upTo}${largest > 0 ? "+" : ""}${amount(largest)} units between the family row and its products`;
    case "opportunity":
      return `${money(total)} more margin`;
    case "high-load":
      return `peak ${percentText(largest)} of capacity`;
    case "at-cap":
      return `${amount(total)} units at the cap`;
    default:
      return amount(largest);
  }
}

/** The worst flag's message without the `Subject, Period: ` the group's title already says. */
export function groupDetail(group: RiskGroup): string {
  const { worst } = group;
  const prefix = `${worst.resource ?? worst.family ?? ""}, ${worst.period ?? ""}: `;
  const message = worst.period && worst.message.startsWith(prefix) ? worst.message.slice(prefix.length) : worst.message;
  return group.flags.length > 1 && worst.period ? `Worst in ${worst.period}: ${message}` : message;
}

function findSheet(spec: WorkbookSpec, title: string): SheetSpec | undefined {
  return spec.sheets.find((s) => s.cells[0]?.[0]?.value === title);
}

/** The cell behind a group: its resource's line on the Capacity sheet in the worst period, else the worst flag's row on the Risks sheet. */
export function groupCell(group: RiskGroup, risks: readonly RiskFlag[], sheets: WorkbookSpec): string | null {
  const capacity = findSheet(sheets, "Rough-cut capacity");
  const { worst } = group;
  if (capacity && worst.resource && worst.period && (group.kind === "overload" || group.kind === "underutilization")) {
    const line = group.kind === "overload" ? "Overload" : "Idle";
    const header = capacity.cells.findIndex((row) => row?.[0]?.value === "Resource" && row?.[1]?.value === "Line");
    const column = header >= 0 ? (capacity.cells[header] ?? []).findIndex((cell) => cell?.value === worst.period) : -1;
    const row = capacity.cells.findIndex((r) => r?.[0]?.value === worst.resource && r?.[1]?.value === line);
    if (column >= 0 && row >= 0) return `${quoteSheetName(capacity.name)}!${cellAddress(row, column)}`;
  }
  const riskSheet = findSheet(sheets, "Risks and opportunities");
  const index = risks.indexOf(worst);
  if (!riskSheet || index < 0) return null;
  const header = riskSheet.cells.findIndex((row) => row?.[0]?.value === "Kind");
  return header >= 0 ? `${quoteSheetName(riskSheet.name)}!${cellAddress(header + 1 + index, 0)}` : null;
}

/** The Risks sheet's row of a risk (the first not listed in the pane, for "N more"). */
export function riskRowCell(index: number, sheets: WorkbookSpec): string | null {
  const riskSheet = findSheet(sheets, "Risks and opportunities");
  if (!riskSheet) return null;
  const header = riskSheet.cells.findIndex((row) => row?.[0]?.value === "Kind");
  return header >= 0 ? `${quoteSheetName(riskSheet.name)}!${cellAddress(header + 1 + index, 0)}` : null;
}

/** The Risks sheet and its table, for a filter on the table's `Kind` column; null when the run wrote none. */
export function riskTable(sheets: WorkbookSpec): { sheet: string; table: string } | null {
  const riskSheet = findSheet(sheets, "Risks and opportunities");
  const table = riskSheet?.tables?.[0];
  return riskSheet && table ? { sheet: riskSheet.name, table: table.name } : null;
}

/** The risks the pane does not list, by kind, in the order first met: what "N more" opens the Risks sheet filtered to. */
export function hiddenByKind(rest: readonly RiskGroup[]): { kind: RiskKind; count: number }[] {
  const counts = new Map<RiskKind, number>();
  for (const group of rest) counts.set(group.kind, (counts.get(group.kind) ?? 0) + group.flags.length);
  return [...counts].map(([kind, count]) => ({ kind, count }));
}

// The review after a run: this plan against the compared version (margin per family and the bridge that explains the
// change), against the budget, and the scenarios side by side, each with a link to its sheet. A card whose choices changed since the run is
// marked out of date, its figures greyed, with Run again.
import { Button, Caption1, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { ArrowClockwise20Regular, Open16Regular, Warning16Filled } from "@fluentui/react-icons";
import { useId, type ReactNode } from "react";
import {
  COST_KINDS,
  STRATEGY_LABELS,
  materialMarginChange,
  type ScenarioOutcome,
  bridgeStory,
  totalBridgeLabel,
  type VarianceReport,
  percentText,
  BUDGET_MEASURES,
  BUDGET_MEASURE_LABEL,
  budgetSentence,
  type BudgetComparisonLine,
} from "../../engine";
import { formatAmount, isShortened, tableUnit } from "../format";
import { useMoney, useNumberStyle } from "./numberStyle";
import { COST_KIND_LABEL } from "./WhyThisPlan";
import { Section } from "./Section";

const useStyles = makeStyles({
  scroller: { overflowX: "auto" },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, fontVariantNumeric: "tabular-nums" },
  caption: { textAlign: "left", color: tokens.colorNeutralForeground3, paddingBottom: tokens.spacingVerticalXXS },
  cell: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    textAlign: "right",
    whiteSpace: "nowrap",
    verticalAlign: "top",
  },
  first: { textAlign: "left", whiteSpace: "normal", overflowWrap: "break-word", fontWeight: tokens.fontWeightRegular },
  // A column head may wrap between its words ("P&L / margin"), so a narrow pane sizes the column by its figures.
  head: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "normal" },
  total: { fontWeight: tokens.fontWeightSemibold },
  up: { color: tokens.colorPaletteGreenForeground1 },
  down: { color: tokens.colorPaletteRedForeground1 },
  sub: { display: "block", whiteSpace: "normal", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
  note: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  open: { alignSelf: "flex-start" },
  // Out of date: a dashed edge (drawn in forced colours too) and the figures in the quieter text colour, no green or red.
  outOfDate: { border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}` },
  muted: { color: tokens.colorNeutralForeground3 },
  // Drawn from tokens and parts the pane already loads (a Fluent MessageBar would add 3 KB to the first paint's JavaScript).
  outOfDateNote: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-start",
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusWarningBorder1}`,
    backgroundColor: tokens.colorStatusWarningBackground1,
  },
  noteIcon: { flexShrink: 0, marginTop: "2px", color: tokens.colorPaletteDarkOrangeForeground1 },
  noteText: { flexGrow: 1, flexBasis: "200px", minWidth: 0, overflowWrap: "anywhere" },
  noteAction: { marginLeft: "auto" },
});

/** A card of the last run whose choices have changed since: why, and Run again (off while a run is going). */
export interface OutOfDateMark {
  reason: string;
  running: boolean;
  onRunAgain(): void;
}

function OutOfDateNote({ id, mark }: { id: string; mark: OutOfDateMark }) {
  const styles = useStyles();
  return (
    <div className={styles.outOfDateNote}>
      <Warning16Filled className={styles.noteIcon} aria-hidden="true" />
      <Text id={id} size={200} className={styles.noteText}>
        <Text weight="semibold" size={200}>
          Out of date.
        </Text>{" "}
        {mark.reason}
      </Text>
      <Button className={styles.noteAction} size="small" icon={<ArrowClockwise20Regular />} disabled={mark.running} onClick={mark.onRunAgain}>
        Run again
      </Button>
    </div>
  );
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The caption's unit for a table of these amounts: `; in €, k = thousands`. */
function unitOf(style: ReturnType<typeof useNumberStyle>, amounts: readonly number[]): string {
  const unit = tableUnit(style, amounts.some((a) => isShortened(a, style)));
  return unit ? ` (${unit})` : "";
}

/** What both review cards take besides their figures. */
interface ReviewCardProps {
  /** The sheet written, to open; null when the sheets are not in the workbook. */
  sheet: string | null;
  onOpenSheet(name: string): void;
  /** Set when the choices behind the card changed since the run. */
  outOfDate?: OutOfDateMark;
}

/** A review card: its section (dashed and described by the note when out of date), the figures, and the button that opens its sheet. */
function ReviewCard({ title, sheet, onOpenSheet, outOfDate, children }: ReviewCardProps & { title: string; children: ReactNode }) {
  const styles = useStyles();
  const noteId = useId();
  return (
    <Section title={title} className={outOfDate && styles.outOfDate} describedBy={outOfDate && noteId}>
      {outOfDate ? <OutOfDateNote id={noteId} mark={outOfDate} /> : null}
      {children}
      {sheet ? (
        <Button className={styles.open} size="small" icon={<Open16Regular />} onClick={() => onOpenSheet(sheet)} aria-label={`Open sheet ${sheet}`}>
          {sheet}
        </Button>
      ) : null}
    </Section>
  );
}

/** Green for a gain, red for a loss; neither on an out-of-date card, whose figures are not current. */
function changeTone(styles: ReturnType<typeof useStyles>, change: number, outOfDate: OutOfDateMark | undefined): string | undefined {
  if (outOfDate) return undefined;
  return change > 0.5 ? styles.up : change < -0.5 ? styles.down : undefined;
}

/** A change with its sign, as a review reads it: `+1,200`, `−350`. */
function signed(amount: number, money: (n: number) => string): string {
  const text = money(Math.abs(amount));
  if (text.replace(/[^1-9]/g, "") === "") return text;
  return amount >= 0 ? `+${text}` : `−${text}`;
}

interface VarianceProps extends ReviewCardProps {
  variance: VarianceReport;
}

/** P&L margin per family then and now, and what moved the total: volume, price, each kind of cost and the cost carried in stock. */
export function VarianceCard({ variance, ...card }: VarianceProps) {
  const { outOfDate } = card;
  const styles = useStyles();
  const money = useMoney(true);
  const style = useNumberStyle();
  const margins = variance.families.map((f) => {
    const lines = variance.lines.filter((l) => l.family === f.family && l.measure === "grossMargin");
    return { family: f.family, baseline: sum(lines.map((l) => l.baseline)), current: sum(lines.map((l) => l.current)) };
  });
  const total = variance.bridges.find((b) => b.family === null);
  const tone = (change: number) => changeTone(styles, change, outOfDate);
  const table = mergeClasses(styles.table, outOfDate && styles.muted);
  const steps = total
    ? [
        { label: "Demand volume", amount: total.volume },
        { label: "Price", amount: total.price },
        ...COST_KINDS.map((k) => ({ label: COST_KIND_LABEL[k], amount: total.costs[k] })),
        { label: "Cost carried in stock", amount: total.inventory },
      ].filter((s) => Math.abs(s.amount) > 0.5)
    : [];
  return (
    <ReviewCard title={`Since version ${variance.baseline.name}`} {...card}>
      <div className={styles.scroller}>
        <table className={table}>
          <caption className={styles.caption}>P&L margin by family, over the periods both plans have{unitOf(style, margins.flatMap((m) => [m.baseline, m.current]))}</caption>
          <ColumnHeads names={["Family", "Then", "Now", "Change"]} />
          <tbody>
            {margins.map((m) => (
              <tr key={m.family}>
                <th scope="row" className={mergeClasses(styles.cell, styles.first)}>
                  {m.family}
                </th>
                <td className={styles.cell}>{money(m.baseline)}</td>
                <td className={styles.cell}>{money(m.current)}</td>
                <td className={mergeClasses(styles.cell, tone(m.current - m.baseline))}>{signed(m.current - m.baseline, money)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total ? (
        <table className={table}>
          <caption className={styles.caption}>
            What moved the P&L margin, {totalBridgeLabel(variance).replace(/^All/, "all")}: {bridgeStory(total)}
            {unitOf(style, [total.baselineMargin, total.currentMargin, ...steps.map((x) => x.amount)])}
          </caption>
          <tbody>
            <tr>
              <th scope="row" className={mergeClasses(styles.cell, styles.first)}>
                Margin then
              </th>
              <td className={styles.cell}>{money(total.baselineMargin)}</td>
            </tr>
            {steps.map((s) => (
              <tr key={s.label}>
                <th scope="row" className={mergeClasses(styles.cell, styles.first)}>
                  {s.label}
                </th>
                <td className={mergeClasses(styles.cell, tone(s.amount))}>{signed(s.amount, money)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" className={mergeClasses(styles.cell, styles.first, styles.total)}>
                Margin now
              </th>
              <td className={mergeClasses(styles.cell, styles.total)}>{money(total.currentMargin)}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
      {variance.notes.map((note) => (
        <Caption1 key={note} className={styles.note}>
          {note}
        </Caption1>
      ))}
    </ReviewCard>
  );
}

interface ScenariosProps extends ReviewCardProps {
  /** The base plan first, then each scenario. */
  scenarios: readonly ScenarioOutcome[];
}

/** The scenarios beside the base plan: cost, margin, backlog and the busiest resource, and what each recommends. */
export function ScenariosCard({ scenarios, ...card }: ScenariosProps) {
  const { outOfDate } = card;
  const styles = useStyles();
  const money = useMoney(true);
  const style = useNumberStyle();
  const base = scenarios[0];
  return (
    <ReviewCard title="Scenarios" {...card}>
      <div className={styles.scroller}>
        <table className={mergeClasses(styles.table, outOfDate && styles.muted)}>
          <caption className={styles.caption}>The recommended plans under each scenario, P&L view{unitOf(style, scenarios.flatMap((x) => [x.revenue - x.grossMargin, x.grossMargin]))}</caption>
          <ColumnHeads names={["Scenario", "P&L cost", "P&L margin", "Peak use"]} />
          <tbody>
            {scenarios.map((s, i) => {
              // Within the solvers' gap the difference is no change, said in words.
              const change = i > 0 && base ? materialMarginChange(s, base) : 0;
              const peak = s.peakUtilization;
              return (
                <tr key={s.scenario}>
                  <th scope="row" className={mergeClasses(styles.cell, styles.first)}>
                    {s.scenario}
                    {s.changes.length > 0 ? <span className={styles.sub}>{s.changes.join("; ")}</span> : null}
                    <span className={styles.sub}>
                      {s.families.map((f) => `${f.family}: ${f.recommended ? STRATEGY_LABELS[f.recommended] : "no feasible plan"}`).join(" · ")}
                    </span>
                    {s.peakBacklog > 0.5 ? <span className={styles.sub}>peak backlog {formatAmount(s.peakBacklog)} units</span> : null}
                    {s.unmet > 0.5 ? (
                      <span className={styles.sub}>
                        {formatAmount(s.unmet)} units of demand unmet of {formatAmount(s.shipped + s.unmet)}, {money(s.revenueAtRisk)} of revenue at risk
                      </span>
                    ) : null}
                    {s.infeasible.length > 0 ? <span className={styles.sub}>no feasible plan for {s.infeasible.join(", ")} (the closest is counted)</span> : null}
                  </th>
                  <td className={styles.cell}>{money(s.revenue - s.grossMargin)}</td>
                  <td className={styles.cell}>
                    {money(s.grossMargin)}
                    {i > 0 ? (
                      <span className={mergeClasses(styles.sub, changeTone(styles, change ?? 0, outOfDate))}>{change === null ? "no material change" : signed(change, money)}</span>
                    ) : null}
                  </td>
                  <td className={styles.cell}>
                    {peak ? percentText(peak.utilization) : "—"}
                    {peak ? <span className={styles.sub}>{peak.resource}, {peak.period}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </ReviewCard>
  );
}

interface BudgetProps extends ReviewCardProps {
  /** The engine's comparison: per family and measure, then the totals (family null). */
  lines: readonly BudgetComparisonLine[];
}

/** The recommended plans against the Budget table over the horizon: units shipped, revenue and P&L margin per family and in total, and the sentence the executive summary says. */
export function BudgetCard({ lines, ...card }: BudgetProps) {
  const { outOfDate } = card;
  const styles = useStyles();
  const money = useMoney(true);
  const style = useNumberStyle();
  const families = [...new Set(lines.flatMap((l) => (l.family === null ? [] : [l.family])))];
  const groups = [...families, null].map((family) => ({ family, lines: BUDGET_MEASURES.flatMap((m) => lines.filter((l) => l.family === family && l.measure === m)) }));
  const shown = (line: BudgetComparisonLine, n: number) => (line.measure === "units" ? formatAmount(n) : money(n));
  const sentence = budgetSentence(lines);
  return (
    <ReviewCard title="Plan against budget" {...card}>
      <div className={styles.scroller}>
        <table className={mergeClasses(styles.table, outOfDate && styles.muted)}>
          <caption className={styles.caption}>
            The recommended plans against the Budget table, P&L view, over the horizon
            {unitOf(style, lines.filter((l) => l.measure !== "units").flatMap((l) => [l.planTotal, l.budgetTotal]))}
          </caption>
          <ColumnHeads names={["Line", "Plan", "Budget", "vs budget"]} />
          {groups.map((group) => (
            <tbody key={group.family ?? "\u0000all"}>
              <tr>
                <th scope="rowgroup" colSpan={4} className={mergeClasses(styles.cell, styles.first, group.family === null && styles.total)}>
                  {group.family ?? "All families"}
                </th>
              </tr>
              {group.lines.map((line) => (
                <tr key={line.measure}>
                  <th scope="row" className={mergeClasses(styles.cell, styles.first)}>
                    {BUDGET_MEASURE_LABEL[line.measure]}
                  </th>
                  <td className={styles.cell}>{shown(line, line.planTotal)}</td>
                  <td className={styles.cell}>{shown(line, line.budgetTotal)}</td>
                  <td className={mergeClasses(styles.cell, changeTone(styles, line.varianceTotal, outOfDate))}>
                    {signed(line.varianceTotal, (n) => shown(line, n))}
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      {sentence ? <Caption1 className={styles.note}>{sentence}</Caption1> : null}
    </ReviewCard>
  );
}

/** A table's header row: the first column names the rows, the others are figures. */
function ColumnHeads({ names }: { names: readonly string[] }) {
  const styles = useStyles();
  return (
    <thead>
      <tr>
        {names.map((name, i) => (
          <th key={name} scope="col" className={mergeClasses(styles.cell, i === 0 && styles.first, styles.head)}>
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}

// Why a family's plan was chosen, on request: cost by kind against the runner-up (small bars), revenue and margin, the
// workforce moves, how the solver did, what the limits cost, and any capacity note (the reason in a sentence is recommendationText's).
import { Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { type BindingConstraint, COST_KINDS, type CostBreakdown, type FamilyResult, type PlanResult, STRATEGY_LABELS, solveReportText } from "../../engine";
import { formatAmount } from "../format";
import { useMoney } from "./numberStyle";

export const COST_KIND_LABEL: Record<keyof CostBreakdown, string> = {
  regular: "Regular time",
  overtime: "Overtime",
  hiring: "Hiring",
  layoff: "Layoffs",
  holding: "Holding stock",
  backorder: "Backorders",
  subcontract: "Subcontracting",
  material: "Material",
};

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, paddingTop: tokens.spacingVerticalXS },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, fontVariantNumeric: "tabular-nums" },
  caption: { textAlign: "left", color: tokens.colorNeutralForeground3, paddingBottom: tokens.spacingVerticalXXS },
  cell: { padding: `1px ${tokens.spacingHorizontalXXS}`, textAlign: "right", whiteSpace: "nowrap", verticalAlign: "top" },
  kind: { textAlign: "left", fontWeight: tokens.fontWeightRegular, whiteSpace: "normal" },
  head: { fontWeight: tokens.fontWeightSemibold },
  // A thin bar under each number: its share of the largest cost of either plan, so the kinds compare at a glance.
  bar: { height: "4px", borderRadius: "2px", minWidth: "1px", marginLeft: "auto", marginTop: "1px", forcedColorAdjust: "none" },
  chosen: { backgroundColor: tokens.colorBrandBackground, "@media (forced-colors: active)": { backgroundColor: "Highlight" } },
  other: { backgroundColor: tokens.colorNeutralForeground3, "@media (forced-colors: active)": { backgroundColor: "CanvasText" } },
  facts: { margin: 0, display: "grid", gridTemplateColumns: "auto minmax(0, 1fr)", columnGap: tokens.spacingHorizontalM, rowGap: "2px", fontSize: tokens.fontSizeBase200 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, fontVariantNumeric: "tabular-nums", overflowWrap: "anywhere" },
  note: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  barCell: { width: "34%" },
  limits: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200, display: "flex", flexDirection: "column", gap: "2px" },
});

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** How many of the limits the optimal plan presses against the card names; the plan's sheet has them all. */
export const LIMITS_SHOWN = 3;

/**
 * A limit the optimal plan presses against and what loosening it is worth, in the planner's words:
 * "One more unit of Test capacity in Nov 2027 saves 14.20".
 */
export function limitText(binding: BindingConstraint, money: (amount: number) => string): string {
  const saves = `saves ${money(binding.saving)}`;
  switch (binding.kind) {
    case "capacity":
      return `One more unit of ${binding.resource ?? "capacity"} capacity in ${binding.period} ${saves}`;
    case "overtime cap":
      return `One more unit of overtime allowed in ${binding.period} ${saves}`;
    case "subcontract cap":
      return `One more unit of subcontracting allowed in ${binding.period} ${saves}`;
    case "safety stock":
      return `One unit less of safety stock in ${binding.period} ${saves}`;
    case "ending inventory":
      return `One unit less of ending inventory ${saves}`;
    case "no backorders":
      return `One unit of backlog allowed in ${binding.period} ${saves}`;
    case "no idle time":
      return `One unit of idle time allowed in ${binding.period} ${saves}`;
  }
}

/** How the solver did, for the optimal plan. */
export function solverText(plan: PlanResult): string | null {
  const solve = plan.solve;
  if (!solve) return null;
  // The engine's one sentence (the command line prints the same), capitalised.
  const text = solveReportText(solve);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function Fact({ term, children }: { term: string; children: string }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value}>{children}</dd>
    </>
  );
}

/** The limits the optimal plan presses against, what loosening each would save, largest first. */
function Limits({ plan, best }: { plan: PlanResult; best: PlanResult }) {
  const styles = useStyles();
  const money = useMoney();
  const bindings = plan.why?.bindings ?? [];
  if (!plan.why) return null;
  if (bindings.length === 0) {
    return <Caption1 className={styles.note}>No limit binds: more capacity, overtime or stock room would not make this plan cheaper.</Caption1>;
  }
  const shown = bindings.slice(0, LIMITS_SHOWN);
  const capacity = plan.why.resources.filter((r) => r.marginalValue.some((v) => v > 0)).map((r) => r.resource);
  return (
    <div>
      <Caption1 className={styles.caption} as="p">
        What the limits cost {plan.strategy === best.strategy ? "this plan" : "the optimal plan"}{capacity.length > 0 ? ` (capacity binds on ${capacity.join(", ")})` : ""}
      </Caption1>
      <ul className={styles.limits} aria-label="What the limits cost">
        {shown.map((b) => (
          <li key={`${b.kind}-${b.resource ?? ""}-${b.periodIndex}`}>{limitText(b, money)}</li>
        ))}
      </ul>
      {bindings.length > shown.length ? <Caption1 className={styles.note}>{bindings.length - shown.length} more on the family's sheet.</Caption1> : null}
    </div>
  );
}

export function WhyThisPlan({ family, best, next }: { family: FamilyResult; best: PlanResult; next: PlanResult | null }) {
  const styles = useStyles();
  const formatMoney = useMoney();
  const kinds = COST_KINDS.filter((k) => Math.abs(best.costs[k]) > 0.5 || (next !== null && Math.abs(next.costs[k]) > 0.5));
  const largest = Math.max(1, ...kinds.flatMap((k) => [best.costs[k], next?.costs[k] ?? 0]));
  const hires = sum(best.periods.map((p) => p.hired));
  const layoffs = sum(best.periods.map((p) => p.laidOff));
  const overtime = sum(best.periods.map((p) => p.overtime));
  const subcontract = sum(best.periods.map((p) => p.subcontract));
  const peakBacklog = Math.max(0, ...best.periods.map((p) => p.backlog));
  const share = (margin: number) => (best.revenue > 0 ? ` (${((margin / best.revenue) * 100).toLocaleString(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} % of revenue)` : "");
  const solver = solverText(best);
  const width = (value: number) => `${Math.max(0, (value / largest) * 100)}%`;
  return (
    <div className={styles.box}>
      {kinds.length > 0 ? (
        <table className={styles.table}>
          <caption className={styles.caption}>Cost by kind{next ? `: ${STRATEGY_LABELS[best.strategy]} against ${STRATEGY_LABELS[next.strategy]}` : ""}</caption>
          <thead>
            <tr>
              <th scope="col" className={mergeClasses(styles.cell, styles.kind, styles.head)}>
                Kind
              </th>
              <th scope="col" className={mergeClasses(styles.cell, styles.head)}>
                {STRATEGY_LABELS[best.strategy]}
              </th>
              {next ? (
                <th scope="col" className={mergeClasses(styles.cell, styles.head)}>
                  {STRATEGY_LABELS[next.strategy]}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k}>
                <th scope="row" className={mergeClasses(styles.cell, styles.kind)}>
                  {COST_KIND_LABEL[k]}
                </th>
                <td className={mergeClasses(styles.cell, styles.barCell)}>
                  {formatMoney(best.costs[k])}
                  <div className={mergeClasses(styles.bar, styles.chosen)} style={{ width: width(best.costs[k]) }} aria-hidden="true" />
                </td>
                {next ? (
                  <td className={mergeClasses(styles.cell, styles.barCell)}>
                    {formatMoney(next.costs[k])}
                    <div className={mergeClasses(styles.bar, styles.other)} style={{ width: width(next.costs[k]) }} aria-hidden="true" />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <dl className={styles.facts}>
        <Fact term="Revenue">{formatMoney(best.revenue)}</Fact>
        <Fact term="P&L margin">{`${formatMoney(best.grossMargin)}${share(best.grossMargin)}`}</Fact>
        <Fact term="Cash margin">{`${formatMoney(best.margin)}${share(best.margin)}`}</Fact>
        <Fact term="Workforce">{`${formatAmount(hires)} hired, ${formatAmount(layoffs)} laid off`}</Fact>
        <Fact term="Overtime">{`${formatAmount(overtime)} units`}</Fact>
        <Fact term="Subcontracted">{`${formatAmount(subcontract)} units`}</Fact>
        {peakBacklog > 0.5 ? <Fact term="Peak backlog">{`${formatAmount(peakBacklog)} units`}</Fact> : null}
        {solver ? <Fact term="Solver">{solver}</Fact> : null}
      </dl>
      <Limits plan={family.plans.find((p) => p.strategy === "optimal" && p.why) ?? best} best={best} />
      {family.capacityNote ? <Caption1 className={styles.note}>Capacity: {family.capacityNote}.</Caption1> : null}
    </div>
  );
}

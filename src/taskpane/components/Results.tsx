// Plan costs per family and strategy, the recommended plan of each family against the next cheapest, and the total.
import { Caption1, Subtitle2, makeStyles, mergeClasses, Switch, Text, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";
import { recommendation, recommendationSentence, unmetDemandText } from "../../engine";
import { ALL_STRATEGIES, type FamilyResult, type PlanResult, STRATEGY_LABELS, type StrategyName } from "../../engine/model";
import { formatAmount, formatMoney, isShortened, plural, tableUnit } from "../format";
import { useMoney, useNumberStyle } from "./numberStyle";
import { Section } from "./Section";
import { plainList, visuallyHidden } from "./styles";
import { DisclosureButton } from "./DisclosureButton";
import { WhyThisPlan } from "./WhyThisPlan";

const useStyles = makeStyles({
  headline: {
    display: "flex",
    flexDirection: "column",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground2,
  },
  headlineLabel: { color: tokens.colorNeutralForeground2 },
  capacityError: { color: tokens.colorPaletteRedForeground1 },
  headlineValue: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: "tabular-nums",
  },
  // The unit goes to the right of the title, or under it when the pane is too narrow for both.
  captionLine: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  unit: { marginLeft: "auto" },
  scroller: {
    // Very long family names or many strategies scroll instead of squeezing a 320 px pane.
    overflowX: "auto",
  },
  table: {
    width: "100%",
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    fontVariantNumeric: "tabular-nums",
  },
  caption: {
    textAlign: "left",
    color: tokens.colorNeutralForeground3,
    paddingBottom: tokens.spacingVerticalXS,
  },
  cell: {
    // Narrow padding: four strategy columns and the family fit a 320 px pane.
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    textAlign: "right",
    whiteSpace: "nowrap",
  },
  family: {
    textAlign: "left",
    whiteSpace: "normal",
    // Breaks between words; only a word wider than the pane is cut (`anywhere` would cut every word).
    overflowWrap: "break-word",
    minWidth: "52px",
    fontWeight: tokens.fontWeightRegular,
  },
  head: { fontWeight: tokens.fontWeightSemibold },
  recommended: {
    fontWeight: tokens.fontWeightBold,
    color: tokens.colorPaletteGreenForeground1,
  },
  // "not feasible" on two lines, a size down (it is the note, the costs are the figures): four strategy
  // columns still fit a 320 px pane when capacity rules out two plans of a family.
  infeasible: { color: tokens.colorNeutralForeground3, whiteSpace: "normal", fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100 },
  visuallyHidden,
  list: plainList(tokens.spacingVerticalM),
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  why: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, overflowWrap: "break-word" },
  whyToggle: { alignSelf: "flex-start", paddingLeft: 0, minWidth: 0 },
});

/** Strategies that have a plan in the results, in the planner's own order (columns do not move with the order of clicks). */
function strategiesIn(results: readonly FamilyResult[]): StrategyName[] {
  return ALL_STRATEGIES.filter((s) => results.some((family) => family.plans.some((plan) => plan.strategy === s)));
}

/** The total cost of the recommended plans, and how many families have none. */
export function recommendedTotal(results: readonly FamilyResult[]): { total: number; withoutPlan: number } {
  let total = 0;
  let withoutPlan = 0;
  for (const family of results) {
    const { best } = recommendation(family);
    if (best) total += best.totalCost;
    else withoutPlan++;
  }
  return { total, withoutPlan };
}

function CostCell({ plan, isBest }: { plan: PlanResult | undefined; isBest: boolean }) {
  const styles = useStyles();
  const money = useMoney(true);
  if (!plan) {
    return (
      <td className={mergeClasses(styles.cell, styles.infeasible)}>
        <span aria-hidden="true">—</span>
        <span className={styles.visuallyHidden}>no plan</span>
      </td>
    );
  }
  if (!plan.feasible) {
    // Its cost, marked: as narrow as a feasible cell, so the table keeps to a 320 px pane; why on hover.
    return (
      <td className={mergeClasses(styles.cell, styles.infeasible, isBest && styles.recommended)} title={plan.violations[0]?.message}>
        <span aria-hidden="true">✗ </span>
        {money(plan.totalCost)}
        <span className={styles.visuallyHidden}> (not feasible{isBest ? ", shown as the closest plan" : ""})</span>
      </td>
    );
  }
  return (
    <td className={mergeClasses(styles.cell, isBest && styles.recommended)}>
      {isBest ? <span aria-hidden="true">✓ </span> : null}
      {money(plan.totalCost)}
      {isBest ? <span className={styles.visuallyHidden}> (recommended)</span> : null}
    </td>
  );
}

function RecommendationLine({ family }: { family: FamilyResult }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const { best, next } = recommendation(family);
  const money = useMoney();
  if (!best) {
    const reason = family.plans.flatMap((p) => p.violations)[0]?.message;
    return (
      <li className={styles.why}>
        <Text weight="semibold">{family.family}</Text>: no feasible plan{reason ? `. ${reason}` : ""}
      </li>
    );
  }
  return (
    <li className={styles.why}>
      <span>
        <Text weight="semibold">{family.family}</Text>: {STRATEGY_LABELS[best.strategy]} plan, {money(best.totalCost)}
      </span>
      <RecommendationWhy family={family} best={best} />
      <DisclosureButton className={styles.whyToggle} open={open} controls={detailsId} onToggle={() => setOpen(!open)} appearance="transparent">
        {open ? "Hide why" : `Why ${STRATEGY_LABELS[best.strategy]}: costs, margin, workforce`}
      </DisclosureButton>
      {open ? (
        <div id={detailsId}>
          <WhyThisPlan family={family} best={best} next={next} />
        </div>
      ) : null}
    </li>
  );
}

/** Why this plan, in the engine's words (the command line's and the Summary sheet's), an error when it does not fit the capacity. */
function RecommendationWhy({ family, best }: { family: FamilyResult; best: PlanResult }) {
  const styles = useStyles();
  const money = useMoney();
  const words = { label: (s: StrategyName) => STRATEGY_LABELS[s], money, units: formatAmount };
  const unmet = unmetDemandText(best, words);
  const sentence = `${recommendationSentence(family, words)}${unmet ? ` It leaves ${unmet}.` : ""}`;
  return family.capacityError ? <Text className={styles.capacityError}>Error: {sentence}</Text> : <Text size={200}>{sentence}</Text>;
}

interface ResultsProps {
  results: readonly FamilyResult[];
  /** Shows every digit of the amounts (true), or a million and more in thousands, marked `k`. */
  onFullValues(full: boolean): void;
}

export function Results({ results, onFullValues }: ResultsProps) {
  const styles = useStyles();
  const columns = strategiesIn(results);
  const { total, withoutPlan } = recommendedTotal(results);
  const style = useNumberStyle();
  const money = useMoney();
  // Offered when an amount is shortened to thousands (or was, before the full values were asked for).
  const largest = results.reduce((m, f) => f.plans.reduce((n, p) => Math.max(n, Math.abs(p.totalCost)), m), Math.abs(total));
  const offerFull = isShortened(largest, { ...style, full: false });
  const captionId = useId();
  return (
    <Section
      title="Results"
      actions={
        offerFull ? (
          <Switch
            label="Full values"
            checked={style.full}
            onChange={(_, data) => onFullValues(data.checked)}
            title="Every digit, instead of thousands (k)"
          />
        ) : null
      }
    >
      <div className={styles.headline}>
        <Caption1 className={styles.headlineLabel}>Total of recommended plans</Caption1>
        <Text className={styles.headlineValue} title={isShortened(total, style) ? formatMoney(total, { ...style, full: true }) : undefined}>
          {money(total)}
        </Text>
        {withoutPlan > 0 ? <Caption1>{plural(withoutPlan, "family", "families")} without a feasible plan</Caption1> : null}
      </div>
      <div className={styles.scroller}>
        <table className={styles.table} aria-labelledby={captionId}>
          <caption className={styles.caption}>
            <span className={styles.captionLine}>
              <span id={captionId}>Total cost by family and strategy</span>
              {tableUnit(style, offerFull && !style.full) ? <span className={styles.unit}>{tableUnit(style, offerFull && !style.full)}</span> : null}
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col" className={mergeClasses(styles.cell, styles.family, styles.head)}>
                Family
              </th>
              {columns.map((s) => (
                <th key={s} scope="col" className={mergeClasses(styles.cell, styles.head)}>
                  {STRATEGY_LABELS[s]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {results.map((family) => (
              <tr key={family.family}>
                <th scope="row" className={mergeClasses(styles.cell, styles.family)}>
                  {family.family}
                </th>
                {columns.map((s) => (
                  <CostCell key={s} plan={family.plans.find((p) => p.strategy === s)} isBest={family.recommended === s} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Subtitle2 as="h3" className={styles.subheading}>
        Why these plans
      </Subtitle2>
      <ul className={styles.list} aria-label="Recommended plans">
        {results.map((family) => (
          <RecommendationLine key={family.family} family={family} />
        ))}
      </ul>
    </Section>
  );
}

// The Demand review card: per family, the statistical baseline's method and holdout accuracy, the saved forecasts' bias
// when versions meet actuals, the consensus against the baseline, and a sparkline of the history running into the baseline
// and its 95 % interval; a button (named Go to sheet, showing the sheet's name as the other cards do) opens SOP Demand review. Every figure is the run's (the sheet's and the JSON's).
import { Button, Caption1, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { Open16Regular } from "@fluentui/react-icons";
import type { DemandReview, DemandReviewLine } from "../../engine/demandReview";
import { percentText } from "../../engine/numberText";
import { formatAmount, formatSpan, plural } from "../format";
import { Section } from "./Section";
import { plainList } from "./styles";

const useStyles = makeStyles({
  families: plainList(tokens.spacingVerticalM),
  family: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  facts: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  alarm: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  svg: { width: "100%", height: "40px", display: "block" },
  history: { stroke: tokens.colorNeutralForeground2, "@media (forced-colors: active)": { stroke: "CanvasText" } },
  baseline: { stroke: tokens.colorBrandForeground1, "@media (forced-colors: active)": { stroke: "Highlight" } },
  consensus: { stroke: tokens.colorPaletteDarkOrangeForeground1, "@media (forced-colors: active)": { stroke: "GrayText" } },
  band: { fill: tokens.colorBrandBackground2, "@media (forced-colors: active)": { fill: "GrayText" } },
  key: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground2 },
  swatch: { display: "inline-block", width: "12px", height: 0, marginRight: "4px", verticalAlign: "middle", forcedColorAdjust: "none" },
  swatchHistory: { borderTop: `2px solid ${tokens.colorNeutralForeground2}` },
  swatchBaseline: { borderTop: `2px solid ${tokens.colorBrandForeground1}` },
  swatchConsensus: { borderTop: `2px dashed ${tokens.colorPaletteDarkOrangeForeground1}` },
  swatchBand: { height: "8px", borderRadius: "2px", backgroundColor: tokens.colorBrandBackground2 },
  open: { alignSelf: "flex-start" },
});

/**
 * The accuracy of the saved versions' demand against the actuals, per family and lag (the engine's
 * forecast accuracy, where the run has it): the card shows the shortest lag's bias.
 */
export interface SavedForecastAccuracy {
  family: string;
  lags: readonly { lag: number; periods: number; bias: number | null; trackingAlarm?: boolean }[];
}

export interface DemandReviewCardProps {
  review: DemandReview;
  /** With saved versions that meet the actuals; absent or empty: no bias line. */
  accuracy?: readonly SavedForecastAccuracy[];
  /** The Demand review sheet, when written; null: no Go to sheet. */
  sheet: string | null;
  onOpenSheet(name: string): void;
}

const W = 160;
const H = 40;

/** `+3.1 %`, `−2.0 %`: a signed share, as the review reads bias and overrides. */
function signedPercent(ratio: number): string {
  const text = percentText(Math.abs(ratio));
  return ratio > 0.0005 ? `+${text}` : ratio < -0.0005 ? `−${text}` : text;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The history (left) running into the baseline and its 95 % band (right), with the consensus dashed over the baseline's periods. */
function Sparkline({ line }: { line: DemandReviewLine }) {
  const styles = useStyles();
  const history = line.actuals;
  const points = line.points;
  const count = history.length + points.length;
  const top = Math.max(1, ...history, ...points.map((p) => p.hi95), ...(line.consensus ?? []));
  const x = (i: number) => (count <= 1 ? W / 2 : (i / (count - 1)) * W);
  const y = (v: number) => H - 2 - (v / top) * (H - 4);
  const path = (values: readonly number[], from: number) => values.map((v, i) => `${x(from + i)},${y(v)}`).join(" ");
  const first = history.length;
  // The band: the upper bound left to right, then the lower bound back.
  const band = [...points.map((p, i) => `${x(first + i)},${y(p.hi95)}`), ...points.map((p, i) => `${x(first + i)},${y(p.lo95)}`).reverse()].join(" ");
  return (
    <svg className={styles.svg} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {points.length > 0 ? <polygon className={styles.band} points={band} /> : null}
      <polyline className={styles.history} points={path(history, 0)} fill="none" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
      {points.length > 0 ? (
        <polyline
          className={styles.baseline}
          points={path([history[history.length - 1], ...points.map((p) => p.forecast)], first - 1)}
          fill="none"
          strokeWidth="2"
          vectorEffect="non-scaling-stroke"
        />
      ) : null}
      {line.consensus && line.consensus.length > 0 ? (
        <polyline className={styles.consensus} points={path(line.consensus, first)} fill="none" strokeWidth="1.5" strokeDasharray="3 2" vectorEffect="non-scaling-stroke" />
      ) : null}
    </svg>
  );
}

function FamilyReview({ line, review, accuracy }: { line: DemandReviewLine; review: DemandReview; accuracy: SavedForecastAccuracy | undefined }) {
  const styles = useStyles();
  const b = line.baseline;
  const holdout = b.holdout.periods > 0 ? `holdout MASE ${b.mase === null ? "n/a" : b.mase.toFixed(3)}, WAPE ${b.wape === null ? "n/a" : percentText(b.wape)}` : "no holdout";
  const runnerUp = b.runnerUp ? `; runner-up ${b.runnerUp.method}${b.runnerUp.mase === null ? "" : ` ${b.runnerUp.mase.toFixed(3)}`}` : "";
  const shortest = accuracy?.lags.find((l) => l.bias !== null);
  const baselineTotal = sum(line.points.map((p) => p.forecast));
  const consensusTotal = line.consensus ? sum(line.consensus) : null;
  const outside = review.flags.filter((f) => f.kind === "consensus-gap" && f.family === line.family).length;
  const history = formatSpan(review.history.periods);
  const ahead = formatSpan(review.periods);
  const picture =
    `${line.family}: ${review.history.periods.length} periods of actuals (${history}) and the ${b.method} baseline for ${ahead}` +
    (line.consensus ? ", with the consensus" : "") +
    ` and the baseline's 95 % interval`;
  return (
    <li className={styles.family}>
      <Text weight="semibold" size={300}>
        {line.family}
      </Text>
      <Caption1 className={styles.facts}>
        {b.method}: {holdout}
        {runnerUp}
      </Caption1>
      {shortest ? (
        <Caption1 className={styles.facts}>
          Bias of the saved forecasts {signedPercent(shortest.bias as number)} (lag {shortest.lag}, {plural(shortest.periods, "period")})
          {shortest.trackingAlarm ? <span className={styles.alarm}> · tracking signal beyond ±4</span> : null}
        </Caption1>
      ) : null}
      <Caption1 className={styles.facts}>
        Baseline {formatAmount(baselineTotal)}
        {consensusTotal !== null && baselineTotal > 0
          ? ` · consensus ${formatAmount(consensusTotal)} (${signedPercent((consensusTotal - baselineTotal) / baselineTotal)}) · ${outside} of ${review.periods.length} outside the 95 % interval`
          : consensusTotal === null
            ? " · no consensus row"
            : ""}
      </Caption1>
      <div role="img" aria-label={picture}>
        <Sparkline line={line} />
      </div>
    </li>
  );
}

/** The card: one entry per family with actuals (its products are on the sheet), then Go to sheet. */
export function DemandReviewCard({ review, accuracy, sheet, onOpenSheet }: DemandReviewCardProps) {
  const styles = useStyles();
  const families = review.lines.filter((line) => line.product === null);
  if (families.length === 0) return null;
  const keyOf = (name: string) => name.trim().toLowerCase();
  return (
    <Section title="Demand review">
      <Caption1 className={styles.facts}>
        Statistical baselines from {plural(review.history.periods.length, "period")} of Actuals, each the method with the lowest holdout error.
      </Caption1>
      <ul className={styles.families} aria-label="Demand review by family">
        {families.map((line) => (
          <FamilyReview key={line.family} line={line} review={review} accuracy={accuracy?.find((a) => keyOf(a.family) === keyOf(line.family))} />
        ))}
      </ul>
      <Caption1 className={styles.key} aria-hidden="true">
        <span>
          <span className={mergeClasses(styles.swatch, styles.swatchHistory)} />
          actuals
        </span>
        <span>
          <span className={mergeClasses(styles.swatch, styles.swatchBaseline)} />
          baseline
        </span>
        <span>
          <span className={mergeClasses(styles.swatch, styles.swatchBand)} />
          95 % interval
        </span>
        <span>
          <span className={mergeClasses(styles.swatch, styles.swatchConsensus)} />
          consensus
        </span>
      </Caption1>
      {sheet ? (
        <Button className={styles.open} size="small" icon={<Open16Regular />} onClick={() => onOpenSheet(sheet)} aria-label={`Go to sheet ${sheet}`}>
          {sheet}
        </Button>
      ) : null}
    </Section>
  );
}

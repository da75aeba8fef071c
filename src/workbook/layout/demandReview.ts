// Lays out SOP Demand review: the agenda (where the consensus differs most from the statistical baseline), then per family and product the actuals, the consensus and the baseline with its intervals, and a chart.
import type { ComputedSafetyStock, DemandReview, DemandReviewLine } from "../../engine/demandReview";
import { TRACKING_SIGNAL_LIMIT } from "../../engine/forecast";
import type { FamilyAccuracy } from "../../engine/demandAccuracy";
import { amountText, percentText } from "../../engine/numberText";
import { cellAddress, type ChartSpec, type ConditionalFormatSpec, type SheetSpec } from "../sheet";
import { constant, FORMAT, formula, PERCENT, SheetGrid, sum, TAB_COLOR, text } from "./kit";

export const DEMAND_REVIEW_SHEET_NAME = "SOP Demand review";

/** Families charted at most (each chart is a block of rows); the rest have their tables only. */
export const DEMAND_CHARTS_MAX = 25;
const CHART_ROWS = 16;
const CHART_COLUMNS = 12;

const AGENDA_HEADERS = [
  "Family",
  "Product",
  "Method",
  "Holdout MASE",
  "Holdout WAPE",
  "Runner-up",
  "Runner-up MASE",
  "One-step RMSE",
  "Consensus",
  "Baseline",
  "Consensus − baseline",
  "Difference %",
  "Periods outside 95 %",
];

/** The rows of a line's block, from its header row. */
const ROW = { actual: 1, consensus: 2, baseline: 3, lo95: 4, lo80: 5, hi80: 6, hi95: 7, difference: 8, outside: 9 } as const;
const ROW_LABELS: Record<keyof typeof ROW, string> = {
  actual: "Actual",
  consensus: "Consensus (Forecast)",
  baseline: "Statistical baseline",
  lo95: "Low 95 %",
  lo80: "Low 80 %",
  hi80: "High 80 %",
  hi95: "High 95 %",
  difference: "Consensus − baseline",
  outside: "Outside the 95 % interval",
};

const total = (line: DemandReviewLine): number => sum(line.points.map((p) => p.forecast));
const consensusTotal = (line: DemandReviewLine): number | null => (line.consensus ? sum(line.consensus) : null);

/** The families in the order the meeting takes them: the largest consensus override first, each followed by its products. */
function agendaOrder(review: DemandReview): DemandReviewLine[] {
  const families = review.lines.filter((l) => l.product === null);
  const gap = (l: DemandReviewLine): number => {
    const c = consensusTotal(l);
    return c === null ? -1 : Math.abs(c - total(l));
  };
  const sorted = families.map((l, i) => ({ l, i })).sort((a, b) => gap(b.l) - gap(a.l) || a.i - b.i);
  return sorted.flatMap(({ l }) => [l, ...review.lines.filter((p) => p.product !== null && p.family === l.family)]);
}

export function layoutDemandReview(
  review: DemandReview,
  safetyStocks: readonly ComputedSafetyStock[],
  name: string,
  tableName: string,
  accuracy: readonly FamilyAccuracy[] = [],
): SheetSpec {
  const grid = new SheetGrid();
  const history = review.history.periods;
  const plan = review.periods;
  const H = history.length;
  const T = plan.length;
  grid.setTitle("Demand review");
  const season = review.history.seasonLength > 1 ? `a season of ${review.history.seasonLength} periods` : "no season";
  grid.setNote(
    `The statistical baseline of each family (and product) from its ${H} periods of Actuals alone (${season}; the method with the lowest holdout MASE), ` +
      "set against the consensus (Forecast). A consensus outside the baseline's 95 % interval is red here and listed on the Risks sheet " +
      "(Consensus vs baseline). The totals, differences and flags are formulas over the blocks below.",
  );
  const lines = agendaOrder(review);
  const header = 3;
  AGENDA_HEADERS.forEach((h, c) => grid.set(header, c, text(h, "header")));
  // Each line's block starts below the agenda and the safety stock note.
  let row = header + lines.length + 2;
  if (safetyStocks.length > 0) {
    grid.set(row, 0, text("Safety stock from the forecast error (Policy Service level)", "subtitle"));
    safetyStocks.forEach((s, i) => {
      grid.set(
        row + 1 + i,
        0,
        text(
          `${s.family}: ${amountText(s.units)} units = z ${amountText(s.z, 3)} (Service level ${percentText(s.serviceLevel, 2)}) × RMSE ${amountText(s.rmse)} of the baseline's one-step holdout errors (typed Safety stock ${amountText(s.typed)}).`,
        ),
      );
    });
    row += safetyStocks.length + 2;
  }
  row = accuracyBlock(grid, row, accuracy);
  row = valueAddedBlock(grid, row, accuracy);
  const conditionalFormats: ConditionalFormatSpec[] = [];
  const charts: ChartSpec[] = [];
  const firstPlan = 1 + H;
  lines.forEach((line, i) => {
    const top = row;
    const at = (key: keyof typeof ROW) => top + 2 + ROW[key];
    const cell = (key: keyof typeof ROW, t: number) => cellAddress(at(key), firstPlan + t);
    const title = line.product === null ? line.family : `${line.family} · ${line.product}`;
    grid.set(top, 0, text(title, "subtitle"));
    grid.set(top + 1, 0, text(line.baseline.reasons.join("; ") + "." + (line.reason ? ` Consensus reason (Forecast): ${line.reason}` : ""), "note"));
    const head = top + 2;
    grid.set(head, 0, text("Row", "header"));
    history.forEach((p, c) => grid.set(head, 1 + c, text(p, "header")));
    plan.forEach((p, t) => grid.set(head, firstPlan + t, text(p, "header")));
    for (const key of Object.keys(ROW) as (keyof typeof ROW)[]) grid.set(at(key), 0, text(ROW_LABELS[key], "label"));
    line.actuals.forEach((a, c) => grid.set(at("actual"), 1 + c, constant(a, FORMAT.units)));
    line.points.forEach((p, t) => {
      const c = firstPlan + t;
      grid.set(at("baseline"), c, constant(p.forecast, FORMAT.units));
      grid.set(at("lo95"), c, constant(p.lo95, FORMAT.units));
      grid.set(at("lo80"), c, constant(p.lo80, FORMAT.units));
      grid.set(at("hi80"), c, constant(p.hi80, FORMAT.units));
      grid.set(at("hi95"), c, constant(p.hi95, FORMAT.units));
      if (!line.consensus) return;
      const consensus = line.consensus[t];
      grid.set(at("consensus"), c, constant(consensus, FORMAT.units, "input"));
      grid.set(at("difference"), c, formula(`${cell("consensus", t)}-${cell("baseline", t)}`, consensus - p.forecast, FORMAT.units));
      const outside = consensus < p.lo95 || consensus > p.hi95;
      grid.set(
        at("outside"),
        c,
        formula(`IF(OR(${cell("consensus", t)}<${cell("lo95", t)},${cell("consensus", t)}>${cell("hi95", t)}),${cell("consensus", t)}-${cell("baseline", t)},0)`, outside ? consensus - p.forecast : 0, FORMAT.units),
      );
    });
    if (T > 0 && line.consensus) {
      for (const operator of ["greaterThan", "lessThan"] as const) {
        conditionalFormats.push({ top: at("outside"), left: firstPlan, rows: 1, columns: T, operator, value: 0, style: "bad" });
      }
    }
    // The agenda line reads the block.
    const agendaRow = header + 1 + i;
    const range = (key: keyof typeof ROW) => `${cellAddress(at(key), firstPlan)}:${cellAddress(at(key), firstPlan + Math.max(T, 1) - 1)}`;
    grid.set(agendaRow, 0, text(line.family));
    grid.set(agendaRow, 1, line.product === null ? null : text(line.product));
    grid.set(agendaRow, 2, text(line.baseline.method));
    grid.set(agendaRow, 3, line.baseline.mase === null ? null : constant(line.baseline.mase, "0.000"));
    grid.set(agendaRow, 4, line.baseline.wape === null ? null : constant(line.baseline.wape, PERCENT));
    grid.set(agendaRow, 5, line.baseline.runnerUp ? text(line.baseline.runnerUp.method) : null);
    grid.set(agendaRow, 6, line.baseline.runnerUp?.mase == null ? null : constant(line.baseline.runnerUp.mase, "0.000"));
    grid.set(agendaRow, 7, line.baseline.holdout.oneStepRmse === null ? null : constant(line.baseline.holdout.oneStepRmse, FORMAT.units));
    const baselineTotal = total(line);
    const agenda = (c: number) => cellAddress(agendaRow, c);
    grid.set(agendaRow, 9, formula(`SUM(${range("baseline")})`, baselineTotal, FORMAT.units));
    const consensus = consensusTotal(line);
    if (consensus !== null && T > 0) {
      const outside = line.points.filter((p, t) => {
        const c = (line.consensus as number[])[t];
        return c < p.lo95 || c > p.hi95;
      }).length;
      grid.set(agendaRow, 8, formula(`SUM(${range("consensus")})`, consensus, FORMAT.units));
      grid.set(agendaRow, 10, formula(`${agenda(8)}-${agenda(9)}`, consensus - baselineTotal, FORMAT.units));
      grid.set(agendaRow, 11, formula(`IF(${agenda(9)}=0,0,${agenda(10)}/${agenda(9)})`, baselineTotal === 0 ? 0 : (consensus - baselineTotal) / baselineTotal, PERCENT));
      grid.set(agendaRow, 12, formula(`COUNTIF(${range("outside")},"<>0")`, outside, "0"));
    }
    // Each team's input below the block, beside the consensus it fed.
    line.inputs.forEach((input, k) => {
      const r = at("outside") + 1 + k;
      grid.set(r, 0, text(`Input: ${input.source}`, "label"));
      input.demand.forEach((d, t) => grid.set(r, firstPlan + t, constant(d, FORMAT.units)));
    });
    row = at("outside") + line.inputs.length + 2;
    const charted = charts.length < DEMAND_CHARTS_MAX && line.product === null && H + T > 0;
    if (charted) {
      const span = { top: head, left: 1, rows: 1, columns: H + T };
      const series = (key: keyof typeof ROW, as: "line" | "column" = "line") => ({
        name: ROW_LABELS[key],
        label: { row: at(key), column: 0 },
        values: { ...span, top: at(key) },
        as,
      });
      charts.push({
        name: `Demand chart ${charts.length + 1}`,
        title: `${line.family}: actuals, consensus${line.inputs.length > 0 ? ", inputs" : ""} and the ${line.baseline.method} baseline with its 95 % interval`,
        categories: span,
        series: [
          series("actual"),
          ...(line.consensus ? [series("consensus")] : []),
          ...line.inputs.map((input, k) => ({ name: `Input: ${input.source}`, label: { row: at("outside") + 1 + k, column: 0 }, values: { ...span, top: at("outside") + 1 + k }, as: "line" as const })),
          series("baseline"),
          series("lo95"),
          series("hi95"),
        ],
        stacked: false,
        valueFormat: FORMAT.units,
        anchor: { top: row, left: 1, rows: CHART_ROWS, columns: CHART_COLUMNS },
      });
      row += CHART_ROWS + 1;
    }
  });
  return {
    name,
    cells: grid.cells,
    columnWidths: [26, ...Array.from({ length: Math.max(H + T, AGENDA_HEADERS.length - 1) }, (_, c) => (c < AGENDA_HEADERS.length - 1 ? 14 : 10))],
    tables: lines.length > 0 ? [{ name: tableName, top: header, left: 0, rows: lines.length + 1, columns: AGENDA_HEADERS.length, style: "TableStyleLight1" }] : [],
    freeze: { rows: 0, columns: 1 },
    tabColor: TAB_COLOR.analysis,
    conditionalFormats,
    ...(charts.length > 0 ? { charts } : {}),
  };
}

const ACCURACY_HEADERS = ["Family", "Lag", "Periods", "Actual", "Forecast", "Σ |A − F|", "WAPE", "Bias", "Tracking signal", "MASE scale", "MASE", "Alarm"];

/**
 * Accuracy of the saved versions by family and lag: the sums as constants (each pair is on the
 * JSON), WAPE, bias, tracking signal and MASE as formulas over them. Returns the next free row.
 */
function accuracyBlock(grid: SheetGrid, top: number, accuracy: readonly FamilyAccuracy[]): number {
  const measured = accuracy.filter((a) => a.lags.length > 0);
  if (measured.length === 0) return top;
  let row = top;
  grid.set(row++, 0, text("Accuracy of the saved versions by lag (lag = the actual's period minus the version's first period; each lag pools every version that has it)", "subtitle"));
  grid.set(
    row++,
    0,
    text(
      `WAPE = Σ|A − F| / ΣA; bias = Σ(F − A) / ΣA (positive: the forecast ran high); tracking signal = Σ(A − F) / MAD, flagged beyond ±${TRACKING_SIGNAL_LIMIT}; ` +
        "MASE = mean |A − F| / the in-sample MAE of the (seasonal) naive forecast over the family's actuals. F is the demand each version was planned on.",
      "note",
    ),
  );
  ACCURACY_HEADERS.forEach((h, c) => grid.set(row, c, text(h, "header")));
  row++;
  for (const family of measured) {
    for (const lag of family.lags) {
      const at = (c: number) => cellAddress(row, c);
      grid.set(row, 0, text(family.family));
      grid.set(row, 1, constant(lag.lag, "0"));
      grid.set(row, 2, constant(lag.periods, "0"));
      grid.set(row, 3, constant(lag.actual, FORMAT.units));
      grid.set(row, 4, constant(lag.forecast, FORMAT.units));
      grid.set(row, 5, constant(lag.absoluteError, FORMAT.units));
      if (lag.wape !== null) grid.set(row, 6, formula(`${at(5)}/${at(3)}`, lag.wape, PERCENT));
      if (lag.bias !== null) grid.set(row, 7, formula(`(${at(4)}-${at(3)})/${at(3)}`, lag.bias, PERCENT));
      if (lag.trackingSignal !== null) {
        const style = lag.trackingAlarm ? "bad" : undefined;
        grid.set(row, 8, formula(`(${at(3)}-${at(4)})/(${at(5)}/${at(2)})`, lag.trackingSignal, "0.00", style));
      }
      if (family.maseScale !== null) grid.set(row, 9, constant(family.maseScale, FORMAT.units));
      if (lag.mase !== null) grid.set(row, 10, formula(`${at(5)}/${at(2)}/${at(9)}`, lag.mase, "0.000"));
      if (lag.trackingAlarm) grid.set(row, 11, text(`beyond ±${TRACKING_SIGNAL_LIMIT}: biased ${(lag.trackingSignal ?? 0) < 0 ? "high" : "low"}`, "bad"));
      row++;
    }
  }
  return row + 1;
}

/**
 * The forecast value added: per family, each step's WAPE over the same (version, period) pairs,
 * from naive to consensus, and its change from the step before (formulas). Returns the next free row.
 */
function valueAddedBlock(grid: SheetGrid, top: number, accuracy: readonly FamilyAccuracy[]): number {
  const measured = accuracy.filter((a) => a.valueAdded.length > 0);
  if (measured.length === 0) return top;
  let row = top;
  grid.set(row++, 0, text("Forecast value added: naive → statistical → each team's input → consensus", "subtitle"));
  grid.set(
    row++,
    0,
    text(
      "Over the saved versions' periods that have an actual and every step: naive = the last actual before the version's first period; statistical = the baseline " +
        "refitted on the actuals before it; each input as the version saved it; consensus = the demand it was planned on. A negative change is value added.",
      "note",
    ),
  );
  ["Family", "Step", "Periods", "Σ |A − F|", "Actual", "WAPE", "Change"].forEach((h, c) => grid.set(row, c, text(h, "header")));
  row++;
  for (const family of measured) {
    family.valueAdded.forEach((step, i) => {
      const at = (c: number) => cellAddress(row, c);
      grid.set(row, 0, text(family.family));
      grid.set(row, 1, text(step.step));
      grid.set(row, 2, constant(family.valueAddedPeriods, "0"));
      grid.set(row, 3, constant(step.absoluteError, FORMAT.units));
      grid.set(row, 4, constant(step.actual, FORMAT.units));
      if (step.wape !== null) grid.set(row, 5, formula(`${at(3)}/${at(4)}`, step.wape, PERCENT));
      if (i > 0 && step.change !== null) {
        grid.set(row, 6, formula(`${at(5)}-${cellAddress(row - 1, 5)}`, step.change, "+0.0%;-0.0%;0.0%", step.change > 0 ? "bad" : step.change < 0 ? "good" : undefined));
      }
      row++;
    });
  }
  return row + 1;
}

// Small pictures of a run: a sparkline per family (demand against supply, with inventory and backlog) and a
// resource × period utilisation strip where overloads and idle capacity show at a glance. Each opens its sheet.
import { Caption1, Link, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { recommendedPlanOf, type FamilyResult, type ResourceRequirement } from "../../engine";
import type { WorkbookSpec } from "../planner";
import { formatAmount, formatSpan } from "../format";
import { Section } from "./Section";
import { plainList, visuallyHidden } from "./styles";

const useStyles = makeStyles({
  families: plainList(tokens.spacingVerticalS),
  spark: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(96px, 45%)",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    width: "100%",
    padding: tokens.spacingVerticalXXS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    cursor: "pointer",
    textAlign: "left",
    font: "inherit",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  sparkWords: { display: "flex", flexDirection: "column", minWidth: 0, overflowWrap: "break-word" },
  svg: { width: "100%", height: "36px", display: "block" },
  demand: { stroke: tokens.colorNeutralForeground3, "@media (forced-colors: active)": { stroke: "GrayText" } },
  supply: { stroke: tokens.colorBrandForeground1, "@media (forced-colors: active)": { stroke: "Highlight" } },
  stock: { fill: tokens.colorBrandBackground2, "@media (forced-colors: active)": { fill: "GrayText" } },
  short: { fill: tokens.colorPaletteRedBackground3, "@media (forced-colors: active)": { fill: "CanvasText" } },
  legend: { color: tokens.colorNeutralForeground2 },
  strip: { width: "100%", borderCollapse: "separate", borderSpacing: "1px", tableLayout: "fixed" },
  resource: { textAlign: "left", fontWeight: tokens.fontWeightRegular, fontSize: tokens.fontSizeBase200, width: "30%", overflowWrap: "break-word", paddingRight: tokens.spacingHorizontalXS },
  cell: { height: "14px", padding: 0, borderRadius: "2px", forcedColorAdjust: "none" },
  over: { backgroundColor: tokens.colorPaletteRedBackground3 },
  fine: { backgroundColor: tokens.colorPaletteGreenBackground2 },
  idle: { backgroundColor: tokens.colorPaletteYellowBackground2 },
  none: { backgroundColor: tokens.colorNeutralBackground4 },
  key: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground2 },
  swatch: { display: "inline-block", width: "10px", height: "10px", borderRadius: "2px", marginRight: "4px", verticalAlign: "middle", forcedColorAdjust: "none" },
  hidden: visuallyHidden,
  open: { alignSelf: "flex-start" },
  lineSupply: { height: 0, borderTop: `2px solid ${tokens.colorBrandForeground1}` },
  lineDemand: { height: 0, borderTop: `2px dashed ${tokens.colorNeutralForeground3}` },
  swatchStock: { backgroundColor: tokens.colorBrandBackground2 },
});

const W = 120;
const H = 36;

/** Points of a line through `values` across the box, with `top` as the largest value. */
function linePoints(values: readonly number[], top: number): string {
  const n = values.length;
  return values.map((v, i) => `${n === 1 ? W / 2 : (i / (n - 1)) * W},${H - 2 - (v / top) * (H - 4)}`).join(" ");
}

function sheetTitled(sheets: WorkbookSpec | null, title: string): string | null {
  return sheets?.sheets.find((s) => s.cells[0]?.[0]?.value === title)?.name ?? null;
}

function Sparkline({ family, sheet, onOpen }: { family: FamilyResult; sheet: string | null; onOpen(name: string): void }) {
  const styles = useStyles();
  const plan = recommendedPlanOf(family);
  if (!plan || plan.periods.length === 0) return null;
  const demand = plan.periods.map((p) => p.demand);
  const supply = plan.periods.map((p) => p.regular + p.overtime + p.subcontract);
  const top = Math.max(1, ...demand, ...supply, ...plan.periods.map((p) => Math.max(p.inventory, p.backlog)));
  const n = plan.periods.length;
  const barWidth = W / n;
  const peakStock = Math.max(0, ...plan.periods.map((p) => p.inventory));
  const peakBacklog = Math.max(0, ...plan.periods.map((p) => p.backlog));
  const words = `: demand against supply, ${formatSpan(plan.periods.map((p) => p.period))}; peak inventory ${formatAmount(peakStock)} units${peakBacklog > 0.5 ? `, peak backlog ${formatAmount(peakBacklog)} units` : ""}`;
  const picture = (
    <svg className={styles.svg} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {plan.periods.map((p, i) =>
        p.backlog > 0.5 ? (
          <rect key={`b${i}`} className={styles.short} x={i * barWidth + 0.5} width={Math.max(0.5, barWidth - 1)} y={H - (p.backlog / top) * (H - 4)} height={(p.backlog / top) * (H - 4)} />
        ) : (
          <rect key={`s${i}`} className={styles.stock} x={i * barWidth + 0.5} width={Math.max(0.5, barWidth - 1)} y={H - (p.inventory / top) * (H - 4)} height={(p.inventory / top) * (H - 4)} />
        ),
      )}
      <polyline className={styles.demand} points={linePoints(demand, top)} fill="none" strokeWidth="1.5" strokeDasharray="3 2" vectorEffect="non-scaling-stroke" />
      <polyline className={styles.supply} points={linePoints(supply, top)} fill="none" strokeWidth="2" vectorEffect="non-scaling-stroke" />
    </svg>
  );
  const label = (
    <span className={styles.sparkWords}>
      <Text weight="semibold" size={200}>
        {family.family}
      </Text>
      <Caption1 className={styles.legend}>peak stock {formatAmount(peakStock)}{peakBacklog > 0.5 ? ` · backlog ${formatAmount(peakBacklog)}` : ""}</Caption1>
    </span>
  );
  return (
    <li>
      {sheet ? (
        <button type="button" className={styles.spark} onClick={() => onOpen(sheet)}>
          {label}
          <span className={styles.hidden}>
            {words}. Open sheet {sheet}
          </span>
          {picture}
        </button>
      ) : (
        <div className={styles.spark} role="img" aria-label={`${family.family}${words}`}>
          {label}
          {picture}
        </div>
      )}
    </li>
  );
}

type Load = "over" | "fine" | "idle" | "none";

function loadOf(utilization: number, available: number, threshold: number): Load {
  if (!(available > 0)) return utilization > 0 ? "over" : "none";
  if (utilization > 1 + 1e-9) return "over";
  return utilization < threshold ? "idle" : "fine";
}

const LOAD_WORDS: Record<Load, string> = { over: "over capacity", fine: "within capacity", idle: "under-used", none: "no capacity" };

function UtilisationStrip({ resources, threshold }: { resources: readonly ResourceRequirement[]; threshold: number }) {
  const styles = useStyles();
  const periods = resources[0]?.periods.map((p) => p.period) ?? [];
  return (
    <table className={styles.strip} aria-label={`Utilisation by resource, ${formatSpan(periods)}`}>
      <tbody>
        {resources.map((r) => (
          <tr key={r.resource}>
            <th scope="row" className={styles.resource}>
              {r.resource}
            </th>
            {r.periods.map((p) => {
              const load = loadOf(p.utilization, p.available, threshold);
              const percent = Number.isFinite(p.utilization) ? `${Math.round(p.utilization * 100)} %` : "no capacity";
              return (
                <td key={p.period} className={mergeClasses(styles.cell, styles[load])} title={`${r.resource}, ${p.period}: ${percent}`}>
                  <span className={styles.hidden}>
                    {p.period}: {percent}, {LOAD_WORDS[load]}
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface PicturesProps {
  results: readonly FamilyResult[];
  resources: readonly ResourceRequirement[];
  /** Under-used below this share of capacity (0–1). */
  threshold: number;
  /** The sheets written, to open; null when they are not in the workbook. */
  sheets: WorkbookSpec | null;
  onOpenSheet(name: string): void;
}

export function Pictures({ results, resources, threshold, sheets, onOpenSheet }: PicturesProps) {
  const styles = useStyles();
  const capacitySheet = sheetTitled(sheets, "Rough-cut capacity");
  const withPlans = results.filter((f) => recommendedPlanOf(f));
  if (withPlans.length === 0 && resources.length === 0) return null;
  return (
    <Section title="At a glance">
      {withPlans.length > 0 ? (
        <>
          <ul className={styles.families} aria-label="Demand and supply by family">
            {withPlans.map((f) => (
              <Sparkline key={f.family} family={f} sheet={sheetTitled(sheets, `S&OP plan: ${f.family}`)} onOpen={onOpenSheet} />
            ))}
          </ul>
          <Caption1 className={styles.key} aria-hidden="true">
            <span>
              <span className={mergeClasses(styles.swatch, styles.lineSupply)} />
              supply
            </span>
            <span>
              <span className={mergeClasses(styles.swatch, styles.lineDemand)} />
              demand
            </span>
            <span>
              <span className={mergeClasses(styles.swatch, styles.swatchStock)} />
              stock
            </span>
            <span>
              <span className={mergeClasses(styles.swatch, styles.over)} />
              backlog
            </span>
          </Caption1>
        </>
      ) : null}
      {resources.length > 0 ? (
        <>
          <UtilisationStrip resources={resources} threshold={threshold} />
          <Caption1 className={styles.key}>
            <span>
              <span className={mergeClasses(styles.swatch, styles.over)} aria-hidden="true" />
              over 100 %
            </span>
            <span>
              <span className={mergeClasses(styles.swatch, styles.fine)} aria-hidden="true" />
              within
            </span>
            <span>
              <span className={mergeClasses(styles.swatch, styles.idle)} aria-hidden="true" />
              below {Math.round(threshold * 100)} %
            </span>
          </Caption1>
          {capacitySheet ? (
            <Link as="button" className={styles.open} onClick={() => onOpenSheet(capacitySheet)}>
              Open the {capacitySheet} sheet
            </Link>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}

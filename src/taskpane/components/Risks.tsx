// The top risks and opportunities of a run, grouped (one line for Test in Oct – Dec), with units, severity and a link to the cell behind each.
import { RISK_KIND_LABEL } from "../../template/schema";
import { Badge, Caption1, Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { RiskFlag } from "../../engine";
import type { WorkbookSpec } from "../planner";
import { formatAmount, formatSpan, plural } from "../format";
import { useMoney } from "./numberStyle";
import { groupAmount, groupCell, groupDetail, groupRisks, hiddenByKind, riskRowCell, riskTable, severityWord, type RiskGroup } from "../riskGroups";
import { Section } from "./Section";
import { plainList } from "./styles";

/** How many groups the pane lists; the Risks sheet has them all. */
export const TOP_RISKS = 5;

const useStyles = makeStyles({
  list: plainList(tokens.spacingVerticalM),
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, overflowWrap: "anywhere" },
  head: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  detail: { color: tokens.colorNeutralForeground2 },
  more: { alignSelf: "flex-start" },
  moreText: { margin: 0 },
  kinds: { margin: 0, padding: 0, listStyleType: "none", display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS },
});

function badgeColor(group: RiskGroup): "success" | "danger" | "warning" | "informative" {
  if (group.kind === "opportunity") return "success";
  return group.severity === "error" ? "danger" : group.severity === "warning" ? "warning" : "informative";
}

/** Where the link goes, in words: the sheet part of the address. */
function sheetWords(address: string): string {
  const sheet = address.slice(0, address.lastIndexOf("!")).replace(/^'|'$/g, "").replace(/''/g, "'");
  return sheet;
}

interface RisksProps {
  risks: readonly RiskFlag[];
  periods: readonly string[];
  /** The sheets written, for the links; null when they are not in the workbook. */
  sheets: WorkbookSpec | null;
  onGoTo(address: string): void;
  /** Opens a table's sheet filtered to the rows whose `column` holds one of `values`. */
  onShowFiltered(sheet: string, table: string, column: string, values: string[]): void;
}

export function Risks({ risks, periods, sheets, onGoTo, onShowFiltered }: RisksProps) {
  const styles = useStyles();
  const money = useMoney();
  if (risks.length === 0) return null;
  const groups = groupRisks(risks, periods);
  const top = groups.slice(0, TOP_RISKS);
  const rest = groups.slice(TOP_RISKS);
  const restFlags = rest.reduce((n, g) => n + g.flags.length, 0);
  const firstHidden = rest.length > 0 ? Math.min(...rest.flatMap((g) => g.indexes)) : -1;
  const moreCell = sheets && firstHidden >= 0 ? riskRowCell(firstHidden, sheets) : null;
  const table = sheets ? riskTable(sheets) : null;
  const hidden = hiddenByKind(rest);
  return (
    <Section title="Top risks">
      <ul className={styles.list}>
        {top.map((group, i) => {
          const cell = sheets ? groupCell(group, risks, sheets) : null;
          const amount = groupAmount(group, formatAmount, money);
          const span = group.periods.length > 0 ? `, ${formatSpan(group.periods)}` : "";
          return (
            <li key={i} className={styles.item}>
              <span className={styles.head}>
                <Badge appearance="tint" shape="rounded" color={badgeColor(group)}>
                  {RISK_KIND_LABEL[group.kind]}
                </Badge>
                <Text weight="semibold">
                  {group.subject}
                  {span}
                </Text>
              </span>
              <Text size={200}>
                {amount ? `${amount[0].toUpperCase()}${amount.slice(1)}` : ""}
                {group.periods.length > 1 ? ` in ${plural(group.periods.length, "period")}` : ""} · {severityWord(group.severity)} severity
              </Text>
              <Caption1 className={styles.detail}>{groupDetail(group)}</Caption1>
              {cell ? (
                <Link as="button" className={styles.more} onClick={() => onGoTo(cell)} aria-label={`Go to ${cell}: ${RISK_KIND_LABEL[group.kind]}, ${group.subject}${span}`}>
                  Go to {sheetWords(cell)}
                </Link>
              ) : null}
            </li>
          );
        })}
      </ul>
      {rest.length > 0 ? (
        table ? (
          <div className={styles.more}>
            <Caption1 as="p" className={styles.moreText}>
              {plural(restFlags, "more risk")} on the Risks sheet:{" "}
            </Caption1>
            <ul className={styles.kinds} aria-label="More risks, by kind">
              {hidden.map(({ kind, count }) => (
                <li key={kind}>
                  <Link
                    as="button"
                    onClick={() => onShowFiltered(table.sheet, table.table, "Kind", [RISK_KIND_LABEL[kind]])}
                    aria-label={`${RISK_KIND_LABEL[kind]} (${count} more): open the Risks sheet filtered to ${RISK_KIND_LABEL[kind]}`}
                  >
                    {RISK_KIND_LABEL[kind]} ({count} more)
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : moreCell ? (
          <Link as="button" className={styles.more} onClick={() => onGoTo(moreCell)}>
            {plural(restFlags, "more risk")} on the Risks sheet
          </Link>
        ) : (
          <Caption1>{plural(restFlags, "more risk")} on the Risks sheet.</Caption1>
        )
      ) : null}
    </Section>
  );
}

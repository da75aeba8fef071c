// The top risks and opportunities of a run, most serious first, each with the numbers behind it.
import { Badge, Caption1, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { RiskFlag } from "../../engine/model";
import { RISK_KIND_LABEL } from "../../template/schema";
import { Section } from "./Section";

/** How many the pane lists; the Risks sheet has them all. */
export const TOP_RISKS = 5;

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyleType: "none", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, overflowWrap: "anywhere" },
  more: { color: tokens.colorNeutralForeground3 },
});

export function Risks({ risks }: { risks: readonly RiskFlag[] }) {
  const styles = useStyles();
  if (risks.length === 0) return null;
  const top = risks.slice(0, TOP_RISKS);
  return (
    <Section title="Top risks">
      <ul className={styles.list}>
        {top.map((risk, i) => (
          <li key={i} className={styles.item}>
            <span>
              <Badge
                appearance="tint"
                shape="rounded"
                color={risk.kind === "opportunity" ? "success" : risk.severity === "error" ? "danger" : risk.severity === "warning" ? "warning" : "informative"}
              >
                {RISK_KIND_LABEL[risk.kind] ?? risk.kind}
              </Badge>
            </span>
            <Text size={200}>{risk.message}</Text>
          </li>
        ))}
      </ul>
      {risks.length > top.length ? (
        <Caption1 className={styles.more}>{risks.length - top.length} more on the Risks sheet.</Caption1>
      ) : null}
    </Section>
  );
}

// Which strategies to plan with: level, chase and the workbook's manual plan.
import { Checkbox, makeStyles, tokens } from "@fluentui/react-components";
import type { StrategyName } from "../../engine/model";
import { STRATEGY_LABEL } from "../format";

export const OFFERED_STRATEGIES: readonly StrategyName[] = ["level", "chase", "manual"];

const HINT: Partial<Record<StrategyName, string>> = {
  level: "same workforce every period",
  chase: "production follows demand",
  manual: "the Plan table",
};

const useStyles = makeStyles({
  fieldset: {
    border: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
  },
  legend: {
    padding: 0,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
  },
});

interface StrategyPickerProps {
  selected: readonly StrategyName[];
  disabled: boolean;
  onChange(selected: StrategyName[]): void;
}

export function StrategyPicker({ selected, disabled, onChange }: StrategyPickerProps) {
  const styles = useStyles();
  const toggle = (strategy: StrategyName, checked: boolean) =>
    // Keep the offered order so result columns do not depend on the order of clicks.
    onChange(OFFERED_STRATEGIES.filter((s) => (s === strategy ? checked : selected.includes(s))));
  return (
    <fieldset className={styles.fieldset} disabled={disabled}>
      <legend className={styles.legend}>Strategies</legend>
      {OFFERED_STRATEGIES.map((strategy) => (
        <Checkbox
          key={strategy}
          label={STRATEGY_LABEL[strategy]}
          title={HINT[strategy]}
          checked={selected.includes(strategy)}
          disabled={disabled}
          onChange={(_, data) => toggle(strategy, data.checked === true)}
        />
      ))}
    </fieldset>
  );
}

// Run settings: the approach, the strategies, the currency the pane shows money in and the under-utilisation threshold; the Policy view under them.
import {
  Caption1,
  Checkbox,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Input,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { ALL_STRATEGIES, STRATEGY_LABELS, type StrategyName } from "../../engine/model";
import { type Currency } from "../format";
import { CURRENCY_MAX, type RunSettings } from "../settings";
import { Section } from "./Section";

const HINT: Record<StrategyName, string> = {
  level: "same workforce all year",
  chase: "output follows demand",
  "hybrid-subcontract": "lowest month's workforce, subcontract the rest",
  "hybrid-overtime": "lowest month's workforce, overtime for the rest",
  manual: "the Plan table",
  optimal: "least cost (LP)",
};

const useStyles = makeStyles({
  fieldset: {
    border: "none",
    margin: 0,
    padding: 0,
    minWidth: 0,
  },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXXS,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
  },
  strategies: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(140px, 1fr))",
  },
  strategy: { display: "flex", flexDirection: "column" },
  hint: { color: tokens.colorNeutralForeground3, paddingLeft: "32px", marginTop: "-6px", marginBottom: tokens.spacingVerticalXS },
  row: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalM,
  },
  threshold: { width: "120px", "& input": { minWidth: 0 } },
  currency: { flexGrow: 1, minWidth: "120px", maxWidth: "100%", "& input": { minWidth: 0 } },
  currencyBox: { width: "96px" },
});

interface SettingsPanelProps {
  settings: RunSettings;
  onChange(settings: RunSettings): void;
  /** The currency the workbook's Policy money cells show, if any: what a blank Currency box means. */
  workbookCurrency: Currency | null;
  disabled: boolean;
  /** The Policy view, under the settings. */
  children?: ReactNode;
}

/** A percentage box: typed freely (it may be blank for a moment), passed on whenever it reads as 0–100. */
function ThresholdInput({ percent, disabled, onChange }: { percent: number; disabled: boolean; onChange(percent: number): void }) {
  const [draft, setDraft] = useState(String(percent));
  // A value from elsewhere (the settings saved with the workbook) replaces the draft; the box's own
  // values do not, or typing 5.5 would turn into 6 under the cursor.
  const own = useRef(percent);
  useEffect(() => {
    if (percent !== own.current) setDraft(String(percent));
    own.current = percent;
  }, [percent]);
  return (
    <Input
      type="number"
      min={0}
      max={100}
      step={5}
      value={draft}
      contentAfter="%"
      disabled={disabled}
      onChange={(_, data) => {
        setDraft(data.value);
        const typed = Number.parseFloat(data.value);
        if (!Number.isFinite(typed)) return;
        own.current = Math.min(100, Math.max(0, Math.round(typed)));
        onChange(own.current);
      }}
      onBlur={() => setDraft(String(percent))}
    />
  );
}

export function SettingsPanel({ settings, onChange, workbookCurrency, disabled, children }: SettingsPanelProps) {
  const styles = useStyles();
  const toggle = (strategy: StrategyName, checked: boolean) =>
    // Keep the offered order so result columns do not depend on the order of clicks.
    onChange({ ...settings, strategies: ALL_STRATEGIES.filter((s) => (s === strategy ? checked : settings.strategies.includes(s))) });
  return (
    <Section title="Settings">
      <Field label="Approach">
        <RadioGroup
          value={settings.approach}
          disabled={disabled}
          onChange={(_, data) => onChange({ ...settings, approach: data.value === "bottom-up" || data.value === "top-down" ? data.value : "by-data" })}
        >
          <Radio value="by-data" label="By the data" title="Top-down when Forecast has family rows, else bottom-up" />
          <Radio value="top-down" label="Top-down" />
          <Radio value="bottom-up" label="Bottom-up" />
        </RadioGroup>
      </Field>
      <fieldset className={styles.fieldset} disabled={disabled}>
        <legend className={styles.legend}>Strategies</legend>
        <div className={styles.strategies}>
          {ALL_STRATEGIES.map((strategy) => (
            <div key={strategy} className={styles.strategy}>
              <Checkbox
                label={STRATEGY_LABELS[strategy]}
                checked={settings.strategies.includes(strategy)}
                disabled={disabled}
                aria-describedby={`sop-hint-${strategy}`}
                onChange={(_, data) => toggle(strategy, data.checked === true)}
              />
              <Caption1 id={`sop-hint-${strategy}`} className={styles.hint}>
                {HINT[strategy]}
              </Caption1>
            </div>
          ))}
        </div>
        {settings.strategies.length === 0 ? <Caption1 role="status">Choose at least one strategy.</Caption1> : null}
      </fieldset>
      <div className={styles.row}>
        <Field
          label="Currency"
          className={styles.currency}
          hint={settings.currency !== "" ? "as typed" : workbookCurrency ? `blank: ${workbookCurrency.symbol}, as the Policy's cells show` : "blank: none (the Policy's cells show none)"}
        >
          <Input
            className={styles.currencyBox}
            value={settings.currency}
            maxLength={CURRENCY_MAX}
            disabled={disabled}
            placeholder={workbookCurrency?.symbol ?? "e.g. €"}
            onChange={(_, data) => onChange({ ...settings, currency: data.value.trim() })}
          />
        </Field>
        <Field label="Under-used below" className={styles.threshold}>
          <ThresholdInput
            percent={settings.utilizationThresholdPercent}
            disabled={disabled}
            onChange={(percent) => onChange({ ...settings, utilizationThresholdPercent: percent })}
          />
        </Field>
      </div>
      {children}
    </Section>
  );
}

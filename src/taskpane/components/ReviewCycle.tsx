// The monthly review in the pane: the versions saved in the workbook (save this run as one, pick the one to compare with,
// delete some, all applied on Run) and the Scenarios table's what-ifs (planned beside the plan, or left out). Its own chunk.
import { Button, Caption1, Field, Input, Link, makeStyles, mergeClasses, Select, Switch, Text, tokens } from "@fluentui/react-components";
import { ArrowUndo16Regular, Delete16Regular, Open16Regular } from "@fluentui/react-icons";
import { useEffect, useMemo } from "react";
import { latestVersion, versionKey, versionNameProblem, type PlanVersion } from "../../engine/versions";
import type { PlanMessage } from "../../engine/model";
import { cellRef } from "../../workbook/names";
import { describeChange, findScenariosBlock, parseScenarios } from "../../workbook/scenarios";
import { VERSIONS_SHEET_NAME } from "../../workbook/reviewNames";
import { findVersionsBlock, parseVersions } from "../../workbook/versions";
import { plural } from "../format";
import type { WorkbookSummary } from "../planner";
import type { RunSettings } from "../settings";
import type { VersionChanges } from "../session/plannerSession";
import { SAVE_VERSION_FIELD } from "../session/statusText";
import { Section } from "./Section";
import { plainList } from "./styles";

const useStyles = makeStyles({
  list: plainList(tokens.spacingVerticalXS),
  version: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) auto",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    overflowWrap: "anywhere",
  },
  name: { display: "flex", flexDirection: "column", minWidth: 0 },
  deleting: { textDecorationLine: "line-through", color: tokens.colorNeutralForeground3 },
  meta: { color: tokens.colorNeutralForeground3 },
  subheading: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  scenario: { display: "flex", flexDirection: "column", overflowWrap: "anywhere" },
  problem: { color: tokens.colorPaletteRedForeground1, overflowWrap: "anywhere" },
  links: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  field: { minWidth: 0 },
  wide: { minWidth: 0, width: "100%", "& select": { minWidth: 0, width: "100%", textOverflow: "ellipsis" } },
});

export interface ReviewCycleProps {
  summary: WorkbookSummary;
  settings: RunSettings;
  changes: VersionChanges;
  disabled: boolean;
  onSettings(settings: RunSettings): void;
  onChanges(changes: VersionChanges): void;
  onGoTo(cell: string): void;
  onOpenSheet(name: string): void;
}

/** `2026-11-28T09:30:00` as the list shows it: `2026-11-28 09:30`. */
function savedText(version: PlanVersion): string {
  return version.savedAt ? version.savedAt.replace("T", " ").slice(0, 16) : "date not known";
}

function Problems({ messages, onGoTo }: { messages: readonly PlanMessage[]; onGoTo(cell: string): void }) {
  const styles = useStyles();
  if (messages.length === 0) return null;
  return (
    <ul className={styles.list}>
      {messages.slice(0, 3).map((m, i) => (
        <li key={i}>
          <Caption1 className={styles.problem}>{m.message} </Caption1>
          {m.cell ? (
            <Link as="button" onClick={() => onGoTo(m.cell as string)} aria-label={`Go to cell ${m.cell}`}>
              Go to cell
            </Link>
          ) : null}
        </li>
      ))}
      {messages.length > 3 ? <Caption1 className={styles.problem}>{plural(messages.length - 3, "more error")}: the run lists them.</Caption1> : null}
    </ul>
  );
}

export default function ReviewCycle({ summary, settings, changes, disabled, onSettings, onChanges, onGoTo, onOpenSheet }: ReviewCycleProps) {
  const styles = useStyles();
  const saved = useMemo(() => parseVersions(findVersionsBlock(summary.blocks)), [summary.blocks]);
  const scenarioBlock = useMemo(() => findScenariosBlock(summary.blocks), [summary.blocks]);
  const scenarios = useMemo(
    () => (scenarioBlock && summary.input ? parseScenarios(scenarioBlock, summary.input) : { scenarios: [], messages: [] }),
    [scenarioBlock, summary.input],
  );
  const versions = saved.versions;
  const kept = versions.filter((v) => !changes.deleting.some((name) => versionKey(name) === versionKey(v.name)));
  const latest = latestVersion(kept);
  const compared = settings.compareWith === null ? null : kept.find((v) => versionKey(v.name) === versionKey(settings.compareWith as string));

  // A compared version that is gone from the workbook (deleted in Excel, or by a run) falls back to the latest.
  const goneChoice = settings.compareWith !== null && !versions.some((v) => versionKey(v.name) === versionKey(settings.compareWith as string));
  useEffect(() => {
    if (goneChoice && saved.messages.length === 0) onSettings({ ...settings, compareWith: null });
  }, [goneChoice, saved.messages.length, onSettings, settings]);

  const name = changes.saveAs;
  // Checked against the versions the run keeps: a deleted version's name can be saved again in the same run.
  const nameProblem = name.trim() === "" ? null : versionNameProblem(kept, name);
  const toggleDelete = (version: PlanVersion) => {
    const deleting = changes.deleting.includes(version.name) ? changes.deleting.filter((n) => n !== version.name) : [...changes.deleting, version.name];
    onChanges({ ...changes, deleting });
  };

  return (
    <Section title="Versions and scenarios">
      <div className={styles.group}>
        <Text as="h3" className={styles.subheading}>
          Saved versions
        </Text>
        <Problems messages={saved.messages} onGoTo={onGoTo} />
        {versions.length === 0 && saved.messages.length === 0 ? (
          <Caption1 className={styles.meta}>None yet: save this run as a version to compare next month's plan with it.</Caption1>
        ) : (
          <ul className={styles.list} aria-label="Saved versions">
            {versions.map((version) => {
              const deleting = changes.deleting.includes(version.name);
              return (
                <li key={version.name} className={styles.version}>
                  <span className={mergeClasses(styles.name, deleting && styles.deleting)}>
                    <Text>{version.name}</Text>
                    <Caption1 className={styles.meta}>
                      {savedText(version)} · {plural(version.families.length, "family", "families")}
                      {deleting ? " · deleted on Run" : ""}
                    </Caption1>
                  </span>
                  <Button
                    size="small"
                    appearance="subtle"
                    disabled={disabled}
                    icon={deleting ? <ArrowUndo16Regular /> : <Delete16Regular />}
                    aria-label={deleting ? `Keep version ${version.name}` : `Delete version ${version.name} on Run`}
                    onClick={() => toggleDelete(version)}
                  >
                    {deleting ? "Keep" : "Delete"}
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
        {kept.length > 0 ? (
          <Field label="Compare this run with" className={styles.field}>
            <Select
              className={styles.wide}
              value={compared ? compared.name : ""}
              disabled={disabled}
              onChange={(_, data) => onSettings({ ...settings, compareWith: data.value === "" ? null : data.value })}
            >
              <option value="">The latest ({latest?.name})</option>
              {kept.map((v) => (
                <option key={v.name} value={v.name}>
                  {v.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field
          label={SAVE_VERSION_FIELD}
          hint={nameProblem ? undefined : "Optional: the recommended plans are kept under this name in SOP Versions."}
          validationState={nameProblem ? "error" : "none"}
          validationMessage={nameProblem ? `Can't save: ${nameProblem}.` : undefined}
        >
          <Input
            value={name}
            disabled={disabled}
            placeholder="e.g. December agreed"
            onChange={(_, data) => onChanges({ ...changes, saveAs: data.value })}
          />
        </Field>
        {versions.length > 0 || findVersionsBlock(summary.blocks) ? (
          <div className={styles.links}>
            <Button size="small" icon={<Open16Regular />} onClick={() => onOpenSheet(VERSIONS_SHEET_NAME)} aria-label={`Open sheet ${VERSIONS_SHEET_NAME}`}>
              {VERSIONS_SHEET_NAME}
            </Button>
          </div>
        ) : null}
      </div>

      <div className={styles.group}>
        <Text as="h3" className={styles.subheading}>
          Scenarios
        </Text>
        {scenarioBlock ? (
          <>
            <Switch
              checked={settings.planScenarios}
              disabled={disabled}
              label={`Plan the ${plural(scenarios.scenarios.length, "scenario")} beside the plan`}
              onChange={(_, data) => onSettings({ ...settings, planScenarios: data.checked })}
            />
            <Problems messages={scenarios.messages} onGoTo={onGoTo} />
            <ul className={styles.list} aria-label="Scenarios">
              {scenarios.scenarios.map((scenario) => (
                <li key={scenario.name} className={styles.scenario}>
                  <Text>{scenario.name}</Text>
                  <Caption1 className={styles.meta}>{scenario.changes.map(describeChange).join("; ")}</Caption1>
                </li>
              ))}
            </ul>
            <div className={styles.links}>
              <Link as="button" onClick={() => onGoTo(cellRef(scenarioBlock, 0, 0))} aria-label={`Edit the Scenarios table at ${cellRef(scenarioBlock, 0, 0)}`}>
                Edit the Scenarios table
              </Link>
            </div>
          </>
        ) : (
          <Caption1 className={styles.meta}>
            None: add a Scenarios table (Scenario | Change | Target | Value) to plan what-ifs beside the plan, such as Demand × 1.15.
          </Caption1>
        )}
      </div>
    </Section>
  );
}

// Buttons that open each sheet the planner wrote.
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { Open16Regular } from "@fluentui/react-icons";
import { Section } from "./Section";

const useStyles = makeStyles({
  buttons: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
});

export function OutputSheets({ names, onShow }: { names: readonly string[]; onShow(name: string): void }) {
  const styles = useStyles();
  if (names.length === 0) return null;
  return (
    <Section title="Plan sheets">
      <div className={styles.buttons}>
        {names.map((name) => (
          <Button key={name} size="small" icon={<Open16Regular />} onClick={() => onShow(name)} aria-label={`Open sheet ${name}`}>
            {name}
          </Button>
        ))}
      </div>
    </Section>
  );
}

// A small button that shows and hides a part of a card: the chevron points the way it goes, and a screen reader hears whether it is open and what it opens.
import { Button } from "@fluentui/react-components";
import { ChevronDown16Regular, ChevronUp16Regular } from "@fluentui/react-icons";
import type { ReactNode } from "react";

interface DisclosureButtonProps {
  open: boolean;
  /** The id of what it shows (named to assistive technology only while shown). */
  controls: string;
  onToggle(): void;
  appearance: "subtle" | "transparent";
  className?: string;
  /** The name a screen reader reads when the words shown are not enough ("Details"). */
  label?: string;
  children: ReactNode;
}

export function DisclosureButton({ open, controls, onToggle, appearance, className, label, children }: DisclosureButtonProps) {
  return (
    <Button
      className={className}
      size="small"
      appearance={appearance}
      icon={open ? <ChevronUp16Regular /> : <ChevronDown16Regular />}
      iconPosition="after"
      aria-expanded={open}
      aria-controls={open ? controls : undefined}
      aria-label={label}
      onClick={onToggle}
    >
      {children}
    </Button>
  );
}

// The messages a reading of the template collects, each with its severity and the cell it names.
import type { PlanMessage, Severity } from "../engine";

export class MessageLog {
  readonly messages: PlanMessage[] = [];

  error(cell: string | undefined, message: string): void {
    this.add("error", cell, message);
  }

  warning(cell: string | undefined, message: string): void {
    this.add("warning", cell, message);
  }

  info(cell: string | undefined, message: string): void {
    this.add("info", cell, message);
  }

  get hasErrors(): boolean {
    return this.messages.some((m) => m.severity === "error");
  }

  get firstError(): PlanMessage | undefined {
    return this.messages.find((m) => m.severity === "error");
  }

  private add(severity: Severity, cell: string | undefined, message: string): void {
    this.messages.push(cell ? { severity, message, cell } : { severity, message });
  }
}

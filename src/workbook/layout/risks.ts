// Lays out SOP Risks: one table of the risks and opportunities found, most serious first.
import type { RiskFlag } from "../../engine/model";
import { RISK_KIND_LABEL, SEVERITY_LABEL } from "../../template/schema";
import type { CellStyle, SheetSpec } from "../sheet";
import { constant, FORMAT, RISK_TABLE_STYLE, SheetGrid, TAB_COLOR, text } from "./kit";

export const RISKS_SHEET_NAME = "SOP Risks";


const RISK_HEADERS = ["Kind", "Severity", "Family", "Product", "Resource", "Period", "Value", "Message"];

export function layoutRisks(risks: readonly RiskFlag[], name: string, tableName: string): SheetSpec {
  const grid = new SheetGrid();
  grid.setTitle("Risks and opportunities");
  grid.setNote(
    risks.length > 0
      ? "Most serious first. Sort or filter the table by any column; the Value is in the unit the message gives (capacity units, product units or money)."
      : "No risk found: no overload, no under-used resource, no backlog or shortage, no loss, no forecast gap.",
  );
  const header = 3;
  RISK_HEADERS.forEach((h, c) => grid.set(header, c, text(h, "header")));
  risks.forEach((flag, i) => {
    const row = header + 1 + i;
    const style: CellStyle | undefined = flag.severity === "error" ? "bad" : flag.kind === "opportunity" ? "good" : undefined;
    grid.set(row, 0, text(RISK_KIND_LABEL[flag.kind], style));
    grid.set(row, 1, text(SEVERITY_LABEL[flag.severity]));
    // A flag about a run of periods names the run (`Apr 2027–Dec 2027`).
    const periods = flag.periods && flag.periods.length > 1 ? `${flag.periods[0]}–${flag.periods[flag.periods.length - 1]}` : flag.period;
    [flag.family, flag.product, flag.resource, periods].forEach((v, c) => grid.set(row, 2 + c, v === undefined ? null : text(v)));
    grid.set(row, 6, flag.value === undefined ? null : constant(flag.value, flag.kind === "high-load" ? FORMAT.share : FORMAT.money));
    grid.set(row, 7, text(flag.message));
  });
  return {
    name,
    cells: grid.cells,
    columnWidths: [20, 11, 18, 18, 16, 20, 14, 100],
    // An Excel table needs a data row, even an empty one.
    tables: [{ name: tableName, top: header, left: 0, rows: Math.max(1, risks.length) + 1, columns: RISK_HEADERS.length, style: RISK_TABLE_STYLE }],
    freeze: { rows: header + 1, columns: 0 },
    tabColor: TAB_COLOR.analysis,
  };
}

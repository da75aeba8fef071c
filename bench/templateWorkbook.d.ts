import type { WorkbookSpec } from "../src/workbook/sheet";

export const WEEKS: number;
/** Seeded input-template workbook: `count` families × 52 weeks, one product each, three shared resources. */
export function templateWorkbook(count: number, options?: { seed?: number; integerWorkers?: boolean; tightness?: number }): WorkbookSpec;

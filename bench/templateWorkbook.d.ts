import type { WorkbookSpec } from "../src/workbook/sheet";

export const WEEKS: number;
/**
 * Seeded input-template workbook: `count` families × 52 weeks, one product each, three shared
 * resources (or three per group of `groups`; families after the groups load none); `smallWorkforce`:
 * 1–5 workers a family; `scenarios`: rows of [scenario, change, target, value].
 */
export function templateWorkbook(
  count: number,
  options?: {
    seed?: number;
    integerWorkers?: boolean;
    tightness?: number;
    groups?: number[];
    smallWorkforce?: boolean;
    scenarios?: (string | number)[][];
  },
): WorkbookSpec;

import type { WorkbookSpec } from "../src/workbook/sheet";

export const WEEKS: number;
/** Seeded input-template workbook: `count` families × 52 weeks, one product each, three shared resources. */
export function templateWorkbook(count: number, options?: {
    seed?: number;
    integerWorkers?: boolean;
    tightness?: number;
    /** Sizes of coupled groups, each with resources of its own; the families after them load none (planned alone). */
    groups?: number[];
    smallWorkforce?: boolean;
    /** Rows of the Scenarios table: [scenario, change, target, value]. */
    scenarios?: (string | number)[][];
  }): WorkbookSpec;

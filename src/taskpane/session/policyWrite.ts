// The Policy edits a run writes before it reads the workbook: kept when the run completes, put back as they were when it does not.
import type { CellsBefore, WorkbookHost } from "../planner";
import type { PolicyEdit } from "../policy";
import { reasonOf } from "./statusText";

/** A held Policy edit the workbook refused: the run stops before reading the workbook. */
export class PolicyNotWritten extends Error {
  override name = "PolicyNotWritten";
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(`Could not change ${address}: ${reason}`);
  }
}

/** One run's writes into the Policy cells, as a transaction: `commit` keeps them, `rollBack` puts the cells back. */
export class PolicyWrite {
  private written: { edit: PolicyEdit; before: CellsBefore }[] = [];

  constructor(private readonly host: WorkbookHost) {}

  /** Writes one edit, keeping what its cells held. Throws `PolicyNotWritten`, naming the cell, when the workbook refuses it. */
  async write(edit: PolicyEdit): Promise<void> {
    let before: CellsBefore;
    try {
      before = await this.host.writeValues(edit.address, [edit.values]);
    } catch (error) {
      throw new PolicyNotWritten(edit.address, reasonOf(error));
    }
    this.written.push({ edit, before });
  }

  /** The edits written and not yet kept or put back, in the order written. */
  get edits(): PolicyEdit[] {
    return this.written.map((w) => w.edit);
  }

  /** The run completed: what it wrote stays in the workbook. */
  commit(): void {
    this.written = [];
  }

  /**
   * Puts the written cells back as they were (values, formulas, number formats), the last write
   * first. Gives the edits it undid, to be held again, and why putting them back failed (null when
   * the cells are as they were).
   */
  async rollBack(): Promise<{ edits: PolicyEdit[]; failure: string | null }> {
    const written = this.written;
    this.written = [];
    if (written.length === 0) return { edits: [], failure: null };
    try {
      await this.host.restoreCells(written.map((w) => w.before));
      return { edits: written.map((w) => w.edit), failure: null };
    } catch (error) {
      return { edits: written.map((w) => w.edit), failure: reasonOf(error) };
    }
  }
}

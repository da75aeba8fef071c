// What one Excel request may carry, and a batch that syncs before it would carry more.

/**
 * Excel on the web refuses a request or a response over 5 MB (`RequestPayloadSizeLimitExceeded`).
 * The adapter estimates what it queues and syncs before the estimate passes this budget, which
 * leaves room for what the estimate leaves out (Office.js's own framing of each action).
 */
export const REQUEST_BUDGET_BYTES = 3_000_000;

/** What the estimate adds per queued Office.js operation for its action and object path. */
export const OPERATION_BYTES = 300;

/** Values a read may bring back in one response, by the estimate of the values received so far. */
export const RESPONSE_BUDGET_BYTES = 2_000_000;

/** UTF-8 length of a value's JSON: the size it has on the wire. */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? "";
  let length = json.length;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) length += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      length += 2; // a surrogate pair is 2 UTF-16 units and 4 UTF-8 bytes
      i++;
    } else length += 2;
  }
  return length;
}

/** A piece of work on one worksheet, queued without a sync, and about how many request bytes it adds. */
export interface Command {
  bytes: number;
  queue(worksheet: Excel.Worksheet): void;
}

/**
 * Queues work into as few syncs as the request budget allows: `add` syncs what is queued first
 * when the next piece would not fit. A piece larger than the budget goes alone (rendering never
 * makes one: it splits cells into bands well under it).
 */
export class RequestBatch {
  private pendingBytes = 0;
  /** Syncs this batch has sent. */
  syncs = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget = REQUEST_BUDGET_BYTES,
    /**
     * `suspendCalculation`: each request starts by asking Excel not to recalculate after it
     * (ExcelApi 1.6), so a write of 25 requests is not recalculated 25 times; whoever writes
     * recalculates once when done, also after a failure.
     */
    private readonly options: { suspendCalculation?: boolean } = {},
  ) {}

  /** Makes room for `bytes` more, syncing first if they would not fit. */
  async reserve(bytes: number): Promise<void> {
    if (this.pendingBytes > 0 && this.pendingBytes + bytes > this.budget) await this.flush();
    if (this.pendingBytes === 0 && this.options.suspendCalculation) {
      this.context.workbook.application.suspendApiCalculationUntilNextSync();
      this.pendingBytes += OPERATION_BYTES;
    }
    this.pendingBytes += bytes;
  }

  async add(command: Command, worksheet: Excel.Worksheet): Promise<void> {
    await this.reserve(command.bytes);
    command.queue(worksheet);
  }

  /** Sends whatever is queued. */
  async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    this.pendingBytes = 0;
    this.syncs++;
    await this.context.sync();
  }
}

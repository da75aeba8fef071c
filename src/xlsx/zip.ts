// The zip container of an .xlsx, written as it goes with Node's own zlib: small parts deflate at once, large ones stream through zlib's threads with backpressure.
import { once } from "events";
import type { Writable } from "stream";
import * as zlib from "zlib";

/** zlib's default: what Excel and most zip tools use, about 6× smaller than the XML. */
const COMPRESSION_LEVEL = 6;

/** The signature a zip file (an .xlsx) starts with: its first local file header. */
export const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Version 2.0 of the format: deflate, folders, data descriptors. */
const VERSION = 20;
const DEFLATE = 8;
const FLAG_DATA_DESCRIPTOR = 1 << 3;
const FLAG_UTF8_NAME = 1 << 11;
/** Without ZIP64, sizes, offsets and the entry count stop here; an .xlsx that large is beyond Excel anyway. */
const MAX_32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 of the zip format, continuing from `crc`: zlib's own where Node has it (20.15 and later). */
const crc32: (data: Buffer, crc: number) => number =
  typeof zlib.crc32 === "function"
    ? (data, crc) => zlib.crc32(data, crc)
    : (data, crc) => {
        let c = ~crc;
        for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
        return ~c >>> 0;
      };

/** MS-DOS time and date, the zip format's timestamps (two-second steps, local time). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

interface Entry {
  name: Buffer;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** A part whose text arrives in pieces; `end()` it before the next part starts. */
export interface StreamedPart {
  /** Adds bytes to the part; resolves once zlib is ready for more. */
  write(data: Buffer): Promise<void>;
  end(): Promise<void>;
}

/**
 * A zip archive written to `output` entry by entry, in the order they are added, one at a time.
 * Every entry is deflated; the central directory goes out at `finish`. Failures of zlib or of
 * `output` reject the call that is waiting, or the next one.
 */
export class ZipWriter {
  private readonly entries: Entry[] = [];
  private readonly stamp = dosDateTime(new Date());
  private readonly failed: Promise<never>;
  private failure: Error | null = null;
  private offset = 0;
  private open = false;

  constructor(private readonly output: Writable) {
    this.failed = new Promise<never>((_, reject) => {
      output.on("error", (error: Error) => {
        this.failure ??= error;
        reject(this.failure);
      });
    });
    // Nobody may be waiting when a failure comes; the next call reports it.
    this.failed.catch(() => undefined);
  }

  /** Adds a part held whole (deflated here and now). */
  async addFile(path: string, data: Buffer): Promise<void> {
    this.startEntry();
    const compressed = zlib.deflateRawSync(data, { level: COMPRESSION_LEVEL });
    const entry = this.entry(path, 0, crc32(data, 0), compressed.length, data.length);
    // Both always go out: `&&` would skip the data whenever the header alone filled the stream's buffer.
    const headerReady = this.emit(this.localHeader(entry));
    const ready = this.emit(compressed) && headerReady;
    this.open = false;
    if (!ready) await this.drained(this.output);
  }

  /** Starts a part written in pieces: sizes and checksum follow its data (a data descriptor). */
  streamFile(path: string): StreamedPart {
    this.startEntry();
    const entry = this.entry(path, FLAG_DATA_DESCRIPTOR, 0, 0, 0);
    this.emit(this.localHeader(entry));
    const deflate = zlib.createDeflateRaw({ level: COMPRESSION_LEVEL });
    const failed = new Promise<never>((_, reject) => deflate.on("error", reject));
    failed.catch(() => undefined);
    deflate.on("data", (chunk: Buffer) => {
      entry.compressedSize += chunk.length;
      if (!this.emit(chunk)) {
        deflate.pause();
        this.output.once("drain", () => deflate.resume());
      }
    });
    const ended = once(deflate, "end");
    ended.catch(() => undefined);
    return {
      write: async (data) => {
        this.throwIfFailed();
        entry.crc = crc32(data, entry.crc);
        entry.size += data.length;
        if (!deflate.write(data)) await Promise.race([once(deflate, "drain"), failed, this.failed]);
      },
      end: async () => {
        this.throwIfFailed();
        deflate.end();
        await Promise.race([ended, failed, this.failed]);
        this.checkSizes(entry);
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
        descriptor.writeUInt32LE(entry.crc, 4);
        descriptor.writeUInt32LE(entry.compressedSize, 8);
        descriptor.writeUInt32LE(entry.size, 12);
        const ready = this.emit(descriptor);
        this.open = false;
        if (!ready) await this.drained(this.output);
      },
    };
  }

  /** Writes the central directory and ends `output`; resolves once it has everything. */
  async finish(): Promise<void> {
    if (this.open) throw new Error("zip: a part is still being written");
    this.throwIfFailed();
    const directoryStart = this.offset;
    for (const entry of this.entries) this.emit(this.centralHeader(entry));
    const directorySize = this.offset - directoryStart;
    if (this.offset > MAX_32) throw new Error("zip: the workbook is larger than 4 GB");
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directorySize, 12);
    end.writeUInt32LE(directoryStart, 16);
    this.output.end(end);
    await Promise.race([once(this.output, "finish"), this.failed]);
  }

  private startEntry(): void {
    this.throwIfFailed();
    if (this.open) throw new Error("zip: one part at a time (end the streamed part first)");
    if (this.entries.length >= MAX_ENTRIES) throw new Error(`zip: more than ${MAX_ENTRIES} parts`);
    this.open = true;
  }

  private entry(path: string, flags: number, crc: number, compressedSize: number, size: number): Entry {
    const name = Buffer.from(path, "utf8");
    const entry = { name, flags: flags | FLAG_UTF8_NAME, crc, compressedSize, size, offset: this.offset };
    this.checkSizes(entry);
    this.entries.push(entry);
    return entry;
  }

  private checkSizes(entry: Entry): void {
    if (entry.size > MAX_32 || entry.compressedSize > MAX_32 || entry.offset > MAX_32) {
      throw new Error(`zip: ${entry.name.toString()} goes past 4 GB`);
    }
  }

  private localHeader(entry: Entry): Buffer {
    const header = Buffer.alloc(30 + entry.name.length);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(entry.flags, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    // With a data descriptor the checksum and sizes are zero here and follow the data.
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.compressedSize, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(entry.name.length, 26);
    header.writeUInt16LE(0, 28);
    entry.name.copy(header, 30);
    return header;
  }

  private centralHeader(entry: Entry): Buffer {
    const header = Buffer.alloc(46 + entry.name.length);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(VERSION, 6);
    header.writeUInt16LE(entry.flags, 8);
    header.writeUInt16LE(DEFLATE, 10);
    header.writeUInt16LE(this.stamp.time, 12);
    header.writeUInt16LE(this.stamp.date, 14);
    header.writeUInt32LE(entry.crc, 16);
    header.writeUInt32LE(entry.compressedSize, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(entry.name.length, 28);
    // Extra field, comment, disk number, internal and external attributes: all zero.
    header.writeUInt32LE(entry.offset, 42);
    entry.name.copy(header, 46);
    return header;
  }

  /** Writes bytes to `output`; false when it wants a rest (wait for 'drain'). */
  private emit(bytes: Buffer): boolean {
    this.offset += bytes.length;
    return this.output.write(bytes);
  }

  private drained(stream: Writable): Promise<unknown> {
    return Promise.race([once(stream, "drain"), this.failed]);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}

// Reads the parts of a zip (an .xlsx package) from its central directory, each inflated with Node's zlib when asked for.
import { inflateRawSync } from "zlib";

const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATE = 8;

interface Entry {
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The parts of a zip by name; `text`/`bytes` inflate one part, `null` when the package has no such part. */
export class ZipReader {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly data: Buffer) {
    const end = findEndOfCentralDirectory(data);
    const count = data.readUInt16LE(end + 10);
    let at = data.readUInt32LE(end + 16);
    for (let i = 0; i < count; i++) {
      if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error("the zip's central directory is damaged");
      const method = data.readUInt16LE(at + 10);
      const compressedSize = data.readUInt32LE(at + 20);
      const nameLength = data.readUInt16LE(at + 28);
      const extraLength = data.readUInt16LE(at + 30);
      const commentLength = data.readUInt16LE(at + 32);
      const localOffset = data.readUInt32LE(at + 42);
      const name = data.toString("utf8", at + 46, at + 46 + nameLength);
      this.entries.set(name, { method, compressedSize, localOffset });
      at += 46 + nameLength + extraLength + commentLength;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  bytes(name: string): Buffer | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    const at = entry.localOffset;
    if (this.data.readUInt32LE(at) !== LOCAL_HEADER) throw new Error(`the zip's part ${name} is damaged`);
    const start = at + 30 + this.data.readUInt16LE(at + 26) + this.data.readUInt16LE(at + 28);
    const raw = this.data.subarray(start, start + entry.compressedSize);
    if (entry.method === STORED) return Buffer.from(raw);
    if (entry.method === DEFLATE) return inflateRawSync(raw);
    throw new Error(`the zip's part ${name} uses a compression this reader does not know (${entry.method})`);
  }

  text(name: string): string | null {
    const bytes = this.bytes(name);
    return bytes === null ? null : bytes.toString("utf8");
  }
}

function findEndOfCentralDirectory(data: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (data.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error("not a zip: no end of central directory");
}

// Parts of the .xlsx package: relationships, and the text of a streamed part collected into chunks for the zip.
import { escapeXml, NS, XML_DECLARATION } from "./xml";
import type { StreamedPart } from "./zip";

/** Text is handed to the zip in pieces of about this many characters. */
const CHUNK_CHARACTERS = 1 << 16;

export interface Relationship {
  id: string;
  type: string;
  /** Relative to the source part's folder, as Excel writes it. */
  target: string;
  /** A link outside the package (a web address): `TargetMode="External"`. */
  external?: boolean;
}

/** A relationships part (`…/_rels/<part>.rels`). */
export function relationshipsXml(relationships: readonly Relationship[]): string {
  const entries = relationships.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"${r.external ? ' TargetMode="External"' : ""}/>`);
  return `${XML_DECLARATION}<Relationships xmlns="${NS.packageRelationships}">${entries.join("")}</Relationships>`;
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relationshipsPath(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/**
 * One part being written: `add` collects text, `flush` hands what has collected to the zip and
 * waits while zlib is behind. The writer of a part calls `flush` between rows, not per cell.
 */
export class PartWriter {
  private pending = "";

  constructor(private readonly part: StreamedPart) {}

  add(text: string): void {
    this.pending += text;
  }

  /** True once enough text has collected to be worth a `flush`. */
  get full(): boolean {
    return this.pending.length >= CHUNK_CHARACTERS;
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending, "utf8");
    this.pending = "";
    await this.part.write(bytes);
  }

  async end(): Promise<void> {
    await this.flush();
    await this.part.end();
  }
}

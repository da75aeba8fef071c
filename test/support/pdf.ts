// Reads what a LibreOffice PDF holds, for the print tests: its pages in order, each sheet's pages (the outline) and each page's text.
import { readFileSync } from "fs";
import { inflateSync } from "zlib";

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objectsOf(bytes: Buffer): Map<number, PdfObject> {
  const text = bytes.toString("latin1");
  const objects = new Map<number, PdfObject>();
  const pattern = /(\d+) 0 obj([\s\S]*?)endobj/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const body = m[2];
    const at = body.indexOf("stream");
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const start = at + "stream".length + (body[at + 6] === "\r" ? 2 : 1);
    const end = body.lastIndexOf("endstream");
    const raw = Buffer.from(body.slice(start, end), "latin1");
    const dict = body.slice(0, at);
    objects.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return objects;
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s*(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** `<FEFF0053…>` or `(…)` as text. */
function pdfString(token: string): string {
  if (token.startsWith("<")) {
    const hex = token.slice(1, -1).replace(/\s+/g, "");
    const bytes = Buffer.from(hex, "hex");
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString("utf16le");
    return bytes.toString("latin1");
  }
  return token.slice(1, -1).replace(/\\([()\\])/g, "$1");
}

/** A font's ToUnicode map: code (as hex of its bytes) → text. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const unicode = (hex: string) => Buffer.from(hex, "hex").swap16().toString("utf16le");
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(m[1].toUpperCase(), unicode(m[2]));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const width = m[1].length;
      const first = parseInt(m[1], 16);
      const last = parseInt(m[2], 16);
      const base = parseInt(m[3], 16);
      for (let code = first; code <= last; code++) map.set(code.toString(16).toUpperCase().padStart(width, "0"), String.fromCodePoint(base + code - first));
    }
  }
  return map;
}

export interface PdfDocument {
  pageCount: number;
  /** Each page's text, in reading order of the content stream: runs of text joined by spaces. */
  pageText: string[];
  /** The outline's entries (LibreOffice: one per sheet) and the 0-based page each starts on. */
  outline: { title: string; page: number }[];
  /** The pages of an outline entry: from its page to the page before the next entry's. */
  pagesOf(title: string): number[];
}

export function readPdf(file: string): PdfDocument {
  const objects = objectsOf(readFileSync(file));
  const get = (n: number | null) => (n === null ? undefined : objects.get(n));
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict))!;
  const pages: number[] = [];
  const walk = (n: number) => {
    const node = get(n)!;
    if (/\/Type\s*\/Pages/.test(node.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node.dict)![1];
      for (const m of kids.matchAll(/(\d+) 0 R/g)) walk(Number(m[1]));
    } else pages.push(n);
  };
  walk(ref(catalog.dict, "Pages")!);

  const fontMaps = new Map<number, Map<string, string>>();
  const fontMap = (n: number) => {
    if (!fontMaps.has(n)) {
      const cmap = get(ref(get(n)!.dict, "ToUnicode"));
      fontMaps.set(n, cmap?.stream ? toUnicode(cmap.stream.toString("latin1")) : new Map());
    }
    return fontMaps.get(n)!;
  };

  const pageText = pages.map((n) => {
    const page = get(n)!;
    const resources = get(ref(page.dict, "Resources"))?.dict ?? /\/Resources\s*<<([\s\S]*?)>>\s*\/(?:MediaBox|Contents)/.exec(page.dict)?.[1] ?? "";
    const fontDict = /\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? get(ref(resources, "Font"))?.dict ?? "";
    const fonts = new Map([...fontDict.matchAll(/\/(\w+)\s+(\d+) 0 R/g)].map((m) => [m[1], Number(m[2])]));
    const contents = /\/Contents\s*\[([^\]]*)\]/.exec(page.dict)?.[1] ?? /\/Contents\s*(\d+ 0 R)/.exec(page.dict)?.[1] ?? "";
    const streams = [...contents.matchAll(/(\d+) 0 R/g)].map((m) => get(Number(m[1]))?.stream?.toString("latin1") ?? "");
    const runs: string[] = [];
    let map = new Map<string, string>();
    for (const content of streams) {
      for (const m of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\[((?:[^\]]|\\\])*)\]\s*TJ|(<[0-9A-Fa-f\s]*>|\((?:[^()\\]|\\.)*\))\s*Tj/g)) {
        if (m[1]) {
          map = fonts.has(m[1]) ? fontMap(fonts.get(m[1])!) : new Map();
          continue;
        }
        const strings = m[2] !== undefined ? [...m[2].matchAll(/<([0-9A-Fa-f\s]*)>/g)].map((s) => s[1]) : [m[3].replace(/^<|>$/g, "")];
        let run = "";
        for (const hex of strings) {
          const clean = hex.replace(/\s+/g, "").toUpperCase();
          for (let i = 0; i < clean.length; i += 2) run += map.get(clean.slice(i, i + 2)) ?? "";
        }
        runs.push(run);
      }
    }
    return runs.join(" ");
  });

  const outline: { title: string; page: number }[] = [];
  for (const o of objects.values()) {
    const title = /\/Title\s*(<[0-9A-Fa-f]*>|\((?:[^()\\]|\\.)*\))/.exec(o.dict);
    const dest = /\/Dest\s*\[\s*(\d+) 0 R/.exec(o.dict);
    if (title && dest) outline.push({ title: pdfString(title[1]), page: pages.indexOf(Number(dest[1])) });
  }
  outline.sort((a, b) => a.page - b.page);
  return {
    pageCount: pages.length,
    pageText,
    outline,
    pagesOf(title: string) {
      const i = outline.findIndex((e) => e.title === title);
      if (i < 0) return [];
      const end = i + 1 < outline.length ? outline[i + 1].page : pages.length;
      return Array.from({ length: end - outline[i].page }, (_, k) => outline[i].page + k);
    },
  };
}

// Draws the add-in's icons (a rising bar chart on a green square) as PNGs in assets/, with no image library.
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const ASSETS = path.join(__dirname, "..", "assets");
/** Excel's green, so the button sits naturally on the Home tab. */
const BACKGROUND = [0x10, 0x7c, 0x41];
const BAR = [0xff, 0xff, 0xff];
/** Bar heights as fractions of the inner square: the plan rises period by period. */
const BAR_HEIGHTS = [0.4, 0.65, 0.9];
/** Samples per pixel side; only the rounded corners need them, the bars sit on whole pixels. */
const SUPERSAMPLE = 4;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels (row-major, 4 bytes each) as a PNG. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // Each scanline starts with filter type 0 (none); deflate does the compressing.
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Coverage (0..1) of pixel (x, y) by a square of side `size` with corner radius `radius`. */
function roundedSquareCoverage(x, y, size, radius) {
  let inside = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const px = x + (sx + 0.5) / SUPERSAMPLE;
      const py = y + (sy + 0.5) / SUPERSAMPLE;
      const dx = Math.max(radius - px, px - (size - radius), 0);
      const dy = Math.max(radius - py, py - (size - radius), 0);
      if (dx * dx + dy * dy <= radius * radius) inside++;
    }
  }
  return inside / (SUPERSAMPLE * SUPERSAMPLE);
}

/** Bar rectangles snapped to whole pixels so the glyph stays crisp at 16 px. */
function barRects(size) {
  const margin = Math.round(size * 0.1875);
  const inner = size - 2 * margin;
  const gap = Math.max(1, Math.round(size / 16));
  const width = Math.floor((inner - 2 * gap) / BAR_HEIGHTS.length);
  const used = width * BAR_HEIGHTS.length + gap * (BAR_HEIGHTS.length - 1);
  const left = margin + Math.floor((inner - used) / 2);
  const bottom = size - margin;
  return BAR_HEIGHTS.map((fraction, i) => {
    const height = Math.max(1, Math.round(inner * fraction));
    return { x0: left + i * (width + gap), x1: left + i * (width + gap) + width, y0: bottom - height, y1: bottom };
  });
}

function drawIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const radius = size * 0.18;
  const bars = barRects(size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const onBar = bars.some((b) => x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1);
      const colour = onBar ? BAR : BACKGROUND;
      const i = (y * size + x) * 4;
      rgba[i] = colour[0];
      rgba[i + 1] = colour[1];
      rgba[i + 2] = colour[2];
      rgba[i + 3] = Math.round(255 * roundedSquareCoverage(x, y, size, radius));
    }
  }
  return encodePng(size, rgba);
}

const ICONS = [
  { file: "icon-16.png", size: 16 },
  { file: "icon-32.png", size: 32 },
  { file: "icon-64.png", size: 64 },
  { file: "icon-80.png", size: 80 },
  { file: "logo-filled.png", size: 128 },
];

fs.mkdirSync(ASSETS, { recursive: true });
for (const { file, size } of ICONS) {
  const png = drawIcon(size);
  fs.writeFileSync(path.join(ASSETS, file), png);
  console.log(`assets/${file}: ${size}x${size}, ${png.length} bytes`);
}

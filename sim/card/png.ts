// Minimal 1-bit greyscale PNG writer for the card-face record's rendered fields (name, address,
// security code: DF25, DF26, DF2A). The virtual card does not render text; it draws a
// deterministic bar pattern derived from the text so each field has a plausible size and differs
// per person. The card-face helper renders the printed card itself.
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { concatBytes } from './ber-encode';

function chunk(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  new DataView(head.buffer).setUint32(0, data.length);
  head.set(new TextEncoder().encode(type), 4);
  const crc = new Uint8Array(4);
  new DataView(crc.buffer).setUint32(0, crc32(concatBytes(head.subarray(4), data)));
  return concatBytes(head, data, crc);
}

export function patternPng(text: string, width: number, height: number): Uint8Array {
  const seed = createHash('sha256').update(text).digest();
  const rowBytes = Math.ceil(width / 8);
  const raw = new Uint8Array((rowBytes + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (rowBytes + 1)] = 0; // filter: none
    for (let x = 0; x < rowBytes; x += 1) {
      const glyph = seed[(x >> 1) % seed.length]!;
      const ink = y > height / 5 && y < (4 * height) / 5 && (glyph >> (y % 8)) & 1;
      raw[y * (rowBytes + 1) + 1 + x] = ink ? glyph : 0xff;
    }
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  return concatBytes(
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    chunk('IDAT', new Uint8Array(deflateSync(raw))),
    chunk('IEND', new Uint8Array(0)),
  );
}

// Wraps a JPEG 2000 codestream in the JP2 container the card stores (card.md §2.1: DF27 starts
// `00 00 00 0C 6A 50 20 20 0D 0A`): signature, file type, header (ihdr + greyscale colr), codestream.
import { concatBytes } from './ber-encode';

function box(type: string, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  new DataView(out.buffer).setUint32(0, out.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(payload, 8);
  return out;
}

export function wrapCodestreamInJp2(codestream: Uint8Array, width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(14);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, height);
  view.setUint32(4, width);
  view.setUint16(8, 1); // one component: the chip's photo is greyscale
  ihdr[10] = 7; // 8 bits, unsigned
  ihdr[11] = 7; // compression type: JPEG 2000
  const colr = Uint8Array.of(1, 0, 0, 0, 0, 0, 17); // enumerated colour space 17 = greyscale
  const ftyp = concatBytes(
    new TextEncoder().encode('jp2 '),
    new Uint8Array(4),
    new TextEncoder().encode('jp2 '),
  );
  return concatBytes(
    box('jP  ', Uint8Array.of(0x0d, 0x0a, 0x87, 0x0a)),
    box('ftyp', ftyp),
    box('jp2h', concatBytes(box('ihdr', ihdr), box('colr', colr))),
    box('jp2c', codestream),
  );
}

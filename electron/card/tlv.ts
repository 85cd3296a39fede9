// BER-TLV decoding that never trusts a length: every length is checked against the bytes actually
// held, so a lying card ends in a `card.malformed-response` error, never an over-read or a huge
// allocation (values are views into the input, nothing is copied or sized from a header).
import { KioskError } from '../errors/kiosk-error';

export interface TlvHeader {
  /** The tag's bytes packed big-endian: 0x30, 0xDF21, 0xFF20, 0x7F21. */
  readonly tag: number;
  readonly headerLength: number;
  readonly valueLength: number;
}

export interface Tlv {
  readonly tag: number;
  readonly value: Uint8Array;
  /** Header and value, exactly as on the card (what signatures cover). */
  readonly raw: Uint8Array;
}

const malformed = (detail: string): KioskError => new KioskError('card.malformed-response', detail);

/** Longest header this card uses: 3 tag bytes + `83 LL LL LL`. */
export const MAX_TLV_HEADER = 7;

/** Parses the header at `offset`. Needs only the header bytes, so it also works on a file's first chunk. */
export function parseTlvHeader(bytes: Uint8Array, offset = 0): TlvHeader {
  let at = offset;
  const byte = (): number => {
    const b = bytes[at];
    if (b === undefined) throw malformed('TLV header truncated');
    at += 1;
    return b;
  };
  const first = byte();
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // High tag number form: continuation bytes have b8 set. Three tag bytes at most here.
    let next: number;
    let count = 1;
    do {
      next = byte();
      tag = tag * 256 + next;
      count += 1;
      if (count > 3) throw malformed('TLV tag longer than 3 bytes');
    } while (next & 0x80);
  }
  const lengthByte = byte();
  let valueLength: number;
  if (lengthByte < 0x80) valueLength = lengthByte;
  else if (lengthByte === 0x81) valueLength = byte();
  else if (lengthByte === 0x82) valueLength = byte() * 256 + byte();
  else if (lengthByte === 0x83) valueLength = byte() * 65536 + byte() * 256 + byte();
  else throw malformed(`unsupported TLV length form ${lengthByte.toString(16)}`);
  return { tag, headerLength: at - offset, valueLength };
}

/** Reads one TLV at `offset`; its value must lie wholly inside `bytes`. */
export function readTlv(bytes: Uint8Array, offset = 0): Tlv {
  const header = parseTlvHeader(bytes, offset);
  const end = offset + header.headerLength + header.valueLength;
  if (end > bytes.length) {
    throw malformed(`TLV ${header.tag.toString(16)} claims ${header.valueLength} bytes past the data`);
  }
  return {
    tag: header.tag,
    value: bytes.subarray(offset + header.headerLength, end),
    raw: bytes.subarray(offset, end),
  };
}

/**
 * Reads consecutive TLVs filling `bytes`. Files carry filler (`00` or `FF`) after their last
 * object, so `stopAtFiller` ends the list there instead of parsing it.
 */
export function readTlvList(bytes: Uint8Array, options: { stopAtFiller?: boolean } = {}): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < bytes.length) {
    const first = bytes[at]!;
    if (options.stopAtFiller && (first === 0x00 || first === 0xff)) break;
    const tlv = readTlv(bytes, at);
    out.push(tlv);
    at += tlv.raw.length;
  }
  return out;
}

/** The value of the only TLV with `tag`, or an error naming what is missing. */
export function requireTlv(list: readonly Tlv[], tag: number, what: string): Tlv {
  const found = list.find((t) => t.tag === tag);
  if (!found) throw malformed(`${what} (tag ${tag.toString(16).toUpperCase()}) missing`);
  return found;
}

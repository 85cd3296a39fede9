// BER-TLV encoding for the virtual card and the test PKI generator. The driver only ever decodes
// (electron/card/tlv.ts); building records is the card issuer's job, so it lives on this side.

/** Encodes a tag given as its big-endian bytes packed in a number: 0x90, 0xDF21, 0xFF20, 0x7F21. */
function tagBytes(tag: number): number[] {
  if (tag > 0xffffff || tag < 0) throw new RangeError(`tag ${tag} out of range`);
  if (tag > 0xffff) return [tag >> 16, (tag >> 8) & 0xff, tag & 0xff];
  if (tag > 0xff) return [tag >> 8, tag & 0xff];
  return [tag];
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  if (length <= 0xff) return [0x81, length];
  if (length <= 0xffff) return [0x82, length >> 8, length & 0xff];
  throw new RangeError(`length ${length} too large for this card`);
}

export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  const header = [...tagBytes(tag), ...lengthBytes(value.length)];
  const out = new Uint8Array(header.length + value.length);
  out.set(header, 0);
  out.set(value, header.length);
  return out;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

import { describe, expect, it } from 'vitest';
import { parseTlvHeader, readTlv, readTlvList } from './tlv';

describe('BER-TLV', () => {
  it('reads one-, two- and three-byte lengths and two-byte tags', () => {
    expect(parseTlvHeader(Uint8Array.of(0x30, 0x82, 0x05, 0xa0))).toEqual({
      tag: 0x30,
      headerLength: 4,
      valueLength: 0x5a0,
    });
    expect(parseTlvHeader(Uint8Array.of(0xff, 0x20, 0x81, 0x90))).toEqual({
      tag: 0xff20,
      headerLength: 4,
      valueLength: 0x90,
    });
    expect(parseTlvHeader(Uint8Array.of(0x7f, 0x21, 0x83, 0x01, 0x00, 0x00)).valueLength).toBe(65536);
  });

  it('never trusts a length past the data', () => {
    expect(() => readTlv(Uint8Array.of(0xdf, 0x22, 0x08, 0x31, 0x32))).toThrow(/past the data/);
    expect(() => parseTlvHeader(Uint8Array.of(0xdf))).toThrow(/truncated/);
    expect(() => parseTlvHeader(Uint8Array.of(0x30, 0x84, 1, 0, 0, 0))).toThrow(/length form/);
    expect(() => parseTlvHeader(Uint8Array.of(0x30, 0x80))).toThrow(/length form/);
    expect(() => parseTlvHeader(Uint8Array.of(0x1f, 0x81, 0x82, 0x83, 0x01, 0x00))).toThrow(/tag longer/);
  });

  it('stops at filler after the last object', () => {
    const list = readTlvList(Uint8Array.of(0xdf, 0x23, 0x01, 0x31, 0xff, 0xff, 0xff), { stopAtFiller: true });
    expect(list.map((t) => t.tag)).toEqual([0xdf23]);
    expect(() => readTlvList(Uint8Array.of(0xdf, 0x23, 0x01, 0x31, 0xff, 0xff))).toThrow();
  });
});

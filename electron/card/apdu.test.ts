import { describe, expect, it } from 'vitest';
import { encodeCommand, parseResponse } from './apdu';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

describe('command APDUs', () => {
  it('encode the four short cases', () => {
    expect(hex(encodeCommand({ cla: 0, ins: 0x20, p1: 0, p2: 0x80 }))).toBe('00200080');
    expect(hex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 }))).toBe('00B0000000');
    expect(hex(encodeCommand({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: Uint8Array.of(0, 0x0a) }))).toBe(
      '00A4020C02000A',
    );
    expect(
      hex(encodeCommand({ cla: 0x80, ins: 0x2a, p1: 0, p2: 0x80, data: Uint8Array.of(1, 2), le: 256 })),
    ).toBe('802A0080020102' + '00');
  });

  it('refuse extended lengths unless enabled, and encode them when enabled', () => {
    expect(() => encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 3000 })).toThrow(RangeError);
    expect(hex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 3000 }, true))).toBe('00B00000000BB8');
    expect(hex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65536 }, true))).toBe('00B00000000000');
    const data = new Uint8Array(300);
    const encoded = encodeCommand({ cla: 0, ins: 0x2a, p1: 0, p2: 0, data, le: 512 }, true);
    expect(hex(encoded.subarray(0, 7))).toBe('002A000000012C');
    expect(encoded).toHaveLength(7 + 300 + 2);
    expect(hex(encoded.subarray(-2))).toBe('0200');
  });
});

describe('response APDUs', () => {
  it('split data and status word', () => {
    const r = parseResponse(Uint8Array.of(1, 2, 0x90, 0x00));
    expect(r.sw).toBe(0x9000);
    expect([...r.data]).toEqual([1, 2]);
  });

  it('without a status word are malformed', () => {
    expect(() => parseResponse(Uint8Array.of(0x90))).toThrow(/card.malformed-response/);
  });
});

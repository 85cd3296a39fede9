// The virtual card's behaviour as card.md describes the real one: access rules, retry counters,
// status words. The driver's tests rely on these being right.
import { describe, expect, it } from 'vitest';
import { createVirtualCard } from './sim-world';

const apdu = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
const swOf = (r: Uint8Array): string => Buffer.from(r.subarray(-2)).toString('hex').toUpperCase();

const SELECT_JPKI = '00A4040C0A D392F000260100000001';
const SELECT_SURFACE = '00A4040C0A D3921000310001010402';

describe('virtual My Number card', () => {
  it('answers SELECT MF with 6A86 after reset, as the real card does', () => {
    const card = createVirtualCard('yamada-taro');
    expect(swOf(card.transmit(apdu('00A40000')))).toBe('6A86');
    expect(swOf(card.transmit(apdu(SELECT_JPKI)))).toBe('9000');
    expect(swOf(card.transmit(apdu('00A40000')))).toBe('9000');
  });

  it('keeps the card face behind 照合番号B and EF 0005 behind 照合番号A only', () => {
    const card = createVirtualCard('yamada-taro');
    card.transmit(apdu(SELECT_SURFACE));
    card.transmit(apdu('00A4020C02 0002'));
    expect(swOf(card.transmit(apdu('00B0000000')))).toBe('6982');
    card.transmit(apdu('00A4020C02 0012'));
    expect(swOf(card.transmit(apdu('00200080')))).toBe('63CA');
    expect(swOf(card.transmit(apdu('002000800E' + Buffer.from('59043020344821').toString('hex'))))).toBe(
      '9000',
    );
    card.transmit(apdu('00A4020C02 0002'));
    expect(swOf(card.transmit(apdu('00B0000000')))).toBe('9000');
    card.transmit(apdu('00A4020C02 0005'));
    expect(swOf(card.transmit(apdu('00B0000000')))).toBe('6982');
  });

  it('counts PIN tries down to 63C0, then blocks with 6984, and signs only after a VERIFY', () => {
    const card = createVirtualCard('yamada-taro');
    card.transmit(apdu(SELECT_JPKI));
    card.transmit(apdu('00A4020C02 0017'));
    expect(swOf(card.transmit(apdu('802A0080 03 010203 00')))).toBe('6982');
    card.transmit(apdu('00A4020C02 0018'));
    expect(swOf(card.transmit(apdu('00200080')))).toBe('63C3');
    expect(swOf(card.transmit(apdu('0020008004 30303030')))).toBe('63C2');
    expect(swOf(card.transmit(apdu('0020008004 30303030')))).toBe('63C1');
    expect(swOf(card.transmit(apdu('0020008004 30303030')))).toBe('63C0');
    expect(swOf(card.transmit(apdu('0020008004 31323334')))).toBe('6984');
    expect(swOf(card.transmit(apdu('00200080')))).toBe('63C0');
  });

  it('reads with short and extended Le and reports the end of the file', () => {
    const card = createVirtualCard('yamada-taro');
    card.transmit(apdu(SELECT_JPKI));
    card.transmit(apdu('00A4020C02 0006'));
    expect(card.transmit(apdu('00B0000020'))).toHaveLength(32 + 2);
    const all = card.transmit(apdu('00B00000 000200'));
    expect(all).toHaveLength(160 + 2);
    expect(swOf(all)).toBe('6282');
    expect(swOf(card.transmit(apdu('00B000A010')))).toBe('6B00');
  });

  it('signs on the iPhone profile without a VERIFY, and takes 80 FC 00 00 where a card answers 6700', () => {
    const phone = createVirtualCard('ito-iphone');
    phone.transmit(apdu(SELECT_JPKI));
    phone.transmit(apdu('00A4020C02 0017'));
    expect(swOf(phone.transmit(apdu('802A0080 03 010203 00')))).toBe('9000');
    expect(swOf(phone.transmit(apdu('80FC0000')))).toBe('9000');
    const android = createVirtualCard('ito-android');
    android.transmit(apdu(SELECT_JPKI));
    android.transmit(apdu('00A4020C02 0017'));
    expect(swOf(android.transmit(apdu('802A0080 03 010203 00')))).toBe('6982');
    expect(swOf(android.transmit(apdu('80FC0000')))).toBe('6700');
    expect(swOf(createVirtualCard('yamada-taro').transmit(apdu('80FC0000')))).toBe('6700');
  });
});

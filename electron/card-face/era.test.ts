import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { birthYymmdd, CollationNumberB } from './collation-number';
import { eraYymmdd, formatEraDate, fromEraDate, toEraDate } from './era';

const yymmdd = (iso: string): string => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return eraYymmdd(toEraDate({ year, month, day })!);
};

describe('era dates → the YYMMDD of 照合番号B', () => {
  it('gives the card.md test vectors at the 昭和/平成 and 平成/令和 boundaries', () => {
    expect(yymmdd('1989-01-07')).toBe('640107');
    expect(yymmdd('1989-01-08')).toBe('010108');
    expect(yymmdd('2019-04-30')).toBe('310430');
    expect(yymmdd('2019-05-01')).toBe('010501');
  });

  it('matches the card-measured example (1980-02-17 = 昭和55 → 550217)', () => {
    expect(yymmdd('1980-02-17')).toBe('550217');
    expect(yymmdd('1984-04-30')).toBe('590430');
  });

  it('prints year 1 as 元年 and pads one-digit months and days', () => {
    expect(formatEraDate(toEraDate({ year: 1989, month: 3, day: 31 })!)).toBe('平成元年 3月31日');
    expect(formatEraDate(toEraDate({ year: 2019, month: 5, day: 1 })!)).toBe('令和元年 5月 1日');
    expect(formatEraDate(toEraDate({ year: 1989, month: 1, day: 7 })!)).toBe('昭和64年 1月 7日');
  });

  it('reads printed era dates back, and rejects days an era never had', () => {
    expect(fromEraDate({ era: 'showa', eraYear: 64, month: 1, day: 7 })).toEqual({
      year: 1989,
      month: 1,
      day: 7,
    });
    expect(fromEraDate({ era: 'heisei', eraYear: 1, month: 1, day: 8 })).toEqual({
      year: 1989,
      month: 1,
      day: 8,
    });
    expect(fromEraDate({ era: 'showa', eraYear: 64, month: 1, day: 8 })).toBeUndefined();
    expect(fromEraDate({ era: 'heisei', eraYear: 1, month: 1, day: 7 })).toBeUndefined();
    expect(fromEraDate({ era: 'heisei', eraYear: 31, month: 5, day: 1 })).toBeUndefined();
    expect(fromEraDate({ era: 'reiwa', eraYear: 1, month: 4, day: 30 })).toBeUndefined();
    expect(fromEraDate({ era: 'reiwa', eraYear: 6, month: 2, day: 30 })).toBeUndefined();
  });
});

describe('Western-dated birth dates (foreign residents)', () => {
  const birth = { calendar: 'western' as const, year: 1971, month: 3, day: 25 };

  it('are refused by default while the format is unconfirmed', () => {
    expect(birthYymmdd(birth, 'refuse')).toBeUndefined();
  });

  it('follow the configured policy otherwise', () => {
    expect(birthYymmdd(birth, 'western-yymmdd')).toBe('710325');
    expect(birthYymmdd(birth, 'era-yymmdd')).toBe('460325');
  });
});

describe('CollationNumberB', () => {
  it('never shows its digits in strings, JSON or inspection, and forgets them when dropped', () => {
    const number = CollationNumberB.fromDigits('59043020344821');
    expect(String(number)).not.toContain('5904');
    expect(JSON.stringify({ number })).not.toContain('5904');
    expect(inspect(number)).not.toContain('5904');
    expect(number.reveal()).toBe('59043020344821');
    number.drop();
    expect(() => number.reveal()).toThrow(/dropped/);
  });

  it('accepts exactly 14 ASCII digits', () => {
    expect(() => CollationNumberB.fromDigits('5904302034482')).toThrow();
    expect(() => CollationNumberB.fromDigits('59043020344821 ')).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { collationB, eraYymmdd } from './collation-b';

describe('照合番号B', () => {
  it('uses the Japanese era year of the birth date (card.md test vectors)', () => {
    expect(eraYymmdd('1989-01-07')).toBe('640107');
    expect(eraYymmdd('1989-01-08')).toBe('010108');
    expect(eraYymmdd('2019-04-30')).toBe('310430');
    expect(eraYymmdd('2019-05-01')).toBe('010501');
    expect(eraYymmdd('1800-01-01')).toBeNull();
  });

  it('joins era birth date, expiry year and security code (SOLTIA card-measured vector)', () => {
    expect(collationB('1980-02-17', 2035, '2285')).toBe('55021720352285');
    expect(collationB('1980-02-17', 2035, '228')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { isKioskError } from '../errors/kiosk-error';
import { parseStaffCollationNumber } from './staff-entry';

const chip = { expiryYear: 2034 };
const codeOf = (input: string): string | undefined => {
  try {
    parseStaffCollationNumber(input, chip);
    return undefined;
  } catch (error) {
    return isKioskError(error) ? error.code : 'not a KioskError';
  }
};

describe('照合番号B keyed in by staff', () => {
  it('accepts 14 digits, with spaces or hyphens between groups and full-width digits', () => {
    expect(parseStaffCollationNumber('59043020344821', chip).reveal()).toBe('59043020344821');
    expect(parseStaffCollationNumber('590430 2034 4821', chip).reveal()).toBe('59043020344821');
    expect(parseStaffCollationNumber('590430-2034-4821', chip).reveal()).toBe('59043020344821');
    expect(parseStaffCollationNumber('５９０４３０２０３４４８２１', chip).reveal()).toBe('59043020344821');
  });

  it('rejects the wrong length, letters and impossible dates before anything reaches the card', () => {
    expect(codeOf('5904302034482')).toBe('card-face.staff-entry-invalid');
    expect(codeOf('590430203448210')).toBe('card-face.staff-entry-invalid');
    expect(codeOf('59043O20344821')).toBe('card-face.staff-entry-invalid');
    expect(codeOf('59133020344821')).toBe('card-face.staff-entry-invalid');
    expect(codeOf('59023020344821')).toBe('card-face.staff-entry-invalid');
    expect(codeOf('x'.repeat(100))).toBe('card-face.staff-entry-invalid');
  });

  it('rejects an expiry year that differs from the chip', () => {
    expect(codeOf('59043020354821')).toBe('card-face.staff-entry-expiry-mismatch');
  });

  it('never puts the digits into the error', () => {
    let caught: unknown;
    try {
      parseStaffCollationNumber('59043020354821', chip);
    } catch (error) {
      caught = error;
    }
    expect(isKioskError(caught)).toBe(true);
    expect(String(caught)).not.toContain('590430');
    expect(String(caught)).not.toContain('4821');
  });
});

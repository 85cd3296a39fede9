// 照合番号B keyed in by staff on the staff side (read off the card in hand). Validated before it
// can reach the card: a typo must not spend one of the card's tries.
import { KioskError } from '../errors/kiosk-error';
import { CollationNumberB } from './collation-number';
import type { ChipFacts } from './gate';

/**
 * Accepts 14 digits, full-width or ASCII, with spaces or hyphens between groups
 * (e.g. 「590430 2034 4821」). MMDD must name a day that exists (YY is not checked: the era is
 * not keyed), YYYY must equal the chip's expiry year, and the last 4 are the security code.
 */
export function parseStaffCollationNumber(input: string, chip: ChipFacts): CollationNumberB {
  if (typeof input !== 'string' || input.length > 40) {
    throw new KioskError('card-face.staff-entry-invalid', 'not a short string');
  }
  const digits = input.normalize('NFKC').replace(/[\s\-‐−ー]/gu, '');
  if (!/^\d{14}$/.test(digits)) {
    throw new KioskError('card-face.staff-entry-invalid', `length=${digits.length}, digits only required`);
  }
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  // 2000 is a leap year, so 29 Feb passes here; the card decides the rest.
  const dayExists =
    month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2000, month, 0)).getUTCDate();
  if (!dayExists) {
    throw new KioskError('card-face.staff-entry-invalid', 'YYMMDD is not a date');
  }
  if (Number(digits.slice(6, 10)) !== chip.expiryYear) {
    throw new KioskError('card-face.staff-entry-expiry-mismatch');
  }
  return CollationNumberB.fromDigits(digits);
}

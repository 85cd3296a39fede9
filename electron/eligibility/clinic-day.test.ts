import { describe, expect, it } from 'vitest';
import { cacheExpiry, clinicDayEnd, clinicDayOf } from './clinic-day';

const jst = { expiry: 'clinic-day' as const, dayEndsAt: '04:00', utcOffsetMinutes: 540 };

describe('clinic day', () => {
  it('belongs to the previous calendar day until the day ends at 04:00 local', () => {
    expect(clinicDayOf(new Date('2026-11-25T18:59:00Z'), jst)).toBe('2026-11-25'); // 03:59 JST on the 26th
    expect(clinicDayOf(new Date('2026-11-25T19:00:00Z'), jst)).toBe('2026-11-26'); // 04:00 JST
    expect(clinicDayOf(new Date('2026-11-25T01:00:00Z'), jst)).toBe('2026-11-25'); // 10:00 JST
  });

  it('ends at 04:00 JST the next morning', () => {
    expect(new Date(clinicDayEnd('2026-11-25', jst)).toISOString()).toBe('2026-11-25T19:00:00.000Z');
  });

  it('keeps an evening batch answer for tomorrow valid through tomorrow', () => {
    const evening = new Date('2026-11-25T10:00:00Z'); // 19:00 JST
    expect(new Date(cacheExpiry(evening, '2026-11-26', jst)).toISOString()).toBe('2026-11-26T19:00:00.000Z');
    expect(new Date(cacheExpiry(evening, undefined, jst)).toISOString()).toBe('2026-11-25T19:00:00.000Z');
    expect(cacheExpiry(evening, undefined, { ...jst, expiry: { hours: 2 } })).toBe(
      evening.getTime() + 7_200_000,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { defaultCardFaceConfig } from './config';
import type { CardFaceFields, FieldsRead } from './fields';
import { gateReads } from './gate';

const today = { year: 2026, month: 11, day: 25 };
const chip = { expiryYear: 2034 };
const fields: CardFaceFields = {
  birth: { calendar: 'era', era: 'showa', eraYear: 59, month: 4, day: 30 },
  expiry: { year: 2034, month: 4, day: 30 },
  securityCode: '4821',
  minConfidence: 97,
};
const read = (changes: Partial<CardFaceFields> = {}): FieldsRead => ({
  ok: true,
  fields: { ...fields, ...changes },
});
const gate = (reads: FieldsRead[], config = defaultCardFaceConfig, facts = chip) =>
  gateReads(reads, facts, config, today);

describe('the gate before any VERIFY', () => {
  it('releases 照合番号B when two reads agree, clear the floor and match the chip', () => {
    const result = gate([read(), read()]);
    expect(result.ok && result.collationNumber.reveal()).toBe('59043020344821');
  });

  it('refuses a single read, however confident', () => {
    expect(gate([read()])).toEqual({ ok: false, refusal: 'fields-not-found' });
    expect(gate([read(), { ok: false, failure: 'code-not-found' }])).toEqual({
      ok: false,
      refusal: 'fields-not-found',
    });
  });

  it('refuses when two reads disagree on a single digit, even if a third agrees with one', () => {
    expect(gate([read(), read({ securityCode: '4827' })])).toEqual({ ok: false, refusal: 'reads-disagree' });
    expect(gate([read(), read(), read({ securityCode: '4827' })])).toEqual({
      ok: false,
      refusal: 'reads-disagree',
    });
  });

  it('refuses digits below the confidence floor', () => {
    expect(gate([read(), read({ minConfidence: 60 })])).toEqual({ ok: false, refusal: 'low-confidence' });
    // A third confident read makes two: enough.
    expect(gate([read(), read({ minConfidence: 60 }), read()]).ok).toBe(true);
  });

  it('holds the era name to a lower floor than the digits, and the reads to the same era', () => {
    expect(gate([read({ eraConfidence: 62 }), read({ eraConfidence: 70 })]).ok).toBe(true);
    expect(gate([read({ eraConfidence: 40 }), read()])).toEqual({ ok: false, refusal: 'low-confidence' });
    const heisei = {
      birth: { calendar: 'era' as const, era: 'heisei' as const, eraYear: 59, month: 4, day: 30 },
    };
    expect(gate([read(), read(heisei)])).toEqual({ ok: false, refusal: 'reads-disagree' });
  });

  it('refuses an OCR’d expiry year that disagrees with the chip', () => {
    expect(gate([read(), read()], defaultCardFaceConfig, { expiryYear: 2035 })).toEqual({
      ok: false,
      refusal: 'expiry-mismatch',
    });
  });

  it('refuses dates no real card carries', () => {
    // 平成31年5月1日 does not exist.
    const noSuchDay = {
      birth: { calendar: 'era' as const, era: 'heisei' as const, eraYear: 31, month: 5, day: 1 },
    };
    expect(gate([read(noSuchDay), read(noSuchDay)])).toEqual({ ok: false, refusal: 'implausible-date' });
    // Born in the future.
    const future = {
      birth: { calendar: 'era' as const, era: 'reiwa' as const, eraYear: 9, month: 4, day: 30 },
    };
    expect(gate([read(future), read(future)])).toEqual({ ok: false, refusal: 'implausible-date' });
    // An expiry that is not a birthday (a misread month or day somewhere).
    const offBirthday = { expiry: { year: 2034, month: 4, day: 20 } };
    expect(gate([read(offBirthday), read(offBirthday)])).toEqual({ ok: false, refusal: 'implausible-date' });
  });

  it('lets the birthday rule be switched off', () => {
    const offBirthday = { expiry: { year: 2034, month: 4, day: 20 } };
    const config = { ...defaultCardFaceConfig, requireExpiryOnBirthday: false };
    expect(gate([read(offBirthday), read(offBirthday)], config).ok).toBe(true);
  });

  it('refuses a Western-dated birth date by default and follows the policy when configured', () => {
    const western = {
      birth: { calendar: 'western' as const, year: 1971, month: 3, day: 25 },
      expiry: { year: 2034, month: 7, day: 31 },
    };
    expect(gate([read(western), read(western)])).toEqual({ ok: false, refusal: 'western-date-unsupported' });
    const config = { ...defaultCardFaceConfig, westernBirthDate: 'western-yymmdd' as const };
    const result = gate([read(western), read(western)], config);
    expect(result.ok && result.collationNumber.reveal()).toBe('71032520344821');
  });
});

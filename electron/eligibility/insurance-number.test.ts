import { describe, expect, it } from 'vitest';
import {
  checkDigit,
  hasValidCheckDigit,
  isValidInstitutionCode,
  normaliseTyped,
  validateInsuranceCardInput,
} from './insurance-number';

describe('check digit (eligibility.md §5.3)', () => {
  it('reproduces the MHLW worked examples', () => {
    expect(checkDigit('0613048')).toBe(8);
    expect(hasValidCheckDigit('06130488')).toBe(true);
    expect(checkDigit('341071236')).toBe(2);
    expect(isValidInstitutionCode('3410712362')).toBe(true);
    // The MHLW sample code 1311111111 (MYCLINIC fixtures) does not carry a valid check digit.
    expect(isValidInstitutionCode('1311111111')).toBe(false);
    expect(isValidInstitutionCode('1311111114')).toBe(true);
  });

  it('catches a single mistyped digit and an adjacent swap', () => {
    expect(hasValidCheckDigit('06130498')).toBe(false);
    expect(hasValidCheckDigit('06310488')).toBe(false);
    expect(isValidInstitutionCode('3410712363')).toBe(false);
  });

  it('uses 0 when ten minus the remainder is ten', () => {
    // 9·2 = 18 → 9, plus 1 = 10: the remainder is 0, so the check digit is 0, not 10.
    expect(checkDigit('19')).toBe(0);
    expect(hasValidCheckDigit('190')).toBe(true);
  });
});

describe('insurance card input', () => {
  const good = {
    insurerNumber: '06130488',
    symbol: '12-34',
    number: '0012345',
    branch: '01',
    birthDate: '1984-04-30',
  };

  it('accepts a well-formed 8-digit and a 6-digit 国保 number, keeping leading zeros', () => {
    expect(validateInsuranceCardInput(good, '2026-11-25')).toEqual({ ok: true, value: good });
    const kokuho = checkDigit('13822');
    const result = validateInsuranceCardInput({ ...good, insurerNumber: `13822${kokuho}` }, '2026-11-25');
    expect(result.ok).toBe(true);
  });

  it('normalises full-width digits and IME hyphens typed by staff', () => {
    expect(normaliseTyped('０６１３０４８８ ')).toBe('06130488');
    expect(normaliseTyped('１２ー３４')).toBe('12-34');
    const result = validateInsuranceCardInput({ ...good, insurerNumber: '０６１３０４８８' }, '2026-11-25');
    expect(result).toEqual({ ok: true, value: good });
  });

  it('names every wrong field and what is wrong with it, without echoing the value', () => {
    const result = validateInsuranceCardInput(
      {
        insurerNumber: '06130487',
        symbol: 'x'.repeat(21),
        number: '12 34',
        branch: '1',
        birthDate: '1984-02-30',
      },
      '2026-11-25',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.field, p.problem])).toEqual([
      ['insurerNumber', 'check-digit'],
      ['symbol', 'length'],
      ['number', 'characters'],
      ['branch', 'length'],
      ['birthDate', 'date'],
    ]);
    for (const problem of result.problems) expect(problem.message).not.toContain('06130487');
  });

  it('refuses wrong lengths, letters in the insurer number, missing fields and future birth dates', () => {
    const problems = (input: Partial<typeof good>) => {
      const result = validateInsuranceCardInput({ ...good, ...input }, '2026-11-25');
      return result.ok ? [] : result.problems.map((p) => `${p.field}:${p.problem}`);
    };
    expect(problems({ insurerNumber: '0613048' })).toEqual(['insurerNumber:length']);
    expect(problems({ insurerNumber: '0613O488' })).toEqual(['insurerNumber:characters']);
    expect(problems({ insurerNumber: '' })).toEqual(['insurerNumber:required']);
    expect(problems({ number: '' })).toEqual(['number:required']);
    expect(problems({ birthDate: '2027-01-01' })).toEqual(['birthDate:date']);
    expect(problems({ branch: 'ab' })).toEqual(['branch:characters']);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EligibilityOutcome } from '../eligibility/outcome';
import type { QualificationRecord } from '../eligibility/wire';
import { writeFaceResult } from './clinic-folder';
import { jstStamp } from './face-result-xml';
import { decodeShiftJis } from './shift-jis';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'uketsuke-clinic-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const yoshida: QualificationRecord = {
  insurerNumber: '138222',
  insurerName: '千代田区国民健康保険',
  cardClassification: '01',
  symbol: '千代田',
  number: '0012345',
  branch: '01',
  personalFamily: 'insured',
  insuredName: '𠮷田　ひとみ',
  name: '𠮷田　ひとみ',
  nameKana: 'ﾖｼﾀﾞ ﾋﾄﾐ',
  birthDate: '1988-12-24',
  sex: 'female',
  address: '大阪府大阪市北区髙島町三丁目４番５号',
  qualificationDate: '2020-04-01',
  copaymentRatio: 30,
  preschool: false,
  limitApplication: {
    classification: '01',
    classFlag: 'A05',
    certificateDate: '2026-04-01',
    validFrom: '2026-04-01',
    validUntil: '2027-07-31',
  },
  specificDiseases: [{ category: '1', validFrom: '2025-04-01', validUntil: '2027-03-31', selfPay: 10_000 }],
};
const outcome: EligibilityOutcome = {
  requestId: 'r1',
  status: 'valid',
  records: [yoshida],
  confirmationId: 'c1',
  consent: { medication: true, healthCheck: false, treatment: false, surgery: true },
  consentValidUntil: '2026-11-26T01:02:03.000Z',
  notes: [],
  source: 'service',
  at: '2026-11-25T01:02:03.000Z',
};

/** Every opening tag is closed in order: the file is well-formed for a watcher's XML parser. */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  for (const [, close, name, selfClosing] of xml
    .replace(/^<\?xml[^>]*\?>/, '')
    .matchAll(/<(\/?)([A-Za-z][\w]*)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0;
}

const element = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

describe('face result file for clinic systems', () => {
  it('is written atomically into face/ under the terminal’s file name, and nothing else is left', () => {
    const { path } = writeFaceResult(folder, outcome, '1311111114');
    expect(readdirSync(join(folder, 'face'))).toEqual([path.split('/').pop()]);
    expect(path.split('/').pop()).toMatch(/^OQSsiquc01res_face_1311111114[0-9a-f]{20}_20261125100203\.xml$/);
  });

  it('is Shift_JIS with the declaration, codes and fields of §5.2', () => {
    const { path, substituted } = writeFaceResult(folder, outcome, '1311111114');
    const bytes = readFileSync(path);
    const xml = decodeShiftJis(bytes);
    expect(xml.startsWith('<?xml version="1.0" encoding="Shift_JIS" standalone="no"?>\n<XmlMsg>')).toBe(true);
    expect(wellFormed(xml)).toBe(true);
    // Half-width kana are single bytes (ﾖ = D6); 髙 is the code page 932 extension FBFC.
    expect(bytes.includes(Buffer.from('d6bcc0de', 'hex'))).toBe(true);
    expect(bytes.includes(Buffer.from('fbfc', 'hex'))).toBe(true);
    expect(element(xml, 'InsurerNumber')).toBe('  138222');
    expect(element(xml, 'Birthdate')).toBe('19881224');
    expect(element(xml, 'Sex1')).toBe('2');
    expect(element(xml, 'QualificationValidity')).toBe('1');
    expect(element(xml, 'SegmentOfResult')).toBe('1');
    expect(element(xml, 'CharacterCodeIdentifier')).toBe('1');
    expect(element(xml, 'InsuredPartialContributionRatio')).toBe('030');
    expect(element(xml, 'LimitApplicationCertificateClassificationFlag')).toBe('A05');
    expect(element(xml, 'SpecificDiseasesDiseaseCategory')).toBe('1');
    expect(element(xml, 'ProcessExecutionTime')).toBe('20261125100203');
    // 𠮷 is outside Shift_JIS: written as ●, as the national service does, and counted.
    expect(element(xml, 'Name')).toBe('●田　ひとみ');
    expect(substituted).toBe(2);
  });

  it('carries consent per item with its time and viewing limit only where given', () => {
    const xml = decodeShiftJis(readFileSync(writeFaceResult(folder, outcome, '1311111114').path));
    expect(element(xml, 'PharmacistsInfoConsFlg')).toBe('1');
    expect(element(xml, 'PharmacistsInfoConsTime')).toBe('20261125100203');
    expect(element(xml, 'PharmacistsInfoAvailableTime')).toBe(jstStamp(outcome.consentValidUntil!));
    expect(element(xml, 'SpecificHealthCheckupsInfoConsFlg')).toBe('0');
    expect(element(xml, 'SpecificHealthCheckupsInfoConsTime')).toBeUndefined();
    expect(element(xml, 'OperationInfoConsFlg')).toBe('1');
  });

  it('writes a refused (wrong-link) confirmation as an error result without personal data', () => {
    const refused: EligibilityOutcome = {
      ...outcome,
      status: 'refused',
      records: [],
      refusal: { code: 'eligibility.wrong-link', mismatches: ['birthDate'] },
    };
    const xml = decodeShiftJis(readFileSync(writeFaceResult(folder, refused, '1311111114').path));
    expect(element(xml, 'SegmentOfResult')).toBe('9');
    expect(element(xml, 'ErrorCode')).toBe('eligibility.wrong-link');
    expect(element(xml, 'ProcessingResultStatus')).toBe('2');
    expect(xml).not.toContain('<Name>');
    expect(xml).not.toContain('1988');
  });

  it('escapes markup characters in free text', () => {
    const tricky = { ...outcome, records: [{ ...yoshida, insurerName: 'A&B <健保>' }] };
    const xml = decodeShiftJis(readFileSync(writeFaceResult(folder, tricky, '1311111114').path));
    expect(element(xml, 'InsurerName')).toBe('A&amp;B &lt;健保&gt;');
    expect(wellFormed(xml)).toBe(true);
  });
});

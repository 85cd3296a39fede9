import { describe, expect, it } from 'vitest';
import type { EligibilityOutcome } from './outcome';
import { patientText, toPatientView, toStaffView } from './views';
import type { QualificationRecord } from './wire';

const record: QualificationRecord = {
  insurerNumber: '06130488',
  insurerName: 'うけつけ健康保険組合',
  cardClassification: '01',
  number: '1234',
  personalFamily: 'insured',
  name: '佐藤　花子',
  nameKana: 'ｻﾄｳ ﾊﾅｺ',
  birthDate: '1990-02-11',
  sex: 'female',
  address: '東京都港区芝公園四丁目２番８号',
  qualificationDate: '2020-04-01',
  copaymentRatio: 30,
  preschool: false,
  specificDiseases: [],
};
const base: EligibilityOutcome = {
  requestId: 'r1',
  status: 'valid',
  records: [record],
  notes: [],
  source: 'service',
  at: '2026-11-25T01:00:00.000Z',
};

describe('patient view', () => {
  it('shows only name, kana and birth date of a valid record', () => {
    expect(toPatientView(base)).toEqual({
      result: 'confirmed',
      person: { name: '佐藤　花子', nameKana: 'ｻﾄｳ ﾊﾅｺ', birthDate: '1990-02-11' },
    });
    expect(JSON.stringify(toPatientView(base))).not.toContain('東京都');
  });

  it('tells the patient what to do next when the record is invalid or refused, with no personal data', () => {
    const invalid = toPatientView({ ...base, status: 'invalid' });
    expect(invalid.result).toBe('see-staff');
    expect(patientText(invalid, 'ja')).toContain('資格情報のお知らせ');
    expect(invalid).not.toHaveProperty('person');
    const wrongLink = toPatientView({
      ...base,
      status: 'refused',
      records: [],
      refusal: { code: 'eligibility.wrong-link', mismatches: ['birthDate'] },
    });
    expect(wrongLink.code).toBe('eligibility.wrong-link');
    expect(patientText(wrongLink, 'en')).toBe(
      'The insurance record does not match your card. Please ask the reception staff.',
    );
  });

  it('says "checked in" for a queued confirmation', () => {
    const view = toPatientView({
      ...base,
      status: 'pending',
      records: [],
      source: 'queued',
      pendingReason: 'eligibility.unavailable',
    });
    expect(view.result).toBe('pending');
    expect(patientText(view, 'ja')).toContain('受付は完了しました');
  });
});

describe('staff view', () => {
  it('labels the status and explains a refusal with the fields that disagreed', () => {
    const view = toStaffView({
      ...base,
      status: 'refused',
      records: [],
      refusal: { code: 'eligibility.wrong-link', mismatches: ['birthDate', 'sex'] },
    });
    expect(view.statusLabel).toBe('照会拒否');
    expect(view.problem).toMatchObject({ code: 'eligibility.wrong-link', mismatches: ['birthDate', 'sex'] });
    expect(view.problem!.staffMessage).toContain('wrong link');
    expect(view.records).toEqual([]);
  });

  it('explains why a confirmation waits in the outbox', () => {
    const view = toStaffView({
      ...base,
      status: 'pending',
      records: [],
      source: 'queued',
      pendingReason: 'eligibility.tls',
    });
    expect(view.problem?.code).toBe('eligibility.tls');
  });

  it('gives staff the full valid record and no problem', () => {
    const view = toStaffView(base);
    expect(view).toMatchObject({ statusLabel: '有効', records: [record] });
    expect(view).not.toHaveProperty('problem');
  });
});

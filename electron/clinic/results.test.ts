import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAsClinicSoftware, type ParsedXml } from '../../sim/clinic/clinic-system';
import type { EligibilityOutcome } from '../eligibility/outcome';
import type { QualificationRecord } from '../eligibility/wire';
import { writeFaceResult } from './clinic-folder';
import { answerBody, searchInfoOf, singleAnswerDocument, type Query } from './results';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'uketsuke-clinic-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const JST = { utcOffsetMinutes: 540 };
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
  address: '大阪府大阪市北区髙島町１−２−３〜５',
  qualificationDate: '2020-04-01',
  cardIssuedOn: '2024-03-15',
  cardValidFrom: '2024-04-01',
  cardValidUntil: '2029-03-31',
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
const query: Query = {
  insurerNumber: '138222',
  symbol: '千代田',
  number: '0012345',
  branch: '01',
  birthDate: '1988-12-24',
  limitConsent: false,
  arbitraryIdentifier: 'patient-1',
};
const header = {
  medicalInstitutionCode: '1311111114',
  arbitraryFileIdentifier: 'f1',
  at: Date.parse(outcome.at),
  ...JST,
};

function faceFile(o: EligibilityOutcome) {
  const { path, substituted } = writeFaceResult(folder, o, '1311111114', JST);
  return {
    path,
    substituted,
    bytes: readFileSync(path),
    doc: readAsClinicSoftware(readFileSync(path)).XmlMsg,
  };
}
function lookupFile(o: EligibilityOutcome, q: Query = query) {
  const body = answerBody(
    o,
    { reference: 'insurance-card', limitConsent: q.limitConsent, ...JST },
    searchInfoOf(q),
  );
  const { bytes } = singleAnswerDocument({ ...header, reference: 'insurance-card' }, body);
  return { bytes, doc: readAsClinicSoftware(bytes).XmlMsg };
}
const recordOf = (doc: ParsedXml) => doc.MessageBody.ResultList.ResultOfQualificationConfirmation[0];

describe('result files for clinic systems', () => {
  it('is written atomically into face/ under the terminal’s file name, in Japan time', () => {
    const { path } = faceFile(outcome);
    expect(readdirSync(join(folder, 'face'))).toEqual([path.split('/').pop()]);
    expect(path.split('/').pop()).toMatch(/^OQSsiquc01res_face_1311111114[0-9a-f]{20}_20261125100203\.xml$/);
  });

  it('echoes the query with LimitApplicationCertificateRelatedConsFlg in every 個別照会 answer', () => {
    const search = lookupFile(outcome).doc.MessageBody.QualificationConfirmSearchInfo;
    expect(search).toEqual({
      InsurerNumber: '  138222',
      InsuredCardSymbol: '千代田',
      InsuredIdentificationNumber: '0012345',
      InsuredBranchNumber: '01',
      Birthdate: '19881224',
      LimitApplicationCertificateRelatedConsFlg: '0',
      ArbitraryIdentifier: 'patient-1',
    });
    const failed = answerBody(
      { ...outcome, status: 'pending', records: [] },
      { reference: 'insurance-card', limitConsent: true, ...JST },
      searchInfoOf({ ...query, limitConsent: true }),
    );
    expect(failed.QualificationConfirmSearchInfo?.LimitApplicationCertificateRelatedConsFlg).toBe('1');
  });

  it('writes InsuredPartialContributionRatio only for 高齢受給者 and 後期高齢者', () => {
    expect(recordOf(faceFile(outcome).doc)).not.toHaveProperty('InsuredPartialContributionRatio');
    const lateElderly = { ...yoshida, insurerNumber: '39130018', copaymentRatio: 10 };
    expect(
      recordOf(faceFile({ ...outcome, records: [lateElderly] }).doc).InsuredPartialContributionRatio,
    ).toBe('010');
    const elderly = {
      ...yoshida,
      copaymentRatio: 20,
      elderlyRecipient: {
        certificateDate: '2025-08-01',
        validFrom: '2025-08-01',
        validUntil: '2026-07-31',
        contributionRatio: 20,
      },
    };
    expect(recordOf(faceFile({ ...outcome, records: [elderly] }).doc).InsuredPartialContributionRatio).toBe(
      '020',
    );
  });

  it('writes the card dates and the 限度額 / 特定疾病 consent with its time when known', () => {
    const record = recordOf(faceFile(outcome).doc);
    expect(record.InsuredCertificateIssuanceDate).toBe('20240315');
    expect(record.InsuredCardValidDate).toBe('20240401');
    expect(record.InsuredCardExpirationDate).toBe('20290331');
    expect(record.LimitApplicationCertificateRelatedConsFlg).toBe('1');
    expect(record.LimitApplicationCertificateRelatedConsTime).toBe('20261125100203');
    expect(record.SpecificDiseasesCertificateRelatedConsFlg).toBe('1');
    expect(record.SpecificDiseasesCertificateRelatedConsTime).toBe('20261125100203');
    expect(record.PharmacistsInfoConsTime).toBe('20261125100203');
    expect(record.PharmacistsInfoAvailableTime).toBe('20261126100203');
    expect(record.SpecificHealthCheckupsInfoConsFlg).toBe('0');
    expect(record).not.toHaveProperty('SpecificHealthCheckupsInfoConsTime');
    // A look-up by numbers without the patient's 限度額 consent returns no 限度額 information.
    const lookedUp = recordOf(lookupFile(outcome).doc);
    expect(lookedUp.LimitApplicationCertificateRelatedConsFlg).toBe('0');
    expect(lookedUp).not.toHaveProperty('LimitApplicationCertificateRelatedInfo');
    expect(lookedUp).not.toHaveProperty('LimitApplicationCertificateRelatedConsTime');
    const consented = recordOf(lookupFile(outcome, { ...query, limitConsent: true }).doc);
    expect(
      consented.LimitApplicationCertificateRelatedInfo.LimitApplicationCertificateClassificationFlag,
    ).toBe('A05');
    expect(consented.LimitApplicationCertificateRelatedConsTime).toBe('20261125100203');
  });

  it('writes refusals with the interface’s processing result codes, never our catalogue strings', () => {
    const refused: EligibilityOutcome = {
      ...outcome,
      status: 'refused',
      records: [],
      refusal: { code: 'eligibility.certificate-expired' },
    };
    const { doc, bytes } = faceFile(refused);
    expect(doc.MessageHeader.SegmentOfResult).toBe('9');
    expect(doc.MessageHeader.ErrorCode).toBe('E2001');
    expect(doc.MessageHeader.ErrorMessage).toBe('利用者証明用電子証明書の有効期限が切れています');
    expect(doc.MessageBody.ProcessingResultStatus).toBe('2');
    expect(doc.MessageBody.ProcessingResultCode).toBe('E2001');
    expect(bytes.toString('latin1')).not.toContain('eligibility.');
    const wrongLink = faceFile({
      ...refused,
      refusal: { code: 'eligibility.wrong-link', mismatches: ['birthDate'] },
    });
    expect(wrongLink.doc.MessageBody.ProcessingResultCode).toBe('E2005');
    expect(wrongLink.doc.MessageBody).not.toHaveProperty('ResultList');
  });

  it('answers not-found with validity 4 and a result code, not an empty ResultList', () => {
    const { doc, bytes } = lookupFile({ ...outcome, status: 'not-found', records: [] });
    expect(doc.MessageHeader.SegmentOfResult).toBe('1');
    expect(doc.MessageBody.QualificationValidity).toBe('4');
    expect(doc.MessageBody.ProcessingResultCode).toBe('E2101');
    expect(doc.MessageBody).not.toHaveProperty('ResultList');
    expect(bytes.toString('latin1')).not.toContain('<ResultList');
  });

  it('normalises JIS code points and substitutes only what code page 932 cannot hold', () => {
    const { doc, substituted } = faceFile(outcome);
    const record = recordOf(doc);
    expect(record.Address).toBe('大阪府大阪市北区髙島町１－２－３～５');
    expect(record.Name).toBe('●田　ひとみ');
    expect(record.NameKana).toBe('ﾖｼﾀﾞ ﾋﾄﾐ');
    expect(substituted).toBe(2);
  });

  it('escapes markup characters in free text', () => {
    const { doc } = faceFile({ ...outcome, records: [{ ...yoshida, insurerName: 'A&B <健保>' }] });
    expect(recordOf(doc).InsurerName).toBe('A&B <健保>');
  });
});

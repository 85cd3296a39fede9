// Round trip for every fixture person: the 個別照会 answer (and, for card persons, the face/
// result of a visit) read by an independent parser configured as clinic software does, every
// field compared with the eligibility record; the bytes decoded by iconv-lite, by `iconv -f CP932`
// and — where the file holds no code page 932 extension — by `iconv -f SHIFT_JIS`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFaceResult } from '../../../electron/clinic/clinic-folder';
import type { QualificationRecord } from '../../../electron/eligibility/wire';
import {
  consumedAnswer,
  readAsClinicSoftware,
  singleRequest,
  startClinicConsumer,
  type ParsedXml,
} from '../../../sim/clinic/clinic-system';
import { faceIdentity, testConfig, useKiosk } from '../eligibility/harness';
import { drop, lookupPersons, startWatcher } from './folder-harness';

const t = useKiosk();
const answers = new Map<string, Buffer>();

beforeAll(async () => {
  const folder = join(t.dir.path, 'clinic');
  mkdirSync(folder, { recursive: true });
  const consumer = startClinicConsumer(folder);
  const { watcher } = startWatcher({
    folder,
    service: t.kiosk.service,
    eligibility: testConfig(t.sim.url, t.dir.path),
  });
  for (const { person, query } of lookupPersons)
    drop(folder, `OQSsiquc01req_${person.id}.xml`, singleRequest(query));
  await consumer.waitFor(lookupPersons.length);
  consumer.stop();
  await watcher.close();
  for (const { person } of lookupPersons)
    answers.set(person.id, consumedAnswer(folder, `OQSsiquc01res_${person.id}.xml`));
});
afterAll(() => answers.clear());

/** What the record must look like in the file, written here independently of the writer. */
function expectedRecord(record: QualificationRecord, limitConsent: boolean): Record<string, unknown> {
  const d = (date?: string) => date?.replace(/-/g, '');
  const fit = (text?: string) => text?.replace(/\u{20BB7}/gu, '●');
  const late = record.insurerNumber.startsWith('39') && record.insurerNumber.length === 8;
  const out: Record<string, unknown> = {
    InsuredCardClassification: record.cardClassification,
    InsurerNumber: record.insurerNumber.padStart(8, ' '),
    InsuredCardSymbol: record.symbol,
    InsuredIdentificationNumber: record.number,
    InsuredBranchNumber: record.branch,
    PersonalFamilyClassification: record.personalFamily === 'insured' ? '1' : '2',
    InsuredName: fit(record.insuredName),
    Name: fit(record.name),
    NameOfOther: fit(record.nameOfOther),
    NameKana: record.nameKana,
    NameOfOtherKana: record.nameOfOtherKana,
    Sex1: { male: '1', female: '2', unset: '3' }[record.sex],
    Birthdate: d(record.birthDate),
    Address: fit(record.address),
    PostNumber: record.postNumber,
    InsuredCertificateIssuanceDate: d(record.cardIssuedOn),
    InsuredCardValidDate: d(record.cardValidFrom),
    InsuredCardExpirationDate: d(record.cardValidUntil),
    QualificationDate: d(record.qualificationDate),
    DisqualificationDate: d(record.disqualificationDate),
    ReasonOfLoss: record.reasonOfLoss,
    InsuredPartialContributionRatio:
      late || record.elderlyRecipient ? String(record.copaymentRatio).padStart(3, '0') : undefined,
    PreschoolClassification: record.preschool ? '1' : undefined,
    InsurerName: record.insurerName,
    ElderlyRecipientCertificateInfo: record.elderlyRecipient && {
      ElderlyRecipientCertificateDate: d(record.elderlyRecipient.certificateDate),
      ElderlyRecipientValidStartDate: d(record.elderlyRecipient.validFrom),
      ElderlyRecipientValidEndDate: d(record.elderlyRecipient.validUntil),
      ElderlyRecipientContributionRatio: String(record.elderlyRecipient.contributionRatio).padStart(3, '0'),
    },
    LimitApplicationCertificateRelatedInfo:
      limitConsent && record.limitApplication
        ? Object.fromEntries(
            Object.entries({
              LimitApplicationCertificateClassification: record.limitApplication.classification,
              LimitApplicationCertificateClassificationFlag: record.limitApplication.classFlag,
              LimitApplicationCertificateDate: d(record.limitApplication.certificateDate),
              LimitApplicationCertificateValidStartDate: d(record.limitApplication.validFrom),
              LimitApplicationCertificateValidEndDate: d(record.limitApplication.validUntil),
              LimitApplicationCertificateLongTermDate: d(record.limitApplication.longTermDate),
            }).filter(([, v]) => v !== undefined),
          )
        : undefined,
    SpecificDiseasesCertificateList: record.specificDiseases.length
      ? {
          SpecificDiseasesCertificateInfo: record.specificDiseases.map((s) => ({
            SpecificDiseasesDiseaseCategory: s.category,
            SpecificDiseasesValidStartDate: d(s.validFrom),
            SpecificDiseasesValidEndDate: d(s.validUntil),
            SpecificDiseasesSelfPay: String(s.selfPay),
          })),
        }
      : undefined,
    PublicExpenseResultList: record.publicAssistanceTicket && {
      MedicalTicketInfo: [
        {
          TicketType: record.publicAssistanceTicket.ticketType,
          IssueNumber: record.publicAssistanceTicket.issueNumber,
          MedicalTreatmentMonth: record.publicAssistanceTicket.treatmentMonth.replace('-', ''),
          DesignatedMedicalInstitutionCode: record.publicAssistanceTicket.designatedInstitutionCode,
          SelfPayAmount: String(record.publicAssistanceTicket.selfPayAmount),
        },
      ],
    },
    LimitApplicationCertificateRelatedConsFlg: limitConsent ? '1' : '0',
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** The record's fields without the consent times (compared on their own). */
const withoutTimes = (record: ParsedXml) =>
  Object.fromEntries(
    Object.entries(record).filter(
      ([key]) =>
        !/(ConsTime|AvailableTime)$|^(Pharmacists|SpecificHealthCheckups|Diagnosis|Operation|SpecificDiseasesCertificateRelated)Info?ConsFlg$|^SpecificDiseasesCertificateRelatedConsFlg$/.test(
          key,
        ),
    ),
  );

const glibc = (bytes: Buffer, encoding: string) =>
  execFileSync('iconv', ['-f', encoding, '-t', 'UTF-8'], {
    input: bytes,
    stdio: ['pipe', 'pipe', 'pipe'],
  }).toString('utf8');

/** Bytes only code page 932 has: NEC row 13 (87xx), NEC-selected and IBM extensions (EDxx–EExx, FAxx–FCxx). */
function hasCp932Extension(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if ((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)) {
      if (b === 0x87 || b === 0xed || b === 0xee || b >= 0xfa) return true;
      i++;
    }
  }
  return false;
}

function checkBytes(bytes: Buffer) {
  const text = iconv.decode(bytes, 'cp932');
  expect(glibc(bytes, 'CP932')).toBe(text);
  if (hasCp932Extension(bytes)) expect(() => glibc(bytes, 'SHIFT_JIS')).toThrow();
  else expect(glibc(bytes, 'SHIFT_JIS')).toBe(text);
}

describe('every fixture person through the clinic folder', () => {
  it.each(lookupPersons.map((p) => [p.person.id, p] as const))('個別照会 answer for %s', (id, { person }) => {
    const bytes = answers.get(id)!;
    checkBytes(bytes);
    const doc = readAsClinicSoftware(bytes).XmlMsg;
    expect(doc.MessageHeader.CharacterCodeIdentifier).toBe('1');
    if (person.status === 'pending') {
      expect(doc.MessageHeader.SegmentOfResult).toBe('2');
      return;
    }
    expect(doc.MessageHeader.SegmentOfResult).toBe('1');
    const validity = {
      valid: '1',
      invalid: '2',
      'invalid-newer-record': '3',
      'not-found': '4',
      multiple: '5',
    };
    const records = doc.MessageBody.ResultList.ResultOfQualificationConfirmation as ParsedXml[];
    // Persons registered under the same numbers are found together (複数該当).
    const sameNumbers = lookupPersons.filter(
      (other) =>
        JSON.stringify({ ...other.query, arbitraryIdentifier: '' }) ===
        JSON.stringify({ ...lookupPersons.find((p) => p.person.id === id)!.query, arbitraryIdentifier: '' }),
    );
    const expected = person.status === 'multiple' ? person.records.length : sameNumbers.length;
    expect(records).toHaveLength(expected);
    expect(doc.MessageBody.QualificationValidity).toBe(
      records.length > 1 ? '5' : validity[person.status as keyof typeof validity],
    );
    const expectedRecords =
      person.status === 'multiple' ? person.records : sameNumbers.map((p) => p.person.records[0]!);
    expect(records.map(withoutTimes)).toEqual(expectedRecords.map((record) => expectedRecord(record, true)));
    if (records.length === 1) {
      expect(withoutTimes(records[0])).toEqual(expectedRecord(person.records[0]!, true));
      expect(records[0].LimitApplicationCertificateRelatedConsTime).toMatch(/^\d{14}$/);
    }
  });

  const cardPersons = lookupPersons.filter(
    (p) => p.person.cardPersonId && ['valid', 'invalid', 'invalid-newer-record'].includes(p.person.status),
  );
  it.each(cardPersons.map((p) => [p.person.id, p] as const))(
    'face/ result of a visit for %s',
    async (_id, { person }) => {
      const outcome = await t.kiosk.service.confirm(faceIdentity(person.cardPersonId!));
      if (outcome.status === 'refused') return; // certificate refusals: covered by the unit tests
      const { path } = writeFaceResult(join(t.dir.path, 'clinic'), outcome, '1311111114', {
        utcOffsetMinutes: 540,
      });
      const bytes = readFileSync(path);
      checkBytes(bytes);
      const records = readAsClinicSoftware(bytes).XmlMsg.MessageBody.ResultList
        .ResultOfQualificationConfirmation as ParsedXml[];
      expect(withoutTimes(records[0])).toEqual(expectedRecord(person.records[0]!, true));
      expect(records[0].PharmacistsInfoConsFlg).toBe('1');
      expect(records[0].SpecificDiseasesCertificateRelatedConsFlg).toBe('1');
    },
  );
});

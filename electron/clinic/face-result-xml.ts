// The result file a face-auth card reader's terminal writes to the clinic folder's face/
// sub-folder (OQSsiquc01res_face_…xml), built from an eligibility outcome. Element names and codes
// follow eligibility.md §5.1–5.2 (MessageHeader / MessageBody / ResultOfQualificationConfirmation,
// OQSCD codes). The kiosk writes it only after its own checks: a refused record (wrong link) is
// written as an error result without any personal data.
import type { EligibilityOutcome } from '../eligibility/outcome';
import type { QualificationRecord } from '../eligibility/wire';
import { fitShiftJis } from './shift-jis';

const VALIDITY: Record<string, string> = {
  valid: '1',
  invalid: '2',
  'invalid-newer-record': '3',
  'not-found': '4',
  multiple: '5',
};

/** YYYYMMDDhhmmss in Japan time (the terminal's clock), from an ISO instant. */
export function jstStamp(iso: string): string {
  const local = new Date(Date.parse(iso) + 9 * 3_600_000).toISOString();
  return local.slice(0, 19).replace(/[-T:]/g, '');
}

const ymd = (date: string | undefined) => (date ? date.replace(/-/g, '') : undefined);
const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Node = [name: string, value: string | number | undefined | Node[]];

function render(nodes: Node[], depth: number, fit: (text: string) => string): string {
  const pad = '  '.repeat(depth);
  return nodes
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) =>
      Array.isArray(value)
        ? `${pad}<${name}>\n${render(value, depth + 1, fit)}${pad}</${name}>\n`
        : `${pad}<${name}>${escape(fit(String(value)))}</${name}>\n`,
    )
    .join('');
}

function recordNodes(record: QualificationRecord, outcome: EligibilityOutcome): Node[] {
  const consentFlag = (given: boolean | undefined) => (given ? '1' : '0');
  const consentTime = outcome.consent ? jstStamp(outcome.at) : undefined;
  const availableTime = outcome.consentValidUntil ? jstStamp(outcome.consentValidUntil) : undefined;
  const consentItems: Array<[prefix: string, given: boolean | undefined]> = [
    ['PharmacistsInfo', outcome.consent?.medication],
    ['SpecificHealthCheckupsInfo', outcome.consent?.healthCheck],
    ['DiagnosisInfo', outcome.consent?.treatment],
    ['OperationInfo', outcome.consent?.surgery],
  ];
  const limit = record.limitApplication;
  const elderly = record.elderlyRecipient;
  const ticket = record.publicAssistanceTicket;
  return [
    ['InsuredCardClassification', record.cardClassification],
    // 6-digit 国保 numbers are left-padded with spaces, not zeros.
    ['InsurerNumber', record.insurerNumber.padStart(8, ' ')],
    ['InsuredCardSymbol', record.symbol],
    ['InsuredIdentificationNumber', record.number],
    ['InsuredBranchNumber', record.branch],
    ['PersonalFamilyClassification', record.personalFamily === 'insured' ? '1' : '2'],
    ['InsuredName', record.insuredName],
    ['Name', record.name],
    ['NameOfOther', record.nameOfOther],
    ['NameKana', record.nameKana],
    ['NameOfOtherKana', record.nameOfOtherKana],
    ['Sex1', record.sex === 'male' ? '1' : record.sex === 'female' ? '2' : '3'],
    ['Birthdate', ymd(record.birthDate)],
    ['Address', record.address],
    ['PostNumber', record.postNumber],
    ['InsuredCardValidDate', ymd(record.cardValidFrom)],
    ['InsuredCardExpirationDate', ymd(record.cardValidUntil)],
    ['QualificationDate', ymd(record.qualificationDate)],
    ['DisqualificationDate', ymd(record.disqualificationDate)],
    ['ReasonOfLoss', record.reasonOfLoss],
    ['InsuredPartialContributionRatio', String(record.copaymentRatio).padStart(3, '0')],
    ['PreschoolClassification', record.preschool ? '1' : undefined],
    ['InsurerName', record.insurerName],
    [
      'ElderlyRecipientCertificateInfo',
      elderly && [
        ['ElderlyRecipientCertificateDate', ymd(elderly.certificateDate)],
        ['ElderlyRecipientValidStartDate', ymd(elderly.validFrom)],
        ['ElderlyRecipientValidEndDate', ymd(elderly.validUntil)],
        ['ElderlyRecipientContributionRatio', String(elderly.contributionRatio).padStart(3, '0')],
      ],
    ],
    [
      'LimitApplicationCertificateRelatedInfo',
      limit && [
        ['LimitApplicationCertificateClassification', limit.classification],
        ['LimitApplicationCertificateClassificationFlag', limit.classFlag],
        ['LimitApplicationCertificateDate', ymd(limit.certificateDate)],
        ['LimitApplicationCertificateValidStartDate', ymd(limit.validFrom)],
        ['LimitApplicationCertificateValidEndDate', ymd(limit.validUntil)],
        ['LimitApplicationCertificateLongTermDate', ymd(limit.longTermDate)],
      ],
    ],
    [
      'SpecificDiseasesCertificateList',
      record.specificDiseases.length > 0
        ? record.specificDiseases.map((disease): Node => [
            'SpecificDiseasesCertificateInfo',
            [
              ['SpecificDiseasesDiseaseCategory', disease.category],
              ['SpecificDiseasesValidStartDate', ymd(disease.validFrom)],
              ['SpecificDiseasesValidEndDate', ymd(disease.validUntil)],
              ['SpecificDiseasesSelfPay', disease.selfPay],
            ],
          ])
        : undefined,
    ],
    [
      'PublicExpenseResultList',
      ticket && [
        [
          'MedicalTicketInfo',
          [
            ['TicketType', ticket.ticketType],
            ['IssueNumber', ticket.issueNumber],
            ['MedicalTreatmentMonth', ticket.treatmentMonth.replace('-', '')],
            ['DesignatedMedicalInstitutionCode', ticket.designatedInstitutionCode],
            ['SelfPayAmount', ticket.selfPayAmount],
          ],
        ],
      ],
    ],
    // 限度額 information needs no separate consent since 2024-10 (eligibility.md §4.6).
    ['LimitApplicationCertificateRelatedConsFlg', '1'],
    ...consentItems.flatMap(([prefix, given]): Node[] => [
      [`${prefix}ConsFlg`, consentFlag(given)],
      [`${prefix}ConsTime`, given ? consentTime : undefined],
      [`${prefix}AvailableTime`, given ? availableTime : undefined],
    ]),
  ];
}

export interface FaceResult {
  fileName: string;
  xml: string;
  /** Characters replaced by ● because Shift_JIS cannot hold them (tell staff). */
  substituted: number;
}

export function buildFaceResult(options: {
  outcome: EligibilityOutcome;
  medicalInstitutionCode: string;
  /** Echoed by clinic systems; random per file. */
  arbitraryFileIdentifier: string;
}): FaceResult {
  const { outcome, medicalInstitutionCode } = options;
  let substituted = 0;
  const fit = (text: string) => {
    const fitted = fitShiftJis(text);
    substituted += fitted.substituted;
    return fitted.text;
  };
  const stamp = jstStamp(outcome.at);
  const refused = outcome.status === 'refused';
  const pending = outcome.status === 'pending';
  const header: Node[] = [
    ['ProcessExecutionTime', stamp],
    ['QualificationConfirmationDate', stamp.slice(0, 8)],
    ['MedicalInstitutionCode', medicalInstitutionCode],
    ['ArbitraryFileIdentifier', options.arbitraryFileIdentifier],
    ['ReferenceClassification', '1'],
    ['SegmentOfResult', refused ? '9' : pending ? '2' : '1'],
    ['ErrorCode', refused ? (outcome.refusal?.code ?? 'eligibility.refused') : undefined],
    ['ErrorMessage', refused ? 'カードと資格情報を照合できないため照会を中止しました' : undefined],
    ['CharacterCodeIdentifier', '1'],
  ];
  const body: Node[] =
    refused || pending
      ? [['ProcessingResultStatus', refused ? '2' : '1']]
      : [
          ['ProcessingResultStatus', '1'],
          ['QualificationValidity', VALIDITY[outcome.status]],
          [
            'ResultList',
            outcome.records.map((record): Node => [
              'ResultOfQualificationConfirmation',
              recordNodes(record, outcome),
            ]),
          ],
        ];
  const xml =
    '<?xml version="1.0" encoding="Shift_JIS" standalone="no"?>\n' +
    render(
      [
        [
          'XmlMsg',
          [
            ['MessageHeader', header],
            ['MessageBody', body],
          ],
        ],
      ],
      0,
      fit,
    );
  const fileName = `OQSsiquc01res_face_${medicalInstitutionCode}${options.arbitraryFileIdentifier}_${stamp}.xml`;
  return { fileName, xml, substituted };
}

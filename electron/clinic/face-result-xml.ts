// The result files the eligibility terminal writes for clinic systems — the face-reader result in
// face/ (OQSsiquc01res_face_…xml) and the answer to a 個別照会 request in res/ — built from an
// eligibility outcome. Element names and codes
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
    ...(outcome.consent ? consentItems : []).flatMap(([prefix, given]): Node[] => [
      [`${prefix}ConsFlg`, consentFlag(given)],
      [`${prefix}ConsTime`, given ? consentTime : undefined],
      [`${prefix}AvailableTime`, given ? availableTime : undefined],
    ]),
  ];
}

/** Japanese error messages written for clinic systems, per refusal. */
const ERROR_MESSAGES: Record<string, string> = {
  'eligibility.wrong-link': 'カードと資格情報が一致しないため照会を中止しました',
  'eligibility.certificate-expired': '利用者証明用電子証明書の有効期限が切れています',
  'eligibility.certificate-revoked': '利用者証明用電子証明書が失効しています',
  'eligibility.certificate-invalid': '利用者証明用電子証明書を確認できません',
  'eligibility.signature-invalid': '暗証番号による本人確認ができません',
  'eligibility.unavailable': '資格確認サービスに接続できません',
  'eligibility.invalid-input': '照会内容に誤りがあります',
};

export interface ResultFileInput {
  medicalInstitutionCode: string;
  /** Echoed by clinic systems; from the request, or random for face results. */
  arbitraryFileIdentifier: string;
  /** ReferenceClassification: 1 マイナンバーカード, 2 被保険者証情報. */
  reference: 'card' | 'insurance-card';
  /** When it was processed (ISO 8601). */
  at: string;
  /** The query, echoed for 個別照会 (QualificationConfirmSearchInfo). */
  searchInfo?: SearchInfo;
  outcome?: EligibilityOutcome;
  /** A failure with no outcome (malformed request, service unreachable). */
  error?: { code: string; detail?: string };
}

export interface SearchInfo {
  insurerNumber: string;
  symbol?: string | undefined;
  number: string;
  branch?: string | undefined;
  birthDate: string;
  arbitraryIdentifier?: string | undefined;
}

/** The whole result document; `substituted` counts characters replaced by ●. */
export function buildResultXml(input: ResultFileInput): { xml: string; substituted: number } {
  const { outcome } = input;
  let substituted = 0;
  const fit = (text: string) => {
    const fitted = fitShiftJis(text);
    substituted += fitted.substituted;
    return fitted.text;
  };
  const stamp = jstStamp(input.at);
  const errorCode =
    input.error?.code ?? (outcome?.status === 'refused' ? (outcome.refusal?.code ?? 'refused') : undefined);
  const pending = outcome?.status === 'pending';
  const header: Node[] = [
    ['ProcessExecutionTime', stamp],
    ['QualificationConfirmationDate', stamp.slice(0, 8)],
    ['MedicalInstitutionCode', input.medicalInstitutionCode],
    ['ArbitraryFileIdentifier', input.arbitraryFileIdentifier],
    ['ReferenceClassification', input.reference === 'card' ? '1' : '2'],
    ['SegmentOfResult', errorCode ? '9' : pending ? '2' : '1'],
    ['ErrorCode', errorCode],
    [
      'ErrorMessage',
      errorCode
        ? `${ERROR_MESSAGES[errorCode] ?? '照会できませんでした'}${input.error?.detail ? `（${input.error.detail}）` : ''}`
        : undefined,
    ],
    ['CharacterCodeIdentifier', '1'],
  ];
  const search = input.searchInfo;
  const searchNodes: Node[] | undefined = search && [
    ['InsurerNumber', search.insurerNumber.padStart(8, ' ')],
    ['InsuredCardSymbol', search.symbol],
    ['InsuredIdentificationNumber', search.number],
    ['InsuredBranchNumber', search.branch],
    ['Birthdate', ymd(search.birthDate)],
    ['ArbitraryIdentifier', search.arbitraryIdentifier],
  ];
  const body: Node[] =
    errorCode || pending || !outcome
      ? [
          ['ProcessingResultStatus', errorCode ? '2' : '1'],
          ['QualificationConfirmSearchInfo', searchNodes],
        ]
      : [
          ['ProcessingResultStatus', '1'],
          ['QualificationValidity', VALIDITY[outcome.status]],
          ['QualificationConfirmSearchInfo', searchNodes],
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
  return { xml, substituted };
}

export interface FaceResult {
  fileName: string;
  xml: string;
  /** Characters replaced by ● because Shift_JIS cannot hold them (tell staff). */
  substituted: number;
}

/** The face-reader result of a confirmation by card (face/ folder). */
export function buildFaceResult(options: {
  outcome: EligibilityOutcome;
  medicalInstitutionCode: string;
  arbitraryFileIdentifier: string;
}): FaceResult {
  const { xml, substituted } = buildResultXml({ ...options, reference: 'card', at: options.outcome.at });
  const stamp = jstStamp(options.outcome.at);
  const fileName = `OQSsiquc01res_face_${options.medicalInstitutionCode}${options.arbitraryFileIdentifier}_${stamp}.xml`;
  return { fileName, xml, substituted };
}

// The result files the terminal writes for clinic systems, built from eligibility outcomes: the
// face-reader result (face/), the 個別照会 answer (res/OQSsiquc01res_…), the batch reception
// (OQSmuquc01res_…) and the batch results (OQSmuquc02res_…). Element names and codes follow
// eligibility.md §5.2 through the layout (layout.ts); refusals and failures are written with the
// processing result codes of result-codes.ts, never with our catalogue strings.
import { localIso } from '../clock';
import type { EligibilityOutcome } from '../eligibility/outcome';
import type { QualificationRecord } from '../eligibility/wire';
import {
  resultDocumentSchema,
  type AnswerBody,
  type RecordXml,
  type ResultHeader,
  type SearchInfoXml,
} from './layout';
import { RESULT_CODES, reasonOfCatalogueCode, type ResultReason } from './result-codes';
import { writeDocument, type WrittenDocument } from './xml';

const VALIDITY = {
  valid: '1',
  invalid: '2',
  'invalid-newer-record': '3',
  'not-found': '4',
  multiple: '5',
} as const;

/** YYYYMMDDhhmmss of an instant at the clock's UTC offset (Japan: +09:00). */
export function localStamp(epochMs: number, utcOffsetMinutes: number): string {
  return localIso(epochMs, utcOffsetMinutes).slice(0, 19).replace(/[-T:]/g, '');
}

const ymd = (date: string | undefined) => (date ? date.replace(/-/g, '') : undefined);
const ratio = (percent: number) => String(percent).padStart(3, '0');

/** 後期高齢者医療 insurers have 法別番号 39. */
const isLateElderly = (record: QualificationRecord) => /^39\d{6}$/.test(record.insurerNumber);

/** A query as the clinic system wrote it (echoed back) and as the client needs it. */
export interface Query {
  insurerNumber: string;
  symbol?: string | undefined;
  number: string;
  branch?: string | undefined;
  /** YYYY-MM-DD */
  birthDate: string;
  /** The patient agreed to the 限度額 information being returned (request flag). */
  limitConsent: boolean;
  arbitraryIdentifier?: string | undefined;
}

export function searchInfoOf(query: Query): SearchInfoXml {
  return {
    InsurerNumber: query.insurerNumber.padStart(8, ' '),
    InsuredCardSymbol: query.symbol,
    InsuredIdentificationNumber: query.number,
    InsuredBranchNumber: query.branch,
    Birthdate: ymd(query.birthDate)!,
    LimitApplicationCertificateRelatedConsFlg: query.limitConsent ? '1' : '0',
    ArbitraryIdentifier: query.arbitraryIdentifier,
  };
}

interface RecordContext {
  outcome: EligibilityOutcome;
  /** Confirmation by card (face/) or look-up by insurance numbers (res/). */
  reference: 'card' | 'insurance-card';
  /** 限度額 information may be returned: always for a card (no separate consent since
   *  2024-10, eligibility.md §4.6); for a look-up only when the request's flag says so. */
  limitConsent: boolean;
  utcOffsetMinutes: number;
}

export function recordXml(record: QualificationRecord, context: RecordContext): RecordXml {
  const { outcome } = context;
  const at = Date.parse(outcome.at);
  const stamp = localStamp(at, context.utcOffsetMinutes);
  const limit = context.limitConsent ? record.limitApplication : undefined;
  const elderly = record.elderlyRecipient;
  const ticket = record.publicAssistanceTicket;
  const consentItems = [
    ['PharmacistsInfo', outcome.consent?.medication],
    ['SpecificHealthCheckupsInfo', outcome.consent?.healthCheck],
    ['DiagnosisInfo', outcome.consent?.treatment],
    ['OperationInfo', outcome.consent?.surgery],
  ] as const;
  const available = outcome.consentValidUntil
    ? localStamp(Date.parse(outcome.consentValidUntil), context.utcOffsetMinutes)
    : undefined;
  const consent: Partial<RecordXml> = {};
  if (outcome.consent) {
    for (const [prefix, given] of consentItems) {
      Object.assign(consent, {
        [`${prefix}ConsFlg`]: given ? '1' : '0',
        [`${prefix}ConsTime`]: given ? stamp : undefined,
        [`${prefix}AvailableTime`]: given ? available : undefined,
      });
    }
  }
  const card = context.reference === 'card';
  return {
    InsuredCardClassification: record.cardClassification,
    // 6-digit 国保 numbers are left-padded with spaces, not zeros.
    InsurerNumber: record.insurerNumber.padStart(8, ' '),
    InsuredCardSymbol: record.symbol,
    InsuredIdentificationNumber: record.number,
    InsuredBranchNumber: record.branch,
    PersonalFamilyClassification: record.personalFamily === 'insured' ? '1' : '2',
    InsuredName: record.insuredName,
    Name: record.name,
    NameOfOther: record.nameOfOther,
    NameKana: record.nameKana,
    NameOfOtherKana: record.nameOfOtherKana,
    Sex1: record.sex === 'male' ? '1' : record.sex === 'female' ? '2' : '3',
    Birthdate: ymd(record.birthDate)!,
    Address: record.address,
    PostNumber: record.postNumber,
    InsuredCertificateIssuanceDate: ymd(record.cardIssuedOn),
    InsuredCardValidDate: ymd(record.cardValidFrom),
    InsuredCardExpirationDate: ymd(record.cardValidUntil),
    QualificationDate: ymd(record.qualificationDate)!,
    DisqualificationDate: ymd(record.disqualificationDate),
    ReasonOfLoss: record.reasonOfLoss,
    // Clinic software reads this as the 高齢受給者 / 後期高齢者 ratio: only where it applies.
    InsuredPartialContributionRatio:
      elderly || isLateElderly(record) ? ratio(record.copaymentRatio) : undefined,
    PreschoolClassification: record.preschool ? '1' : undefined,
    InsurerName: record.insurerName,
    ElderlyRecipientCertificateInfo: elderly && {
      ElderlyRecipientCertificateDate: ymd(elderly.certificateDate)!,
      ElderlyRecipientValidStartDate: ymd(elderly.validFrom)!,
      ElderlyRecipientValidEndDate: ymd(elderly.validUntil)!,
      ElderlyRecipientContributionRatio: ratio(elderly.contributionRatio),
    },
    LimitApplicationCertificateRelatedInfo: limit && {
      LimitApplicationCertificateClassification: limit.classification,
      LimitApplicationCertificateClassificationFlag: limit.classFlag,
      LimitApplicationCertificateDate: ymd(limit.certificateDate)!,
      LimitApplicationCertificateValidStartDate: ymd(limit.validFrom)!,
      LimitApplicationCertificateValidEndDate: ymd(limit.validUntil)!,
      LimitApplicationCertificateLongTermDate: ymd(limit.longTermDate),
    },
    SpecificDiseasesCertificateList:
      record.specificDiseases.length > 0
        ? {
            SpecificDiseasesCertificateInfo: record.specificDiseases.map((disease) => ({
              SpecificDiseasesDiseaseCategory: disease.category,
              SpecificDiseasesValidStartDate: ymd(disease.validFrom)!,
              SpecificDiseasesValidEndDate: ymd(disease.validUntil)!,
              SpecificDiseasesSelfPay: String(disease.selfPay),
            })),
          }
        : undefined,
    PublicExpenseResultList: ticket && {
      MedicalTicketInfo: [
        {
          TicketType: ticket.ticketType,
          IssueNumber: ticket.issueNumber,
          MedicalTreatmentMonth: ticket.treatmentMonth.replace('-', ''),
          DesignatedMedicalInstitutionCode: ticket.designatedInstitutionCode,
          SelfPayAmount: String(ticket.selfPayAmount),
        },
      ],
    },
    LimitApplicationCertificateRelatedConsFlg: context.limitConsent ? '1' : '0',
    LimitApplicationCertificateRelatedConsTime: context.limitConsent ? stamp : undefined,
    // A card confirmation shows the 特定疾病 information under the same rule as 限度額; a
    // look-up by numbers does not know it, so the flag is left out there.
    SpecificDiseasesCertificateRelatedConsFlg: card ? '1' : undefined,
    SpecificDiseasesCertificateRelatedConsTime: card ? stamp : undefined,
    ...consent,
  };
}

/** A failed query: status 2 with its processing result code. */
export function failureBody(reason: ResultReason, searchInfo?: SearchInfoXml, detail?: string): AnswerBody {
  const result = RESULT_CODES[reason];
  return {
    ProcessingResultStatus: '2',
    ProcessingResultCode: result.code,
    ProcessingResultMessage: detail ? `${result.message}（${detail}）` : result.message,
    QualificationConfirmSearchInfo: searchInfo,
  };
}

/** The answer to one query, from its outcome. Not found is validity 4 with no ResultList. */
export function answerBody(
  outcome: EligibilityOutcome,
  context: Omit<RecordContext, 'outcome'>,
  searchInfo?: SearchInfoXml,
): AnswerBody {
  if (outcome.status === 'refused') {
    return failureBody(reasonOfCatalogueCode(outcome.refusal?.code ?? 'kiosk.internal'), searchInfo);
  }
  if (outcome.status === 'pending') return failureBody('service-pending', searchInfo);
  const notFound = outcome.status === 'not-found' || outcome.records.length === 0;
  const notes = outcome.notes.join('、');
  // Not validated here: the document it goes into is validated (and ordered) by the writer.
  return {
    ProcessingResultStatus: '1',
    ProcessingResultCode: notFound ? RESULT_CODES['record-not-found'].code : undefined,
    ProcessingResultMessage: notFound ? RESULT_CODES['record-not-found'].message : notes || undefined,
    QualificationValidity: notFound ? VALIDITY['not-found'] : VALIDITY[outcome.status],
    QualificationConfirmSearchInfo: searchInfo,
    ResultList: notFound
      ? undefined
      : {
          ResultOfQualificationConfirmation: outcome.records.map((record) =>
            recordXml(record, { ...context, outcome }),
          ),
        },
  };
}

export interface HeaderInput {
  medicalInstitutionCode: string;
  arbitraryFileIdentifier?: string | undefined;
  reference?: 'card' | 'insurance-card';
  /** When it was processed, ms since the epoch. */
  at: number;
  utcOffsetMinutes: number;
}

function header(input: HeaderInput, rest: Partial<ResultHeader>): ResultHeader {
  const stamp = localStamp(input.at, input.utcOffsetMinutes);
  return {
    ProcessExecutionTime: stamp,
    QualificationConfirmationDate: stamp.slice(0, 8),
    MedicalInstitutionCode: input.medicalInstitutionCode,
    ArbitraryFileIdentifier: input.arbitraryFileIdentifier || undefined,
    ReferenceClassification: input.reference ? (input.reference === 'card' ? '1' : '2') : undefined,
    SegmentOfResult: '1',
    ...rest,
    CharacterCodeIdentifier: '1',
  };
}

/** The header segment of a one-query file follows its body: 9 with the code when it failed. */
function segmentOf(body: AnswerBody): Partial<ResultHeader> {
  if (body.ProcessingResultStatus === '1') return { SegmentOfResult: '1' };
  if (body.ProcessingResultCode === RESULT_CODES['service-pending'].code) return { SegmentOfResult: '2' };
  return {
    SegmentOfResult: '9',
    ErrorCode: body.ProcessingResultCode,
    ErrorMessage: body.ProcessingResultMessage,
  };
}

/** A file with one answer (face/ result, 個別照会 answer). */
export function singleAnswerDocument(input: HeaderInput, body: AnswerBody): WrittenDocument {
  return writeDocument(resultDocumentSchema, {
    XmlMsg: { MessageHeader: header(input, segmentOf(body)), MessageBody: body },
  });
}

/** A request that could not be processed at all: header 9, no body. */
export function fileErrorDocument(
  input: HeaderInput,
  reason: ResultReason,
  detail?: string,
): WrittenDocument {
  const result = RESULT_CODES[reason];
  return writeDocument(resultDocumentSchema, {
    XmlMsg: {
      MessageHeader: header(input, {
        SegmentOfResult: '9',
        ErrorCode: result.code,
        ErrorMessage: detail ? `${result.message}（${detail}）` : result.message,
      }),
    },
  });
}

/** OQSmuquc01res: the batch was accepted under this reception number. */
export function batchReceptionDocument(input: HeaderInput, receptionNumber: string): WrittenDocument {
  return writeDocument(resultDocumentSchema, {
    XmlMsg: { MessageHeader: header(input, { ReceptionNumber: receptionNumber }) },
  });
}

/** OQSmuquc02res: one answer per query of the batch. */
export function batchResultDocument(
  input: HeaderInput,
  receptionNumber: string,
  bodies: AnswerBody[],
): WrittenDocument {
  const normal = bodies.filter((body) => body.ProcessingResultStatus === '1').length;
  return writeDocument(resultDocumentSchema, {
    XmlMsg: {
      MessageHeader: header(input, {
        ReceptionNumber: receptionNumber,
        NumberOfProcessingResult: String(bodies.length),
        NumberOfNormalProcessing: String(normal),
        NumberOfError: String(bodies.length - normal),
      }),
      MessageBody: { QualificationConfirmResultList: { QualificationConfirmResult: bodies } },
    },
  });
}

/** The face-reader result of a confirmation by card: its file name and document. */
export function faceResultDocument(options: {
  outcome: EligibilityOutcome;
  medicalInstitutionCode: string;
  arbitraryFileIdentifier: string;
  utcOffsetMinutes: number;
}): WrittenDocument & { fileName: string } {
  const at = Date.parse(options.outcome.at);
  const context = {
    reference: 'card' as const,
    limitConsent: true,
    utcOffsetMinutes: options.utcOffsetMinutes,
  };
  const written = singleAnswerDocument(
    {
      medicalInstitutionCode: options.medicalInstitutionCode,
      arbitraryFileIdentifier: options.arbitraryFileIdentifier,
      reference: 'card',
      at,
      utcOffsetMinutes: options.utcOffsetMinutes,
    },
    answerBody(options.outcome, context),
  );
  const stamp = localStamp(at, options.utcOffsetMinutes);
  const fileName = `OQSsiquc01res_face_${options.medicalInstitutionCode}${options.arbitraryFileIdentifier}_${stamp}.xml`;
  return { ...written, fileName };
}

// The XML layout of the clinic folder, declared once (eligibility.md §5.1–5.2; docs/clinic.md).
// Each element is a zod schema whose key order is the element order: the writer validates every
// document against it before writing (and takes its order from it), the reader validates every
// request with it, and the tests parse our files back with it. All values are strings, as they are
// in the files: codes and digit strings keep their leading zeros and spaces.
import { z } from 'zod';

const digits = (length: number) => z.string().regex(new RegExp(`^\\d{${length}}$`));
const ymd = digits(8);
const stamp = digits(14);
const flag = z.enum(['0', '1']);
const text = (max: number) => z.string().min(1).max(max);

/** MessageHeader of every result file (res/ and face/). */
export const resultHeaderSchema = z
  .object({
    ProcessExecutionTime: stamp,
    QualificationConfirmationDate: ymd,
    MedicalInstitutionCode: digits(10),
    ArbitraryFileIdentifier: text(100).optional(),
    /** 1 マイナンバーカード, 2 被保険者証情報. */
    ReferenceClassification: z.enum(['1', '2']).optional(),
    /** 1 正常終了, 2 処理中, 9 異常終了. */
    SegmentOfResult: z.enum(['1', '2', '9']),
    ErrorCode: text(10).optional(),
    ErrorMessage: text(500).optional(),
    /** 0 UTF-8, 1 Shift_JIS. */
    CharacterCodeIdentifier: z.enum(['0', '1']),
    /** 一括照会 (OQSmuquc01res / 02res). */
    ReceptionNumber: text(40).optional(),
    NumberOfProcessingResult: z.string().regex(/^\d+$/).optional(),
    NumberOfNormalProcessing: z.string().regex(/^\d+$/).optional(),
    NumberOfError: z.string().regex(/^\d+$/).optional(),
  })
  .strict();
export type ResultHeader = z.infer<typeof resultHeaderSchema>;

/** The query (個別照会 request body, and its echo in every answer). */
export const searchInfoSchema = z
  .object({
    /** 8 characters: 6-digit 国保 numbers are left-padded with spaces. */
    InsurerNumber: z.string().regex(/^( {2}\d{6}|\d{8})$/),
    InsuredCardSymbol: text(20).optional(),
    InsuredIdentificationNumber: text(20),
    InsuredBranchNumber: digits(2).optional(),
    Birthdate: ymd,
    /** The patient agreed (on paper) to the 限度額 information being returned. */
    LimitApplicationCertificateRelatedConsFlg: flag,
    ArbitraryIdentifier: text(100).optional(),
  })
  .strict();
export type SearchInfoXml = z.infer<typeof searchInfoSchema>;

const elderlySchema = z
  .object({
    ElderlyRecipientCertificateDate: ymd,
    ElderlyRecipientValidStartDate: ymd,
    ElderlyRecipientValidEndDate: ymd,
    ElderlyRecipientContributionRatio: digits(3),
  })
  .strict();

const limitSchema = z
  .object({
    LimitApplicationCertificateClassification: z.enum(['01', '02', '03']),
    LimitApplicationCertificateClassificationFlag: z.string().regex(/^[AB]\d{2}$/),
    LimitApplicationCertificateDate: ymd,
    LimitApplicationCertificateValidStartDate: ymd,
    LimitApplicationCertificateValidEndDate: ymd,
    LimitApplicationCertificateLongTermDate: ymd.optional(),
  })
  .strict();

const specificDiseaseSchema = z
  .object({
    SpecificDiseasesDiseaseCategory: z.enum(['1', '2', '3']),
    SpecificDiseasesValidStartDate: ymd,
    SpecificDiseasesValidEndDate: ymd,
    SpecificDiseasesSelfPay: z.string().regex(/^\d+$/),
  })
  .strict();

const medicalTicketSchema = z
  .object({
    TicketType: text(2),
    IssueNumber: text(20),
    MedicalTreatmentMonth: digits(6),
    DesignatedMedicalInstitutionCode: digits(10),
    SelfPayAmount: z.string().regex(/^\d+$/),
  })
  .strict();

/** One ResultOfQualificationConfirmation. */
export const recordSchema = z
  .object({
    InsuredCardClassification: z.enum(['01', '02', '03', '04', '05', '06', '07', 'A1']),
    InsurerNumber: z.string().regex(/^( {2}\d{6}|\d{8})$/),
    InsuredCardSymbol: text(20).optional(),
    InsuredIdentificationNumber: text(20),
    InsuredBranchNumber: digits(2).optional(),
    PersonalFamilyClassification: z.enum(['1', '2']),
    InsuredName: text(100).optional(),
    Name: text(100),
    NameOfOther: text(100).optional(),
    NameKana: text(100),
    NameOfOtherKana: text(100).optional(),
    Sex1: z.enum(['1', '2', '3']),
    Birthdate: ymd,
    Address: text(200).optional(),
    PostNumber: z
      .string()
      .regex(/^\d{3}-\d{4}$/)
      .optional(),
    InsuredCertificateIssuanceDate: ymd.optional(),
    InsuredCardValidDate: ymd.optional(),
    InsuredCardExpirationDate: ymd.optional(),
    QualificationDate: ymd,
    DisqualificationDate: ymd.optional(),
    ReasonOfLoss: z.enum(['01', '02', '03', '99']).optional(),
    /** Only for 高齢受給者 (70–74) and 後期高齢者 (法別 39): clinic software reads it as their ratio. */
    InsuredPartialContributionRatio: digits(3).optional(),
    PreschoolClassification: z.literal('1').optional(),
    InsurerName: text(100),
    ElderlyRecipientCertificateInfo: elderlySchema.optional(),
    LimitApplicationCertificateRelatedInfo: limitSchema.optional(),
    SpecificDiseasesCertificateList: z
      .object({ SpecificDiseasesCertificateInfo: z.array(specificDiseaseSchema).min(1) })
      .strict()
      .optional(),
    PublicExpenseResultList: z
      .object({ MedicalTicketInfo: z.array(medicalTicketSchema).min(1) })
      .strict()
      .optional(),
    LimitApplicationCertificateRelatedConsFlg: flag,
    LimitApplicationCertificateRelatedConsTime: stamp.optional(),
    SpecificDiseasesCertificateRelatedConsFlg: flag.optional(),
    SpecificDiseasesCertificateRelatedConsTime: stamp.optional(),
    PharmacistsInfoConsFlg: flag.optional(),
    PharmacistsInfoConsTime: stamp.optional(),
    PharmacistsInfoAvailableTime: stamp.optional(),
    SpecificHealthCheckupsInfoConsFlg: flag.optional(),
    SpecificHealthCheckupsInfoConsTime: stamp.optional(),
    SpecificHealthCheckupsInfoAvailableTime: stamp.optional(),
    DiagnosisInfoConsFlg: flag.optional(),
    DiagnosisInfoConsTime: stamp.optional(),
    DiagnosisInfoAvailableTime: stamp.optional(),
    OperationInfoConsFlg: flag.optional(),
    OperationInfoConsTime: stamp.optional(),
    OperationInfoAvailableTime: stamp.optional(),
  })
  .strict();
export type RecordXml = z.infer<typeof recordSchema>;

/** The answer to one query: the body of a 個別照会 answer, one entry of a batch answer. */
const answerFields = {
  /** 1 正常終了, 2 エラー (OQSCD004). */
  ProcessingResultStatus: z.enum(['1', '2']),
  ProcessingResultCode: text(10).optional(),
  ProcessingResultMessage: text(500).optional(),
  /** OQSCD006: 1 有効 … 5 複数該当; absent on an error. */
  QualificationValidity: z.enum(['1', '2', '3', '4', '5']).optional(),
  QualificationConfirmSearchInfo: searchInfoSchema.optional(),
  ResultList: z
    .object({ ResultOfQualificationConfirmation: z.array(recordSchema).min(1) })
    .strict()
    .optional(),
};
export const answerBodySchema = z.object(answerFields).strict();
export type AnswerBody = z.infer<typeof answerBodySchema>;

/** OQSmuquc02res body: one entry per query of the batch, in the batch's order. */
export const batchResultBodySchema = z
  .object({
    QualificationConfirmResultList: z
      .object({ QualificationConfirmResult: z.array(answerBodySchema).min(1) })
      .strict()
      .optional(),
  })
  .strict();

export const resultDocumentSchema = z
  .object({
    XmlMsg: z
      .object({
        MessageHeader: resultHeaderSchema,
        MessageBody: z.union([answerBodySchema, batchResultBodySchema]).optional(),
      })
      .strict(),
  })
  .strict();
export type ResultDocument = z.infer<typeof resultDocumentSchema>;

// Requests (what clinic software writes to req/). The layout is inferred from the echo
// (QualificationConfirmSearchInfo) — eligibility.md §7 item 5, unconfirmed.
const requestHeaderSchema = z
  .object({
    MedicalInstitutionCode: digits(10),
    ArbitraryFileIdentifier: text(100).optional(),
    /** 一括照会: the clinic day the reservations are for (answers are kept until it ends). */
    QualificationConfirmationDate: ymd.optional(),
    /** OQSmuquc02req: the number the 01res gave. */
    ReceptionNumber: text(40).optional(),
  })
  .passthrough();

const requestSearchSchema = searchInfoSchema.extend({
  InsurerNumber: z.string().regex(/^\s*\d{6}$|^\d{8}$/),
  LimitApplicationCertificateRelatedConsFlg: flag.optional(),
});
export type RequestSearchInfo = z.infer<typeof requestSearchSchema>;

/** OQSsiquc01req: one query. */
export const singleRequestSchema = z.object({
  XmlMsg: z.object({
    MessageHeader: requestHeaderSchema,
    MessageBody: z.object({ QualificationConfirmSearchInfo: requestSearchSchema }).passthrough(),
  }),
});

/** OQSmuquc01req: a batch of queries. */
export const batchRequestSchema = z.object({
  XmlMsg: z.object({
    MessageHeader: requestHeaderSchema,
    MessageBody: z
      .object({
        QualificationConfirmSearchInfoList: z
          .object({ QualificationConfirmSearchInfo: z.array(requestSearchSchema).min(1).max(10_000) })
          .passthrough(),
      })
      .passthrough(),
  }),
});

/** OQSmuquc02req: fetch a batch's results by its reception number. */
export const batchFetchRequestSchema = z.object({
  XmlMsg: z.object({
    MessageHeader: requestHeaderSchema.extend({ ReceptionNumber: text(40) }),
  }),
});

/** Element paths that repeat: the parser returns them as arrays even when there is one. */
export const REPEATED_ELEMENTS = new Set([
  'XmlMsg.MessageBody.ResultList.ResultOfQualificationConfirmation',
  'XmlMsg.MessageBody.QualificationConfirmResultList.QualificationConfirmResult',
  'XmlMsg.MessageBody.QualificationConfirmResultList.QualificationConfirmResult.ResultList.ResultOfQualificationConfirmation',
  'XmlMsg.MessageBody.QualificationConfirmSearchInfoList.QualificationConfirmSearchInfo',
]);
const REPEATED_LEAVES = new Set(['SpecificDiseasesCertificateInfo', 'MedicalTicketInfo']);

export function isRepeated(path: string): boolean {
  return REPEATED_ELEMENTS.has(path) || REPEATED_LEAVES.has(path.slice(path.lastIndexOf('.') + 1));
}

/** The request kinds the terminal answers, by file-name prefix, and the answer's prefix. */
export const REQUEST_KINDS: Readonly<Record<string, RequestKind>> = {
  OQSsiquc01: 'single',
  OQSmuquc01: 'batch-upload',
  OQSmuquc02: 'batch-fetch',
};
export type RequestKind = 'single' | 'batch-upload' | 'batch-fetch';

/** Any OQS request file: `<prefix>req_<suffix>.xml`, answered as `<prefix>res_<suffix>.xml`.
 *  Other names in req/ (a writer's temporary file) are not ours to touch. */
export const REQUEST_FILE = /^(OQS[A-Za-z]{5}\d{2})req_([\w.-]{1,120})\.xml$/;

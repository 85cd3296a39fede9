// The eligibility service's wire format: one zod schema per message, shared by the client (which
// checks every answer before believing it) and the simulator (which checks every request).
// docs/eligibility-api.md embeds the OpenAPI document generated from these schemas; a test holds
// the document, the client and the simulator to each other.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const isoDateTime = z.string().datetime({ offset: true });
/** 8 digits, or 6 for 国民健康保険 (padded with spaces only in the Shift_JIS XML). */
const insurerNumber = z.string().regex(/^(\d{6}|\d{8})$/);
const branchNumber = z
  .string()
  .regex(/^\d{2}$/)
  .optional();

/** The consent items of the current screens (eligibility.md §4.6). 包括同意 sets all four. */
export const consentSchema = z
  .object({
    /** 薬剤情報 */
    medication: z.boolean(),
    /** 特定健診等情報 */
    healthCheck: z.boolean(),
    /** 診療情報 */
    treatment: z.boolean(),
    /** 手術情報 */
    surgery: z.boolean(),
  })
  .strict();
export type Consent = z.infer<typeof consentSchema>;

/** `smartphone`: the holder was verified on the phone itself (iPhone: Face ID / Touch ID), which signs. */
export const VERIFICATION_METHODS = ['face', 'pin', 'smartphone', 'staff-visual'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export const ELIGIBILITY_STATUSES = [
  'valid',
  'invalid',
  'invalid-newer-record',
  'not-found',
  'multiple',
  'pending',
] as const;
/** QualificationValidity 1–5 (OQSCD006) plus 処理中 (SegmentOfResult 2). */
export type EligibilityStatus = (typeof ELIGIBILITY_STATUSES)[number];

export const LIMIT_CLASS_FLAGS = [
  'A01',
  'A02',
  'A03',
  'A04',
  'A05',
  'A06',
  'B01',
  'B02',
  'B03',
  'B04',
  'B05',
  'B06',
  'B07',
  'B08',
  'B09',
  'B10',
] as const;
/** 限度額適用認定証 区分 (OQSCD012). */
export type LimitClassFlag = (typeof LIMIT_CLASS_FLAGS)[number];

/** One insurance record (ResultOfQualificationConfirmation, eligibility.md §5.2), in JSON form. */
export const qualificationRecordSchema = z
  .object({
    insurerNumber,
    insurerName: z.string().min(1).max(100),
    /** InsuredCardClassification: 01 一般 … 07 自衛官診療証, A1 医療扶助. */
    cardClassification: z.enum(['01', '02', '03', '04', '05', '06', '07', 'A1']),
    symbol: z.string().max(20).optional(),
    number: z.string().min(1).max(20),
    branch: branchNumber,
    personalFamily: z.enum(['insured', 'dependent']),
    insuredName: z.string().max(100).optional(),
    name: z.string().min(1).max(100),
    nameOfOther: z.string().max(100).optional(),
    /** Half-width katakana, as the service sends it. */
    nameKana: z.string().min(1).max(100),
    nameOfOtherKana: z.string().max(100).optional(),
    birthDate: isoDate,
    sex: z.enum(['male', 'female', 'unset']),
    address: z.string().max(200).optional(),
    postNumber: z
      .string()
      .regex(/^\d{3}-\d{4}$/)
      .optional(),
    qualificationDate: isoDate,
    disqualificationDate: isoDate.optional(),
    reasonOfLoss: z.enum(['01', '02', '03', '99']).optional(),
    /** InsuredCertificateIssuanceDate: when the insurance card / 資格確認書 was issued. */
    cardIssuedOn: isoDate.optional(),
    cardValidFrom: isoDate.optional(),
    cardValidUntil: isoDate.optional(),
    /** 一部負担金割合 in percent (10 = 1割). */
    copaymentRatio: z.number().int().min(0).max(100),
    preschool: z.boolean(),
    elderlyRecipient: z
      .object({
        certificateDate: isoDate,
        validFrom: isoDate,
        validUntil: isoDate,
        contributionRatio: z.number().int().min(0).max(100),
      })
      .strict()
      .optional(),
    limitApplication: z
      .object({
        classification: z.enum(['01', '02', '03']),
        classFlag: z.enum(LIMIT_CLASS_FLAGS),
        certificateDate: isoDate,
        validFrom: isoDate,
        validUntil: isoDate,
        longTermDate: isoDate.optional(),
      })
      .strict()
      .optional(),
    specificDiseases: z.array(
      z
        .object({
          /** OQSCD013: 1 人工透析を要する慢性腎不全, 2 血友病, 3 血液凝固因子製剤起因HIV. */
          category: z.enum(['1', '2', '3']),
          validFrom: isoDate,
          validUntil: isoDate,
          /** 自己負担限度額 (yen per month). */
          selfPay: z.number().int().min(0),
        })
        .strict(),
    ),
    /** 医療扶助 医療券 (生活保護). */
    publicAssistanceTicket: z
      .object({
        ticketType: z.string().min(1).max(2),
        issueNumber: z.string().min(1).max(20),
        treatmentMonth: z.string().regex(/^\d{4}-\d{2}$/),
        designatedInstitutionCode: z.string().regex(/^\d{10}$/),
        selfPayAmount: z.number().int().min(0),
      })
      .strict()
      .optional(),
  })
  .strict();
export type QualificationRecord = z.infer<typeof qualificationRecordSchema>;

/** Every answer to a confirmation or a look-up. */
export const qualificationAnswerSchema = z
  .object({
    requestId: z.string().min(1).max(100),
    processedAt: isoDateTime,
    status: z.enum(ELIGIBILITY_STATUSES),
    records: z.array(qualificationRecordSchema),
    /** Set for confirmations by card: the handle for medication / health-check look-ups. */
    confirmationId: z.string().min(1).max(100).optional(),
    consent: consentSchema.optional(),
    consentValidUntil: isoDateTime.optional(),
    /** ProcessingResultMessage notes, e.g. the certificate expires within 3 months. */
    notes: z.array(z.string().max(200)),
  })
  .strict();
export type QualificationAnswer = z.infer<typeof qualificationAnswerSchema>;

const institutionCode = z.string().regex(/^\d{10}$/);

export const challengeAnswerSchema = z
  .object({ challenge: z.string().regex(/^[A-Za-z0-9_-]{16,200}$/), expiresAt: isoDateTime })
  .strict();
export type ChallengeAnswer = z.infer<typeof challengeAnswerSchema>;

export const confirmRequestSchema = z
  .object({
    medicalInstitutionCode: institutionCode,
    method: z.enum(VERIFICATION_METHODS),
    /** The card's JPKI user-authentication certificate, PEM. */
    authCertificate: z.string().min(100).max(10_000),
    /** PIN and smartphone paths: RSASSA-PKCS1-v1_5 / SHA-256 over the challenge's UTF-8 bytes, base64. */
    pinSignature: z
      .object({
        challenge: z.string().min(16).max(200),
        signature: z.string().min(16).max(2_000),
      })
      .strict()
      .optional(),
    consent: consentSchema,
  })
  .strict();
export type ConfirmRequest = z.infer<typeof confirmRequestSchema>;

export const lookupRequestSchema = z
  .object({
    medicalInstitutionCode: institutionCode,
    insurerNumber,
    symbol: z.string().max(20).optional(),
    number: z.string().min(1).max(20),
    branch: branchNumber,
    birthDate: isoDate,
  })
  .strict();
export type LookupRequest = z.infer<typeof lookupRequestSchema>;

export const medicationAnswerSchema = z
  .object({
    confirmationId: z.string().min(1).max(100),
    items: z.array(
      z
        .object({
          dispensedOn: isoDate,
          drugName: z.string().min(1).max(200),
          quantity: z.number().min(0),
          unit: z.string().max(20),
          days: z.number().int().min(0),
          pharmacy: z.string().max(200),
        })
        .strict(),
    ),
  })
  .strict();
export type MedicationAnswer = z.infer<typeof medicationAnswerSchema>;

export const healthCheckAnswerSchema = z
  .object({
    confirmationId: z.string().min(1).max(100),
    items: z.array(
      z
        .object({
          examinedOn: isoDate,
          heightCm: z.number().min(0),
          weightKg: z.number().min(0),
          systolicMmHg: z.number().int().min(0),
          diastolicMmHg: z.number().int().min(0),
          hba1cPercent: z.number().min(0).optional(),
        })
        .strict(),
    ),
  })
  .strict();
export type HealthCheckAnswer = z.infer<typeof healthCheckAnswerSchema>;

/** Disaster mode: medication look-up without a card (災害時医療情報閲覧). */
export const disasterMedicationRequestSchema = z
  .object({
    medicalInstitutionCode: institutionCode,
    name: z.string().min(1).max(100),
    birthDate: isoDate,
    sex: z.enum(['male', 'female']),
    address: z.string().min(1).max(200),
  })
  .strict();
export type DisasterMedicationRequest = z.infer<typeof disasterMedicationRequestSchema>;

export const disasterMedicationAnswerSchema = z
  .object({
    matches: z.array(
      z
        .object({
          name: z.string(),
          birthDate: isoDate,
          items: medicationAnswerSchema.shape.items,
        })
        .strict(),
    ),
  })
  .strict();
export type DisasterMedicationAnswer = z.infer<typeof disasterMedicationAnswerSchema>;

export const WIRE_ERROR_CODES = [
  'bad-request',
  'client-certificate-required',
  'certificate-invalid',
  'certificate-expired',
  'certificate-revoked',
  'challenge-invalid',
  'signature-invalid',
  'signature-required',
  'consent-required',
  'not-in-disaster',
  'unknown-confirmation',
  'internal',
] as const;
export type WireErrorCode = (typeof WIRE_ERROR_CODES)[number];

export const errorAnswerSchema = z
  .object({ error: z.object({ code: z.enum(WIRE_ERROR_CODES), message: z.string().max(500) }).strict() })
  .strict();
export type ErrorAnswer = z.infer<typeof errorAnswerSchema>;

export const emptyRequestSchema = z.object({}).strict();

/** Every operation: path, request and success schema. The OpenAPI document is generated from this. */
export const operations = {
  createChallenge: {
    path: '/v1/challenges',
    summary: 'Issue a one-time challenge the card signs on the PIN path.',
    request: emptyRequestSchema,
    response: challengeAnswerSchema,
  },
  confirmByCard: {
    path: '/v1/confirmations',
    summary: 'Confirm eligibility with the JPKI user-authentication certificate and record consent.',
    request: confirmRequestSchema,
    response: qualificationAnswerSchema,
  },
  lookupByInsuranceCard: {
    path: '/v1/qualifications/lookup',
    summary: '個別照会: look up by insurer number, symbol, number, branch and birth date.',
    request: lookupRequestSchema,
    response: qualificationAnswerSchema,
  },
  medication: {
    path: '/v1/confirmations/{confirmationId}/medication',
    summary: '薬剤情報 of a confirmation whose patient consented to it.',
    request: emptyRequestSchema,
    response: medicationAnswerSchema,
  },
  healthCheck: {
    path: '/v1/confirmations/{confirmationId}/health-checks',
    summary: '特定健診等情報 of a confirmation whose patient consented to it.',
    request: emptyRequestSchema,
    response: healthCheckAnswerSchema,
  },
  disasterMedication: {
    path: '/v1/disaster/medication',
    summary: 'During a declared disaster only: medication by name, birth date, sex and address.',
    request: disasterMedicationRequestSchema,
    response: disasterMedicationAnswerSchema,
  },
} as const;
export type OperationName = keyof typeof operations;

export const IDEMPOTENCY_HEADER = 'idempotency-key';

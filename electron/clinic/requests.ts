// Reads what clinic software writes to req/: the 個別照会 (OQSsiquc01req), the batch upload
// (OQSmuquc01req) and the batch fetch (OQSmuquc02req). Parsed with fast-xml-parser, validated with
// the layout's schemas; every problem is a value that names the element, so the clinic system
// gets an error answer that says what to fix.
import {
  batchFetchRequestSchema,
  batchRequestSchema,
  REQUEST_FILE,
  REQUEST_KINDS,
  singleRequestSchema,
  type RequestKind,
  type RequestSearchInfo,
} from './layout';
import type { Query } from './results';
import type { ResultReason } from './result-codes';
import { decodeByDeclaration } from './windows-31j';
import { describeIssues, parseDocument } from './xml';

export interface RequestFileName {
  /** e.g. OQSsiquc01 */
  prefix: string;
  suffix: string;
  kind: RequestKind | undefined;
  /** The answer's file name: `<prefix>res_<suffix>.xml`. */
  answerName: string;
}

export function requestFileName(fileName: string): RequestFileName | undefined {
  const match = REQUEST_FILE.exec(fileName);
  if (!match) return undefined;
  const [, prefix, suffix] = match as unknown as [string, string, string];
  return { prefix, suffix, kind: REQUEST_KINDS[prefix], answerName: `${prefix}res_${suffix}.xml` };
}

interface RequestCommon {
  medicalInstitutionCode: string;
  arbitraryFileIdentifier?: string | undefined;
}

export type ClinicRequest =
  | (RequestCommon & { kind: 'single'; query: Query })
  | (RequestCommon & { kind: 'batch-upload'; queries: Query[]; forDay?: string | undefined })
  | (RequestCommon & { kind: 'batch-fetch'; receptionNumber: string });

export type RequestReading =
  | { ok: true; request: ClinicRequest }
  | {
      ok: false;
      reason: ResultReason;
      problem: string;
      /** What could be read of the header, for the error answer. */
      arbitraryFileIdentifier?: string | undefined;
    };

const isoOf = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

function queryOf(search: RequestSearchInfo): Query {
  return {
    // 6-digit 国保 numbers arrive space-padded to 8.
    insurerNumber: search.InsurerNumber.trim(),
    symbol: search.InsuredCardSymbol,
    number: search.InsuredIdentificationNumber,
    branch: search.InsuredBranchNumber,
    birthDate: isoOf(search.Birthdate),
    limitConsent: search.LimitApplicationCertificateRelatedConsFlg === '1',
    arbitraryIdentifier: search.ArbitraryIdentifier,
  };
}

const SCHEMAS = {
  single: singleRequestSchema,
  'batch-upload': batchRequestSchema,
  'batch-fetch': batchFetchRequestSchema,
} as const;

/** Reads a request file of a known kind; never throws on bad input. */
export function readRequest(kind: RequestKind, bytes: Buffer): RequestReading {
  const parsed = parseDocument(decodeByDeclaration(bytes));
  if (!parsed.ok) return { ok: false, reason: 'request-unreadable', problem: parsed.problem };
  const headerOf = (parsed.value.XmlMsg as { MessageHeader?: Record<string, unknown> } | undefined)
    ?.MessageHeader;
  const fileId =
    typeof headerOf?.ArbitraryFileIdentifier === 'string' ? headerOf.ArbitraryFileIdentifier : undefined;
  const result = SCHEMAS[kind].safeParse(parsed.value);
  if (!result.success) {
    return {
      ok: false,
      reason: 'request-layout',
      problem: describeIssues(result.error),
      arbitraryFileIdentifier: fileId,
    };
  }
  const { MessageHeader: header } = result.data.XmlMsg;
  const common: RequestCommon = {
    medicalInstitutionCode: header.MedicalInstitutionCode,
    arbitraryFileIdentifier: header.ArbitraryFileIdentifier,
  };
  switch (kind) {
    case 'single': {
      const data = singleRequestSchema.parse(parsed.value);
      return {
        ok: true,
        request: { ...common, kind, query: queryOf(data.XmlMsg.MessageBody.QualificationConfirmSearchInfo) },
      };
    }
    case 'batch-upload': {
      const data = batchRequestSchema.parse(parsed.value);
      const day = data.XmlMsg.MessageHeader.QualificationConfirmationDate;
      return {
        ok: true,
        request: {
          ...common,
          kind,
          queries:
            data.XmlMsg.MessageBody.QualificationConfirmSearchInfoList.QualificationConfirmSearchInfo.map(
              queryOf,
            ),
          forDay: day ? isoOf(day) : undefined,
        },
      };
    }
    case 'batch-fetch': {
      const data = batchFetchRequestSchema.parse(parsed.value);
      return {
        ok: true,
        request: { ...common, kind, receptionNumber: data.XmlMsg.MessageHeader.ReceptionNumber },
      };
    }
  }
}

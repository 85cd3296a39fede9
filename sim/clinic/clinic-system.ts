// The clinic system's side of the folder, for the tests, the samples and the benchmark: request
// files written as clinic software writes them (Shift_JIS label, code page 932 bytes, the layout of
// electron/clinic/layout.ts), and a reader configured as clinic software configures fast-xml-parser
// (every value a string, so digit strings keep their zeros) — independent of the terminal's reader.
import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import {
  batchFetchRequestSchema,
  batchRequestSchema,
  singleRequestSchema,
} from '../../electron/clinic/layout';
import type { Query } from '../../electron/clinic/results';
import { writeDocument } from '../../electron/clinic/xml';

export const CLINIC_CODE = '1311111114';

function searchInfo(query: Query) {
  return {
    InsurerNumber: query.insurerNumber.padStart(8, ' '),
    InsuredCardSymbol: query.symbol,
    InsuredIdentificationNumber: query.number,
    InsuredBranchNumber: query.branch,
    Birthdate: query.birthDate.replace(/-/g, ''),
    LimitApplicationCertificateRelatedConsFlg: query.limitConsent ? '1' : '0',
    ArbitraryIdentifier: query.arbitraryIdentifier,
  } as const;
}

export function singleRequest(query: Query, options: { fileId?: string; institution?: string } = {}): Buffer {
  return writeDocument(singleRequestSchema, {
    XmlMsg: {
      MessageHeader: {
        MedicalInstitutionCode: options.institution ?? CLINIC_CODE,
        ArbitraryFileIdentifier: options.fileId,
      },
      MessageBody: { QualificationConfirmSearchInfo: searchInfo(query) },
    },
  }).bytes;
}

export function batchUploadRequest(queries: Query[], forDay?: string): Buffer {
  return writeDocument(batchRequestSchema, {
    XmlMsg: {
      MessageHeader: {
        MedicalInstitutionCode: CLINIC_CODE,
        QualificationConfirmationDate: forDay?.replace(/-/g, ''),
      },
      MessageBody: {
        QualificationConfirmSearchInfoList: { QualificationConfirmSearchInfo: queries.map(searchInfo) },
      },
    },
  }).bytes;
}

export function batchFetchRequest(receptionNumber: string): Buffer {
  return writeDocument(batchFetchRequestSchema, {
    XmlMsg: { MessageHeader: { MedicalInstitutionCode: CLINIC_CODE, ReceptionNumber: receptionNumber } },
  }).bytes;
}

/** What a loosely typed clinic program gets from the parser: nested objects of strings. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the point is an untyped reader
export type ParsedXml = any;

const ALWAYS_LISTS = new Set([
  'ResultOfQualificationConfirmation',
  'QualificationConfirmResult',
  'SpecificDiseasesCertificateInfo',
  'MedicalTicketInfo',
]);

/** How clinic software reads a result: code page 932, every value a string, spaces kept. */
export function readAsClinicSoftware(bytes: Buffer): ParsedXml {
  const parser = new XMLParser({
    ignoreDeclaration: true,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ALWAYS_LISTS.has(name),
  });
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) if (key !== '#text') out[key] = strip(inner);
      return out;
    }
    return value;
  };
  return strip(parser.parse(iconv.decode(bytes, 'cp932'))) as ParsedXml;
}

export interface ClinicConsumer {
  /** How many times each answer name appeared in res/ (more than 1: answered twice). */
  readonly counts: ReadonlyMap<string, number>;
  answered(): number;
  duplicates(): number;
  /** Resolves when `count` distinct answers arrived (checked every poll). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  stop(): void;
}

/**
 * Takes every answer out of res/ as soon as it appears, as clinic software does, keeping each in
 * `consumed/` under a numbered name. An answer written twice shows up twice: that is a duplicate.
 */
export function startClinicConsumer(folder: string, intervalMs = 10): ClinicConsumer {
  const res = join(folder, 'res');
  const consumed = join(folder, 'consumed');
  mkdirSync(res, { recursive: true });
  mkdirSync(consumed, { recursive: true });
  const counts = new Map<string, number>();
  const take = () => {
    for (const name of readdirSync(res)) {
      if (name.startsWith('.')) continue;
      const n = (counts.get(name) ?? 0) + 1;
      try {
        renameSync(join(res, name), join(consumed, `${name}#${n}`));
        counts.set(name, n);
      } catch {
        // gone meanwhile
      }
    }
  };
  const timer = setInterval(take, intervalMs);
  return {
    counts,
    answered: () => counts.size,
    duplicates: () => [...counts.values()].reduce((sum, n) => sum + n - 1, 0),
    async waitFor(count, timeoutMs = 120_000) {
      const started = performance.now();
      while (counts.size < count) {
        if (performance.now() - started > timeoutMs) {
          throw new Error(`only ${counts.size} of ${count} answers arrived in ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
      take();
    },
    stop() {
      clearInterval(timer);
      take();
    },
  };
}

/** The consumed copy of an answer (the first time it arrived). */
export function consumedAnswer(folder: string, answerName: string): Buffer {
  return readFileSync(join(folder, 'consumed', `${answerName}#1`));
}

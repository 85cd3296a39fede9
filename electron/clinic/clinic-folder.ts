// Writes files for clinic systems into the shared folder's face/ sub-folder the way the terminal
// does: Shift_JIS, under a temporary name first, then renamed, so a watcher never reads half a
// file (eligibility.md rules).
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { isKioskError } from '../errors/kiosk-error';
import type { InsuranceCardInput } from '../eligibility/insurance-number';
import type { EligibilityOutcome } from '../eligibility/outcome';
import { InsuranceInputError } from '../eligibility/service';
import { buildFaceResult, buildResultXml, type ResultFileInput } from './face-result-xml';
import { readQualificationRequest } from './request-xml';
import { encodeShiftJis } from './shift-jis';

export const REQUEST_FILE = /^OQSsiquc01req_([\w.-]+)\.xml$/;

export function writeAtomically(folder: string, fileName: string, bytes: Buffer): string {
  mkdirSync(folder, { recursive: true });
  const target = join(folder, fileName);
  // A dot-name with a non-.xml ending: watchers filter on the OQS…xml pattern.
  const temporary = join(folder, `.${fileName}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'wx', 0o640);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, target);
  return target;
}

/** Writes the face-reader result of one confirmation; returns the path and the ● count. */
export function writeFaceResult(
  clinicFolder: string,
  outcome: EligibilityOutcome,
  medicalInstitutionCode: string,
): { path: string; substituted: number } {
  const result = buildFaceResult({
    outcome,
    medicalInstitutionCode,
    arbitraryFileIdentifier: randomBytes(10).toString('hex'),
  });
  const path = writeAtomically(join(clinicFolder, 'face'), result.fileName, encodeShiftJis(result.xml));
  return { path, substituted: result.substituted };
}

/**
 * Answers one 個別照会 request file from req/: looks the numbers up (today's cached answer is
 * reused), writes res/OQSsiquc01res_<same suffix>.xml, and moves the request to trash/ so it is
 * answered once. A malformed request or a failed look-up is answered with an error result
 * (SegmentOfResult 9) — the clinic system always gets an answer.
 */
export async function answerRequestFile(options: {
  clinicFolder: string;
  fileName: string;
  medicalInstitutionCode: string;
  lookUp: (input: InsuranceCardInput) => Promise<EligibilityOutcome>;
  now?: () => Date;
}): Promise<{ responsePath: string; status: string }> {
  const suffix = REQUEST_FILE.exec(options.fileName)?.[1];
  if (!suffix) throw new RangeError(`${options.fileName} is not a 個別照会 request file`);
  const requestPath = join(options.clinicFolder, 'req', options.fileName);
  const reading = readQualificationRequest(readFileSync(requestPath));
  const base = {
    medicalInstitutionCode: options.medicalInstitutionCode,
    reference: 'insurance-card' as const,
    at: (options.now?.() ?? new Date()).toISOString(),
  };
  let input: ResultFileInput;
  if (!reading.ok) {
    input = {
      ...base,
      arbitraryFileIdentifier: reading.arbitraryFileIdentifier ?? '',
      error: { code: 'eligibility.invalid-input', detail: reading.problem },
    };
  } else if (reading.request.medicalInstitutionCode !== options.medicalInstitutionCode) {
    input = {
      ...base,
      arbitraryFileIdentifier: reading.request.arbitraryFileIdentifier,
      searchInfo: reading.request.search,
      error: { code: 'eligibility.invalid-input', detail: 'MedicalInstitutionCode is not this clinic' },
    };
  } else {
    const { search } = reading.request;
    const common = {
      ...base,
      arbitraryFileIdentifier: reading.request.arbitraryFileIdentifier,
      searchInfo: search,
    };
    try {
      const outcome = await options.lookUp({
        insurerNumber: search.insurerNumber,
        symbol: search.symbol,
        number: search.number,
        branch: search.branch,
        birthDate: search.birthDate,
      });
      input = { ...common, outcome, at: outcome.at };
    } catch (error) {
      const detail =
        error instanceof InsuranceInputError ? error.problems.map((p) => p.message).join(' ') : undefined;
      input = {
        ...common,
        error: { code: isKioskError(error) ? error.code : 'kiosk.internal', ...(detail ? { detail } : {}) },
      };
    }
  }
  const { xml } = buildResultXml(input);
  const responsePath = writeAtomically(
    join(options.clinicFolder, 'res'),
    `OQSsiquc01res_${suffix}.xml`,
    encodeShiftJis(xml),
  );
  mkdirSync(join(options.clinicFolder, 'trash'), { recursive: true });
  renameSync(requestPath, join(options.clinicFolder, 'trash', options.fileName));
  return { responsePath, status: input.error ? 'error' : (input.outcome?.status ?? 'error') };
}

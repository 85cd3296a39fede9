// Writes files for clinic systems into the shared folder's face/ sub-folder the way the terminal
// does: Shift_JIS, under a temporary name first, then renamed, so a watcher never reads half a
// file (eligibility.md rules).
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { EligibilityOutcome } from '../eligibility/outcome';
import { buildFaceResult } from './face-result-xml';
import { encodeShiftJis } from './shift-jis';

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

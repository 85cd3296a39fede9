// Writing into the clinic's shared folder the way the terminal does: under a temporary dot-name
// first (fsynced), then renamed, so a watcher never reads half a file (eligibility.md rules).
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsync,
  fsyncSync,
  mkdirSync,
  open,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { Clock } from '../clock';
import type { EligibilityOutcome } from '../eligibility/outcome';
import { faceResultDocument } from './results';

const fsyncAsync = promisify(fsync);
const openAsync = promisify(open);

/** File mode of everything the terminal writes: the kiosk user and the clinic's group. */
export const FILE_MODE = 0o640;

/** The temporary name a file is written under before it is renamed to `fileName`. */
export const temporaryName = (fileName: string, owner: string) => `.${fileName}.${owner}.tmp`;

/** Writes and fsyncs `bytes` under the temporary name; returns its path. */
export function writeTemporary(folder: string, fileName: string, bytes: Buffer, owner: string): string {
  mkdirSync(folder, { recursive: true });
  // A dot-name with a non-.xml ending: watchers filter on the OQS…xml pattern.
  const temporary = join(folder, temporaryName(fileName, owner));
  const fd = openSync(temporary, 'w', FILE_MODE);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  return temporary;
}

/**
 * writeTemporary off the event loop where the disk can make it wait: creating the file and the
 * fsync (both wait on the file system's journal while other files are being synced) go to libuv's
 * pool; writing a few kilobytes into the page cache does not wait.
 */
export async function writeTemporaryAsync(
  folder: string,
  fileName: string,
  bytes: Buffer,
  owner: string,
): Promise<string> {
  const temporary = join(folder, temporaryName(fileName, owner));
  const fd = await openAsync(temporary, 'w', FILE_MODE);
  try {
    writeSync(fd, bytes);
    await fsyncAsync(fd);
  } finally {
    closeSync(fd);
  }
  return temporary;
}

export function writeAtomically(folder: string, fileName: string, bytes: Buffer): string {
  const target = join(folder, fileName);
  renameSync(
    writeTemporary(folder, fileName, bytes, `${process.pid}-${randomBytes(4).toString('hex')}`),
    target,
  );
  return target;
}

/** Writes the face-reader result of one confirmation; returns the path and the ● count. */
export function writeFaceResult(
  clinicFolder: string,
  outcome: EligibilityOutcome,
  medicalInstitutionCode: string,
  clock: Pick<Clock, 'utcOffsetMinutes'>,
): { path: string; substituted: number } {
  const result = faceResultDocument({
    outcome,
    medicalInstitutionCode,
    arbitraryFileIdentifier: randomBytes(10).toString('hex'),
    utcOffsetMinutes: clock.utcOffsetMinutes,
  });
  const path = writeAtomically(join(clinicFolder, 'face'), result.fileName, result.bytes);
  return { path, substituted: result.substituted };
}

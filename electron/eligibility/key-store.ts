// Where the eligibility database's encryption key lives: apart from the database, so a copied
// database file alone reveals nothing. The Electron composition root uses the safeStorage store
// (safe-storage-key-store.ts); plain Node (CLI, tests, benchmarks) uses the 0600 key file.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KioskError } from '../errors/kiosk-error';

export const KEY_BYTES = 32;

export interface KeyStore {
  /** Returns the 32-byte master key, creating and storing one the first time. */
  loadOrCreateKey(): Buffer;
  /** Where the key is kept, for the staff report; never the key itself. */
  readonly description: string;
}

/** The file operations a private write makes (tests record their order on the real ones). */
export type PrivateFileOps = Pick<
  typeof nodeFs,
  'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync'
>;

/** Writes `bytes` to `path` atomically with mode 0600 and durably: a power cut leaves either no
 *  file or the whole key (temporary name, fsync of the file, rename, fsync of the folder). */
export function writePrivateFile(
  path: string,
  bytes: Buffer,
  fs: PrivateFileOps = nodeFs,
  platform: NodeJS.Platform = process.platform,
): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, path);
  // The rename lives in the folder's entry: sync it too. Windows cannot open a folder for this
  // (NTFS journals the rename itself).
  if (platform === 'win32') return;
  const folder = fs.openSync(dirname(path), 'r');
  try {
    fs.fsyncSync(folder);
  } finally {
    fs.closeSync(folder);
  }
}

/** Reads a file that must not be readable by group or others. On Windows Node reports every
 *  file as 0o666 (access is the folder's ACL, the user's own profile), so the mode says nothing. */
export function readPrivateFile(
  path: string,
  platform: NodeJS.Platform = process.platform,
): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KioskError('eligibility.key-store', `cannot open key file`, { cause: error });
  }
  try {
    const mode = fstatSync(fd).mode & 0o777;
    if (platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new KioskError(
        'eligibility.key-store',
        `key file mode ${mode.toString(8)} is readable by others`,
      );
    }
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function createFileKeyStore(path: string, platform: NodeJS.Platform = process.platform): KeyStore {
  return {
    description: `key file ${path} (0600)`,
    loadOrCreateKey() {
      const existing = readPrivateFile(path, platform);
      if (existing) {
        if (existing.length !== KEY_BYTES) {
          throw new KioskError('eligibility.key-store', `key file has ${existing.length} bytes`);
        }
        return existing;
      }
      const key = randomBytes(KEY_BYTES);
      writePrivateFile(path, key, nodeFs, platform);
      return key;
    },
  };
}

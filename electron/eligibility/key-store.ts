// Where the eligibility database's encryption key lives: apart from the database, so a copied
// database file alone reveals nothing. The Electron composition root uses the safeStorage store
// (safe-storage-key-store.ts); plain Node (CLI, tests, benchmarks) uses the 0600 key file.
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { KioskError } from '../errors/kiosk-error';

export const KEY_BYTES = 32;

export interface KeyStore {
  /** Returns the 32-byte master key, creating and storing one the first time. */
  loadOrCreateKey(): Buffer;
  /** Where the key is kept, for the staff report; never the key itself. */
  readonly description: string;
}

/** Writes `bytes` to `path` atomically with mode 0600 (temporary name, fsync, rename). */
export function writePrivateFile(path: string, bytes: Buffer): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/** Reads a file that must not be readable by group or others. */
export function readPrivateFile(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KioskError('eligibility.key-store', `cannot open key file`, { cause: error });
  }
  try {
    const mode = fstatSync(fd).mode & 0o777;
    if ((mode & 0o077) !== 0) {
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

export function createFileKeyStore(path: string): KeyStore {
  return {
    description: `key file ${path} (0600)`,
    loadOrCreateKey() {
      const existing = readPrivateFile(path);
      if (existing) {
        if (existing.length !== KEY_BYTES) {
          throw new KioskError('eligibility.key-store', `key file has ${existing.length} bytes`);
        }
        return existing;
      }
      const key = randomBytes(KEY_BYTES);
      writePrivateFile(path, key);
      return key;
    },
  };
}

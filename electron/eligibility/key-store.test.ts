import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKioskError } from '../errors/kiosk-error';
import { createFieldCipher } from './field-cipher';
import * as fs from 'node:fs';
import { createFileKeyStore, writePrivateFile, type PrivateFileOps } from './key-store';
import { createSafeStorageKeyStore } from './safe-storage-key-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'uketsuke-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return isKioskError(error) ? error.code : String(error);
  }
  return undefined;
};

describe('file key store', () => {
  it('creates a 32-byte key with mode 0600 once and returns the same key afterwards', () => {
    const path = join(dir, 'sub', 'eligibility.key');
    const first = createFileKeyStore(path).loadOrCreateKey();
    expect(first).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(createFileKeyStore(path).loadOrCreateKey().equals(first)).toBe(true);
  });

  it('refuses a key file of the wrong size or readable by others', () => {
    const path = join(dir, 'eligibility.key');
    writeFileSync(path, Buffer.alloc(16), { mode: 0o600 });
    expect(codeOf(() => createFileKeyStore(path).loadOrCreateKey())).toBe('eligibility.key-store');
    writeFileSync(path, Buffer.alloc(32));
    chmodSync(path, 0o640);
    expect(codeOf(() => createFileKeyStore(path).loadOrCreateKey())).toBe('eligibility.key-store');
  });

  it('takes the kiosk’s own key on Windows, where Node reports every file as 0o666', () => {
    const path = join(dir, 'eligibility.key');
    const key = createFileKeyStore(path).loadOrCreateKey();
    chmodSync(path, 0o666);
    expect(createFileKeyStore(path, 'win32').loadOrCreateKey().equals(key)).toBe(true);
    expect(codeOf(() => createFileKeyStore(path, 'linux').loadOrCreateKey())).toBe('eligibility.key-store');
  });

  it('syncs the key to disk before the rename and the folder after it', () => {
    const path = join(dir, 'eligibility.key');
    const calls: string[] = [];
    const names = new Map<number, string>();
    const recording: PrivateFileOps = {
      openSync: ((file: string, ...rest: [string, number?]) => {
        const fd = fs.openSync(file, ...rest);
        names.set(fd, file === dir ? 'folder' : 'temporary');
        return fd;
      }) as typeof fs.openSync,
      writeSync: ((fd: number, bytes: Buffer) => {
        calls.push(`write ${names.get(fd)}`);
        return fs.writeSync(fd, bytes);
      }) as typeof fs.writeSync,
      fsyncSync: (fd) => {
        calls.push(`fsync ${names.get(fd)}`);
        fs.fsyncSync(fd);
      },
      closeSync: (fd) => fs.closeSync(fd),
      renameSync: (from, to) => {
        calls.push('rename');
        fs.renameSync(from, to);
      },
    };
    writePrivateFile(path, Buffer.alloc(32, 7), recording, 'linux');
    expect(calls).toEqual(['write temporary', 'fsync temporary', 'rename', 'fsync folder']);
    expect(readFileSync(path)).toEqual(Buffer.alloc(32, 7));
  });
});

describe('safeStorage key store', () => {
  // Stands in for Electron's safeStorage at the one boundary that cannot exist in plain Node: a
  // reversible transformation, so the test sees the key is stored sealed and comes back intact.
  const fakeSafeStorage = (available: boolean) => ({
    isEncryptionAvailable: () => available,
    encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`),
    decryptString: (data: Buffer) => {
      const text = data.toString();
      if (!text.startsWith('sealed:')) throw new Error('not sealed');
      return Buffer.from(text.slice(7), 'hex').toString();
    },
  });
  const sealed = fakeSafeStorage(true);

  it('keeps only the sealed key on disk and recovers the same key', () => {
    const path = join(dir, 'eligibility.key.sealed');
    const key = createSafeStorageKeyStore(sealed, path).loadOrCreateKey();
    expect(readFileSync(path).includes(key)).toBe(false);
    expect(readFileSync(path).toString()).not.toContain(key.toString('base64'));
    expect(createSafeStorageKeyStore(sealed, path).loadOrCreateKey().equals(key)).toBe(true);
  });

  it('refuses to work without OS encryption or with a file it cannot unseal', () => {
    const path = join(dir, 'eligibility.key.sealed');
    expect(codeOf(() => createSafeStorageKeyStore(fakeSafeStorage(false), path).loadOrCreateKey())).toBe(
      'eligibility.key-store',
    );
    writeFileSync(path, 'garbage', { mode: 0o600 });
    expect(codeOf(() => createSafeStorageKeyStore(sealed, path).loadOrCreateKey())).toBe(
      'eligibility.key-store',
    );
  });
});

describe('field cipher', () => {
  const key = Buffer.alloc(32, 1);

  it('round-trips a value and hides it', () => {
    const cipher = createFieldCipher(key);
    const box = cipher.seal({ name: '山田　太郎' }, 'answers:1');
    expect(box.includes(Buffer.from('山田'))).toBe(false);
    expect(cipher.open(box, 'answers:1')).toEqual({ name: '山田　太郎' });
  });

  it('refuses a value moved to another row, altered, or opened with another key', () => {
    const cipher = createFieldCipher(key);
    const box = cipher.seal('x', 'answers:1');
    expect(() => cipher.open(box, 'answers:2')).toThrow();
    const altered = Buffer.from(box);
    altered[altered.length - 1]! ^= 1;
    expect(() => cipher.open(altered, 'answers:1')).toThrow();
    expect(() => createFieldCipher(Buffer.alloc(32, 2)).open(box, 'answers:1')).toThrow();
  });

  it('gives equal look-up digests for equal parts only, and detects another key', () => {
    const cipher = createFieldCipher(key);
    expect(cipher.digest('a', 'bc').equals(cipher.digest('a', 'bc'))).toBe(true);
    expect(cipher.digest('a', 'bc').equals(cipher.digest('ab', 'c'))).toBe(false);
    expect(createFieldCipher(Buffer.alloc(32, 2)).sameKeyCheck(cipher.keyCheck())).toBe(false);
    expect(createFieldCipher(key).sameKeyCheck(cipher.keyCheck())).toBe(true);
  });
});

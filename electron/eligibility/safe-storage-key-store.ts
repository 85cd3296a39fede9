// The key store of the Electron build: the master key is kept in a file encrypted by the OS
// keychain through Electron's safeStorage (DPAPI on Windows, Keychain on macOS, libsecret on Linux).
// Only the Electron composition root imports this file; it takes safeStorage as a parameter so
// this module never loads Electron at run time.
import { randomBytes } from 'node:crypto';
import type { SafeStorage } from 'electron';
import { KioskError } from '../errors/kiosk-error';
import { KEY_BYTES, readPrivateFile, writePrivateFile, type KeyStore } from './key-store';

export function createSafeStorageKeyStore(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
  path: string,
): KeyStore {
  return {
    description: `safeStorage-encrypted key file ${path}`,
    loadOrCreateKey() {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new KioskError('eligibility.key-store', 'safeStorage encryption is not available');
      }
      const sealed = readPrivateFile(path);
      if (sealed) {
        let key: Buffer;
        try {
          key = Buffer.from(safeStorage.decryptString(sealed), 'base64');
        } catch (error) {
          throw new KioskError('eligibility.key-store', 'safeStorage could not decrypt the key file', {
            cause: error,
          });
        }
        if (key.length !== KEY_BYTES)
          throw new KioskError('eligibility.key-store', 'sealed key has the wrong size');
        return key;
      }
      const key = randomBytes(KEY_BYTES);
      writePrivateFile(path, safeStorage.encryptString(key.toString('base64')));
      return key;
    },
  };
}

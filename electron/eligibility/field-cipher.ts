// Encryption of personal fields at rest: AES-256-GCM with a fresh IV per value, bound to where
// the value is stored (associated data), and keyed look-up digests so a record can be found by
// its insurance numbers or certificate without storing them in the clear.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface FieldCipher {
  seal(value: unknown, context: string): Buffer;
  /** Throws when the value was altered, moved to another context or sealed with another key. */
  open<T = unknown>(sealed: Buffer, context: string): T;
  /** A keyed digest for look-ups; equal inputs give equal digests, nothing else can be learnt. */
  digest(...parts: string[]): Buffer;
  /** A value stored once per database to detect a wrong key before anything is decrypted. */
  keyCheck(): Buffer;
  sameKeyCheck(stored: Buffer): boolean;
}

export function createFieldCipher(masterKey: Buffer): FieldCipher {
  const derive = (label: string) =>
    Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `uketsuke eligibility ${label}`, 32));
  const encryptionKey = derive('field encryption');
  const digestKey = derive('look-up digest');
  const checkKey = derive('key check');
  const keyCheck = () => createHmac('sha256', checkKey).update('key-check-v1').digest();

  return {
    seal(value, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open<T>(sealed: Buffer, context: string): T {
      const iv = sealed.subarray(0, IV_BYTES);
      const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, iv);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      const text = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      return JSON.parse(text.toString('utf8')) as T;
    },
    digest(...parts) {
      const mac = createHmac('sha256', digestKey);
      for (const part of parts) mac.update(`${part.length}:${part}|`);
      return mac.digest();
    },
    keyCheck,
    sameKeyCheck(stored) {
      const expected = keyCheck();
      return stored.length === expected.length && timingSafeEqual(stored, expected);
    },
  };
}

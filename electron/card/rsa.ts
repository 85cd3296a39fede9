// RSA PKCS#1 v1.5 checks on raw keys as the card stores them (modulus + exponent). The card-face
// record's signature wraps three digests in one DigestInfo (card.md §2.1), which no standard
// verify API accepts, so the padded payload is recovered and compared byte for byte.
import { createHash, createPublicKey, publicDecrypt, constants, type KeyObject } from 'node:crypto';
import { KioskError } from '../errors/kiosk-error';

export interface RsaPublicKey {
  readonly modulus: Uint8Array;
  readonly exponent: Uint8Array;
}

const SHA256_ALGORITHM = Uint8Array.from([
  0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
]);

/** DER DigestInfo with the SHA-256 OID around `digest` (32 bytes, or 96 for the card-face record). */
export function sha256DigestInfo(digest: Uint8Array): Uint8Array {
  const inner = SHA256_ALGORITHM.length + 2 + digest.length;
  const head = inner < 0x80 ? [0x30, inner] : [0x30, 0x81, inner];
  return Uint8Array.from([...head, ...SHA256_ALGORITHM, 0x04, digest.length, ...digest]);
}

export const sha256 = (...parts: readonly Uint8Array[]): Uint8Array => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};

export function rsaKeyObject(key: RsaPublicKey): KeyObject {
  const trim = (b: Uint8Array): Uint8Array => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i += 1;
    return b.subarray(i);
  };
  if (
    key.modulus.length < 128 ||
    key.modulus.length > 512 ||
    key.exponent.length === 0 ||
    key.exponent.length > 8
  ) {
    throw new KioskError('card.malformed-response', `RSA key of ${key.modulus.length} bytes`);
  }
  try {
    return createPublicKey({
      format: 'jwk',
      key: {
        kty: 'RSA',
        n: Buffer.from(trim(key.modulus)).toString('base64url'),
        e: Buffer.from(trim(key.exponent)).toString('base64url'),
      },
    });
  } catch (error) {
    throw new KioskError('card.malformed-response', 'unusable RSA key', { cause: error });
  }
}

/** True when `signature` is a PKCS#1 v1.5 signature whose payload is exactly `digestInfo`. */
export function verifyPkcs1Payload(key: KeyObject, digestInfo: Uint8Array, signature: Uint8Array): boolean {
  try {
    const payload = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
    return payload.length === digestInfo.length && payload.equals(digestInfo);
  } catch {
    return false;
  }
}

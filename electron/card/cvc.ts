// Card-verifiable certificates (tag 7F21) of the card-surface AP's EF 0004 (card.md §2.3): a
// 297-byte body (issuer key ID, subject key ID, RSA key) signed PKCS#1 v1.5 SHA-256 by the CA
// the issuer key ID names. The CA key never comes from the card.
import type { KeyObject } from 'node:crypto';
import { KioskError } from '../errors/kiosk-error';
import { readTlv, readTlvList, requireTlv } from './tlv';
import { sha256, sha256DigestInfo, verifyPkcs1Payload, type RsaPublicKey } from './rsa';

export interface CardVerifiableCertificate {
  readonly issuerKeyId: Uint8Array;
  readonly subjectKeyId: Uint8Array;
  readonly publicKey: RsaPublicKey;
  readonly body: Uint8Array;
  readonly signature: Uint8Array;
}

/** A CA key the terminal trusts for card-surface certificates, named by its 16-byte key ID. */
export interface SurfaceCaKey {
  readonly keyId: Uint8Array;
  readonly publicKey: KeyObject;
}

const BODY_LENGTH = 297;

/** Parses `90 <exponent> 91 <modulus>`. */
export function parseCardRsaKey(bytes: Uint8Array): RsaPublicKey {
  const list = readTlvList(bytes);
  return {
    exponent: requireTlv(list, 0x90, 'RSA exponent').value,
    modulus: requireTlv(list, 0x91, 'RSA modulus').value,
  };
}

export function parseCvc(bytes: Uint8Array): CardVerifiableCertificate {
  const outer = readTlv(bytes);
  if (outer.tag !== 0x7f21)
    throw new KioskError('card.malformed-response', `CVC tag ${outer.tag.toString(16)}`);
  const list = readTlvList(outer.value);
  const body = requireTlv(list, 0x5f4e, 'CVC body').value;
  const signature = requireTlv(list, 0x5f37, 'CVC signature').value;
  if (body.length !== BODY_LENGTH) {
    throw new KioskError('card.malformed-response', `CVC body of ${body.length} bytes`);
  }
  return {
    issuerKeyId: body.subarray(0, 16),
    subjectKeyId: body.subarray(16, 32),
    publicKey: parseCardRsaKey(body.subarray(32)),
    body,
    signature,
  };
}

/** Production card-surface key IDs start with ASCII '5'; anything else is a test hierarchy. */
export const isProductionKeyId = (keyId: Uint8Array): boolean => keyId[0] === 0x35;

export function verifyCvc(cvc: CardVerifiableCertificate, trusted: readonly SurfaceCaKey[]): boolean {
  const ca = trusted.find((k) => Buffer.from(k.keyId).equals(cvc.issuerKeyId));
  if (!ca) return false;
  return verifyPkcs1Payload(ca.publicKey, sha256DigestInfo(sha256(cvc.body)), cvc.signature);
}

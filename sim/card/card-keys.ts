// Keys in the shapes the card stores them: an RSA public key as `90 e` + `91 n`, and the
// card-verifiable certificate (CVC, tag 7F21) of the card-surface AP's EF 0004 (card.md §1.5, §2.3).
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { concatBytes, encodeTlv } from './ber-encode';

/** Key IDs of the simulated card-surface hierarchy. Production IDs start with '5', the J-LIS test
 * hierarchy's with '6'; '9' is ours, so no verifier can mistake a simulated key for either. */
export const SIM_SURFACE_CA_KEY_ID = keyId('9000023', '001');
export const SIM_SURFACE_ISSUER_KEY_ID = keyId('9100023', '001');

function keyId(number: string, group: string): Uint8Array {
  const id = new Uint8Array(16);
  id.set(new TextEncoder().encode(number), 0);
  id.set([0x08, 0x05], 7);
  id.set(new TextEncoder().encode(group), 9);
  return id;
}

function base64UrlToBytes(value: string): Uint8Array {
  return new Uint8Array(Buffer.from(value, 'base64url'));
}

/** `90 03 01 00 01 91 82 01 00 <modulus>`: 265 bytes for RSA-2048. */
export function cardPublicKey(key: KeyObject): Uint8Array {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  const jwk = publicKey.export({ format: 'jwk' });
  if (!jwk.n || !jwk.e) throw new Error('not an RSA key');
  return concatBytes(encodeTlv(0x90, base64UrlToBytes(jwk.e)), encodeTlv(0x91, base64UrlToBytes(jwk.n)));
}

/** A CVC certifying `subjectKey`, signed with PKCS#1 v1.5 SHA-256 over the 297-byte body. */
export function buildCvc(
  issuerKeyId: Uint8Array,
  subjectKeyId: Uint8Array,
  subjectKey: KeyObject,
  caPrivateKey: KeyObject,
): Uint8Array {
  const body = concatBytes(issuerKeyId, subjectKeyId, cardPublicKey(subjectKey));
  const signature = new Uint8Array(sign('sha256', body, caPrivateKey));
  return encodeTlv(0x7f21, concatBytes(encodeTlv(0x5f4e, body), encodeTlv(0x5f37, signature)));
}

export const privateKeyFromPem = (pem: string): KeyObject => createPrivateKey(pem);

// The card-surface AP (券面事項確認AP, card.md §1.5): 照合番号B opens the card-face record; the
// record is checked against the AP's CVC and the terminal's CA keys, and the card proves it holds
// the record's key by signing a fresh challenge, so copied or altered card data is refused.
import { KioskError } from '../errors/kiosk-error';
import type { ApduChannel } from './apdu-channel';
import {
  computeSignature,
  hexToBytes,
  queryRetries,
  readTlvFile,
  selectApplication,
  selectFile,
  verifySecret,
  type RetryCounter,
  type VerifyResult,
} from './commands';
import { parseCardFaceRecord, isJpeg2000, type Sex } from './card-face-record';
import { isProductionKeyId, parseCvc, verifyCvc, type SurfaceCaKey } from './cvc';
import { rsaKeyObject, sha256, sha256DigestInfo, verifyPkcs1Payload } from './rsa';

export const CARD_SURFACE_AID = hexToBytes('D3921000310001010402');
export const CARD_SURFACE_EF = { CARD_FACE: 0x0002, CERTIFICATE: 0x0004, COLLATION_B: 0x0012 } as const;

/** The card-face record is photo-sized (a few KB); a header claiming more is a lie. */
const MAX_CARD_FACE_BYTES = 24 * 1024;
const MAX_CVC_BYTES = 1024;

export interface CardFace {
  /** JPEG 2000 (JP2 container), 1-channel grey, as stored in the chip (DF27). */
  photoJ2k: Uint8Array;
  birthDate: string;
  sex: Sex;
  expiry: string;
}

async function selectSurface(channel: ApduChannel): Promise<void> {
  if (!(await selectApplication(channel, CARD_SURFACE_AID))) {
    throw new KioskError('card.surface-unavailable', 'no card-surface AP');
  }
}

export async function readCollationBCounter(channel: ApduChannel): Promise<RetryCounter> {
  await selectSurface(channel);
  if (!(await selectFile(channel, CARD_SURFACE_EF.COLLATION_B))) {
    throw new KioskError('card.unexpected-status', 'collation B key EF missing');
  }
  return queryRetries(channel, 'collation B');
}

/** VERIFY on the 照合番号B EF, which `readCollationBCounter` just selected. */
export const verifyCollationBOnce = (channel: ApduChannel, digits: Uint8Array): Promise<VerifyResult> =>
  verifySecret(channel, digits, 'collation B');

export interface CardFaceTrust {
  readonly caKeys: readonly SurfaceCaKey[];
  readonly allowTestHierarchy: boolean;
  readonly randomBytes: (length: number) => Uint8Array;
}

/** Reads and authenticates the card face. Needs 照合番号B verified in this session. */
export async function readAuthenticCardFace(channel: ApduChannel, trust: CardFaceTrust): Promise<CardFace> {
  await selectSurface(channel);
  if (!(await selectFile(channel, CARD_SURFACE_EF.CARD_FACE))) {
    throw new KioskError('card.unexpected-status', 'card-face EF missing');
  }
  const file = await readTlvFile(channel, MAX_CARD_FACE_BYTES, 'card face');
  try {
    return await authenticate(channel, trust, file);
  } finally {
    file.fill(0); // the raw record (birth date, photo, images) is not kept once the face is copied out
  }
}

async function authenticate(channel: ApduChannel, trust: CardFaceTrust, file: Uint8Array): Promise<CardFace> {
  const record = parseCardFaceRecord(file);
  if (!(await selectFile(channel, CARD_SURFACE_EF.CERTIFICATE))) {
    throw new KioskError('card.unexpected-status', 'card-surface certificate EF missing');
  }
  const cvc = parseCvc(await readTlvFile(channel, MAX_CVC_BYTES, 'card-surface certificate'));
  if (!isProductionKeyId(cvc.issuerKeyId) && !trust.allowTestHierarchy) {
    throw new KioskError('card.test-hierarchy', 'card-surface CVC from a test hierarchy');
  }
  if (!verifyCvc(cvc, trust.caKeys)) {
    throw new KioskError(
      'card.record-signature-invalid',
      'card-surface CVC does not verify against a trusted CA',
    );
  }
  const recordDigestInfo = sha256DigestInfo(record.signedDigest);
  if (!verifyPkcs1Payload(rsaKeyObject(cvc.publicKey), recordDigestInfo, record.signature)) {
    throw new KioskError('card.record-signature-invalid', 'DF28 does not verify');
  }
  // Possession: the card signs a challenge it has never seen with the key the signed record names.
  const challenge = sha256DigestInfo(sha256(trust.randomBytes(32)));
  const proof = await computeSignature(channel, 0x00, challenge, 'card-face challenge');
  if (!verifyPkcs1Payload(rsaKeyObject(record.cardKey), challenge, proof)) {
    throw new KioskError('card.challenge-failed', 'challenge signature does not verify with DF24');
  }
  if (!isJpeg2000(record.photo))
    throw new KioskError('card.photo-corrupt', `photo of ${record.photo.length} bytes`);
  return {
    photoJ2k: record.photo.slice(),
    birthDate: record.birthDate,
    sex: record.sex,
    expiry: record.expiry,
  };
}

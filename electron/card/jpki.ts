// The JPKI application (card.md §1.3): the token that says what the card is, the
// user-authentication certificate (no secret), the user-authentication PIN and signing.
import { KioskError } from '../errors/kiosk-error';
import type { ApduChannel } from './apdu-channel';
import { SW } from './apdu';
import {
  computeSignature,
  readBinary,
  hexToBytes,
  queryRetries,
  readFixed,
  readTlvFile,
  selectApplication,
  selectFile,
  verifySecret,
  type RetryCounter,
  type VerifyResult,
} from './commands';

export const JPKI_AID = hexToBytes('D392F000260100000001');
export const JPKI_EF = {
  TOKEN: 0x0006,
  CERTIFICATE_AVAILABILITY: 0x0008,
  AUTH_CERTIFICATE: 0x000a,
  AUTH_KEY: 0x0017,
  AUTH_PIN: 0x0018,
} as const;

export type TokenKind = 'card' | 'android' | 'iphone';

const TOKEN_LABELS: Record<string, TokenKind> = {
  JPKIAPICCTOKEN2: 'card',
  JPKIAPGPSETOKEN: 'android',
  JPKIAPIOSTOKEN: 'iphone',
};

/** The first 32 bytes of CK_TOKEN_INFO: a space-padded label. Unknown labels (incl. the old 住基カード) → null. */
export function parseTokenLabel(label: Uint8Array): TokenKind | null {
  if (label.length !== 32) return null;
  let end = label.length;
  while (end > 0 && (label[end - 1] === 0x20 || label[end - 1] === 0x00)) end -= 1;
  const text = String.fromCharCode(...label.subarray(0, end));
  return Object.hasOwn(TOKEN_LABELS, text) ? TOKEN_LABELS[text]! : null;
}

/** Selects the JPKI AP and reads the token label; null when this is not a My Number token. */
export async function readToken(channel: ApduChannel): Promise<TokenKind | null> {
  if (!(await selectApplication(channel, JPKI_AID))) return null;
  if (!(await selectFile(channel, JPKI_EF.TOKEN))) return null;
  return parseTokenLabel(await readFixed(channel, 32, 'token'));
}

/** The user-authentication certificate's DER, or null when the card carries none. */
export async function readAuthCertificateDer(channel: ApduChannel): Promise<Uint8Array | null> {
  if (!(await selectApplication(channel, JPKI_AID)))
    throw new KioskError('card.not-my-number-card', 'no JPKI AP');
  if (!(await selectFile(channel, JPKI_EF.AUTH_CERTIFICATE))) return null;
  return readTlvFile(channel, 4096, 'user-auth certificate');
}

export async function readPinCounter(channel: ApduChannel): Promise<RetryCounter> {
  if (!(await selectApplication(channel, JPKI_AID)))
    throw new KioskError('card.not-my-number-card', 'no JPKI AP');
  if (!(await selectFile(channel, JPKI_EF.AUTH_PIN))) return { state: 'not-set' };
  return queryRetries(channel, 'PIN');
}

/** VERIFY on the PIN EF, which `readPinCounter` just selected. */
export const verifyPinOnce = (channel: ApduChannel, pin: Uint8Array): Promise<VerifyResult> =>
  verifySecret(channel, pin, 'PIN');

/** Signs a DigestInfo with the user-authentication key (needs the PIN verified in this session). */
export async function signWithAuthKey(channel: ApduChannel, digestInfo: Uint8Array): Promise<Uint8Array> {
  if (!(await selectApplication(channel, JPKI_AID)))
    throw new KioskError('card.not-my-number-card', 'no JPKI AP');
  if (!(await selectFile(channel, JPKI_EF.AUTH_KEY))) {
    throw new KioskError('card.unexpected-status', 'user-auth key EF missing');
  }
  return computeSignature(channel, 0x80, digestInfo, 'user-auth signature');
}

/**
 * The iPhone profile's last-command indicator `80 FC 00 00` (eligibility.md §4.5): tells the phone the
 * reader is done, so it can end its NFC session. Sent to iPhone tokens only (physical cards answer 6700).
 */
export async function sendLastCommandIndicator(channel: ApduChannel): Promise<boolean> {
  const { sw } = await channel.send({ cla: 0x80, ins: 0xfc, p1: 0x00, p2: 0x00 });
  return sw === SW.OK;
}

/**
 * Does this reader carry extended-length APDUs? Reads the start of the user-authentication
 * certificate once in 256-byte short form and once as one 512-byte extended READ BINARY; only
 * identical bytes pass. Contactless readers in particular may not pass extended APDUs.
 */
export async function selfTestExtendedLength(channel: ApduChannel): Promise<boolean> {
  if (!(await selectApplication(channel, JPKI_AID))) return false;
  if (!(await selectFile(channel, JPKI_EF.AUTH_CERTIFICATE))) return false;
  const short = await readBinary(channel, 0, 256);
  if (short.sw !== SW.OK || short.data.length !== 256) return false;
  const long = await channel.sendExtended({ cla: 0x00, ins: 0xb0, p1: 0, p2: 0, le: 512 });
  return (
    long.sw === SW.OK &&
    long.data.length === 512 &&
    Buffer.from(long.data.subarray(0, 256)).equals(short.data)
  );
}

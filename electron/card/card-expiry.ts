// The card's expiry from the MF-level GET DATA object 00F2 (card.md §1.1), with no secret. The
// card-face OCR gate compares the printed expiry year with it before any 照合番号B is spent.
import type { ApduChannel } from './apdu-channel';
import { getData, hexToBytes, selectApplication } from './commands';
import { parseCardDate } from './card-face-record';
import { readTlv } from './tlv';

/** GlobalPlatform Issuer Security Domain: selecting it restores the MF-level GET DATA objects. */
export const ISSUER_SECURITY_DOMAIN_AID = hexToBytes('A0000001510000');
const EXPIRY_TAG = 0x00f2;

/** `YYYY-MM-DD`, or null when the card (or phone) does not offer it. */
export async function readExpiryFromMf(channel: ApduChannel): Promise<string | null> {
  if (!(await selectApplication(channel, ISSUER_SECURITY_DOMAIN_AID))) return null;
  const data = await getData(channel, EXPIRY_TAG, 256);
  if (data === null) return null;
  // Some cards answer with the bare value, some wrap it in its tag.
  const value = data.length === 8 ? data : readTlv(data).value;
  return parseCardDate(value, 'MF expiry');
}

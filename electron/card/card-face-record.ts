// The card-face record, card-surface AP EF 0002 (card.md §2.1): `FF 20` holding an offset table
// (DF21) and DF22..DF2A. Parsing checks the offset table against where each object really starts
// and builds the 96-byte digest the record's signature (DF28) covers.
import { KioskError } from '../errors/kiosk-error';
import { parseCardRsaKey } from './cvc';
import { readTlv, readTlvList, type Tlv } from './tlv';
import { sha256, type RsaPublicKey } from './rsa';

export type Sex = 'male' | 'female' | 'unknown' | 'not-applicable';

export interface CardFaceRecord {
  readonly birthDate: string;
  readonly sex: Sex;
  readonly expiry: string;
  readonly photo: Uint8Array;
  readonly cardKey: RsaPublicKey;
  readonly signature: Uint8Array;
  /** SHA-256(DF22‖DF23‖DF24) ‖ SHA-256(DF25‖DF26) ‖ SHA-256(DF27): what DF28 signs. */
  readonly signedDigest: Uint8Array;
}

const malformed = (detail: string): KioskError => new KioskError('card.malformed-response', detail);
const FIELD_TAGS = [0xdf22, 0xdf23, 0xdf24, 0xdf25, 0xdf26, 0xdf27, 0xdf28, 0xdf29, 0xdf2a] as const;

/** `YYYYMMDD` ASCII → `YYYY-MM-DD`, refusing anything that is not a calendar date. */
export function parseCardDate(bytes: Uint8Array, what: string): string {
  if (bytes.length !== 8 || !bytes.every((b) => b >= 0x30 && b <= 0x39))
    throw malformed(`${what} not 8 digits`);
  const text = String.fromCharCode(...bytes);
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso)
    throw malformed(`${what} not a date`);
  return iso;
}

function parseSex(bytes: Uint8Array): Sex {
  if (bytes.length !== 1) throw malformed('sex field length');
  switch (bytes[0]) {
    case 0x31:
      return 'male';
    case 0x32:
      return 'female';
    case 0x39:
      return 'not-applicable';
    case 0x30:
      return 'unknown';
    default:
      throw malformed('sex field value');
  }
}

export function parseCardFaceRecord(file: Uint8Array): CardFaceRecord {
  const outer = readTlv(file);
  if (outer.tag !== 0xff20) throw malformed(`card-face tag ${outer.tag.toString(16)}`);
  const headerLength = outer.raw.length - outer.value.length;
  const items = readTlvList(outer.value, { stopAtFiller: true });
  const offsets = items[0];
  if (!offsets || offsets.tag !== 0xdf21) throw malformed('card-face offset table missing');
  const fields = items.slice(1);
  if (fields.length !== FIELD_TAGS.length || fields.some((f, i) => f.tag !== FIELD_TAGS[i])) {
    throw malformed('card-face fields out of order or missing');
  }
  if (offsets.value.length !== fields.length * 2) throw malformed('card-face offset table length');
  // Each offset (from the start of the file) must point at the object it names.
  let position = headerLength + offsets.raw.length;
  fields.forEach((field, i) => {
    const declared = (offsets.value[2 * i]! << 8) | offsets.value[2 * i + 1]!;
    if (declared !== position) throw malformed(`card-face offset ${i} is ${declared}, object at ${position}`);
    position += field.raw.length;
  });
  const [birth, sex, key, name, address, photo, signature, expiry] = fields as [
    Tlv,
    Tlv,
    Tlv,
    Tlv,
    Tlv,
    Tlv,
    Tlv,
    Tlv,
  ];
  return {
    birthDate: parseCardDate(birth.value, 'birth date'),
    sex: parseSex(sex.value),
    expiry: parseCardDate(expiry.value, 'expiry'),
    photo: photo.value,
    cardKey: parseCardRsaKey(key.value),
    signature: signature.value,
    signedDigest: Uint8Array.from([
      ...sha256(birth.raw, sex.raw, key.raw),
      ...sha256(name.raw, address.raw),
      ...sha256(photo.raw),
    ]),
  };
}

/** The JP2 signature box that starts every JPEG 2000 file in a JP2 container. */
const JP2_SIGNATURE = Uint8Array.from([
  0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a,
]);

/**
 * True when `bytes` is a JP2 container whose boxes fit and which holds a contiguous codestream
 * (`jp2c`) starting with the SOC and SIZ markers. A photo that fails this is corrupt.
 */
export function isJpeg2000(bytes: Uint8Array): boolean {
  if (bytes.length < JP2_SIGNATURE.length || !JP2_SIGNATURE.every((b, i) => bytes[i] === b)) return false;
  let at = 0;
  let sawHeader = false;
  for (let boxes = 0; at + 8 <= bytes.length && boxes < 64; boxes += 1) {
    const length =
      ((bytes[at]! << 24) >>> 0) + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const size = length === 0 ? bytes.length - at : length;
    if (size < 8 || at + size > bytes.length) return false;
    if (type === 'jp2h') sawHeader = true;
    if (type === 'jp2c') {
      const c = bytes.subarray(at + 8, at + size);
      return sawHeader && c.length > 4 && c[0] === 0xff && c[1] === 0x4f && c[2] === 0xff && c[3] === 0x51;
    }
    at += size;
  }
  return false;
}

// Everything a simulated My Number card holds, built from a person fixture and the test PKI
// (sim/fixtures/pki): the applications, their files and access rules, the secrets, the retry
// counters and the keys, laid out as card.md describes the real card.
import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  privateEncrypt,
  constants,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ascii, concatBytes, encodeTlv } from './ber-encode';
import { cardPublicKey } from './card-keys';
import { wrapCodestreamInJp2 } from './jp2';
import type { Person } from './person';
import { patternPng } from './png';
import { eraYymmdd as eraDateYymmdd, parseIsoDate, toEraDate } from '../../electron/card-face/era';

export const AID = {
  JPKI: 'D392F000260100000001',
  /** 券面事項入力補助AP: holds the 12-digit My Number. The kiosk must never select it. */
  KENHOJO: 'D3921000310001010408',
  /** 券面事項確認AP: the card-face record and its photo. */
  CARD_SURFACE: 'D3921000310001010402',
  ISSUER_SECURITY_DOMAIN: 'A0000001510000',
} as const;

/** Who may read a file: anyone, nobody, or whoever verified one of the named key EFs of the AP. */
export type Access = 'free' | 'never' | { anyOf: number[] };

export interface DataFile {
  readonly kind: 'data';
  bytes: Uint8Array;
  readonly read: Access;
}
export interface SecretFile {
  readonly kind: 'secret';
  /** null: reference data never set. */
  readonly value: Uint8Array | null;
  readonly maxTries: number;
  triesLeft: number;
}
export interface KeyFile {
  readonly kind: 'key';
  readonly key: KeyObject;
  /** Key EFs that must be verified before this key signs; empty: no credential. */
  readonly needs: number[];
}
export type CardFile = DataFile | SecretFile | KeyFile;

export interface Application {
  readonly aid: string;
  readonly files: Map<number, CardFile>;
  /** Signing with P1-P2 = 00 00 and no EF selected (the card-surface AP's own key). */
  readonly apKey?: KeyObject;
}

export interface CardImage {
  readonly mode: 'my-number' | 'garbage' | 'foreign';
  /** The iPhone profile accepts the last-command indicator `80 FC 00 00` (eligibility.md §4.5). */
  readonly lastCommandIndicator?: boolean;
  readonly atr: Uint8Array;
  readonly applications: Map<string, Application>;
  /** MF-level GET DATA objects (ISD current); empty on a phone. */
  readonly mfData: Map<number, Uint8Array>;
  readonly hasIssuerSecurityDomain: boolean;
}

/** Faults a test can ask for that no person fixture carries. */
export interface CardBuildOptions {
  /** Flip one photo byte after the issuer signed the record (altered card data). */
  readonly tamperCardFace?: boolean;
  /** The chip's card-surface key differs from the one in the signed record (record copied to another chip). */
  readonly clonedRecord?: boolean;
  readonly atr?: Uint8Array;
}

/** The contact ATR of the real card (card.md §1.1): T=1, no historical bytes. */
export const MY_NUMBER_CARD_ATR = Uint8Array.from([0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14]);

export interface SimWorldPaths {
  readonly personsDir: string;
  readonly pkiDir: string;
}

export function defaultSimWorldPaths(root = path.resolve(import.meta.dirname, '../..')): SimWorldPaths {
  return {
    personsDir: path.join(root, 'sim/fixtures/persons'),
    pkiDir: path.join(root, 'sim/fixtures/pki'),
  };
}

const TOKEN_LABELS = {
  card: 'JPKIAPICCTOKEN2',
  android: 'JPKIAPGPSETOKEN',
  iphone: 'JPKIAPIOSTOKEN',
} as const;

function pemToDer(pem: string): Uint8Array {
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

/** The 160-byte CK_TOKEN_INFO of JPKI EF 0006: label, manufacturer, model, serial, then counters. */
function tokenInfo(label: string, serial: string): Uint8Array {
  const out = new Uint8Array(160);
  out.fill(0x20, 0, 96);
  out.set(ascii(label), 0);
  out.set(ascii('Uketsuke simulated'), 32);
  out.set(ascii('VIRTUAL'), 64);
  out.set(ascii(serial.slice(0, 16)), 80);
  return out;
}

/** Pads a file body with FF filler to its physical size, as the real card's files are. */
function padded(bytes: Uint8Array, physical: number): Uint8Array {
  const out = new Uint8Array(Math.max(physical, bytes.length)).fill(0xff);
  out.set(bytes, 0);
  return out;
}

const ymd = (iso: string): string => iso.replaceAll('-', '');

/** The era YYMMDD of 照合番号B, with the era rules the card-face reader uses (one implementation). */
function eraYymmdd(iso: string): string {
  const date = parseIsoDate(iso);
  const era = date && toEraDate(date);
  if (!era) throw new Error(`no Japanese era for ${iso}`);
  return eraDateYymmdd(era);
}

/** 照合番号B of the card: era birth YYMMDD + expiry year + security code (card.md §1.6). */
export const collationBOf = (person: Person): string =>
  `${eraYymmdd(person.birthDate)}${person.cardExpiry.slice(0, 4)}${person.securityCode}`;

/** A fake 12-digit individual number for the simulated card; the kiosk must never read it. */
function fakeMyNumber(person: Person): string {
  const digest = createHash('sha256').update(`my-number:${person.id}`).digest();
  return Array.from(digest.subarray(0, 12), (b) => String(b % 10)).join('');
}

function issuerSign(issuerKey: KeyObject, digest96: Uint8Array): Uint8Array {
  // DigestInfo(SHA-256 OID) whose OCTET STRING holds the three digests (card.md §2.1).
  const algorithm = [
    0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
  ];
  const inner = algorithm.length + 2 + digest96.length;
  const digestInfo = Uint8Array.from([0x30, inner, ...algorithm, 0x04, digest96.length, ...digest96]);
  return new Uint8Array(privateEncrypt({ key: issuerKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
}

const sha = (...parts: Uint8Array[]): Buffer =>
  createHash('sha256')
    .update(concatBytes(...parts))
    .digest();

function cardFaceRecord(
  person: Person,
  photo: Uint8Array,
  cardKey: KeyObject,
  issuerKey: KeyObject,
  tamper: boolean,
): Uint8Array {
  const birth = encodeTlv(0xdf22, ascii(ymd(person.birthDate)));
  const sex = encodeTlv(0xdf23, ascii(person.sex === 'male' ? '1' : '2'));
  const key = encodeTlv(0xdf24, cardPublicKey(cardKey));
  const name = encodeTlv(0xdf25, patternPng(person.name, 640, 48));
  const address = encodeTlv(0xdf26, patternPng(person.address, 960, 96));
  const photoTlv = encodeTlv(0xdf27, photo);
  const digest96 = concatBytes(sha(birth, sex, key), sha(name, address), sha(photoTlv));
  const signature = encodeTlv(0xdf28, issuerSign(issuerKey, digest96));
  const expiry = encodeTlv(0xdf29, ascii(ymd(person.cardExpiry)));
  const code = encodeTlv(0xdf2a, patternPng(person.securityCode, 96, 32));
  if (tamper) photoTlv[photoTlv.length - 100] = photoTlv[photoTlv.length - 100]! ^ 0x01;
  const objects = [birth, sex, key, name, address, photoTlv, signature, expiry, code];
  const tableLength = 3 + objects.length * 2;
  const contentLength = tableLength + objects.reduce((n, o) => n + o.length, 0);
  const outerHeader = encodeTlv(0xff20, new Uint8Array(contentLength)).length - contentLength;
  const table = new Uint8Array(objects.length * 2);
  let at = outerHeader + tableLength;
  objects.forEach((o, i) => {
    table[2 * i] = at >> 8;
    table[2 * i + 1] = at & 0xff;
    at += o.length;
  });
  return encodeTlv(0xff20, concatBytes(encodeTlv(0xdf21, table), ...objects));
}

/** A corrupt chip photo: the container's header bytes are overwritten, as by a failed write. */
function corrupt(photo: Uint8Array): Uint8Array {
  const out = photo.slice();
  for (let i = 0; i < 48 && i < out.length; i += 1) out[i] = (i * 37 + 11) & 0xff;
  return out;
}

export function buildCardImage(
  person: Person,
  paths: SimWorldPaths,
  options: CardBuildOptions = {},
): CardImage {
  const atr = options.atr ?? MY_NUMBER_CARD_ATR;
  if (person.faults.includes('garbage')) {
    return {
      mode: 'garbage',
      atr,
      applications: new Map(),
      mfData: new Map(),
      hasIssuerSecurityDomain: true,
    };
  }
  const pki = (file: string): string => readFileSync(path.join(paths.pkiDir, file), 'utf8');
  const personPki = (file: string): string => pki(path.join('persons', person.id, file));
  const rootDer = pemToDer(pki('jpki-root-ca.pem'));
  const authCertDer = pemToDer(personPki('auth-cert.pem'));
  const authKey = createPrivateKey(personPki('auth-key.pem'));
  const pinSet = person.pin !== null && !person.faults.includes('pin-not-set');

  const jpki: Application = {
    aid: AID.JPKI,
    files: new Map<number, CardFile>([
      [0x0001, { kind: 'data', bytes: padded(rootDer, 2048), read: { anyOf: [0x001b] } }],
      [0x0002, { kind: 'data', bytes: padded(rootDer, 2048), read: 'free' }],
      [0x0006, { kind: 'data', bytes: tokenInfo(TOKEN_LABELS[person.token], person.id), read: 'free' }],
      [0x0008, { kind: 'data', bytes: Uint8Array.of(0x8f, 0x8f, 0x00), read: 'free' }],
      [0x000a, { kind: 'data', bytes: padded(authCertDer, 2048), read: 'free' }],
      [0x000b, { kind: 'data', bytes: padded(rootDer, 2048), read: 'free' }],
      // The iPhone's key is gated by Face ID / Touch ID on the phone itself, not by a VERIFY from the
      // reader: the simulated holder always approves.
      [0x0017, { kind: 'key', key: authKey, needs: person.token === 'iphone' ? [] : [0x0018] }],
      [
        0x0018,
        {
          kind: 'secret',
          value: pinSet ? ascii(person.pin!) : null,
          maxTries: 3,
          triesLeft: pinSet ? person.pinTriesLeft : 0,
        },
      ],
      [0x001a, { kind: 'key', key: authKey, needs: [0x001b] }],
      [
        0x001b,
        {
          kind: 'secret',
          value: ascii(
            `SIM${createHash('sha256').update(person.id).digest('hex').slice(0, 13).toUpperCase()}`,
          ),
          maxTries: 5,
          triesLeft: 5,
        },
      ],
    ]),
  };
  const applications = new Map<string, Application>([[AID.JPKI, jpki]]);
  if (person.token !== 'card') {
    return {
      mode: 'my-number',
      atr,
      applications,
      mfData: new Map(),
      hasIssuerSecurityDomain: false,
      lastCommandIndicator: person.token === 'iphone',
    };
  }

  if (!person.cardPhotoJ2k) throw new Error(`${person.id}: a physical card needs cardPhotoJ2k`);
  const codestream = new Uint8Array(readFileSync(path.join(paths.personsDir, person.cardPhotoJ2k)));
  let photo = wrapCodestreamInJp2(codestream, 300, 400);
  if (person.faults.includes('corrupt-photo')) photo = corrupt(photo);
  const surfaceKey = createPrivateKey(personPki('surface-key.pem'));
  const issuerKey = createPrivateKey(pki('card-surface-issuer.key.pem'));
  const cvc = new Uint8Array(readFileSync(path.join(paths.pkiDir, 'card-surface-issuer.cvc')));
  const chipKey = options.clonedRecord
    ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    : surfaceKey;
  const myNumber = fakeMyNumber(person);
  const collationA = ascii(myNumber);
  const collationB = ascii(collationBOf(person));

  const surface: Application = {
    aid: AID.CARD_SURFACE,
    apKey: chipKey,
    files: new Map<number, CardFile>([
      [
        0x0001,
        {
          kind: 'data',
          bytes: encodeTlv(0xff10, encodeTlv(0xdf11, ascii(ymd(person.birthDate)))),
          read: { anyOf: [0x0011] },
        },
      ],
      [
        0x0002,
        {
          kind: 'data',
          bytes: padded(
            cardFaceRecord(person, photo, surfaceKey, issuerKey, options.tamperCardFace ?? false),
            8192,
          ),
          read: { anyOf: [0x0012, 0x0013] },
        },
      ],
      [
        0x0003,
        {
          kind: 'data',
          bytes: encodeTlv(0xff30, encodeTlv(0xdf31, Uint8Array.of(0x06, 0x03, 0x0e, 0x01))),
          read: 'free',
        },
      ],
      [0x0004, { kind: 'data', bytes: cvc, read: 'free' }],
      [
        0x0005,
        {
          kind: 'data',
          bytes: encodeTlv(0xff40, encodeTlv(0xdf41, patternPng(myNumber, 320, 32))),
          read: { anyOf: [0x0013] },
        },
      ],
      [0x0006, { kind: 'data', bytes: new Uint8Array(16).fill(0xff), read: { anyOf: [0x0012, 0x0013] } }],
      [0x0011, { kind: 'secret', value: ascii(eraYymmdd(person.birthDate)), maxTries: 10, triesLeft: 10 }],
      [0x0012, { kind: 'secret', value: collationB, maxTries: 10, triesLeft: person.cardSurfaceTriesLeft }],
      [0x0013, { kind: 'secret', value: collationA, maxTries: 10, triesLeft: 10 }],
    ]),
  };
  const basicFour = encodeTlv(
    0xff20,
    concatBytes(
      encodeTlv(0xdf22, ascii(person.name)),
      encodeTlv(0xdf23, ascii(person.address)),
      encodeTlv(0xdf24, ascii(ymd(person.birthDate))),
      encodeTlv(0xdf25, ascii(person.sex === 'male' ? '1' : '2')),
    ),
  );
  const kenhojo: Application = {
    aid: AID.KENHOJO,
    files: new Map<number, CardFile>([
      [
        0x0001,
        {
          kind: 'data',
          bytes: concatBytes(encodeTlv(0xff10, collationA), Uint8Array.of(0xff, 0xff)),
          read: { anyOf: [0x0011, 0x0014] },
        },
      ],
      [0x0002, { kind: 'data', bytes: padded(basicFour, 512), read: { anyOf: [0x0011, 0x0015] } }],
      [
        0x0011,
        { kind: 'secret', value: pinSet ? ascii(person.pin!) : null, maxTries: 3, triesLeft: pinSet ? 3 : 0 },
      ],
      [0x0014, { kind: 'secret', value: collationA, maxTries: 10, triesLeft: 10 }],
      [0x0015, { kind: 'secret', value: collationB, maxTries: 10, triesLeft: 10 }],
    ]),
  };
  applications.set(AID.CARD_SURFACE, surface);
  applications.set(AID.KENHOJO, kenhojo);
  const mfData = new Map<number, Uint8Array>([
    [0x00f2, ascii(ymd(person.cardExpiry))],
    [0x00f0, ascii('13101')],
    [
      0x0045,
      ascii(createHash('sha256').update(`card-id:${person.id}`).digest('hex').slice(0, 16).toUpperCase()),
    ],
  ]);
  return { mode: 'my-number', atr, applications, mfData, hasIssuerSecurityDomain: true };
}

/** A contact card that is not a My Number card: no JPKI AP, answers 6A82 to every SELECT. */
export function buildForeignCardImage(): CardImage {
  return {
    mode: 'foreign',
    atr: Uint8Array.from([
      0x3b, 0x8f, 0x80, 0x01, 0x80, 0x4f, 0x0c, 0xa0, 0x00, 0x00, 0x03, 0x06, 0x03, 0x00, 0x01, 0x00, 0x00,
      0x00, 0x00, 0x6a,
    ]),
    applications: new Map(),
    mfData: new Map(),
    hasIssuerSecurityDomain: false,
  };
}

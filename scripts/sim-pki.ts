// Generates the simulated world's TEST PKI once; the output is committed under sim/fixtures/pki/.
//   npm run sim:pki                 keys, certificates, CRL, card-surface CA and issuer CVC
//   npm run sim:pki -- --photos     also re-encode the card photos (needs ffmpeg; one-time)
// Every key written here is a TEST key for the simulated world, never for a real terminal.
import { generateKeyPairSync, createHash, createPublicKey, createPrivateKey } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { loadPerson, type Person } from '../sim/card/person';
import { buildCvc, SIM_SURFACE_CA_KEY_ID, SIM_SURFACE_ISSUER_KEY_ID } from '../sim/card/card-keys';

const ROOT = path.resolve(import.meta.dirname, '..');
const PERSONS = path.join(ROOT, 'sim/fixtures/persons');
const PKI = path.join(ROOT, 'sim/fixtures/pki');

const webcrypto = globalThis.crypto;
x509.cryptoProvider.set(webcrypto);

const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

/** JST midnight of a YYYY-MM-DD date, as the municipal issuing systems would stamp it. */
const jst = (ymd: string, time = '00:00:00'): Date => new Date(`${ymd}T${time}+09:00`);

/** The fixed "today" of the simulated world's certificates, so regenerating gives the same validity. */
const SIM_TODAY = jst('2026-11-25');

/** The 5th birthday after `from` (card.md §3), capped at the card's expiry. */
function fifthBirthdayAfter(person: Person, from: Date): Date {
  const [, month, day] = person.birthDate.split('-');
  let year = from.getUTCFullYear();
  if (jst(`${year}-${month}-${day}`) <= from) year += 1;
  const fifth = jst(`${year + 4}-${month}-${day}`, '23:59:59');
  const card = jst(person.cardExpiry, '23:59:59');
  return fifth < card ? fifth : card;
}

/** Validity of the user-authentication certificate: issued with the card and renewed in the
 * three months before it runs out, unless the person's fault is that they never renewed. */
function authCertValidity(person: Person): { notBefore: Date; notAfter: Date } {
  let notBefore = jst(person.cardIssued);
  let notAfter = fifthBirthdayAfter(person, notBefore);
  while (notAfter < SIM_TODAY && !person.faults.includes('auth-cert-expired')) {
    notBefore = new Date(notAfter.getTime() - 60 * 24 * 3600 * 1000);
    notBefore = jst(notBefore.toISOString().slice(0, 10));
    notAfter = fifthBirthdayAfter(person, notBefore);
  }
  return { notBefore, notAfter };
}

/** Deterministic per person so the eligibility simulator's records stay stable across runs. */
function serialFor(id: string): string {
  const hex = createHash('sha256').update(`jpki-auth:${id}`).digest('hex').slice(0, 16);
  return `0${hex.slice(1)}`;
}

/** An opaque 21-character CN: the real user-authentication certificate names nobody (card.md §3). */
function opaqueCn(id: string): string {
  const digest = createHash('sha256').update(`jpki-cn:${id}`).digest();
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(digest.subarray(0, 21), (b) => alphabet[b % alphabet.length]).join('');
}

async function pemPrivate(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

const ROOT_NAME =
  'C=JP, O=JPKI-TEST, OU=JPKI for user authentication, OU=Uketsuke simulated world TEST KEYS ONLY';

async function main(): Promise<void> {
  const persons = readdirSync(PERSONS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => loadPerson(path.join(PERSONS, f)));

  if (process.argv.includes('--photos')) await encodeCardPhotos(persons);

  mkdirSync(path.join(PKI, 'persons'), { recursive: true });
  const rootKeys = await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '06d18099',
    name: ROOT_NAME,
    notBefore: jst('2015-10-20'),
    notAfter: jst('2045-10-19', '23:59:59'),
    keys: rootKeys,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  writeFileSync(path.join(PKI, 'jpki-root-ca.pem'), root.toString('pem') + '\n');
  writeFileSync(path.join(PKI, 'jpki-root-ca.key.pem'), await pemPrivate(rootKeys.privateKey));

  const revoked: x509.X509CrlEntryParams[] = [];
  for (const person of persons) {
    const dir = path.join(PKI, 'persons', person.id);
    mkdirSync(dir, { recursive: true });
    const keys = await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
    const { notBefore, notAfter } = authCertValidity(person);
    const serialNumber = serialFor(person.id);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber,
      subject: `C=JP, CN=${opaqueCn(person.id)}`,
      issuer: root.subject,
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: rootKeys.privateKey,
      signingAlgorithm: RSA,
      extensions: [
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.IssuerAlternativeNameExtension([
          { type: 'dn', value: 'C=JP, O=公的個人認証サービス（テスト）' },
        ]),
        new x509.CertificatePolicyExtension(['1.2.392.200149.8.5.1.3.30']),
        new x509.CRLDistributionPointsExtension(['http://jpki-test.sim.invalid/crl/auth.crl']),
        new x509.AuthorityInfoAccessExtension({ ocsp: ['http://jpki-test.sim.invalid/ocsp'] }),
        await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    writeFileSync(path.join(dir, 'auth-cert.pem'), cert.toString('pem') + '\n');
    writeFileSync(path.join(dir, 'auth-key.pem'), await pemPrivate(keys.privateKey));
    if (person.faults.includes('auth-cert-revoked')) {
      revoked.push({
        serialNumber,
        revocationDate: jst('2026-01-15'),
        reason: x509.X509CrlReason.keyCompromise,
      });
    }
    // The card's own card-surface key (DF24 of the card-face record; signs the presence challenge).
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(
      path.join(dir, 'surface-key.pem'),
      privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    );
    console.log(`${person.id}: auth cert ${serialNumber}, valid to ${notAfter.toISOString()}`);
  }

  const crl = await x509.X509CrlGenerator.create({
    issuer: root.subject,
    thisUpdate: jst('2026-11-01'),
    nextUpdate: jst('2036-11-01'),
    entries: revoked,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: RSA,
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey)],
  });
  writeFileSync(path.join(PKI, 'jpki-crl.pem'), x509.PemConverter.encode(crl.rawData, 'X509 CRL'));

  // Card-surface (券面事項確認AP) hierarchy: a CA key that certifies, in a CVC, the issuer key
  // that signs every card-face record (DF28).
  const ca = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issuer = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(
    path.join(PKI, 'card-surface-ca.pem'),
    ca.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  );
  writeFileSync(
    path.join(PKI, 'card-surface-ca.key.pem'),
    ca.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  );
  writeFileSync(
    path.join(PKI, 'card-surface-ca.json'),
    JSON.stringify({ keyId: Buffer.from(SIM_SURFACE_CA_KEY_ID).toString('hex'), test: true }, null, 2) + '\n',
  );
  writeFileSync(
    path.join(PKI, 'card-surface-issuer.key.pem'),
    issuer.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  );
  const cvc = buildCvc(SIM_SURFACE_CA_KEY_ID, SIM_SURFACE_ISSUER_KEY_ID, issuer.publicKey, ca.privateKey);
  writeFileSync(path.join(PKI, 'card-surface-issuer.cvc'), cvc);
  // Sanity: the keys written can be read back.
  createPublicKey(readFileSync(path.join(PKI, 'card-surface-ca.pem')));
  createPrivateKey(readFileSync(path.join(PKI, 'card-surface-issuer.key.pem')));
  console.log(`CRL revokes ${revoked.length} certificate(s); card-surface CA and issuer CVC written`);
}

/** One-time: the card photo is a 1-channel 300x400 JPEG 2000 codestream of about 4 KB. */
async function encodeCardPhotos(persons: Person[]): Promise<void> {
  const require = createRequire(import.meta.url);
  const wasmjs = require.resolve('@cornerstonejs/codec-openjpeg/wasmjs');
  type Encoder = {
    getDecodedBuffer(info: object): Uint8Array;
    setQuality(lossless: boolean, layers: number): void;
    setCompressionRatio(layer: number, ratio: number): void;
    encode(): void;
    getEncodedBuffer(): Uint8Array;
    delete(): void;
  };
  const factory = require(wasmjs) as (o: object) => Promise<{ J2KEncoder: new () => Encoder }>;
  const openjpeg = await factory({
    locateFile: (f: string) => path.join(path.dirname(wasmjs), f),
    print: () => {},
    printErr: () => {},
  });
  for (const person of persons) {
    if (!person.photo || !person.cardPhotoJ2k) continue;
    // LFW photos are 250x250: take the centre 3:4 strip and scale to the card's 300x400.
    const gray = execFileSync('ffmpeg', [
      ...['-v', 'error', '-i', path.join(PERSONS, person.photo)],
      ...['-vf', 'crop=188:250:31:0,scale=300:400,format=gray', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
    ]);
    const encoder = new openjpeg.J2KEncoder();
    encoder
      .getDecodedBuffer({ width: 300, height: 400, bitsPerSample: 8, componentCount: 1, isSigned: false })
      .set(gray);
    encoder.setQuality(false, 1);
    encoder.setCompressionRatio(0, 30);
    encoder.encode();
    const j2k = Buffer.from(encoder.getEncodedBuffer());
    encoder.delete();
    writeFileSync(path.join(PERSONS, person.cardPhotoJ2k), j2k);
    console.log(`${person.id}: card photo ${j2k.length} bytes`);
  }
}

await main();

// The driver against the in-process virtual reader and virtual card: every operation, every
// refusal, and — from the card's own APDU log — proof of what was never sent.
import { createPublicKey, verify as rsaVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../log/logger';
import { CardReaderService } from './card-reader-service';
import type { CardConfig } from './config';
import { wrapCodestreamInJp2 } from '../../sim/card/jp2';
import { AID } from '../../sim/card/card-image';
import { buildForeignCardImage, defaultSimWorldPaths } from '../../sim/card/card-image';
import { VirtualMyNumberCard, type LoggedApdu } from '../../sim/card/virtual-card';
import { VirtualReaders } from '../../sim/card/virtual-readers';
import { LyingCard } from '../../sim/card/lying-card';
import {
  createInProcessCard,
  createVirtualCard,
  loadSimPerson,
  loadSimSurfaceCaKeys,
  simCardConfig,
} from '../../sim/card/sim-world';
import type { CardBuildOptions } from '../../sim/card/card-image';
import { rejectionCode } from '../../test/support/kiosk-error-code';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

function setup(personId: string, options: CardBuildOptions = {}, config: Partial<CardConfig> = {}) {
  const { readers, card } = createInProcessCard(personId, options);
  const sink = memorySink();
  const service = new CardReaderService({
    readers,
    config: simCardConfig(config),
    surfaceCaKeys: loadSimSurfaceCaKeys(),
    logger: createLogger(sink, { minLevel: 'debug' }),
  });
  return { readers, card, service, sink };
}

/** VERIFY commands that carry a secret (an empty VERIFY only reads the counter). */
const verifiesWithData = (log: readonly LoggedApdu[]): LoggedApdu[] =>
  log.filter((e) => e.command[1] === 0x20 && e.command.length > 5);

/** Proves from the card's log that the driver never touched what the kiosk must never touch. */
function expectNothingForbidden(log: readonly LoggedApdu[]): void {
  let currentAid = '';
  for (const { command } of log) {
    const [, ins, p1] = command;
    if (ins === 0xa4 && p1 === 0x04) currentAid = hex(command.subarray(5, 5 + command[4]!));
    expect(currentAid, 'Kenhojo AP selected').not.toBe(AID.KENHOJO);
    if (ins === 0xa4 && p1 === 0x02 && currentAid === AID.CARD_SURFACE) {
      const fid = hex(command.subarray(5, 7));
      expect(fid, 'Kenkaku EF 0005 (My Number image) selected').not.toBe('0005');
      expect(fid, '照合番号A key selected').not.toBe('0013');
    }
    if (ins === 0x20 && command.length > 5) {
      expect(command[4], 'a 12-digit secret (照合番号A) was presented').not.toBe(12);
    }
  }
}

describe('identify', () => {
  it.each([
    ['yamada-taro', 'physical-card'],
    ['ito-android', 'android'],
    ['ito-iphone', 'iphone'],
    ['garbage-card', 'not-my-number-card'],
  ])('%s is %s', async (person, expected) => {
    const { service } = setup(person);
    expect(await service.identify()).toBe(expected);
  });

  it('a card without the JPKI application is not a My Number card', async () => {
    const readers = new VirtualReaders();
    readers.insert(new VirtualMyNumberCard(buildForeignCardImage()));
    const service = new CardReaderService({
      readers,
      config: simCardConfig(),
      surfaceCaKeys: [],
      logger: createLogger(memorySink()),
    });
    expect(await service.identify()).toBe('not-my-number-card');
  });
});

describe('user-authentication certificate', () => {
  it('is read without any secret and parsed', async () => {
    const { service, card } = setup('yamada-taro');
    const cert = await service.readAuthCertificate();
    const pem = readFileSync(
      path.join(defaultSimWorldPaths().pkiDir, 'persons/yamada-taro/auth-cert.pem'),
      'utf8',
    );
    expect(Buffer.from(cert.der).toString('base64')).toBe(pem.replace(/-----[^-]+-----|\s/g, ''));
    expect(cert.subject).toMatch(/^C=JP, CN=[A-Z0-9]{21}$/);
    expect(cert.issuer).toContain('O=JPKI-TEST');
    expect(cert.testHierarchy).toBe(true);
    expect(cert.notAfter.toISOString()).toBe('2029-04-30T14:59:59.000Z');
    expect(verifiesWithData(card.apduLog)).toHaveLength(0);
  });

  it('from a test hierarchy is refused unless configured for testing', async () => {
    const { service } = setup('yamada-taro', {}, { allowTestHierarchy: false });
    expect(await rejectionCode(service.readAuthCertificate())).toBe('card.test-hierarchy');
  });
});

describe('card expiry without a secret', () => {
  it('comes from the MF GET DATA object', async () => {
    const { service, card } = setup('sato-hanako');
    await service.identify();
    expect(await service.readCardExpiry()).toBe('2031-02-11');
    expect(verifiesWithData(card.apduLog)).toHaveLength(0);
  });

  it('is null on a smartphone token', async () => {
    const { service } = setup('ito-android');
    expect(await service.readCardExpiry()).toBeNull();
  });
});

describe('PIN path', () => {
  it('verifies the PIN once and signs a challenge the certificate verifies', async () => {
    const { service, card } = setup('yamada-taro');
    const cert = await service.readAuthCertificate();
    expect(await service.pinTriesLeft()).toEqual({ state: 'available', triesLeft: 3 });
    expect(await service.verifyPin('1234')).toEqual({ ok: true });
    const challenge = new TextEncoder().encode('nonce-from-the-national-service');
    const signature = await service.signChallenge(challenge);
    const key = createPublicKey({ key: Buffer.from(cert.publicKeySpki), format: 'der', type: 'spki' });
    expect(rsaVerify('sha256', challenge, key, signature)).toBe(true);
    expect(verifiesWithData(card.apduLog)).toHaveLength(1);
    expectNothingForbidden(card.apduLog);
  });

  it('signs on an iPhone with no VERIFY at all, and tells the phone when the reader is done', async () => {
    const { service, card } = setup('ito-iphone');
    expect(await service.identify()).toBe('iphone');
    const cert = await service.readAuthCertificate();
    const challenge = new TextEncoder().encode('nonce-from-the-national-service');
    const signature = await service.signChallenge(challenge);
    const key = createPublicKey({ key: Buffer.from(cert.publicKeySpki), format: 'der', type: 'spki' });
    expect(rsaVerify('sha256', challenge, key, signature)).toBe(true);
    await service.release();
    expect(card.apduLog.filter((e) => e.command[1] === 0x20)).toHaveLength(0);
    expect(hex(card.apduLog.at(-1)!.command)).toBe('80FC0000');
  });

  it('sends the last-command indicator to no physical card', async () => {
    const { service, card } = setup('yamada-taro');
    await service.identify();
    await service.release();
    expect(card.apduLog.some((e) => e.command[1] === 0xfc)).toBe(false);
  });

  it('reads the tries left without spending one', async () => {
    const { service, card } = setup('yamada-taro');
    await service.pinTriesLeft();
    await service.pinTriesLeft();
    expect(card.triesLeft(AID.JPKI, 0x0018)).toBe(3);
  });

  it('a wrong PIN costs exactly one try and is not retried', async () => {
    const { service, card } = setup('yamada-taro');
    expect(await service.verifyPin('9999')).toEqual({ ok: false, code: 'card.pin-wrong', triesLeft: 2 });
    expect(verifiesWithData(card.apduLog)).toHaveLength(1);
    expect(card.triesLeft(AID.JPKI, 0x0018)).toBe(2);
    expect(await rejectionCode(service.signChallenge(new Uint8Array(8)))).toBe('card.not-verified');
  });

  it('sends no VERIFY once the tries left reach the floor', async () => {
    const { service, card } = setup('yamada-taro', {}, { pinTriesFloor: 1 });
    await service.verifyPin('0000');
    expect(await service.verifyPin('0001')).toEqual({ ok: false, code: 'card.pin-wrong', triesLeft: 1 });
    expect(await service.verifyPin('1234')).toEqual({
      ok: false,
      code: 'card.pin-tries-floor',
      triesLeft: 1,
    });
    expect(verifiesWithData(card.apduLog)).toHaveLength(2);
    expect(card.triesLeft(AID.JPKI, 0x0018)).toBe(1);
  });

  it('sends no VERIFY on the last try unless the patient confirmed it', async () => {
    const { service, card } = setup('yamada-taro');
    await service.verifyPin('0000');
    await service.verifyPin('0001');
    expect(await service.verifyPin('1234')).toEqual({
      ok: false,
      code: 'card.pin-last-try-unconfirmed',
      triesLeft: 1,
    });
    expect(verifiesWithData(card.apduLog)).toHaveLength(2);
    expect(card.triesLeft(AID.JPKI, 0x0018)).toBe(1);
    expect(await service.verifyPin('1234', { lastTryConfirmed: true })).toEqual({ ok: true });
    expect(verifiesWithData(card.apduLog).map((e) => Buffer.from(e.command.subarray(5)).toString())).toEqual([
      '0000',
      '0001',
      '1234',
    ]);
  });

  it('a locked PIN is reported without sending the PIN', async () => {
    const { service, card } = setup('takahashi-ken');
    expect(await service.pinTriesLeft()).toEqual({ state: 'locked' });
    expect(await service.verifyPin('2468')).toEqual({ ok: false, code: 'card.pin-locked', triesLeft: 0 });
    expect(verifiesWithData(card.apduLog)).toHaveLength(0);
  });

  it('a card with no PIN set is reported as such', async () => {
    const { service, card } = setup('suzuki-ichiro');
    expect(await service.pinTriesLeft()).toEqual({ state: 'not-set' });
    expect(await service.verifyPin('1234')).toEqual({ ok: false, code: 'card.pin-not-set', triesLeft: null });
    expect(verifiesWithData(card.apduLog)).toHaveLength(0);
  });

  it('a PIN that is not 4 digits never reaches the card', async () => {
    const { service, card } = setup('yamada-taro');
    expect(await service.verifyPin('12345')).toEqual({ ok: false, code: 'card.pin-format', triesLeft: null });
    expect(card.apduLog).toHaveLength(0);
  });
});

describe('face path', () => {
  const yamadaB = '59043020344821'; // 昭和59-04-30, expiry 2034, security code 4821

  it('unlocks with 照合番号B and returns the authenticated card face', async () => {
    const { service, card } = setup('yamada-taro');
    expect(await service.cardSurfaceTriesLeft()).toEqual({ state: 'available', triesLeft: 10 });
    expect(await service.unlockCardSurface(yamadaB)).toEqual({ ok: true });
    const face = await service.readCardFace();
    const person = loadSimPerson('yamada-taro');
    const j2k = readFileSync(path.join(defaultSimWorldPaths().personsDir, person.cardPhotoJ2k!));
    expect(hex(face.photoJ2k)).toBe(hex(wrapCodestreamInJp2(j2k, 300, 400)));
    expect(face).toMatchObject({ birthDate: '1984-04-30', sex: 'male', expiry: '2034-04-30' });
    expect(verifiesWithData(card.apduLog)).toHaveLength(1);
    expectNothingForbidden(card.apduLog);
  });

  it('a wrong 照合番号B costs one try and is not retried', async () => {
    const { service, card } = setup('yamada-taro');
    expect(await service.unlockCardSurface('59043020340000')).toEqual({
      ok: false,
      code: 'card.surface-wrong',
      triesLeft: 9,
    });
    expect(verifiesWithData(card.apduLog)).toHaveLength(1);
    expect(await rejectionCode(service.readCardFace())).toBe('card.not-verified');
  });

  it('sends no VERIFY when the tries left are at the floor', async () => {
    const { service, card } = setup('tanaka-michiko');
    expect(await service.cardSurfaceTriesLeft()).toEqual({ state: 'available', triesLeft: 3 });
    expect(await service.unlockCardSurface('30062020303318')).toEqual({
      ok: false,
      code: 'card.surface-tries-floor',
      triesLeft: 3,
    });
    expect(verifiesWithData(card.apduLog)).toHaveLength(0);
    expect(card.triesLeft(AID.CARD_SURFACE, 0x0012)).toBe(3);
  });

  it('a 照合番号B that is not 14 digits never reaches the card', async () => {
    const { service, card } = setup('yamada-taro');
    expect((await service.unlockCardSurface('5904302034482')).ok).toBe(false);
    expect(card.apduLog).toHaveLength(0);
  });

  it('an altered card-face record is refused', async () => {
    const { service } = setup('yamada-taro', { tamperCardFace: true });
    await service.unlockCardSurface(yamadaB);
    expect(await rejectionCode(service.readCardFace())).toBe('card.record-signature-invalid');
  });

  it('a record copied onto another chip fails the challenge', async () => {
    const { service } = setup('yamada-taro', { clonedRecord: true });
    await service.unlockCardSurface(yamadaB);
    expect(await rejectionCode(service.readCardFace())).toBe('card.challenge-failed');
  });

  it('a record whose issuer the terminal does not trust is refused', async () => {
    const { readers } = createInProcessCard('yamada-taro');
    const service = new CardReaderService({
      readers,
      config: simCardConfig(),
      surfaceCaKeys: [],
      logger: createLogger(memorySink()),
    });
    await service.unlockCardSurface(yamadaB);
    expect(await rejectionCode(service.readCardFace())).toBe('card.record-signature-invalid');
  });

  it('a test-hierarchy card-surface certificate is refused in production configuration', async () => {
    const { service } = setup('yamada-taro', {}, { allowTestHierarchy: false });
    await service.unlockCardSurface(yamadaB);
    expect(await rejectionCode(service.readCardFace())).toBe('card.test-hierarchy');
  });

  it('a corrupt photo in the chip is a typed error', async () => {
    const { service } = setup('broken-photo');
    await service.unlockCardSurface('57070720324455');
    expect(await rejectionCode(service.readCardFace())).toBe('card.photo-corrupt');
  });

  it('a smartphone token has no card surface', async () => {
    const { service } = setup('ito-iphone');
    expect(await rejectionCode(service.cardSurfaceTriesLeft())).toBe('card.surface-unavailable');
  });
});

describe('session end and faults', () => {
  it('release wipes the card face and resets the card', async () => {
    const { service, card } = setup('yamada-taro');
    await service.unlockCardSurface('59043020344821');
    const face = await service.readCardFace();
    await service.release();
    expect(face.photoJ2k).toHaveLength(0);
    expect(face.birthDate).toBe('');
    expect(service.hasSession()).toBe(false);
    // A new session must verify again: the reset dropped the verified key.
    expect(await rejectionCode(service.readCardFace())).toBe('card.not-verified');
    expect(verifiesWithData(card.apduLog)).toHaveLength(1);
  });

  it('a card pulled mid-read fails typed and keeps nothing', async () => {
    const { service, readers } = setup('yamada-taro');
    await service.unlockCardSurface('59043020344821');
    readers.pullAfterApdus(6);
    expect(await rejectionCode(service.readCardFace())).toBe('card.removed');
    expect(service.hasSession()).toBe(false);
    expect(await rejectionCode(service.identify())).toBe('card.not-present');
  });

  it('a card pulled during VERIFY is not asked again after it returns', async () => {
    const { service, readers, card } = setup('yamada-taro');
    await service.pinTriesLeft();
    readers.pullAfterApdus(3); // SELECT JPKI, SELECT 0018, empty VERIFY... the VERIFY itself is lost
    expect(await rejectionCode(service.verifyPin('1234'))).toBe('card.removed');
    readers.insert(card);
    expect(await service.pinTriesLeft()).toEqual({ state: 'available', triesLeft: 3 });
    expect(verifiesWithData(card.apduLog)).toHaveLength(0);
  });

  it('a reader unplugged mid-read is a typed error, and then no reader is found', async () => {
    const { service, readers } = setup('yamada-taro');
    await service.identify();
    readers.pullAfterApdus(3, undefined, 'detach');
    expect(await rejectionCode(service.readAuthCertificate())).toBe('card.reader-gone');
    expect(service.hasSession()).toBe(false);
    expect(await rejectionCode(service.identify())).toBe('card.reader-not-found');
  });

  it('another application holding the card is a typed error', async () => {
    const { service, readers } = setup('yamada-taro');
    readers.holdByOtherApplication(true);
    expect(await rejectionCode(service.identify())).toBe('card.in-use');
  });

  it('forwards card events and waits for a card', async () => {
    const readers = new VirtualReaders();
    const service = new CardReaderService({
      readers,
      config: simCardConfig(),
      surfaceCaKeys: [],
      logger: createLogger(memorySink()),
    });
    const events: string[] = [];
    service.onEvent((e) => events.push(e.type));
    const waiting = service.waitForCard();
    readers.insert(createVirtualCard('sato-hanako'));
    await waiting;
    readers.remove();
    expect(events).toEqual(['card-inserted', 'card-removed']);
  });

  it('logs nothing read from the card or typed by the patient', async () => {
    const { service, sink } = setup('yamada-taro');
    await service.readAuthCertificate();
    await service.verifyPin('1234');
    await service.unlockCardSurface('59043020344821');
    await service.readCardFace();
    await service.release();
    const log = sink.lines.join('\n');
    for (const secret of ['1234', '59043020344821', '19840430', '1984-04-30', '3XTGE65']) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('extended-length APDUs', () => {
  it('are used only after the reader passed the self-test, and cut the APDUs of a face read', async () => {
    const short = setup('yamada-taro');
    await short.service.unlockCardSurface('59043020344821');
    await short.service.readCardFace();
    const extended = setup('yamada-taro', {}, { extendedLength: 'self-test' });
    await extended.service.unlockCardSurface('59043020344821');
    const face = await extended.service.readCardFace();
    expect(face.birthDate).toBe('1984-04-30');
    const longReads = extended.card.apduLog.filter((e) => e.command[1] === 0xb0 && e.command.length === 7);
    expect(longReads.length).toBeGreaterThan(0);
    expect(extended.service.stats()!.apdus).toBeLessThan(short.service.stats()!.apdus);
  });

  it('stay off when the reader fails the self-test', async () => {
    const readers = new VirtualReaders();
    const honest = createVirtualCard('yamada-taro');
    // A reader that cannot carry extended APDUs: it answers them with "wrong length".
    readers.insert(
      new LyingCard(honest, (command, answer) =>
        command.length === 7 && command[4] === 0 ? Uint8Array.of(0x67, 0x00) : answer,
      ),
    );
    const service = new CardReaderService({
      readers,
      config: simCardConfig({ extendedLength: 'self-test' }),
      surfaceCaKeys: loadSimSurfaceCaKeys(),
      logger: createLogger(memorySink()),
    });
    await service.unlockCardSurface('59043020344821');
    expect((await service.readCardFace()).sex).toBe('male');
  });
});

describe('reader choice', () => {
  it('uses the first reader whose name matches the configured pattern', async () => {
    const readers = new VirtualReaders(['ACME Contactless PICC 00', 'ACME Contact Reader 01']);
    const contact = createVirtualCard('yamada-taro');
    const contactless = createVirtualCard('sato-hanako');
    readers.insert(contactless, 'ACME Contactless PICC 00');
    readers.insert(contact, 'ACME Contact Reader 01');
    const service = new CardReaderService({
      readers,
      config: simCardConfig({ readerNamePattern: 'contact reader' }),
      surfaceCaKeys: [],
      logger: createLogger(memorySink()),
    });
    expect(service.status()).toEqual({ reader: 'ACME Contact Reader 01', cardPresent: true });
    expect(await service.readCardExpiry()).toBe('2034-04-30');
    expect(contactless.apduLog).toHaveLength(0);
  });

  it('refuses a reader pattern that is not a regular expression', () => {
    expect(() => simCardConfig({ readerNamePattern: '(' })).toThrow();
  });
});

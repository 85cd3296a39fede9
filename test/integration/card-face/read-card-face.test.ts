// The card-face path end to end with real OCR and the virtual My Number card: the virtual card
// scanner renders the fixture persons' card fronts (clean and degraded, in several layout
// families), the reader reads them with the configured engine (PaddleOCR on onnxruntime), and the
// unlock step talks to the card driver over the in-process virtual reader, whose APDU log shows
// every command the card received.
// One OCR engine is shared by every test: OCR is the slow part on two cores.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardReaderService } from '../../../electron/card/card-reader-service';
import { cardSurfacePort, readChipFacts } from '../../../electron/card-face/card-surface-port';
import { defaultCardFaceConfig } from '../../../electron/card-face/config';
import { SIMULATED_WORLD_START, simulatedClock } from '../../../electron/clock';
import {
  createCardFaceService,
  japanToday,
  startOcrEngine,
  type CardFaceService,
} from '../../../electron/card-face/index';
import type { CardFaceOcr } from '../../../electron/card-face/ocr';
import { CardFaceReader } from '../../../electron/card-face/reader';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { personFromFixture, type CardFacePerson } from '../../../sim/card-face/persons';
import { VirtualCardScanner } from '../../../sim/card-face/virtual-scanner';
import { defaultSimWorldPaths } from '../../../sim/card/card-image';
import { createInProcessCard, loadSimSurfaceCaKeys, simCardConfig } from '../../../sim/card/sim-world';
import type { VirtualMyNumberCard } from '../../../sim/card/virtual-card';

const clock = simulatedClock(SIMULATED_WORLD_START);
const today = japanToday(clock);
const sink = memorySink();
const logger = createLogger(sink, { minLevel: 'debug' });
const scanner = new VirtualCardScanner();
let ocr: CardFaceOcr;
let cardFace: CardFaceService;

function person(id: string): CardFacePerson {
  const found = personFromFixture(`${defaultSimWorldPaths().personsDir}/${id}.json`);
  if (!found) throw new Error(`fixture person ${id} has no card front`);
  return found;
}

/** The person's virtual card in the in-process reader, and the card-face unlock step on it. */
async function cardInReader(id: string, service: CardFaceService = cardFace) {
  const { readers, card } = createInProcessCard(id);
  const driver = new CardReaderService({
    readers,
    config: simCardConfig(),
    surfaceCaKeys: loadSimSurfaceCaKeys(),
    logger,
  });
  const chip = await readChipFacts(driver);
  if (!chip) throw new Error('the virtual card offers no expiry');
  return { card, driver, chip, session: service.startSession(cardSurfacePort(driver)) };
}

/** VERIFY commands that carried a secret (an empty VERIFY only reads the counter). */
function verifiesSent(card: VirtualMyNumberCard): number {
  return card.apduLog.filter((entry) => entry.command[1] === 0x20 && entry.command.length > 5).length;
}

beforeAll(async () => {
  ocr = await startOcrEngine(defaultCardFaceConfig);
  cardFace = await createCardFaceService({ config: defaultCardFaceConfig, scanner, logger, clock, ocr });
});

afterAll(async () => {
  await ocr.terminate();
});

describe('reading 照合番号B from the card face', () => {
  it('opens the card surface from a clean face with one VERIFY, and the chip face can be read', async () => {
    scanner.placeFixturePerson('yamada-taro', 'clean', 1);
    const { card, driver, chip, session } = await cardInReader('yamada-taro');
    expect(chip).toEqual({ expiryYear: 2034 });
    expect(await session.unlockFromCardFace(chip)).toEqual({ kind: 'unlocked', via: 'card-face' });
    expect(verifiesSent(card)).toBe(1);
    const face = await driver.readCardFace();
    expect(face.birthDate).toBe('1984-04-30');
  });

  it('opens it from a tilted, blurred, noisy JPEG of the face (平成 birth date)', async () => {
    scanner.place({
      person: person('sato-hanako'),
      degradation: { rotationDeg: -8, blurSigma: 0.9, noise: 6, jpegQuality: 45, perspective: 0.05 },
      seed: 2,
    });
    const { card, chip, session } = await cardInReader('sato-hanako');
    expect(await session.unlockFromCardFace(chip)).toEqual({ kind: 'unlocked', via: 'card-face' });
    expect(verifiesSent(card)).toBe(1);
  });

  it('reads a card placed upside down', async () => {
    scanner.placeFixturePerson('yamada-taro', 'upside-down', 1);
    const { card, chip, session } = await cardInReader('yamada-taro');
    expect(await session.unlockFromCardFace(chip)).toEqual({ kind: 'unlocked', via: 'card-face' });
    expect(verifiesSent(card)).toBe(1);
  });

  it('reads a card placed while the OCR engine is still starting, once it is ready', async () => {
    let engineReady: (engine: CardFaceOcr) => void = () => undefined;
    const starting = new Promise<CardFaceOcr>((resolve) => (engineReady = resolve));
    const early = await createCardFaceService({
      config: defaultCardFaceConfig,
      scanner,
      logger,
      clock,
      ocr: starting,
    });
    scanner.placeFixturePerson('yamada-taro', 'clean', 1);
    const { card, chip, session } = await cardInReader('yamada-taro', early);
    let answered = false;
    const unlocking = session.unlockFromCardFace(chip).finally(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false); // waiting for the engine, not refusing the card
    engineReady(ocr);
    expect(await unlocking).toEqual({ kind: 'unlocked', via: 'card-face' });
    expect(verifiesSent(card)).toBe(1);
  });

  it('offers PIN or staff, with no VERIFY, when the OCR engine could not start', async () => {
    const broken = await createCardFaceService({
      config: { ...defaultCardFaceConfig, ocrEngine: 'tesseract', tessdataDir: '/nonexistent/tessdata' },
      scanner,
      logger,
      clock,
    });
    scanner.placeFixturePerson('yamada-taro', 'clean', 1);
    const { card, chip, session } = await cardInReader('yamada-taro', broken);
    expect(await session.unlockFromCardFace(chip)).toEqual({
      kind: 'pin-or-staff',
      code: 'card-face.ocr-unavailable',
    });
    expect(verifiesSent(card)).toBe(0);
    expect(sink.lines.some((line) => line.includes('card-face.ocr-start-failed'))).toBe(true);
    await broken.close();
  });

  it('refuses a face too degraded to read without any VERIFY, then offers PIN or staff', async () => {
    scanner.place({ person: person('yamada-taro'), variant: 'unreadable', seed: 3 });
    const { card, chip, session } = await cardInReader('yamada-taro');
    expect(await session.unlockFromCardFace(chip)).toEqual({
      kind: 're-place',
      code: 'card-face.re-place',
      placementsLeft: 1,
    });
    scanner.remove(); // the patient lifts the card and puts nothing back
    expect(await session.unlockFromCardFace(chip)).toEqual({
      kind: 'pin-or-staff',
      code: 'card-face.use-pin-or-staff',
    });
    expect(verifiesSent(card)).toBe(0);
  });

  it('refuses a face whose printed expiry year disagrees with the chip', async () => {
    const yamada = person('yamada-taro');
    scanner.place({
      person: { ...yamada, cardExpiry: { ...yamada.cardExpiry, year: 2035 } },
      variant: 'clean',
      seed: 1,
    });
    const { card, chip, session } = await cardInReader('yamada-taro');
    expect(await session.unlockFromCardFace(chip)).toMatchObject({ kind: 're-place' });
    expect(verifiesSent(card)).toBe(0);
    expect(sink.lines.some((line) => line.includes('"refusal":"expiry-mismatch"'))).toBe(true);
  });

  it('does not touch a Western-dated card while the format is unconfirmed', async () => {
    scanner.place({ person: person('garcia-maria'), variant: 'clean', seed: 4 });
    const { card, chip, session } = await cardInReader('garcia-maria');
    expect(await session.unlockFromCardFace(chip)).toEqual({
      kind: 'pin-or-staff',
      code: 'card-face.western-date-unsupported',
    });
    expect(verifiesSent(card)).toBe(0);
  });

  it('sends a rejected 照合番号B once only and never again by itself; staff may key it in', async () => {
    const yamada = person('yamada-taro');
    // A face whose printed code is not the chip's (a worn reprint, say): the gate cannot know.
    scanner.place({ person: { ...yamada, securityCode: '1111' }, variant: 'clean', seed: 1 });
    const { card, chip, session } = await cardInReader('yamada-taro');
    const rejected = { kind: 'pin-or-staff', code: 'card-face.rejected-by-card' };
    expect(await session.unlockFromCardFace(chip)).toEqual({ ...rejected, triesLeft: 9 });
    expect(await session.unlockFromCardFace(chip)).toEqual(rejected);
    expect(verifiesSent(card)).toBe(1);
    expect(await session.unlockFromStaffEntry('590430 2034 4821', chip)).toEqual({
      kind: 'unlocked',
      via: 'staff-entry',
    });
    expect(verifiesSent(card)).toBe(2);
  });

  it('keeps the digits out of the log', () => {
    const text = sink.lines.join('');
    expect(sink.lines.length).toBeGreaterThan(0);
    expect(text).not.toContain('590430');
    expect(text).not.toContain('4821');
    expect(text).not.toContain('020211');
  });
});

describe('layouts the reader was not built from', () => {
  it('never forms a wrong number from the labelled fixture fronts, and refuses the unreadable one', async () => {
    const dir = path.resolve(import.meta.dirname, '../../fixtures/card-face');
    const [header, ...rows] = readFileSync(path.join(dir, 'labels.csv'), 'utf8').trim().split('\n');
    expect(header).toBe('file,birth_yymmdd,expiry_yyyy,security_code,readable,family');
    const reader = new CardFaceReader(ocr, defaultCardFaceConfig, today);
    let read = 0;
    for (const row of rows) {
      const [file, birth, expiry, code, readable] = row.split(',');
      const result = await reader.read([new Uint8Array(readFileSync(path.join(dir, file!)))], {
        expiryYear: Number(expiry),
      });
      if (readable === '0') expect(result.ok, file).toBe(false);
      if (result.ok) {
        expect(result.collationNumber.reveal(), file).toBe(`${birth}${expiry}${code}`);
        read += 1;
      }
    }
    // Six of the fourteen are held-out or new layouts; one is Western-dated, one unreadable.
    expect(read).toBeGreaterThanOrEqual(8);
  });
});

describe('era boundaries on a printed face', () => {
  it('reads 平成元年 1月 8日生 as 010108 (the first day of 平成)', async () => {
    const base = person('yamada-taro');
    const boundary = {
      ...base,
      birthDate: { year: 1989, month: 1, day: 8 },
      cardExpiry: { year: 2029, month: 1, day: 8 },
    };
    scanner.place({ person: boundary, variant: 'clean', seed: 5 });
    const reader = new CardFaceReader(ocr, defaultCardFaceConfig, today);
    const result = await reader.read(await scanner.captureFrames(2), { expiryYear: 2029 });
    expect(result.ok && result.collationNumber.reveal()).toBe(`01010820294821`);
  });
});

describe('staff entry and the retry counter', () => {
  it('sends nothing when the card has few tries left', async () => {
    const { card, chip, session } = await cardInReader('tanaka-michiko');
    // Any well-formed digits: the counter is checked before anything is sent.
    const outcome = await session.unlockFromStaffEntry(`010101${chip.expiryYear}0000`, chip);
    expect(outcome).toEqual({ kind: 'staff', code: 'card-face.tries-low' });
    expect(verifiesSent(card)).toBe(0);
  });

  it('sends a number the card rejects once, says how many tries are left, and sends no other', async () => {
    const { card, chip, session } = await cardInReader('yamada-taro');
    expect(await session.unlockFromStaffEntry('590430 2034 1111', chip)).toEqual({
      kind: 'staff',
      code: 'card-face.staff-entry-rejected',
      triesLeft: 9,
    });
    expect(verifiesSent(card)).toBe(1);
    // Even the right number is not sent after a rejected one in this session.
    expect(await session.unlockFromStaffEntry('590430 2034 4821', chip)).toEqual({
      kind: 'staff',
      code: 'card-face.staff-entry-rejected',
    });
    expect(verifiesSent(card)).toBe(1);
  });

  it('sends nothing for a mistyped entry', async () => {
    const { card, chip, session } = await cardInReader('yamada-taro');
    await expect(session.unlockFromStaffEntry('59043020344', chip)).rejects.toMatchObject({
      code: 'card-face.staff-entry-invalid',
    });
    await expect(session.unlockFromStaffEntry('59043020354821', chip)).rejects.toMatchObject({
      code: 'card-face.staff-entry-expiry-mismatch',
    });
    expect(verifiesSent(card)).toBe(0);
  });
});

// The card-face path end to end with real OCR: the virtual card scanner renders the fixture
// persons' card fronts (clean and degraded), the reader reads them with tesseract.js and Debian's
// jpn data, and the unlock step talks to a card surface that counts tries and records commands.
// One OCR worker is shared by every test: OCR is the slow part on two cores.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCardFaceConfig, type CardFaceConfig } from '../../../electron/card-face/config';
import { createCardFaceService, type CardFaceService } from '../../../electron/card-face/index';
import { createTesseractCardFaceOcr, type CardFaceOcr } from '../../../electron/card-face/ocr';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { personFromFixture, type CardFacePerson } from '../../../native/virtual/card-face/persons';
import { VirtualCardScanner } from '../../../native/virtual/card-face/virtual-scanner';
import { RecordingCardSurface } from './recording-card-surface';

const PERSONS = path.resolve(import.meta.dirname, '../../../resources/sim/persons');
const today = () => ({ year: 2026, month: 11, day: 25 });

function person(id: string): CardFacePerson {
  const found = personFromFixture(path.join(PERSONS, `${id}.json`));
  if (!found) throw new Error(`fixture person ${id} has no card front`);
  return found;
}

let ocr: CardFaceOcr;
const sink = memorySink();
const scanner = new VirtualCardScanner();

async function service(config: CardFaceConfig = defaultCardFaceConfig): Promise<CardFaceService> {
  return createCardFaceService({ config, scanner, logger: createLogger(sink), today, ocr });
}

beforeAll(async () => {
  ocr = await createTesseractCardFaceOcr();
});

afterAll(async () => {
  await ocr.terminate();
});

describe('reading 照合番号B from the card face', () => {
  it('opens the card surface from a clean face, with one VERIFY of the right digits', async () => {
    const yamada = person('yamada-taro'); // 昭和59年4月30日生, 2034まで有効, code 4821
    scanner.place({ person: yamada, variant: 'clean', seed: 1 });
    const card = new RecordingCardSurface('59043020344821');
    const session = (await service()).startSession(card);
    const outcome = await session.unlockFromCardFace({ expiryYear: 2034 });
    expect(outcome).toEqual({ kind: 'unlocked', via: 'card-face' });
    expect(card.verifies).toEqual(['59043020344821']);
    expect(card.log[0]).toEqual({ command: 'tries-left' });
  });

  it('opens it from a tilted, blurred, noisy JPEG of the face', async () => {
    const sato = person('sato-hanako'); // 平成2年2月11日生
    scanner.place({
      person: sato,
      degradation: { rotationDeg: -8, blurSigma: 0.9, noise: 6, jpegQuality: 45, perspective: 0.05 },
      seed: 2,
    });
    const expected = `020211${sato.cardExpiry.year}${sato.securityCode}`;
    const card = new RecordingCardSurface(expected);
    const outcome = await (
      await service()
    )
      .startSession(card)
      .unlockFromCardFace({ expiryYear: sato.cardExpiry.year });
    expect(outcome).toEqual({ kind: 'unlocked', via: 'card-face' });
    expect(card.verifies).toEqual([expected]);
  });

  it('refuses a face too degraded to read without sending anything to the card, then offers PIN or staff', async () => {
    const yamada = person('yamada-taro');
    scanner.place({ person: yamada, variant: 'unreadable', seed: 3 });
    const card = new RecordingCardSurface('59043020344821');
    const session = (await service()).startSession(card);
    expect(await session.unlockFromCardFace({ expiryYear: 2034 })).toEqual({
      kind: 're-place',
      code: 'card-face.re-place',
      placementsLeft: 1,
    });
    scanner.remove(); // the patient lifts the card and puts nothing back
    expect(await session.unlockFromCardFace({ expiryYear: 2034 })).toEqual({
      kind: 'pin-or-staff',
      code: 'card-face.use-pin-or-staff',
    });
    expect(card.log).toEqual([]);
    expect(card.triesLeft).toBe(10);
  });

  it('refuses a face whose printed expiry year disagrees with the chip', async () => {
    const yamada = person('yamada-taro');
    scanner.place({ person: yamada, variant: 'clean', seed: 1 });
    const card = new RecordingCardSurface('59043020344821');
    const outcome = await (await service()).startSession(card).unlockFromCardFace({ expiryYear: 2035 });
    expect(outcome).toMatchObject({ kind: 're-place' });
    expect(card.log).toEqual([]);
    expect(sink.lines.some((line) => line.includes('"refusal":"expiry-mismatch"'))).toBe(true);
  });

  it('does not touch a Western-dated card while the format is unconfirmed', async () => {
    const garcia = person('garcia-maria');
    scanner.place({ person: garcia, variant: 'clean', seed: 4 });
    const card = new RecordingCardSurface('000000000000000');
    const outcome = await (
      await service()
    )
      .startSession(card)
      .unlockFromCardFace({ expiryYear: garcia.cardExpiry.year });
    expect(outcome).toEqual({ kind: 'pin-or-staff', code: 'card-face.western-date-unsupported' });
    expect(card.log).toEqual([]);
  });

  it('sends a rejected 照合番号B once only and never again by itself', async () => {
    const yamada = person('yamada-taro');
    scanner.place({ person: yamada, variant: 'clean', seed: 1 });
    // A card whose chip holds another code than the one printed (a reissued face, say).
    const card = new RecordingCardSurface('59043020341111');
    const session = (await service()).startSession(card);
    expect(await session.unlockFromCardFace({ expiryYear: 2034 })).toEqual({
      kind: 'pin-or-staff',
      code: 'card-face.rejected-by-card',
    });
    expect(await session.unlockFromCardFace({ expiryYear: 2034 })).toEqual({
      kind: 'pin-or-staff',
      code: 'card-face.rejected-by-card',
    });
    expect(card.verifies).toHaveLength(1);
    expect(card.triesLeft).toBe(9);
    // Staff key in the code from the card in hand: one deliberate VERIFY.
    expect(await session.unlockFromStaffEntry('590430 2034 1111', { expiryYear: 2034 })).toEqual({
      kind: 'unlocked',
      via: 'staff-entry',
    });
  });

  it('keeps the digits out of the log', () => {
    const text = sink.lines.join('');
    expect(sink.lines.length).toBeGreaterThan(0);
    expect(text).not.toContain('590430');
    expect(text).not.toContain('4821');
    expect(text).not.toContain('020211');
  });
});

describe('the retry counter comes first', () => {
  it('does not VERIFY when the card has fewer tries left than configured', async () => {
    const card = new RecordingCardSurface('59043020344821', 2);
    const session = (await service()).startSession(card);
    // Staff entry skips OCR but meets the same counter check.
    expect(await session.unlockFromStaffEntry('59043020344821', { expiryYear: 2034 })).toEqual({
      kind: 'staff',
      code: 'card-face.tries-low',
    });
    expect(card.verifies).toEqual([]);
  });
});

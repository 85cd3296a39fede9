// Card removal, やめる, 職員を呼ぶ and the session timeout while a device step is in flight, on the
// real card stack: the virtual My Number card in the in-process reader, the card service and its
// per-insertion sessions, the card-face unlock step, the keypad. Only the OCR read, the face model
// and the national service are stand-ins, each held at a gate so the interrupt lands mid-step. The
// card's own APDU log proves that nothing carrying a secret reached it after the interrupt.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CardReaderService } from '../card/card-reader-service';
import { createCardSlot } from '../card/reception-card-slot';
import { CollationNumberB } from '../card-face/collation-number';
import type { CardFaceService } from '../card-face/index';
import { CardFaceUnlock } from '../card-face/unlock';
import { createLogger, memorySink } from '../log/logger';
import { cardFacePort } from '../world/adapters';
import { AID, collationBOf } from '../../sim/card/card-image';
import {
  createVirtualCard,
  loadSimPerson,
  loadSimSurfaceCaKeys,
  simCardConfig,
} from '../../sim/card/sim-world';
import type { LoggedApdu, VirtualCard, VirtualMyNumberCard } from '../../sim/card/virtual-card';
import { VirtualReaders } from '../../sim/card/virtual-readers';
import { createVirtualPinPad } from '../../sim/keypad/pin-pad';
import type { ConfirmationOutcome, ReceptionDevices } from './ports';
import { createReception, type Reception } from './reception';

const SESSION_TIMEOUT_MS = 60_000;

/** A point a step stops at until the test lets it go. */
function gate() {
  let reach: () => void = () => undefined;
  let release: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return { reached, release, wait: () => (reach(), released) };
}

type Gate = ReturnType<typeof gate>;

/** The honest virtual card, except that one chosen command waits at a gate before it reaches the card. */
class HeldCard implements VirtualCard {
  private hold: { matches: (command: Uint8Array) => boolean; gate: Gate } | null = null;
  constructor(readonly card: VirtualMyNumberCard) {}
  get atr(): Uint8Array {
    return this.card.atr;
  }
  reset(): void {
    this.card.reset();
  }
  holdNext(matches: (command: Uint8Array) => boolean): Gate {
    const g = gate();
    this.hold = { matches, gate: g };
    return g;
  }
  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const hold = this.hold;
    if (hold?.matches(command)) {
      this.hold = null;
      await hold.gate.wait();
    }
    return this.card.transmit(command);
  }
}

/** VERIFY commands that carry a secret (an empty VERIFY only reads the counter). */
const secretsSent = (log: readonly LoggedApdu[]): number =>
  log.filter((e) => e.command[1] === 0x20 && e.command.length > 5).length;
const isReadBinary = (c: Uint8Array) => c[1] === 0xb0;
const isEmptyVerify = (c: Uint8Array) => c[1] === 0x20 && c.length <= 5;

let reception: Reception | undefined;
afterEach(() => {
  reception?.dispose();
  reception = undefined;
  vi.useRealTimers();
});

function start(personId = 'yamada-taro') {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const readers = new VirtualReaders();
  const logger = createLogger(memorySink());
  const service = new CardReaderService({
    readers,
    config: simCardConfig(),
    surfaceCaKeys: loadSimSurfaceCaKeys(),
    logger,
  });
  const card = new HeldCard(createVirtualCard(personId));
  const person = loadSimPerson(personId);
  let ocrGate: Gate | null = null;
  let confirmGate: Gate | null = null;
  const cardFace: CardFaceService = {
    startSession: (port) =>
      new CardFaceUnlock({
        scanner: { captureFrames: async (count) => Array.from({ length: count }, () => new Uint8Array([1])) },
        // Stands in for the OCR: it reads the card's true 照合番号B, after its gate.
        reader: {
          async read() {
            await ocrGate?.wait();
            return {
              ok: true,
              collationNumber: CollationNumberB.fromDigits(collationBOf(person)),
              readsMade: 1,
            };
          },
        },
        port,
        config: { framesPerScan: 1, placementsBeforeAlternatives: 2, triesFloor: 3 },
        logger,
      }),
    close: async () => undefined,
  };
  const pinPad = createVirtualPinPad();
  const devices: ReceptionDevices = {
    cardSlot: createCardSlot(service, simCardConfig().pinTriesFloor),
    cardFace: cardFacePort(cardFace),
    face: {
      start: async () => ({
        submit: async () => ({
          feedback: { cue: null, prompt: null, box: null, attempt: 1, maxAttempts: 3 },
          result: { kind: 'match' },
        }),
        cancel: () => undefined,
      }),
    },
    pinPad,
    eligibility: {
      challenge: async () => Buffer.from('challenge-from-service-0123456789').toString('base64url'),
      async confirm(): Promise<ConfirmationOutcome> {
        await confirmGate?.wait();
        return { result: 'confirmed' };
      },
    },
  };
  reception = createReception(
    { defaultLanguage: 'ja', languages: ['ja', 'en'], sessionTimeoutMs: SESSION_TIMEOUT_MS, log: logger },
    devices,
  );
  return {
    reception,
    readers,
    service,
    card,
    pinPad,
    holdOcr: () => (ocrGate = gate()),
    holdConfirm: () => (confirmGate = gate()),
    insert: () => readers.insert(card),
  };
}

type World = ReturnType<typeof start>;

const INTERRUPTS = {
  'card removed': (w: World) => w.readers.remove(),
  やめる: (w: World) => w.reception.cancel(),
  職員を呼ぶ: (w: World) => w.reception.callStaff(),
  timeout: () => vi.advanceTimersByTime(SESSION_TIMEOUT_MS),
} as const;

const after: Record<keyof typeof INTERRUPTS, string> = {
  'card removed': 'idle',
  やめる: 'idle',
  職員を呼ぶ: 'session.callStaff',
  timeout: 'idle',
};

/** Drives the flow to a step and holds it there; returns the gate the step waits at. */
const STEPS: Record<string, (w: World) => Promise<Gate>> = {
  'reading the card': async (w) => {
    const held = w.card.holdNext(isReadBinary);
    w.insert();
    await held.reached;
    return held;
  },
  'the card-face step (OCR running)': async (w) => {
    w.insert();
    await w.reception.settled();
    const held = w.holdOcr();
    w.reception.chooseMethod('face');
    await held.reached;
    return held;
  },
  'the PIN VERIFY (counter read on the wire)': async (w) => {
    w.insert();
    await w.reception.settled();
    w.reception.chooseMethod('pin');
    const held = w.card.holdNext(isEmptyVerify);
    w.pinPad.typePin('1234');
    await held.reached;
    return held;
  },
  'the confirmation': async (w) => {
    w.insert();
    await w.reception.settled();
    w.reception.chooseMethod('pin');
    w.pinPad.typePin('1234');
    await w.reception.settled();
    const held = w.holdConfirm();
    w.reception.submitConsent({ medication: true, healthCheck: true, treatment: true, surgery: true }, true);
    await held.reached;
    return held;
  },
};

describe('an interrupt while a device step is in flight', () => {
  for (const [step, reach] of Object.entries(STEPS)) {
    for (const [interrupt, act] of Object.entries(INTERRUPTS) as Array<
      [keyof typeof INTERRUPTS, (w: World) => void]
    >) {
      it(`${interrupt} during ${step}: no secret reaches the card after it, and the card is let go`, async () => {
        const w = start();
        const held = await reach(w);
        const secretsBefore = secretsSent(w.card.card.apduLog);
        act(w);
        expect(w.reception.state()).toBe(after[interrupt]);
        held.release();
        await w.reception.settled();

        expect(secretsSent(w.card.card.apduLog)).toBe(secretsBefore);
        expect(w.card.card.triesLeft(AID.JPKI, 0x0018)).toBe(3);
        expect(w.card.card.triesLeft(AID.CARD_SURFACE, 0x0012)).toBe(10);
        expect(w.reception.state()).toBe(after[interrupt]);
        if (after[interrupt] === 'idle') {
          expect(w.reception.view()).toMatchObject({ screen: 'idle', sessionGeneration: 1 });
          // The exclusive card session is closed: nothing holds the card.
          expect(w.service.hasSession()).toBe(false);
        }
      });
    }
  }

  it('職員を呼ぶ during the card-face step sends no VERIFY and never jumps on to face capture', async () => {
    const w = start();
    const held = await STEPS['the card-face step (OCR running)']!(w);
    w.reception.callStaff();
    held.release();
    await w.reception.settled();
    expect(secretsSent(w.card.card.apduLog)).toBe(0);
    expect(w.reception.view()).toMatchObject({
      screen: 'call-staff',
      reason: { code: 'reception.staff-requested' },
    });
  });

  it('やめる during the card-face step leaves no card session open', async () => {
    const w = start();
    const held = await STEPS['the card-face step (OCR running)']!(w);
    w.reception.cancel();
    held.release();
    await w.reception.settled();
    expect(w.service.hasSession()).toBe(false);
    expect(secretsSent(w.card.card.apduLog)).toBe(0);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReceptionView } from '../contract';
import { createLogger, memorySink } from '../log/logger';
import type {
  CardEvent,
  CardFaceUnlockOutcome,
  FaceCheckResult,
  InsertedCard,
  PinKey,
  ReceptionDevices,
  TokenKind,
  VerifiedPatient,
} from './ports';
import { createReception, type Reception } from './reception';

/** A scripted card that records every secret it is given. */
function scriptedCard(options: {
  token?: TokenKind;
  pin?: string | null;
  pinTries?: number;
  collationB?: string;
}) {
  const calls: string[] = [];
  let pinTries = options.pinTries ?? 3;
  const photo = new Uint8Array([1, 2, 3, 4]);
  const card: InsertedCard = {
    token: options.token ?? 'card',
    authCertificatePem: async () => '-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n',
    chipExpiryYear: async () => 2034,
    pinStatus: async () =>
      options.pin === null
        ? { state: 'not-set' }
        : pinTries > 0
          ? { state: 'set', triesLeft: pinTries }
          : { state: 'locked' },
    verifyPin: async (pin) => {
      calls.push(`verify-pin:${pin}`);
      if (pin === (options.pin ?? '1234')) return { ok: true };
      pinTries -= 1;
      return { ok: false, triesLeft: pinTries };
    },
    signChallenge: async () => {
      calls.push('sign');
      return new Uint8Array([9, 9, 9]);
    },
    cardSurfaceTriesLeft: async () => 10,
    unlockCardSurface: async (digits) => {
      calls.push(`unlock:${digits}`);
      return digits === (options.collationB ?? '59043020341234') ? { ok: true } : { ok: false, triesLeft: 9 };
    },
    readCardFace: async () => ({ photoJ2k: photo, birthDate: '1984-04-30', sex: 'male' }),
    release: async () => void calls.push('release'),
  };
  return { card, calls, photo };
}

function world(
  card: InsertedCard,
  options: {
    unlocks?: CardFaceUnlockOutcome[];
    faceResults?: Array<FaceCheckResult | null>;
    confirm?: 'confirmed' | 'refused';
  },
) {
  let cardListener: (event: CardEvent) => void = () => undefined;
  let keyListener: (key: PinKey) => void = () => undefined;
  // Stands in for the card-face step: each placement's outcome, and on success the one VERIFY.
  const unlocks = [...(options.unlocks ?? [{ kind: 'unlocked' as const }])];
  const results = [...(options.faceResults ?? [{ kind: 'match' as const }])];
  const confirmed: VerifiedPatient[] = [];
  let faceChecksCancelled = 0;
  const devices: ReceptionDevices = {
    cardSlot: {
      onCard: (listener) => ((cardListener = listener), () => undefined),
      cardPresent: () => true,
    },
    pinPad: { onKey: (listener) => ((keyListener = listener), () => undefined) },
    cardFace: {
      begin: () => ({
        unlock: async () => {
          const outcome = unlocks.shift() ?? { kind: 'pin-or-staff', code: 'card-face.use-pin-or-staff' };
          if (outcome.kind === 'unlocked') await card.unlockCardSurface('59043020341234');
          return outcome;
        },
        unlockFromStaffEntry: async () => {
          throw new Error('no staff entry in these tests');
        },
        end: () => undefined,
      }),
    },
    face: {
      start: async () => ({
        submit: async () => ({
          feedback: { cue: 'hold-still', prompt: null, box: null, attempt: 1, maxAttempts: 3 },
          result: results.shift() ?? null,
        }),
        cancel: () => void (faceChecksCancelled += 1),
      }),
    },
    eligibility: {
      challenge: async () => Buffer.from('challenge-from-service-0123456789').toString('base64url'),
      confirm: async (patient) => {
        confirmed.push(patient);
        return options.confirm === 'refused'
          ? { result: 'refused', code: 'kiosk.internal' }
          : { result: 'confirmed' };
      },
    },
  };
  return {
    devices,
    confirmed,
    faceChecksCancelled: () => faceChecksCancelled,
    insert: () => cardListener({ type: 'inserted', open: async () => card }),
    remove: () => cardListener({ type: 'removed' }),
    type: (...keys: PinKey[]) => keys.forEach((key) => keyListener(key)),
  };
}

let reception: Reception | undefined;
afterEach(() => reception?.dispose());

function start(devices?: ReceptionDevices) {
  const sink = memorySink();
  const views: ReceptionView[] = [];
  reception = createReception(
    {
      defaultLanguage: 'ja',
      languages: ['ja', 'en'],
      sessionTimeoutMs: 60_000,
      log: createLogger(sink, { minLevel: 'debug' }),
    },
    devices,
  );
  reception.onView((view) => views.push(view));
  return { reception, views, logs: sink.lines };
}

const frame = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);

describe('reception without a card', () => {
  it('starts idle in the default language and switches language on request', () => {
    const { reception } = start();
    expect(reception.view()).toEqual({
      screen: 'idle',
      notice: null,
      language: 'ja',
      sessionGeneration: 0,
      revision: 0,
    });
    expect(reception.setLanguage('en').language).toBe('en');
    expect(reception.setLanguage('ko').language).toBe('en'); // not offered on this terminal
    expect(reception.reset('recovery')).toMatchObject({
      screen: 'idle',
      language: 'ja',
      sessionGeneration: 1,
    });
  });
});

describe('reception with a card', () => {
  it('reads the card and offers face, PIN and staff', async () => {
    const { card } = scriptedCard({});
    const w = world(card, {});
    const { reception, views } = start(w.devices);
    w.insert();
    expect(reception.view().screen).toBe('reading-card');
    await reception.settled();
    expect(reception.view()).toMatchObject({ screen: 'choose-method', methods: ['face', 'pin'] });
    expect(views.map((v) => v.screen)).toEqual(['reading-card', 'choose-method']);
    // Every published view is newer than the one before: the renderer keeps the highest.
    expect(views[1]!.revision).toBeGreaterThan(views[0]!.revision);
  });

  it('does not offer the PIN on a card without one, nor anything but staff for an iPhone', async () => {
    const pinless = world(scriptedCard({ pin: null }).card, {});
    const first = start(pinless.devices);
    pinless.insert();
    await first.reception.settled();
    expect(first.reception.view()).toMatchObject({
      methods: ['face'],
      unavailable: [{ method: 'pin', reason: { code: 'reception.pin-not-set' } }],
    });
    first.reception.dispose();

    const iphone = world(scriptedCard({ token: 'iphone' }).card, {});
    const second = start(iphone.devices);
    iphone.insert();
    await second.reception.settled();
    expect(second.reception.view()).toMatchObject({
      methods: [],
      unavailable: [
        { method: 'face', reason: { code: 'reception.face-card-only' } },
        { method: 'pin', reason: { code: 'reception.pin-on-phone' } },
      ],
    });
  });

  it('tells the patient to take back a card that is not a My Number card', async () => {
    const w = world(scriptedCard({ token: 'not-my-number' }).card, {});
    const { reception } = start(w.devices);
    w.insert();
    await reception.settled();
    expect(reception.view()).toMatchObject({
      screen: 'card-unusable',
      reason: { code: 'card.not-my-number-card' },
    });
  });

  it('PIN path: shows only a digit count, sends each entered PIN once, and confirms with the card signature', async () => {
    const { card, calls } = scriptedCard({ pin: '4321' });
    const w = world(card, {});
    const { reception, views } = start(w.devices);
    w.insert();
    await reception.settled();
    reception.chooseMethod('pin');
    w.type('1', '2', '3');
    expect(reception.view()).toMatchObject({ screen: 'pin-entry', digitsEntered: 3, triesLeft: 3 });
    w.type('enter');
    expect(reception.view()).toMatchObject({ notice: { code: 'reception.pin-too-short' } });
    expect(calls.filter((c) => c.startsWith('verify'))).toEqual([]);

    w.type('4', 'enter');
    await reception.settled();
    expect(reception.view()).toMatchObject({
      screen: 'pin-entry',
      digitsEntered: 0,
      triesLeft: 2,
      notice: { code: 'card.pin-wrong' },
    });
    w.type('4', '3', '2', '1', 'enter');
    await reception.settled();
    expect(calls.filter((c) => c.startsWith('verify'))).toEqual(['verify-pin:1234', 'verify-pin:4321']);
    expect(reception.view().screen).toBe('consent');

    reception.submitConsent({ medication: true, healthCheck: true, treatment: false, surgery: false }, false);
    expect(reception.view().screen).toBe('confirming');
    await reception.settled();
    expect(reception.view()).toMatchObject({ screen: 'done', result: 'confirmed' });
    expect(w.confirmed[0]).toMatchObject({
      method: 'pin',
      consent: { medication: true, healthCheck: true, treatment: false, surgery: false },
      pinSignature: { signature: Buffer.from([9, 9, 9]).toString('base64') },
    });
    // No screen ever carried a digit of the PIN.
    expect(JSON.stringify(views)).not.toMatch(/1234|4321/);
  });

  it('withdraws the PIN path when the PIN locks, without another try', async () => {
    const { card, calls } = scriptedCard({ pin: '4321', pinTries: 1 });
    const w = world(card, {});
    const { reception } = start(w.devices);
    w.insert();
    await reception.settled();
    reception.chooseMethod('pin');
    expect(reception.view().screen).toBe('pin-last-try');
    reception.confirmLastTry();
    w.type('0', '0', '0', '0', 'enter');
    await reception.settled();
    expect(reception.view()).toMatchObject({
      screen: 'choose-method',
      methods: ['face'],
      notice: { code: 'card.pin-locked' },
    });
    expect(calls.filter((c) => c.startsWith('verify'))).toHaveLength(1);
  });

  it('face path: unlocks the card with the gated 照合番号B once, then matches the face and confirms', async () => {
    const { card, calls } = scriptedCard({});
    const w = world(card, { faceResults: [null, { kind: 'match' }] });
    const { reception } = start(w.devices);
    w.insert();
    await reception.settled();
    reception.chooseMethod('face');
    await reception.settled();
    expect(calls).toEqual(['unlock:59043020341234']);
    expect(reception.view()).toMatchObject({ screen: 'face-capture' });
    expect(await reception.submitFrame(frame)).toMatchObject({ finished: false });
    expect(await reception.submitFrame(frame)).toMatchObject({ finished: true });
    expect(reception.view().screen).toBe('consent');
    reception.submitConsent({ medication: true, healthCheck: true, treatment: true, surgery: true }, true);
    await reception.settled();
    expect(w.confirmed[0]).toMatchObject({ method: 'face', cardBirthDate: '1984-04-30', cardSex: 'male' });
  });

  it('asks to re-place the card after a doubtful read, and withdraws the face path when the step says so', async () => {
    const { card, calls } = scriptedCard({});
    const w = world(card, {
      unlocks: [
        { kind: 're-place', code: 'card-face.re-place' },
        { kind: 'pin-or-staff', code: 'card-face.use-pin-or-staff' },
      ],
    });
    const { reception, views } = start(w.devices);
    w.insert();
    await reception.settled();
    reception.chooseMethod('face');
    await reception.settled();
    expect(
      views.filter((v) => v.screen === 'card-face').map((v) => (v as { attempt: number }).attempt),
    ).toEqual([1, 2]);
    expect(calls.filter((c) => c.startsWith('unlock'))).toEqual([]);
    expect(reception.view()).toMatchObject({
      screen: 'choose-method',
      methods: ['pin'],
      notice: { code: 'card-face.use-pin-or-staff' },
    });
  });

  it('offers PIN or staff when the face check gives up', async () => {
    const w = world(scriptedCard({}).card, {
      faceResults: [null, { kind: 'withdrawn', code: 'reception.face-failed' }],
    });
    const { reception } = start(w.devices);
    w.insert();
    await reception.settled();
    reception.chooseMethod('face');
    await reception.settled();
    expect(await reception.submitFrame(frame)).toMatchObject({ finished: false, cue: 'hold-still' });
    expect(await reception.submitFrame(frame)).toMatchObject({ finished: true });
    expect(reception.view()).toMatchObject({
      screen: 'choose-method',
      methods: ['pin'],
      notice: { code: 'reception.face-failed' },
    });
  });

  it('drops the session and its photo when the card is pulled', async () => {
    const { card, calls, photo } = scriptedCard({});
    const w = world(card, { faceResults: [null] });
    const { reception } = start(w.devices);
    w.insert();
    await reception.settled();
    reception.chooseMethod('face');
    await reception.settled();
    reception.setLanguage('en');
    w.remove();
    expect(reception.view()).toMatchObject({ screen: 'idle', language: 'ja', sessionGeneration: 1 });
    expect([...photo]).toEqual([0, 0, 0, 0]);
    expect(w.faceChecksCancelled()).toBeGreaterThan(0);
    expect(await reception.submitFrame(frame)).toMatchObject({ finished: true });
    await Promise.resolve();
    expect(calls).toContain('release');
  });

  it('sends the patient to staff when the service refuses the confirmation', async () => {
    const w = world(scriptedCard({}).card, { confirm: 'refused' });
    const { reception } = start(w.devices);
    w.insert();
    await reception.settled();
    reception.chooseMethod('pin');
    w.type('1', '2', '3', '4', 'enter');
    await reception.settled();
    reception.submitConsent(
      { medication: false, healthCheck: false, treatment: false, surgery: false },
      false,
    );
    await reception.settled();
    expect(reception.view()).toMatchObject({ screen: 'call-staff' });
  });

  it('ends a session the patient walked away from', async () => {
    vi.useFakeTimers();
    try {
      const w = world(scriptedCard({}).card, {});
      const { reception } = start(w.devices);
      w.insert();
      await reception.settled();
      expect(reception.view().screen).toBe('choose-method');
      vi.advanceTimersByTime(60_000);
      // The card is still on the reader: the kiosk asks for it, and waits until it is taken.
      expect(reception.view()).toMatchObject({ screen: 'take-card', sound: 'take-card' });
      w.remove();
      expect(reception.view()).toMatchObject({ screen: 'idle', notice: null });
    } finally {
      vi.useRealTimers();
    }
  });
});

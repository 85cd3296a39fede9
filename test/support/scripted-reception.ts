// A scripted reception world for the statechart's unit tests: a card that records every secret it
// is given, a card-face step, a face check and a service whose steps can each be held at a gate so
// a test can interrupt them mid-flight.
import type {
  CardEvent,
  CardFaceUnlockOutcome,
  ConfirmationOutcome,
  FaceCheckResult,
  InsertedCard,
  PinKey,
  ReceptionDevices,
  VerifiedPatient,
} from '../../electron/reception/ports';
import type { ErrorCode } from '../../electron/errors/catalogue';
import { KioskError } from '../../electron/errors/kiosk-error';

export type StepName =
  'open' | 'unlock' | 'verify-pin' | 'sign' | 'confirm' | 'authorise' | 'photo' | 'staff-entry';

/** The staff passcode the scripted visual-check port accepts (for 'hanako'). */
export const STAFF_PASSCODE = '482913';

export function scriptedWorld(options: {
  unlocks?: CardFaceUnlockOutcome[];
  faceResults?: Array<FaceCheckResult | null>;
  confirm?: ConfirmationOutcome;
  pinTries?: number;
  token?: InsertedCard['token'];
  /** The confirmation fails (service down, nothing queued). */
  confirmFails?: boolean;
  faults?: ErrorCode[];
  /** The terminal has a phone reader; a phone held to it has this token. */
  phone?: InsertedCard['token'];
}) {
  /** Every secret the card was given, in order. */
  const secrets: string[] = [];
  const held = new Map<StepName, { reached: () => void; release: Promise<void>; open: () => void }>();
  const reachedAt = new Map<StepName, Promise<void>>();
  const gates: Array<() => void> = [];
  let pinTries = options.pinTries ?? 3;
  const pass = async (step: StepName) => {
    const h = held.get(step);
    if (!h) return;
    held.delete(step);
    h.reached();
    await h.release;
  };
  const card: InsertedCard = {
    token: options.token ?? 'card',
    authCertificatePem: async () => '-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n',
    chipExpiryYear: async () => 2034,
    pinStatus: async () => ({ state: 'set', triesLeft: pinTries }),
    verifyPin: async (pin, signal) => {
      await pass('verify-pin');
      if (signal?.aborted) throw Object.assign(new Error('aborted'), { code: 'card.aborted' });
      secrets.push(`pin:${pin}`);
      if (pin === '1234') return { ok: true };
      pinTries -= 1;
      return { ok: false, triesLeft: pinTries };
    },
    signChallenge: async (_challenge, signal) => {
      await pass('sign');
      if (signal?.aborted) throw Object.assign(new Error('aborted'), { code: 'card.aborted' });
      return new Uint8Array([9, 9, 9]);
    },
    cardSurfaceTriesLeft: async () => 10,
    unlockCardSurface: async (digits, signal) => {
      if (signal?.aborted) throw Object.assign(new Error('aborted'), { code: 'card.aborted' });
      secrets.push(`b:${digits}`);
      // A number staff mistype off the card (the last four digits 1111) is rejected, one try spent.
      return digits.endsWith('1111') ? { ok: false, triesLeft: 9 } : { ok: true };
    },
    readCardFace: async () => ({ photoJ2k: new Uint8Array([1, 2, 3]), birthDate: '1984-04-30', sex: 'male' }),
    release: async () => undefined,
  };
  const unlocks = [...(options.unlocks ?? [{ kind: 'unlocked' as const }])];
  const results = [...(options.faceResults ?? [{ kind: 'match' as const }])];
  const confirmed: VerifiedPatient[] = [];
  let cardListener: (event: CardEvent) => void = () => undefined;
  let phoneListener: (event: CardEvent) => void = () => undefined;
  let phoneHeld = false;
  let keyListener: (key: PinKey) => void = () => undefined;
  let present = false;
  const staffCalls: string[] = [];
  const visualChecks: string[] = [];
  const devices: ReceptionDevices = {
    staffCall: { called: (call) => void staffCalls.push(call.reason) },
    ...(options.faults ? { health: { faults: async () => options.faults ?? [] } } : {}),
    cardSlot: {
      onCard: (listener) => ((cardListener = listener), () => undefined),
      cardPresent: () => present,
    },
    ...(options.phone
      ? {
          phoneSlot: {
            onCard: (listener: (event: CardEvent) => void) => ((phoneListener = listener), () => undefined),
            cardPresent: () => phoneHeld,
          },
        }
      : {}),
    pinPad: { onKey: (listener) => ((keyListener = listener), () => undefined) },
    cardFace: {
      begin: (forCard) => ({
        unlock: async (_year, signal) => {
          await pass('unlock');
          const outcome = unlocks.shift() ?? { kind: 'pin-or-staff', code: 'card-face.use-pin-or-staff' };
          if (outcome.kind === 'unlocked') await forCard.unlockCardSurface('59043020341234', signal);
          return outcome;
        },
        unlockFromStaffEntry: async (typed, _year, signal) => {
          if (!/^\d{14}$/.test(typed)) throw new KioskError('card-face.staff-entry-invalid');
          await pass('staff-entry');
          const outcome = await forCard.unlockCardSurface(typed, signal);
          return outcome.ok
            ? { kind: 'unlocked' }
            : { kind: 'staff', code: 'card-face.staff-entry-rejected', triesLeft: outcome.triesLeft };
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
        cancel: () => undefined,
      }),
    },
    visualCheck: {
      staffNames: () => ['hanako'],
      authorise: async (name, passcode) => {
        await pass('authorise');
        return name === 'hanako' && passcode === STAFF_PASSCODE
          ? { ok: true, staff: { accountId: 1, name, role: 'staff' } }
          : { ok: false, code: 'staff.login-failed' };
      },
      decided: (staff, decision) => void visualChecks.push(`${staff.name}:${decision}`),
      collationNumberEntered: (staff, _pem, outcome) =>
        void visualChecks.push(`${staff.name}:collation-number:${outcome.ok ? 'ok' : 'refused'}`),
      photoDataUrl: async () => {
        await pass('photo');
        return 'data:image/jpeg;base64,AAAA';
      },
    },
    eligibility: {
      challenge: async () => 'challenge',
      confirm: async (patient) => {
        await pass('confirm');
        if (options.confirmFails) throw new KioskError('eligibility.unavailable');
        confirmed.push(patient);
        return options.confirm ?? { result: 'confirmed' };
      },
    },
  };
  return {
    devices,
    secrets,
    confirmed,
    staffCalls,
    /** Staff decisions audited by the scripted visual-check port. */
    visualChecks,
    /** The next run of `step` waits until `release()`; `reached` resolves when it is waiting. */
    hold(step: StepName) {
      let reached: () => void = () => undefined;
      let open: () => void = () => undefined;
      const release = new Promise<void>((resolve) => (open = resolve));
      reachedAt.set(step, new Promise<void>((resolve) => (reached = resolve)));
      held.set(step, { reached: () => reached(), release, open: () => open() });
      gates.push(() => open());
      return { reached: reachedAt.get(step)!, release: () => open() };
    },
    /** Lets every held step go and holds nothing more. */
    releaseAll() {
      held.clear();
      for (const open of gates) open();
    },
    insert: () => {
      present = true;
      cardListener({
        type: 'inserted',
        open: async () => {
          await pass('open');
          return card;
        },
      });
    },
    remove: () => {
      present = false;
      cardListener({ type: 'removed' });
    },
    /** A phone (token `options.phone`) held to the phone reader; it shares the card's script. */
    holdPhone: () => {
      phoneHeld = true;
      phoneListener({
        type: 'inserted',
        open: async () => {
          await pass('open');
          return { ...card, token: options.phone ?? 'android' };
        },
      });
    },
    takePhoneAway: () => {
      phoneHeld = false;
      phoneListener({ type: 'removed' });
    },
    phoneHeld: () => phoneHeld,
    type: (...keys: PinKey[]) => keys.forEach((key) => keyListener(key)),
  };
}

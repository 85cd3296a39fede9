// The reception flow as one statechart (XState v5): every state, event and guard is declared here
// once. Each device step — reading the card, the card-face unlock, the PIN VERIFY and signature, the
// confirmation — is an invoked actor. Leaving its state (card pulled, やめる, 職員を呼ぶ, timeout,
// another card) stops the actor, which aborts its AbortSignal; the card session checks that signal
// before every APDU that carries a secret, so no VERIFY the step has not yet sent is ever sent.
//
// Personal data lives in the context's `Session`, which is wiped when the `session` state is left.
import { randomInt } from 'node:crypto';
import { assign, fromPromise as xstateFromPromise, setup } from 'xstate';
import type { ConsentAnswers, Language, VerificationChoice } from '../contract';
import type { ErrorCode } from '../errors/catalogue';
import { isKioskError } from '../errors/kiosk-error';
import type { Logger } from '../log/logger';
import type {
  CardFaceData,
  CardFaceUnlockOutcome,
  ConfirmationOutcome,
  FaceCheck,
  FaceCheckResult,
  HealthPort,
  InsertedCard,
  PinKey,
  PinStatus,
  ReceptionDevices,
  VerifiedPatient,
} from './ports';
import { Session } from './session';
import {
  authoriseStaff,
  collationEntryOffered,
  enterVisualCheck,
  isMistypedCollationNumber,
  leaveVisualCheck,
  prepareVisualCheck,
  recordDecision,
  unlockFromStaffEntry,
  visualCheckOffered,
} from './visual-check-flow';

export const PIN_LENGTH = 4;

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;

/** The digits in a fresh random order (Fisher–Yates over a CSPRNG): a layout that says nothing. */
function shuffledDigits(): string[] {
  const digits: string[] = [...DIGITS];
  for (let i = digits.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [digits[i], digits[j]] = [digits[j]!, digits[i]!];
  }
  return digits;
}

export type ResetReason = 'timeout' | 'recovery' | 'card-removed' | 'completed' | 'cancelled' | 'staff';

export type ReceptionEvent =
  | { type: 'CARD_INSERTED'; open: (signal?: AbortSignal) => Promise<InsertedCard> }
  | { type: 'CARD_REMOVED' }
  /** A smartphone held to the phone reader beside the kiosk, and taken away. */
  | { type: 'PHONE_HELD'; open: (signal?: AbortSignal) => Promise<InsertedCard> }
  | { type: 'PHONE_TAKEN_AWAY' }
  | { type: 'CHOOSE'; method: VerificationChoice }
  | { type: 'PIN_KEY'; key: PinKey }
  /** The on-screen keypad's 確定: the four digits, sent once (terminals without a PIN pad). */
  | { type: 'PIN_SUBMITTED'; pin: string }
  /** On the pin-last-try screen: the patient chose to spend the card's last PIN try. */
  | { type: 'CONFIRM_LAST_TRY' }
  | { type: 'CONSENT'; answers: ConsentAnswers; agreedToAll: boolean }
  | { type: 'FACE_DECIDED'; check: FaceCheck; result: FaceCheckResult }
  | { type: 'CALL_STAFF' }
  | { type: 'CANCEL' }
  | { type: 'TIMEOUT' }
  | { type: 'RESET'; reason: ResetReason }
  | { type: 'SET_LANGUAGE'; language: Language }
  /** From the call-staff screen: back to where the patient was. */
  | { type: 'BACK' }
  /** The health check at start (and its re-checks) found faults, or none. */
  | { type: 'HEALTH'; faults: readonly ErrorCode[] }
  /** The staff control on the call-staff screen: staff check the patient by sight (目視確認). */
  | { type: 'VISUAL_CHECK' }
  /** Staff's name and passcode typed on the kiosk's screen; checked on the trusted side, never kept. */
  | { type: 'STAFF_PASSCODE'; name: string; passcode: string }
  | { type: 'VISUAL_CHECK_DECIDED'; decision: 'confirm' | 'refuse' }
  /** 照合番号B typed by staff off the card in hand (card face unreadable); sent once, never kept. */
  | { type: 'STAFF_COLLATION_NUMBER'; typed: string }
  /** Staff go on without 照合番号B: the visual check against the printed card, no chip photo. */
  | { type: 'STAFF_COLLATION_SKIP' };

/** Keeps count of device steps still running, stopped ones included (for `settled()`). */
export interface StepTracker {
  track<T>(step: Promise<T>): Promise<T>;
}

export interface ReceptionInput {
  devices: ReceptionDevices | null;
  steps: StepTracker;
  defaultLanguage: Language;
  languages: readonly Language[];
  log: Logger;
  /** While out of service, the health port is asked again this long after each check. */
  healthRecheckMs: number;
}

export interface ReceptionContext extends ReceptionInput {
  language: Language;
  /** Grows whenever a session ends, so the renderer can drop anything it drew. */
  sessionGeneration: number;
  session: Session | null;
  open: ((signal?: AbortSignal) => Promise<InsertedCard>) | null;
  /** The opener is the phone reader's (a smartphone), not the kiosk reader's. */
  openedOnPhoneReader: boolean;
  /** What the current screen tells the patient besides its title (why a choice is back, …). */
  notice: ErrorCode | null;
  /** Why staff is called (call-staff) or why the card cannot be used (card-unusable). */
  reason: ErrorCode | null;
  cardFaceAttempt: number;
  pinDigits: number;
  /** The on-screen keypad's digits in the order drawn (shuffled anew for each PIN entry if so set). */
  keypadLayout: readonly string[];
  result: 'confirmed' | 'queued' | null;
  /** A word on the idle screen about how the last session ended (card pulled). */
  idleNotice: ErrorCode | null;
  /** Why the take-card screen asks for the card. */
  takeCardReason: ErrorCode;
  /** Why the kiosk is out of service (for staff). */
  faults: readonly ErrorCode[];
  /** The staff side was told about the current call. */
  staffNotified: boolean;
}

interface CardRead {
  card: InsertedCard;
  authCertificatePem: string | null;
  chipExpiryYear: number | null;
  pinStatus: PinStatus | null;
}

type CardFaceStep =
  | { kind: 'face-ready'; face: CardFaceData; check: FaceCheck }
  | Exclude<CardFaceUnlockOutcome, { kind: 'unlocked' }>;

/** The iPhone's signature over a fresh challenge: it verified its holder itself. */
type PhoneSignature = { challenge: string; signature: string };

type PinStep =
  | { kind: 'verified'; pinSignature: { challenge: string; signature: string } }
  | { kind: 'wrong'; triesLeft: number; atFloor: boolean }
  | { kind: 'locked' }
  /** Nothing was sent: the card is on its last try and the patient has not confirmed spending it. */
  | { kind: 'confirm-last-try' };

/** A device step as a promise actor, counted by the tracker until it has really finished. */
function fromPromise<T, I extends { steps: StepTracker }>(
  run: (args: { input: I; signal: AbortSignal }) => Promise<T>,
) {
  return xstateFromPromise<T, I>(({ input, signal }) => input.steps.track(run({ input, signal })));
}

/** Waits `ms`; an abort (the state was left) ends the wait and its timer. */
/** An Android phone on the phone reader whose certificate PIN can be typed here (keypad or screen). */
function androidPinUsable(context: ReceptionContext, card: CardRead): boolean {
  const status = card.pinStatus;
  return (
    context.openedOnPhoneReader &&
    card.card.token === 'android' &&
    (context.devices?.pinPad != null || context.devices?.onScreenKeypad !== undefined) &&
    status?.state === 'set' &&
    status.atFloor !== true
  );
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

const errorCode = (error: unknown): ErrorCode => (isKioskError(error) ? error.code : 'kiosk.internal');

/** Ends a step that was taken back: what it opened is let go, and nothing more is done. */
async function unlessAborted<T>(signal: AbortSignal, value: T, undo: () => void | Promise<void>): Promise<T> {
  if (!signal.aborted) return value;
  await undo();
  throw signal.reason;
}

const need = <T>(value: T | null | undefined, what: string): T => {
  if (value === null || value === undefined) throw new Error(`reception: ${what} missing`);
  return value;
};

export const receptionMachine = setup({
  types: {
    context: {} as ReceptionContext,
    events: {} as ReceptionEvent,
    input: {} as ReceptionInput,
  },
  actors: {
    readCard: fromPromise<
      CardRead,
      { steps: StepTracker; open: (signal?: AbortSignal) => Promise<InsertedCard> }
    >(async ({ input, signal }) => {
      const card = await input.open(signal);
      try {
        if (card.token === 'not-my-number') {
          return await unlessAborted(
            signal,
            { card, authCertificatePem: null, chipExpiryYear: null, pinStatus: null },
            () => card.release(),
          );
        }
        const authCertificatePem = await card.authCertificatePem(signal);
        const chipExpiryYear = await card.chipExpiryYear(signal);
        const pinStatus: PinStatus =
          card.token === 'iphone' ? { state: 'not-set' } : await card.pinStatus(signal);
        return await unlessAborted(signal, { card, authCertificatePem, chipExpiryYear, pinStatus }, () =>
          card.release(),
        );
      } catch (error) {
        if (signal.aborted) await card.release().catch(() => undefined);
        throw error;
      }
    }),
    cardFace: fromPromise<CardFaceStep, { steps: StepTracker; session: Session; devices: ReceptionDevices }>(
      async ({ input: { session, devices }, signal }) => {
        const card = need(session.card, 'card');
        if (session.chipExpiryYear === null) {
          // Without the chip's own expiry the read cannot be cross-checked: never risk a try.
          return { kind: 'pin-or-staff', code: 'card-face.use-pin-or-staff' };
        }
        session.cardFaceUnlocker ??= devices.cardFace.begin(card);
        const outcome = await session.cardFaceUnlocker.unlock(session.chipExpiryYear, signal);
        if (outcome.kind !== 'unlocked') return outcome;
        const face = await card.readCardFace(signal);
        const check = await devices.face.start(face.photoJ2k, signal);
        return unlessAborted(signal, { kind: 'face-ready', face, check } as const, () => check.cancel());
      },
    ),
    verifyPin: fromPromise<PinStep, { steps: StepTracker; session: Session; devices: ReceptionDevices }>(
      async ({ input: { session, devices }, signal }) => {
        const card = need(session.card, 'card');
        const { pin, lastTryConfirmed } = session.takePendingPin();
        // The last try is never spent unasked; the driver checks it again against the card's counter.
        if (session.onLastPinTry() && !lastTryConfirmed) return { kind: 'confirm-last-try' };
        // Exactly one VERIFY per press of Enter; a wrong PIN is never re-sent.
        const outcome = await card.verifyPin(pin, signal, { lastTryConfirmed });
        if (!outcome.ok && outcome.lastTryUnconfirmed === true) return { kind: 'confirm-last-try' };
        if (!outcome.ok) {
          return outcome.triesLeft > 0
            ? { kind: 'wrong', triesLeft: outcome.triesLeft, atFloor: outcome.atFloor === true }
            : { kind: 'locked' };
        }
        const challenge = await devices.eligibility.challenge();
        // The card signs the challenge's UTF-8 bytes, as the service verifies them.
        const signature = await card.signChallenge(new TextEncoder().encode(challenge), signal);
        return {
          kind: 'verified',
          pinSignature: { challenge, signature: Buffer.from(signature).toString('base64') },
        };
      },
    ),
    /** iPhone: no VERIFY from the kiosk; the phone asks its holder (Face ID / Touch ID) before it signs. */
    signOnPhone: fromPromise<
      PhoneSignature,
      { steps: StepTracker; session: Session; devices: ReceptionDevices }
    >(async ({ input: { session, devices }, signal }) => {
      const card = need(session.card, 'card');
      const challenge = await devices.eligibility.challenge();
      const signature = await card.signChallenge(new TextEncoder().encode(challenge), signal);
      return { challenge, signature: Buffer.from(signature).toString('base64') };
    }),
    confirm: fromPromise<
      ConfirmationOutcome,
      { steps: StepTracker; patient: VerifiedPatient; devices: ReceptionDevices }
    >(({ input }) => input.devices.eligibility.confirm(input.patient)),
    authoriseStaff,
    prepareVisualCheck,
    unlockFromStaffEntry,
    /** The health port asked again after a pause (not a device step: `settled()` does not wait for it). */
    recheckHealth: xstateFromPromise<readonly ErrorCode[], { health: HealthPort | null; delayMs: number }>(
      async ({ input, signal }) => {
        await delay(input.delayMs, signal);
        if (!input.health) return new Promise<never>(() => undefined); // no port: nothing to re-check
        return input.health.faults();
      },
    ),
  },
  guards: {
    hasDevices: ({ context }) => context.devices !== null,
    /** The card is still on the reader: the next session waits until it is taken. */
    cardLeftOn: ({ context }) => context.devices?.cardSlot.cardPresent() ?? false,
    /** Back from the call-staff screen is possible once the card was read. */
    canGoBack: ({ context }) =>
      context.session?.card !== null &&
      context.session?.card !== undefined &&
      context.session.card.token !== 'not-my-number' &&
      context.session.verifiedBy === null,
    healthy: (_, params: { faults: readonly ErrorCode[] }) => params.faults.length === 0,
    faulty: (_, params: { faults: readonly ErrorCode[] }) => params.faults.length > 0,
    notMyNumberCard: (_, params: { card: CardRead }) => params.card.card.token === 'not-my-number',
    hasPhoneReader: ({ context }) => context.devices?.phoneSlot !== undefined,
    cardOnPhoneReader: ({ context }, params: { card: CardRead }) =>
      context.openedOnPhoneReader && params.card.card.token === 'card',
    /** An iPhone on the phone reader: it verifies its holder itself. */
    iphoneOnPhoneReader: ({ context }, params: { card: CardRead }) =>
      context.openedOnPhoneReader && params.card.card.token === 'iphone',
    /** An Android phone on the phone reader whose certificate PIN can be typed on this keypad now. */
    androidPinOnPhoneReader: ({ context }, params: { card: CardRead }) =>
      androidPinUsable(context, params.card),
    /** The same on its last try: the patient confirms first, as for a card. */
    androidLastTryOnPhoneReader: ({ context }, params: { card: CardRead }) =>
      androidPinUsable(context, params.card) &&
      params.card.pinStatus?.state === 'set' &&
      params.card.pinStatus.triesLeft === 1,
    /** The smartphone left the phone reader before it proved who its holder is. */
    phoneLeftUnverified: ({ context }) =>
      context.session?.onPhoneReader === true && context.session.verifiedBy === null,
    cardRemoved: (_, params: { error: unknown }) =>
      isKioskError(params.error) && params.error.code === 'card.removed',
    /** The patient chose `wanted`, and this card and terminal offer it. */
    chose: ({ context }, params: { method: VerificationChoice; wanted: VerificationChoice }) =>
      params.method === params.wanted &&
      // 職員を呼ぶ is always possible; the others only where this card and terminal offer them.
      (params.method === 'staff' || (context.session?.availableMethods().includes(params.method) ?? false)),
    currentFaceCheck: ({ context }, params: { check: FaceCheck }) =>
      context.session?.faceCheck === params.check,
    languageOffered: ({ context }, params: { language: Language }) =>
      context.languages.includes(params.language),
  },
  actions: {
    startSession: assign(({ context }) => ({
      session: Object.assign(
        new Session(context.devices?.pinPad != null || context.devices?.onScreenKeypad !== undefined),
        { onPhoneReader: context.openedOnPhoneReader },
      ),
      idleNotice: null,
      notice: null,
      reason: null,
      cardFaceAttempt: 0,
      pinDigits: 0,
      result: null,
    })),
    /** The session's personal data is wiped and its card let go; the next patient starts afresh. */
    endSession: assign(({ context }) => {
      const ending = context.session;
      if (ending) {
        const card = ending.card;
        ending.wipe();
        if (card) void context.steps.track(card.release().catch(() => undefined));
      }
      return {
        session: null,
        open: null,
        language: context.defaultLanguage,
        sessionGeneration: context.sessionGeneration + 1,
        notice: null,
        reason: null,
      };
    }),
    /** A reset from idle still tells the renderer to drop what it drew. */
    bumpGeneration: assign(({ context }) => ({
      sessionGeneration: context.sessionGeneration + 1,
      language: context.defaultLanguage,
    })),
    logEnd: ({ context }, params: { reason: ResetReason }) =>
      context.log.info('reception.session-ended', { reason: params.reason }),
    keepOpener: assign(
      (_, params: { open: (signal?: AbortSignal) => Promise<InsertedCard>; phone?: boolean }) => ({
        open: params.open,
        openedOnPhoneReader: params.phone === true,
      }),
    ),
    storeCard: ({ context }, params: { card: CardRead }) => {
      const session = need(context.session, 'session');
      session.card = params.card.card;
      session.authCertificatePem = params.card.authCertificatePem;
      session.chipExpiryYear = params.card.chipExpiryYear;
      session.pinStatus = params.card.pinStatus;
      context.log.info('reception.card-read', {
        token: params.card.card.token,
        methods: session.availableMethods().join(','),
      });
    },
    setNotice: assign((_, params: { code: ErrorCode | null }) => ({ notice: params.code })),
    setReason: assign((_, params: { code: ErrorCode }) => ({ reason: params.code })),
    logStepFailed: ({ context }, params: { error: unknown }) =>
      context.log.warn('reception.step-failed', {
        code: errorCode(params.error),
        detail: isKioskError(params.error)
          ? params.error.logDetail
          : params.error instanceof Error
            ? params.error.name
            : 'unknown',
      }),
    logChoice: ({ context }, params: { method: VerificationChoice }) =>
      context.log.info('reception.method-chosen', { method: params.method }),
    logStaffCalled: ({ context, self }) =>
      context.log.info('reception.staff-called', { from: JSON.stringify(self.getSnapshot().value) }),
    withdrawFace: ({ context }) => {
      if (context.session) context.session.faceWithdrawn = true;
    },
    /** Why the face path is gone, in the patient's words (a Western-dated card gets the true reason). */
    withdrawFaceBecause: assign(({ context }, params: { code: ErrorCode | null }) => {
      const code =
        params.code === 'card-face.western-date-unsupported' ? 'reception.face-western-date' : params.code;
      if (context.session) {
        context.session.faceWithdrawn = true;
        context.session.faceWithdrawnBecause = code;
      }
      return { notice: code };
    }),
    countPlacement: assign(({ context }) => ({ cardFaceAttempt: context.cardFaceAttempt + 1 })),
    logCardFace: ({ context }, params: { outcome: string }) =>
      context.log.info('reception.card-face', { outcome: params.outcome, attempt: context.cardFaceAttempt }),
    storeFace: ({ context }, params: { step: CardFaceStep }) => {
      if (params.step.kind !== 'face-ready') return;
      const session = need(context.session, 'session');
      session.cardFace = params.step.face;
      session.faceCheck = params.step.check;
    },
    dropFaceCheck: ({ context }) => {
      context.session?.faceCheck?.cancel();
      if (context.session) context.session.faceCheck = null;
    },
    faceMatched: ({ context }) => {
      need(context.session, 'session').verifiedBy = 'face';
      context.log.info('reception.face-result', { result: 'match' });
    },
    logFaceWithdrawn: ({ context }) => context.log.info('reception.face-result', { result: 'withdrawn' }),
    typeDigit: assign(({ context }, params: { key: PinKey }) => {
      need(context.session, 'session').pin.push(params.key);
      return { pinDigits: context.pinDigits + 1, notice: null };
    }),
    clearPin: assign(({ context }) => {
      context.session?.clearPin();
      return { pinDigits: 0 };
    }),
    /** By Enter (or 確定 on the screen) the digits go to the one VERIFY about to be sent; else dropped. */
    leavePinEntry: assign(({ context, event }) => {
      const entered = event.type === 'PIN_KEY' && event.key === 'enter' && context.pinDigits === PIN_LENGTH;
      if (event.type === 'PIN_SUBMITTED') context.session?.handOverPin(event.pin);
      else if (entered) context.session?.handOverPin();
      else context.session?.dropPinEntry();
      return { pinDigits: 0 };
    }),
    layOutKeypad: assign(({ context }) => ({
      keypadLayout: context.devices?.onScreenKeypad?.layout === 'shuffled' ? shuffledDigits() : [...DIGITS],
    })),
    pinWrong: ({ context }, params: { step: PinStep }) => {
      const session = need(context.session, 'session');
      if (params.step.kind === 'wrong') {
        session.pinStatus = { state: 'set', triesLeft: params.step.triesLeft, atFloor: params.step.atFloor };
        context.log.info('card.pin-wrong', { triesLeft: params.step.triesLeft });
      } else if (params.step.kind === 'locked') {
        session.pinStatus = { state: 'locked' };
        context.log.info('card.pin-wrong', { triesLeft: 0 });
      }
    },
    confirmLastTry: ({ context }) => {
      need(context.session, 'session').lastTryConfirmed = true;
      context.log.info('reception.pin-last-try', { step: 'confirmed' });
    },
    phoneVerified: ({ context }, params: { signature: PhoneSignature }) => {
      const session = need(context.session, 'session');
      session.pinSignature = params.signature;
      session.verifiedBy = 'smartphone';
      context.log.info('reception.phone-verified', { token: session.card?.token ?? 'none' });
      // Nothing more is asked of the phone: let it go now (an iPhone is told the reader is done).
      if (session.card) void context.steps.track(session.card.release().catch(() => undefined));
    },
    pinVerified: ({ context }, params: { step: PinStep }) => {
      if (params.step.kind !== 'verified') return;
      const session = need(context.session, 'session');
      session.pinSignature = params.step.pinSignature;
      session.verifiedBy = 'pin';
    },
    logConsent: ({ context }, params: { answers: ConsentAnswers; agreedToAll: boolean }) =>
      context.log.info('reception.consent', {
        agreedToAll: params.agreedToAll,
        items: Object.values(params.answers).filter(Boolean).length,
      }),
    keepConsent: ({ context }, params: { answers: ConsentAnswers }) => {
      need(context.session, 'session').consent = params.answers;
    },
    confirmed: assign(({ context }, params: { outcome: ConfirmationOutcome }) => {
      context.log.info('reception.confirmation', {
        result: params.outcome.result,
        method: context.session?.verifiedBy ?? 'none',
      });
      context.session?.wipe(); // nothing personal is needed after the service has the confirmation
      return params.outcome.result === 'refused'
        ? { reason: params.outcome.code, result: null }
        : { result: params.outcome.result };
    }),
    setLanguage: assign((_, params: { language: Language }) => ({ language: params.language })),
    setIdleNotice: assign((_, params: { code: ErrorCode | null }) => ({ idleNotice: params.code })),
    setTakeCardReason: assign((_, params: { code: ErrorCode }) => ({ takeCardReason: params.code })),
    setFaults: assign((_, params: { faults: readonly ErrorCode[] }) => ({ faults: params.faults })),
    /** Tells the staff side (event hub, metrics, the reader's light or sound). */
    notifyStaff: assign(({ context, self }) => {
      const reason = context.reason ?? 'reception.staff-requested';
      const port = context.devices?.staffCall;
      port?.called({ reason, from: JSON.stringify(self.getSnapshot().value) });
      context.log.info('reception.staff-notified', { reason, notified: port !== undefined });
      return { staffNotified: port !== undefined };
    }),
  },
}).createMachine({
  id: 'reception',
  context: ({ input }) => ({
    ...input,
    language: input.defaultLanguage,
    sessionGeneration: 0,
    session: null,
    open: null,
    openedOnPhoneReader: false,
    notice: null,
    reason: null,
    cardFaceAttempt: 0,
    pinDigits: 0,
    keypadLayout: [...DIGITS],
    result: null,
    idleNotice: null,
    takeCardReason: 'reception.take-card',
    faults: [],
    staffNotified: false,
  }),
  initial: 'idle',
  on: {
    SET_LANGUAGE: {
      guard: { type: 'languageOffered', params: ({ event }) => ({ language: event.language }) },
      actions: { type: 'setLanguage', params: ({ event }) => ({ language: event.language }) },
    },
    RESET: [
      {
        guard: ({ context }) => context.session !== null,
        target: '.idle',
        actions: { type: 'logEnd', params: ({ event }) => ({ reason: event.reason }) },
      },
      { target: '.idle', reenter: true, actions: 'bumpGeneration' },
    ],
  },
  states: {
    idle: {
      on: {
        HEALTH: {
          guard: { type: 'faulty', params: ({ event }) => ({ faults: event.faults }) },
          target: 'outOfService',
          actions: { type: 'setFaults', params: ({ event }) => ({ faults: event.faults }) },
        },
        CARD_INSERTED: {
          guard: 'hasDevices',
          target: 'session',
          actions: { type: 'keepOpener', params: ({ event }) => ({ open: event.open }) },
        },
        // A phone held to the phone reader needs no tap first.
        PHONE_HELD: {
          guard: 'hasPhoneReader',
          target: 'session',
          actions: { type: 'keepOpener', params: ({ event }) => ({ open: event.open, phone: true }) },
        },
        CHOOSE: {
          guard: ({ context, event }) =>
            event.method === 'smartphone' && context.devices?.phoneSlot !== undefined,
          target: 'phoneWait',
          actions: { type: 'logChoice', params: { method: 'smartphone' } },
        },
        CALL_STAFF: { target: 'staffCalled', actions: 'logStaffCalled' },
      },
    },
    /** スマートフォン chosen on the idle screen: waiting for the phone on the phone reader. */
    phoneWait: {
      on: {
        PHONE_HELD: {
          target: 'session',
          actions: { type: 'keepOpener', params: ({ event }) => ({ open: event.open, phone: true }) },
        },
        CARD_INSERTED: {
          guard: 'hasDevices',
          target: 'session',
          actions: { type: 'keepOpener', params: ({ event }) => ({ open: event.open }) },
        },
        CANCEL: { target: 'idle', actions: 'bumpGeneration' },
        TIMEOUT: { target: 'idle', actions: 'bumpGeneration' },
        CALL_STAFF: { target: 'staffCalled', actions: 'logStaffCalled' },
      },
    },
    /** The reader, the camera or the service is down: no patient can be taken. */
    outOfService: {
      // Checked again until healthy; leaving the state stops the check (and its timer).
      invoke: {
        src: 'recheckHealth',
        input: ({ context }) => ({
          health: context.devices?.health ?? null,
          delayMs: context.healthRecheckMs,
        }),
        onDone: [
          {
            guard: { type: 'healthy', params: ({ event }) => ({ faults: event.output }) },
            target: 'idle',
            actions: { type: 'setFaults', params: { faults: [] } },
          },
          {
            target: 'outOfService',
            reenter: true,
            actions: { type: 'setFaults', params: ({ event }) => ({ faults: event.output }) },
          },
        ],
        onError: {
          target: 'outOfService',
          reenter: true,
          actions: { type: 'setFaults', params: { faults: ['kiosk.internal'] } },
        },
      },
      on: {
        HEALTH: {
          guard: { type: 'healthy', params: ({ event }) => ({ faults: event.faults }) },
          target: 'idle',
          actions: { type: 'setFaults', params: { faults: [] } },
        },
      },
    },
    /** The session is over, the card still on the reader: no new session until it is taken. */
    takeCard: {
      on: {
        CARD_REMOVED: { target: 'idle', actions: { type: 'setIdleNotice', params: { code: null } } },
        CARD_INSERTED: {
          guard: 'hasDevices',
          target: 'session',
          actions: { type: 'keepOpener', params: ({ event }) => ({ open: event.open }) },
        },
        CALL_STAFF: { target: 'staffCalled', actions: 'logStaffCalled' },
      },
    },
    /** 職員を呼ぶ with no card on the reader. */
    staffCalled: {
      entry: [{ type: 'setReason', params: { code: 'reception.staff-requested' } }, 'notifyStaff'],
      on: {
        BACK: { target: 'idle' },
        CANCEL: { target: 'idle', actions: 'bumpGeneration' },
        TIMEOUT: { target: 'idle', actions: 'bumpGeneration' },
        CARD_INSERTED: {
          guard: 'hasDevices',
          target: 'session',
          actions: { type: 'keepOpener', params: ({ event }) => ({ open: event.open }) },
        },
      },
    },
    session: {
      initial: 'readingCard',
      entry: 'startSession',
      exit: 'endSession',
      on: {
        CARD_REMOVED: {
          target: 'idle',
          actions: [
            { type: 'logEnd', params: { reason: 'card-removed' } },
            { type: 'setIdleNotice', params: { code: 'reception.card-pulled' } },
          ],
        },
        // Once the phone has proved who its holder is, it may go: consent is answered on the kiosk.
        PHONE_TAKEN_AWAY: {
          guard: 'phoneLeftUnverified',
          target: 'idle',
          actions: [
            { type: 'logEnd', params: { reason: 'card-removed' } },
            { type: 'setIdleNotice', params: { code: 'reception.phone-taken-away' } },
          ],
        },
        CANCEL: [
          {
            guard: 'cardLeftOn',
            target: 'takeCard',
            actions: [
              { type: 'logEnd', params: { reason: 'cancelled' } },
              { type: 'setTakeCardReason', params: { code: 'reception.take-card' } },
            ],
          },
          { target: 'idle', actions: { type: 'logEnd', params: { reason: 'cancelled' } } },
        ],
        TIMEOUT: [
          {
            guard: 'cardLeftOn',
            target: 'takeCard',
            actions: [
              { type: 'logEnd', params: { reason: 'timeout' } },
              { type: 'setTakeCardReason', params: { code: 'reception.take-card-timeout' } },
            ],
          },
          { target: 'idle', actions: { type: 'logEnd', params: { reason: 'timeout' } } },
        ],
        CALL_STAFF: {
          target: '.callStaff',
          actions: ['logStaffCalled', { type: 'setReason', params: { code: 'reception.staff-requested' } }],
        },
        // A new card without a removal first: the old session ends, a new one starts.
        CARD_INSERTED: {
          target: 'session',
          reenter: true,
          actions: [
            { type: 'logEnd', params: { reason: 'card-removed' } },
            { type: 'keepOpener', params: ({ event }) => ({ open: event.open }) },
          ],
        },
      },
      states: {
        readingCard: {
          invoke: {
            id: 'readCard',
            src: 'readCard',
            input: ({ context }) => ({ steps: context.steps, open: need(context.open, 'opener') }),
            onDone: [
              {
                guard: { type: 'iphoneOnPhoneReader', params: ({ event }) => ({ card: event.output }) },
                target: 'phoneSigning',
                actions: [
                  { type: 'storeCard', params: ({ event }) => ({ card: event.output }) },
                  { type: 'setNotice', params: { code: null } },
                ],
              },
              {
                // The phone's last PIN try: confirmed first, as for a card.
                guard: {
                  type: 'androidLastTryOnPhoneReader',
                  params: ({ event }) => ({ card: event.output }),
                },
                target: 'pinLastTry',
                actions: [
                  { type: 'storeCard', params: ({ event }) => ({ card: event.output }) },
                  { type: 'logChoice', params: { method: 'pin' } },
                  { type: 'setNotice', params: { code: null } },
                ],
              },
              {
                // The phone certificate's PIN on the kiosk's keypad, with the card PIN's rules.
                guard: { type: 'androidPinOnPhoneReader', params: ({ event }) => ({ card: event.output }) },
                target: 'pinEntry',
                actions: [
                  { type: 'storeCard', params: ({ event }) => ({ card: event.output }) },
                  { type: 'logChoice', params: { method: 'pin' } },
                  { type: 'setNotice', params: { code: null } },
                ],
              },
              {
                // The phone reader is for phones: a card there is turned away before anything is sent.
                guard: { type: 'cardOnPhoneReader', params: ({ event }) => ({ card: event.output }) },
                target: 'cardUnusable',
                actions: [
                  { type: 'storeCard', params: ({ event }) => ({ card: event.output }) },
                  { type: 'setReason', params: { code: 'reception.card-on-phone-reader' } },
                ],
              },
              {
                guard: { type: 'notMyNumberCard', params: ({ event }) => ({ card: event.output }) },
                target: 'cardUnusable',
                actions: [
                  { type: 'storeCard', params: ({ event }) => ({ card: event.output }) },
                  { type: 'setReason', params: { code: 'card.not-my-number-card' } },
                ],
              },
              {
                target: 'chooseMethod',
                actions: [
                  { type: 'storeCard', params: ({ event }) => ({ card: event.output }) },
                  { type: 'setNotice', params: { code: null } },
                ],
              },
            ],
            onError: [
              {
                guard: { type: 'cardRemoved', params: ({ event }) => ({ error: event.error }) },
                target: '#reception.idle',
                actions: { type: 'logEnd', params: { reason: 'card-removed' } },
              },
              {
                target: 'callStaff',
                actions: [
                  { type: 'logStepFailed', params: ({ event }) => ({ error: event.error }) },
                  { type: 'setReason', params: ({ event }) => ({ code: errorCode(event.error) }) },
                ],
              },
            ],
          },
        },
        /** Not a My Number card (or a token the kiosk cannot use): take it back. */
        cardUnusable: {},
        chooseMethod: {
          on: {
            CHOOSE: [
              {
                guard: { type: 'chose', params: ({ event }) => ({ method: event.method, wanted: 'face' }) },
                target: 'cardFace',
                actions: { type: 'logChoice', params: { method: 'face' } },
              },
              {
                // The last try: the patient first confirms, knowing a wrong PIN locks the card.
                guard: ({ context, event }) =>
                  event.method === 'pin' &&
                  (context.session?.availableMethods().includes('pin') ?? false) &&
                  (context.session?.onLastPinTry() ?? false),
                target: 'pinLastTry',
                actions: [
                  { type: 'logChoice', params: { method: 'pin' } },
                  { type: 'setNotice', params: { code: null } },
                ],
              },
              {
                guard: { type: 'chose', params: ({ event }) => ({ method: event.method, wanted: 'pin' }) },
                target: 'pinEntry',
                actions: [
                  { type: 'logChoice', params: { method: 'pin' } },
                  { type: 'setNotice', params: { code: null } },
                ],
              },
              {
                guard: { type: 'chose', params: ({ event }) => ({ method: event.method, wanted: 'staff' }) },
                target: 'callStaff',
                actions: [
                  { type: 'logChoice', params: { method: 'staff' } },
                  { type: 'setReason', params: { code: 'reception.staff-requested' } },
                ],
              },
            ],
          },
        },
        /** Reading 照合番号B from the printed card face, then at most one VERIFY; then the card photo. */
        cardFace: {
          entry: 'countPlacement',
          invoke: {
            id: 'cardFace',
            src: 'cardFace',
            input: ({ context }) => ({
              steps: context.steps,
              session: need(context.session, 'session'),
              devices: need(context.devices, 'devices'),
            }),
            onDone: [
              {
                guard: ({ event }) => event.output.kind === 'face-ready',
                target: 'faceCapture',
                actions: [
                  { type: 'logCardFace', params: { outcome: 'unlocked' } },
                  { type: 'storeFace', params: ({ event }) => ({ step: event.output }) },
                ],
              },
              {
                guard: ({ event }) => event.output.kind === 're-place',
                target: 'cardFace',
                reenter: true,
                actions: [
                  { type: 'logCardFace', params: { outcome: 're-place' } },
                  {
                    type: 'setNotice',
                    params: ({ event }) => ({ code: 'code' in event.output ? event.output.code : null }),
                  },
                ],
              },
              {
                guard: ({ event }) => event.output.kind === 'pin-or-staff',
                target: 'chooseMethod',
                actions: [
                  { type: 'logCardFace', params: { outcome: 'pin-or-staff' } },
                  {
                    type: 'withdrawFaceBecause',
                    params: ({ event }) => ({ code: 'code' in event.output ? event.output.code : null }),
                  },
                ],
              },
              {
                target: 'callStaff',
                actions: [
                  { type: 'logCardFace', params: { outcome: 'staff' } },
                  'withdrawFace',
                  {
                    type: 'setReason',
                    params: ({ event }) => ({
                      code: 'code' in event.output ? event.output.code : 'kiosk.internal',
                    }),
                  },
                ],
              },
            ],
            onError: [
              {
                guard: { type: 'cardRemoved', params: ({ event }) => ({ error: event.error }) },
                target: '#reception.idle',
                actions: { type: 'logEnd', params: { reason: 'card-removed' } },
              },
              {
                target: 'callStaff',
                actions: [
                  { type: 'logStepFailed', params: ({ event }) => ({ error: event.error }) },
                  { type: 'setReason', params: ({ event }) => ({ code: errorCode(event.error) }) },
                ],
              },
            ],
          },
        },
        faceCapture: {
          exit: 'dropFaceCheck',
          on: {
            FACE_DECIDED: [
              {
                guard: ({ context, event }) =>
                  context.session?.faceCheck === event.check && event.result.kind === 'match',
                target: 'consent',
                actions: 'faceMatched',
              },
              {
                guard: { type: 'currentFaceCheck', params: ({ event }) => ({ check: event.check }) },
                target: 'chooseMethod',
                actions: [
                  'logFaceWithdrawn',
                  'withdrawFace',
                  {
                    type: 'setNotice',
                    params: ({ event }) => ({
                      code: event.result.kind === 'withdrawn' ? event.result.code : null,
                    }),
                  },
                ],
              },
            ],
          },
        },
        pinEntry: {
          // Leaving by Enter hands the digits to the VERIFY step; leaving any other way drops them.
          entry: 'layOutKeypad',
          exit: 'leavePinEntry',
          on: {
            // Only a terminal with the on-screen keypad takes digits from the screen.
            PIN_SUBMITTED: {
              guard: ({ context, event }) =>
                context.devices?.onScreenKeypad !== undefined && /^\d{4}$/.test(event.pin),
              target: 'verifyingPin',
            },
            PIN_KEY: [
              {
                guard: ({ event, context }) => /^\d$/.test(event.key) && context.pinDigits < PIN_LENGTH,
                actions: { type: 'typeDigit', params: ({ event }) => ({ key: event.key }) },
              },
              {
                guard: ({ event }) => event.key === 'clear',
                actions: ['clearPin', { type: 'setNotice', params: { code: null } }],
              },
              {
                guard: ({ event }) => event.key === 'cancel',
                target: 'chooseMethod',
                actions: { type: 'setNotice', params: { code: null } },
              },
              {
                guard: ({ event, context }) => event.key === 'enter' && context.pinDigits === PIN_LENGTH,
                target: 'verifyingPin',
              },
              {
                guard: ({ event }) => event.key === 'enter',
                actions: { type: 'setNotice', params: { code: 'reception.pin-too-short' } },
              },
            ],
          },
        },
        /** One PIN try is left: spend it only once the patient confirms (or ask staff instead). */
        pinLastTry: {
          on: {
            CONFIRM_LAST_TRY: {
              target: 'pinEntry',
              actions: ['confirmLastTry', { type: 'setNotice', params: { code: null } }],
            },
            // Keys pressed before the confirmation are dropped; the keypad's cancel goes back.
            PIN_KEY: {
              guard: ({ event }) => event.key === 'cancel',
              target: 'chooseMethod',
              actions: { type: 'setNotice', params: { code: null } },
            },
          },
        },
        verifyingPin: {
          invoke: {
            id: 'verifyPin',
            src: 'verifyPin',
            input: ({ context }) => ({
              steps: context.steps,
              session: need(context.session, 'session'),
              devices: need(context.devices, 'devices'),
            }),
            onDone: [
              {
                guard: ({ event }) => event.output.kind === 'verified',
                target: 'consent',
                actions: { type: 'pinVerified', params: ({ event }) => ({ step: event.output }) },
              },
              {
                guard: ({ event }) => event.output.kind === 'confirm-last-try',
                target: 'pinLastTry',
              },
              {
                // Wrong, and the next try is the last: it needs the patient's confirmation first.
                guard: ({ event }) =>
                  event.output.kind === 'wrong' && !event.output.atFloor && event.output.triesLeft === 1,
                target: 'pinLastTry',
                actions: [
                  { type: 'pinWrong', params: ({ event }) => ({ step: event.output }) },
                  { type: 'setNotice', params: { code: 'card.pin-wrong' } },
                ],
              },
              {
                guard: ({ event }) => event.output.kind === 'wrong' && !event.output.atFloor,
                target: 'pinEntry',
                actions: [
                  { type: 'pinWrong', params: ({ event }) => ({ step: event.output }) },
                  { type: 'setNotice', params: { code: 'card.pin-wrong' } },
                ],
                reenter: true,
              },
              {
                // So few tries are left that the kiosk would not send the next: say so now.
                guard: ({ event }) => event.output.kind === 'wrong',
                target: 'chooseMethod',
                actions: [
                  { type: 'pinWrong', params: ({ event }) => ({ step: event.output }) },
                  { type: 'setNotice', params: { code: 'card.pin-tries-floor' } },
                ],
              },
              {
                target: 'chooseMethod',
                actions: [
                  { type: 'pinWrong', params: ({ event }) => ({ step: event.output }) },
                  { type: 'setNotice', params: { code: 'card.pin-locked' } },
                ],
              },
            ],
            onError: [
              {
                guard: { type: 'cardRemoved', params: ({ event }) => ({ error: event.error }) },
                target: '#reception.idle',
                actions: { type: 'logEnd', params: { reason: 'card-removed' } },
              },
              {
                // The service failed before anything could be confirmed or queued (the challenge).
                guard: ({ event }) => errorCode(event.error).startsWith('eligibility.'),
                target: 'notDone',
                actions: [
                  { type: 'logStepFailed', params: ({ event }) => ({ error: event.error }) },
                  { type: 'setReason', params: ({ event }) => ({ code: errorCode(event.error) }) },
                ],
              },
              {
                target: 'callStaff',
                actions: [
                  { type: 'logStepFailed', params: ({ event }) => ({ error: event.error }) },
                  { type: 'setReason', params: ({ event }) => ({ code: errorCode(event.error) }) },
                ],
              },
            ],
          },
        },
        /** An iPhone on the phone reader: it asks its holder on the phone, then signs the challenge. */
        phoneSigning: {
          invoke: {
            id: 'signOnPhone',
            src: 'signOnPhone',
            input: ({ context }) => ({
              steps: context.steps,
              session: need(context.session, 'session'),
              devices: need(context.devices, 'devices'),
            }),
            onDone: {
              target: 'consent',
              actions: { type: 'phoneVerified', params: ({ event }) => ({ signature: event.output }) },
            },
            onError: [
              {
                guard: { type: 'cardRemoved', params: ({ event }) => ({ error: event.error }) },
                target: '#reception.idle',
                actions: [
                  { type: 'logEnd', params: { reason: 'card-removed' } },
                  { type: 'setIdleNotice', params: { code: 'reception.phone-taken-away' } },
                ],
              },
              {
                // The service failed before anything could be confirmed or queued (the challenge).
                guard: ({ event }) => errorCode(event.error).startsWith('eligibility.'),
                target: 'notDone',
                actions: [
                  { type: 'logStepFailed', params: ({ event }) => ({ error: event.error }) },
                  { type: 'setReason', params: ({ event }) => ({ code: errorCode(event.error) }) },
                ],
              },
              {
                target: 'callStaff',
                actions: [
                  { type: 'logStepFailed', params: ({ event }) => ({ error: event.error }) },
                  { type: 'setReason', params: ({ event }) => ({ code: errorCode(event.error) }) },
                ],
              },
            ],
          },
        },
        consent: {
          on: {
            CONSENT: {
              target: 'confirming',
              actions: [
                {
                  type: 'logConsent',
                  params: ({ event }) => ({ answers: event.answers, agreedToAll: event.agreedToAll }),
                },
                { type: 'keepConsent', params: ({ event }) => ({ answers: event.answers }) },
              ],
            },
          },
        },
        confirming: {
          invoke: {
            id: 'confirm',
            src: 'confirm',
            input: ({ context }) => ({
              steps: context.steps,
              patient: verifiedPatient(need(context.session, 'session')),
              devices: need(context.devices, 'devices'),
            }),
            onDone: [
              {
                guard: ({ event }) => event.output.result === 'refused',
                target: 'callStaff',
                actions: { type: 'confirmed', params: ({ event }) => ({ outcome: event.output }) },
              },
              {
                target: 'done',
                actions: { type: 'confirmed', params: ({ event }) => ({ outcome: event.output }) },
              },
            ],
            onError: {
              // Neither confirmed nor queued: say so, never "checked in".
              target: 'notDone',
              actions: [
                { type: 'logStepFailed', params: ({ event }) => ({ error: event.error }) },
                { type: 'setReason', params: ({ event }) => ({ code: errorCode(event.error) }) },
              ],
            },
          },
        },
        done: {
          on: {
            // Taking the card is how a finished visit ends: no "pulled" word on the idle screen.
            CARD_REMOVED: {
              target: '#reception.idle',
              actions: { type: 'logEnd', params: { reason: 'completed' } },
            },
            PHONE_TAKEN_AWAY: {
              guard: ({ context }) => context.session?.onPhoneReader === true,
              target: '#reception.idle',
              actions: { type: 'logEnd', params: { reason: 'completed' } },
            },
          },
        },
        /** Nothing was confirmed or queued: the patient is told so, and staff. */
        notDone: {
          entry: 'notifyStaff',
          on: {
            CARD_REMOVED: {
              target: '#reception.idle',
              actions: { type: 'logEnd', params: { reason: 'completed' } },
            },
          },
        },
        callStaff: {
          entry: 'notifyStaff',
          on: {
            VISUAL_CHECK: {
              guard: ({ context }) => visualCheckOffered(context.session, context.devices?.visualCheck),
              target: 'visualCheck',
              actions: [
                { type: 'setNotice', params: { code: null } },
                ({ context }) => context.log.info('reception.visual-check', { step: 'start' }),
              ],
            },
            BACK: [
              {
                guard: 'canGoBack',
                target: 'chooseMethod',
                actions: { type: 'setNotice', params: { code: null } },
              },
            ],
          },
        },
        /** 目視確認 by staff (visual-check-flow.ts); its own sub-states, left with the session. */
        visualCheck: {
          initial: 'staffLogin',
          entry: ({ context }) => enterVisualCheck(context.session),
          exit: ({ context }) => leaveVisualCheck(context.session),
          on: {
            // Staff step back: the patient is on the call-staff screen again.
            BACK: { target: 'callStaff', actions: { type: 'setNotice', params: { code: null } } },
          },
          states: {
            staffLogin: {
              on: {
                STAFF_PASSCODE: {
                  guard: ({ event }) => event.name.length > 0 && event.passcode.length > 0,
                  target: 'checkingPasscode',
                },
              },
            },
            checkingPasscode: {
              invoke: {
                id: 'authoriseStaff',
                src: 'authoriseStaff',
                input: ({ context, event }) => ({
                  steps: context.steps,
                  port: need(context.devices?.visualCheck, 'visual-check port'),
                  name: event.type === 'STAFF_PASSCODE' ? event.name : '',
                  passcode: event.type === 'STAFF_PASSCODE' ? event.passcode : '',
                }),
                onDone: [
                  {
                    // No card-face read in this session: staff may type 照合番号B (once).
                    guard: ({ context, event }) => event.output.ok && collationEntryOffered(context.session),
                    target: 'collationEntry',
                    actions: [
                      ({ context, event }) => {
                        if (event.output.ok)
                          need(context.session, 'session').visualCheckStaff = event.output.staff;
                      },
                      { type: 'setNotice', params: { code: null } },
                    ],
                  },
                  {
                    guard: ({ event }) => event.output.ok,
                    target: 'preparing',
                    actions: [
                      ({ context, event }) => {
                        if (event.output.ok)
                          need(context.session, 'session').visualCheckStaff = event.output.staff;
                      },
                      { type: 'setNotice', params: { code: null } },
                    ],
                  },
                  {
                    target: 'staffLogin',
                    actions: {
                      type: 'setNotice',
                      params: ({ event }) => ({ code: event.output.ok ? null : event.output.code }),
                    },
                  },
                ],
                onError: {
                  target: 'staffLogin',
                  actions: [
                    { type: 'logStepFailed', params: ({ event }) => ({ error: event.error }) },
                    { type: 'setNotice', params: ({ event }) => ({ code: errorCode(event.error) }) },
                  ],
                },
              },
            },
            /** Staff type 照合番号B off the card in hand (shown masked), or go on without it. */
            collationEntry: {
              on: {
                STAFF_COLLATION_NUMBER: {
                  guard: ({ event }) => event.typed.length > 0,
                  target: 'unlockingCardSurface',
                  actions: { type: 'setNotice', params: { code: null } },
                },
                STAFF_COLLATION_SKIP: {
                  target: 'preparing',
                  actions: { type: 'setNotice', params: { code: null } },
                },
              },
            },
            /** One VERIFY of the card-surface AP with the typed number, then the card face is read. */
            unlockingCardSurface: {
              invoke: {
                id: 'unlockFromStaffEntry',
                src: 'unlockFromStaffEntry',
                input: ({ context, event }) => ({
                  steps: context.steps,
                  port: need(context.devices?.visualCheck, 'visual-check port'),
                  cardFace: need(context.devices, 'devices').cardFace,
                  session: need(context.session, 'session'),
                  typed: event.type === 'STAFF_COLLATION_NUMBER' ? event.typed : '',
                }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.kind === 'unlocked',
                    target: 'preparing',
                    actions: ({ context, event }) => {
                      if (event.output.kind === 'unlocked') {
                        need(context.session, 'session').cardFace = event.output.face;
                      }
                      context.log.info('reception.visual-check', { step: 'collation-number', outcome: 'ok' });
                    },
                  },
                  {
                    target: 'collationRefused',
                    actions: ({ context, event }) => {
                      if (event.output.kind !== 'refused') return;
                      need(context.session, 'session').collationRefusal = {
                        code: event.output.code,
                        triesLeft: event.output.triesLeft,
                      };
                      context.log.info('reception.visual-check', {
                        step: 'collation-number',
                        outcome: event.output.code,
                      });
                    },
                  },
                ],
                onError: [
                  {
                    guard: { type: 'cardRemoved', params: ({ event }) => ({ error: event.error }) },
                    target: '#reception.idle',
                    actions: { type: 'logEnd', params: { reason: 'card-removed' } },
                  },
                  {
                    // Mistyped: nothing reached the card, staff may correct it.
                    guard: ({ event }) => isMistypedCollationNumber(event.error),
                    target: 'collationEntry',
                    actions: { type: 'setNotice', params: ({ event }) => ({ code: errorCode(event.error) }) },
                  },
                  {
                    target: 'collationRefused',
                    actions: [
                      { type: 'logStepFailed', params: ({ event }) => ({ error: event.error }) },
                      ({ context, event }) => {
                        need(context.session, 'session').collationRefusal = {
                          code: errorCode(event.error),
                          triesLeft: null,
                        };
                      },
                    ],
                  },
                ],
              },
            },
            /** The typed number opened nothing: staff are told (and the tries left); nothing is resent. */
            collationRefused: {
              on: {
                STAFF_COLLATION_SKIP: { target: 'preparing' },
              },
            },
            preparing: {
              invoke: {
                id: 'prepareVisualCheck',
                src: 'prepareVisualCheck',
                input: ({ context }) => ({
                  steps: context.steps,
                  port: need(context.devices?.visualCheck, 'visual-check port'),
                  session: need(context.session, 'session'),
                }),
                onDone: {
                  target: 'deciding',
                  actions: ({ context, event }) => {
                    need(context.session, 'session').visualCheckPhoto = event.output;
                  },
                },
                // Without a displayable photo staff still see the patient and the card itself.
                onError: {
                  target: 'deciding',
                  actions: { type: 'logStepFailed', params: ({ event }) => ({ error: event.error }) },
                },
              },
            },
            deciding: {
              on: {
                VISUAL_CHECK_DECIDED: [
                  {
                    guard: ({ event }) => event.decision === 'confirm',
                    // The patient answers the consent screens themselves.
                    target: '#reception.session.consent',
                    actions: ({ context }) => {
                      recordDecision(
                        need(context.session, 'session'),
                        need(context.devices?.visualCheck, 'visual-check port'),
                        'confirm',
                      );
                      context.log.info('reception.visual-check', { step: 'confirmed' });
                    },
                  },
                  {
                    target: '#reception.session.callStaff',
                    actions: [
                      ({ context }) => {
                        recordDecision(
                          need(context.session, 'session'),
                          need(context.devices?.visualCheck, 'visual-check port'),
                          'refuse',
                        );
                        context.log.info('reception.visual-check', { step: 'refused' });
                      },
                      { type: 'setReason', params: { code: 'reception.staff-requested' } },
                    ],
                  },
                ],
              },
            },
          },
        },
      },
    },
  },
});

function verifiedPatient(session: Session): VerifiedPatient {
  return {
    method: need(session.verifiedBy, 'verification'),
    authCertificatePem: need(session.authCertificatePem, 'certificate'),
    consent: need(session.consent, 'consent'),
    ...(session.pinSignature ? { pinSignature: session.pinSignature } : {}),
    ...(session.cardFace ? { cardBirthDate: session.cardFace.birthDate, cardSex: session.cardFace.sex } : {}),
  };
}

export type ReceptionMachine = typeof receptionMachine;

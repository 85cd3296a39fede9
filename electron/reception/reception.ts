// The reception flow as the trusted side runs it: card → face or PIN → consent → eligibility.
// The renderer only draws `ReceptionView` and reports taps; every decision is made here.
//
// Personal data lives in one `Session` and nowhere else; `reset` wipes it. Every await is followed
// by a check that the session is still the current one, so a card pulled mid-step ends the step.
import type {
  ConsentAnswers,
  FaceFeedback,
  Language,
  ReceptionView,
  ScreenView,
  VerificationChoice,
} from '../contract';
import type { ErrorCode } from '../errors/catalogue';
import { isKioskError, toErrorView } from '../errors/kiosk-error';
import type { Logger } from '../log/logger';
import type {
  FaceCheck,
  FaceCheckResult,
  InsertedCard,
  PinKey,
  ReceptionDevices,
  VerifiedPatient,
} from './ports';
import { Session } from './session';

export type ResetReason = 'timeout' | 'recovery' | 'card-removed' | 'completed' | 'cancelled' | 'staff';

export interface ReceptionOptions {
  defaultLanguage: Language;
  languages: readonly Language[];
  /** A session left on one screen this long ends (patient walked away). */
  sessionTimeoutMs: number;
  log: Logger;
}

export interface Reception {
  view(): ReceptionView;
  setLanguage(language: Language): ReceptionView;
  chooseMethod(method: VerificationChoice): ReceptionView;
  submitConsent(answers: ConsentAnswers, agreedToAll: boolean): ReceptionView;
  callStaff(): ReceptionView;
  cancel(): ReceptionView;
  /** One camera frame (JPEG) for the running face check. */
  submitFrame(jpeg: Uint8Array): Promise<FaceFeedback>;
  /** Ends the session: personal data is dropped and the idle screen shown in the default language. */
  reset(reason: ResetReason): ReceptionView;
  onView(listener: (view: ReceptionView) => void): () => void;
  /** Resolves when the flow has no step in progress (for tests and orderly shutdown). */
  settled(): Promise<void>;
  dispose(): void;
}

const PIN_LENGTH = 4;

export function createReception(options: ReceptionOptions, devices?: ReceptionDevices): Reception {
  const { log } = options;
  let screen: ScreenView = { screen: 'idle' };
  let language: Language = options.defaultLanguage;
  let sessionGeneration = 0;
  let revision = 0;
  let session: Session | null = null;
  let pending: Promise<unknown> = Promise.resolve();
  const listeners = new Set<(view: ReceptionView) => void>();

  let inactivity: NodeJS.Timeout | undefined;

  const view = (): ReceptionView => ({ ...screen, language, sessionGeneration, revision });
  const show = (next: ScreenView): ReceptionView => {
    screen = next;
    revision += 1;
    clearTimeout(inactivity);
    if (next.screen !== 'idle') {
      inactivity = setTimeout(() => reset('timeout'), options.sessionTimeoutMs);
      inactivity.unref();
    }
    const current = view();
    for (const listener of listeners) listener(current);
    return current;
  };

  /** Runs one asynchronous step of the current session; its failures end in a screen, never a throw. */
  const step = (current: Session, work: () => Promise<void>): void => {
    const run = work().catch((error: unknown) => {
      if (session !== current) return;
      if (isKioskError(error) && error.code === 'card.removed') {
        reset('card-removed');
        return;
      }
      const code: ErrorCode = isKioskError(error) ? error.code : 'kiosk.internal';
      log.warn('reception.step-failed', {
        code,
        detail: isKioskError(error) ? error.logDetail : error instanceof Error ? error.name : 'unknown',
      });
      show({ screen: 'call-staff', reason: toErrorView(code) });
    });
    pending = pending.then(() => run);
  };

  const reset = (reason: ResetReason): ReceptionView => {
    const ending = session;
    session = null;
    if (ending) {
      ending.wipe();
      void ending.card?.release().catch(() => undefined);
      log.info('reception.session-ended', { reason });
    }
    language = options.defaultLanguage;
    sessionGeneration += 1;
    return show({ screen: 'idle' });
  };

  const offerMethods = (current: Session, notice: ErrorCode | null): void => {
    show({
      screen: 'choose-method',
      methods: current.availableMethods(),
      notice: notice ? toErrorView(notice) : null,
    });
  };

  // ── card on and off the reader ──────────────────────────────────────────────────────────────
  const cardInserted = (open: () => Promise<InsertedCard>): void => {
    if (session) reset('card-removed');
    const current = new Session(devices?.pinPad != null);
    session = current;
    show({ screen: 'reading-card' });
    step(current, async () => {
      const card = await open();
      if (session !== current) {
        await card.release();
        return;
      }
      current.card = card;
      if (card.token === 'not-my-number') {
        show({ screen: 'card-unusable', reason: toErrorView('card.not-my-number-card') });
        return;
      }
      current.authCertificatePem = await card.authCertificatePem();
      current.chipExpiryYear = await card.chipExpiryYear();
      current.pinStatus = card.token === 'iphone' ? { state: 'not-set' } : await card.pinStatus();
      if (session !== current) return;
      log.info('reception.card-read', { token: card.token, methods: current.availableMethods().join(',') });
      offerMethods(current, null);
    });
  };

  // ── face path ───────────────────────────────────────────────────────────────────────────────
  const readCardFace = (current: Session, notice: ErrorCode | null): void => {
    current.cardFaceAttempts += 1;
    show({
      screen: 'card-face',
      attempt: current.cardFaceAttempts,
      notice: notice ? toErrorView(notice) : null,
    });
    step(current, async () => {
      const card = current.card!;
      if (current.chipExpiryYear === null) {
        // Without the chip's own expiry the read cannot be cross-checked: never risk a try.
        current.faceWithdrawn = true;
        offerMethods(current, 'card-face.use-pin-or-staff');
        return;
      }
      current.cardFaceUnlocker ??= devices!.cardFace.begin();
      const outcome = await current.cardFaceUnlocker.unlock(current.chipExpiryYear);
      if (session !== current) return;
      log.info('reception.card-face', { outcome: outcome.kind, attempt: current.cardFaceAttempts });
      switch (outcome.kind) {
        case 're-place':
          readCardFace(current, outcome.code);
          return;
        case 'pin-or-staff':
          current.faceWithdrawn = true;
          offerMethods(current, outcome.code);
          return;
        case 'staff':
          current.faceWithdrawn = true;
          show({ screen: 'call-staff', reason: toErrorView(outcome.code) });
          return;
        case 'unlocked':
          break;
      }
      const face = await card.readCardFace();
      if (session !== current) return;
      current.cardFace = face;
      await startFaceCheck(current);
    });
  };

  const startFaceCheck = async (current: Session): Promise<void> => {
    current.faceCheck = await devices!.face.start(current.cardFace!.photoJ2k);
    if (session !== current) {
      current.faceCheck.cancel();
      return;
    }
    show({ screen: 'face-capture' });
  };

  const faceDecided = (current: Session, check: FaceCheck, result: FaceCheckResult): void => {
    check.cancel();
    current.faceCheck = null;
    log.info('reception.face-result', { result: result.kind });
    if (result.kind === 'match') {
      current.verifiedBy = 'face';
      show({ screen: 'consent' });
      return;
    }
    current.faceWithdrawn = true;
    offerMethods(current, result.code);
  };

  // ── PIN path ────────────────────────────────────────────────────────────────────────────────
  const showPin = (current: Session, notice: ErrorCode | null): void => {
    const triesLeft = current.pinStatus?.state === 'set' ? current.pinStatus.triesLeft : null;
    show({
      screen: 'pin-entry',
      digitsEntered: current.pin.length,
      triesLeft,
      notice: notice ? toErrorView(notice) : null,
    });
  };

  const pinKey = (key: PinKey): void => {
    const current = session;
    if (!current || screen.screen !== 'pin-entry' || current.verifying) return;
    if (key === 'cancel') {
      current.clearPin();
      offerMethods(current, null);
      return;
    }
    if (key === 'clear') {
      current.clearPin();
      showPin(current, null);
      return;
    }
    if (key === 'enter') {
      if (current.pin.length !== PIN_LENGTH) {
        showPin(current, 'reception.pin-too-short');
        return;
      }
      verifyPin(current);
      return;
    }
    if (current.pin.length < PIN_LENGTH) current.pin.push(key);
    showPin(current, null);
  };

  const verifyPin = (current: Session): void => {
    const pin = current.pin.join('');
    current.clearPin();
    current.verifying = true;
    step(current, async () => {
      try {
        const card = current.card!;
        // Exactly one VERIFY per press of Enter; a wrong PIN is never re-sent.
        const outcome = await card.verifyPin(pin);
        if (session !== current) return;
        if (!outcome.ok) {
          current.pinStatus =
            outcome.triesLeft > 0 ? { state: 'set', triesLeft: outcome.triesLeft } : { state: 'locked' };
          log.info('card.pin-wrong', { triesLeft: outcome.triesLeft });
          if (outcome.triesLeft > 0) showPin(current, 'card.pin-wrong');
          else offerMethods(current, 'card.pin-locked');
          return;
        }
        const challenge = await devices!.eligibility.challenge();
        // The card signs the challenge's UTF-8 bytes, as the service verifies them.
        const signature = await card.signChallenge(new TextEncoder().encode(challenge));
        if (session !== current) return;
        current.pinSignature = { challenge, signature: Buffer.from(signature).toString('base64') };
        current.verifiedBy = 'pin';
        show({ screen: 'consent' });
      } finally {
        current.verifying = false;
      }
    });
  };

  // ── consent and confirmation ────────────────────────────────────────────────────────────────
  const confirm = (current: Session, consent: ConsentAnswers): void => {
    show({ screen: 'confirming' });
    step(current, async () => {
      const patient: VerifiedPatient = {
        method: current.verifiedBy!,
        authCertificatePem: current.authCertificatePem!,
        consent,
        ...(current.pinSignature ? { pinSignature: current.pinSignature } : {}),
        ...(current.cardFace
          ? { cardBirthDate: current.cardFace.birthDate, cardSex: current.cardFace.sex }
          : {}),
      };
      const outcome = await devices!.eligibility.confirm(patient);
      if (session !== current) return;
      log.info('reception.confirmation', { result: outcome.result, method: patient.method });
      current.wipe(); // nothing personal is needed after the service has the confirmation
      if (outcome.result === 'refused') show({ screen: 'call-staff', reason: toErrorView(outcome.code) });
      else show({ screen: 'done', result: outcome.result });
    });
  };

  const unsubscribers: Array<() => void> = [];
  if (devices) {
    unsubscribers.push(
      devices.cardSlot.onCard((event) => {
        if (event.type === 'inserted') cardInserted(event.open);
        else if (session) reset('card-removed');
      }),
    );
    if (devices.pinPad) unsubscribers.push(devices.pinPad.onKey(pinKey));
  }

  return {
    view,
    setLanguage(next) {
      if (!options.languages.includes(next)) return view();
      language = next;
      return show(screen);
    },
    chooseMethod(method) {
      const current = session;
      if (!current || screen.screen !== 'choose-method' || !current.availableMethods().includes(method)) {
        return view();
      }
      log.info('reception.method-chosen', { method });
      if (method === 'staff')
        return show({ screen: 'call-staff', reason: toErrorView('reception.staff-requested') });
      if (method === 'pin') {
        showPin(current, null);
        return view();
      }
      readCardFace(current, null);
      return view();
    },
    submitConsent(answers, agreedToAll) {
      const current = session;
      if (!current || screen.screen !== 'consent' || !current.verifiedBy) return view();
      log.info('reception.consent', { agreedToAll, items: Object.values(answers).filter(Boolean).length });
      confirm(current, answers);
      return view();
    },
    callStaff() {
      log.info('reception.staff-called', { from: screen.screen });
      return show({ screen: 'call-staff', reason: toErrorView('reception.staff-requested') });
    },
    cancel() {
      return reset('cancelled');
    },
    async submitFrame(jpeg) {
      const current = session;
      const check = current?.faceCheck;
      const closed: FaceFeedback = {
        cue: null,
        prompt: null,
        box: null,
        attempt: 0,
        maxAttempts: 0,
        finished: true,
      };
      if (!current || !check || screen.screen !== 'face-capture') return closed;
      const { feedback, result } = await check.submit(jpeg);
      if (session !== current || current.faceCheck !== check) return closed;
      if (result) faceDecided(current, check, result);
      return { ...feedback, finished: result !== null };
    },
    reset,
    onView(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async settled() {
      for (;;) {
        const before = pending;
        await before;
        if (before === pending) return;
      }
    },
    dispose() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      if (session) reset('cancelled');
      clearTimeout(inactivity);
    },
  };
}

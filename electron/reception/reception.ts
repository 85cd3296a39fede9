// The reception flow as the trusted side runs it: the statechart of ./machine.ts, its device
// events (card on and off the reader, keypad), the session timeout, and the `ReceptionView` the
// renderer draws. The renderer only draws views and reports taps; every decision is the machine's.
import { createActor, type SnapshotFrom } from 'xstate';
import type { ConsentAnswers, FaceFeedback, Language, ReceptionView, VerificationChoice } from '../contract';
import type { Logger } from '../log/logger';
import type { ReceptionDevices } from './ports';
import { receptionMachine, type ResetReason, type StepTracker } from './machine';
import { screenOf } from './views';

export type { ResetReason } from './machine';

/** started: the kiosk shows its staff log-in; not-offered: no patient waits for the staff control;
 *  patient-changed: the session the console showed has ended (another patient may be there). */
export type ConsoleVisualCheck = 'started' | 'not-offered' | 'patient-changed';

export interface ReceptionOptions {
  defaultLanguage: Language;
  languages: readonly Language[];
  /** A session left on one screen this long ends (patient walked away). */
  sessionTimeoutMs: number;
  /** While out of service, the health is checked again this long after each check (default 30 s). */
  healthRecheckMs?: number;
  log: Logger;
}

export interface Reception {
  view(): ReceptionView;
  setLanguage(language: Language): ReceptionView;
  chooseMethod(method: VerificationChoice): ReceptionView;
  submitConsent(answers: ConsentAnswers, agreedToAll: boolean): ReceptionView;
  callStaff(): ReceptionView;
  cancel(): ReceptionView;
  /** From the call-staff screen: back to where the patient was. */
  back(): ReceptionView;
  /** The pin-last-try screen's 入力する: the patient will spend the card's last PIN try. */
  confirmLastTry(): ReceptionView;
  /** The on-screen keypad's 確定 (terminals without a PIN pad): taken like the keypad's PIN. */
  submitPin(pin: string): ReceptionView;
  /** The staff control on the call-staff screen: the visual check (目視確認) begins. */
  visualCheck(): ReceptionView;
  /**
   * The staff console's button: the same staff control, pressed from the desk for the patient of
   * `sessionGeneration` (the session the console showed). Taken only where the kiosk offers the
   * control now; staff still sign in with their passcode on the kiosk's screen.
   */
  visualCheckFromConsole(sessionGeneration: number): ConsoleVisualCheck;
  /** Staff's name and passcode from the kiosk screen; checked by the staff accounts, never kept. */
  staffPasscode(name: string, passcode: string): ReceptionView;
  visualCheckDecide(decision: 'confirm' | 'refuse'): ReceptionView;
  /** 照合番号B typed by staff (card face unreadable): at most one VERIFY, never kept or resent. */
  staffCollationNumber(typed: string): ReceptionView;
  /** Staff go on to the visual check without 照合番号B. */
  skipCollationNumber(): ReceptionView;
  /** A tap that changes no screen (consent toggles): the session timeout starts again. */
  activity(): ReceptionView;
  /** One camera frame (JPEG) for the running face check. */
  submitFrame(jpeg: Uint8Array): Promise<FaceFeedback>;
  /** Ends the session: personal data is dropped and the idle screen shown in the default language. */
  reset(reason: ResetReason): ReceptionView;
  onView(listener: (view: ReceptionView) => void): () => void;
  /** Resolves when no device step is running any more, stopped ones included (tests, shutdown). */
  settled(): Promise<void>;
  /** The statechart's current state, e.g. `session.pinEntry` (tests, logs). */
  state(): string;
  dispose(): void;
}

const DEFAULT_HEALTH_RECHECK_MS = 30_000;

const CLOSED_FEEDBACK: FaceFeedback = {
  cue: null,
  prompt: null,
  box: null,
  attempt: 0,
  maxAttempts: 0,
  finished: true,
};

/** Taken before any test can fake the timers: settling must still let the event loop turn. */
const turn = globalThis.setImmediate;

function createStepTracker(): StepTracker & { idle(): Promise<void> } {
  const running = new Set<Promise<unknown>>();
  return {
    track(step) {
      running.add(step);
      void step.then(
        () => running.delete(step),
        () => running.delete(step),
      );
      return step;
    },
    async idle() {
      while (running.size > 0) {
        await Promise.allSettled([...running]);
        // Let the machine take the steps' results and start what follows.
        await new Promise((resolve) => turn(resolve));
      }
    },
  };
}

/** The state value as one dotted path (`session.pinEntry`). */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [key, child] = Object.entries(value)[0] ?? [];
    return key === undefined ? '' : `${key}.${statePath(child)}`;
  }
  return '';
}

export function createReception(options: ReceptionOptions, devices?: ReceptionDevices): Reception {
  const steps = createStepTracker();
  const actor = createActor(receptionMachine, {
    input: {
      devices: devices ?? null,
      steps,
      defaultLanguage: options.defaultLanguage,
      languages: options.languages,
      log: options.log,
      healthRecheckMs: options.healthRecheckMs ?? DEFAULT_HEALTH_RECHECK_MS,
    },
  });
  const listeners = new Set<(view: ReceptionView) => void>();
  let revision = 0;
  let published = '';
  let current: ReceptionView;
  let inactivity: NodeJS.Timeout | undefined;

  const toView = (snapshot: SnapshotFrom<typeof receptionMachine>): ReceptionView => ({
    ...screenOf(snapshot),
    language: snapshot.context.language,
    sessionGeneration: snapshot.context.sessionGeneration,
    revision,
  });

  /** Publishes the view when it changed; every published view restarts the inactivity timer. */
  const restartTimer = (): void => {
    clearTimeout(inactivity);
    if (current.screen === 'idle' || current.screen === 'out-of-service' || current.screen === 'take-card')
      return;
    inactivity = setTimeout(() => actor.send({ type: 'TIMEOUT' }), options.sessionTimeoutMs);
    inactivity.unref();
  };

  const publish = (snapshot: SnapshotFrom<typeof receptionMachine>): void => {
    const { revision: _ignored, ...shape } = toView(snapshot);
    const key = JSON.stringify(shape);
    if (key === published) return;
    published = key;
    revision += 1;
    current = toView(snapshot);
    restartTimer();
    for (const listener of listeners) listener(current);
  };

  actor.start();
  current = toView(actor.getSnapshot());
  published = JSON.stringify({ ...current, revision: undefined });
  const subscription = actor.subscribe((snapshot) => publish(snapshot));

  const unsubscribers: Array<() => void> = [];
  // The health port asked now; idle with a fault goes out of service, out of service with none back.
  const checkHealth = () =>
    void devices?.health?.faults().then(
      (faults) => actor.send({ type: 'HEALTH', faults }),
      () => actor.send({ type: 'HEALTH', faults: ['kiosk.internal'] }),
    );
  if (devices) {
    unsubscribers.push(
      devices.cardSlot.onCard((event) => {
        if (event.type === 'inserted') actor.send({ type: 'CARD_INSERTED', open: event.open });
        else if (event.type === 'removed') actor.send({ type: 'CARD_REMOVED' });
        // A reader unplugged while the kiosk waits: out of service now, not at the next patient's card.
        else checkHealth();
      }),
    );
    if (devices.phoneSlot) {
      unsubscribers.push(
        devices.phoneSlot.onCard((event) => {
          if (event.type === 'inserted') actor.send({ type: 'PHONE_HELD', open: event.open });
          else if (event.type === 'removed') actor.send({ type: 'PHONE_TAKEN_AWAY' });
        }),
      );
    }
    if (devices.pinPad)
      unsubscribers.push(devices.pinPad.onKey((key) => actor.send({ type: 'PIN_KEY', key })));
    // Reader, camera or service down at start: out of service (with the reasons for staff); the
    // statechart checks again while it is, and returns to idle once all is well.
    checkHealth();
  }

  const view = (): ReceptionView => current;
  const session = () => actor.getSnapshot().context.session;

  return {
    view,
    setLanguage(language) {
      actor.send({ type: 'SET_LANGUAGE', language });
      return view();
    },
    chooseMethod(method) {
      actor.send({ type: 'CHOOSE', method });
      return view();
    },
    submitConsent(answers, agreedToAll) {
      actor.send({ type: 'CONSENT', answers, agreedToAll });
      return view();
    },
    callStaff() {
      actor.send({ type: 'CALL_STAFF' });
      return view();
    },
    cancel() {
      actor.send({ type: 'CANCEL' });
      return view();
    },
    back() {
      actor.send({ type: 'BACK' });
      return view();
    },
    confirmLastTry() {
      actor.send({ type: 'CONFIRM_LAST_TRY' });
      return view();
    },
    submitPin(pin) {
      actor.send({ type: 'PIN_SUBMITTED', pin });
      return view();
    },
    visualCheck() {
      actor.send({ type: 'VISUAL_CHECK' });
      return view();
    },
    visualCheckFromConsole(sessionGeneration) {
      const snapshot = actor.getSnapshot();
      // Checked and sent in one turn of the event loop: nothing can change the session in between.
      const outcome: ConsoleVisualCheck =
        snapshot.context.sessionGeneration !== sessionGeneration
          ? 'patient-changed'
          : snapshot.can({ type: 'VISUAL_CHECK' })
            ? 'started'
            : 'not-offered';
      options.log.info('reception.visual-check', { step: 'console-request', outcome });
      if (outcome === 'started') actor.send({ type: 'VISUAL_CHECK' });
      return outcome;
    },
    staffPasscode(name, passcode) {
      actor.send({ type: 'STAFF_PASSCODE', name, passcode });
      return view();
    },
    visualCheckDecide(decision) {
      actor.send({ type: 'VISUAL_CHECK_DECIDED', decision });
      return view();
    },
    staffCollationNumber(typed) {
      actor.send({ type: 'STAFF_COLLATION_NUMBER', typed });
      return view();
    },
    skipCollationNumber() {
      actor.send({ type: 'STAFF_COLLATION_SKIP' });
      return view();
    },
    activity() {
      restartTimer();
      return view();
    },
    async submitFrame(jpeg) {
      const check = session()?.faceCheck;
      if (!check || !actor.getSnapshot().matches({ session: 'faceCapture' })) return CLOSED_FEEDBACK;
      const { feedback, result } = await check.submit(jpeg);
      // The patient may have left (card pulled, やめる) while the frame was checked.
      if (session()?.faceCheck !== check) return CLOSED_FEEDBACK;
      if (result) actor.send({ type: 'FACE_DECIDED', check, result });
      return { ...feedback, finished: result !== null };
    },
    reset(reason) {
      actor.send({ type: 'RESET', reason });
      return view();
    },
    onView(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: () => steps.idle(),
    state: () => statePath(actor.getSnapshot().value),
    dispose() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      if (session()) actor.send({ type: 'RESET', reason: 'cancelled' });
      subscription.unsubscribe();
      actor.stop();
      clearTimeout(inactivity);
    },
  };
}

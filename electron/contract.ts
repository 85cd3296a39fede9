// The one contract between the renderer and the trusted side.
//
// The renderer imports this file (types and the constant name lists) and nothing else under
// electron/. Both hosts — Electron's preload over IPC and the loopback host over HTTP — expose
// exactly `KioskApi`. Runtime validation of what the renderer sends lives in
// electron/ipc/request-schemas.ts, checked against these types at compile time.
import type { FieldProblem } from './eligibility/insurance-number';
import type { EligibilityStaffView } from './eligibility/views';
import type {
  DisasterMedicationAnswer,
  HealthCheckAnswer,
  MedicationAnswer,
  VerificationMethod,
} from './eligibility/wire';

export const LANGUAGES = ['ja', 'en', 'zh', 'ko', 'vi', 'pt', 'es', 'tl', 'ne'] as const;
export type Language = (typeof LANGUAGES)[number];
/** One patient text in every language (from the catalogues in i18n/). */
export type PatientText = Record<Language, string>;

/** How the patient may prove who they are. */
/** `smartphone`: from the idle screen, the patient will hold a smartphone マイナ保険証 to the phone reader. */
export type VerificationChoice = 'face' | 'pin' | 'staff' | 'smartphone';

/** The consent items of the current screens: 薬剤情報, 特定健診等情報, 診療情報, 手術情報. */
export const CONSENT_ITEMS = ['medication', 'healthCheck', 'treatment', 'surgery'] as const;
export type ConsentItem = (typeof CONSENT_ITEMS)[number];
export type ConsentAnswers = Record<ConsentItem, boolean>;

/**
 * What the patient sees. The trusted side decides the screen and everything on it; the renderer only
 * draws it. No screen carries a PIN, a photo, a frame, 照合番号B or the card's personal data.
 */
export type ScreenView =
  /**
   * `notice`: a word about how the last session ended (the card was pulled mid-way), or null.
   * `smartphone`: the terminal has a phone reader, so the screen offers スマートフォン.
   */
  | { screen: 'idle'; notice?: KioskErrorView | null; smartphone?: boolean }
  /** スマートフォン chosen: hold the phone to the general-purpose reader beside the kiosk. */
  | { screen: 'phone-wait' }
  /** An iPhone on the phone reader: the patient confirms on the phone (Face ID / Touch ID), not here. */
  | { screen: 'phone-confirm' }
  | { screen: 'reading-card' }
  /** The card cannot be used here (not a My Number card, expired, unreadable): remove it. */
  | { screen: 'card-unusable'; reason: KioskErrorView }
  /**
   * `methods`: the ways to prove identity this card and terminal offer now (職員を呼ぶ is not one of
   * them: the screen's own call-staff control is always there). `unavailable`: why a way is missing
   * (PIN locked, no PIN set, tries at the floor, smartphone, Western-dated card…). `pinTriesLeft`:
   * the card's PIN tries left, shown before the patient types, or null where the PIN is not offered.
   */
  | {
      screen: 'choose-method';
      methods: readonly VerificationChoice[];
      notice: KioskErrorView | null;
      unavailable: ReadonlyArray<{ method: 'face' | 'pin'; reason: KioskErrorView }>;
      pinTriesLeft: number | null;
    }
  /** Reading 照合番号B from the printed card face on the tray. */
  | { screen: 'card-face'; attempt: number; notice: KioskErrorView | null }
  | { screen: 'face-capture' }
  /**
   * The PIN is typed on the reader's keypad; the screen shows only how many digits are in. `keypad`:
   * where the terminal has no PIN pad, the on-screen keypad's digits in the order to draw them
   * (shuffled by the trusted side for each entry if so configured); its PIN goes once, on 確定, by
   * `reception:submit-pin`. Null where a PIN pad is used.
   */
  | {
      screen: 'pin-entry';
      digitsEntered: number;
      triesLeft: number | null;
      notice: KioskErrorView | null;
      keypad: { layout: readonly string[] } | null;
      /** The PIN is with the card: keys do nothing, and what the on-screen keypad held is dropped. */
      checking: boolean;
    }
  /**
   * One PIN try is left: a wrong PIN locks the card until the city office resets it. The patient
   * confirms (`reception:confirm-last-try`) before typing, or asks staff. `notice`: why (a wrong PIN).
   */
  | { screen: 'pin-last-try'; notice: KioskErrorView | null }
  | { screen: 'consent' }
  | { screen: 'confirming' }
  /** `queued`: checked in; the confirmation is stored and sent when the service is back. */
  | { screen: 'done'; result: 'confirmed' | 'queued'; next: KioskErrorView }
  /** The reception is NOT done (nothing was confirmed or queued): `reason` says so and what to do. */
  | { screen: 'not-done'; reason: KioskErrorView; staffNotified: boolean }
  /**
   * `staffNotified`: the staff side was told (event `staff:called`). `next`: what happens now.
   * `canGoBack`: the patient may return to where they were (`reception:back`).
   */
  | {
      screen: 'call-staff';
      reason: KioskErrorView;
      staffNotified: boolean;
      next: KioskErrorView;
      canGoBack: boolean;
      /** The staff control (目視確認) is offered: staff may check this patient by sight. */
      visualCheck?: boolean;
    }
  /** 目視確認: staff pick their name and type their passcode on this screen (checked on the trusted side). */
  | { screen: 'staff-login'; staffNames: readonly string[]; notice: KioskErrorView | null }
  /**
   * 目視確認 with no card-face read: staff type 照合番号B off the card (masked, sent once, never
   * echoed back). `sending`: the one VERIFY is under way. `notice`: a mistyped number (nothing sent).
   */
  | {
      screen: 'collation-entry';
      staffName: string;
      notice: KioskErrorView | null;
      sending: boolean;
    }
  /** The typed 照合番号B opened nothing (rejected by the card, or withheld): `triesLeft` on the card. */
  | { screen: 'collation-refused'; staffName: string; reason: KioskErrorView; triesLeft: number | null }
  /**
   * 目視確認: the chip photo (a data: URL for display only, never stored; null where the card face was
   * not read) beside the live camera, with the card's birth date and expiry, for the staff member.
   */
  | {
      screen: 'visual-check';
      staffName: string;
      chipPhoto: string | null;
      birthDate: string | null;
      expiryYear: number | null;
    }
  /**
   * The session is over but the card is still on the reader: take it. No new session starts until
   * it is removed. `sound`: the renderer plays this cue when the screen appears.
   */
  | { screen: 'take-card'; reason: KioskErrorView; sound: 'take-card' }
  /** The kiosk cannot take patients (reader, camera or service down at start); `reasons` for staff. */
  | { screen: 'out-of-service'; reasons: readonly KioskErrorView[] };

export type Screen = ScreenView['screen'];

export type ReceptionView = ScreenView & {
  language: Language;
  /** Changes whenever a session is reset, so the renderer can drop anything it drew. */
  sessionGeneration: number;
  /**
   * Grows with every view the trusted side publishes. A view can reach the renderer twice — as an
   * event and as an answer to `reception:get-view` — in either order; the highest revision wins.
   */
  revision: number;
};

/** Live guidance for the face capture, decided on the trusted side from the frames it receives. */
export interface FaceFeedback {
  /** What the patient should do now: a guidance (come closer, take off the mask…) or a liveness
   *  challenge (blink, turn left…), as a stable key for styling and tests. */
  cue: string | null;
  /** The same, as text to show. */
  prompt: PatientText | null;
  /** The face's box in the frame, 0–1 coordinates, for the renderer to draw. */
  box: { x: number; y: number; width: number; height: number } | null;
  attempt: number;
  maxAttempts: number;
  /** True once the trusted side has decided; the reception view then moves on. */
  finished: boolean;
}

/** A camera frame the renderer sends: JPEG bytes, base64. Never stored. */
export interface CameraFrame {
  jpegBase64: string;
}

export interface KioskInfo {
  version: string;
  world: 'simulated' | 'hardware';
  facilityName: string;
  /** How often the renderer must send `kiosk:heartbeat`. */
  heartbeatIntervalMs: number;
  languages: readonly Language[];
}

/** Requests the renderer may make: channel → request payload. */
export interface Requests {
  'kiosk:get-info': Record<string, never>;
  'kiosk:heartbeat': Record<string, never>;
  'reception:get-view': Record<string, never>;
  'reception:set-language': { language: Language };
  'reception:choose-method': { method: VerificationChoice };
  'reception:submit-consent': { answers: ConsentAnswers; agreedToAll: boolean };
  'reception:call-staff': Record<string, never>;
  'reception:cancel': Record<string, never>;
  /** From the call-staff screen: back to where the patient was. */
  'reception:back': Record<string, never>;
  /** On the pin-last-try screen: the patient will spend the card's last PIN try. */
  'reception:confirm-last-try': Record<string, never>;
  /** The on-screen keypad's 確定: the four digits, sent once, never echoed in any answer. */
  'reception:submit-pin': { pin: string };
  /** A tap that changes no screen (a consent toggle): the patient is still there. */
  'reception:activity': Record<string, never>;
  /** The staff control on the call-staff screen (目視確認). */
  'reception:visual-check': Record<string, never>;
  /** Staff's name and passcode, typed on the kiosk; the answer never echoes it. */
  'reception:staff-passcode': { name: string; passcode: string };
  'reception:visual-check-decide': { decision: 'confirm' | 'refuse' };
  /** 照合番号B typed by staff, sent once; the answer never echoes it. */
  'reception:collation-number': { collationNumber: string };
  /** Staff go on without 照合番号B (compare the printed card). */
  'reception:collation-skip': Record<string, never>;
  'face:submit-frame': CameraFrame;
  /** The renderer's answer to `card-face:capture`: encoded frames (JPEG), base64, or its failure. */
  'card-face:frames':
    { requestId: string; frames: string[] } | { requestId: string; error: 'camera-unavailable' };
}

/** Channel → response value. */
export interface Responses {
  'kiosk:get-info': KioskInfo;
  'kiosk:heartbeat': { alive: true };
  'reception:get-view': ReceptionView;
  'reception:set-language': ReceptionView;
  'reception:choose-method': ReceptionView;
  'reception:submit-consent': ReceptionView;
  'reception:call-staff': ReceptionView;
  'reception:cancel': ReceptionView;
  'reception:back': ReceptionView;
  'reception:confirm-last-try': ReceptionView;
  'reception:submit-pin': ReceptionView;
  'reception:activity': ReceptionView;
  'reception:visual-check': ReceptionView;
  'reception:staff-passcode': ReceptionView;
  'reception:visual-check-decide': ReceptionView;
  'reception:collation-number': ReceptionView;
  'reception:collation-skip': ReceptionView;
  'face:submit-frame': FaceFeedback;
  'card-face:frames': { accepted: true };
}

/** Events the trusted side pushes: name → payload. */
export interface Events {
  'reception:view': ReceptionView;
  /** The trusted side asks for frames of the card-tray camera (real terminals only). */
  'card-face:capture': { requestId: string; deviceLabel: string; count: number };
  /** A patient needs staff at this kiosk (the staff console, metrics and the reader's light listen). */
  'staff:called': StaffCall;
}

/** Why and from where staff was called; never anything personal. */
export interface StaffCall {
  /** Catalogue code of the reason. */
  reason: string;
  /** The screen the patient was on. */
  from: Screen;
  /** What staff read. */
  staffMessage: string;
}

export type Channel = keyof Requests;
export type EventName = keyof Events;

/** Every channel of `Requests`, once: the mapped type makes the compiler reject a missing or an
 *  unknown one, so CHANNELS (what preload and main expose) cannot be partial. The request schemas
 *  (electron/ipc/request-schemas.ts) are the same mapped type over the same keys. */
export type ChannelTable = { readonly [C in Channel]: true };
const CHANNEL_TABLE: ChannelTable = {
  'kiosk:get-info': true,
  'kiosk:heartbeat': true,
  'reception:get-view': true,
  'reception:set-language': true,
  'reception:choose-method': true,
  'reception:submit-consent': true,
  'reception:call-staff': true,
  'reception:cancel': true,
  'reception:back': true,
  'reception:confirm-last-try': true,
  'reception:submit-pin': true,
  'reception:activity': true,
  'reception:visual-check': true,
  'reception:staff-passcode': true,
  'reception:visual-check-decide': true,
  'reception:collation-number': true,
  'reception:collation-skip': true,
  'face:submit-frame': true,
  'card-face:frames': true,
};
export const CHANNELS = Object.keys(CHANNEL_TABLE) as readonly Channel[];

export const EVENT_NAMES = [
  'reception:view',
  'card-face:capture',
  'staff:called',
] as const satisfies readonly EventName[];

/** A failure as the renderer sees it: a catalogue code and what to tell the patient. */
export interface KioskErrorView {
  code: string;
  patientMessage: PatientText;
}

export type KioskResult<T> = { ok: true; value: T } | { ok: false; error: KioskErrorView };

export interface KioskApi {
  invoke<C extends Channel>(channel: C, request: Requests[C]): Promise<KioskResult<Responses[C]>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

// ─── The staff console ───────────────────────────────────────────────────────────────────────
// The desk's staff page (renderer/staff.html) talks to the same trusted side through its own host
// (electron/hosts/staff-console-host.ts): a log-in makes a session, and every request carries it.
// These channels are never served to the patient's kiosk page. Request schemas: electron/ipc/
// staff-request-schemas.ts; handlers: electron/staff/console-handlers.ts.

export type {
  EligibilityStaffView,
  FieldProblem,
  MedicationAnswer,
  HealthCheckAnswer,
  DisasterMedicationAnswer,
};

export type StaffRole = 'staff' | 'admin';

/**
 * What staff must look at in a row of today's confirmations: invalid eligibility (資格無効), no
 * record (該当資格なし), several records (複数該当), a possible wrong link (紐付け誤りの可能性),
 * still in the outbox (送信待ち), identity checked by staff's eyes (目視確認).
 */
export const CONFIRMATION_WARNINGS = [
  'invalid',
  'not-found',
  'multiple',
  'wrong-link',
  'queued',
  'visual-check',
] as const;
export type ConfirmationWarning = (typeof CONFIRMATION_WARNINGS)[number];

export interface StaffSessionView {
  name: string;
  role: StaffRole;
  /** The console logs out after this long without a request. */
  idleTimeoutMs: number;
  /** Sent back in the `x-csrf-token` header of every request. */
  csrfToken: string;
}

/** A reservation-list row the batch check could not read: what is wrong, never the value. */
export interface BatchRowError {
  line: number;
  reservationId?: string;
  messages: string[];
}

export interface BatchProgress {
  batchId: string;
  total: number;
  done: number;
  finished: boolean;
  rejected: BatchRowError[];
  results: Array<{ reservationId: string; line: number; status: string; code?: string }>;
  summary: {
    valid: number;
    invalid: number;
    notFound: number;
    multiple: number;
    pending: number;
    refused: number;
    failed: number;
  } | null;
}

export interface KioskStateView {
  terminalId: string;
  /** The patient screen showing now. */
  screen: Screen;
  /** A patient's session is under way (a card on the reader). */
  sessionActive: boolean;
  /** Which patient's session this is: the console's visual-check button names it back. */
  sessionGeneration: number;
  /** The kiosk offers the staff control (目視確認) to this patient now (the call-staff screen). */
  visualCheckOffered: boolean;
  /** The card readers the system lists; `up`: one matching the configured pattern is attached. */
  readers: { up: boolean; list: Array<{ name: string; cardPresent: boolean }> };
  /** The configured cameras: attached, missing, or `not-listed` where the system cannot list them. */
  cameras: { state: 'attached' | 'missing' | 'not-listed' };
  /** The service as the terminal's health check found it just now (one bodiless request);
   *  'queueing' while it answers and confirmations still wait in the outbox. */
  service: { state: 'ok' | 'queueing' | 'unreachable' | 'refused'; endpoint: string };
  /** What the out-of-service screen would name now, for staff (the same terminal health check). */
  faults: Array<{ code: string; staffMessage: string }>;
  outbox: { queued: number; oldestQueuedAt: number | null };
  storeRebuilt: boolean;
}

export interface StaffRequests {
  'staff:session': Record<string, never>;
  'staff:eligibility:lookup': {
    insurerNumber: string;
    symbol?: string;
    number: string;
    branch?: string;
    birthDate: string;
    refresh?: boolean;
  };
  'staff:eligibility:confirmations': Record<string, never>;
  'staff:eligibility:medication': { requestId: string };
  'staff:eligibility:health-checks': { requestId: string };
  'staff:eligibility:disaster-medication': {
    name: string;
    birthDate: string;
    sex: 'male' | 'female';
    address: string;
  };
  'staff:eligibility:status': Record<string, never>;
  'staff:batch:start': { csv: string };
  'staff:batch:status': { batchId: string };
  'staff:kiosk:state': Record<string, never>;
  /** Puts the kiosk's current patient (the session the console showed) into the visual check. */
  'staff:kiosk:visual-check': { sessionGeneration: number };
}

export interface StaffResponses {
  'staff:session': StaffSessionView;
  'staff:eligibility:lookup':
    { ok: true; view: EligibilityStaffView } | { ok: false; problems: FieldProblem[] };
  'staff:eligibility:confirmations': Array<{
    requestId: string;
    createdAt: number;
    attempts: number;
    delivered: boolean;
    /** How the patient proved who they are; null for a confirmation stored before it was kept. */
    method: VerificationMethod | null;
    warnings: ConfirmationWarning[];
    view?: EligibilityStaffView;
  }>;
  'staff:eligibility:medication': MedicationAnswer;
  'staff:eligibility:health-checks': HealthCheckAnswer;
  'staff:eligibility:disaster-medication': DisasterMedicationAnswer;
  'staff:eligibility:status': {
    queued: number;
    oldestQueuedAt: number | null;
    storeRebuilt: boolean;
    recoveredOutbox: number;
    outboxUnreadable: boolean;
    quarantinedPath?: string;
  };
  'staff:batch:start': BatchProgress;
  'staff:batch:status': BatchProgress;
  'staff:kiosk:state': KioskStateView;
  'staff:kiosk:visual-check': KioskStateView;
}

export type StaffChannel = keyof StaffRequests;

export const STAFF_CHANNELS = [
  'staff:session',
  'staff:eligibility:lookup',
  'staff:eligibility:confirmations',
  'staff:eligibility:medication',
  'staff:eligibility:health-checks',
  'staff:eligibility:disaster-medication',
  'staff:eligibility:status',
  'staff:batch:start',
  'staff:batch:status',
  'staff:kiosk:state',
  'staff:kiosk:visual-check',
] as const satisfies readonly StaffChannel[];

/** A failure as the staff page sees it: a catalogue code and what to tell staff. */
export interface StaffErrorView {
  code: string;
  staffMessage: string;
}

export type StaffResult<T> = { ok: true; value: T } | { ok: false; error: StaffErrorView };

export interface StaffApi {
  invoke<C extends StaffChannel>(
    channel: C,
    request: StaffRequests[C],
  ): Promise<StaffResult<StaffResponses[C]>>;
}

// The one contract between the renderer and the trusted side.
//
// The renderer imports this file (types and the constant name lists) and nothing else under
// electron/. Both hosts — Electron's preload over IPC and the loopback host over HTTP — expose
// exactly `KioskApi`. Runtime validation of what the renderer sends lives in
// electron/ipc/request-schemas.ts, checked against these types at compile time.

export const LANGUAGES = ['ja', 'en', 'zh', 'ko', 'vi', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

/** How the patient may prove who they are. */
export type VerificationChoice = 'face' | 'pin' | 'staff';

/** The consent items of the current screens: 薬剤情報, 特定健診等情報, 診療情報, 手術情報. */
export const CONSENT_ITEMS = ['medication', 'healthCheck', 'treatment', 'surgery'] as const;
export type ConsentItem = (typeof CONSENT_ITEMS)[number];
export type ConsentAnswers = Record<ConsentItem, boolean>;

/**
 * What the patient sees. The trusted side decides the screen and everything on it; the renderer only
 * draws it. No screen carries a PIN, a photo, a frame, 照合番号B or the card's personal data.
 */
export type ScreenView =
  | { screen: 'idle' }
  | { screen: 'reading-card' }
  /** The card cannot be used here (not a My Number card, expired, unreadable): remove it. */
  | { screen: 'card-unusable'; reason: KioskErrorView }
  | { screen: 'choose-method'; methods: readonly VerificationChoice[]; notice: KioskErrorView | null }
  /** Reading 照合番号B from the printed card face on the tray. */
  | { screen: 'card-face'; attempt: number; notice: KioskErrorView | null }
  | { screen: 'face-capture' }
  /** The PIN is typed on the reader's keypad; the screen shows only how many digits are in. */
  | { screen: 'pin-entry'; digitsEntered: number; triesLeft: number | null; notice: KioskErrorView | null }
  | { screen: 'consent' }
  | { screen: 'confirming' }
  | { screen: 'done'; result: 'confirmed' | 'queued' }
  | { screen: 'call-staff'; reason: KioskErrorView }
  | { screen: 'out-of-service' };

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
  prompt: { ja: string; en: string } | null;
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
  'face:submit-frame': FaceFeedback;
  'card-face:frames': { accepted: true };
}

/** Events the trusted side pushes: name → payload. */
export interface Events {
  'reception:view': ReceptionView;
  /** The trusted side asks for frames of the card-tray camera (real terminals only). */
  'card-face:capture': { requestId: string; deviceLabel: string; count: number };
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
  'face:submit-frame': true,
  'card-face:frames': true,
};
export const CHANNELS = Object.keys(CHANNEL_TABLE) as readonly Channel[];

export const EVENT_NAMES = ['reception:view', 'card-face:capture'] as const satisfies readonly EventName[];

/** A failure as the renderer sees it: a catalogue code and what to tell the patient. */
export interface KioskErrorView {
  code: string;
  patientMessage: Partial<Record<Language, string>> & { ja: string; en: string };
}

export type KioskResult<T> = { ok: true; value: T } | { ok: false; error: KioskErrorView };

export interface KioskApi {
  invoke<C extends Channel>(channel: C, request: Requests[C]): Promise<KioskResult<Responses[C]>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

// The one contract between the renderer and the trusted side.
//
// The renderer imports this file (types and the constant name lists) and nothing else under
// electron/. Both hosts — Electron's preload over IPC and the loopback host over HTTP — expose
// exactly `KioskApi`. Runtime validation of what the renderer sends lives in
// electron/ipc/request-schemas.ts, checked against these types at compile time.

export const LANGUAGES = ['ja', 'en', 'zh', 'ko', 'vi', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What the patient sees. The trusted side decides the screen; the renderer only draws it. */
export type Screen = 'idle' | 'out-of-service';

export interface ReceptionView {
  screen: Screen;
  language: Language;
  /** Changes whenever a session is reset, so the renderer can drop anything it drew. */
  sessionGeneration: number;
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
}

/** Channel → response value. */
export interface Responses {
  'kiosk:get-info': KioskInfo;
  'kiosk:heartbeat': { alive: true };
  'reception:get-view': ReceptionView;
  'reception:set-language': ReceptionView;
}

/** Events the trusted side pushes: name → payload. */
export interface Events {
  'reception:view': ReceptionView;
}

export type Channel = keyof Requests;
export type EventName = keyof Events;

export const CHANNELS = [
  'kiosk:get-info',
  'kiosk:heartbeat',
  'reception:get-view',
  'reception:set-language',
] as const satisfies readonly Channel[];

export const EVENT_NAMES = ['reception:view'] as const satisfies readonly EventName[];

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

// The browser host's side of the contract: the same KioskApi the preload exposes, carried over
// fetch to the loopback host. The per-start secret arrives in the URL fragment and is kept only in
// this closure (never in storage); the fragment is removed from the address at once.
import type {
  Channel,
  EventName,
  Events,
  KioskApi,
  KioskResult,
  Requests,
  Responses,
} from '../../../electron/contract';

const SECRET_HEADER = 'x-uketsuke-secret';

export function takeSecretFromLocation(location: Location, history: History): string | null {
  const match = /(?:^#|&)k=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (!match?.[1]) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return match[1];
}

type Listener = (payload: unknown) => void;

export interface LoopbackApiOptions {
  /** The page's fetch (tests give one that reaches the host from Node). */
  fetch?: typeof fetch;
  /** Pause before reconnecting a broken event stream. */
  reconnectDelayMs?: number;
}

export function createLoopbackApi(secret: string, options: LoopbackApiOptions = {}): KioskApi {
  const listeners = new Map<EventName, Set<Listener>>();
  const fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const emit = (name: EventName, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };

  const invoke = async <C extends Channel>(
    channel: C,
    request: Requests[C],
  ): Promise<KioskResult<Responses[C]>> => {
    const response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [SECRET_HEADER]: secret },
      body: JSON.stringify(request),
      cache: 'no-store',
    });
    if (!response.ok) throw new Error(`kiosk host answered ${response.status}`);
    return (await response.json()) as KioskResult<Responses[C]>;
  };

  const streamEvents = async (): Promise<void> => {
    for (let connection = 0; ; connection++) {
      try {
        const response = await fetch('/api/events', {
          method: 'POST',
          headers: { [SECRET_HEADER]: secret },
          cache: 'no-store',
        });
        if (!response.ok || !response.body) throw new Error(`event stream ${response.status}`);
        if (connection > 0) {
          // Views published while the stream was down were lost: ask for the current one, now that
          // nothing newer can be missed (the renderer keeps the newest revision either way).
          void invoke('reception:get-view', {})
            .then((result) => result.ok && emit('reception:view', result.value))
            .catch(() => undefined);
        }
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffered = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffered += value;
          let newline: number;
          while ((newline = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, newline).trim();
            buffered = buffered.slice(newline + 1);
            if (!line) continue;
            const event = JSON.parse(line) as { name: EventName; payload: unknown };
            emit(event.name, event.payload);
          }
        }
      } catch {
        // The host restarted or the stream broke: reconnect after a pause.
      }
      await new Promise((resolve) => setTimeout(resolve, options.reconnectDelayMs ?? 1_000));
    }
  };
  void streamEvents();

  return {
    invoke,
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
  };
}

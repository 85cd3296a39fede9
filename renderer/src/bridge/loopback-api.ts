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

export function createLoopbackApi(secret: string): KioskApi {
  const listeners = new Map<EventName, Set<Listener>>();

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
    for (;;) {
      try {
        const response = await fetch('/api/events', {
          method: 'POST',
          headers: { [SECRET_HEADER]: secret },
          cache: 'no-store',
        });
        if (!response.ok || !response.body) throw new Error(`event stream ${response.status}`);
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
            for (const listener of listeners.get(event.name) ?? []) listener(event.payload);
          }
        }
      } catch {
        // The host restarted or the stream broke: reconnect after a pause.
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
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

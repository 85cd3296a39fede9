// Events the trusted side pushes to the renderer. Hosts subscribe once and forward every event
// over their own transport (webContents.send or the loopback event stream).
import type { EventName, Events } from '../contract';

export type EventListener = <E extends EventName>(name: E, payload: Events[E]) => void;

export interface EventHub {
  publish<E extends EventName>(name: E, payload: Events[E]): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    publish(name, payload) {
      for (const listener of listeners) listener(name, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

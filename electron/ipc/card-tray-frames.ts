// The card-tray camera on a real terminal is captured in the renderer (only it can open a camera)
// and handed to the trusted side, which alone reads it. The trusted side asks with an event and
// the renderer answers on a channel; an answer nobody asked for is ignored.
import { randomUUID } from 'node:crypto';
import type { FrameRequest, RendererFrameSource } from '../card-face/scanner';
import type { EventHub } from './event-hub';

export interface CardTrayBridge {
  /** The card scanner's frame source. */
  readonly source: RendererFrameSource;
  /** The renderer's answer; false when no request with this id is waiting. */
  deliver(requestId: string, frames: Uint8Array[]): boolean;
}

export function createCardTrayBridge(events: EventHub): CardTrayBridge {
  const waiting = new Map<string, (frames: Uint8Array[]) => void>();
  return {
    source(request: FrameRequest, signal: AbortSignal) {
      return new Promise<Uint8Array[]>((resolve, reject) => {
        const requestId = randomUUID();
        const abort = () => {
          waiting.delete(requestId);
          reject(signal.reason ?? new Error('capture aborted'));
        };
        if (signal.aborted) return abort();
        signal.addEventListener('abort', abort, { once: true });
        waiting.set(requestId, (frames) => {
          signal.removeEventListener('abort', abort);
          resolve(frames);
        });
        events.publish('card-tray:capture', {
          requestId,
          deviceLabel: request.deviceLabel,
          count: request.count,
        });
      });
    },
    deliver(requestId, frames) {
      const resolve = waiting.get(requestId);
      if (!resolve) return false;
      waiting.delete(requestId);
      resolve(frames);
      return true;
    },
  };
}

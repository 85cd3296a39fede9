// The single entry point both hosts use: validate the channel and payload, run the handler, and
// turn any failure into an error value from the catalogue. A handler is written once.
import type { Channel, KioskResult, Requests, Responses } from '../contract';
import { isKioskError, toErrorView } from '../errors/kiosk-error';
import type { Logger } from '../log/logger';
import { requestSchemas } from './request-schemas';

export type Handlers = {
  [C in Channel]: (request: Requests[C]) => Promise<Responses[C]> | Responses[C];
};

export function isChannel(value: unknown): value is Channel {
  // A channel is what has a request schema: nothing reaches a handler unvalidated.
  return typeof value === 'string' && Object.hasOwn(requestSchemas, value);
}

export type Dispatch = (channel: unknown, payload: unknown) => Promise<KioskResult<unknown>>;

export function createDispatch(handlers: Handlers, log: Logger): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      log.warn('ipc.unknown-channel', { channel: String(channel).slice(0, 64) });
      return { ok: false, error: toErrorView('kiosk.unknown-channel') };
    }
    const parsed = requestSchemas[channel].safeParse(payload ?? {});
    if (!parsed.success) {
      log.warn('ipc.bad-request', { channel, issues: parsed.error.issues.length });
      return { ok: false, error: toErrorView('kiosk.bad-request') };
    }
    try {
      const handler = handlers[channel] as (request: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (isKioskError(error)) {
        log.warn('ipc.failed', { channel, code: error.code, detail: error.logDetail });
        return { ok: false, error: toErrorView(error.code) };
      }
      log.error('ipc.crashed', { channel, error: error instanceof Error ? error.name : 'unknown' });
      return { ok: false, error: toErrorView('kiosk.internal') };
    }
  };
}

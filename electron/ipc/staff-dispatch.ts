// The staff console's entry point, the twin of dispatch.ts: validate the channel and payload, run
// the handler with the logged-in staff member, turn any failure into a catalogue error for staff.
import {
  STAFF_CHANNELS,
  type StaffChannel,
  type StaffErrorView,
  type StaffRequests,
  type StaffResponses,
  type StaffResult,
  type StaffSessionView,
} from '../contract';
import { catalogue, type ErrorCode } from '../errors/catalogue';
import { isKioskError } from '../errors/kiosk-error';
import type { Logger } from '../log/logger';
import type { StaffActor } from '../staff/sessions';
import { staffRequestSchemas } from './staff-request-schemas';

export interface StaffContext {
  actor: StaffActor;
  session: StaffSessionView;
}

export type StaffHandlers = {
  [C in StaffChannel]: (
    request: StaffRequests[C],
    context: StaffContext,
  ) => Promise<StaffResponses[C]> | StaffResponses[C];
};

export type StaffDispatch = (
  channel: unknown,
  payload: unknown,
  context: StaffContext,
) => Promise<StaffResult<unknown>>;

export function isStaffChannel(value: unknown): value is StaffChannel {
  return typeof value === 'string' && (STAFF_CHANNELS as readonly string[]).includes(value);
}

export function toStaffErrorView(code: ErrorCode): StaffErrorView {
  return { code, staffMessage: catalogue[code].staff };
}

export function createStaffDispatch(handlers: StaffHandlers, log: Logger): StaffDispatch {
  return async (channel, payload, context) => {
    if (!isStaffChannel(channel)) {
      log.warn('staff.unknown-channel', { channel: String(channel).slice(0, 64) });
      return { ok: false, error: toStaffErrorView('kiosk.unknown-channel') };
    }
    const parsed = staffRequestSchemas[channel].safeParse(payload ?? {});
    if (!parsed.success) {
      log.warn('staff.bad-request', { channel, issues: parsed.error.issues.length });
      return { ok: false, error: toStaffErrorView('kiosk.bad-request') };
    }
    try {
      const handler = handlers[channel] as (request: unknown, context: StaffContext) => unknown;
      return { ok: true, value: await handler(parsed.data, context) };
    } catch (error) {
      if (isKioskError(error)) {
        log.warn('staff.failed', { channel, code: error.code, detail: error.logDetail });
        return { ok: false, error: toStaffErrorView(error.code) };
      }
      log.error('staff.crashed', { channel, error: error instanceof Error ? error.name : 'unknown' });
      return { ok: false, error: toStaffErrorView('kiosk.internal') };
    }
  };
}

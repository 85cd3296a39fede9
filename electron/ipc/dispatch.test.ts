import { describe, expect, it } from 'vitest';
import { CHANNELS, type ChannelTable } from '../contract';
import { KioskError } from '../errors/kiosk-error';
import { createLogger, memorySink } from '../log/logger';
import { createDispatch, type Handlers } from './dispatch';
import { requestSchemas } from './request-schemas';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const view = { screen: 'idle' as const, language: 'ja' as const, sessionGeneration: 0, revision: 0 };
  return {
    'kiosk:get-info': () => ({
      version: '1',
      world: 'simulated',
      facilityName: 'x',
      heartbeatIntervalMs: 1000,
      languages: ['ja'],
    }),
    'kiosk:heartbeat': () => ({ alive: true }),
    'reception:get-view': () => view,
    'reception:set-language': ({ language }) => ({ ...view, language }),
    'reception:choose-method': () => view,
    'reception:submit-consent': () => view,
    'reception:call-staff': () => view,
    'reception:cancel': () => view,
    'reception:back': () => view,
    'reception:confirm-last-try': () => view,
    'reception:submit-pin': () => view,
    'reception:activity': () => view,
    'reception:visual-check': () => view,
    'reception:staff-passcode': () => view,
    'reception:visual-check-decide': () => view,
    'reception:collation-number': () => view,
    'reception:collation-skip': () => view,
    'card-face:frames': () => ({ accepted: true }),
    'face:submit-frame': () => ({
      cue: null,
      prompt: null,
      box: null,
      attempt: 1,
      maxAttempts: 3,
      finished: false,
    }),
    ...overrides,
  };
}

describe('dispatch', () => {
  it('has a schema for every channel of the contract', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...CHANNELS].sort());
  });

  it('cannot list the channels partially: the compiler refuses a table without every channel', () => {
    // @ts-expect-error a channel table that leaves channels out does not compile (npm run typecheck)
    const partial: ChannelTable = { 'kiosk:get-info': true };
    expect(Object.keys(partial).length).toBeLessThan(CHANNELS.length);
  });

  it('refuses a name that is only inherited, not a channel', async () => {
    const dispatch = createDispatch(handlers(), createLogger(memorySink()));
    expect(await dispatch('toString', {})).toMatchObject({
      ok: false,
      error: { code: 'kiosk.unknown-channel' },
    });
  });

  it('runs the handler with the validated request', async () => {
    const dispatch = createDispatch(handlers(), createLogger(memorySink()));
    expect(await dispatch('reception:set-language', { language: 'en' })).toMatchObject({
      ok: true,
      value: { language: 'en' },
    });
  });

  it('refuses a camera frame larger than any camera sends', async () => {
    const dispatch = createDispatch(handlers(), createLogger(memorySink()));
    const jpeg = (n: number) => Buffer.alloc(n, 0xff).toString('base64');
    expect(await dispatch('face:submit-frame', { jpegBase64: jpeg(30_000) })).toMatchObject({ ok: true });
    expect(await dispatch('face:submit-frame', { jpegBase64: jpeg(2_000_000) })).toMatchObject({
      ok: false,
      error: { code: 'kiosk.bad-request' },
    });
    expect(await dispatch('face:submit-frame', { rgba: 'x' })).toMatchObject({ ok: false });
  });

  it('refuses unknown channels and malformed or oversized requests with catalogued errors', async () => {
    const sink = memorySink();
    const dispatch = createDispatch(handlers(), createLogger(sink));
    expect(await dispatch('fs:read', {})).toMatchObject({
      ok: false,
      error: { code: 'kiosk.unknown-channel' },
    });
    expect(await dispatch('reception:set-language', { language: 'xx' })).toMatchObject({
      ok: false,
      error: { code: 'kiosk.bad-request' },
    });
    expect(await dispatch('reception:get-view', { extra: 'field' })).toMatchObject({ ok: false });
    expect(await dispatch('reception:get-view', 'string')).toMatchObject({ ok: false });
    expect(sink.lines).toHaveLength(4);
  });

  it('turns a KioskError into its patient message, and anything else into an internal error', async () => {
    const dispatch = createDispatch(
      handlers({
        'kiosk:get-info': () => {
          throw new KioskError('config.invalid', 'detail');
        },
        'reception:get-view': () => {
          throw new Error('secret personal detail');
        },
      }),
      createLogger(memorySink()),
    );
    const known = await dispatch('kiosk:get-info', {});
    expect(known).toMatchObject({ ok: false, error: { code: 'config.invalid' } });
    if (!known.ok) expect(known.error.patientMessage.ja).toContain('受付');
    const unknown = await dispatch('reception:get-view', {});
    expect(JSON.stringify(unknown)).not.toContain('secret personal detail');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'kiosk.internal' } });
  });
});

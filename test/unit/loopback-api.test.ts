// The renderer's loopback bridge against the real loopback host: after its event stream breaks and
// reconnects, the page asks for the current view, so a view published while it was down is not lost.
import { afterEach, expect, it } from 'vitest';
import { manualClock, SIMULATED_WORLD_START } from '../../electron/clock';
import { composeKiosk } from '../../electron/compose';
import { parseConfig } from '../../electron/config/load-config';
import type { ReceptionView } from '../../electron/contract';
import { startLoopbackHost, type LoopbackHost } from '../../electron/hosts/loopback-host';
import { createLogger, memorySink } from '../../electron/log/logger';
import { createLoopbackApi } from '../../renderer/src/bridge/loopback-api';

let host: LoopbackHost | undefined;
afterEach(async () => {
  await host?.close();
});

it('fetches the view again once the event stream has reconnected', async () => {
  const clock = manualClock(SIMULATED_WORLD_START);
  const log = createLogger(memorySink(), { clock });
  const kiosk = composeKiosk({ config: parseConfig({}), log, clock, version: 'test' });
  host = await startLoopbackHost({ kiosk, rendererDir: '/nonexistent', clock });
  const origin = host.origin;
  // The page's fetch, from Node: same origin, and the first event stream can be broken by the test.
  const firstStream = new AbortController();
  let streams = 0;
  const pageFetch: typeof fetch = (input, init = {}) => {
    const path = String(input);
    const signal = path === '/api/events' && streams++ === 0 ? firstStream.signal : null;
    return fetch(`${origin}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), Origin: origin },
      ...(signal ? { signal } : {}),
    });
  };
  const api = createLoopbackApi(host.secret, { fetch: pageFetch, reconnectDelayMs: 200 });
  const seen: ReceptionView[] = [];
  api.on('reception:view', (view) => seen.push(view));
  await expect.poll(() => streams).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 100)); // the stream is registered on the host

  firstStream.abort(); // the stream breaks …
  await new Promise((resolve) => setTimeout(resolve, 50));
  kiosk.reception.setLanguage('en'); // … and this view is published to nobody
  await expect.poll(() => streams).toBe(2);
  await expect.poll(() => seen.at(-1)?.language).toBe('en');
  kiosk.dispose();
});

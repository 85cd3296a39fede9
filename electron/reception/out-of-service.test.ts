// Out of service: the health port's faults at start show the out-of-service screen with the reasons;
// while there the statechart asks again after the injected pause, shows what is down now, and goes
// back to idle once nothing is — where a patient can start. Leaving the state stops the re-check.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CardReaderService } from '../card/card-reader-service';
import { createCardSlot } from '../card/reception-card-slot';
import type { ErrorCode } from '../errors/catalogue';
import { createTerminalHealth } from '../health/terminal-health';
import { createLogger, memorySink } from '../log/logger';
import { loadSimSurfaceCaKeys, simCardConfig } from '../../sim/card/sim-world';
import { VirtualReaders } from '../../sim/card/virtual-readers';
import { scriptedWorld } from '../../test/support/scripted-reception';
import { createReception, type Reception } from './reception';

const RECHECK_MS = 5_000;

let reception: Reception | undefined;
afterEach(() => {
  reception?.dispose();
  reception = undefined;
  vi.useRealTimers();
});

/** A terminal whose health checks answer `answers` in turn (then: all well). */
function start(answers: Array<ErrorCode[] | Error>) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const w = scriptedWorld({});
  let checks = 0;
  const devices = {
    ...w.devices,
    health: {
      faults: async () => {
        checks += 1;
        const answer = answers.shift() ?? [];
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  };
  reception = createReception(
    {
      defaultLanguage: 'ja',
      languages: ['ja', 'en'],
      sessionTimeoutMs: 60_000,
      healthRecheckMs: RECHECK_MS,
      log: createLogger(memorySink()),
    },
    devices,
  );
  return { w, r: reception, checks: () => checks };
}

const reasons = (r: Reception) => {
  const view = r.view();
  return view.screen === 'out-of-service' ? view.reasons.map((reason) => reason.code) : view.screen;
};

describe('out of service', () => {
  it('shows the reasons at start, follows the faults, and returns to idle once healthy', async () => {
    const { w, r, checks } = start([
      ['health.reader-missing', 'health.service-unreachable'],
      ['health.service-unreachable'],
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(reasons(r)).toEqual(['health.reader-missing', 'health.service-unreachable']);

    // A card placed while out of service starts nothing.
    w.insert();
    await r.settled();
    expect(r.state()).toBe('outOfService');
    w.remove();

    await vi.advanceTimersByTimeAsync(RECHECK_MS - 1);
    expect(checks()).toBe(1); // not before the pause is over
    await vi.advanceTimersByTimeAsync(1);
    expect(checks()).toBe(2);
    expect(reasons(r)).toEqual(['health.service-unreachable']);

    await vi.advanceTimersByTimeAsync(RECHECK_MS);
    expect(r.view().screen).toBe('idle');
    expect(r.state()).toBe('idle');

    // Healthy again: the next patient starts as usual, and no more checks are made.
    w.insert();
    await r.settled();
    expect(r.view().screen).toBe('choose-method');
    await vi.advanceTimersByTimeAsync(RECHECK_MS * 3);
    expect(checks()).toBe(3);
  });

  it('a failed check counts as a fault, and the check goes on', async () => {
    const { r } = start([['health.camera-missing'], new Error('probe crashed')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(reasons(r)).toEqual(['health.camera-missing']);
    await vi.advanceTimersByTimeAsync(RECHECK_MS);
    expect(reasons(r)).toEqual(['kiosk.internal']);
    await vi.advanceTimersByTimeAsync(RECHECK_MS);
    expect(r.view().screen).toBe('idle');
  });

  it('stops checking once the state is left another way (a reset)', async () => {
    const { r, checks } = start([['health.reader-missing'], ['health.reader-missing']]);
    await vi.advanceTimersByTimeAsync(0);
    expect(r.state()).toBe('outOfService');
    r.reset('recovery');
    expect(r.state()).toBe('idle');
    await vi.advanceTimersByTimeAsync(RECHECK_MS * 3);
    expect(checks()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a healthy terminal is never out of service and is not checked again', async () => {
    const { r, checks } = start([[]]);
    await vi.advanceTimersByTimeAsync(RECHECK_MS * 3);
    expect(r.view().screen).toBe('idle');
    expect(checks()).toBe(1);
  });
});

describe('a reader that comes or goes while the kiosk waits', () => {
  it('takes the kiosk out of service at once, and back when the reader is plugged in again', async () => {
    // The card service over virtual readers, the reception card slot over it, and the terminal
    // health over the same readers: only the eligibility service's reach is a stand-in.
    const readers = new VirtualReaders();
    const service = new CardReaderService({
      readers,
      config: simCardConfig(),
      surfaceCaKeys: loadSimSurfaceCaKeys(),
      logger: createLogger(memorySink()),
    });
    const health = createTerminalHealth({
      readerNamePattern: '.',
      cameraLabels: [],
      readers,
      listCameras: () => null,
      service: { reachable: async () => 'reachable' as const },
      readerSettleMs: 0,
    });
    reception = createReception(
      {
        defaultLanguage: 'ja',
        languages: ['ja', 'en'],
        sessionTimeoutMs: 60_000,
        healthRecheckMs: 600_000, // the periodic re-check never fires in this test
        log: createLogger(memorySink()),
      },
      { ...scriptedWorld({}).devices, cardSlot: createCardSlot(service, 1), health },
    );
    const r = reception;
    await vi.waitFor(() => expect(r.state()).toBe('idle'));

    readers.detach();
    await vi.waitFor(() => expect(reasons(r)).toEqual(['health.reader-missing']));

    readers.attach();
    await vi.waitFor(() => expect(r.view().screen).toBe('idle'));
    await service.close();
  });
});

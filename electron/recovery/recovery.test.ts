import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../log/logger';
import { createReception } from '../reception/reception';
import { manualClock } from '../clock';
import { createRecovery, type IntervalTimers } from './recovery';

/** The one clock and timers that fire only when the test advances that clock. */
function manualTime(): IntervalTimers & { clock: ReturnType<typeof manualClock>; advance(ms: number): void } {
  const clock = manualClock(0);
  type Timer = { every: number; next: number; run: () => void; unref(): void };
  const callbacks: Timer[] = [];
  return {
    clock,
    setInterval(run, every) {
      const entry: Timer = { every, next: clock.now() + every, run, unref: () => undefined };
      callbacks.push(entry);
      return entry;
    },
    clearInterval(handle) {
      callbacks.splice(callbacks.indexOf(handle as Timer), 1);
    },
    advance(ms) {
      const end = clock.now() + ms;
      for (;;) {
        const due = callbacks.filter((c) => c.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        clock.set(due.next);
        due.next += due.every;
        due.run();
      }
      clock.set(end);
    },
  };
}

function setup() {
  const clock = manualTime();
  const sink = memorySink();
  const reception = createReception({
    defaultLanguage: 'ja',
    languages: ['ja', 'en'],
    sessionTimeoutMs: 60_000,
    log: createLogger(memorySink()),
  });
  let restarts = 0;
  const recovery = createRecovery({
    window: { restart: async () => void (restarts += 1) },
    reception,
    log: createLogger(sink),
    hangTimeoutMs: 1_000,
    clock: clock.clock,
    timers: clock,
  });
  return { clock, sink, reception, recovery, restarts: () => restarts };
}

describe('recovery', () => {
  it('leaves a renderer that keeps beating alone', () => {
    const { clock, recovery, restarts } = setup();
    for (let i = 0; i < 10; i++) {
      clock.advance(500);
      recovery.heartbeat();
    }
    expect(restarts()).toBe(0);
  });

  it('restarts a silent renderer to idle in Japanese and logs why', async () => {
    const { clock, sink, reception, recovery, restarts } = setup();
    reception.setLanguage('en');
    clock.advance(1_200);
    await Promise.resolve();
    expect(restarts()).toBe(1);
    expect(reception.view()).toMatchObject({ screen: 'idle', language: 'ja' });
    expect(sink.lines.join('')).toContain('"reason":"renderer-hung"');
    expect(recovery.restarts()['renderer-hung']).toBe(1);
  });

  it('restarts after a crash', async () => {
    const { sink, recovery, restarts } = setup();
    recovery.rendererCrashed('killed');
    await Promise.resolve();
    expect(restarts()).toBe(1);
    expect(sink.lines.join('')).toContain('"reason":"renderer-crashed"');
  });
});

// The loopback host as a local attacker or a misbehaving page meets it: refusals are throttled and
// so is their logging, bad channel names and oversized bodies get clear answers, event streams are
// bounded. A real HTTP server on 127.0.0.1 over the real handler table.
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../clock';
import { composeKiosk } from '../compose';
import { parseConfig } from '../config/load-config';
import { createLogger, memorySink } from '../log/logger';
import { SECRET_HEADER } from '../security/loopback-guard';
import { startLoopbackHost, type LoopbackHost } from './loopback-host';

let host: LoopbackHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start() {
  const sink = memorySink();
  const clock = manualClock('2026-11-25T10:00:00+09:00');
  const log = createLogger(sink, { clock });
  const kiosk = composeKiosk({ config: parseConfig({}), log, clock, version: 'test' });
  host = await startLoopbackHost({ kiosk, rendererDir: '/nonexistent', clock });
  const good = { Origin: host.origin, [SECRET_HEADER]: host.secret };
  return { sink, clock, kiosk, host, good };
}

const refusedLines = (lines: string[]) => lines.filter((line) => line.includes('"loopback.refused'));

describe('loopback host', () => {
  it('throttles refusals and their log lines: 2,000 requests without the secret write a handful', async () => {
    const { sink, clock, host } = await start();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 2_000; i++) {
      const response = await fetch(`${host.origin}/api/invoke/kiosk%3Aget-info`, {
        method: 'POST',
        headers: { Origin: host.origin },
        body: '{}',
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
    expect(statuses.get(403)).toBe(100);
    expect(statuses.get(429)).toBe(1_900);
    expect(refusedLines(sink.lines)).toHaveLength(10);
    // The next window starts with one summary of the last.
    clock.advance(10_000);
    await fetch(`${host.origin}/api/events`, { method: 'POST', headers: { Origin: host.origin } });
    const summary = sink.lines
      .map((line) => JSON.parse(line))
      .find((l) => l.event === 'loopback.refused-summary');
    expect(summary).toMatchObject({ unlogged: 1_990, refused: 2_000, throttled: 1_900 });
    expect(refusedLines(sink.lines)).toHaveLength(12);
  });

  it('answers 400 to a channel name with a bad %-escape', async () => {
    const { host, good } = await start();
    const response = await fetch(`${host.origin}/api/invoke/kiosk%3get-info`, {
      method: 'POST',
      headers: good,
      body: '{}',
    });
    expect(response.status).toBe(400);
  });

  it('answers 413 to a body over 4 MB instead of resetting the connection', async () => {
    const { host, good } = await start();
    const big = Buffer.alloc(5 * 1024 * 1024, 0x20);
    const declared = await fetch(`${host.origin}/api/invoke/face%3Asubmit-frame`, {
      method: 'POST',
      headers: good,
      body: big,
    });
    expect(declared.status).toBe(413);
    // Streamed without a length: the limit is found while reading.
    const streamed = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${host.origin}/api/invoke/face%3Asubmit-frame`);
      const req = httpRequest(url, { method: 'POST', headers: good }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write(big.subarray(0, 1024 * 1024));
      req.end();
    });
    expect(streamed).toBe(413);
  });

  it('keeps a bounded number of event streams: the oldest end', async () => {
    const { host, good } = await start();
    const ended: number[] = [];
    const streams = await Promise.all(
      Array.from({ length: 6 }, async (_, index) => {
        const response = await fetch(`${host.origin}/api/events`, { method: 'POST', headers: good });
        const reader = response.body!.getReader();
        void (async () => {
          for (;;) if ((await reader.read()).done) break;
          ended.push(index);
        })();
        return reader;
      }),
    );
    await expect.poll(() => ended.length).toBe(2);
    for (const reader of streams) await reader.cancel();
  });
});

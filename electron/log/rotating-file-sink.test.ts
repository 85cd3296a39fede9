import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock';
import { createLogger } from './logger';
import { rotatingFileSink } from './rotating-file-sink';

describe('rotatingFileSink', () => {
  it('rotates before a file passes its size and keeps only maxFiles older files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uketsuke-log-'));
    const path = join(dir, 'uketsuke.log');
    const log = createLogger(rotatingFileSink(path, { maxFileBytes: 4096, maxFiles: 3 }), {
      clock: manualClock('2026-11-25T10:00:00+09:00'),
    });
    for (let i = 0; i < 2000; i++) log.info('visit.step', { step: i, screen: 'idle' });
    expect(readdirSync(dir).sort()).toEqual([
      'uketsuke.log',
      'uketsuke.log.1',
      'uketsuke.log.2',
      'uketsuke.log.3',
    ]);
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).size).toBeLessThanOrEqual(4096);
    // Newest lines in the live file, the ones just before in .1; nothing is split across lines.
    const live = readFileSync(path, 'utf8').trim().split('\n');
    expect(JSON.parse(live.at(-1)!)).toMatchObject({ step: 1999 });
    const previous = readFileSync(`${path}.1`, 'utf8').trim().split('\n');
    expect(JSON.parse(previous.at(-1)!).step).toBe(JSON.parse(live[0]!).step - 1);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('continues an existing file after a restart instead of starting over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uketsuke-log-'));
    const path = join(dir, 'uketsuke.log');
    rotatingFileSink(path, { maxFileBytes: 1000, maxFiles: 2 }).write(`${'x'.repeat(900)}\n`);
    rotatingFileSink(path, { maxFileBytes: 1000, maxFiles: 2 }).write(`${'y'.repeat(200)}\n`);
    expect(readFileSync(`${path}.1`, 'utf8')).toMatch(/^x+\n$/);
    expect(readFileSync(path, 'utf8')).toMatch(/^y+\n$/);
  });
});

// `npm run sim:eligibility` starts the simulator on loopback with faults from the command line,
// and refuses to serve its TEST keys anywhere else.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faceIdentity, openService, ROOT, tempDir, testConfig } from './harness';

const MAIN = join(ROOT, 'sim/eligibility/main.ts');

describe('sim:eligibility command line', () => {
  it('serves on 127.0.0.1 and applies faults given on the command line', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', MAIN, '--port', '0', '--fault', 'status:1:503'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const dir = tempDir();
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const url = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(line.toString())?.[1];
      expect(url).toBeDefined();
      const kiosk = openService(
        testConfig(url!, dir.path, { retries: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 } }),
      );
      try {
        expect((await kiosk.service.confirm(faceIdentity('yamada-taro'))).status).toBe('pending'); // the injected 503
        expect(await kiosk.service.flushOutbox({ force: true })).toEqual({ delivered: 1, stillQueued: 0 });
      } finally {
        kiosk.close();
      }
    } finally {
      child.kill('SIGTERM');
      dir.remove();
    }
  });

  it('refuses a non-loopback address and an unknown fault', () => {
    const wide = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--host', '0.0.0.0', '--port', '0'], {
      cwd: ROOT,
    });
    expect(wide.status).toBe(2);
    expect(wide.stderr.toString()).toContain('loopback only');
    const bad = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--port', '0', '--fault', 'explode'], {
      cwd: ROOT,
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr.toString()).toContain("unknown fault 'explode'");
  });
});

// `npm start` itself, as a newcomer runs it on a machine without a display: the trusted side from
// its cached bundle (up to date with every source it was built from), the kiosk in headless
// Chromium, and a whole visit finished from its console.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../electron/browser-main';
import { staleReason } from '../../scripts/cached-bundle.mjs';

let dataDir: string;
let start: ChildProcessWithoutNullStreams;
let output = '';

/** Resolves once the console has printed text after offset `from`; fails if it exits or takes 30 s. */
function printed(text: string, from = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (output.indexOf(text, from) < 0) return;
      done();
      resolve();
    };
    const exited = (code: number | null) => {
      done();
      reject(new Error(`npm start exited ${code} before printing ${text}:\n${output}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`npm start did not print ${text} within 30 s:\n${output}`));
    }, 30_000);
    const done = () => {
      clearTimeout(timer);
      start.stdout.off('data', check);
      start.stderr.off('data', check);
      start.off('exit', exited);
    };
    start.stdout.on('data', check);
    start.stderr.on('data', check);
    start.once('exit', exited);
    check();
  });
}

async function type(line: string, expected: string): Promise<void> {
  const from = output.length;
  start.stdin.write(`${line}\n`);
  await printed(expected, from);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'uketsuke-npm-start-'));
  const configFile = join(dataDir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      eligibility: { dataDir: join(dataDir, 'eligibility') },
      clinic: { folder: join(dataDir, 'clinic') },
      staffConsole: { port: 0 },
    }),
  );
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  delete env.CI;
  start = spawn(process.execPath, ['scripts/start.mjs', '--config', configFile], { cwd: PROJECT_ROOT, env });
  start.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  start.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await printed('Kiosk ready in');
}, 120_000);

afterAll(async () => {
  if (start && start.exitCode === null) {
    start.kill('SIGTERM');
    await new Promise((resolve) => start.once('exit', resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('runs a bundle built from the current sources of the whole trusted side', () => {
    const outDir = join(PROJECT_ROOT, '.cache/start');
    const entries = { start: 'scripts/start.ts', 'face-worker': 'electron/face/face-worker.ts' };
    const stamp = JSON.parse(readFileSync(join(outDir, '.stamp.json'), 'utf8')) as {
      inputs: Record<string, string>;
    };
    for (const source of [
      'scripts/start.ts',
      'electron/browser-main.ts',
      'electron/reception/machine.ts',
      'electron/face/face-worker.ts',
      'sim/card/virtual-card.ts',
    ])
      expect(Object.keys(stamp.inputs)).toContain(source);
    const define = {
      __UKETSUKE_FACE_WORKER_URL__: JSON.stringify(new URL(`file://${join(outDir, 'face-worker.js')}`).href),
    };
    expect(staleReason({ root: PROJECT_ROOT, outDir, entries, define })).toBeNull();
    expect(output).toMatch(/Kiosk ready in [\d.]+ s \(idle screen\)/);
  });

  it('lets a newcomer finish a visit from its console, and stops on quit', async () => {
    await type('insert yamada-taro', '[choose-method]');
    await type('tap 暗証番号', '[pin-entry]');
    await type('pin 1234', '[consent]');
    await type('consent all', '受付が完了しました');
    await type('fault status 1', 'will fail the next 1 request');
    await type('remove', '[idle]');
    start.stdin.write('quit\n');
    const code = await new Promise((resolve) => start.once('exit', resolve));
    expect(code).toBe(0);
  });
});

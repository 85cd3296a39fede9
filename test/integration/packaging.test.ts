// The packaging check that can run here: electron-builder packs the real build into an asar with a
// stand-in for the Electron binary (which cannot be downloaded on this machine). It proves the
// config is valid, the package holds what the kiosk needs and nothing of the simulated world or
// the tests, and that the security fuses are flipped in the packaged binary.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../electron/browser-main';
import { buildAll } from '../../scripts/build';

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** A fuse is the ASCII digit '0' (off) or '1' (on) in the binary's fuse wire. */
const OFF = '0'.charCodeAt(0);
const ON = '1'.charCodeAt(0);
let unpacked: string;

/** A stand-in Electron folder whose binary carries a fuse wire with Electron's defaults. */
function fakeElectronDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'uketsuke-fake-electron-'));
  mkdirSync(join(dir, 'resources'));
  const defaults = '10110001'; // RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, …
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\nexit 0\n'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, defaults.length]),
    Buffer.from(defaults),
  ]);
  writeFileSync(join(dir, 'electron'), binary);
  chmodSync(join(dir, 'electron'), 0o755);
  return dir;
}

beforeAll(async () => {
  await buildAll();
  const output = mkdtempSync(join(tmpdir(), 'uketsuke-release-'));
  const result = spawnSync(
    'npx',
    [
      'electron-builder',
      '--config',
      'electron-builder.yml',
      '--linux',
      'dir',
      '-c.npmRebuild=false',
      `-c.electronDist=${fakeElectronDist()}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 240_000 },
  );
  expect(result.status, result.stdout + result.stderr).toBe(0);
  unpacked = join(output, 'linux-unpacked');
}, 300_000);

describe('the packaged kiosk', () => {
  it('contains the built main process, preload and renderer', () => {
    const files = listPackage(join(unpacked, 'resources/app.asar'), { isPack: false });
    for (const file of [
      '/dist/electron/main.js',
      '/dist/electron/preload.cjs',
      '/dist/renderer/index.html',
      '/package.json',
    ]) {
      expect(files).toContain(file);
    }
  });

  it('ships none of the simulated world, the tests or the development tools', () => {
    const files = listPackage(join(unpacked, 'resources/app.asar'), { isPack: false });
    expect(files.filter((file) => /^\/(resources\/sim|test|scripts)\//.test(file))).toEqual([]);
    expect(files.filter((file) => /\.test\.|\/playwright-core\/|\/vitest\//.test(file))).toEqual([]);
  });

  it('flips the Electron fuses that would let anyone run the binary as plain Node', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'uketsuke'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
  });
});

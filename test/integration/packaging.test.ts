// The packaging check that can run here: electron-builder packs the real build into an asar with a
// stand-in for the Electron binary (which cannot be downloaded on this machine). It proves the
// config is valid, the package holds what the kiosk needs and nothing of the simulated world or
// the tests, and that the security fuses are flipped in the packaged binary.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../electron/browser-main';
import { resolveTessdataDir, englishLangPath } from '../../electron/card-face/ocr';
import { MODEL_STEMS, resolveModelPaths, WASM_FILES } from '../../electron/face/models';
import { buildAll } from '../../scripts/build';
import { personalValuesIn } from '../support/fixture-persons';

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

/** Text files of the asar (code, JSON, PEM, XML, …): what the content checks read. */
const TEXT_FILE = /\.(c?js|mjs|json|pem|crt|key|txt|xml|ya?ml|md|html|ts)$/;

function asarTextFiles(asar: string): Array<{ file: string; text: string }> {
  return listPackage(asar, { isPack: false })
    .filter((file) => TEXT_FILE.test(file))
    .flatMap((file) => {
      try {
        return [{ file, text: extractFile(asar, file.slice(1)).toString('utf8') }];
      } catch {
        return []; // a folder whose name ends like a file
      }
    });
}

/** The second line (first base64 line) of every PEM file under sim/fixtures. */
function testPkiPemLines(): string[] {
  const dir = join(PROJECT_ROOT, 'sim/fixtures');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.pem'))
    .map((file) => readFileSync(join(dir, file), 'utf8').split('\n')[1] ?? '')
    .filter((line) => line.length >= 40);
}

beforeAll(async () => {
  // What `npm run package` does before it packs: the models and OCR data, then the production build.
  for (const script of ['scripts/copy-models.ts', 'scripts/copy-tessdata.ts']) {
    const copy = spawnSync('npx', ['tsx', script], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(copy.status, copy.stdout + copy.stderr).toBe(0);
  }
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
    expect(
      files.filter((file) => /^\/(resources\/sim|sim|test|scripts|electron|renderer)\//.test(file)),
    ).toEqual([]);
    expect(files.filter((file) => /simulated-world|virtual-card|eligibility-sim/.test(file))).toEqual([]);
    expect(files.filter((file) => /\.test\.|\/playwright-core\/|\/vitest\//.test(file))).toEqual([]);
  });

  it('holds no simulator, virtual card or fixture loader in its code, not even under another name', () => {
    const asar = join(unpacked, 'resources/app.asar');
    const code = asarTextFiles(asar).filter(({ file }) => file.startsWith('/dist/'));
    expect(code.map(({ file }) => file)).toContain('/dist/electron/main.js');
    const simulatorMarks = [
      'VirtualMyNumberCard',
      'VirtualReaders',
      'VirtualCardScanner',
      'createVirtualPinPad',
      'startEligibilitySimulator',
      'sim/fixtures/persons',
      'sim.card-inserted',
    ];
    const found = code.flatMap(({ file, text }) =>
      simulatorMarks.filter((mark) => text.includes(mark)).map((mark) => `${file}: ${mark}`),
    );
    expect(found).toEqual([]);
  });

  it('holds no fixture person and no test PKI anywhere in the asar', () => {
    const files = asarTextFiles(join(unpacked, 'resources/app.asar'));
    const personal = files.flatMap(({ file, text }) =>
      personalValuesIn(text)
        .filter(([, value]) => !/^\d+$/.test(value)) // digits alone occur in any library
        .map(([person, value]) => `${file}: ${person} ${value}`),
    );
    expect(personal).toEqual([]);
    // The simulated world's keys and certificates: by file name, and by the bodies of every PEM in
    // sim/fixtures (a line of base64 from each), wherever and under whatever name they were copied.
    const pemLines = testPkiPemLines();
    expect(pemLines.length).toBeGreaterThan(5);
    const pki = files.filter(
      ({ file, text }) =>
        /test-(ca|terminal)|card-surface-ca|jpki-root-ca|\.key\.pem$/.test(file) ||
        pemLines.some((line) => text.includes(line)),
    );
    expect(pki.map(({ file }) => file)).toEqual([]);
  });

  it('has the face models and OCR data outside the asar, where the packaged app resolves them', () => {
    const resources = join(unpacked, 'resources');
    for (const stem of MODEL_STEMS) expect(existsSync(join(resources, 'models', `${stem}.bin`))).toBe(true);
    for (const file of WASM_FILES) expect(existsSync(join(resources, 'models', file))).toBe(true);
    expect(existsSync(join(resources, 'tessdata', 'jpn.traineddata'))).toBe(true);
    // The app's own resolvers, run as in the packaged app (Electron sets process.resourcesPath).
    const host = process as NodeJS.Process & { resourcesPath?: string };
    const before = host.resourcesPath;
    host.resourcesPath = resources;
    try {
      expect(resolveModelPaths()).toEqual({
        modelsDir: join(resources, 'models'),
        wasmDir: join(resources, 'models'),
        embeddingModel: join(resources, 'models', 'fr_feature.onnx'),
      });
      expect(resolveTessdataDir()).toBe(join(resources, 'tessdata'));
      expect(englishLangPath()).toBe(join(resources, 'tessdata', 'eng'));
    } finally {
      host.resourcesPath = before;
    }
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

// Builds the renderer (and its voice prompts) only when something it is built from changed since the
// last build, so `npm start` after the first build starts in seconds. The fingerprint covers every
// file the page is made of: renderer/, i18n/, the contract, the build config and the lockfile.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'vite';
import { buildVoice } from './build-voice';

const ROOT = join(import.meta.dirname, '..');
const OUT_DIR = join(ROOT, 'dist/renderer');
const STAMP = join(OUT_DIR, '.source-fingerprint');
const INPUTS = ['renderer', 'i18n', 'electron/contract.ts', 'package-lock.json'];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.name === 'node_modules' ? [] : filesUnder(join(path, entry.name)),
  );
}

/** Size and modification time of every input: cheap, and changes whenever a source is saved. */
export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesUnder(join(ROOT, input))).sort()) {
    const stat = statSync(file);
    hash.update(`${relative(ROOT, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Returns true when it built, false when dist/renderer was already up to date. */
export async function ensureRendererBuilt(): Promise<boolean> {
  // Voice first: Vite copies renderer/public/voice into the page. It renders only changed prompts.
  await buildVoice();
  const fingerprint = sourceFingerprint();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint) return false;
  await build({ configFile: join(ROOT, 'renderer/vite.config.ts'), logLevel: 'warn' });
  writeFileSync(STAMP, fingerprint);
  return true;
}

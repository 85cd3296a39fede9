// Builds the renderer (and its voice prompts) only when something it is built from changed since the
// last build, so `npm start` after the first build starts in seconds. The fingerprint covers every
// file the page is made of: renderer/, i18n/, the contract, the build config and the lockfile.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

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
  // Unchanged inputs (i18n and the rendered voice files among them) need no voice build either.
  // Vite and the voice build are imported only to build: loading them costs a start time.
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === sourceFingerprint()) return false;
  // Voice first: Vite copies renderer/public/voice into the page. It renders only changed prompts.
  const { buildVoice } = await import('./build-voice');
  await buildVoice();
  const fingerprint = sourceFingerprint();
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'renderer/vite.config.ts'), logLevel: 'warn' });
  writeFileSync(STAMP, fingerprint);
  return true;
}

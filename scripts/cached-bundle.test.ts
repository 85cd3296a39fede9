// The cached bundle `npm start` runs: built once, run as long as its sources are unchanged, and
// rebuilt — never run stale — after any change to what it was built from.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureBundle, staleReason, type BundleOptions } from './cached-bundle.mjs';

let root: string;
let options: BundleOptions;

/** Runs the bundle in a fresh Node and returns what it printed. */
const run = () => execFileSync(process.execPath, [join(root, 'out/main.js')], { encoding: 'utf8' }).trim();

/** Rewrites a file with new content of the same size and the same modification time. */
function editKeepingSizeAndTime(path: string, content: string): void {
  const { atime, mtime, size } = statSync(path);
  expect(Buffer.byteLength(content)).toBe(size);
  writeFileSync(path, content);
  utimesSync(path, atime, mtime);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'uketsuke-bundle-'));
  mkdirSync(join(root, 'src/lib'), { recursive: true });
  writeFileSync(join(root, 'src/main.ts'), "import { word } from './lib/word';\nconsole.log(word());\n");
  writeFileSync(join(root, 'src/lib/word.ts'), "export const word = (): string => 'apple';\n");
  options = { root, entries: { main: 'src/main.ts' }, outDir: join(root, 'out') };
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the cached bundle', () => {
  it('is built when missing and then reused while nothing changed', async () => {
    expect(await ensureBundle(options)).toBe('no bundle yet');
    expect(run()).toBe('apple');
    expect(staleReason(options)).toBeNull();
    expect(await ensureBundle(options)).toBeNull();
  });

  it('is rebuilt after a source edit, even one that keeps the size and the modification time', async () => {
    await ensureBundle(options);
    editKeepingSizeAndTime(join(root, 'src/lib/word.ts'), "export const word = (): string => 'mango';\n");
    expect(staleReason(options)).toBe(join('src/lib', 'word.ts') + ' changed');
    await ensureBundle(options);
    expect(run()).toBe('mango');
  });

  it('is rebuilt when a file appears beside its sources (an import may now resolve to it)', async () => {
    await ensureBundle(options);
    // A new word.tsx, say, would shadow nothing here, but a new index.ts could: any new name counts.
    writeFileSync(join(root, 'src/lib/other.ts'), 'export {};\n');
    expect(staleReason(options)).toBe('files added or removed in src/lib');
  });

  it('is rebuilt when an output, the stamp or a build option is missing or changed', async () => {
    await ensureBundle(options);
    rmSync(join(root, 'out/main.js'));
    expect(staleReason(options)).toBe('output missing');
    await ensureBundle(options);
    expect(staleReason({ ...options, define: { __FLAG__: 'true' } })).toBe('build changed');
    rmSync(join(root, 'out/.stamp.json'));
    expect(staleReason(options)).toBe('no bundle yet');
  });

  it("keeps each module's import.meta as in its source, so paths beside a module still resolve", async () => {
    writeFileSync(
      join(root, 'src/lib/word.ts'),
      'export const word = (): string => `${import.meta.dirname}|${new URL(import.meta.url).pathname}`;\n',
    );
    await ensureBundle(options);
    expect(run()).toBe(`${join(root, 'src/lib')}|${join(root, 'src/lib/word.ts')}`);
  });
});

// `npm start`: runs scripts/start.ts from a bundle of the trusted side (.cache/start/), built by
// esbuild only when one of its sources changed (scripts/cached-bundle.mjs), instead of transpiling
// every module with tsx on each start. The face worker is bundled beside it.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBundle } from './cached-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Under .cache/, never dist/: electron-builder packs dist/**, and this bundle holds the simulated world.
const outDir = join(root, '.cache/start');
const buildStarted = performance.now();
const rebuilt = await ensureBundle({
  root,
  outDir,
  entries: { start: 'scripts/start.ts', 'face-worker': 'electron/face/face-worker.ts' },
  define: {
    __UKETSUKE_FACE_WORKER_URL__: JSON.stringify(pathToFileURL(join(outDir, 'face-worker.js')).href),
  },
});
if (rebuilt) {
  const seconds = ((performance.now() - buildStarted) / 1000).toFixed(1);
  console.log(`Trusted side rebuilt (${rebuilt}) in ${seconds} s.`);
}
// Stack traces name the bundle's lines (each module's source path is in a comment above it);
// `node --enable-source-maps scripts/start.mjs` names the TypeScript lines, at a start's cost.
await import(pathToFileURL(join(outDir, 'start.js')).href);

// Builds what the Electron package contains: the renderer (static files), the main process (ESM,
// dependencies left external and packaged from node_modules) and the sandboxed preload (one CommonJS
// file: a sandboxed preload cannot import).
import { join } from 'node:path';
import { build } from 'vite';
import { buildVoice } from './build-voice';

const root = join(import.meta.dirname, '..');

export async function buildAll(): Promise<void> {
  await buildVoice();
  await build({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir: join(root, 'dist/electron'),
      emptyOutDir: true,
      target: 'node22',
      rollupOptions: {
        // The face worker is its own entry: worker-client.ts loads `face-worker.js` beside itself.
        input: {
          main: join(root, 'electron/main.ts'),
          'face-worker': join(root, 'electron/face/face-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  });
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    ssr: { noExternal: true, external: ['electron'] },
    build: {
      ssr: join(root, 'electron/preload.ts'),
      outDir: join(root, 'dist/electron'),
      emptyOutDir: false,
      target: 'chrome130',
      rollupOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: 'preload.cjs' } },
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAll();
  console.log('built dist/renderer, dist/electron/main.js, dist/electron/preload.cjs');
}

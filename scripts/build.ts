// Builds what the Electron package contains: the renderer (static files), the main process (ESM,
// dependencies left external and packaged from node_modules) and the sandboxed preload (one CommonJS
// file: a sandboxed preload cannot import).
import { join } from 'node:path';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');

export interface BuildOptions {
  /**
   * Bundle the simulated world (virtual card, simulator, fixtures' loaders) for `npm start` and the
   * tests. Off by default: `npm run build` is the production build `npm run package` packs.
   */
  simulatedWorld?: boolean;
}

export async function buildAll(options: BuildOptions = {}): Promise<void> {
  await build({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    // electron/main.ts reads this: false removes the simulated world's branch and its import.
    define: { __UKETSUKE_SIMULATED_WORLD__: JSON.stringify(options.simulatedWorld === true) },
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
  const simulatedWorld = process.argv.includes('--simulated-world');
  await buildAll({ simulatedWorld });
  console.log(
    `built dist/renderer, dist/electron/main.js, dist/electron/preload.cjs (${simulatedWorld ? 'with' : 'without'} the simulated world)`,
  );
}

// Starts the kiosk on the browser host in headless Chromium, the way `npm start` does, with an
// in-memory log the test can read.
import { join } from 'node:path';
import { startBrowserKiosk, PROJECT_ROOT, type BrowserKiosk } from '../../electron/browser-main';
import { parseConfig } from '../../electron/config/load-config';
import { createLogger, memorySink } from '../../electron/log/logger';

export const RENDERER_CONFIG = join(PROJECT_ROOT, 'renderer/vite.config.ts');
export const RENDERER_DIR = join(PROJECT_ROOT, 'dist/renderer');

export interface TestKiosk extends BrowserKiosk {
  logLines: string[];
}

export async function startTestKiosk(
  options: { config?: Record<string, unknown>; fakeCameraFile?: string; rendererDir?: string } = {},
): Promise<TestKiosk> {
  const sink = memorySink();
  const kiosk = await startBrowserKiosk({
    config: parseConfig({ window: { kiosk: false, fullscreen: false }, ...options.config }),
    log: createLogger(sink, { minLevel: 'debug' }),
    rendererDir: options.rendererDir ?? RENDERER_DIR,
    headless: true,
    ...(options.fakeCameraFile ? { fakeCameraFile: options.fakeCameraFile } : {}),
  });
  return { ...kiosk, logLines: sink.lines };
}

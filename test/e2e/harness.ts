// Starts the kiosk on the browser host in headless Chromium, the way `npm start` does, on the
// simulated world, with an in-memory log and its own data folders the test can read.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserKiosk, PROJECT_ROOT, type BrowserKiosk } from '../../electron/browser-main';
import { parseConfig } from '../../electron/config/load-config';
import { createLogger, memorySink } from '../../electron/log/logger';
import type { SmartCardReaders } from '../../electron/card/transport';
import type { SimulatedFaults } from '../../electron/world/simulated-world';
import { clockForWorld } from '../../electron/world/world';

export const RENDERER_CONFIG = join(PROJECT_ROOT, 'renderer/vite.config.ts');
export const RENDERER_DIR = join(PROJECT_ROOT, 'dist/renderer');
export const FIXTURES = join(PROJECT_ROOT, 'test/fixtures');

export interface TestKiosk extends BrowserKiosk {
  logLines: string[];
  dataDir: string;
}

type ConfigOverrides = Record<string, unknown>;

export async function startTestKiosk(
  options: {
    config?: ConfigOverrides;
    fakeCameraFile?: string;
    rendererDir?: string;
    /** Parts of the simulated world down from the start. */
    worldFaults?: SimulatedFaults;
    /** The reader stack the cards sit in (pcscd's, see pcscd-cards.ts); default the in-process readers. */
    cardReaders?: SmartCardReaders;
  } = {},
): Promise<TestKiosk> {
  const sink = memorySink();
  const dataDir = mkdtempSync(join(tmpdir(), 'uketsuke-e2e-'));
  const { eligibility, clinic, ...rest } = options.config ?? {};
  const config = parseConfig({
    window: { kiosk: false, fullscreen: false },
    eligibility: { dataDir: join(dataDir, 'eligibility'), ...(eligibility as ConfigOverrides) },
    clinic: { folder: join(dataDir, 'clinic'), ...(clinic as ConfigOverrides) },
    ...rest,
  });
  const clock = clockForWorld(config);
  const kiosk = await startBrowserKiosk({
    config,
    clock,
    log: createLogger(sink, { minLevel: 'debug', clock }),
    rendererDir: options.rendererDir ?? RENDERER_DIR,
    headless: true,
    ...(options.fakeCameraFile ? { fakeCameraFile: options.fakeCameraFile } : {}),
    ...(options.worldFaults ? { worldFaults: options.worldFaults } : {}),
    ...(options.cardReaders ? { cardReaders: options.cardReaders } : {}),
  });
  return { ...kiosk, logLines: sink.lines, dataDir };
}

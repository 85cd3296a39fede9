// Composition root of the browser host: the same trusted services as electron/main.ts, served to
// Debian's Chromium over the loopback host instead of IPC. Used by `npm start` when the Electron
// binary is absent, and by the end-to-end tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeKiosk, type Kiosk } from './compose';
import type { KioskConfig } from './config/schema';
import { openChromiumWindow, type ChromiumWindow } from './hosts/chromium-window';
import { startLoopbackHost, type LoopbackHost } from './hosts/loopback-host';
import type { Logger } from './log/logger';

export interface BrowserKiosk {
  kiosk: Kiosk;
  host: LoopbackHost;
  window: ChromiumWindow;
  close(): Promise<void>;
}

export const PROJECT_ROOT = join(import.meta.dirname, '..');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
}

export async function startBrowserKiosk(options: {
  config: KioskConfig;
  log: Logger;
  rendererDir: string;
  headless: boolean;
  fakeCameraFile?: string;
  executablePath?: string;
}): Promise<BrowserKiosk> {
  const kiosk = composeKiosk({ config: options.config, log: options.log, version: packageVersion() });
  const host = await startLoopbackHost({ kiosk, rendererDir: options.rendererDir });
  let recoveryCrash: (detail: string) => void = () => undefined;
  const window = await openChromiumWindow({
    pageUrl: host.pageUrl,
    origin: host.origin,
    headless: options.headless,
    kiosk: options.config.window.kiosk,
    ...(options.fakeCameraFile ? { fakeCameraFile: options.fakeCameraFile } : {}),
    ...(options.executablePath ? { executablePath: options.executablePath } : {}),
    onCrash: (detail) => recoveryCrash(detail),
  });
  const recovery = kiosk.attachWindow(window);
  recoveryCrash = (detail) => recovery.rendererCrashed(detail);
  options.log.info('kiosk.started', {
    host: 'browser',
    world: options.config.world,
    headless: options.headless,
  });

  return {
    kiosk,
    host,
    window,
    async close() {
      kiosk.dispose();
      await window.close();
      await host.close();
    },
  };
}

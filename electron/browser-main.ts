// Composition root of the browser host: the same trusted services as electron/main.ts, served to
// Debian's Chromium over the loopback host instead of IPC. Used by `npm start` when the Electron
// binary is absent, and by the end-to-end tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from './clock';
import { composeKiosk, type Kiosk } from './compose';
import type { KioskConfig } from './config/schema';
import { launchChromium, openChromiumWindow, type ChromiumWindow } from './hosts/chromium-window';
import { startLoopbackHost, type LoopbackHost } from './hosts/loopback-host';
import type { CardFaceOcr } from './card-face/ocr';
import type { SmartCardReaders } from './card/transport';
import type { Logger } from './log/logger';
import { startSimulatedWorld, type SimulatedFaults, type SimulatedWorld } from './world/simulated-world';
import { startStaffConsole, type StaffConsole } from './staff/console';

export interface BrowserKiosk {
  kiosk: Kiosk;
  world: SimulatedWorld;
  host: LoopbackHost;
  window: ChromiumWindow;
  /** The staff database and the desk's console (config staffConsole). */
  staffConsole: StaffConsole;
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
  /** The process's one clock (`clockForWorld(config)`), the one the logger was given too. */
  clock: Clock;
  rendererDir: string;
  headless: boolean;
  fakeCameraFile?: string;
  executablePath?: string;
  /** An OCR engine already started (tests share one across kiosks). */
  cardFaceOcr?: CardFaceOcr;
  /** Parts of the simulated world down from the start (the reader, the cameras, the service). */
  worldFaults?: SimulatedFaults;
  /** The simulated world on the real PC/SC stack (pcscd + vpcd) instead of its in-process readers. */
  readers?: SmartCardReaders;
}): Promise<BrowserKiosk> {
  // The browser host is for the simulated world: real hardware runs in the Electron kiosk.
  if (options.config.world !== 'simulated') {
    throw new Error(
      'The browser host runs the simulated world only; real hardware needs the Electron kiosk.',
    );
  }
  const windowOptions = {
    headless: options.headless,
    kiosk: options.config.window.kiosk,
    ...(options.fakeCameraFile ? { fakeCameraFile: options.fakeCameraFile } : {}),
    ...(options.executablePath ? { executablePath: options.executablePath } : {}),
  };
  // Chromium starts while the world, the host and the staff console come up. The face worker and
  // the OCR engine load their models once the page is up: idle shows first, and a card placed
  // meanwhile waits for them.
  let pageUp: () => void = () => undefined;
  const enginesStartWhen = new Promise<void>((resolve) => (pageUp = resolve));
  const worldStarting = startSimulatedWorld({
    config: options.config,
    log: options.log,
    clock: options.clock,
    enginesStartWhen,
    ...(options.cardFaceOcr ? { cardFaceOcr: options.cardFaceOcr } : {}),
    ...(options.worldFaults ? { faults: options.worldFaults } : {}),
    ...(options.readers ? { readers: options.readers } : {}),
  });
  const browserStarting = launchChromium(windowOptions);
  const [worldStarted, browserStarted] = await Promise.allSettled([worldStarting, browserStarting]);
  if (worldStarted.status === 'rejected' || browserStarted.status === 'rejected') {
    if (worldStarted.status === 'fulfilled') await worldStarted.value.close();
    if (browserStarted.status === 'fulfilled') await browserStarted.value.close();
    throw worldStarted.status === 'rejected'
      ? worldStarted.reason
      : (browserStarted as PromiseRejectedResult).reason;
  }
  const world = worldStarted.value;
  const kiosk = composeKiosk({
    config: options.config,
    log: options.log,
    clock: options.clock,
    version: packageVersion(),
    devices: world.devices,
  });
  const host = await startLoopbackHost({ kiosk, rendererDir: options.rendererDir, clock: options.clock });
  const staffConsole = await startStaffConsole({
    kiosk,
    world,
    clock: options.clock,
    rendererDir: options.rendererDir,
  });
  let recoveryCrash: (detail: string) => void = () => undefined;
  const window = await openChromiumWindow(
    {
      ...windowOptions,
      pageUrl: host.pageUrl,
      origin: host.origin,
      onCrash: (detail) => recoveryCrash(detail),
    },
    browserStarted.value,
  );
  pageUp();
  const recovery = kiosk.attachWindow(window);
  recoveryCrash = (detail) => recovery.rendererCrashed(detail);
  options.log.info('kiosk.started', {
    host: 'browser',
    world: options.config.world,
    headless: options.headless,
  });

  return {
    kiosk,
    world,
    host,
    window,
    staffConsole,
    async close() {
      kiosk.dispose();
      await window.close();
      await staffConsole.close();
      await host.close();
      await world.close();
    },
  };
}

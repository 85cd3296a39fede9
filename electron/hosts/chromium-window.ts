// The browser host's kiosk window: Debian's Chromium driven through playwright-core, so the host
// can restart the page after a crash or hang exactly as Electron's main process would. It never
// downloads a browser: the executable is the system's.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, BrowserType, Page } from 'playwright-core';
import type { RestartableWindow } from '../recovery/recovery';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** How the browser is started: known before the loopback host is up, so it can start first. */
export interface ChromiumLaunchOptions {
  headless: boolean;
  /** Full-screen kiosk mode (config window.kiosk). */
  kiosk: boolean;
  executablePath?: string;
  /** A .y4m file Chromium plays as the camera, for the simulated world and tests. */
  fakeCameraFile?: string;
}

export interface ChromiumWindowOptions extends ChromiumLaunchOptions {
  pageUrl: string;
  origin: string;
  onCrash?: (detail: string) => void;
}

export interface ChromiumWindow extends RestartableWindow {
  page(): Page;
  close(): Promise<void>;
}

export function chromiumArgs(options: ChromiumLaunchOptions): string[] {
  const args = [
    // Nothing but our loopback host resolves: the kiosk page cannot reach the network even if
    // the CSP failed, and Chromium's own background services stay quiet.
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--disable-features=Translate,MediaRouter',
    '--autoplay-policy=no-user-gesture-required',
  ];
  // Chromium refuses to run as root with its sandbox (CI and the test machine run as root).
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  if (options.kiosk && !options.headless) args.push('--kiosk');
  if (options.fakeCameraFile) {
    args.push(
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${options.fakeCameraFile}`,
    );
  }
  return args;
}

/**
 * Starts Debian's Chromium. playwright-core is loaded here, not at import: it takes most of a
 * second, which the browser host spends while the simulated world starts. With require: its ESM
 * entry only re-exports the CommonJS one, and the ESM loader's CommonJS parsing costs more time.
 */
export async function launchChromium(options: ChromiumLaunchOptions): Promise<Browser> {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  }
  const { chromium } = createRequire(import.meta.url)('playwright-core') as { chromium: BrowserType };
  return chromium.launch({ executablePath, headless: options.headless, args: chromiumArgs(options) });
}

/** The kiosk page in a browser launchChromium started (or one it starts now). */
export async function openChromiumWindow(
  options: ChromiumWindowOptions,
  launched?: Browser,
): Promise<ChromiumWindow> {
  const browser = launched ?? (await launchChromium(options));
  const context: BrowserContext = await browser.newContext({
    viewport: options.headless ? { width: 1280, height: 800 } : null,
  });
  // The camera, for our origin only; every other permission stays denied.
  await context.grantPermissions(['camera'], { origin: options.origin });

  let current: Page;
  const openPage = async (): Promise<void> => {
    current = await context.newPage();
    current.on('crash', () => options.onCrash?.('renderer process crashed'));
    await current.goto(options.pageUrl);
  };
  await openPage();

  return {
    page: () => current,
    async restart() {
      // Closing kills a hung renderer too; a fresh page starts from idle.
      await current.close({ runBeforeUnload: false }).catch(() => undefined);
      await openPage();
    },
    async close() {
      await browser.close();
    },
  };
}

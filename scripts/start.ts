// `npm start`: the kiosk on the simulated world. With the Electron binary installed it opens the
// Electron kiosk window; without it, it serves the same renderer from the loopback host and opens
// it in Debian's Chromium, so the command works on any machine.
//   npm start -- [--config FILE] [--headless] [--camera FILE.y4m]
// On the browser host, QA drives the simulated world from this terminal (type `help`).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT, startBrowserKiosk } from '../electron/browser-main';
import { loadConfig } from '../electron/config/load-config';
import { createLogger, stderrSink } from '../electron/log/logger';
import { clockForWorld } from '../electron/world/world';
import { ensureRendererBuilt } from './renderer-build';
import { PATIENT_HELP, formatScreen, readScreen, runPatientCommand } from './patient-console';
import { startSimulatorConsole } from './sim-console';

const { values: args } = parseArgs({
  options: {
    config: { type: 'string' },
    headless: { type: 'boolean', default: false },
    camera: { type: 'string' },
  },
});

/**
 * The Electron binary's path, or null where it is not installed (as on this CI machine). Read
 * without requiring 'electron', whose index.js would try to download the binary.
 */
function electronBinary(): string | null {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const configPath = args.config ?? process.env.UKETSUKE_CONFIG;
/** A still photo of yamada-taro (another photo than his card's): found and matched, refused on liveness. */
const DEFAULT_CAMERA = join(PROJECT_ROOT, 'test/fixtures/faces/yamada-taro-live.y4m');
const electron = electronBinary();

if (electron) {
  // Imported here: Vite is needed only on this branch.
  const { buildAll } = await import('./build');
  await buildAll({ simulatedWorld: true });
  const child = spawn(electron, [PROJECT_ROOT], {
    stdio: 'inherit',
    env: { ...process.env, ...(configPath ? { UKETSUKE_CONFIG: resolve(configPath) } : {}) },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron binary not installed: serving the kiosk from a loopback host in Chromium instead.');
  if (await ensureRendererBuilt()) console.log('Renderer sources changed: rebuilt dist/renderer.');
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const headless = args.headless || !hasDisplay;
  const config = loadConfig(configPath);
  const clock = clockForWorld(config); // the one clock of this process
  const kiosk = await startBrowserKiosk({
    config,
    clock,
    log: createLogger(stderrSink, { clock }),
    rendererDir: join(PROJECT_ROOT, 'dist/renderer'),
    headless,
    fakeCameraFile: resolve(args.camera ?? DEFAULT_CAMERA),
  });
  if (headless) {
    console.log('No display: Chromium runs headless (run under xvfb-run or set DISPLAY to see the kiosk).');
  }
  const stop = () => void kiosk.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const page = kiosk.window.page();
  const faults = kiosk.world.controls.eligibility.faults;
  startSimulatorConsole(kiosk.world.controls, stop, {
    help: PATIENT_HELP,
    run: (line) => runPatientCommand(page, faults, line),
  });
  // Every new screen is shown on the console, so a newcomer without a display can follow the visit.
  let lastScreen = '';
  kiosk.kiosk.events.subscribe((name, payload) => {
    if (name !== 'reception:view') return;
    const screen = (payload as { screen: string }).screen;
    if (screen === lastScreen) return;
    lastScreen = screen;
    // Give the page a moment to draw the view it was just sent.
    setTimeout(() => {
      void readScreen(page)
        .then((text) => console.log(formatScreen(text)))
        .catch(() => undefined);
    }, 300);
  });
  // Ready when the page shows its first screen; timed from the process's start (bench:start reads it).
  await page.waitForSelector('[data-screen]', { timeout: 60_000 });
  const screen = (await readScreen(page)).screen;
  console.log(`Kiosk ready in ${(performance.now() / 1000).toFixed(1)} s (${screen} screen).`);
}

// Composition root of the Electron kiosk. Everything here is wiring: the services come from
// compose.ts, the policies from security/, and the same handler table serves IPC that the browser
// host serves over loopback.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { composeKiosk } from './compose';
import { createSafeStorageKeyStore } from './eligibility/safe-storage-key-store';
import { RendererFrameBroker } from './card-face/frame-broker';
import { createEventHub } from './ipc/event-hub';
import { loadConfig } from './config/load-config';
import { requireProvisionedConfig } from './config/provisioned';
import { CHANNELS } from './contract';
import { toErrorView } from './errors/kiosk-error';
import { readRendererAsset } from './hosts/renderer-assets';
import { rotatingFileSink } from './log/rotating-file-sink';
import { createKioskMetrics } from './metrics/kiosk-metrics';
import { startMetricsServer } from './metrics/metrics-server';
import { healthProbes } from './metrics/health-probes';
import { outboxProbe } from './metrics/outbox-probe';
import { createRelaunchPolicy, relaunchArgs, relaunchesIn } from './recovery/relaunch';
import { IT_COMMANDS, runItCli } from './it/cli';
import { terminalPrompt } from './it/terminal-prompt';
import { createLogger } from './log/logger';
import { clockForWorld } from './world/world';
import { RENDERER_SECURITY_HEADERS } from './security/csp';
import { APP_ORIGIN, isPermissionGranted } from './security/permissions';
import { isTrustedSender } from './security/trusted-sender';
import { hardenWebContents } from './security/web-contents';
import { startStaffConsole } from './staff/console';
import { kioskWindowOptions } from './security/window-options';

const APP_SCHEME = 'app';
const PAGE_URL = `${APP_ORIGIN}/index.html`;
/** DevTools only with an explicit development flag, never from the terminal's config. */
const DEVTOOLS = process.env.UKETSUKE_DEVTOOLS === '1';
/**
 * `npm run build` (the production build, what `npm run package` packs) defines this as false, so the
 * simulated world is not even bundled; `npm start` and the tests build or run it with the simulated world.
 */
declare const __UKETSUKE_SIMULATED_WORLD__: boolean | undefined;
const SIMULATED_WORLD_BUILT =
  typeof __UKETSUKE_SIMULATED_WORLD__ === 'undefined' ? true : __UKETSUKE_SIMULATED_WORLD__;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);
app.enableSandbox();

async function start(): Promise<void> {
  // `uketsuke --data-dir DIR` and the kiosk agree on one data folder (config, database, logs).
  if (process.env.UKETSUKE_DATA_DIR) app.setPath('userData', resolve(process.env.UKETSUKE_DATA_DIR));
  const userConfig = join(app.getPath('userData'), 'config.json');
  const configPath = process.env.UKETSUKE_CONFIG ?? (existsSync(userConfig) ? userConfig : undefined);
  // A production build has no simulated world to fall back on: a terminal without its provisioned
  // config stops here with a message for IT instead of starting on defaults.
  if (!SIMULATED_WORLD_BUILT) {
    requireProvisionedConfig(configPath ?? userConfig, (path) =>
      existsSync(path) ? readFileSync(path, 'utf8') : undefined,
    );
  }
  const loaded = loadConfig(configPath);
  const clock = clockForWorld(loaded); // the one clock of this process
  const log = createLogger(
    rotatingFileSink(join(app.getPath('userData'), 'logs', 'uketsuke.log'), loaded.log),
    { clock },
  );
  // Relative data folders live under the app's own data folder, not wherever it was started from.
  const userData = app.getPath('userData');
  const config = {
    ...loaded,
    eligibility: { ...loaded.eligibility, dataDir: resolve(userData, loaded.eligibility.dataDir) },
    clinic: { ...loaded.clinic, folder: resolve(userData, loaded.clinic.folder) },
  };
  const events = createEventHub();
  const cardTray = new RendererFrameBroker((request) => events.publish('card-face:capture', request));
  const world =
    SIMULATED_WORLD_BUILT && config.world === 'simulated'
      ? await (await import('./world/simulated-world')).startSimulatedWorld({ config, log, clock })
      : await (
          await import('./world/hardware-world')
        ).startHardwareWorld({
          config,
          log,
          clock,
          cardTray,
          keyStore: createSafeStorageKeyStore(safeStorage, join(userData, 'eligibility.key')),
          modelsDir: join(process.resourcesPath, 'models'),
        });
  const kiosk = composeKiosk({
    config,
    log,
    clock,
    version: app.getVersion(),
    devices: world.devices,
    events,
    cardTray,
  });
  if (config.metrics.enabled) {
    const metrics = createKioskMetrics({
      clock,
      terminalId: config.terminal.id,
      probes: {
        outbox: outboxProbe(join(config.eligibility.dataDir, 'eligibility.db'), clock),
        ...healthProbes(world.health),
      },
    });
    kiosk.reception.onView((view) => metrics.observeView(view));
    world.services.eligibility.onUpstreamFailure((failure) => metrics.observeServiceError(failure));
    // Metrics are for monitoring: a port in use must not keep the kiosk from serving patients.
    startMetricsServer({
      registry: metrics.registry,
      listen: config.metrics.listen,
      port: config.metrics.port,
    }).then(
      (server) => log.info('metrics.listening', { url: server.url }),
      (error: unknown) =>
        log.warn('metrics.not-started', { error: error instanceof Error ? error.message : 'unknown' }),
    );
  }
  const rendererDir = join(app.getAppPath(), 'dist/renderer');
  // The desk's console starts beside the kiosk window; the patients' screen never waits for it.
  const staffConsole = startStaffConsole({ kiosk, world, clock, rendererDir });
  let stopping = false;
  app.on('will-quit', (event) => {
    if (stopping) return;
    stopping = true;
    // Let the devices go (the card reset, workers ended, the database closed) before exiting.
    event.preventDefault();
    kiosk.dispose();
    void staffConsole
      .then((console) => console.close())
      .catch(() => undefined)
      .then(() => world.close())
      .finally(() => app.quit());
  });

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const asset =
      url.host === 'kiosk'
        ? await readRendererAsset(rendererDir, url.pathname)
        : { status: 404, body: Buffer.alloc(0), contentType: 'text/plain' };
    return new Response(new Uint8Array(asset.body), {
      status: asset.status,
      headers: { 'Content-Type': asset.contentType, ...RENDERER_SECURITY_HEADERS },
    });
  });

  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(
      isPermissionGranted({ permission, requestingUrl: details.requestingUrl, mediaTypes }, APP_ORIGIN),
    );
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(
      {
        permission,
        requestingUrl: requestingOrigin,
        mediaTypes: details.mediaType ? [details.mediaType] : [],
      },
      APP_ORIGIN,
    ),
  );
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, APP_ORIGIN, DEVTOOLS));

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url, APP_ORIGIN)) {
        log.warn('ipc.untrusted-sender', { channel });
        return { ok: false, error: toErrorView('kiosk.bad-request') };
      }
      return kiosk.dispatch(channel, payload);
    });
  }

  Menu.setApplicationMenu(config.window.menu ? Menu.getApplicationMenu() : null);
  const window = new BrowserWindow(
    kioskWindowOptions(config.window, join(import.meta.dirname, 'preload.cjs'), DEVTOOLS),
  );
  kiosk.events.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(name, payload);
  });
  // A renderer that keeps dying even after window restarts: relaunch the whole app, a capped number of times.
  const relaunchesSoFar = relaunchesIn(process.argv);
  const relaunch = createRelaunchPolicy({ now: () => clock.now(), relaunchesSoFar });
  const recovery = kiosk.attachWindow(
    {
      async restart() {
        // A hung renderer cannot be navigated: end its process first, then load idle afresh.
        if (!window.webContents.isCrashed()) window.webContents.forcefullyCrashRenderer();
        await window.loadURL(PAGE_URL);
      },
    },
    undefined,
    (reason) => {
      const decision = relaunch.recordRestart();
      if (decision === 'give-up') log.error('kiosk.relaunch-limit', { reason, relaunches: relaunchesSoFar });
      if (decision !== 'relaunch-app') return true;
      log.warn('kiosk.relaunch', { reason, relaunch: relaunchesSoFar + 1 });
      app.relaunch({ args: relaunchArgs(process.argv.slice(1), relaunchesSoFar) });
      app.exit(0);
      return false;
    },
  );
  window.webContents.on('render-process-gone', (_event, details) => recovery.rendererCrashed(details.reason));
  window.once('ready-to-show', () => window.show());
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  log.info('kiosk.started', { host: 'electron', world: config.world });
  await window.loadURL(PAGE_URL);
}

/** `Uketsuke provision|doctor|support-bundle|staff …`: the IT commands, run by the packaged binary itself. */
const IT_COMMAND = IT_COMMANDS.includes(process.argv[app.isPackaged ? 1 : 2] ?? '');

if (IT_COMMAND) {
  const argv = process.argv.slice(app.isPackaged ? 1 : 2);
  const prompt = argv.includes('--non-interactive') ? undefined : terminalPrompt();
  void runItCli(
    argv,
    {
      out: (line) => console.log(line),
      err: (line) => console.error(line),
      ...(prompt ? { ask: prompt.ask, askSecret: prompt.askSecret } : {}),
    },
    {
      appVersion: app.getVersion(),
    },
  ).then(
    (code) => {
      prompt?.close();
      app.exit(code);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      app.exit(1);
    },
  );
} else if (!app.requestSingleInstanceLock()) {
  // One kiosk per terminal: a second start only brings the first to the front.
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error('Uketsuke failed to start:', message);
      // On a kiosk screen there is no terminal to read: IT sees the reason in a dialog too.
      dialog.showErrorBox('Uketsuke cannot start', message);
      app.exit(1);
    });
}

// Composition root of the Electron kiosk. Everything here is wiring: the services come from
// compose.ts, the policies from security/, and the same handler table serves IPC that the browser
// host serves over loopback.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { composeKiosk } from './compose';
import { createSafeStorageKeyStore } from './eligibility/safe-storage-key-store';
import { RendererFrameBroker } from './card-face/frame-broker';
import { createEventHub } from './ipc/event-hub';
import { loadConfig } from './config/load-config';
import { CHANNELS } from './contract';
import { toErrorView } from './errors/kiosk-error';
import { readRendererAsset } from './hosts/renderer-assets';
import { fileSink } from './log/file-sink';
import { createLogger } from './log/logger';
import { clockForWorld } from './world/world';
import { RENDERER_SECURITY_HEADERS } from './security/csp';
import { APP_ORIGIN, isPermissionGranted } from './security/permissions';
import { isTrustedSender } from './security/trusted-sender';
import { hardenWebContents } from './security/web-contents';
import { kioskWindowOptions } from './security/window-options';

const APP_SCHEME = 'app';
const PAGE_URL = `${APP_ORIGIN}/index.html`;
/** DevTools only with an explicit development flag, never from the terminal's config. */
const DEVTOOLS = process.env.UKETSUKE_DEVTOOLS === '1';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);
app.enableSandbox();

async function start(): Promise<void> {
  const userConfig = join(app.getPath('userData'), 'config.json');
  const loaded = loadConfig(process.env.UKETSUKE_CONFIG ?? (existsSync(userConfig) ? userConfig : undefined));
  const clock = clockForWorld(loaded); // the one clock of this process
  const log = createLogger(fileSink(join(app.getPath('logs'), 'uketsuke.log')), { clock });
  // Relative data folders live under the app's own data folder, not wherever it was started from.
  const userData = app.getPath('userData');
  const config = {
    ...loaded,
    eligibility: { ...loaded.eligibility, dataDir: resolve(userData, loaded.eligibility.dataDir) },
    clinic: { folder: resolve(userData, loaded.clinic.folder) },
  };
  const events = createEventHub();
  const cardTray = new RendererFrameBroker((request) => events.publish('card-face:capture', request));
  const world =
    config.world === 'simulated'
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
  let stopping = false;
  app.on('will-quit', (event) => {
    if (stopping) return;
    stopping = true;
    // Let the devices go (the card reset, workers ended, the database closed) before exiting.
    event.preventDefault();
    kiosk.dispose();
    void world.close().finally(() => app.quit());
  });
  const rendererDir = join(app.getAppPath(), 'dist/renderer');

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
  const recovery = kiosk.attachWindow({
    async restart() {
      // A hung renderer cannot be navigated: end its process first, then load idle afresh.
      if (!window.webContents.isCrashed()) window.webContents.forcefullyCrashRenderer();
      await window.loadURL(PAGE_URL);
    },
  });
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

// One kiosk per terminal: a second start only brings the first to the front.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Uketsuke failed to start:', error instanceof Error ? error.message : error);
      app.exit(1);
    });
}

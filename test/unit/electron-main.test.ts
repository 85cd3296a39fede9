// electron/main.ts is the composition root; Electron's binary is absent here, so Electron's module
// is replaced at this one boundary by a recorder of what main installs. The assertions are about
// what a patient or an attacker would meet: the window's isolation, what IPC answers, which
// permissions are granted, where navigation may go.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../electron/contract';

// Each test starts the whole simulated world (face, OCR and staff workers, the eligibility
// simulator); on a loaded 2-core machine that alone can pass the unit project's 20 s limit.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

type Listener = (...args: unknown[]) => unknown;

interface FakeContents {
  listeners: Map<string, Listener[]>;
  windowOpenHandler?: Listener;
  on(event: string, listener: Listener): void;
  setWindowOpenHandler(handler: Listener): void;
  closeDevTools(): void;
  send(): void;
  isCrashed(): boolean;
  forcefullyCrashRenderer(): void;
}

function fakeContents(): FakeContents {
  const listeners = new Map<string, Listener[]>();
  return {
    listeners,
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    setWindowOpenHandler(handler) {
      this.windowOpenHandler = handler;
    },
    closeDevTools: () => undefined,
    send: () => undefined,
    isCrashed: () => false,
    forcefullyCrashRenderer: () => undefined,
  };
}

const state = vi.hoisted(() => ({
  lock: true,
  quit: 0,
  windows: [] as Array<{ options: Record<string, unknown>; loaded: string[] }>,
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  appListeners: new Map<string, Array<(...args: unknown[]) => unknown>>(),
  schemes: [] as unknown[],
  protocolHandler: undefined as undefined | ((request: Request) => Promise<Response>),
  permissionRequest: undefined as undefined | ((...args: unknown[]) => void),
  permissionCheck: undefined as undefined | ((...args: unknown[]) => boolean),
  menu: 'unset' as unknown,
  userData: '',
  ready: undefined as undefined | Promise<void>,
  exitCode: undefined as undefined | number,
  errorBoxes: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      send: () => undefined,
      on: () => undefined,
      isCrashed: () => false,
      forcefullyCrashRenderer: () => undefined,
    };
    record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [] };
      state.windows.push(this.record);
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }
  const app = {
    requestSingleInstanceLock: () => state.lock,
    quit: () => void (state.quit += 1),
    exit: (code: number) => void (state.exitCode = code),
    setPath: (name: string, path: string) => {
      if (name === 'userData') state.userData = path;
    },
    enableSandbox: () => undefined,
    whenReady: () => {
      state.ready = Promise.resolve();
      return state.ready;
    },
    getPath: (name: string) => join(state.userData, name),
    getAppPath: () => join(import.meta.dirname, '../..'),
    getVersion: () => '0.0.0-test',
    on: (event: string, listener: (...args: unknown[]) => unknown) =>
      state.appListeners.set(event, [...(state.appListeners.get(event) ?? []), listener]),
  };
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (title: string, body: string) => state.errorBoxes.push(`${title}: ${body}`) },
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => unknown) =>
        state.handlers.set(channel, handler),
    },
    Menu: {
      setApplicationMenu: (menu: unknown) => (state.menu = menu),
      getApplicationMenu: () => 'default-menu',
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.schemes.push(...schemes),
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) =>
        (state.protocolHandler = handler),
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: (...args: unknown[]) => void) =>
          (state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) =>
          (state.permissionCheck = handler),
      },
    },
  };
});

/** Quits the running main as Electron would, and waits until its devices are released. */
async function stopMain() {
  const listeners = state.appListeners.get('will-quit') ?? [];
  if (listeners.length === 0) return;
  const quitBefore = state.quit;
  for (const listener of listeners) listener({ preventDefault: () => undefined });
  await vi.waitFor(() => expect(state.quit).toBeGreaterThan(quitBefore), { timeout: 20_000 });
}

async function startMain(env: Record<string, string> = {}) {
  await stopMain();
  vi.resetModules();
  state.windows = [];
  state.handlers.clear();
  state.appListeners.clear();
  state.quit = 0;
  state.userData = mkdtempSync(join(tmpdir(), 'uketsuke-main-'));
  // Each start runs the simulated world; main puts its data under this fresh userData folder.
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  await import('../../electron/main');
  await state.ready;
  await vi.waitFor(() => expect(state.windows[0]?.loaded.length).toBe(1), { timeout: 20_000 });
}

beforeEach(() => {
  vi.unstubAllEnvs();
  state.lock = true;
});

afterAll(stopMain);

describe('electron/main.ts', () => {
  it('opens one isolated, sandboxed kiosk window without Node and without DevTools', async () => {
    await startMain();
    expect(state.windows).toHaveLength(1);
    const options = state.windows[0]!.options as { kiosk: boolean; webPreferences: Record<string, unknown> };
    expect(options.kiosk).toBe(true);
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      devTools: false,
    });
    expect(String(options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(state.windows[0]!.loaded).toEqual(['app://kiosk/index.html']);
    expect(state.menu).toBeNull();
  });

  it('takes kiosk and menu options from the config so IT can service the terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uketsuke-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ window: { kiosk: false, fullscreen: false, menu: true } }));
    await startMain({ UKETSUKE_CONFIG: file });
    expect(state.windows[0]!.options).toMatchObject({
      kiosk: false,
      fullscreen: false,
      autoHideMenuBar: false,
    });
    expect(state.menu).toBe('default-menu');
  });

  it('allows DevTools only with the development flag', async () => {
    await startMain({ UKETSUKE_DEVTOOLS: '1' });
    expect((state.windows[0]!.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
  });

  it('answers every contract channel over IPC, and only for our own pages', async () => {
    await startMain();
    expect([...state.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const getView = state.handlers.get('reception:get-view')!;
    const own = await getView({ senderFrame: { url: 'app://kiosk/index.html' } }, {});
    expect(own).toMatchObject({ ok: true, value: { screen: 'idle', language: 'ja' } });
    const foreign = await getView({ senderFrame: { url: 'https://evil.example/' } }, {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'kiosk.bad-request' } });
    const malformed = await state.handlers.get('reception:set-language')!(
      { senderFrame: { url: 'app://kiosk/' } },
      { language: 'xx' },
    );
    expect(malformed).toMatchObject({ ok: false, error: { code: 'kiosk.bad-request' } });
  });

  it('grants the camera to our origin only and refuses every other permission', async () => {
    await startMain();
    const decide = (permission: string, requestingUrl: string, mediaTypes?: string[]) =>
      new Promise<boolean>((resolve) =>
        state.permissionRequest!({}, permission, resolve, {
          requestingUrl,
          ...(mediaTypes ? { mediaTypes } : {}),
        }),
      );
    expect(await decide('media', 'app://kiosk/index.html', ['video'])).toBe(true);
    expect(await decide('media', 'https://evil.example/', ['video'])).toBe(false);
    expect(await decide('media', 'app://kiosk/index.html', ['audio'])).toBe(false);
    expect(await decide('geolocation', 'app://kiosk/index.html')).toBe(false);
    expect(state.permissionCheck!({}, 'media', 'app://kiosk', { mediaType: 'video' })).toBe(true);
    expect(state.permissionCheck!({}, 'notifications', 'app://kiosk', {})).toBe(false);
  });

  it('blocks navigation away from our origin and every new window', async () => {
    await startMain();
    const contents = fakeContents();
    for (const listener of state.appListeners.get('web-contents-created') ?? []) listener({}, contents);
    const navigate = (url: string) => {
      let prevented = false;
      for (const listener of contents.listeners.get('will-navigate') ?? []) {
        listener({ preventDefault: () => (prevented = true) }, url);
      }
      return prevented;
    };
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://kiosk/index.html')).toBe(false);
    expect(contents.windowOpenHandler!({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
    expect(contents.listeners.has('will-attach-webview')).toBe(true);
  });

  it('serves the renderer over app:// with the strict CSP', async () => {
    await startMain();
    expect(state.schemes).toContainEqual(expect.objectContaining({ scheme: 'app' }));
    const response = await state.protocolHandler!(new Request('app://kiosk/missing.js'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('as the production build, refuses to start without a provisioned config and names the command', async () => {
    await stopMain();
    vi.resetModules();
    state.windows = [];
    state.appListeners.clear();
    state.exitCode = undefined;
    state.errorBoxes = [];
    state.userData = mkdtempSync(join(tmpdir(), 'uketsuke-main-'));
    // What `npm run build` defines: the simulated world is not in the build.
    vi.stubGlobal('__UKETSUKE_SIMULATED_WORLD__', false);
    try {
      await import('../../electron/main');
      await vi.waitFor(() => expect(state.exitCode).toBe(1));
      expect(state.windows).toHaveLength(0);
      expect(state.errorBoxes.join('\n')).toMatch(/uketsuke provision --data-dir/);
      // A config that still asks for the simulated world is refused the same way.
      mkdirSync(join(state.userData, 'userData'), { recursive: true });
      writeFileSync(join(state.userData, 'userData', 'config.json'), JSON.stringify({ world: 'simulated' }));
      vi.resetModules();
      state.exitCode = undefined;
      await import('../../electron/main');
      await vi.waitFor(() => expect(state.exitCode).toBe(1));
      expect(state.errorBoxes.at(-1)).toMatch(/does not set eligibility\.endpoint.*uketsuke provision/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('quits at once when another kiosk instance already runs', async () => {
    await stopMain();
    state.appListeners.clear();
    state.lock = false;
    vi.resetModules();
    state.windows = [];
    state.quit = 0;
    await import('../../electron/main');
    expect(state.quit).toBe(1);
    expect(state.windows).toHaveLength(0);
  });
});

// Where a kiosk keeps its databases and key: config `eligibility.dataDir`. The Electron kiosk
// resolves a relative folder under its app data folder (electron/main.ts); the browser host (npm
// start without Electron) under the folder it was started from. The command-line tools resolve it
// the same way so they open the kiosk's own files, not copies of their own.
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { KioskConfig } from '../config/schema';

/** Electron's `app.getPath('userData')` for this app, computed without Electron. */
export function electronUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const name = 'uketsuke';
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', name);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), name);
}

export type KioskHost = 'electron' | 'browser';

export function kioskDataDir(
  config: KioskConfig,
  options: { host: KioskHost; explicit?: string; cwd?: string },
): string {
  if (options.explicit) return resolve(options.explicit);
  const dataDir = config.eligibility.dataDir;
  if (isAbsolute(dataDir)) return dataDir;
  return options.host === 'electron'
    ? resolve(electronUserDataDir(), dataDir)
    : resolve(options.cwd ?? process.cwd(), dataDir);
}

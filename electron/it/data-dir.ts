// A terminal's data folder, as the kiosk and the `uketsuke` commands both see it: config.json, the
// TLS files, the eligibility database, the logs. Relative folders in the config live under it.
import { isAbsolute, join, resolve } from 'node:path';
import type { KioskConfig } from '../config/schema';

export function terminalPaths(dataDir: string) {
  return {
    config: join(dataDir, 'config.json'),
    logs: join(dataDir, 'logs'),
    log: join(dataDir, 'logs', 'uketsuke.log'),
  };
}

/** The config with its relative folders resolved under the data folder, as electron/main.ts does. */
export function resolveUnderDataDir(config: KioskConfig, dataDir: string): KioskConfig {
  const under = (path: string) => (isAbsolute(path) ? path : resolve(dataDir, path));
  return {
    ...config,
    eligibility: {
      ...config.eligibility,
      dataDir: under(config.eligibility.dataDir),
      tls: {
        caFile: under(config.eligibility.tls.caFile),
        certFile: under(config.eligibility.tls.certFile),
        keyFile: under(config.eligibility.tls.keyFile),
      },
    },
    clinic: { ...config.clinic, folder: under(config.clinic.folder) },
  };
}

// Shared by the command-line tools: the config and the kiosk data folder they act on.
//   --config FILE     the kiosk's config (else $UKETSUKE_CONFIG, else the defaults)
//   --data-dir DIR    the kiosk's data folder, overriding the config
//   --host electron|browser   how the kiosk resolves a relative data folder (default: electron on a
//                     hardware terminal, browser for the simulated world)
import { loadConfig } from '../electron/config/load-config';
import type { KioskConfig } from '../electron/config/schema';
import { kioskDataDir, type KioskHost } from '../electron/staff/data-dir';

export const KIOSK_OPTIONS = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  host: { type: 'string' },
} as const;

export function kioskTarget(values: { config?: string; 'data-dir'?: string; host?: string }): {
  config: KioskConfig;
  dataDir: string;
} {
  const config = loadConfig(values.config ?? process.env.UKETSUKE_CONFIG);
  const host: KioskHost =
    values.host === 'electron' || values.host === 'browser'
      ? values.host
      : config.world === 'hardware'
        ? 'electron'
        : 'browser';
  return {
    config,
    dataDir: kioskDataDir(config, { host, ...(values['data-dir'] ? { explicit: values['data-dir'] } : {}) }),
  };
}

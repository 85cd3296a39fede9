import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config';
import { electronUserDataDir, kioskDataDir } from './data-dir';

describe("the kiosk's data folder, as the command line finds it", () => {
  const config = parseConfig({ eligibility: { dataDir: 'var/eligibility' } });

  it('resolves a relative folder where the kiosk does: under userData for Electron, the start folder for the browser host', () => {
    expect(kioskDataDir(config, { host: 'browser', cwd: '/srv/uketsuke' })).toBe(
      '/srv/uketsuke/var/eligibility',
    );
    expect(kioskDataDir(config, { host: 'electron' })).toBe(join(electronUserDataDir(), 'var/eligibility'));
    expect(kioskDataDir(config, { host: 'electron', explicit: '/data' })).toBe('/data');
  });

  it("computes Electron's userData folder per platform", () => {
    expect(electronUserDataDir({}, 'linux', '/home/it')).toBe('/home/it/.config/uketsuke');
    expect(electronUserDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/it')).toBe('/cfg/uketsuke');
    expect(
      electronUserDataDir(
        { APPDATA: 'C:\\\\Users\\\\it\\\\AppData\\\\Roaming' },
        'win32',
        'C:\\\\Users\\\\it',
      ),
    ).toContain('uketsuke');
  });
});

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config';
import { kioskWindowOptions } from './window-options';

describe('kiosk window options', () => {
  const config = parseConfig({});

  it('isolates the renderer whatever the config says', () => {
    for (const window of [config.window, { kiosk: false, fullscreen: false, menu: true }]) {
      expect(kioskWindowOptions(window, '/app/preload.cjs', false).webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        devTools: false,
      });
    }
  });

  it('is a full-screen kiosk without a menu by default', () => {
    expect(kioskWindowOptions(config.window, '/p', false)).toMatchObject({
      kiosk: true,
      fullscreen: true,
      autoHideMenuBar: true,
    });
  });
});

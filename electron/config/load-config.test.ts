import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskError } from '../errors/kiosk-error';
import { loadConfig, parseConfig } from './load-config';

const dir = mkdtempSync(join(tmpdir(), 'uketsuke-config-'));

describe('config', () => {
  it('has safe defaults: the simulated world, a full-screen kiosk, Japanese first', () => {
    const config = parseConfig({});
    expect(config.world).toBe('simulated');
    expect(config.window).toEqual({ kiosk: true, fullscreen: true, menu: false });
    expect(config.ui.defaultLanguage).toBe('ja');
  });

  it('lists every problem with its path so IT can fix the file in one go', () => {
    try {
      parseConfig({ window: { kiosk: 'yes' }, recovery: { hangTimeoutMs: 10 }, surprise: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KioskError);
      const detail = (error as KioskError).logDetail ?? '';
      expect(detail).toContain('window.kiosk');
      expect(detail).toContain('recovery.hangTimeoutMs');
      expect(detail).toMatch(/surprise/);
    }
  });

  it('refuses a hang timeout shorter than two heartbeats', () => {
    expect(() => parseConfig({ recovery: { heartbeatIntervalMs: 5_000, hangTimeoutMs: 6_000 } })).toThrow(
      /twice heartbeatIntervalMs/,
    );
  });

  it('reports a file that is missing or not JSON', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "window": ');
    expect(() => loadConfig(broken)).toThrow(/not valid JSON/);
    expect(() => loadConfig(join(dir, 'absent.json'))).toThrow(/cannot read/);
  });
});

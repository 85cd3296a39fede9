import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isPermissionGranted, originOf } from './permissions';

describe('permissions', () => {
  it('grants the camera to our own origin', () => {
    expect(
      isPermissionGranted(
        { permission: 'media', requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video'] },
        APP_ORIGIN,
      ),
    ).toBe(true);
  });

  it('refuses the microphone, even with the camera', () => {
    expect(
      isPermissionGranted(
        { permission: 'media', requestingUrl: 'app://kiosk/', mediaTypes: ['video', 'audio'] },
        APP_ORIGIN,
      ),
    ).toBe(false);
  });

  it('refuses the camera to any other origin', () => {
    for (const url of ['https://evil.example/', 'app://kiosk.evil/', 'file:///etc/passwd', 'nonsense']) {
      expect(
        isPermissionGranted({ permission: 'media', requestingUrl: url, mediaTypes: ['video'] }, APP_ORIGIN),
      ).toBe(false);
    }
  });

  it('refuses every other permission to our own origin', () => {
    for (const permission of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'hid',
      'usb',
      'openExternal',
    ]) {
      expect(isPermissionGranted({ permission, requestingUrl: 'app://kiosk/' }, APP_ORIGIN)).toBe(false);
    }
  });

  it('reads the origin of our custom scheme', () => {
    expect(originOf('app://kiosk/a/b?c')).toBe('app://kiosk');
    expect(originOf('http://127.0.0.1:5555/x')).toBe('http://127.0.0.1:5555');
  });
});

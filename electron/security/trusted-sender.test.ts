import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './trusted-sender';

describe('trusted IPC sender', () => {
  it('trusts only frames showing our own origin', () => {
    expect(isTrustedSender('app://kiosk/index.html', 'app://kiosk')).toBe(true);
    expect(isTrustedSender('https://kiosk/', 'app://kiosk')).toBe(false);
    expect(isTrustedSender('about:blank', 'app://kiosk')).toBe(false);
    expect(isTrustedSender(undefined, 'app://kiosk')).toBe(false);
  });
});

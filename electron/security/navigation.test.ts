import { describe, expect, it } from 'vitest';
import { DENY_WINDOW_OPEN, isNavigationAllowed } from './navigation';

describe('navigation', () => {
  it('allows our own pages only', () => {
    expect(isNavigationAllowed('app://kiosk/index.html#idle', 'app://kiosk')).toBe(true);
    expect(isNavigationAllowed('https://example.com/', 'app://kiosk')).toBe(false);
    expect(isNavigationAllowed('file:///etc/passwd', 'app://kiosk')).toBe(false);
    expect(isNavigationAllowed('javascript:alert(1)', 'app://kiosk')).toBe(false);
  });

  it('denies every new window', () => {
    expect(DENY_WINDOW_OPEN).toEqual({ action: 'deny' });
  });
});

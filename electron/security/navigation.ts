// The kiosk never leaves its own pages: navigation elsewhere and every new window are refused.
import { originOf } from './permissions';

export function isNavigationAllowed(targetUrl: string, appOrigin: string): boolean {
  return originOf(targetUrl) === appOrigin;
}

/** What Electron's setWindowOpenHandler must answer: always deny. */
export const DENY_WINDOW_OPEN = { action: 'deny' } as const;

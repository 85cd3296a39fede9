// Hardening applied to every web contents Electron creates: no navigation away from our origin,
// no new windows, no webviews, and DevTools closed unless the development flag is set.
import type { WebContents } from 'electron';
import { DENY_WINDOW_OPEN, isNavigationAllowed } from './navigation';

type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'closeDevTools'>;

export function hardenWebContents(contents: HardenableContents, appOrigin: string, devTools: boolean): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string) => {
    if (!isNavigationAllowed(url, appOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-frame-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => DENY_WINDOW_OPEN);
  if (!devTools) contents.on('devtools-opened', () => contents.closeDevTools());
}

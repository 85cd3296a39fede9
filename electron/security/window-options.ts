// The kiosk window's options: the renderer is a sandboxed web page with no Node, isolated from the
// preload, and everything a kiosk must not offer (DevTools, webviews, drag-and-drop navigation) off.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { KioskConfig } from '../config/schema';

export function kioskWindowOptions(
  window: KioskConfig['window'],
  preloadPath: string,
  devTools: boolean,
): BrowserWindowConstructorOptions {
  return {
    kiosk: window.kiosk,
    fullscreen: window.fullscreen,
    autoHideMenuBar: !window.menu,
    show: false,
    backgroundColor: '#fffdf7',
    title: '受付 Uketsuke',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools,
    },
  };
}

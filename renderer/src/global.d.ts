import type { KioskApi } from '../../electron/contract';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts under Electron; absent in the browser host. */
    readonly kiosk?: KioskApi;
  }
}

// The renderer's one way to the trusted side: Electron's preload API when present, else the
// loopback host's. Both implement the same contract.
import type { KioskApi } from '../../../electron/contract';
import { createLoopbackApi, takeSecretFromLocation } from './loopback-api';

export function connectKioskApi(): KioskApi {
  if (window.kiosk) return window.kiosk;
  const secret = takeSecretFromLocation(window.location, window.history);
  if (!secret) throw new Error('This page must be opened by the kiosk host.');
  return createLoopbackApi(secret);
}

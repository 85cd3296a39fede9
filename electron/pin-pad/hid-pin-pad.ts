// The USB PIN pad behind the PinPad port: opened exclusively through node-hid (no other program sees
// its keys), reports decoded in our code (hid-keys.ts), keys handed only to the trusted side's
// listeners — never to the renderer or a log. Unplugged, it tells the flow to clear what was typed
// and looks for the keypad again until it is back.
import type { Logger } from '../log/logger';
import type { PinKey, PinPad } from '../reception/ports';
import type { PinPadConfig } from './config';
import { KeyReportDecoder } from './hid-keys';

/** The part of node-hid's `HID` class the adapter uses (a stand-in implements it in tests). */
export interface HidDevice {
  on(event: 'data', listener: (report: Buffer) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  removeAllListeners(event?: string): this;
  close(): void;
}

export interface HidAccess {
  /** The device path of the configured keypad, or null while none is plugged in. */
  find(vendorId: number, productId: number): string | null;
  /** Opens the device exclusively. */
  open(path: string): HidDevice;
}

export interface HidPinPad extends PinPad {
  connected(): boolean;
  close(): void;
}

/** node-hid itself. Loaded only where a HID PIN pad is configured. */
export async function nodeHidAccess(): Promise<HidAccess> {
  const hid = await import('node-hid');
  return {
    find: (vendorId, productId) => hid.devices(vendorId, productId).find((d) => d.path)?.path ?? null,
    open: (path) => new hid.HID(path, { nonExclusive: false }),
  };
}

export function createHidPinPad(options: {
  config: PinPadConfig & { vendorId: number; productId: number };
  access: HidAccess;
  log: Logger;
  setTimer?: (run: () => void, ms: number) => { cancel(): void };
}): HidPinPad {
  const { config, access, log } = options;
  const setTimer =
    options.setTimer ??
    ((run, ms) => {
      const timer = setTimeout(run, ms);
      return { cancel: () => clearTimeout(timer) };
    });
  const listeners = new Set<(key: PinKey) => void>();
  const decoder = new KeyReportDecoder(config.reportId);
  let device: HidDevice | null = null;
  let retry: { cancel(): void } | null = null;
  let closed = false;

  const deliver = (key: PinKey) => {
    for (const listener of listeners) listener(key);
  };

  const lost = (reason: string) => {
    if (!device) return;
    device.removeAllListeners();
    try {
      device.close();
    } catch {
      // Already gone with the USB device.
    }
    device = null;
    decoder.reset();
    log.warn('pin-pad.disconnected', { reason });
    // Whatever was typed before the keypad went away is dropped, never completed later.
    deliver('clear');
    schedule();
  };

  const connect = () => {
    retry = null;
    if (closed || device) return;
    const path = access.find(config.vendorId, config.productId);
    if (!path) return schedule();
    try {
      const opened = access.open(path);
      opened.on('data', (report) => {
        for (const key of decoder.decode(report)) deliver(key);
      });
      opened.on('error', (error) => lost(error.message.slice(0, 80)));
      device = opened;
      log.info('pin-pad.connected', { vendorId: config.vendorId, productId: config.productId });
    } catch (error) {
      // Busy (another program holds it) or not permitted: say so, and try again.
      log.warn('pin-pad.open-failed', { reason: (error as Error).message.slice(0, 80) });
      schedule();
    }
  };

  const schedule = () => {
    if (!closed && !retry) retry = setTimer(connect, config.reconnectMs);
  };

  connect();
  return {
    onKey(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connected: () => device !== null,
    close() {
      closed = true;
      retry?.cancel();
      retry = null;
      device?.removeAllListeners();
      device?.close();
      device = null;
      listeners.clear();
    },
  };
}

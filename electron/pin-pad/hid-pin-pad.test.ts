// The USB PIN pad against a stand-in implementing node-hid's HID class interface (there is no HID
// device here): exclusive open, key reports decoded, digits never in the log, unplug and replug.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../log/logger';
import type { PinKey } from '../reception/ports';
import { pinPadConfigSchema } from './config';
import { KeyReportDecoder } from './hid-keys';
import { createHidPinPad, type HidAccess, type HidDevice } from './hid-pin-pad';

/** Implements the node-hid `HID` methods the adapter uses; the test plays the keypad. */
class StandInHid extends EventEmitter implements HidDevice {
  closed = false;
  close(): void {
    this.closed = true;
  }
  /** A boot keyboard report with these usages down. */
  keys(...usages: number[]): void {
    const report = Buffer.alloc(8);
    usages.forEach((usage, i) => (report[2 + i] = usage));
    this.emit('data', report);
  }
  /** Press and release one key, as a finger does. */
  tap(usage: number): void {
    this.keys(usage);
    this.keys();
  }
}

const KP = { '1': 0x59, '2': 0x5a, '3': 0x5b, '4': 0x5c, '0': 0x62, enter: 0x58, backspace: 0x2a, esc: 0x29 };

function rig() {
  const plugged: { path: string | null } = { path: '/dev/hidraw3' };
  const opened: { path: string; device: StandInHid }[] = [];
  const access: HidAccess = {
    find: () => plugged.path,
    open: (path) => {
      const device = new StandInHid();
      opened.push({ path, device });
      return device;
    },
  };
  const timers: (() => void)[] = [];
  const sink = memorySink();
  const config = pinPadConfigSchema.parse({ kind: 'hid', vendorId: 0x1234, productId: 0x5678 });
  const pad = createHidPinPad({
    config: { ...config, vendorId: 0x1234, productId: 0x5678 },
    access,
    log: createLogger(sink),
    setTimer: (run) => {
      timers.push(run);
      return { cancel: () => timers.splice(timers.indexOf(run), 1) };
    },
  });
  const keys: PinKey[] = [];
  pad.onKey((key) => keys.push(key));
  const runTimers = () => timers.splice(0).forEach((run) => run());
  return { pad, opened, plugged, keys, sink, runTimers };
}

describe('USB PIN pad (node-hid)', () => {
  it('decodes number-pad and top-row digits, Enter, Backspace and Esc, once per press', () => {
    const decoder = new KeyReportDecoder(false);
    const report = (...usages: number[]) => {
      const buffer = Buffer.alloc(8);
      usages.forEach((usage, i) => (buffer[2 + i] = usage));
      return buffer;
    };
    expect(decoder.decode(report(0x59))).toEqual(['1']);
    expect(decoder.decode(report(0x59))).toEqual([]); // held, not repeated
    expect(decoder.decode(report(0x59, 0x1f))).toEqual(['2']);
    expect(decoder.decode(report())).toEqual([]);
    expect(decoder.decode(report(0x27))).toEqual(['0']);
    expect(decoder.decode(report(0x58))).toEqual(['enter']);
    expect(decoder.decode(report(0x2a))).toEqual(['clear']);
    expect(decoder.decode(report(0x29))).toEqual(['cancel']);
    expect(decoder.decode(report(0x04))).toEqual([]); // a letter is no PIN key
    expect(decoder.decode(report(1, 1, 1, 1, 1, 1))).toEqual([]); // rollover: nothing is guessed
  });

  it('reads past a report id byte when the device sends one, and wipes each report', () => {
    const decoder = new KeyReportDecoder(true);
    const report = Buffer.from([0x01, 0, 0, 0x5c, 0, 0, 0, 0, 0]);
    expect(decoder.decode(report)).toEqual(['4']);
    expect([...report].every((byte) => byte === 0)).toBe(true);
  });

  it('opens the configured keypad exclusively and types a PIN without logging a digit', () => {
    const { opened, keys, sink } = rig();
    expect(opened.map((o) => o.path)).toEqual(['/dev/hidraw3']);
    const device = opened[0]!.device;
    for (const key of ['1', '2', '3', '4', 'enter'] as const) device.tap(KP[key]);
    expect(keys).toEqual(['1', '2', '3', '4', 'enter']);
    const log = sink.lines.join('\n');
    expect(log).toContain('pin-pad.connected');
    expect(log).not.toMatch(/1234|"key"|"digit/);
  });

  it('on unplug drops what was typed, and takes the keypad back when it is plugged in again', () => {
    const { pad, opened, plugged, keys, sink, runTimers } = rig();
    const first = opened[0]!.device;
    first.tap(KP['1']);
    first.tap(KP['2']);
    plugged.path = null;
    first.emit('error', new Error('could not read from HID device'));
    expect(first.closed).toBe(true);
    expect(keys).toEqual(['1', '2', 'clear']);
    expect(pad.connected()).toBe(false);

    runTimers(); // still unplugged: looks again later
    expect(opened).toHaveLength(1);
    plugged.path = '/dev/hidraw4';
    runTimers();
    expect(opened.map((o) => o.path)).toEqual(['/dev/hidraw3', '/dev/hidraw4']);
    expect(pad.connected()).toBe(true);
    opened[1]!.device.tap(KP['0']);
    expect(keys.at(-1)).toBe('0');
    // A late report from the old handle is not delivered.
    first.tap(KP['4']);
    expect(keys.at(-1)).toBe('0');
    expect(sink.lines.join('\n')).toContain('pin-pad.disconnected');
  });

  it('keeps trying when the keypad is busy (held by another program), and stops on close', () => {
    let attempts = 0;
    const timers: (() => void)[] = [];
    const sink = memorySink();
    const pad = createHidPinPad({
      config: {
        kind: 'hid',
        vendorId: 1,
        productId: 2,
        reportId: false,
        reconnectMs: 1000,
        onScreen: 'off',
        simulatedKeypad: true,
      },
      access: {
        find: () => '/dev/hidraw0',
        open: () => {
          attempts++;
          throw new Error('cannot open device');
        },
      },
      log: createLogger(sink),
      setTimer: (run) => {
        timers.push(run);
        return { cancel: () => timers.splice(timers.indexOf(run), 1) };
      },
    });
    timers.splice(0).forEach((run) => run());
    expect(attempts).toBe(2);
    expect(sink.lines.join('\n')).toContain('pin-pad.open-failed');
    pad.close();
    expect(timers).toHaveLength(0);
  });

  it('refuses a HID PIN pad without its USB ids', () => {
    expect(pinPadConfigSchema.safeParse({ kind: 'hid' }).success).toBe(false);
    expect(pinPadConfigSchema.parse({}).kind).toBe('none');
  });
});

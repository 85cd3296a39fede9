// Decodes a USB keypad's input reports (HID boot keyboard: modifier byte, reserved byte, up to six
// key usage codes) into the PinPad's keys, in our code. A key counts once, when it goes down.
import type { PinKey } from '../reception/ports';

/** HID usage ids (Keyboard/Keypad page 0x07) → PIN pad keys. Top-row digits and the number pad. */
const USAGE_KEYS = new Map<number, PinKey>([
  [0x1e, '1'],
  [0x1f, '2'],
  [0x20, '3'],
  [0x21, '4'],
  [0x22, '5'],
  [0x23, '6'],
  [0x24, '7'],
  [0x25, '8'],
  [0x26, '9'],
  [0x27, '0'],
  [0x59, '1'],
  [0x5a, '2'],
  [0x5b, '3'],
  [0x5c, '4'],
  [0x5d, '5'],
  [0x5e, '6'],
  [0x5f, '7'],
  [0x60, '8'],
  [0x61, '9'],
  [0x62, '0'],
  [0x28, 'enter'],
  [0x58, 'enter'],
  [0x2a, 'clear'],
  [0x4c, 'clear'],
  [0x9c, 'clear'],
  [0xd8, 'clear'],
  [0x29, 'cancel'],
]);

/** Keeps which keys are down between reports, so a held key is one press. */
export class KeyReportDecoder {
  private down = new Set<number>();

  constructor(private readonly reportId: boolean) {}

  /** The keys newly pressed in this report. The report buffer is wiped after reading. */
  decode(report: Buffer): PinKey[] {
    const offset = this.reportId ? 1 : 0;
    const usages = new Set<number>();
    // Bytes offset+2 … offset+7 hold the key usages; 0 is "no key", 1 is "too many keys" (rollover).
    for (let i = offset + 2; i < Math.min(report.length, offset + 8); i++) {
      const usage = report[i]!;
      if (usage > 1) usages.add(usage);
    }
    const rollover = report.subarray(offset + 2, offset + 8).includes(1);
    report.fill(0);
    if (rollover) return [];
    const pressed: PinKey[] = [];
    for (const usage of usages) {
      const key = USAGE_KEYS.get(usage);
      if (key && !this.down.has(usage)) pressed.push(key);
    }
    this.down = usages;
    return pressed;
  }

  reset(): void {
    this.down.clear();
  }
}

// The simulated world's PIN pad: the same PinPad interface a USB keypad adapter implements, driven
// by QA from the start console or by tests. Keys go straight to the trusted side, never through
// the renderer.
import type { PinKey, PinPad } from '../../electron/reception/ports';

const KEYS = new Set<string>(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', 'enter', 'cancel']);

export interface VirtualPinPad extends PinPad {
  press(...keys: PinKey[]): void;
  /** Types a whole PIN and presses Enter, as a patient would. */
  typePin(pin: string): void;
}

export function isPinKey(value: string): value is PinKey {
  return KEYS.has(value);
}

export function createVirtualPinPad(): VirtualPinPad {
  const listeners = new Set<(key: PinKey) => void>();
  const press = (...keys: PinKey[]) => {
    for (const key of keys) for (const listener of listeners) listener(key);
  };
  return {
    onKey(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    press,
    typePin(pin) {
      const digits = [...pin].filter(isPinKey);
      press(...digits, 'enter');
    },
  };
}

import { describe, expect, it } from 'vitest';
import { createVirtualPinPad } from './pin-pad';

describe('virtual PIN pad', () => {
  it('delivers each key to every listener in order, and stops after unsubscribe', () => {
    const pad = createVirtualPinPad();
    const seen: string[] = [];
    const stop = pad.onKey((key) => seen.push(key));
    pad.typePin('12a4');
    stop();
    pad.press('clear');
    expect(seen).toEqual(['1', '2', '4', 'enter']);
  });
});

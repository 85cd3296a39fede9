import { describe, expect, it } from 'vitest';
import type { SimulatedWorldControls } from '../electron/world/simulated-world';
import { createVirtualPinPad } from '../sim/keypad/pin-pad';
import { personIds, runSimulatorCommand } from './sim-console';

function controls() {
  const events: string[] = [];
  const pinPad = createVirtualPinPad();
  pinPad.onKey((key) => events.push(`key ${key}`));
  const fake = {
    insertCard: (person: string, options?: { variant?: string }) => {
      events.push(`insert ${person} ${options?.variant}`);
      return undefined as never;
    },
    removeCard: () => void events.push('remove'),
    holdPhone: (person: string) => {
      events.push(`phone ${person}`);
      return undefined as never;
    },
    takePhoneAway: () => void events.push('phone-away'),
    pinPad,
  } as unknown as SimulatedWorldControls;
  return { fake, events };
}

describe('the simulated world console', () => {
  it('lists the fixture persons', () => {
    expect(personIds()).toContain('yamada-taro');
    expect(runSimulatorCommand(controls().fake, 'persons')).toContain('sato-hanako');
  });

  it('inserts a card with a card-face variant, types a PIN and removes the card', () => {
    const { fake, events } = controls();
    expect(runSimulatorCommand(fake, 'insert yamada-taro blur')).toContain('yamada-taro');
    runSimulatorCommand(fake, 'pin 1234');
    runSimulatorCommand(fake, 'remove');
    expect(events).toEqual([
      'insert yamada-taro blur',
      'key 1',
      'key 2',
      'key 3',
      'key 4',
      'key enter',
      'remove',
    ]);
  });

  it('holds a smartphone to the phone reader and takes it away', () => {
    const { fake, events } = controls();
    expect(runSimulatorCommand(fake, 'phone ito-iphone')).toContain('phone reader');
    expect(runSimulatorCommand(fake, 'phone nobody')).toMatch(/unknown person/);
    runSimulatorCommand(fake, 'phone-away');
    expect(events).toEqual(['phone ito-iphone', 'phone-away']);
  });

  it('explains a mistyped command instead of acting on it', () => {
    const { fake, events } = controls();
    expect(runSimulatorCommand(fake, 'insert nobody')).toMatch(/unknown person/);
    expect(runSimulatorCommand(fake, 'insert yamada-taro sepia')).toMatch(/unknown variant/);
    expect(runSimulatorCommand(fake, 'pin 12ab')).toMatch(/digits/);
    expect(runSimulatorCommand(fake, 'dance')).toMatch(/help/);
    expect(events).toEqual([]);
  });
});

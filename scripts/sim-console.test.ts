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

  it('explains a mistyped command instead of acting on it', () => {
    const { fake, events } = controls();
    expect(runSimulatorCommand(fake, 'insert nobody')).toMatch(/unknown person/);
    expect(runSimulatorCommand(fake, 'insert yamada-taro sepia')).toMatch(/unknown variant/);
    expect(runSimulatorCommand(fake, 'pin 12ab')).toMatch(/digits/);
    expect(runSimulatorCommand(fake, 'dance')).toMatch(/help/);
    expect(events).toEqual([]);
  });
});

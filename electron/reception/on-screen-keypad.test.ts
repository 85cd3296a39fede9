// The on-screen keypad (terminals without a PIN pad) on the real card stack: the layout comes from
// the trusted side, the PIN arrives once on 確定 and is taken like the keypad's — same tries, same
// last-try confirmation — and a terminal with a PIN pad takes no PIN from the screen.
import { afterEach, describe, expect, it } from 'vitest';
import { requestSchemas } from '../ipc/request-schemas';
import type { Reception } from './reception';
import { sentPins } from '../../test/support/apdu-log';
import { receptionOnVirtualCard } from '../../test/support/virtual-card-reception';

let reception: Reception | undefined;
afterEach(() => reception?.dispose());

function kiosk(keypad: 'reader' | 'fixed' | 'shuffled') {
  const world = receptionOnVirtualCard('yamada-taro', { keypad });
  reception = world.reception;
  return world;
}

const layoutOf = (r: Reception): readonly string[] => {
  const view = r.view();
  if (view.screen !== 'pin-entry' || !view.keypad) throw new Error(`no on-screen keypad on ${view.screen}`);
  return view.keypad.layout;
};

describe('the on-screen keypad', () => {
  it('offers the PIN without a PIN pad, lays out all ten digits, and sends the PIN once on 確定', async () => {
    const { reception, card, placed } = kiosk('fixed');
    await placed();
    expect(reception.view()).toMatchObject({ methods: ['face', 'pin'], pinTriesLeft: 3 });
    reception.chooseMethod('pin');
    expect(layoutOf(reception)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
    reception.submitPin('1234');
    await reception.settled();
    expect(reception.view().screen).toBe('consent');
    expect(sentPins(card.apduLog)).toEqual(['1234']);
  });

  it('shuffles the layout for every entry, and keeps the tries rules and the last-try confirmation', async () => {
    const { reception, card, placed } = kiosk('shuffled');
    await placed();
    reception.chooseMethod('pin');
    const layouts = [layoutOf(reception)];
    reception.submitPin('0000');
    await reception.settled();
    expect(reception.view()).toMatchObject({
      screen: 'pin-entry',
      triesLeft: 2,
      notice: { code: 'card.pin-wrong' },
    });
    layouts.push(layoutOf(reception));
    reception.submitPin('0001');
    await reception.settled();
    expect(reception.view().screen).toBe('pin-last-try');
    // Digits sent before the confirmation are not taken.
    reception.submitPin('1234');
    await reception.settled();
    expect(reception.view().screen).toBe('pin-last-try');
    reception.confirmLastTry();
    layouts.push(layoutOf(reception));
    reception.submitPin('1234');
    await reception.settled();
    expect(reception.view().screen).toBe('consent');
    expect(sentPins(card.apduLog)).toEqual(['0000', '0001', '1234']);
    for (const layout of layouts)
      expect([...layout].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // Three entries in the same order would be a 1 in 10!² chance.
    expect(new Set(layouts.map((layout) => layout.join(''))).size).toBeGreaterThan(1);
  });

  it('says when the PIN is with the card, and nothing sent meanwhile reaches it', async () => {
    const { reception, card, placed } = kiosk('fixed');
    await placed();
    reception.chooseMethod('pin');
    expect(reception.view()).toMatchObject({ screen: 'pin-entry', checking: false });
    reception.submitPin('0000');
    expect(reception.view()).toMatchObject({ screen: 'pin-entry', checking: true, digitsEntered: 0 });
    reception.submitPin('1234'); // tapped during the check: dropped, never sent later
    await reception.settled();
    expect(reception.view()).toMatchObject({ screen: 'pin-entry', checking: false, triesLeft: 2 });
    expect(sentPins(card.apduLog)).toEqual(['0000']);
  });

  it('is not there where a PIN pad is, and a PIN from the screen is then refused', async () => {
    const { reception, card, placed } = kiosk('reader');
    await placed();
    reception.chooseMethod('pin');
    expect(reception.view()).toMatchObject({ screen: 'pin-entry', keypad: null });
    reception.submitPin('1234');
    await reception.settled();
    expect(reception.view().screen).toBe('pin-entry');
    expect(sentPins(card.apduLog)).toEqual([]);
  });

  it('takes exactly four digits over the contract, and nothing else', () => {
    const schema = requestSchemas['reception:submit-pin'];
    expect(schema.safeParse({ pin: '0427' }).success).toBe(true);
    for (const bad of [
      { pin: '123' },
      { pin: '12345' },
      { pin: '12a4' },
      { pin: 1234 },
      { pin: '1234', x: 1 },
      {},
    ])
      expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

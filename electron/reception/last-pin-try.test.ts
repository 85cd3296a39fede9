// The card's last PIN try through the whole trusted side: the statechart, the card slot and the
// real driver over the in-process virtual card. The card's own APDU log shows what was sent.
import { afterEach, describe, expect, it } from 'vitest';
import type { Reception } from './reception';
import { AID } from '../../sim/card/card-image';
import { sentPins } from '../../test/support/apdu-log';
import { receptionOnVirtualCard } from '../../test/support/virtual-card-reception';

let reception: Reception | undefined;
afterEach(() => reception?.dispose());

function kiosk(personId: string, pinTriesFloor?: number) {
  const world = receptionOnVirtualCard(personId, pinTriesFloor === undefined ? {} : { pinTriesFloor });
  reception = world.reception;
  return world;
}

describe('the last PIN try', () => {
  it('is sent only after the patient confirms it, exactly once', async () => {
    const { reception, card, pinPad, placed } = kiosk('yamada-taro');
    await placed();
    expect(reception.view()).toMatchObject({ screen: 'choose-method', pinTriesLeft: 3 });
    reception.chooseMethod('pin');
    pinPad.typePin('0000');
    await reception.settled();
    expect(reception.view()).toMatchObject({ screen: 'pin-entry', triesLeft: 2 });
    pinPad.typePin('0001');
    await reception.settled();
    expect(reception.view()).toMatchObject({ screen: 'pin-last-try', notice: { code: 'card.pin-wrong' } });

    // Keys pressed before the confirmation go nowhere.
    pinPad.typePin('1234');
    await reception.settled();
    expect(reception.view().screen).toBe('pin-last-try');
    expect(sentPins(card.apduLog)).toEqual(['0000', '0001']);

    reception.confirmLastTry();
    expect(reception.view()).toMatchObject({
      screen: 'pin-entry',
      triesLeft: 1,
      notice: { code: 'reception.pin-last-try' },
    });
    pinPad.typePin('1234');
    await reception.settled();
    expect(reception.view().screen).toBe('consent');
    expect(sentPins(card.apduLog)).toEqual(['0000', '0001', '1234']);
  });

  it('needs a fresh confirmation after PIN entry was left', async () => {
    const { reception, card, pinPad, placed } = kiosk('yamada-taro');
    await placed();
    reception.chooseMethod('pin');
    pinPad.typePin('0000');
    await reception.settled();
    pinPad.typePin('0001');
    await reception.settled();
    reception.confirmLastTry();
    pinPad.press('cancel');
    expect(reception.view().screen).toBe('choose-method');
    reception.chooseMethod('pin');
    expect(reception.view().screen).toBe('pin-last-try');
    expect(sentPins(card.apduLog)).toEqual(['0000', '0001']);
  });

  it('is refused by the driver when the card reached its last try unseen by the flow', async () => {
    const { reception, card, pinPad, logs, placed } = kiosk('yamada-taro');
    await placed();
    reception.chooseMethod('pin');
    // Two tries spent behind the flow's back: the flow still believes 3 are left.
    card.transmit(Uint8Array.from(Buffer.from('00A4040C0AD392F000260100000001', 'hex')));
    card.transmit(Uint8Array.from(Buffer.from('00A4020C020018', 'hex')));
    card.transmit(Uint8Array.from(Buffer.from('0020008004' + '30303030', 'hex')));
    card.transmit(Uint8Array.from(Buffer.from('0020008004' + '30303031', 'hex')));
    expect(card.triesLeft(AID.JPKI, 0x0018)).toBe(1);
    pinPad.typePin('1234');
    await reception.settled();
    expect(reception.view().screen).toBe('pin-last-try');
    expect(sentPins(card.apduLog)).toEqual(['0000', '0001']);
    expect(card.triesLeft(AID.JPKI, 0x0018)).toBe(1);
    expect(logs.join('\n')).toContain('card.pin-last-try-unconfirmed');
  });

  it('with a floor of 1, is explained before the typing and never sent', async () => {
    const { reception, card, pinPad, placed } = kiosk('yamada-taro', 1);
    await placed();
    reception.chooseMethod('pin');
    pinPad.typePin('0000');
    await reception.settled();
    expect(reception.view()).toMatchObject({
      screen: 'pin-entry',
      triesLeft: 2,
      notice: { code: 'card.pin-wrong' },
    });
    pinPad.press('clear');
    expect(reception.view()).toMatchObject({ notice: { code: 'reception.pin-floor-next' } });
    pinPad.typePin('0001');
    await reception.settled();
    expect(reception.view()).toMatchObject({
      screen: 'choose-method',
      methods: ['face'],
      notice: { code: 'card.pin-tries-floor' },
    });
    expect(sentPins(card.apduLog)).toEqual(['0000', '0001']);
  });
});

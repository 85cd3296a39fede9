// The smartphone マイナ保険証 in the statechart: a phone held to the phone reader beside the kiosk
// (after スマートフォン on the idle screen, or without it). Android: the phone certificate's PIN on the
// kiosk's keypad, one VERIFY per Enter; iPhone: the phone verifies its holder and signs, no PIN here.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../log/logger';
import { scriptedWorld } from '../../test/support/scripted-reception';
import { createReception, type Reception } from './reception';

const CONSENT = { medication: true, healthCheck: false, treatment: true, surgery: false };
let reception: Reception | undefined;
afterEach(() => {
  reception?.dispose();
  reception = undefined;
});

function start(options: Parameters<typeof scriptedWorld>[0]) {
  const w = scriptedWorld(options);
  reception = createReception(
    {
      defaultLanguage: 'ja',
      languages: ['ja', 'en'],
      sessionTimeoutMs: 60_000,
      log: createLogger(memorySink()),
    },
    w.devices,
  );
  return { w, r: reception };
}

describe('a smartphone マイナ保険証 at the phone reader', () => {
  it('iPhone: スマートフォン, the phone held, no PIN on the kiosk, consent, and the phone’s signature sent', async () => {
    const { w, r } = start({ phone: 'iphone' });
    expect(r.view()).toMatchObject({ screen: 'idle', smartphone: true });
    expect(r.chooseMethod('smartphone')).toMatchObject({ screen: 'phone-wait' });
    w.holdPhone();
    await r.settled();
    expect(r.view().screen).toBe('consent');
    w.takePhoneAway(); // verified: the phone may go, consent is answered on the kiosk
    expect(r.view().screen).toBe('consent');
    r.submitConsent(CONSENT, false);
    await r.settled();
    expect(r.view()).toMatchObject({ screen: 'done', result: 'confirmed' });
    expect(w.secrets).toEqual([]);
    expect(w.confirmed).toEqual([
      expect.objectContaining({
        method: 'smartphone',
        consent: CONSENT,
        pinSignature: { challenge: 'challenge', signature: 'CQkJ' },
      }),
    ]);
  });

  it('Android: held without a tap, the PIN on the keypad once, consent, done', async () => {
    const { w, r } = start({ phone: 'android' });
    w.holdPhone();
    await r.settled();
    expect(r.view()).toMatchObject({
      screen: 'pin-entry',
      triesLeft: 3,
      notice: { code: 'reception.phone-keep-held' },
    });
    w.type('1', '2', '3', '4', 'enter');
    await r.settled();
    expect(r.view().screen).toBe('consent');
    r.submitConsent(CONSENT, true);
    await r.settled();
    expect(r.view().screen).toBe('done');
    expect(w.secrets).toEqual(['pin:1234']);
    expect(w.confirmed).toEqual([expect.objectContaining({ method: 'pin' })]);
    w.takePhoneAway();
    expect(r.view()).toMatchObject({ screen: 'idle', notice: null });
  });

  it('Android on its last PIN try: the confirmation first, nothing sent before it, then one VERIFY', async () => {
    const { w, r } = start({ phone: 'android', pinTries: 1 });
    w.holdPhone();
    await r.settled();
    expect(r.view().screen).toBe('pin-last-try');
    w.type('1', '2', '3', '4', 'enter'); // keys on the confirmation screen send nothing
    await r.settled();
    expect(w.secrets).toEqual([]);
    expect(r.confirmLastTry().screen).toBe('pin-entry');
    w.type('1', '2', '3', '4', 'enter');
    await r.settled();
    expect(r.view().screen).toBe('consent');
    expect(w.secrets).toEqual(['pin:1234']);
  });

  it('a My Number card on the phone reader is turned away, nothing sent, the reason shown', async () => {
    const { w, r } = start({ phone: 'card' });
    w.holdPhone();
    await r.settled();
    expect(r.view()).toMatchObject({
      screen: 'card-unusable',
      reason: { code: 'reception.card-on-phone-reader' },
    });
    expect(w.secrets).toEqual([]);
    w.takePhoneAway();
    expect(r.view().screen).toBe('idle');
  });

  it('Android taken away during the PIN: the visit stops and the idle screen says why', async () => {
    const { w, r } = start({ phone: 'android' });
    w.holdPhone();
    await r.settled();
    w.type('1', '2');
    w.takePhoneAway();
    expect(r.view()).toMatchObject({ screen: 'idle', notice: { code: 'reception.phone-taken-away' } });
    w.type('3', '4', 'enter');
    await r.settled();
    expect(w.secrets).toEqual([]);
  });

  it('shows the service’s refusal (an iPhone certificate never registered) and keeps it when the phone goes', async () => {
    const { w, r } = start({
      phone: 'iphone',
      confirm: { result: 'refused', code: 'eligibility.status-not-found' },
    });
    w.holdPhone();
    await r.settled();
    r.submitConsent(CONSENT, false);
    await r.settled();
    expect(r.view()).toMatchObject({
      screen: 'call-staff',
      reason: { code: 'eligibility.status-not-found' },
    });
    w.takePhoneAway();
    expect(r.view().screen).toBe('call-staff');
  });

  it('offers no smartphone where the terminal has no phone reader', () => {
    const { r } = start({});
    expect(r.view()).not.toHaveProperty('smartphone');
    expect(r.chooseMethod('smartphone').screen).toBe('idle');
  });
});

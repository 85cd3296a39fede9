// The reception flow on the real card stack — the driver and the card slot over the in-process
// virtual card — with the reader's virtual keypad or the on-screen keypad. Only the national service
// is stood in for (a challenge to sign); the face path is not wired.
import { vi, expect } from 'vitest';
import { CardReaderService } from '../../electron/card/card-reader-service';
import { createCardSlot } from '../../electron/card/reception-card-slot';
import { createLogger, memorySink } from '../../electron/log/logger';
import type { ReceptionDevices } from '../../electron/reception/ports';
import { createReception, type Reception } from '../../electron/reception/reception';
import { createVirtualPinPad } from '../../sim/keypad/pin-pad';
import { createInProcessCard, loadSimSurfaceCaKeys, simCardConfig } from '../../sim/card/sim-world';

export function receptionOnVirtualCard(
  personId: string,
  options: { pinTriesFloor?: number; keypad?: 'reader' | 'fixed' | 'shuffled' } = {},
) {
  const pinTriesFloor = options.pinTriesFloor ?? simCardConfig().pinTriesFloor;
  const keypad = options.keypad ?? 'reader';
  const { readers, card } = createInProcessCard(personId);
  const sink = memorySink();
  const service = new CardReaderService({
    readers,
    config: simCardConfig({ pinTriesFloor }),
    surfaceCaKeys: loadSimSurfaceCaKeys(),
    logger: createLogger(sink),
  });
  const pinPad = createVirtualPinPad();
  const devices: ReceptionDevices = {
    cardSlot: createCardSlot(service, pinTriesFloor),
    pinPad: keypad === 'reader' ? pinPad : null,
    ...(keypad === 'reader' ? {} : { onScreenKeypad: { layout: keypad } }),
    cardFace: {
      begin: () => {
        throw new Error('the face path is not taken here');
      },
    },
    face: { start: () => Promise.reject(new Error('the face path is not taken here')) },
    eligibility: {
      challenge: async () => 'challenge-from-service-0123456789',
      confirm: async () => ({ result: 'confirmed' }),
    },
  };
  const reception: Reception = createReception(
    { defaultLanguage: 'ja', languages: ['ja'], sessionTimeoutMs: 60_000, log: createLogger(sink) },
    devices,
  );
  // The card is already on the reader: wait until it has been read.
  const placed = () =>
    vi.waitFor(async () => {
      await reception.settled();
      expect(reception.view().screen).toBe('choose-method');
    });
  return { reception, card, pinPad, logs: sink.lines, placed };
}

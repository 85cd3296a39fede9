import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../log/logger';
import { CardReaderService } from './card-reader-service';
import { createCardSlot } from './reception-card-slot';
import type { CardEvent, InsertedCard } from '../reception/ports';
import { createInProcessCard, loadSimSurfaceCaKeys, simCardConfig } from '../../sim/card/sim-world';

function slotFor(personId: string) {
  const { readers, card } = createInProcessCard(personId);
  const service = new CardReaderService({
    readers,
    config: simCardConfig(),
    surfaceCaKeys: loadSimSurfaceCaKeys(),
    logger: createLogger(memorySink()),
  });
  return { slot: createCardSlot(service, simCardConfig().pinTriesFloor), readers, card };
}

async function firstInserted(slot: ReturnType<typeof slotFor>['slot']): Promise<InsertedCard> {
  const event = await new Promise<CardEvent>((resolve) => slot.onCard(resolve));
  if (event.type !== 'inserted') throw new Error('expected an inserted card');
  return event.open();
}

describe('the reception card slot', () => {
  it('opens a card already on the reader and runs the face path through the ports', async () => {
    const { slot } = slotFor('sato-hanako');
    const card = await firstInserted(slot);
    expect(card.token).toBe('card');
    expect(await card.authCertificatePem()).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/,
    );
    expect(await card.chipExpiryYear()).toBe(2031);
    expect(await card.cardSurfaceTriesLeft()).toBe(10);
    expect(await card.unlockCardSurface('02021120317305')).toEqual({ ok: true });
    const face = await card.readCardFace();
    expect(face).toMatchObject({ birthDate: '1990-02-11', sex: 'female' });
    expect(face.photoJ2k.some((b) => b !== 0)).toBe(true);
    await card.release();
    // The flow's copy is the same buffer: the service overwrote it when the session ended.
    expect(face.photoJ2k.every((b) => b === 0)).toBe(true);
  });

  it('reports a wrong PIN with its tries left, and the last try unsent until it is confirmed', async () => {
    const { slot, card: virtualCard } = slotFor('yamada-taro');
    const card = await firstInserted(slot);
    expect(await card.pinStatus()).toEqual({ state: 'set', triesLeft: 3, atFloor: false });
    expect(await card.verifyPin('1111')).toEqual({ ok: false, triesLeft: 2 });
    expect(await card.verifyPin('2222')).toEqual({ ok: false, triesLeft: 1 });
    expect(await card.verifyPin('1234')).toEqual({
      ok: false,
      triesLeft: 1,
      notSent: true,
      lastTryUnconfirmed: true,
    });
    expect(virtualCard.apduLog.filter((e) => e.command[1] === 0x20 && e.command.length > 5)).toHaveLength(2);
    expect(await card.verifyPin('1234', undefined, { lastTryConfirmed: true })).toEqual({ ok: true });
  });

  it('with a floor of 1, says the next try is refused and refuses it as its error', async () => {
    const { readers } = createInProcessCard('yamada-taro');
    const service = new CardReaderService({
      readers,
      config: simCardConfig({ pinTriesFloor: 1 }),
      surfaceCaKeys: loadSimSurfaceCaKeys(),
      logger: createLogger(memorySink()),
    });
    const card = await firstInserted(createCardSlot(service, 1));
    expect(await card.verifyPin('1111')).toEqual({ ok: false, triesLeft: 2 });
    expect(await card.verifyPin('2222')).toEqual({ ok: false, triesLeft: 1, atFloor: true });
    await expect(card.verifyPin('1234')).rejects.toMatchObject({ code: 'card.pin-tries-floor' });
  });

  it('signals removal', async () => {
    const { slot, readers } = slotFor('yamada-taro');
    const events: string[] = [];
    slot.onCard((e) => events.push(e.type));
    await Promise.resolve();
    readers.remove();
    expect(events).toEqual(['inserted', 'removed']);
  });

  it('tells the flow when a reader goes or comes, so it checks its health again', async () => {
    const { slot, readers } = slotFor('yamada-taro');
    const events: string[] = [];
    slot.onCard((e) => events.push(e.type));
    await Promise.resolve();
    readers.detach();
    readers.attach();
    expect(events).toEqual(['inserted', 'removed', 'reader-changed', 'reader-changed']);
  });
});

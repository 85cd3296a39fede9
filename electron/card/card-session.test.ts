// A card handle belongs to one insertion. Each case reads the next card's own retry counters and
// APDU log: a stale handle must never spend another patient's PIN or 照合番号B try.
import { describe, expect, it } from 'vitest';
import { manualClock, SIMULATED_WORLD_START } from '../clock';
import { createLogger, memorySink } from '../log/logger';
import type { CardEvent, InsertedCard } from '../reception/ports';
import { CardReaderService } from './card-reader-service';
import { createCardSlot } from './reception-card-slot';
import { AID, collationBOf } from '../../sim/card/card-image';
import {
  createVirtualCard,
  loadSimPerson,
  loadSimSurfaceCaKeys,
  simCardConfig,
} from '../../sim/card/sim-world';
import type { LoggedApdu, VirtualMyNumberCard } from '../../sim/card/virtual-card';
import { VirtualReaders } from '../../sim/card/virtual-readers';

const PIN_EF = 0x0018;
const COLLATION_B_EF = 0x0012;

/** VERIFY commands that carry a secret (an empty VERIFY only reads the counter). */
const verifiesWithData = (log: readonly LoggedApdu[]): LoggedApdu[] =>
  log.filter((e) => e.command[1] === 0x20 && e.command.length > 5);

function world() {
  const readers = new VirtualReaders();
  const clock = manualClock(SIMULATED_WORLD_START);
  const service = new CardReaderService({
    readers,
    config: simCardConfig(),
    surfaceCaKeys: loadSimSurfaceCaKeys(),
    logger: createLogger(memorySink()),
    clock,
  });
  const slot = createCardSlot(service, simCardConfig().pinTriesFloor);
  let open: ((signal?: AbortSignal) => Promise<InsertedCard>) | null = null;
  slot.onCard((event: CardEvent) => {
    if (event.type === 'inserted') open = event.open;
  });
  return {
    readers,
    service,
    clock,
    insert(card: VirtualMyNumberCard): Promise<InsertedCard> {
      readers.insert(card);
      return open!();
    },
  };
}

const wrongB = (person: string): string => {
  const right = collationBOf(loadSimPerson(person));
  return right.slice(0, 13) + String((Number(right[13]) + 1) % 10);
};

describe('a card session per insertion', () => {
  it('a stale handle cannot spend the next card’s PIN try', async () => {
    const w = world();
    const yamada = createVirtualCard('yamada-taro');
    const stale = await w.insert(yamada);
    expect(await stale.pinStatus()).toMatchObject({ state: 'set', triesLeft: 3 });
    w.readers.remove();
    const sato = createVirtualCard('sato-hanako');
    await w.insert(sato);
    const before = sato.apduLog.length;

    await expect(stale.verifyPin('0000')).rejects.toMatchObject({ code: 'card.removed' });
    expect(sato.triesLeft(AID.JPKI, PIN_EF)).toBe(3);
    expect(sato.apduLog.length).toBe(before); // not even a counter read reached the next card
  });

  it('a stale handle cannot spend the next card’s 照合番号B try', async () => {
    const w = world();
    const stale = await w.insert(createVirtualCard('yamada-taro'));
    w.readers.remove();
    const sato = createVirtualCard('sato-hanako');
    await w.insert(sato);

    await expect(stale.unlockCardSurface(wrongB('sato-hanako'))).rejects.toMatchObject({
      code: 'card.removed',
    });
    expect(sato.triesLeft(AID.CARD_SURFACE, COLLATION_B_EF)).toBe(10);
    expect(verifiesWithData(sato.apduLog)).toEqual([]);
  });

  it('a card swapped within one poll (inserted without a removal) ends the old session', async () => {
    const w = world();
    const stale = await w.insert(createVirtualCard('yamada-taro'));
    const sato = createVirtualCard('sato-hanako');
    w.readers.insert(sato); // no card-removed in between

    await expect(stale.verifyPin('1234')).rejects.toMatchObject({ code: 'card.removed' });
    expect(sato.triesLeft(AID.JPKI, PIN_EF)).toBe(3);
    expect(verifiesWithData(sato.apduLog)).toEqual([]);
  });

  it('release() of a stale handle leaves the next card’s session (and its verified PIN) alone', async () => {
    const w = world();
    const stale = await w.insert(createVirtualCard('yamada-taro'));
    w.readers.remove();
    const next = await w.insert(createVirtualCard('sato-hanako'));
    expect(await next.verifyPin('5678')).toEqual({ ok: true });

    await stale.release();
    // Still the same session: the PIN verified above still lets the card sign.
    const signature = await next.signChallenge(new TextEncoder().encode('challenge'));
    expect(signature.length).toBeGreaterThan(0);
    expect(w.service.hasSession()).toBe(true);
  });

  it('every operation on a released session fails with card.removed before any APDU', async () => {
    const w = world();
    const yamada = createVirtualCard('yamada-taro');
    const card = await w.insert(yamada);
    await card.release();
    const before = yamada.apduLog.length;
    await expect(card.pinStatus()).rejects.toMatchObject({ code: 'card.removed' });
    await expect(card.verifyPin('1234')).rejects.toMatchObject({ code: 'card.removed' });
    await expect(card.unlockCardSurface(wrongB('yamada-taro'))).rejects.toMatchObject({
      code: 'card.removed',
    });
    expect(yamada.apduLog.length).toBe(before);
  });

  it('an aborted step sends no VERIFY', async () => {
    const w = world();
    const yamada = createVirtualCard('yamada-taro');
    const card = await w.insert(yamada);
    const controller = new AbortController();
    controller.abort();
    await expect(card.verifyPin('1234', controller.signal)).rejects.toMatchObject({ code: 'card.aborted' });
    await expect(
      card.unlockCardSurface(collationBOf(loadSimPerson('yamada-taro')), controller.signal),
    ).rejects.toMatchObject({
      code: 'card.aborted',
    });
    expect(verifiesWithData(yamada.apduLog)).toEqual([]);
    expect(yamada.triesLeft(AID.JPKI, PIN_EF)).toBe(3);
  });
});

describe('a rejected 照合番号B', () => {
  it('is never sent to the same card again that clinic day, even after the card is placed again', async () => {
    const w = world();
    const sato = createVirtualCard('sato-hanako');
    const first = await w.insert(sato);
    expect(await first.unlockCardSurface(wrongB('sato-hanako'))).toMatchObject({ ok: false, triesLeft: 9 });
    expect(sato.triesLeft(AID.CARD_SURFACE, COLLATION_B_EF)).toBe(9);
    w.readers.remove();

    const again = await w.insert(sato);
    expect(await again.unlockCardSurface(wrongB('sato-hanako'))).toMatchObject({ ok: false, notSent: true });
    expect(sato.triesLeft(AID.CARD_SURFACE, COLLATION_B_EF)).toBe(9);
    expect(verifiesWithData(sato.apduLog)).toHaveLength(1);

    // The right number is still sent, and works.
    expect(await again.unlockCardSurface(collationBOf(loadSimPerson('sato-hanako')))).toEqual({ ok: true });
  });

  it('is remembered per card: another card with the same misread still gets its one try', async () => {
    const w = world();
    const number = wrongB('sato-hanako');
    await (await w.insert(createVirtualCard('sato-hanako'))).unlockCardSurface(number);
    w.readers.remove();
    const yamada = createVirtualCard('yamada-taro');
    expect(await (await w.insert(yamada)).unlockCardSurface(number)).toMatchObject({
      ok: false,
      triesLeft: 9,
    });
  });

  it('is forgotten on the next clinic day', async () => {
    const w = world();
    const sato = createVirtualCard('sato-hanako');
    await (await w.insert(sato)).unlockCardSurface(wrongB('sato-hanako'));
    w.readers.remove();
    w.clock.advance(24 * 60 * 60 * 1000);
    expect(await (await w.insert(sato)).unlockCardSurface(wrongB('sato-hanako'))).toMatchObject({
      ok: false,
      triesLeft: 8,
    });
  });
});

// An in-process PC/SC stand-in implementing the same SmartCardReaders interface as the pcsclite
// adapter, for unit tests and machines without pcscd. Cards are inserted and pulled on command;
// a test can pull the card in the middle of an exchange, unplug the reader, let "another
// application" hold the card, or stop the service.
import { KioskError } from '../../electron/errors/kiosk-error';
import type {
  CardConnection,
  Disposition,
  ReaderEvent,
  ReaderState,
  ShareMode,
  SmartCardReaders,
} from '../../electron/card/transport';
import type { VirtualCard } from './virtual-card';

interface Slot {
  card: VirtualCard | null;
  /** Bumped on every insert/remove, so a connection to a pulled card stays dead. */
  generation: number;
  heldByOther: boolean;
  exclusive: boolean;
  pullAfterApdus: number | null;
  pullBy: 'remove' | 'detach';
}

export const DEFAULT_VIRTUAL_READER = 'Uketsuke Virtual Reader 00';

export class VirtualReaders implements SmartCardReaders {
  private readonly slots = new Map<string, Slot>();
  private readonly listeners = new Set<(event: ReaderEvent) => void>();
  private serviceUp = true;

  constructor(readerNames: readonly string[] = [DEFAULT_VIRTUAL_READER]) {
    for (const name of readerNames) this.slots.set(name, this.emptySlot());
  }

  readers(): readonly ReaderState[] {
    if (!this.serviceUp) return [];
    return [...this.slots].map(([name, slot]) => ({ name, cardPresent: slot.card !== null }));
  }

  onEvent(listener: (event: ReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  insert(card: VirtualCard, reader = DEFAULT_VIRTUAL_READER): void {
    const slot = this.slot(reader);
    card.reset();
    slot.card = card;
    slot.generation += 1;
    this.emit({ type: 'card-inserted', reader, atr: card.atr });
  }

  remove(reader = DEFAULT_VIRTUAL_READER): void {
    const slot = this.slot(reader);
    if (!slot.card) return;
    slot.card = null;
    slot.exclusive = false;
    slot.generation += 1;
    this.emit({ type: 'card-removed', reader });
  }

  /**
   * The card leaves the field (or, with `detach`, the reader is unplugged) when the `count`-th
   * further APDU reaches it; that APDU is not answered.
   */
  pullAfterApdus(count: number, reader = DEFAULT_VIRTUAL_READER, how: 'remove' | 'detach' = 'remove'): void {
    const slot = this.slot(reader);
    slot.pullAfterApdus = count;
    slot.pullBy = how;
  }

  /** Another application connects exclusively (or lets go). */
  holdByOtherApplication(held: boolean, reader = DEFAULT_VIRTUAL_READER): void {
    this.slot(reader).heldByOther = held;
  }

  detach(reader = DEFAULT_VIRTUAL_READER): void {
    const slot = this.slot(reader);
    this.slots.delete(reader);
    slot.generation += 1;
    this.emit({ type: 'reader-detached', reader });
  }

  attach(reader = DEFAULT_VIRTUAL_READER): void {
    this.slots.set(reader, this.emptySlot());
    this.emit({ type: 'reader-attached', reader });
  }

  stopService(): void {
    this.serviceUp = false;
    for (const slot of this.slots.values()) slot.generation += 1;
    this.emit({ type: 'service-lost' });
  }

  async connect(reader: string, share: ShareMode): Promise<CardConnection> {
    await Promise.resolve();
    if (!this.serviceUp) throw new KioskError('card.service-unavailable');
    const slot = this.slots.get(reader);
    if (!slot) throw new KioskError('card.reader-gone', reader);
    if (!slot.card) throw new KioskError('card.not-present');
    if (slot.heldByOther || slot.exclusive) throw new KioskError('card.in-use', 'sharing violation');
    if (share === 'exclusive') slot.exclusive = true;
    const card = slot.card;
    const generation = slot.generation;
    const alive = (): Slot => {
      if (!this.serviceUp) throw new KioskError('card.service-unavailable');
      const current = this.slots.get(reader);
      if (!current || current !== slot) throw new KioskError('card.reader-gone', reader);
      if (current.generation !== generation || current.card !== card) throw new KioskError('card.removed');
      return current;
    };
    let open = true;
    return {
      reader,
      atr: card.atr,
      protocol: 'T=1',
      transmit: async (command) => {
        // Let the event loop turn, as a real transmit does: removal events can interleave.
        await new Promise((resolve) => setImmediate(resolve));
        if (!open) throw new KioskError('card.transport', 'connection closed');
        const current = alive();
        if (current.pullAfterApdus !== null) {
          current.pullAfterApdus -= 1;
          if (current.pullAfterApdus <= 0) {
            current.pullAfterApdus = null;
            if (current.pullBy === 'detach') {
              this.detach(reader);
              throw new KioskError('card.reader-gone', reader);
            }
            this.remove(reader);
            throw new KioskError('card.removed');
          }
        }
        return await card.transmit(command);
      },
      disconnect: async (disposition: Disposition) => {
        if (!open) return;
        open = false;
        const current = this.slots.get(reader);
        if (current === slot && current.generation === generation) {
          if (share === 'exclusive') current.exclusive = false;
          if (disposition === 'reset') card.reset();
        }
      },
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }

  private emit(event: ReaderEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private slot(reader: string): Slot {
    const slot = this.slots.get(reader);
    if (!slot) throw new Error(`no virtual reader ${reader}`);
    return slot;
  }

  private emptySlot(): Slot {
    return {
      card: null,
      generation: 0,
      heldByOther: false,
      exclusive: false,
      pullAfterApdus: null,
      pullBy: 'remove',
    };
  }
}

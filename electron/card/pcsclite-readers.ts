// The real transport: PC/SC through pcscd with the `pcsclite` binding. Follows reader attach /
// detach and card insert / remove, connects T=1 (T=0 where that is all the card offers), maps
// PC/SC failures to typed errors, re-establishes the context when pcscd restarts, and releases
// everything on close so the process can exit.
//
// pcsclite gotchas (docs/card.md): never close a reader inside its own 'status' listener (the
// binding holds a mutex while calling into JS: deadlock) — closing is deferred with setImmediate;
// the context always has an 'error' listener (closing it emits "Command cancelled").
import pcsc from 'pcsclite';
import { KioskError } from '../errors/kiosk-error';
import type { Logger } from '../log/logger';
import type {
  CardConnection,
  Disposition,
  ReaderEvent,
  ReaderState,
  ShareMode,
  SmartCardReaders,
} from './transport';

type PcscContext = ReturnType<typeof pcsc>;
type PcscReader = Parameters<Parameters<PcscContext['on']>[1]>[0] & {
  SCARD_STATE_PRESENT: number;
  SCARD_STATE_MUTE: number;
};

interface TrackedReader {
  readonly reader: PcscReader;
  present: boolean;
  atr: Uint8Array;
  /** pcscd's insertion/removal count for the reader (high word of the state), 0 when unknown. */
  eventCount: number;
}

/** How long a failed exchange waits for pcscd to confirm the card left (its poll runs every ~0.4 s). */
const REMOVAL_CONFIRM_MS = 700;

/** Short responses carry at most 256 data bytes; extended ones 65536. Plus the status word. */
const MAX_RESPONSE = 65536 + 2;

/** PC/SC return codes (pcsclite.h) that the binding puts into its error messages. */
export function pcscErrorToKiosk(error: unknown): KioskError {
  const message = error instanceof Error ? error.message : String(error);
  const code = /0x([0-9a-f]{8})/i.exec(message)?.[1]?.toLowerCase();
  switch (code) {
    case '8010000b': // SCARD_E_SHARING_VIOLATION
      return new KioskError('card.in-use', 'sharing violation', { cause: error });
    case '8010000c': // SCARD_E_NO_SMARTCARD
    case '80100069': // SCARD_W_REMOVED_CARD
    case '80100068': // SCARD_W_RESET_CARD (someone reset it: our verified state is gone)
    case '80100067': // SCARD_W_UNPOWERED_CARD
    case '80100066': // SCARD_W_UNRESPONSIVE_CARD
      return new KioskError('card.removed', `pcsc ${code}`, { cause: error });
    case '80100009': // SCARD_E_UNKNOWN_READER
    case '80100017': // SCARD_E_READER_UNAVAILABLE
      return new KioskError('card.reader-gone', `pcsc ${code}`, { cause: error });
    case '8010001d': // SCARD_E_NO_SERVICE
    case '8010001e': // SCARD_E_SERVICE_STOPPED
      return new KioskError('card.service-unavailable', `pcsc ${code}`, { cause: error });
    default:
      return new KioskError('card.transport', `pcsc ${code ?? 'error'}`, { cause: error });
  }
}

export interface PcscliteReadersOptions {
  readonly logger: Logger;
  /** How often to try to reach pcscd again after it went away. */
  readonly reconnectIntervalMs?: number;
}

export class PcscliteReaders implements SmartCardReaders {
  private context: PcscContext | null = null;
  private readonly tracked = new Map<string, TrackedReader>();
  private readonly listeners = new Set<(event: ReaderEvent) => void>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private serviceLost = false;

  constructor(private readonly options: PcscliteReadersOptions) {
    this.establish();
  }

  readers(): readonly ReaderState[] {
    return [...this.tracked].map(([name, t]) => ({ name, cardPresent: t.present }));
  }

  onEvent(listener: (event: ReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once pcscd has reported at least one reader (or after `timeoutMs`). */
  async ready(timeoutMs = 3000): Promise<void> {
    const deadline = performance.now() + timeoutMs; // a duration: the monotonic clock
    while (this.tracked.size === 0 && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
  }

  connect(name: string, share: ShareMode): Promise<CardConnection> {
    const tracked = this.tracked.get(name);
    if (!tracked) {
      return Promise.reject(
        new KioskError(this.context ? 'card.reader-gone' : 'card.service-unavailable', name),
      );
    }
    const { reader } = tracked;
    // The binding keeps one handle per reader; a second connect would silently share it.
    if (reader.connected) return Promise.reject(new KioskError('card.in-use', 'already connected here'));
    return new Promise((resolve, reject) => {
      reader.connect(
        {
          share_mode: share === 'exclusive' ? reader.SCARD_SHARE_EXCLUSIVE : reader.SCARD_SHARE_SHARED,
          protocol: reader.SCARD_PROTOCOL_T1 | reader.SCARD_PROTOCOL_T0,
        },
        (error, protocol) => {
          if (error) {
            reject(pcscErrorToKiosk(error));
            return;
          }
          resolve(this.connection(name, reader, protocol, tracked));
        },
      );
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.dropContext();
    this.listeners.clear();
  }

  private connection(
    name: string,
    reader: PcscReader,
    protocol: number,
    tracked: TrackedReader,
  ): CardConnection {
    let open = true;
    return {
      reader: name,
      atr: tracked.atr,
      protocol:
        protocol === reader.SCARD_PROTOCOL_T1
          ? 'T=1'
          : protocol === reader.SCARD_PROTOCOL_T0
            ? 'T=0'
            : 'other',
      transmit: (command) =>
        new Promise((resolve, reject) => {
          if (!open || !reader.connected) {
            reject(new KioskError(tracked.present ? 'card.transport' : 'card.removed', 'not connected'));
            return;
          }
          reader.transmit(Buffer.from(command), MAX_RESPONSE, protocol, (error, response) => {
            if (!error && response.length >= 2) {
              resolve(new Uint8Array(response));
              return;
            }
            // A card leaving the field shows first as a failed or empty exchange (vpcd answers
            // nothing, pcscd says "not transacted"); pcscd's presence poll confirms within ~0.4 s.
            const failure = error
              ? pcscErrorToKiosk(error)
              : new KioskError('card.transport', 'empty response');
            if (failure.code !== 'card.transport') {
              reject(failure);
              return;
            }
            void this.confirmRemoval(tracked, REMOVAL_CONFIRM_MS).then((removed) =>
              reject(removed ? new KioskError('card.removed', failure.logDetail) : failure),
            );
          });
        }),
      disconnect: (disposition: Disposition) =>
        new Promise((resolve) => {
          if (!open) {
            resolve();
            return;
          }
          open = false;
          if (!reader.connected) {
            resolve();
            return;
          }
          const how = disposition === 'reset' ? reader.SCARD_RESET_CARD : reader.SCARD_LEAVE_CARD;
          // A card already gone is already released: the error is not worth surfacing.
          reader.disconnect(how, () => resolve());
        }),
    };
  }

  private async confirmRemoval(tracked: TrackedReader, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs; // a duration: the monotonic clock
    while (tracked.present && this.tracked.size > 0 && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    return !tracked.present || this.tracked.size === 0;
  }

  private establish(): void {
    if (this.closed) return;
    let context: PcscContext;
    try {
      context = pcsc();
    } catch (error) {
      this.onServiceLost(error);
      return;
    }
    this.context = context;
    if (this.serviceLost) {
      this.serviceLost = false;
      this.options.logger.info('card.pcsc-service-restored');
      this.emit({ type: 'service-restored' });
    }
    context.on('error', (error: unknown) => {
      if (this.context !== context) return; // our own close() cancelled it
      this.onServiceLost(error);
    });
    context.on('reader', (reader: PcscReader) => this.track(reader));
  }

  private track(reader: PcscReader): void {
    const name = reader.name;
    const tracked: TrackedReader = { reader, present: false, atr: new Uint8Array(0), eventCount: 0 };
    this.tracked.set(name, tracked);
    this.emit({ type: 'reader-attached', reader: name });
    reader.on('error', (error: unknown) => {
      this.options.logger.warn('card.pcsc-reader-error', {
        reader: name,
        detail: pcscErrorToKiosk(error).logDetail,
      });
    });
    reader.on('end', () => {
      if (this.tracked.get(name) !== tracked) return;
      this.tracked.delete(name);
      if (tracked.present) this.emit({ type: 'card-removed', reader: name });
      this.emit({ type: 'reader-detached', reader: name });
    });
    reader.on('status', (status: { state: number; atr?: Buffer }) => {
      const present =
        (status.state & reader.SCARD_STATE_PRESENT) !== 0 && (status.state & reader.SCARD_STATE_MUTE) === 0;
      const atr = new Uint8Array(status.atr ?? []);
      // pcscd counts insertions and removals in the high word of the state: a card swapped within
      // one poll stays "present" but moves the count (or changes the ATR) — that is a new card.
      const eventCount = status.state >>> 16;
      const swapped =
        present &&
        tracked.present &&
        (Buffer.compare(atr, tracked.atr) !== 0 ||
          (eventCount !== 0 && tracked.eventCount !== 0 && eventCount !== tracked.eventCount));
      tracked.eventCount = eventCount;
      if (present === tracked.present && !swapped) return;
      tracked.present = present;
      tracked.atr = atr;
      // Emitted on the next turn: listeners may disconnect or close, which must not happen
      // inside the binding's status callback.
      setImmediate(() => {
        if (swapped) this.emit({ type: 'card-removed', reader: name });
        if (present) this.emit({ type: 'card-inserted', reader: name, atr: new Uint8Array(atr) });
        else this.emit({ type: 'card-removed', reader: name });
      });
    });
  }

  private onServiceLost(error: unknown): void {
    const first = !this.serviceLost;
    this.serviceLost = true;
    void this.dropContext().then(() => {
      if (first) {
        this.options.logger.warn('card.pcsc-service-lost', { detail: pcscErrorToKiosk(error).logDetail });
        this.emit({ type: 'service-lost' });
      }
      if (!this.closed) {
        this.retryTimer = setTimeout(() => this.establish(), this.options.reconnectIntervalMs ?? 1000);
        this.retryTimer.unref();
      }
    });
  }

  private dropContext(): Promise<void> {
    const context = this.context;
    this.context = null;
    const readers = [...this.tracked.values()];
    for (const [name, t] of this.tracked) {
      if (t.present) this.emit({ type: 'card-removed', reader: name });
      this.emit({ type: 'reader-detached', reader: name });
    }
    this.tracked.clear();
    return new Promise((resolve) => {
      setImmediate(() => {
        for (const { reader } of readers) {
          reader.removeAllListeners('status');
          try {
            reader.close();
          } catch {
            // already closed by the binding
          }
        }
        try {
          context?.close();
        } catch {
          // already closed
        }
        resolve();
      });
    });
  }

  private emit(event: ReaderEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

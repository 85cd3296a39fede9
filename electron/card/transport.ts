// The one interface every card transport implements: the real PC/SC adapter (electron/card/pcsclite-readers.ts) and the
// in-process virtual reader (sim/card). The driver above it never knows which it talks to.
//
// Transports report failures as KioskError with a `card.*` code: `card.removed`, `card.reader-gone`,
// `card.in-use`, `card.service-unavailable`, `card.not-present`, `card.transport`.

export type ShareMode = 'exclusive' | 'shared';

/** What happens to the card when we let it go: `reset` drops every verified secret. */
export type Disposition = 'leave' | 'reset';

export type ReaderEvent =
  | { type: 'reader-attached'; reader: string }
  | { type: 'reader-detached'; reader: string }
  | { type: 'card-inserted'; reader: string; atr: Uint8Array }
  | { type: 'card-removed'; reader: string }
  /** The PC/SC service went away (pcscd stopped); readers are gone until it is back. */
  | { type: 'service-lost' }
  | { type: 'service-restored' };

export interface ReaderState {
  readonly name: string;
  readonly cardPresent: boolean;
}

/** A connection to the card in one reader. */
export interface CardConnection {
  readonly reader: string;
  readonly atr: Uint8Array;
  readonly protocol: 'T=0' | 'T=1' | 'other';
  /** Sends one command APDU and returns the whole response, status word included. */
  transmit(command: Uint8Array): Promise<Uint8Array>;
  /** Releases the card. Never throws: a card that is already gone is already released. */
  disconnect(disposition: Disposition): Promise<void>;
}

export interface SmartCardReaders {
  /** Readers known now. */
  readers(): readonly ReaderState[];
  /** Subscribes to reader and card events; returns the unsubscribe function. */
  onEvent(listener: (event: ReaderEvent) => void): () => void;
  connect(reader: string, share: ShareMode): Promise<CardConnection>;
  /** Releases every handle so the process can exit. */
  close(): Promise<void>;
}

// Stands in for the card driver's card-surface unlock until the card's APDU log can be used here:
// it behaves like the card's 照合番号B key (a retry counter that a wrong VERIFY decrements and the
// right one resets, blocked at 0) and records every command it was sent.
import type { CollationNumberB } from '../../../electron/card-face/collation-number';
import type { CardSurfaceUnlockPort, UnlockAttempt } from '../../../electron/card-face/unlock';

export type CardSurfaceCommand = { command: 'tries-left' } | { command: 'verify'; digits: string };

export class RecordingCardSurface implements CardSurfaceUnlockPort {
  readonly log: CardSurfaceCommand[] = [];

  constructor(
    private readonly correctDigits: string,
    public triesLeft = 10,
  ) {}

  get verifies(): string[] {
    return this.log.flatMap((entry) => (entry.command === 'verify' ? [entry.digits] : []));
  }

  async cardSurfaceTriesLeft(): Promise<number> {
    this.log.push({ command: 'tries-left' });
    return this.triesLeft;
  }

  async unlockCardSurface(collationNumber: CollationNumberB): Promise<UnlockAttempt> {
    const digits = collationNumber.reveal();
    this.log.push({ command: 'verify', digits });
    if (this.triesLeft === 0) return { ok: false, triesLeft: 0 };
    if (digits === this.correctDigits) {
      this.triesLeft = 10;
      return { ok: true };
    }
    this.triesLeft -= 1;
    return { ok: false, triesLeft: this.triesLeft };
  }
}

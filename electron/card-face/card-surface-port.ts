// Connects the card-face unlock step to the card driver (electron/card/): its retry counter, its
// one-shot VERIFY of 照合番号B, and the chip's own expiry read without a secret.
import type { CardReaderService } from '../card/card-reader-service';
import type { ChipFacts } from './gate';
import type { CardSurfaceUnlockPort } from './unlock';

type CardDriver = Pick<CardReaderService, 'cardSurfaceTriesLeft' | 'unlockCardSurface' | 'readCardExpiry'>;

export function cardSurfacePort(card: CardDriver): CardSurfaceUnlockPort {
  return {
    async cardSurfaceTriesLeft() {
      const counter = await card.cardSurfaceTriesLeft();
      switch (counter.state) {
        case 'available':
          return counter.triesLeft;
        case 'verified':
          return Number.POSITIVE_INFINITY;
        case 'locked':
        case 'not-set':
          return 0;
      }
    },
    async unlockCardSurface(collationNumber) {
      const outcome = await card.unlockCardSurface(collationNumber.reveal());
      if (outcome.ok) return { ok: true };
      return {
        ok: false,
        triesLeft: outcome.triesLeft ?? 0,
        notSent: outcome.code === 'card.surface-tries-floor' || outcome.code === 'card.surface-format',
      };
    },
  };
}

/** The chip's expiry year for the gate, or undefined when the token does not offer it. */
export async function readChipFacts(card: CardDriver): Promise<ChipFacts | undefined> {
  const expiry = await card.readCardExpiry();
  const year = expiry ? Number(expiry.slice(0, 4)) : Number.NaN;
  return Number.isInteger(year) ? { expiryYear: year } : undefined;
}

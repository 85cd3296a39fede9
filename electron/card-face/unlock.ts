// The face path's first step: open the card-surface AP with 照合番号B read from the card front,
// or keyed in by staff. The card is touched only after the gate passed and the card's own retry
// counter allows it; a rejected VERIFY is never retried automatically. The digits are dropped
// right after use and everything is forgotten when the session ends.
import type { ErrorCode } from '../errors/catalogue';
import { isKioskError } from '../errors/kiosk-error';
import type { Logger } from '../log/logger';
import type { CollationNumberB } from './collation-number';
import type { CardFaceConfig } from './config';
import type { ChipFacts } from './gate';
import type { CardFaceReadResult } from './reader';
import type { CardScanner } from './scanner';
import { parseStaffCollationNumber } from './staff-entry';

/** What this step needs from the card driver (electron/card/ implements it). */
export interface CardSurfaceUnlockPort {
  /** Tries left on the card-surface AP's 照合番号B, read with an empty VERIFY (spends nothing);
   *  Infinity when it is already verified in this card session. */
  cardSurfaceTriesLeft(): Promise<number>;
  /** One VERIFY of 照合番号B on the card-surface AP. */
  unlockCardSurface(collationNumber: CollationNumberB): Promise<UnlockAttempt>;
}

export type UnlockAttempt =
  | { ok: true }
  /** `notSent`: the driver itself refused to VERIFY (its own tries floor); no try was spent. */
  | { ok: false; triesLeft: number; notSent?: boolean };

export interface CardFaceTextReader {
  read(frames: readonly Uint8Array[], chip: ChipFacts): Promise<CardFaceReadResult>;
}

export type CardFaceOutcome =
  | { kind: 'unlocked'; via: 'card-face' | 'staff-entry' }
  /** Ask the patient to place the card again and call unlockFromCardFace once more. */
  | { kind: 're-place'; code: 'card-face.re-place'; placementsLeft: number }
  /** Offer the PIN path (when the card has a PIN) or staff. `triesLeft`: after a rejected VERIFY. */
  | { kind: 'pin-or-staff'; code: ErrorCode; triesLeft?: number }
  /** Only staff can continue. */
  | { kind: 'staff'; code: ErrorCode; triesLeft?: number };

export class CardFaceUnlock {
  private placements = 0;
  /** Set once the card rejected a VERIFY in this session: the kiosk never sends another by itself. */
  private rejected = false;
  /** Set once staff's typed number was rejected: staff entry is never sent twice in a session. */
  private staffEntryRejected = false;

  constructor(
    private readonly deps: {
      scanner: CardScanner;
      reader: CardFaceTextReader;
      port: CardSurfaceUnlockPort;
      config: Pick<CardFaceConfig, 'framesPerScan' | 'placementsBeforeAlternatives' | 'triesFloor'>;
      logger: Logger;
    },
  ) {}

  /** One placement of the card: capture, read, gate, then at most one VERIFY. */
  async unlockFromCardFace(chip: ChipFacts): Promise<CardFaceOutcome> {
    const { scanner, reader, config, logger } = this.deps;
    if (this.rejected) return { kind: 'pin-or-staff', code: 'card-face.rejected-by-card' };
    if (this.placements >= config.placementsBeforeAlternatives) {
      return { kind: 'pin-or-staff', code: 'card-face.use-pin-or-staff' };
    }
    this.placements += 1;
    let frames: Uint8Array[];
    try {
      frames = await scanner.captureFrames(config.framesPerScan);
    } catch (error) {
      logger.warn('card-face.capture-failed', { errorCode: codeOf(error) });
      return { kind: 'pin-or-staff', code: 'card-face.camera-unavailable' };
    }
    let result: CardFaceReadResult;
    try {
      result = await reader.read(frames, chip);
    } catch (error) {
      // The OCR engine never started: this card cannot be read from its face on this terminal.
      if (!isKioskError(error) || error.code !== 'card-face.ocr-unavailable') throw error;
      return { kind: 'pin-or-staff', code: 'card-face.ocr-unavailable' };
    } finally {
      frames.length = 0;
    }
    if (!result.ok) {
      logger.info('card-face.refused', {
        refusal: result.refusal,
        reads: result.readsMade,
        placement: this.placements,
      });
      // Another placement cannot change how the card prints its birth date.
      if (result.refusal === 'western-date-unsupported') {
        return { kind: 'pin-or-staff', code: 'card-face.western-date-unsupported' };
      }
      const placementsLeft = config.placementsBeforeAlternatives - this.placements;
      if (placementsLeft <= 0) {
        return { kind: 'pin-or-staff', code: 'card-face.use-pin-or-staff' };
      }
      return { kind: 're-place', code: 'card-face.re-place', placementsLeft };
    }
    logger.info('card-face.read', { reads: result.readsMade, placement: this.placements });
    return this.verifyOnce(result.collationNumber, 'card-face');
  }

  /**
   * 照合番号B keyed in by staff. Invalid input throws a KioskError (card-face.staff-entry-*) and
   * nothing reaches the card. Once the card rejected a typed number, no other is sent.
   */
  async unlockFromStaffEntry(input: string, chip: ChipFacts): Promise<CardFaceOutcome> {
    if (this.staffEntryRejected) return { kind: 'staff', code: 'card-face.staff-entry-rejected' };
    const collationNumber = parseStaffCollationNumber(input, chip);
    const outcome = await this.verifyOnce(collationNumber, 'staff-entry');
    if (outcome.kind === 'pin-or-staff' && outcome.code === 'card-face.rejected-by-card') {
      this.staffEntryRejected = true;
      return { kind: 'staff', code: 'card-face.staff-entry-rejected', triesLeft: outcome.triesLeft ?? 0 };
    }
    return outcome;
  }

  /** Session end: forget placements and the rejection; no digits are held between calls. */
  endSession(): void {
    this.placements = 0;
    this.rejected = false;
    this.staffEntryRejected = false;
  }

  private async verifyOnce(
    collationNumber: CollationNumberB,
    via: 'card-face' | 'staff-entry',
  ): Promise<CardFaceOutcome> {
    const { port, config, logger } = this.deps;
    try {
      const triesLeft = await port.cardSurfaceTriesLeft();
      if (triesLeft === 0) return { kind: 'staff', code: 'card-face.blocked' };
      if (triesLeft <= config.triesFloor) {
        logger.warn('card-face.tries-low', { triesLeft, floor: config.triesFloor });
        return { kind: 'staff', code: 'card-face.tries-low' };
      }
      const attempt = await port.unlockCardSurface(collationNumber);
      if (attempt.ok) {
        logger.info('card-face.unlocked', { via });
        return { kind: 'unlocked', via };
      }
      if (attempt.notSent) return { kind: 'staff', code: 'card-face.tries-low' };
      this.rejected = true;
      logger.warn('card-face.rejected', { via, triesLeft: attempt.triesLeft });
      if (attempt.triesLeft === 0) return { kind: 'staff', code: 'card-face.blocked', triesLeft: 0 };
      return { kind: 'pin-or-staff', code: 'card-face.rejected-by-card', triesLeft: attempt.triesLeft };
    } finally {
      collationNumber.drop();
    }
  }
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';
}

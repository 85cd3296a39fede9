// The card-face reader as the composition root sees it: one OCR worker started once and shared,
// a reader per terminal, an unlock step per session.
import { KioskError } from '../errors/kiosk-error';
import type { Logger } from '../log/logger';
import type { CardFaceConfig } from './config';
import { todayUtc, type CalendarDate } from './era';
import { createTesseractCardFaceOcr, type CardFaceOcr } from './ocr';
import { CardFaceReader } from './reader';
import type { CardScanner } from './scanner';
import { CardFaceUnlock, type CardSurfaceUnlockPort } from './unlock';

export interface CardFaceService {
  /** The unlock step for one patient session and the card in the reader. */
  startSession(port: CardSurfaceUnlockPort): CardFaceUnlock;
  close(): Promise<void>;
}

export async function createCardFaceService(deps: {
  config: CardFaceConfig;
  scanner: CardScanner;
  logger: Logger;
  today?: () => CalendarDate;
  /** An OCR engine already started (tests share one); otherwise one is started here. */
  ocr?: CardFaceOcr;
}): Promise<CardFaceService> {
  let ocr: CardFaceOcr;
  try {
    ocr = deps.ocr ?? (await createTesseractCardFaceOcr({ tessdataDir: deps.config.tessdataDir }));
  } catch (error) {
    throw new KioskError('card-face.ocr-unavailable', undefined, { cause: error });
  }
  const reader = new CardFaceReader(ocr, deps.config, deps.today ?? todayUtc);
  const logger = deps.logger.child({ component: 'card-face' });
  return {
    startSession: (port) =>
      new CardFaceUnlock({ scanner: deps.scanner, reader, port, config: deps.config, logger }),
    close: () => (deps.ocr ? Promise.resolve() : ocr.terminate()),
  };
}

export type { CardFaceConfig } from './config';
export type { CardFaceOutcome, CardSurfaceUnlockPort, UnlockAttempt } from './unlock';
export type { CardScanner, FrameRequest, RendererFrameSource } from './scanner';
export { CameraCardScanner } from './scanner';
export { RendererFrameBroker, framesDeliverySchema, type CaptureRequestEvent } from './frame-broker';
export { cardSurfacePort, readChipFacts } from './card-surface-port';
export type { ChipFacts } from './gate';
export { CollationNumberB } from './collation-number';

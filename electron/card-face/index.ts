// The card-face reader as the composition root sees it: one OCR engine started once and shared,
// a reader per terminal, an unlock step per session. "Today" (for plausible dates) is Japan's day
// on the injected clock.
import { systemClock, type Clock } from '../clock';
import { KioskError } from '../errors/kiosk-error';
import type { Logger } from '../log/logger';
import type { CardFaceConfig } from './config';
import { parseIsoDate, type CalendarDate } from './era';
import { createTesseractCardFaceOcr, type CardFaceOcr } from './ocr';
import { createPaddleCardFaceOcr } from './ocr-paddle';
import { CardFaceReader } from './reader';
import type { CardScanner } from './scanner';
import { CardFaceUnlock, type CardFaceTextReader, type CardSurfaceUnlockPort } from './unlock';

export interface CardFaceService {
  /** The unlock step for one patient session and the card in the reader. */
  startSession(port: CardSurfaceUnlockPort): CardFaceUnlock;
  close(): Promise<void>;
}

export async function createCardFaceService(deps: {
  config: CardFaceConfig;
  scanner: CardScanner;
  logger: Logger;
  /** The process's clock; the machine's by default. */
  clock?: Clock;
  /** An OCR engine started (or starting) elsewhere (tests share one); otherwise the configured one is started here. */
  ocr?: CardFaceOcr | Promise<CardFaceOcr>;
}): Promise<CardFaceService> {
  const logger = deps.logger.child({ component: 'card-face' });
  // The engine loads its models in the background, so the kiosk shows idle meanwhile; a card
  // placed before it is ready waits for it in its first read.
  const ocr: Promise<CardFaceOcr> = deps.ocr
    ? Promise.resolve(deps.ocr)
    : startOcrEngine(deps.config).catch((error: unknown) => {
        logger.error('card-face.ocr-start-failed', {
          reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
        });
        throw new KioskError('card-face.ocr-unavailable', undefined, { cause: error });
      });
  ocr.catch(() => undefined); // reported above, and to each read
  const today = japanToday(deps.clock ?? systemClock());
  const ready = ocr.then((engine) => new CardFaceReader(engine, deps.config, today));
  ready.catch(() => undefined);
  const reader: CardFaceTextReader = { read: async (frames, chip) => (await ready).read(frames, chip) };
  return {
    startSession: (port) =>
      new CardFaceUnlock({ scanner: deps.scanner, reader, port, config: deps.config, logger }),
    close: () =>
      deps.ocr
        ? Promise.resolve()
        : ocr.then(
            (engine) => engine.terminate(),
            () => undefined,
          ),
  };
}

/** The configured engine: PaddleOCR by default, tesseract as the measured alternative. */
export function startOcrEngine(
  config: Pick<CardFaceConfig, 'ocrEngine' | 'tessdataDir'>,
): Promise<CardFaceOcr> {
  return config.ocrEngine === 'tesseract'
    ? createTesseractCardFaceOcr({ tessdataDir: config.tessdataDir })
    : createPaddleCardFaceOcr();
}

/** Today's calendar date in Japan (the clock's offset), for the gate's plausible-date rule. */
export function japanToday(clock: Clock): () => CalendarDate {
  return () => {
    const today = parseIsoDate(clock.today());
    if (!today) throw new Error(`clock gave no calendar date: ${clock.today()}`);
    return today;
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

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
import { warmUp } from '../warm-up';
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
  /** Start the engine when this settles (the kiosk shows its first screen); default: now. */
  startWhen?: Promise<unknown>;
}): Promise<CardFaceService> {
  const logger = deps.logger.child({ component: 'card-face' });
  // A card placed before the engine is ready waits for it in its first read.
  const engine = warmUp<CardFaceOcr>(
    () =>
      deps.ocr
        ? Promise.resolve(deps.ocr)
        : startOcrEngine(deps.config).catch((error: unknown) => {
            logger.error('card-face.ocr-start-failed', {
              reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
            });
            throw new KioskError('card-face.ocr-unavailable', undefined, { cause: error });
          }),
    deps.startWhen,
  );
  const today = japanToday(deps.clock ?? systemClock());
  let ready: Promise<CardFaceReader> | undefined;
  const reader: CardFaceTextReader = {
    read: async (frames, chip) => {
      ready ??= engine.get().then((ocr) => new CardFaceReader(ocr, deps.config, today));
      return (await ready).read(frames, chip);
    },
  };
  return {
    startSession: (port) =>
      new CardFaceUnlock({ scanner: deps.scanner, reader, port, config: deps.config, logger }),
    async close() {
      engine.cancel();
      if (deps.ocr) return; // not ours to stop
      const ocr = await engine.started()?.catch(() => undefined);
      await ocr?.terminate();
    },
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

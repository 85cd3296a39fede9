// Settings of the card-face reader. Merged into the terminal configuration as `cardFace`.
import { z } from 'zod';

export const WESTERN_BIRTH_DATE_POLICIES = [
  /** Do not form 照合番号B from a Western-year birth date (default while the format is unconfirmed). */
  'refuse',
  /** YY = the last two digits of the Western year. */
  'western-yymmdd',
  /** YY = the era year of that date, as for Japanese nationals. */
  'era-yymmdd',
] as const;
export type WesternBirthDatePolicy = (typeof WESTERN_BIRTH_DATE_POLICIES)[number];

export const cardFaceConfigSchema = z
  .object({
    /**
     * Every digit of 照合番号B must be read with at least this OCR confidence (0–100: PaddleOCR's
     * character probability × 100, or tesseract's confidence).
     */
    confidenceFloor: z.number().min(0).max(100).default(85),
    /** The OCR engine: PaddleOCR PP-OCRv4 on onnxruntime (measured better and faster), or tesseract. */
    ocrEngine: z.enum(['paddle', 'tesseract']).default('paddle'),
    /** How many independent reads must give the same 14 digits before the card is touched. */
    readsRequired: z.number().int().min(2).max(4).default(2),
    /** At most this many reads (frame × preparation) per placement of the card. */
    maxReadsPerScan: z.number().int().min(2).max(8).default(4),
    /** Camera frames taken per placement. */
    framesPerScan: z.number().int().min(1).max(4).default(2),
    /** Placements the patient is asked for before the PIN path or staff is offered. */
    placementsBeforeAlternatives: z.number().int().min(1).max(5).default(2),
    /** At or below this many tries left on 照合番号B the kiosk does not VERIFY and sends the patient to staff. */
    triesFloor: z.number().int().min(0).max(9).default(3),
    /** Cards of foreign residents print the birth date in Western years; how 照合番号B is then formed is unconfirmed. */
    westernBirthDate: z.enum(WESTERN_BIRTH_DATE_POLICIES).default('refuse'),
    /** The card expires on a birthday (card.md §4): an OCR'd expiry month/day off the birthday is refused. */
    requireExpiryOnBirthday: z.boolean().default(true),
    /** Label of the camera aimed at the card tray (as the renderer's device list shows it). */
    cameraDeviceLabel: z.string().max(200).default(''),
    /** Longest wait for the renderer to hand over the frames. */
    captureTimeoutMs: z.number().int().min(500).max(30_000).default(5_000),
    /** Folder with jpn.traineddata; default: resources/tessdata, else Debian's tessdata folder. */
    tessdataDir: z.string().min(1).optional(),
  })
  .strict()
  .refine((config) => config.maxReadsPerScan >= config.readsRequired, {
    message: 'maxReadsPerScan must be at least readsRequired',
  });

export type CardFaceConfig = z.infer<typeof cardFaceConfigSchema>;

export const defaultCardFaceConfig: CardFaceConfig = cardFaceConfigSchema.parse({});

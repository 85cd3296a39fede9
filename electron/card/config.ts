// The `card` section of the terminal configuration.
import { z } from 'zod';

/** A reader name pattern: a case-insensitive regular expression. */
const readerNamePattern = z
  .string()
  .min(1)
  .refine((source) => {
    try {
      new RegExp(source, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

export const cardConfigSchema = z
  .object({
    /** Regular expression (case-insensitive) a PC/SC reader name must match; the first match is used. */
    readerNamePattern: readerNamePattern.default('.'),
    /**
     * The general-purpose reader (汎用カードリーダー) beside the kiosk for smartphone マイナ保険証, as a
     * regular expression like `readerNamePattern`; its readers are never the kiosk's. Absent: no
     * smartphone path (the simulated world brings its own virtual phone reader).
     */
    phoneReaderNamePattern: readerNamePattern.optional(),
    /**
     * No PIN VERIFY is sent when the tries left are at or below this (of 3). 0: every try can be
     * used, the last one only after the patient confirmed it on the pin-last-try screen; a clinic
     * that wants staff to handle the last try sets 1 (the kiosk then says so before the typing).
     */
    pinTriesFloor: z.number().int().min(0).max(2).default(0),
    /** No 照合番号B VERIFY is sent when the tries left are at or below this (of 10). */
    cardSurfaceTriesFloor: z.number().int().min(0).max(9).default(3),
    /**
     * Folder with the trusted card-surface CA key (card-surface-ca.pem + .json). Without it no card-face
     * record can be authenticated, so the face path ends with staff. The simulated world uses its own.
     */
    surfaceCaDir: z.string().min(1).optional(),
    /** Accept JPKI-TEST certificates and test card-surface keys (simulated world and card tests only). */
    allowTestHierarchy: z.boolean().default(false),
    /** A card that has not answered one command in this long is reported unresponsive. */
    apduTimeoutMs: z.number().int().min(100).max(30_000).default(3_000),
    /** `self-test`: use extended-length READ BINARY after the reader proved it carries them. */
    extendedLength: z.enum(['off', 'self-test']).default('off'),
  })
  .strict();

export type CardConfig = z.infer<typeof cardConfigSchema>;

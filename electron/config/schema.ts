// The terminal's configuration: one schema, validated whenever it is loaded.
import { z } from 'zod';
import { LANGUAGES } from '../contract';
import { cardConfigSchema } from '../card/config';
import { cardFaceConfigSchema } from '../card-face/config';
import { eligibilityConfigSchema } from '../eligibility/config';
import { faceConfigSchema } from '../face/config';
import { staffConsoleConfigSchema } from '../staff/config';

export const configSchema = z
  .object({
    terminal: z
      .object({
        /** Shown to staff and written to every log line. Not personal. */
        id: z.string().min(1).max(64).default('uketsuke-01'),
        facilityName: z.string().max(100).default('うけつけクリニック'),
      })
      .strict()
      .prefault({}),
    /** Which devices the composition root wires: the simulated world or real hardware. */
    world: z.enum(['simulated', 'hardware']).default('simulated'),
    window: z
      .object({
        kiosk: z.boolean().default(true),
        fullscreen: z.boolean().default(true),
        /** Show the application menu. Off on a patient-facing terminal. */
        menu: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    recovery: z
      .object({
        heartbeatIntervalMs: z.number().int().min(100).max(60_000).default(2_000),
        /** No heartbeat for this long means the renderer hangs: it is restarted to idle. */
        hangTimeoutMs: z.number().int().min(500).max(600_000).default(15_000),
      })
      .strict()
      .prefault({})
      .refine((r) => r.hangTimeoutMs >= 2 * r.heartbeatIntervalMs, {
        message: 'hangTimeoutMs must be at least twice heartbeatIntervalMs',
      }),
    clinic: z
      .object({
        /** The eligibility terminal's shared folder (req/, res/, face/) clinic systems read. */
        folder: z.string().min(1).default('var/clinic'),
      })
      .strict()
      .prefault({}),
    reception: z
      .object({
        /** A session left untouched this long ends, and everything personal is dropped. */
        sessionTimeoutMs: z.number().int().min(10_000).max(900_000).default(120_000),
      })
      .strict()
      .prefault({}),
    card: cardConfigSchema.prefault({}),
    cardFace: cardFaceConfigSchema.prefault({}),
    ui: z
      .object({
        defaultLanguage: z.enum(LANGUAGES).default('ja'),
        languages: z
          .array(z.enum(LANGUAGES))
          .min(1)
          .default([...LANGUAGES]),
      })
      .strict()
      .prefault({}),
    eligibility: eligibilityConfigSchema.prefault({}),
    face: faceConfigSchema.prefault({}),
    staffConsole: staffConsoleConfigSchema.prefault({}),
  })
  .strict();

export type KioskConfig = z.infer<typeof configSchema>;

// The terminal's configuration: one schema, validated whenever it is loaded.
import { z } from 'zod';
import { LANGUAGES } from '../contract';
import { cardConfigSchema } from '../card/config';
import { cardFaceConfigSchema } from '../card-face/config';
import { clinicConfigSchema } from '../clinic/config';
import { eligibilityConfigSchema } from '../eligibility/config';
import { faceConfigSchema } from '../face/config';
import { pinPadConfigSchema } from '../pin-pad/config';
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
    clinic: clinicConfigSchema.prefault({}),
    reception: z
      .object({
        /** A session left untouched this long ends, and everything personal is dropped. */
        sessionTimeoutMs: z.number().int().min(10_000).max(900_000).default(120_000),
        /** Out of service (reader, camera or service down): checked again this long after each check. */
        healthRecheckMs: z.number().int().min(1_000).max(600_000).default(30_000),
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
    /** Devices IT names at provisioning (`uketsuke provision`); `doctor` checks they are there. */
    devices: z
      .object({
        /** The patient camera's label as the renderer's device list shows it; empty: the default camera. */
        patientCameraLabel: z.string().max(200).default(''),
        /** The HID PIN pad as `vendorId:productId` in hex (e.g. `0c45:7403`); empty: none (pinPad.onScreen). */
        pinPad: z
          .string()
          .regex(/^([0-9a-f]{4}:[0-9a-f]{4})?$/i, 'vendorId:productId in hex, e.g. 0c45:7403')
          .default(''),
      })
      .strict()
      .prefault({}),
    /** Prometheus metrics for the site's monitoring (docs/it.md). Never a personal value in a label. */
    metrics: z
      .object({
        enabled: z.boolean().default(true),
        /** `loopback`: 127.0.0.1 only; `lan`: every interface, for a site Prometheus to scrape. */
        listen: z.enum(['loopback', 'lan']).default('loopback'),
        port: z.number().int().min(1024).max(65_535).default(9464),
      })
      .strict()
      .prefault({}),
    log: z
      .object({
        /** A log file is rotated when it would grow past this. */
        maxFileBytes: z
          .number()
          .int()
          .min(4 * 1024)
          .max(1024 * 1024 * 1024)
          .default(10 * 1024 * 1024),
        /** Rotated files kept (uketsuke.log.1 … .N); older ones are deleted, capping the folder's size. */
        maxFiles: z.number().int().min(1).max(50).default(5),
      })
      .strict()
      .prefault({}),

    face: faceConfigSchema.prefault({}),
    /** The USB PIN pad of a real terminal (the simulated world has its virtual keypad). */
    pinPad: pinPadConfigSchema,
    staffConsole: staffConsoleConfigSchema.prefault({}),
  })
  .strict();

export type KioskConfig = z.infer<typeof configSchema>;

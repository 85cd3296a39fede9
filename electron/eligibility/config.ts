// The eligibility section of the terminal configuration. Every value has a default that works in
// the simulated world (the embedded simulator and the TEST TLS files under sim/fixtures).
import { z } from 'zod';
import { isValidInstitutionCode } from './insurance-number';

const tlsFiles = z
  .object({
    /** CA that signed the service's server certificate. */
    caFile: z.string().min(1).default('sim/fixtures/eligibility/tls/test-ca.pem'),
    /** The terminal's client certificate and key (mutual TLS). */
    certFile: z.string().min(1).default('sim/fixtures/eligibility/tls/test-terminal.pem'),
    keyFile: z.string().min(1).default('sim/fixtures/eligibility/tls/test-terminal.key.pem'),
  })
  .strict();

export const eligibilityConfigSchema = z
  .object({
    /** Base URL of the service; the composition root replaces it with the embedded simulator's. */
    endpoint: z.url({ protocol: /^https$/ }).default('https://127.0.0.1:8443'),
    /** 医療機関コード, sent with every request; validated with its check digit. */
    medicalInstitutionCode: z
      .string()
      .refine(isValidInstitutionCode, { message: 'not a 10-digit 医療機関コード with a valid check digit' })
      .default('1311111114'),
    tls: tlsFiles.prefault({}),
    timeouts: z
      .object({
        connectMs: z.number().int().min(100).max(60_000).default(3_000),
        /** Whole request, first byte to last. */
        requestMs: z.number().int().min(100).max(120_000).default(10_000),
      })
      .strict()
      .prefault({}),
    retries: z
      .object({
        /** Attempts including the first. */
        maxAttempts: z.number().int().min(1).max(10).default(4),
        baseDelayMs: z.number().int().min(0).max(60_000).default(200),
        maxDelayMs: z.number().int().min(0).max(300_000).default(5_000),
      })
      .strict()
      .prefault({}),
    cache: z
      .object({
        /** 'clinic-day': an answer is reused until the clinic day it was asked for ends. */
        expiry: z
          .union([z.literal('clinic-day'), z.object({ hours: z.number().min(0).max(168) }).strict()])
          .default('clinic-day'),
        /** The clinic day ends at this local time (HH:MM). */
        dayEndsAt: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
          .default('04:00'),
        /** Local time offset from UTC (Japan: +540, no daylight saving). */
        utcOffsetMinutes: z.number().int().min(-720).max(840).default(540),
      })
      .strict()
      .prefault({}),
    /** Personal data is deleted this many days after it was stored. Undelivered confirmations are kept. */
    retentionDays: z.number().int().min(1).max(3650).default(90),
    /** Folder for eligibility.db and the key file. */
    dataDir: z.string().min(1).default('var/eligibility'),
    /** Parallel requests of a batch check (一括照会). */
    batchConcurrency: z.number().int().min(1).max(64).default(8),
    /** How often queued confirmations are retried while the service is down. */
    outboxRetryMs: z.number().int().min(1_000).max(3_600_000).default(30_000),
  })
  .strict();

export type EligibilityConfig = z.infer<typeof eligibilityConfigSchema>;

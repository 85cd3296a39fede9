// The staff console's section of the terminal configuration. Loopback only by default; the clinic
// LAN only when IT enables it, and then over HTTPS with the terminal's certificate.
import { z } from 'zod';

export const staffConsoleConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** The console's port (0: any free port, for tests). */
    port: z.number().int().min(0).max(65_535).default(8740),
    /** A console left this long without a request logs out. */
    idleTimeoutMs: z.number().int().min(2_000).max(3_600_000).default(300_000),
    lan: z
      .object({
        enabled: z.boolean().default(false),
        /** The address to listen on when the LAN is enabled. */
        address: z.string().min(1).default('0.0.0.0'),
        /** The names staff type in the desk browser (e.g. uketsuke-01.clinic.lan); others are refused. */
        hostnames: z.array(z.string().min(1).max(253)).default([]),
        /** The terminal's TLS certificate and key (PEM) the console serves HTTPS with. */
        certFile: z.string().min(1).optional(),
        keyFile: z.string().min(1).optional(),
      })
      .strict()
      .prefault({})
      .refine((lan) => !lan.enabled || (lan.certFile !== undefined && lan.keyFile !== undefined), {
        message: 'the LAN console needs certFile and keyFile (it is served over HTTPS only)',
      })
      .refine((lan) => !lan.enabled || lan.hostnames.length > 0, {
        message: 'the LAN console needs the hostnames staff use to reach it',
      }),
  })
  .strict();

export type StaffConsoleConfig = z.infer<typeof staffConsoleConfigSchema>;

// The clinic section of the terminal configuration: the shared folder clinic systems use and how
// this terminal serves it.
import { z } from 'zod';

export const clinicConfigSchema = z
  .object({
    /** The eligibility terminal's shared folder (req/, res/, face/) clinic systems read. */
    folder: z.string().min(1).default('var/clinic'),
    /** Answer requests in req/. Off: this terminal only writes face/ results. */
    answerRequests: z.boolean().default(true),
    /** Where this terminal moves a request it claims (inside the folder, so the move is an
     *  atomic rename); the terminal id is appended, so kiosks sharing a folder never collide. */
    claimDir: z
      .string()
      .regex(/^[\w.-]+$/)
      .default('claimed'),
    /** Where handled requests are moved (inside the folder). */
    trashDir: z
      .string()
      .regex(/^[\w.-]+$/)
      .default('trash'),
    /** face/, res/ and trash/ files are removed once their clinic day plus this many days ended. */
    retentionDays: z.number().int().min(0).max(365).default(7),
    /** Periodic scan of req/ (file-system events are lost on network shares). */
    scanIntervalMs: z.number().int().min(50).max(60_000).default(1_000),
    /** A request is read only after its size and time stayed the same this long. */
    stableMs: z.number().int().min(0).max(60_000).default(200),
    /** Look-ups sent to the eligibility service at the same time (files are read and written
     *  alongside them). */
    concurrency: z.number().int().min(1).max(64).default(8),
    /** Mode of the folder and its sub-folders (octal): other local users are kept out. */
    folderMode: z
      .string()
      .regex(/^0?[0-7]{3}$/)
      .default('0770'),
  })
  .strict();

export type ClinicConfig = z.infer<typeof clinicConfigSchema>;

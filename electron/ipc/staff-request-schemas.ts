// Runtime schemas for everything the staff page sends. The staff page is as untrusted as the kiosk
// page: a request is checked here before any handler sees it, and the mapped type makes the
// compiler reject a schema that drifts from the contract.
import { z } from 'zod';
import type { StaffChannel, StaffRequests } from '../contract';

const empty = z.object({}).strict() as z.ZodType<Record<string, never>>;
const requestId = z.object({ requestId: z.string().uuid() }).strict();

/** The largest reservation list the console accepts (about 10 000 rows). */
export const MAX_BATCH_CSV_CHARS = 1_000_000;

export const staffRequestSchemas: { [C in StaffChannel]: z.ZodType<StaffRequests[C]> } = {
  'staff:session': empty,
  'staff:eligibility:lookup': z
    .object({
      insurerNumber: z.string().max(20),
      symbol: z.string().max(40).optional(),
      number: z.string().max(40),
      branch: z.string().max(10).optional(),
      birthDate: z.string().max(20),
      refresh: z.boolean().optional(),
    })
    .strict(),
  'staff:eligibility:confirmations': empty,
  'staff:eligibility:medication': requestId,
  'staff:eligibility:health-checks': requestId,
  'staff:eligibility:disaster-medication': z
    .object({
      name: z.string().min(1).max(100),
      birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      sex: z.enum(['male', 'female']),
      address: z.string().min(1).max(200),
    })
    .strict(),
  'staff:eligibility:status': empty,
  'staff:batch:start': z.object({ csv: z.string().min(1).max(MAX_BATCH_CSV_CHARS) }).strict(),
  'staff:batch:status': z.object({ batchId: z.string().uuid() }).strict(),
  'staff:kiosk:state': empty,
  'staff:kiosk:visual-check': z
    .object({ sessionGeneration: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) })
    .strict(),
};

// Runtime schemas for everything the renderer sends. The renderer is untrusted: a request is
// checked against its schema before any handler sees it. The mapped type makes the compiler
// reject a schema that drifts from the contract or a channel without a schema.
import { z } from 'zod';
import { framesDeliverySchema } from '../card-face/frame-broker';
import { CONSENT_ITEMS, LANGUAGES, type Channel, type Requests } from '../contract';

const empty = z.object({}).strict();

/** The largest camera frame the renderer may send (a 640×480 JPEG is 15–60 KB). */
export const MAX_FRAME_JPEG_BYTES = 1024 * 1024;

const cameraFrame = z
  .object({
    jpegBase64: z
      .string()
      .min(4)
      .max(Math.ceil((MAX_FRAME_JPEG_BYTES * 4) / 3) + 4),
  })
  .strict();

const consentAnswers = z
  .object(
    Object.fromEntries(CONSENT_ITEMS.map((item) => [item, z.boolean()])) as Record<
      (typeof CONSENT_ITEMS)[number],
      z.ZodBoolean
    >,
  )
  .strict();

export const requestSchemas: { [C in Channel]: z.ZodType<Requests[C]> } = {
  'kiosk:get-info': empty as z.ZodType<Record<string, never>>,
  'kiosk:heartbeat': empty as z.ZodType<Record<string, never>>,
  'reception:get-view': empty as z.ZodType<Record<string, never>>,
  'reception:set-language': z.object({ language: z.enum(LANGUAGES) }).strict(),
  'reception:choose-method': z.object({ method: z.enum(['face', 'pin', 'staff', 'smartphone']) }).strict(),
  'reception:submit-consent': z.object({ answers: consentAnswers, agreedToAll: z.boolean() }).strict(),
  'reception:call-staff': empty as z.ZodType<Record<string, never>>,
  'reception:cancel': empty as z.ZodType<Record<string, never>>,
  'reception:back': empty as z.ZodType<Record<string, never>>,
  'reception:confirm-last-try': empty as z.ZodType<Record<string, never>>,
  'reception:submit-pin': z.object({ pin: z.string().regex(/^\d{4}$/) }).strict(),
  'reception:activity': empty as z.ZodType<Record<string, never>>,
  'reception:visual-check': empty as z.ZodType<Record<string, never>>,
  'reception:staff-passcode': z
    .object({ name: z.string().min(1).max(64), passcode: z.string().min(1).max(64) })
    .strict(),
  'reception:visual-check-decide': z.object({ decision: z.enum(['confirm', 'refuse']) }).strict(),
  // 14 digits, perhaps full-width or grouped: the trusted side validates it (card-face/staff-entry.ts).
  'reception:collation-number': z.object({ collationNumber: z.string().min(1).max(40) }).strict(),
  'reception:collation-skip': empty as z.ZodType<Record<string, never>>,
  'face:submit-frame': cameraFrame,
  'card-face:frames': framesDeliverySchema,
};

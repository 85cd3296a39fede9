// A person of the simulated world (sim/fixtures/persons/<id>.json): who the virtual card belongs
// to, and which faults their card has. Shared with the eligibility, face and card-face work.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const PERSON_FAULTS = [
  'pin-not-set',
  'pin-locked',
  'card-surface-tries-low',
  'auth-cert-expired',
  'auth-cert-revoked',
  'corrupt-photo',
  'garbage',
] as const;
export type PersonFault = (typeof PERSON_FAULTS)[number];

export const personSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    nameKana: z.string().min(1),
    birthDate: ymd,
    sex: z.enum(['male', 'female']),
    address: z.string().min(1),
    cardExpiry: ymd,
    securityCode: z.string().regex(/^\d{4}$/),
    pin: z
      .string()
      .regex(/^\d{4}$/)
      .nullable(),
    token: z.enum(['card', 'android', 'iphone']),
    /** The printed card photo (JPEG, the person's first photo); null for phones and faceless cards. */
    photo: z.string().nullable(),
    faults: z.array(z.enum(PERSON_FAULTS)),
    /** The IC chip's photo: 1-channel 300x400 JPEG 2000 codestream made from `photo`. */
    cardPhotoJ2k: z.string().nullable().default(null),
    cardIssued: ymd,
    foreignResident: z.boolean().default(false),
    pinTriesLeft: z.number().int().min(0).max(3),
    cardSurfaceTriesLeft: z.number().int().min(0).max(10),
  })
  .strict();

export type Person = z.infer<typeof personSchema>;

export function loadPerson(file: string): Person {
  return personSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

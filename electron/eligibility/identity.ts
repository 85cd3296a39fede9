// What the card and face (or PIN, or staff) steps hand to the eligibility client: who was
// verified, how, with the card's own birth date and sex for the wrong-link check, and the consent
// answers. Checked at the boundary because it crosses from another subsystem.
import { z } from 'zod';
import { consentSchema, VERIFICATION_METHODS, type Consent, type VerificationMethod } from './wire';

export interface PinSignature {
  /** The challenge issued by the service (createChallenge). */
  challenge: string;
  /** Base64 RSASSA-PKCS1-v1_5 / SHA-256 signature by the card's user-authentication key. */
  signature: string;
}

export interface VerifiedIdentity {
  method: VerificationMethod;
  /** The JPKI user-authentication certificate read from the card (free read, EF 000A). */
  authCertificatePem: string;
  /** Present on the PIN path only. */
  pinSignature?: PinSignature | undefined;
  /**
   * As stored in the card-face record: YYYY-MM-DD. Only the face path reads it (the card-surface AP
   * opens with 照合番号B); the PIN path reads no personal data, so there is nothing to cross-check.
   */
  cardBirthDate?: string | undefined;
  cardSex?: 'male' | 'female' | undefined;
  consent: Consent;
}

const pemCertificate = z
  .string()
  .max(10_000)
  .regex(
    /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/,
    'a PEM certificate',
  );

export const verifiedIdentitySchema: z.ZodType<VerifiedIdentity> = z
  .object({
    method: z.enum(VERIFICATION_METHODS),
    authCertificatePem: pemCertificate,
    pinSignature: z
      .object({ challenge: z.string().min(16).max(200), signature: z.string().min(16).max(2_000) })
      .strict()
      .optional(),
    cardBirthDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    cardSex: z.enum(['male', 'female']).optional(),
    consent: consentSchema,
  })
  .strict()
  .refine((identity) => identity.method !== 'face' || identity.cardBirthDate !== undefined, {
    message: 'the face path has read the card face: its birth date is required for the wrong-link check',
  })
  .refine(
    (identity) =>
      (identity.method === 'pin' || identity.method === 'smartphone') ===
      (identity.pinSignature !== undefined),
    { message: 'a card signature is required on the PIN and smartphone paths and only there' },
  );

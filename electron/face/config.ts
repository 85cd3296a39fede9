// The face check's settings. Defaults come from `npm run bench:face` / `bench:liveness` on the
// development set (docs/face.md has the figures): they favour a low false-match rate.
import { z } from 'zod';

export const LIVENESS_CHALLENGES = ['blink', 'turn-left', 'turn-right'] as const;
export type LivenessChallenge = (typeof LIVENESS_CHALLENGES)[number];

export const faceConfigSchema = z
  .object({
    match: z
      .object({
        /** Fused descriptor distance at or below which the live face matches the card photo. */
        threshold: z.number().min(0.2).max(0.8).default(0.43),
        fusion: z.enum(['mean-best-k', 'median', 'max', 'mean']).default('median'),
        /** For mean-best-k. */
        k: z.number().int().min(1).max(10).default(2),
        /** Frames with a descriptor needed before a decision. */
        framesNeeded: z.number().int().min(1).max(20).default(4),
        /** A frame whose descriptor is this far from the session's first one is another person. */
        maxSpreadWithinSession: z.number().min(0.2).max(1).default(0.55),
      })
      .strict()
      .prefault({}),
    quality: z
      .object({
        /** Face width as a share of the frame width: below → "come closer", above → "move back". */
        minFaceWidth: z.number().min(0.05).max(0.9).default(0.2),
        maxFaceWidth: z.number().min(0.1).max(1).default(0.65),
        minDetectionScore: z.number().min(0).max(1).default(0.4),
        /** |yaw| (nose offset / eye distance) above this → "face the camera" (outside a turn challenge). */
        maxFrontalYaw: z.number().min(0.05).max(1).default(0.18),
        /** A second face smaller than this share of the largest face's area is background, not a person at the kiosk. */
        backgroundFaceAreaRatio: z.number().min(0).max(1).default(0.2),
      })
      .strict()
      .prefault({}),
    liveness: z
      .object({
        challenges: z
          .array(z.enum(LIVENESS_CHALLENGES))
          .min(1)
          .default([...LIVENESS_CHALLENGES]),
        /** Distinct challenges per attempt, drawn at random. */
        challengesPerAttempt: z.number().int().min(1).max(3).default(2),
        /** Time allowed for each challenge. */
        challengeTimeoutMs: z.number().int().min(1000).max(60_000).default(8_000),
        /** |yaw| that counts as a head turn (nose offset from the eye–mouth midline / eye distance). */
        turnYaw: z.number().min(0.1).max(1).default(0.25),
        /** Consecutive frames the turn must be held. */
        turnHoldFrames: z.number().int().min(1).max(5).default(2),
        /** Eyes count as closed when the eye aspect ratio falls below this share of the open baseline. */
        blinkClosedRatio: z.number().min(0.3).max(0.95).default(0.6),
        /** Frames of a steady, frontal face used as the baseline before the first challenge. */
        baselineFrames: z.number().int().min(1).max(10).default(2),
      })
      .strict()
      .prefault({}),
    engine: z
      .object({
        /** Tiny detector input (multiple of 32). */
        detectorInputSize: z.number().int().multipleOf(32).min(128).max(608).default(416),
        detectorMinScore: z.number().min(0.1).max(0.9).default(0.3),
        /** Average the descriptor with that of the mirrored face (see bench:face). */
        mirrorAverage: z.boolean().default(true),
        /** Retry a frame with no face with the (slower) SSD detector, which finds more masked faces. */
        ssdFallback: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** Time allowed for one attempt to produce a usable face at all. */
    attemptTimeoutMs: z.number().int().min(2_000).max(120_000).default(30_000),
    /** After this many failed attempts the patient is offered the PIN path or staff. */
    maxAttempts: z.number().int().min(1).max(10).default(3),
  })
  .strict();

export type FaceConfig = z.infer<typeof faceConfigSchema>;

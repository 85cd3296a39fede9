// The face check's settings. Defaults come from `npm run bench:face` / `bench:liveness` on the
// development set (docs/face.md has the figures): they favour a low false-match rate.
import { z } from 'zod';

/** Chosen on the development split of ../shared/faces by bench:face (docs/face.md). */
export const MATCH_THRESHOLD = 0.49;
/** Below the sharpness of every photo in the development split, above a 2-px blur of most (bench:face). */
export const MIN_SHARPNESS = 20;

export const LIVENESS_CHALLENGES = ['blink', 'turn-left', 'turn-right'] as const;
export type LivenessChallenge = (typeof LIVENESS_CHALLENGES)[number];

export const faceConfigSchema = z
  .object({
    match: z
      .object({
        /**
         * Fused cosine similarity of the live face's embedding to the card photo's at or above which
         * they match. Chosen on the development split by bench:face (docs/face.md).
         */
        threshold: z.number().min(0.2).max(0.95).default(MATCH_THRESHOLD),
        /** How the quality-passed frames' similarities become one number (matcher.ts). */
        fusion: z.enum(['mean-best-k', 'median', 'worst', 'mean']).default('mean-best-k'),
        /** For mean-best-k. */
        k: z.number().int().min(1).max(10).default(2),
        /** Quality-passed frames with an embedding needed before a decision. */
        framesNeeded: z.number().int().min(1).max(20).default(3),
        /** A frame less similar than this to the attempt's first one is another person: evidence restarts. */
        minSimilarityWithinSession: z.number().min(-1).max(0.9).default(0.2),
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
        /** Frames turned more than this (|yaw|, eye distances) are not compared with the card (the embedding tolerates some turn). */
        maxMatchYaw: z.number().min(0.05).max(1).default(0.35),
        /** Frames whose aligned face is less sharp than this (Laplacian variance, alignment.ts) are not matched. */
        minSharpness: z.number().min(0).max(10_000).default(MIN_SHARPNESS),
        /** Frames whose eye centres are closer than this many pixels (a face too small to embed) are not matched. */
        minEyeDistancePx: z.number().min(8).max(200).default(24),
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

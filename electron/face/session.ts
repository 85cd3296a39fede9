// One face check: frames in, guidance and finally a decision out. It holds the card embedding and
// this session's per-frame similarities and nothing else, and forgets them when it ends. Pure logic:
// the pixels are analysed elsewhere (the worker) and time and randomness are injected.
import type { FaceConfig, LivenessChallenge } from './config';
import type { FoundFace } from './face-engine';
import { faceGeometry, type FaceGeometry } from './geometry';
import { CHALLENGE_TEXT, GUIDANCE_TEXT, OUTCOME_TEXT, type FaceGuidance, type FaceOutcome } from './guidance';
import { drawChallenges, LivenessTracker } from './liveness';
import { cosineSimilarity, fuseSimilarities } from './matcher';

/** What the worker reports about one frame. */
export interface FrameObservation {
  width: number;
  height: number;
  faces: FoundFace[];
  /** faces[0]'s L2-normalised embedding, when it could be aligned. */
  embedding: Float32Array | null;
  /** faces[0]'s aligned-crop sharpness (alignment.ts). */
  sharpness: number | null;
  lowerFaceTexture: number | null;
}

export interface NormalisedBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FaceProgress {
  /** The most important hint for this frame, or null when all is well. */
  guidance: FaceGuidance | null;
  /** The current liveness challenge, while one is running. */
  challenge: { kind: LivenessChallenge; index: number; of: number } | null;
  /** Text to show: the outcome, else the guidance, else the challenge. */
  prompt: { ja: string; en: string } | null;
  /** The tracked face, in 0..1 of the frame (for drawing a frame around it). */
  box: NormalisedBox | null;
  attempt: number;
  maxAttempts: number;
  /** Set when an attempt (or the session) ended with this frame. */
  outcome: FaceOutcome | null;
  /** Why the last attempt failed, with offer-pin-or-staff. */
  lastFailure: FaceOutcome | null;
  /** The session is over: match, bad-card-photo or offer-pin-or-staff. */
  final: boolean;
}

export interface SessionDeps {
  config: FaceConfig;
  now: () => number;
  randomInt: (maxExclusive: number) => number;
  /** Lower-face texture ratio below which the face is taken to be masked. */
  maskTextureThreshold: number;
}

interface AttemptState {
  startedAt: number;
  challengeStartedAt: number;
  challengeIndex: number;
  liveness: LivenessTracker;
  /** Similarity to the card of each frame that passed the quality gate. */
  similarities: number[];
  first: Float32Array | null;
  usableFrames: number;
  noFaceFrames: number;
  severalFrames: number;
}

export function badCardPhotoProgress(config: FaceConfig): FaceProgress {
  return {
    guidance: null,
    challenge: null,
    prompt: OUTCOME_TEXT['bad-card-photo'],
    box: null,
    attempt: 0,
    maxAttempts: config.maxAttempts,
    outcome: 'bad-card-photo',
    lastFailure: null,
    final: true,
  };
}

export class FaceDecider {
  private card: Float32Array | null;
  private attemptNumber = 1;
  private failures = 0;
  private attempt: AttemptState;
  private finished: FaceProgress | null = null;

  constructor(
    cardDescriptor: Float32Array,
    private readonly deps: SessionDeps,
  ) {
    this.card = cardDescriptor;
    this.attempt = this.newAttempt();
  }

  private newAttempt(): AttemptState {
    const { liveness } = this.deps.config;
    const challenges = drawChallenges(
      liveness.challenges,
      liveness.challengesPerAttempt,
      this.deps.randomInt,
    );
    const now = this.deps.now();
    return {
      startedAt: now,
      challengeStartedAt: now,
      challengeIndex: -1,
      liveness: new LivenessTracker(challenges, liveness),
      similarities: [],
      first: null,
      usableFrames: 0,
      noFaceFrames: 0,
      severalFrames: 0,
    };
  }

  /** The progress before any frame: what to show first. */
  initial(): FaceProgress {
    return this.progress(null, null, null);
  }

  get isFinished(): boolean {
    return this.finished !== null;
  }

  /** Forgets the card embedding and this session's similarities. */
  dispose(): void {
    this.card = null;
    this.attempt.similarities = [];
    this.attempt.first = null;
  }

  observe(frame: FrameObservation): FaceProgress {
    if (this.finished) return this.finished;
    const { config } = this.deps;
    const now = this.deps.now();
    const a = this.attempt;
    const asked = a.liveness.step;
    const turning = asked.phase === 'challenge' && asked.challenge !== 'blink';
    const { guidance, subject, geometry, box } = this.assess(frame, turning);

    if (subject && geometry && !guidance) {
      // One face, well placed: the same person as earlier in this attempt?
      if (
        frame.embedding &&
        a.first &&
        cosineSimilarity(a.first, frame.embedding) < config.match.minSimilarityWithinSession
      ) {
        // Someone else stepped in (or a photo was swapped in): start this attempt's evidence afresh.
        this.attempt = { ...this.newAttempt(), startedAt: a.startedAt };
        return this.progress('hold-still', box, null);
      }
      if (frame.embedding) a.first ??= frame.embedding;
      a.usableFrames++;
      a.liveness.observe(geometry, config.quality.maxFrontalYaw);
      if (frame.embedding && this.card && this.passesQualityGate(frame, geometry))
        a.similarities.push(cosineSimilarity(this.card, frame.embedding));
    } else if (guidance === 'no-face') a.noFaceFrames++;
    else if (guidance === 'several-faces') a.severalFrames++;

    const step = a.liveness.step;
    if (step.phase === 'challenge' && step.index !== a.challengeIndex) {
      a.challengeIndex = step.index;
      a.challengeStartedAt = now;
    }
    if (step.phase === 'passed' && a.similarities.length >= config.match.framesNeeded)
      return this.decide(box);
    if (step.phase === 'challenge' && now - a.challengeStartedAt > config.liveness.challengeTimeoutMs)
      return this.fail(this.failureFromCounts() ?? 'spoof', box);
    if (now - a.startedAt > config.attemptTimeoutMs) {
      const counted = this.failureFromCounts();
      if (counted) return this.fail(counted, box);
      if (step.phase !== 'passed') return this.fail('spoof', box);
      // Alive, but too few frontal frames: decide on what there is, if anything.
      if (a.similarities.length === 0) return this.fail('no-match', box);
      return this.decide(box);
    }
    const stillTurning = step.phase === 'challenge' && step.challenge !== 'blink';
    const shownGuidance =
      guidance ??
      (geometry && !stillTurning && Math.abs(geometry.yaw) > config.quality.maxFrontalYaw
        ? 'face-the-camera'
        : null);
    return this.progress(shownGuidance, box, null);
  }

  /**
   * Only good frames are compared with the card: near-frontal, eyes open, face large enough and
   * sharp enough. The others still count for liveness and guidance, so one blurred or turned frame
   * neither passes nor fails a patient.
   */
  private passesQualityGate(frame: FrameObservation, geometry: FaceGeometry): boolean {
    const { quality } = this.deps.config;
    return (
      Math.abs(geometry.yaw) <= quality.maxMatchYaw &&
      !this.attempt.liveness.eyesClosed(geometry) &&
      geometry.eyeDistance >= quality.minEyeDistancePx &&
      frame.sharpness !== null &&
      frame.sharpness >= quality.minSharpness
    );
  }

  private decide(box: NormalisedBox | null): FaceProgress {
    const { match } = this.deps.config;
    const fused = fuseSimilarities(this.attempt.similarities, match.fusion, match.k);
    return fused >= match.threshold ? this.finish('match', box) : this.fail('no-match', box);
  }

  /** no-face / several-faces when this attempt never saw one usable face. */
  private failureFromCounts(): FaceOutcome | null {
    const a = this.attempt;
    if (a.usableFrames > 0) return null;
    if (a.severalFrames > 0 && a.severalFrames >= a.noFaceFrames) return 'several-faces';
    return 'no-face';
  }

  private assess(
    frame: FrameObservation,
    turning: boolean,
  ): {
    guidance: FaceGuidance | null;
    subject: FoundFace | null;
    geometry: FaceGeometry | null;
    box: NormalisedBox | null;
  } {
    const { quality } = this.deps.config;
    const largest = frame.faces[0]; // the most confident face
    if (!largest) return { guidance: 'no-face', subject: null, geometry: null, box: null };
    const area = (f: FoundFace) => f.box.width * f.box.height;
    const box: NormalisedBox = {
      x: largest.box.x / frame.width,
      y: largest.box.y / frame.height,
      width: largest.box.width / frame.width,
      height: largest.box.height / frame.height,
    };
    // Another face counts as a person at the kiosk when it is confidently a face and not tiny.
    const people = frame.faces.filter(
      (f) =>
        f === largest ||
        (f.score >= quality.minDetectionScore && area(f) >= quality.backgroundFaceAreaRatio * area(largest)),
    );
    if (people.length > 1) return { guidance: 'several-faces', subject: null, geometry: null, box };
    const geometry = faceGeometry(largest.landmarks);
    const widthShare = box.width;
    const clipped = box.x < 0 || box.y < 0 || box.x + box.width > 1 || box.y + box.height > 1;
    let guidance: FaceGuidance | null = null;
    // A turned head looks narrower: do not ask the patient to come closer in the middle of a turn.
    if (widthShare < quality.minFaceWidth * (turning ? 0.75 : 1)) guidance = 'come-closer';
    else if (widthShare > quality.maxFaceWidth) guidance = 'move-back';
    else if (clipped) guidance = 'centre-face';
    else if (!geometry || largest.score < quality.minDetectionScore) guidance = 'face-the-camera';
    else if (frame.lowerFaceTexture !== null && frame.lowerFaceTexture < this.deps.maskTextureThreshold)
      guidance = 'take-off-mask';
    return { guidance, subject: largest, geometry, box };
  }

  private fail(outcome: FaceOutcome, box: NormalisedBox | null): FaceProgress {
    this.failures++;
    if (this.failures >= this.deps.config.maxAttempts) {
      this.finished = {
        ...this.progress(null, box, 'offer-pin-or-staff'),
        lastFailure: outcome,
        final: true,
      };
      this.dispose();
      return this.finished;
    }
    this.attemptNumber++;
    this.attempt = this.newAttempt();
    return this.progress(null, box, outcome);
  }

  private finish(outcome: 'match', box: NormalisedBox | null): FaceProgress {
    this.finished = { ...this.progress(null, box, outcome), final: true };
    this.dispose();
    return this.finished;
  }

  private progress(
    guidance: FaceGuidance | null,
    box: NormalisedBox | null,
    outcome: FaceOutcome | null,
  ): FaceProgress {
    const step = this.attempt.liveness.step;
    const challenge =
      outcome === null && step.phase === 'challenge'
        ? { kind: step.challenge, index: step.index, of: step.of }
        : null;
    const prompt = outcome
      ? OUTCOME_TEXT[outcome]
      : guidance
        ? GUIDANCE_TEXT[guidance]
        : challenge
          ? CHALLENGE_TEXT[challenge.kind]
          : GUIDANCE_TEXT['hold-still'];
    return {
      guidance,
      challenge,
      prompt,
      box,
      attempt: this.attemptNumber,
      maxAttempts: this.deps.config.maxAttempts,
      outcome,
      lastFailure: null,
      final: false,
    };
  }
}

// Challenge–response liveness. Each attempt draws challenges at random; each must be answered by a
// change of the face's affine-invariant geometry (geometry.ts) relative to a baseline taken from
// the same face a moment earlier. A still picture — printed, on a screen, or the card photo
// itself — produces no such change however it is moved, so it times out.
import type { LivenessChallenge } from './config';
import type { FaceGeometry } from './geometry';

export interface LivenessSettings {
  turnYaw: number;
  blinkClosedRatio: number;
  baselineFrames: number;
  /** Consecutive frames a head turn must be held: one odd landmark frame is not a turn. */
  turnHoldFrames: number;
}

export type LivenessStep =
  | { phase: 'baseline' }
  | { phase: 'challenge'; challenge: LivenessChallenge; index: number; of: number }
  | { phase: 'passed' };

/** Draws `count` distinct challenges from `pool` with the given random integer source. */
export function drawChallenges(
  pool: readonly LivenessChallenge[],
  count: number,
  randomInt: (maxExclusive: number) => number,
): LivenessChallenge[] {
  const left = [...new Set(pool)];
  const out: LivenessChallenge[] = [];
  // turn-left and turn-right together would only ask for a head shake; keep at most one turn.
  while (out.length < count && left.length > 0) {
    const [chosen] = left.splice(randomInt(left.length), 1);
    if (!chosen) break;
    out.push(chosen);
    if (chosen.startsWith('turn-'))
      for (let i = left.length - 1; i >= 0; i--) if (left[i]!.startsWith('turn-')) left.splice(i, 1);
  }
  return out;
}

const medianOf = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export class LivenessTracker {
  private readonly baseline: FaceGeometry[] = [];
  private baseYaw = 0;
  private baseOpening = 0;
  private index = 0;
  private eyesClosedSeen = false;
  private turnHeld = 0;

  constructor(
    private readonly challenges: readonly LivenessChallenge[],
    private readonly settings: LivenessSettings,
  ) {}

  get step(): LivenessStep {
    if (this.baseline.length < this.settings.baselineFrames) return { phase: 'baseline' };
    const challenge = this.challenges[this.index];
    if (!challenge) return { phase: 'passed' };
    return { phase: 'challenge', challenge, index: this.index, of: this.challenges.length };
  }

  /** True when this frame's face may be used for the baseline (steady, eyes open). */
  private acceptsBaseline(g: FaceGeometry, frontalYaw: number): boolean {
    return Math.abs(g.yaw) <= frontalYaw && g.eyeOpening > 0;
  }

  /** Feeds one frame's geometry of the tracked face. */
  observe(g: FaceGeometry, frontalYaw: number): void {
    const step = this.step;
    if (step.phase === 'baseline') {
      if (!this.acceptsBaseline(g, frontalYaw)) return;
      this.baseline.push(g);
      if (this.baseline.length === this.settings.baselineFrames) {
        this.baseYaw = medianOf(this.baseline.map((b) => b.yaw));
        this.baseOpening = medianOf(this.baseline.map((b) => b.eyeOpening));
      }
      return;
    }
    if (step.phase !== 'challenge') return;
    if (this.answers(step.challenge, g)) {
      this.index++;
      this.eyesClosedSeen = false;
      this.turnHeld = 0;
    }
  }

  private answers(challenge: LivenessChallenge, g: FaceGeometry): boolean {
    // The patient's left is the image's right: frames arrive unmirrored from the camera.
    switch (challenge) {
      case 'turn-left':
      case 'turn-right': {
        const change = challenge === 'turn-left' ? g.yaw - this.baseYaw : this.baseYaw - g.yaw;
        this.turnHeld = change >= this.settings.turnYaw ? this.turnHeld + 1 : 0;
        return this.turnHeld >= this.settings.turnHoldFrames;
      }
      case 'blink': {
        const ratio = this.baseOpening > 0 ? g.eyeOpening / this.baseOpening : 1;
        if (ratio <= this.settings.blinkClosedRatio) this.eyesClosedSeen = true;
        // Closed, then open again: a blink, not a squint held for the whole challenge.
        return this.eyesClosedSeen && ratio >= 1 - (1 - this.settings.blinkClosedRatio) / 2;
      }
    }
  }

  /** Eyes noticeably closed now (such frames are not used for matching). */
  eyesClosed(g: FaceGeometry): boolean {
    return this.baseOpening > 0 && g.eyeOpening / this.baseOpening <= this.settings.blinkClosedRatio;
  }
}

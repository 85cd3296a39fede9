import { describe, expect, it } from 'vitest';
import type { LivenessChallenge } from './config';
import { faceGeometry } from './geometry';
import { drawChallenges, LivenessTracker } from './liveness';
import { syntheticLandmarks, type PoseOptions } from './synthetic-landmarks';

const settings = { turnYaw: 0.25, blinkClosedRatio: 0.7, baselineFrames: 2, turnHoldFrames: 2 };

function run(challenge: LivenessChallenge, poses: PoseOptions[]): string {
  const tracker = new LivenessTracker([challenge], settings);
  for (const pose of poses) tracker.observe(faceGeometry(syntheticLandmarks(pose))!, 0.18);
  return tracker.step.phase;
}

/** A flat picture moved about as a hand would move a print: shifts, tilts, small rotations. */
function handHeldPrint(frames: number, seed: number): PoseOptions[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  return Array.from({ length: frames }, () => {
    const angle = rnd() * 0.15;
    const sx = 40 * (1 + rnd() * 0.25);
    const sy = 40 * (1 + rnd() * 0.25);
    return {
      yawDegrees: 3,
      affine: [
        sx * Math.cos(angle),
        -sy * Math.sin(angle) + rnd() * 8,
        sx * Math.sin(angle),
        sy * Math.cos(angle),
        320 + rnd() * 30,
        220 + rnd() * 30,
      ],
    };
  });
}

describe('liveness challenges', () => {
  it('accepts a real head turn in the asked direction, held for two frames', () => {
    const frontal = [{}, {}];
    expect(run('turn-left', [...frontal, { yawDegrees: 35 }, { yawDegrees: 37 }])).toBe('passed');
    expect(run('turn-right', [...frontal, { yawDegrees: -35 }, { yawDegrees: -33 }])).toBe('passed');
  });

  it('refuses a turn the wrong way, or one odd frame', () => {
    expect(run('turn-left', [{}, {}, { yawDegrees: -35 }, { yawDegrees: -35 }])).toBe('challenge');
    expect(run('turn-left', [{}, {}, { yawDegrees: 35 }, {}, { yawDegrees: 35 }, {}])).toBe('challenge');
  });

  it('accepts a blink: eyes closed, then open again', () => {
    expect(run('blink', [{}, {}, { eyesClosed: true }, {}])).toBe('passed');
    expect(run('blink', [{}, {}, { eyesClosed: true }, { eyesClosed: true }])).toBe('challenge');
  });

  it('never lets a still picture through, however it is held', () => {
    for (const challenge of ['blink', 'turn-left', 'turn-right'] as const) {
      expect(
        run(
          challenge,
          Array.from({ length: 60 }, () => ({})),
        ),
      ).toBe('challenge');
      for (let seed = 1; seed <= 5; seed++) expect(run(challenge, handHeldPrint(60, seed))).toBe('challenge');
    }
  });

  it('draws distinct challenges with at most one head turn', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      let n = i;
      const drawn = drawChallenges(['blink', 'turn-left', 'turn-right'], 2, (max) => n++ % max);
      expect(new Set(drawn).size).toBe(drawn.length);
      expect(drawn.filter((c) => c.startsWith('turn-')).length).toBeLessThanOrEqual(1);
      seen.add(drawn.join('+'));
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});

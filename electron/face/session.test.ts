import { describe, expect, it } from 'vitest';
import { faceConfigSchema, type FaceConfig } from './config';
import type { FoundFace } from './face-engine';
import { FaceDecider, type FrameObservation } from './session';
import { syntheticLandmarks, type PoseOptions } from './synthetic-landmarks';

// Embeddings: the card is the unit vector on axis 0; a live face with cosine similarity s to it is
// s on axis 0 and the rest of its length on another axis.
const at = (similarity: number, axis = 1) => {
  const v = new Float32Array(512);
  v[0] = similarity;
  v[axis] = Math.sqrt(1 - similarity * similarity);
  return v;
};
const card = new Float32Array(512);
card[0] = 1;

function face(pose: PoseOptions = {}, score = 0.9): FoundFace {
  const landmarks = syntheticLandmarks(pose);
  const xs = landmarks.map((p) => p.x);
  const ys = landmarks.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys) - 20;
  return { box: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y }, score, landmarks };
}

const frame = (
  faces: FoundFace[],
  embedding: Float32Array | null = null,
  sharpness = 150,
): FrameObservation => ({
  width: 640,
  height: 480,
  faces,
  embedding,
  sharpness: embedding ? sharpness : null,
  lowerFaceTexture: 0.7,
});

function decider(overrides: Record<string, unknown> = {}) {
  let now = 0;
  const config: FaceConfig = faceConfigSchema.parse({
    maxAttempts: 2,
    attemptTimeoutMs: 10_000,
    liveness: { challenges: ['turn-left'], challengesPerAttempt: 1, challengeTimeoutMs: 5_000 },
    ...overrides,
  });
  const d = new FaceDecider(card, { config, now: () => now, randomInt: () => 0, maskTextureThreshold: 0.3 });
  // Frames arrive every 500 ms.
  const submit = (f: FrameObservation) => {
    now += 500;
    return d.observe(f);
  };
  return { d, submit };
}

const genuine = (pose: PoseOptions = {}) => frame([face(pose)], at(0.7));

describe('face session', () => {
  it('matches the same person after the challenge and enough frontal frames', () => {
    const { d, submit } = decider();
    expect(d.initial().final).toBe(false);
    submit(genuine());
    const asked = submit(genuine());
    expect(asked.challenge?.kind).toBe('turn-left');
    expect(asked.prompt?.en).toMatch(/left/);
    submit(genuine({ yawDegrees: 35 }));
    submit(genuine({ yawDegrees: 35 }));
    let last = submit(genuine());
    for (let i = 0; i < 5 && !last.final; i++) last = submit(genuine());
    expect(last.outcome).toBe('match');
    expect(last.final).toBe(true);
  });

  it('says no-match for another person who does the challenge, then offers PIN or staff', () => {
    const { submit } = decider();
    const other = (pose: PoseOptions = {}) => frame([face(pose)], at(0.15));
    const seq = [
      other(),
      other(),
      other({ yawDegrees: 35 }),
      other({ yawDegrees: 35 }),
      other(),
      other(),
      other(),
    ];
    const outcomes = seq
      .map(submit)
      .map((p) => p.outcome)
      .filter(Boolean);
    expect(outcomes[0]).toBe('no-match');
    let last = submit(other());
    for (const f of [
      other(),
      other({ yawDegrees: 35 }),
      other({ yawDegrees: 35 }),
      other(),
      other(),
      other(),
      other(),
    ])
      if (!last.final) last = submit(f);
    expect(last.outcome).toBe('offer-pin-or-staff');
    expect(last.lastFailure).toBe('no-match');
    expect(last.final).toBe(true);
  });

  it('calls a still picture of the right person a spoof when the challenge times out', () => {
    const { submit } = decider({ maxAttempts: 3 });
    let last = submit(genuine());
    for (let i = 0; i < 20 && !last.outcome; i++)
      last = submit(genuine({ affine: [40 + (i % 3), 0, 0, 40, 320 + i, 200] }));
    expect(last.outcome).toBe('spoof');
    expect(last.final).toBe(false);
    expect(last.attempt).toBe(2);
  });

  it('reports no-face and several-faces as their own outcomes', () => {
    const empty = decider();
    let last = empty.submit(frame([]));
    expect(last.guidance).toBe('no-face');
    while (!last.outcome) last = empty.submit(frame([]));
    expect(last.outcome).toBe('no-face');

    const crowd = decider();
    const two = frame([face(), face({ affine: [38, 0, 0, 38, 150, 200] })]);
    last = crowd.submit(two);
    expect(last.guidance).toBe('several-faces');
    while (!last.outcome) last = crowd.submit(two);
    expect(last.outcome).toBe('several-faces');
  });

  it('ignores a small face far in the background', () => {
    const { submit } = decider();
    const p = submit(frame([face(), face({ affine: [8, 0, 0, 8, 80, 60] })], at(0.7)));
    expect(p.guidance).toBeNull();
  });

  it('guides the patient: closer, back, mask, face the camera', () => {
    const { submit } = decider();
    expect(submit(frame([face({ affine: [12, 0, 0, 12, 320, 240] })])).guidance).toBe('come-closer');
    expect(submit(frame([face({ affine: [140, 0, 0, 140, 320, 200] })])).guidance).toBe('move-back');
    expect(submit({ ...frame([face()]), lowerFaceTexture: 0.1 }).guidance).toBe('take-off-mask');
    expect(submit(frame([face({ yawDegrees: 40, affine: [55, 0, 0, 55, 320, 200] })])).guidance).toBe(
      'face-the-camera',
    );
  });

  it('starts the evidence afresh when a different face steps in mid-attempt', () => {
    const { submit } = decider();
    submit(genuine());
    submit(genuine());
    const swapped = submit(frame([face()], at(0.1, 5)));
    expect(swapped.guidance).toBe('hold-still');
    expect(swapped.challenge).toBeNull();
  });

  it('compares only frames that pass the quality gate: blurred frames neither pass nor fail', () => {
    const sequence = (sharp: FrameObservation, blurred: FrameObservation) => {
      const { submit } = decider();
      const turned = (f: FrameObservation) => ({ ...f, faces: [face({ yawDegrees: 35 })] });
      let last = submit(sharp);
      for (const f of [
        blurred,
        sharp,
        turned(sharp),
        turned(sharp),
        blurred,
        sharp,
        blurred,
        sharp,
        sharp,
        sharp,
      ])
        if (!last.outcome) last = submit(f);
      return last.outcome;
    };
    // The card holder, with blurred frames that (as blur does) look like nobody in particular.
    expect(sequence(frame([face()], at(0.7)), frame([face()], at(0.05), 5))).toBe('match');
    // Another person, with blurred frames that happen to look like the card holder.
    expect(sequence(frame([face()], at(0.15)), frame([face()], at(0.9), 5))).toBe('no-match');
  });

  it('does not compare a face too small to embed, even when it is placed well', () => {
    const { submit } = decider({ quality: { minEyeDistancePx: 100 } });
    let last = submit(genuine());
    for (const f of [
      genuine(),
      genuine({ yawDegrees: 35 }),
      genuine({ yawDegrees: 35 }),
      ...Array(25).fill(genuine()),
    ])
      if (!last.outcome) last = submit(f);
    // Alive and well placed, but never a comparable frame: the attempt cannot match.
    expect(last.outcome).toBe('no-match');
  });
});

import { describe, expect, it } from 'vitest';
import {
  ALIGNED_SIZE,
  alignFace,
  applySimilarity,
  ARCFACE_TEMPLATE,
  fitSimilarity,
  fivePoints,
  sharpness,
  type Point,
} from './alignment';
import { createImage } from './image';
import { toInputTensorData } from './onnx-embedder';
import { syntheticLandmarks } from './synthetic-landmarks';

describe('face alignment', () => {
  it('recovers a rotation, scale and shift exactly', () => {
    const angle = 0.3;
    const scale = 2.5;
    const move = (p: Point) => ({
      x: scale * (Math.cos(angle) * p.x - Math.sin(angle) * p.y) + 40,
      y: scale * (Math.sin(angle) * p.x + Math.cos(angle) * p.y) - 7,
    });
    const from = ARCFACE_TEMPLATE.map(move);
    const m = fitSimilarity(from, ARCFACE_TEMPLATE);
    for (const [i, p] of from.entries()) {
      const back = applySimilarity(m, p);
      expect(back.x).toBeCloseTo(ARCFACE_TEMPLATE[i]!.x, 6);
      expect(back.y).toBeCloseTo(ARCFACE_TEMPLATE[i]!.y, 6);
    }
  });

  it('takes eye centres, nose tip and mouth corners from the 68 landmarks', () => {
    const landmarks = syntheticLandmarks();
    const five = fivePoints(landmarks)!;
    expect(five).toHaveLength(5);
    expect(five[0]!.x).toBeLessThan(five[1]!.x); // image-left eye first, as in the template
    expect(five[2]).toEqual(landmarks[30]);
    expect(fivePoints(landmarks.slice(0, 60))).toBeNull();
  });

  it('puts a face of any size and tilt in the same 112×112 place', () => {
    // A white dot at the landmarks' left eye centre lands on the same crop pixel, near the template's eye.
    const landed: Point[] = [];
    for (const affine of [
      [40, 0, 0, 40, 320, 200],
      [20, -8, 8, 20, 150, 300],
    ] as const) {
      const landmarks = syntheticLandmarks({ affine: [...affine] });
      const image = createImage(640, 480, 1, 0);
      const eye = fivePoints(landmarks)![0]!;
      for (let dy = -3; dy <= 3; dy++)
        for (let dx = -3; dx <= 3; dx++)
          image.data[(Math.round(eye.y) + dy) * 640 + Math.round(eye.x) + dx] = 255;
      const aligned = alignFace(image, landmarks)!;
      expect(aligned.width).toBe(ALIGNED_SIZE);
      expect(aligned.channels).toBe(3);
      const p = applySimilarity(fitSimilarity(fivePoints(landmarks)!, ARCFACE_TEMPLATE), eye);
      expect(aligned.data[(Math.round(p.y) * ALIGNED_SIZE + Math.round(p.x)) * 3]).toBeGreaterThan(200);
      expect(Math.hypot(p.x - ARCFACE_TEMPLATE[0]!.x, p.y - ARCFACE_TEMPLATE[0]!.y)).toBeLessThan(6);
      landed.push(p);
    }
    expect(Math.hypot(landed[0]!.x - landed[1]!.x, landed[0]!.y - landed[1]!.y)).toBeLessThan(0.5);
  });

  it('scores a blurred crop as less sharp than a detailed one', () => {
    const detailed = createImage(112, 112, 3, 0);
    for (let i = 0; i < detailed.data.length; i++) detailed.data[i] = (Math.floor(i / 3) * 7919) % 256;
    const flat = createImage(112, 112, 3, 128);
    expect(sharpness(detailed)).toBeGreaterThan(1000);
    expect(sharpness(flat)).toBe(0);
  });

  it('feeds the network planar RGB scaled (x − 127) / 128', () => {
    const crop = createImage(112, 112, 3, 0);
    crop.data[0] = 255; // R of the first pixel
    crop.data[4] = 127; // G of the second pixel
    const data = toInputTensorData(crop);
    const plane = 112 * 112;
    expect(data).toHaveLength(3 * plane);
    expect(data[0]).toBeCloseTo(1);
    expect(data[plane + 1]).toBeCloseTo(0);
    expect(data[2 * plane]).toBeCloseTo(-127 / 128);
  });
});

import { describe, expect, it } from 'vitest';
import { faceGeometry } from './geometry';
import { syntheticLandmarks } from './synthetic-landmarks';

const geometry = (options: Parameters<typeof syntheticLandmarks>[0]) => {
  const g = faceGeometry(syntheticLandmarks(options));
  if (!g) throw new Error('no geometry');
  return g;
};

describe('face geometry', () => {
  it('reads a frontal face as yaw 0 and open eyes', () => {
    const g = geometry({});
    expect(Math.abs(g.yaw)).toBeLessThan(0.01);
    expect(g.eyeOpening).toBeGreaterThan(0.1);
  });

  it("sees a head turned to the patient's left as positive yaw, to the right as negative", () => {
    expect(geometry({ yawDegrees: 35 }).yaw).toBeGreaterThan(0.3);
    expect(geometry({ yawDegrees: -35 }).yaw).toBeLessThan(-0.3);
  });

  it('does not change when a flat picture is shifted, rotated, zoomed, squashed or sheared', () => {
    const flat = geometry({ yawDegrees: 8 });
    const maps: [number, number, number, number, number, number][] = [
      [40, 0, 0, 40, 100, 50],
      [25, -12, 12, 25, 300, 240],
      [55, 0, 0, 30, 320, 200], // print tilted backwards
      [30, 0, 0, 50, 320, 200], // print tilted sideways
      [40, 15, 0, 40, 320, 200], // sheared
    ];
    for (const affine of maps) {
      const g = geometry({ yawDegrees: 8, affine });
      expect(g.yaw).toBeCloseTo(flat.yaw, 9);
      expect(g.eyeOpening).toBeCloseTo(flat.eyeOpening, 9);
    }
  });

  it('sees closed eyes as a much smaller opening', () => {
    expect(geometry({ eyesClosed: true }).eyeOpening).toBeLessThan(0.3 * geometry({}).eyeOpening);
  });
});

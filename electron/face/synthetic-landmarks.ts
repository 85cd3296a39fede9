// A rough 3D face as 68 iBUG points, for tests of the geometry and liveness logic: it can turn its
// head (a 3D rotation), close its eyes, or be a flat picture moved by any 2D affine map.
import type { Point } from './face-engine';

type P3 = [number, number, number];

function template(eyesClosed: boolean): P3[] {
  const pts: P3[] = [];
  for (let i = 0; i <= 16; i++) {
    const t = (i / 16) * Math.PI;
    pts.push([-1.7 * Math.cos(t), 0.2 + 2.0 * Math.sin(t), -0.3]); // jaw 0–16
  }
  for (let i = 0; i < 5; i++) pts.push([-1.6 + i * 0.3, -0.55, 0.05]); // brow 17–21
  for (let i = 0; i < 5; i++) pts.push([0.4 + i * 0.3, -0.55, 0.05]); // brow 22–26
  // Bridge 27–30; the tip stands 1.0 (half the eye distance) in front of the eye–mouth plane.
  for (let i = 0; i < 4; i++) pts.push([0, 0.1 + i * 0.3, 0.1 + i * 0.3]);
  for (let i = 0; i < 5; i++) pts.push([-0.4 + i * 0.2, 1.15, 0.45]); // nostrils 31–35
  const lid = eyesClosed ? 0.0 : 0.13;
  const eye = (cx: number): P3[] => [
    [cx - 0.4, 0, 0],
    [cx - 0.15, -lid, 0.02],
    [cx + 0.15, -lid, 0.02],
    [cx + 0.4, 0, 0],
    [cx + 0.15, lid, 0.02],
    [cx - 0.15, lid, 0.02],
  ];
  pts.push(...eye(-1), ...eye(1)); // 36–41, 42–47
  const mouth: [number, number][] = [
    [-0.7, 1.6],
    [-0.45, 1.5],
    [-0.2, 1.45],
    [0, 1.47],
    [0.2, 1.45],
    [0.45, 1.5],
    [0.7, 1.6],
    [0.45, 1.72],
    [0.2, 1.78],
    [0, 1.79],
    [-0.2, 1.78],
    [-0.45, 1.72],
  ];
  for (const [x, y] of mouth) pts.push([x, y, 0.05]); // 48–59
  for (const [x, y] of mouth.filter((_, i) => i % 3 !== 2).slice(0, 8))
    pts.push([x * 0.8, (y - 1.6) * 0.5 + 1.6, 0.05]); // 60–67
  return pts;
}

export interface PoseOptions {
  /** Head turn in degrees; positive = towards the patient's left (the image's right). */
  yawDegrees?: number;
  eyesClosed?: boolean;
  /** 2D placement: [a, b, c, d, tx, ty] maps (x, y) to (a·x + b·y + tx, c·x + d·y + ty). */
  affine?: [number, number, number, number, number, number];
}

/** 68 image points of the synthetic head in the given pose. */
export function syntheticLandmarks(options: PoseOptions = {}): Point[] {
  const theta = ((options.yawDegrees ?? 0) * Math.PI) / 180;
  const [a, b, c, d, tx, ty] = options.affine ?? [40, 0, 0, 40, 320, 200];
  return template(options.eyesClosed ?? false).map(([x, y, z]) => {
    const rx = x * Math.cos(theta) + z * Math.sin(theta);
    return { x: a * rx + b * y + tx, y: c * rx + d * y + ty };
  });
}

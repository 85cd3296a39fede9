// Measures taken from the 68 landmarks, expressed in the face's own affine frame: origin between
// the eyes, one axis to the other eye, one axis down to the mouth. Any affine change of a flat
// picture — shift, rotation, zoom, squash, shear, i.e. a print or a screen moved in front of the
// camera — leaves these numbers unchanged. A real head does not: the nose sticks out of the
// eye–mouth plane, and eyelids move on their own.
import type { Point } from './face-engine';

export interface FaceGeometry {
  /** Nose tip's sideways position in eye-distance units; > 0 = towards the image's right. */
  yaw: number;
  /** Mean eyelid opening in eye-to-mouth units. */
  eyeOpening: number;
  /** Inter-ocular distance in pixels. */
  eyeDistance: number;
}

const mean = (points: Point[]): Point => ({
  x: points.reduce((s, p) => s + p.x, 0) / points.length,
  y: points.reduce((s, p) => s + p.y, 0) / points.length,
});

const pick = (landmarks: Point[], indices: number[]): Point[] => indices.map((i) => landmarks[i]!);

/** Coordinates (a, b) of `p` in the frame origin + a·u + b·v. */
function inFrame(p: Point, origin: Point, u: Point, v: Point): { a: number; b: number } {
  const det = u.x * v.y - u.y * v.x;
  const dx = p.x - origin.x;
  const dy = p.y - origin.y;
  if (Math.abs(det) < 1e-9) return { a: 0, b: 0 };
  return { a: (dx * v.y - dy * v.x) / det, b: (u.x * dy - u.y * dx) / det };
}

export function faceGeometry(landmarks: Point[]): FaceGeometry | null {
  if (landmarks.length !== 68) return null;
  const leftEye = mean(pick(landmarks, [36, 37, 38, 39, 40, 41])); // image-left
  const rightEye = mean(pick(landmarks, [42, 43, 44, 45, 46, 47]));
  const eyeMid = mean([leftEye, rightEye]);
  const mouthMid = mean(pick(landmarks, [48, 54, 51, 57]));
  const u = { x: rightEye.x - leftEye.x, y: rightEye.y - leftEye.y };
  const v = { x: mouthMid.x - eyeMid.x, y: mouthMid.y - eyeMid.y };
  const nose = inFrame(landmarks[30]!, eyeMid, u, v);
  // Eyelid opening: upper lid points minus lower lid points, measured along v.
  const opening = (upper: number[], lower: number[]) => {
    const up = mean(pick(landmarks, upper));
    const down = mean(pick(landmarks, lower));
    const a = inFrame(up, eyeMid, u, v);
    const b = inFrame(down, eyeMid, u, v);
    return b.b - a.b;
  };
  const eyeOpening = (opening([37, 38], [41, 40]) + opening([43, 44], [47, 46])) / 2;
  return { yaw: nose.a, eyeOpening, eyeDistance: Math.hypot(u.x, u.y) };
}

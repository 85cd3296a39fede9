// Moves a flat picture the way a hand holding a print (or a phone showing a photo) moves it in
// front of the camera: small shifts, rotations, zoom, tilt (squash) and shear. Deterministic.
import { createImage, type RawImage } from '../../electron/face/image';

/** Bilinear sampling through the inverse of (x, y) → (a·x + b·y + tx, c·x + d·y + ty) about the centre. */
export function affineWarp(
  image: RawImage,
  m: { a: number; b: number; c: number; d: number; tx: number; ty: number },
): RawImage {
  const out = createImage(image.width, image.height, image.channels, 128);
  const det = m.a * m.d - m.b * m.c;
  const cx = image.width / 2;
  const cy = image.height / 2;
  const ch = image.channels;
  for (let y = 0; y < out.height; y++)
    for (let x = 0; x < out.width; x++) {
      const dx = x - cx - m.tx;
      const dy = y - cy - m.ty;
      const sx = (m.d * dx - m.b * dy) / det + cx;
      const sy = (-m.c * dx + m.a * dy) / det + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= image.width || y0 + 1 >= image.height) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      for (let k = 0; k < ch; k++) {
        const p = (yy: number, xx: number) => image.data[(yy * image.width + xx) * ch + k] ?? 0;
        const top = p(y0, x0) * (1 - fx) + p(y0, x0 + 1) * fx;
        const bottom = p(y0 + 1, x0) * (1 - fx) + p(y0 + 1, x0 + 1) * fx;
        out.data[(y * out.width + x) * ch + k] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  return out;
}

/** A seeded sequence of hand-held movements (rotation ±4°, zoom ±8 %, tilt ±8 %, shear ±0.05, shift ±12 px). */
export function handHeldMotion(frames: number, seed: number) {
  let s = seed >>> 0 || 1;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
  return Array.from({ length: frames }, () => {
    const angle = (rnd() * 4 * Math.PI) / 180;
    const zoom = 1 + rnd() * 0.08;
    const tiltX = 1 + rnd() * 0.08;
    const tiltY = 1 + rnd() * 0.08;
    const shear = rnd() * 0.05;
    const cos = Math.cos(angle) * zoom;
    const sin = Math.sin(angle) * zoom;
    return { a: cos * tiltX, b: -sin + shear, c: sin, d: cos * tiltY, tx: rnd() * 12, ty: rnd() * 12 };
  });
}

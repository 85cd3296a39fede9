// A face mask hides the mouth and the nose: the lower face loses almost all its fine texture
// (lips, nostrils, shadows) compared with the eye region. This heuristic compares the two; its
// threshold sits below every unmasked photo of the development set (see bench:face) and it is
// tested on painted masks only: no photo of a masked face was available.
import type { Point } from './face-engine';
import type { RawImage } from './image';

/** Mean |horizontal| + |vertical| difference of grey values inside a box. */
function edgeEnergy(grey: RawImage, x0: number, y0: number, x1: number, y1: number): number {
  const left = Math.max(1, Math.floor(x0));
  const top = Math.max(1, Math.floor(y0));
  const right = Math.min(grey.width - 1, Math.ceil(x1));
  const bottom = Math.min(grey.height - 1, Math.ceil(y1));
  let sum = 0;
  let n = 0;
  for (let y = top; y < bottom; y++)
    for (let x = left; x < right; x++) {
      const i = y * grey.width + x;
      const c = grey.data[i] ?? 0;
      sum += Math.abs(c - (grey.data[i - 1] ?? 0)) + Math.abs(c - (grey.data[i - grey.width] ?? 0));
      n++;
    }
  return n ? sum / n : 0;
}

/** Lower-face texture divided by eye-region texture; small = mouth and nose covered. */
export function lowerFaceTextureRatio(grey: RawImage, landmarks: Point[]): number | null {
  if (grey.channels !== 1 || landmarks.length !== 68) return null;
  const p = (i: number) => landmarks[i]!;
  const eyes = edgeEnergy(grey, p(36).x, Math.min(p(19).y, p(24).y), p(45).x, Math.max(p(41).y, p(46).y));
  // From just below the nose bridge to the chin, between the mouth corners widened a little.
  const width = p(54).x - p(48).x;
  const lower = edgeEnergy(grey, p(48).x - width * 0.25, p(29).y, p(54).x + width * 0.25, p(8).y);
  if (eyes <= 0) return null;
  return lower / eyes;
}

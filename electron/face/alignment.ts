// Face alignment for the embedding: five points from face-api's 68 landmarks, a least-squares
// similarity transform (rotation, uniform scale, shift; Umeyama without reflection) onto the
// ArcFace 112×112 template, and a bilinear warp. The card photo and every live frame go through
// exactly this function, so both sides of a comparison are cut the same way.
import { createImage, type RawImage } from './image';

export interface Point {
  x: number;
  y: number;
}

export const ALIGNED_SIZE = 112;

/** The ArcFace 5-point template: left eye, right eye, nose tip, left and right mouth corner (image left/right). */
export const ARCFACE_TEMPLATE: readonly Point[] = [
  { x: 38.2946, y: 51.6963 },
  { x: 73.5318, y: 51.5014 },
  { x: 56.0252, y: 71.7366 },
  { x: 41.5493, y: 92.3655 },
  { x: 70.7299, y: 92.2041 },
];

function mean(points: readonly Point[]): Point {
  const n = points.length;
  return { x: points.reduce((s, p) => s + p.x, 0) / n, y: points.reduce((s, p) => s + p.y, 0) / n };
}

/** Eye centres (mean of iBUG 36–41 and 42–47), nose tip 30, mouth corners 48 and 54; null without 68 points. */
export function fivePoints(landmarks: readonly Point[]): Point[] | null {
  if (landmarks.length !== 68) return null;
  return [
    mean(landmarks.slice(36, 42)),
    mean(landmarks.slice(42, 48)),
    landmarks[30]!,
    landmarks[48]!,
    landmarks[54]!,
  ];
}

/** x' = a·x − b·y + tx, y' = b·x + a·y + ty. */
export interface Similarity {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

/** The similarity transform taking `from` onto `to` with the least squared error. */
export function fitSimilarity(from: readonly Point[], to: readonly Point[]): Similarity {
  const mf = mean(from);
  const mt = mean(to);
  let dot = 0;
  let cross = 0;
  let norm = 0;
  for (let i = 0; i < from.length; i++) {
    const fx = from[i]!.x - mf.x;
    const fy = from[i]!.y - mf.y;
    const tx = to[i]!.x - mt.x;
    const ty = to[i]!.y - mt.y;
    dot += fx * tx + fy * ty;
    cross += fx * ty - fy * tx;
    norm += fx * fx + fy * fy;
  }
  const a = dot / norm;
  const b = cross / norm;
  return { a, b, tx: mt.x - (a * mf.x - b * mf.y), ty: mt.y - (b * mf.x + a * mf.y) };
}

export function applySimilarity(m: Similarity, p: Point): Point {
  return { x: m.a * p.x - m.b * p.y + m.tx, y: m.b * p.x + m.a * p.y + m.ty };
}

/**
 * The 112×112 RGB face crop the embedding network expects, or null without 68 landmarks. Pixels
 * outside the image are black (as in OpenCV's warpAffine with a constant border).
 */
export function alignFace(image: RawImage, landmarks: readonly Point[]): RawImage | null {
  const points = fivePoints(landmarks);
  if (!points) return null;
  const m = fitSimilarity(points, ARCFACE_TEMPLATE);
  const scale = m.a * m.a + m.b * m.b;
  if (!(scale > 0)) return null;
  const out = createImage(ALIGNED_SIZE, ALIGNED_SIZE, 3, 0);
  const { width, height, channels, data } = image;
  const sample = (x: number, y: number, k: number) => data[(y * width + x) * channels + k] ?? 0;
  for (let v = 0; v < ALIGNED_SIZE; v++)
    for (let u = 0; u < ALIGNED_SIZE; u++) {
      // The inverse similarity: template pixel → image position.
      const dx = u - m.tx;
      const dy = v - m.ty;
      const sx = (m.a * dx + m.b * dy) / scale;
      const sy = (-m.b * dx + m.a * dy) / scale;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const k = channels === 1 ? 0 : c; // grey replicated to RGB
        const top = sample(x0, y0, k) * (1 - fx) + sample(x0 + 1, y0, k) * fx;
        const bottom = sample(x0, y0 + 1, k) * (1 - fx) + sample(x0 + 1, y0 + 1, k) * fx;
        out.data[(v * ALIGNED_SIZE + u) * 3 + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  return out;
}

/**
 * Sharpness of an aligned crop: variance of the 4-neighbour Laplacian of its grey values over the
 * face's inner region (eyes to mouth), so background texture does not count. Motion blur and
 * defocus bring it down.
 */
export function sharpness(aligned: RawImage): number {
  const { width, channels, data } = aligned;
  const grey = (x: number, y: number) => {
    const i = (y * width + x) * channels;
    return channels === 1 ? data[i]! : (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
  };
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 36; y < 100; y++)
    for (let x = 28; x < 84; x++) {
      const lap = 4 * grey(x, y) - grey(x - 1, y) - grey(x + 1, y) - grey(x, y - 1) - grey(x, y + 1);
      sum += lap;
      sumSq += lap * lap;
      n++;
    }
  const m = sum / n;
  return sumSq / n - m * m;
}

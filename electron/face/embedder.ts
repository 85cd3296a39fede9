// What the face check needs from a recognition engine: one L2-normalised vector per face, compared
// by cosine similarity. The shipped engine is the vendored MobileFaceNet (onnx-embedder.ts); a
// licensed commercial engine can take its place by implementing this interface — the session,
// the fusion and the threshold do not change (the threshold must be re-chosen with bench:face).
import type { Point } from './alignment';
import type { RawImage } from './image';

export interface FaceEmbedder {
  /** Names the engine and its model, e.g. in bench output; never personal. */
  readonly id: string;
  readonly dimensions: number;
  /**
   * The embedding of the face whose 68 landmarks are given (image pixels), L2-normalised; null when
   * the face cannot be aligned. `image` is grey or RGB.
   */
  embed(image: RawImage, landmarks: readonly Point[]): Promise<FaceEmbedding | null>;
  close(): Promise<void>;
}

export interface FaceEmbedding {
  vector: Float32Array;
  /** Sharpness of the aligned crop (see alignment.ts), for the quality gate. */
  sharpness: number;
}

export function l2Normalise(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum) || 1;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out;
}

/** Cosine similarity in [−1, 1]; 1 = same direction. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

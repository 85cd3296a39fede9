// Descriptor distance and the fusion of several frames into one decision. Pure functions, so the
// benchmark measures exactly what the kiosk decides with.

export type FusionRule = 'mean-best-k' | 'median' | 'max' | 'mean';

export interface MatchPolicy {
  /** Euclidean distance at or below which the fused distance counts as the same person. */
  threshold: number;
  fusion: FusionRule;
  /** For mean-best-k: how many of the smallest distances are averaged. */
  k: number;
}

export function euclidean(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** One number from the per-frame distances; NaN when there are none. */
export function fuseDistances(distances: readonly number[], rule: FusionRule, k: number): number {
  if (distances.length === 0) return Number.NaN;
  const sorted = [...distances].sort((a, b) => a - b);
  switch (rule) {
    case 'mean-best-k': {
      const best = sorted.slice(0, Math.max(1, Math.min(k, sorted.length)));
      return best.reduce((s, d) => s + d, 0) / best.length;
    }
    case 'median': {
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    }
    case 'max':
      return sorted[sorted.length - 1]!;
    case 'mean':
      return sorted.reduce((s, d) => s + d, 0) / sorted.length;
  }
}

export function isMatch(distances: readonly number[], policy: MatchPolicy): boolean {
  const fused = fuseDistances(distances, policy.fusion, policy.k);
  return Number.isFinite(fused) && fused <= policy.threshold;
}

// Similarity and the fusion of several frames into one decision. Pure functions, so the benchmark
// measures exactly what the kiosk decides with. Scores are cosine similarities of L2-normalised
// embeddings: higher = more alike.

export { cosineSimilarity } from './embedder';

/** `mean-best-k`: mean of the k highest; `worst`: the lowest; `median`, `mean` of all. */
export type FusionRule = 'mean-best-k' | 'median' | 'worst' | 'mean';

export interface MatchPolicy {
  /** Cosine similarity at or above which the fused score counts as the same person. */
  threshold: number;
  fusion: FusionRule;
  /** For mean-best-k: how many of the highest similarities are averaged. */
  k: number;
}

/** One number from the per-frame similarities; NaN when there are none. */
export function fuseSimilarities(similarities: readonly number[], rule: FusionRule, k: number): number {
  if (similarities.length === 0) return Number.NaN;
  const sorted = [...similarities].sort((a, b) => b - a); // best first
  switch (rule) {
    case 'mean-best-k': {
      const best = sorted.slice(0, Math.max(1, Math.min(k, sorted.length)));
      return best.reduce((s, d) => s + d, 0) / best.length;
    }
    case 'median': {
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    }
    case 'worst':
      return sorted[sorted.length - 1]!;
    case 'mean':
      return sorted.reduce((s, d) => s + d, 0) / sorted.length;
  }
}

export function isMatch(similarities: readonly number[], policy: MatchPolicy): boolean {
  const fused = fuseSimilarities(similarities, policy.fusion, policy.k);
  return Number.isFinite(fused) && fused >= policy.threshold;
}

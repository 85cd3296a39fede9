import { describe, expect, it } from 'vitest';
import { cosineSimilarity, fuseSimilarities, isMatch } from './matcher';

describe('matching', () => {
  it('measures cosine similarity between embeddings, whatever their length', () => {
    const a = new Float32Array([1, 0, 0]);
    expect(cosineSimilarity(a, new Float32Array([2, 0, 0]))).toBeCloseTo(1);
    expect(cosineSimilarity(a, new Float32Array([0, 3, 0]))).toBeCloseTo(0);
    expect(cosineSimilarity(a, new Float32Array([-1, 0, 0]))).toBeCloseTo(-1);
    expect(cosineSimilarity(new Float32Array([1, 1, 0]), new Float32Array([1, 0, 0]))).toBeCloseTo(
      Math.SQRT1_2,
    );
  });

  it('fuses per-frame similarities by the configured rule', () => {
    const s = [0.5, 0.3, 0.9, 0.4];
    expect(fuseSimilarities(s, 'mean-best-k', 2)).toBeCloseTo(0.7);
    expect(fuseSimilarities(s, 'median', 2)).toBeCloseTo(0.45);
    expect(fuseSimilarities(s, 'worst', 2)).toBeCloseTo(0.3);
    expect(fuseSimilarities(s, 'mean', 2)).toBeCloseTo(0.525);
  });

  it('never matches without frames, and respects the threshold', () => {
    expect(isMatch([], { threshold: 0.45, fusion: 'mean-best-k', k: 2 })).toBe(false);
    expect(isMatch([0.5, 0.44, 0.1], { threshold: 0.45, fusion: 'mean-best-k', k: 2 })).toBe(true);
    expect(isMatch([0.5, 0.38, 0.9], { threshold: 0.45, fusion: 'worst', k: 2 })).toBe(false);
  });
});

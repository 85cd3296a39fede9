import { describe, expect, it } from 'vitest';
import { euclidean, fuseDistances, isMatch } from './matcher';

describe('matching', () => {
  it('measures Euclidean distance between descriptors', () => {
    expect(euclidean(new Float32Array([0, 0, 0]), new Float32Array([3, 4, 0]))).toBeCloseTo(5);
  });

  it('fuses per-frame distances by the configured rule', () => {
    const d = [0.5, 0.3, 0.9, 0.4];
    expect(fuseDistances(d, 'mean-best-k', 2)).toBeCloseTo(0.35);
    expect(fuseDistances(d, 'median', 2)).toBeCloseTo(0.45);
    expect(fuseDistances(d, 'max', 2)).toBeCloseTo(0.9);
    expect(fuseDistances(d, 'mean', 2)).toBeCloseTo(0.525);
  });

  it('never matches without frames, and respects the threshold', () => {
    expect(isMatch([], { threshold: 0.45, fusion: 'median', k: 2 })).toBe(false);
    expect(isMatch([0.44, 0.46, 0.2], { threshold: 0.45, fusion: 'median', k: 2 })).toBe(true);
    expect(isMatch([0.44, 0.46, 0.6], { threshold: 0.45, fusion: 'median', k: 2 })).toBe(false);
  });
});

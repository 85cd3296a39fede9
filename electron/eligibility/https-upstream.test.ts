import { describe, expect, it } from 'vitest';
import { backoffDelay } from './https-upstream';

describe('retry backoff', () => {
  const retries = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 1_000 };

  it('doubles the ceiling per retry up to the maximum', () => {
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, retries, () => 1))).toEqual([
      200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('spreads retries over the whole interval (full jitter), never below zero', () => {
    expect(backoffDelay(3, retries, () => 0)).toBe(0);
    expect(backoffDelay(3, retries, () => 0.5)).toBe(400);
  });
});

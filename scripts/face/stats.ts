// Error-rate arithmetic shared by the face benchmarks.

export function rate(count: number, total: number): number {
  return total === 0 ? Number.NaN : count / total;
}

/** Share of impostor distances at or below the threshold (false matches). */
export function fmr(impostor: readonly number[], threshold: number): number {
  return rate(impostor.filter((d) => d <= threshold).length, impostor.length);
}

/** Share of genuine distances above the threshold; NaN (a miss) counts as a rejection. */
export function fnmr(genuine: readonly number[], threshold: number): number {
  return rate(genuine.filter((d) => !(d <= threshold)).length, genuine.length);
}

export function pct(value: number, digits = 2): string {
  return Number.isNaN(value) ? 'n/a' : `${(value * 100).toFixed(digits)} %`;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A text histogram in fixed-width bins, one line per bin. */
export function histogram(values: readonly number[], from: number, to: number, step: number): string[] {
  const finite = values.filter((v) => Number.isFinite(v));
  const bins = Math.round((to - from) / step);
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - from) / step)))]!++;
  const peak = Math.max(1, ...counts);
  return counts.map((c, i) => {
    const lo = (from + i * step).toFixed(2);
    const bar = '#'.repeat(Math.round((c / peak) * 40));
    return `  ${lo}  ${String(c).padStart(6)}  ${bar}`;
  });
}

/** Equal error rate by a sweep of thresholds. */
export function equalErrorRate(
  genuine: readonly number[],
  impostor: readonly number[],
): { eer: number; at: number } {
  let best = { eer: 1, at: 0, gap: 2 };
  for (let t = 0.2; t <= 0.9; t += 0.005) {
    const a = fmr(impostor, t);
    const b = fnmr(genuine, t);
    if (Math.abs(a - b) < best.gap) best = { eer: (a + b) / 2, at: t, gap: Math.abs(a - b) };
  }
  return { eer: best.eer, at: best.at };
}

/** Share of impostor similarities at or above the threshold (false matches). */
export function fmrAbove(impostor: readonly number[], threshold: number): number {
  return rate(impostor.filter((s) => s >= threshold).length, impostor.length);
}

/** Share of genuine similarities below the threshold; NaN (a miss) counts as a rejection. */
export function fnmrBelow(genuine: readonly number[], threshold: number): number {
  return rate(genuine.filter((s) => !(s >= threshold)).length, genuine.length);
}

/** A small seeded PRNG (mulberry32), so bootstrap intervals are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The p-quantile (0..1) of the finite values, by linear interpolation. */
export function quantile(values: readonly number[], p: number): number {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const at = (s.length - 1) * p;
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo);
}

/** Mean and standard deviation of the finite values. */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const f = values.filter(Number.isFinite);
  const m = f.reduce((s, v) => s + v, 0) / f.length;
  return { mean: m, sd: Math.sqrt(f.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, f.length - 1)) };
}

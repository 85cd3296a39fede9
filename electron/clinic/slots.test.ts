import { describe, expect, it } from 'vitest';
import { createSlots } from './folder-watcher';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('look-up slots', () => {
  it('runs at most `limit` at a time, the others in the order they asked, and frees a slot on failure', async () => {
    const slot = createSlots(2);
    const started: number[] = [];
    const release = new Map<number, () => void>();
    const results = [0, 1, 2, 3].map((i) =>
      slot(async () => {
        started.push(i);
        await new Promise<void>((resolve) => release.set(i, resolve));
        if (i === 1) throw new Error('refused');
        return i;
      }).catch((error: Error) => error.message),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    release.get(1)!(); // fails: its slot goes to the next in line
    await settle();
    expect(started).toEqual([0, 1, 2]);
    release.get(2)!();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    release.get(0)!();
    release.get(3)!();
    expect(await Promise.all(results)).toEqual([0, 'refused', 2, 3]);
  });
});

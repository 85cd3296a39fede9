import { describe, expect, it } from 'vitest';
import { warmUp } from './warm-up';

/** A start that counts its calls, and a `when` the test settles. */
function setup() {
  let starts = 0;
  const start = () => {
    starts++;
    return Promise.resolve(`engine ${starts}`);
  };
  let settle: () => void = () => undefined;
  const when = new Promise<void>((resolve) => (settle = resolve));
  return { start, when, settle, starts: () => starts };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('warmUp', () => {
  it('starts at once without a `when`', () => {
    const { start, starts } = setup();
    warmUp(start);
    expect(starts()).toBe(1);
  });

  it('starts when `when` settles, once, and gives that engine to every caller', async () => {
    const { start, when, settle, starts } = setup();
    const engine = warmUp(start, when);
    expect(engine.started()).toBeUndefined();
    settle();
    await tick();
    expect(starts()).toBe(1);
    expect(await engine.get()).toBe('engine 1');
    expect(await engine.get()).toBe('engine 1');
    expect(starts()).toBe(1);
  });

  it('starts on first use if that comes first (a card placed before the first screen)', async () => {
    const { start, when, settle, starts } = setup();
    const engine = warmUp(start, when);
    expect(await engine.get()).toBe('engine 1');
    settle();
    await tick();
    expect(starts()).toBe(1);
  });

  it('starts nothing once cancelled (the kiosk closed before its first screen)', async () => {
    const { start, when, settle, starts } = setup();
    const engine = warmUp(start, when);
    engine.cancel();
    settle();
    await tick();
    expect(starts()).toBe(0);
    expect(engine.started()).toBeUndefined();
  });

  it('starts even when `when` fails (the page never came up)', async () => {
    let starts = 0;
    warmUp(async () => ++starts, Promise.reject(new Error('no page')));
    await tick();
    expect(starts).toBe(1);
  });
});

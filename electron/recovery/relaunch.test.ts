import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock';
import { createRelaunchPolicy, relaunchArgs, relaunchesIn } from './relaunch';

describe('relaunch policy', () => {
  it('restarts the window first, relaunches the app when the renderer keeps dying, and stops at the cap', () => {
    const clock = manualClock('2026-11-25T10:00:00+09:00');
    const policy = createRelaunchPolicy({
      now: () => clock.now(),
      relaunchesSoFar: 0,
      restartsBeforeRelaunch: 3,
      windowMs: 60_000,
    });
    expect(policy.recordRestart()).toBe('restart-window');
    expect(policy.recordRestart()).toBe('restart-window');
    expect(policy.recordRestart()).toBe('relaunch-app');
    const capped = createRelaunchPolicy({
      now: () => clock.now(),
      relaunchesSoFar: 3,
      maxRelaunches: 3,
      restartsBeforeRelaunch: 2,
    });
    expect(capped.recordRestart()).toBe('restart-window');
    expect(capped.recordRestart()).toBe('give-up');
  });

  it('forgets restarts older than its window: a crash a day is not a loop', () => {
    const clock = manualClock('2026-11-25T10:00:00+09:00');
    const policy = createRelaunchPolicy({
      now: () => clock.now(),
      relaunchesSoFar: 0,
      restartsBeforeRelaunch: 2,
      windowMs: 60_000,
    });
    expect(policy.recordRestart()).toBe('restart-window');
    clock.advance(61_000);
    expect(policy.recordRestart()).toBe('restart-window');
  });

  it('carries the relaunch count on the command line', () => {
    const next = relaunchArgs(['/opt/Uketsuke/uketsuke', '--uketsuke-relaunch=1'], 1);
    expect(next).toEqual(['/opt/Uketsuke/uketsuke', '--uketsuke-relaunch=2']);
    expect(relaunchesIn(next)).toBe(2);
    expect(relaunchesIn(['x', '--uketsuke-relaunch=abc'])).toBe(0);
  });
});

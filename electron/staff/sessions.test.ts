import { describe, expect, it } from 'vitest';
import { manualClock, SIMULATED_WORLD_START } from '../clock';
import { createStaffSessions } from './sessions';

const actor = { accountId: 1, name: 'hanako', role: 'staff' as const };

describe('staff console sessions', () => {
  it('keep a used session alive and end one left idle', () => {
    const clock = manualClock(SIMULATED_WORLD_START);
    const sessions = createStaffSessions({ clock, idleTimeoutMs: 60_000 });
    const session = sessions.create(actor);
    expect(session.id).not.toBe(session.csrfToken);
    clock.advance(50_000);
    expect(sessions.resume(session.id).state).toBe('active');
    clock.advance(50_000); // 50 s since the last use: still active
    expect(sessions.resume(session.id).state).toBe('active');
    clock.advance(60_001);
    expect(sessions.resume(session.id)).toMatchObject({ state: 'expired', session: { actor } });
    expect(sessions.resume(session.id).state).toBe('none');
  });

  it('know no session for a missing or made-up id, and sweep idle ones', () => {
    const clock = manualClock(SIMULATED_WORLD_START);
    const sessions = createStaffSessions({ clock, idleTimeoutMs: 10_000 });
    const session = sessions.create(actor);
    expect(sessions.resume(undefined).state).toBe('none');
    expect(sessions.resume('A'.repeat(session.id.length)).state).toBe('none');
    clock.advance(10_001);
    expect(sessions.sweep().map((s) => s.actor.name)).toEqual(['hanako']);
    expect(sessions.resume(session.id).state).toBe('none');
  });
});

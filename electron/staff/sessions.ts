// Staff console sessions, kept in memory only (a restart logs everyone out). A session id is 32
// random bytes in an HttpOnly cookie; its CSRF token is another 32, which the page sends back in a
// header. A session unused for idleTimeoutMs is over: the next request finds it expired.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { StaffRole } from '../contract';
import { secretsMatch } from '../security/loopback-guard';

export interface StaffActor {
  accountId: number;
  name: string;
  role: StaffRole;
}

export interface StaffSession {
  readonly id: string;
  readonly csrfToken: string;
  readonly actor: StaffActor;
  lastSeenAt: number;
}

export type SessionLookup =
  | { state: 'active'; session: StaffSession }
  | { state: 'expired'; session: StaffSession }
  | { state: 'none' };

export interface StaffSessions {
  readonly idleTimeoutMs: number;
  create(actor: StaffActor): StaffSession;
  /** Finds a session by its cookie value and, when active, marks it used now. */
  resume(id: string | undefined): SessionLookup;
  end(id: string): void;
  /** Ends every session idle too long; returns them (for the audit log). */
  sweep(): StaffSession[];
}

export function createStaffSessions(options: { clock: Clock; idleTimeoutMs: number }): StaffSessions {
  const { clock, idleTimeoutMs } = options;
  const sessions = new Map<string, StaffSession>();
  const idle = (session: StaffSession) => clock.now() - session.lastSeenAt > idleTimeoutMs;
  return {
    idleTimeoutMs,
    create(actor) {
      const session: StaffSession = {
        id: randomBytes(32).toString('base64url'),
        csrfToken: randomBytes(32).toString('base64url'),
        actor,
        lastSeenAt: clock.now(),
      };
      sessions.set(session.id, session);
      return session;
    },
    resume(id) {
      if (!id) return { state: 'none' };
      // Compared in constant time against each stored id, so response timing says nothing.
      const session = [...sessions.values()].find((candidate) => secretsMatch(id, candidate.id));
      if (!session) return { state: 'none' };
      if (idle(session)) {
        sessions.delete(session.id);
        return { state: 'expired', session };
      }
      session.lastSeenAt = clock.now();
      return { state: 'active', session };
    },
    end(id) {
      sessions.delete(id);
    },
    sweep() {
      const expired = [...sessions.values()].filter(idle);
      for (const session of expired) sessions.delete(session.id);
      return expired;
    },
  };
}

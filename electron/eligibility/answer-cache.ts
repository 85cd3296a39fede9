// Answers kept for reuse until they expire (by default the end of the clinic day they were asked
// for). The look-up key is a keyed digest of the query and the answer is sealed: the file alone
// shows neither whose record it is nor what it says.
import type { FieldCipher } from './field-cipher';
import type { EligibilityOutcome } from './outcome';
import type { Db } from './store';

export interface AnswerCache {
  get(lookup: Buffer, now: Date): EligibilityOutcome | undefined;
  put(
    lookup: Buffer,
    kind: 'insurance' | 'card',
    outcome: EligibilityOutcome,
    storedAt: Date,
    expiresAt: number,
  ): void;
  /** Deletes expired answers and any answer older than the retention; returns how many. */
  purge(now: Date, retentionMs: number): number;
}

const context = (lookup: Buffer) => `answers:${lookup.toString('hex')}`;

export function createAnswerCache(db: Db, cipher: FieldCipher): AnswerCache {
  const select = db.prepare('SELECT sealed FROM answers WHERE lookup = ? AND expires_at > ?');
  const upsert = db.prepare(
    `INSERT INTO answers (lookup, kind, status, sealed, stored_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(lookup) DO UPDATE SET kind = excluded.kind, status = excluded.status, sealed = excluded.sealed,
       stored_at = excluded.stored_at, expires_at = excluded.expires_at`,
  );
  const purge = db.prepare('DELETE FROM answers WHERE expires_at <= ? OR stored_at < ?');
  return {
    get(lookup, now) {
      const row = select.get(lookup, now.getTime()) as { sealed: Buffer } | undefined;
      if (!row) return undefined;
      return { ...cipher.open<EligibilityOutcome>(row.sealed, context(lookup)), source: 'cache' };
    },
    put(lookup, kind, outcome, storedAt, expiresAt) {
      upsert.run(
        lookup,
        kind,
        outcome.status,
        cipher.seal(outcome, context(lookup)),
        storedAt.getTime(),
        expiresAt,
      );
    },
    purge(now, retentionMs) {
      return purge.run(now.getTime(), now.getTime() - retentionMs).changes;
    },
  };
}

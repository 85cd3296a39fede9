// The durable outbox of confirmations. A confirmation is committed here before it is sent and
// before the patient sees "done"; its id is the idempotency key, so however often it is resent
// (retry, crash, restart) the service processes it once. Delivered rows keep the sealed result
// for staff until the retention purge; undelivered rows are never purged.
import type { FieldCipher } from './field-cipher';
import type { EligibilityOutcome } from './outcome';
import type { Db, OutboxRow } from './store';
import type { ConfirmRequest, VerificationMethod } from './wire';

export interface QueuedConfirmation {
  request: ConfirmRequest;
  /** Keyed digests of the card's birth date and sex: enough to refuse a wrong link later,
   *  without keeping the card's personal data. Absent on the PIN path, which reads no card face. */
  card: { birthDate?: string; sex?: string };
}

export interface OutboxEntry {
  id: string;
  createdAt: number;
  attempts: number;
  lastError: string | null;
  deliveredAt: number | null;
  /** How the patient proved who they are; null for a row stored before the kiosk kept it. */
  method: VerificationMethod | null;
}

export interface Outbox {
  enqueue(id: string, confirmation: QueuedConfirmation, now: Date): void;
  /** Undelivered entries whose next attempt is due (all of them with `force`). */
  due(now: Date, force: boolean): Array<OutboxEntry & { confirmation: QueuedConfirmation }>;
  markFailed(id: string, error: string, nextAttemptAt: number): void;
  markDelivered(id: string, outcome: EligibilityOutcome, now: Date): void;
  /** The delivered result, for staff and for consent checks. */
  result(id: string): EligibilityOutcome | undefined;
  entry(id: string): OutboxEntry | undefined;
  pending(): { count: number; oldestCreatedAt: number | null };
  /** Confirmations created since `since` (ms), newest first, with their outcome once delivered. */
  list(since: number, limit: number): Array<{ entry: OutboxEntry; outcome?: EligibilityOutcome }>;
  /** Deletes delivered rows older than the retention; returns how many. */
  purge(now: Date, retentionMs: number): number;
}

const requestContext = (id: string) => `outbox-request:${id}`;
const resultContext = (id: string) => `outbox-result:${id}`;

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    createdAt: row.created_at,
    attempts: row.attempts,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    method: (row.method as VerificationMethod | null) ?? null,
  };
}

export function createOutbox(db: Db, cipher: FieldCipher): Outbox {
  const insert = db.prepare(
    'INSERT INTO outbox (id, sealed_request, created_at, attempts, next_attempt_at, method) VALUES (?, ?, ?, 0, ?, ?)',
  );
  const dueRows = db.prepare(
    'SELECT * FROM outbox WHERE delivered_at IS NULL AND (? OR next_attempt_at <= ?) ORDER BY created_at',
  );
  const failed = db.prepare(
    'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND delivered_at IS NULL',
  );
  // Sealed request is replaced by an empty blob: once delivered, the certificate and signature are not kept.
  const delivered = db.prepare(
    `UPDATE outbox SET attempts = attempts + 1, delivered_at = ?, outcome = ?, sealed_result = ?, sealed_request = X''
     WHERE id = ?`,
  );
  const byId = db.prepare('SELECT * FROM outbox WHERE id = ?');
  const pendingStats = db.prepare(
    'SELECT count(*) AS count, min(created_at) AS oldest FROM outbox WHERE delivered_at IS NULL',
  );
  const purge = db.prepare('DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?');
  const recent = db.prepare(
    'SELECT * FROM outbox WHERE created_at >= ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
  );
  const resultOf = (row: OutboxRow) =>
    row.sealed_result ? cipher.open<EligibilityOutcome>(row.sealed_result, resultContext(row.id)) : undefined;

  return {
    enqueue(id, confirmation, now) {
      // The one write that must survive power loss before the patient sees "done": fsynced.
      db.pragma('synchronous = FULL');
      try {
        insert.run(
          id,
          cipher.seal(confirmation, requestContext(id)),
          now.getTime(),
          now.getTime(),
          confirmation.request.method,
        );
      } finally {
        db.pragma('synchronous = NORMAL');
      }
    },
    due(now, force) {
      return (dueRows.all(force ? 1 : 0, now.getTime()) as OutboxRow[]).map((row) => ({
        ...toEntry(row),
        confirmation: cipher.open<QueuedConfirmation>(row.sealed_request, requestContext(row.id)),
      }));
    },
    markFailed(id, error, nextAttemptAt) {
      failed.run(error.slice(0, 200), nextAttemptAt, id);
    },
    markDelivered(id, outcome, now) {
      delivered.run(now.getTime(), outcome.status, cipher.seal(outcome, resultContext(id)), id);
    },
    result(id) {
      const row = byId.get(id) as OutboxRow | undefined;
      return row ? resultOf(row) : undefined;
    },
    entry(id) {
      const row = byId.get(id) as OutboxRow | undefined;
      return row ? toEntry(row) : undefined;
    },
    pending() {
      const row = pendingStats.get() as { count: number; oldest: number | null };
      return { count: row.count, oldestCreatedAt: row.oldest };
    },
    purge(now, retentionMs) {
      return purge.run(now.getTime() - retentionMs).changes;
    },
    list(since, limit) {
      return (recent.all(since, limit) as OutboxRow[]).map((row) => {
        const outcome = resultOf(row);
        return outcome ? { entry: toEntry(row), outcome } : { entry: toEntry(row) };
      });
    },
  };
}

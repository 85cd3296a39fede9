// The append-only audit log of staff actions, in the staff database. Each row carries the hash of
// the row before it (SHA-256 over the row's fields and that hash), so an edited, deleted or moved
// row breaks the chain at that row; a head record, written in the same transaction as each row,
// catches rows cut off the end. Triggers refuse UPDATE and DELETE through SQLite itself.
//
// No personal data: the actor is a staff account's name; a patient appears only as a keyed hash
// of the card's certificate serial (subjectDigest) and the eligibility record's reference (its
// request id). `detail` holds counts, codes and flags, never a value typed by a patient or staff.
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from '../clock';

export const AUDIT_ACTIONS = [
  'staff.login',
  'staff.login-refused',
  'staff.logout',
  'staff.idle-logout',
  'visual-check.start',
  'visual-check.confirm',
  'visual-check.refuse',
  'visual-check.collation-number',
  /** The console's button put the kiosk's current patient into the visual check (who pressed it). */
  'visual-check.console-request',
  'eligibility.confirmations-view',
  'eligibility.lookup',
  'eligibility.medication-view',
  'eligibility.health-check-view',
  'eligibility.disaster-medication-view',
  'eligibility.batch-run',
  'kiosk.state-view',
  'staff.account-add',
  'staff.account-unlock',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditOutcome = 'ok' | 'refused' | 'failed';

export type AuditDetail = Readonly<Record<string, string | number | boolean>>;

export interface AuditEntry {
  /** The staff account's name, or 'it' for the command line. */
  actor: string;
  action: AuditAction;
  outcome: AuditOutcome;
  /** A keyed hash of the card's certificate serial (see subjectDigest), never the serial. */
  subject?: string;
  /** The eligibility record's reference (its request id). */
  recordRef?: string;
  detail?: AuditDetail;
}

export interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: AuditAction;
  outcome: AuditOutcome;
  subject: string | null;
  recordRef: string | null;
  detail: string | null;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS audit_log (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    subject TEXT,
    record_ref TEXT,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`;

interface Row {
  seq: number;
  at: number;
  actor: string;
  action: AuditAction;
  outcome: AuditOutcome;
  subject: string | null;
  record_ref: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

const toAuditRow = (row: Row): AuditRow => ({
  seq: row.seq,
  at: row.at,
  actor: row.actor,
  action: row.action,
  outcome: row.outcome,
  subject: row.subject,
  recordRef: row.record_ref,
  detail: row.detail,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** Detail as canonical JSON (sorted keys), so the hashed text is the stored text. */
function canonicalDetail(detail: AuditDetail | undefined): string | null {
  if (!detail) return null;
  const sorted = Object.fromEntries(Object.entries(detail).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify(sorted);
}

export function rowHash(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        row.seq,
        row.at,
        row.actor,
        row.action,
        row.outcome,
        row.subject,
        row.recordRef,
        row.detail,
        row.prevHash,
      ]),
    )
    .digest('hex');
}

/** Keyed hash of a certificate serial with a key derived from the kiosk's master key. */
export function createSubjectDigest(masterKey: Buffer): (certificateSerial: string) => string {
  const key = Buffer.from(
    hkdfSync('sha256', masterKey, Buffer.alloc(0), 'uketsuke audit certificate serial', 32),
  );
  return (serial) => createHmac('sha256', key).update(serial.toLowerCase()).digest('hex').slice(0, 32);
}

export interface AuditLog {
  record(entry: AuditEntry): AuditRow;
  /** Newest first. */
  recent(limit?: number): AuditRow[];
  all(): AuditRow[];
}

export function createAuditLog(db: Database.Database, clock: Clock): AuditLog {
  const append = db.transaction((entry: AuditEntry): AuditRow => {
    const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
      { seq: number; hash: string } | undefined;
    const unhashed: Omit<AuditRow, 'hash'> = {
      seq: (head?.seq ?? 0) + 1,
      at: clock.now(),
      actor: entry.actor,
      action: entry.action,
      outcome: entry.outcome,
      subject: entry.subject ?? null,
      recordRef: entry.recordRef ?? null,
      detail: canonicalDetail(entry.detail),
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    const row: AuditRow = { ...unhashed, hash: rowHash(unhashed) };
    db.prepare(
      `INSERT INTO audit_log (seq, at, actor, action, outcome, subject, record_ref, detail, prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @outcome, @subject, @recordRef, @detail, @prevHash, @hash)`,
    ).run(row);
    db.prepare(
      'INSERT INTO audit_head (id, seq, hash) VALUES (1, @seq, @hash) ON CONFLICT(id) DO UPDATE SET seq = @seq, hash = @hash',
    ).run({ seq: row.seq, hash: row.hash });
    return row;
  });
  return {
    record: (entry) => append.immediate(entry),
    recent: (limit = 100) =>
      (db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit) as Row[]).map(toAuditRow),
    all: () => (db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[]).map(toAuditRow),
  };
}

export type ChainVerdict =
  | { ok: true; rows: number; headHash: string }
  | { ok: false; rows: number; firstBrokenSeq: number; reason: string };

/** Walks the chain from the first row; names the first row that does not hold. */
export function verifyAuditChain(db: Database.Database): ChainVerdict {
  const rows = (db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[]).map(toAuditRow);
  let previous = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    const broken = (reason: string): ChainVerdict => ({
      ok: false,
      rows: rows.length,
      firstBrokenSeq: row.seq,
      reason,
    });
    if (row.seq !== expectedSeq)
      return broken(`row ${expectedSeq}${row.seq > expectedSeq + 1 ? `–${row.seq - 1}` : ''} is missing`);
    if (row.prevHash !== previous) return broken('it does not follow the row before it (deleted or moved)');
    const { hash, ...unhashed } = row;
    if (rowHash(unhashed) !== hash) return broken('its contents do not match its hash (edited or moved)');
    previous = hash;
    expectedSeq++;
  }
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
    { seq: number; hash: string } | undefined;
  const lastSeq = expectedSeq - 1;
  if ((head?.seq ?? 0) !== lastSeq || (head?.hash ?? GENESIS_HASH) !== previous) {
    return {
      ok: false,
      rows: rows.length,
      firstBrokenSeq: lastSeq + 1,
      reason: `the log ends at row ${lastSeq} but its head names row ${head?.seq ?? 0}: rows were cut off the end`,
    };
  }
  return { ok: true, rows: rows.length, headHash: previous };
}

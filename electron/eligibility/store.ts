// The eligibility database: one SQLite file (WAL, versioned migrations). At start it is checked;
// a damaged file is moved aside with its WAL, queued confirmations are salvaged from it where
// they can be read, and a fresh database is built. What happened is returned as a report so staff
// see it — a queued confirmation is never dropped silently.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../clock';
import { KioskError } from '../errors/kiosk-error';
import type { Logger } from '../log/logger';
import type { FieldCipher } from './field-cipher';

export type Db = Database.Database;

/** Each entry upgrades the schema by one version; never edit a shipped entry, append a new one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
   CREATE TABLE answers (
     lookup BLOB PRIMARY KEY,
     kind TEXT NOT NULL,
     status TEXT NOT NULL,
     sealed BLOB NOT NULL,
     stored_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX answers_stored_at ON answers(stored_at);
   CREATE TABLE outbox (
     id TEXT PRIMARY KEY,
     sealed_request BLOB NOT NULL,
     created_at INTEGER NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     last_error TEXT,
     delivered_at INTEGER,
     outcome TEXT,
     sealed_result BLOB
   );
   CREATE INDEX outbox_queue ON outbox(delivered_at, next_attempt_at);`,
  // The clinic folder's journal (electron/clinic/journal.ts): which request files this terminal
  // claimed and answered, so none is answered twice across restarts. File names and digests only.
  `CREATE TABLE clinic_requests (
     name TEXT NOT NULL,
     digest TEXT NOT NULL,
     state TEXT NOT NULL,
     answer_name TEXT,
     claimed_at INTEGER NOT NULL,
     answered_at INTEGER,
     PRIMARY KEY (name, digest)
   );
   CREATE INDEX clinic_requests_claimed ON clinic_requests(claimed_at);`,
  // How the patient proved who they are (face, pin, staff-visual): not personal data, kept in the
  // clear beside the sealed request so staff's list shows a visual check after the request is
  // emptied on delivery. Rows from before this column have none.
  `ALTER TABLE outbox ADD COLUMN method TEXT;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export interface OutboxRow {
  id: string;
  sealed_request: Buffer;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  delivered_at: number | null;
  outcome: string | null;
  sealed_result: Buffer | null;
  method: string | null;
}

export interface StoreStartReport {
  /** True when the file was damaged and a new database was built. */
  rebuilt: boolean;
  /** Where the damaged file was moved; kept for IT, never deleted by the kiosk. */
  quarantinedPath?: string;
  /** What the check found, without personal data. */
  problem?: string;
  /** Queued (undelivered) confirmations copied from the damaged file into the new one. */
  recoveredOutbox: number;
  /** True when the damaged file's queue could not be read: staff must be told. */
  outboxUnreadable: boolean;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`database schema ${current} is newer than this build (${SCHEMA_VERSION})`);
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** Opens, checks and migrates a database file; throws when it is not a sound eligibility database. */
function openChecked(path: string): Db {
  // A new file is created private (SQLite gives its WAL and SHM files the same mode).
  if (!existsSync(path)) writeFileSync(path, '', { mode: 0o600 });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new Error(`quick_check: ${String(check).slice(0, 200)}`);
    configure(db);
    migrate(db);
    db.prepare('SELECT count(*) FROM outbox').get();
    db.prepare('SELECT count(*) FROM answers').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function configure(db: Db): void {
  // NORMAL in WAL mode survives a killed process; the outbox raises it to FULL for the commit
  // that must also survive power loss (see outbox.ts). Cache writes need no fsync of their own.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function salvageOutbox(path: string): { rows: OutboxRow[]; readable: boolean } {
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const rows = db
      .prepare('SELECT * FROM outbox WHERE delivered_at IS NULL ORDER BY created_at')
      .all() as OutboxRow[];
    return { rows, readable: true };
  } catch {
    return { rows: [], readable: false };
  } finally {
    db?.close();
  }
}

function moveAside(path: string, stamp: string): string {
  const target = `${path}.corrupt-${stamp}`;
  renameSync(path, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}

export function openEligibilityStore(options: {
  path: string;
  cipher: FieldCipher;
  log: Logger;
  clock: Clock;
}): { db: Db; report: StoreStartReport } {
  const { path, cipher, log } = options;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const report: StoreStartReport = { rebuilt: false, recoveredOutbox: 0, outboxUnreadable: false };

  let db: Db;
  try {
    db = openChecked(path);
  } catch (error) {
    const problem = error instanceof Error ? error.message.slice(0, 200) : 'unreadable';
    const quarantinedPath = moveAside(path, options.clock.date().toISOString().replace(/[:.]/g, '-'));
    const salvage = salvageOutbox(quarantinedPath);
    db = openChecked(path);
    const insert = db.prepare(
      `INSERT INTO outbox (id, sealed_request, created_at, attempts, next_attempt_at, last_error, method)
       VALUES (@id, @sealed_request, @created_at, @attempts, @next_attempt_at, @last_error, @method)`,
    );
    db.transaction(() => {
      // A damaged file from before the method column has none to give.
      for (const row of salvage.rows) insert.run({ ...row, method: row.method ?? null });
    })();
    Object.assign(report, {
      rebuilt: true,
      quarantinedPath,
      problem,
      recoveredOutbox: salvage.rows.length,
      outboxUnreadable: !salvage.readable,
    });
    log.warn('eligibility.store-rebuilt', {
      problem,
      quarantinedPath,
      recoveredOutbox: salvage.rows.length,
      outboxUnreadable: !salvage.readable,
    });
  }

  const stored = db.prepare("SELECT value FROM meta WHERE name = 'key-check'").get() as
    { value: Buffer } | undefined;
  if (!stored) {
    db.prepare("INSERT INTO meta (name, value) VALUES ('key-check', ?)").run(cipher.keyCheck());
  } else if (!cipher.sameKeyCheck(stored.value)) {
    db.close();
    throw new KioskError('eligibility.store-key-mismatch', path);
  }
  return { db, report };
}

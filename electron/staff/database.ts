// The staff database: staff accounts and the audit log, one SQLite file in the kiosk's data folder
// (beside eligibility.db). Created private (0600); WAL so the console and the kiosk share it.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { AUDIT_SCHEMA } from '../audit/audit-log';
import { ACCOUNTS_SCHEMA } from './accounts';

export type StaffDb = Database.Database;

export const STAFF_DB_FILE = 'staff.db';

/** Where the staff database of a kiosk lives, given its eligibility data folder. */
export function staffDbPath(dataDir: string): string {
  return join(dataDir, STAFF_DB_FILE);
}

export function openStaffDatabase(path: string, options: { readonly?: boolean } = {}): StaffDb {
  if (options.readonly) return new Database(path, { readonly: true, fileMustExist: true });
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) writeFileSync(path, '', { mode: 0o600 });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL'); // an audit row must survive a power cut once written
  db.pragma('busy_timeout = 5000');
  db.exec(ACCOUNTS_SCHEMA);
  db.exec(AUDIT_SCHEMA);
  return db;
}

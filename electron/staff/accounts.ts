// Staff accounts: a name, a role (staff or admin) and a scrypt hash of the passcode. IT creates them
// from the command line (scripts/staff.ts); `uketsuke provision` creates the first admin through
// provisionFirstAdmin. Three wrong passcodes in a row lock an account until IT or an admin
// unlocks it; a correct passcode resets the count.
import type { Clock } from '../clock';
import { KioskError } from '../errors/kiosk-error';
import type { StaffDb } from './database';
import { DUMMY_HASH, hashPasscode, verifyPasscode } from './passcode-hash';

export const STAFF_ROLES = ['staff', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Wrong passcodes in a row that lock an account. */
export const MAX_FAILED_ATTEMPTS = 3;

export const ACCOUNTS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS staff_accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('staff', 'admin')),
    passcode_hash TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_at INTEGER,
    created_at INTEGER NOT NULL
  );`;

export interface StaffAccount {
  id: number;
  name: string;
  role: StaffRole;
  locked: boolean;
  failedAttempts: number;
  createdAt: number;
}

export type AuthResult =
  | { ok: true; account: StaffAccount }
  | { ok: false; code: 'staff.login-failed' | 'staff.locked'; account?: StaffAccount };

interface AccountRow {
  id: number;
  name: string;
  role: StaffRole;
  passcode_hash: string;
  failed_attempts: number;
  locked_at: number | null;
  created_at: number;
}

const toAccount = (row: AccountRow): StaffAccount => ({
  id: row.id,
  name: row.name,
  role: row.role,
  locked: row.locked_at !== null,
  failedAttempts: row.failed_attempts,
  createdAt: row.created_at,
});

export function validateName(name: string): string {
  const trimmed = name.normalize('NFKC').trim();
  // eslint-disable-next-line no-control-regex
  if (trimmed.length < 1 || trimmed.length > 64 || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new KioskError('staff.account-invalid', 'name');
  }
  return trimmed;
}

export function validatePasscode(passcode: string): string {
  // eslint-disable-next-line no-control-regex
  if (passcode.length < 6 || passcode.length > 64 || /[\u0000-\u001f\u007f]/.test(passcode)) {
    throw new KioskError('staff.account-invalid', 'passcode');
  }
  return passcode;
}

export interface StaffAccounts {
  add(input: { name: string; role: StaffRole; passcode: string }): Promise<StaffAccount>;
  /** Checks a passcode; counts a wrong one and locks at MAX_FAILED_ATTEMPTS. Attempts for one
   *  name run one at a time, so parallel guesses cannot slip past the lock. */
  authenticate(name: string, passcode: string): Promise<AuthResult>;
  unlock(name: string): StaffAccount;
  setPasscode(name: string, passcode: string): Promise<StaffAccount>;
  remove(name: string): void;
  find(name: string): StaffAccount | undefined;
  byId(id: number): StaffAccount | undefined;
  list(): StaffAccount[];
  hasAdmin(): boolean;
}

export function createStaffAccounts(db: StaffDb, clock: Clock): StaffAccounts {
  const row = (name: string) =>
    db.prepare('SELECT * FROM staff_accounts WHERE name = ?').get(name) as AccountRow | undefined;
  const required = (name: string) => {
    const found = row(validateName(name));
    if (!found) throw new KioskError('staff.unknown-account');
    return found;
  };
  const attempts = new Map<string, Promise<unknown>>();

  async function check(name: string, passcode: string): Promise<AuthResult> {
    const found = row(name);
    // Unknown names cost the same time as known ones: nothing tells which names exist.
    const matches = await verifyPasscode(passcode, found?.passcode_hash ?? DUMMY_HASH);
    if (!found) return { ok: false, code: 'staff.login-failed' };
    const current = row(name)!;
    if (current.locked_at !== null) return { ok: false, code: 'staff.locked', account: toAccount(current) };
    if (matches) {
      db.prepare('UPDATE staff_accounts SET failed_attempts = 0 WHERE id = ?').run(current.id);
      return { ok: true, account: toAccount({ ...current, failed_attempts: 0 }) };
    }
    const failed = current.failed_attempts + 1;
    const lockedAt = failed >= MAX_FAILED_ATTEMPTS ? clock.now() : null;
    db.prepare('UPDATE staff_accounts SET failed_attempts = ?, locked_at = ? WHERE id = ?').run(
      failed,
      lockedAt,
      current.id,
    );
    const account = toAccount({ ...current, failed_attempts: failed, locked_at: lockedAt });
    return { ok: false, code: lockedAt === null ? 'staff.login-failed' : 'staff.locked', account };
  }

  return {
    async add({ name, role, passcode }) {
      const valid = validateName(name);
      validatePasscode(passcode);
      if (!STAFF_ROLES.includes(role)) throw new KioskError('staff.account-invalid', 'role');
      if (row(valid)) throw new KioskError('staff.account-exists');
      const hash = await hashPasscode(passcode);
      db.prepare(
        'INSERT INTO staff_accounts (name, role, passcode_hash, created_at) VALUES (?, ?, ?, ?)',
      ).run(valid, role, hash, clock.now());
      return toAccount(row(valid)!);
    },

    authenticate(name, passcode) {
      let valid: string;
      try {
        valid = validateName(name);
      } catch {
        return Promise.resolve({ ok: false, code: 'staff.login-failed' });
      }
      const previous = attempts.get(valid) ?? Promise.resolve();
      const attempt = previous.then(() => check(valid, passcode));
      const settled = attempt.catch(() => undefined);
      attempts.set(valid, settled);
      void settled.then(() => {
        if (attempts.get(valid) === settled) attempts.delete(valid);
      });
      return attempt;
    },

    unlock(name) {
      const found = required(name);
      db.prepare('UPDATE staff_accounts SET failed_attempts = 0, locked_at = NULL WHERE id = ?').run(
        found.id,
      );
      return toAccount(row(found.name)!);
    },

    async setPasscode(name, passcode) {
      const found = required(name);
      validatePasscode(passcode);
      const hash = await hashPasscode(passcode);
      db.prepare(
        'UPDATE staff_accounts SET passcode_hash = ?, failed_attempts = 0, locked_at = NULL WHERE id = ?',
      ).run(hash, found.id);
      return toAccount(row(found.name)!);
    },

    remove(name) {
      db.prepare('DELETE FROM staff_accounts WHERE id = ?').run(required(name).id);
    },

    find(name) {
      try {
        const found = row(validateName(name));
        return found ? toAccount(found) : undefined;
      } catch {
        return undefined;
      }
    },

    byId(id) {
      const found = db.prepare('SELECT * FROM staff_accounts WHERE id = ?').get(id) as AccountRow | undefined;
      return found ? toAccount(found) : undefined;
    },

    list: () =>
      (db.prepare('SELECT * FROM staff_accounts ORDER BY name').all() as AccountRow[]).map(toAccount),

    hasAdmin: () =>
      db.prepare("SELECT 1 FROM staff_accounts WHERE role = 'admin' AND locked_at IS NULL LIMIT 1").get() !==
      undefined,
  };
}

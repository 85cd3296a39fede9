// The terminal's first administrator, created by `uketsuke provision` in the terminal's own staff
// database: the file the kiosk and the staff console open (electron/staff/, under the kiosk's
// eligibility data folder), so the account IT creates is the one staff log in with.
import { existsSync, readFileSync } from 'node:fs';
import type { Clock } from '../clock';
import { createStaffAccounts, validatePasscode, type StaffAccounts } from '../staff/accounts';
import { openStaffDatabase, staffDbPath } from '../staff/database';
import { provisionFirstAdmin } from '../staff/index';
import { ItError } from './it-error';

export interface AdminAccounts {
  /** True once any administrator exists (provision then refuses to create another "first" one). */
  hasAdmin(): boolean;
  hasAccount(name: string): boolean;
  /** Creates the administrator; the password is hashed by the accounts module, never stored here. */
  createAdmin(name: string, password: string): Promise<void>;
}

/** The administrator provision is to create, read from the command line and the password file. */
export interface FirstAdmin {
  name: string;
  password: string;
}

const MIN_PASSWORD = 12;

/**
 * The staff accounts of a kiosk data folder (config `eligibility.dataDir`, resolved as the kiosk
 * resolves it). The checks only read, and never create the database: a refused provision leaves
 * nothing behind.
 */
export function staffAdminAccounts(kioskDataDir: string, clock: Clock): AdminAccounts {
  const read = <T>(query: (accounts: StaffAccounts) => T, none: T): T => {
    const path = staffDbPath(kioskDataDir);
    if (!existsSync(path)) return none;
    const db = openStaffDatabase(path, { readonly: true });
    try {
      return query(createStaffAccounts(db, clock));
    } finally {
      db.close();
    }
  };
  return {
    hasAdmin: () => read((accounts) => accounts.hasAdmin(), false),
    hasAccount: (name) => read((accounts) => accounts.find(name) !== undefined, false),
    createAdmin: async (name, password) => {
      await provisionFirstAdmin({ dataDir: kioskDataDir, name, passcode: password, clock });
    },
  };
}

/**
 * Checks `--admin-user NAME --admin-password-file FILE` (a file, so the password is never on a
 * command line or in shell history) before provision writes anything. Throws ItError on every
 * refusal; no message ever carries the password.
 */
export function readFirstAdmin(name: string, passwordFile: string | undefined): FirstAdmin {
  checkAdminName(name);
  if (!passwordFile)
    throw new ItError('--admin-password-file', 'not given', 'a file holding the password on its first line');
  let password: string;
  try {
    password = readFileSync(passwordFile, 'utf8').split(/\r?\n/)[0] ?? '';
  } catch {
    throw new ItError(
      '--admin-password-file',
      `cannot read ${passwordFile}`,
      'a readable file holding the password',
    );
  }
  return checkFirstAdmin(name, password);
}

/** The same checks for a name and password typed at the prompts. */
export function checkFirstAdmin(name: string, password: string): FirstAdmin {
  checkAdminName(name);
  if (password.length < MIN_PASSWORD) {
    throw new ItError(
      '--admin-password-file',
      'the password is too short',
      `at least ${MIN_PASSWORD} characters`,
    );
  }
  try {
    validatePasscode(password);
  } catch {
    throw new ItError(
      '--admin-password-file',
      'the password is too long or holds control characters',
      'at most 64 printable characters',
    );
  }
  return { name, password };
}

export function checkAdminName(name: string): void {
  if (!/^[a-z][a-z0-9._-]{2,31}$/.test(name)) {
    throw new ItError(
      '--admin-user',
      `"${name}" is not a user name`,
      '3–32 of a-z 0-9 . _ -, starting with a letter',
    );
  }
}

/** Refuses a first administrator where one exists already (or the name is taken). */
export function refuseExistingAdmin(accounts: AdminAccounts, admin: FirstAdmin): void {
  if (accounts.hasAdmin()) {
    throw new ItError(
      '--admin-user',
      'an administrator already exists',
      'uketsuke staff add --data-dir DIR --name NAME --role admin for further accounts',
    );
  }
  if (accounts.hasAccount(admin.name)) {
    throw new ItError('--admin-user', `an account "${admin.name}" already exists`, 'another user name');
  }
}

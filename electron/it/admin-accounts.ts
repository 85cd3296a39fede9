// What provision needs from the staff accounts (electron/staff/, issue #15) to create the first
// administrator. That module is not on main yet: until a build wires an implementation, provision
// refuses --admin-user with a message saying so, rather than pretending to create an account.
import { readFileSync } from 'node:fs';
import { ItError } from './it-error';

export interface AdminAccounts {
  /** True once any administrator exists (provision then refuses to create another "first" one). */
  hasAdmin(): boolean;
  /** Creates the administrator; the password is hashed by the accounts module, never stored here. */
  createAdmin(user: string, password: string): void;
}

const MIN_PASSWORD = 12;

/**
 * Checks `--admin-user NAME --admin-password-file FILE` (a file, so the password is never on a
 * command line or in shell history) before provision writes anything; returns the step that creates
 * the account once the config is written. Throws ItError on every refusal.
 */
export function prepareFirstAdmin(
  accounts: AdminAccounts | undefined,
  user: string,
  passwordFile: string | undefined,
): () => void {
  if (!accounts) {
    throw new ItError(
      '--admin-user',
      'this build has no staff accounts yet',
      'a build with electron/staff/ (issue #15)',
    );
  }
  if (!/^[a-z][a-z0-9._-]{2,31}$/.test(user)) {
    throw new ItError(
      '--admin-user',
      `"${user}" is not a user name`,
      '3–32 of a-z 0-9 . _ -, starting with a letter',
    );
  }
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
  if (password.length < MIN_PASSWORD) {
    throw new ItError(
      '--admin-password-file',
      'the password is too short',
      `at least ${MIN_PASSWORD} characters`,
    );
  }
  if (accounts.hasAdmin()) {
    throw new ItError(
      '--admin-user',
      'an administrator already exists',
      'staff tools to add further accounts',
    );
  }
  return () => accounts.createAdmin(user, password);
}

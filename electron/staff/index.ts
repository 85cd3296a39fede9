// The staff side of a kiosk: its accounts and its audit log, opened from the kiosk's data folder.
// The kiosk, the staff console, the command line (scripts/staff.ts, scripts/audit.ts) and IT's
// provisioning all open the same file through here.
import type { Clock } from '../clock';
import { createAuditLog, createSubjectDigest, type AuditLog } from '../audit/audit-log';
import { KioskError } from '../errors/kiosk-error';
import { createStaffAccounts, type StaffAccount, type StaffAccounts } from './accounts';
import { openStaffDatabase, staffDbPath, type StaffDb } from './database';

export interface StaffServices {
  readonly db: StaffDb;
  readonly accounts: StaffAccounts;
  readonly audit: AuditLog;
  /** Keyed hash of a certificate serial for the audit log (the kiosk's master key). */
  readonly subjectDigest: (certificateSerial: string) => string;
  close(): void;
}

export function openStaffServices(options: {
  /** The kiosk's data folder (config eligibility.dataDir, resolved as the kiosk resolves it). */
  dataDir: string;
  clock: Clock;
  /** The kiosk's master key (its KeyStore); only needed to hash certificate serials. */
  masterKey?: Buffer;
}): StaffServices {
  const db = openStaffDatabase(staffDbPath(options.dataDir));
  const masterKey = options.masterKey;
  const digest = masterKey ? createSubjectDigest(masterKey) : undefined;
  return {
    db,
    accounts: createStaffAccounts(db, options.clock),
    audit: createAuditLog(db, options.clock),
    subjectDigest: (serial) => {
      if (!digest) throw new Error('subjectDigest needs the kiosk master key');
      return digest(serial);
    },
    close: () => db.close(),
  };
}

/**
 * Creates a terminal's first administrator (IT's `uketsuke provision` calls this). Refuses when an
 * administrator exists already: further accounts are added with `uketsuke staff add` (or `npm run staff -- add` in a checkout).
 */
export async function provisionFirstAdmin(options: {
  dataDir: string;
  name: string;
  passcode: string;
  clock: Clock;
}): Promise<StaffAccount> {
  const staff = openStaffServices({ dataDir: options.dataDir, clock: options.clock });
  try {
    if (staff.accounts.hasAdmin()) throw new KioskError('staff.account-exists', 'an admin exists');
    const account = await staff.accounts.add({
      name: options.name,
      role: 'admin',
      passcode: options.passcode,
    });
    staff.audit.record({
      actor: 'it',
      action: 'staff.account-add',
      outcome: 'ok',
      detail: { role: 'admin', first: true },
    });
    return account;
  } finally {
    staff.close();
  }
}

export { MAX_FAILED_ATTEMPTS, STAFF_ROLES, type StaffAccount, type StaffRole } from './accounts';
export { staffDbPath } from './database';

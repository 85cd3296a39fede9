// Doctor's audit-log check: the hash chain of the audit log in the terminal's staff database (the
// file the kiosk and the staff console write), walked by the audit module's own verifier. Opened
// read-only: doctor never changes the evidence it looks at.
import { existsSync } from 'node:fs';
import { verifyAuditChain } from '../audit/audit-log';
import { openStaffDatabase, staffDbPath, type StaffDb } from '../staff/database';
import { fail, ok, warn, type CheckResult } from './check-result';

const CHECK = 'audit log';

/** Checks the audit chain in the staff database of a kiosk data folder (config eligibility.dataDir). */
export function checkAuditChain(kioskDataDir: string): CheckResult {
  const path = staffDbPath(kioskDataDir);
  if (!existsSync(path)) {
    return warn(
      CHECK,
      `${path} does not exist yet`,
      'create the first administrator (uketsuke provision --admin-user NAME --admin-password-file FILE) or start the kiosk once: either creates it',
    );
  }
  const keep = `keep ${path} as it is (copy it aside, do not edit, replace or delete it), report it to the clinic's security officer and send a support bundle (uketsuke support-bundle) to your vendor`;
  let db: StaffDb | undefined;
  try {
    db = openStaffDatabase(path, { readonly: true });
    const verdict = verifyAuditChain(db);
    return verdict.ok
      ? ok(CHECK, `chain intact, ${verdict.rows} ${verdict.rows === 1 ? 'row' : 'rows'}`)
      : fail(
          CHECK,
          `chain broken at row ${verdict.firstBrokenSeq} (${verdict.rows} rows in the log): ${verdict.reason}`,
          `the log was altered outside the kiosk: ${keep}`,
        );
  } catch (error) {
    return fail(
      CHECK,
      `${path} cannot be read (${error instanceof Error ? error.message : 'unreadable'})`,
      `the staff database is damaged: ${keep}`,
    );
  } finally {
    db?.close();
  }
}

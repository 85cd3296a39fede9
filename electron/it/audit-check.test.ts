// Doctor's audit-log check on a real staff database file: intact, a row edited, a row deleted,
// the file damaged, no file yet.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../audit/audit-log';
import { manualClock, SIMULATED_WORLD_START } from '../clock';
import { openStaffDatabase, staffDbPath } from '../staff/database';
import { checkAuditChain } from './audit-check';

/** A kiosk data folder whose staff database holds three audit rows. */
function kioskDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'uketsuke-audit-check-'));
  const db = openStaffDatabase(staffDbPath(dir));
  const audit = createAuditLog(db, manualClock(SIMULATED_WORLD_START));
  audit.record({ actor: 'hanako', action: 'staff.login', outcome: 'ok' });
  audit.record({ actor: 'hanako', action: 'eligibility.lookup', outcome: 'ok', recordRef: 'r-1' });
  audit.record({ actor: 'hanako', action: 'staff.logout', outcome: 'ok' });
  db.close();
  return dir;
}

/** What someone with a SQLite tool could do to the file: the triggers dropped, then the change. */
function tamper(dir: string, sql: string): void {
  const db = new Database(staffDbPath(dir));
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
  db.close();
}

describe('the audit-log check of uketsuke doctor', () => {
  it('is OK on an intact chain', () => {
    expect(checkAuditChain(kioskDataDir())).toEqual({
      check: 'audit log',
      status: 'OK',
      detail: 'chain intact, 3 rows',
    });
  });

  it('FAILs naming the first broken row when a row was edited, with what to do', () => {
    const dir = kioskDataDir();
    tamper(dir, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2");
    const result = checkAuditChain(dir);
    expect(result).toMatchObject({
      status: 'FAIL',
      detail:
        'chain broken at row 2 (3 rows in the log): its contents do not match its hash (edited or moved)',
    });
    expect(result.fix).toMatch(/altered outside the kiosk: keep .*staff\.db as it is/);
    expect(result.fix).toMatch(/support bundle/);
  });

  it('FAILs naming the missing row when a row was deleted, and when the last one was cut off', () => {
    const dir = kioskDataDir();
    tamper(dir, 'DELETE FROM audit_log WHERE seq = 2');
    expect(checkAuditChain(dir)).toMatchObject({
      status: 'FAIL',
      detail: 'chain broken at row 3 (2 rows in the log): row 2 is missing',
    });
    const cut = kioskDataDir();
    tamper(cut, 'DELETE FROM audit_log WHERE seq = 3');
    expect(checkAuditChain(cut)).toMatchObject({
      status: 'FAIL',
      detail: expect.stringMatching(/^chain broken at row 3 \(2 rows in the log\): .*cut off the end/),
    });
  });

  it('FAILs when the staff database is not a database', () => {
    const dir = kioskDataDir();
    const bytes = readFileSync(staffDbPath(dir));
    bytes.fill(0x5a, 0, 100); // the SQLite header
    writeFileSync(staffDbPath(dir), bytes);
    expect(checkAuditChain(dir)).toMatchObject({
      status: 'FAIL',
      detail: expect.stringMatching(/staff\.db cannot be read/),
      fix: expect.stringMatching(/damaged/),
    });
  });

  it('WARNs before the staff database exists, and does not create it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uketsuke-audit-check-'));
    expect(checkAuditChain(dir)).toMatchObject({
      status: 'WARN',
      fix: expect.stringMatching(/--admin-user/),
    });
    expect(existsSync(staffDbPath(dir))).toBe(false);
  });
});

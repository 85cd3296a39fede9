import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { manualClock, SIMULATED_WORLD_START } from '../clock';
import { openStaffDatabase, staffDbPath } from '../staff/database';
import { createAuditLog, createSubjectDigest, rowHash, verifyAuditChain } from './audit-log';

/** A staff database with five audit rows, closed; returns its path. */
function auditedFile(): string {
  const path = staffDbPath(mkdtempSync(join(tmpdir(), 'uketsuke-audit-')));
  const db = openStaffDatabase(path);
  const clock = manualClock(SIMULATED_WORLD_START);
  const audit = createAuditLog(db, clock);
  const subject = createSubjectDigest(Buffer.alloc(32, 7))('0a1b2c3d');
  audit.record({ actor: 'hanako', action: 'staff.login', outcome: 'ok' });
  audit.record({ actor: 'hanako', action: 'eligibility.lookup', outcome: 'ok', recordRef: 'r-1' });
  audit.record({ actor: 'hanako', action: 'visual-check.confirm', outcome: 'ok', subject, recordRef: 'r-2' });
  audit.record({ actor: 'hanako', action: 'eligibility.batch-run', outcome: 'ok', detail: { rows: 20 } });
  audit.record({ actor: 'hanako', action: 'staff.logout', outcome: 'ok' });
  db.close();
  return path;
}

/** Opens the file the way an intruder with a SQLite tool would: triggers dropped. */
function tamper(path: string, sql: string): void {
  const db = new Database(path);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
  db.close();
}

function verdict(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return verifyAuditChain(db);
  } finally {
    db.close();
  }
}

describe('the audit log', () => {
  it('chains every row to the one before it and verifies', () => {
    const path = auditedFile();
    expect(verdict(path)).toMatchObject({ ok: true, rows: 5 });
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq').all() as Array<{
      prev_hash: string;
      hash: string;
    }>;
    db.close();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('refuses UPDATE and DELETE through SQLite itself', () => {
    const db = new Database(auditedFile());
    expect(() => db.exec("UPDATE audit_log SET outcome = 'refused' WHERE seq = 2")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log WHERE seq = 2')).toThrow(/append-only/);
    db.close();
  });

  it('names an edited row', () => {
    const path = auditedFile();
    tamper(path, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3");
    expect(verdict(path)).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: expect.stringMatching(/edited/),
    });
  });

  it('names the row after a deleted one', () => {
    const path = auditedFile();
    tamper(path, 'DELETE FROM audit_log WHERE seq = 2');
    expect(verdict(path)).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'row 2 is missing' });
  });

  it('names the first of two rows swapped in order', () => {
    const path = auditedFile();
    tamper(
      path,
      `UPDATE audit_log SET seq = -2 WHERE seq = 2;
       UPDATE audit_log SET seq = 2 WHERE seq = 4;
       UPDATE audit_log SET seq = 4 WHERE seq = -2;`,
    );
    expect(verdict(path)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  it('an edited row given a fresh hash of its own still breaks the link of the row after it', () => {
    const path = auditedFile();
    const db = new Database(path, { readonly: true });
    const { hash: _old, ...row } = createAuditLog(db, manualClock(SIMULATED_WORLD_START)).all()[2]!;
    db.close();
    const forged = rowHash({ ...row, actor: 'someone-else' });
    tamper(path, `UPDATE audit_log SET actor = 'someone-else', hash = '${forged}' WHERE seq = 3`);
    expect(verdict(path)).toMatchObject({
      ok: false,
      firstBrokenSeq: 4,
      reason: expect.stringMatching(/follow/),
    });
  });

  it('notices rows cut off the end', () => {
    const path = auditedFile();
    tamper(path, 'DELETE FROM audit_log WHERE seq >= 4');
    expect(verdict(path)).toMatchObject({
      ok: false,
      firstBrokenSeq: 4,
      reason: expect.stringMatching(/cut off/),
    });
  });

  it('keeps only a keyed hash of the certificate serial', () => {
    const digest = createSubjectDigest(Buffer.alloc(32, 1));
    expect(digest('0A1B')).toBe(digest('0a1b'));
    expect(digest('0a1b')).not.toBe(createSubjectDigest(Buffer.alloc(32, 2))('0a1b'));
    expect(digest('0a1b')).not.toContain('0a1b');
  });
});

// IT's two command lines against a real staff database: `npm run staff -- add` (passcode on stdin)
// and `npm run audit -- verify`, which must exit non-zero naming the first broken row.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const tsx = join(root, 'node_modules/.bin/tsx');

function run(script: string, args: string[], input = '') {
  const result = spawnSync(tsx, [join(root, 'scripts', script), ...args], { input, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run staff and npm run audit', () => {
  it('adds accounts, verifies the chain, and names the row an intruder edited', { timeout: 180_000 }, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'uketsuke-cli-'));
    const at = ['--data-dir', dataDir];
    expect(run('staff.ts', ['add', '--name', 'admin', '--role', 'admin', ...at], 'admin-pass-1\n').code).toBe(
      0,
    );
    expect(run('staff.ts', ['add', '--name', 'hanako', ...at], 'hanako-pass\n').code).toBe(0);
    expect(run('staff.ts', ['add', '--name', 'hanako', ...at], 'other-pass\n')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/already exists/),
    });
    expect(run('staff.ts', ['list', ...at]).out).toBe('admin\tadmin\nhanako\tstaff\n');
    expect(run('audit.ts', ['verify', ...at])).toMatchObject({
      code: 0,
      out: expect.stringMatching(/2 rows, chain intact/),
    });

    // The batch CLI writes its answers into this kiosk's own database and audits the run.
    const batch = run('eligibility.ts', [
      'batch',
      join(root, 'test/fixtures/eligibility/reservations.csv'),
      '--embedded-sim',
      ...at,
    ]);
    expect(batch.out).toMatch(/summary: \d+ valid/);
    const eligibility = new Database(join(dataDir, 'eligibility.db'), { readonly: true });
    expect(
      (eligibility.prepare('SELECT count(*) AS n FROM answers').get() as { n: number }).n,
    ).toBeGreaterThan(0);
    eligibility.close();
    expect(run('audit.ts', ['show', ...at]).out).toMatch(/"action":"eligibility.batch-run".*where.*cli/);

    const db = new Database(join(dataDir, 'staff.db'));
    db.exec(
      `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{"role":"staff"}' WHERE seq = 1`,
    );
    db.close();
    const broken = run('audit.ts', ['verify', ...at]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/BROKEN at row 1: its contents do not match its hash/);
  });
});

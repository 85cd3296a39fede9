import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock, SIMULATED_WORLD_START } from '../clock';
import { rejectionCode } from '../../test/support/kiosk-error-code';
import { openStaffServices, provisionFirstAdmin } from './index';

function staffIn(dataDir = mkdtempSync(join(tmpdir(), 'uketsuke-staff-'))) {
  return { dataDir, staff: openStaffServices({ dataDir, clock: manualClock(SIMULATED_WORLD_START) }) };
}

// Each passcode check is a real scrypt hash (128 MiB, about 0.5 s, more on a loaded machine).
describe('staff accounts', { timeout: 120_000 }, () => {
  it('stores only an scrypt hash and accepts the right passcode', async () => {
    const { staff } = staffIn();
    await staff.accounts.add({ name: '受付 花子', role: 'staff', passcode: '482913' });
    const stored = staff.db.prepare('SELECT passcode_hash FROM staff_accounts').get() as {
      passcode_hash: string;
    };
    expect(stored.passcode_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(stored.passcode_hash).not.toContain('482913');
    expect(await staff.accounts.authenticate('受付 花子', '482913')).toMatchObject({
      ok: true,
      account: { role: 'staff' },
    });
    expect(await staff.accounts.authenticate('受付 花子', '000000')).toMatchObject({
      ok: false,
      code: 'staff.login-failed',
    });
    expect(await staff.accounts.authenticate('nobody', '482913')).toEqual({
      ok: false,
      code: 'staff.login-failed',
    });
  });

  it('locks after three wrong passcodes in a row, even against parallel guesses, until unlocked', async () => {
    const { staff } = staffIn();
    await staff.accounts.add({ name: 'suzuki', role: 'staff', passcode: '135790' });
    const guesses = await Promise.all(
      ['111111', '222222', '333333', '444444'].map((guess) => staff.accounts.authenticate('suzuki', guess)),
    );
    expect(guesses.map((g) => !g.ok && g.code)).toEqual([
      'staff.login-failed',
      'staff.login-failed',
      'staff.locked',
      'staff.locked',
    ]);
    // The right passcode no longer opens a locked account.
    expect(await staff.accounts.authenticate('suzuki', '135790')).toMatchObject({ code: 'staff.locked' });
    staff.accounts.unlock('suzuki');
    expect(await staff.accounts.authenticate('suzuki', '135790')).toMatchObject({ ok: true });
  });

  it('a correct passcode resets the count of wrong ones', async () => {
    const { staff } = staffIn();
    await staff.accounts.add({ name: 'tanaka', role: 'admin', passcode: 'correct horse' });
    await staff.accounts.authenticate('tanaka', 'wrong-1');
    await staff.accounts.authenticate('tanaka', 'wrong-2');
    await staff.accounts.authenticate('tanaka', 'correct horse');
    expect(await staff.accounts.authenticate('tanaka', 'wrong-3')).toMatchObject({
      code: 'staff.login-failed',
    });
  });

  it('refuses bad details and duplicate names with catalogue codes', async () => {
    const { staff } = staffIn();
    expect(await rejectionCode(staff.accounts.add({ name: 'a', role: 'staff', passcode: '12345' }))).toBe(
      'staff.account-invalid',
    );
    expect(await rejectionCode(staff.accounts.add({ name: '', role: 'staff', passcode: '123456' }))).toBe(
      'staff.account-invalid',
    );
    await staff.accounts.add({ name: 'a', role: 'staff', passcode: '123456' });
    expect(await rejectionCode(staff.accounts.add({ name: 'a', role: 'admin', passcode: '654321' }))).toBe(
      'staff.account-exists',
    );
  });

  it('provisions the first admin once, and audits it', async () => {
    const { dataDir, staff } = staffIn();
    staff.close();
    const clock = manualClock(SIMULATED_WORLD_START);
    await provisionFirstAdmin({ dataDir, name: 'it-admin', passcode: 'first-admin-pass', clock });
    expect(
      await rejectionCode(provisionFirstAdmin({ dataDir, name: 'second', passcode: 'second-pass', clock })),
    ).toBe('staff.account-exists');
    const reopened = staffIn(dataDir).staff;
    expect(reopened.accounts.list().map((a) => [a.name, a.role])).toEqual([['it-admin', 'admin']]);
    expect(reopened.audit.all().map((row) => [row.actor, row.action])).toEqual([['it', 'staff.account-add']]);
  });
});

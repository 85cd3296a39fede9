import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock, SIMULATED_WORLD_START } from '../clock';
import { openStaffServices } from './index';
import { createVisualCheckDesk } from './visual-check';

async function openDesk() {
  const staff = openStaffServices({
    dataDir: mkdtempSync(join(tmpdir(), 'uketsuke-visual-')),
    clock: manualClock(SIMULATED_WORLD_START),
    masterKey: Buffer.alloc(32, 3),
  });
  await staff.accounts.add({ name: 'hanako', role: 'staff', passcode: '482913' });
  return { staff, desk: createVisualCheckDesk(staff) };
}

// Each passcode check is a real scrypt hash (128 MiB, about 0.5 s, more on a loaded machine).
describe('the visual check desk', { timeout: 120_000 }, () => {
  it('authorises staff by passcode and audits the decision against a keyed hash of the serial', async () => {
    const { staff, desk } = await openDesk();
    expect(desk.staffNames()).toEqual(['hanako']);
    const authorised = await desk.authorise('hanako', '482913');
    expect(authorised).toMatchObject({ ok: true, actor: { name: 'hanako' } });
    if (!authorised.ok) return;
    desk.decided(authorised.actor, 'confirm', { certificateSerial: '0A1B2C3D4E', recordRef: 'request-1' });
    const rows = staff.audit.all();
    expect(rows.map((row) => row.action)).toEqual(['visual-check.start', 'visual-check.confirm']);
    expect(rows[1]).toMatchObject({ subject: staff.subjectDigest('0a1b2c3d4e'), recordRef: 'request-1' });
    expect(JSON.stringify(rows)).not.toMatch(/0A1B2C3D4E|0a1b2c3d4e|482913/);
  });

  it('locks the account after three wrong passcodes typed on the kiosk, for the console too', async () => {
    const { staff, desk } = await openDesk();
    for (const guess of ['000001', '000002']) {
      expect(await desk.authorise('hanako', guess)).toEqual({ ok: false, code: 'staff.login-failed' });
    }
    expect(await desk.authorise('hanako', '000003')).toEqual({ ok: false, code: 'staff.locked' });
    expect(await desk.authorise('hanako', '482913')).toEqual({ ok: false, code: 'staff.locked' });
    expect(await staff.accounts.authenticate('hanako', '482913')).toMatchObject({ code: 'staff.locked' });
    expect(desk.staffNames()).toEqual([]);
    expect(staff.audit.all().filter((row) => row.action === 'staff.login-refused')).toHaveLength(4);
  });
});

// The visual check (目視確認) end to end in a real browser: the face path fails (a still photograph
// cannot answer the liveness challenge), the patient calls staff, staff use the kiosk's labelled
// staff control, type their passcode on the kiosk's screen, compare the chip photo with the live
// camera and confirm; the patient answers consent and is checked in. The service receives a visual
// check, the audit log names the staff member, the card got no VERIFY beyond the face path's one,
// and the next patient is on self-service again.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, startTestKiosk, type TestKiosk } from './harness';

const PASSCODE = '482913';
let kiosk: TestKiosk;

beforeAll(async () => {
  kiosk = await startTestKiosk({
    fakeCameraFile: join(FIXTURES, 'faces/yamada-taro-live.y4m'),
    config: {
      staffConsole: { port: 0 },
      face: {
        maxAttempts: 2,
        attemptTimeoutMs: 8_000,
        liveness: { challengesPerAttempt: 1, challengeTimeoutMs: 2_500 },
      },
    },
  });
  await kiosk.staffConsole.staff.accounts.add({ name: 'hanako', role: 'staff', passcode: PASSCODE });
}, 120_000);

afterAll(async () => {
  await kiosk?.close();
});

const isVerify = (entry: { command: Uint8Array | number[] }) =>
  entry.command[1] === 0x20 && entry.command.length > 5;

/** From the method choice: 職員を呼ぶ, then the labelled staff control, to the staff login. */
async function openStaffLogin(): Promise<void> {
  const page = kiosk.window.page();
  await page
    .getByRole('button', { name: /職員を呼ぶ/ })
    .first()
    .click();
  await page.getByRole('button', { name: '職員操作：目視確認' }).click();
  await page.getByRole('heading', { name: '職員ログイン（目視確認）' }).waitFor();
}

describe('the visual check at the kiosk', () => {
  it('face fails → staff control → passcode → visual check confirmed → consent → done', async () => {
    const page = kiosk.window.page();
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
    const card = kiosk.world.controls.insertCard('yamada-taro');
    await page.getByRole('button', { name: /顔認証/ }).click();
    await page.getByRole('heading', { name: 'カメラに顔を向けてください' }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: '本人確認の方法を選んでください' }).waitFor({ timeout: 60_000 });
    const verifiesBefore = card.apduLog.filter(isVerify).length;
    expect(verifiesBefore).toBe(1); // the face path's 照合番号B

    await openStaffLogin();
    await page.getByLabel('パスコード').fill('731104');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: '名前またはパスコードが違います' })
      .waitFor({ timeout: 20_000 });
    expect(await page.getByLabel('パスコード').inputValue()).toBe('');
    await page.getByLabel('パスコード').fill(PASSCODE);
    await page.getByRole('button', { name: 'ログイン' }).click();

    await page.getByRole('heading', { name: '目視確認（hanako）' }).waitFor({ timeout: 20_000 });
    const photo = page.locator('img.chip-photo');
    expect(await photo.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    // The chip photo is drawn: the browser decoded it.
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('.birth-date').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.locator('.expiry').textContent()).toMatch(/^\d{4}年$/);
    await page.getByRole('button', { name: '本人と確認した' }).click();

    // The patient answers consent themselves.
    await page.getByRole('heading', { name: '情報の提供に同意しますか' }).waitFor();
    expect(await page.locator('img.chip-photo').count()).toBe(0);
    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    await page.getByRole('heading', { name: '受付が完了しました' }).waitFor({ timeout: 30_000 });

    expect(kiosk.world.controls.eligibility.confirmationMethods()).toEqual(['staff-visual']);
    const audit = kiosk.staffConsole.staff.audit.all();
    expect(audit.map((row) => `${row.actor}:${row.action}`)).toEqual([
      'hanako:staff.login-refused',
      'hanako:visual-check.start',
      'hanako:visual-check.confirm',
    ]);
    expect(JSON.stringify(audit)).not.toMatch(new RegExp(`${PASSCODE}|731104`));
    expect(kiosk.logLines.join('\n')).not.toMatch(new RegExp(`${PASSCODE}|731104|data:image`));
    // No VERIFY beyond the face path's one: the visual check sends none and resets nothing.
    expect(card.apduLog.filter(isVerify)).toHaveLength(verifiesBefore);
    // Nothing of the photo is kept in the renderer's storage.
    const stored = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    expect(stored).not.toMatch(/data:image/);

    // The next patient is on self-service: no staff mode left on.
    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
    kiosk.world.controls.insertCard('sato-hanako');
    await page.getByRole('heading', { name: '本人確認の方法を選んでください' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { name: /目視確認/ }).count()).toBe(0);
    kiosk.world.controls.removeCard();
  });

  it('a passcode typed wrong three times on the kiosk locks the account: the name is withdrawn, the right passcode refused', async () => {
    const KENJI = '605218';
    await kiosk.staffConsole.staff.accounts.add({ name: 'kenji', role: 'staff', passcode: KENJI });
    const page = kiosk.window.page();
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
    const card = kiosk.world.controls.insertCard('yamada-taro');
    await page.getByRole('heading', { name: '本人確認の方法を選んでください' }).waitFor({ timeout: 30_000 });
    await openStaffLogin();
    await page.getByLabel('職員名').selectOption('kenji');
    const refusals = () =>
      kiosk.staffConsole.staff.audit
        .all()
        .filter((row) => row.actor === 'kenji' && row.action === 'staff.login-refused').length;
    for (const [i, wrong] of ['111111', '222222', '333333'].entries()) {
      await page.getByLabel('パスコード').fill(wrong);
      await page.getByRole('button', { name: 'ログイン' }).click();
      // Each answer is decided on the trusted side (and audited) before the next is typed.
      await expect.poll(refusals, { timeout: 20_000 }).toBe(i + 1);
    }
    // The third refusal locks the account: the kiosk says so and no longer offers the name, so not
    // even the right passcode can be tried.
    await page.getByRole('alert').filter({ hasText: 'このアカウントはロックされています' }).waitFor();
    expect(await page.getByLabel('職員名').locator('option').allTextContents()).toEqual(['hanako']);
    expect(await page.getByRole('heading', { name: /目視確認（kenji）/ }).count()).toBe(0);
    expect(await kiosk.staffConsole.staff.accounts.authenticate('kenji', KENJI)).toMatchObject({ ok: false });

    // Locked for the console too (one account store), until IT unlocks it.
    expect(kiosk.staffConsole.staff.accounts.find('kenji')?.locked).toBe(true);
    const kenjiRows = kiosk.staffConsole.staff.audit.all().filter((row) => row.actor === 'kenji');
    expect(kenjiRows.map((row) => row.action)).not.toContain('visual-check.start');
    expect(kenjiRows.filter((row) => row.action === 'staff.login-refused').length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(kenjiRows) + kiosk.logLines.join('\n')).not.toMatch(
      new RegExp(`${KENJI}|111111|222222|333333`),
    );
    // Staff logging in spends nothing of the card's.
    expect(card.apduLog.filter(isVerify)).toHaveLength(0);
    kiosk.world.controls.removeCard();
  });
});

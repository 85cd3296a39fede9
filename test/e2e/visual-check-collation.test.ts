// Staff typing 照合番号B at the kiosk, end to end in a real browser: the printed card face cannot
// be read (the card-tray camera sees a blurred, dark card), the patient calls staff, staff sign in
// on the kiosk and type 照合番号B off the card in hand (masked). The virtual card's APDU log shows
// exactly one VERIFY of the card-surface AP carrying it; on success the chip photo is read and the
// visual check, consent and check-in follow; a wrong number is refused with the tries left and
// never sent again.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedApdu, VirtualMyNumberCard } from '../../sim/card/virtual-card';
import { AID, collationBOf } from '../../sim/card/card-image';
import { loadSimPerson } from '../../sim/card/sim-world';
import { FIXTURES, startTestKiosk, type TestKiosk } from './harness';

const PASSCODE = '482913';
let kiosk: TestKiosk;

beforeAll(async () => {
  kiosk = await startTestKiosk({
    fakeCameraFile: join(FIXTURES, 'faces/yamada-taro-live.y4m'),
    // One placement: an unreadable face goes straight to the choice (then 職員を呼ぶ).
    config: { staffConsole: { port: 0 }, cardFace: { placementsBeforeAlternatives: 1 } },
  });
  await kiosk.staffConsole.staff.accounts.add({ name: 'hanako', role: 'staff', passcode: PASSCODE });
}, 120_000);

afterAll(async () => {
  await kiosk?.close();
});

const SELECT_BY_NAME = [0x00, 0xa4, 0x04];
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

/** VERIFYs that carried a secret, each with the application selected when it was sent. */
function verifies(card: VirtualMyNumberCard): Array<{ aid: string; entry: LoggedApdu }> {
  let aid = '';
  const out: Array<{ aid: string; entry: LoggedApdu }> = [];
  for (const entry of card.apduLog) {
    const c = entry.command;
    if (SELECT_BY_NAME.every((b, i) => c[i] === b) && entry.sw === 0x9000) aid = hex(c.slice(5, 5 + c[4]!));
    if (c[1] === 0x20 && c.length > 5) out.push({ aid, entry });
  }
  return out;
}

/** The patient's card face cannot be read; they call staff; staff sign in at the kiosk. */
async function toCollationEntry(personId: string): Promise<VirtualMyNumberCard> {
  const page = kiosk.window.page();
  await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
  const card = kiosk.world.controls.insertCard(personId, { variant: 'unreadable' });
  await page.getByRole('button', { name: /顔認証/ }).click();
  // Back on the choice, the face path withdrawn: the front could not be read.
  await page
    .getByText('カードの表面を読み取れませんでした', { exact: false })
    .first()
    .waitFor({ timeout: 60_000 });
  expect(verifies(card)).toEqual([]); // nothing was read, so nothing was sent
  await page
    .getByRole('button', { name: /職員を呼ぶ/ })
    .first()
    .click();
  await page.getByRole('button', { name: '職員操作：目視確認' }).click();
  await page.getByLabel('パスコード').fill(PASSCODE);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('heading', { name: '照合番号Bの入力（hanako）' }).waitFor({ timeout: 20_000 });
  // Masked as it is typed.
  expect(await page.getByLabel('照合番号B').getAttribute('type')).toBe('password');
  return card;
}

describe('staff type 照合番号B at the kiosk', () => {
  it('unreadable card face → staff control → passcode → 照合番号B → one VERIFY → visual check → consent → done', async () => {
    const page = kiosk.window.page();
    const right = collationBOf(loadSimPerson('yamada-taro'));
    const card = await toCollationEntry('yamada-taro');

    // A typo in the expiry year is refused before the card.
    const wrongYear = `${right.slice(0, 6)}${Number(right.slice(6, 10)) + 1}${right.slice(10)}`;
    await page.getByLabel('照合番号B').fill(wrongYear);
    await page.getByRole('button', { name: 'カードに送信する' }).click();
    await page.getByRole('alert').filter({ hasText: 'ICチップと一致しません' }).waitFor();
    expect(await page.getByLabel('照合番号B').inputValue()).toBe('');
    expect(verifies(card)).toEqual([]);

    await page.getByLabel('照合番号B').fill(`${right.slice(0, 6)} ${right.slice(6, 10)} ${right.slice(10)}`);
    await page.getByRole('button', { name: 'カードに送信する' }).click();
    await page.getByRole('heading', { name: '目視確認（hanako）' }).waitFor({ timeout: 20_000 });
    const sent = verifies(card);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.aid).toBe(AID.CARD_SURFACE);
    expect(sent[0]!.entry.command[4]).toBe(14);
    expect(sent[0]!.entry.sw).toBe(0x9000);

    // The chip photo, read after the card-surface AP opened, beside the camera; the card's data.
    const photo = page.locator('img.chip-photo');
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('.birth-date').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.locator('.expiry').textContent()).toBe(`${right.slice(6, 10)}年`);
    await page.getByRole('button', { name: '本人と確認した' }).click();

    await page.getByRole('heading', { name: '情報の提供に同意しますか' }).waitFor();
    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    await page.getByRole('heading', { name: '受付が完了しました' }).waitFor({ timeout: 30_000 });

    expect(kiosk.world.controls.eligibility.confirmationMethods()).toEqual(['staff-visual']);
    const audit = kiosk.staffConsole.staff.audit.all();
    expect(audit.map((row) => `${row.actor}:${row.action}:${row.outcome}`)).toEqual([
      'hanako:visual-check.start:ok',
      'hanako:visual-check.collation-number:ok',
      'hanako:visual-check.confirm:ok',
    ]);
    expect(verifies(card)).toHaveLength(1);
    // The number is in no log line and no audit row, nor in the renderer's storage.
    const secrets = new RegExp(`${right}|${wrongYear}`);
    expect(JSON.stringify(audit)).not.toMatch(secrets);
    expect(kiosk.logLines.join('\n')).not.toMatch(secrets);
    const stored = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    expect(stored).not.toMatch(secrets);
    kiosk.world.controls.removeCard();
  });

  it('a wrong number: one VERIFY, refused with the tries left, nothing resent', async () => {
    const page = kiosk.window.page();
    const right = collationBOf(loadSimPerson('sato-hanako'));
    const wrong = `${right.slice(0, 10)}${right.slice(10) === '0000' ? '1111' : '0000'}`;
    const auditBefore = kiosk.staffConsole.staff.audit.all().length;
    const card = await toCollationEntry('sato-hanako');

    await page.getByLabel('照合番号B').fill(wrong);
    await page.getByRole('button', { name: 'カードに送信する' }).click();
    await page
      .getByRole('heading', { name: '照合番号Bで確認できませんでした（hanako）' })
      .waitFor({ timeout: 20_000 });
    await page.getByRole('alert').filter({ hasText: '再送信はしません' }).waitFor();
    const sent = verifies(card);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.aid).toBe(AID.CARD_SURFACE);
    const triesLeft = sent[0]!.entry.sw & 0x0f;
    expect(sent[0]!.entry.sw & 0xfff0).toBe(0x63c0);
    expect(await page.locator('.tries-left').textContent()).toBe(`残り${triesLeft}回`);
    // No field to type another number in.
    expect(await page.getByLabel('照合番号B').count()).toBe(0);

    // Staff step back and sign in again: the entry is not offered again, nothing more is sent.
    await page.getByRole('button', { name: '戻る' }).click();
    await page.getByRole('button', { name: '職員操作：目視確認' }).click();
    await page.getByLabel('パスコード').fill(PASSCODE);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('heading', { name: '目視確認（hanako）' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.chip-photo-missing').count()).toBe(1);
    await page.getByRole('button', { name: '確認できない' }).click();
    await page.getByRole('button', { name: '職員操作：目視確認' }).waitFor();
    expect(verifies(card)).toHaveLength(1);

    const audit = kiosk.staffConsole.staff.audit.all().slice(auditBefore);
    expect(audit.map((row) => `${row.action}:${row.outcome}`)).toEqual([
      'visual-check.start:ok',
      'visual-check.collation-number:refused',
      'visual-check.start:ok',
      'visual-check.refuse:ok',
    ]);
    expect(JSON.parse(audit[1]!.detail ?? '{}')).toEqual({
      code: 'card-face.staff-entry-rejected',
      triesLeft,
    });
    expect(JSON.stringify(audit) + kiosk.logLines.join('\n')).not.toMatch(new RegExp(`${wrong}|${right}`));
    kiosk.world.controls.removeCard();
  });
});
